"""Tests of KNNBankHook and gather_bank (single process and 2 ranks)."""
import os.path as osp
from types import SimpleNamespace

import pytest
import torch
import torch.distributed as torch_dist
import torch.multiprocessing as mp
from mmengine.config import Config
from mmengine.dataset import DefaultSampler
from mmengine.evaluator import Evaluator
from mmengine.runner import Runner
from sklearn.neighbors import KNeighborsClassifier
from torch.utils.data import Dataset

from skelbench.engine.hooks import KNNBankHook, gather_bank
from skelbench.evaluation import default_bank_dataloader_cfg
from skelbench.evaluation import KNNMetric, knn_predict
from skelbench.registry import DATASETS, HOOKS, MODELS
from skelbench.structures import SkeletonDataSample
from skelbench.utils import register_all_modules

from ..conftest import free_port

register_all_modules()

NW_UCLA = '/work/shared/data/nw-ucla'
TEST_PIPELINE = [
    dict(type='CenterSkeleton'),
    dict(type='TemporalCropResize', clip_len=32, test_mode=True),
    dict(type='FormatPersons', num_persons=1),
    dict(type='PackSkeletonInputs')
]
MODEL = dict(
    type='SkeletonRecognizer',
    backbone=dict(type='SkeletonTransformer', num_joints=20, num_frames=32,
                  depth=1, embed_dims=32, num_heads=4),
    cls_head=dict(type='ClsHead', num_classes=10, in_channels=32),
    test_cfg=dict(output_feat=True))


def _ucla(split, num):
    return dict(type='NWUCLADataset', data_root=NW_UCLA, split=split,
                pipeline=TEST_PIPELINE, test_mode=True, indices=num)


def _loader(dataset, batch_size=8, shuffle=False):
    return dict(dataset=dataset, batch_size=batch_size, num_workers=0,
                sampler=dict(type='DefaultSampler', shuffle=shuffle))


def _build_model(seed=0):
    torch.manual_seed(seed)
    model = MODELS.build(MODEL)
    model.init_weights()
    return model


@torch.no_grad()
def _one_by_one(model, dataset):
    """Reference: ``extract_feat`` of every sample alone, in order."""
    model.eval()
    feats, labels = [], []
    for i in range(len(dataset)):
        item = dataset[i]
        data = model.data_preprocessor(
            dict(inputs=[item['inputs']],
                 data_samples=[item['data_samples']]), False)
        feats.append(model.extract_feat(data['inputs'])[0])
        labels.append(int(item['data_samples'].gt_label[0]))
    return torch.stack(feats), torch.tensor(labels)


def _fake_runner(model, evaluator, attr='val_evaluator'):
    return SimpleNamespace(model=model, seed=0, **{attr: evaluator},
                           build_dataloader=Runner.build_dataloader)


@pytest.fixture(scope='module')
def ucla_datasets():
    if not osp.isdir(NW_UCLA):
        pytest.skip('NW-UCLA is not available')
    return DATASETS.build(_ucla('xview_train', 40)), \
        DATASETS.build(_ucla('xview_val', 24))


def test_registered():
    hook = HOOKS.build(dict(type='KNNBankHook',
                            dataloader=dict(dataset=dict(type='X'))))
    assert isinstance(hook, KNNBankHook)
    assert hook.dataloader_cfg['sampler'] == dict(type='DefaultSampler',
                                                  shuffle=False)
    with pytest.raises(ValueError, match='dataset'):
        KNNBankHook(dataloader=dict(batch_size=2))


def test_bank_rows_equal_extract_feat(ucla_datasets):
    """Shuffled sampler, partial last batch: rows follow sample_idx."""
    train_set, _ = ucla_datasets
    model = _build_model()
    model.train()
    model.backbone.eval()  # a frozen part: its mode must be kept as is
    metric = KNNMetric(topk=(1, 5))
    hook = KNNBankHook(dataloader=_loader(train_set, 6, shuffle=True))
    runner = _fake_runner(model, Evaluator([metric]))
    hook.before_val_epoch(runner)
    assert model.training and model.cls_head.training
    assert not model.backbone.training
    ref_feats, ref_labels = _one_by_one(model, train_set)
    assert metric.bank_feats.shape == (40, 32)
    torch.testing.assert_close(metric.bank_feats, ref_feats, rtol=1e-5,
                               atol=1e-5)
    assert torch.equal(metric.bank_labels, ref_labels)
    # The dataloader is built once and reused (here by the test loop).
    loader = hook._dataloader
    test_metric = KNNMetric()
    hook.before_test_epoch(
        _fake_runner(model, Evaluator([test_metric]), 'test_evaluator'))
    assert hook._dataloader is loader
    torch.testing.assert_close(test_metric.bank_feats, metric.bank_feats)


def test_no_knn_metric_does_nothing():
    hook = KNNBankHook(dataloader=dict(dataset=dict(type='Missing')))
    runner = SimpleNamespace(model=None, val_evaluator=Evaluator([
        dict(type='AccMetric')]))
    hook.before_val_epoch(runner)  # would fail if it built the loader
    assert hook._dataloader is None


def test_runner_val_and_test(ucla_datasets, tmp_path):
    """End to end in mmengine's Runner, checked against sklearn 1-NN."""
    train_set, val_set = ucla_datasets
    model = _build_model()
    runner = Runner(
        model=model, work_dir=str(tmp_path),
        val_dataloader=_loader(_ucla('xview_val', 24)),
        val_cfg=dict(),
        val_evaluator=[dict(type='AccMetric'),
                       dict(type='KNNMetric', topk=(1, 20))],
        test_dataloader=_loader(_ucla('xview_val', 24)),
        test_cfg=dict(),
        test_evaluator=dict(type='KNNMetric', topk=(1, )),
        custom_hooks=[dict(type='KNNBankHook',
                           dataloader=_loader(_ucla('xview_train', 40)))],
        default_scope='skelbench', log_level='WARNING')
    val_metrics = runner.val()
    test_metrics = runner.test()
    assert {'acc/top1', 'knn/k1_acc', 'knn/k20_acc'} <= set(val_metrics)

    bank, bank_labels = _one_by_one(model, train_set)
    query, query_labels = _one_by_one(model, val_set)
    clf = KNeighborsClassifier(n_neighbors=1, metric='cosine')
    clf.fit(bank.numpy(), bank_labels.numpy())
    ref1 = (clf.predict(query.numpy()) == query_labels.numpy()).mean()
    assert val_metrics['knn/k1_acc'] == pytest.approx(ref1 * 100)
    assert test_metrics['knn/k1_acc'] == pytest.approx(ref1 * 100)
    pred20 = knn_predict(query, bank, bank_labels, (20, ), 10)[0]
    ref20 = (pred20 == query_labels).double().mean().item()
    assert val_metrics['knn/k20_acc'] == pytest.approx(ref20 * 100)


def test_gather_bank_single_process_identity():
    feats = torch.randn(5, 3)
    labels = torch.arange(5)
    out_f, out_l = gather_bank(feats, labels, torch.ones(5, dtype=bool))
    assert torch.equal(out_f, feats) and torch.equal(out_l, labels)
    filled = torch.tensor([True, True, False, True, True])
    with pytest.raises(RuntimeError, match='sample_idx \\[2\\]'):
        gather_bank(feats, labels, filled)


# ----------------------------------------------------------------------
# Two processes (gloo): padding duplicates of DefaultSampler.
NUM_BANK, NUM_QUERY, DIM = 11, 7, 6  # neither divisible by 2 ranks


class _ToySkeletons(Dataset):
    """Random ``(1, 32, 20, 3)`` skeletons with labels and sample_idx."""

    def __init__(self, num, seed):
        gen = torch.Generator().manual_seed(seed)
        self.x = torch.randn(num, 1, 32, 20, 3, generator=gen)
        self.y = torch.randint(0, 3, (num, ), generator=gen)

    def __len__(self):
        return len(self.x)

    def __getitem__(self, i):
        sample = SkeletonDataSample(metainfo=dict(sample_idx=i))
        return dict(inputs=self.x[i],
                    data_samples=sample.set_gt_label(int(self.y[i])))


def _toy_bank_feats():
    gen = torch.Generator().manual_seed(7)
    return (torch.randn(NUM_BANK, DIM, generator=gen),
            torch.randint(0, 3, (NUM_BANK, ), generator=gen))


def _knn_run(model_path):
    """Bank via the hook, queries via predict, metric: on this rank."""
    model = _build_model()
    model.load_state_dict(torch.load(model_path))
    hook = KNNBankHook(dataloader=_loader(_ToySkeletons(NUM_BANK, 1), 4))
    metric = KNNMetric(topk=(1, 3))
    hook.before_val_epoch(_fake_runner(model, Evaluator([metric])))
    queries = _ToySkeletons(NUM_QUERY, 2)
    model.eval()
    with torch.no_grad():
        for i in DefaultSampler(queries, shuffle=False):
            item = queries[i]
            data = model.data_preprocessor(
                dict(inputs=[item['inputs']],
                     data_samples=[item['data_samples']]), False)
            metric.process(None, model.predict(**data))
    return metric.bank_feats, metric.bank_labels, metric.evaluate(NUM_QUERY)


def _dist_worker(rank, world_size, port, model_path, out_dir):
    torch.set_num_threads(1)
    register_all_modules()
    torch_dist.init_process_group(
        'gloo', init_method=f'tcp://127.0.0.1:{port}', rank=rank,
        world_size=world_size)
    try:
        # gather_bank alone, with exactly known rows.
        feats, labels = _toy_bank_feats()
        idx = torch.tensor(list(DefaultSampler(list(range(NUM_BANK)),
                                               shuffle=True, seed=3)))
        part_f = torch.zeros(NUM_BANK, DIM)
        part_l = torch.zeros(NUM_BANK, dtype=torch.long)
        filled = torch.zeros(NUM_BANK, dtype=torch.bool)
        part_f[idx], part_l[idx], filled[idx] = feats[idx], labels[idx], True
        got_f, got_l = gather_bank(part_f, part_l, filled)
        # The full pipeline: hook + metric on 2 ranks.
        bank, bank_labels, metrics = _knn_run(model_path)
        torch.save(dict(indices=idx, gather=(got_f, got_l), bank=bank,
                        bank_labels=bank_labels, metrics=metrics),
                   osp.join(out_dir, f'rank{rank}.pth'))
    finally:
        torch_dist.destroy_process_group()


def test_two_process_bank_matches_single_process(tmp_path):
    model_path = str(tmp_path / 'model.pth')
    torch.save(_build_model().state_dict(), model_path)
    mp.spawn(_dist_worker, args=(2, free_port(), model_path,
                                 str(tmp_path)), nprocs=2, join=True)
    outs = [torch.load(str(tmp_path / f'rank{r}.pth')) for r in range(2)]
    # The sampler padded: one sample is on both ranks.
    both = set(outs[0]['indices'].tolist()) & set(outs[1]['indices'].tolist())
    assert len(both) == 1
    feats, labels = _toy_bank_feats()
    ref_bank, ref_labels, ref_metrics = _knn_run(model_path)
    for out in outs:
        # Bitwise equal, the duplicated row not doubled.
        assert torch.equal(out['gather'][0], feats)
        assert torch.equal(out['gather'][1], labels)
        torch.testing.assert_close(out['bank'], ref_bank, rtol=1e-5,
                                   atol=1e-6)
        assert torch.equal(out['bank_labels'], ref_labels)
        assert out['metrics'] == ref_metrics
    assert set(ref_metrics) == {'knn/k1_acc', 'knn/k3_acc'}


def test_default_bank_dataloader_cfg():
    train_pipeline = [dict(type='RandomEulerRotation', theta=0.3)]
    cfg = Config(dict(
        train_dataloader=dict(
            batch_size=4, dataset=dict(type='NWUCLADataset', split='a',
                                       pipeline=train_pipeline)),
        val_dataloader=dict(batch_size=16, num_workers=2,
                            dataset=dict(type='NWUCLADataset', split='b',
                                         pipeline=TEST_PIPELINE))))
    out = default_bank_dataloader_cfg(cfg)
    assert out['dataset']['split'] == 'a'  # the training split ...
    assert out['dataset']['pipeline'] == TEST_PIPELINE  # ... test pipeline
    assert out['dataset']['test_mode'] is True
    assert out['batch_size'] == 16 and out['num_workers'] == 2
    assert out['sampler'] == dict(type='DefaultSampler', shuffle=False)
    assert cfg.train_dataloader.dataset.pipeline == train_pipeline  # copy
    # validation off: the test dataloader's pipeline
    cfg2 = Config(dict(train_dataloader=cfg.train_dataloader,
                       test_dataloader=cfg.val_dataloader))
    assert default_bank_dataloader_cfg(cfg2)['dataset']['pipeline'] == \
        TEST_PIPELINE
    with pytest.raises(ValueError, match='train_dataloader'):
        default_bank_dataloader_cfg(Config(dict(
            val_dataloader=cfg.val_dataloader)))
    # multi-viewpoint sampling changes how samples are drawn, not which:
    # the bank is the wrapped split
    wrapped = Config(dict(
        train_dataloader=dict(dataset=dict(
            type='MultiViewpointDataset', iterate='performance',
            dataset=cfg.train_dataloader.dataset)),
        val_dataloader=cfg.val_dataloader))
    out = default_bank_dataloader_cfg(wrapped)['dataset']
    assert out['type'] == 'NWUCLADataset' and out['split'] == 'a'
    assert out['pipeline'] == TEST_PIPELINE
    with pytest.raises(ValueError, match='wrapper'):
        default_bank_dataloader_cfg(Config(dict(
            train_dataloader=dict(dataset=dict(type='RepeatDataset')),
            val_dataloader=cfg.val_dataloader)))
    with pytest.raises(ValueError, match='test pipeline'):
        default_bank_dataloader_cfg(Config(dict(
            train_dataloader=cfg.train_dataloader)))


def test_default_bank_in_runner_equals_explicit(tmp_path):
    """KNNBankHook() in a Runner from a config: the bank is the training
    split through the test pipeline, as with the explicit dataloader."""
    train_aug = [dict(type='CenterSkeleton'),
                 dict(type='TemporalCropResize', clip_len=16,
                      ratio_range=(0.5, 1.)),
                 dict(type='RandomEulerRotation', theta=0.3),
                 dict(type='FormatPersons', num_persons=1),
                 dict(type='PackSkeletonInputs')]
    results = {}
    for name, hook in (('default', dict(type='KNNBankHook')),
                       ('explicit', dict(type='KNNBankHook',
                                         dataloader=_loader(_ucla(
                                             'xview_train', 40))))):
        train = _ucla('xview_train', 40)
        train.update(pipeline=train_aug, test_mode=False)
        cfg = Config(dict(
            model=MODEL, work_dir=str(tmp_path / name),
            experiment_name=f'knn_bank_{name}', randomness=dict(seed=0),
            train_dataloader=_loader(train, shuffle=True),
            train_cfg=dict(by_epoch=True, max_epochs=1),
            optim_wrapper=dict(optimizer=dict(type='SGD', lr=0.)),
            val_dataloader=_loader(_ucla('xview_val', 24)),
            val_cfg=dict(),
            val_evaluator=[dict(type='KNNMetric', topk=(1, ))],
            custom_hooks=[hook], default_scope='skelbench',
            log_level='WARNING'))
        runner = Runner.from_cfg(cfg)
        runner.val()
        results[name] = runner.val_evaluator.metrics[0].bank_feats
        bank_hook = [h for h in runner.hooks
                     if isinstance(h, KNNBankHook)][0]
        assert len(bank_hook._dataloader.dataset) == 40
    torch.testing.assert_close(results['default'], results['explicit'])
