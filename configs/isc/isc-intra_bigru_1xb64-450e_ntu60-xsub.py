# Intra-skeleton contrast (Thoker et al. Sec. 3.2, eq. 5): MoCo on the
# sequence representation alone (BiGRU query / momentum key encoders, its
# own queue of 16,384), same views, data and schedule as the inter-skeleton
# config isc_bigru-agcn_1xb64-450e_ntu60-xsub.py.
_base_ = ['./_base_paper.py',
          '../_base_/datasets/ntu60_xsub.py',
          '../_base_/schedules/isc_sgd_step_450e.py']
model = dict(cross_representation=None)
train_dataloader = dict(**_base_.pretrain_loader, dataset=dict(pipeline=[
    *_base_.isc_normalize, *_base_.isc_pretext]))
val_dataloader = test_dataloader = val_evaluator = test_evaluator = None
