"""The corpus as a whole: a folder (with or without a manifest), one article file, or a table."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from stance import errors
from stance.corpus.read.documents import read_article_file
from stance.corpus.read.files import MANIFEST_NAME, TABLE_SUFFIXES, article_files, check_file_name
from stance.corpus.read.tables import read_manifest, read_table
from stance.corpus.records import RawDocument


def read_corpus(corpus: Path) -> list[RawDocument]:
    """Read every article of ``corpus`` (a directory, an article file or a JSONL/CSV table)."""
    check_file_name(corpus)
    if not corpus.exists():
        raise errors.missing_file(corpus)
    if corpus.is_dir():
        manifest = corpus / MANIFEST_NAME
        if manifest.exists() or manifest.is_symlink():
            return read_manifest(corpus)
        return [read_article_file(path) for path in article_files(corpus)]
    if corpus.suffix.lower() in TABLE_SUFFIXES:
        return read_table(corpus)
    return [read_article_file(corpus)]


def iter_lines(document: RawDocument) -> Iterator[str]:
    """The document's lines with surrounding whitespace removed and blank lines skipped."""
    for line in document.text.split("\n"):
        stripped = line.strip()
        if stripped:
            yield stripped
