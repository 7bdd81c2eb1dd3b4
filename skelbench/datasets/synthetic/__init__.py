"""Procedural synthetic skeleton actions (built-in demo data, no download).

:func:`generate_synthetic_dataset` builds a small, fully procedural action
dataset that needs no download and ships no file: every sample is computed
from joint-angle trajectories through a 25-joint Kinect v2 kinematic chain
(the NTU RGB+D layout, ``get_layout('nturgb+d')``) and returned in the
standard annotation format that NTU RGB+D pickles use. The modules, in the
order a sample is made:

* :mod:`.kinematics`: the body model (kinematic tree, rest offsets, pose
  channels, forward kinematics, foot contact).
* :mod:`.envelopes`: smooth weights over the action's progress.
* :mod:`.actions`: the 14 classes (:data:`SYNTHETIC_CLASSES`) and their
  templates.
* :mod:`.performance`: the motion of one subject (or pair) doing an
  action: timing, amplitude, idle motion, free arms, steps.
* :mod:`.scene`: subjects, camera setups, filming a performance with
  sensor noise and dropped joints.
* :mod:`.generation`: the dataset: every subject performs every action,
  filmed by every camera; the splits.
* :mod:`.random_streams`: the seeded random streams of all of them.
* :mod:`.unlabelled`: more generated subjects, outside the labelled
  dataset, for unlabelled pretraining (``SyntheticPretrainDataset``).

Everything is deterministic for a seed: the random numbers of a subject,
a setup, a performance and a view come from their own stream, so a sample
does not depend on how many subjects or classes are generated alongside
it (except for the partner of an interaction, drawn from the subject's
half of the xsub split), and the global NumPy random state is never used.
"""
from .actions import SYNTHETIC_CLASSES, TWO_PERSON_CLASSES
from .generation import generate_synthetic_dataset
from .scene import CAMERA_AZIMUTHS, xsub_train_subjects

__all__ = [
    'SYNTHETIC_CLASSES', 'TWO_PERSON_CLASSES', 'CAMERA_AZIMUTHS',
    'generate_synthetic_dataset', 'xsub_train_subjects'
]
