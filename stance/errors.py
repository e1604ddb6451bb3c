"""One catalogue of the errors a user can meet.

Every error is a :class:`StanceError` whose message says what was wrong, where (file, line or
row) and what to do about it. The CLI prints the message on one line and exits non-zero; the
library never prints.
"""

from __future__ import annotations

import os
from pathlib import Path


class StanceError(Exception):
    """Base class of every error a user can meet; ``str(err)`` is the one-line message."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(message.split()))


class InputError(StanceError):
    """A corpus file, manifest or table that cannot be read as articles."""


class LexiconError(StanceError):
    """A lexicon that fails validation."""


class OutputError(StanceError):
    """An output location that cannot be written safely."""


class ModelError(StanceError):
    """A trained model or a labels file that cannot be used."""


class WorkerError(StanceError):
    """Worker processes or a Dask cluster that cannot run a run's per-article work."""


class StanceWarning(UserWarning):
    """A problem that does not stop a run (a cache that cannot be read or written); the message
    is one line, as an error's. The CLI prints it as ``warning: <message>``, once per run."""


def where(path: Path | str, line: int | None = None) -> str:
    """Format a location as ``path`` or ``path:line`` for messages."""
    return f"{path}:{line}" if line is not None else str(path)


def shown_path(path: Path | str) -> str:
    r"""``path`` as a message can print it: bytes of a file name that are not UTF-8 (which
    Python holds as surrogate escapes) are shown as ``\xNN``."""
    return os.fsencode(str(path)).decode("utf-8", "backslashreplace")


# The catalogue: each function builds one message, so the wording lives in one place and tests
# can assert it exactly.


def empty_file(path: Path | str) -> InputError:
    return InputError(f"{path}: the file is empty; remove it from the corpus or save the article again.")


def binary_file(path: Path | str) -> InputError:
    return InputError(
        f"{path}: looks like a binary file, not text; save the article as text, Markdown or HTML."
    )


def undecodable_file(path: Path | str) -> InputError:
    return InputError(
        f"{path}: no text encoding decodes this file (tried UTF-8, UTF-16, GB18030, Big5 and "
        "others); re-save it as UTF-8."
    )


def missing_file(path: Path | str, referrer: str | None = None) -> InputError:
    if referrer:
        if "\\" in str(path):  # a path written on Windows
            slashed = str(path).replace("\\", "/")
            return InputError(
                f"{referrer}: names {path}, which does not exist; write folders with / ({slashed}), "
                "or fix the row or add the file."
            )
        return InputError(f"{referrer}: names {path}, which does not exist; fix the row or add the file.")
    return InputError(f"{path}: no such file or directory; check the path.")


def not_regular_file(path: Path | str, kind: str) -> InputError:
    return InputError(
        f"{path}: is {kind}, not a regular file, and reading it could wait forever; "
        "save the article as an ordinary file."
    )


def file_name_not_utf8(path: Path | str) -> InputError:
    return InputError(
        f"{shown_path(path)}: the file name is not valid UTF-8; rename the file (article ids and "
        "reports are written in UTF-8)."
    )


def link_escapes_corpus(link: Path | str, target: Path | str, corpus: Path | str) -> InputError:
    return InputError(
        f"{link}: is a symbolic link to {target}, outside the corpus directory {corpus}; "
        "copy the article into the folder instead."
    )


def same_article_id(first: Path | str, second: Path | str, article_id: str) -> InputError:
    return InputError(
        f"{first} and {second} both give the article id '{article_id}' (the file name without "
        "its extension); rename one of them or list them in a corpus.csv with their own ids."
    )


def out_is_corpus(out: Path | str) -> OutputError:
    return OutputError(
        f"{out}: is the corpus folder itself, so the next run would read the report files as "
        "articles; choose an --out outside it (a sub-folder such as reports/ is never read)."
    )


def unknown_value(location: str, column: str, value: str, allowed: tuple[str, ...]) -> InputError:
    tags = " (or a tag such as zh-TW, en-US)" if column == "language" else ""
    return InputError(
        f"{location}: {column} '{value}' is not one of {', '.join(allowed)}{tags}; use one of these, "
        "or leave it empty to have it detected."
    )


def not_json_text(location: str, field: str, kind: str) -> InputError:
    return InputError(f"{location}: '{field}' is a JSON {kind}, not a string; write it as a JSON string.")


def lone_surrogate(location: str, field: str, char: str) -> InputError:
    return InputError(
        f"{location}: '{field}' holds a lone surrogate (\\u{ord(char):04x}), which is not text; "
        "fix the escape or re-export the file as UTF-8."
    )


def no_html_text(path: Path | str) -> InputError:
    return InputError(f"{path}: no article text found in this HTML page; save the article text itself.")
