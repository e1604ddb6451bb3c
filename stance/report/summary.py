"""The summary at the top of the report: a few plain sentences a teacher could read aloud, and
the numbers behind them for whoever wants them.

The sentences say who portrays the US and China how, where the sources disagree most, which
figures conflict and which names differ. A difference between two sources is stated only when
their 95% intervals do not overlap; otherwise the sentence says there is no clear difference.
Sources resting on too few sentences (flagged ``small_n``) are left out of the comparisons.
Intervals, sentence counts and frame shares are in :attr:`Summary.details`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from stance.compare.naming import names_by_language
from stance.corpus.records import Article
from stance.measure.frames import FrameHit
from stance.measure.polarity import TargetScore
from stance.report.labels import (
    DIMENSION_NAMES,
    DIMENSION_QUESTIONS,
    capitalised,
    frame_label,
    possessive,
    quantity_name,
    sentences,
    short_source,
    target_name,
)

SUMMARY_TARGETS = ("us", "china")
# Characters of a quoted sentence in the summary.
QUOTE_CHARS = 28
# What a position is called on each dimension: (positive, negative, neither).
_WORDS = {
    "potency": ("strong", "weak", "neither strong nor weak"),
    "evaluation": ("favourably", "unfavourably", "neutrally"),
}


@dataclass(frozen=True)
class Summary:
    """The plain sentences, and the technical lines behind them."""

    lines: list[str] = field(default_factory=list)
    details: list[str] = field(default_factory=list)


def _names(sources: Sequence[str]) -> dict[str, str]:
    """Each source's short name, or its full name where two short names would be the same."""
    short = {s: short_source(s) for s in sources}
    taken = defaultdict(int)
    for name in short.values():
        taken[name] += 1
    return {s: name if taken[name] == 1 else s for s, name in short.items()}


def _word(dimension: str, low: float, high: float) -> str:
    positive, negative, neither = _WORDS[dimension]
    return positive if low > 0 else negative if high < 0 else neither


def _as(dimension: str, word: str) -> str:
    return f"as {word}" if dimension == "potency" else word


def _clause(rows: pd.DataFrame, target: str, dimension: str, names: Mapping[str, str]) -> str:
    """What the sources say of ``target`` on ``dimension``: the two sources farthest apart whose
    intervals do not overlap, or "no clear difference"."""
    name = target_name(target)
    best = None
    for top in rows.itertuples(index=False):
        for bottom in rows.itertuples(index=False):
            if top.ci_low > bottom.ci_high:
                gap = (top.score - bottom.score, top.source, bottom.source)
                if best is None or gap[0] > best[0][0] or (gap[0] == best[0][0] and gap[1:] < best[0][1:]):
                    best = (gap, top, bottom)
    if best is None:
        return f"there is no clear difference in {DIMENSION_QUESTIONS[dimension].format(t=name)}"
    _, top, bottom = best
    high, low = _word(dimension, top.ci_low, top.ci_high), _word(dimension, bottom.ci_low, bottom.ci_high)
    if high != low:
        return (
            f"{names[top.source]} portrays {name} {_as(dimension, high)} and "
            f"{names[bottom.source]} {_as(dimension, low)}"
        )
    more = "stronger" if dimension == "potency" else "more favourably"
    return f"{names[top.source]} portrays {name} {'as ' if dimension == 'potency' else ''}{more} than {names[bottom.source]} does"


def _quote(text: str) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1] + "…"


def _disagreement_line(claims: Sequence[Mapping], names: Mapping[str, str]) -> str:
    if not claims:
        return "No sub-topic shows the sources clearly taking opposite sides."
    claim = claims[0]
    target, dimension = claim["target"], claim["dimension"]
    about = " · ".join(claim.get("topic_terms", ())) or target_name(target)
    parts = []
    for side in ("positive", "negative"):
        sources = [e["source"] for e in claim.get("sides", {}).get(side, ())]
        quote = next((p["text"] for p in claim.get("positions", ()) if p.get("side") == side), "")
        who = _listed([names.get(s, s) for s in sources])
        words = _WORDS[dimension][0 if side == "positive" else 1]
        says = (
            f"{target_name(target)} is {words}"
            if dimension == "potency"
            else f"it treats {target_name(target)} {words}"
        )
        parts.append(f"{who} {'say' if len(sources) > 1 else 'says'} {says} (“{_quote(quote)}”)")
    return f"They disagree most on {about}: {parts[0]}, while {parts[1]}."


def _figure_line(groups: Sequence[Mapping], names: Mapping[str, str]) -> str:
    conflicts = [g for g in groups if g.get("status") == "conflict"]
    if not conflicts:
        return "No figure is given differently by different sources."
    group = conflicts[0]
    subject, quantity = str(group.get("subject") or ""), str(group.get("quantity") or "")
    if subject and quantity:
        what = f"{possessive(target_name(subject))} {quantity_name(quantity)}"
    else:
        what = quantity_name(quantity) if quantity else "one figure"
    given: dict[str, str] = {}
    for claim in group.get("claims", ()):
        source = str(claim.get("source"))
        if source not in given:
            given[source] = _value(claim.get("value"), str(group.get("unit") or ""))
    shown = _listed([f"{names.get(s, s)} {v}" for s, v in sorted(given.items())[:3]])
    more = f" ({len(conflicts)} figures conflict in all)" if len(conflicts) > 1 else ""
    return f"Sources give different figures for {what}: {shown}{more}."


def _listed(items: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _value(value, unit: str) -> str:
    from stance.report import fmt_value

    text = fmt_value(value)
    return f"{text}%" if unit == "%" else f"{text} {unit}".strip()


def _naming_line(items: Sequence[Mapping], names: Mapping[str, str]) -> str:
    """The first referent whose sources favour different names in articles of one language (an
    English article's China and a Chinese article's 中国 are not a choice), each name shown as
    the sources wrote it."""
    for item in sorted(items, key=lambda i: str(i.get("referent"))):
        for _, variants in sorted(names_by_language(item).items()):
            favourite: dict[str, tuple[int, str]] = {}
            for variant, counts in variants.items():
                for source, n in counts.items():
                    if n and (
                        source not in favourite
                        or (-n, variant) < (-favourite[source][0], favourite[source][1])
                    ):
                        favourite[source] = (n, variant)
            chosen = sorted({v for _, v in favourite.values()})
            if len(chosen) < 2:
                continue
            by_variant = {v: sorted(s for s, (_, w) in favourite.items() if w == v) for v in chosen}
            shown = [
                f"{_listed([names.get(s, s) for s in by_variant[v]])} {'write' if len(by_variant[v]) > 1 else 'writes'} "
                f"{_as_written(v, item.get('forms', {}).get(v, ()))}"
                for v in chosen[:2]
            ]
            referent = target_name(str(item.get("referent")))
            return f"Names differ: for {referent}, {shown[0]}, while {shown[1]}."
    return "The sources name the people and places they share in the same way."


def _as_written(variant: str, forms: Sequence[str]) -> str:
    """A name as the articles wrote it: a lexicon term matched in any case (china) is shown in
    the case it was found in, capitals first (China, not CHINA); any other term as it is.

    >>> _as_written("china", ["CHINA", "China"]), _as_written("中国", ["中國", "中国"])
    ('China', '中国')
    """
    cased = [f for f in forms if f != variant and f.lower() == variant]
    return min(cased, key=lambda f: (f.isupper(), f)) if variant.islower() and cased else variant


def summarise(stance: pd.DataFrame, frames: pd.DataFrame, comparison: Mapping) -> Summary:
    """The report's summary (module docstring): plain sentences, then the details."""
    per_source = stance[stance["article_id"] == "*"]
    sources = sorted(
        {str(s) for s in per_source["source"]} | {str(p.get("source")) for p in comparison.get("sources", ())}
    )
    names = _names(sources)
    lines: list[str] = []
    details: list[str] = []
    for target in SUMMARY_TARGETS:
        clauses = []
        for dimension in ("potency", "evaluation"):
            rows = per_source[(per_source["target"] == target) & (per_source["dimension"] == dimension)]
            shown = rows[rows["flag"].fillna("") == ""].sort_values(["source"])
            if len(shown) >= 2:
                clauses.append(_clause(shown, target, dimension, names))
            for r in rows.sort_values(["score", "source"], ascending=[False, True]).itertuples(index=False):
                details.append(
                    f"{capitalised(target_name(target))}, {DIMENSION_NAMES[dimension]}: {r.source} {r.score:+.2f} "
                    f"(95% interval {r.ci_low:+.2f} to {r.ci_high:+.2f}; {sentences(int(r.n_sentences))}"
                    f"{'; too few to compare' if str(r.flag or '') else ''})."
                )
        if clauses:
            lines.append(f"On {target_name(target)}: " + "; ".join(clauses) + ".")
        else:
            lines.append(f"On {target_name(target)}: too few sentences to compare the sources.")
    lines.append(_disagreement_line(comparison.get("disagreements", ()), names))
    lines.append(_figure_line(comparison.get("figures", ()), names))
    lines.append(_naming_line(comparison.get("naming", ()), names))
    source_frames = frames[frames["article_id"] == "*"] if "article_id" in frames else frames
    for source, group in sorted(source_frames.groupby("source"), key=lambda kv: str(kv[0])):
        best = group.sort_values(["share", "frame"], ascending=[False, True]).head(2)
        if best["hits"].sum() == 0:
            continue
        parts = [
            f"{frame_label(r.frame)} ({frame_label(r.frame, 'zh')}, {100 * r.share:.0f}% of its frame words)"
            for r in best.itertuples(index=False)
        ]
        details.append(f"{source} leans most on the frames {' and '.join(parts)}.")
    n_claims = len(comparison.get("disagreements", ()))
    details.append(
        f"{n_claims} claim{'s' if n_claims != 1 else ''} on which sources take clearly opposite sides "
        "(each side's 95% interval on its side of zero)."
    )
    return Summary(lines, details)


def article_views(
    articles: Sequence[Article],
    scores: Sequence[TargetScore],
    frame_hits: Sequence[Sequence[Sequence[FrameHit]]] | None = None,
) -> list[dict]:
    """Each article's sentences with the cue words to highlight, the targets scored with their
    scores (target, evaluation, potency, speaker), and the frames found (``frame_hits``: per
    article, per sentence, as :meth:`stance.measure.frames.FrameIndex.match` gives them)."""
    cues: dict[tuple[str, int], set[str]] = defaultdict(set)
    targets: dict[tuple[str, int], set[str]] = defaultdict(set)
    scored: dict[tuple[str, int], list[list]] = defaultdict(list)
    for row in scores:
        key = (row.article_id, row.sentence_index)
        targets[key].add(row.target)
        if row.evaluation or row.potency:
            scored[key].append([row.target, round(row.evaluation, 4), round(row.potency, 4), row.speaker])
        for cue in row.cues:
            word = cue.split(" ", 1)[0]
            if word and not word.startswith("model:"):
                cues[key].add(word)
    views = []
    for k, a in enumerate(articles):
        hits = frame_hits[k] if frame_hits is not None else [()] * len(a.sentences)
        views.append(
            {
                "article_id": a.article_id,
                "source": a.source,
                "sentences": [
                    {
                        "sentence_index": s.sentence_index,
                        "kind": s.kind,
                        "text": s.text,
                        "cues": sorted(cues.get((a.article_id, s.sentence_index), ())),
                        "targets": sorted(targets.get((a.article_id, s.sentence_index), ())),
                        "scores": sorted(scored.get((a.article_id, s.sentence_index), ())),
                        "frames": sorted({h.frame for h in found}),
                    }
                    for s, found in zip(a.sentences, hits, strict=True)
                ],
            }
        )
    return views
