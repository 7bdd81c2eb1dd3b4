# Linear probe + kNN retrieval of the SkeletonMAE NW-UCLA encoder (the
# tiny STTFormer of skeleton-mae[-nat]_sttformer-tiny_1xb32-40e_nw-ucla-
# xview.py, T = 32 in tuples of 4) on views 1-2 -> 3: MAMP's protocol
# (frozen encoder, mean pool, BN without affine + Linear, SGD lr 0.1
# cosine, 100 epochs). Extract the encoder first:
#   python tools/model_converters/extract_backbone.py \
#       work_dirs/<pretrain>/epoch_40.pth skmae_backbone.pth
#   python tools/train.py THIS_CONFIG --pretrained skmae_backbone.pth
_base_ = ['../../_base_/models/linear_probe_sttformer_tiny.py',
          '../../_base_/datasets/nw_ucla_xview.py',
          '../../_base_/schedules/sgd_cosine_linear_probe.py',
          '../../_base_/default_runtime.py']
model = dict(backbone=dict(layout='nw-ucla'),
             cls_head=dict(num_classes=_base_.num_classes))
train_dataloader = dict(batch_size=64)
val_evaluator = test_evaluator = [
    *_base_.val_evaluator, dict(type='KNNMetric', topk=(1, 20))]
custom_hooks = [dict(type='KNNBankHook')]
