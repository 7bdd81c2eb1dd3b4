# MAMP (Mao et al., ICCV'23), paper recipe without the data (methods.md
# 1.3-1.4): SkeletonTransformer 8 x 256, decoder 256 wide (depth 3 on
# NTU60, 5 on NTU120 / PKU-MMD), motion-aware masking 0.9 (tau 0.8; 0.75 on
# NTU120), motion target normalised per segment, masked MSE; AdamW, 400
# epochs, batch 32 x 4 GPUs. The *_4xb32-400e_<dataset>.py configs add a
# dataset base and compose the pipeline:
#   [*ssl_head (dataset), mask_cfg, *pretext (model)]
_base_ = [
    '../_base_/models/mamp_transformer.py',
    '../_base_/schedules/mamp_adamw_cosine_400e.py',
    '../_base_/default_runtime.py',
]
pretrain_loader = dict(batch_size=32, num_workers=10,
                       persistent_workers=True, drop_last=True)
default_hooks = dict(checkpoint=dict(interval=20, save_best=None))
find_unused_parameters = True  # as MAMP's DDP
