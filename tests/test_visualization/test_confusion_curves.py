import json

import numpy as np
import pytest

from skelbench.visualization import (confusion_matrix, find_scalar_logs,
                                     per_class_accuracy,
                                     plot_confusion_matrix, plot_curves,
                                     read_scalars)

PNG = b'\x89PNG\r\n\x1a\n'


def test_confusion_matrix_and_per_class(tmp_path):
    labels = np.array([0, 0, 1, 1, 1, 2])
    preds = np.array([0, 1, 1, 1, 0, 2])
    cm = confusion_matrix(labels, preds, num_classes=4)
    assert cm.tolist() == [[1, 1, 0, 0], [1, 2, 0, 0], [0, 0, 1, 0],
                           [0, 0, 0, 0]]
    acc = per_class_accuracy(cm)
    assert acc[:3].tolist() == pytest.approx([50.0, 200 / 3, 100.0])
    assert np.isnan(acc[3])
    out = plot_confusion_matrix(cm, str(tmp_path / 'cm.png'),
                                class_names=list('abcd'))
    assert open(out, 'rb').read(8) == PNG
    with pytest.raises(ValueError, match=r'must be \(N,\)'):
        confusion_matrix(labels, preds[:3])


def test_training_curves_from_work_dir(tmp_path):
    d = tmp_path / '20260101_000000' / 'vis_data'
    d.mkdir(parents=True)
    recs = [dict(lr=0.1, loss=2.0 - 0.1 * i, epoch=1, iter=i, step=i)
            for i in range(1, 6)] + [{'acc/top1': 40.0, 'step': 1}]
    (d / 'scalars.json').write_text('\n'.join(json.dumps(r) for r in recs))
    # a resumed run overrides step 5 and adds step 6
    d2 = tmp_path / '20260101_010000' / 'vis_data'
    d2.mkdir(parents=True)
    (d2 / 'scalars.json').write_text(
        json.dumps(dict(lr=0.1, loss=9.0, iter=5, step=5)) + '\n' +
        json.dumps(dict(lr=0.1, loss=1.0, iter=6, step=6)))
    files = find_scalar_logs(str(tmp_path))
    series = read_scalars(files)
    assert [s for s, _ in series['loss']] == [1, 2, 3, 4, 5, 6]
    assert dict(series['loss'])[5] == 9.0
    assert series['val/acc/top1'] == [(1, 40.0)]
    out = plot_curves(series, str(tmp_path / 'curves.png'))
    assert open(out, 'rb').read(8) == PNG
    with pytest.raises(FileNotFoundError, match='scalars.json'):
        find_scalar_logs(str(tmp_path / 'none'))
    with pytest.raises(ValueError, match='no curves'):
        plot_curves(series, 'x.png', keys=['absent'])


def test_confusion_tool_reads_a_dump(tmp_path, capsys):
    import pickle

    from ..conftest import load_tool
    rng = np.random.default_rng(0)
    items = []
    for i in range(30):
        score = rng.random(3).astype(np.float32)
        score[i % 3] += 1.0 if i < 24 else 0.0
        items.append(dict(frame_dir=f's{i}', sample_idx=i, label=i % 3,
                          pred_score=score))
    dump = tmp_path / 'preds.pkl'
    dump.write_bytes(pickle.dumps(items))
    tool = load_tool('analysis_tools/confusion_matrix.py')
    cm = tool.main([str(dump), '--out', str(tmp_path / 'cm.png'),
                    '--json', str(tmp_path / 'acc.json')])
    assert cm.sum() == 30 and np.trace(cm) >= 24
    assert open(tmp_path / 'cm.png', 'rb').read(8) == PNG
    assert 'mean class accuracy' in capsys.readouterr().out
    bad = tmp_path / 'bad.pkl'
    bad.write_bytes(pickle.dumps([dict(label=0)]))
    with pytest.raises(ValueError, match='no label / pred_score'):
        tool.main([str(bad)])
