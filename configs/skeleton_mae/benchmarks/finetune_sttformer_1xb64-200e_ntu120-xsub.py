# SkeletonMAE fine-tuning on NTU120 X-Sub, paper recipe (as ntu60-xsub).
# --pretrained from extract_backbone.py applied to
# skeleton-mae_sttformer_1xb64-200e_ntu120-xsub.py.
_base_ = ['./finetune_sttformer_1xb64-200e_ntu60-xsub.py']
train_dataloader = dict(dataset=dict(
    ann_file='data/ntu120/ntu120_3danno.pkl', split='xsub_train'))
val_dataloader = dict(dataset=dict(
    ann_file='data/ntu120/ntu120_3danno.pkl', split='xsub_val'))
test_dataloader = val_dataloader
model = dict(cls_head=dict(num_classes=120))
