"""Tables: the ``corpus.csv`` manifest of a folder, and JSONL/CSV files with one article per
record. Every row is checked, and every problem names the file and line."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from stance import errors
from stance.corpus.read.decode import clean_text, read_text_file
from stance.corpus.read.documents import METADATA_FIELDS, clean_metadata, read_article_file
from stance.corpus.read.files import MANIFEST_NAME, TABLE_SUFFIXES
from stance.corpus.read.formats import html_to_text, looks_like_html
from stance.corpus.records import MANIFEST_COLUMNS, REQUIRED_MANIFEST_COLUMNS, RawDocument
from stance.errors import InputError

TEXT_FIELDS = ("text", "content", "body", "article")
# The fields a JSONL record may give besides its text; others are ignored, whatever their type.
_ID_FIELDS = ("article_id", "id")
# A headline kept apart from the text, as scrapers and news APIs export it.
TITLE_FIELDS = ("title", "headline")
_JSON_FIELDS = (*TEXT_FIELDS, *TITLE_FIELDS, *_ID_FIELDS, "source", "outlet", *METADATA_FIELDS)
_SURROGATE = re.compile("[\ud800-\udfff]")
# The csv module's limit is a C long; a cell can never be longer than the file it is in.
_MAX_FIELD = 2**31 - 1


@contextmanager
def _field_size_limit(limit: int) -> Iterator[None]:
    """Let the csv module read cells up to ``limit`` characters (its default is 131,072, too
    small for a long article in a CSV table), restoring the process-wide setting afterwards."""
    previous = csv.field_size_limit()
    csv.field_size_limit(max(previous, min(limit, _MAX_FIELD)))
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def _read_csv_rows(path: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    text, _ = read_text_file(path)
    try:
        with _field_size_limit(len(text) + 1):
            rows = list(csv.reader(io.StringIO(text)))
    except csv.Error as exc:
        raise InputError(f"{path}: not a valid CSV file ({exc}); fix the quoting or re-export it.") from exc
    header = [h.strip() for h in rows[0]]
    records = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise InputError(
                f"{path}:{number}: {len(row)} fields but the header has {len(header)}; fix the row (quote fields that contain commas)."
            )
        records.append((number, dict(zip(header, (c.strip() for c in row), strict=True))))
    return header, records


def read_manifest(directory: Path) -> list[RawDocument]:
    """Read ``corpus.csv`` and the articles it lists, checking every row."""
    manifest = directory / MANIFEST_NAME
    header, rows = _read_csv_rows(manifest)
    missing = [c for c in REQUIRED_MANIFEST_COLUMNS if c not in header]
    if missing:
        raise InputError(
            f"{manifest}: missing required column(s) {', '.join(missing)}; the header needs {', '.join(REQUIRED_MANIFEST_COLUMNS)} "
            f"(optional: {', '.join(c for c in MANIFEST_COLUMNS if c not in REQUIRED_MANIFEST_COLUMNS)})."
        )
    if not rows:
        raise InputError(f"{manifest}: lists no articles; add one row per article file.")
    root = directory.resolve()
    seen: dict[str, int] = {}
    documents = []
    for number, row in rows:
        where = f"{manifest}:{number}"
        meta, removed = clean_metadata(where, {c: row.get(c, "") for c in METADATA_FIELDS})
        name, article_id = row["file"], meta["article_id"]
        if not name:
            raise InputError(f"{where}: empty 'file'; name the article file relative to {directory}.")
        if not article_id:
            raise InputError(f"{where}: empty 'article_id'; give every article a unique id.")
        if not meta["source"]:
            raise InputError(
                f"{where}: empty 'source'; name the outlet of every article (it would be reported as a source of its own)."
            )
        if article_id in seen:
            raise InputError(
                f"{where}: duplicate article_id '{article_id}' (also on line {seen[article_id]}); make the ids unique."
            )
        seen[article_id] = number
        target = (directory / name).resolve()
        if not target.is_relative_to(root):
            raise InputError(
                f"{where}: path '{name}' escapes the corpus directory {directory}; keep article files inside it."
            )
        if not target.exists():
            raise errors.missing_file(name, referrer=where)
        documents.append(read_article_file(target, meta, control_characters=removed))
    return documents


def _json_text(value: object, field: str, location: str) -> str:
    """A JSON value where text is expected: a string, or null for empty; an integer is allowed
    as an id. Anything else would reach the tables as a Python repr (``{'a': 1}``, ``True``)."""
    if value is None:
        return ""
    if isinstance(value, int) and not isinstance(value, bool) and field in _ID_FIELDS:
        return str(value)
    if not isinstance(value, str):
        kind = {dict: "object", list: "array", bool: "boolean"}.get(type(value), "number")
        raise errors.not_json_text(location, field, kind)
    surrogate = _SURROGATE.search(value)
    if surrogate:
        raise errors.lone_surrogate(location, field, surrogate.group())
    return value


def _read_jsonl_rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    text, _ = read_text_file(path)
    records = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(
                f"{path}:{number}: not valid JSON ({exc.msg}); each line must be one JSON object."
            ) from exc
        if not isinstance(obj, dict):
            raise InputError(
                f"{path}:{number}: a JSON {type(obj).__name__}, not an object; write one object per line."
            )
        location = f"{path}:{number}"
        records.append((number, {k: _json_text(v, k, location) for k, v in obj.items() if k in _JSON_FIELDS}))
    return records


def _with_title(body: str, row: Mapping[str, str]) -> tuple[str, int]:
    """``body`` with the row's ``title`` (or ``headline``) as its first line, where the text
    does not already open with it: the headline, which the scores weigh most, is not lost when a
    table keeps it in a column of its own. Also the control characters removed from it."""
    title, removed = clean_text(next((row[f] for f in TITLE_FIELDS if row.get(f, "").strip()), ""))
    title = " ".join(title.split())
    if not title or " ".join(body.lstrip().split("\n", 1)[0].split()) == title:
        return body, removed
    return f"{title}\n\n{body}", removed


def read_table(path: Path) -> list[RawDocument]:
    """Read a JSONL or CSV file with one article per record and a text column."""
    fmt = TABLE_SUFFIXES[path.suffix.lower()]
    records = _read_csv_rows(path)[1] if fmt == "csv" else _read_jsonl_rows(path)
    if not records:
        held = "a header and no rows" if fmt == "csv" else "no JSON lines, only blank ones"
        raise InputError(f"{path}: {held}; add one article per row, or remove the file from the corpus.")
    text_field = next((f for f in TEXT_FIELDS if any(f in r for _, r in records)), None)
    if text_field is None:
        raise InputError(
            f"{path}: no text column (looked for {', '.join(TEXT_FIELDS)}); name the article text column 'text'."
        )
    # A table that names no outlet at all is one source, the table's; one that names some leaves
    # none out, or that article would be reported as a source of its own under the table's name.
    has_source = any(r.get("source", "").strip() or r.get("outlet", "").strip() for _, r in records)
    seen: dict[str, int] = {}
    documents = []
    for number, row in records:
        where = f"{path}:{number}"
        body, removed = clean_text(row.get(text_field, ""))
        if not body.strip():
            raise InputError(f"{where}: empty {text_field}; remove the row or fill in the article text.")
        meta, in_meta = clean_metadata(
            where,
            {
                **{c: row.get(c, "") for c in METADATA_FIELDS},
                "article_id": row.get("article_id") or row.get("id") or "",
                "source": row.get("source") or row.get("outlet") or "",
            },
        )
        meta["article_id"] = meta["article_id"] or f"{path.stem}-{number}"
        if has_source and not meta["source"]:
            raise InputError(
                f"{where}: empty source; name the outlet of every article (it would be reported as a source of its own, named '{path.stem}')."
            )
        meta["source"] = meta["source"] or path.stem
        article_id = meta["article_id"]
        if article_id in seen:
            raise InputError(
                f"{where}: duplicate article_id '{article_id}' (also on line {seen[article_id]}); make the ids unique."
            )
        seen[article_id] = number
        if looks_like_html(body.encode("utf-8")[:512]):
            body = html_to_text(body, where)
        body, in_title = _with_title(body, row)
        documents.append(
            RawDocument(
                text=body,
                path=where,
                encoding="utf_8",
                fmt=fmt,
                control_characters=removed + in_meta + in_title,
                **meta,
            )
        )
    return documents
