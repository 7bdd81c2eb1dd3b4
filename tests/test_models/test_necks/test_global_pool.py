"""SkeletonGlobalPool: the pooled feature of a token grid."""
import pytest
import torch

from skelbench.models.necks import SkeletonGlobalPool


def test_mean_and_concat_pooling():
    x = torch.randn(3, 2, 5, 4, 6)  # N, M, T', V, D
    assert torch.allclose(SkeletonGlobalPool()(x), x.mean(dim=(1, 2, 3)),
                          atol=1e-6)
    # MAMP's fine-tune head: mean over T', joints concatenated, mean over M
    got = SkeletonGlobalPool(joint_pool='concat')(x)
    want = x.mean(dim=2).reshape(3, 2, 4 * 6).mean(dim=1)
    assert got.shape == (3, 24) and torch.allclose(got, want, atol=1e-6)
    assert torch.equal(SkeletonGlobalPool(person_pool='max')(x),
                       x.mean(dim=(2, 3)).amax(dim=1))


def test_valid_mean_ignores_absent_actors():
    x = torch.randn(2, 2, 3, 4, 5)
    mask = torch.tensor([[True, False], [True, True]])
    got = SkeletonGlobalPool(person_pool='valid_mean')(x, mask)
    assert torch.allclose(got[0], x[0, 0].mean(dim=(0, 1)), atol=1e-6)
    assert torch.allclose(got[1], x[1].mean(dim=(0, 1, 2)), atol=1e-6)


def test_dropout_acts_on_tokens_in_training_only():
    torch.manual_seed(0)
    x = torch.ones(4, 1, 2, 3, 8)
    pool = SkeletonGlobalPool(joint_pool='concat', dropout=0.5)
    pool.train()
    out = pool(x)
    # each token feature is dropped (0) or scaled by 1 / (1 - p) before
    # the mean over T' = 2: the pooled values are 0, 1 or 2
    assert set(out.unique().tolist()) <= {0., 1., 2.}
    assert (out != 1).any()
    pool.eval()
    assert torch.equal(pool(x), torch.ones(4, 24))
    assert isinstance(SkeletonGlobalPool().dropout, torch.nn.Identity)


@pytest.mark.parametrize('kwargs, match', [
    (dict(dropout=1.0), 'dropout'), (dict(dropout=-0.1), 'dropout'),
    (dict(person_pool='sum'), 'person_pool'),
    (dict(joint_pool='max'), 'joint_pool')])
def test_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        SkeletonGlobalPool(**kwargs)


def test_input_must_be_a_token_grid():
    with pytest.raises(ValueError, match=r'\(N, M, T, V, D\)'):
        SkeletonGlobalPool()(torch.randn(2, 3, 4))
