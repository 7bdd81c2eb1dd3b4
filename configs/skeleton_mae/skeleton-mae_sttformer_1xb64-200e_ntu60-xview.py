# SkeletonMAE on NTU60 X-View (as ntu60-xsub).
_base_ = ['./skeleton-mae_sttformer_1xb64-200e_ntu60-xsub.py']
train_dataloader = dict(dataset=dict(split='xview_train'))
