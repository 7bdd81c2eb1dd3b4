# SkeletonMAE fine-tuning with fewer labels on NTU120 X-Sub (paper section 4.4,
# Table 5: 10 % -> 61.8): the fine-tuning recipe
# (finetune_sttformer_1xb64-200e_ntu120-xsub.py) on a class-balanced 10 % of the
# training labels (LabelFractionSubset, seed 0; identical on every rank,
# ids saved), no validation (the last epoch is reported). Other seeds:
# tools/benchmark.py --protocols semi-10 --seeds 0,1,2 (mean +- std) or
# --cfg-options train_dataloader.dataset.seed=S.
_base_ = ['./finetune_sttformer_1xb64-200e_ntu120-xsub.py']
train_dataloader = dict(dataset=dict(
    _delete_=True, type='LabelFractionSubset', fraction=0.1,
    seed=0, dataset=_base_.train_dataloader.dataset))
val_dataloader = val_cfg = val_evaluator = None
