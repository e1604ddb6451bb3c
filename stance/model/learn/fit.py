"""Learning stance from user labels (``stance train``): per-target and pooled models, chosen by
cross-validation.

A researcher with annotated sentences of their own domain fits a model here and uses it in
place of the lexicon scorer for the targets it knows. Every model is a class-balanced linear SVM
over the masked n-gram views (:mod:`stance.model.learn.features`), with sigmoid-calibrated
probabilities (scikit-learn's ``CalibratedClassifierCV``, 3 internal folds, one SVM fitted on
all rows). Three ways to use them are compared by stratified k-fold cross-validation on the
training rows, and the best is kept:

- ``pooled``: one model over all rows with target-conditioned features (shared + per-target
  copies); it also serves targets with few rows and targets never seen;
- ``per-target``: one model per target with at least 30 rows and 5 of every label
  (:mod:`~stance.model.learn.classify`), the pooled model for the other targets;
- ``combined``: the mean of the per-target and the pooled model's probabilities.

With a cues lexicon loaded, ``per-target+cues`` and ``combined+cues`` add the lexicon's cue and
operator counts to the per-target models' features; they are kept only when they score higher.
The score is the official NLPCC-2016 F_avg when the labels are a stance scheme
(:func:`stance.model.learn.labels.stance_pair`), else macro-F1.

>>> import pandas as pd
>>> labels = pd.DataFrame({
...     "text": ["美国表现强大", "美国十分软弱", "中国表现强大", "中国十分软弱"] * 3,
...     "target": ["us", "us", "china", "china"] * 3,
...     "label": ["1", "-1", "1", "-1"] * 3,
... })
>>> model = train(labels, seed=1)
>>> model.labels, model.targets, model.strategy
(('-1', '1'), ('china', 'us'), 'pooled')
>>> model.predict(["日本表现强大"], ["japan"])
['1']
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from importlib import metadata

import numpy as np
import pandas as pd

from stance.errors import ModelError
from stance.model.learn.classify import (
    COMBINED,
    POOLED,
    WITH_CUES,
    combine,
    fit_parts,
    own_targets,
    prepare,
    probabilities,
    with_cues,
)
from stance.model.learn.features import CueCounter, conditioned, ngram_matrix
from stance.model.learn.labels import data_hash, label_order
from stance.model.learn.masking import Masker, canonical_target, make_tokenizer, target_aliases
from stance.model.learn.select import CrossValidation, check_classes, cross_validate

MODEL_FORMAT = "stance-model"
# 3: negation scopes in the word view, <OTHER> only for training targets (a version-2 file
# would be read with other features than it was fitted on).
MODEL_FORMAT_VERSION = 3


def _version() -> str:
    try:
        return metadata.version("stance")
    except metadata.PackageNotFoundError:
        return "0+unknown"


@dataclass(frozen=True)
class StanceModel:
    """A fitted stance model with what it was trained on (see the module docstring)."""

    parts: Mapping  # {"vectorizers": {view: vectorizer}, "pooled": model, "per_target": {target: model}}
    labels: tuple[str, ...]
    targets: tuple[str, ...]
    aliases: Mapping[str, tuple[str, ...]]
    data_sha256: str
    n_rows: int
    seed: int
    version: str
    strategy: str = POOLED
    cue_entries: tuple[tuple[str, str, float], ...] = ()
    cv: CrossValidation | None = None

    @cached_property
    def _masker(self) -> Masker:
        return Masker(self.aliases, others=self.targets)

    @cached_property
    def _tokenize(self):
        return make_tokenizer(self._masker.words())

    @cached_property
    def _counter(self) -> CueCounter | None:
        return CueCounter(self.cue_entries) if self.strategy.endswith(WITH_CUES) else None

    @cached_property
    def _by_canonical(self) -> dict[str, str]:
        return {canonical_target(t): t for t in self.targets}

    @property
    def own_targets(self) -> tuple[str, ...]:
        """The targets with a model of their own (the others use the pooled model)."""
        return tuple(sorted(self.parts["per_target"]))

    def knows(self, target: str) -> bool:
        """True when ``target`` was among the training targets (compared as
        :func:`~stance.model.learn.masking.canonical_target`: ``iPhone SE`` is ``IphoneSE``)."""
        return canonical_target(target) in self._by_canonical

    def features(self, texts: Sequence[str], targets: Sequence[str]) -> pd.DataFrame:
        """The masked word and character views the vectorizers read (useful for inspection)."""
        inputs = prepare(texts, targets, self._masker, self._tokenize, None)
        return pd.DataFrame(inputs.views())

    def predict_proba(self, texts: Sequence[str], targets: Sequence[str]) -> np.ndarray:
        """Calibrated probabilities, one row per (text, target) pair, columns in ``labels`` order."""
        if len(texts) != len(targets):
            raise ValueError("texts and targets must have the same length")
        if not len(texts):
            return np.zeros((0, len(self.labels)))
        names = np.array([self._by_canonical.get(canonical_target(t), str(t)) for t in targets], dtype=object)
        inputs = prepare(texts, targets, self._masker, self._tokenize, self._counter)
        x = ngram_matrix(self.parts["vectorizers"], inputs.views())
        pooled = probabilities(self.parts["pooled"], conditioned(x, names, self.targets), self.labels)
        own = np.zeros_like(pooled)
        has_own = np.zeros(len(names), dtype=bool)
        for target, model in sorted(self.parts["per_target"].items()):
            rows = np.flatnonzero(names == target)
            if len(rows):
                cues = None if inputs.cues is None else inputs.cues[rows]
                own[rows] = probabilities(model, with_cues(x[rows], cues), self.labels)
                has_own[rows] = True
        return combine(self.strategy, pooled, own, has_own)

    def predict(self, texts: Sequence[str], targets: Sequence[str]) -> list[str]:
        """Predict one label per (text, target) pair: the most probable one."""
        return [self.labels[i] for i in self.predict_proba(texts, targets).argmax(axis=1)]

    def metadata(self) -> dict:
        """What the model file records about the model, JSON-ready."""
        cv = self.cv
        return {
            "format": MODEL_FORMAT,
            "format_version": MODEL_FORMAT_VERSION,
            "stance_version": self.version,
            "labels": list(self.labels),
            "targets": list(self.targets),
            "aliases": {t: list(a) for t, a in sorted(self.aliases.items())},
            "training_data_sha256": self.data_sha256,
            "n_rows": self.n_rows,
            "seed": self.seed,
            "strategy": self.strategy,
            "own_targets": list(self.own_targets),
            "cue_entries": [list(e) for e in self.cue_entries],
            "cv": None
            if cv is None
            else {
                "n_splits": cv.n_splits,
                "per_class": [list(x) for x in cv.per_class],
                "macro_f1": cv.macro_f1,
                "strategy": cv.strategy,
                "metric": cv.metric,
                "candidates": [list(x) for x in cv.candidates],
                "f_avg": cv.f_avg,
            },
        }


def train(
    labels: pd.DataFrame,
    *,
    seed: int,
    lexicons: Mapping | None = None,
    label_column: str = "label",
    cv: bool = True,
    source: str = "labels",
) -> StanceModel:
    """Fit a stance model on ``labels`` (columns text, target, label).

    Any label set and any targets, in either script. With ``cv`` (the default) the strategy is
    chosen by cross-validation and the model carries its figures (:class:`CrossValidation`);
    without, it is ``combined`` when some target has enough rows, else ``pooled``. Aliases for
    masking come from ``lexicons["targets"]`` when given, else from the target strings; cue
    counts are tried when ``lexicons`` hold a cues lexicon. Raises :class:`ModelError` (naming
    ``source``) when there are too few classes or rows.
    """
    missing = [c for c in ("text", "target", label_column) if c not in labels.columns]
    if missing:
        raise ModelError(
            f"{source}: missing column(s) {', '.join(missing)}; labels need text, target, {label_column}."
        )
    frame = labels.reset_index(drop=True)
    y_series = frame[label_column].astype(str)
    n_splits = check_classes(y_series, source)
    y = np.array(y_series.tolist(), dtype=object)
    targets = np.array(frame["target"].astype(str).tolist(), dtype=object)
    order = tuple(label_order(y_series))
    aliases = target_aliases(sorted(set(targets.tolist())), lexicons)
    masker = Masker(aliases, others=sorted(set(targets.tolist())))
    counter = CueCounter.from_lexicons(lexicons) if cv else None
    inputs = prepare(
        frame["text"].tolist(), targets.tolist(), masker, make_tokenizer(masker.words()), counter
    )
    if cv:
        result = cross_validate(inputs, y, targets, order, seed=seed, n_splits=n_splits)
        strategy = result.strategy
    else:
        result = None
        strategy = COMBINED if own_targets(targets, y, order) else POOLED
    cue_entries = counter.entries if counter is not None and strategy.endswith(WITH_CUES) else ()
    return StanceModel(
        parts=fit_parts(inputs, y, targets, order, seed, strategy),
        labels=order,
        targets=tuple(sorted(set(targets.tolist()))),
        aliases=aliases,
        data_sha256=data_hash(frame, label_column=label_column),
        n_rows=len(frame),
        seed=seed,
        version=_version(),
        strategy=strategy,
        cue_entries=cue_entries,
        cv=result,
    )
