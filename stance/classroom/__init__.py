"""Classroom worksheets: exercises generated from what the analysis found in a corpus (names,
conflicting figures, frames, distinctive words, stance, opposing claims, reported speech), each
citing sentence numbers, with an answer key holding the evidence, the tool's scores and where it
may be wrong. ``stance worksheet`` calls :func:`run_worksheet`.
"""

from stance.classroom.analysis import Analysis, analyse_corpus
from stance.classroom.build import build_worksheet
from stance.classroom.claims import ClaimCard, claim_cards
from stance.classroom.records import (
    KINDS,
    LANG_CHOICES,
    LEVELS,
    Answer,
    ArticleText,
    Cite,
    Evidence,
    Exercise,
    Score,
    Wording,
    Worksheet,
)
from stance.classroom.render import render_key, render_worksheet
from stance.classroom.run import WorksheetRun, run_worksheet, worksheet_files

__all__ = [
    "KINDS",
    "LANG_CHOICES",
    "LEVELS",
    "Analysis",
    "Answer",
    "ArticleText",
    "Cite",
    "ClaimCard",
    "Evidence",
    "Exercise",
    "Score",
    "Wording",
    "Worksheet",
    "WorksheetRun",
    "analyse_corpus",
    "build_worksheet",
    "claim_cards",
    "render_key",
    "render_worksheet",
    "run_worksheet",
    "worksheet_files",
]
