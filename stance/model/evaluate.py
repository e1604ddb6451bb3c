"""Agreement between a scorer and human labels (``stance evaluate``).

:func:`evaluate` takes gold rows (text, target, label) and any ``predict`` callable, and
returns per-target accuracy, per-class F1, macro-F1, Cohen's kappa and the confusion matrix,
each next to its raw counts. :func:`lexicon_predictor` turns the lexicon scorer's continuous
scores into -1/0/1 labels; :func:`model_predictor` wraps a trained model.

Mapping scores to labels: a score counts as +1 when ``score >= threshold`` and -1 when
``score <= -threshold``, else 0; the default threshold is :data:`DEFAULT_THRESHOLD` = 0.2.
Why 0.2: scores lie in [-1, 1] and a single, unhedged cue of ordinary weight moves a target
well past 0.2, while a lone hedged or attempted cue ("试图", "可能" halve a cue), or two
cues of opposite sign that nearly cancel, stay under it. That matches the annotation guideline
(docs/annotation_guideline.md): an attempt or a hedge alone does not make a sentence +1 or -1.
``stance evaluate --threshold`` changes it; the README lists the figures at nearby values.

>>> gold = pd.DataFrame({"text": list("abcd"), "target": ["us"] * 4, "label": ["1", "1", "0", "-1"]})
>>> result = evaluate(gold, lambda rows: ["1", "0", "0", "-1"])
>>> m = result.per_target[0]
>>> m.target, m.n, m.accuracy, round(m.macro_f1, 3)
('us', 4, 0.75, 0.778)
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from stance.errors import InputError, ModelError
from stance.model.learn import label_order

DIMENSIONS = ("evaluation", "potency")
DEFAULT_THRESHOLD = 0.2
ALL_TARGETS = "(all)"
METRIC_COLUMNS = ("target", "dimension", "n", "accuracy", "macro_f1", "kappa")
# Label words a gold file may use for the three stance values, mapped to -1/0/1.
_LABEL_WORDS = {
    "-1": -1,
    "0": 0,
    "1": 1,
    "+1": 1,
    "against": -1,
    "negative": -1,
    "neg": -1,
    "none": 0,
    "neutral": 0,
    "favor": 1,
    "favour": 1,
    "positive": 1,
    "pos": 1,
}

Predict = Callable[[pd.DataFrame], Sequence[str | None]]


@dataclass(frozen=True)
class TargetMetrics:
    """Agreement figures for one target (or :data:`ALL_TARGETS`)."""

    target: str
    n: int
    labels: tuple[str, ...]
    accuracy: float
    per_class: tuple[tuple[str, int, int, float], ...]  # (label, n_gold, n_predicted, F1)
    macro_f1: float
    kappa: float  # nan when undefined (one label only on both sides)
    confusion: tuple[tuple[int, ...], ...]  # rows: gold labels, columns: predicted, order: labels


@dataclass(frozen=True)
class Evaluation:
    """Per-target metrics plus the rows that could not be scored (a model's unknown targets)."""

    per_target: tuple[TargetMetrics, ...]
    overall: TargetMetrics | None
    skipped: Mapping[str, int] = field(default_factory=dict)
    dimension: str = ""
    scorer: str = ""

    def as_frame(self) -> pd.DataFrame:
        """Tidy table: one row per target (and the overall row)."""
        rows = [*self.per_target, *([self.overall] if self.overall else [])]
        return pd.DataFrame(
            [(m.target, self.dimension, m.n, m.accuracy, m.macro_f1, m.kappa) for m in rows],
            columns=list(METRIC_COLUMNS),
        )


def _canonical(label: object) -> str:
    """'+1', '1.0' and ' 1' are the label '1'; other labels are kept as written (stripped)."""
    text = str(label).strip()
    try:
        value = float(text)
    except ValueError:
        return text
    return str(int(value)) if value.is_integer() else text


def target_metrics(target: str, gold: Sequence[str], predicted: Sequence[str]) -> TargetMetrics:
    """Accuracy, per-class F1 (with gold and predicted counts), macro-F1 over the labels present
    in gold or predictions, Cohen's kappa and the confusion matrix."""
    from sklearn.metrics import cohen_kappa_score, confusion_matrix, f1_score

    y = [_canonical(x) for x in gold]
    p = [_canonical(x) for x in predicted]
    labels = tuple(label_order([*y, *p]))
    f1 = f1_score(y, p, labels=list(labels), average=None, zero_division=0)
    per_class = tuple(
        (label, y.count(label), p.count(label), float(s)) for label, s in zip(labels, f1, strict=True)
    )
    if len(labels) < 2:
        kappa = math.nan
    else:
        with np.errstate(divide="ignore", invalid="ignore"):
            kappa = float(cohen_kappa_score(y, p, labels=list(labels)))
    # sklearn warns on a one-label matrix; it is simply the count.
    matrix = [[len(y)]] if len(labels) == 1 else confusion_matrix(y, p, labels=list(labels))
    return TargetMetrics(
        target=target,
        n=len(y),
        labels=labels,
        accuracy=float(np.mean([a == b for a, b in zip(y, p, strict=True)])) if y else math.nan,
        per_class=per_class,
        macro_f1=float(np.mean(f1)) if len(f1) else math.nan,
        kappa=kappa,
        confusion=tuple(tuple(int(v) for v in row) for row in matrix),
    )


def evaluate(
    gold: pd.DataFrame,
    predict: Predict,
    *,
    label_column: str = "label",
    dimension: str = "",
    scorer: str = "",
) -> Evaluation:
    """Score ``gold`` (columns text, target and ``label_column``) with ``predict`` and compare.

    ``predict`` receives the gold rows and returns one label per row, or None for a row it
    cannot score (a model's unknown target); such rows are counted in ``skipped``.
    """
    frame = gold.reset_index(drop=True)
    predicted = list(predict(frame))
    if len(predicted) != len(frame):
        raise ValueError(f"predict returned {len(predicted)} labels for {len(frame)} rows")
    frame = frame.assign(_predicted=predicted)
    scored = frame[frame["_predicted"].notna()]
    skipped = frame[frame["_predicted"].isna()]["target"].astype(str).value_counts()
    per_target = tuple(
        target_metrics(target, rows[label_column].tolist(), rows["_predicted"].tolist())
        for target, rows in sorted(scored.groupby(scored["target"].astype(str)), key=lambda kv: kv[0])
    )
    overall = (
        target_metrics(ALL_TARGETS, scored[label_column].tolist(), scored["_predicted"].tolist())
        if len(per_target) > 1
        else None
    )
    return Evaluation(
        per_target=per_target,
        overall=overall,
        skipped={str(k): int(v) for k, v in sorted(skipped.items())},
        dimension=dimension,
        scorer=scorer,
    )


def _fmt(value: float) -> str:
    return "n/a" if math.isnan(value) else f"{value:.3f}"


def render_metrics(m: TargetMetrics) -> str:
    """One target's figures as plain text, each statistic next to its counts."""
    width = max(5, *(len(x) for x in m.labels))
    lines = [
        f"target {m.target}: n={m.n}  accuracy {_fmt(m.accuracy)}  macro-F1 {_fmt(m.macro_f1)}  "
        f"kappa {_fmt(m.kappa)}",
        f"  {'label':<{width}}  {'gold':>5}  {'pred':>5}  {'F1':>6}",
    ]
    lines += [f"  {label:<{width}}  {ng:>5}  {npred:>5}  {f1:>6.3f}" for label, ng, npred, f1 in m.per_class]
    lines.append("  confusion (rows gold, columns predicted):")
    lines.append("  " + " " * width + "".join(f"  {x:>{width}}" for x in m.labels))
    for label, row in zip(m.labels, m.confusion, strict=True):
        lines.append(f"  {label:<{width}}" + "".join(f"  {v:>{width}}" for v in row))
    return "\n".join(lines)


def render_evaluation(result: Evaluation) -> str:
    """All targets' figures as plain text, as ``stance evaluate`` prints them."""
    parts = (
        f"dimension: {result.dimension}" if result.dimension else "",
        f"scorer: {result.scorer}" if result.scorer else "",
    )
    head = "; ".join(x for x in parts if x)
    blocks = [f"== {head}"] if head else []
    blocks += [render_metrics(m) for m in result.per_target]
    if result.overall is not None:
        blocks.append(render_metrics(result.overall))
    if result.skipped:
        names = ", ".join(f"{t} ({n} rows)" for t, n in result.skipped.items())
        blocks.append(f"skipped: {names}: not targets the model was trained on")
    return "\n".join(blocks)


# --------------------------------------------------------------------------- gold files


def read_gold(path: Path) -> pd.DataFrame:
    """Read a gold CSV: columns text, target and at least one of label, evaluation, potency.

    Raises :class:`InputError` naming the file (and CSV line) and the fix.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file; check the path to the gold CSV.")
    raw = path.read_bytes()
    if not raw.strip():
        raise InputError(f"{path}: the file is empty; it needs a header row text,target,label and rows.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(f"{path}:{line}: not UTF-8 text; re-save the file as UTF-8 CSV.") from exc
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise InputError(f"{path}: not a readable CSV ({exc}); save it as comma-separated UTF-8.") from exc
    frame.columns = [str(c).strip() for c in frame.columns]
    missing = [c for c in ("text", "target") if c not in frame.columns]
    label_columns = [c for c in ("label", *DIMENSIONS) if c in frame.columns]
    if missing or not label_columns:
        need = [*missing, *([] if label_columns else ["label (or evaluation/potency)"])]
        raise InputError(
            f"{path}: missing column(s) {', '.join(need)}; the header must name text, target and label "
            f"(found: {', '.join(frame.columns) or 'none'})."
        )
    if frame.empty:
        raise InputError(f"{path}: has a header but no rows; add labelled rows.")
    for column in ("text", "target", *label_columns):
        values = frame[column].str.strip()
        empty = frame.index[values == ""]
        if len(empty):
            raise InputError(f"{path}:{int(empty[0]) + 2}: empty '{column}'; fill it in or delete the row.")
    return frame.assign(**{c: frame[c].str.strip() for c in ("target", *label_columns)})


def gold_column(gold: pd.DataFrame, *, dimension: str | None, source: str) -> str:
    """The column holding the gold labels for ``dimension`` (or ``label``)."""
    if dimension is not None and dimension in gold.columns:
        return dimension
    if "label" in gold.columns:
        return "label"
    raise InputError(
        f"{source}: has no '{dimension}' or 'label' column; add it, or choose another --dimension."
    )


def lexicon_gold_columns(gold: pd.DataFrame, *, dimension: str | None, source: str) -> list[tuple[str, str]]:
    """(dimension, gold column) pairs the lexicon scorer is evaluated on."""
    if dimension is not None:
        return [(dimension, gold_column(gold, dimension=dimension, source=source))]
    present = [(d, d) for d in DIMENSIONS if d in gold.columns]
    if present:
        return present
    raise InputError(
        f"{source}: the 'label' column may hold either dimension; say which with "
        "--dimension evaluation or --dimension potency."
    )


def check_three_way(gold: pd.DataFrame, column: str, *, source: str) -> dict[int, str]:
    """Check the gold labels are a -1/0/1 scheme (numbers or words such as FAVOR/AGAINST/NONE)
    and return how lexicon values -1/0/1 are written in this file."""
    written: dict[int, str] = {}
    for position, label in enumerate(gold[column].tolist()):
        key = _canonical(label).lower()
        if key not in _LABEL_WORDS:
            raise InputError(
                f"{source}:{position + 2}: label '{label}' in '{column}' is not -1/0/1 "
                "(or FAVOR/AGAINST/NONE); the lexicon scorer gives three values, so use those labels "
                "or evaluate a model (--model)."
            )
        written.setdefault(_LABEL_WORDS[key], _canonical(label))
    return {value: written.get(value, str(value)) for value in (-1, 0, 1)}


def score_to_label(score: float, threshold: float = DEFAULT_THRESHOLD) -> int:
    """Map a lexicon score in [-1, 1] to -1/0/1 (see the module docstring for the threshold).

    >>> [score_to_label(s) for s in (-0.5, -0.2, -0.19, 0.0, 0.19, 0.2, 1.0)]
    [-1, -1, 0, 0, 0, 1, 1]
    """
    if score >= threshold:
        return 1
    if score <= -threshold:
        return -1
    return 0


def _dimension_score(result: object, target: str, dimension: str) -> float:
    """Pull one target's score for ``dimension`` out of what ``score_text`` returns.

    Accepts a mapping target -> record (attribute or key ``dimension``), a record of the one
    target, or a mapping dimension -> score. A target that is not mentioned scores 0.
    """
    record = result
    if isinstance(result, Mapping) and dimension not in result:
        record = result.get(target)
        if record is None:
            return 0.0
    value = record.get(dimension) if isinstance(record, Mapping) else getattr(record, dimension, None)
    if value is None:
        return 0.0
    value = float(value)
    return 0.0 if math.isnan(value) else value


def lexicon_predictor(
    dimension: str,
    score: Callable[[str, str], object],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    written: Mapping[int, str] | None = None,
) -> Predict:
    """A ``predict`` for :func:`evaluate` from ``score(text, target)`` (the lexicon scorer with
    its lexicons bound): each row's ``dimension`` score mapped by :func:`score_to_label` and
    written in the gold file's label words."""
    words = dict(written or {-1: "-1", 0: "0", 1: "1"})

    def predict(rows: pd.DataFrame) -> list[str]:
        cache: dict[tuple[str, str], object] = {}
        out = []
        for text, target in zip(rows["text"].astype(str), rows["target"].astype(str), strict=True):
            key = (text, target)
            if key not in cache:
                cache[key] = score(text, target)
            out.append(words[score_to_label(_dimension_score(cache[key], target, dimension), threshold)])
        return out

    return predict


def model_predictor(model) -> Predict:
    """A ``predict`` for :func:`evaluate` from a :class:`stance.model.learn.StanceModel`; rows whose
    target the model was not trained on get None (reported as skipped)."""

    def predict(rows: pd.DataFrame) -> list[str | None]:
        known = [model.knows(str(t)) for t in rows["target"]]
        if not any(known):
            raise ModelError(
                f"the model knows targets {', '.join(model.targets)}; none of the gold rows has one of them."
            )
        texts = [str(t) for t, k in zip(rows["text"], known, strict=True) if k]
        targets = [str(t) for t, k in zip(rows["target"], known, strict=True) if k]
        labels = iter(model.predict(texts, targets))
        return [next(labels) if k else None for k in known]

    return predict


def label_value(label: object) -> int | None:
    """The -1/0/1 value of a label written as a number or a word (FAVOR/AGAINST/NONE...), or
    None when the label belongs to another scheme."""
    return _LABEL_WORDS.get(_canonical(label).lower())
