"""The reduce: each article's digest is pooled as it arrives (:class:`Pool`), then the
comparison stages run over the pooled summaries (:func:`compare_pool`). Only the comparison
needs the whole corpus, and it holds summaries, not the articles.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import pandas as pd

from stance.compare.figures import (
    FIGURE_CLAIM_COLUMNS,
    FIGURE_COLUMNS,
    Claim,
    claim_rows,
    figure_rows,
    group_claims,
)
from stance.compare.keyness import KEYNESS_COLUMNS, keyness_from_counts
from stance.compare.naming import (
    NAMING_COLUMNS,
    naming_from_counts,
    naming_rows,
    pool_names,
)
from stance.compare.sources import disagreement_rows, find_disagreements, source_profiles
from stance.compare.units import (
    MAX_STANCE_SENTENCES,
    SentenceSample,
    SourcePool,
)
from stance.config import RunConfig
from stance.corpus.records import (
    SENTENCE_COLUMNS,
    Article,
    ArticleInfo,
)
from stance.lexicon import Lexicon
from stance.measure.aggregate import (
    STANCE_COLUMNS,
    source_stance_rows,
)
from stance.measure.frames import (
    FRAME_COLUMNS,
    FrameIndex,
    frame_table,
    source_frame_rows,
)
from stance.measure.polarity import MENTION_COLUMNS
from stance.output.spool import Spool, SpooledTable, ViewStore
from stance.output.write import csv_bytes
from stance.parallel import alongside
from stance.pipeline.map import (
    ArticleDigest,
    ArticleTools,
    articles_table,
    digest_article,
    measure_article,
    with_csv_lines,
)
from stance.pipeline.model import run_model
from stance.progress import Advance

# The tables written to disk as they are made: while the articles are measured (every sentence
# of the corpus), and the figure tables (every numeric claim), written a chunk at a time.
SPOOLED_TABLES = {
    "sentences": SENTENCE_COLUMNS,
    "mentions": MENTION_COLUMNS,
    "frames": FRAME_COLUMNS,
    "figures": FIGURE_COLUMNS,
    "figure_claims": FIGURE_CLAIM_COLUMNS,
}
# Claims (figure_claims.csv) and claim groups (figures.csv) formatted per chunk; at 20M
# characters there are some 50,000 claims, which as one DataFrame took about 90 MB.
FIGURE_CHUNK_ROWS = 5_000
# Bounds are floats in every chunk, so how a bound is written does not depend on its chunk.
FLOAT_COLUMNS = ("low", "high")


def spool_rows(table: SpooledTable, rows: Sequence[dict]) -> None:
    """``rows`` (dicts keyed by ``table.columns``) appended to ``table`` as CSV lines."""
    if not rows:
        return
    frame = pd.DataFrame(list(rows), columns=table.columns)
    frame = frame.astype({c: "float64" for c in FLOAT_COLUMNS if c in table.columns})
    table.append(csv_bytes(frame, header=False), len(frame), frame)


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
        # Per source, the names its articles use: (variant, form as written, language) -> count.
        self.names: dict[str, dict[tuple[str, str, str], int]] = {}
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
    # The sub-topics of the disagreements are found beside the per-source bootstraps: both
    # spend much of their time outside the GIL (sparse products; numpy's random draws).
    with alongside(
        find_disagreements,
        pool.stance_sentences.sentences(),
        config,
        pool.spool.views.sentence_text,
        workers=config.workers,
    ) as disagreements_of:
        stance_pools = {
            (source, target, dimension): pairs
            for source, source_pool in pool.sources.items()
            for (target, dimension), pairs in source_pool.stance_pairs.items()
        }
        # Rows as tuples, not dicts: a corpus of 10,000 articles has some 100,000 article rows.
        stance = pd.DataFrame.from_records(
            [
                *(row for a in sorted(pool.stance_rows) for row in pool.stance_rows[a]),
                *(tuple(row[c] for c in STANCE_COLUMNS) for row in source_stance_rows(stance_pools, config)),
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
        claims = sorted(pool.claims, key=lambda c: (c.source, c.article_id, c.sentence_index, c.start))
        figures = group_claims(claims)
        tables = pool.spool.tables
        for start in range(0, len(claims), FIGURE_CHUNK_ROWS):
            spool_rows(tables["figure_claims"], claim_rows(claims[start : start + FIGURE_CHUNK_ROWS]))
        # figures.csv numbers the groups from 1; a group can hold thousands of claims, so the rows
        # are gathered group by group up to a chunk.
        rows: list[dict] = []
        for number, group in enumerate(figures, start=1):
            rows.extend(figure_rows([group], first=number))
            if len(rows) >= FIGURE_CHUNK_ROWS or number == len(figures):
                spool_rows(tables["figures"], rows)
                rows = []
        advance(1)
        spooled = pool.spool.finish()
        advance(1)
        naming = naming_from_counts(pool.names, lexicons)
        advance(1)
        keyness = keyness_from_counts({source: p.tokens for source, p in pool.sources.items()})
        advance(1)
        profiles = source_profiles(pool.sources, stance, source_frames, frame_index.frames, config)
        disagreements = disagreements_of()
    advance(1)
    comparison = {
        "sources": profiles,
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
        "figures": spooled["figures"],
        "figure_claims": spooled["figure_claims"],
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
