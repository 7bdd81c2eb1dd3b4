# S-JEPA on NTU60 X-View (as ntu60-xsub).
_base_ = ['./sjepa_transformer_8xb32-1200e_ntu60-xsub.py']
train_dataloader = dict(dataset=dict(split='xview_train'))
