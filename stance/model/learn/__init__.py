"""Learning stance from user labels (``stance train``) and the model files it writes.

- :mod:`~stance.model.learn.labels`: reading labels CSVs, label order, stance schemes;
- :mod:`~stance.model.learn.masking`: target aliases masked before features are built;
- :mod:`~stance.model.learn.features`: n-gram views, target-conditioned copies, cue counts;
- :mod:`~stance.model.learn.classify`: calibrated SVMs, per-target and pooled, and how they combine;
- :mod:`~stance.model.learn.select`: choosing the combination by cross-validation;
- :mod:`~stance.model.learn.fit`: the model and :func:`train`;
- :mod:`~stance.model.learn.files`: saving and safely loading model files.
"""

from stance.model.learn.classify import COMBINED, PER_TARGET, POOLED, STRATEGIES
from stance.model.learn.features import CUE_COLUMNS, CompactTfidfVectorizer, CueCounter
from stance.model.learn.files import (
    MAX_RATIO,
    MODEL_MEMBERS,
    TRUSTED_TYPES,
    check_model_file,
    load_model,
    save_model,
)
from stance.model.learn.fit import MODEL_FORMAT, MODEL_FORMAT_VERSION, StanceModel, train
from stance.model.learn.labels import (
    LABEL_COLUMNS,
    data_hash,
    label_order,
    label_value,
    read_csv_text,
    read_labels,
    stance_pair,
)
from stance.model.learn.masking import (
    OTHER_CHAR,
    OTHER_TOKEN,
    TARGET_CHAR,
    TARGET_TOKEN,
    canonical_target,
    target_aliases,
)
from stance.model.learn.select import CrossValidation

__all__ = [
    "COMBINED",
    "CUE_COLUMNS",
    "LABEL_COLUMNS",
    "MAX_RATIO",
    "MODEL_FORMAT",
    "MODEL_FORMAT_VERSION",
    "MODEL_MEMBERS",
    "OTHER_CHAR",
    "OTHER_TOKEN",
    "PER_TARGET",
    "POOLED",
    "STRATEGIES",
    "TARGET_CHAR",
    "TARGET_TOKEN",
    "TRUSTED_TYPES",
    "CompactTfidfVectorizer",
    "CrossValidation",
    "CueCounter",
    "StanceModel",
    "canonical_target",
    "check_model_file",
    "data_hash",
    "label_order",
    "label_value",
    "load_model",
    "read_csv_text",
    "read_labels",
    "save_model",
    "stance_pair",
    "target_aliases",
    "train",
]
