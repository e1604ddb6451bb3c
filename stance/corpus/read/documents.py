"""One article file into a :class:`RawDocument`, and the metadata rules every reader shares:
control characters and zero-width marks removed (and counted), ``language`` and ``script``
limited to the values the detectors give."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from stance import errors
from stance.corpus.read.decode import clean_text, read_text_file
from stance.corpus.read.files import TEXT_SUFFIXES
from stance.corpus.read.formats import html_to_text, looks_like_html, markdown_to_text
from stance.corpus.records import MANIFEST_COLUMNS, RawDocument
from stance.text.normalise import LANGUAGES, SCRIPTS

METADATA_FIELDS = tuple(c for c in MANIFEST_COLUMNS if c != "file")
ALLOWED_VALUES = {"language": LANGUAGES, "script": SCRIPTS}
# ISO 15924 script codes, as in BCP 47 tags (zh-Hant-TW) and as a script value of their own.
SCRIPT_CODES = {"hans": "simplified", "hant": "traditional"}


def _language_tag(value: str) -> tuple[str, str]:
    """A BCP 47 tag read as (language, script): ``zh-Hant-TW`` is ("zh", "traditional"),
    ``EN-us`` ("en", ""); a value that is not a tag of a known language is returned as written.

    >>> _language_tag("zh-Hant-TW"), _language_tag("en_GB"), _language_tag("zh-TW"), _language_tag("chinese")
    (('zh', 'traditional'), ('en', ''), ('zh', ''), ('chinese', ''))
    """
    primary, *subtags = value.lower().replace("_", "-").split("-")
    if primary not in LANGUAGES:
        return value, ""
    return primary, next((SCRIPT_CODES[t] for t in subtags if t in SCRIPT_CODES), "")


def clean_metadata(location: str, values: Mapping[str, str]) -> tuple[dict[str, str], int]:
    """``values`` without control characters and zero-width marks, stripped, with the number of
    control characters removed. ``language`` may be a BCP 47 tag (``zh-TW``, ``en-US``,
    ``zh-Hant``, whose script subtag gives the script when none is given) and ``script`` any case
    or an ISO 15924 code (``Hant``); another value of either is refused."""
    cleaned: dict[str, str] = {}
    removed = 0
    tagged_script = ""
    for name, value in values.items():
        text, count = clean_text(value)
        cleaned[name] = shown = text.strip()
        removed += count
        if name == "language" and cleaned[name]:
            cleaned[name], tagged_script = _language_tag(cleaned[name])
        elif name == "script" and cleaned[name]:
            lowered = cleaned[name].lower()
            cleaned[name] = SCRIPT_CODES.get(lowered, lowered if lowered in SCRIPTS else cleaned[name])
        allowed = ALLOWED_VALUES.get(name)
        if allowed and cleaned[name] and cleaned[name] not in allowed:
            raise errors.unknown_value(location, name, shown, allowed)
    if tagged_script and "script" in cleaned and not cleaned["script"]:
        cleaned["script"] = tagged_script
    return cleaned, removed


def detect_format(path: Path, data_head: bytes) -> str:
    fmt = TEXT_SUFFIXES.get(path.suffix.lower(), "text")
    if fmt == "text" and looks_like_html(data_head):
        return "html"
    return fmt


def read_article_file(
    path: Path, metadata: Mapping[str, str] | None = None, *, control_characters: int = 0
) -> RawDocument:
    """Read one article file (text, Markdown or HTML) into a RawDocument. ``metadata`` holds
    cleaned manifest values; a missing article id or source is the file name without its
    extension. ``control_characters`` counts those already removed from the metadata."""
    text, encoding = read_text_file(path)
    text, removed = clean_text(text)
    fmt = detect_format(path, text[:512].encode("utf-8", "ignore"))
    if fmt == "html":
        text = html_to_text(text, path)
    elif fmt == "markdown":
        text = markdown_to_text(text)
    meta = dict(metadata or {})
    if not meta.get("article_id") or not meta.get("source"):
        stem, in_name = clean_text(path.stem)
        removed += in_name
        meta["article_id"] = meta.get("article_id") or stem
        meta["source"] = meta.get("source") or stem
    return RawDocument(
        text=text,
        path=str(path),
        encoding=encoding,
        fmt=fmt,
        control_characters=control_characters + removed,
        **meta,
    )
