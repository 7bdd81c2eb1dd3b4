"""Kinect v1 layout with 20 joints: NW-UCLA Multiview Action 3D."""
from skelbench.registry import LAYOUTS

from .skeleton_layout import SkeletonLayout, parents_from_edges

NW_UCLA_JOINT_NAMES = (
    'hip_center', 'spine', 'shoulder_center', 'head', 'shoulder_left',
    'elbow_left', 'wrist_left', 'hand_left', 'shoulder_right', 'elbow_right',
    'wrist_right', 'hand_right', 'hip_left', 'knee_left', 'ankle_left',
    'foot_left', 'hip_right', 'knee_right', 'ankle_right', 'foot_right')

# (child, parent), 1-based, as listed with the dataset (root: shoulder centre)
NW_UCLA_BONES = [(1, 2), (2, 3), (4, 3), (5, 3), (6, 5), (7, 6), (8, 7),
                 (9, 3), (10, 9), (11, 10), (12, 11), (13, 1), (14, 13),
                 (15, 14), (16, 15), (17, 1), (18, 17), (19, 18), (20, 19)]


@LAYOUTS.register_module(name='nw-ucla')
class NWUCLALayout(SkeletonLayout):
    """NW-UCLA 20-joint Kinect v1 skeleton.

    Centre (graph) = shoulder centre (2); origin = spine (1); vertical axis
    = hip centre -> spine (0 -> 1); shoulder line = right -> left shoulder
    (8 -> 4).
    """

    def __init__(self):
        super().__init__(
            name='nw-ucla',
            joint_names=NW_UCLA_JOINT_NAMES,
            parents=parents_from_edges(20, NW_UCLA_BONES),
            left_right_pairs=[(4, 8), (5, 9), (6, 10), (7, 11), (12, 16),
                              (13, 17), (14, 18), (15, 19)],
            center=2,
            origin=1,
            vertical_axis=(0, 1),
            shoulder_line=(8, 4))
