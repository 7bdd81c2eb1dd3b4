# S-JEPA linear evaluation on NTU60 X-View: the NTU60 X-Sub protocol (300
# epochs, test crop 0.9, target encoder) on this split.
_base_ = ['./linear-probe_transformer_2xb128-300e_ntu60-xsub.py']
train_dataloader = dict(dataset=dict(split='xview_train'))
val_dataloader = dict(dataset=dict(split='xview_val'))
test_dataloader = val_dataloader
