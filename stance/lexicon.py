"""Lexicons as validated, versioned data.

A lexicon is a directory holding ``manifest.toml`` and a TSV of entries::

    lexicons/frames_policy/
        manifest.toml   # name, version, kind, description, provenance, licence,
                        # columns, categories, weight_range, checksum
        entries.tsv     # a header row naming the columns, then one entry per line

The first four columns are always ``term, category, weight, note``; a lexicon kind may declare
more (the targets lexicon adds ``register``). Every load validates every entry and the checksum,
and reports problems as ``path:line: what is wrong (how to fix)``.

>>> lex = load_lexicon(bundled_dir("lexicons") / "segmentation")
>>> lex.name, lex.kind
('segmentation', 'userdict')
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .errors import LexiconError
from .normalise import normalise_text
from .resources import bundled_dir

MANIFEST = "manifest.toml"
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
TEXT_KINDS = frozenset({"frames", "targets", "cues", "userdict", "variants"})
KINDS = TEXT_KINDS | {"rules"}
_VERSION = re.compile(r"^\d+\.\d+\.\d+$")


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

    @property
    def entries_path(self) -> Path:
        return self.path / "entries.tsv"

    def by_category(self, category: str) -> list[Entry]:
        return [e for e in self.entries if e.category == category]

    def summary(self) -> dict[str, str]:
        """What a report records about the lexicon it used."""
        return {"name": self.name, "version": self.version, "kind": self.kind, "checksum": self.checksum}


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"


def entries_checksum(path: Path) -> str:
    """``sha256:`` of the entries file's bytes; any edit to the entries changes it."""
    return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()


def _read_manifest(directory: Path) -> tuple[dict, list[Problem]]:
    path = directory / MANIFEST
    if not path.is_file():
        return {}, [Problem(path, None, "missing manifest (every lexicon directory needs manifest.toml)")]
    try:
        manifest = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        return {}, [Problem(path, None, f"unreadable manifest: {exc} (fix the TOML syntax)")]
    problems = [
        Problem(path, None, f"manifest lacks '{key}' (add it; see lexicons/README.md)")
        for key in REQUIRED_KEYS
        if key not in manifest
    ]
    if problems:
        return manifest, problems
    if manifest["kind"] not in KINDS:
        problems.append(
            Problem(path, None, f"unknown kind '{manifest['kind']}' (use one of {', '.join(sorted(KINDS))})")
        )
    if not _VERSION.match(str(manifest["version"])):
        problems.append(Problem(path, None, f"version '{manifest['version']}' is not MAJOR.MINOR.PATCH"))
    columns = manifest["columns"]
    if not isinstance(columns, list) or tuple(columns[:4]) != BASE_COLUMNS:
        problems.append(
            Problem(path, None, f"columns must start with {', '.join(BASE_COLUMNS)} (fix 'columns')")
        )
    wr = manifest["weight_range"]
    if not (
        isinstance(wr, list)
        and len(wr) == 2
        and all(isinstance(x, int | float) for x in wr)
        and wr[0] <= wr[1]
    ):
        problems.append(Problem(path, None, "weight_range must be [low, high] with low <= high"))
    if not isinstance(manifest["categories"], list) or not manifest["categories"]:
        problems.append(Problem(path, None, "categories must be a non-empty list"))
    return manifest, problems


def _parse_entries(directory: Path, manifest: dict) -> tuple[list[Entry], list[Problem]]:
    path = directory / "entries.tsv"
    if not path.is_file():
        return [], [Problem(path, None, "missing entries file (add entries.tsv with a header row)")]
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return [], [Problem(path, None, "not UTF-8 (re-save the file as UTF-8)")]
    columns = tuple(manifest["columns"])
    categories = set(manifest["categories"])
    low, high = manifest["weight_range"]
    kind = manifest["kind"]
    problems: list[Problem] = []
    entries: list[Entry] = []
    seen: dict[tuple[str, str], int] = {}
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines or tuple(lines[0].rstrip("\r").split("\t")) != columns:
        problems.append(Problem(path, 1, f"header must be {'<TAB>'.join(columns)} (fix the first line)"))
        return entries, problems
    for number, raw in enumerate(lines[1:], start=2):
        line = raw.rstrip("\r")
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != len(columns):
            problems.append(
                Problem(
                    path,
                    number,
                    f"{len(cells)} fields, expected {len(columns)} (separate fields with one tab)",
                )
            )
            continue
        row = dict(zip(columns, cells, strict=True))
        if any(c != c.strip() for c in cells):
            problems.append(Problem(path, number, "stray whitespace around a field (remove it)"))
            continue
        term, category = row["term"], row["category"]
        if not term:
            problems.append(Problem(path, number, "empty term (write the term or delete the line)"))
            continue
        if category not in categories:
            problems.append(
                Problem(
                    path,
                    number,
                    f"undeclared category '{category}' (declare it in {MANIFEST} or fix the row)",
                )
            )
            continue
        try:
            weight = float(row["weight"])
        except ValueError:
            problems.append(Problem(path, number, f"weight '{row['weight']}' is not a number"))
            continue
        if not low <= weight <= high:
            problems.append(Problem(path, number, f"weight {weight:g} out of range [{low:g}, {high:g}]"))
            continue
        if kind in TEXT_KINDS and normalise_text(term) != term:
            problems.append(
                Problem(path, number, f"unnormalised text '{term}' (write it as '{normalise_text(term)}')")
            )
            continue
        if kind == "rules":
            try:
                re.compile(term)
            except re.error as exc:
                problems.append(Problem(path, number, f"bad regular expression: {exc}"))
                continue
        key = (term, category)
        if key in seen:
            problems.append(
                Problem(
                    path,
                    number,
                    f"duplicate entry '{term}' in '{category}' (first on line {seen[key]}; delete one)",
                )
            )
            continue
        seen[key] = number
        extra = {k: v for k, v in row.items() if k not in BASE_COLUMNS}
        entries.append(Entry(term, category, weight, row["note"], number, extra))
    return entries, problems


def validate_lexicon(directory: Path) -> tuple[Lexicon | None, list[Problem]]:
    """Load one lexicon directory and return it with every problem found (empty when valid)."""
    manifest, problems = _read_manifest(directory)
    if problems:
        return None, problems
    entries, problems = _parse_entries(directory, manifest)
    entries_path = directory / "entries.tsv"
    if entries_path.is_file():
        actual = entries_checksum(entries_path)
        if manifest["checksum"] != actual:
            problems.append(
                Problem(
                    directory / MANIFEST,
                    None,
                    "checksum mismatch: the entries changed since the lexicon was locked "
                    "(review the edit, then run `stance lexicon lock`)",
                )
            )
    lexicon = Lexicon(
        name=str(manifest["name"]),
        version=str(manifest["version"]),
        kind=str(manifest["kind"]),
        description=str(manifest["description"]),
        provenance=str(manifest["provenance"]),
        licence=str(manifest["licence"]),
        columns=tuple(manifest["columns"]),
        categories=tuple(manifest["categories"]),
        weight_range=(float(manifest["weight_range"][0]), float(manifest["weight_range"][1])),
        checksum=str(manifest["checksum"]),
        path=directory,
        entries=tuple(entries),
    )
    return lexicon, problems


def load_lexicon(directory: Path) -> Lexicon:
    """Load and validate one lexicon; raise :class:`LexiconError` on the first problem."""
    lexicon, problems = validate_lexicon(directory)
    if problems:
        more = f" (and {len(problems) - 1} more; run `stance lexicon check`)" if len(problems) > 1 else ""
        raise LexiconError(f"{problems[0]}{more}")
    assert lexicon is not None  # validate_lexicon returns a lexicon whenever problems is empty
    return lexicon


def lexicon_dirs(root: Path) -> Iterator[Path]:
    """The lexicon directories directly under ``root``, in name order."""
    if not root.is_dir():
        raise LexiconError(f"{root}: no such lexicon directory (check the --lexicons path)")
    yield from sorted(p for p in root.iterdir() if (p / MANIFEST).is_file())


def load_lexicons(extra_dirs: Iterable[Path] = ()) -> dict[str, Lexicon]:
    """Load the bundled lexicons, then each user directory in turn; a user lexicon with the
    same ``name`` replaces the bundled one."""
    found: dict[str, Lexicon] = {}
    for root in (bundled_dir("lexicons"), *extra_dirs):
        for directory in lexicon_dirs(Path(root)):
            lexicon = load_lexicon(directory)
            found[lexicon.name] = lexicon
    return dict(sorted(found.items()))


def lock_lexicon(directory: Path) -> tuple[str, str]:
    """Rewrite the manifest's checksum to match the entries; return (old, new).

    Only the ``checksum = ...`` line changes, so comments and layout in the manifest survive.
    The manifest is replaced atomically.
    """
    from .output import write_text_atomic

    manifest_path = directory / MANIFEST
    text = manifest_path.read_text(encoding="utf-8")
    new = entries_checksum(directory / "entries.tsv")
    pattern = re.compile(r'^checksum\s*=\s*"([^"]*)"\s*$', re.M)
    match = pattern.search(text)
    if match is None:
        raise LexiconError(f'{manifest_path}: no checksum line to rewrite (add checksum = "")')
    old = match.group(1)
    if old != new:
        write_text_atomic(manifest_path, text[: match.start()] + f'checksum = "{new}"' + text[match.end() :])
    return old, new
