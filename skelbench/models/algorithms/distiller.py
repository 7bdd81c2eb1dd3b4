"""Knowledge distillation of a fine-tuned teacher into a student."""
from typing import List, Optional, Sequence

import torch
from mmengine.model import BaseModel
from torch import nn

from skelbench.checkpoint import load_pretrained_weights
from skelbench.registry import MODELS
from skelbench.structures import SkeletonDataSample


@MODELS.register_module()
class Distiller(BaseModel):
    """Train ``student`` to match a frozen ``teacher``'s predictions on
    unlabelled samples (skeleton BYOL, §3.5: a wide teacher fine-tuned on
    a label fraction, a smaller student distilled on the whole training
    set without labels).

    ``x (N, M, T, V, C)`` -> teacher logits ``z_t (N, C)`` (eval mode, no
    gradient) and student logits ``z_s (N, C)`` ->
    ``loss(z_s, z_t)`` (default :class:`SoftTargetCrossEntropyLoss`,
    eq. 6). Labels of the training samples are never read; validation and
    test predict with the student, so ``AccMetric`` scores it.

    Args:
        student (dict): A recognizer config (e.g. ``SkeletonRecognizer``
            with a classification head), randomly initialised.
        teacher (dict): The teacher's recognizer config; same classes.
        teacher_checkpoint (str): Checkpoint of the fine-tuned teacher
            (a training checkpoint of its config), loaded strictly in
            :meth:`init_weights`.
        teacher_prefix (str): Key prefix of the teacher's weights in the
            checkpoint (``''``: a recognizer checkpoint as saved).
        loss (dict): Distillation loss config.
    """

    def __init__(self, student: dict, teacher: dict,
                 teacher_checkpoint: Optional[str] = None,
                 teacher_prefix: str = '',
                 loss: dict = dict(type='SoftTargetCrossEntropyLoss',
                                   tau=1.0),
                 data_preprocessor: Optional[dict] = None, init_cfg=None):
        if data_preprocessor is None:
            data_preprocessor = dict(type='SkeletonDataPreprocessor')
        if isinstance(data_preprocessor, dict):
            data_preprocessor = MODELS.build(data_preprocessor)
        super().__init__(data_preprocessor=data_preprocessor,
                         init_cfg=init_cfg)
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
        if not self.teacher_checkpoint:
            raise ValueError('Distiller: teacher_checkpoint is required for '
                             'training (the fine-tuned teacher)')
        load_pretrained_weights(self.teacher, self.teacher_checkpoint,
                                prefix=self.teacher_prefix)

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
        return self.student.predict(inputs, data_samples)

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
        return self.student.backbone
