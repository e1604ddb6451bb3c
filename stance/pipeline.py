"""The one place that knows the order of the stages:
ingest -> furniture -> normalise -> split -> segment -> score -> compare -> report.

The CLI calls :func:`run_report`; tests and other commands call :func:`load_articles`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pandas as pd

from .config import RunConfig
from .aggregate import mentions_table, stance_table
from .errors import ModelError
from .evaluate import label_value
from .learn import load_model
from .polarity import TargetScore, score_article
from .frames import FrameIndex, frames_column, score_frames
from .furniture import FurnitureRules, mark_furniture
from .ingest import iter_lines, read_corpus
from .lexicon import TEXT_KINDS, Lexicon, load_lexicons
from .normalise import detect_language, detect_script, normalise_text
from .output import csv_bytes, prepare_out_dir, write_bytes_atomic
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
from .segment import Segmenter, default_cache_dir
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
            tokens = segmenter.cut(norm) if block.kind != KIND_FURNITURE else segmenter.cut(norm)
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
    rows = [
        {
            "article_id": a.article_id,
            "source": a.source,
            "outlet_kind": a.outlet_kind,
            "language": a.language,
            "script": a.script,
            "published": a.published,
            "url": a.url,
            "label": a.label,
            "n_chars": a.n_chars,
            "n_sentences": len(a.sentences),
            "n_furniture": a.n_furniture,
        }
        for a in articles
    ]
    return pd.DataFrame(rows, columns=list(ARTICLE_COLUMNS))


def sentences_table(articles: Sequence[Article]) -> pd.DataFrame:
    rows = [
        {
            "article_id": s.article_id,
            "sentence_index": s.sentence_index,
            "kind": s.kind,
            "text": s.text,
            "text_norm": s.text_norm,
            "tokens": " ".join(s.tokens),
        }
        for a in articles
        for s in a.sentences
    ]
    return pd.DataFrame(rows, columns=list(SENTENCE_COLUMNS))


def build_tables(articles: Sequence[Article], lexicons: dict[str, Lexicon], config: RunConfig) -> dict[str, pd.DataFrame]:
    """Every table of the report, computed in memory before anything is written."""
    frame_index = FrameIndex.from_lexicons(lexicons)
    sentences = sentences_table(articles).assign(frames=frames_column(articles, frame_index))
    scores = [row for article in articles for row in score_article(article, lexicons)]
    if config.model_path is not None:
        scores = apply_model(scores, articles, load_model(config.model_path), config.model_dimension, config.model_path)
    sources = {a.article_id: a.source for a in articles}
    return {
        "articles": articles_table(articles),
        "sentences": sentences,
        "frames": score_frames(articles, frame_index, config),
        "mentions": mentions_table(scores),
        "stance": stance_table(scores, sources, config),
    }


def apply_model(
    scores: Sequence[TargetScore], articles: Sequence[Article], model, dimension: str, path: Path
) -> list[TargetScore]:
    """Replace the lexicon score on ``dimension`` by the trained model's label for every mention
    of a target the model knows; other targets keep their lexicon scores."""
    text_of = {(a.article_id, s.sentence_index): s.text for a in articles for s in a.sentences}
    chosen = [i for i, row in enumerate(scores) if model.knows(row.target)]
    labels = model.predict([text_of[(scores[i].article_id, scores[i].sentence_index)] for i in chosen], [scores[i].target for i in chosen])
    updated = list(scores)
    for i, label in zip(chosen, labels, strict=True):
        value = label_value(label)
        if value is None:
            raise ModelError(
                f"{path}: the model predicts label '{label}', which is not -1/0/1 or FAVOR/AGAINST/NONE; "
                "train it on a three-way label to use it in reports."
            )
        updated[i] = replace(updated[i], **{dimension: float(value)}, cues=(*updated[i].cues, f"model:{label}"))
    return updated


def run_report(corpus: Path | None, out: Path, config: RunConfig) -> list[Path]:
    """Run the whole pipeline on ``corpus`` and write the report files into ``out``.

    Everything is computed before the first file is written, and each file is replaced
    atomically, so a failed or interrupted run leaves earlier reports intact.
    """
    if out.exists() and not out.is_dir():
        prepare_out_dir(out)  # raises the one-line error for a file in the way
    lexicons = load_lexicons(config.lexicon_dirs)
    articles = load_articles(corpus, config, lexicons)
    tables = build_tables(articles, lexicons, config)
    files = {f"{name}.csv": csv_bytes(frame) for name, frame in tables.items()}
    prepare_out_dir(out)
    written = []
    for name, data in files.items():
        path = out / name
        write_bytes_atomic(path, data)
        written.append(path)
    return written


__all__ = ["KIND_FURNITURE", "build_article", "load_articles", "run_report"]
