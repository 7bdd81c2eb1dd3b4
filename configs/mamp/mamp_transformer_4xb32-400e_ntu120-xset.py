# MAMP on NTU120 X-Set (as ntu120-xsub).
_base_ = ['./mamp_transformer_4xb32-400e_ntu120-xsub.py']
train_dataloader = dict(dataset=dict(split='xset_train'))
