"""The benchmark corpus: a large, reproducible synthetic corpus built from the seed articles.

Sentences are recombined clause by clause with a seeded random generator, so the corpus has the
vocabulary and punctuation of real news text at any size, without shipping or downloading data.
"""

from __future__ import annotations

import random
import re
from functools import lru_cache
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
_CLAUSE = re.compile(r"[^,，;；。！？!?]+[,，;；]?")


@lru_cache(maxsize=1)
def _clauses() -> tuple[str, ...]:
    from stance.normalise import normalise_text

    clauses = []
    for path in sorted(SEEDS.glob("*.txt")):
        for line in path.read_text("utf-8").splitlines():
            clauses.extend(c.strip() for c in _CLAUSE.findall(normalise_text(line)) if len(c.strip()) > 3)
    return tuple(clauses)


def make_sentences(n: int, *, seed: int = 0) -> list[str]:
    """``n`` synthetic sentences of two to four recombined clauses each."""
    rng = random.Random(seed)
    pool = _clauses()
    sentences = []
    for _ in range(n):
        parts = [rng.choice(pool).rstrip(",，;；") for _ in range(rng.randint(2, 4))]
        sentences.append(",".join(parts) + "。")
    return sentences
