"""Per-stage time on one long line without sentence punctuation: does each stage stay linear?

    python benchmarks/bench_bounded.py [N_CHARS ...]      (default: 10000 100000 1000000)

The line is news text from the seed articles with every punctuation mark removed (a scraped page
flattened to one line), one article of N_CHARS characters. The splitter cuts it into pieces of
at most ``stance.text.sentences.MAX_SENTENCE_CHARS`` characters; the stages after it work one piece
at a time. Printed per stage and size: seconds, microseconds per character, and that figure
divided by the one of the smallest size. A stage that grows linearly keeps the ratio near 1; a
quadratic one multiplies it by the size factor (10 per row).

Stages: ``split`` (stance.text.sentences.split_sentences), ``segment`` (normalise and cut every piece,
cache off), ``build`` (the article as the pipeline builds it: furniture, split, normalise,
segment; its tokenizer already warm) and ``measure`` (frames, stance scores, figures and names of
the article: stance.pipeline.measure_article).
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpus import make_sentences
from stance.config import RunConfig
from stance.corpus.build import build_article
from stance.corpus.furniture import FurnitureRules
from stance.corpus.records import RawDocument
from stance.lexicon import load_lexicons
from stance.pipeline import ArticleTools, measure_article
from stance.text.normalise import normalise_text
from stance.text.segment import Segmenter
from stance.text.sentences import MAX_SENTENCE_CHARS, split_sentences

_PUNCTUATION = re.compile(r"[^\w\s%]")


def unpunctuated_line(n_chars: int, rules: FurnitureRules) -> str:
    """``n_chars`` characters of seed-like news text with no punctuation at all (sentences a
    furniture rule would take for page furniture, such as a copyright line, left out)."""
    parts, length, seed = [], 0, 0
    while length < n_chars:
        for sentence in make_sentences(2000, seed=seed):
            if rules.match(normalise_text(sentence)) is None:
                parts.append(_PUNCTUATION.sub("", sentence))
                length += len(parts[-1])
        seed += 1
    return "".join(parts)[:n_chars]


def _fresh_segmenter(warm: Segmenter) -> Segmenter:
    """A segmenter with an empty memo and ``warm``'s tokenizer (already built)."""
    segmenter = Segmenter(warm.terms, engine="jieba")
    segmenter._jieba = warm._jieba
    return segmenter


def _segment_all(segmenter: Segmenter, pieces: list[str]) -> list[tuple[str, ...]]:
    return [segmenter.cut(normalise_text(p)) for p in pieces]


def _timed(function, *args):
    start = time.perf_counter()
    result = function(*args)
    return result, time.perf_counter() - start


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [10_000, 100_000, 1_000_000]
    lexicons = load_lexicons()
    tools = ArticleTools.build(lexicons, RunConfig(cache_dir=None, workers=1))
    tools.segmenter.cut("预热")  # build the tokenizer outside the timed stages
    print(f"pieces of at most {MAX_SENTENCE_CHARS} characters")
    print(f"{'chars':>9}  {'stage':8} {'seconds':>8} {'us/char':>8} {'ratio':>6}")
    first: dict[str, float] = {}
    for n in sizes:
        line = unpunctuated_line(n, tools.rules)
        pieces, t_split = _timed(split_sentences, line)
        assert max(map(len, pieces)) <= MAX_SENTENCE_CHARS
        # Fresh segmenters per size, so no piece is served from the previous size's memo.
        _, t_segment = _timed(_segment_all, _fresh_segmenter(tools.segmenter), pieces)
        document = RawDocument(f"long-{n}", "bench", line, f"long-{n}.txt", "utf-8", "text")
        fresh = ArticleTools(tools.rules, _fresh_segmenter(tools.segmenter), tools.measures)
        article, t_build = _timed(build_article, document, fresh.rules, fresh.segmenter)
        assert all(s.kind == "body" for s in article.sentences), "the line must be read as body text"
        _, t_measure = _timed(measure_article, article, fresh.measures)
        for stage, seconds in (
            ("split", t_split),
            ("segment", t_segment),
            ("build", t_build),
            ("measure", t_measure),
        ):
            per_char = seconds / n * 1e6
            first.setdefault(stage, per_char)
            print(f"{n:>9,}  {stage:8} {seconds:8.3f} {per_char:8.3f} {per_char / first[stage]:6.2f}")
        print(f"{'':>9}  ({len(pieces)} pieces, {len(article.sentences)} sentences in the article)")


if __name__ == "__main__":
    main()
