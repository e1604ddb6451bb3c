"""The typed records of a worksheet: what the exercise builders make and the renderers read.

Every piece of text a teacher or student reads besides the articles is a :class:`Wording` (the
same sentence in Chinese and in English), so ``--lang`` only chooses which to show. Article text
is never translated or converted: a :class:`Line` holds it as written.
"""

from __future__ import annotations

from dataclasses import dataclass, field

LANGS = ("zh", "en")
LANG_CHOICES = ("zh", "en", "both")
LEVELS = ("intro", "advanced")
# The kinds of exercise, in the order a worksheet asks them.
KINDS = ("naming", "figures", "framing", "words", "stance", "claims", "voice")


@dataclass(frozen=True)
class Wording:
    """One piece of instruction text, in Chinese and in English."""

    zh: str
    en: str

    def pick(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    def __add__(self, other: Wording) -> Wording:
        """The two wordings one after the other (a space between them in English)."""
        return Wording(self.zh + other.zh, f"{self.en} {other.en}".strip())


@dataclass(frozen=True, order=True)
class Cite:
    """One sentence of the corpus: the sentence numbers are ``sentence_index`` as in the report's
    tables (sentences.csv, mentions.csv) and its articles view."""

    article_id: str
    sentence_index: int


@dataclass(frozen=True)
class Line:
    """A sentence as the worksheet prints it: its number, its text as written, and its kind
    (body, heading, or furniture and duplicate, which the analysis sets aside)."""

    index: int
    text: str
    kind: str

    @property
    def is_content(self) -> bool:
        return self.kind in ("body", "heading")


@dataclass(frozen=True)
class ArticleText:
    """One article of the worksheet: ``key`` is the letter students cite it by (its source's
    letter, with a number when the source has several articles)."""

    key: str
    article_id: str
    source: str
    label: str
    published: str
    language: str
    script: str
    lines: tuple[Line, ...]
    # The same lines converted to simplified script (traditional articles, on request only).
    simplified: tuple[Line, ...] = ()


@dataclass(frozen=True)
class Evidence:
    """A sentence the answer rests on, and what in it shows the answer (a name, a figure or a
    word as written in the sentence; empty when the whole sentence is the evidence)."""

    cite: Cite
    key: str
    text: str
    shows: str = ""
    note: Wording | None = None


@dataclass(frozen=True)
class Score:
    """One of the tool's numbers, with its 95% interval when it has one, the sentences it rests
    on and its flag (``small_n``: too few sentences to say much)."""

    label: Wording
    value: float
    low: float | None = None
    high: float | None = None
    n: int | None = None
    flag: str = ""
    # "%" for a share given in percent; "" for a plain number.
    unit: str = ""


@dataclass(frozen=True)
class Answer:
    """The answer key's part of an exercise: the expected answer in words, the sentences that
    back it, the tool's numbers, and where the tool may be wrong."""

    expected: tuple[Wording, ...]
    evidence: tuple[Evidence, ...]
    scores: tuple[Score, ...] = ()
    caveats: tuple[Wording, ...] = ()


@dataclass(frozen=True)
class GridPoint:
    """An outlet on a stance grid: where the tool places it, with its intervals."""

    key: str
    evaluation: float
    potency: float
    evaluation_interval: tuple[float, float]
    potency_interval: tuple[float, float]


@dataclass(frozen=True)
class Grid:
    """The empty stance grid students fill in (its axes name the target); the key draws the
    tool's points on it."""

    target: Wording
    keys: tuple[str, ...]
    points: tuple[GridPoint, ...] = ()


@dataclass(frozen=True)
class Exercise:
    """One exercise: what students read and fill in, and the key's answer.

    ``rows`` are the given cells of the table students fill in (``columns`` names every column:
    the given ones first, then ``blank_columns`` empty ones to write in)."""

    kind: str
    title: Wording
    prompt: Wording
    cites: tuple[Cite, ...]
    answer: Answer
    columns: tuple[Wording, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    blank_columns: int = 0
    # Options students choose from (frame names), when the exercise offers them.
    choices: tuple[Wording, ...] = ()
    grid: Grid | None = None
    # Lines for a written answer below the table.
    answer_lines: int = 2


@dataclass(frozen=True)
class Worksheet:
    """A worksheet and its answer key for one corpus."""

    title: str
    level: str
    sources: tuple[tuple[str, str], ...]
    articles: tuple[ArticleText, ...]
    exercises: tuple[Exercise, ...]
    # What the key's method note says: the run's seed, minimum sentences and lexicon versions.
    settings: dict = field(default_factory=dict)
