"""Unlabelled synthetic performances for self-supervised pretraining.

A generator, unlike a fixed dataset, can give pretraining many more
sequences than the labelled split has. :class:`UnlabelledPool` indexes a
virtual set of performances by subjects that are **not** in the labelled
dataset (ids ``num_subjects + 1 ...``, so neither its training nor its
evaluation subjects), each with its own body, style and camera setup, and
generates the ``n``-th sequence on demand (about a millisecond) from the
same random streams as :func:`~.generation.generate_synthetic_dataset`:
item ``n`` is the same array in every process, every epoch and after a
resume.

Item ``n`` is ``(subject, replication, action, camera)`` in mixed radix,
action fastest, then camera, replication and subject, so that any window
of consecutive items covers every action.
"""
from functools import lru_cache
from typing import Optional, Sequence, Union

from .actions import TWO_PERSON_CLASSES
from .generation import (_check_int, check_generator_args,
                         film_performance, partners)
from .scene import make_cameras, make_subject, setup_of


class UnlabelledPool:
    """``num_unlabelled_subjects`` generated subjects doing every action.

    The pool has ``num_unlabelled_subjects * repeats * len(classes) *
    num_cameras`` sequences. Interactions pair a subject with the next one
    of the pool. The items carry no ``label``.

    Args:
        num_subjects (int): Subjects of the labelled dataset; the pool's
            subjects are ``num_subjects + 1 ... num_subjects +
            num_unlabelled_subjects``.
        num_unlabelled_subjects (int): Subjects of the pool, >= 2.
        seed, repeats, num_cameras, min_frames, max_frames, noise_std,
            drop_joint_prob, classes, tracking_noise_std,
            tracking_noise_frames, min_action_share, secondary_motion: as
            :func:`~.generation.generate_synthetic_dataset` (the labelled
            dataset's values make the pool the same kind of data).
    """

    def __init__(self, num_subjects: int = 16,
                 num_unlabelled_subjects: int = 64, seed: int = 0,
                 repeats: int = 2, num_cameras: int = 3,
                 min_frames: int = 40, max_frames: int = 100,
                 noise_std: float = 0.01, drop_joint_prob: float = 0.02,
                 classes: Optional[Sequence[Union[str, int]]] = None,
                 tracking_noise_std: float = 0.,
                 tracking_noise_frames: float = 3.,
                 min_action_share: float = 0.2,
                 secondary_motion: float = 0.):
        a = check_generator_args(
            num_subjects=num_subjects, repeats=repeats, seed=seed,
            num_cameras=num_cameras, min_frames=min_frames,
            max_frames=max_frames, noise_std=noise_std,
            drop_joint_prob=drop_joint_prob, classes=classes,
            tracking_noise_std=tracking_noise_std,
            tracking_noise_frames=tracking_noise_frames,
            min_action_share=min_action_share,
            secondary_motion=secondary_motion)
        self.first = a['num_subjects'] + 1
        self.num_pool = _check_int('num_unlabelled_subjects',
                                   num_unlabelled_subjects, 2)
        self.seed, self.repeats = a['seed'], a['repeats']
        self.cameras = tuple(range(1, a['num_cameras'] + 1))
        self.names = a['classes']
        self.film_args = (a['min_frames'], a['max_frames'], a['noise_std'],
                          a['drop_joint_prob'], a['tracking_noise_std'],
                          a['tracking_noise_frames'], a['min_action_share'],
                          a['secondary_motion'])
        self.partner = partners(range(self.first,
                                      self.first + self.num_pool))

    def __len__(self) -> int:
        return (self.num_pool * self.repeats * len(self.names) *
                len(self.cameras))

    @lru_cache(maxsize=64)
    def _subject(self, s: int) -> dict:
        return make_subject(self.seed, s)

    def __getitem__(self, n: int) -> dict:
        """The ``n``-th sequence (an annotation without ``label``)."""
        if not 0 <= n < len(self):
            raise IndexError(f'unlabelled item {n} out of range '
                             f'[0, {len(self)})')
        n, action = divmod(int(n), len(self.names))
        n, cam = divmod(n, len(self.cameras))
        k, r = divmod(n, self.repeats)
        s = self.first + k
        name = self.names[action]
        bodies = [self._subject(s)]
        if name in TWO_PERSON_CLASSES:
            bodies.append(self._subject(self.partner[s]))
        rig = make_cameras(self.seed, setup_of(s))
        ann, = film_performance(
            self.seed, bodies, s, r + 1, action, name, rig,
            (self.cameras[cam],), *self.film_args)
        del ann['label']
        return ann
