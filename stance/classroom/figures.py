"""Figure exercises, from the figure groups in conflict (``comparison["figures"]``): outlets giving
different numbers for one quantity. Students list every figure with its outlet and say how they
would check; the key lists every conflicting figure with the sentence it is in."""

from __future__ import annotations

from collections.abc import Mapping

from stance.classroom.analysis import Analysis
from stance.classroom.common import evidence, number, ordered
from stance.classroom.records import Answer, Cite, Exercise, Score, Wording
from stance.classroom.wording import join, quantity_label, say, target_label


def _what(group: Mapping) -> Wording:
    what = quantity_label(str(group.get("quantity", "")))
    if group.get("subject"):
        what = say("figures.subject", subject=target_label(str(group["subject"])), quantity=what)
    if group.get("object"):
        what = say("figures.object", what=what, object=target_label(str(group["object"])))
    return what


def figure_exercises(analysis: Analysis, limit: int, *, advanced: bool) -> list[Exercise]:
    """Up to ``limit`` figure exercises, one per group in conflict, the groups with the most
    outlets first."""
    groups = [
        g for g in analysis.comparison.get("figures", []) if g.get("status") == "conflict" and g.get("claims")
    ]
    groups.sort(key=lambda g: (-len({c["source"] for c in g["claims"]}), -len(g["claims"])))
    return [_exercise(analysis, g, advanced=advanced) for g in groups[:limit]]


def _exercise(analysis: Analysis, group: Mapping, *, advanced: bool) -> Exercise:
    claims = sorted(
        group["claims"],
        key=lambda c: (*analysis.sort_key(Cite(c["article_id"], int(c["sentence_index"]))), str(c["match"])),
    )
    cite_of = [Cite(c["article_id"], int(c["sentence_index"])) for c in claims]
    cites = ordered(analysis, cite_of)
    what = _what(group)
    expected = [
        say(
            "figures.claim",
            key=analysis.key(cite),
            index=cite.sentence_index,
            match=c["match"],
            quantity=quantity_label(str(c.get("quantity") or group.get("quantity", ""))),
        )
        for c, cite in zip(claims, cite_of, strict=True)
    ]
    expected.append(say("figures.check"))
    scores = [
        Score(
            Wording(
                f"{analysis.key(cite)} {cite.sentence_index} 「{c['match']}」",
                f"{analysis.key(cite)} {cite.sentence_index} 「{c['match']}」",
            ),
            value,
        )
        for c, cite in zip(claims, cite_of, strict=True)
        if (value := number(c.get("value"))) is not None
    ]
    quantities = sorted({str(c.get("quantity") or group.get("quantity", "")) for c in claims})
    caveats = []
    if len(quantities) > 1:
        caveats.append(say("figures.mixed", quantities=join(quantity_label(q) for q in quantities)))
    caveats.append(say("figures.rule"))
    prompt = say("figures.prompt", what=what)
    columns = (say("col.article"), say("col.outlet"), say("col.sentence"), say("figures.col.figure"))
    if advanced:
        columns += (say("figures.col.measures"),)
    return Exercise(
        kind="figures",
        title=say("figures.title", quantity=what),
        prompt=prompt + say("figures.advanced") if advanced else prompt,
        cites=cites,
        answer=Answer(
            expected=tuple(expected),
            evidence=tuple(
                evidence(analysis, cite, analysis.as_written(cite, str(c["match"])))
                for c, cite in zip(claims, cite_of, strict=True)
            ),
            scores=tuple(scores),
            caveats=tuple(caveats),
        ),
        columns=columns,
        rows=tuple((analysis.key(c), analysis.source_of[c.article_id], str(c.sentence_index)) for c in cites),
        blank_columns=2 if advanced else 1,
        answer_lines=2,
    )
