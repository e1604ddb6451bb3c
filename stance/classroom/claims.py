"""Claim exercises, from the disagreement cards (``comparison["disagreements"]``): two outlets that
take opposite sides on one target; students find each side's sentences and its evidence.

The cards' format is being reworked, so they are read in one place, :func:`claim_cards`, which
uses only ``target``, ``dimension``, ``topic_terms``, ``positions[*]`` (``source``,
``article_id``, ``sentence_index``, ``score``, ``text``) and, when a card has them, its ``sides``
(each source's side, mean and interval) or ``source_means``. A card it cannot read is skipped.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from stance.classroom.analysis import Analysis
from stance.classroom.common import evidence, number, ordered, read_rows
from stance.classroom.records import Answer, Cite, Exercise, Score
from stance.classroom.wording import join, say, target_label

QUOTES_PER_SIDE = 2
TOPIC_TERMS = 4


@dataclass(frozen=True)
class Quote:
    source: str
    cite: Cite
    score: float
    text: str


@dataclass(frozen=True)
class Side:
    """One source's side of a card: its sign (+1 or -1), its quotes on that side, and its mean
    position with its 95% interval when the card gives them."""

    source: str
    sign: int
    quotes: tuple[Quote, ...]
    mean: float | None = None
    interval: tuple[float, float] | None = None
    n: int | None = None


@dataclass(frozen=True)
class ClaimCard:
    target: str
    dimension: str
    topic_terms: tuple[str, ...]
    sides: tuple[Side, ...]

    def on(self, sign: int) -> list[Side]:
        return [s for s in self.sides if s.sign == sign]


def _side_entries(card: Mapping) -> dict[str, dict]:
    """Each source's side entry, from ``sides`` as a dict of lists (``{"positive": [...]}``) or
    as a list of entries naming their side."""
    sides = card.get("sides")
    entries: dict[str, dict] = {}
    if isinstance(sides, Mapping):
        groups: Iterable = [(name, group) for name, group in sides.items()]
    elif isinstance(sides, list | tuple):
        groups = [(e.get("side", ""), [e]) for e in sides if isinstance(e, Mapping)]
    else:
        groups = []
    for name, group in groups:
        for entry in group if isinstance(group, list | tuple) else []:
            if not isinstance(entry, Mapping) or "source" not in entry:
                continue
            sign = {"positive": 1, "negative": -1}.get(str(name), 0)
            mean = number(entry.get("mean"))
            sign = sign or (1 if (mean or 0) > 0 else -1 if (mean or 0) < 0 else 0)
            entries[str(entry["source"])] = dict(entry, sign=sign, mean=mean)
    return entries


def _quote(position: Mapping) -> Quote | None:
    try:
        cite = Cite(str(position["article_id"]), int(position["sentence_index"]))
        score = number(position["score"])
        source = str(position["source"])
    except (KeyError, TypeError, ValueError):
        return None
    return None if score is None or score == 0 else Quote(source, cite, score, str(position.get("text", "")))


def read_card(card: Mapping) -> ClaimCard | None:
    """One disagreement card as a :class:`ClaimCard`, or None when it lacks what an exercise needs
    (a target, a dimension, quotes from two sources on opposite sides)."""
    target, dimension = card.get("target"), card.get("dimension")
    if not target or dimension not in ("evaluation", "potency"):
        return None
    quotes: dict[str, list[Quote]] = defaultdict(list)
    for position in card.get("positions") or []:
        quote = _quote(position) if isinstance(position, Mapping) else None
        if quote is not None:
            quotes[quote.source].append(quote)
    entries = _side_entries(card)
    means = card.get("source_means") if isinstance(card.get("source_means"), Mapping) else {}
    sides = []
    for source, own in sorted(quotes.items()):
        entry = entries.get(source, {})
        mean = entry.get("mean", number(means.get(source)))
        if mean is None:
            mean = sum(q.score for q in own) / len(own)
        sign = entry.get("sign") or (1 if mean > 0 else -1 if mean < 0 else 0)
        mine = tuple(q for q in own if q.score * sign > 0)
        if sign and mine:
            low, high = number(entry.get("ci_low")), number(entry.get("ci_high"))
            n = number(entry.get("n_sentences"))
            interval = (low, high) if low is not None and high is not None else None
            sides.append(Side(source, sign, mine, mean, interval, None if n is None else int(n)))
    terms = tuple(str(t) for t in card.get("topic_terms") or ())
    result = ClaimCard(str(target), str(dimension), terms, tuple(sides))
    return result if result.on(1) and result.on(-1) else None


def claim_cards(disagreements: Iterable[Mapping]) -> list[ClaimCard]:
    """The readable cards of ``comparison["disagreements"]``, in their order."""
    return [c for c in (read_card(d) for d in disagreements if isinstance(d, Mapping)) if c is not None]


def claim_exercises(analysis: Analysis, limit: int, *, advanced: bool) -> list[Exercise]:
    """Up to ``limit`` claim exercises, one per card, the first cards first; a card setting the
    same two outlets against each other on the same target and dimension as an earlier one is
    skipped."""
    exercises, seen = [], set()
    for card in claim_cards(analysis.comparison.get("disagreements", [])):
        positive = max(card.on(1), key=lambda s: (s.mean or 0, s.source))
        negative = min(card.on(-1), key=lambda s: (s.mean or 0, s.source))
        pair = (card.target, card.dimension, positive.source, negative.source)
        if pair in seen or not all(analysis.has(q.cite) for s in (positive, negative) for q in s.quotes):
            continue
        seen.add(pair)
        exercises.append(_exercise(analysis, card, positive, negative, advanced=advanced))
        if len(exercises) == limit:
            break
    return exercises


def _strongest(side: Side) -> list[Quote]:
    return sorted(side.quotes, key=lambda q: (-abs(q.score), q.cite))[:QUOTES_PER_SIDE]


def _exercise(
    analysis: Analysis, card: ClaimCard, positive: Side, negative: Side, *, advanced: bool
) -> Exercise:
    target = target_label(card.target)
    quotes = {side.sign: _strongest(side) for side in (positive, negative)}
    cites = ordered(analysis, (q.cite for qs in quotes.values() for q in qs))
    expected, scores, found = [], [], []
    for side in (positive, negative):
        key = analysis.source_keys[side.source]
        sign = "pos" if side.sign > 0 else "neg"
        expected.append(
            say(f"claims.side.{card.dimension}.{sign}", key=key, source=side.source, target=target)
        )
        if side.mean is not None:
            low, high = side.interval if side.interval is not None else (None, None)
            scores.append(Score(say("claims.score.mean", key=key), side.mean, low, high, side.n))
        for q in quotes[side.sign]:
            scores.append(
                Score(
                    say("claims.score.sentence", key=analysis.key(q.cite), index=q.cite.sentence_index),
                    q.score,
                )
            )
            found.append(evidence(analysis, q.cite))
    caveats = [
        say("claims.quoted", key=analysis.key(c), index=c.sentence_index, speaker=speaker)
        for c in cites
        if (speaker := analysis.quoted_speaker(c, card.target))
    ]
    caveats.append(say("claims.limit"))
    terms = join(card.topic_terms[:TOPIC_TERMS], zh="、", en=", ")
    prompt = say(
        "claims.prompt",
        a=f"{analysis.source_keys[positive.source]} ({positive.source})",
        b=f"{analysis.source_keys[negative.source]} ({negative.source})",
        target=target,
        terms=terms,
        dimension=say(f"claims.dim.{card.dimension}"),
    )
    return Exercise(
        kind="claims",
        title=say("claims.title", target=target),
        prompt=prompt + say("claims.advanced") if advanced else prompt,
        cites=cites,
        answer=Answer(tuple(expected), tuple(found), tuple(scores), tuple(caveats)),
        columns=(
            say("col.article"),
            say("col.outlet"),
            say("col.sentences"),
            say("claims.col.says"),
            say("claims.col.evidence"),
        ),
        rows=read_rows(analysis, cites),
        blank_columns=2,
        answer_lines=1 if advanced else 0,
    )
