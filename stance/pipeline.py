"""The one place that knows the order of the stages:
ingest -> furniture -> normalise -> split -> segment -> score -> compare -> report.

The CLI calls :func:`run_report`; tests and other commands call :func:`load_articles`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from .aggregate import POSITION_WEIGHTS, REPORTED_SPEECH_WEIGHT, mentions_table, stance_table
from .compare import disagreement_rows, find_disagreements, source_profiles
from .config import RunConfig
from .errors import ModelError
from .evaluate import label_value
from .export import export_files
from .figures import (
    FIGURE_CLAIM_COLUMNS,
    FIGURE_COLUMNS,
    claim_rows,
    compare_figures,
    extract_claims,
    figure_rows,
)
from .frames import FrameIndex, frames_column, match_articles, score_frames
from .furniture import FurnitureRules, mark_furniture
from .ingest import iter_lines, read_corpus
from .keyness import KEYNESS_COLUMNS, compare_keyness
from .learn import load_model
from .lexicon import TEXT_KINDS, Lexicon, load_lexicons
from .naming import NAMING_COLUMNS, compare_naming, naming_rows
from .normalise import detect_language, detect_script, normalise_text
from .output import prepare_out_dir, write_files
from .polarity import TargetScore, score_article
from .records import (
    ARTICLE_COLUMNS,
    KIND_FURNITURE,
    KIND_HEADING,
    SENTENCE_COLUMNS,
    Article,
    RawDocument,
    Sentence,
)
from .resources import bundled_dir
from .runinfo import BUNDLED, build_manifest, manifest_bytes
from .segment import Segmenter, default_cache_dir, resolve_engine
from .sentences import split_sentences


def default_corpus() -> Path:
    return bundled_dir("seeds")


def lexicon_terms(lexicons: dict[str, Lexicon]) -> list[str]:
    """Every term of every text-kind lexicon: what the private tokenizer must keep whole."""
    return sorted({e.term for lex in lexicons.values() if lex.kind in TEXT_KINDS for e in lex.entries})


def make_segmenter(lexicons: dict[str, Lexicon], config: RunConfig) -> Segmenter:
    cache = config.cache_dir if config.cache_dir is not None else default_cache_dir()
    return Segmenter(lexicon_terms(lexicons), engine=config.engine, cache_dir=cache)


def build_article(document: RawDocument, rules: FurnitureRules, segmenter: Segmenter) -> Article:
    """Split one document into typed sentences: furniture and headings stay whole lines, body
    and duplicate paragraphs are split into sentences; every sentence is normalised and
    segmented."""
    sentences: list[Sentence] = []
    for block in mark_furniture(list(iter_lines(document)), rules):
        pieces = [block.text] if block.kind in (KIND_FURNITURE, KIND_HEADING) else split_sentences(block.text)
        for piece in pieces:
            norm = normalise_text(piece)
            tokens = segmenter.cut(norm)
            sentences.append(
                Sentence(document.article_id, len(sentences), block.kind, piece, norm, tokens, block.reason)
            )
    content = " ".join(s.text for s in sentences if s.is_content)
    return Article(
        article_id=document.article_id,
        source=document.source,
        outlet_kind=document.outlet_kind,
        language=document.language or detect_language(content),
        script=document.script or detect_script(content),
        published=document.published,
        url=document.url,
        label=document.label,
        path=document.path,
        encoding=document.encoding,
        sentences=tuple(sentences),
    )


def load_articles(
    corpus: Path | None, config: RunConfig, lexicons: dict[str, Lexicon] | None = None
) -> list[Article]:
    """Read, clean, split and segment every article of ``corpus`` (default: the bundled seeds)."""
    lexicons = lexicons if lexicons is not None else load_lexicons(config.lexicon_dirs)
    documents = read_corpus(corpus if corpus is not None else default_corpus())
    rules = FurnitureRules.from_lexicon(lexicons["furniture"])
    segmenter = make_segmenter(lexicons, config)
    articles = [build_article(doc, rules, segmenter) for doc in documents]
    segmenter.save_cache()
    return articles


def articles_table(articles: Sequence[Article]) -> pd.DataFrame:
    rows = [{column: getattr(a, column) for column in ARTICLE_COLUMNS} for a in articles]
    return pd.DataFrame(rows, columns=list(ARTICLE_COLUMNS))


def sentences_table(articles: Sequence[Article]) -> pd.DataFrame:
    """sentences.csv without its ``frames`` column, which the frames stage adds."""
    columns = [c for c in SENTENCE_COLUMNS if c != "frames"]
    rows = [
        {c: " ".join(s.tokens) if c == "tokens" else getattr(s, c) for c in columns}
        for a in articles
        for s in a.sentences
    ]
    return pd.DataFrame(rows, columns=columns)


@dataclass(frozen=True)
class Results:
    """Everything a run computes, before anything is written."""

    articles: list[Article]
    tables: dict[str, pd.DataFrame]
    comparison: dict
    sentence_frames: dict[tuple[str, int], tuple[str, ...]]
    scores: list[TargetScore]


def analyse(articles: Sequence[Article], lexicons: dict[str, Lexicon], config: RunConfig) -> Results:
    """Score and compare ``articles``: every table and the comparison, computed in memory."""
    frame_index = FrameIndex.from_lexicons(lexicons)
    frame_hits = match_articles(articles, frame_index)
    sentence_frames = {key: tuple(hit.frame for hit in hits) for key, hits in frame_hits.items()}
    sentences = sentences_table(articles).assign(frames=frames_column(articles, frame_index, frame_hits))
    scores = target_scores(articles, lexicons, config)
    mentions = mentions_table(scores)
    stance = stance_table(scores, {a.article_id: a.source for a in articles}, config)
    frames = score_frames(articles, frame_index, config, frame_hits)
    figures = compare_figures(articles, lexicons)
    naming = compare_naming(articles, lexicons)
    keyness = compare_keyness(articles, lexicons)
    stopwords = (
        frozenset(e.term for e in lexicons["stopwords"].entries) if "stopwords" in lexicons else frozenset()
    )
    disagreements = find_disagreements(articles, mentions, sentence_frames, stopwords, config)
    comparison = {
        "sources": source_profiles(articles, mentions, stance, frames, sentence_frames, config),
        "disagreements": disagreements,
        "figures": figures,
        "naming": naming,
        "keyness": keyness,
    }
    tables = {
        "articles": articles_table(articles),
        "sentences": sentences,
        "frames": frames,
        "mentions": mentions,
        "stance": stance,
        "disagreements": disagreement_rows(disagreements),
        "figures": pd.DataFrame(figure_rows(figures), columns=list(FIGURE_COLUMNS)),
        "figure_claims": pd.DataFrame(
            claim_rows(extract_claims(articles, lexicons)), columns=list(FIGURE_CLAIM_COLUMNS)
        ),
        "naming": pd.DataFrame(naming_rows(naming), columns=list(NAMING_COLUMNS)),
        "keyness": pd.DataFrame(keyness, columns=list(KEYNESS_COLUMNS)),
    }
    return Results(list(articles), tables, comparison, sentence_frames, scores)


def target_scores(
    articles: Sequence[Article], lexicons: dict[str, Lexicon], config: RunConfig
) -> list[TargetScore]:
    """Every sentence's evaluation and potency toward each target it mentions, with a trained
    model's labels in place of the lexicon score when ``config.model_path`` is set."""
    scores = [row for article in articles for row in score_article(article, lexicons)]
    if config.model_path is not None:
        scores = apply_model(
            scores, articles, load_model(config.model_path), config.model_dimension, config.model_path
        )
    return scores


def score_corpus(
    corpus: Path | None, config: RunConfig, lexicons: dict[str, Lexicon] | None = None
) -> tuple[list[Article], pd.DataFrame]:
    """The articles of ``corpus`` and their ``stance.csv`` table, computed as ``stance report``
    computes them but without the comparison stages (for commands that need the scores only)."""
    lexicons = lexicons if lexicons is not None else load_lexicons(config.lexicon_dirs)
    articles = load_articles(corpus, config, lexicons)
    scores = target_scores(articles, lexicons, config)
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
    corpus: Path | None, out: Path, config: RunConfig, *, formats: Sequence[str] = ()
) -> list[Path]:
    """Run the whole pipeline on ``corpus`` and write the report files into ``out``.

    Everything is computed before the first file is written, and each file is replaced
    atomically, so a failed or interrupted run leaves earlier reports intact.
    """
    if out.exists() and not out.is_dir():
        prepare_out_dir(out)  # raises the one-line error for a file in the way
    lexicons = load_lexicons(config.lexicon_dirs)
    resolved = corpus if corpus is not None else default_corpus()
    articles = load_articles(resolved, config, lexicons)
    results = analyse(articles, lexicons, config)
    files = export_files(results.tables, formats)
    files["comparison.json"] = json_bytes(_clean(results.comparison))
    engine = resolve_engine(config.engine)
    label = BUNDLED if corpus is None else corpus.name
    files.update(render_report_files(results, lexicons, config, corpus_label=label, engine=engine))
    files["manifest.json"] = manifest_bytes(
        build_manifest(corpus, resolved, articles, lexicons, config, [*files, "manifest.json"], engine)
    )
    return write_files(out, files)


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
    from .keyness import prior_statement
    from .report import ReportData
    from .report.html import render_html
    from .report.markdown import render_markdown
    from .runinfo import package_versions
    from .summary import article_views, summarise

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
                "n_sentences": len(a.sentences),
                "n_furniture": a.n_furniture,
            }
            for a in results.articles
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
                "Source versus the rest: differences of means with 95% bootstrap intervals, resampling each group.",
                "Disagreements: sentences with a stance, represented by TF-IDF over their tokens joined with their "
                "frames and targets, clustered by average-linkage agglomerative clustering (cosine distance cut at "
                f"{1 - config.similarity_threshold:.2f}); a cluster is a disagreement when sources' mean scores on "
                "one target and dimension have opposite signs; spread = max - min of the source means.",
                "Figures: numeric claims grouped by subject, quantity and unit; agree within 2.5 percentage points "
                "(5% relative for amounts), otherwise conflict.",
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


__all__ = ["analyse", "build_article", "load_articles", "run_report", "score_corpus", "target_scores"]
