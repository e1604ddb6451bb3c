"""Bytes to text: the encoding is detected, line ends become ``\\n``, and the characters that
carry no article text (control characters, zero-width marks) can be removed with
:func:`clean_text`. Only regular files are read, so a pipe or a device never blocks a run.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from pathlib import Path

from stance import errors
from stance.errors import InputError

# Encodings tried, in order, when the bytes are not UTF-8 and carry no byte-order mark.
CANDIDATE_ENCODINGS = ["gb18030", "big5", "big5hkscs", "utf_16", "utf_16_le", "utf_16_be", "cp1252"]
_BOMS = (
    (codecs.BOM_UTF8, "utf_8_sig"),
    (codecs.BOM_UTF32_LE, "utf_32"),
    (codecs.BOM_UTF32_BE, "utf_32"),
    (codecs.BOM_UTF16_LE, "utf_16"),
    (codecs.BOM_UTF16_BE, "utf_16"),
)
# C0 and C1 controls and DEL, except tab and newline. The line-separating ones become a line
# break rather than gluing two paragraphs together.
_LINE_BREAKING_CONTROLS = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85]")
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Zero-width space, non-joiner, joiner, word joiner and the byte-order mark inside text: invisible,
# but they split a name such as 美\u200b国 so that no lexicon term matches it.
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_FILE_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def clean_text(text: str) -> tuple[str, int]:
    """``text`` without control characters (tab and newline stay; carriage returns, vertical
    tabs, form feeds and the other line separators become ``\\n``) and without zero-width marks,
    with the number of control characters removed.

    >>> clean_text("美\\u200b国\\x07宣布\\r\\n新措施")
    ('美国宣布\\n新措施', 1)
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text, n_breaks = _LINE_BREAKING_CONTROLS.subn("\n", text)
    text, n_controls = _CONTROLS.subn("", text)
    return _ZERO_WIDTH.sub("", text), n_breaks + n_controls


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
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise errors.undecodable_file(path) from exc
            return _check_text(text, path), encoding
    # Before UTF-8: English in UTF-16 without a BOM is valid UTF-8 too, one NUL per letter.
    if b"\x00" in data[:8192]:
        text16 = _utf16_without_bom(data)
        if text16 is not None:
            return _check_text(text16, path), "utf_16"
        raise errors.binary_file(path)
    try:
        return _check_text(data.decode("utf-8"), path), "utf_8"
    except UnicodeDecodeError:
        pass
    if _looks_binary(data):
        raise errors.binary_file(path)
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=CANDIDATE_ENCODINGS).best()
    if best is None:
        raise errors.undecodable_file(path)
    return _check_text(str(best), path), best.encoding


def _check_text(text: str, path: Path | str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        raise errors.binary_file(path)
    if not clean_text(text)[0].strip():
        raise errors.empty_file(path)
    return text


def _refuse_special(path: Path, mode: int) -> None:
    if stat.S_ISDIR(mode):
        raise InputError(f"{path}: is a directory, not an article file; pass the directory as CORPUS.")
    if not stat.S_ISREG(mode):
        kind = next((name for test, name in _FILE_KINDS if test(mode)), "a special file")
        raise errors.not_regular_file(path, kind)


def read_file_bytes(path: Path) -> bytes:
    """The bytes of the regular file ``path``; a directory, pipe, device or socket is refused
    before it is read, so nothing blocks."""
    try:
        _refuse_special(path, os.stat(path).st_mode)
        # Non-blocking, and checked again on the open file: a pipe swapped in after the first
        # check still cannot make the read wait.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError as exc:
        raise errors.missing_file(path) from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror}); check its permissions.") from exc
    with open(fd, "rb") as handle:
        _refuse_special(path, os.fstat(fd).st_mode)
        try:
            return handle.read()
        except OSError as exc:
            raise InputError(f"{path}: cannot be read ({exc.strerror}); check the file.") from exc


def read_text_file(path: Path) -> tuple[str, str]:
    """The decoded text of the file ``path`` and its encoding (see :func:`decode_bytes`)."""
    return decode_bytes(read_file_bytes(path), path)
