"""Kinect v2 layout with 25 joints: NTU RGB+D 60/120 and PKU-MMD I/II."""
from skelbench.registry import LAYOUTS

from .skeleton_layout import SkeletonLayout, parents_from_edges

NTU_JOINT_NAMES = (
    'spine_base', 'spine_mid', 'neck', 'head', 'shoulder_left',
    'elbow_left', 'wrist_left', 'hand_left', 'shoulder_right', 'elbow_right',
    'wrist_right', 'hand_right', 'hip_left', 'knee_left', 'ankle_left',
    'foot_left', 'hip_right', 'knee_right', 'ankle_right', 'foot_right',
    'spine_shoulder', 'hand_tip_left', 'thumb_left', 'hand_tip_right',
    'thumb_right')

# (child, parent), 1-based: the inward edges of ST-GCN / 2s-AGCN, rooted at
# joint 21 (spine shoulder).
NTU_BONES = [(1, 2), (2, 21), (3, 21), (4, 3), (5, 21), (6, 5), (7, 6),
             (8, 7), (9, 21), (10, 9), (11, 10), (12, 11), (13, 1), (14, 13),
             (15, 14), (16, 15), (17, 1), (18, 17), (19, 18), (20, 19),
             (22, 23), (23, 8), (24, 25), (25, 12)]


@LAYOUTS.register_module(name='nturgb+d')
class NTURGBDLayout(SkeletonLayout):
    """NTU RGB+D / PKU-MMD 25-joint Kinect v2 skeleton.

    Centre (graph) = spine shoulder (20); origin = middle of the spine (1),
    the joint MAMP subtracts; vertical axis = spine base -> middle of the
    spine (0 -> 1) and shoulder line = right -> left shoulder (8 -> 4), as
    in 2s-AGCN's preprocessing.
    """

    def __init__(self):
        super().__init__(
            name='nturgb+d',
            joint_names=NTU_JOINT_NAMES,
            parents=parents_from_edges(25, NTU_BONES),
            left_right_pairs=[(4, 8), (5, 9), (6, 10), (7, 11), (21, 23),
                              (22, 24), (12, 16), (13, 17), (14, 18),
                              (15, 19)],
            center=20,
            origin=1,
            vertical_axis=(0, 1),
            shoulder_line=(8, 4))
