# SkeletonMAE fine-tuning with fewer labels on NTU60 X-View (paper section 4.4,
# Table 5: 5 % -> 68.8): the fine-tuning recipe
# (finetune_sttformer_1xb64-200e_ntu60-xview.py) on a class-balanced 5 % of the
# training labels (LabelFractionSubset, seed 0; identical on every rank,
# ids saved), no validation (the last epoch is reported). Other seeds:
# tools/benchmark.py --protocols semi-5 --seeds 0,1,2 (mean +- std) or
# --cfg-options train_dataloader.dataset.seed=S.
_base_ = ['./finetune_sttformer_1xb64-200e_ntu60-xview.py']
train_dataloader = dict(dataset=dict(
    _delete_=True, type='LabelFractionSubset', fraction=0.05,
    seed=0, dataset=_base_.train_dataloader.dataset))
val_dataloader = val_cfg = val_evaluator = None
