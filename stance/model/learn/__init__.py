"""Learning stance from user labels (``stance train``) and the model files it writes.

- :mod:`~stance.model.learn.labels`: reading labels CSVs, label order, stance schemes;
- :mod:`~stance.model.learn.masking`: target aliases masked before features are built;
- :mod:`~stance.model.learn.features`: n-gram views, target-conditioned copies, cue counts;
- :mod:`~stance.model.learn.classify`: calibrated SVMs, per-target and pooled, and how they combine;
- :mod:`~stance.model.learn.select`: choosing the combination by cross-validation;
- :mod:`~stance.model.learn.fit`: the model and :func:`train`;
- :mod:`~stance.model.learn.files`: saving and safely loading model files.
"""

import importlib

# Each name is imported from its module on first use (PEP 562), so a run that only reads
# labels or checks a model's name (the pipeline without --model) does not import scikit-learn.
_WHERE = {
    "COMBINED": "stance.model.learn.classify",
    "PER_TARGET": "stance.model.learn.classify",
    "POOLED": "stance.model.learn.classify",
    "STRATEGIES": "stance.model.learn.classify",
    "CUE_COLUMNS": "stance.model.learn.features",
    "CompactTfidfVectorizer": "stance.model.learn.features",
    "CueCounter": "stance.model.learn.features",
    "MAX_RATIO": "stance.model.learn.files",
    "MODEL_MEMBERS": "stance.model.learn.files",
    "TRUSTED_TYPES": "stance.model.learn.files",
    "check_model_file": "stance.model.learn.files",
    "check_model_out": "stance.model.learn.files",
    "load_model": "stance.model.learn.files",
    "save_model": "stance.model.learn.files",
    "MODEL_FORMAT": "stance.model.learn.fit",
    "MODEL_FORMAT_VERSION": "stance.model.learn.fit",
    "StanceModel": "stance.model.learn.fit",
    "train": "stance.model.learn.fit",
    "LABEL_COLUMNS": "stance.model.learn.labels",
    "data_hash": "stance.model.learn.labels",
    "label_order": "stance.model.learn.labels",
    "label_value": "stance.model.learn.labels",
    "read_csv_text": "stance.model.learn.labels",
    "read_labels": "stance.model.learn.labels",
    "stance_pair": "stance.model.learn.labels",
    "OTHER_CHAR": "stance.model.learn.masking",
    "OTHER_TOKEN": "stance.model.learn.masking",
    "TARGET_CHAR": "stance.model.learn.masking",
    "TARGET_TOKEN": "stance.model.learn.masking",
    "canonical_target": "stance.model.learn.masking",
    "target_aliases": "stance.model.learn.masking",
    "CrossValidation": "stance.model.learn.select",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_WHERE[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_WHERE))
