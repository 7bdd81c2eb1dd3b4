"""Distiller: a frozen teacher, a student trained on its soft targets
without labels, the student's predictions and encoder downstream."""
import pytest
import torch

from skelbench.checkpoint import CheckpointMismatchError, encoder_state_dict
from skelbench.engine.optimizers import (LayerDecayOptimWrapperConstructor,
                                         TrainableOptimWrapperConstructor)
from skelbench.models.algorithms import Distiller
from skelbench.registry import MODELS
from skelbench.structures import SkeletonDataSample

from ...conftest import load_tool

NUM_CLASSES = 5


def recognizer(width, depth, hidden=None):
    return dict(
        type='SkeletonRecognizer',
        backbone=dict(type='SkeletonTransformer', num_joints=25,
                      num_frames=16, segment_len=4, embed_dims=width,
                      depth=depth, num_heads=2),
        cls_head=dict(type='ClsHead', num_classes=NUM_CLASSES,
                      in_channels=width, hidden_channels=hidden))


# the teacher has BatchNorm (the MLP head): eval mode must keep its
# running statistics
TEACHER = recognizer(32, 2, hidden=16)
STUDENT = recognizer(16, 1)


def save_teacher(path, cfg=TEACHER, seed=1):
    """A 'fine-tuned' teacher: random weights and BN statistics, saved as
    a training checkpoint of its recognizer."""
    torch.manual_seed(seed)
    teacher = MODELS.build(cfg)
    with torch.no_grad():
        for m in teacher.modules():
            if isinstance(m, torch.nn.BatchNorm1d):
                m.running_mean.normal_()
                m.running_var.uniform_(0.5, 2.)
    torch.save(dict(state_dict=teacher.state_dict(), meta={}), path)
    return teacher


def make_distiller(ckpt, **kw):
    torch.manual_seed(0)
    model = Distiller(student=STUDENT, teacher=TEACHER,
                      teacher_checkpoint=str(ckpt), **kw)
    model.init_weights()
    return model


def unlabelled(n=4):
    """Inputs ``(N, M, T, V, C)`` and data samples without labels."""
    torch.manual_seed(2)
    samples = [SkeletonDataSample() for _ in range(n)]
    return torch.randn(n, 2, 16, 25, 3), samples


def test_training_step_updates_the_student_only(tmp_path):
    ckpt = tmp_path / 'teacher.pth'
    reference = save_teacher(ckpt)
    model = make_distiller(ckpt)
    for k, v in reference.state_dict().items():
        assert torch.equal(model.teacher.state_dict()[k], v), k
    model.train()
    assert not model.teacher.training
    assert all(not m.training for m in model.teacher.modules())
    assert model.student.training
    assert all(not p.requires_grad for p in model.teacher.parameters())
    wrapper = TrainableOptimWrapperConstructor(
        dict(optimizer=dict(type='SGD', lr=0.1, momentum=0.9)))(model)
    in_optimizer = {id(p) for g in wrapper.optimizer.param_groups
                    for p in g['params']}
    assert in_optimizer == {id(p) for p in model.student.parameters()}
    x, samples = unlabelled()
    teacher_before = {k: v.clone()
                      for k, v in model.teacher.state_dict().items()}
    student_before = {k: v.clone()
                      for k, v in model.student.state_dict().items()}
    losses = []
    for step in range(5):
        out = model(x, samples, mode='loss')  # the samples have no label
        assert set(out) == {'loss_distill', 'teacher_agreement'}
        wrapper.zero_grad()
        out['loss_distill'].backward()
        if step == 0:
            # gradients reach the student, not the teacher
            assert all(p.grad is None for p in model.teacher.parameters())
            assert any(p.grad is not None and p.grad.abs().sum() > 0
                       for p in model.student.parameters())
        wrapper.step()
        losses.append(out['loss_distill'].item())
    assert losses[-1] < losses[0]
    assert not model.teacher.training
    for k, v in model.teacher.state_dict().items():
        assert torch.equal(v, teacher_before[k]), f'teacher changed: {k}'
    assert any(not torch.equal(v, student_before[k])
               for k, v in model.student.state_dict().items())


def test_the_loss_is_eq_6_of_the_two_networks(tmp_path):
    ckpt = tmp_path / 'teacher.pth'
    save_teacher(ckpt)
    model = make_distiller(ckpt, loss=dict(
        type='SoftTargetCrossEntropyLoss', tau=4., tau_squared=False))
    model.eval()  # no dropout / drop path: the same logits twice
    x, samples = unlabelled()
    with torch.no_grad():
        zt = model.teacher(x, mode='tensor')
        zs = model.student(x, mode='tensor')
        loss = model(x, samples, mode='loss')['loss_distill']
    expected = -(torch.softmax(zt / 4., 1) *
                 torch.log_softmax(zs / 4., 1)).sum(1).mean()
    torch.testing.assert_close(loss, expected)


def test_predictions_and_encoder_are_the_students(tmp_path):
    ckpt = tmp_path / 'teacher.pth'
    save_teacher(ckpt)
    model = make_distiller(ckpt).eval()
    x, _ = unlabelled()
    with torch.no_grad():
        preds = model(x, [SkeletonDataSample() for _ in range(4)],
                      mode='predict')
        own = model.student.predict(x)
        assert torch.equal(model(x, mode='tensor'),
                           model.student(x, mode='tensor'))
        assert torch.equal(model.extract_feat(x),
                           model.student.extract_feat(x))
    assert len(preds) == 4 and preds[0].pred_score.shape == (NUM_CLASSES, )
    for a, b in zip(preds, own):
        assert torch.equal(a.pred_score, b.pred_score)
    assert model.downstream_backbone is model.student.backbone
    # a training checkpoint holds both networks; the downstream encoder
    # extracted from it is the student's
    state = model.state_dict()
    assert any(k.startswith('teacher.') for k in state)
    encoder = encoder_state_dict(state)
    student = model.student.backbone.state_dict()
    assert set(encoder) == {f'backbone.{k}' for k in student}
    for k, v in student.items():
        assert torch.equal(encoder[f'backbone.{k}'], v)
    src, dst = tmp_path / 'epoch_1.pth', tmp_path / 'backbone.pth'
    torch.save(dict(state_dict=state, meta={}), src)
    load_tool('model_converters/extract_backbone.py').main(
        [str(src), str(dst)])
    backbone = MODELS.build(dict(
        STUDENT['backbone'], init_cfg=dict(type='Pretrained',
                                           checkpoint=str(dst),
                                           prefix='backbone.')))
    backbone.init_weights()
    for k, v in student.items():
        assert torch.equal(backbone.state_dict()[k], v), k


def test_a_checkpoint_restores_both_networks(tmp_path):
    """Resume: the saved state dict brings back the teacher it was
    trained against, without the teacher file."""
    ckpt = tmp_path / 'teacher.pth'
    save_teacher(ckpt)
    model = make_distiller(ckpt)
    state = model.state_dict()
    torch.manual_seed(5)
    fresh = Distiller(student=STUDENT, teacher=TEACHER)
    fresh.load_state_dict(state)
    for k, v in state.items():
        assert torch.equal(fresh.state_dict()[k], v), k


def test_a_distilled_student_can_teach(tmp_path):
    """``teacher_prefix='student.'`` loads the student of a distillation
    checkpoint as the next teacher."""
    ckpt = tmp_path / 'teacher.pth'
    save_teacher(ckpt)
    first = make_distiller(ckpt)
    distilled = tmp_path / 'distilled.pth'
    torch.save(dict(state_dict=first.state_dict()), distilled)
    second = Distiller(student=STUDENT, teacher=STUDENT,
                       teacher_checkpoint=str(distilled),
                       teacher_prefix='student.')
    second.init_weights()
    for k, v in first.student.state_dict().items():
        assert torch.equal(second.teacher.state_dict()[k], v), k


def test_missing_or_mismatched_teacher_names_the_file(tmp_path):
    missing = tmp_path / 'nope.pth'
    model = Distiller(student=STUDENT, teacher=TEACHER,
                      teacher_checkpoint=str(missing))
    with pytest.raises(FileNotFoundError, match='teacher checkpoint .*'
                       'nope.pth not found'):
        model.init_weights()
    # another architecture: keys missing / unexpected
    other = tmp_path / 'other.pth'
    save_teacher(other, cfg=recognizer(32, 1, hidden=16))
    model = Distiller(student=STUDENT, teacher=TEACHER,
                      teacher_checkpoint=str(other))
    before = {k: v.clone() for k, v in model.teacher.state_dict().items()}
    with pytest.raises(CheckpointMismatchError,
                       match=r'other\.pth does not fit the Distiller '
                       r'teacher(.|\n)*missing'):
        model.load_teacher()
    for k, v in model.teacher.state_dict().items():
        assert torch.equal(v, before[k]), 'a refused file loaded weights'
    # same keys, other shapes
    wider = tmp_path / 'wider.pth'
    save_teacher(wider, cfg=recognizer(48, 2, hidden=16))
    model = Distiller(student=STUDENT, teacher=TEACHER,
                      teacher_checkpoint=str(wider))
    with pytest.raises(CheckpointMismatchError, match=r'wider\.pth'):
        model.init_weights()
    # a prefix that selects nothing
    ok = tmp_path / 'teacher.pth'
    save_teacher(ok)
    model = Distiller(student=STUDENT, teacher=TEACHER,
                      teacher_checkpoint=str(ok), teacher_prefix='x.')
    with pytest.raises(CheckpointMismatchError,
                       match=r"teacher\.pth(.|\n)*no key starts with 'x\.'"):
        model.init_weights()


def test_configuration_errors():
    bad = recognizer(16, 1)
    bad['cls_head']['num_classes'] = 7
    with pytest.raises(ValueError, match='different classes'):
        Distiller(student=bad, teacher=TEACHER)
    model = Distiller(student=STUDENT, teacher=TEACHER)
    with pytest.raises(ValueError, match='teacher_checkpoint is required'):
        model.init_weights()
    pretrained = dict(TEACHER, backbone=dict(
        TEACHER['backbone'], init_cfg=dict(type='Pretrained',
                                           checkpoint='x.pth')))
    with pytest.raises(ValueError, match='remove the init_cfg'):
        Distiller(student=STUDENT, teacher=pretrained)
    with pytest.raises(ValueError, match='needs a cls_head'):
        Distiller(student=dict(STUDENT, cls_head=None), teacher=TEACHER)
    with pytest.raises(ValueError, match='one view'):
        model([torch.zeros(1), torch.zeros(1)], mode='tensor')


def test_layer_decay_constructor_on_the_students_encoder(tmp_path):
    """``backbone_name='student.backbone'``: the student's blocks get
    their depths, the frozen teacher is left out."""
    ckpt = tmp_path / 'teacher.pth'
    save_teacher(ckpt)
    model = make_distiller(ckpt)
    wrapper = LayerDecayOptimWrapperConstructor(
        dict(optimizer=dict(type='AdamW', lr=1e-3, weight_decay=0.05)),
        dict(layer_decay_rate=0.5, backbone_name='student.backbone'))(model)
    names = {n for g in wrapper.optimizer.param_groups
             for n in g['param_names']}
    assert names == {f'student.{n}'
                     for n, _ in model.student.named_parameters()}
    depth = {n: g['layer_depth'] for g in wrapper.optimizer.param_groups
             for n in g['param_names']}
    assert depth['student.backbone.blocks.0.attn.qkv.weight'] == 1
    assert depth['student.cls_head.fc.weight'] == 2
