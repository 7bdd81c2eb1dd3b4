# Gong et al. fine-tuning = MAMP's recipe (../../_base_/benchmarks/
# finetune_transformer.py: 100 epochs, batch 48, lr 3e-4, layer decay 0.8)
# on NTU120 X-Sub. Weights: --pretrained (tools/benchmark.py passes the
# encoder of the pretraining checkpoint).
_base_ = ['../../_base_/benchmarks/finetune_transformer.py',
          '../../_base_/datasets/ntu120_xsub.py']
model = dict(cls_head=dict(num_classes=_base_.num_classes))
train_dataloader = dict(batch_size=24)
