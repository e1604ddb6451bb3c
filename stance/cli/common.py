"""Options every ``stance`` subcommand shares."""

from __future__ import annotations

import argparse
import contextlib
import math
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

from stance.config import SEGMENTATION_ENGINES


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


class ArgumentParser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line, ``stance report: error: argument
    --similarity: ...``, exit 2, as every other error of the command (``--help`` shows usage).
    Sub-commands inherit it, as ``add_subparsers`` builds them with their parent's class."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {' '.join(message.split())}\n")


# Option values are checked while the arguments are parsed (argparse ``type=``), so a bad value
# stops the command before any work, with one line naming the option. Each check returns the
# parsed value or raises ArgumentTypeError, which argparse prints as ``argument --opt: <message>``.


def _number(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"{text} is not a finite number")
    return value


def _whole(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None


def finite_number(text: str) -> float:
    """Any finite number (``nan`` and ``inf`` are refused)."""
    return _number(text)


def non_negative(text: str) -> float:
    """A finite number, 0 or more."""
    value = _number(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text} is negative; give 0 or more")
    return value


def at_least_one(text: str) -> int:
    """A whole number, 1 or more."""
    value = _whole(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} is less than 1; give 1 or more")
    return value


def non_negative_whole(text: str) -> int:
    """A whole number, 0 or more."""
    value = _whole(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text} is negative; give 0 or more")
    return value


# numpy and scikit-learn take seeds from 0 to 2**32 - 1.
SEED_MAX = 2**32 - 1


def random_seed(text: str) -> int:
    """A random seed: a whole number from 0 to 2**32 - 1."""
    value = _whole(text)
    if not 0 <= value <= SEED_MAX:
        raise argparse.ArgumentTypeError(f"{text} is outside 0 to {SEED_MAX}; give a seed in that range")
    return value


def unit_interval(text: str) -> float:
    """A number from 0 to 1, both included (a similarity)."""
    value = _number(text)
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"{text} is outside 0 to 1; give a number from 0 to 1")
    return value


def score_threshold(text: str) -> float:
    """A score threshold: more than 0, at most 1 (scores lie in [-1, 1])."""
    value = _number(text)
    if not 0 < value <= 1:
        raise argparse.ArgumentTypeError(
            f"{text} is outside (0, 1]; give a number above 0 and at most 1 (scores lie in [-1, 1])"
        )
    return value


def add_workers(parser: argparse.ArgumentParser, *, help_prefix: str = "") -> None:
    """``--workers N`` or ``--scheduler ADDRESS``: where the per-article work runs (one or the
    other; the results are the same bytes either way). Pass them on with :func:`execution`."""
    from stance.config import default_workers

    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--workers",
        type=at_least_one,
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
    given, so the rest keep the config's defaults. More workers than cores are cut to one per
    core, with a warning: each is a whole process (some 200 MB) and the work is CPU-bound, so
    more run no faster, and hundreds could exhaust the memory."""
    from stance.config import default_workers
    from stance.errors import StanceWarning

    workers, cores = args.workers, default_workers()
    if workers is not None and workers > cores:
        warnings.warn(
            f"--workers {workers} is more than this machine's {cores} cores; using {cores} (more "
            "processes would run no faster and use more memory).",
            StanceWarning,
            stacklevel=2,
        )
        workers = cores
    given = {"workers": workers, "scheduler": args.scheduler}
    return {name: value for name, value in given.items() if value is not None}


def add_prior(parser: argparse.ArgumentParser) -> None:
    """``--prior-sentences K``: the article score's shrinkage toward 0 (see stance.measure.aggregate)."""
    from stance.config import RunConfig

    parser.add_argument(
        "--prior-sentences",
        type=non_negative,
        default=RunConfig.prior_sentences,
        metavar="K",
        help="article scores are shrunk toward 0 as if K neutral sentences were added; 0 gives the "
        "plain weighted mean of the sentences with evidence (default: %(default)s)",
    )


def add_engine(parser: argparse.ArgumentParser) -> None:
    """``--engine``: the segmentation engine."""
    parser.add_argument(
        "--engine",
        choices=SEGMENTATION_ENGINES,
        default="auto",
        help="segmentation engine: auto (the default) is hybrid, jieba's tokens with jieba-rs's "
        "dictionary pass; jieba is the reference, all Python; rjieba is faster still but its tokens differ",
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


@contextlib.contextmanager
def one_line_warnings() -> Iterator[None]:
    """Print each :class:`~stance.errors.StanceWarning` raised inside as one line on stderr,
    ``warning: <message>``, once per distinct message; other warnings are shown as Python
    shows them."""
    from stance.errors import StanceWarning

    with warnings.catch_warnings():
        warnings.simplefilter("default", StanceWarning)
        shown = warnings.showwarning

        def show(message, category, filename, lineno, file=None, line=None) -> None:
            if issubclass(category, StanceWarning):
                print(f"warning: {' '.join(str(message).split())}", file=sys.stderr)
            else:
                shown(message, category, filename, lineno, file, line)

        warnings.showwarning = show
        yield
