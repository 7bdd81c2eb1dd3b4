"""The skeleton layout: one definition of a joint set used everywhere.

A :class:`SkeletonLayout` holds everything that depends on which joints a
dataset has: joint names, the kinematic tree (each joint's parent, which
gives both the graph edges and the bone vectors), left/right joint pairs
(for flips) and left/right side sets (for side drops), the graph centre
joint, the body origin used for translation normalisation, and the joints
defining the body's vertical axis and shoulder line (for rotation
normalisation). Graph models, bone features, flips, side drops and masks
all read the same object, so a new layout is defined once.
"""
from functools import cached_property
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np

from skelbench.registry import LAYOUTS


@LAYOUTS.register_module()
class SkeletonLayout:
    """A skeleton layout with ``V`` joints (all indices 0-based).

    Args:
        name (str): Name of the layout, e.g. ``'nturgb+d'``.
        joint_names (Sequence[str]): ``V`` joint names.
        parents (Sequence[int]): ``V`` parent indices; the root joint has
            ``-1``. Bone ``v`` is the vector ``x[v] - x[parents[v]]`` (zero
            for the root), as in 2s-AGCN.
        left_right_pairs (Sequence[Tuple[int, int]]): ``(left, right)``
            joint pairs swapped by a horizontal flip.
        center (int): Graph centre joint (ST-GCN's spatial partition).
        origin (int): Joint subtracted to centre a sequence (MAMP: the
            middle of the spine).
        vertical_axis (Tuple[int, int]): ``(bottom, top)`` joints whose
            difference is the body's vertical axis (2s-AGCN: hip -> spine).
        shoulder_line (Tuple[int, int]): ``(right, left)`` shoulders; their
            difference is the body's horizontal (x) axis.
        left_side (Sequence[int], optional): Joints of the left side of the
            body (arms and legs). Defaults to the left joints of the pairs.
        right_side (Sequence[int], optional): Same for the right side.
        extra_edges (Sequence[Tuple[int, int]]): Graph edges not in the tree.
    """

    def __init__(self,
                 name: str,
                 joint_names: Sequence[str],
                 parents: Sequence[int],
                 left_right_pairs: Sequence[Tuple[int, int]],
                 center: int,
                 origin: int,
                 vertical_axis: Tuple[int, int],
                 shoulder_line: Tuple[int, int],
                 left_side: Optional[Sequence[int]] = None,
                 right_side: Optional[Sequence[int]] = None,
                 extra_edges: Sequence[Tuple[int, int]] = ()):
        self.name = str(name)
        self.joint_names = tuple(joint_names)
        self.parents = tuple(int(p) for p in parents)
        self.left_right_pairs = tuple(
            (int(a), int(b)) for a, b in left_right_pairs)
        self.center = int(center)
        self.origin = int(origin)
        self.vertical_axis = tuple(int(j) for j in vertical_axis)
        self.shoulder_line = tuple(int(j) for j in shoulder_line)
        self.left_side = tuple(
            sorted(a for a, _ in self.left_right_pairs)
            if left_side is None else (int(j) for j in left_side))
        self.right_side = tuple(
            sorted(b for _, b in self.left_right_pairs)
            if right_side is None else (int(j) for j in right_side))
        self.extra_edges = tuple((int(a), int(b)) for a, b in extra_edges)
        self._validate()

    # ------------------------------------------------------------------
    def _validate(self) -> None:
        V = self.num_joints

        def err(msg):
            raise ValueError(f'Skeleton layout {self.name!r}: {msg}')

        if V == 0:
            err('joint_names is empty')
        if len(self.parents) != V:
            err(f'parents has {len(self.parents)} entries for {V} joints')
        roots = [v for v, p in enumerate(self.parents) if p < 0]
        if len(roots) != 1:
            err(f'exactly one root joint (parent -1) is required, got '
                f'{roots}')
        for v, p in enumerate(self.parents):
            if p >= V or p == v:
                err(f'joint {v} has an invalid parent {p}')
        # every joint must reach the root without a cycle
        for v in range(V):
            seen, j = set(), v
            while j >= 0:
                if j in seen:
                    err(f'the parents of joint {v} form a cycle')
                seen.add(j)
                j = self.parents[j]
        idx_fields = dict(center=[self.center], origin=[self.origin],
                          vertical_axis=self.vertical_axis,
                          shoulder_line=self.shoulder_line,
                          left_side=self.left_side,
                          right_side=self.right_side,
                          left_right_pairs=[j for p in self.left_right_pairs
                                            for j in p],
                          extra_edges=[j for e in self.extra_edges
                                       for j in e])
        for field, idx in idx_fields.items():
            bad = [j for j in idx if not 0 <= j < V]
            if bad:
                err(f'{field} has joint indices {bad} outside [0, {V})')
        if len(self.vertical_axis) != 2 or len(self.shoulder_line) != 2:
            err('vertical_axis and shoulder_line need two joints each')
        if set(self.left_side) & set(self.right_side):
            err('left_side and right_side overlap: '
                f'{sorted(set(self.left_side) & set(self.right_side))}')
        flat = [j for p in self.left_right_pairs for j in p]
        if len(flat) != len(set(flat)):
            err('a joint appears in more than one left/right pair')

    # ------------------------------------------------------------------
    @property
    def num_joints(self) -> int:
        return len(self.joint_names)

    @property
    def root(self) -> int:
        return self.parents.index(-1)

    @cached_property
    def bone_pairs(self) -> Tuple[Tuple[int, int], ...]:
        """``(child, parent)`` pairs of the ``V - 1`` bones of the tree."""
        return tuple((v, p) for v, p in enumerate(self.parents) if p >= 0)

    @cached_property
    def edges(self) -> Tuple[Tuple[int, int], ...]:
        """Undirected graph edges ``(child, parent)``: bones + extra."""
        return self.bone_pairs + self.extra_edges

    @cached_property
    def parent_index(self) -> np.ndarray:
        """``(V,)`` int array; the root points at itself (zero bone)."""
        idx = np.array(self.parents, dtype=np.int64)
        idx[idx < 0] = self.root
        return idx

    @cached_property
    def flip_index(self) -> np.ndarray:
        """``(V,)`` permutation that swaps every left/right pair."""
        perm = np.arange(self.num_joints)
        for a, b in self.left_right_pairs:
            perm[a], perm[b] = b, a
        return perm

    @cached_property
    def hop_distance(self) -> np.ndarray:
        """``(V, V)`` shortest-path hop counts on the graph (inf if none)."""
        V = self.num_joints
        adj = np.zeros((V, V), dtype=bool)
        for a, b in self.edges:
            adj[a, b] = adj[b, a] = True
        dist = np.full((V, V), np.inf)
        np.fill_diagonal(dist, 0)
        reach = np.eye(V, dtype=bool)
        step = np.eye(V, dtype=bool)
        for hop in range(1, V):
            step = (step.astype(np.int32) @ adj.astype(np.int32)) > 0
            new = step & ~reach
            if not new.any():
                break
            dist[new] = hop
            reach |= new
        return dist

    def adjacency(self, self_loops: bool = True,
                  normalize: Optional[str] = None) -> np.ndarray:
        """``(V, V)`` float32 adjacency matrix of the skeleton graph.

        Args:
            self_loops (bool): Add the identity.
            normalize (str, optional): ``None``, ``'column'`` (``A D^-1``,
                ST-GCN) or ``'symmetric'`` (``D^-1/2 A D^-1/2``).
        """
        V = self.num_joints
        A = np.zeros((V, V), dtype=np.float32)
        for a, b in self.edges:
            A[a, b] = A[b, a] = 1
        if self_loops:
            A += np.eye(V, dtype=np.float32)
        if normalize is None:
            return A
        deg = A.sum(0)
        inv = np.where(deg > 0, 1.0 / np.maximum(deg, 1e-12), 0)
        if normalize == 'column':
            return (A * inv[None, :]).astype(np.float32)
        if normalize == 'symmetric':
            s = np.sqrt(inv)
            return (s[:, None] * A * s[None, :]).astype(np.float32)
        raise ValueError(f'unknown normalize={normalize!r}; use None, '
                         "'column' or 'symmetric'")

    def spatial_partition(self) -> np.ndarray:
        """``(3, V, V)`` ST-GCN "spatial" partition of the 1-hop graph.

        Subsets: root (self), centripetal (neighbour closer to the centre)
        and centrifugal (farther), each column-normalised by the degree of
        the normalised 1-hop adjacency (Yan et al., AAAI'18, eq. 8).
        """
        V = self.num_joints
        hop = self.hop_distance
        A = self.adjacency(self_loops=True, normalize='column')
        to_center = hop[:, self.center]
        out = np.zeros((3, V, V), dtype=np.float32)
        ii, jj = np.nonzero(hop <= 1)
        closer = to_center[jj] == to_center[ii]
        nearer = to_center[ii] > to_center[jj]
        out[0, ii[closer], jj[closer]] = A[ii[closer], jj[closer]]
        out[1, ii[nearer], jj[nearer]] = A[ii[nearer], jj[nearer]]
        farther = ~(closer | nearer)
        out[2, ii[farther], jj[farther]] = A[ii[farther], jj[farther]]
        return out

    def to_dict(self) -> Dict:
        return dict(type='SkeletonLayout', name=self.name,
                    joint_names=list(self.joint_names),
                    parents=list(self.parents),
                    left_right_pairs=[list(p) for p in self.left_right_pairs],
                    center=self.center, origin=self.origin,
                    vertical_axis=list(self.vertical_axis),
                    shoulder_line=list(self.shoulder_line),
                    left_side=list(self.left_side),
                    right_side=list(self.right_side),
                    extra_edges=[list(e) for e in self.extra_edges])

    def __eq__(self, other) -> bool:
        return isinstance(other, SkeletonLayout) and \
            self.to_dict() == other.to_dict()

    def __hash__(self) -> int:
        return hash((self.name, self.parents))

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(name={self.name!r}, '
                f'num_joints={self.num_joints})')


def parents_from_edges(num_joints: int,
                       child_parent: List[Tuple[int, int]],
                       one_based: bool = True) -> List[int]:
    """Build a parent list from ``(child, parent)`` bone pairs."""
    off = 1 if one_based else 0
    parents = [-1] * num_joints
    for child, parent in child_parent:
        if parents[child - off] != -1:
            raise ValueError(f'joint {child} has two parents')
        parents[child - off] = parent - off
    return parents
