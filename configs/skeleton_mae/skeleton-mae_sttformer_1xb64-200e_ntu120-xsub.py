# SkeletonMAE on NTU120 X-Sub (as ntu60-xsub).
_base_ = ['./skeleton-mae_sttformer_1xb64-200e_ntu60-xsub.py']
train_dataloader = dict(
    dataset=dict(ann_file='data/ntu120/ntu120_3danno.pkl',
                 split='xsub_train'))
