"""The map: everything up to the scores is a pure function of one document and the lexicons
(:func:`process_document`), so it runs in this process, in worker processes or on a Dask
cluster (``RunConfig.workers``, ``RunConfig.scheduler``; see :mod:`stance.parallel`), which send
back one :class:`ArticleDigest` (or :class:`ArticleResult`) per article in input order.
"""

from __future__ import annotations

import itertools
import json
import socket
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

import numpy as np
import pandas as pd

from stance.compare.figures import (
    Claim,
    FigureTerms,
    sentence_claims,
)
from stance.compare.keyness import article_token_counts, stopwords_from
from stance.compare.naming import (
    NameFinder,
    NameUse,
)
from stance.compare.units import (
    StanceSentence,
    StanceUnits,
    stance_sentences,
    stance_units,
)
from stance.config import RunConfig
from stance.corpus.build import build_article
from stance.corpus.furniture import FurnitureRules
from stance.corpus.read import read_corpus
from stance.corpus.records import (
    ARTICLE_COLUMNS,
    READABILITY_COLUMNS,
    SENTENCE_COLUMNS,
    Article,
    ArticleInfo,
    RawDocument,
)
from stance.errors import WorkerError
from stance.lexicon import TEXT_KINDS, Lexicon, load_lexicons
from stance.measure.aggregate import (
    article_stance_rows,
    mentions_table,
    stance_table,
)
from stance.measure.frames import (
    FRAME_COLUMNS,
    ArticleFrames,
    FrameHit,
    FrameIndex,
    article_frames,
    format_hits,
)
from stance.measure.polarity import TargetScore, score_article
from stance.measure.readability import (
    Readability,
    article_readability,
    readability_row,
)
from stance.output.write import csv_bytes
from stance.parallel import Job, chunk_slices, drain, map_chunks
from stance.pipeline.model import apply_model, run_model, with_model
from stance.progress import Advance
from stance.report.summary import article_views
from stance.resources import bundled_dir
from stance.text.segment import Segmenter, default_cache_dir

T = TypeVar("T")
# Characters of article text per chunk of work sent to a worker: big enough that sending it
# costs little next to the work (about a second of it), small enough to spread a corpus over
# the workers. A corpus of one chunk is worked in this process.
CHUNK_CHARS = 50_000


def default_corpus() -> Path:
    return bundled_dir("seeds")


def lexicon_terms(lexicons: dict[str, Lexicon]) -> list[str]:
    """Every term of every text-kind lexicon: what the private tokenizer must keep whole."""
    return sorted({e.term for lex in lexicons.values() if lex.kind in TEXT_KINDS for e in lex.entries})


def make_segmenter(lexicons: dict[str, Lexicon], config: RunConfig) -> Segmenter:
    cache = config.cache_dir if config.cache_dir is not None else default_cache_dir()
    return Segmenter(lexicon_terms(lexicons), engine=config.engine, cache_dir=cache)


@dataclass(frozen=True)
class Measures:
    """What measuring one article needs: the lexicons and the matchers compiled from them."""

    lexicons: Mapping[str, Lexicon]
    frame_index: FrameIndex
    figure_terms: FigureTerms
    names: NameFinder
    # The seed and resamples of the per-article intervals.
    config: RunConfig
    stopwords: frozenset[str] = frozenset()
    # keyness.keep_token of each distinct token met so far (bounded by the vocabulary).
    kept_tokens: dict[str, str | None] = field(default_factory=dict, compare=False)

    @classmethod
    def from_lexicons(cls, lexicons: Mapping[str, Lexicon], config: RunConfig) -> Measures:
        return cls(
            lexicons,
            FrameIndex.from_lexicons(lexicons),
            FigureTerms.from_lexicons(lexicons),
            NameFinder.from_lexicons(lexicons),
            config,
            stopwords_from(lexicons),
        )


@dataclass(frozen=True)
class ArticleTools:
    """What the per-article work needs, from a document's text to its scores; built once per
    process."""

    rules: FurnitureRules
    segmenter: Segmenter
    measures: Measures
    # The trained model of ``config.model_path`` (None: the lexicon scores stand).
    model: object = None
    # Keep each article's sentence and mention rows as DataFrames too (for the export formats).
    keep_rows: bool = False

    @classmethod
    def build(
        cls, lexicons: Mapping[str, Lexicon], config: RunConfig, *, model=None, keep_rows: bool = False
    ) -> ArticleTools:
        return cls(
            FurnitureRules.from_lexicon(lexicons["furniture"]),
            make_segmenter(lexicons, config),
            Measures.from_lexicons(lexicons, config),
            model,
            keep_rows,
        )


@dataclass(frozen=True)
class ArticleResult:
    """One article and everything measured on it alone: what a worker sends back."""

    article: Article
    # The frame hits of each sentence, by sentence_index.
    frame_hits: tuple[tuple[FrameHit, ...], ...]
    scores: tuple[TargetScore, ...]
    claims: tuple[Claim, ...]
    names: tuple[NameUse, ...]
    frames: ArticleFrames
    # The article's rows of stance.csv (its lexicon scores; a trained model's are computed later).
    stance_rows: tuple[dict, ...]
    readability: Readability


def measure_article(article: Article, measures: Measures) -> ArticleResult:
    """The frame hits, target scores, numeric claims, names, frames and readability of one article."""
    terms = measures.figure_terms
    hits = tuple(measures.frame_index.match(s) for s in article.sentences)
    scores = tuple(score_article(article, measures.lexicons))
    return ArticleResult(
        article,
        hits,
        scores,
        tuple(c for s in article.sentences for c in sentence_claims(s, article.source, terms=terms)),
        measures.names.uses(article),
        article_frames(article, hits, measures.frame_index, measures.config),
        article_stance_rows(scores, article.source, measures.config),
        article_readability(article),
    )


def process_document(document: RawDocument, tools: ArticleTools) -> ArticleResult:
    """All the per-article work on one document: a pure function of it and the lexicons."""
    return measure_article(build_article(document, tools.rules, tools.segmenter), tools.measures)


@dataclass(frozen=True)
class ArticleDigest:
    """What a report keeps of one article once it is measured (what a worker sends back): its
    rows of the sentence-level tables (as DataFrames, then as finished CSV lines: see
    :func:`with_csv_lines`), its view for the report as JSON, and the small per-article
    summaries the comparison pools (:mod:`stance.compare.units`)."""

    info: ArticleInfo
    # The article's row of articles.csv, readability included.
    row: dict
    # Its rows of sentences.csv, mentions.csv and frames.csv; None once formatted, unless kept
    # for the export formats.
    sentence_rows: pd.DataFrame | None
    mention_rows: pd.DataFrame | None
    frame_rows: pd.DataFrame | None
    n_sentences: int
    n_mentions: int
    n_frame_rows: int
    view: bytes
    # Characters of the article's sentences, all kinds: what showing it costs the report.
    view_chars: int
    stance_rows: tuple[dict, ...]
    stance: StanceUnits
    # Its content sentences' frame table.
    frame_table: np.ndarray
    tokens: Counter[str]
    names: tuple[NameUse, ...]
    claims: tuple[Claim, ...]
    stance_sentences: tuple[StanceSentence, ...]
    # Its rows as CSV lines (no header). The lines of sentences.csv and mentions.csv of a whole
    # chunk of articles travel with the chunk's first article (those tables are written in
    # corpus order); frames.csv lines are the article's own (that table is sorted by article).
    sentences_csv: bytes = b""
    mentions_csv: bytes = b""
    frames_csv: bytes = b""


def digest_article(result: ArticleResult, tools: ArticleTools) -> ArticleDigest:
    """:class:`ArticleDigest` of one measured article, with ``tools.model``'s labels in place of
    the lexicon scores when there is a model."""
    article, measures = result.article, tools.measures
    config = measures.config
    scores, stance_rows = list(result.scores), result.stance_rows
    if tools.model is not None:
        scores = apply_model(scores, [article], tools.model, config.model_dimension, config.model_path)
        stance_rows = article_stance_rows(scores, article.source, config)
    sentences = sentences_table([article]).assign(frames=[format_hits(h) for h in result.frame_hits])
    frames = pd.DataFrame(list(result.frames.rows), columns=list(FRAME_COLUMNS))
    mentions = mentions_table(scores)
    view = article_views([article], scores, [result.frame_hits])[0]
    return ArticleDigest(
        info=article.info,
        row=article_row(article, result.readability),
        sentence_rows=sentences,
        mention_rows=mentions,
        frame_rows=frames,
        n_sentences=len(sentences),
        n_mentions=len(mentions),
        n_frame_rows=len(frames),
        view=json.dumps(view, ensure_ascii=False).encode("utf-8"),
        view_chars=sum(len(s.text) for s in article.sentences),
        stance_rows=stance_rows,
        stance=stance_units(scores, config.voices),
        frame_table=result.frames.sentences,
        tokens=article_token_counts(article, measures.stopwords, measures.kept_tokens),
        names=result.names,
        claims=result.claims,
        stance_sentences=stance_sentences(
            article, result.frame_hits, scores, measures.stopwords, config.voices
        ),
    )


def with_csv_lines(digests: Sequence[ArticleDigest], *, keep_rows: bool = False) -> list[ArticleDigest]:
    """``digests`` (a chunk of articles, in corpus order) with their rows formatted as CSV
    lines. Formatting costs mostly per call, so each table is formatted once for the chunk
    (measured: 7.6 ms a call, three calls per article, a quarter of the per-article work
    otherwise); frames.csv's lines are then cut back into each article's own, which is safe
    when no cell holds a line break (else each article's are formatted alone). ``keep_rows``
    keeps the DataFrames for the export formats."""
    if not digests:
        return []

    def lines(name: str) -> bytes:
        frames = [getattr(d, name) for d in digests if len(getattr(d, name))]
        return csv_bytes(pd.concat(frames, ignore_index=True), header=False) if frames else b""

    frames_lines = lines("frame_rows")
    n_rows = [d.n_frame_rows for d in digests]
    cut = frames_lines.split(b"\n")[:-1]
    if len(cut) == sum(n_rows) and b"\r" not in frames_lines:
        starts = np.cumsum([0, *n_rows])
        per_article = [b"".join(line + b"\n" for line in cut[a:b]) for a, b in itertools.pairwise(starts)]
    else:
        per_article = [csv_bytes(d.frame_rows, header=False) for d in digests]
    first = {"sentences_csv": lines("sentence_rows"), "mentions_csv": lines("mention_rows")}
    formatted = []
    for k, (digest, frames_csv) in enumerate(zip(digests, per_article, strict=True)):
        rows = {} if keep_rows else {"sentence_rows": None, "mention_rows": None, "frame_rows": None}
        formatted.append(replace(digest, frames_csv=frames_csv, **rows, **(first if k == 0 else {})))
    return formatted


# -- the map: per-article work in this process, worker processes or on a Dask cluster ----------


def _lexicon_versions(lexicons: Mapping[str, Lexicon]) -> tuple[tuple[str, str, str], ...]:
    return tuple(sorted((lex.name, lex.version, lex.checksum) for lex in lexicons.values()))


@dataclass(frozen=True)
class _Recipe:
    """What a worker builds its :class:`ArticleTools` from: the settings (with the lexicon
    folders) and the lexicon versions this run loaded, which the worker's must match."""

    config: RunConfig
    lexicons: tuple[tuple[str, str, str], ...]
    keep_rows: bool = False


def _recipe(lexicons: Mapping[str, Lexicon], config: RunConfig, *, keep_rows: bool = False) -> _Recipe:
    # Absolute paths: a Dask worker does not share this process's working directory.
    settings = replace(
        config,
        workers=1,
        scheduler=None,
        lexicon_dirs=tuple(Path(p).absolute() for p in config.lexicon_dirs),
        cache_dir=None if config.cache_dir is None else Path(config.cache_dir).absolute(),
        model_path=None if config.model_path is None else Path(config.model_path).absolute(),
    )
    return _Recipe(settings, _lexicon_versions(lexicons), keep_rows)


def _worker_tools(recipe: _Recipe) -> ArticleTools:
    lexicons = load_lexicons(recipe.config.lexicon_dirs)
    found = {name: (version, checksum) for name, version, checksum in _lexicon_versions(lexicons)}
    expected = {name: (version, checksum) for name, version, checksum in recipe.lexicons}
    if found != expected:

        def show(entry: tuple[str, str] | None) -> str:
            return "none" if entry is None else f"version {entry[0]}, checksum {entry[1][:12]}"

        names = sorted(n for n in found.keys() | expected.keys() if found.get(n) != expected.get(n))
        details = "; ".join(f"{n}: run {show(expected.get(n))}, worker {show(found.get(n))}" for n in names)
        raise WorkerError(
            f"a worker on {socket.gethostname()} loaded other lexicons than this run ({details}); install "
            "the same stance version and --lexicons folders, at the same paths, on every worker."
        )
    return ArticleTools.build(
        lexicons, recipe.config, model=run_model(recipe.config), keep_rows=recipe.keep_rows
    )


# Each chunk's work ends by adding its new segmentations to the cache, so no process holds
# the segmentations of the whole corpus.


def _measure_chunk(tools: ArticleTools, documents: list[RawDocument]) -> list[ArticleResult]:
    results = [process_document(d, tools) for d in documents]
    tools.segmenter.save_cache()
    return results


def _digest_chunk(tools: ArticleTools, documents: list[RawDocument]) -> list[ArticleDigest]:
    digests = [digest_article(process_document(d, tools), tools) for d in documents]
    tools.segmenter.save_cache()
    return with_csv_lines(digests, keep_rows=tools.keep_rows)


def _build_chunk(tools: ArticleTools, documents: list[RawDocument]) -> list[Article]:
    articles = [build_article(d, tools.rules, tools.segmenter) for d in documents]
    tools.segmenter.save_cache()
    return articles


def shared_tokens(article: Article) -> Article:
    """``article`` with its tokens interned. A corpus repeats some tens of thousands of words
    millions of times: one string per word instead of one per occurrence holds the articles of
    a corpus in about a third of the memory (measured on the benchmark corpus: 45 bytes per
    character of text before, 15 after). Tokens arriving from a worker process are new strings,
    so the results are interned again here."""
    sentences = []
    for sentence in article.sentences:
        tokens = tuple(map(sys.intern, sentence.tokens))
        # Worked in this process, the tokens are interned already: keep the sentence as it is.
        same = all(a is b for a, b in zip(tokens, sentence.tokens, strict=True))
        sentences.append(sentence if same else replace(sentence, tokens=tokens))
    return replace(article, sentences=tuple(sentences))


def _with_shared_tokens(result: T) -> T:
    if isinstance(result, Article):
        return shared_tokens(result)
    if isinstance(result, ArticleResult):
        return replace(result, article=shared_tokens(result.article))
    # An ArticleDigest's stance sentences are interned by the sample that keeps them
    # (stance.compare.units.SentenceSample): most are never kept.
    return result


def _map_documents(
    documents: list[RawDocument],
    lexicons: Mapping[str, Lexicon],
    config: RunConfig,
    work: Callable[[ArticleTools, list[RawDocument]], list[T]],
    advance: Advance,
    *,
    model=None,
    keep_rows: bool = False,
) -> Iterator[T]:
    """``work`` over chunks of ``documents``, one result per document in input order.

    ``documents`` is emptied as it goes. Each chunk's work adds its segmentations to the cache.
    """
    # Its tokenizer is built only if used here.
    tools = ArticleTools.build(lexicons, config, model=model, keep_rows=keep_rows)
    recipe = _recipe(lexicons, config, keep_rows=keep_rows)
    slices = chunk_slices([len(d.text) for d in documents], CHUNK_CHARS)
    chunk_results = map_chunks(
        Job(_worker_tools, recipe, work),
        drain(documents, slices),
        n_chunks=len(slices),
        workers=config.workers,
        scheduler=config.scheduler,
        local_context=tools,
    )
    for results in chunk_results:
        yield from map(_with_shared_tokens, results)
        advance(len(results))


def iter_article_results(
    documents: list[RawDocument],
    lexicons: Mapping[str, Lexicon],
    config: RunConfig,
    *,
    advance: Advance | None = None,
) -> Iterator[ArticleResult]:
    """:func:`process_document` on every document, in input order, on ``config.workers``
    processes (or the Dask cluster at ``config.scheduler``). ``documents`` is emptied as it
    goes, so each document can be freed once it is analysed."""
    yield from _map_documents(documents, lexicons, config, _measure_chunk, advance or (lambda n: None))


def iter_article_digests(
    documents: list[RawDocument],
    lexicons: Mapping[str, Lexicon],
    config: RunConfig,
    *,
    advance: Advance | None = None,
    model=None,
    keep_rows: bool = False,
) -> Iterator[ArticleDigest]:
    """:func:`digest_article` of every document, in input order, on ``config.workers``
    processes (or the Dask cluster at ``config.scheduler``): what ``stance report`` pools.
    ``model``: the loaded model of ``config.model_path`` (workers load their own)."""
    yield from _map_documents(
        documents,
        lexicons,
        config,
        _digest_chunk,
        advance or (lambda n: None),
        model=model,
        keep_rows=keep_rows,
    )


def load_articles(
    corpus: Path | None, config: RunConfig, lexicons: dict[str, Lexicon] | None = None
) -> list[Article]:
    """Read, clean, split and segment every article of ``corpus`` (default: the bundled seeds)."""
    lexicons = lexicons if lexicons is not None else load_lexicons(config.lexicon_dirs)
    documents = read_corpus(corpus if corpus is not None else default_corpus())
    return list(_map_documents(documents, lexicons, config, _build_chunk, lambda n: None))


def article_row(article: Article, readability: Readability | None = None) -> dict:
    """The article's row of articles.csv: metadata, counts and readability (measured here when
    not given)."""
    return {
        column: getattr(article, column) for column in ARTICLE_COLUMNS if column not in READABILITY_COLUMNS
    } | readability_row(readability if readability is not None else article_readability(article))


def articles_table(rows: Iterable[dict]) -> pd.DataFrame:
    """articles.csv from the articles' rows (:func:`article_row`)."""
    return pd.DataFrame(list(rows), columns=list(ARTICLE_COLUMNS))


def sentences_table(articles: Sequence[Article]) -> pd.DataFrame:
    """sentences.csv without its ``frames`` column, which the frames stage adds."""
    columns = [c for c in SENTENCE_COLUMNS if c != "frames"]
    # Column by column: one list per column, not one dict per sentence.
    data = {
        c: [" ".join(s.tokens) if c == "tokens" else getattr(s, c) for a in articles for s in a.sentences]
        for c in columns
    }
    return pd.DataFrame(data, columns=columns)


def score_corpus(
    corpus: Path | None, config: RunConfig, lexicons: dict[str, Lexicon] | None = None
) -> tuple[list[Article], pd.DataFrame]:
    """The articles of ``corpus`` and their ``stance.csv`` table, computed as ``stance report``
    computes them but without the comparison stages (for commands that need the scores only)."""
    lexicons = lexicons if lexicons is not None else load_lexicons(config.lexicon_dirs)
    model = run_model(config)
    documents = read_corpus(corpus if corpus is not None else default_corpus())
    articles: list[Article] = []
    scores: list[TargetScore] = []
    for result in iter_article_results(documents, lexicons, config):
        articles.append(result.article)
        scores.extend(result.scores)
    scores = with_model(scores, articles, config, model)
    return articles, stance_table(scores, {a.article_id: a.source for a in articles}, config)
