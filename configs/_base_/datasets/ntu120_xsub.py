# NTU RGB+D 120 (120 classes), cross-subject split. MAMP's NTU120 data
# repeats a single actor into the second slot ('loop') for pretraining.
# Everything else as ntu60_xsub.py.
_base_ = ['./ntu60_xsub.py']
ann_file, num_classes = 'data/ntu120/ntu120_3danno.pkl', 120
ssl_head = [*_base_.augment,
            dict(type='FormatPersons', num_persons=2, mode='loop')]
# the file and class count of every loader's dataset
dataset_fields = dict(
    dataset=dict(ann_file=ann_file, num_classes=num_classes))
train_dataloader = val_dataloader = test_dataloader = dataset_fields
