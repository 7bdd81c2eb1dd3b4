# Semi-supervised (Thoker et al. Table 2): the fine-tuning recipe
# (finetune_isc_bigru_1xb64-80e_ntu60-xview.py)
# on a class-balanced 5 % of the training labels
# (LabelFractionSubset, seed 0), no validation (the last epoch is reported).
# The paper averages five random subsets: --cfg-options
# train_dataloader.dataset.seed=S, or tools/benchmark.py --protocols
# semi-5 --seeds 0,1,2,3,4.
_base_ = ['./finetune_isc_bigru_1xb64-80e_ntu60-xview.py']
train_dataloader = dict(dataset=dict(
    _delete_=True, type='LabelFractionSubset', fraction=0.05,
    seed=0, dataset=_base_.train_dataloader.dataset))
val_dataloader = val_cfg = val_evaluator = None
