"""Confusion matrices and per-class accuracy of test predictions."""
from typing import Optional, Sequence

import numpy as np


def confusion_matrix(labels: np.ndarray, preds: np.ndarray,
                     num_classes: Optional[int] = None) -> np.ndarray:
    """``(C, C)`` int64 counts, row = true class, column = predicted."""
    from sklearn.metrics import confusion_matrix as sk_confusion
    labels = np.asarray(labels).astype(np.int64)
    preds = np.asarray(preds).astype(np.int64)
    if labels.shape != preds.shape or labels.ndim != 1:
        raise ValueError(f'labels and predictions must be (N,), got '
                         f'{labels.shape} and {preds.shape}')
    if num_classes is None:
        num_classes = int(max(labels.max(), preds.max())) + 1
    return sk_confusion(labels, preds, labels=np.arange(num_classes))


def per_class_accuracy(cm: np.ndarray) -> np.ndarray:
    """``(C,)`` recall (%) of each class; NaN for classes without samples."""
    cm = np.asarray(cm, dtype=np.float64)
    totals = cm.sum(1)
    with np.errstate(invalid='ignore', divide='ignore'):
        return np.where(totals > 0, 100 * np.diag(cm) / totals, np.nan)


def plot_confusion_matrix(cm: np.ndarray, out_file: str,
                          class_names: Optional[Sequence[str]] = None,
                          normalize: bool = True,
                          title: Optional[str] = None) -> str:
    """Save the (row-normalised) confusion matrix as an image."""
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt

    cm = np.asarray(cm, dtype=np.float64)
    num = cm.shape[0]
    shown = cm / np.maximum(cm.sum(1, keepdims=True), 1) if normalize else cm
    size = min(4 + 0.3 * num, 30)
    fig, ax = plt.subplots(figsize=(size, size), dpi=100)
    im = ax.imshow(shown, cmap='Blues', vmin=0,
                   vmax=1 if normalize else None)
    fig.colorbar(im, ax=ax, fraction=0.046, pad=0.04)
    names = list(class_names) if class_names is not None else \
        [str(i) for i in range(num)]
    if num <= 60:
        ax.set_xticks(range(num), names, rotation=90, fontsize=7)
        ax.set_yticks(range(num), names, fontsize=7)
    if num <= 20:
        for i in range(num):
            for j in range(num):
                if cm[i, j]:
                    ax.text(j, i, f'{shown[i, j]:.2f}' if normalize
                            else str(int(cm[i, j])), ha='center',
                            va='center', fontsize=6,
                            color='white' if shown[i, j] > 0.5 * shown.max()
                            else 'black')
    ax.set_xlabel('predicted')
    ax.set_ylabel('true')
    if title:
        ax.set_title(title)
    fig.tight_layout()
    fig.savefig(out_file)
    plt.close(fig)
    return out_file
