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

import json
import math
import socket
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

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
from stance.compare.keyness import KEYNESS_COLUMNS, compare_keyness
from stance.compare.naming import NAMING_COLUMNS, NameFinder, NameUse, compare_naming, naming_rows
from stance.compare.sources import disagreement_rows, find_disagreements, source_profiles
from stance.config import RunConfig
from stance.corpus.build import build_article
from stance.corpus.furniture import FurnitureRules
from stance.corpus.read import check_out_outside_corpus, read_corpus
from stance.corpus.records import (
    ARTICLE_COLUMNS,
    READABILITY_COLUMNS,
    SENTENCE_COLUMNS,
    Article,
    RawDocument,
)
from stance.errors import ModelError, WorkerError
from stance.lexicon import TEXT_KINDS, Lexicon, load_lexicons
from stance.measure.aggregate import (
    POSITION_WEIGHTS,
    REPORTED_SPEECH_WEIGHT,
    article_stance_rows,
    mentions_table,
    stance_table,
)
from stance.measure.frames import (
    ArticleFrames,
    FrameHit,
    FrameIndex,
    article_frames,
    frames_column,
    score_frames,
)
from stance.measure.polarity import TargetScore, score_article
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
from stance.output.write import prepare_out_dir, write_files
from stance.parallel import Job, chunk_slices, drain, map_chunks
from stance.progress import Advance, NullProgress, Progress
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

    @classmethod
    def from_lexicons(cls, lexicons: Mapping[str, Lexicon], config: RunConfig) -> Measures:
        return cls(
            lexicons,
            FrameIndex.from_lexicons(lexicons),
            FigureTerms.from_lexicons(lexicons),
            NameFinder.from_lexicons(lexicons),
            config,
        )


@dataclass(frozen=True)
class ArticleTools:
    """What the per-article work needs, from a document's text to its scores; built once per
    process."""

    rules: FurnitureRules
    segmenter: Segmenter
    measures: Measures

    @classmethod
    def build(cls, lexicons: Mapping[str, Lexicon], config: RunConfig) -> ArticleTools:
        return cls(
            FurnitureRules.from_lexicon(lexicons["furniture"]),
            make_segmenter(lexicons, config),
            Measures.from_lexicons(lexicons, config),
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


# -- the map: per-article work in this process, worker processes or on a Dask cluster ----------


def _lexicon_versions(lexicons: Mapping[str, Lexicon]) -> tuple[tuple[str, str, str], ...]:
    return tuple(sorted((lex.name, lex.version, lex.checksum) for lex in lexicons.values()))


@dataclass(frozen=True)
class _Recipe:
    """What a worker builds its :class:`ArticleTools` from: the settings (with the lexicon
    folders) and the lexicon versions this run loaded, which the worker's must match."""

    config: RunConfig
    lexicons: tuple[tuple[str, str, str], ...]


def _recipe(lexicons: Mapping[str, Lexicon], config: RunConfig) -> _Recipe:
    # Absolute paths: a Dask worker does not share this process's working directory.
    settings = replace(
        config,
        workers=1,
        scheduler=None,
        lexicon_dirs=tuple(Path(p).absolute() for p in config.lexicon_dirs),
        cache_dir=None if config.cache_dir is None else Path(config.cache_dir).absolute(),
    )
    return _Recipe(settings, _lexicon_versions(lexicons))


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
    return ArticleTools.build(lexicons, recipe.config)


def _measure_chunk(tools: ArticleTools, documents: list[RawDocument]) -> list[ArticleResult]:
    return [process_document(d, tools) for d in documents]


def _build_chunk(tools: ArticleTools, documents: list[RawDocument]) -> list[Article]:
    return [build_article(d, tools.rules, tools.segmenter) for d in documents]


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
    return result


def _map_documents(
    documents: list[RawDocument],
    lexicons: Mapping[str, Lexicon],
    config: RunConfig,
    work: Callable[[ArticleTools, list[RawDocument]], list[T]],
    article_of: Callable[[T], Article],
    advance: Advance,
) -> Iterator[T]:
    """``work`` over chunks of ``documents``, one result per document in input order.

    ``documents`` is emptied as it goes. Workers only read the segmentation cache; this process
    adds their segmentations (every sentence's tokens) to it and saves it once, at the end.
    """
    tools = ArticleTools.build(lexicons, config)  # its tokenizer is built only if used here
    recipe = _recipe(lexicons, config)
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
        for result in map(_with_shared_tokens, results):
            tools.segmenter.remember((s.text_norm, s.tokens) for s in article_of(result).sentences)
            yield result
        advance(len(results))
    tools.segmenter.save_cache()


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
    yield from _map_documents(
        documents, lexicons, config, _measure_chunk, lambda r: r.article, advance or (lambda n: None)
    )


def load_articles(
    corpus: Path | None, config: RunConfig, lexicons: dict[str, Lexicon] | None = None
) -> list[Article]:
    """Read, clean, split and segment every article of ``corpus`` (default: the bundled seeds)."""
    lexicons = lexicons if lexicons is not None else load_lexicons(config.lexicon_dirs)
    documents = read_corpus(corpus if corpus is not None else default_corpus())
    return list(_map_documents(documents, lexicons, config, _build_chunk, lambda a: a, lambda n: None))


def articles_table(
    articles: Sequence[Article], readability: Mapping[str, Readability] | None = None
) -> pd.DataFrame:
    """articles.csv: metadata, counts and readability (``readability`` by article_id, measured
    here when not given)."""
    rows = [
        {column: getattr(a, column) for column in ARTICLE_COLUMNS if column not in READABILITY_COLUMNS}
        | readability_row(readability[a.article_id] if readability is not None else article_readability(a))
        for a in articles
    ]
    return pd.DataFrame(rows, columns=list(ARTICLE_COLUMNS))


def sentences_table(articles: Sequence[Article]) -> pd.DataFrame:
    """sentences.csv without its ``frames`` column, which the frames stage adds."""
    columns = [c for c in SENTENCE_COLUMNS if c != "frames"]
    # Column by column: one list per column, not one dict per sentence.
    data = {
        c: [" ".join(s.tokens) if c == "tokens" else getattr(s, c) for a in articles for s in a.sentences]
        for c in columns
    }
    return pd.DataFrame(data, columns=columns)


@dataclass(frozen=True)
class Measured:
    """The per-article results of a corpus, gathered for the comparison (the reduce step)."""

    articles: list[Article]
    frame_hits: dict[tuple[str, int], tuple[FrameHit, ...]]
    scores: list[TargetScore]
    # In the order of figures.extract_claims: source, article, sentence, position.
    claims: list[Claim]
    # Each article's own results (names, frames, stance rows, readability), by article_id.
    results: dict[str, ArticleResult]

    def of_articles(self, field: str) -> dict:
        """One field of every article's result, by article_id."""
        return {article_id: getattr(result, field) for article_id, result in self.results.items()}


def gather(results: Iterable[ArticleResult]) -> Measured:
    """Unpack a stream of per-article results into the corpus-wide lists the comparison reads."""
    articles: list[Article] = []
    hits: dict[tuple[str, int], tuple[FrameHit, ...]] = {}
    scores: list[TargetScore] = []
    claims: list[Claim] = []
    by_article: dict[str, ArticleResult] = {}
    for result in results:
        articles.append(result.article)
        by_article[result.article.article_id] = result
        for sentence, sentence_hits in zip(result.article.sentences, result.frame_hits, strict=True):
            hits[(sentence.article_id, sentence.sentence_index)] = sentence_hits
        scores.extend(result.scores)
        claims.extend(result.claims)
    claims.sort(key=lambda c: (c.source, c.article_id, c.sentence_index, c.start))
    return Measured(articles, hits, scores, claims, by_article)


@dataclass(frozen=True)
class Results:
    """Everything a run computes, before anything is written."""

    articles: list[Article]
    tables: dict[str, pd.DataFrame]
    comparison: dict
    sentence_frames: dict[tuple[str, int], tuple[str, ...]]
    scores: list[TargetScore]


# The steps of the comparison, for progress reporting.
COMPARE_STEPS = 8


def analyse(articles: Sequence[Article], lexicons: dict[str, Lexicon], config: RunConfig) -> Results:
    """Score and compare ``articles``: every table and the comparison, computed in memory."""
    measures = Measures.from_lexicons(lexicons, config)
    return compare_measured(gather(measure_article(a, measures) for a in articles), lexicons, config)


def compare_measured(
    measured: Measured,
    lexicons: Mapping[str, Lexicon],
    config: RunConfig,
    *,
    advance: Advance | None = None,
    model=None,
) -> Results:
    """The comparison stages over a corpus's per-article results: every table and the
    comparison, computed in memory. ``advance(1)`` is called after each of ``COMPARE_STEPS``."""
    advance = advance or (lambda n: None)
    articles = measured.articles
    frame_index = FrameIndex.from_lexicons(lexicons)
    frame_hits = measured.frame_hits
    sentence_frames = {key: tuple(hit.frame for hit in hits) for key, hits in frame_hits.items()}
    sentences = sentences_table(articles).assign(frames=frames_column(articles, frame_index, frame_hits))
    advance(1)
    scores = with_model(measured.scores, articles, config, model)
    mentions = mentions_table(scores)
    # A trained model changes the scores after the per-article work: its article rows are new.
    article_rows = measured.of_articles("stance_rows") if config.model_path is None else None
    stance = stance_table(scores, {a.article_id: a.source for a in articles}, config, article_rows)
    advance(1)
    frames = score_frames(articles, frame_index, config, measured=measured.of_articles("frames"))
    advance(1)
    figures = group_claims(measured.claims)
    advance(1)
    naming = compare_naming(articles, lexicons, measured.of_articles("names"))
    advance(1)
    keyness = compare_keyness(articles, lexicons)
    advance(1)
    stopwords = (
        frozenset(e.term for e in lexicons["stopwords"].entries) if "stopwords" in lexicons else frozenset()
    )
    disagreements = find_disagreements(articles, mentions, sentence_frames, stopwords, config)
    advance(1)
    comparison = {
        "sources": source_profiles(articles, mentions, stance, frames, sentence_frames, config),
        "disagreements": disagreements,
        "figures": figures,
        "naming": naming,
        "keyness": keyness,
    }
    tables = {
        "articles": articles_table(articles, measured.of_articles("readability")),
        "sentences": sentences,
        "frames": frames,
        "mentions": mentions,
        "stance": stance,
        "disagreements": disagreement_rows(disagreements),
        "figures": pd.DataFrame(figure_rows(figures), columns=list(FIGURE_COLUMNS)),
        "figure_claims": pd.DataFrame(claim_rows(measured.claims), columns=list(FIGURE_CLAIM_COLUMNS)),
        "naming": pd.DataFrame(naming_rows(naming), columns=list(NAMING_COLUMNS)),
        "keyness": pd.DataFrame(keyness, columns=list(KEYNESS_COLUMNS)),
    }
    advance(1)
    return Results(list(articles), tables, comparison, sentence_frames, scores)


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
    with progress.stage("articles", total=len(documents), unit="articles") as advance:
        measured = gather(iter_article_results(documents, lexicons, config, advance=advance))
    with progress.stage("compare", total=COMPARE_STEPS, unit="steps") as advance:
        results = compare_measured(measured, lexicons, config, advance=advance, model=model)
        del measured
    articles = results.articles
    with progress.stage("render", unit="files") as advance:
        files = export_files(results.tables, formats)
        files["comparison.json"] = json_bytes(_clean(results.comparison))
        engine = resolve_engine(config.engine)
        label = BUNDLED if corpus is None else corpus.name
        files.update(render_report_files(results, lexicons, config, corpus_label=label, engine=engine))
        files["manifest.json"] = manifest_bytes(
            build_manifest(corpus, resolved, articles, lexicons, config, [*files, "manifest.json"], engine)
        )
        advance(len(files))
    with progress.stage("write", total=len(files), unit="files") as advance:
        written = write_files(out, files)
        advance(len(written))
    progress.done(len(articles))
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


def render_report_files(
    results: Results, lexicons: dict[str, Lexicon], config: RunConfig, *, corpus_label: str, engine: str
) -> dict[str, bytes]:
    """report.html and report.md."""
    from stance.compare.keyness import prior_statement
    from stance.output.manifest import package_versions
    from stance.report import ReportData
    from stance.report.html import render_html
    from stance.report.markdown import render_markdown
    from stance.report.summary import article_views, summarise

    tables = results.tables
    settings = config.as_dict() | {"segmentation_engine": engine}
    data = ReportData(
        title=f"stance report: {corpus_label}",
        generated_from=[
            {
                "article_id": a.article_id,
                "source": a.source,
                "label": a.label,
                "published": a.published,
                "url": a.url,
                "script": a.script,
                "language": a.language,
                "n_sentences": len(a.sentences),
                "n_furniture": a.n_furniture,
            }
            | {c: row[c] for c in READABILITY_COLUMNS}
            for a, row in zip(results.articles, tables["articles"].to_dict("records"), strict=True)
        ],
        summary=summarise(tables["stance"], tables["frames"], results.comparison),
        stance=tables["stance"],
        frames=tables["frames"],
        comparison=_clean(results.comparison),
        articles=article_views(results.articles, results.scores),
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
                "Disagreements: sentences with a stance, represented by TF-IDF over their tokens joined with their "
                "frames and targets, clustered by average-linkage agglomerative clustering (cosine distance cut at "
                f"{1 - config.similarity_threshold:.2f}; exact up to 1,000 sentences, beyond that in seeded groups "
                "of at most 1,000, stance.compare.subtopics); a cluster is a disagreement when sources' mean scores on "
                "one target and dimension have opposite signs; spread = max - min of the source means.",
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
    "compare_measured",
    "gather",
    "iter_article_results",
    "load_articles",
    "measure_article",
    "process_document",
    "run_report",
    "score_corpus",
    "target_scores",
]
