# Gong et al. on ntu120-xset (as ntu120-xsub).
_base_ = ['./nat-contrast_transformer_4xb32-400e_ntu120-xsub.py']
train_dataloader = dict(dataset=dict(split='xset_train'))
