# NTU RGB+D 60, cross-view split (cameras 2, 3 train / camera 1 test);
# everything else as ntu60_xsub.py.
_base_ = ['./ntu60_xsub.py']
train_dataloader = dict(dataset=dict(split='xview_train'))
val_dataloader = test_dataloader = dict(dataset=dict(split='xview_val'))
