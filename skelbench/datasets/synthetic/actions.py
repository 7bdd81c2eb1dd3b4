"""The 14 action classes and their templates.

Each template edits the pose(s) (:class:`~.kinematics.PoseTrack`) of a
performance given the progress ``u`` ``(T,)`` (``performance.timing``),
a generator and the amplitude factor ``amp``; it returns the support foot
and whether the feet are anchored, per body
(``kinematics.place_on_floor``).
"""
from typing import Callable, Dict, Optional, Tuple

import numpy as np

from .envelopes import bump, cycles, hold_window, pulses, ramp
from .kinematics import PoseTrack

#: Class names; the index of a name is its label (0-based).
SYNTHETIC_CLASSES = (
    'raise_left_arm', 'raise_right_arm', 'wave_right_hand', 'kick_right_leg',
    'squat', 'bow', 'jump', 'turn_around', 'clap', 'both_arms_up',
    'punch_forward', 'sit_down', 'handshake', 'push')

#: Interactions: their samples have two bodies (``M = 2``).
TWO_PERSON_CLASSES = ('handshake', 'push')


def _raise_arm(p: PoseTrack, u, rng, amp, side: str, lag: float = 0.):
    """Raise one arm (``'l'`` or ``'r'``) overhead, hold, lower it."""
    a, b, c, d = (lag + (1. - lag) * x for x in hold_window(rng))
    w = bump(u, a, b, c, d)
    p.arm(side, w, plane=rng.uniform(0., 95.),
          elev=min(rng.uniform(130., 172.) + 25. * (amp - 1.), 178.),
          elbow=rng.uniform(0., 30.), twist=rng.uniform(-20., 20.))
    sign = 1. if side == 'l' else -1.
    p['spine_lat'] -= sign * rng.uniform(0., 6.) * w
    return w


def _act_raise_left_arm(poses, u, rng, amp):
    w = _raise_arm(poses[0], u, rng, amp, 'l')
    poses[0]['neck_flex'] -= rng.uniform(0., 15.) * w
    return [('both', True)]


def _act_raise_right_arm(poses, u, rng, amp):
    w = _raise_arm(poses[0], u, rng, amp, 'r')
    poses[0]['neck_flex'] -= rng.uniform(0., 15.) * w
    return [('both', True)]


def _act_wave_right_hand(poses, u, rng, amp):
    p = poses[0]
    a, b, c, d = hold_window(rng)
    w = bump(u, a, b, c, d)
    cycles = rng.uniform(2., 4.5)
    phase = rng.uniform(0., 2. * np.pi)
    swing = np.sin(2. * np.pi * cycles * (u - b) / max(c - b, 0.1) + phase)
    p.arm('r', w, plane=rng.uniform(45., 95.), elev=rng.uniform(70., 110.),
          elbow=rng.uniform(65., 100.) + rng.uniform(20., 35.) * amp * swing,
          twist=rng.uniform(-15., 15.))
    p['r_wrist'] += 10. * swing * w
    p['neck_rot'] -= rng.uniform(0., 10.) * w
    return [('both', True)]


def _act_kick_right_leg(poses, u, rng, amp):
    p = poses[0]
    w = np.zeros_like(u)
    flex = rng.uniform(45., 85.) * amp
    side_kick = rng.uniform(0., 0.6)  # front kick (0) to side kick
    chamber = rng.uniform(50., 90.)
    for t0, dur in cycles(rng, 2):
        k = [t0 + dur * f for f in (0., 0.3, 0.45, 0.55, 0.8, 1.)]
        lift = bump(u, k[0], k[2], k[3], k[5])
        p['r_hip_flex'] += (1. - side_kick) * flex * lift
        p['r_hip_abd'] += side_kick * flex * lift
        p['r_knee'] += (chamber * bump(u, k[0], k[1], k[1], k[2])
                        + chamber * 0.7 * bump(u, k[3], k[4], k[4], k[5]))
        p['r_ankle'] -= 20. * bump(u, k[1], k[2], k[3], k[4])
        w += bump(u, k[0], k[1], k[4], k[5])
    w = np.minimum(w, 1.)
    p['pelvis_flex'] -= rng.uniform(3., 12.) * w
    for side in 'lr':
        if p.arms[side] == 'hang':  # arms out for balance
            p[f'{side}_sh_elev'] += rng.uniform(10., 40.) * w
    p['l_knee'] += rng.uniform(5., 15.) * w
    return [('left', True)]


def _crouch(p: PoseTrack, depth: np.ndarray, knee_ratio: float,
            lean: float) -> None:
    """Bend both legs: thigh angle ``depth`` (T,) degrees, flat feet."""
    for side in 'lr':
        p[f'{side}_hip_flex'] += depth
        p[f'{side}_knee'] += knee_ratio * depth
    p['pelvis_flex'] += lean * depth


def _flat_feet(p: PoseTrack) -> None:
    """Ankle angles that keep the feet horizontal."""
    for side in 'lr':
        p[f'{side}_ankle'] += p[f'{side}_knee'] - p[f'{side}_hip_flex']


def _act_squat(poses, u, rng, amp):
    p = poses[0]
    w = np.zeros_like(u)
    for t0, dur in cycles(rng, 2):
        a, b, c, d = (t0 + dur * f for f in hold_window(rng))
        w += bump(u, a, b, c, d)
    w = np.minimum(w, 1.)
    depth = min(rng.uniform(70., 95.) * (0.5 + 0.5 * amp), 105.)
    _crouch(p, depth * w, min(rng.uniform(1.3, 1.6), 140. / depth),
            rng.uniform(0.2, 0.45))
    _flat_feet(p)
    if rng.random() < 0.5:  # arms forward for balance
        elev = rng.uniform(50., 90.)
        for side in 'lr':
            p.arm(side, w, plane=rng.uniform(0., 20.), elev=elev,
                  elbow=rng.uniform(0., 30.))
    return [('both', True)]


def _act_bow(poses, u, rng, amp):
    p = poses[0]
    a, b, c, d = hold_window(rng)
    w = bump(u, a, b, c, d)
    trunk = min(rng.uniform(30., 65.) * amp, 80.)
    p['pelvis_flex'] += trunk * w
    p['spine_flex'] += rng.uniform(5., 20.) * w
    p['chest_flex'] += rng.uniform(0., 10.) * w
    p['neck_flex'] += rng.uniform(0., 20.) * w
    hang = rng.uniform(0.5, 1.1)
    for side in 'lr':
        if p.arms[side] == 'hang':  # the arms keep hanging down
            p.towards(f'{side}_sh_plane', rng.uniform(0., 30.), w)
            p[f'{side}_sh_elev'] += hang * trunk * w
    p['l_knee'] += rng.uniform(0., 10.) * w
    p['r_knee'] += rng.uniform(0., 10.) * w
    _flat_feet(p)
    return [('both', True)]


def _act_jump(poses, u, rng, amp):
    p = poses[0]
    crouch, flight, push, swing, up_w, arms = (np.zeros_like(u)
                                               for _ in range(6))
    for t0, dur in cycles(rng, 2):
        k = [t0 + dur * f
             for f in (0., 0.3, 0.38, 0.45, 0.62, 0.7, 0.8, 1.)]
        crouch += (bump(u, k[0], k[1], k[1], k[3])
                   + bump(u, k[4], k[5], k[6], k[7]))
        air = np.clip((u - k[3]) / (k[4] - k[3]), 0., 1.)
        flight += 4. * air * (1. - air)
        push += bump(u, k[2], k[3], k[4], k[5])
        swing += bump(u, k[0], k[1], k[1], k[2])
        up_w += bump(u, k[2], k[3], k[4], k[6])
        arms += bump(u, k[0], k[1], k[6], k[7])
    arms = np.minimum(arms, 1.)
    _crouch(p, rng.uniform(30., 55.) * crouch, rng.uniform(1.6, 2.0), 0.4)
    _flat_feet(p)
    p['lift'] += min(rng.uniform(0.12, 0.3) * amp, 0.4) * flight
    p['l_ankle'] -= 30. * push
    p['r_ankle'] -= 30. * push
    up = rng.uniform(60., 160.)
    plane = rng.uniform(0., 40.)
    for side in 'lr':
        p.arm(side, arms, plane=plane, elev=p[f'{side}_sh_elev'],
              elbow=rng.uniform(5., 30.))
        p.towards(f'{side}_sh_elev', -30., swing)
        p.towards(f'{side}_sh_elev', up, up_w)
    return [('both', True)]


def _act_turn_around(poses, u, rng, amp):
    p = poses[0]
    a = rng.uniform(0., 0.2)
    b = rng.uniform(0.75, 1.0)
    turn = rng.choice((-1., 1.)) * rng.uniform(150., 200.)
    p['yaw'] += turn * ramp(u, a, b)
    steps = int(rng.integers(2, 5))
    centres = a + (b - a) * (np.arange(steps) + 0.5) / steps
    width = 0.5 * (b - a) / steps
    first = int(rng.integers(2))
    for i, c in enumerate(centres):
        side = 'lr'[(i + first) % 2]
        lift = bump(u, c - width, c, c, c + width)
        p[f'{side}_hip_flex'] += rng.uniform(15., 30.) * lift
        p[f'{side}_knee'] += rng.uniform(25., 45.) * lift
    p['l_sh_elev'] += rng.uniform(0., 20.) * bump(u, a, a + .1, b - .1, b)
    p['r_sh_elev'] += rng.uniform(0., 20.) * bump(u, a, a + .1, b - .1, b)
    p['neck_rot'] += 0.1 * turn * bump(u, a, a + .1, b - .1, b)
    return [('both', False)]


def _act_clap(poses, u, rng, amp):
    p = poses[0]
    a, b, c, d = hold_window(rng)
    w = bump(u, a, b, c, d)
    claps = rng.uniform(2., 5.)
    phase = rng.uniform(0., 2. * np.pi)
    swing = 0.5 + 0.5 * np.cos(
        2. * np.pi * claps * (u - b) / max(c - b, 0.1) + phase)
    closed = rng.uniform(-25., -12.)
    opened = rng.uniform(25., 55.) * amp
    elev = rng.uniform(50., 85.)
    elbow = rng.uniform(35., 70.)
    for side in 'lr':
        p.arm(side, w, plane=closed + (opened - closed) * swing, elev=elev,
              elbow=elbow)
    return [('both', True)]


def _act_both_arms_up(poses, u, rng, amp):
    p = poses[0]
    lag = rng.uniform(-0.12, 0.12)  # one arm may go up before the other
    w = np.maximum(_raise_arm(p, u, rng, amp, 'l', max(lag, 0.)),
                   _raise_arm(p, u, rng, amp, 'r', max(-lag, 0.)))
    p['neck_flex'] -= rng.uniform(0., 15.) * w
    return [('both', True)]


def _act_punch_forward(poses, u, rng, amp):
    p = poses[0]
    a, b, c, d = hold_window(rng)
    guard = bump(u, a, b, c, d)
    for side in 'lr':
        p.arm(side, guard, plane=rng.uniform(-10., 15.),
              elev=rng.uniform(20., 45.), elbow=rng.uniform(100., 130.))
    n = int(rng.integers(1, 4))
    centres = b + (c - b) * (np.arange(n) + rng.uniform(0.3, 0.7)) / n
    strike = pulses(u, centres, min(0.12, 0.45 * (c - b) / n))
    p.arm('r', strike, plane=rng.uniform(-15., -5.),
          elev=rng.uniform(75., 95.) + 15. * (amp - 1.),
          elbow=rng.uniform(0., 15.))
    p['chest_rot'] += rng.uniform(8., 20.) * strike
    p['r_hip_flex'] += rng.uniform(0., 10.) * guard
    return [('both', True)]


def _act_sit_down(poses, u, rng, amp):
    p = poses[0]
    a = rng.uniform(0.0, 0.3)
    b = a + rng.uniform(0.35, 0.6)
    w = ramp(u, a, b)
    hip = rng.uniform(80., 95.)
    knee = rng.uniform(80., 105.)
    for side in 'lr':
        p[f'{side}_hip_flex'] += hip * w
        p[f'{side}_knee'] += knee * w
        if p.arms[side] == 'hang':  # hands on the thighs
            p.towards(f'{side}_sh_plane', rng.uniform(0., 20.), w)
            p[f'{side}_sh_elev'] += rng.uniform(20., 45.) * w
            p[f'{side}_elbow'] += rng.uniform(30., 60.) * w
    p['pelvis_flex'] += (rng.uniform(20., 40.) * amp * bump(
        u, a, 0.5 * (a + b), 0.5 * (a + b), b) + rng.uniform(0., 10.) * w)
    _flat_feet(p)
    return [('both', True)]


def _act_handshake(poses, u, rng, amp, distance):
    # both walk towards each other until their hands meet
    gap = distance - rng.uniform(0.85, 1.0)
    share = rng.uniform(0.35, 0.65)
    approach = rng.uniform(0.15, 0.35)
    reach_a, reach_b = rng.uniform(0.15, 0.3), rng.uniform(0.6, 0.75)
    rel_a, rel_b = rng.uniform(0.75, 0.85), rng.uniform(0.9, 1.0)
    w = bump(u, reach_a, reach_b - 0.2, rel_a, rel_b)
    shake = bump(u, reach_b - 0.2, reach_b - 0.1, rel_a - 0.05, rel_a)
    cycles = rng.uniform(2., 4.)
    phase = rng.uniform(0., 2. * np.pi)
    swing = np.sin(2. * np.pi * cycles * u + phase)
    plane, elev = rng.uniform(-28., -15.), rng.uniform(45., 60.)
    elbow = rng.uniform(20., 45.)
    for p, step in zip(poses, (gap * share, gap * (1. - share))):
        p['fwd'] += step * ramp(u, 0., approach)
        lead = 'lr'[int(rng.integers(2))]
        lift = bump(u, 0.0, 0.5 * approach, 0.5 * approach, approach)
        p[f'{lead}_hip_flex'] += 20. * lift
        p[f'{lead}_knee'] += 35. * lift
        p.arm('r', w, plane=plane + rng.uniform(-4., 4.),
              elev=elev + 8. * amp * swing * shake,
              elbow=elbow + rng.uniform(-5., 5.))
        p['neck_flex'] += rng.uniform(0., 12.) * w
        p['chest_flex'] += rng.uniform(0., 8.) * w
    return [('both', False), ('both', False)]


def _act_push(poses, u, rng, amp, distance):
    pusher, pushed = poses
    step = max(distance - rng.uniform(0.7, 0.85), 0.)
    t0 = rng.uniform(0.05, 0.2)
    contact = t0 + rng.uniform(0.3, 0.4)
    back = contact + rng.uniform(0.12, 0.25)
    pusher['fwd'] += step * ramp(u, t0, contact)
    lead = 'lr'[int(rng.integers(2))]
    lift = bump(u, t0, 0.5 * (t0 + contact), 0.5 * (t0 + contact), contact)
    pusher[f'{lead}_hip_flex'] += 25. * lift
    pusher[f'{lead}_knee'] += 35. * lift
    arms = bump(u, t0, contact - 0.1, back + 0.05, min(back + 0.3, 1.))
    extend = bump(u, contact - 0.12, contact, back, back + 0.1)
    for side in 'lr':
        pusher.arm(side, arms, plane=rng.uniform(-12., 0.),
                   elev=rng.uniform(40., 55.) + rng.uniform(25., 40.) * extend,
                   elbow=rng.uniform(90., 110.) * (1. - 0.85 * extend))
    pusher['pelvis_flex'] += rng.uniform(5., 15.) * extend
    # the pushed person is thrown back, leans back and steps back
    hit = ramp(u, contact - 0.02, back)
    reaction = bump(u, contact - 0.02, contact + 0.05, back,
                    min(back + 0.25, 1.))
    pushed['fwd'] -= rng.uniform(0.3, 0.6) * amp * hit
    pushed['pelvis_flex'] -= rng.uniform(5., 15.) * reaction
    pushed['chest_flex'] -= rng.uniform(0., 10.) * reaction
    leg = 'lr'[int(rng.integers(2))]
    pushed[f'{leg}_hip_flex'] -= rng.uniform(10., 25.) * reaction
    pushed[f'{leg}_knee'] += rng.uniform(15., 35.) * reaction
    for side in 'lr':
        pushed[f'{side}_sh_elev'] += rng.uniform(15., 50.) * reaction
        pushed[f'{side}_elbow'] += rng.uniform(10., 40.) * reaction
    return [('both', False), ('both', False)]


# name -> (template, typical duration of the action in frames (30 fps),
#          (min, max) distance between the two actors' roots at the start)
ACTIONS: Dict[str, Tuple[Callable, float, Optional[Tuple[float, float]]]]
ACTIONS = {
    'raise_left_arm': (_act_raise_left_arm, 36., None),
    'raise_right_arm': (_act_raise_right_arm, 36., None),
    'wave_right_hand': (_act_wave_right_hand, 48., None),
    'kick_right_leg': (_act_kick_right_leg, 28., None),
    'squat': (_act_squat, 36., None),
    'bow': (_act_bow, 36., None),
    'jump': (_act_jump, 28., None),
    'turn_around': (_act_turn_around, 48., None),
    'clap': (_act_clap, 40., None),
    'both_arms_up': (_act_both_arms_up, 36., None),
    'punch_forward': (_act_punch_forward, 32., None),
    'sit_down': (_act_sit_down, 40., None),
    'handshake': (_act_handshake, 56., (1.3, 1.8)),
    'push': (_act_push, 44., (0.95, 1.25)),
}
assert tuple(ACTIONS) == SYNTHETIC_CLASSES
# Actions that leave the legs free: the person may also take a small step.
FREE_LEG_CLASSES = ('raise_left_arm', 'raise_right_arm', 'wave_right_hand',
                    'clap', 'both_arms_up', 'punch_forward')
STEP_PROB = 0.35
