"""Throughput of the rule-based stance scorer (stance/measure/polarity/), in sentences per second.

Uses the benchmark corpus (benchmarks/corpus.py: seed clauses recombined with a fixed seed),
50,000 sentences by default, in 1,000-sentence articles. The sentences are normalised and
segmented first (not timed); then ``score_article`` alone is timed. Prints figures; it is not
a test.

    python benchmarks/bench_scorer.py [--sentences 50000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpus import make_sentences
from stance.config import RunConfig
from stance.corpus.records import Article, Sentence
from stance.lexicon import load_lexicons
from stance.measure.polarity import build_scorer, score_article
from stance.pipeline import make_segmenter
from stance.text.normalise import normalise_text

PER_ARTICLE = 1000


def build_corpus(n_sentences: int, segmenter) -> list[Article]:
    texts = make_sentences(n_sentences, seed=0)
    corpus = []
    for start in range(0, len(texts), PER_ARTICLE):
        article_id = f"bench-{start // PER_ARTICLE:04d}"
        sentences = []
        for i, text in enumerate(texts[start : start + PER_ARTICLE]):
            norm = normalise_text(text)
            sentences.append(Sentence(article_id, i, "body", text, norm, segmenter.cut(norm)))
        corpus.append(
            Article(article_id, "bench", "", "zh", "simplified", "", "", "", "", "utf-8", tuple(sentences))
        )
    return corpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=50_000)
    args = parser.parse_args()
    lexicons = load_lexicons()
    with tempfile.TemporaryDirectory() as cache:
        segmenter = make_segmenter(lexicons, RunConfig(cache_dir=Path(cache)))
        start = time.perf_counter()
        corpus = build_corpus(args.sentences, segmenter)
        segment_s = time.perf_counter() - start
    n = sum(len(a.sentences) for a in corpus)

    start = time.perf_counter()
    build_scorer(lexicons)
    compile_s = time.perf_counter() - start
    start = time.perf_counter()
    rows = [r for a in corpus for r in score_article(a, lexicons)]
    score_s = time.perf_counter() - start

    print(
        f"corpus: {n} sentences in {len(corpus)} articles "
        f"(normalised and segmented in {segment_s:.1f} s, not timed)"
    )
    print(f"lexicons compiled in {compile_s:.3f} s")
    print(f"scored in {score_s:.2f} s: {n / score_s:,.0f} sentences/s")
    print(f"{len(rows)} target rows ({len(rows) / n:.2f} per sentence)")


if __name__ == "__main__":
    main()
