"""The word-choice exercise, from the distinctive terms of each source (``comparison["keyness"]``):
the words an outlet uses far more than the others, each with a sentence that uses it; students
say what the outlet focuses on that the others leave out."""

from __future__ import annotations

from collections.abc import Mapping

from stance.classroom.analysis import Analysis
from stance.classroom.common import evidence, number, ordered
from stance.classroom.records import Answer, Cite, Exercise, Score
from stance.classroom.wording import join, say

# A word is asked about when its outlet uses it this often and it reads as a word on its own
# (two Chinese characters, or four Latin letters).
MIN_COUNT = 3
SIGNIFICANT_Q = 0.05
MIN_OUTLETS = 2


def _is_word(term: str) -> bool:
    if any("\u3400" <= c <= "\u9fff" for c in term):
        return len(term) >= 2
    return len(term) >= 4 and term.isalpha()


def _first_use(analysis: Analysis, source: str, term: str) -> Cite | None:
    for article in analysis.articles_of(source):
        for s in article.sentences:
            if s.is_content and term in (t.lower() for t in s.tokens):
                return Cite(s.article_id, s.sentence_index)
    return None


def word_exercises(analysis: Analysis, *, per_source: int, advanced: bool) -> list[Exercise]:
    """The exercise, or none unless two or more outlets have distinctive words."""
    picks: dict[str, list[tuple[Mapping, Cite]]] = {}
    for row in sorted(
        analysis.comparison.get("keyness", []), key=lambda r: (-(number(r.get("z")) or 0), str(r.get("term")))
    ):
        source, term = str(row.get("source")), str(row.get("term", ""))
        if source not in analysis.source_keys or (number(row.get("z")) or 0) <= 0:
            continue
        if (number(row.get("count_source")) or 0) < MIN_COUNT or not _is_word(term):
            continue
        mine = picks.setdefault(source, [])
        if len(mine) < per_source and (cite := _first_use(analysis, source, term)) is not None:
            mine.append((row, cite))
    picks = {s: p for s, p in picks.items() if p}
    if len(picks) < MIN_OUTLETS:
        return []
    sources = sorted(picks, key=lambda s: analysis.source_keys[s])
    expected, found, scores, rows = [], [], [], []
    weak = False
    for source in sources:
        key = analysis.source_keys[source]
        shown = []
        for row, cite in picks[source]:
            written = analysis.as_written(cite, str(row["term"]))
            shown.append((written, cite, row))
            found.append(evidence(analysis, cite, written))
            scores.append(
                Score(
                    say("words.score", key=key, term=written, rest=int(number(row.get("count_rest")) or 0)),
                    round(number(row.get("z")) or 0.0, 2),
                    n=int(number(row.get("count_source")) or 0),
                )
            )
            weak = weak or (number(row.get("q")) or 1.0) > SIGNIFICANT_Q
        words = join((f"「{w}」" for w, _, _ in shown), zh="、", en=", ")
        expected.append(say("words.answer", key=key, source=source, words=words))
        cells = join((f"{w} ({analysis.key(c)} {c.sentence_index})" for w, c, _ in shown), zh="、", en=", ")
        rows.append((key, source, cells.zh))
    caveats = [say("words.chance")] if weak else []
    caveats.append(say("words.limit"))
    prompt = say("words.prompt")
    return [
        Exercise(
            kind="words",
            title=say("words.title"),
            prompt=prompt + say("words.advanced") if advanced else prompt,
            cites=ordered(analysis, (e.cite for e in found)),
            answer=Answer(tuple(expected), tuple(found), tuple(scores), tuple(caveats)),
            columns=(say("col.key"), say("col.outlet"), say("words.col.words"), say("words.col.focus")),
            rows=tuple(rows),
            blank_columns=1,
            answer_lines=1 if advanced else 0,
        )
    ]
