# MAMP / Gong et al. linear evaluation on NTU120 X-Set: the NTU60
# X-Sub protocol (frozen 8 x 256 encoder, SGD lr 0.1 cosine, 100 epochs).
_base_ = ['./linear-probe_transformer_2xb128-100e_ntu60-xsub.py']
train_dataloader = dict(dataset=dict(
    ann_file='data/ntu120/ntu120_3danno.pkl', split='xset_train'))
val_dataloader = dict(dataset=dict(
    ann_file='data/ntu120/ntu120_3danno.pkl', split='xset_val'))
test_dataloader = val_dataloader
model = dict(cls_head=dict(num_classes=120))
