"""Segmentation speed and engine agreement on the benchmark corpus.

    python benchmarks/bench_segment.py [N_SENTENCES]

Prints characters per second for jieba and rjieba (each with every lexicon term added, cache
off), the share of sentences on which their tokens agree, and the speed of a cached re-run.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpus import make_sentences
from stance.lexicon import load_lexicons
from stance.pipeline import lexicon_terms
from stance.text.segment import Segmenter


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    texts = make_sentences(n, seed=1)
    chars = sum(len(t) for t in texts)
    terms = lexicon_terms(load_lexicons())
    results = {}
    for engine in ("jieba", "rjieba"):
        seg = Segmenter(terms, engine=engine)
        seg.cut("预热")  # build the dictionary outside the timed loop
        start = time.perf_counter()
        results[engine] = [seg._cut_uncached(t) for t in texts]
        elapsed = time.perf_counter() - start
        print(
            f"{engine:7s} {chars / elapsed / 1e6:6.3f} M chars/s  ({n} sentences, {chars} chars, {elapsed:.2f} s)"
        )
    agree = sum(a == b for a, b in zip(results["jieba"], results["rjieba"], strict=True))
    print(f"agreement: {agree}/{n} sentences identical ({100 * agree / n:.2f}%)")
    with tempfile.TemporaryDirectory() as cache:
        first = Segmenter(terms, engine="jieba", cache_dir=Path(cache))
        first.cut_many(texts)
        first.save_cache()
        start = time.perf_counter()
        Segmenter(terms, engine="jieba", cache_dir=Path(cache)).cut_many(texts)
        elapsed = time.perf_counter() - start
        print(f"cached re-run: {chars / elapsed / 1e6:6.3f} M chars/s (loading the cache included)")


if __name__ == "__main__":
    main()
