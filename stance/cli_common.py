"""Options every ``stance`` subcommand shares."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_common(parser: argparse.ArgumentParser) -> None:
    """``--lexicons DIR`` (repeatable) and ``--debug``."""
    parser.add_argument(
        "--lexicons",
        metavar="DIR",
        type=Path,
        action="append",
        default=None,
        help="add or override lexicons with the ones in DIR (repeatable)",
    )
    parser.add_argument("--debug", action="store_true", help="show the traceback of an error")
