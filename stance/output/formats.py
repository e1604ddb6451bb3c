"""The export formats (JSON, Parquet, SQLite, xlsx), each written to a file a chunk of rows at
a time, so an export's memory holds one chunk (and for Parquet one row group) whatever the size
of the table.

A table is a DataFrame (the small tables) or a :class:`~stance.output.spool.SpooledTable` (the
sentence-level tables), whose exact rows the spool keeps on disk as Arrow record batches of a
fixed schema (:data:`COLUMN_TYPES`). Every writer's bytes depend only on the rows, not on how
they are cut into chunks: JSON records are formatted as one list would be; Parquet row groups
hold :data:`ROW_GROUP_ROWS` rows and carry no pandas or time metadata; the SQLite database is
filled in one transaction; the xlsx file carries fixed times.

An xlsx sheet holds at most :data:`XLSX_MAX_ROWS` rows (Excel's limit, header included): a longer
table's sheet holds its first rows, and a ``notes`` sheet says which tables were cut, by how
much, and where the whole table is.
"""

from __future__ import annotations

import datetime
import json
import math
import re
import shutil
import sqlite3
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

# Rows read and written at a time.
CHUNK_ROWS = 10_000
# Rows per Parquet row group (fixed, so the file does not depend on the chunks).
ROW_GROUP_ROWS = 10_000
# Excel's rows per sheet, the header row included.
XLSX_MAX_ROWS = 1_048_576
# The fixed time stamped into xlsx files (zip entries and workbook properties).
FIXED_TIME = datetime.datetime(2000, 1, 1, 0, 0, 0)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
# Characters XML 1.0 cannot hold (C0 controls other than tab, newline and carriage return; lone
# surrogates; U+FFFE and U+FFFF). openpyxl's ILLEGAL_CHARACTERS_RE covers only the controls,
# and lxml refuses the rest with a ValueError, so the xlsx writer removes them all.
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Text openpyxl would store as an error value (openpyxl.cell.cell.ERROR_CODES).
_ERROR_CODES = frozenset(("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"))

# The type of every column of the tables spooled to disk (stance.pipeline.reduce.SPOOLED_TABLES;
# a test keeps the two in step), so each part of a table is stored and exported with the same
# types: text, integer, number (floating point) or flag (true/false).
COLUMN_TYPES: dict[str, dict[str, str]] = {
    "sentences": {
        "article_id": "text",
        "sentence_index": "integer",
        "kind": "text",
        "text": "text",
        "text_norm": "text",
        "tokens": "text",
        "frames": "text",
    },
    "mentions": {
        "article_id": "text",
        "sentence_index": "integer",
        "target": "text",
        "alias": "text",
        "evaluation": "number",
        "potency": "number",
        "cues": "text",
        "speaker": "text",
        "inherited": "flag",
        "position": "text",
    },
    "frames": {
        "article_id": "text",
        "source": "text",
        "frame": "text",
        "hits": "integer",
        "per_1k_tokens": "number",
        "share": "number",
        "ci_low": "number",
        "ci_high": "number",
    },
    "figures": {
        "group": "integer",
        "subject": "text",
        "object": "text",
        "quantity": "text",
        "unit": "text",
        "status": "text",
        "source": "text",
        "article_id": "text",
        "sentence_index": "integer",
        "claim_quantity": "text",
        "value": "text",
        "low": "number",
        "high": "number",
        "qualifier": "text",
        "match": "text",
        "text": "text",
    },
    "figure_claims": {
        "source": "text",
        "article_id": "text",
        "sentence_index": "integer",
        "match": "text",
        "value": "text",
        "low": "number",
        "high": "number",
        "unit": "text",
        "qualifier": "text",
        "subject": "text",
        "object": "text",
        "quantity": "text",
        "text": "text",
    },
}


def row_schema(name: str, columns: Sequence[str], frame: pd.DataFrame | None = None):
    """The Arrow schema of table ``name``'s exact rows: from :data:`COLUMN_TYPES`, else
    inferred from ``frame`` (a first part)."""
    import pyarrow as pa

    kinds = {"text": pa.large_string(), "integer": pa.int64(), "number": pa.float64(), "flag": pa.bool_()}
    types = COLUMN_TYPES.get(name)
    if types is not None and set(types) == set(columns):
        return pa.schema([(column, kinds[types[column]]) for column in columns])
    if frame is None:  # an empty table of unknown types: text
        return pa.schema([(column, pa.large_string()) for column in columns])
    inferred = pa.Schema.from_pandas(frame[list(columns)], preserve_index=False)
    # A column with no value in the first part is taken as text.
    return pa.schema([(f.name, pa.large_string() if pa.types.is_null(f.type) else f.type) for f in inferred])


def frame_batch(frame: pd.DataFrame, schema):  # -> pyarrow.RecordBatch
    """``frame``'s rows as a record batch of ``schema`` (missing numbers become nulls)."""
    import pyarrow as pa

    arrays = [pa.array(frame[field.name], type=field.type, from_pandas=True) for field in schema]
    return pa.RecordBatch.from_arrays(arrays, schema=schema)


def plain(value: object) -> object:
    """A cell as a plain Python value: None for missing, int/float/str/bool otherwise."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):  # numpy scalars
        return plain(value.item())
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass  # lists and other containers: not a missing value
    return value


# -- reading a table a chunk at a time -----------------------------------------------------------


def _is_frame(table: Any) -> bool:
    return isinstance(table, pd.DataFrame)


def column_names(table: Any) -> list[str]:
    return [str(c) for c in table.columns]


def n_rows(table: Any) -> int:
    return len(table) if _is_frame(table) else table.n_rows


def _frame_table(frame: pd.DataFrame):
    import pyarrow as pa

    table = pa.Table.from_pandas(frame.reset_index(drop=True), preserve_index=False)
    return table.replace_schema_metadata(None)


def arrow_source(table: Any, chunk_rows: int) -> tuple[Any, Iterator]:
    """``(schema, chunks)``: the Arrow schema a table is exported with, and its rows as Arrow
    tables of ``chunk_rows`` rows (the last may be shorter). A DataFrame's types are those of
    the whole frame (as ``pyarrow.Table.from_pandas`` infers them)."""
    if _is_frame(table):
        whole = _frame_table(table)
        return whole.schema, (whole.slice(s, chunk_rows) for s in range(0, whole.num_rows, chunk_rows))
    schema = table.exact.schema or row_schema(table.name, table.columns)
    return schema, _spooled_chunks(table, schema, chunk_rows)


def _spooled_chunks(table: Any, schema, chunk_rows: int) -> Iterator:
    import pyarrow as pa

    pending: list = []
    held = 0
    for batch in table.batches():
        pending.append(batch)
        held += batch.num_rows
        while held >= chunk_rows:
            whole = pa.Table.from_batches(pending, schema)
            yield whole.slice(0, chunk_rows)
            rest = whole.slice(chunk_rows)
            pending, held = rest.to_batches(), rest.num_rows
    if held:
        yield pa.Table.from_batches(pending, schema)


def row_chunks(table: Any, chunk_rows: int) -> Iterator[list[tuple]]:
    """The table's rows as tuples of plain values (:func:`plain`), ``chunk_rows`` at a time."""
    if _is_frame(table):
        for start in range(0, len(table), chunk_rows):
            part = table.iloc[start : start + chunk_rows]
            yield [tuple(map(plain, row)) for row in part.itertuples(index=False, name=None)]
        return
    for chunk in arrow_source(table, chunk_rows)[1]:
        yield list(zip(*(column.to_pylist() for column in chunk.columns), strict=True))


# -- the formats -----------------------------------------------------------------------------


def write_json(table: Any, path: Path, *, chunk_rows: int = CHUNK_ROWS) -> None:
    """The table as a JSON list of records (column order kept; missing values null), formatted
    as ``json.dumps(records, ensure_ascii=False, indent=1)`` would, a record at a time."""
    columns = column_names(table)
    with path.open("w", encoding="utf-8", newline="\n") as out:
        separator = "[\n"
        for rows in row_chunks(table, chunk_rows):
            for row in rows:
                text = json.dumps(
                    dict(zip(columns, row, strict=True)), ensure_ascii=False, indent=1, allow_nan=False
                )
                # One level deeper, as in the list (a JSON string holds no raw line break).
                out.write(separator + " " + text.replace("\n", "\n "))
                separator = ",\n"
        out.write("[]\n" if separator == "[\n" else "\n]\n")


def write_parquet(table: Any, path: Path, *, chunk_rows: int = CHUNK_ROWS) -> None:
    """The table as Parquet (snappy), in row groups of :data:`ROW_GROUP_ROWS` rows, without
    pandas or creation metadata."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema, chunks = arrow_source(table, chunk_rows)
    with pq.ParquetWriter(str(path), schema, compression="snappy") as writer:
        pending: list = []
        held = 0
        wrote = False
        for chunk in chunks:
            pending.append(chunk)
            held += chunk.num_rows
            while held >= ROW_GROUP_ROWS:
                whole = pa.concat_tables(pending)
                # One contiguous array per column: the pages then do not depend on the chunks.
                writer.write_table(
                    whole.slice(0, ROW_GROUP_ROWS).combine_chunks(), row_group_size=ROW_GROUP_ROWS
                )
                wrote = True
                pending, held = [whole.slice(ROW_GROUP_ROWS)], whole.num_rows - ROW_GROUP_ROWS
        if held or not wrote:
            whole = pa.concat_tables(pending) if pending else schema.empty_table()
            writer.write_table(whole.combine_chunks(), row_group_size=ROW_GROUP_ROWS)


def _sql_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with lists, tuples and dicts as JSON text (SQLite has no list type)."""
    plain_frame = frame
    for position in range(frame.shape[1]):
        values = frame.iloc[:, position]
        if values.map(lambda v: isinstance(v, list | tuple | dict)).any():
            if plain_frame is frame:
                plain_frame = frame.copy()
            plain_frame.isetitem(
                position,
                values.map(
                    lambda v: json.dumps(v, ensure_ascii=False) if isinstance(v, list | tuple | dict) else v
                ),
            )
    return plain_frame


def write_sqlite(tables: Mapping[str, Any], path: Path, *, chunk_rows: int = CHUNK_ROWS) -> None:
    """The tables as one SQLite database, a SQL table per table, with the column types pandas'
    ``to_sql`` gives (lists stored as JSON text). Everything is written in one transaction, so
    the file does not depend on the chunks."""
    from pandas.io.sql import get_schema

    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("PRAGMA synchronous = OFF")  # a private file, copied once complete
        connection.execute("BEGIN")
        for name, table in tables.items():
            if _is_frame(table):
                table = _sql_frame(table)
                sample = table
            else:
                sample = arrow_source(table, chunk_rows)[0].empty_table().to_pandas()
            connection.execute(get_schema(sample, name, con=connection))
            columns = ",".join('"' + c.replace('"', '""') + '"' for c in column_names(table))
            marks = ",".join("?" * len(table.columns))
            insert = f'INSERT INTO "{name}" ({columns}) VALUES ({marks})'
            for rows in row_chunks(table, chunk_rows):
                connection.executemany(insert, rows)
        connection.execute("COMMIT")
    finally:
        connection.close()


def _sheet_title(name: str, used: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", "_", name)[:31] or "table"
    title, n = base, 1
    while title in used:
        n += 1
        title = f"{base[: 31 - len(str(n)) - 1]}_{n}"
    used.add(title)
    return title


def _xlsx_row(row: tuple, text_cell) -> list:
    """``row``'s cells: text kept as text (never a formula or an error code), lists as JSON,
    characters XML cannot hold removed."""
    cells: list = []
    for value in row:
        if isinstance(value, list | tuple | dict):
            value = json.dumps(value, ensure_ascii=False)
        if isinstance(value, str):
            value = _ILLEGAL_XML.sub("", value)
            if value.startswith("=") or value in _ERROR_CODES:
                value = text_cell(value)  # openpyxl would make it a formula or an error
        cells.append(value)
    return cells


def xlsx_cut_note(name: str, kept: int, total: int) -> str:
    return (
        f"this sheet holds the first {kept:,} of the table's {total:,} rows (an Excel sheet holds "
        f"{XLSX_MAX_ROWS:,} rows with the header); the whole table is in {name}.csv"
    )


def write_xlsx(tables: Mapping[str, Any], path: Path, *, chunk_rows: int = CHUNK_ROWS) -> None:
    """The tables as one workbook, a sheet per table, written row by row (openpyxl's write-only
    mode). Text is stored as text (a cell starting with ``=`` is not a formula) and characters
    XML cannot hold are removed. A table longer than a sheet is cut (see the module notes)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.writer.excel import ExcelWriter

    workbook = Workbook(write_only=True)
    used: set[str] = set()
    cut: list[tuple[str, str, int, int]] = []
    for name, table in tables.items():
        sheet = workbook.create_sheet(_sheet_title(name, used))

        def text_cell(value: str, sheet=sheet):
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"
            return cell

        sheet.append([_ILLEGAL_XML.sub("", c) for c in column_names(table)])
        room = XLSX_MAX_ROWS - 1
        kept = 0
        for rows in row_chunks(table, chunk_rows):
            for row in rows[: room - kept]:
                sheet.append(_xlsx_row(row, text_cell))
            kept += min(len(rows), room - kept)
            if kept == room:
                break
        total = n_rows(table)
        if kept < total:
            cut.append((name, sheet.title, kept, total))
    if cut:
        notes = workbook.create_sheet(_sheet_title("notes", used))
        notes.append(["sheet", "note"])
        for name, title, kept, total in cut:
            notes.append([title, xlsx_cut_note(name, kept, total)])
    workbook.properties.creator = "stance"
    workbook.properties.created = FIXED_TIME
    workbook.properties.modified = FIXED_TIME
    with _FixedTimeZip(path, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).write_data()


class _FixedTimeZip(zipfile.ZipFile):
    """A zip archive whose every entry carries a fixed date and mode (openpyxl stamps the time
    of writing, and a sheet's file time), its files copied a block at a time."""

    @staticmethod
    def _entry(name: str, size: int) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        info.file_size = size
        return info

    def writestr(self, zinfo_or_arcname, data, compress_type=None, compresslevel=None) -> None:
        name = (
            zinfo_or_arcname.filename if isinstance(zinfo_or_arcname, zipfile.ZipInfo) else zinfo_or_arcname
        )
        data = data.encode("utf-8") if isinstance(data, str) else data
        with self.open(self._entry(name, len(data)), "w") as target:
            target.write(data)

    def write(self, filename, arcname=None, compress_type=None, compresslevel=None) -> None:
        info = self._entry(arcname or Path(filename).name, Path(filename).stat().st_size)
        with open(filename, "rb") as source, self.open(info, "w") as target:
            shutil.copyfileobj(source, target, 1 << 20)
