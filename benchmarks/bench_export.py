"""What `--export` costs: `stance report` with and without `--export xlsx,json,parquet,sqlite`.

    python benchmarks/bench_export.py [--sizes 0.5M,2M] [--workers 2] [--keep DIR]

For each size (characters) it writes a corpus over eight sources resampled from the seeds
(benchmarks/corpus.py: `make_articles`, seeded), then runs `stance report` on it as a child
process twice, with a fresh segmentation cache each time: without `--export` and with all four
formats. It prints, side by side, wall time, peak memory (`ru_maxrss` of the child from
`os.wait4`: the largest of the `stance` process and the workers it reaped; the export runs in
the `stance` process), the render and write stages (where the exports are built and copied)
and the size of the export files; then how the export run's peak memory grows from the
smallest corpus to the largest, next to the run without export. Exports stream, so the two
should grow alike. Prints figures; it is not a test.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpus import make_articles, write_articles

EXPORT = "xlsx,json,parquet,sqlite"
EXPORT_FILES = ("tables.xlsx", "tables.sqlite", "*.json", "*.parquet")
# JSON files every report writes.
REPORT_JSON = {"comparison.json", "manifest.json"}
_STAGE_LINE = re.compile(r"^(?P<stage>[\w -]+): (?P<count>[\d,]+) (?P<unit>\S+) in (?P<seconds>[\d.]+) s")
_SIZE = re.compile(r"^(?P<number>\d+(?:\.\d+)?)(?P<suffix>[kKmM]?)$")


def parse_size(text: str) -> int:
    """Characters from ``0.5M``, ``500k`` or ``500000``."""
    match = _SIZE.match(text.strip())
    if match is None:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size such as 0.5M, 500k or 500000")
    return int(float(match["number"]) * {"": 1, "k": 1_000, "m": 1_000_000}[match["suffix"].lower()])


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float
    stages: dict[str, float]
    export_mb: float
    status: int


def run_report(corpus: Path, out: Path, cache: Path, extra: list[str]) -> Run:
    """`stance report corpus --out out` as a child process with ``STANCE_CACHE_DIR=cache``."""
    env = {**os.environ, "STANCE_CACHE_DIR": str(cache)}
    command = [sys.executable, "-m", "stance", "report", str(corpus), "--out", str(out), *extra]
    with tempfile.TemporaryFile("w+", encoding="utf-8") as stderr:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr, env=env)
        # wait4 rather than getrusage(RUSAGE_CHILDREN): the latter keeps the largest child so far.
        _, wait_status, usage = os.wait4(child.pid, 0)
        child.returncode = status = os.waitstatus_to_exitcode(wait_status)
        seconds = time.perf_counter() - start
        stderr.seek(0)
        lines = stderr.read().splitlines()
    if status != 0:
        print("\n".join(lines[-5:]), file=sys.stderr)
    stages = {}
    for line in lines:
        match = _STAGE_LINE.match(line.strip())
        if match:
            stages[match["stage"]] = float(match["seconds"])
    exported = sum(
        p.stat().st_size for pattern in EXPORT_FILES for p in out.glob(pattern) if p.name not in REPORT_JSON
    )
    scale = 1 / 1024 if sys.platform != "darwin" else 1 / 2**20  # ru_maxrss: KiB on Linux
    return Run(seconds, usage.ru_maxrss * scale, stages, exported / 2**20, status)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="0.5M,2M", help="corpus sizes in characters (default 0.5M,2M)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="keep the corpora and reports in this folder")
    args = parser.parse_args(argv)
    sizes = [parse_size(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory(prefix="stance-bench-export-") as temporary:
        root = args.keep or Path(temporary)
        root.mkdir(parents=True, exist_ok=True)
        header = (
            f"{'corpus':>28} | {'export':>6} | {'wall':>7} | {'peak RSS':>9} | "
            f"{'render + write':>14} | {'export files':>12}"
        )
        print(header)
        print("-" * len(header))
        peaks: dict[tuple[int, bool], float] = {}
        for n_chars in sizes:
            articles = make_articles(n_chars)
            corpus = write_articles(articles, root / f"corpus-{n_chars}")
            label = f"{n_chars / 1e6:g}M chars, {len(articles):,} articles"
            for export in (False, True):
                tag = "export" if export else "plain"
                extra = ["--workers", str(args.workers), *(["--export", EXPORT] if export else [])]
                run = run_report(
                    corpus, root / f"out-{n_chars}-{tag}", root / f"cache-{n_chars}-{tag}", extra
                )
                if run.status != 0:
                    print(f"{label}: stance report exited with {run.status}", file=sys.stderr)
                    return 1
                peaks[n_chars, export] = run.peak_mb
                late = run.stages.get("render", 0.0) + run.stages.get("write", 0.0)
                print(
                    f"{label:>28} | {'yes' if export else 'no':>6} | {run.seconds:6.1f}s | "
                    f"{run.peak_mb:6.0f} MB | {late:12.1f} s | {run.export_mb:9.1f} MB",
                    flush=True,
                )
        if len(sizes) > 1:
            small, large = min(sizes), max(sizes)
            for export in (False, True):
                growth = peaks[large, export] / peaks[small, export]
                print(
                    f"peak memory from {small / 1e6:g}M to {large / 1e6:g}M characters "
                    f"({large / small:g} times the text), {'with' if export else 'without'} --export: "
                    f"{growth:.2f} times"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
