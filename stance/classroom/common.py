"""Small helpers every exercise builder uses: evidence records and the rows that tell students
which sentences to read."""

from __future__ import annotations

import math
from collections.abc import Iterable

from stance.classroom.analysis import Analysis
from stance.classroom.records import Cite, Evidence, Wording


def evidence(analysis: Analysis, cite: Cite, shows: str = "", note: Wording | None = None) -> Evidence:
    return Evidence(cite, analysis.key(cite), analysis.text(cite), shows, note)


def numbers(cites: Iterable[Cite]) -> str:
    """The sentence numbers of ``cites`` (one article's) as a table cell: ``3, 7, 12``."""
    return ", ".join(str(c.sentence_index) for c in sorted(set(cites)))


def read_rows(analysis: Analysis, cites: Iterable[Cite]) -> tuple[tuple[str, ...], ...]:
    """One row per article cited: its key, its outlet and the numbers to read, in corpus order."""
    by_article: dict[str, list[Cite]] = {}
    for cite in sorted(set(cites), key=analysis.sort_key):
        by_article.setdefault(cite.article_id, []).append(cite)
    return tuple((analysis.keys[a], analysis.source_of[a], numbers(own)) for a, own in by_article.items())


def ordered(analysis: Analysis, cites: Iterable[Cite]) -> tuple[Cite, ...]:
    """``cites`` without repeats, in corpus order."""
    return tuple(sorted(set(cites), key=analysis.sort_key))


def number(value: object) -> float | None:
    """A finite float, or None for a missing value (NaN, None, an empty cell)."""
    try:
        result = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return result if math.isfinite(result) else None


def lean(low: float | None, high: float | None) -> int:
    """+1 when a 95% interval lies above zero, -1 below, 0 when it holds zero or is missing."""
    if low is None or high is None:
        return 0
    return 1 if low > 0 else -1 if high < 0 else 0
