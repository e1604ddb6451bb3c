"""The lexicon records (:class:`Entry`, :class:`Lexicon`, :class:`Problem`) and the names that
define a lexicon folder."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST = "manifest.toml"
ENTRIES = "entries.tsv"
BASE_COLUMNS = ("term", "category", "weight", "note")
REQUIRED_KEYS = (
    "name",
    "version",
    "kind",
    "description",
    "provenance",
    "licence",
    "columns",
    "categories",
    "weight_range",
    "checksum",
)
# Kinds whose terms are matched as text: they must be written in normalised simplified script.
# ``rules`` lexicons hold regular expressions, which are compiled instead.
# A match joins at most this many units (words, or segmenter tokens); lexicon terms are short,
# and a term of more words than this can never match.
MAX_JOIN = 6
TEXT_KINDS = frozenset({"frames", "targets", "cues", "userdict", "variants"})
KINDS = TEXT_KINDS | {"rules"}
# The languages an entry can be in (the optional ``lang`` column) and a manifest can declare
# (``languages = ["zh", "en"]``).
LANGUAGES = ("zh", "en")
LANG_COLUMN = "lang"
LANGUAGES_KEY = "languages"
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")


def infer_language(term: str) -> str | None:
    """The language of a text term whose ``lang`` cell is empty: ``zh`` when it holds a Han
    character (5G网络 too), ``en`` when it holds Latin letters and no Han, None otherwise (a
    term of digits or signs belongs to neither).

    >>> infer_language("贸易战"), infer_language("trade war"), infer_language("5G网络"), infer_language("2%")
    ('zh', 'en', 'zh', None)
    """
    if _HAN.search(term):
        return "zh"
    if _LATIN.search(term):
        return "en"
    return None


def values_key(column: str) -> str:
    """The manifest key that declares the allowed values of an extra column: its plural
    (``registers`` for ``register``, ``alias_kinds`` for ``alias_kind``)."""
    return f"{column}s"


@dataclass(frozen=True)
class Entry:
    """One lexicon entry; ``extra`` holds the columns beyond the four base ones."""

    term: str
    category: str
    weight: float
    note: str
    line: int
    extra: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Lexicon:
    """A loaded lexicon. ``declared_values`` maps an extra column to the values its manifest
    allows (``registers = [...]`` declares those of ``register``); a column absent from it is
    free text, unless its kind has defaults (see :mod:`stance.lexicon.kinds`)."""

    name: str
    version: str
    kind: str
    description: str
    provenance: str
    licence: str
    columns: tuple[str, ...]
    categories: tuple[str, ...]
    weight_range: tuple[float, float]
    checksum: str
    path: Path
    entries: tuple[Entry, ...]
    declared_values: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # The manifest's ``languages``; empty when it declares none.
    languages: tuple[str, ...] = ()

    @property
    def entries_path(self) -> Path:
        return self.path / ENTRIES

    @property
    def manifest_path(self) -> Path:
        return self.path / MANIFEST

    def by_category(self, category: str) -> list[Entry]:
        return [e for e in self.entries if e.category == category]

    def entry_language(self, entry: Entry) -> str | None:
        """The language of ``entry``: its ``lang`` cell when written, else inferred from the
        term (:func:`infer_language`) for a text kind. A ``rules`` entry is a regular
        expression, whose letters say nothing of its language, so it has one only when written."""
        written = entry.extra.get(LANG_COLUMN, "")
        if written:
            return written
        return infer_language(entry.term) if self.kind in TEXT_KINDS else None

    def summary(self) -> dict[str, str | list[str]]:
        """What a report records about the lexicon it used; ``languages`` are those its entries
        are in (:meth:`entry_language`), sorted."""
        languages = sorted({lang for e in self.entries if (lang := self.entry_language(e))})
        return {
            "name": self.name,
            "version": self.version,
            "kind": self.kind,
            "checksum": self.checksum,
            "languages": languages,
        }


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a lexicon, printed as ``path:line: message``.

    A warning (``path:line: warning: message``) is worth a look but does not stop a run, a
    check or a lock: the lexicon still works as written.
    """

    path: Path
    line: int | None
    message: str
    warning: bool = False

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        return f"{where}: {'warning: ' if self.warning else ''}{self.message}"


def errors_of(problems: list[Problem]) -> list[Problem]:
    """The problems that are not warnings."""
    return [p for p in problems if not p.warning]
