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


def _at_least_one(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} is less than 1; give 1 or more")
    return value


def add_workers(parser: argparse.ArgumentParser, *, help_prefix: str = "") -> None:
    """``--workers N`` or ``--scheduler ADDRESS``: where the per-article work runs (one or the
    other; the results are the same bytes either way). Pass them on with :func:`execution`."""
    from .config import default_workers

    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--workers",
        type=_at_least_one,
        default=None,
        metavar="N",
        help=f"{help_prefix}analyse the articles in N worker processes; 1 runs them in this process "
        f"(default: one per core, {default_workers()} here)",
    )
    where.add_argument(
        "--scheduler",
        default=None,
        metavar="ADDRESS",
        help=f"{help_prefix}analyse the articles on the Dask cluster whose scheduler is at ADDRESS "
        "(tcp://HOST:8786) instead of local processes",
    )


def execution(args: argparse.Namespace) -> dict:
    """The :class:`~stance.config.RunConfig` settings :func:`add_workers` asked for: only those
    given, so the rest keep the config's defaults."""
    given = {"workers": args.workers, "scheduler": args.scheduler}
    return {name: value for name, value in given.items() if value is not None}


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
