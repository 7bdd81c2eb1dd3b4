# S-JEPA linear evaluation on NTU120 X-Sub: the NTU60 X-Sub protocol (300
# epochs, test crop 0.9, target encoder) on this split.
_base_ = ['./linear-probe_transformer_2xb128-300e_ntu60-xsub.py']
train_dataloader = dict(dataset=dict(
    ann_file='data/ntu120/ntu120_3danno.pkl', split='xsub_train'))
val_dataloader = dict(dataset=dict(
    ann_file='data/ntu120/ntu120_3danno.pkl', split='xsub_val'))
test_dataloader = val_dataloader
model = dict(cls_head=dict(num_classes=120))
