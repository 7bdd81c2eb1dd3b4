# ISC (inter-skeleton, BiGRU + AGCN) on PKU-MMD I X-Sub, the paper recipe
# (_base_paper.py, 600 epochs); no validation: evaluate with
# benchmarks/linear-probe_isc_bigru_1xb64-80e_pku1-xsub.py.
_base_ = ['./_base_paper.py',
          '../_base_/datasets/pku1_xsub.py',
          '../_base_/schedules/isc_sgd_step_600e.py']
model = dict(queue_len=8192)  # the paper's |N| for this dataset
train_dataloader = dict(**_base_.pretrain_loader, dataset=dict(pipeline=[
    *_base_.isc_normalize, *_base_.isc_pretext]))
val_dataloader = test_dataloader = val_evaluator = test_evaluator = None
