"""The one place that knows the order of the stages:
ingest -> furniture -> normalise -> split -> segment -> score -> compare -> report.

Map, then reduce. Everything up to the scores is a pure function of one document and the
lexicons (:func:`process_document`), so it runs in worker processes or on a Dask cluster
(``RunConfig.workers``, ``RunConfig.scheduler``; see :mod:`stance.parallel`), which stream one
:class:`ArticleResult` per article back in input order: the output is byte-identical whatever
the number of workers. Only the comparison (:func:`analyse`) needs the whole corpus.

The CLI calls :func:`run_report`; tests and other commands call :func:`load_articles`.
"""

from __future__ import annotations

import itertools
import json
import math
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
    FIGURE_CLAIM_COLUMNS,
    FIGURE_COLUMNS,
    Claim,
    FigureTerms,
    claim_rows,
    figure_rows,
    group_claims,
    sentence_claims,
)
from stance.compare.keyness import KEYNESS_COLUMNS, article_token_counts, keyness_from_counts, stopwords_from
from stance.compare.naming import (
    NAMING_COLUMNS,
    NameFinder,
    NameUse,
    naming_from_counts,
    naming_rows,
    pool_names,
)
from stance.compare.sources import disagreement_rows, find_disagreements, source_profiles
from stance.compare.units import (
    MAX_STANCE_SENTENCES,
    SentenceSample,
    SourcePool,
    StanceSentence,
    StanceUnits,
    stance_sentences,
    stance_units,
)
from stance.config import RunConfig
from stance.corpus.build import build_article
from stance.corpus.furniture import FurnitureRules
from stance.corpus.read import check_out_outside_corpus, read_corpus
from stance.corpus.records import (
    ARTICLE_COLUMNS,
    READABILITY_COLUMNS,
    SENTENCE_COLUMNS,
    Article,
    ArticleInfo,
    RawDocument,
)
from stance.errors import ModelError, WorkerError
from stance.lexicon import TEXT_KINDS, Lexicon, load_lexicons
from stance.measure.aggregate import (
    POSITION_WEIGHTS,
    REPORTED_SPEECH_WEIGHT,
    STANCE_COLUMNS,
    article_stance_rows,
    mentions_table,
    source_stance_rows,
    stance_table,
)
from stance.measure.frames import (
    FRAME_COLUMNS,
    ArticleFrames,
    FrameHit,
    FrameIndex,
    article_frames,
    format_hits,
    frame_table,
    source_frame_rows,
)
from stance.measure.polarity import MENTION_COLUMNS, TargetScore, score_article
from stance.measure.readability import (
    READABILITY_METHOD,
    Readability,
    article_readability,
    readability_row,
)
from stance.model.evaluate import label_value
from stance.model.learn import load_model
from stance.output.export import export_files
from stance.output.manifest import BUNDLED, build_manifest, manifest_bytes
from stance.output.spool import Spool, SpooledTable, ViewStore
from stance.output.write import csv_bytes, prepare_out_dir, write_files
from stance.parallel import Job, chunk_slices, drain, map_chunks
from stance.progress import Advance, NullProgress, Progress
from stance.report.summary import article_views
from stance.resources import bundled_dir
from stance.text.segment import Segmenter, default_cache_dir, resolve_engine

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
    if isinstance(result, ArticleDigest):
        kept = tuple(replace(s, words=tuple(map(sys.intern, s.words))) for s in result.stance_sentences)
        return replace(result, stance_sentences=kept)
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


# The tables written while the articles are measured (every sentence of the corpus).
SPOOLED_TABLES = {"sentences": SENTENCE_COLUMNS, "mentions": MENTION_COLUMNS, "frames": FRAME_COLUMNS}


class Pool:
    """The reduce step: each article's :class:`ArticleDigest` is taken in, in corpus order, and
    only what the comparison needs is kept (per-article rows of the small tables, per-source
    pooled summaries, the stance sentences, names and claims); the sentence-level rows go to
    ``spool`` on disk."""

    def __init__(self, spool: Spool, config: RunConfig) -> None:
        self.spool = spool
        self.infos: list[ArticleInfo] = []
        self.article_rows: list[dict] = []
        self.stance_rows: dict[str, tuple[tuple, ...]] = {}
        self.sources: dict[str, SourcePool] = {}
        # Per source, the names its articles use: (variant, form as written) -> count.
        self.names: dict[str, dict[tuple[str, str], int]] = {}
        self.claims: list[Claim] = []
        # The stance sentences sub-topics are found in: all of them, or a seeded sample beyond
        # MAX_STANCE_SENTENCES (stance.compare.units.SentenceSample).
        self.stance_sentences = SentenceSample(MAX_STANCE_SENTENCES, config.seed)
        # (article_id, source, characters) of every article, for the report's choice of texts.
        self.view_sizes: list[tuple[str, str, int]] = []

    def add(self, digest: ArticleDigest) -> None:
        info = digest.info
        self.infos.append(info)
        self.article_rows.append(digest.row)
        # Rows as tuples of their values (columns STANCE_COLUMNS, FRAME_COLUMNS): a third of a dict.
        self.stance_rows[info.article_id] = tuple(tuple(row.values()) for row in digest.stance_rows)
        pool = self.sources.setdefault(info.source, SourcePool())
        pool.add(digest.stance, digest.frame_table, digest.tokens)
        pool_names(self.names.setdefault(info.source, {}), digest.names)
        self.claims.extend(digest.claims)
        self.stance_sentences.update(digest.stance_sentences)
        tables = self.spool.tables
        tables["sentences"].append(digest.sentences_csv, digest.n_sentences, digest.sentence_rows)
        tables["mentions"].append(digest.mentions_csv, digest.n_mentions, digest.mention_rows)
        # frames.csv is sorted by source, then article (each source's pooled rows last).
        tables["frames"].append(
            digest.frames_csv,
            digest.n_frame_rows,
            digest.frame_rows,
            key=(info.source, False, info.article_id),
        )
        self.spool.views.add(info.article_id, digest.view)
        self.view_sizes.append((info.article_id, info.source, digest.view_chars))


@dataclass(frozen=True)
class Results:
    """Everything a run computes, before anything is written. ``tables`` holds DataFrames, and
    the sentence-level tables as :class:`SpooledTable` files when they were spooled."""

    articles: list[ArticleInfo]
    tables: dict[str, pd.DataFrame | SpooledTable]
    comparison: dict
    # The articles' rows of articles.csv, in corpus order.
    article_rows: list[dict]
    # (article_id, source, characters) of every article, and the store of their report views.
    view_sizes: list[tuple[str, str, int]]
    views: ViewStore | None
    # The per-source rows of frames.csv (article_id "*"): what the report draws.
    source_frames: pd.DataFrame
    # (stance sentences in the corpus, those sub-topics were found in): see SentenceSample.
    stance_sentences: tuple[int, int] = (0, 0)


# The steps of the comparison, for progress reporting.
COMPARE_STEPS = 8


def analyse(articles: Sequence[Article], lexicons: dict[str, Lexicon], config: RunConfig) -> Results:
    """Score and compare ``articles`` in this process: every table as a DataFrame, and the
    comparison (for the library and tests; ``stance report`` streams instead)."""
    tools = ArticleTools.build(lexicons, config, model=run_model(config), keep_rows=True)
    with Spool(SPOOLED_TABLES, keep_frames=True) as spool:
        pool = Pool(spool, config)
        digests = [digest_article(measure_article(article, tools.measures), tools) for article in articles]
        for digest in with_csv_lines(digests, keep_rows=True):
            pool.add(digest)
        results = compare_pool(pool, lexicons, config)
        tables = {
            name: table.frame() if isinstance(table, SpooledTable) else table
            for name, table in results.tables.items()
        }
    return replace(results, tables=tables, views=None)


def compare_pool(
    pool: Pool, lexicons: Mapping[str, Lexicon], config: RunConfig, *, advance: Advance | None = None
) -> Results:
    """The comparison stages over a corpus's pooled per-article results: every table and the
    comparison. ``advance(1)`` is called after each of ``COMPARE_STEPS``."""
    advance = advance or (lambda n: None)
    frame_index = FrameIndex.from_lexicons(lexicons)
    advance(1)
    stance_pools = {
        (source, target, dimension): pairs
        for source, source_pool in pool.sources.items()
        for (target, dimension), pairs in source_pool.stance_pairs.items()
    }
    stance = pd.DataFrame(
        [
            *(
                dict(zip(STANCE_COLUMNS, row, strict=True))
                for a in sorted(pool.stance_rows)
                for row in pool.stance_rows[a]
            ),
            *source_stance_rows(stance_pools, config),
        ],
        columns=list(STANCE_COLUMNS),
    )
    advance(1)
    frame_pools = {source: source_pool.frame_tables for source, source_pool in pool.sources.items()}
    # The per-source rows; the article rows are in the spooled frames.csv already.
    source_frames = frame_table(
        [], source_frame_rows(frame_pools, frame_index.frames, config), frame_index.frames
    )
    for source, rows in source_frames.groupby("source", sort=True):
        pool.spool.tables["frames"].append(
            csv_bytes(rows, header=False), len(rows), rows.reset_index(drop=True), key=(source, True, "")
        )
    spooled = pool.spool.finish()
    advance(1)
    claims = sorted(pool.claims, key=lambda c: (c.source, c.article_id, c.sentence_index, c.start))
    figures = group_claims(claims)
    advance(1)
    naming = naming_from_counts(pool.names, lexicons)
    advance(1)
    keyness = keyness_from_counts({source: p.tokens for source, p in pool.sources.items()})
    advance(1)
    disagreements = find_disagreements(
        pool.stance_sentences.sentences(), config, pool.spool.views.sentence_text
    )
    advance(1)
    comparison = {
        "sources": source_profiles(pool.sources, stance, source_frames, frame_index.frames, config),
        "disagreements": disagreements,
        "figures": figures,
        "naming": naming,
        "keyness": keyness,
    }
    tables = {
        "articles": articles_table(pool.article_rows),
        "sentences": spooled["sentences"],
        "frames": spooled["frames"],
        "mentions": spooled["mentions"],
        "stance": stance,
        "disagreements": disagreement_rows(disagreements),
        "figures": pd.DataFrame(figure_rows(figures), columns=list(FIGURE_COLUMNS)),
        "figure_claims": pd.DataFrame(claim_rows(claims), columns=list(FIGURE_CLAIM_COLUMNS)),
        "naming": pd.DataFrame(naming_rows(naming), columns=list(NAMING_COLUMNS)),
        "keyness": pd.DataFrame(keyness, columns=list(KEYNESS_COLUMNS)),
    }
    advance(1)
    return Results(
        list(pool.infos),
        tables,
        comparison,
        pool.article_rows,
        pool.view_sizes,
        pool.spool.views,
        source_frames,
        (pool.stance_sentences.seen, min(pool.stance_sentences.seen, pool.stance_sentences.size)),
    )


def run_model(config: RunConfig):  # -> StanceModel | None
    """The trained model at ``config.model_path`` (None without one): loaded, and refused with
    a one-line error, before any article is read."""
    return load_model(config.model_path) if config.model_path is not None else None


def with_model(
    scores: list[TargetScore], articles: Sequence[Article], config: RunConfig, model=None
) -> list[TargetScore]:
    """``scores`` with a trained model's labels in place of the lexicon score when
    ``config.model_path`` is set (``model``: that model, when it is loaded already)."""
    if config.model_path is None:
        return scores
    model = model if model is not None else load_model(config.model_path)
    return apply_model(scores, articles, model, config.model_dimension, config.model_path)


def target_scores(
    articles: Sequence[Article], lexicons: dict[str, Lexicon], config: RunConfig
) -> list[TargetScore]:
    """Every sentence's evaluation and potency toward each target it mentions, with a trained
    model's labels in place of the lexicon score when ``config.model_path`` is set."""
    scores = [row for article in articles for row in score_article(article, lexicons)]
    return with_model(scores, articles, config)


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


def apply_model(
    scores: Sequence[TargetScore], articles: Sequence[Article], model, dimension: str, path: Path
) -> list[TargetScore]:
    """Replace the lexicon score on ``dimension`` by the trained model's label for every mention
    of a target the model knows; other targets keep their lexicon scores."""
    text_of = {(a.article_id, s.sentence_index): s.text for a in articles for s in a.sentences}
    chosen = [i for i, row in enumerate(scores) if model.knows(row.target)]
    labels = model.predict(
        [text_of[(scores[i].article_id, scores[i].sentence_index)] for i in chosen],
        [scores[i].target for i in chosen],
    )
    updated = list(scores)
    for i, label in zip(chosen, labels, strict=True):
        value = label_value(label)
        if value is None:
            raise ModelError(
                f"{path}: the model predicts label '{label}', which is not -1/0/1 or FAVOR/AGAINST/NONE; "
                "train it on a three-way label to use it in reports."
            )
        updated[i] = replace(
            updated[i], **{dimension: float(value)}, cues=(*updated[i].cues, f"model:{label}")
        )
    return updated


def json_bytes(data) -> bytes:
    return (
        json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False, allow_nan=False, default=str) + "\n"
    ).encode("utf-8")


def run_report(
    corpus: Path | None,
    out: Path,
    config: RunConfig,
    *,
    formats: Sequence[str] = (),
    progress: Progress | None = None,
    title: str | None = None,
) -> list[Path]:
    """Run the whole pipeline on ``corpus`` and write the report files into ``out``.

    Everything is computed before the first file is written, and each file is replaced
    atomically, so a failed or interrupted run leaves earlier reports intact. The per-article
    work runs on ``config.workers`` processes or the Dask cluster at ``config.scheduler``; the
    files are the same bytes either way. ``progress`` hears of each stage (default: nothing).
    """
    check_out_outside_corpus(corpus if corpus is not None else default_corpus(), out)
    progress = progress if progress is not None else NullProgress()
    if out.exists() and not out.is_dir():
        prepare_out_dir(out)  # raises the one-line error for a file in the way
    # Loading the lexicons is not reported as a stage: a run that stops at bad input then prints
    # the one-line error alone.
    lexicons = load_lexicons(config.lexicon_dirs)
    model = run_model(config)
    resolved = corpus if corpus is not None else default_corpus()
    with progress.stage("read", unit="articles") as advance:
        documents = read_corpus(resolved)
        advance(len(documents))
    keep_rows = bool(formats)
    with Spool(SPOOLED_TABLES, keep_frames=keep_rows) as spool:
        pool = Pool(spool, config)
        with progress.stage("articles", total=len(documents), unit="articles") as advance:
            for digest in iter_article_digests(
                documents, lexicons, config, advance=advance, model=model, keep_rows=keep_rows
            ):
                pool.add(digest)
        with progress.stage("compare", total=COMPARE_STEPS, unit="steps") as advance:
            results = compare_pool(pool, lexicons, config, advance=advance)
            del pool
        with progress.stage("render", unit="files") as advance:
            files = export_files(results.tables, formats)
            files["comparison.json"] = json_bytes(_clean(results.comparison))
            engine = resolve_engine(config.engine)
            label = BUNDLED if corpus is None else corpus.name
            files.update(
                render_report_files(results, lexicons, config, corpus_label=label, engine=engine, title=title)
            )
            files["manifest.json"] = manifest_bytes(
                build_manifest(
                    corpus, resolved, results.articles, lexicons, config, [*files, "manifest.json"], engine
                )
            )
            advance(len(files))
        with progress.stage("write", total=len(files), unit="files") as advance:
            written = write_files(out, files)
            advance(len(written))
    progress.done(len(results.articles))
    return written


def _clean(value):
    """JSON-safe copy: NaN becomes null, tuples lists, numpy scalars plain numbers."""
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def sample_statement(counts: tuple[int, int]) -> str:
    """The methods' sentence on the stance sentences sub-topics were found in."""
    seen, used = counts
    if seen <= used:
        return f"Sub-topics were found among all {seen:,} stance sentences."
    return (
        f"Sub-topics were found in a seeded uniform sample of {used:,} of the {seen:,} stance sentences "
        "(a bottom-k sample by a hash of each sentence's article and position; scores and tables use them all)."
    )


def report_articles(results: Results) -> list[dict]:
    """Every article as the report lists it (id, source, characters), with its sentences (its
    view, read back from the spool) when the report shows its text
    (:func:`stance.report.shown_in_full`: the report's cap on article text)."""
    from stance.report import shown_in_full

    listed = [{"article_id": a, "source": s, "size": n} for a, s, n in results.view_sizes]
    cited = {p["article_id"] for d in results.comparison["disagreements"] for p in d["positions"]}
    shown = shown_in_full(listed, cited) if results.views is not None else set()
    views = results.views.load(sorted(shown)) if results.views is not None else {}
    return [
        a | {"sentences": views[a["article_id"]]["sentences"]} if a["article_id"] in shown else a
        for a in listed
    ]


def render_report_files(
    results: Results,
    lexicons: dict[str, Lexicon],
    config: RunConfig,
    *,
    corpus_label: str,
    engine: str,
    title: str | None = None,
) -> dict[str, bytes]:
    """report.html and report.md, titled ``title`` (default: from ``corpus_label``, the corpus's
    folder or file name)."""
    from stance.compare.keyness import prior_statement
    from stance.output.manifest import package_versions
    from stance.report import ReportData
    from stance.report.html import render_html
    from stance.report.labels import default_title
    from stance.report.markdown import render_markdown
    from stance.report.summary import summarise

    tables = results.tables
    settings = config.as_dict() | {"segmentation_engine": engine}
    generated_from = [
        {
            key: row[key]
            for key in (
                "article_id",
                "source",
                "label",
                "published",
                "url",
                "script",
                "language",
                "n_sentences",
                "n_furniture",
                *READABILITY_COLUMNS,
            )
        }
        for row in results.article_rows
    ]
    summary = summarise(tables["stance"], results.source_frames, results.comparison)
    data = ReportData(
        title=title or default_title(corpus_label),
        generated_from=generated_from,
        summary=summary.lines,
        summary_details=summary.details,
        stance=tables["stance"],
        frames=results.source_frames,
        comparison=_clean(results.comparison),
        articles=report_articles(results),
        methods={
            "statistics": [
                "Stance: each sentence's evaluation and potency toward each target it mentions, in [-1, 1], from "
                "weighted cue words linked to the nearest target in the clause, with negation, hedges, attempts, "
                "contrast (the later clause weighs more), comparisons, scare quotes, rhetorical questions and "
                "passive agents, plus shares of a whole and partisan naming. Article and source score = "
                "sum(w*x) / (sum of w over sentences with x != 0 + k): sentence scores x weighted w by position "
                f"({', '.join(f'{p} {w:g}' for p, w in POSITION_WEIGHTS.items())}) and voice (author 1, reported "
                f"speech {REPORTED_SPEECH_WEIGHT:g}), shrunk toward 0 by a prior of k = {config.prior_sentences:g} "
                "neutral sentences; 95% percentile bootstrap intervals of the same formula (resampling "
                f"sentences, {config.n_boot} resamples); fewer than {config.min_sentences} sentences is flagged small_n.",
                "Frames: counts of lexicon terms per sentence (token-aligned), per 1,000 word tokens and as a share "
                "of all frame hits, with 95% bootstrap intervals over sentences.",
                "Source versus the rest: differences of means with 95% bootstrap intervals, resampling each group. "
                "Every bootstrap draws its resamples as multinomial counts over the distinct values.",
                "Disagreements (claims): per target, the sentences that score it, in the author's voice, are "
                "grouped into nested sub-topics: first by their wording (TF-IDF over their words, with frames, the "
                "other targets they mention and their figures; average linkage, cosine similarity cut at "
                f"{config.similarity_threshold:g}), then step by step by what the groups are about (cuts from "
                f"{config.similarity_threshold**0.5:.2f} down to {config.similarity_threshold / 2:g}; exact up to "
                "1,000 items, beyond that in seeded groups, stance.compare.subtopics). In a sub-topic, a source with at "
                "least 3 sentences takes a side when the 95% bootstrap interval of its mean score lies wholly above "
                "or below zero; a claim needs a source on each side, so a source is never on both. Each claim is "
                "kept at its most specific sub-topic; claims are ranked by spread (most positive minus most negative "
                "side mean) x evidence (1 / sqrt(1/n+ + 1/n-)), stance.compare.claims. "
                + sample_statement(results.stance_sentences),
                "Figures: numeric claims grouped by subject, quantity and unit; agree within 2.5 percentage points "
                "(5% relative for amounts), otherwise conflict.",
                READABILITY_METHOD,
                prior_statement(),
            ],
            "lexicons": [lex.summary() for lex in lexicons.values()],
            "settings": settings,
            "seed": config.seed,
            "versions": package_versions(),
        },
    )
    return {
        "report.html": render_html(data).encode("utf-8"),
        "report.md": render_markdown(data).encode("utf-8"),
    }


__all__ = [
    "ArticleResult",
    "analyse",
    "build_article",
    "compare_pool",
    "digest_article",
    "iter_article_digests",
    "iter_article_results",
    "load_articles",
    "measure_article",
    "process_document",
    "run_report",
    "score_corpus",
    "target_scores",
]
