# Gong et al. on pku2-xsub (as pku1-xsub).
_base_ = ['./nat-contrast_transformer_4xb32-400e_pku1-xsub.py']
train_dataloader = dict(
    dataset=dict(ann_file='data/pku_mmd2/pku_mmd2_3danno.pkl'))
