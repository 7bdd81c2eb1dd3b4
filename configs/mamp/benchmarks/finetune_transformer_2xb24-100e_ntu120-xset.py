# MAMP fine-tuning (../../_base_/benchmarks/finetune_transformer.py)
# on NTU120 X-Set. Weights: --pretrained (tools/benchmark.py passes the
# encoder of the pretraining checkpoint).
_base_ = ['../../_base_/benchmarks/finetune_transformer.py',
          '../../_base_/datasets/ntu120_xset.py']
model = dict(cls_head=dict(num_classes=_base_.num_classes))
train_dataloader = dict(batch_size=24)
