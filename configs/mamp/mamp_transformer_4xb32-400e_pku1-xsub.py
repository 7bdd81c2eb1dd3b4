# MAMP on PKU-MMD I X-Sub: tau 0.8, decoder depth 5. PKU has no centring
# in MAMP's preprocessing (CenterSkeleton is a translation only).
_base_ = ['./mamp_transformer_4xb32-400e_ntu60-xsub.py']
train_dataloader = dict(
    dataset=dict(ann_file='data/pku_mmd1/pku_mmd1_3danno.pkl',
                 split='xsub_train'))
model = dict(neck=dict(depth=5))
