# MAMP / Gong et al. linear evaluation on NTU60 X-View: the NTU60
# X-Sub protocol (frozen 8 x 256 encoder, SGD lr 0.1 cosine, 100 epochs).
_base_ = ['./linear-probe_transformer_2xb128-100e_ntu60-xsub.py']
train_dataloader = dict(dataset=dict(split='xview_train'))
val_dataloader = dict(dataset=dict(split='xview_val'))
test_dataloader = val_dataloader
