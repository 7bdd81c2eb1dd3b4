# The synthetic cross-subject data for self-supervised pretraining: the
# training subjects' sequences without their labels plus
# `num_unlabelled_subjects` generated subjects that are in neither split
# (SyntheticPretrainDataset). The pool holds 672 + 64 x 2 x 14 x 3 = 6,048
# sequences; an epoch keeps the size of xsub_train (672) and reads the next
# pool items, so 30 epochs read the pool 3.3 times (docs/synthetic_data.md).
# Validation, test, the kNN bank and the probes use the labelled splits of
# synthetic_xsub.py.
_base_ = ['./synthetic_xsub.py']
num_unlabelled_subjects = 64
train_dataloader = dict(dataset=dict(
    _delete_=True,
    type='SyntheticPretrainDataset',
    split='xsub_train',
    generator=_base_.generator,
    num_unlabelled_subjects=num_unlabelled_subjects,
    num_classes=_base_.num_classes,
    pipeline=_base_.train_pipeline))
