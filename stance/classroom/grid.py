"""Stance-grid exercises, from each source's stance toward a target
(``comparison["sources"][*]["stance"]``): students place each outlet on an empty grid (how
favourable, how strong) after reading its sentences about the target; the key draws the tool's
points with their intervals."""

from __future__ import annotations

from collections.abc import Mapping

from stance.classroom.analysis import Analysis
from stance.classroom.common import evidence, lean, number, ordered, read_rows
from stance.classroom.records import Answer, Cite, Exercise, Grid, GridPoint, Score
from stance.classroom.wording import join, say, target_label
from stance.measure.polarity import AUTHOR

DIMENSIONS = ("evaluation", "potency")
# Outlets needed on a grid: placing one alone compares nothing.
MIN_OUTLETS = 2


def _usable(cell: Mapping | None) -> bool:
    """A source's score on one dimension that rests on enough sentences to place it."""
    return bool(cell) and number(cell.get("score")) is not None and not str(cell.get("flag") or "")


def _placed(analysis: Analysis, target: str) -> tuple[list[tuple[str, Mapping]], list[str]]:
    """The sources placed on the grid (with their two scores) and those left off it."""
    placed, left = [], []
    for profile in analysis.comparison.get("sources", []):
        cells = profile.get("stance", {}).get(target)
        if cells is None:
            continue
        if all(_usable(cells.get(d)) for d in DIMENSIONS):
            placed.append((profile["source"], cells))
        else:
            left.append(profile["source"])
    placed.sort(key=lambda p: analysis.source_keys[p[0]])
    return placed, sorted(left, key=lambda s: analysis.source_keys[s])


def _sentences(analysis: Analysis, source: str, target: str, limit: int) -> list[Cite]:
    """The outlet's own sentences about ``target`` with the strongest cues (author voice)."""
    m = analysis.mentions
    mine = m[
        (m["target"] == target)
        & (m["speaker"] == AUTHOR)
        & m["article_id"].map(analysis.source_of).eq(source)
    ]
    strength: dict[Cite, float] = {}
    for a, i, e, p in zip(
        mine["article_id"], mine["sentence_index"], mine["evaluation"], mine["potency"], strict=True
    ):
        cite = Cite(str(a), int(i))
        strength[cite] = max(strength.get(cite, 0.0), abs(number(e) or 0) + abs(number(p) or 0))
    ranked = sorted(
        (c for c, s in strength.items() if s > 0), key=lambda c: (-strength[c], analysis.sort_key(c))
    )
    return ranked[:limit]


def grid_exercises(analysis: Analysis, limit: int, *, per_source: int, advanced: bool) -> list[Exercise]:
    """Up to ``limit`` grids, the targets placing the most outlets (then the most sentences) first."""
    targets = sorted({t for p in analysis.comparison.get("sources", []) for t in p.get("stance", {})})
    candidates = []
    for target in targets:
        placed, left = _placed(analysis, target)
        if len(placed) >= MIN_OUTLETS:
            n = sum(int(number(c["evaluation"].get("n_sentences")) or 0) for _, c in placed)
            candidates.append(((-len(placed), -n, target), target, placed, left))
    candidates.sort(key=lambda c: c[0])
    exercises = []
    for _, target, placed, left in candidates[:limit]:
        exercise = _exercise(analysis, target, placed, left, per_source=per_source, advanced=advanced)
        if exercise is not None:
            exercises.append(exercise)
    return exercises


def _exercise(
    analysis: Analysis, target: str, placed: list, left: list[str], *, per_source: int, advanced: bool
) -> Exercise | None:
    label = target_label(target)
    cited: list[Cite] = []
    expected, scores, points = [], [], []
    for source, cells in placed:
        key = analysis.source_keys[source]
        cited += _sentences(analysis, source, target, per_source)
        ev, pot = cells["evaluation"], cells["potency"]
        e_lean = lean(number(ev.get("ci_low")), number(ev.get("ci_high")))
        p_lean = lean(number(pot.get("ci_low")), number(pot.get("ci_high")))
        expected.append(
            say(
                "stance.place",
                key=key,
                source=source,
                evaluation=say({1: "stance.eval.pos", -1: "stance.eval.neg", 0: "stance.eval.none"}[e_lean]),
                potency=say({1: "stance.pot.pos", -1: "stance.pot.neg", 0: "stance.pot.none"}[p_lean]),
            )
        )
        for dimension, cell in (("evaluation", ev), ("potency", pot)):
            scores.append(
                Score(
                    say(f"stance.score.{dimension}", key=key),
                    number(cell.get("score")) or 0.0,
                    number(cell.get("ci_low")),
                    number(cell.get("ci_high")),
                    int(number(cell.get("n_sentences")) or 0),
                    str(cell.get("flag") or ""),
                )
            )
        points.append(
            GridPoint(
                key,
                number(ev.get("score")) or 0.0,
                number(pot.get("score")) or 0.0,
                (number(ev.get("ci_low")) or 0.0, number(ev.get("ci_high")) or 0.0),
                (number(pot.get("ci_low")) or 0.0, number(pot.get("ci_high")) or 0.0),
            )
        )
    cites = ordered(analysis, cited)
    if not cites:
        return None
    caveats = []
    if left:
        keys = join((analysis.source_keys[s] for s in left), zh="、", en=", ")
        caveats.append(say("stance.left_out", keys=keys, target=label))
    caveats.append(say("stance.limit"))
    prompt = say("stance.prompt", target=label)
    return Exercise(
        kind="stance",
        title=say("stance.title", target=label),
        prompt=prompt + say("stance.advanced") if advanced else prompt,
        cites=cites,
        answer=Answer(
            tuple(expected), tuple(evidence(analysis, c) for c in cites), tuple(scores), tuple(caveats)
        ),
        columns=(say("col.article"), say("col.outlet"), say("col.sentences")),
        rows=read_rows(analysis, cites),
        grid=Grid(label, tuple(analysis.source_keys[s] for s, _ in placed), tuple(points)),
        answer_lines=1 if advanced else 0,
    )
