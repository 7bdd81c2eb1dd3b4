# Gong et al. (AAAI'24): MAMP's encoder / decoder (mamp_transformer.py)
# reconstructing the joint target normalised by NAT (eq. 5), plus InfoNCE
# (tau 0.07) of GAP(online visible tokens) against a momentum encoder
# (mu = 0.999) on the unmasked sequence with N_Q = 65536 queued negatives;
# L = L_r + 1e-4 L_c (eq. 10). MomentumUpdateHook steps the EMA encoder.
_base_ = ['./mamp_transformer.py']
model = dict(
    type='NATContrast',
    contrast_head=dict(type='ContrastiveHead',
                       loss=dict(type='InfoNCELoss', temperature=0.07,
                                 loss_weight=1e-4)),
    queue_len=65536,
    base_momentum=0.999, end_momentum=0.999)
custom_hooks = [dict(type='MomentumUpdateHook')]
# target variants: joint (norm='segment', eq. 4), joint + NAT (this),
# motion (source='motion', norm='segment', eq. 6)
target_cfg = dict(_base_.target_cfg, source='joint', norm='nat')
pretext = [target_cfg, _base_.pack_cfg]
