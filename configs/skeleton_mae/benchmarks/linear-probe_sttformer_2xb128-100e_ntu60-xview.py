# SkeletonMAE linear evaluation on NTU60 X-View (as ntu60-xsub).
_base_ = ['./linear-probe_sttformer_2xb128-100e_ntu60-xsub.py']
train_dataloader = dict(dataset=dict(split='xview_train'))
val_dataloader = dict(dataset=dict(split='xview_val'))
test_dataloader = val_dataloader
