"""One catalogue of the errors a user can meet.

Every error is a :class:`StanceError` whose message says what was wrong, where (file, line or
row) and what to do about it. The CLI prints the message on one line and exits non-zero; the
library never prints.
"""

from __future__ import annotations

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


def where(path: Path | str, line: int | None = None) -> str:
    """Format a location as ``path`` or ``path:line`` for messages."""
    return f"{path}:{line}" if line is not None else str(path)


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
        return InputError(f"{referrer}: names {path}, which does not exist; fix the row or add the file.")
    return InputError(f"{path}: no such file or directory; check the path.")
