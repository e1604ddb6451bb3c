"""Every command and every option of ``stance`` is documented in README.md (sqlite-utils keeps
the same promise): walk the argparse tree and look each one up in the README."""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator

import pytest

from stance.cli.main import build_parser

from .conftest import ROOT

README = (ROOT / "README.md").read_text("utf-8")
# argparse's own options, the same on every command.
UNDOCUMENTED = {"--help"}


def commands(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ("stance",)
) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    """``("stance report", parser)`` for the main parser and every subcommand, depth first."""
    yield " ".join(path), parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, subparser in action.choices.items():
                yield from commands(subparser, (*path, name))


COMMANDS = dict(commands(build_parser()))
OPTIONS = [
    (command, option)
    for command, parser in COMMANDS.items()
    for action in parser._actions
    for option in action.option_strings
    if option.startswith("--") and option not in UNDOCUMENTED
]


def documented(text: str) -> bool:
    """``text`` appears in the README as a whole word (``--seed`` is not ``--seeds``)."""
    return re.search(rf"(?<![\w-]){re.escape(text)}(?![\w-])", README) is not None


def test_the_walk_finds_every_command():
    assert set(COMMANDS) >= {
        "stance",
        "stance report",
        "stance lexicon check",
        "stance lexicon lock",
        "stance lexicon import",
        "stance lexicon report",
        "stance train",
        "stance evaluate",
    }
    assert ("stance report", "--out") in OPTIONS


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_documented(command):
    assert documented(command), f"README.md does not mention `{command}`; add it where it belongs."


@pytest.mark.parametrize(("command", "option"), OPTIONS, ids=[f"{c} {o}" for c, o in OPTIONS])
def test_every_option_is_documented(command, option):
    assert documented(option), f"README.md does not mention `{option}` of `{command}`; add it."
