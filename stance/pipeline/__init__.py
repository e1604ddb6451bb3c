"""The one place that knows the order of the stages:
ingest -> furniture -> normalise -> split -> segment -> score -> compare -> report.

Map, then reduce. Everything up to the scores is a pure function of one document and the
lexicons (:mod:`stance.pipeline.map`), so it runs in worker processes or on a Dask cluster,
which stream one digest per article back in input order: the output is byte-identical whatever
the number of workers. The reduce (:mod:`stance.pipeline.reduce`) pools the digests as they
arrive and runs the comparison over the pooled summaries; :mod:`stance.pipeline.model` puts a
trained model's labels in place of the lexicon scores; :mod:`stance.pipeline.report` runs it
all and renders and writes the report.

The CLI calls :func:`run_report`; tests and other commands call :func:`load_articles`.
"""

from stance.pipeline.map import (
    ArticleDigest,
    ArticleResult,
    ArticleTools,
    Measures,
    article_row,
    articles_table,
    build_article,
    default_corpus,
    digest_article,
    iter_article_digests,
    iter_article_results,
    lexicon_terms,
    load_articles,
    make_segmenter,
    measure_article,
    process_document,
    score_corpus,
    sentences_table,
    with_csv_lines,
)
from stance.pipeline.model import apply_model, run_model, target_scores, with_model
from stance.pipeline.reduce import COMPARE_STEPS, SPOOLED_TABLES, Pool, Results, analyse, compare_pool
from stance.pipeline.report import render_report_files, run_report, sample_statement

__all__ = [
    "COMPARE_STEPS",
    "SPOOLED_TABLES",
    "ArticleDigest",
    "ArticleResult",
    "ArticleTools",
    "Measures",
    "Pool",
    "Results",
    "analyse",
    "apply_model",
    "article_row",
    "articles_table",
    "build_article",
    "compare_pool",
    "default_corpus",
    "digest_article",
    "iter_article_digests",
    "iter_article_results",
    "lexicon_terms",
    "load_articles",
    "make_segmenter",
    "measure_article",
    "process_document",
    "render_report_files",
    "run_model",
    "run_report",
    "sample_statement",
    "score_corpus",
    "sentences_table",
    "target_scores",
    "with_csv_lines",
    "with_model",
]
