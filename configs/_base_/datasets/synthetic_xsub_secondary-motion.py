# The synthetic cross-subject data with the secondary motion of the body
# (trunk, head and the limbs the action leaves free move with the action,
# differently per performer and repetition; generator argument
# secondary_motion, docs/synthetic_data.md): more of the body moves, as on
# NW-UCLA (joint_motion_ratio 0.26 against 0.15 without it, 0.45 there).
_base_ = ['./synthetic_xsub.py']
generator = dict(seed=0, secondary_motion=2.)
train_dataloader = dict(dataset=dict(generator=generator))
val_dataloader = dict(dataset=dict(generator=generator))
test_dataloader = val_dataloader
