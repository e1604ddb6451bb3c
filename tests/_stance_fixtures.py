"""Shared helpers for the stance scorer tests: the bundled targets and cue lexicons (Chinese and
English) and a private segmenter that knows their terms (built once per test session)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from stance.corpus.records import Article, Sentence
from stance.lexicon import Lexicon, load_lexicon
from stance.measure.polarity import build_scorer, score_text
from stance.text.normalise import normalise_text
from stance.text.segment import Segmenter

LEXICONS = Path(__file__).resolve().parent.parent / "lexicons"


@lru_cache(maxsize=1)
def lexicons() -> dict[str, Lexicon]:
    return {name: load_lexicon(LEXICONS / name) for name in ("targets", "stance_cues", "stance_cues_en")}


@lru_cache(maxsize=1)
def segmenter() -> Segmenter:
    return Segmenter(build_scorer(lexicons()).terms, engine="jieba")


def score(text: str, target: str | None = None):
    return score_text(text, target, lexicons(), segmenter())


def article(*texts: str, article_id: str = "a1") -> Article:
    sentences = tuple(
        Sentence(article_id, i, "body", t, normalise_text(t), segmenter().cut(normalise_text(t)))
        for i, t in enumerate(texts)
    )
    return Article(article_id, "src", "", "zh", "simplified", "", "", "", "", "utf-8", sentences)
