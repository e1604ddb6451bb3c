"""Lexicon tooling: check and lock lexicon directories, write a lexicon back out as text, and
import dictionaries researchers already have.

Imports read two formats:

* YAML dictionaries as cntext and quanteda write them: ``{category: [term, ...]}``; a nested
  mapping ``{a: {b: [...]}}`` becomes category ``a.b`` (quanteda's separator).
* LIWC-style ``.dic`` files: a header between two ``%`` lines numbering the categories
  (``1<TAB>posemo``), then one ``term<TAB>1<TAB>2`` line per term. A trailing ``*`` (LIWC's
  prefix wildcard) is kept off the term, because stance matches whole terms; the note says so.

Either way terms are normalised (simplified script, half-width punctuation), duplicates after
normalisation are merged, and the new lexicon is written with its checksum locked.

>>> from stance.lexicon import load_lexicon
>>> from stance.resources import bundled_dir
>>> lex = load_lexicon(bundled_dir("lexicons") / "frames_trade")
>>> manifest, entries = dump_lexicon(lex)
>>> entries.splitlines()[0]
'term\\tcategory\\tweight\\tnote\\tlang'
"""

from __future__ import annotations

import hashlib
import json
import re
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from stance.errors import LexiconError
from stance.lexicon import (
    MANIFEST,
    TEXT_KINDS,
    Lexicon,
    Problem,
    check_lexicon_set,
    errors_of,
    lexicon_dirs,
    load_lexicon,
    lock_lexicon,
    validate_lexicon,
    values_key,
)
from stance.lexicon.load import HOLDS_NO_LEXICON, NOT_A_FOLDER
from stance.output.write import write_files, write_text_atomic
from stance.resources import bundled_dir
from stance.text.normalise import normalise_text

IMPORT_SUFFIXES = (".yaml", ".yml", ".dic")
DEFAULT_IMPORT_LICENCE = "unknown: record the licence of the source dictionary here"
_CHECKSUM_LINE = re.compile(r'^checksum\s*=\s*"([^"]*)"\s*$', re.M)


# -- check and lock -------------------------------------------------------------------------


def expand_lexicon_dirs(dirs: Iterable[Path]) -> tuple[list[Path], list[Problem]]:
    """Resolve each path to lexicon directories: a directory holding ``manifest.toml`` (or
    ``entries.tsv``) is one lexicon, any other directory is a folder of lexicons. Returns
    (directories, problems); a path that is neither is a problem, never skipped."""
    found: list[Path] = []
    problems: list[Problem] = []
    for path in dirs:
        if path.exists() and not path.is_dir():
            problems.append(Problem(path, None, NOT_A_FOLDER))
            continue
        if not path.is_dir():
            problems.append(Problem(path, None, "no such lexicon directory (check the path)"))
            continue
        try:
            found.extend(lexicon_dirs(path))
        except LexiconError:
            problems.append(Problem(path, None, HOLDS_NO_LEXICON))
    return found, problems


@dataclass(frozen=True)
class LexiconCheck:
    """What a check found: the lexicon folders validated, and every problem in the order
    found (warnings included; see :class:`~stance.lexicon.Problem`)."""

    directories: tuple[Path, ...]
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(errors_of(self.problems))

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.warning)


def check_lexicons(dirs: Iterable[Path] = (), *, overlays: Iterable[Path] = ()) -> LexiconCheck:
    """Validate lexicon folders the two ways ``stance lexicon check`` offers.

    ``dirs`` (the positional DIRs) are checked on their own: each lexicon, then the frame ids
    across them. ``overlays`` (``--lexicons``) are checked as a run with ``--lexicons`` loads
    them: the bundled lexicons, then each overlay in turn, a lexicon with the same name
    replacing the earlier one, and the checks across the resulting set. Each path may be one
    lexicon folder or a folder of them. A folder is validated once however often it is named.
    """
    validated: dict[Path, tuple[Lexicon | None, list[Problem]]] = {}
    problems: list[Problem] = []

    def validate(directories: list[Path]) -> list[Lexicon]:
        lexicons = []
        for directory in directories:
            if directory not in validated:
                validated[directory] = validate_lexicon(directory)
                problems.extend(validated[directory][1])
            lexicon = validated[directory][0]
            if lexicon is not None:
                lexicons.append(lexicon)
        return lexicons

    dirs, overlays = list(dirs), list(overlays)
    if dirs:
        directories, found = expand_lexicon_dirs(dirs)
        problems.extend(found)
        problems.extend(check_lexicon_set(validate(directories)))
    if overlays:
        directories, found = expand_lexicon_dirs([bundled_dir("lexicons"), *overlays])
        problems.extend(found)
        merged = {lexicon.name: lexicon for lexicon in validate(directories)}
        problems.extend(check_lexicon_set(merged[name] for name in sorted(merged)))
    unique = tuple(dict.fromkeys(problems))
    return LexiconCheck(tuple(validated), unique)


def check_lexicon_dirs(dirs: Iterable[Path]) -> list[str]:
    """Validate every lexicon under ``dirs`` and return each problem as one line
    ``path:line: what is wrong (how to fix)`` (a warning as ``path:line: warning: ...``); an
    empty list means all is well.

    Besides each lexicon's own checks, frame lexicons checked together must not declare the
    same category id (frame ids share one namespace, see :mod:`stance.measure.frames`).
    """
    return [str(p) for p in check_lexicons(dirs).problems]


def lock_lexicon_dirs(dirs: Iterable[Path]) -> tuple[list[tuple[Path, str, str]], list[str]]:
    """Rewrite the checksum of every lexicon under ``dirs`` whose entries are otherwise valid.

    Returns (locked, problems): ``locked`` lists (directory, old checksum, new checksum) for
    each lexicon locked; a lexicon with any error besides a checksum mismatch is not locked
    and its errors are returned, because a checksum should vouch for entries that pass.
    Warnings do not block a lock.
    """
    directories, expand_problems = expand_lexicon_dirs(dirs)
    problems = [str(p) for p in expand_problems]
    locked: list[tuple[Path, str, str]] = []
    for directory in directories:
        _, found = validate_lexicon(directory)
        blocking = [p for p in errors_of(found) if not p.message.startswith("checksum mismatch")]
        if blocking:
            problems.extend(str(p) for p in blocking)
            continue
        old, new = lock_lexicon(directory)
        locked.append((directory, old, new))
    return locked, problems


# -- dump -----------------------------------------------------------------------------------


def _toml_string(value: str) -> str:
    # JSON string syntax with ensure_ascii=False is valid TOML basic-string syntax.
    return json.dumps(value, ensure_ascii=False)


def _toml_float(value: float) -> str:
    text = repr(float(value))
    return text if ("." in text or "e" in text or "n" in text) else text + ".0"


def format_weight(weight: float) -> str:
    """The TSV form of a weight: short (``1``, ``0.5``) when that reads back exactly."""
    short = f"{weight:g}"
    return short if float(short) == weight else repr(weight)


def dump_lexicon(lexicon: Lexicon) -> tuple[str, str]:
    """Return (manifest.toml text, entries.tsv text) for ``lexicon``.

    Writing both into a directory and loading it gives back an equal lexicon (apart from its
    ``path``, and line numbers when the original file had comments or blank lines). The
    manifest's checksum is that of the returned entries text. Manifest comments and keys
    beyond the required ones, the declared column values and ``languages`` are not kept.
    """
    for entry in lexicon.entries:
        cells = (entry.term, entry.category, entry.note, *entry.extra.values())
        if any(("\t" in c or "\n" in c or "\r" in c) for c in cells):
            raise LexiconError(
                f"{lexicon.entries_path}:{entry.line}: a field holds a tab or line break "
                "(remove it; TSV fields cannot hold one)"
            )
    lines = ["\t".join(lexicon.columns)]
    for entry in lexicon.entries:
        row = {
            "term": entry.term,
            "category": entry.category,
            "weight": format_weight(entry.weight),
            "note": entry.note,
        }
        row.update(entry.extra)
        lines.append("\t".join(row.get(column, "") for column in lexicon.columns))
    entries_text = "\n".join(lines) + "\n"
    checksum = "sha256:" + hashlib.sha256(entries_text.encode("utf-8")).hexdigest()
    manifest_lines = [
        f"name = {_toml_string(lexicon.name)}",
        f"version = {_toml_string(lexicon.version)}",
        f"kind = {_toml_string(lexicon.kind)}",
        f"description = {_toml_string(lexicon.description)}",
        f"provenance = {_toml_string(lexicon.provenance)}",
        f"licence = {_toml_string(lexicon.licence)}",
        "columns = [" + ", ".join(_toml_string(c) for c in lexicon.columns) + "]",
        "categories = [" + ", ".join(_toml_string(c) for c in lexicon.categories) + "]",
        *(
            f"{values_key(column)} = [" + ", ".join(_toml_string(v) for v in values) + "]"
            for column, values in lexicon.declared_values.items()
        ),
        *(
            ["languages = [" + ", ".join(_toml_string(v) for v in lexicon.languages) + "]"]
            if lexicon.languages
            else []
        ),
        "weight_range = [" + ", ".join(_toml_float(w) for w in lexicon.weight_range) + "]",
        f"checksum = {_toml_string(checksum)}",
    ]
    return "\n".join(manifest_lines) + "\n", entries_text


def write_lexicon(lexicon: Lexicon, directory: Path) -> Path:
    """Write ``lexicon`` as a lexicon directory (created if needed); return the directory."""
    manifest, entries = dump_lexicon(lexicon)
    directory.mkdir(parents=True, exist_ok=True)
    write_text_atomic(directory / "entries.tsv", entries)
    write_text_atomic(directory / MANIFEST, manifest)
    return directory


# -- import ---------------------------------------------------------------------------------


def _yaml_entries(path: Path) -> list[tuple[str, str, int, str]]:
    """(term, category, line, note) from a cntext/quanteda-style YAML dictionary."""
    import yaml

    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise LexiconError(f"{path}: not UTF-8 (re-save the dictionary as UTF-8)") from exc
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise LexiconError(f"{path}{line}: unreadable YAML: {problem} (fix the YAML syntax)") from exc
    if not isinstance(root, yaml.MappingNode):
        line = root.start_mark.line + 1 if root is not None else 1
        raise LexiconError(
            f"{path}:{line}: expected a mapping of category: [terms] (write 'category: [term, ...]')"
        )
    out: list[tuple[str, str, int, str]] = []

    def walk(node: yaml.Node, prefix: str) -> None:
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode) or not str(key_node.value).strip():
                raise LexiconError(f"{path}:{line}: category name must be non-empty text (fix the key)")
            category = f"{prefix}{key_node.value}".strip()
            if isinstance(value_node, yaml.MappingNode):
                walk(value_node, category + ".")
            elif isinstance(value_node, yaml.SequenceNode):
                for item in value_node.value:
                    item_line = item.start_mark.line + 1
                    if not isinstance(item, yaml.ScalarNode):
                        raise LexiconError(
                            f"{path}:{item_line}: term of '{category}' is not plain text "
                            "(write one term per item)"
                        )
                    out.append((str(item.value), category, item_line, ""))
            elif isinstance(value_node, yaml.ScalarNode) and value_node.value:
                out.append((str(value_node.value), category, line, ""))
            else:
                raise LexiconError(
                    f"{path}:{line}: category '{category}' has no list of terms "
                    f"(write '{category}: [term, ...]')"
                )

    walk(root, "")
    return out


def _dic_entries(path: Path) -> list[tuple[str, str, int, str]]:
    """(term, category, line, note) from a LIWC-style ``.dic`` file."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LexiconError(f"{path}: not UTF-8 (re-save the dictionary as UTF-8)") from exc
    lines = text.splitlines()
    numbered = [(n, line.strip()) for n, line in enumerate(lines, start=1)]
    content = [(n, line) for n, line in numbered if line]
    if not content or content[0][1] != "%":
        line = content[0][0] if content else 1
        raise LexiconError(f"{path}:{line}: a .dic file starts with a '%' line (add the category header)")
    categories: dict[str, str] = {}
    out: list[tuple[str, str, int, str]] = []
    header_open = True
    for number, line in content[1:]:
        if header_open:
            if line == "%":
                header_open = False
                continue
            parts = line.split(None, 1)
            if len(parts) != 2 or not parts[0].isdigit():
                raise LexiconError(
                    f"{path}:{number}: category header line must be '<number><TAB><name>' (fix the line)"
                )
            if parts[0] in categories:
                raise LexiconError(
                    f"{path}:{number}: category number {parts[0]} declared twice (renumber one)"
                )
            categories[parts[0]] = parts[1].strip()
            continue
        parts = line.split("\t") if "\t" in line else line.split()
        term, numbers = parts[0].strip(), [p.strip() for p in parts[1:] if p.strip()]
        if not numbers:
            raise LexiconError(f"{path}:{number}: term '{term}' has no category number (add one after a tab)")
        note = ""
        if term.endswith("*"):
            term = term.rstrip("*")
            note = "LIWC wildcard '*' dropped: stance matches the whole term only"
        for num in numbers:
            if num not in categories:
                raise LexiconError(
                    f"{path}:{number}: category number '{num}' is not declared in the header "
                    "(declare it between the '%' lines or fix the number)"
                )
            out.append((term, categories[num], number, note))
    if header_open:
        raise LexiconError(
            f"{path}:{len(lines)}: the category header is never closed (add a second '%' line)"
        )
    return out


def read_dictionary(path: Path) -> list[tuple[str, str, int, str]]:
    """Read a YAML or LIWC ``.dic`` dictionary as (term, category, line, note) rows."""
    if not path.is_file():
        raise LexiconError(f"{path}: no such file (check the path)")
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return _yaml_entries(path)
    if suffix == ".dic":
        return _dic_entries(path)
    raise LexiconError(f"{path}: unknown dictionary format '{suffix}' (use .yaml, .yml or .dic)")


def import_dictionary(
    path: Path,
    out: Path,
    name: str,
    *,
    kind: str = "frames",
    weight: float = 1.0,
    licence: str = DEFAULT_IMPORT_LICENCE,
    description: str | None = None,
) -> Lexicon:
    """Import a YAML or LIWC ``.dic`` dictionary into a new lexicon directory ``out``.

    Terms are normalised and given ``weight``; a term listed twice in a category is kept once.
    The directory must not already hold a lexicon. Returns the lexicon as loaded back from
    disk, so the result has passed validation.
    """
    if kind not in TEXT_KINDS:
        raise LexiconError(f"kind '{kind}' cannot be imported (use one of {', '.join(sorted(TEXT_KINDS))})")
    if not re.fullmatch(r"[a-z][a-z0-9_]*", name):
        raise LexiconError(
            f"lexicon name '{name}' must be lower-case letters, digits and '_' (e.g. my_frames)"
        )
    if out.exists() and not out.is_dir():
        raise LexiconError(f"{out}: is a file, not a folder (give --out a new folder for the lexicon)")
    if (out / MANIFEST).exists() or (out / "entries.tsv").exists():
        raise LexiconError(f"{out}: already holds a lexicon (choose another --out or remove it)")
    rows = _normalised_rows(path, read_dictionary(path))
    if not rows:
        raise LexiconError(f"{path}: no terms found (check that the file lists terms under categories)")
    categories = list(dict.fromkeys(category for _, category, _ in rows))
    entries_lines = ["term\tcategory\tweight\tnote"]
    entries_lines += [f"{term}\t{category}\t{format_weight(weight)}\t{note}" for term, category, note in rows]
    entries_text = "\n".join(entries_lines) + "\n"
    manifest_text = "\n".join(
        [
            f"# Imported by `stance lexicon import` from {path.name}; review the entries, then run",
            "# `stance lexicon check` and `stance lexicon lock` after any edit.",
            f"name = {_toml_string(name)}",
            'version = "1.0.0"',
            f"kind = {_toml_string(kind)}",
            f"description = {_toml_string(description or f'Imported from {path.name}')}",
            f"provenance = {_toml_string(f'Imported from {path.name} (sha256:{_file_digest(path)})')}",
            f"licence = {_toml_string(licence)}",
            'columns = ["term", "category", "weight", "note"]',
            "categories = [" + ", ".join(_toml_string(c) for c in categories) + "]",
            f"weight_range = [0.0, {_toml_float(max(1.0, weight))}]",
            'checksum = ""',
        ]
    )
    # Locked and validated in a folder of its own first, then written into ``out`` as one set:
    # a dictionary that does not validate leaves nothing behind.
    with tempfile.TemporaryDirectory(prefix="stance-import-") as folder:
        staged = Path(folder)
        (staged / "entries.tsv").write_text(entries_text, encoding="utf-8", newline="\n")
        (staged / MANIFEST).write_text(manifest_text + "\n", encoding="utf-8", newline="\n")
        lock_lexicon(staged)
        lexicon, problems = validate_lexicon(staged)
        errors = errors_of(problems)
        if errors or lexicon is None:
            problem = str(errors[0]).replace(str(staged), str(out))
            raise LexiconError(
                f"{problem} (the imported lexicon does not validate; fix the source dictionary)"
            )
        files = {name: (staged / name).read_bytes() for name in ("entries.tsv", MANIFEST)}
    write_files(out, files)
    return load_lexicon(out)


def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def _normalised_rows(path: Path, rows: Sequence[tuple[str, str, int, str]]) -> list[tuple[str, str, str]]:
    seen: set[tuple[str, str]] = set()
    out: list[tuple[str, str, str]] = []
    for term, category, line, note in rows:
        for value, what in ((term, "term"), (category, "category")):
            if any(c in value for c in "\t\r\n"):
                raise LexiconError(f"{path}:{line}: {what} '{value}' holds a tab or line break (remove it)")
        norm = normalise_text(term)
        if not norm:
            raise LexiconError(f"{path}:{line}: empty term in '{category}' (write the term or delete it)")
        if norm.startswith("#"):
            # entries.tsv reads a line that starts with '#' as a comment: the term would be lost.
            raise LexiconError(
                f"{path}:{line}: term '{term}' starts with '#', which a lexicon reads as a comment "
                "(write it without the '#')"
            )
        category = category.strip()
        if (norm, category) in seen:
            continue
        seen.add((norm, category))
        out.append((norm, category, note))
    return out
