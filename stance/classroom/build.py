""":func:`build_worksheet`: the articles and the exercises of one worksheet, from an
:class:`~stance.classroom.analysis.Analysis`.

Each kind of exercise is asked only when the analysis found its finding in this corpus (a figure
conflict, a name one outlet uses and another does not, a disagreement between two outlets...);
nothing is filled with a placeholder. The level sets how many of each kind are asked.
"""

from __future__ import annotations

from dataclasses import dataclass

from stance.classroom.analysis import Analysis
from stance.classroom.claims import claim_exercises
from stance.classroom.figures import figure_exercises
from stance.classroom.framing import framing_exercises
from stance.classroom.grid import grid_exercises
from stance.classroom.naming import naming_exercises
from stance.classroom.records import LEVELS, ArticleText, Exercise, Line, Worksheet
from stance.classroom.voice import voice_exercises
from stance.classroom.words import word_exercises
from stance.text.normalise import to_simplified


@dataclass(frozen=True)
class Limits:
    """How many exercises of each kind a level asks (at most), and how many sentences a grid
    cites per outlet, the word exercise's words per outlet and the voice exercise's sentences per
    voice."""

    naming: int
    figures: int
    words: int
    grids: int
    grid_sentences: int
    claims: int
    quoted: int
    author: int


LIMITS = {
    "intro": Limits(naming=2, figures=1, words=2, grids=1, grid_sentences=2, claims=2, quoted=2, author=2),
    "advanced": Limits(naming=3, figures=2, words=3, grids=2, grid_sentences=3, claims=3, quoted=4, author=2),
}


def article_texts(analysis: Analysis, *, simplified_copy: bool = False) -> tuple[ArticleText, ...]:
    """Every article as the worksheet prints it (text as written); with ``simplified_copy``, each
    traditional-script article also carries a copy converted to simplified script with OpenCC
    (character by character, so the outlet's own words stay: 晶片 is not turned into 芯片)."""
    texts = []
    for a in analysis.articles:
        lines = tuple(Line(s.sentence_index, s.text, s.kind) for s in a.sentences)
        simplified = ()
        if simplified_copy and a.script == "traditional":
            simplified = tuple(Line(s.index, to_simplified(s.text), s.kind) for s in lines)
        texts.append(
            ArticleText(
                key=analysis.keys[a.article_id],
                article_id=a.article_id,
                source=a.source,
                label=a.label,
                published=a.published,
                language=a.language,
                script=a.script,
                lines=lines,
                simplified=simplified,
            )
        )
    return tuple(texts)


def build_exercises(analysis: Analysis, level: str) -> list[Exercise]:
    """The exercises of ``level`` the corpus supports, in the worksheet's order."""
    limits = LIMITS[level]
    advanced = level == "advanced"
    return [
        *naming_exercises(analysis, limits.naming, advanced=advanced),
        *figure_exercises(analysis, limits.figures, advanced=advanced),
        *framing_exercises(analysis, advanced=advanced),
        *word_exercises(analysis, per_source=limits.words, advanced=advanced),
        *grid_exercises(analysis, limits.grids, per_source=limits.grid_sentences, advanced=advanced),
        *claim_exercises(analysis, limits.claims, advanced=advanced),
        *voice_exercises(analysis, quoted=limits.quoted, author=limits.author, advanced=advanced),
    ]


def build_worksheet(
    analysis: Analysis, *, level: str = "intro", simplified_copy: bool = False, title: str = ""
) -> Worksheet:
    """The worksheet and answer key of one analysed corpus.

    ``level`` is ``intro`` (fewer exercises, shorter questions) or ``advanced`` (more exercises,
    each with a further question). ``title`` names the corpus on the sheet.
    """
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")
    sources = tuple(sorted(((k, s) for s, k in analysis.source_keys.items()), key=lambda ks: ks[0]))
    lexicons = ", ".join(f"{lex.name} {lex.version}" for _, lex in sorted(analysis.lexicons.items()))
    return Worksheet(
        title=title,
        level=level,
        sources=sources,
        articles=article_texts(analysis, simplified_copy=simplified_copy),
        exercises=tuple(build_exercises(analysis, level)),
        settings={
            "seed": analysis.config.seed,
            "min_sentences": analysis.config.min_sentences,
            "lexicons": lexicons,
        },
    )
