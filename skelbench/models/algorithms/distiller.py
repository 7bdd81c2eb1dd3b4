"""Knowledge distillation of a fine-tuned teacher into a student."""
from typing import List, Optional, Sequence

import torch
from mmengine.logging import print_log
from mmengine.model import BaseModel
from torch import nn

from skelbench.checkpoint import (CheckpointMismatchError,
                                  extract_state_dict, safe_torch_load,
                                  select_prefix, state_dict_mismatches,
                                  strip_module_prefix)
from skelbench.models.data_preprocessors import build_data_preprocessor
from skelbench.registry import MODELS
from skelbench.structures import SkeletonDataSample


@MODELS.register_module()
class Distiller(BaseModel):
    """Train ``student`` to match a frozen ``teacher``'s predictions on
    unlabelled samples (skeleton BYOL, §3.5; Hinton et al.): a teacher
    fine-tuned on the labels (a wide one, on a label fraction, in the
    paper) and a randomly initialised student trained on the whole
    training set without labels.

    ``x (N, M, T, V, C)`` -> teacher logits ``z_t (N, C)`` (eval mode, no
    gradient) and student logits ``z_s (N, C)`` ->
    ``L = loss(z_s, z_t)``, by default :class:`SoftTargetCrossEntropyLoss`
    (eq. 6)::

        L = -1/N sum_n sum_c softmax(z_t / tau)_nc log softmax(z_s / tau)_nc

    The labels of the training samples are never read. Validation and
    test predict with the student (``mode='predict'``), so ``AccMetric``
    and ``tools/test.py`` score it; the student's backbone is the
    downstream encoder (:attr:`downstream_backbone`, ``student.backbone.*``
    in checkpoints, what ``extract_backbone.py`` keeps).

    The teacher:

    * is built from ``teacher`` (its config, the fine-tuning config's
      model) and loaded from ``teacher_checkpoint`` in
      :meth:`init_weights`, strictly: a missing file or other keys /
      shapes raise an error naming the file;
    * has ``requires_grad=False`` and stays in eval mode (BN statistics
      and dropout of the fine-tuned model) whatever :meth:`train` is
      called with; the optimizer constructors of skelbench
      (``TrainableOptimWrapperConstructor``,
      ``LayerDecayOptimWrapperConstructor``) leave it out, so it is never
      updated and has no optimizer state;
    * stays in the state dict (``teacher.*``): a training checkpoint holds
      both networks, so a resumed run continues against exactly the same
      teacher and ``tools/test.py`` needs no teacher file.

    Args:
        student (dict): A recognizer config (e.g. ``SkeletonRecognizer``
            with a classification head), randomly initialised unless its
            own ``init_cfg`` says otherwise.
        teacher (dict): The teacher's recognizer config; same classes.
            Its weights all come from ``teacher_checkpoint``, so neither
            it nor its backbone may set an ``init_cfg``.
        teacher_checkpoint (str): Checkpoint of the fine-tuned teacher (a
            training checkpoint of its config, or a recognizer state
            dict); required by :meth:`init_weights`, i.e. for training.
        teacher_prefix (str): Key prefix of the teacher's weights in the
            checkpoint (``''``: a recognizer checkpoint as saved;
            ``'student.'``: the student of another distillation run).
        loss (dict): Distillation loss config.
    """

    def __init__(self, student: dict, teacher: dict,
                 teacher_checkpoint: Optional[str] = None,
                 teacher_prefix: str = '',
                 loss: dict = dict(type='SoftTargetCrossEntropyLoss',
                                   tau=1.0),
                 data_preprocessor: Optional[dict] = None, init_cfg=None):
        super().__init__(
            data_preprocessor=build_data_preprocessor(data_preprocessor),
            init_cfg=init_cfg)
        for where in (teacher, teacher.get('backbone') or {}):
            if where.get('init_cfg'):
                raise ValueError(
                    'Distiller: the teacher is loaded from '
                    'teacher_checkpoint; remove the init_cfg of the teacher '
                    f'config ({where["init_cfg"]})')
        self.student = MODELS.build(student)
        self.teacher = MODELS.build(teacher)
        for name, m in (('student', self.student), ('teacher', self.teacher)):
            if getattr(m, 'cls_head', None) is None:
                raise ValueError(f'Distiller: the {name} needs a cls_head')
        if self.student.cls_head.num_classes != \
                self.teacher.cls_head.num_classes:
            raise ValueError(
                'Distiller: student and teacher predict different classes '
                f'({self.student.cls_head.num_classes} vs '
                f'{self.teacher.cls_head.num_classes})')
        self.teacher.requires_grad_(False)
        self.teacher.eval()
        self.teacher_checkpoint = teacher_checkpoint
        self.teacher_prefix = teacher_prefix
        self.loss_module = MODELS.build(loss)
        if getattr(self.loss_module, 'loss_weight', None) == 0:
            raise ValueError('Distiller: loss.loss_weight is 0; the loss '
                             'would be 0 and the student learns nothing')

    def init_weights(self) -> None:
        """Initialise the student, then load the teacher (so that no
        initialiser overwrites it)."""
        super().init_weights()
        self.load_teacher()

    def load_teacher(self) -> None:
        """Load ``teacher_checkpoint`` (keys under ``teacher_prefix``) into
        the teacher.

        Raises:
            ValueError: If no checkpoint is configured.
            FileNotFoundError: If the file does not exist.
            CheckpointMismatchError: If its keys or shapes differ from the
                teacher's (nothing is loaded).
        """
        path = self.teacher_checkpoint
        if not path:
            raise ValueError('Distiller: teacher_checkpoint is required for '
                             'training (the fine-tuned teacher); e.g. '
                             '--cfg-options model.teacher_checkpoint=PATH')
        try:
            ckpt = safe_torch_load(path, map_location='cpu')
        except FileNotFoundError:
            raise FileNotFoundError(
                f'Distiller: teacher checkpoint {path} not found '
                '(model.teacher_checkpoint)') from None
        state = select_prefix(strip_module_prefix(extract_state_dict(ckpt)),
                              self.teacher_prefix)
        target = (f'the Distiller teacher ({type(self.teacher).__name__}, '
                  f'teacher_prefix={self.teacher_prefix!r})')
        if not state:
            raise CheckpointMismatchError(
                path, target, [f'no key starts with {self.teacher_prefix!r}'])
        problems = state_dict_mismatches(self.teacher.state_dict(), state)
        if problems:
            raise CheckpointMismatchError(path, target, problems)
        self.teacher.load_state_dict(state)
        print_log(f'Distiller: teacher loaded from {path} ({len(state)} '
                  'tensors)', logger='current')

    def train(self, mode: bool = True) -> 'Distiller':
        super().train(mode)
        self.teacher.eval()  # BN / dropout of the teacher stay in eval mode
        return self

    @staticmethod
    def _single_view(inputs):
        if isinstance(inputs, (list, tuple)):
            if len(inputs) != 1:
                raise ValueError(
                    f'Distiller takes one view, got {len(inputs)}')
            inputs = inputs[0]
        return inputs

    def loss(self, inputs: torch.Tensor,
             data_samples: Optional[Sequence[SkeletonDataSample]] = None
             ) -> dict:
        """``loss_distill`` (eq. 6) and ``teacher_agreement`` (% of the
        batch where the student's top class is the teacher's)."""
        with torch.no_grad():
            teacher_logits = self.teacher(inputs, mode='tensor')
        student_logits = self.student(inputs, mode='tensor')
        loss = self.loss_module(student_logits, teacher_logits)
        with torch.no_grad():
            agree = (student_logits.argmax(1) ==
                     teacher_logits.argmax(1)).float().mean() * 100
        return dict(loss_distill=loss, teacher_agreement=agree)

    def predict(self, inputs: torch.Tensor,
                data_samples: Optional[List[SkeletonDataSample]] = None
                ) -> List[SkeletonDataSample]:
        """The student's predictions."""
        return self.student.predict(inputs, data_samples)

    def extract_feat(self, inputs: torch.Tensor) -> torch.Tensor:
        """The student's pooled features ``(N, D)``."""
        return self.student.extract_feat(self._single_view(inputs))

    def forward(self, inputs, data_samples=None, mode: str = 'tensor'):
        inputs = self._single_view(inputs)
        if mode == 'loss':
            return self.loss(inputs, data_samples)
        if mode == 'predict':
            return self.predict(inputs, data_samples)
        if mode == 'tensor':
            return self.student(inputs, mode='tensor')
        raise ValueError(f"mode must be 'loss', 'predict' or 'tensor', got "
                         f'{mode!r}')

    @property
    def downstream_backbone(self) -> nn.Module:
        """The student's encoder."""
        return self.student.backbone
