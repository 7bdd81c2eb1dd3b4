import pytest
import torch

from skelbench.checkpoint import (ENCODER_PREFIXES, encoder_state_dict,
                                  extract_state_dict, select_prefix,
                                  strip_module_prefix)


def test_extract_state_dict_layouts():
    w = {'a': torch.zeros(1)}
    assert extract_state_dict({'state_dict': w, 'meta': {}}) is w
    assert extract_state_dict({'model': w}) is w
    assert extract_state_dict(w) is w
    with pytest.raises(TypeError, match='must be a dict'):
        extract_state_dict([w])


def test_module_prefix_is_only_stripped_in_front():
    state = {'module.backbone.x': 1, 'target_backbone.module.y': 2, 'z': 3}
    assert list(strip_module_prefix(state).items()) == [
        ('backbone.x', 1), ('target_backbone.module.y', 2), ('z', 3)]


def test_select_prefix():
    state = {'backbone.a': 1, 'backbone.b': 2, 'neck.c': 3}
    assert select_prefix(state, 'backbone.') == {'a': 1, 'b': 2}
    assert select_prefix(state, '') == state


def test_encoder_state_dict_picks_the_downstream_encoder():
    state = {'backbone.w': torch.ones(1),
             'target_backbone.module.w': torch.full((1, ), 2.),
             'momentum_backbone.module.w': torch.full((1, ), 3.)}
    assert float(encoder_state_dict(state)['backbone.w']) == 2.  # target
    for source, value in (('online', 1.), ('momentum', 3.)):
        assert float(encoder_state_dict(state, source)['backbone.w']) == \
            value
    online_only = {'backbone.w': torch.ones(1), 'neck.v': torch.ones(1)}
    assert list(encoder_state_dict(online_only)) == ['backbone.w']
    with pytest.raises(ValueError, match='unknown source'):
        encoder_state_dict(state, 'ema')
    with pytest.raises(KeyError, match='target_backbone'):
        encoder_state_dict(online_only, 'target')
    assert list(ENCODER_PREFIXES) == ['target', 'momentum', 'online',
                                      'student', 'teacher']


def test_encoder_state_dict_of_a_distillation_is_the_students():
    state = {'student.backbone.w': torch.ones(1),
             'student.cls_head.v': torch.ones(1),
             'teacher.backbone.w': torch.full((1, ), 2.)}
    assert list(encoder_state_dict(state)) == ['backbone.w']
    assert float(encoder_state_dict(state)['backbone.w']) == 1.
    assert float(encoder_state_dict(state, 'teacher')['backbone.w']) == 2.
