"""Tables written to disk while the per-article work runs, so memory does not grow with the
corpus.

The sentence-level tables (``sentences.csv``, ``mentions.csv``) hold every sentence of the
corpus. Each article's rows arrive from the per-article work as finished CSV lines
(:func:`stance.output.write.csv_bytes` without a header, formatted by the worker) and are
appended here in corpus order; the table is the header followed by the parts, the same bytes as
the whole table written at once. Each article's view for the report (its sentences with their
highlights) is kept the same way, as one JSON line, and read back only for the articles the
report shows.

When the run exports the tables (``--export``), each part's rows are also kept exactly as
computed (full-precision numbers, text without the CSV's formula quote, typed columns), as
Arrow record batches in a file beside the CSV (:class:`ExactRows`); the export formats are
written from it a chunk at a time (:mod:`stance.output.formats`). The CSV cannot stand in for
them: it rounds numbers to six significant digits and quotes formula-like text.

Everything lives in a private temporary folder (``$TMPDIR``) that :meth:`Spool.close` deletes;
:func:`stance.output.write.write_files` copies a finished table into the report's staging
folder, so a failed run leaves ``--out`` as it was.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from stance.output.write import csv_bytes


class ExactRows:
    """A table's rows as computed, on disk: each part appended is one Arrow record batch of a
    fixed schema (:func:`stance.output.formats.row_schema`), written to an Arrow IPC file.
    :meth:`batches` reads them back one at a time, in key order, so the table is never held."""

    def __init__(self, path: Path, name: str, columns: Sequence[str]) -> None:
        self.path = path
        self.name = name
        self.columns = list(columns)
        self.schema = None  # fixed by the table's name, else by its first part
        self._writer = None
        self._sink = None
        # (key, batch number) of each part.
        self._order: list[tuple[Any, int]] = []
        self._keyed = False

    def append(self, frame: pd.DataFrame, key: Any = None) -> None:
        from stance.output.formats import frame_batch, row_schema

        if self._writer is None:
            import pyarrow as pa

            self.schema = row_schema(self.name, self.columns, frame)
            self._sink = pa.OSFile(str(self.path), "wb")
            self._writer = pa.ipc.new_file(self._sink, self.schema)
        self._writer.write_batch(frame_batch(frame, self.schema))
        self._keyed = self._keyed or key is not None
        self._order.append((key, len(self._order)))

    def finish(self) -> None:
        self.close()
        if self._keyed:
            # As the CSV: keyed parts in key order (a stable sort: equal keys keep their order).
            self._order = sorted(((k, n) for k, n in self._order if k is not None), key=lambda p: p[0])

    def batches(self) -> Iterator:  # Iterator[pyarrow.RecordBatch]
        """The parts as record batches, in table order (call after :meth:`finish`)."""
        if not self._order:
            return
        import pyarrow as pa

        with pa.OSFile(str(self.path), "rb") as source:
            reader = pa.ipc.open_file(source)
            for _, number in self._order:
                yield reader.get_batch(number)

    def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            self._sink.close()
            self._writer = None


class SpooledTable:
    """A CSV table on disk (header and rows), with its column names; ``exact`` holds the same
    rows as Arrow record batches on disk when they were kept for the export formats
    (``keep_frames``).

    Rows are appended in parts. Parts appended with a ``key`` are put in key order when the
    table is finished (each part's bytes are kept whole, so a table sorted by unit is written
    without holding it); parts without a key stay in the order they came."""

    def __init__(
        self, path: Path, columns: Sequence[str], *, keep_frames: bool = False, name: str | None = None
    ) -> None:
        self.path = path
        self.name = name or path.stem
        self.columns = list(columns)
        self._file = path.open("w+b")
        self._header = csv_bytes(pd.DataFrame(columns=self.columns))
        self._file.write(self._header)
        self.exact = ExactRows(path.with_suffix(".arrow"), self.name, self.columns) if keep_frames else None
        # (key, offset, length) of each keyed part.
        self._parts: list[tuple[Any, int, int]] = []
        self.n_rows = 0

    def append(self, rows: bytes, n_rows: int, frame: pd.DataFrame | None = None, *, key: Any = None) -> None:
        """Append CSV ``rows`` (no header) holding ``n_rows`` rows; ``frame`` is the same rows,
        kept (on disk) when the table was opened with ``keep_frames``; ``key`` places the part
        when the table is finished."""
        offset = self._file.seek(0, 2)
        self._file.write(rows)
        if key is not None:
            self._parts.append((key, offset, len(rows)))
        self.n_rows += n_rows
        if self.exact is not None and n_rows:
            if frame is None:
                raise ValueError(
                    f"{self.path.name}: the rows are kept for the export formats; pass their frame"
                )
            self.exact.append(frame, key)

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
        else:
            self._file.close()
        if self.exact is not None:
            self.exact.finish()
        return self

    def batches(self) -> Iterator:  # Iterator[pyarrow.RecordBatch]
        """The table's exact rows, a part at a time (for the export formats): only when they
        were kept (``keep_frames``)."""
        if self.exact is None:
            raise ValueError(f"{self.path.name}: the exact rows were not kept; open it with keep_frames")
        return self.exact.batches()

    def frame(self) -> pd.DataFrame:
        """The whole table in memory (for the library and tests; the exports read
        :meth:`batches`): only when its rows were kept."""
        if self.exact is None:
            raise ValueError(f"{self.path.name}: the rows were not kept; open it with keep_frames")
        batches = list(self.exact.batches())
        if not batches:
            return pd.DataFrame(columns=self.columns)
        import pyarrow as pa

        return pa.Table.from_batches(batches).to_pandas()

    def close(self) -> None:
        self._file.close()
        if self.exact is not None:
            self.exact.close()


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
                name: SpooledTable(self.folder / f"{name}.csv", columns, keep_frames=keep_frames, name=name)
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
            table.close()
        self.views.close()
        if os.getpid() == self._owner:
            shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> Spool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
