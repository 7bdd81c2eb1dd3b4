# SkeletonMAE on NTU120 X-Set (as ntu60-xsub).
_base_ = ['./skeleton-mae_sttformer_1xb64-200e_ntu120-xsub.py']
train_dataloader = dict(dataset=dict(split='xset_train'))
