# PKU-MMD phase II (nturgb+d layout, 41 classes), cross-subject split;
# pipelines and loaders as ntu60_xsub.py.
_base_ = ['./ntu60_xsub.py']
ann_file, num_classes = 'data/pku_mmd2/pku_mmd2_3danno.pkl', 41
# the file and class count of every loader's dataset
dataset_fields = dict(
    dataset=dict(ann_file=ann_file, num_classes=num_classes))
train_dataloader = val_dataloader = test_dataloader = dataset_fields
