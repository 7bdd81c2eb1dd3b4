# NTU RGB+D 120, cross-setup split (even setup ids train / odd test);
# everything else as ntu120_xsub.py.
_base_ = ['./ntu120_xsub.py']
train_dataloader = dict(dataset=dict(split='xset_train'))
val_dataloader = test_dataloader = dict(dataset=dict(split='xset_val'))
