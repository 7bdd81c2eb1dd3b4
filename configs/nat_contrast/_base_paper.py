# Gong et al. (AAAI'24), paper recipe without the data: MAMP's model,
# masking and schedule (8 x 256 encoder, decoder 3 (NTU60) / 5, 400 epochs,
# batch 32 x 4, AdamW lr 1e-3 -> 5e-4) with the joint target normalised by
# NAT (eq. 5) and a momentum encoder (mu = 0.999) on the unmasked sequence;
# InfoNCE (tau 0.07) of GAP(online visible tokens) vs GAP(momentum) with
# N_Q = 65536 queued negatives; L = L_r + 1e-4 L_c. Only the online encoder
# is kept. The *_4xb32-400e_<dataset>.py configs add a dataset base and
# compose the pipeline: [*ssl_head (dataset), mask_cfg, *pretext (model)].
_base_ = [
    '../_base_/models/nat_contrast_transformer.py',
    '../_base_/schedules/mamp_adamw_cosine_400e.py',
    '../_base_/default_runtime.py',
]
pretrain_loader = dict(batch_size=32, num_workers=10,
                       persistent_workers=True, drop_last=True)
default_hooks = dict(checkpoint=dict(interval=20, save_best=None))
find_unused_parameters = True  # as MAMP's DDP
