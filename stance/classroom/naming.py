"""Naming exercises, from the naming table (``comparison["naming"]``): a referent that one outlet
calls by a marked name (partisan, regional, colloquial) while another uses a plain one. Students
read the sentences where each name occurs; the key counts the names per outlet and says what the
marked name signals."""

from __future__ import annotations

from collections.abc import Mapping

from stance.classroom.analysis import Analysis
from stance.classroom.common import evidence, ordered, read_rows
from stance.classroom.records import Answer, Cite, Exercise, Score
from stance.classroom.wording import join, register_gloss, say, target_label
from stance.compare.naming import names_by_language

# How telling a register is: the marked name of an exercise has one of these.
MARKED = {"partisan": 3, "regional_transliteration": 2, "regional": 2, "colloquial": 1}
# Names that are not a way of calling the referent (对华 = "toward China"; 美日 = two at once).
NOT_NAMES = {"oblique", "joint", "firm"}
# Sentences cited per outlet and name.
CITES_PER_NAME = 2


def _alias_kinds(analysis: Analysis) -> dict[str, str]:
    kinds: dict[str, str] = {}
    for lex in analysis.lexicons.values():
        if lex.kind == "targets":
            for entry in lex.entries:
                kinds.setdefault(entry.term, entry.extra.get("alias_kind", ""))
    return kinds


def _pair(item: Mapping, kinds: Mapping[str, str]) -> tuple[str, str] | None:
    """The marked name of a naming-table item and the plain name to set against it: the name the
    other outlets use most, of the marked name's kind when they have one (川普 against 特朗普),
    else a plain name of the referent (中共 against 中国), always among articles of one language
    (an English article's CCP is not set against a Chinese article's 中国). None when there is
    no such pair."""
    registers: Mapping[str, str] = item.get("registers", {})
    pairs = (_pair_in(variants, registers, kinds) for _, variants in sorted(names_by_language(item).items()))
    best = min((p for p in pairs if p is not None), key=lambda p: p[0], default=None)
    return None if best is None else best[1]


def _pair_in(
    variants: Mapping[str, Mapping[str, int]], registers: Mapping[str, str], kinds: Mapping[str, str]
) -> tuple[tuple[int, int, str], tuple[str, str]] | None:
    """:func:`_pair` in articles of one language, with the marked name's rank (most telling
    register, then most used) to choose between languages."""
    names = [v for v in variants if kinds.get(v, "") not in NOT_NAMES]
    marked = sorted(
        (v for v in names if registers.get(v, "") in MARKED),
        key=lambda v: (-MARKED[registers[v]], -sum(variants[v].values()), v),
    )
    for name in marked:
        users = set(variants[name])
        others = {v: {s: n for s, n in variants[v].items() if s not in users} for v in names if v != name}
        others = {
            v: sum(by.values()) for v, by in others.items() if by and registers.get(v, "") not in MARKED
        }
        if not others:
            continue
        kind = kinds.get(name, "")
        ranked = sorted(
            others, key=lambda v: (kinds.get(v, "") != kind, kinds.get(v, "name") != "name", -others[v], v)
        )
        return (-MARKED[registers[name]], -sum(variants[name].values()), name), (name, ranked[0])
    return None


def naming_exercises(analysis: Analysis, limit: int, *, advanced: bool) -> list[Exercise]:
    """Up to ``limit`` naming exercises, the most telling marked name first."""
    kinds = _alias_kinds(analysis)
    found = []
    for item in analysis.comparison.get("naming", []):
        if not item.get("sources_differ"):
            continue
        pair = _pair(item, kinds)
        if pair is not None:
            registers = item.get("registers", {})
            rank = (-MARKED[registers[pair[0]]], -sum(item["variants"][pair[0]].values()), item["referent"])
            found.append((rank, item, pair))
    found.sort(key=lambda f: f[0])
    return [_exercise(analysis, item, pair, advanced=advanced) for _, item, pair in found[:limit]]


def _forms(analysis: Analysis, variant: str, item: Mapping) -> str:
    forms = item.get("forms", {}).get(variant) or [variant]
    return " / ".join(dict.fromkeys([variant, *forms]))


def _exercise(analysis: Analysis, item: Mapping, pair: tuple[str, str], *, advanced: bool) -> Exercise:
    referent = target_label(item["referent"])
    marked, common = pair
    variants: Mapping[str, Mapping[str, int]] = item["variants"]
    sources = sorted({s for v in pair for s in variants[v]}, key=lambda s: analysis.source_keys[s])
    cited: list[Cite] = []
    shown: dict[Cite, str] = {}
    for source in sources:
        for variant in pair:
            if source not in variants[variant]:
                continue
            mine = [
                o
                for o in analysis.name_occurrences.get(variant, [])
                if analysis.source_of[o.cite.article_id] == source
            ]
            for occurrence in mine[:CITES_PER_NAME]:
                cited.append(occurrence.cite)
                shown.setdefault(occurrence.cite, occurrence.form)
    cites = ordered(analysis, cited)
    expected = []
    scores = []
    for source in sources:
        key = analysis.source_keys[source]
        uses = [
            say("naming.uses", variant=v, count=variants[v][source])
            if source in variants[v]
            else say("naming.never", variant=v)
            for v in pair
        ]
        expected.append(say("naming.outlet", key=key, source=source, uses=join(uses, zh=";", en="; ")))
        scores += [
            Score(say("naming.count", key=key, variant=v), float(variants[v][source]))
            for v in pair
            if source in variants[v]
        ]
    registers = item.get("registers", {})
    expected.append(say("naming.register", variant=marked, gloss=register_gloss(registers.get(marked, ""))))
    caveats = [
        say("naming.quoted", key=analysis.key(c), index=c.sentence_index, speaker=speaker)
        for c in cites
        if (speaker := analysis.quoted_speaker(c))
    ]
    caveats.append(say("naming.limit"))
    prompt = say(
        "naming.prompt",
        referent=referent,
        marked=_forms(analysis, marked, item),
        common=_forms(analysis, common, item),
    )
    return Exercise(
        kind="naming",
        title=say("naming.title", referent=referent),
        prompt=prompt + say("naming.advanced") if advanced else prompt,
        cites=cites,
        answer=Answer(
            expected=tuple(expected),
            evidence=tuple(evidence(analysis, c, shown[c]) for c in cites),
            scores=tuple(scores),
            caveats=tuple(caveats),
        ),
        columns=(say("col.article"), say("col.outlet"), say("col.sentences"), say("naming.col.names")),
        rows=read_rows(analysis, cites),
        blank_columns=1,
        answer_lines=2,
    )
