"""Tables written to disk while the per-article work runs, so memory does not grow with the
corpus.

The sentence-level tables (``sentences.csv``, ``mentions.csv``) hold every sentence of the
corpus. Each article's rows arrive from the per-article work as finished CSV lines
(:func:`stance.output.write.csv_bytes` without a header, formatted by the worker) and are
appended here in corpus order; the table is the header followed by the parts, the same bytes as
the whole table written at once. Each article's view for the report (its sentences with their
highlights) is kept the same way, as one JSON line, and read back only for the articles the
report shows.

Everything lives in a private temporary folder (``$TMPDIR``) that :meth:`Spool.close` deletes;
:func:`stance.output.write.write_files` copies a finished table into the report's staging
folder, so a failed run leaves ``--out`` as it was.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from stance.output.write import csv_bytes


class SpooledTable:
    """A CSV table on disk (header and rows), with its column names; ``frames`` holds the same
    rows as DataFrame parts when they were kept for the export formats.

    Rows are appended in parts. Parts appended with a ``key`` are put in key order when the
    table is finished (each part's bytes are kept whole, so a table sorted by unit is written
    without holding it); parts without a key stay in the order they came."""

    def __init__(self, path: Path, columns: Sequence[str], *, keep_frames: bool = False) -> None:
        self.path = path
        self.columns = list(columns)
        self._file = path.open("w+b")
        self._header = csv_bytes(pd.DataFrame(columns=self.columns))
        self._file.write(self._header)
        self._frames: list[tuple[Any, pd.DataFrame]] | None = [] if keep_frames else None
        # (key, offset, length) of each keyed part.
        self._parts: list[tuple[Any, int, int]] = []
        self.n_rows = 0

    def append(self, rows: bytes, n_rows: int, frame: pd.DataFrame | None = None, *, key: Any = None) -> None:
        """Append CSV ``rows`` (no header) holding ``n_rows`` rows; ``frame`` is the same rows,
        kept when the table was opened with ``keep_frames``; ``key`` places the part when the
        table is finished."""
        offset = self._file.seek(0, 2)
        self._file.write(rows)
        if key is not None:
            self._parts.append((key, offset, len(rows)))
        self.n_rows += n_rows
        if self._frames is not None and frame is not None and len(frame):
            self._frames.append((key, frame))

    def finish(self) -> SpooledTable:
        if self._parts:
            self._parts.sort(key=lambda part: part[0])
            ordered = self.path.with_suffix(".sorted")
            with ordered.open("wb") as out:
                out.write(self._header)
                for _, offset, length in self._parts:
                    self._file.seek(offset)
                    out.write(self._file.read(length))
            self._file.close()
            os.replace(ordered, self.path)
            self._parts = []
            if self._frames is not None:
                self._frames.sort(key=lambda part: part[0])
        else:
            self._file.close()
        return self

    def frame(self) -> pd.DataFrame:
        """The whole table in memory (for the export formats): only when its rows were kept."""
        if self._frames is None:
            raise ValueError(f"{self.path.name}: the rows were not kept in memory; open it with keep_frames")
        if not self._frames:
            return pd.DataFrame(columns=self.columns)
        return pd.concat([frame for _, frame in self._frames], ignore_index=True)


class ViewStore:
    """One JSON document per key, on disk; :meth:`load` reads back the chosen ones."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._file = path.open("w+b")
        self._where: dict[str, tuple[int, int]] = {}
        self._last: tuple[str, dict[int, str]] | None = None

    def add(self, key: str, data: bytes) -> None:
        offset = self._file.seek(0, 2)
        self._file.write(data)
        self._where[key] = (offset, len(data))

    def load(self, keys: Iterable[str]) -> dict[str, Any]:
        self._file.flush()
        found = {}
        for key in keys:
            offset, length = self._where[key]
            self._file.seek(offset)
            found[key] = json.loads(self._file.read(length))
        return found

    def sentence_text(self, article_id: str, sentence_index: int) -> str:
        """The text of one sentence of a stored article view (the last article read is kept,
        so reading its sentences in turn reads it once)."""
        if self._last is None or self._last[0] != article_id:
            self._last = (
                article_id,
                {s["sentence_index"]: s["text"] for s in self.load([article_id])[article_id]["sentences"]},
            )
        return self._last[1][sentence_index]

    def close(self) -> None:
        self._file.close()


class Spool:
    """The temporary folder of one run's spooled tables and views."""

    def __init__(self, tables: Mapping[str, Sequence[str]], *, keep_frames: bool = False) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="stance-spool-"))
        # Only the process that made the folder deletes it (not a forked child).
        self._owner = os.getpid()
        try:
            self.tables = {
                name: SpooledTable(self.folder / f"{name}.csv", columns, keep_frames=keep_frames)
                for name, columns in tables.items()
            }
            self.views = ViewStore(self.folder / "views.jsonl")
        except BaseException:
            shutil.rmtree(self.folder, ignore_errors=True)
            raise

    def finish(self) -> dict[str, SpooledTable]:
        return {name: table.finish() for name, table in self.tables.items()}

    def close(self) -> None:
        for table in self.tables.values():
            table._file.close()
        self.views.close()
        if os.getpid() == self._owner:
            shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> Spool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
