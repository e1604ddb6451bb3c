"""The article labels file and its scale.

A labels CSV has ``article_id`` or ``file`` (or both), ``target`` and ``label``. Labels are one
ordinal scale, higher meaning more favourable: numbers as written (-2..2, 1..5, 0..10...), or the
words of ``stance evaluate`` (against/none/favor, negative/neutral/positive...) read as -1/0/+1.

>>> rows = [ArticleLabel(2, "a", "", "us", "1"), ArticleLabel(3, "b", "", "us", "5")]
>>> values, scale = label_values(rows, source="labels.csv")
>>> values, scale.midpoint
([1.0, 5.0], 3.0)
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from stance.errors import InputError
from stance.model.evaluate import label_value
from stance.model.learn import read_csv_text

_ID_COLUMNS = ("article_id", "file")


@dataclass(frozen=True)
class ArticleLabel:
    """One row of the labels file, as written; ``line`` is its CSV line number."""

    line: int
    article_id: str
    file: str
    target: str
    label: str


def read_article_labels(path: Path) -> list[ArticleLabel]:
    """Read a labels CSV: columns ``article_id`` or ``file`` (or both), ``target`` and ``label``.

    Raises :class:`InputError` naming the file (and line) and the fix.
    """
    path = Path(path)
    text = read_csv_text(path, what="article labels CSV", header="article_id,target,label")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip() for h in next(reader)]
        records = [(reader.line_num, row) for row in reader if any(cell.strip() for cell in row)]
    except csv.Error as exc:
        raise InputError(
            f"{path}:{reader.line_num}: not a readable CSV row ({exc}); quote fields that contain commas."
        ) from exc
    missing = [c for c in ("target", "label") if c not in header]
    if not any(c in header for c in _ID_COLUMNS):
        missing.insert(0, "article_id (or file)")
    if missing:
        raise InputError(
            f"{path}: missing column(s) {', '.join(missing)}; the header must name article_id or file, "
            f"target and label (found: {', '.join(h for h in header if h) or 'none'})."
        )
    if not records:
        raise InputError(f"{path}: has a header but no rows; add one row per labelled article and target.")
    labels = []
    for line, row in records:
        if len(row) != len(header):
            raise InputError(
                f"{path}:{line}: {len(row)} fields but the header has {len(header)}; "
                "fix the row (quote fields that contain commas)."
            )
        cells = {h: cell.strip() for h, cell in zip(header, row, strict=True)}
        if not any(cells.get(c) for c in _ID_COLUMNS):
            named = " or ".join(f"'{c}'" for c in _ID_COLUMNS if c in header)
            raise InputError(f"{path}:{line}: empty {named}; name the article or delete the row.")
        for column in ("target", "label"):
            if not cells[column]:
                raise InputError(f"{path}:{line}: empty '{column}'; fill it in or delete the row.")
        labels.append(
            ArticleLabel(
                line, cells.get("article_id", ""), cells.get("file", ""), cells["target"], cells["label"]
            )
        )
    return labels


@dataclass(frozen=True)
class LabelScale:
    """The labels' scale: ``kind`` is ``numbers`` or ``words`` (against/none/favor = -1/0/1);
    ``low``/``high`` the lowest and highest label seen; ``midpoint`` divides a favourable lean
    from an unfavourable one (``given`` when it came from ``--midpoint``)."""

    kind: str
    low: float
    high: float
    midpoint: float
    given: bool

    def describe(self) -> str:
        if self.kind == "words":
            seen = "words against/none/favor read as -1/0/+1"
        else:
            seen = f"numbers from {format_label(self.low)} to {format_label(self.high)}"
        if self.given:
            why = "given by --midpoint"
        elif self.kind == "words":
            why = "'none'"
        else:
            why = "halfway between the lowest and highest label seen; --midpoint sets it"
        return f"labels: {seen}; clear lean: a label above or below the midpoint {format_label(self.midpoint)} ({why})"


def label_values(
    labels: Sequence[ArticleLabel], *, source: str, midpoint: float | None = None
) -> tuple[list[float], LabelScale]:
    """Each label as a number, and the scale they form.

    Numbers are taken as written; the words of ``stance evaluate`` (against/none/favor,
    negative/neutral/positive...) are -1/0/+1 and may be mixed only with -1, 0 and 1.
    """
    values: list[float] = []
    first_word: ArticleLabel | None = None
    for row in labels:
        try:
            value = float(row.label)
        except ValueError:
            word = label_value(row.label)
            if word is None:
                raise InputError(
                    f"{source}:{row.line}: label '{row.label}' is neither a number nor a stance word "
                    "(against/none/favor, 反对/中立/支持); use one ordinal scale of numbers (such as -2..2 or "
                    "1..5) or those words."
                ) from None
            value = float(word)
            first_word = first_word or row
        if not math.isfinite(value):
            raise InputError(
                f"{source}:{row.line}: label '{row.label}' is not a finite number; fix the label."
            )
        values.append(value)
    if first_word is not None:
        for row, value in zip(labels, values, strict=True):
            if value not in (-1.0, 0.0, 1.0):
                raise InputError(
                    f"{source}:{row.line}: label '{row.label}' mixes a number scale with the stance word "
                    f"'{first_word.label}' (line {first_word.line}), which reads as -1/0/+1; use one scale."
                )
    kind = "numbers" if first_word is None else "words"
    low, high = (-1.0, 1.0) if kind == "words" else (min(values), max(values))
    if midpoint is None:
        middle = 0.0 if kind == "words" else (low + high) / 2
    elif not math.isfinite(midpoint):
        raise InputError(f"--midpoint {midpoint}: not a finite number; give the scale's neutral value.")
    else:
        middle = float(midpoint)
    return values, LabelScale(kind, low, high, middle, given=midpoint is not None)


def format_label(value: float) -> str:
    """A label value as a reader wrote it: 3, -1.5."""
    return f"{value:g}"
