"""Reading a corpus: a directory (with an optional ``corpus.csv`` manifest), a single article
file, or a JSONL/CSV table with a text column. Encodings are detected, HTML pages are reduced to
their article text with trafilatura, and every problem is a one-line :class:`InputError`.

The reader yields :class:`RawDocument` records; it does not split or judge the text.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

from . import errors
from .errors import InputError
from .records import MANIFEST_COLUMNS, REQUIRED_MANIFEST_COLUMNS, RawDocument

MANIFEST_NAME = "corpus.csv"
TEXT_SUFFIXES = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}
TABLE_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}
TEXT_FIELDS = ("text", "content", "body", "article")
# Encodings tried, in order, when the bytes are not UTF-8 and carry no byte-order mark.
CANDIDATE_ENCODINGS = ["gb18030", "big5", "big5hkscs", "utf_16", "utf_16_le", "utf_16_be", "cp1252"]
_HTML_START = re.compile(rb"^\s*(<!doctype\s+html|<html|<head|<body|<meta|<article|<div|<p[\s>])", re.I)


# -- decoding --------------------------------------------------------------------------------


def _looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters, where no UTF-16/32 byte-order mark explains them."""
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > len(sample) * 0.05


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM has a NUL in every other byte of its ASCII characters."""
    if len(data) < 4 or len(data) % 2:
        return None
    even_nuls = data[0::2].count(0)
    odd_nuls = data[1::2].count(0)
    encoding = "utf_16_le" if odd_nuls > even_nuls else "utf_16_be"
    if max(even_nuls, odd_nuls) < len(data) // 16:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    printable = sum(1 for c in text if c.isprintable() or c in "\r\n\t")
    return text if printable >= len(text) * 0.95 else None


def decode_bytes(data: bytes, path: Path | str) -> tuple[str, str]:
    """Decode ``data`` and return (text, encoding name), or raise a one-line InputError."""
    if not data.strip():
        raise errors.empty_file(path)
    for bom, encoding in ((codecs.BOM_UTF8, "utf_8_sig"), (codecs.BOM_UTF32_LE, "utf_32"), (codecs.BOM_UTF32_BE, "utf_32"), (codecs.BOM_UTF16_LE, "utf_16"), (codecs.BOM_UTF16_BE, "utf_16")):  # fmt: skip
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise errors.undecodable_file(path) from exc
            return _check_text(text, path), encoding
    try:
        return _check_text(data.decode("utf-8"), path), "utf_8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:8192]:
        text16 = _utf16_without_bom(data)
        if text16 is not None:
            return _check_text(text16, path), "utf_16"
        raise errors.binary_file(path)
    if _looks_binary(data):
        raise errors.binary_file(path)
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=CANDIDATE_ENCODINGS).best()
    if best is None:
        raise errors.undecodable_file(path)
    return _check_text(str(best), path), best.encoding


def _check_text(text: str, path: Path | str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise errors.empty_file(path)
    if "\x00" in text:
        raise errors.binary_file(path)
    return text


def read_text_file(path: Path) -> tuple[str, str]:
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise errors.missing_file(path) from exc
    except IsADirectoryError as exc:
        raise InputError(
            f"{path}: is a directory, not an article file; pass the directory as CORPUS."
        ) from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror}); check its permissions.") from exc
    return decode_bytes(data, path)


# -- formats ---------------------------------------------------------------------------------


def html_to_text(html: str, path: Path | str) -> str:
    """The article text of an HTML page, one paragraph per line, via trafilatura."""
    import trafilatura

    text = trafilatura.extract(
        html,
        output_format="txt",
        include_comments=False,
        include_tables=True,
        include_links=False,
        favor_recall=True,
        deduplicate=False,
    )
    if not text or not text.strip():
        raise InputError(f"{path}: no article text found in this HTML page; save the article text itself.")
    return text


_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\(([^)\s]+)[^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")
_MD_LIST = re.compile(r"^\s{0,3}([-*+]|\d+[.)])\s+")
_MD_QUOTE = re.compile(r"^\s{0,3}>\s?")


def markdown_to_text(text: str) -> str:
    """Plain text of a Markdown article: heading marks, emphasis, list and quote markers go;
    a link keeps its text, and a link with no text keeps its URL (so it is not silently lost)."""
    lines = []
    for line in text.split("\n"):
        line = _MD_QUOTE.sub("", line)
        line = _MD_HEADING.sub("", line)
        line = _MD_LIST.sub("", line)
        line = _MD_LINK.sub(lambda m: m.group(1) or m.group(2), line)
        line = _MD_EMPHASIS.sub(r"\2", line)
        lines.append(line)
    return "\n".join(lines)


def detect_format(path: Path, data_head: bytes) -> str:
    fmt = TEXT_SUFFIXES.get(path.suffix.lower(), "text")
    if fmt == "text" and _HTML_START.match(data_head):
        return "html"
    return fmt


def read_article_file(path: Path, **meta: str) -> RawDocument:
    """Read one article file (text, Markdown or HTML) into a RawDocument."""
    text, encoding = read_text_file(path)
    fmt = detect_format(path, text[:512].encode("utf-8", "ignore"))
    if fmt == "html":
        text = html_to_text(text, path)
    elif fmt == "markdown":
        text = markdown_to_text(text)
    article_id = meta.pop("article_id", "") or path.stem
    source = meta.pop("source", "") or path.stem
    return RawDocument(
        article_id=article_id, source=source, text=text, path=str(path), encoding=encoding, fmt=fmt, **meta
    )


# -- tables (manifest, JSONL, CSV) -----------------------------------------------------------


def _read_csv_rows(path: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    text, _ = read_text_file(path)
    try:
        reader = csv.reader(io.StringIO(text))
        rows = list(reader)
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
        name, article_id = row["file"], row["article_id"]
        if not name:
            raise InputError(f"{where}: empty 'file'; name the article file relative to {directory}.")
        if not article_id:
            raise InputError(f"{where}: empty 'article_id'; give every article a unique id.")
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
        if not target.is_file():
            raise errors.missing_file(name, referrer=where)
        meta = {c: row.get(c, "") for c in MANIFEST_COLUMNS if c not in ("file",)}
        documents.append(read_article_file(target, **meta))
    return documents


def read_table(path: Path) -> list[RawDocument]:
    """Read a JSONL or CSV file with one article per record and a text column."""
    fmt = TABLE_SUFFIXES[path.suffix.lower()]
    records: list[tuple[int, dict[str, str]]] = []
    if fmt == "csv":
        header, records = _read_csv_rows(path)
    else:
        text, _ = read_text_file(path)
        header = []
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
            records.append((number, {k: "" if v is None else str(v) for k, v in obj.items()}))
            header = header or list(obj)
    text_field = next((f for f in TEXT_FIELDS if any(f in r for _, r in records)), None)
    if text_field is None:
        raise InputError(
            f"{path}: no text column (looked for {', '.join(TEXT_FIELDS)}); name the article text column 'text'."
        )
    seen: dict[str, int] = {}
    documents = []
    for number, row in records:
        body = row.get(text_field, "")
        if not body.strip():
            raise InputError(
                f"{path}:{number}: empty {text_field}; remove the row or fill in the article text."
            )
        article_id = row.get("article_id") or row.get("id") or f"{path.stem}-{number}"
        if article_id in seen:
            raise InputError(
                f"{path}:{number}: duplicate article_id '{article_id}' (also on line {seen[article_id]}); make the ids unique."
            )
        seen[article_id] = number
        if _HTML_START.match(body.encode("utf-8")[:512]):
            body = html_to_text(body, f"{path}:{number}")
        meta = {c: row.get(c, "") for c in MANIFEST_COLUMNS if c not in ("file", "article_id", "source")}
        documents.append(
            RawDocument(
                article_id=article_id,
                source=row.get("source") or row.get("outlet") or path.stem,
                text=body.replace("\r\n", "\n"),
                path=f"{path}:{number}",
                encoding="utf_8",
                fmt=fmt,
                **meta,
            )
        )
    return documents


def read_corpus(corpus: Path) -> list[RawDocument]:
    """Read every article of ``corpus`` (a directory, an article file or a JSONL/CSV table)."""
    if not corpus.exists():
        raise errors.missing_file(corpus)
    if corpus.is_dir():
        if (corpus / MANIFEST_NAME).is_file():
            return read_manifest(corpus)
        files = sorted(
            p
            for p in corpus.iterdir()
            if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES and not p.name.startswith(".")
        )
        if not files:
            raise InputError(
                f"{corpus}: no article files (.txt, .md, .html) and no {MANIFEST_NAME}; point stance at a folder of articles."
            )
        return [read_article_file(p) for p in files]
    if corpus.suffix.lower() in TABLE_SUFFIXES:
        return read_table(corpus)
    return [read_article_file(corpus)]


def iter_lines(document: RawDocument) -> Iterator[str]:
    """The document's lines with surrounding whitespace removed and blank lines skipped."""
    for line in document.text.split("\n"):
        stripped = line.strip()
        if stripped:
            yield stripped
