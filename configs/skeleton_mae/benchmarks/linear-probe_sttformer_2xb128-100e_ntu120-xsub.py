# SkeletonMAE linear evaluation on NTU120 X-Sub (as ntu60-xsub).
_base_ = ['./linear-probe_sttformer_2xb128-100e_ntu60-xsub.py']
train_dataloader = dict(dataset=dict(
    ann_file='data/ntu120/ntu120_3danno.pkl', split='xsub_train'))
val_dataloader = dict(dataset=dict(
    ann_file='data/ntu120/ntu120_3danno.pkl', split='xsub_val'))
test_dataloader = val_dataloader
model = dict(cls_head=dict(num_classes=120))
