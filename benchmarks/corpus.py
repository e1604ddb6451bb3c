"""The benchmark corpus: a large, reproducible synthetic corpus built from the seed articles.

Sentences are recombined clause by clause with a seeded random generator, so the corpus has the
vocabulary and punctuation of real news text at any size, without shipping or downloading data.
:func:`make_sentences` gives loose sentences; :func:`make_articles` gives whole articles (headings,
paragraphs, some page furniture) over eight sources, and :func:`write_articles` a corpus folder
for ``stance report``.
"""

from __future__ import annotations

import csv
import random
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
_CLAUSE = re.compile(r"[^,，;；。！？!?]+[,，;；]?")


@lru_cache(maxsize=1)
def _clauses() -> tuple[str, ...]:
    from stance.text.normalise import normalise_text

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


# -- whole articles --------------------------------------------------------------------------

BENCH_SOURCES = 8
_SENTENCE_END = re.compile(r"[。！？!?…”’」』）)\"']*$")
_CLAUSE_SEP = re.compile(r"[,，;；]$")


@dataclass(frozen=True)
class SeedMaterial:
    """What the seed articles are made of, read with stance's own rules: the body sentences
    (furniture, headings and repeated paragraphs set aside), the headings, the furniture lines,
    and the outlet kinds of the seed sources."""

    sentences: tuple[str, ...]
    headings: tuple[str, ...]
    furniture: tuple[str, ...]
    outlet_kinds: tuple[str, ...]


@lru_cache(maxsize=1)
def seed_material() -> SeedMaterial:
    from stance.corpus.furniture import FurnitureRules, mark_furniture
    from stance.corpus.read import iter_lines, read_corpus
    from stance.corpus.records import KIND_BODY, KIND_FURNITURE, KIND_HEADING
    from stance.lexicon import load_lexicons
    from stance.text.sentences import split_sentences

    rules = FurnitureRules.from_lexicon(load_lexicons()["furniture"])
    sentences, headings, furniture, kinds = [], [], [], []
    for document in read_corpus(SEEDS):
        kinds.append(document.outlet_kind)
        for block in mark_furniture(list(iter_lines(document)), rules):
            if block.kind == KIND_BODY:
                sentences.extend(s for s in split_sentences(block.text) if len(s) > 3)
            elif block.kind == KIND_HEADING:
                headings.append(block.text)
            elif block.kind == KIND_FURNITURE:
                furniture.append(block.text)
    return SeedMaterial(tuple(sentences), tuple(headings), tuple(furniture), tuple(sorted(set(kinds))))


@dataclass(frozen=True)
class BenchArticle:
    article_id: str
    source: str
    outlet_kind: str
    text: str


def _mixed_sentence(rng: random.Random, material: SeedMaterial) -> str:
    """A seed sentence whose clauses after the first are each, with probability 1/2, swapped for
    a clause of another seed sentence, so that nearly every sentence is new (the segmenter's
    per-sentence memo does not make a large corpus cheap) while its end punctuation, quotes and
    register stay those of news text."""
    sentence = rng.choice(material.sentences)
    ending = _SENTENCE_END.search(sentence).group()
    clauses = re.findall(r"[^,，;；]+[,，;；]?", sentence[: len(sentence) - len(ending)])
    for i in range(1, len(clauses)):
        if rng.random() < 0.5:
            other = rng.choice(material.sentences)
            other_clauses = re.findall(r"[^,，;；。！？!?]+", other)
            separator = _CLAUSE_SEP.search(clauses[i])
            clauses[i] = rng.choice(other_clauses).strip() + (separator.group() if separator else "")
    return "".join(clauses) + ending


def make_articles(n_chars: int, *, seed: int = 0, sources: int = BENCH_SOURCES) -> list[BenchArticle]:
    """Articles of ``n_chars`` characters in all (the last one may overshoot), spread over
    ``sources`` sources, resampled from the seed articles with a seeded generator: each has a seed
    heading, 1,500 to 8,000 characters of paragraphs of one to five sentences
    (:func:`_mixed_sentence`), and, one time in three, a seed furniture line at the end. The same
    arguments give the same articles."""
    rng = random.Random(seed)
    material = seed_material()
    names = [f"Bench source {chr(ord('A') + i)}" for i in range(sources)]
    kinds = {name: material.outlet_kinds[i % len(material.outlet_kinds)] for i, name in enumerate(names)}
    articles: list[BenchArticle] = []
    total = 0
    while total < n_chars:
        target = rng.randint(1500, 8000)
        lines = [rng.choice(material.headings)]
        length = len(lines[0])
        while length < target:
            paragraph = "".join(_mixed_sentence(rng, material) for _ in range(rng.randint(1, 5)))
            lines.append(paragraph)
            length += len(paragraph) + 1
        if rng.random() < 1 / 3:
            lines.append(rng.choice(material.furniture))
        text = "\n".join(lines) + "\n"
        source = rng.choice(names)
        articles.append(BenchArticle(f"bench-{len(articles):06d}", source, kinds[source], text))
        total += len(text)
    return articles


def write_articles(articles: list[BenchArticle], folder: Path) -> Path:
    """One .txt file per article and a corpus.csv manifest in ``folder``; returns ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for article in articles:
        name = f"{article.article_id}.txt"
        (folder / name).write_text(article.text, encoding="utf-8")
        rows.append((name, article.article_id, article.source, article.outlet_kind, "zh"))
    with (folder / "corpus.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["file", "article_id", "source", "outlet_kind", "language"])
        writer.writerows(rows)
    return folder
