import numpy as np
import pytest

from skelbench.visualization import plot_embedding, tsne_embedding


def test_tsne_separates_clusters_and_writes_png(tmp_path):
    rng = np.random.default_rng(0)
    centres = rng.normal(size=(3, 16)) * 10
    labels = np.repeat(np.arange(3), 20)
    feats = centres[labels] + rng.normal(size=(60, 16))
    emb = tsne_embedding(feats, seed=0)
    assert emb.shape == (60, 2) and np.isfinite(emb).all()
    # each point's nearest neighbour in the embedding has its class
    d = ((emb[:, None] - emb[None]) ** 2).sum(-1)
    np.fill_diagonal(d, np.inf)
    assert (labels[d.argmin(1)] == labels).mean() > 0.95
    out = plot_embedding(emb, labels, str(tmp_path / 'tsne.png'),
                         class_names=['a', 'b', 'c'], title='t')
    with open(out, 'rb') as f:
        assert f.read(8) == b'\x89PNG\r\n\x1a\n'


def test_tsne_bad_input():
    with pytest.raises(ValueError, match='N >= 2'):
        tsne_embedding(np.zeros((1, 4)))
    with pytest.raises(ValueError, match='non-finite'):
        tsne_embedding(np.full((5, 4), np.nan))
    with pytest.raises(ValueError, match=r'labels must be \(3,\)'):
        plot_embedding(np.zeros((3, 2)), np.zeros(4), 'x.png')
