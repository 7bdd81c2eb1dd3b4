# PKU-MMD phase I (nturgb+d layout, 51 classes), cross-subject split;
# pipelines and loaders as ntu60_xsub.py (MAMP: no other preprocessing).
_base_ = ['./ntu60_xsub.py']
ann_file, num_classes = 'data/pku_mmd1/pku_mmd1_3danno.pkl', 51
# the file and class count of every loader's dataset
dataset_fields = dict(
    dataset=dict(ann_file=ann_file, num_classes=num_classes))
train_dataloader = val_dataloader = test_dataloader = dataset_fields
