"""target_code_statistics: how S-JEPA's softmax targets use channels."""
import math

import pytest
import torch

from skelbench.evaluation.functional import target_code_statistics


def one_hot_tokens(codes, channels=6, scale=5.):
    """(S, L, C) tokens whose arg-max channel is ``codes[s][l]``."""
    return scale * torch.nn.functional.one_hot(
        torch.as_tensor(codes), channels).float()


def test_one_code_per_sequence():
    tokens = one_hot_tokens([[1, 1, 1, 1], [3, 3, 3, 3], [1, 1, 1, 1]])
    s = target_code_statistics(tokens, tau_t=0.06)
    assert s['code_share'] == 1.
    assert s['sequence_codes'] == 2 and s['token_codes'] == 2
    assert s['channels'] == 6
    assert s['uniform_entropy'] == pytest.approx(math.log(6))
    # scale 5 at tau 0.06: practically one-hot targets
    assert s['entropy'] < 1e-3 and s['max_prob'] > 0.999


def test_mixed_codes_and_temperature():
    tokens = one_hot_tokens([[0, 0, 2, 4], [5, 5, 5, 1]])
    s = target_code_statistics(tokens)
    assert s['code_share'] == pytest.approx((2 / 4 + 3 / 4) / 2)
    assert s['sequence_codes'] == 2 and s['token_codes'] == 5
    assert 'entropy' not in s
    # entropy of softmax(5 e_k / tau) over 6 channels, by hand
    tau = 1.
    p_max = math.exp(5 / tau) / (math.exp(5 / tau) + 5)
    p_rest = 1 / (math.exp(5 / tau) + 5)
    ent = -(p_max * math.log(p_max) + 5 * p_rest * math.log(p_rest))
    s = target_code_statistics(tokens, tau_t=tau)
    assert s['entropy'] == pytest.approx(ent, rel=1e-5)
    assert s['max_prob'] == pytest.approx(p_max, rel=1e-5)


def test_centre_and_sequence_centring():
    # every token = a shared sequence vector (channel 0 large) + a small
    # token-specific bump: the arg-max is the sequence's channel 0 unless
    # the sequence mean is removed
    base = torch.zeros(2, 3, 4)
    base[..., 0] = 10.
    bumps = one_hot_tokens([[1, 2, 3], [3, 2, 1]], channels=4, scale=1.)
    tokens = base + bumps
    plain = target_code_statistics(tokens)
    assert plain['code_share'] == 1. and plain['token_codes'] == 1
    centred = target_code_statistics(tokens, sequence_centering=True)
    assert centred['code_share'] == pytest.approx(1 / 3)
    assert centred['token_codes'] == 3
    # a batch centre that removes channel 0's offset does the same here
    center = torch.tensor([[10., 0., 0., 0.]])
    assert target_code_statistics(tokens, center=center)[
        'token_codes'] == 3


def test_bad_input():
    with pytest.raises(ValueError, match='S, L, C'):
        target_code_statistics(torch.zeros(3, 4))
    with pytest.raises(ValueError, match='NaN'):
        target_code_statistics(torch.full((1, 2, 3), float('nan')))
    with pytest.raises(ValueError, match='tau_t'):
        target_code_statistics(torch.zeros(1, 2, 3), tau_t=0.)
