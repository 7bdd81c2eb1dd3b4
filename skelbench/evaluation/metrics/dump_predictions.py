"""Dump per-sample predictions and features to a pickle."""
import pickle
from typing import Optional, Sequence

from mmengine.evaluator import BaseMetric
from mmengine.logging import print_log

from skelbench.checkpoint.atomic_save import atomic_target
from skelbench.registry import METRICS


@METRICS.register_module()
class DumpPredictions(BaseMetric):
    """Write ``frame_dir``, ``sample_idx``, ``label``, ``pred_score`` and
    ``feat`` (when present) of every test sample to ``out_file``.

    The list follows dataset order (results gathered over ranks); the
    file is written atomically by rank 0 (``atomic_target``: the user's
    normal file mode; a killed write leaves no partial ``out_file``). Read it
    back with :func:`skelbench.datasets.safe_pickle_load`. Used by ``tools/test.py --dump``
    for offline fusion of streams and feature analysis.
    """

    default_prefix = 'dump'

    def __init__(self, out_file: str, collect_device: str = 'cpu',
                 prefix: Optional[str] = None):
        super().__init__(collect_device=collect_device, prefix=prefix)
        if not str(out_file).endswith(('.pkl', '.pickle')):
            raise ValueError(f'out_file must end with .pkl, got {out_file}')
        self.out_file = out_file

    def process(self, data_batch, data_samples: Sequence) -> None:
        for ds in data_samples:
            ds = ds if isinstance(ds, dict) else ds.to_dict()
            item = dict(frame_dir=ds.get('frame_dir'),
                        sample_idx=ds.get('sample_idx'))
            if 'gt_label' in ds:
                item['label'] = int(ds['gt_label'].reshape(-1)[0])
            for key in ('pred_score', 'feat'):
                if key in ds:
                    item[key] = ds[key].detach().float().cpu().numpy()
            self.results.append(item)

    def compute_metrics(self, results: list) -> dict:
        with atomic_target(self.out_file) as tmp:
            with open(tmp, 'wb') as f:
                pickle.dump(results, f, protocol=pickle.HIGHEST_PROTOCOL)
        print_log(f'Dumped {len(results)} predictions to {self.out_file}',
                  logger='current')
        return {}
