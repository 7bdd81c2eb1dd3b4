# Gong et al. on NTU60 X-View (as ntu60-xsub).
_base_ = ['./nat-contrast_transformer_4xb32-400e_ntu60-xsub.py']
train_dataloader = dict(dataset=dict(split='xview_train'))
