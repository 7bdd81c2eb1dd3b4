# The synthetic cross-subject data with a tracker-like noise model and
# less idle time, closer to NW-UCLA on the jitter, spectrum and idle
# statistics (docs/synthetic_data.md): 2 mm white jitter plus 1 cm of
# joint error correlated over ~3 frames instead of 1 cm white jitter,
# fewer dropped joints, sequences of 24-60 frames whose action fills at
# least 60 % of the frames.
_base_ = ['./synthetic_xsub.py']
generator = dict(seed=0, noise_std=0.002, tracking_noise_std=0.01,
                 tracking_noise_frames=3., min_frames=24, max_frames=60,
                 min_action_share=0.6, drop_joint_prob=0.01)
train_dataloader = dict(dataset=dict(generator=generator))
val_dataloader = dict(dataset=dict(generator=generator))
test_dataloader = val_dataloader
