"""Grouping claims across sources by (subject, quantity family, unit), their status (conflict,
agree, single) and the figures tables. See :mod:`stance.compare.figures` for the rules.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from stance.compare.figures.claims import Claim, extract_claims
from stance.compare.figures.numbers import UNIT_CLASS
from stance.corpus.records import Article
from stance.lexicon import Lexicon

PERCENT_POINTS = 2.5


RELATIVE = 0.05


FIGURE_CLAIM_COLUMNS = (
    "source",
    "article_id",
    "sentence_index",
    "match",
    "value",
    "low",
    "high",
    "unit",
    "qualifier",
    "subject",
    "object",
    "quantity",
    "text",
)


FIGURE_COLUMNS = (
    "group",
    "subject",
    "object",
    "quantity",
    "unit",
    "status",
    "source",
    "article_id",
    "sentence_index",
    "claim_quantity",
    "value",
    "low",
    "high",
    "qualifier",
    "match",
    "text",
)


STATUS_ORDER = {"conflict": 0, "agree": 1, "single": 2}


def tolerance(unit: str, a: Claim, b: Claim) -> float:
    """How far apart two claims in ``unit`` may be and still agree."""
    if unit == "%":
        return PERCENT_POINTS
    if UNIT_CLASS[unit] in ("year", "duration"):
        return 0.0
    magnitude = max(abs(x) for x in (a.low, a.high, b.low, b.high) if math.isfinite(x))
    return RELATIVE * magnitude


def claims_agree(a: Claim, b: Claim) -> bool:
    """True when the intervals of two claims in the same unit are within the tolerance."""
    gap = max(a.low - b.high, b.low - a.high, 0.0)
    return gap <= tolerance(a.unit, a, b)


def _comparable(a: Claim, b: Claim) -> bool:
    return a.quantity == b.quantity or a.family in (a.quantity, b.quantity)


def _status(claims: Sequence[Claim]) -> str | None:
    """Group status, or None when no two claims from different sources are comparable."""
    if len({c.source for c in claims}) < 2:
        return "single"
    # Claims of one source with the same quantity and bounds compare alike with every other
    # claim: compare one of each (a corpus repeats its figures), and stop at the first conflict.
    distinct = list({(c.source, c.quantity, c.low, c.high): c for c in claims}.values())
    comparable = False
    for i, a in enumerate(distinct):
        for b in distinct[i + 1 :]:
            if a.source != b.source and _comparable(a, b):
                if not claims_agree(a, b):
                    return "conflict"
                comparable = True
    return "agree" if comparable else None


def _json_number(x: float) -> float | int:
    return int(x) if float(x).is_integer() and abs(x) < 2**53 else x


def _json_bound(x: float) -> float | int | None:
    return _json_number(x) if math.isfinite(x) else None


def _json_value(value: float | tuple[float, float]) -> float | int | list[float | int]:
    if isinstance(value, tuple):
        return [_json_number(value[0]), _json_number(value[1])]
    return _json_number(value)


def _group_dict(
    subject: str, obj: str, quantity: str, unit: str, status: str, claims: Sequence[Claim]
) -> dict:
    return {
        "subject": subject,
        "object": obj,
        "quantity": quantity,
        "unit": unit,
        "status": status,
        "claims": [
            {
                "source": c.source,
                "article_id": c.article_id,
                "sentence_index": c.sentence_index,
                "value": _json_value(c.value),
                "low": _json_bound(c.low),
                "high": _json_bound(c.high),
                "qualifier": c.qualifier,
                "quantity": c.quantity,
                "match": c.match,
                "text": c.text,
            }
            for c in claims
        ],
    }


def group_claims(claims: Iterable[Claim]) -> list[dict]:
    """Group claims about the same (subject, object, quantity family, unit) and mark each group
    ``conflict``, ``agree`` or ``single`` (see the module docstring). Claims without a
    subject or a quantity are left out. Sorted by status (conflicts first), subject,
    quantity, unit."""
    families: dict[tuple[str, str, str], list[Claim]] = defaultdict(list)
    for claim in claims:
        if claim.subject and claim.quantity:
            families[(claim.subject, claim.family, claim.unit)].append(claim)
    parts: list[tuple[str, str, str, str, list[Claim]]] = []
    for (subject, family, unit), members in families.items():
        objects = sorted({c.object for c in members if c.object})
        if len(objects) <= 1:
            # One object named (or none): a claim that names no object is taken to be about it.
            parts.append((subject, objects[0] if objects else "", family, unit, members))
            continue
        for obj in sorted({c.object for c in members}):
            parts.append((subject, obj, family, unit, [c for c in members if c.object == obj]))
    groups = []
    for subject, obj, family, unit, members in parts:
        members = sorted(members, key=lambda c: (c.source, c.article_id, c.sentence_index, c.start))
        status = _status(members)
        if status is not None:
            groups.append(_group_dict(subject, obj, family, unit, status, members))
            continue
        by_quantity: dict[str, list[Claim]] = defaultdict(list)
        for claim in members:
            by_quantity[claim.quantity].append(claim)
        for quantity, part in by_quantity.items():
            groups.append(_group_dict(subject, obj, quantity, unit, _status(part) or "single", part))
    return sorted(
        groups, key=lambda g: (STATUS_ORDER[g["status"]], g["subject"], g["object"], g["quantity"], g["unit"])
    )


def compare_figures(articles: Iterable[Article], lexicons: Mapping[str, Lexicon]) -> list[dict]:
    """The ``figures`` section of ``comparison.json``: claim groups across sources.

    Each group is ``{subject, quantity, unit, status, claims: [{source, article_id,
    sentence_index, value, qualifier, quantity, match, text}]}``; ``value`` is a number or
    ``[low, high]``.
    """
    return group_claims(extract_claims(articles, lexicons))


def _value_text(value: float | int | list | tuple) -> str:
    """A value for a table cell: ``70``, ``0.5``, ``5-10``."""
    if isinstance(value, list | tuple):
        return f"{_json_number(value[0])}-{_json_number(value[1])}"
    return str(_json_number(value))


def claim_rows(claims: Iterable[Claim]) -> list[dict]:
    """One row per claim, columns ``FIGURE_CLAIM_COLUMNS`` (``value`` a number or ``low-high``;
    ``low``/``high`` the interval the claim asserts, empty when unbounded)."""
    rows = []
    for c in claims:
        rows.append(
            {
                "source": c.source,
                "article_id": c.article_id,
                "sentence_index": c.sentence_index,
                "match": c.match,
                "value": _value_text(c.value),
                "low": _json_bound(c.low),
                "high": _json_bound(c.high),
                "unit": c.unit,
                "qualifier": c.qualifier,
                "subject": c.subject,
                "object": c.object,
                "quantity": c.quantity,
                "text": c.text,
            }
        )
    return rows


def figure_rows(groups: Sequence[Mapping], *, first: int = 1) -> list[dict]:
    """The long ``figures`` table (columns ``FIGURE_COLUMNS``): one row per claim of each
    group, ``group`` numbering the groups in their sorted order from ``first`` (1 for the whole
    list; a later slice of it starts where the slice does)."""
    rows = []
    for number, group in enumerate(groups, start=first):
        for claim in group["claims"]:
            value = claim["value"]
            rows.append(
                {
                    "group": number,
                    "subject": group["subject"],
                    "object": group["object"],
                    "quantity": group["quantity"],
                    "unit": group["unit"],
                    "status": group["status"],
                    "source": claim["source"],
                    "article_id": claim["article_id"],
                    "sentence_index": claim["sentence_index"],
                    "claim_quantity": claim["quantity"],
                    "value": _value_text(value),
                    "low": claim["low"],
                    "high": claim["high"],
                    "qualifier": claim["qualifier"],
                    "match": claim["match"],
                    "text": claim["text"],
                }
            )
    return rows
