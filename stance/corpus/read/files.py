"""Which files make the corpus, and the rules that keep a run to that corpus, exactly: no
report folder read back as articles, no two files under one article id, no link out of the
folder, no file name that cannot be written back as UTF-8."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

from stance import errors
from stance.corpus.read.decode import clean_text
from stance.errors import InputError, StanceWarning

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
# Python holds the bytes of a file name that are not UTF-8 as these surrogate escapes.
_UNDECODABLE_NAME = re.compile("[\udc80-\udcff]")


def check_out_outside_corpus(corpus: Path, out: Path) -> None:
    """Refuse an ``out`` that is the corpus folder itself: the next run would read
    ``report.md`` and ``data_dictionary.md`` as articles. A sub-folder is safe, since a folder
    corpus is read without descending into sub-folders."""
    if corpus.is_dir() and out.resolve() == corpus.resolve():
        raise errors.out_is_corpus(out)


def check_file_name(path: Path) -> None:
    """Refuse a path whose name is not valid UTF-8 (it could not be written to the report)."""
    if _UNDECODABLE_NAME.search(str(path)):
        raise errors.file_name_not_utf8(path)


def check_inside(path: Path, folder: Path) -> None:
    """Refuse a symbolic link in ``folder`` that leads out of it."""
    if path.is_symlink():
        target = path.resolve()
        if not target.is_relative_to(folder.resolve()):
            raise errors.link_escapes_corpus(path, target, folder)


def _warn_not_read(others: list[Path], folder: Path) -> None:
    """One warning naming the files of a corpus folder that are not read as articles (a PDF, a
    Word file, a table beside the articles), so none is left out unnoticed."""
    if not others:
        return
    names = ", ".join(p.name for p in others[:3]) + (
        f" and {len(others) - 3} more" if len(others) > 3 else ""
    )
    files = "file" if len(others) == 1 else "files"
    warnings.warn(
        f"{folder}: {len(others)} {files} not read ({names}): a folder's articles are its .txt, .md "
        "and .html files; save the others as text, or give a table (.csv, .jsonl) as the corpus on its own.",
        StanceWarning,
        stacklevel=3,
    )


def article_files(folder: Path) -> list[Path]:
    """The article files of a folder without a manifest, in name order; each one's article id
    is its name without the extension, and no two may share one. Hidden files, sub-folders and other extensions are not
    articles; a pipe or device with an article's name is kept so that reading refuses it."""
    listed = sorted(p for p in folder.iterdir() if not p.name.startswith(".") and not p.is_dir())
    candidates = [p for p in listed if p.suffix.lower() in TEXT_SUFFIXES]
    if not candidates:
        raise InputError(
            f"{folder}: no article files (.txt, .md, .html) and no {MANIFEST_NAME}; point stance at a folder of articles."
        )
    _warn_not_read([p for p in listed if p.suffix.lower() not in TEXT_SUFFIXES], folder)
    seen: dict[str, Path] = {}
    for path in candidates:
        check_file_name(path)
        check_inside(path, folder)
        article_id = clean_text(path.stem)[0]
        if article_id in seen:
            raise errors.same_article_id(seen[article_id], path, article_id)
        seen[article_id] = path
    return candidates
