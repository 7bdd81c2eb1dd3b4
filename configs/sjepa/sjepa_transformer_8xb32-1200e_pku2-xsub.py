# S-JEPA on pku2-xsub (as pku1-xsub).
_base_ = ['./sjepa_transformer_8xb32-1200e_pku1-xsub.py']
train_dataloader = dict(
    dataset=dict(ann_file='data/pku_mmd2/pku_mmd2_3danno.pkl'))
