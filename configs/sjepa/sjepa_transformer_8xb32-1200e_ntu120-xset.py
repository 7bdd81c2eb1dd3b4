# S-JEPA on ntu120-xset (as ntu120-xsub).
_base_ = ['./sjepa_transformer_8xb32-1200e_ntu120-xsub.py']
train_dataloader = dict(dataset=dict(split='xset_train'))
