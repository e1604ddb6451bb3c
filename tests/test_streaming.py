"""The reduce step keeps summaries, not the corpus (issue 9): per-article summaries pool to the
same numbers as the whole corpus in memory, tables written in parts are the same bytes as
tables written at once, and what the comparison keeps per article does not grow with its text.
"""

from __future__ import annotations

import itertools
import os
import random
import subprocess
import sys
import tempfile

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.corpus import make_articles, write_articles
from stance.compare.units import SentenceSample, SourcePool, StanceSentence, stance_units
from stance.config import RunConfig
from stance.corpus.read import read_corpus
from stance.measure.aggregate import DIMENSIONS, source_stance_rows, stance_table
from stance.measure.polarity import TargetScore
from stance.measure.stats import bootstrap_diff_ci, bootstrap_diff_ci_of, distinct_values
from stance.output.spool import Spool
from stance.output.write import csv_bytes, write_files
from stance.pipeline import (
    SPOOLED_TABLES,
    ArticleTools,
    Pool,
    digest_article,
    iter_article_digests,
    process_document,
    run_report,
    sample_statement,
    with_csv_lines,
)

from .conftest import ROOT

CONFIG = RunConfig(n_boot=300)

# -- pooled summaries give the numbers of the whole corpus --------------------------------------

_score = st.sampled_from([-1.0, -0.5, -0.25, 0.0, 0.0, 0.25, 0.5, 1.0, 0.3333])
_row = st.tuples(
    st.sampled_from(["a1", "a2", "a3", "b1", "b2"]),
    st.integers(0, 6),
    st.sampled_from(["us", "china"]),
    _score,
    _score,
    st.sampled_from(["author", "author", "某官员"]),
    st.sampled_from(["headline", "lede", "body"]),
)


def _scores(rows) -> list[TargetScore]:
    unique = {(a, i, t): (e, p, who, pos) for a, i, t, e, p, who, pos in rows}
    return [
        TargetScore(a, i, t, t, e, p, (), who, False, pos if i else "headline")
        for (a, i, t), (e, p, who, pos) in sorted(unique.items())
    ]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(_row, min_size=1, max_size=40),
    st.randoms(use_true_random=False),
    st.sampled_from(["all", "author"]),
)
def test_source_rows_from_pooled_article_summaries_equal_the_whole_corpus(rows, rng, voices):
    """Pooling each article's counts, in any order, gives the rows computed over every sentence
    of the source at once."""
    config = RunConfig(n_boot=200, voices=voices)
    scores = _scores(rows)
    sources = {a: a[0] for a in {s.article_id for s in scores}}
    whole = stance_table(scores, sources, config)
    whole = whole[whole["article_id"] == "*"].reset_index(drop=True)
    articles = sorted(sources)
    rng.shuffle(articles)
    pools: dict[str, SourcePool] = {}
    for article_id in articles:
        units = stance_units([s for s in scores if s.article_id == article_id], voices)
        pools.setdefault(sources[article_id], SourcePool()).add(units, {}, {})
    pooled = pd.DataFrame(
        source_stance_rows(
            {
                (src, t, d): pairs
                for src, pool in pools.items()
                for (t, d), pairs in pool.stance_pairs.items()
            },
            config,
        ),
        columns=whole.columns,
    )
    pd.testing.assert_frame_equal(pooled, whole)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(_score, min_size=1, max_size=60),
    st.lists(_score, min_size=1, max_size=60),
    st.integers(0, 2**32),
)
def test_difference_interval_from_counts_equals_the_interval_from_values(a, b, seed):
    assert bootstrap_diff_ci_of(distinct_values(a), distinct_values(b), seed=seed, n_boot=200) == (
        bootstrap_diff_ci(list(reversed(a)), b, seed=seed, n_boot=200)
    )


# -- tables written in parts ---------------------------------------------------------------------

_cell = st.one_of(
    st.text(alphabet=st.sampled_from(list("ab美国,\"'=+-@\t\r\n 1.5")), max_size=8),
    st.none(),
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            _cell, st.one_of(st.floats(allow_nan=True, allow_infinity=False), st.none()), st.booleans()
        ),
        max_size=30,
    ),
    st.lists(st.integers(0, 30), max_size=5),
)
def test_a_table_written_in_parts_is_the_table_written_at_once(rows, cuts):
    columns = ["text", "score", "flag"]
    whole = pd.DataFrame(rows, columns=columns)
    bounds = sorted({0, len(rows), *(c for c in cuts if c <= len(rows))})
    with Spool({"t": columns}) as spool:
        table = spool.tables["t"]
        for start, stop in itertools.pairwise(bounds):
            part = pd.DataFrame(rows[start:stop], columns=columns)
            table.append(csv_bytes(part, header=False), len(part))
        (finished,) = spool.finish().values()
        assert finished.path.read_bytes() == csv_bytes(whole)
        assert finished.n_rows == len(rows)


def test_write_files_copies_a_spooled_file_into_the_report(tmp_path):
    spooled = tmp_path / "big.csv"
    spooled.write_bytes(b"a,b\n" + b"1,2\n" * 100_000)
    out = tmp_path / "out"
    write_files(out, {"big.csv": spooled, "small.txt": b"x"})
    assert (out / "big.csv").read_bytes() == spooled.read_bytes()
    assert (out / "small.txt").read_bytes() == b"x"
    assert not (out / ".stance-writing").exists()


# -- what a report run keeps ---------------------------------------------------------------------


def _spool_folders() -> set[str]:
    return {p for p in os.listdir(tempfile.gettempdir()) if p.startswith("stance-spool-")}


def test_the_spool_is_deleted_after_a_run_and_after_a_failed_run(tmp_path, monkeypatch):
    private = tmp_path / "tmp"
    private.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(private))  # other runs' spools stay out of it
    before = _spool_folders()
    assert before == set()
    corpus = write_articles(make_articles(30_000, seed=4), tmp_path / "corpus")
    run_report(corpus, tmp_path / "out", RunConfig(workers=1, n_boot=100))
    assert _spool_folders() == before

    def fail(*args, **kwargs):
        raise RuntimeError("render failed")

    monkeypatch.setattr("stance.pipeline.report.render_report_files", fail)
    with pytest.raises(RuntimeError):
        run_report(corpus, tmp_path / "out2", RunConfig(workers=1, n_boot=100))
    assert _spool_folders() == before


def _pool(documents, lexicons, config) -> Pool:
    with Spool(SPOOLED_TABLES) as spool:
        pool = Pool(spool, config)
        for digest in iter_article_digests(list(documents), lexicons, config):
            pool.add(digest)
    return pool


_KEPT_SCRIPT = """
import gc, sys, tracemalloc
from benchmarks.corpus import make_articles, write_articles
from stance.config import RunConfig
from stance.corpus.read import read_corpus
from stance.lexicon import load_lexicons
from tests.test_streaming import _pool
documents = read_corpus(write_articles(make_articles(150_000, seed=5), __import__("pathlib").Path(sys.argv[1])))
lexicons, config = load_lexicons(), RunConfig(workers=1, n_boot=50)
_pool(documents, lexicons, config)  # what is built once (tokenizer, caches) is not counted
tracemalloc.start()
pool = _pool(documents, lexicons, config)
gc.collect()  # DataFrames of the per-article work left in reference cycles
print(tracemalloc.get_traced_memory()[0] / sum(len(d.text) for d in documents), len(pool.infos))
"""


def test_the_reduce_step_keeps_a_small_fraction_of_the_text(tmp_path):
    """Articles held whole cost about 42 bytes per character of text; the reduce step keeps
    the per-article summaries only. Measured in a fresh interpreter on a second pass, so that
    caches filled by other tests or by the first pass are not counted."""
    done = subprocess.run(
        [sys.executable, "-c", _KEPT_SCRIPT, str(tmp_path / "corpus")],
        capture_output=True, text=True, cwd=ROOT, timeout=300, check=True,
    )  # fmt: skip
    per_char, n_articles = done.stdout.split()
    assert int(n_articles) > 30
    assert float(per_char) < 25, f"{float(per_char):.1f} bytes per character"


def test_pooled_frames_do_not_depend_on_the_order_of_the_articles(tmp_path, lexicons):
    corpus = write_articles(make_articles(40_000, seed=6), tmp_path / "corpus")
    documents = read_corpus(corpus)
    shuffled = random.Random(1).sample(documents, len(documents))
    pools = []
    for docs in (list(documents), shuffled):
        with Spool(SPOOLED_TABLES) as spool:
            pool = Pool(spool, CONFIG)
            for digest in iter_article_digests(docs, lexicons, CONFIG):
                pool.add(digest)
            pools.append(
                {
                    s: (np.concatenate(p.frame_tables).tolist(), p.stance_pairs, dict(p.tokens))
                    for s, p in pool.sources.items()
                }
            )
    assert pools[0] == pools[1]
    assert {d for _, pairs, _ in pools[0].values() for _, d in pairs} == set(DIMENSIONS)


def test_rows_formatted_per_chunk_are_the_rows_formatted_per_article(tmp_path, lexicons):
    """One CSV call per chunk and table gives the bytes of one call per article."""
    documents = read_corpus(write_articles(make_articles(60_000, seed=8), tmp_path / "c"))
    tools = ArticleTools.build(lexicons, CONFIG)
    digests = [digest_article(process_document(d, tools), tools) for d in documents]
    formatted = with_csv_lines(digests)
    for table in ("sentence", "mention"):
        expected = b"".join(csv_bytes(getattr(d, f"{table}_rows"), header=False) for d in digests)
        assert b"".join(getattr(d, f"{table}s_csv") for d in formatted) == expected
    for digest, done in zip(digests, formatted, strict=True):
        assert done.frames_csv == csv_bytes(digest.frame_rows, header=False)
        assert done.sentence_rows is done.mention_rows is done.frame_rows is None


def test_the_stance_sentence_sample_is_bounded_and_does_not_depend_on_order():
    sentences = [
        StanceSentence(f"a{i // 10}", f"s{i % 3}", i % 10, ("w",), (), (("us", 0.5, 0.0),))
        for i in range(500)
    ]

    def sample(rows, size=100, seed=7):
        chosen = SentenceSample(size, seed)
        for k in range(0, len(rows), 37):  # in pieces, as articles arrive
            chosen.update(rows[k : k + 37])
        return chosen

    forward, backward = sample(sentences), sample(sentences[::-1])
    keys = sorted((s.article_id, s.sentence_index) for s in forward.sentences())
    assert keys == sorted((s.article_id, s.sentence_index) for s in backward.sentences())
    assert len(keys) == 100 and forward.seen == 500 and forward.sampled
    other = sorted((s.article_id, s.sentence_index) for s in sample(sentences, seed=8).sentences())
    assert other != keys
    everything = sample(sentences, size=1000)
    assert not everything.sampled and len(everything.sentences()) == 500
    assert sample_statement((500, 100)).startswith(
        "Sub-topics were found in a seeded uniform sample of 100 of the 500"
    )
    assert sample_statement((80, 80)) == "Sub-topics were found among all 80 stance sentences."


def test_figure_tables_written_in_chunks_are_the_tables_written_at_once(tmp_path, monkeypatch):
    """figures.csv and figure_claims.csv are spooled a chunk at a time; chunks of one claim (and
    one group) give the bytes of the default chunks, and a bound is formatted the same way
    whether its chunk has a missing bound or not."""
    corpus = write_articles(make_articles(60_000, seed=6), tmp_path / "corpus")
    config = RunConfig(workers=1, n_boot=100, cache_dir=tmp_path / "cache")
    run_report(corpus, tmp_path / "whole", config)
    monkeypatch.setattr("stance.pipeline.reduce.FIGURE_CHUNK_ROWS", 1)
    run_report(corpus, tmp_path / "chunked", config)
    for name in ("figures.csv", "figure_claims.csv", "comparison.json"):
        whole = (tmp_path / "whole" / name).read_bytes()
        assert whole == (tmp_path / "chunked" / name).read_bytes(), name
    claims = pd.read_csv(tmp_path / "whole" / "figure_claims.csv")
    assert len(claims) > 20 and claims["high"].isna().any() and claims["high"].notna().any()
    groups = pd.read_csv(tmp_path / "whole" / "figures.csv")
    assert groups["group"].tolist() == sorted(groups["group"]) and groups["group"].iloc[0] == 1
    assert groups["group"].nunique() == groups["group"].max()
