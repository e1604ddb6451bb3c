"""Frame scores: which frame words each sentence uses, and how often each frame appears per
article and per source.

A frame is identified by its category id alone (``economic``, ``competition_conflict``): the
ids of every ``kind = "frames"`` lexicon share one namespace, which keeps the ids short in
``sentences.csv`` and ``frames.csv``. Two frame lexicons declaring the same category id is an
error (:class:`~stance.errors.LexiconError`), so an id always names exactly one frame.

Terms are found by the shared matcher (:class:`stance.lexicon.match.TermMatcher`), so a frame term
counts exactly where the same term counts as a target alias or a naming variant: on whole
tokens, one or several joined (a token made entirely of the run's known words is cut into them
first, so 困境 is found in 摆脱困境), lower-case terms in any case, a term with capitals only as
written. Within one lexicon matching is leftmost-longest without overlaps: 贸易摩擦 is one hit of
贸易摩擦, not also one of 摩擦. Each lexicon is matched separately, so a word can hit the generic
layer (frames_policy) and the issue layer (frames_trade) at once. A term listed under two
categories of one lexicon hits both. Only body and heading sentences count; furniture and
duplicates never do.

Hits are counts of matched terms; entry weights are not applied, so a count can always be
traced back to the words listed in ``sentences.csv``.

>>> from stance.corpus.records import Sentence
>>> index = FrameIndex.from_terms({"frames_trade": {"博弈": ["competition_conflict"]}})
>>> s = Sentence("a1", 0, "body", "中美博弈", "中美博弈", ("中美", "博弈"))
>>> sentence_frames_column(s, index)
'competition_conflict:博弈'
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from stance.config import RunConfig
from stance.corpus.records import Article, Sentence
from stance.errors import LexiconError
from stance.lexicon import Lexicon
from stance.lexicon.match import TermMatcher, Vocabulary
from stance.measure.stats import percentile_columns, resampled_sums, stable_seed
from stance.parallel import in_threads
from stance.text.normalise import is_word

FRAME_KIND = "frames"
FRAME_COLUMNS = ("article_id", "source", "frame", "hits", "per_1k_tokens", "share", "ci_low", "ci_high")
# article_id of the per-source rows of frames.csv.
ALL_ARTICLES = "*"


@dataclass(frozen=True, slots=True)
class FrameHit:
    """One matched frame term: ``term`` is found in the tokens ``tokens[start:end]`` of the
    sentence (their concatenation, or a piece of one token the matcher cut)."""

    frame: str
    term: str
    start: int
    end: int
    lexicon: str


@dataclass(frozen=True)
class _LexiconTerms:
    name: str
    matcher: TermMatcher
    # term -> frames in declaration order
    frames: Mapping[str, tuple[str, ...]]


@dataclass(frozen=True)
class FrameIndex:
    """The matchers of every frame lexicon plus the ordered list of frame ids.

    Build it once per run with :meth:`from_lexicons`; it holds no mutable state.
    """

    matchers: tuple[_LexiconTerms, ...]
    frames: tuple[str, ...]
    frame_lexicon: Mapping[str, str]
    vocabulary: Vocabulary | None = None

    @classmethod
    def from_lexicons(cls, lexicons: Mapping[str, Lexicon]) -> FrameIndex:
        """Index every ``kind = "frames"`` lexicon of ``lexicons`` (in name order); tokens are cut
        with the run's :meth:`Vocabulary.from_lexicons <stance.lexicon.match.Vocabulary.from_lexicons>`.

        Raises :class:`LexiconError` when two frame lexicons declare the same category id.
        """
        tables: dict[str, dict[str, list[str]]] = {}
        categories: dict[str, tuple[str, ...]] = {}
        owner: dict[str, Lexicon] = {}
        for name in sorted(lexicons):
            lexicon = lexicons[name]
            if lexicon.kind != FRAME_KIND:
                continue
            for category in lexicon.categories:
                if category in owner:
                    other = owner[category]
                    raise LexiconError(
                        f"{lexicon.path / 'manifest.toml'}: frame category '{category}' is also declared "
                        f"by lexicon '{other.name}' ({other.path / 'manifest.toml'}); frame ids must be "
                        "unique across frame lexicons (rename the category in one of them)"
                    )
                owner[category] = lexicon
            categories[lexicon.name] = lexicon.categories
            table: dict[str, list[str]] = {}
            for entry in lexicon.entries:
                table.setdefault(entry.term, []).append(entry.category)
            tables[lexicon.name] = table
        return cls._build(tables, categories, Vocabulary.from_lexicons(lexicons))

    @classmethod
    def from_terms(
        cls,
        tables: Mapping[str, Mapping[str, Sequence[str]]],
        categories: Mapping[str, Sequence[str]] | None = None,
        *,
        vocabulary: Vocabulary | None = None,
    ) -> FrameIndex:
        """Build an index from ``{lexicon: {term: [frame, ...]}}``; for tests and the workbench.
        Frame order is ``categories[lexicon]`` when given, else order of first appearance.
        ``vocabulary`` gives the words a token may be cut into (none when not given: tokens are
        matched as the segmenter cut them)."""
        if categories is None:
            categories = {
                name: tuple(dict.fromkeys(f for frames in table.values() for f in frames))
                for name, table in tables.items()
            }
        seen: dict[str, str] = {}
        for name in sorted(categories):
            for frame in categories[name]:
                if frame in seen and seen[frame] != name:
                    raise LexiconError(
                        f"frame category '{frame}' is declared by lexicons '{seen[frame]}' and '{name}'; "
                        "frame ids must be unique across frame lexicons (rename one)"
                    )
                seen[frame] = name
        return cls._build(tables, categories, vocabulary or Vocabulary(frozenset()))

    @classmethod
    def _build(
        cls,
        tables: Mapping[str, Mapping[str, Sequence[str]]],
        categories: Mapping[str, Sequence[str]],
        vocabulary: Vocabulary,
    ) -> FrameIndex:
        matchers = []
        frames: list[str] = []
        frame_lexicon: dict[str, str] = {}
        for name in sorted(tables):
            terms = {term: tuple(dict.fromkeys(cats)) for term, cats in sorted(tables[name].items()) if term}
            matchers.append(
                _LexiconTerms(name, TermMatcher(terms, vocabulary=vocabulary, lemmas=True), terms)
            )
            for frame in categories.get(name, ()):
                if frame not in frame_lexicon:
                    frames.append(frame)
                    frame_lexicon[frame] = name
        return cls(tuple(matchers), tuple(frames), frame_lexicon, vocabulary)

    def match(self, sentence: Sentence) -> tuple[FrameHit, ...]:
        """The frame hits of one sentence in text order; empty for furniture and duplicates."""
        if not sentence.is_content:
            return ()
        frame_pos = {f: i for i, f in enumerate(self.frames)}
        keyed = []
        for order, lexicon in enumerate(self.matchers):
            for hit in lexicon.matcher.find(sentence.text_norm, sentence.tokens):
                for frame in lexicon.frames[hit.term]:
                    # By character: two hits in pieces of one token share their token index.
                    key = (hit.start, order, frame_pos.get(frame, len(frame_pos)))
                    keyed.append((key, FrameHit(frame, hit.term, hit.first, hit.last, lexicon.name)))
        keyed.sort(key=lambda pair: pair[0])
        return tuple(hit for _, hit in keyed)


def count_tokens(tokens: Iterable[str]) -> int:
    """Word tokens of a sentence: tokens holding at least one letter, digit or Han character.
    Punctuation tokens are left out of the per-1,000-token denominator.

    >>> count_tokens(("中国", ",", "出口", "2025", "。"))
    3
    """
    return sum(1 for t in tokens if is_word(t))


def sentence_frames_column(sentence: Sentence, index: FrameIndex) -> str:
    """The ``frames`` cell of ``sentences.csv``: ``frame:term`` pairs separated by ``;`` in
    text order; empty when the sentence hits no frame or does not count."""
    return format_hits(index.match(sentence))


def format_hits(hits: Iterable[FrameHit]) -> str:
    return ";".join(f"{hit.frame}:{hit.term}" for hit in hits)


Hits = Mapping[tuple[str, int], tuple[FrameHit, ...]]


def match_articles(
    articles: Sequence[Article], index: FrameIndex
) -> dict[tuple[str, int], tuple[FrameHit, ...]]:
    """Every sentence's frame hits, keyed by (article_id, sentence_index): match once, then
    pass the result to :func:`frames_column` and :func:`score_frames`."""
    return {(s.article_id, s.sentence_index): index.match(s) for a in articles for s in a.sentences}


def frames_column(articles: Sequence[Article], index: FrameIndex, hits: Hits | None = None) -> list[str]:
    """The ``frames`` cells for every sentence of ``articles``, in the order sentences.csv lists
    them (articles in the given order, sentences by index)."""
    hits = hits if hits is not None else match_articles(articles, index)
    return [format_hits(hits[(s.article_id, s.sentence_index)]) for a in articles for s in a.sentences]


def _unit_table(
    sentences: Sequence[Sentence], hits: Sequence[Sequence[FrameHit]], index: FrameIndex
) -> np.ndarray:
    """One row per content sentence: its word tokens, then its hits of each frame in
    ``index.frames`` order (``hits`` holds each sentence's frame hits, in sentence order)."""
    column = {frame: k for k, frame in enumerate(index.frames, start=1)}
    content = [(s, h) for s, h in zip(sentences, hits, strict=True) if s.is_content]
    table = np.zeros((len(content), 1 + len(index.frames)), dtype=np.int32)
    for row, (sentence, sentence_hits) in enumerate(content):
        table[row, 0] = count_tokens(sentence.tokens)
        for hit in sentence_hits:
            table[row, column[hit.frame]] += 1
    return table


@dataclass(frozen=True)
class ArticleFrames:
    """The frames of one article, measured on it alone (in the per-article work): its rows of
    frames.csv, and its content sentences as rows of (word tokens, hits of each frame in
    ``FrameIndex.frames`` order), which is all its source's pooled rows need. The table is held
    in 16-bit integers when its counts fit (a sentence has at most 600 characters): about 80
    bytes per content sentence, whatever the corpus."""

    rows: tuple[dict, ...]
    sentences: np.ndarray


def _compact(table: np.ndarray) -> np.ndarray:
    return table.astype(np.uint16) if table.size == 0 or table.max() < 2**16 else table


def article_frames(
    article: Article, hits: Sequence[Sequence[FrameHit]], index: FrameIndex, config: RunConfig
) -> ArticleFrames:
    """:class:`ArticleFrames` of ``article`` from its sentences' frame hits (in sentence order)."""
    table = _compact(_unit_table(article.sentences, hits, index))
    rows = _unit_rows(article.article_id, article.source, table, index.frames, config, article.article_id)
    return ArticleFrames(tuple(rows), table)


def _unit_rows(
    article_id: str, source: str, table: np.ndarray, frames: Sequence[str], config: RunConfig, seed_name: str
) -> list[dict]:
    """The frames.csv rows of one unit (an article, or a source's pooled articles) from its
    :func:`_unit_table`. The intervals of all frames come from one set of resamples of the
    unit's sentences, seeded by the unit: each is the usual percentile interval, and drawing
    once per unit instead of once per frame costs one draw instead of one per frame."""
    table = np.asarray(table, dtype=float).reshape(-1, 1 + len(frames))
    n_tokens = float(table[:, 0].sum())
    totals = table[:, 1:].sum(axis=0)
    all_hits = float(totals.sum())
    bounds = np.zeros((2, len(frames)))
    if not n_tokens:
        bounds[:] = np.nan
    elif all_hits:
        sums = resampled_sums(
            table, rng=np.random.default_rng(stable_seed(config.seed, seed_name)), n_boot=config.n_boot
        )
        with np.errstate(divide="ignore", invalid="ignore"):
            ratios = np.where(sums[:, :1] > 0, 1000 * sums[:, 1:] / sums[:, :1], np.nan)
        bounds = percentile_columns(ratios)
        # A frame with no hits has zero in every resample.
        bounds[:, totals == 0] = 0.0
    rows = []
    for k, frame in enumerate(frames):
        hits = int(totals[k])
        rows.append(
            {
                "article_id": article_id,
                "source": source,
                "frame": frame,
                "hits": hits,
                "per_1k_tokens": 1000 * hits / n_tokens if n_tokens else float("nan"),
                "share": hits / all_hits if all_hits else float("nan"),
                "ci_low": float(bounds[0, k]),
                "ci_high": float(bounds[1, k]),
            }
        )
    return rows


def source_frame_rows(
    pools: Mapping[str, Sequence[np.ndarray]], frames: Sequence[str], config: RunConfig
) -> list[dict]:
    """The per-source rows of frames.csv (``article_id = "*"``) from each source's articles'
    sentence tables (:class:`ArticleFrames`), sources in name order."""
    # The sources' bootstraps run side by side (config.workers threads), each from its own seed.
    per_source = in_threads(
        lambda source: _unit_rows(
            ALL_ARTICLES, source, pooled_table(pools[source], frames), frames, config, source
        ),
        sorted(pools),
        config.workers,
    )
    return [row for rows in per_source for row in rows]


def pooled_table(tables: Sequence[np.ndarray], frames: Sequence[str]) -> np.ndarray:
    """The sentence tables of a source's articles as one."""
    return np.concatenate(tables) if tables else np.zeros((0, 1 + len(frames)), dtype=np.uint16)


def frame_table(
    article_rows: Iterable[dict], source_rows: Iterable[dict], frames: Sequence[str]
) -> pd.DataFrame:
    """frames.csv from its article and source rows, sorted by source, article_id (``*`` last
    within a source) and frame order."""
    frame_pos = {f: i for i, f in enumerate(frames)}
    rows = sorted(
        [*article_rows, *source_rows],
        key=lambda r: (r["source"], r["article_id"] == ALL_ARTICLES, r["article_id"], frame_pos[r["frame"]]),
    )
    return pd.DataFrame(rows, columns=list(FRAME_COLUMNS))


def score_frames(
    articles: Sequence[Article],
    index: FrameIndex,
    config: RunConfig,
    hits: Hits | None = None,
) -> pd.DataFrame:
    """The ``frames.csv`` table: one row per (article, frame) and per (source, frame).

    Per-source rows have ``article_id == "*"`` and pool the sentences of all the source's
    articles. ``hits`` counts matched terms in body and heading sentences; ``per_1k_tokens`` is
    ``1000 * hits / word tokens``; ``share`` is the frame's hits over all frame hits of the
    same unit (NaN when the unit has none); ``ci_low``/``ci_high`` are a 95% percentile
    bootstrap interval of ``per_1k_tokens`` resampling sentences, from one set of resamples per
    unit seeded with ``stable_seed(config.seed, <article_id or source>)``. Every frame appears
    for every unit, zero hits included. Rows are sorted by source, article_id (``*`` last within
    a source) and frame order, so the table does not depend on the order of ``articles``.
    ``hits``: every sentence's frame hits when matched already (:func:`match_articles`).
    """
    hits = hits if hits is not None else match_articles(articles, index)
    rows: list[dict] = []
    pools: dict[str, list[np.ndarray]] = defaultdict(list)
    for article in articles:
        unit = article_frames(
            article, [hits[(article.article_id, s.sentence_index)] for s in article.sentences], index, config
        )
        rows.extend(unit.rows)
        pools[article.source].append(unit.sentences)
    return frame_table(rows, source_frame_rows(pools, index.frames, config), index.frames)


def top_frames(table: pd.DataFrame, *, frames: Sequence[str] | None = None) -> dict[str, tuple[str, ...]]:
    """Per source, the frame(s) with the most hits in the per-source rows of ``table``
    (ties give several, in frame order; no hits gives an empty tuple). ``frames`` limits the
    comparison to one layer, e.g. the frames of one lexicon."""
    result: dict[str, tuple[str, ...]] = {}
    pooled = table[table["article_id"] == ALL_ARTICLES]
    if frames is not None:
        pooled = pooled[pooled["frame"].isin(list(frames))]
    for source, group in pooled.groupby("source", sort=True):
        best = int(group["hits"].max()) if len(group) else 0
        result[str(source)] = tuple(group.loc[group["hits"] == best, "frame"]) if best > 0 else ()
    return result
