"""The framing exercise, from each source's frame profile (``comparison["sources"][*]["frames"]``)
and the frame words found in each sentence (sentences.csv's ``frames`` column): which frame each
outlet leans on, and two words that show it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from stance.classroom.analysis import Analysis
from stance.classroom.common import evidence, number, ordered
from stance.classroom.records import Answer, Cite, Exercise, Score
from stance.classroom.wording import frame_label, join, say

# A source's main frame needs this many frame words to be asked about at all, and the key warns
# when it rests on fewer than THIN_HITS.
MIN_HITS = 2
THIN_HITS = 5
# A second frame this close in share (of all frame words) is an equally good answer.
CLOSE_SHARE = 0.02
CITES_PER_SOURCE = 3
MAX_CHOICES = 6


def _ranked(frames: Mapping[str, Mapping]) -> list[tuple[str, Mapping]]:
    """A source's frames, the most used first (share of its frame words, then hits)."""
    return sorted(
        ((f, s) for f, s in frames.items() if (number(s.get("hits")) or 0) > 0),
        key=lambda fs: (-(number(fs[1].get("share")) or 0), -(number(fs[1].get("hits")) or 0), fs[0]),
    )


def _frame_words(analysis: Analysis, source: str, frame: str) -> list[tuple[Cite, str]]:
    """Every (sentence, term) of ``frame`` in the content sentences of ``source``."""
    found = []
    for article in analysis.articles_of(source):
        for s in article.sentences:
            if not s.is_content:
                continue
            cite = Cite(s.article_id, s.sentence_index)
            for hit in filter(None, analysis.sentence_frames.get(cite, "").split(";")):
                name, _, term = hit.partition(":")
                if name == frame and term:
                    found.append((cite, term))
    return found


def _examples(words: list[tuple[Cite, str]]) -> list[tuple[Cite, str]]:
    """Up to CITES_PER_SOURCE sentences, each showing a different word, the commonest words first."""
    counts = Counter(term for _, term in words)
    chosen: list[tuple[Cite, str]] = []
    for term, _ in sorted(counts.items(), key=lambda tc: (-tc[1], tc[0])):
        cite = next(c for c, t in words if t == term)
        if all(c != cite for c, _ in chosen):
            chosen.append((cite, term))
        if len(chosen) == CITES_PER_SOURCE:
            break
    return chosen


def framing_exercises(analysis: Analysis, *, advanced: bool) -> list[Exercise]:
    """The framing exercise, or none when no outlet has a frame with MIN_HITS words."""
    picks = []
    totals: Counter[str] = Counter()
    for profile in analysis.comparison.get("sources", []):
        ranked = _ranked(profile.get("frames", {}))
        for frame, stats in ranked:
            totals[frame] += int(number(stats.get("hits")) or 0)
        if ranked and (number(ranked[0][1].get("hits")) or 0) >= MIN_HITS:
            source = profile["source"]
            examples = _examples(_frame_words(analysis, source, ranked[0][0]))
            if examples:
                picks.append((source, ranked, examples))
    if not picks:
        return []
    picks.sort(key=lambda p: analysis.source_keys[p[0]])
    main = {ranked[0][0] for _, ranked, _ in picks}
    fillers = [f for f, _ in sorted(totals.items(), key=lambda fc: (-fc[1], fc[0])) if f not in main]
    choices = sorted([*main, *fillers[: max(0, min(MAX_CHOICES, max(4, len(main))) - len(main))]])
    expected, found, scores, caveats = [], [], [], []
    for source, ranked, examples in picks:
        key = analysis.source_keys[source]
        frame, stats = ranked[0]
        label = frame_label(frame)
        written = [(cite, analysis.as_written(cite, term)) for cite, term in examples]
        terms = join((f"「{w}」({analysis.key(c)} {c.sentence_index})" for c, w in written), zh="、", en=", ")
        expected.append(say("framing.answer", key=key, source=source, frame=label, terms=terms))
        found += [evidence(analysis, c, w) for c, w in written]
        share = number(stats.get("share"))
        scores.append(
            Score(
                say("framing.score", key=key, frame=label),
                round(100 * (share or 0), 1),
                n=int(number(stats.get("hits")) or 0),
                unit="%",
            )
        )
        diff = number(stats.get("diff_vs_rest"))
        if diff is not None:
            scores.append(
                Score(
                    say("framing.diff", key=key, frame=label),
                    diff,
                    number(stats.get("diff_ci_low")),
                    number(stats.get("diff_ci_high")),
                )
            )
        if len(ranked) > 1 and (share or 0) - (number(ranked[1][1].get("share")) or 0) <= CLOSE_SHARE:
            caveats.append(say("framing.close", key=key, frame=frame_label(ranked[1][0])))
        if (number(stats.get("hits")) or 0) < THIN_HITS:
            caveats.append(say("framing.thin", key=key, hits=int(number(stats.get("hits")) or 0)))
    caveats.append(say("framing.limit"))
    cites = ordered(analysis, (e.cite for e in found))
    rows = []
    for source, _, examples in picks:
        for article in analysis.articles_of(source):
            own = [c for c, _ in examples if c.article_id == article.article_id]
            if own:
                rows.append(
                    (
                        analysis.keys[article.article_id],
                        source,
                        ", ".join(str(c.sentence_index) for c in sorted(own)),
                    )
                )
    prompt = say("framing.prompt")
    return [
        Exercise(
            kind="framing",
            title=say("framing.title"),
            prompt=prompt + say("framing.advanced") if advanced else prompt,
            cites=cites,
            answer=Answer(tuple(expected), tuple(found), tuple(scores), tuple(caveats)),
            columns=(
                say("col.article"),
                say("col.outlet"),
                say("col.sentences"),
                say("framing.col.frame"),
                say("framing.col.words"),
            ),
            rows=tuple(rows),
            blank_columns=2,
            choices=tuple(frame_label(f) for f in choices),
            answer_lines=1 if advanced else 0,
        )
    ]
