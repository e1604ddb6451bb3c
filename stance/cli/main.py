"""The ``stance`` command: parses arguments, calls the library, prints. Nothing else."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from stance import __version__
from stance.cli.common import (
    ArgumentParser,
    add_common,
    add_engine,
    add_prior,
    add_voices,
    add_workers,
    execution,
    non_negative_whole,
    one_line_warnings,
    random_seed,
    unit_interval,
)
from stance.config import RunConfig
from stance.errors import InputError, StanceError


def _config(args: argparse.Namespace, **overrides) -> RunConfig:
    return RunConfig(lexicon_dirs=tuple(args.lexicons or ()), **overrides)


def cmd_report(args: argparse.Namespace) -> int:
    from stance.pipeline import run_report

    if args.model_dimension is not None and args.model is None:
        raise InputError(
            "--model-dimension names the dimension a --model scores; drop it or add --model MODEL."
        )
    config = _config(
        args,
        seed=args.seed,
        engine=args.engine,
        voices=args.voices,
        prior_sentences=args.prior_sentences,
        min_sentences=args.min_sentences,
        similarity_threshold=args.similarity,
        model_path=args.model,
        model_dimension=args.model_dimension or "evaluation",
        **execution(args),
    )
    from stance.output.export import parse_formats
    from stance.progress import make_progress

    formats = parse_formats(args.export or "")
    if args.model is not None:  # refused before any analysis, not after the whole corpus
        from stance.model.learn import check_model_file

        check_model_file(args.model)
    written = run_report(
        args.corpus,
        args.out,
        config,
        formats=formats,
        progress=make_progress(quiet=args.quiet),
        title=args.title or _default_title(args.corpus),
        classroom=args.classroom,
    )
    print(f"wrote {len(written)} files to {args.out}")
    return 0


def _default_title(corpus: Path | None) -> str | None:
    """The report's title from the corpus folder's (or file's) own name, also for ``.``; None
    for the bundled seed corpus (the pipeline names it)."""
    from stance.report.labels import default_title

    if corpus is None:
        return None
    resolved = corpus.resolve()
    return default_title(resolved.stem if resolved.is_file() else resolved.name)


def build_parser() -> argparse.ArgumentParser:
    parser = ArgumentParser(
        prog="stance",
        description="Compare how news outlets cover the same story: frames, stance toward named "
        "targets, and where the sources disagree.",
    )
    parser.add_argument("--version", action="version", version=f"stance {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    report = sub.add_parser("report", help="analyse a corpus and write the report tables")
    report.add_argument(
        "corpus",
        nargs="?",
        type=Path,
        default=None,
        metavar="CORPUS",
        help="a folder of articles (with an optional corpus.csv), one article file, or a JSONL/CSV "
        "table with a text column (default: the bundled seed corpus)",
    )
    report.add_argument(
        "--out", type=Path, default=Path("reports"), metavar="DIR", help="output folder (default: ./reports)"
    )
    report.add_argument(
        "--seed", type=random_seed, default=RunConfig.seed, help="random seed for bootstrap intervals"
    )
    add_engine(report)
    add_voices(report)
    add_prior(report)
    report.add_argument(
        "--min-sentences",
        type=non_negative_whole,
        default=RunConfig.min_sentences,
        metavar="N",
        help="flag aggregates over fewer sentences than N as too small (default: %(default)s)",
    )
    report.add_argument(
        "--similarity",
        type=unit_interval,
        default=RunConfig.similarity_threshold,
        metavar="T",
        help="similarity (0 to 1) above which sentences share a sub-topic (default: %(default)s)",
    )
    report.add_argument(
        "--title",
        default=None,
        metavar="TEXT",
        help="the report's title (default: from the corpus folder's name)",
    )
    report.add_argument(
        "--export",
        default="",
        metavar="FORMATS",
        help="also write the tables as any of xlsx,json,parquet,sqlite (comma-separated)",
    )
    report.add_argument(
        "--classroom",
        action="store_true",
        help="fold the summary, scores, stance map, claim sides, figures and distinctive terms of "
        'report.html and report.md behind "Show" buttons, so a class can guess first',
    )
    report.add_argument(
        "--model", type=Path, default=None, metavar="MODEL", help="a model from `stance train`"
    )
    report.add_argument(
        "--model-dimension",
        choices=("evaluation", "potency"),
        default=None,
        help="the dimension the model's labels score (default: evaluation)",
    )
    add_workers(report)
    report.add_argument(
        "--quiet",
        action="store_true",
        help="show no progress (default: a progress bar on a terminal, else one line per stage, on stderr)",
    )
    add_common(report)
    report.set_defaults(handler=cmd_report)

    from stance.cli.lexicon import add_subparsers as add_lexicon_commands

    add_lexicon_commands(sub, add_common=add_common)

    from stance.cli.model import add_subparsers as add_model_commands

    add_model_commands(sub)
    from stance.cli.worksheet import add_subparsers as add_worksheet_command

    add_worksheet_command(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        with one_line_warnings():
            return args.handler(args)
    except StanceError as err:
        if getattr(args, "debug", False):
            raise
        print(f"error: {err}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        from stance.output.write import interrupted_message  # what the interrupt left in --out

        print(f"error: {interrupted_message(getattr(args, 'out', None))}", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
