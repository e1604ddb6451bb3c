"""The whole pipeline at scale: `stance report` on benchmark corpora of given sizes.

    python benchmarks/bench_pipeline.py [--sizes 2M,5M,20M] [--workers 1,2] [--timeout 1800]
                                        [--engine auto|jieba|hybrid|rjieba] [--long-line 333000]
                                        [--keep DIR]
    python benchmarks/bench_pipeline.py --compare-engines [--sizes 1M]

For each size (characters; 0.5M, 500k and 500000 are the same) it writes a corpus of articles over
eight sources resampled from the seeds (benchmarks/corpus.py: `make_articles`, seeded, so every
run reads the same articles), then runs `stance report` on it as a child process with a cold
segmentation cache (`STANCE_CACHE_DIR` a fresh folder), once per worker count when the installed
`stance report` takes `--workers`. It prints per run: wall time, articles and characters per
second, the peak memory of the largest process (`wait4` on the child: the child or any worker it
reaped) and, with psutil installed, the peak of all its processes together (sampled every 0.2 s),
the stage times the report prints on stderr, and the ratio of the whole run to bare
`jieba.lcut` over the same article texts (a private `jieba.Tokenizer`, timed in this process in
the same run). A run that does not finish within `--timeout` seconds is killed (its whole
process group, which this script started) and reported as "did not finish in T s".

`--long-line N` (default 333,000; 0 skips) also times the figures stage alone on one sentence of
N characters without punctuation (seed text with its punctuation removed), then `stance report`
on a corpus of that one line.

`--compare-engines` runs `stance report --engine jieba` and `--engine rjieba` on the seeds and on
each size and counts the rows that differ in frames.csv, mentions.csv and stance.csv (with the
rows whose frame hits differ and the largest difference of a stance score), and in keyness.csv
and disagreements.csv, which depend on the tokens too. Prints figures; it is not a test.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import os
import re
import resource
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpus import SEEDS, make_articles, seed_material, write_articles
from stance.config import SEGMENTATION_ENGINES

DEFAULT_SIZES = "2M,5M,20M"
# The stage lines `stance report` prints on stderr when it is not a terminal.
_STAGE_LINE = re.compile(r"^(?P<stage>[\w -]+): (?P<count>[\d,]+) (?P<unit>\S+) in (?P<seconds>[\d.]+) s")
_SIZE = re.compile(r"^(?P<number>\d+(?:\.\d+)?)(?P<suffix>[kKmM]?)$")
TABLES = ("frames.csv", "mentions.csv", "stance.csv")
# Tables that also depend on the tokens (keyness counts, sub-topics of the disagreements).
TOKEN_TABLES = ("keyness.csv", "disagreements.csv")


def parse_size(text: str) -> int:
    """Characters from ``0.5M``, ``500k`` or ``500000``."""
    match = _SIZE.match(text.strip())
    if match is None:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size such as 0.5M, 500k or 500000")
    factor = {"": 1, "k": 1_000, "m": 1_000_000}[match["suffix"].lower()]
    return int(float(match["number"]) * factor)


def size_label(n_chars: int) -> str:
    return f"{n_chars / 1e6:g}M" if n_chars >= 100_000 else f"{n_chars:,}"


def report_options() -> str:
    """The help text of the installed `stance report` (what options it takes)."""
    done = subprocess.run(
        [sys.executable, "-m", "stance", "report", "--help"], capture_output=True, text=True, check=False
    )
    return done.stdout


@dataclass
class Run:
    """One `stance report` child process and what it cost."""

    label: str
    seconds: float
    finished: bool
    returncode: int | None
    max_rss_mb: float  # the largest single process (the child or a worker it reaped)
    tree_rss_mb: float | None  # all its processes together, sampled; None without psutil
    stages: dict[str, float] = field(default_factory=dict)
    stderr_tail: str = ""


def _tree_rss(pid: int) -> int:
    import psutil

    try:
        parent = psutil.Process(pid)
        processes = [parent, *parent.children(recursive=True)]
    except psutil.Error:
        return 0
    total = 0
    for process in processes:
        with contextlib.suppress(psutil.Error):  # a process that ended meanwhile
            total += process.memory_info().rss
    return total


def run_report(corpus: Path, out: Path, cache: Path, extra: list[str], *, timeout: float, label: str) -> Run:
    """`stance report corpus --out out` in a new process group with ``STANCE_CACHE_DIR=cache``."""
    sample = _has_psutil()
    env = {**os.environ, "STANCE_CACHE_DIR": str(cache)}
    command = [sys.executable, "-m", "stance", "report", str(corpus), "--out", str(out), *extra]
    with tempfile.TemporaryFile("w+", encoding="utf-8") as stderr:
        start = time.perf_counter()
        child = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=stderr, env=env, start_new_session=True
        )
        peak_tree, status, usage = 0, None, None
        while True:
            # wait4 rather than Popen.poll: it also gives the child's resource usage.
            pid, wait_status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid == child.pid:
                status = os.waitstatus_to_exitcode(wait_status)
                child.returncode = status  # reaped here; keeps Popen from waiting again
                break
            if time.perf_counter() - start > timeout:
                os.killpg(child.pid, signal.SIGKILL)  # the group this script started
                _, wait_status, usage = os.wait4(child.pid, 0)
                child.returncode = os.waitstatus_to_exitcode(wait_status)
                break
            if sample:
                peak_tree = max(peak_tree, _tree_rss(child.pid))
            time.sleep(0.2)
        seconds = time.perf_counter() - start
        stderr.seek(0)
        lines = stderr.read().splitlines()
    stages = {}
    for line in lines:
        match = _STAGE_LINE.match(line.strip())
        if match and match["stage"] != "done":
            stages[match["stage"]] = float(match["seconds"])
    # ru_maxrss is in kilobytes on Linux (bytes on macOS).
    scale = 1 / 1024 if sys.platform != "darwin" else 1 / 1024 / 1024
    return Run(
        label,
        seconds,
        status is not None,
        status,
        usage.ru_maxrss * scale if usage is not None else float("nan"),
        peak_tree / 2**20 if sample else None,
        stages,
        "\n".join(lines[-3:]),
    )


def time_jieba(texts: list[str]) -> float:
    """Seconds for bare `lcut` of a private jieba tokenizer over ``texts`` (dictionary loaded
    before the clock starts)."""
    import jieba

    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    start = time.perf_counter()
    for text in texts:
        tokenizer.lcut(text)
    return time.perf_counter() - start


def manifest_timings(out: Path) -> dict | None:
    """Stage times recorded in the report's manifest.json, if it records any."""
    path = out / "manifest.json"
    if not path.is_file():
        return None
    manifest = json.loads(path.read_text("utf-8"))
    for key in ("timings", "stage_seconds", "stages", "elapsed"):
        if key in manifest:
            return manifest[key]
    return None


def describe(run: Run, n_articles: int, n_chars: int, jieba_seconds: float | None) -> str:
    if not run.finished:
        return f"  {run.label}: did not finish in {run.seconds:.0f} s"
    if run.returncode != 0:
        return (
            f"  {run.label}: failed (exit {run.returncode}) after {run.seconds:.1f} s\n    {run.stderr_tail}"
        )
    parts = [
        f"{run.seconds:7.1f} s",
        f"{n_articles / run.seconds:6.1f} articles/s",
        f"{n_chars / run.seconds / 1e3:6.1f} k chars/s",
        f"peak RSS {run.max_rss_mb:6.0f} MB (largest process)",
    ]
    if run.tree_rss_mb is not None:
        parts.append(f"{run.tree_rss_mb:6.0f} MB (all processes)")
    if jieba_seconds:
        parts.append(f"{run.seconds / jieba_seconds:5.1f}x bare jieba.lcut")
    line = f"  {run.label}: " + ", ".join(parts)
    if run.stages:
        line += "\n    stages: " + ", ".join(
            f"{name} {seconds:.1f} s" for name, seconds in run.stages.items()
        )
    return line


def bench_size(
    n_chars: int, root: Path, workers: list[int], extra: list[str], timeout: float
) -> dict[int, Run]:
    """Runs of each worker count on a corpus of ``n_chars`` characters, by worker count."""
    articles = make_articles(n_chars, seed=0)
    corpus = write_articles(articles, root / f"corpus-{n_chars}")
    total = sum(len(a.text) for a in articles)
    print(f"\n{size_label(n_chars)}: {len(articles):,} articles, {total:,} characters, 8 sources")
    jieba_seconds = time_jieba([a.text for a in articles])
    print(f"  bare jieba.lcut: {jieba_seconds:.1f} s ({total / jieba_seconds / 1e6:.2f} M chars/s)")
    finished: dict[int, float] = {}
    runs: dict[int, Run] = {}
    for n in workers or [0]:
        options = [*extra, "--workers", str(n)] if n else list(extra)
        label = f"{n} worker{'s' if n > 1 else ''}" if n else "stance report"
        out = root / f"out-{n_chars}-{n}"
        run = run_report(corpus, out, root / f"cache-{n_chars}-{n}", options, timeout=timeout, label=label)
        print(describe(run, len(articles), total, jieba_seconds), flush=True)
        if run.finished and run.returncode == 0:
            finished[n] = run.seconds
            runs[n] = run
            timings = manifest_timings(out)
            if timings is not None:
                print(f"    manifest.json stage times: {timings}")
    if 1 in finished and 2 in finished:
        print(f"  speed-up, 2 workers over 1: {finished[1] / finished[2]:.2f}x")
    return runs


def memory_growth(by_size: dict[int, dict[int, Run]]) -> None:
    """Peak memory of the largest corpus over the smallest's, per worker count (the target:
    at most 1.5 from 2M to 20M characters)."""
    if len(by_size) < 2:
        return
    small, large = min(by_size), max(by_size)
    for n in sorted(set(by_size[small]) & set(by_size[large])):
        a, b = by_size[small][n], by_size[large][n]
        line = f"peak memory {size_label(large)} / {size_label(small)}, {n} worker(s): largest process {b.max_rss_mb / a.max_rss_mb:.2f}x"
        if a.tree_rss_mb and b.tree_rss_mb:
            line += f", all processes {b.tree_rss_mb / a.tree_rss_mb:.2f}x"
        print(line)


def long_line(n_chars: int) -> str:
    """``n_chars`` characters of seed body text with everything but letters, digits and % removed:
    one sentence without punctuation."""
    text = "".join(re.sub(r"[^\w%]", "", s) for s in seed_material().sentences)
    return (text * (n_chars // len(text) + 1))[:n_chars]


def bench_long_line(n_chars: int, root: Path, extra: list[str], timeout: float) -> None:
    from stance.compare.figures import FigureTerms, sentence_claims
    from stance.corpus.records import Sentence
    from stance.lexicon import load_lexicons
    from stance.pipeline import lexicon_terms
    from stance.text.normalise import normalise_text
    from stance.text.segment import Segmenter

    text = long_line(n_chars)
    lexicons = load_lexicons()
    norm = normalise_text(text)
    tokens = Segmenter(lexicon_terms(lexicons), engine="rjieba").cut(norm)
    terms = FigureTerms.from_lexicons(lexicons)
    sentence = Sentence("long-line", 0, "body", text, norm, tokens)
    start = time.perf_counter()
    claims = sentence_claims(sentence, "long", terms=terms)
    seconds = time.perf_counter() - start
    print(
        f"\nlong line: {n_chars:,} characters without punctuation, {len(tokens):,} tokens\n"
        f"  figures stage alone: {len(claims):,} claims in {seconds:.2f} s"
    )
    folder = root / "corpus-long-line"
    folder.mkdir()
    (folder / "long.txt").write_text(text + "\n", encoding="utf-8")
    run = run_report(
        folder,
        root / "out-long-line",
        root / "cache-long-line",
        extra,
        timeout=timeout,
        label="stance report",
    )
    print(describe(run, 1, n_chars, None), flush=True)


# -- engines ---------------------------------------------------------------------------------


def _rows(path: Path) -> list[tuple[str, ...]]:
    with path.open(encoding="utf-8", newline="") as f:
        return [tuple(row) for row in csv.reader(f)]


def compare_tables(first: Path, second: Path) -> dict[str, str]:
    """Rows of each table in TABLES and TOKEN_TABLES found in one report and not the other (as
    multisets); for frames.csv the rows whose hits differ, for stance.csv the largest |score|
    difference over the rows both reports have."""
    found = {}
    for name in (*TABLES, *TOKEN_TABLES):
        a, b = _rows(first / name), _rows(second / name)
        header, a, b = a[0], Counter(a[1:]), Counter(b[1:])
        only_a, only_b = sum((a - b).values()), sum((b - a).values())
        line = f"{only_a:,} of {sum(a.values()):,} rows only with jieba, {only_b:,} of {sum(b.values()):,} only with rjieba"
        if name == "frames.csv":
            key = [header.index(c) for c in ("article_id", "source", "frame", "hits")]
            hits_a = Counter(tuple(r[i] for i in key) for r in a.elements())
            hits_b = Counter(tuple(r[i] for i in key) for r in b.elements())
            line += f"; {sum((hits_a - hits_b).values()):,} rows whose hits differ"
        if name == "stance.csv":
            key = [header.index(c) for c in ("article_id", "source", "target", "dimension")]
            score = header.index("score")
            scores_a = {tuple(r[i] for i in key): r[score] for r in a}
            scores_b = {tuple(r[i] for i in key): r[score] for r in b}
            both = scores_a.keys() & scores_b.keys()
            differences = [abs(float(scores_a[k] or 0) - float(scores_b[k] or 0)) for k in both]
            changed = sum(d > 0 for d in differences)
            line += (
                f"; {len(scores_a.keys() ^ scores_b.keys()):,} (article, target, dimension) rows in one only,"
                f" {changed:,} scores differ, max |score difference| {max(differences, default=0):.4f}"
            )
        found[name] = line
    return found


def compare_engines(corpora: list[tuple[str, Path | None]], root: Path, timeout: float) -> None:
    for label, corpus in corpora:
        print(f"\n{label}: --engine jieba against --engine rjieba")
        outs = {}
        for engine in ("jieba", "rjieba"):
            out = root / f"engines-{label}-{engine}"
            target = corpus if corpus is not None else SEEDS
            run = run_report(
                target,
                out,
                root / f"cache-engines-{label}-{engine}",
                ["--engine", engine],
                timeout=timeout,
                label=engine,
            )
            print(f"  {engine}: {run.seconds:.1f} s" if run.finished else describe(run, 0, 0, None))
            outs[engine] = out
        if all((out / TABLES[0]).is_file() for out in outs.values()):
            for name, line in compare_tables(outs["jieba"], outs["rjieba"]).items():
                print(f"  {name}: {line}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", default=None, help=f"comma-separated sizes in characters (default {DEFAULT_SIZES})"
    )
    parser.add_argument("--workers", default="1,2", help="comma-separated worker counts (default 1,2)")
    parser.add_argument("--timeout", type=float, default=1800.0, help="seconds per run (default 1800)")
    parser.add_argument("--engine", choices=SEGMENTATION_ENGINES, help="passed to stance report")
    parser.add_argument("--long-line", type=parse_size, default=333_000, help="characters; 0 skips")
    parser.add_argument("--compare-engines", action="store_true", help="compare the engines' outputs instead")
    parser.add_argument(
        "--keep", type=Path, help="write corpora and reports into this (new) folder and keep them"
    )
    args = parser.parse_args(argv)

    help_text = report_options()
    takes_workers = "--workers" in help_text
    workers = [int(n) for n in args.workers.split(",") if n.strip()] if takes_workers else []
    extra = ["--engine", args.engine] if args.engine else []
    print(f"stance report takes --workers: {'yes' if takes_workers else 'no'}; cpu count {os.cpu_count()}")
    psutil_note = "" if _has_psutil() else " (psutil not installed: no all-process peak)"
    print(f"memory: wait4 ru_maxrss of each child{psutil_note}")
    if args.keep is not None:
        args.keep.mkdir(parents=True)  # a new folder: never mixes with an earlier run's files
    with tempfile.TemporaryDirectory(prefix="stance-bench-") as tmp:
        root = args.keep if args.keep is not None else Path(tmp)
        if args.compare_engines:
            sizes = [parse_size(s) for s in (args.sizes or "1M").split(",")]
            corpora: list[tuple[str, Path | None]] = [("seeds", None)]
            for n in sizes:
                corpora.append(
                    (size_label(n), write_articles(make_articles(n, seed=0), root / f"corpus-{n}"))
                )
            compare_engines(corpora, root, args.timeout)
            return 0
        by_size = {
            n: bench_size(n, root, workers, extra, args.timeout)
            for n in [parse_size(s) for s in (args.sizes or DEFAULT_SIZES).split(",")]
        }
        print()
        memory_growth(by_size)
        if args.long_line:
            bench_long_line(args.long_line, root, extra, args.timeout)
    # Across every child of this run, for comparison with the per-run figures above.
    print(
        f"\nlargest child of the whole benchmark: {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f} MB"
    )
    return 0


def _has_psutil() -> bool:
    try:
        import psutil  # noqa: F401
    except ImportError:
        return False
    return True


if __name__ == "__main__":
    sys.exit(main())
