# Linear probe (linear_probe_sttformer.py) of the CPU-sized STTFormer of
# skeleton_mae_sttformer_tiny.py (4 stages 32-32-64-64, all frozen).
_base_ = ['./linear_probe_sttformer.py']
tiny = [(32, 32, 8), (32, 32, 8), (32, 64, 16), (64, 64, 16)]
model = dict(backbone=dict(config=tiny, frozen_stages=4),
             cls_head=dict(in_channels=64))
