"""Reading, validating, loading and locking lexicon folders.

:func:`validate_lexicon` makes the checks every lexicon gets (manifest keys, header, fields,
declared categories, weight range, normalised text, duplicates, checksum), then, when every row
passes them, the checks of the lexicon's kind (:mod:`stance.lexicon.kinds`).
:func:`load_lexicons` also checks the set a run uses (:func:`~stance.lexicon.kinds.check_lexicon_set`).
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections.abc import Iterable, Iterator
from pathlib import Path

from stance.errors import LexiconError
from stance.lexicon.kinds import check_kind, check_lexicon_set, problems_error
from stance.lexicon.records import (
    BASE_COLUMNS,
    ENTRIES,
    KINDS,
    LANG_COLUMN,
    LANGUAGES,
    LANGUAGES_KEY,
    MANIFEST,
    MAX_JOIN,
    REQUIRED_KEYS,
    TEXT_KINDS,
    Entry,
    Lexicon,
    Problem,
    errors_of,
    values_key,
)
from stance.resources import bundled_dir
from stance.text.normalise import normalise_text

_VERSION = re.compile(r"^\d+\.\d+\.\d+$")
_EXPECTED = f"a lexicon folder with {MANIFEST} and {ENTRIES}, or a folder of lexicon folders"
HOLDS_NO_LEXICON = f"holds no lexicon (expected {_EXPECTED})"
NOT_A_FOLDER = f"is a file, not a folder (expected {_EXPECTED})"


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
        Problem(path, None, f"manifest lacks '{key}' (add it; see the Lexicons section of the README)")
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
    declared = manifest.get(LANGUAGES_KEY)
    if declared is not None and not (
        isinstance(declared, list)
        and declared
        and all(v in LANGUAGES for v in declared)
        and len(set(declared)) == len(declared)
    ):
        problems.append(
            Problem(
                path,
                None,
                f"'{LANGUAGES_KEY}' must list each language once, from {', '.join(LANGUAGES)} "
                f'(e.g. {LANGUAGES_KEY} = ["zh", "en"]; delete it if the lexicon declares none)',
            )
        )
    if isinstance(columns, list):
        for column in columns[4:]:
            values = manifest.get(values_key(column))
            if values is not None and not (
                isinstance(values, list) and values and all(isinstance(v, str) and v for v in values)
            ):
                problems.append(
                    Problem(
                        path,
                        None,
                        f"'{values_key(column)}' must be a non-empty list of the values column "
                        f"'{column}' may hold (fix it, or delete it to allow any value)",
                    )
                )
    return manifest, problems


def _parse_entries(directory: Path, manifest: dict) -> tuple[list[Entry], list[Problem]]:
    path = directory / ENTRIES
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
    languages = tuple(manifest.get(LANGUAGES_KEY) or LANGUAGES)
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
        if kind in TEXT_KINDS and len(term.split()) > MAX_JOIN:
            problems.append(
                Problem(
                    path,
                    number,
                    f"term of {len(term.split())} words can never match: a match joins at most {MAX_JOIN} "
                    "(shorten it to its telling part)",
                )
            )
            continue
        lang = row.get(LANG_COLUMN, "")
        if lang and lang not in languages:
            where = (
                f"among the lexicon's {LANGUAGES_KEY} ({', '.join(languages)})"
                if LANGUAGES_KEY in manifest
                else f"among the languages stance knows ({', '.join(LANGUAGES)})"
            )
            problems.append(
                Problem(
                    path,
                    number,
                    f"lang '{lang}' is not {where} (write one of them, or leave it empty to infer it)",
                )
            )
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
    """Load one lexicon directory and return it with every problem found (empty when valid;
    warnings are problems that do not stop a run, see :class:`Problem`).

    The checks of the lexicon's kind run once every row passes the common checks, because they
    read the lexicon as the stage that uses it would.
    """
    manifest, problems = _read_manifest(directory)
    if problems:
        return None, problems
    entries, problems = _parse_entries(directory, manifest)
    row_errors = bool(problems)
    entries_path = directory / ENTRIES
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
        declared_values={
            column: tuple(manifest[values_key(column)])
            for column in manifest["columns"][4:]
            if values_key(column) in manifest
        },
        languages=tuple(manifest.get(LANGUAGES_KEY) or ()),
    )
    if not row_errors:
        problems.extend(check_kind(lexicon))
    return lexicon, problems


def load_lexicon(directory: Path) -> Lexicon:
    """Load and validate one lexicon; raise :class:`LexiconError` on the first problem
    (warnings do not count)."""
    lexicon, problems = validate_lexicon(directory)
    errors = errors_of(problems)
    if errors:
        raise problems_error(errors)
    assert lexicon is not None  # validate_lexicon returns a lexicon whenever problems is empty
    return lexicon


def is_lexicon_dir(path: Path) -> bool:
    """Whether ``path`` is one lexicon folder: it holds a manifest or an entries file (a
    folder with only one of the two is a broken lexicon, reported as such, not skipped)."""
    return (path / MANIFEST).is_file() or (path / ENTRIES).is_file()


def lexicon_dirs(root: Path) -> list[Path]:
    """The lexicon folders ``root`` stands for: ``root`` itself when it is a lexicon folder (as
    ``stance lexicon import --out`` writes one), else the lexicon folders directly under it, in
    name order. Raises :class:`LexiconError` when it is neither.
    """
    if root.exists() and not root.is_dir():
        raise LexiconError(f"{root}: {NOT_A_FOLDER}")
    if not root.is_dir():
        raise LexiconError(f"{root}: no such lexicon directory (check the --lexicons path)")
    if is_lexicon_dir(root):
        return [root]
    found = sorted(p for p in root.iterdir() if p.is_dir() and is_lexicon_dir(p))
    if not found:
        raise LexiconError(f"{root}: {HOLDS_NO_LEXICON}")
    return found


def run_lexicon_dirs(extra_dirs: Iterable[Path] = ()) -> Iterator[Path]:
    """Every lexicon folder a run with ``--lexicons extra_dirs`` loads, in load order: the
    bundled ones, then those of each extra directory in turn."""
    for root in (bundled_dir("lexicons"), *extra_dirs):
        yield from lexicon_dirs(Path(root))


def load_lexicons(extra_dirs: Iterable[Path] = ()) -> dict[str, Lexicon]:
    """Load the bundled lexicons, then each user directory in turn (one lexicon folder, or a
    folder of them); a user lexicon with the same ``name`` replaces the bundled one. The set
    is checked as a whole too (frame ids unique across frame lexicons)."""
    found: dict[str, Lexicon] = {}
    for directory in run_lexicon_dirs(extra_dirs):
        lexicon = load_lexicon(directory)
        found[lexicon.name] = lexicon
    lexicons = dict(sorted(found.items()))
    problems = check_lexicon_set(lexicons.values())
    if problems:
        raise problems_error(problems)
    return lexicons


def lock_lexicon(directory: Path) -> tuple[str, str]:
    """Rewrite the manifest's checksum to match the entries; return (old, new).

    Only the ``checksum = ...`` line changes, so comments and layout in the manifest survive.
    The manifest is replaced atomically.
    """
    from stance.output.write import write_text_atomic

    manifest_path = directory / MANIFEST
    text = manifest_path.read_text(encoding="utf-8")
    new = entries_checksum(directory / ENTRIES)
    pattern = re.compile(r'^checksum\s*=\s*"([^"]*)"\s*$', re.M)
    match = pattern.search(text)
    if match is None:
        raise LexiconError(f'{manifest_path}: no checksum line to rewrite (add checksum = "")')
    old = match.group(1)
    if old != new:
        write_text_atomic(manifest_path, text[: match.start()] + f'checksum = "{new}"' + text[match.end() :])
    return old, new
