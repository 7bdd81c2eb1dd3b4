# Gong et al. fine-tuning = MAMP's recipe (../../_base_/benchmarks/
# finetune_transformer.py: 100 epochs, batch 48, lr 3e-4, layer decay 0.8)
# on PKU-MMD II X-Sub (the transfer target). Weights: --pretrained (tools/benchmark.py passes the
# encoder of the pretraining checkpoint).
_base_ = ['../../_base_/benchmarks/finetune_transformer.py',
          '../../_base_/datasets/pku2_xsub.py']
model = dict(cls_head=dict(num_classes=_base_.num_classes))
train_dataloader = dict(batch_size=24)
