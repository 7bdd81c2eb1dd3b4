# S-JEPA fine-tuning (../../_base_/benchmarks/
# finetune_transformer_300e.py: 300 epochs, batch 256)
# on NTU60 X-View. Weights: --pretrained (tools/benchmark.py passes the
# encoder of the pretraining checkpoint).
_base_ = ['../../_base_/benchmarks/finetune_transformer_300e.py',
          '../../_base_/datasets/ntu60_xview.py']
model = dict(cls_head=dict(num_classes=_base_.num_classes))
train_dataloader = dict(batch_size=32)
