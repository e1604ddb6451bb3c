"""The scorer's records and shared names: the public :class:`TargetScore` row, the column names
of ``mentions.csv``, the content categories and the dimension each scores, and the working
records one sentence passes between the stages (slots, topics, per-target tallies)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from stance.measure.mentions import Alias

CUES_LEXICON = "stance_cues"
CUES_KIND = "cues"
AUTHOR = "author"
UNNAMED = "unnamed"
MENTION_COLUMNS = (
    "article_id",
    "sentence_index",
    "target",
    "alias",
    "evaluation",
    "potency",
    "cues",
    "speaker",
    "inherited",
    "position",
)
# Where a sentence stands in its article, for the article score: the headline and the lede (the
# first body sentences) are what a reader takes away first, so they weigh more.
HEADLINE, LEDE, BODY = "headline", "lede", "body"
LEDE_SENTENCES = 2
CONTENT = ("evaluation", "potency", "dependence", "comparison", "control", "appraisal")
# The categories whose terms are split off either end of a longer token (限制 in 限制出口): the
# content cues, and the restrictive measures that score when negated, relaxed or overcome.
EDGE_CATEGORIES = (*CONTENT, "measure")
# The relational categories: the other party of the cue gets the opposite sign.
RELATIONAL = ("dependence", "comparison", "control")
# The dimension each content category scores.
DIMENSION = {
    "evaluation": "evaluation",
    "appraisal": "evaluation",
    "potency": "potency",
    "dependence": "potency",
    "comparison": "potency",
    "control": "potency",
}


# Opening quotation marks and the marks that close them (所谓“…”, 美元“武器化”).
QUOTE_PAIRS = {"“": "”", '"': '"', "「": "」", "『": "』"}
# The tokens that end a clause.
CLAUSE_BREAKS = frozenset({",", ";", ":", "，", "；", "：", "。", "!", "?", "！", "？", "…"})


@dataclass(frozen=True, slots=True)
class TargetScore:
    """One target in one sentence: its evaluation and potency in [-1, 1], the cues behind them,
    who says it (``author`` or the quoted person/body), whether the target was inherited, and
    where the sentence stands (headline, lede or body)."""

    article_id: str
    sentence_index: int
    target: str
    alias: str
    evaluation: float
    potency: float
    cues: tuple[str, ...]
    speaker: str
    inherited: bool
    position: str = BODY

    def as_row(self) -> dict[str, object]:
        """The row of ``mentions.csv`` (cues joined with "; ")."""
        return {
            "article_id": self.article_id,
            "sentence_index": self.sentence_index,
            "target": self.target,
            "alias": self.alias,
            "evaluation": self.evaluation,
            "potency": self.potency,
            "cues": "; ".join(self.cues),
            "speaker": self.speaker,
            "inherited": self.inherited,
            "position": self.position,
        }


@dataclass(slots=True)
class _Slot:
    """A unit of the sentence with what the lexicons say about it."""

    text: str  # normalised
    written: str  # as in the original text
    alias: Alias | None
    cues: dict[str, float]
    clause: int = 0
    speaker: str = AUTHOR
    # True for the slots that name who speaks (Mr. Lee, a US official, said): they are neither
    # the author's statement nor the speaker's
    attribution: bool = False
    # True for the slots of the clause that holds what the speaker says (said X, "X," he said);
    # a later clause after it may be the author's comment (..., 此举是讹诈)
    voiced: bool = False
    oblique: str = ""  # the marker before a mention that makes it non-subject
    group: int = -1  # coordinated mentions share a group
    excluded_by: int = -1  # the slot of the word that excludes this mention (not, 而非), or -1
    # True for a perfect auxiliary after an attempt noun in its clause: what follows is the
    # undertaking's outcome (US efforts to rally allies have paid off), not the attempt
    outcome: bool = False
    # (marker, weight) of what reverses the slot's cue as a whole: a rhetorical question over it,
    # or English scare quotes around it
    rhetorical: tuple[str, float] | None = None
    # (marker slot, weight, urged mention slot or -1) of an exhortation (敦促, urge) over it
    urged: tuple[int, float, int] | None = None


@dataclass(frozen=True)
class _Topic:
    targets: tuple[str, ...]
    weight: float


@dataclass
class _Context:
    """What one sentence passes to the next within an article."""

    topic: _Topic | None = None
    last_speaker: str = ""


@dataclass
class _Tally:
    values: dict[str, float] = field(default_factory=lambda: {"evaluation": 0.0, "potency": 0.0})
    cues: list[str] = field(default_factory=list)
    by_speaker: dict[str, float] = field(default_factory=lambda: defaultdict(float))


@dataclass(frozen=True, slots=True)
class _ClauseGains:
    """What a sentence's clauses did, for the passes that read one clause against the rest: each
    clause's slots (by clause number), the potency each clause added per target, each clause's
    weight, and the slot of the word that opens a counterfactual need (离了, without), by clause
    number, for the clauses that have one."""

    clauses: dict[int, list[int]]
    gains: list[dict[str, float]]
    factors: list[float]
    needs: dict[int, int]
