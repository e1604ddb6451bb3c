"""``stance worksheet``: argument parsing and printing only; the work is
:func:`stance.classroom.run_worksheet`.

``stance.cli.main`` calls :func:`add_subparsers`; the handler returns an exit code and lets a
:class:`~stance.errors.StanceError` propagate, which ``main`` prints on one line.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from stance.cli.common import add_common
from stance.config import RunConfig

# stance.classroom.records.LEVELS and LANG_CHOICES, written out so that building the parser
# imports none of the classroom package (and so none of pandas); a test checks they agree.
LEVELS = ("intro", "advanced")
LANG_CHOICES = ("zh", "en", "both")


def add_subparsers(subparsers: argparse._SubParsersAction) -> None:
    """Add ``worksheet`` to the ``stance`` command."""
    sheet = subparsers.add_parser(
        "worksheet",
        help="write a classroom worksheet and its answer key from a corpus",
        description="Analyse CORPUS as `stance report` does and write a student worksheet (the "
        "articles side by side with sentence numbers, then exercises drawn from what the analysis "
        "found: names, conflicting figures, frames, distinctive words, stance, opposing claims, "
        "reported speech) and a teacher's answer key (evidence sentences, the tool's scores with "
        "their intervals, where the tool may be wrong), as HTML that prints to A4, and as PDF when "
        "WeasyPrint or Chromium is installed.",
    )
    sheet.add_argument(
        "corpus",
        nargs="?",
        type=Path,
        default=None,
        metavar="CORPUS",
        help="a folder of articles (with an optional corpus.csv), one article file, or a JSONL/CSV "
        "table; at most 6 articles (default: the bundled seed corpus)",
    )
    sheet.add_argument(
        "--out",
        type=Path,
        default=Path("worksheet"),
        metavar="DIR",
        help="output folder (default: ./worksheet)",
    )
    sheet.add_argument(
        "--level",
        choices=LEVELS,
        default="intro",
        help="intro: fewer exercises, short questions; advanced: more exercises, each with a further "
        "question (default: intro)",
    )
    sheet.add_argument(
        "--lang",
        choices=LANG_CHOICES,
        default="both",
        help="language of the instructions and the key; article text stays as written (default: both)",
    )
    sheet.add_argument(
        "--simplified-copy",
        action="store_true",
        help="add a simplified-script copy of each traditional-script article (converted with OpenCC)",
    )
    sheet.add_argument(
        "--no-pdf",
        action="store_true",
        help="write the HTML pages only, even when a PDF renderer is installed",
    )
    add_common(sheet)
    sheet.set_defaults(handler=cmd_worksheet)


def cmd_worksheet(args: argparse.Namespace) -> int:
    from stance.classroom import run_worksheet

    run = run_worksheet(
        args.corpus,
        args.out,
        RunConfig(lexicon_dirs=tuple(args.lexicons or ())),
        level=args.level,
        lang=args.lang,
        simplified_copy=args.simplified_copy,
        pdf=not args.no_pdf,
    )
    n = len(run.worksheet.exercises)
    print(f"wrote {len(run.written)} files to {args.out}: {n} exercise{'s' if n != 1 else ''}")
    if not args.no_pdf and not run.pdf:
        print("no PDF: install WeasyPrint or Chromium, or print worksheet.html from a browser (A4)")
    if n == 0:
        # The pages say so too; a teacher should not find out in front of the class.
        print(
            "warning: the analysis found nothing in these articles to build an exercise on (no naming "
            "difference, figure conflict, opposing claims...); try articles from outlets that disagree.",
            file=sys.stderr,
        )
    return 0
