# ISC (inter-skeleton, BiGRU + AGCN) on NTU RGB+D 120 X-Setup, the paper recipe
# (_base_paper.py, 450 epochs); no validation: evaluate with
# benchmarks/linear-probe_isc_bigru_1xb64-80e_ntu120-xset.py.
_base_ = ['./_base_paper.py',
          '../_base_/datasets/ntu120_xset.py',
          '../_base_/schedules/isc_sgd_step_450e.py']
train_dataloader = dict(**_base_.pretrain_loader, dataset=dict(pipeline=[
    *_base_.isc_normalize, *_base_.isc_pretext]))
val_dataloader = test_dataloader = val_evaluator = test_evaluator = None
