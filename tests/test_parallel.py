"""Map, then reduce: the per-article work on worker processes or a Dask cluster gives the same
bytes as in one process; results come back in input order; the segmentation cache is written
once, by the parent; progress is reported through the object passed in."""

from __future__ import annotations

import io
import json
import os
import re
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

import stance.pipeline as pipeline
import stance.pipeline.map as pipeline_map
from benchmarks.bench_parallel import write_corpus
from stance.config import EXECUTION_SETTINGS, RunConfig
from stance.errors import WorkerError
from stance.lexicon import load_lexicons
from stance.parallel import Job, alongside, chunk_slices, drain, map_chunks
from stance.progress import BarProgress, LineProgress, NullProgress, make_progress

from .conftest import SEEDS
from .parallel_jobs import blas_threads, has_context, no_context, slowly, with_numpy

# Few bootstrap resamples: the runs compared with each other use the same settings, and the
# comparison stage is not what is tested here.
N_BOOT = 50
# Characters per chunk in these tests: the seeds split into one chunk per article.
SMALL_CHUNK = 1000


def report_bytes(corpus: Path, out: Path, cache: Path, progress=None, **settings) -> dict[str, bytes]:
    config = RunConfig(n_boot=N_BOOT, cache_dir=cache, **settings)
    written = pipeline.run_report(corpus, out, config, progress=progress)
    return {path.name: path.read_bytes() for path in sorted(written)}


def assert_same_bytes(expected: dict[str, bytes], found: dict[str, bytes]) -> None:
    assert sorted(found) == sorted(expected)
    different = [name for name in expected if found[name] != expected[name]]
    assert different == [], f"files differ: {different}"


@pytest.fixture(scope="module")
def seeds_cache(tmp_path_factory) -> Path:
    """The segmentation cache of the seed runs: filled by the first, read by the others, whose
    workers then start without building a tokenizer (the generated corpus's runs segment)."""
    return tmp_path_factory.mktemp("seeds-cache")


@pytest.fixture(scope="module")
def seeds_run(tmp_path_factory, seeds_cache) -> tuple[dict[str, bytes], str]:
    """The report on the seeds worked in one process, and the progress lines it printed."""
    tmp = tmp_path_factory.mktemp("serial")
    stream = io.StringIO()
    files = report_bytes(SEEDS, tmp / "out", seeds_cache, progress=LineProgress(stream), workers=1)
    return files, stream.getvalue()


@pytest.fixture(scope="module")
def seeds_in_one_process(seeds_run) -> dict[str, bytes]:
    return seeds_run[0]


@pytest.fixture
def small_chunks(monkeypatch):
    monkeypatch.setattr(pipeline_map, "CHUNK_CHARS", SMALL_CHUNK)


# -- byte-identical outputs ------------------------------------------------------------------


def test_two_workers_give_the_same_bytes_on_the_seeds(
    seeds_in_one_process, seeds_cache, small_chunks, tmp_path
):
    found = report_bytes(SEEDS, tmp_path / "out", seeds_cache, workers=2)
    assert_same_bytes(seeds_in_one_process, found)


def test_two_workers_give_the_same_bytes_on_a_generated_corpus(small_chunks, tmp_path):
    corpus = write_corpus(tmp_path / "corpus", 6_000, article_chars=1000)
    assert len(list(corpus.glob("*.txt"))) >= 5
    one = report_bytes(corpus, tmp_path / "one", tmp_path / "cache1", workers=1)
    two = report_bytes(corpus, tmp_path / "two", tmp_path / "cache2", workers=2)
    assert_same_bytes(one, two)
    # The cache the workers wrote, each its own share, holds what a single process writes:
    # every sentence, once.
    (cache1,) = (tmp_path / "cache1").glob("segments-*.sqlite")
    (cache2,) = (tmp_path / "cache2").glob("segments-*.sqlite")
    with closing(sqlite3.connect(cache1)) as one_db, closing(sqlite3.connect(cache2)) as two_db:
        one_cache = dict(one_db.execute("SELECT text, tokens FROM segments"))
        assert dict(two_db.execute("SELECT text, tokens FROM segments")) == one_cache
    assert len(one_cache) > 100


def test_a_dask_cluster_gives_the_same_bytes(seeds_in_one_process, seeds_cache, small_chunks, tmp_path):
    distributed = pytest.importorskip(
        "distributed", reason="dask.distributed is not installed (pip install -e '.[test]' installs it)"
    )
    with distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=":0"
    ) as cluster:
        found = report_bytes(
            SEEDS, tmp_path / "out", seeds_cache, workers=1, scheduler=cluster.scheduler_address
        )
        with distributed.Client(cluster) as client:
            assert any(client.run(has_context).values()), "no Dask worker did the work"
    assert_same_bytes(seeds_in_one_process, found)


def test_the_manifest_names_the_execution_settings_without_their_values(seeds_in_one_process):
    manifest = json.loads(seeds_in_one_process["manifest.json"])
    assert manifest["execution_settings"] == ["cache_dir", "scheduler", "workers"]
    assert "workers" not in manifest["settings"]
    assert "scheduler" not in manifest["settings"]
    assert set(EXECUTION_SETTINGS) == {"cache_dir", "scheduler", "workers"}


# -- the map ---------------------------------------------------------------------------------


def test_results_come_back_in_input_order_whatever_finishes_first():
    job = Job(no_context, "recipe", slowly)
    chunks = [[n] for n in range(8)]
    results = list(map_chunks(job, iter(chunks), n_chunks=len(chunks), workers=2))
    assert results == [[n * 10] for n in range(8)]


@pytest.mark.parametrize("workers", [1, 2])
def test_the_map_runs_with_one_blas_thread_in_this_process_and_in_workers(workers):
    import numpy  # noqa: F401  (loads OpenBLAS here, so its limit is set and restored here)
    from threadpoolctl import threadpool_limits

    chunks = [[n] for n in range(2)]
    with threadpool_limits(limits=2, user_api="blas"):
        assert blas_threads(None, [0]) == [2]
        found = list(
            map_chunks(Job(with_numpy, "recipe", blas_threads), iter(chunks), n_chunks=2, workers=workers)
        )
        assert blas_threads(None, [0]) == [2]  # restored after the map
    assert found == [[1], [1]]


@pytest.mark.parametrize("workers", [1, 2])
def test_a_step_alongside_gives_its_result_and_its_error(workers):
    calls = []

    def step(x):
        calls.append(x)
        if x < 0:
            raise ValueError("negative")
        return x * 2

    with alongside(step, 21, workers=workers) as result:
        assert result() == 42
    with pytest.raises(ValueError, match="negative"), alongside(step, -1, workers=workers) as result:
        result()
    assert calls == [21, -1]


def test_with_one_worker_a_step_alongside_runs_only_when_asked():
    calls = []
    with alongside(calls.append, "x", workers=1) as result:
        assert calls == []
        result()
    assert calls == ["x"]


def test_chunks_close_at_the_target_size_and_hold_at_least_one_item():
    assert chunk_slices([], 10) == []
    assert chunk_slices([30], 10) == [slice(0, 1)]
    assert chunk_slices([3, 3, 3, 3], 6) == [slice(0, 2), slice(2, 4)]
    assert chunk_slices([3, 3, 3], 100) == [slice(0, 3)]


def test_drain_lets_go_of_each_chunk_once_it_is_taken():
    items = ["a", "b", "c"]
    taken = []
    for chunk in drain(items, [slice(0, 2), slice(2, 3)]):
        taken.append(chunk)
        assert items[: sum(len(c) for c in taken)] == [None] * sum(len(c) for c in taken)
    assert taken == [["a", "b"], ["c"]]


def test_a_corpus_of_one_chunk_is_worked_in_this_process(monkeypatch, tmp_path):
    def no_processes(*args, **kwargs):
        raise AssertionError("a one-chunk corpus started worker processes")

    monkeypatch.setattr("stance.parallel._on_processes", no_processes)
    articles = pipeline.load_articles(SEEDS, RunConfig(workers=8, cache_dir=tmp_path))
    assert len(articles) == 4


def test_figure_claims_are_extracted_once_per_sentence(monkeypatch, seed_articles, lexicons):
    calls = []
    real = pipeline_map.sentence_claims

    def counting(sentence, source, *, terms):
        calls.append((sentence.article_id, sentence.sentence_index))
        return real(sentence, source, terms=terms)

    monkeypatch.setattr(pipeline_map, "sentence_claims", counting)
    results = pipeline.analyse(seed_articles, lexicons, RunConfig(n_boot=N_BOOT))
    assert sorted(calls) == sorted(
        (s.article_id, s.sentence_index) for a in seed_articles for s in a.sentences
    )
    assert len(results.tables["figure_claims"]) > 0


# -- settings and errors ---------------------------------------------------------------------


def test_workers_default_to_the_number_of_cores():
    assert RunConfig().workers == (os.cpu_count() or 1)
    with pytest.raises(ValueError, match="workers must be a whole number of at least 1"):
        RunConfig(workers=0)


def test_a_worker_with_other_lexicons_stops_the_run(lexicons):
    run = tuple(
        (name, "0.0", "0" * 64) if name == "targets" else (name, version, checksum)
        for name, version, checksum in pipeline_map._lexicon_versions(lexicons)
    )
    with pytest.raises(WorkerError) as err:
        pipeline_map._worker_tools(pipeline_map._Recipe(RunConfig(workers=1), run))
    assert re.fullmatch(
        r"a worker on \S+ loaded other lexicons than this run \(targets: run version 0\.0, checksum "
        r"000000000000, worker version [^;]+\); install the same stance version and --lexicons "
        r"folders, at the same paths, on every worker\.",
        str(err.value),
    )


def test_without_dask_a_scheduler_address_is_a_one_line_error(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "distributed", None)
    config = RunConfig(workers=1, scheduler="tcp://127.0.0.1:8786", cache_dir=tmp_path)
    with pytest.raises(WorkerError) as err:
        pipeline.load_articles(SEEDS, config, load_lexicons())
    assert str(err.value) == (
        "--scheduler tcp://127.0.0.1:8786: dask.distributed is not installed; install it with "
        "pip install 'stance[cluster]', or run without --scheduler."
    )


def test_a_scheduler_that_does_not_answer_is_a_one_line_error(monkeypatch, tmp_path):
    pytest.importorskip("distributed", reason="dask.distributed is not installed")
    monkeypatch.setattr("stance.parallel.DASK_TIMEOUT_SECONDS", 1)
    config = RunConfig(workers=1, scheduler="tcp://127.0.0.1:9", cache_dir=tmp_path)
    with pytest.raises(
        WorkerError, match=r"^--scheduler tcp://127.0.0.1:9: cannot connect to a Dask scheduler"
    ):
        pipeline.load_articles(SEEDS, config, load_lexicons())


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("scheduler-1", "not a Dask scheduler address (missing port number in address 'scheduler-1')"),
        ("tcp://10.1.2.3", "not a Dask scheduler address (missing port number in address '10.1.2.3')"),
        ("tcp://10.1.2.3:port", "not a Dask scheduler address (invalid literal for int() with base 10"),
        ("htp://10.1.2.3:8786", "not a Dask scheduler address (unknown address scheme 'htp'"),
        ("tcp://no-such-host.invalid:8786", "cannot find that host ("),
    ],
)
def test_a_malformed_scheduler_address_is_refused_before_any_client(monkeypatch, tmp_path, address, message):
    distributed = pytest.importorskip("distributed", reason="dask.distributed is not installed")

    def no_client(*args, **kwargs):
        raise AssertionError("a client was made")

    monkeypatch.setattr(distributed, "Client", no_client)
    config = RunConfig(workers=1, scheduler=address, cache_dir=tmp_path)
    with pytest.raises(WorkerError) as err:
        pipeline.load_articles(SEEDS, config, load_lexicons())
    assert str(err.value).startswith(f"--scheduler {address}: {message}")
    assert "\n" not in str(err.value)
    assert str(err.value).endswith("(tcp://HOST:8786).") or str(err.value).endswith("tcp://HOST:8786.")


def test_the_command_refuses_a_malformed_scheduler_address_at_once(tmp_path):
    # A client left half-built by such an address waited a minute on its way out of the
    # interpreter and then printed a traceback; the timeout would catch it coming back.
    pytest.importorskip("distributed", reason="dask.distributed is not installed")
    out = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "stance", "report", "--scheduler", "scheduler-1", "--out", out],
        capture_output=True,
        text=True,
        env=os.environ | {"STANCE_CACHE_DIR": str(tmp_path / "cache")},
        timeout=40,
    )
    assert proc.returncode == 2
    assert proc.stderr.splitlines()[-1] == (
        "error: --scheduler scheduler-1: not a Dask scheduler address (missing port number in "
        "address 'scheduler-1'); give one such as tcp://HOST:8786."
    )
    assert "Traceback" not in proc.stderr
    assert not out.exists()


# -- progress --------------------------------------------------------------------------------


def test_progress_is_one_line_per_stage_off_a_terminal(seeds_run):
    lines = seeds_run[1].splitlines()
    assert [line.split(":")[0] for line in lines] == [
        "read",
        "articles",
        "compare",
        "render",
        "write",
        "done",
    ]
    assert lines[1].startswith("articles: 4 articles in ")
    assert lines[1].endswith(" articles/s)")
    assert lines[2].startswith("compare: 8 steps in ")
    assert lines[-1].startswith("done: 4 articles in ")
    assert lines[-1].endswith(" articles/s)")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_draws_bars_on_a_terminal_and_nothing_when_quiet():
    assert isinstance(make_progress(quiet=True, stream=_Terminal()), NullProgress)
    assert isinstance(make_progress(stream=io.StringIO()), LineProgress)
    terminal = _Terminal()
    progress = make_progress(stream=terminal)
    assert isinstance(progress, BarProgress)
    with progress.stage("articles", total=3) as advance:
        advance(3)
    progress.done(3)
    shown = terminal.getvalue()
    assert "articles: 100%" in shown
    assert "3/3" in shown
    assert shown.splitlines()[-1].startswith("done: 3 articles in ")


def test_a_failed_stage_reports_nothing_of_itself():
    stream = io.StringIO()
    progress = LineProgress(stream)
    with pytest.raises(RuntimeError), progress.stage("articles", total=2) as advance:
        advance(1)
        raise RuntimeError("boom")
    assert stream.getvalue() == ""


def test_each_word_is_held_once_whatever_the_number_of_occurrences(tmp_path):
    """Tokens are interned when the results are taken back, so a word repeated across the
    corpus is one string object, not one per occurrence (a third of the memory)."""
    config = RunConfig(workers=1, cache_dir=tmp_path / "cache")
    articles = pipeline.load_articles(SEEDS, config)
    seen: dict[str, str] = {}
    occurrences = 0
    for article in articles:
        for sentence in article.sentences:
            for token in sentence.tokens:
                assert seen.setdefault(token, token) is token
                occurrences += 1
    assert occurrences > 3 * len(seen) and "美国" in seen
