"""Agreement between a scorer and human labels (``stance evaluate``).

:func:`evaluate` takes gold rows (text, target, label) and any ``predict`` callable, and
returns per-target accuracy, per-class F1, macro-F1, Cohen's kappa and the confusion matrix,
each next to its raw counts, and 95% bootstrap intervals of accuracy, macro-F1, F_avg and kappa
(:func:`confusion_intervals`: the gold rows resampled, as multinomial counts over the cells of
the confusion matrix). :func:`lexicon_predictor` turns the lexicon scorer's continuous
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

from stance.config import RunConfig
from stance.errors import InputError, ModelError, OutputError
from stance.measure.stats import (
    LEVEL,
    N_BOOT,
    distinct_rows_of,
    percentile_columns,
    resampled_sums_of,
    stable_seed,
)
from stance.model.learn.labels import LABEL_WORDS, canonical_label, label_order, read_csv_text, stance_pair
from stance.model.learn.labels import label_value as label_value
from stance.output.write import Inputs, check_parent, refuse_inputs, starts_with_header

DIMENSIONS = ("evaluation", "potency")
DEFAULT_THRESHOLD = 0.2
ALL_TARGETS = "(all)"
# The statistics given with a bootstrap interval, in the order of the metrics table.
INTERVAL_METRICS = ("accuracy", "macro_f1", "f_avg", "kappa")
METRIC_COLUMNS = (
    "target",
    "dimension",
    "n",
    *(f"{metric}{part}" for metric in INTERVAL_METRICS for part in ("", "_low", "_high")),
)
# The seed of the intervals when none is given: the run seed of `stance report`.
DEFAULT_SEED = RunConfig.seed
PREDICTION_COLUMNS = ("line", "target", "dimension", "gold", "predicted", "probability", "text")
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
    # NLPCC-2016's official score, (F1 favour + F1 against) / 2, for a stance scheme; else None.
    f_avg: float | None = None
    # (statistic, low, high): the 95% bootstrap interval of each of INTERVAL_METRICS that is
    # given (F_avg only for a stance scheme); NaN bounds where no resample defines it.
    intervals: tuple[tuple[str, float, float], ...] = ()

    def interval(self, metric: str) -> tuple[float, float]:
        """The 95% bootstrap interval of ``metric`` (NaN, NaN when there is none)."""
        for name, low, high in self.intervals:
            if name == metric:
                return (low, high)
        return (math.nan, math.nan)


@dataclass(frozen=True)
class Predictions:
    """What a ``predict`` may return instead of a plain list: the labels, and the probability
    the scorer gives each (a calibrated model's; None for the lexicon scorer)."""

    labels: Sequence[str | None]
    probability: Sequence[float | None]


@dataclass(frozen=True)
class Evaluation:
    """Per-target metrics plus the rows that could not be scored (a model's unknown targets)."""

    per_target: tuple[TargetMetrics, ...]
    overall: TargetMetrics | None
    skipped: Mapping[str, int] = field(default_factory=dict)
    dimension: str = ""
    scorer: str = ""
    # One entry per gold row, in order: the predicted label (None: skipped) and its probability.
    predicted: tuple[str | None, ...] = ()
    probability: tuple[float | None, ...] = ()
    # How the intervals were drawn.
    seed: int = DEFAULT_SEED
    n_boot: int = N_BOOT

    def as_frame(self) -> pd.DataFrame:
        """Tidy table: one row per target (and the overall row), each statistic followed by
        the bounds of its 95% bootstrap interval."""
        rows = [*self.per_target, *([self.overall] if self.overall else [])]
        return pd.DataFrame(
            [
                (
                    m.target,
                    self.dimension,
                    m.n,
                    *(x for metric in INTERVAL_METRICS for x in (getattr(m, metric), *m.interval(metric))),
                )
                for m in rows
            ],
            columns=list(METRIC_COLUMNS),
        )


def confusion_statistics(matrices: np.ndarray, scored: Sequence[int] | None) -> dict[str, np.ndarray]:
    """Accuracy, macro-F1, F_avg and Cohen's kappa of each confusion matrix of ``matrices``
    (m x k x k counts, rows gold, columns predicted, one label order), and each label's F1
    (``f1``, m x k): what scikit-learn gives for the rows they count, up to rounding. F1 is
    2 TP / (gold + predicted), 0 for a label neither holds; macro-F1 averages every label of the
    order; F_avg the label indices ``scored`` (NaN for None or none); kappa is NaN where chance
    agreement is 1.

    >>> m = np.array([[[3, 1], [0, 2]]])
    >>> found = confusion_statistics(m, [0, 1])
    >>> {k: round(float(found[k][0]), 3) for k in INTERVAL_METRICS}
    {'accuracy': 0.833, 'macro_f1': 0.829, 'f_avg': 0.829, 'kappa': 0.667}
    """
    counts = np.asarray(matrices, dtype=float)
    n = counts.sum(axis=(1, 2))
    hits = np.diagonal(counts, axis1=1, axis2=2)
    gold, predicted = counts.sum(axis=2), counts.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        f1 = np.where(gold + predicted > 0, 2 * hits / (gold + predicted), 0.0)
        accuracy = hits.sum(axis=1) / n
        chance = (gold * predicted).sum(axis=1) / n**2
        kappa = np.where(chance < 1, (accuracy - chance) / (1 - chance), np.nan)
    f_avg = f1[:, list(scored)].mean(axis=1) if scored else np.full(len(counts), np.nan)
    return {"accuracy": accuracy, "macro_f1": f1.mean(axis=1), "f_avg": f_avg, "kappa": kappa, "f1": f1}


def confusion_intervals(
    confusion: np.ndarray,
    scored: Sequence[int] | None,
    *,
    seed: int,
    n_boot: int = N_BOOT,
    level: float = LEVEL,
) -> dict[str, tuple[float, float]]:
    """Percentile bootstrap intervals of :func:`confusion_statistics` over the rows counted in
    ``confusion`` (k x k): each resample draws as many rows, with replacement, which is drawing
    multinomial counts over the cells (:func:`stance.measure.stats.resampled_sums_of`, seeded,
    the same numbers every run). Rows are resampled whole, gold and prediction together; the
    label order stays that of ``confusion``.

    >>> low, high = confusion_intervals(np.array([[40, 10], [5, 45]]), [0, 1], seed=1)["accuracy"]
    >>> bool(0.75 < low < 0.85 < high < 0.95)
    True
    """
    confusion = np.asarray(confusion, dtype=np.int64)
    k = confusion.shape[0]
    one_hot = np.eye(k * k)
    cells = {tuple(one_hot[c].tolist()): int(count) for c, count in enumerate(confusion.ravel()) if count}
    if not cells:
        return {name: (math.nan, math.nan) for name in INTERVAL_METRICS}
    distinct, counts = distinct_rows_of(cells, k * k)
    draws = resampled_sums_of(distinct, counts, rng=np.random.default_rng(seed), n_boot=n_boot)
    statistics = confusion_statistics(draws.reshape(n_boot, k, k), scored)
    bounds = percentile_columns(np.column_stack([statistics[name] for name in INTERVAL_METRICS]), level)
    return {name: (float(bounds[0, j]), float(bounds[1, j])) for j, name in enumerate(INTERVAL_METRICS)}


def target_metrics(
    target: str,
    gold: Sequence[str],
    predicted: Sequence[str],
    *,
    pair: tuple[str, str] | None = None,
    seed: int = DEFAULT_SEED,
    n_boot: int = N_BOOT,
) -> TargetMetrics:
    """Accuracy, per-class F1 (with gold and predicted counts), macro-F1 over the labels present
    in gold or predictions, Cohen's kappa, the confusion matrix, and F_avg: the mean F1 of the
    favour and against labels (``pair``; by default found in the labels present when they are a
    stance scheme, see :func:`stance.model.learn.labels.stance_pair`); a label of the pair absent
    from both gold and predictions is left out of the mean. Accuracy, macro-F1, F_avg and kappa
    each get a 95% bootstrap interval (:func:`confusion_intervals`, ``n_boot`` resamples of the
    rows, seeded from ``seed`` and the target's name)."""
    from sklearn.metrics import confusion_matrix

    y = [canonical_label(x) for x in gold]
    p = [canonical_label(x) for x in predicted]
    labels = tuple(label_order([*y, *p]))
    # sklearn warns on a one-label matrix; it is simply the count.
    matrix = [[len(y)]] if len(labels) == 1 else confusion_matrix(y, p, labels=list(labels))
    confusion = tuple(tuple(int(v) for v in row) for row in matrix)
    pair = pair if pair is not None else stance_pair(labels)
    # A label of the pair that neither gold nor predictions hold here has no F1: left out.
    scored = None if pair is None else [labels.index(x) for x in pair if x in labels]
    figures = {
        name: values[0] for name, values in confusion_statistics(np.array([confusion]), scored).items()
    }
    found = confusion_intervals(
        np.array(confusion), scored, seed=stable_seed(seed, "evaluate", target), n_boot=n_boot
    )
    return TargetMetrics(
        target=target,
        n=len(y),
        labels=labels,
        accuracy=float(figures["accuracy"]),
        per_class=tuple(
            (label, y.count(label), p.count(label), float(f1))
            for label, f1 in zip(labels, figures["f1"], strict=True)
        ),
        macro_f1=float(figures["macro_f1"]),
        kappa=float(figures["kappa"]),
        confusion=confusion,
        f_avg=None if pair is None else float(figures["f_avg"]),
        intervals=tuple(
            (name, *found[name]) for name in INTERVAL_METRICS if name != "f_avg" or pair is not None
        ),
    )


def evaluate(
    gold: pd.DataFrame,
    predict: Predict,
    *,
    label_column: str = "label",
    dimension: str = "",
    scorer: str = "",
    seed: int = DEFAULT_SEED,
    n_boot: int = N_BOOT,
) -> Evaluation:
    """Score ``gold`` (columns text, target and ``label_column``) with ``predict`` and compare.

    ``predict`` receives the gold rows and returns one label per row, or None for a row it
    cannot score (a model's unknown target); such rows are counted in ``skipped``. It may
    return :class:`Predictions` to add each label's probability. F_avg is given when the gold
    and predicted labels together form a stance scheme. ``seed`` and ``n_boot`` draw the 95%
    bootstrap intervals (:func:`target_metrics`).
    """
    frame = gold.reset_index(drop=True)
    found = predict(frame)
    if isinstance(found, Predictions):
        predicted, probability = list(found.labels), list(found.probability)
    else:
        predicted, probability = list(found), [None] * len(frame)
    if len(predicted) != len(frame) or len(probability) != len(frame):
        raise ValueError(f"predict returned {len(predicted)} labels for {len(frame)} rows")
    frame = frame.assign(_predicted=predicted)
    scored = frame[frame["_predicted"].notna()]
    skipped = frame[frame["_predicted"].isna()]["target"].astype(str).value_counts()
    seen = [canonical_label(x) for x in (*scored[label_column], *scored["_predicted"])]
    pair = stance_pair(label_order(seen)) if seen else None

    def metrics_of(target: str, rows: pd.DataFrame) -> TargetMetrics:
        gold_labels, predicted_labels = rows[label_column].tolist(), rows["_predicted"].tolist()
        return target_metrics(target, gold_labels, predicted_labels, pair=pair, seed=seed, n_boot=n_boot)

    groups = sorted(scored.groupby(scored["target"].astype(str)), key=lambda kv: kv[0])
    per_target = tuple(metrics_of(target, rows) for target, rows in groups)
    overall = metrics_of(ALL_TARGETS, scored) if len(per_target) > 1 else None
    return Evaluation(
        per_target=per_target,
        overall=overall,
        skipped={str(k): int(v) for k, v in sorted(skipped.items())},
        dimension=dimension,
        scorer=scorer,
        predicted=tuple(None if x is None else str(x) for x in predicted),
        probability=tuple(None if x is None else float(x) for x in probability),
        seed=seed,
        n_boot=n_boot,
    )


def _fmt(value: float) -> str:
    return "n/a" if math.isnan(value) else f"{value:.3f}"


_SHOWN_NAMES = {"accuracy": "accuracy", "macro_f1": "macro-F1", "f_avg": "F_avg", "kappa": "kappa"}


def render_metrics(m: TargetMetrics) -> str:
    """One target's figures as plain text, each statistic next to its counts, and a line of
    their 95% bootstrap intervals."""
    width = max(5, *(len(x) for x in m.labels))
    shown = [name for name in INTERVAL_METRICS if name != "f_avg" or m.f_avg is not None]
    lines = [
        f"target {m.target}: n={m.n}  "
        + "  ".join(f"{_SHOWN_NAMES[name]} {_fmt(getattr(m, name))}" for name in shown)
    ]
    if m.intervals:
        bounds = [(name, m.interval(name)) for name in shown]
        lines.append(
            "  95% interval: "
            + "  ".join(f"{_SHOWN_NAMES[name]} [{_fmt(low)}, {_fmt(high)}]" for name, (low, high) in bounds)
        )
    lines.append(f"  {'label':<{width}}  {'gold':>5}  {'pred':>5}  {'F1':>6}")
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
    if result.per_target:
        blocks.append(
            f"95% interval: percentile bootstrap over each target's gold rows, resampled whole "
            f"({result.n_boot:,} resamples, seed {result.seed})"
        )
    return "\n".join(blocks)


# --------------------------------------------------------------------------- gold files


def read_gold(path: Path) -> pd.DataFrame:
    """Read a gold CSV: columns text, target and at least one of label, evaluation, potency.

    Raises :class:`InputError` naming the file (and CSV line) and the fix.
    """
    path = Path(path)
    text = read_csv_text(path, what="gold CSV", header="text,target,label")
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
    if dimension is None:
        present = [d for d in DIMENSIONS if d in gold.columns]
        hint = f"--dimension {present[0]}" if present else "--dimension evaluation or potency"
        raise InputError(
            f"{source}: has no 'label' column; add one, or say which column holds the labels with {hint}."
        )
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
        key = canonical_label(label).lower()
        if key not in LABEL_WORDS:
            raise InputError(
                f"{source}:{position + 2}: label '{label}' in '{column}' is not -1/0/1 "
                "(or FAVOR/AGAINST/NONE, 支持/反对/中立); the lexicon scorer gives three values, so use those labels "
                "or evaluate a model (--model)."
            )
        written.setdefault(LABEL_WORDS[key], canonical_label(label))
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
    """A ``predict`` for :func:`evaluate` from a :class:`stance.model.learn.StanceModel`: each
    row's most probable label with its calibrated probability; rows whose target the model was
    not trained on get None (reported as skipped)."""

    def predict(rows: pd.DataFrame) -> Predictions:
        known = [model.knows(str(t)) for t in rows["target"]]
        if not any(known):
            raise ModelError(
                f"the model knows targets {', '.join(model.targets)}; none of the gold rows has one of them."
            )
        texts = [str(t) for t, k in zip(rows["text"], known, strict=True) if k]
        targets = [str(t) for t, k in zip(rows["target"], known, strict=True) if k]
        found = iter(model.predict_proba(texts, targets))
        labels: list[str | None] = []
        probability: list[float | None] = []
        for k in known:
            row = next(found) if k else None
            labels.append(None if row is None else model.labels[int(row.argmax())])
            probability.append(None if row is None else round(float(row.max()), 6))
        return Predictions(labels, probability)

    return predict


def prediction_rows(gold: pd.DataFrame, results: Sequence[tuple[str, Evaluation]]) -> pd.DataFrame:
    """One row per gold row and evaluated (gold column, :class:`Evaluation`): the CSV line,
    target, dimension, gold label, predicted label (empty when skipped), its probability (a
    model's; empty for the lexicon scorer) and the text (columns :data:`PREDICTION_COLUMNS`)."""
    frame = gold.reset_index(drop=True)
    parts = []
    for column, result in results:
        parts.append(
            pd.DataFrame(
                {
                    "line": np.arange(len(frame)) + 2,  # line 1 is the header
                    "target": frame["target"].astype(str),
                    "dimension": result.dimension,
                    "gold": frame[column].astype(str),
                    "predicted": list(result.predicted),
                    "probability": list(result.probability),
                    "text": frame["text"].astype(str),
                }
            )
        )
    return pd.concat(parts, ignore_index=True)[list(PREDICTION_COLUMNS)]


def write_predictions(rows: pd.DataFrame, path: Path) -> None:
    """Write ``rows`` to ``path`` as UTF-8 CSV, atomically: the file holds the old bytes or the
    new, never a part (:class:`~stance.errors.OutputError` naming the file when it cannot). A
    text a spreadsheet would run as a formula is written as text, as in every CSV of the tool
    (``stance.output.cells``)."""
    from stance.output.write import csv_bytes, write_bytes_atomic

    write_bytes_atomic(Path(path), csv_bytes(rows.reset_index(drop=True)))


def check_predictions_path(path: Path, inputs: Inputs | None = None) -> None:
    """Refuse a ``--predictions`` path that cannot be written, that is one of the run's
    ``inputs`` (the gold file, the model), or that holds a file other than earlier predictions,
    before any scoring."""
    path = Path(path)
    refuse_inputs([path], inputs or {}, "--predictions")
    if path.is_file() and not starts_with_header(path, PREDICTION_COLUMNS):
        raise OutputError(
            f"{path}: already exists and is not a predictions file of stance evaluate; move it away or "
            "choose another --predictions (nothing was written)."
        )
    if path.is_dir():
        raise OutputError(f"{path}: is a directory; give --predictions a file name such as predictions.csv.")
    check_parent(path, "--predictions")
