# Gong et al. semi-supervised evaluation on NTU60 X-View: the fine-tuning
# recipe (finetune_nat-contrast_transformer_2xb24-100e_ntu60-xview.py) on a
# class-balanced 10 % of the training labels (LabelFractionSubset, seed 0;
# identical on every rank, ids saved), no validation (the last epoch is
# reported). The paper averages 5 runs: tools/benchmark.py --protocols
# semi-10 --seeds 0,1,2,3,4 (mean +- std), or --cfg-options
# train_dataloader.dataset.seed=S.
_base_ = ['./finetune_nat-contrast_transformer_2xb24-100e_ntu60-xview.py']
train_dataloader = dict(dataset=dict(
    _delete_=True, type='LabelFractionSubset', fraction=0.1,
    seed=0, dataset=_base_.train_dataloader.dataset))
val_dataloader = val_cfg = val_evaluator = None
