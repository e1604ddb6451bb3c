"""What each article contributes to the comparison, summarised in the per-article work so the
comparison never holds the corpus (the reduce step of :mod:`stance.pipeline`).

An article's sentences and scores are not kept once measured. What the comparison needs of
them is small and pools by addition:

- stance: per (target, dimension), the voice-selected sentences as distinct (w * x, evidence)
  pairs and distinct values x, with counts (:func:`stance.measure.aggregate.sentence_pairs`);
  a source's score, interval and its difference from the rest are computed from the pooled
  counts, which is exact because the bootstrap resamples distinct values;
- frames: the content sentences as rows of (word tokens, hits per frame), 16-bit integers;
- keyness: the article's counts of kept content tokens;
- disagreements: the content sentences that carry a stance (:class:`StanceSentence`), with the
  words their similarity is computed on;
- names and numeric claims, as found.
"""

from __future__ import annotations

import hashlib
import heapq
import sys
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

import numpy as np

from stance.corpus.records import Article
from stance.measure.aggregate import DIMENSIONS, select_voices, sentence_pairs
from stance.measure.frames import FrameHit
from stance.measure.polarity import TargetScore
from stance.measure.polarity.records import AUTHOR
from stance.text.normalise import is_word

StanceKey = tuple[str, str]  # (target, dimension)


@dataclass(frozen=True, slots=True)
class StanceSentence:
    """A content sentence with a non-zero stance toward some target (chosen voices only): what
    the disagreement finder reads. Its text is not kept here (the finder asks for the text of
    the few sentences it quotes)."""

    article_id: str
    source: str
    sentence_index: int
    # The tokens similarity is computed on: not stop words, holding a letter or digit, not a number.
    words: tuple[str, ...]
    frames: tuple[str, ...]
    # (target, evaluation, potency) of each target with a non-zero score in the sentence.
    scores: tuple[tuple[str, float, float], ...]
    # Per entry of ``scores``: whether the author says it (False for reported speech). Empty
    # means all of them.
    author: tuple[bool, ...] = ()
    # Every target the sentence mentions, scored or not, in any voice (sorted): who else is
    # involved says much of what a sentence is about.
    mentioned: tuple[str, ...] = ()
    # The figures the sentence gives (tokens holding a digit, such as 87% or 2028), without
    # thousands separators: sentences that give the same figure are likely about the same thing.
    figures: tuple[str, ...] = ()

    def author_scores(self) -> tuple[tuple[str, float, float], ...]:
        """The entries of ``scores`` in the author's voice."""
        if not self.author:
            return self.scores
        return tuple(row for row, own in zip(self.scores, self.author, strict=True) if own)


@lru_cache(maxsize=1 << 18)
def is_similarity_word(token: str, stopwords: frozenset[str]) -> bool:
    """Whether similarity counts the token: not a stop word, holds a letter or digit, not a
    number. Memoised: a corpus repeats a bounded vocabulary."""
    return token not in stopwords and is_word(token) and not token.isdigit()


def stance_sentences(
    article: Article,
    frame_hits: Sequence[Sequence[FrameHit]],
    scores: Iterable[TargetScore],
    stopwords: Collection[str],
    voices: str,
) -> tuple[StanceSentence, ...]:
    """The article's :class:`StanceSentence` records, in sentence order."""
    scores = list(scores)
    mentioned: dict[int, set[str]] = {}
    for row in scores:
        mentioned.setdefault(row.sentence_index, set()).add(row.target)
    by_sentence: dict[int, list[tuple[str, float, float, bool]]] = {}
    for row in select_voices(scores, voices):
        if row.evaluation != 0 or row.potency != 0:
            by_sentence.setdefault(row.sentence_index, []).append(
                (row.target, row.evaluation, row.potency, row.speaker == AUTHOR)
            )
    found = []
    for sentence, hits in zip(article.sentences, frame_hits, strict=True):
        rows = by_sentence.get(sentence.sentence_index)
        if rows and sentence.is_content:
            rows.sort()
            found.append(
                StanceSentence(
                    article.article_id,
                    article.source,
                    sentence.sentence_index,
                    tuple(t for t in sentence.tokens if is_similarity_word(t, stopwords)),
                    tuple(hit.frame for hit in hits),
                    tuple((t, e, p) for t, e, p, _ in rows),
                    tuple(own for *_, own in rows),
                    tuple(sorted(mentioned[sentence.sentence_index])),
                    figure_tokens(sentence.tokens),
                )
            )
    return tuple(found)


def figure_tokens(tokens: Iterable[str]) -> tuple[str, ...]:
    """The tokens that hold a digit, without thousands separators, each once, in order.

    >>> figure_tokens(["进口", "3,834", "吨", "87%", "87%", "部分"])
    ('3834', '87%')
    """
    found = (f for f in map(_figure_token, tokens) if f is not None)
    return tuple(dict.fromkeys(found))


@lru_cache(maxsize=1 << 18)
def _figure_token(token: str) -> str | None:
    """``token`` without thousands separators when it holds a digit, else None (memoised: a
    corpus repeats a bounded vocabulary)."""
    return token.replace(",", "") if any(c.isdigit() for c in token) else None


@dataclass(frozen=True, slots=True)
class StanceUnits:
    """An article's voice-selected sentences per (target, dimension): their (w * x, evidence)
    pairs and their values x, each distinct one with its count."""

    pairs: dict[StanceKey, dict[tuple[float, float], int]]
    values: dict[StanceKey, dict[float, int]]


def stance_units(scores: Iterable[TargetScore], voices: str) -> StanceUnits:
    by_target: dict[str, list[TargetScore]] = {}
    for row in select_voices(scores, voices):
        by_target.setdefault(row.target, []).append(row)
    pairs: dict[StanceKey, dict[tuple[float, float], int]] = {}
    values: dict[StanceKey, dict[float, int]] = {}
    for target, rows in by_target.items():
        for dimension in DIMENSIONS:
            pairs[(target, dimension)] = sentence_pairs(rows, dimension)
            values[(target, dimension)] = dict(Counter(float(getattr(r, dimension)) + 0.0 for r in rows))
    return StanceUnits(pairs, values)


@dataclass
class SourcePool:
    """One source's pooled per-article summaries."""

    n_articles: int = 0
    # (target, dimension) -> distinct (w * x, evidence) pairs / distinct values, with counts.
    stance_pairs: dict[StanceKey, Counter[tuple[float, float]]] = field(default_factory=dict)
    stance_values: dict[StanceKey, Counter[float]] = field(default_factory=dict)
    # Each article's content sentences as rows of (word tokens, hits per frame).
    frame_tables: list[np.ndarray] = field(default_factory=list)
    tokens: Counter[str] = field(default_factory=Counter)

    def add(self, stance: StanceUnits, frame_table: np.ndarray, tokens: Mapping[str, int]) -> None:
        self.n_articles += 1
        for key, pairs in stance.pairs.items():
            self.stance_pairs.setdefault(key, Counter()).update(pairs)
        for key, values in stance.values.items():
            self.stance_values.setdefault(key, Counter()).update(values)
        self.frame_tables.append(frame_table)
        self.tokens.update(tokens)

    @property
    def n_sentences(self) -> int:
        """Content sentences."""
        return sum(len(table) for table in self.frame_tables)


# Sub-topics are found among at most this many stance sentences: beyond it, in a seeded sample.
MAX_STANCE_SENTENCES = 20_000


def _interned(sentence: StanceSentence) -> StanceSentence:
    """``sentence`` with its words interned: a kept sentence from a worker process brings new
    strings, and the sample's words repeat a few thousand distinct ones."""
    return replace(sentence, words=tuple(map(sys.intern, sentence.words)))


class SentenceSample:
    """The stance sentences the disagreement finder reads: all of them up to ``size``, beyond
    that a uniform sample of ``size`` without replacement, so the comparison's memory and time
    stop growing with the corpus. Each sentence gets a pseudo-random rank from a hash of the
    seed and its (article_id, sentence_index); the ``size`` lowest ranks are kept (a bottom-k
    sample), so the sample depends on the set of sentences only, not on their order or on the
    number of workers."""

    def __init__(self, size: int, seed: int) -> None:
        self.size = size
        self.seen = 0
        self._salt = str(seed).encode("utf-8")
        # A max-heap by rank (ranks negated) of (-rank, sentence).
        self._heap: list[tuple[int, int, StanceSentence]] = []

    def _rank(self, sentence: StanceSentence) -> int:
        key = f"{sentence.article_id}\x1f{sentence.sentence_index}".encode()
        return int.from_bytes(hashlib.blake2b(key, digest_size=8, key=self._salt[:64]).digest(), "big")

    def update(self, sentences: Iterable[StanceSentence]) -> None:
        for sentence in sentences:
            self.seen += 1
            rank = self._rank(sentence)
            if len(self._heap) < self.size:
                heapq.heappush(self._heap, (-rank, self.seen, _interned(sentence)))
            elif rank < -self._heap[0][0]:
                heapq.heapreplace(self._heap, (-rank, self.seen, _interned(sentence)))

    @property
    def sampled(self) -> bool:
        return self.seen > self.size

    def sentences(self) -> list[StanceSentence]:
        return [sentence for _, _, sentence in self._heap]
