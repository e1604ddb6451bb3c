"""Segmentation speed and engine agreement on the benchmark corpus.

    python benchmarks/bench_segment.py [N_SENTENCES]

Prints characters per second for each engine (jieba, the default hybrid, rjieba; each with
every lexicon term added, cache off), the share of sentences on which each gives jieba's tokens,
and the time of ``cut_many`` with no cache, a cold cache and a warm one.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.bench_nlpcc import DEFAULT_DATA, TRAIN_FILE, post_texts
from benchmarks.corpus import make_sentences
from stance.lexicon import load_lexicons
from stance.pipeline import lexicon_terms
from stance.text.normalise import normalise_text
from stance.text.segment import Segmenter


def compare_engines(label: str, texts: list[str], terms: list[str]) -> None:
    """Speed of each engine on ``texts`` (every text new to it) and how often it gives jieba's tokens."""
    chars = sum(len(t) for t in texts)
    results = {}
    for engine in ("jieba", "hybrid", "rjieba"):
        seg = Segmenter(terms, engine=engine)
        seg.cut("预热")  # build the dictionaries outside the timed loop
        start = time.perf_counter()
        results[engine] = [seg._cut_uncached(t) for t in texts]
        elapsed = time.perf_counter() - start
        print(
            f"{label}: {engine:7s} {chars / elapsed / 1e6:6.3f} M chars/s  "
            f"({len(texts)} texts, {chars} chars, {elapsed:.2f} s)"
        )
    for engine in ("hybrid", "rjieba"):
        agree = sum(a == b for a, b in zip(results["jieba"], results[engine], strict=True))
        print(
            f"{label}: {engine} gives jieba's tokens on {agree}/{len(texts)} texts ({100 * agree / len(texts):.2f}%)"
        )


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    texts = make_sentences(n, seed=1)
    chars = sum(len(t) for t in texts)
    terms = lexicon_terms(load_lexicons())
    compare_engines("benchmark sentences", texts, terms)
    # Real text with other words and names than the seeds the benchmark corpus is made from.
    if (DEFAULT_DATA / TRAIN_FILE).is_file():
        compare_engines("NLPCC Weibo posts", [normalise_text(p) for p in post_texts()], terms)
    else:
        print(f"NLPCC Weibo posts: not found at {DEFAULT_DATA}; skipped")
    # The cache: cut_many with no cache, a cold cache (cutting and writing) and a warm one (a new
    # segmenter reading every sentence from the file), default engine, dictionaries built beforehand.
    with tempfile.TemporaryDirectory() as cache:
        timings = {}
        for label, folder in (("no cache", None), ("cold cache", Path(cache)), ("warm cache", Path(cache))):
            seg = Segmenter(terms, engine="auto", cache_dir=folder)
            seg._routes  # noqa: B018 (the dictionaries, outside the timed part)
            start = time.perf_counter()
            seg.cut_many(texts)
            seg.save_cache()
            timings[label] = time.perf_counter() - start
        print(
            "cut_many: "
            + ", ".join(
                f"{label} {t:.2f} s ({chars / t / 1e6:.2f} M chars/s)" for label, t in timings.items()
            )
        )


if __name__ == "__main__":
    main()
