"""Typed records passed between the per-document stages, and the column names of the tables.

Column names are defined here once; every table writer and reader uses these tuples.
"""

from __future__ import annotations

from dataclasses import dataclass

# Sentence kinds: body text, a heading (a short line without end punctuation), page furniture
# set aside by the rules in ``lexicons/furniture``, or a repeat of an earlier paragraph.
KIND_BODY = "body"
KIND_HEADING = "heading"
KIND_FURNITURE = "furniture"
KIND_DUPLICATE = "duplicate"
SENTENCE_KINDS = (KIND_BODY, KIND_HEADING, KIND_FURNITURE, KIND_DUPLICATE)
# The kinds whose text is article content and counts in scores.
CONTENT_KINDS = (KIND_BODY, KIND_HEADING)

# Article metadata, as the corpus manifest gives it and articles.csv reports it.
_METADATA_COLUMNS = ("article_id", "source", "outlet_kind", "language", "script", "published", "url", "label")
MANIFEST_COLUMNS = ("file", *_METADATA_COLUMNS)
REQUIRED_MANIFEST_COLUMNS = ("file", "article_id", "source")
# Readability (stance.measure.readability), NaN where the article's language is not the measure's.
READABILITY_COLUMNS = (
    "en_flesch_reading_ease",
    "en_flesch_kincaid_grade",
    "en_dale_chall",
    "zh_chars_per_sentence",
    "zh_words_per_sentence",
    "zh_uncommon_char_share",
)
ARTICLE_COLUMNS = (*_METADATA_COLUMNS, "n_chars", "n_sentences", "n_furniture", *READABILITY_COLUMNS)
SENTENCE_COLUMNS = ("article_id", "sentence_index", "kind", "text", "text_norm", "tokens", "frames")


@dataclass(frozen=True)
class RawDocument:
    """A document as read from disk: decoded text plus manifest metadata, before any splitting."""

    article_id: str
    source: str
    text: str
    path: str
    encoding: str
    fmt: str  # text | markdown | html | jsonl | csv
    outlet_kind: str = ""
    language: str = ""
    script: str = ""
    published: str = ""
    url: str = ""
    label: str = ""
    # Control characters (other than tab and newline) removed from the text and metadata.
    control_characters: int = 0


@dataclass(frozen=True)
class Block:
    """A paragraph-level unit of the document with its furniture decision."""

    text: str
    kind: str  # body | heading | furniture | duplicate
    reason: str = ""  # the furniture rule or the index of the paragraph it repeats


@dataclass(frozen=True)
class Sentence:
    article_id: str
    sentence_index: int
    kind: str
    text: str
    text_norm: str
    tokens: tuple[str, ...] = ()
    reason: str = ""

    @property
    def is_content(self) -> bool:
        return self.kind in CONTENT_KINDS


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    """What the comparison and the manifest keep of an article once it is measured: who it is,
    where it was read from, and the control characters removed from it."""

    article_id: str
    source: str
    path: str
    control_characters: int = 0


@dataclass(frozen=True)
class Article:
    article_id: str
    source: str
    outlet_kind: str
    language: str
    script: str
    published: str
    url: str
    label: str
    path: str
    encoding: str
    sentences: tuple[Sentence, ...]
    # Carried from RawDocument; manifest.json reports the corpus total.
    control_characters: int = 0

    @property
    def n_chars(self) -> int:
        """Characters of article content (body and headings), furniture excluded."""
        return sum(len(s.text) for s in self.sentences if s.is_content)

    @property
    def n_sentences(self) -> int:
        """Sentences of every kind, furniture included."""
        return len(self.sentences)

    @property
    def n_furniture(self) -> int:
        return sum(1 for s in self.sentences if s.kind == KIND_FURNITURE)

    @property
    def info(self) -> ArticleInfo:
        return ArticleInfo(self.article_id, self.source, self.path, self.control_characters)
