import math

import pytest
import torch

from skelbench.models.algorithms.distiller import Distiller
from skelbench.models.losses.distillation_loss import \
    SoftTargetCrossEntropyLoss
from skelbench.structures import SkeletonDataSample


def reference_loss(zs, zt, tau):
    """Eq. 6 written out with explicit sums over samples and classes."""
    total = 0.
    for s, t in zip(zs.tolist(), zt.tolist()):
        pt = [math.exp(v / tau) for v in t]
        pt = [v / sum(pt) for v in pt]
        ls = [v / tau for v in s]
        m = max(ls)
        log_z = m + math.log(sum(math.exp(v - m) for v in ls))
        total -= sum(p * (v - log_z) for p, v in zip(pt, ls))
    return total / len(zs)


@pytest.mark.parametrize('tau', [1.0, 0.5, 4.0])
def test_soft_target_cross_entropy_equals_equation(tau):
    g = torch.Generator().manual_seed(0)
    zs, zt = torch.randn(6, 5, generator=g), torch.randn(6, 5, generator=g)
    loss = SoftTargetCrossEntropyLoss(tau=tau)(zs, zt)
    assert loss.item() == pytest.approx(reference_loss(zs, zt, tau),
                                        rel=1e-5)
    # minimised (= the teacher's entropy) when the student equals it
    same = SoftTargetCrossEntropyLoss(tau=tau)(zt, zt)
    p = torch.softmax(zt / tau, 1)
    assert same.item() == pytest.approx(
        -(p * p.log()).sum(1).mean().item(), rel=1e-5)
    assert loss.item() > same.item()


def test_soft_target_cross_entropy_errors_and_no_teacher_grad():
    with pytest.raises(ValueError, match='tau must be > 0'):
        SoftTargetCrossEntropyLoss(tau=0)
    with pytest.raises(ValueError, match='differ in shape'):
        SoftTargetCrossEntropyLoss()(torch.zeros(2, 3), torch.zeros(2, 4))
    zs = torch.randn(3, 4, requires_grad=True)
    zt = torch.randn(3, 4, requires_grad=True)
    SoftTargetCrossEntropyLoss()(zs, zt).backward()
    assert zs.grad is not None and zt.grad is None


def recognizer(width, depth):
    return dict(
        type='SkeletonRecognizer',
        backbone=dict(type='SkeletonTransformer', num_joints=25,
                      num_frames=16, segment_len=4, embed_dims=width,
                      depth=depth, num_heads=2),
        cls_head=dict(type='ClsHead', num_classes=5, in_channels=width))


def make_teacher_checkpoint(path):
    from skelbench.registry import MODELS
    torch.manual_seed(1)
    teacher = MODELS.build(recognizer(32, 2))
    torch.save(dict(state_dict=teacher.state_dict(), meta={}), path)
    return teacher


def test_distiller_trains_student_only(tmp_path):
    ckpt = str(tmp_path / 'teacher.pth')
    reference_teacher = make_teacher_checkpoint(ckpt)
    model = Distiller(student=recognizer(16, 1), teacher=recognizer(32, 2),
                      teacher_checkpoint=ckpt)
    model.init_weights()
    for k, v in reference_teacher.state_dict().items():
        assert torch.equal(model.teacher.state_dict()[k], v), k
    model.train()
    assert not model.teacher.training and model.student.training
    optim = torch.optim.SGD([p for p in model.parameters()
                             if p.requires_grad], lr=0.1)
    assert all(not p.requires_grad for p in model.teacher.parameters())
    x = torch.randn(4, 2, 16, 25, 3)
    # samples without labels: the loss never reads them
    samples = [SkeletonDataSample() for _ in range(4)]
    before = {k: v.clone() for k, v in model.teacher.state_dict().items()}
    losses = []
    for _ in range(5):
        out = model(x, samples, mode='loss')
        optim.zero_grad()
        out['loss_distill'].backward()
        optim.step()
        losses.append(out['loss_distill'].item())
    assert losses[-1] < losses[0]
    for k, v in model.teacher.state_dict().items():
        assert torch.equal(v, before[k]), f'teacher changed: {k}'
    preds = model(x, mode='predict')
    assert len(preds) == 4 and preds[0].pred_score.shape == (5,)


def test_distiller_errors(tmp_path):
    bad = recognizer(16, 1)
    bad['cls_head']['num_classes'] = 7
    with pytest.raises(ValueError, match='different classes'):
        Distiller(student=bad, teacher=recognizer(32, 2))
    model = Distiller(student=recognizer(16, 1), teacher=recognizer(32, 2))
    with pytest.raises(ValueError, match='teacher_checkpoint is required'):
        model.init_weights()
    ckpt = str(tmp_path / 'other.pth')
    from skelbench.registry import MODELS
    torch.save(dict(state_dict=MODELS.build(recognizer(16, 1)).state_dict()),
               ckpt)
    model = Distiller(student=recognizer(16, 1), teacher=recognizer(32, 2),
                      teacher_checkpoint=ckpt)
    with pytest.raises((KeyError, RuntimeError)):
        model.init_weights()
