# SkeletonMAE fine-tuning on NTU60 X-View, paper recipe (as ntu60-xsub).
# --pretrained from extract_backbone.py applied to
# skeleton-mae_sttformer_1xb64-200e_ntu60-xview.py.
_base_ = ['./finetune_sttformer_1xb64-200e_ntu60-xsub.py']
train_dataloader = dict(dataset=dict(split='xview_train'))
val_dataloader = dict(dataset=dict(split='xview_val'))
test_dataloader = val_dataloader
