# MAMP on PKU-MMD II X-Sub: tau 0.8, decoder depth 5.
_base_ = ['./mamp_transformer_4xb32-400e_ntu60-xsub.py']
train_dataloader = dict(
    dataset=dict(ann_file='data/pku_mmd2/pku_mmd2_3danno.pkl',
                 split='xsub_train'))
model = dict(neck=dict(depth=5))
