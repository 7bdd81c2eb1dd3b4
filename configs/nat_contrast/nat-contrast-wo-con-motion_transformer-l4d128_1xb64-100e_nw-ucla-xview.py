# Gong et al.'s Table 5, row "Motion" on NW-UCLA: MAMP's motion target
# normalised per segment (eq. 6), no contrastive term; everything else as
# nat-contrast-wo-con_transformer-l4d128_1xb64-100e_nw-ucla-xview.py.
_base_ = [
    './nat-contrast-wo-con_transformer-l4d128_1xb64-100e_nw-ucla-xview.py']
train_dataloader = dict(dataset=dict(pipeline=[
    *_base_.masked_clip,
    dict(_base_.target_cfg, source='motion', norm='segment'),
    _base_.pack_cfg]))
