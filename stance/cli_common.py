"""Options every ``stance`` subcommand shares."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_common(parser: argparse.ArgumentParser) -> None:
    """``--lexicons DIR`` (repeatable) and ``--debug``, for commands that load lexicons."""
    parser.add_argument(
        "--lexicons",
        metavar="DIR",
        type=Path,
        action="append",
        default=None,
        help="add or override lexicons with DIR: one lexicon folder (with manifest.toml), or a "
        "folder of them (repeatable)",
    )
    add_debug(parser)


def add_debug(parser: argparse.ArgumentParser) -> None:
    """``--debug`` alone, for commands that load no lexicons (so offer no ``--lexicons``)."""
    parser.add_argument("--debug", action="store_true", help="show the traceback of an error")


def _non_negative(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not value >= 0:  # also refuses nan
        raise argparse.ArgumentTypeError(f"{text} is negative; give 0 or more")
    return value


def add_prior(parser: argparse.ArgumentParser) -> None:
    """``--prior-sentences K``: the article score's shrinkage toward 0 (see stance.aggregate)."""
    from .config import RunConfig

    parser.add_argument(
        "--prior-sentences",
        type=_non_negative,
        default=RunConfig.prior_sentences,
        metavar="K",
        help="article scores are shrunk toward 0 as if K neutral sentences were added; 0 gives the "
        "plain weighted mean of the sentences with evidence (default: %(default)s)",
    )


def add_engine(parser: argparse.ArgumentParser) -> None:
    """``--engine``: the segmentation engine."""
    parser.add_argument(
        "--engine",
        choices=("auto", "jieba", "rjieba"),
        default="auto",
        help="segmentation engine (default: auto)",
    )


def add_voices(parser: argparse.ArgumentParser, *, help_prefix: str = "") -> None:
    """``--voices``: whose statements count in the stance aggregates."""
    parser.add_argument(
        "--voices",
        choices=("all", "author"),
        default="all",
        help=f"{help_prefix}whose statements count in the article and source scores: all voices "
        "(reported speech at half weight), or the author only (reported speech dropped)",
    )
