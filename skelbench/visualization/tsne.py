"""t-SNE pictures of encoder features, coloured by class (the papers'
feature-space figures)."""
from typing import Optional, Sequence

import numpy as np


def tsne_embedding(features: np.ndarray, seed: int = 0,
                   perplexity: float = 30.0) -> np.ndarray:
    """Embed features in 2-D with scikit-learn's t-SNE.

    Args:
        features (np.ndarray): ``(N, D)`` features, ``N >= 2``.
        seed (int): t-SNE's random state.
        perplexity (float): t-SNE perplexity, capped at ``(N - 1) / 3`` so
            that small sets embed.

    Returns:
        np.ndarray: ``(N, 2)`` float32 embedding.
    """
    from sklearn.manifold import TSNE
    features = np.asarray(features, dtype=np.float32)
    if features.ndim != 2 or features.shape[0] < 2:
        raise ValueError('t-SNE needs (N, D) features with N >= 2, got '
                         f'shape {features.shape}')
    if not np.isfinite(features).all():
        raise ValueError('t-SNE features contain non-finite values')
    perplexity = float(min(perplexity, max(1.0, (len(features) - 1) / 3)))
    tsne = TSNE(n_components=2, perplexity=perplexity, init='pca',
                random_state=seed)
    return tsne.fit_transform(features).astype(np.float32)


def plot_embedding(embedding: np.ndarray, labels: np.ndarray,
                   out_file: str, class_names: Optional[Sequence[str]] = None,
                   title: Optional[str] = None) -> str:
    """Scatter a ``(N, 2)`` embedding coloured by ``(N,)`` integer labels
    and save it as an image (format from the file name, e.g. PNG).

    Returns:
        str: ``out_file``.
    """
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt

    embedding = np.asarray(embedding)
    labels = np.asarray(labels).astype(int)
    if embedding.ndim != 2 or embedding.shape[1] != 2:
        raise ValueError(f'embedding must be (N, 2), got {embedding.shape}')
    if labels.shape != (embedding.shape[0],):
        raise ValueError(f'labels must be ({embedding.shape[0]},), got '
                         f'{labels.shape}')
    classes = np.unique(labels)
    cmap = plt.get_cmap('tab20' if len(classes) > 10 else 'tab10')
    fig, ax = plt.subplots(figsize=(6.4, 6.4), dpi=100)
    for i, c in enumerate(classes):
        sel = labels == c
        name = (class_names[c] if class_names is not None
                and c < len(class_names) else str(c))
        ax.scatter(embedding[sel, 0], embedding[sel, 1], s=8,
                   color=cmap(i % cmap.N), label=name)
    ax.set_xticks([])
    ax.set_yticks([])
    if title:
        ax.set_title(title, fontsize=9)
    if len(classes) <= 20:
        ax.legend(fontsize=7, markerscale=1.5, loc='best', ncol=2)
    fig.tight_layout()
    fig.savefig(out_file)
    plt.close(fig)
    return out_file
