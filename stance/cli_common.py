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
