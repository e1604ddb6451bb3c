"""Segmentation speed and engine agreement on the benchmark corpus.

    python benchmarks/bench_segment.py [N_SENTENCES]

Prints characters per second for jieba and rjieba (each with every lexicon term added, cache
off), the share of sentences on which their tokens agree, and the time of ``cut_many`` with no
cache, a cold cache and a warm one.
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
    # The cache: cut_many with no cache, a cold cache (cutting and writing) and a warm one (a new
    # segmenter reading every sentence from the file), jieba, dictionary built beforehand.
    with tempfile.TemporaryDirectory() as cache:
        timings = {}
        for label, folder in (("no cache", None), ("cold cache", Path(cache)), ("warm cache", Path(cache))):
            seg = Segmenter(terms, engine="jieba", cache_dir=folder)
            seg._jieba  # noqa: B018 (the dictionary, outside the timed part)
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
