"""Wall time of the per-article work and of the whole report with 1 and 2 workers, on a corpus
of about 1M characters resampled from the seeds (benchmarks/corpus.py), and a check that both
give the same bytes. Prints figures; it is not a test.

    python benchmarks/bench_parallel.py [--chars 1000000] [--workers 1,2] [--articles-only]

Every run starts from an empty segmentation cache, so the figures include segmenting.
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpus import make_sentences
from stance.config import RunConfig
from stance.corpus.read import read_corpus
from stance.lexicon import load_lexicons
from stance.output.spool import Spool
from stance.pipeline import SPOOLED_TABLES, Pool, iter_article_digests, run_report
from stance.progress import LineProgress

SOURCES = ("wire", "portal", "blog", "overseas")


def write_corpus(folder: Path, n_chars: int, *, seed: int = 0, article_chars: int = 2500) -> Path:
    """A folder of articles of about ``article_chars`` characters each (a title, then paragraphs
    of three sentences), ``n_chars`` in all, spread over four sources, with a corpus.csv."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    written, number = 0, 0
    while written < n_chars:
        sentences = make_sentences(max(3, article_chars // 45), seed=seed * 100_003 + number)
        title = sentences[0].rstrip("。")[:20]
        paragraphs = ["".join(sentences[i : i + 3]) for i in range(1, len(sentences), 3)]
        text = "\n\n".join([title, *paragraphs]) + "\n"
        name = f"{number:05d}.txt"
        (folder / name).write_text(text, encoding="utf-8")
        rows.append((name, f"a{number:05d}", rng.choice(SOURCES)))
        written += len(text)
        number += 1
    with (folder / "corpus.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["file", "article_id", "source"])
        writer.writerows(rows)
    return folder


def cpu_seconds() -> float:
    """User and system CPU time of this process and of its finished worker processes."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def time_articles(corpus: Path, workers: int, cache: Path) -> tuple[float, float]:
    """Wall and CPU seconds of the per-article work (reading excluded)."""
    config = RunConfig(workers=workers, cache_dir=cache)
    lexicons = load_lexicons()
    documents = read_corpus(corpus)
    start, cpu = time.perf_counter(), cpu_seconds()
    with Spool(SPOOLED_TABLES) as spool:
        pool = Pool(spool, config)
        for digest in iter_article_digests(documents, lexicons, config):
            pool.add(digest)
    return time.perf_counter() - start, cpu_seconds() - cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=1_000_000)
    parser.add_argument("--workers", default="1,2", help="comma-separated worker counts")
    parser.add_argument("--articles-only", action="store_true", help="time the per-article work only")
    args = parser.parse_args(argv)
    counts = [int(n) for n in args.workers.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        corpus = write_corpus(root / "corpus", args.chars)
        n_chars = sum(len(p.read_text("utf-8")) for p in corpus.glob("*.txt"))
        print(f"corpus: {len(list(corpus.glob('*.txt')))} articles, {n_chars:,} characters")
        outputs = {}
        for workers in counts:
            seconds, cpu = time_articles(corpus, workers, root / f"cache-a{workers}")
            print(
                f"per-article work, {workers} worker(s): {seconds:.1f} s wall, {cpu:.1f} s CPU "
                f"({n_chars / seconds:,.0f} chars/s)"
            )
            if args.articles_only:
                continue
            out = root / f"out{workers}"
            start, cpu = time.perf_counter(), cpu_seconds()
            run_report(
                corpus,
                out,
                RunConfig(workers=workers, cache_dir=root / f"cache-r{workers}"),
                progress=LineProgress(sys.stdout),
            )
            print(
                f"whole report, {workers} worker(s): {time.perf_counter() - start:.1f} s wall, "
                f"{cpu_seconds() - cpu:.1f} s CPU"
            )
            outputs[workers] = {p.name: p.read_bytes() for p in sorted(out.iterdir())}
        if len(outputs) > 1:
            first, *rest = outputs.values()
            same = all(other == first for other in rest)
            print("outputs byte-identical:", "yes" if same else "NO")
    return 0


if __name__ == "__main__":
    sys.exit(main())
