"""The reported-speech exercise, from mentions.csv's ``speaker`` column: a mix of sentences in
the author's own voice and sentences quoting someone the sentence names; students tell which is
which and who speaks."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from stance.classroom.analysis import Analysis
from stance.classroom.common import evidence, number, ordered
from stance.classroom.records import Answer, Cite, Exercise, Score
from stance.classroom.wording import say, target_label
from stance.measure.polarity import AUTHOR, UNNAMED
from stance.text.normalise import normalise_text

QUOTE_MARKS = set('“”「」『』"')


def _sentence_rows(analysis: Analysis) -> dict[Cite, list[tuple[str, str, float, float]]]:
    """Each scored sentence's (target, speaker, evaluation, potency) rows."""
    m = analysis.mentions
    rows: dict[Cite, list[tuple[str, str, float, float]]] = defaultdict(list)
    for a, i, t, sp, e, p in zip(
        m["article_id"],
        m["sentence_index"],
        m["target"],
        m["speaker"],
        m["evaluation"],
        m["potency"],
        strict=True,
    ):
        rows[Cite(str(a), int(i))].append((str(t), str(sp), number(e) or 0.0, number(p) or 0.0))
    return rows


def _round_robin(analysis: Analysis, picks: dict[str, list[Cite]], n: int) -> list[Cite]:
    """``n`` sentences taken in turn from each source's list (sources in key order)."""
    chosen: list[Cite] = []
    queues = [list(picks[s]) for s in sorted(picks, key=lambda s: analysis.source_keys[s])]
    while len(chosen) < n and any(queues):
        for queue in queues:
            if queue and len(chosen) < n:
                chosen.append(queue.pop(0))
    return chosen


def _common_words(analysis: Analysis) -> frozenset[str]:
    """Frame and cue words: a "speaker" that is one of them (协议 in "the agreement says") is the
    scorer misreading the sentence, not a person or body to ask students about."""
    return frozenset(
        normalise_text(e.term)
        for lex in analysis.lexicons.values()
        if lex.kind in ("frames", "cues")
        for e in lex.entries
    )


def _strength(rows: Sequence[tuple[str, str, float, float]]) -> float:
    return max(abs(e) + abs(p) for _, _, e, p in rows)


def voice_exercises(analysis: Analysis, *, quoted: int, author: int, advanced: bool) -> list[Exercise]:
    """The exercise, or none unless the corpus has both a sentence quoting a named speaker and
    one in the author's voice."""
    rows = _sentence_rows(analysis)
    speaker_of: dict[Cite, str] = {}
    quotes: dict[str, list[Cite]] = defaultdict(list)
    own: dict[str, list[Cite]] = defaultdict(list)
    seen_speakers: set[str] = set(_common_words(analysis))
    for cite in sorted(rows, key=lambda c: (-_strength(rows[c]), analysis.sort_key(c))):
        if not analysis.has(cite):
            continue
        sentence = analysis.sentence(cite)
        source = analysis.source_of[cite.article_id]
        speakers = {sp for _, sp, _, _ in rows[cite]}
        named = [sp for sp in sorted(speakers) if sp not in (AUTHOR, UNNAMED) and sp.strip()]
        if named:
            speaker = named[0]
            # The speaker must be named in the sentence itself, so the sentence backs the answer.
            if normalise_text(speaker) in sentence.text_norm and normalise_text(speaker) not in seen_speakers:
                seen_speakers.add(normalise_text(speaker))
                speaker_of[cite] = speaker
                quotes[source].append(cite)
        elif speakers == {AUTHOR} and _strength(rows[cite]) > 0 and not QUOTE_MARKS & set(sentence.text):
            own[source].append(cite)
    picked_quotes = _round_robin(analysis, quotes, quoted)
    picked_own = _round_robin(analysis, own, author)
    if not picked_quotes or not picked_own:
        return []
    cites = ordered(analysis, [*picked_quotes, *picked_own])
    expected, found, scores = [], [], []
    for cite in cites:
        key, index = analysis.key(cite), cite.sentence_index
        if cite in speaker_of:
            speaker = speaker_of[cite]
            written = analysis.as_written(cite, normalise_text(speaker))
            expected.append(say("voice.quoted", key=key, index=index, speaker=written))
            found.append(evidence(analysis, cite, written))
        else:
            expected.append(say("voice.author", key=key, index=index))
            found.append(evidence(analysis, cite))
        for target, _, e, p in rows[cite]:
            for dimension, value in (("evaluation", e), ("potency", p)):
                if value:
                    label = say(
                        "voice.score",
                        key=key,
                        index=index,
                        target=target_label(target),
                        dimension=say(f"dimension.{dimension}"),
                    )
                    scores.append(Score(label, value))
    prompt = say("voice.prompt")
    return [
        Exercise(
            kind="voice",
            title=say("voice.title"),
            prompt=prompt + say("voice.advanced") if advanced else prompt,
            cites=cites,
            answer=Answer(
                tuple(expected), tuple(found), tuple(scores), (say("voice.weight"), say("voice.limit"))
            ),
            columns=(
                say("col.article"),
                say("col.outlet"),
                say("col.sentence"),
                say("voice.col.who"),
                say("voice.col.speaker"),
            ),
            rows=tuple(
                (analysis.key(c), analysis.source_of[c.article_id], str(c.sentence_index)) for c in cites
            ),
            blank_columns=2,
            answer_lines=1 if advanced else 0,
        )
    ]
