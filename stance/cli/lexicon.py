"""``stance lexicon ...``: check, lock, import and report on lexicons. Parses arguments, calls
:mod:`stance.lexicon.tools` and :mod:`stance.lexicon.workbench`, prints; nothing else.

Wire it into the main parser with ``add_subparsers(sub, add_common=_add_common)``.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from stance.cli.common import add_common as add_common_options
from stance.cli.common import add_debug, add_workers, execution, non_negative
from stance.resources import bundled_dir

AddCommon = Callable[[argparse.ArgumentParser], None]


def _dirs(args: argparse.Namespace) -> list[Path]:
    return list(args.dirs) if args.dirs else [bundled_dir("lexicons")]


def cmd_check(args: argparse.Namespace) -> int:
    from stance.lexicon.tools import check_lexicons

    overlays = list(args.lexicons or ())
    # With only --lexicons, the bundled lexicons are checked as part of the run's set.
    dirs = list(args.dirs) if args.dirs or overlays else [bundled_dir("lexicons")]
    result = check_lexicons(dirs, overlays=overlays)
    for problem in result.problems:
        print(problem)
    warnings = f", {len(result.warnings)} warning(s)" if result.warnings else ""
    if result.errors:
        print(f"{len(result.errors)} problem(s) found{warnings}")
        return 1
    print(f"ok: {len(result.directories)} lexicon(s) valid{warnings}")
    return 0


def cmd_lock(args: argparse.Namespace) -> int:
    from stance.lexicon.tools import lock_lexicon_dirs

    locked, problems = lock_lexicon_dirs(_dirs(args))
    for directory, old, new in locked:
        print(f"{directory}: {'locked ' + new if old != new else 'unchanged'}")
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) found; those lexicons were not locked (fix them, then lock again)")
        return 1
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from stance.lexicon.tools import DEFAULT_IMPORT_LICENCE, import_dictionary

    lexicon = import_dictionary(
        args.file,
        args.out,
        args.name,
        kind=args.kind,
        weight=args.weight,
        licence=args.licence or DEFAULT_IMPORT_LICENCE,
    )
    print(
        f"wrote {args.out}: {len(lexicon.entries)} entries in {len(lexicon.categories)} categories "
        f"({lexicon.checksum})"
    )
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from stance.config import RunConfig
    from stance.corpus.read import check_out_outside_corpus
    from stance.lexicon import load_lexicons
    from stance.lexicon.workbench import (
        earlier_workbench,
        lexicon_report,
        workbench_file_names,
        write_workbench,
    )
    from stance.output.write import check_files
    from stance.pipeline import default_corpus, load_articles, make_segmenter

    corpus = args.corpus if args.corpus is not None else default_corpus()
    check_out_outside_corpus(corpus, args.out)
    inputs = {"corpus file": corpus}
    # A file of the user's that the workbench would replace is refused now, before the corpus is read.
    check_files(args.out, workbench_file_names(), inputs=inputs, legacy=earlier_workbench(args.out))
    config = RunConfig(lexicon_dirs=tuple(args.lexicons or ()), **execution(args))
    lexicons = load_lexicons(config.lexicon_dirs)
    articles = load_articles(args.corpus, config, lexicons)
    segmenter = make_segmenter(lexicons, config)
    report = lexicon_report(articles, lexicons, segmenter.cut)
    written = write_workbench(report, args.out, inputs=inputs)
    print(f"wrote {len(written)} files to {args.out}")
    return 0


def add_subparsers(subparsers: argparse._SubParsersAction, *, add_common: AddCommon | None = None) -> None:
    """Add ``lexicon check|lock|import|report`` to the main parser's subcommands; each leaf
    parser sets ``handler`` to a function returning the exit code."""
    common = add_common or add_common_options
    lexicon = subparsers.add_parser("lexicon", help="check, lock, import and report on lexicons")
    sub = lexicon.add_subparsers(dest="lexicon_command", required=True, metavar="ACTION")

    check = sub.add_parser(
        "check",
        help="validate lexicons; print each problem as path:line: message",
        description="Check the lexicon folders DIR on their own (default: the bundled lexicons), "
        "and with --lexicons check the set a run with those --lexicons would load: the bundled "
        "lexicons plus DIR, a lexicon with the same name replacing the bundled one.",
    )
    check.add_argument(
        "dirs",
        nargs="*",
        type=Path,
        metavar="DIR",
        help="a lexicon folder or a folder of them, checked on its own (default: bundled)",
    )
    common(check)
    check.set_defaults(handler=cmd_check)

    # lock and import name their folders explicitly and load no other lexicons, so they offer
    # no --lexicons: an option they accepted would be silently ignored.
    lock = sub.add_parser("lock", help="rewrite lexicon checksums after a reviewed edit")
    lock.add_argument(
        "dirs",
        nargs="*",
        type=Path,
        metavar="DIR",
        help="a lexicon folder or a folder of them (default: bundled)",
    )
    add_debug(lock)
    lock.set_defaults(handler=cmd_lock)

    imp = sub.add_parser("import", help="import a YAML (cntext/quanteda) or LIWC .dic dictionary")
    imp.add_argument("file", type=Path, metavar="FILE", help="a .yaml, .yml or .dic dictionary")
    imp.add_argument("--out", type=Path, required=True, metavar="DIR", help="new lexicon directory to write")
    imp.add_argument("--name", required=True, help="lexicon name (lower-case letters, digits, _)")
    imp.add_argument("--kind", default="frames", help="lexicon kind (default: frames)")
    imp.add_argument(
        "--weight",
        type=non_negative,
        default=1.0,
        help="weight (0 or more) given to every entry (default: 1)",
    )
    imp.add_argument("--licence", default=None, help="licence of the source dictionary")
    add_debug(imp)
    imp.set_defaults(handler=cmd_import)

    report = sub.add_parser(
        "report", help="how the frame lexicons behave on a corpus, per category and language (the workbench)"
    )
    report.add_argument(
        "corpus", nargs="?", type=Path, default=None, metavar="CORPUS", help="default: the seeds"
    )
    report.add_argument(
        "--out", type=Path, default=Path("reports/lexicon"), metavar="DIR", help="default: ./reports/lexicon"
    )
    add_workers(report)
    common(report)
    report.set_defaults(handler=cmd_report)
