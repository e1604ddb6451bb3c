"""The classifiers of a stance model and how their probabilities are combined.

Every classifier is a class-balanced linear SVM with sigmoid-calibrated probabilities
(``CalibratedClassifierCV``, up to :data:`CALIBRATION_FOLDS` internal folds, one SVM fitted on
all rows). :func:`fit_parts` fits what a strategy needs: the vectorizers, the pooled
target-conditioned model and the per-target models; :func:`combine` turns their probabilities
into the strategy's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from stance.model.learn.features import CueCounter, conditioned, make_vectorizers, ngram_matrix
from stance.model.learn.masking import Masker, views
from stance.text.normalise import normalise_text

CALIBRATION_FOLDS = 3
SVM_C = 0.5  # chosen by 5-fold cross-validation on the NLPCC-2016 training posts (0.25-1 alike)
MIN_TARGET_ROWS = 30
MIN_TARGET_LABEL_ROWS = 5
PER_TARGET, POOLED, COMBINED = "per-target", "pooled", "combined"
WITH_CUES = "+cues"
# Candidates in order of preference: on a tie the earlier (smaller) one is kept.
STRATEGIES = (POOLED, PER_TARGET, COMBINED, PER_TARGET + WITH_CUES, COMBINED + WITH_CUES)


@dataclass(frozen=True)
class Inputs:
    """The masked views of some rows, and their cue counts when a counter was given."""

    words: list[str]
    chars: list[str]
    cues: np.ndarray | None

    def views(self, rows: np.ndarray | None = None) -> dict[str, list[str]]:
        if rows is None:
            return {"words": self.words, "chars": self.chars}
        return {"words": [self.words[i] for i in rows], "chars": [self.chars[i] for i in rows]}


def prepare(texts, targets, masker: Masker, tokenize, counter: CueCounter | None) -> Inputs:
    """Normalise, segment and mask every (text, target) pair once; count cues when asked."""
    words, chars, cues = [], [], []
    for text, target in zip(texts, targets, strict=True):
        norm = normalise_text(str(text))
        tokens = tokenize(norm)
        w, c = views(masker.mask(tokens, str(target)))
        words.append(w)
        chars.append(c)
        if counter is not None:
            cues.append(counter.row(norm, tokens))
    return Inputs(words, chars, np.vstack(cues) if counter is not None and cues else None)


def _classifier(y: np.ndarray, seed: int):
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.svm import LinearSVC

    svm = LinearSVC(C=SVM_C, class_weight="balanced", random_state=seed)
    smallest = min(Counter(y.tolist()).values())
    if smallest < 2:  # only inside cross-validation folds of tiny label sets
        return svm
    return CalibratedClassifierCV(svm, method="sigmoid", cv=min(CALIBRATION_FOLDS, smallest), ensemble=False)


def fit_classifier(x, y: np.ndarray, seed: int):
    return _classifier(y, seed).fit(x, y)


def probabilities(classifier, x, labels: Sequence[str]) -> np.ndarray:
    """Class probabilities of ``x`` in the order of ``labels`` (a label the classifier never
    saw gets 0); an uncalibrated SVM's decision values go through a softmax."""
    if hasattr(classifier, "predict_proba"):
        found = classifier.predict_proba(x)
    else:
        scores = classifier.decision_function(x)
        if scores.ndim == 1:
            scores = np.column_stack([-scores, scores])
        scores = np.exp(scores - scores.max(axis=1, keepdims=True))
        found = scores / scores.sum(axis=1, keepdims=True)
    out = np.zeros((x.shape[0], len(labels)))
    column = {label: j for j, label in enumerate(labels)}
    for j, label in enumerate(classifier.classes_):
        out[:, column[str(label)]] = found[:, j]
    return out


def _compact(classifier) -> None:
    """Store each fitted SVM's weights as a sparse matrix: an n-gram a model never saw has
    weight 0, and most of a per-target model's columns are such n-grams."""
    for calibrated in getattr(classifier, "calibrated_classifiers_", ()):
        calibrated.estimator.sparsify()


def own_targets(targets: np.ndarray, y: np.ndarray, labels: Sequence[str]) -> list[str]:
    """Targets with enough rows, and enough of every label, for a model of their own."""
    out = []
    for target in sorted(set(targets.tolist())):
        counts = Counter(y[targets == target].tolist())
        if sum(counts.values()) >= MIN_TARGET_ROWS and all(
            counts[x] >= MIN_TARGET_LABEL_ROWS for x in labels
        ):
            out.append(target)
    return out


def with_cues(x, cues: np.ndarray | None):
    return x if cues is None else sp.hstack([x, sp.csr_matrix(cues)], format="csr")


def fit_parts(inputs: Inputs, y: np.ndarray, targets: np.ndarray, labels, seed: int, strategy: str) -> dict:
    """Fit what ``strategy`` needs on all rows: the vectorizers, the pooled model and (unless
    pooled) the per-target models. This is what a model file's skops part holds."""
    vectorizers = make_vectorizers()
    x = ngram_matrix(vectorizers, inputs.views(), fit=True)
    blocks = sorted(set(targets.tolist()))
    pooled = fit_classifier(conditioned(x, targets, blocks), y, seed)
    _compact(pooled)
    per_target = {}
    if strategy != POOLED:
        cues = inputs.cues if strategy.endswith(WITH_CUES) else None
        for target in own_targets(targets, y, labels):
            rows = np.flatnonzero(targets == target)
            per_target[target] = fit_classifier(
                with_cues(x[rows], None if cues is None else cues[rows]), y[rows], seed
            )
            _compact(per_target[target])
    return {"vectorizers": vectorizers, "pooled": pooled, "per_target": per_target}


def combine(strategy: str, pooled: np.ndarray, own: np.ndarray, has_own: np.ndarray) -> np.ndarray:
    """The probabilities ``strategy`` gives: per-target rows from their own model (or the mean
    of both for ``combined``), every other row from the pooled model."""
    out = pooled.copy()
    if strategy.startswith(PER_TARGET):
        out[has_own] = own[has_own]
    elif strategy.startswith(COMBINED):
        out[has_own] = (own[has_own] + pooled[has_own]) / 2
    return out
