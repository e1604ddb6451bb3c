"""Choosing how to combine models by cross-validation, and the figures ``stance train`` prints.

Stratified k-fold (k = min(5, rows of the rarest label); folds keep each target's label mix
when every (target, label) pair has enough rows) gives out-of-fold probabilities of the pooled
and the per-target models (with and without cue counts); each strategy of
:data:`~stance.model.learn.classify.STRATEGIES` is scored on them, by F_avg for a stance scheme,
else macro-F1, and the best is kept (the earlier on a tie).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from stance.errors import ModelError
from stance.model.learn.classify import (
    COMBINED,
    PER_TARGET,
    POOLED,
    STRATEGIES,
    WITH_CUES,
    Inputs,
    combine,
    fit_classifier,
    own_targets,
    probabilities,
    with_cues,
)
from stance.model.learn.features import conditioned, make_vectorizers, ngram_matrix
from stance.model.learn.labels import label_order, stance_pair

CV_COLUMNS = ("label", "n", "f1")
MAX_FOLDS = 5


@dataclass(frozen=True)
class CrossValidation:
    """Out-of-fold figures of the chosen model: per-class F1 (with support), macro-F1, F_avg
    for a stance scheme, and the score of every candidate way of combining models."""

    n_splits: int
    per_class: tuple[tuple[str, int, float], ...]  # (label, n, f1)
    macro_f1: float
    strategy: str = ""
    metric: str = "macro-F1"
    candidates: tuple[tuple[str, float], ...] = ()
    f_avg: float | None = None

    def as_frame(self) -> pd.DataFrame:
        return pd.DataFrame(list(self.per_class), columns=list(CV_COLUMNS))

    def render(self) -> str:
        """Plain-text table of the figures, as ``stance train`` prints it."""
        width = max(len("macro-F1"), *(len(label) for label, _, _ in self.per_class))
        total = sum(n for _, n, _ in self.per_class)
        lines = [f"cross-validation: {self.n_splits}-fold stratified, out-of-fold predictions"]
        lines.append(f"{'label':<{width}}  {'n':>5}  {'F1':>6}")
        lines += [f"{label:<{width}}  {n:>5}  {f1:>6.3f}" for label, n, f1 in self.per_class]
        lines.append(f"{'macro-F1':<{width}}  {total:>5}  {self.macro_f1:>6.3f}")
        if self.f_avg is not None:
            lines.append(f"{'F_avg':<{width}}  {total:>5}  {self.f_avg:>6.3f}")
        if self.candidates:
            scores = ", ".join(f"{name} {score:.3f}" for name, score in self.candidates)
            lines.append(f"model: {self.strategy} (highest cross-validated {self.metric} of {scores})")
        return "\n".join(lines)


def check_classes(y: pd.Series, source: str) -> int:
    counts = y.value_counts()
    if len(counts) < 2:
        raise ModelError(
            f"{source}: every row has the label '{counts.index[0]}'; a classifier needs at least two "
            "classes: add rows of the other labels."
        )
    smallest = counts[counts == counts.min()].index
    if counts.min() < 2:
        rare = ", ".join(f"'{x}'" for x in label_order(smallest))
        raise ModelError(
            f"{source}: label {rare} has only 1 row; cross-validation needs at least 2 per label "
            "(add examples, or merge or drop that label)."
        )
    return min(MAX_FOLDS, int(counts.min()))


def score(y: Sequence[str], predicted: Sequence[str], labels: Sequence[str]) -> tuple[str, float]:
    """(metric name, value): F_avg for a stance scheme, else macro-F1 over ``labels``."""
    from sklearn.metrics import f1_score

    pair = stance_pair(labels)
    if pair is not None:
        return "F_avg", float(
            np.mean(f1_score(y, predicted, labels=list(pair), average=None, zero_division=0))
        )
    return "macro-F1", float(
        np.mean(f1_score(y, predicted, labels=list(labels), average=None, zero_division=0))
    )


def _strata(y: np.ndarray, targets: np.ndarray, n_splits: int) -> np.ndarray:
    """Folds keep each target's label mix when every (target, label) pair has a row per fold
    (so per-target models are fitted in every fold as on all rows); else each label's share."""
    pairs = np.array([f"{t}\x1f{label}" for t, label in zip(targets, y, strict=True)], dtype=object)
    return pairs if min(Counter(pairs.tolist()).values()) >= n_splits else y


def _out_of_fold(inputs: Inputs, y, targets, labels, seed: int, n_splits: int) -> dict[str, np.ndarray]:
    """Out-of-fold probabilities of every candidate (each fold fits its own vectorizers)."""
    from sklearn.model_selection import StratifiedKFold

    n = len(y)
    pooled = np.zeros((n, len(labels)))
    own = np.zeros((n, len(labels)))
    own_cues = np.zeros((n, len(labels)))
    has_own = np.zeros(n, dtype=bool)
    folds = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=seed)
    for train_rows, test_rows in folds.split(np.zeros(n), _strata(y, targets, n_splits)):
        vectorizers = make_vectorizers()
        x_train = ngram_matrix(vectorizers, inputs.views(train_rows), fit=True)
        x_test = ngram_matrix(vectorizers, inputs.views(test_rows))
        t_train, t_test = targets[train_rows], targets[test_rows]
        blocks = sorted(set(t_train.tolist()))
        model = fit_classifier(conditioned(x_train, t_train, blocks), y[train_rows], seed)
        pooled[test_rows] = probabilities(model, conditioned(x_test, t_test, blocks), labels)
        for target in own_targets(t_train, y[train_rows], labels):
            a, b = np.flatnonzero(t_train == target), np.flatnonzero(t_test == target)
            if not len(b):
                continue
            has_own[test_rows[b]] = True
            model = fit_classifier(x_train[a], y[train_rows][a], seed)
            own[test_rows[b]] = probabilities(model, x_test[b], labels)
            if inputs.cues is not None:
                cues_train, cues_test = inputs.cues[train_rows], inputs.cues[test_rows]
                model = fit_classifier(with_cues(x_train[a], cues_train[a]), y[train_rows][a], seed)
                own_cues[test_rows[b]] = probabilities(model, with_cues(x_test[b], cues_test[b]), labels)
    out = {POOLED: pooled}
    if has_own.any():
        for strategy in (PER_TARGET, COMBINED):
            out[strategy] = combine(strategy, pooled, own, has_own)
            if inputs.cues is not None:
                out[strategy + WITH_CUES] = combine(strategy, pooled, own_cues, has_own)
    return out


def cross_validate(inputs: Inputs, y: np.ndarray, targets: np.ndarray, labels, *, seed: int, n_splits: int):
    """Compare the candidate strategies out of fold; return the figures of the best one."""
    from sklearn.metrics import f1_score

    found = _out_of_fold(inputs, y, targets, labels, seed, n_splits)
    scored = []
    for strategy in STRATEGIES:
        if strategy in found:
            predicted = [labels[i] for i in found[strategy].argmax(axis=1)]
            metric, value = score(y, predicted, labels)
            scored.append((strategy, round(value, 6), predicted))
    best = max(scored, key=lambda s: (s[1], -STRATEGIES.index(s[0])))
    strategy, _, predicted = best
    f1 = f1_score(y, predicted, labels=list(labels), average=None, zero_division=0)
    counts = Counter(y.tolist())
    pair = stance_pair(labels)
    return CrossValidation(
        n_splits=n_splits,
        per_class=tuple(
            (label, counts[label], round(float(s), 6)) for label, s in zip(labels, f1, strict=True)
        ),
        macro_f1=round(float(np.mean(f1)), 6),
        strategy=strategy,
        metric=metric,
        candidates=tuple((name, value) for name, value, _ in scored),
        f_avg=None if pair is None else round(score(y, predicted, labels)[1], 6),
    )
