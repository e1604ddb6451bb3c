"""Safe writing of output files: every file is written to a temporary file in the same
directory and renamed into place, so an interrupted run never leaves a half-written table."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from .errors import OutputError


def prepare_out_dir(out: Path) -> Path:
    """Create ``out`` if needed; refuse a path that is a file."""
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out}: is a file, not a directory; choose another --out path.")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(
            f"{out}: cannot create the output directory ({exc.strerror}); choose another --out path."
        ) from exc
    return out


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file and ``os.replace``."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_files(out: Path, files: Mapping[str, bytes]) -> list[Path]:
    """Write every ``{name: bytes}`` into ``out`` (created if needed), each atomically, in name
    order; returns the paths written."""
    prepare_out_dir(out)
    written = []
    for name in sorted(files):
        write_bytes_atomic(out / name, files[name])
        written.append(out / name)
    return written


def write_text_atomic(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))


def csv_bytes(frame) -> bytes:  # frame: pandas.DataFrame
    """A table as deterministic UTF-8 CSV bytes: header row, ``\\n`` line ends, floats with up to
    six significant digits, empty cells for missing values, and a ``'`` before any text cell a
    spreadsheet would run as a formula (``cells.csv_text``; numbers stay numbers)."""
    from .cells import csv_text  # imported here: pandas is not loaded at CLI start-up

    return csv_text(frame, float_format="%.6g", na_rep="").encode("utf-8")
