"""Lexicons as validated, versioned data.

A lexicon is a directory holding ``manifest.toml`` and a TSV of entries::

    lexicons/frames_policy/
        manifest.toml   # name, version, kind, description, provenance, licence,
                        # columns, categories, weight_range, checksum
        entries.tsv     # a header row naming the columns, then one entry per line

The first four columns are always ``term, category, weight, note``; a lexicon kind may declare
more (the targets lexicon adds ``register`` and ``alias_kind``), and the manifest may list the
values an extra column allows under its plural (``registers = [...]``). Every load validates
every entry, the checksum and the checks of the lexicon's kind, and reports problems as
``path:line: what is wrong (how to fix)``.

Where things live: records.py (Entry, Lexicon, Problem and the folder's names), load.py
(reading, validating, loading, locking), kinds.py (the per-kind checks and their registry, and
the checks across the lexicons of a run), patterns.py (the catastrophic-backtracking check of
rules patterns).

>>> from stance.resources import bundled_dir
>>> lex = load_lexicon(bundled_dir("lexicons") / "segmentation")
>>> lex.name, lex.kind
('segmentation', 'userdict')
"""

from __future__ import annotations

from stance.lexicon.kinds import KIND_VALIDATORS, check_kind, check_lexicon_set, ensure_valid, problems_error
from stance.lexicon.load import (
    entries_checksum,
    is_lexicon_dir,
    lexicon_dirs,
    load_lexicon,
    load_lexicons,
    lock_lexicon,
    run_lexicon_dirs,
    validate_lexicon,
)
from stance.lexicon.records import (
    BASE_COLUMNS,
    ENTRIES,
    KINDS,
    MANIFEST,
    REQUIRED_KEYS,
    TEXT_KINDS,
    Entry,
    Lexicon,
    Problem,
    errors_of,
    values_key,
)

__all__ = [
    "BASE_COLUMNS",
    "ENTRIES",
    "KINDS",
    "KIND_VALIDATORS",
    "MANIFEST",
    "REQUIRED_KEYS",
    "TEXT_KINDS",
    "Entry",
    "Lexicon",
    "Problem",
    "check_kind",
    "check_lexicon_set",
    "ensure_valid",
    "entries_checksum",
    "errors_of",
    "is_lexicon_dir",
    "lexicon_dirs",
    "load_lexicon",
    "load_lexicons",
    "lock_lexicon",
    "problems_error",
    "run_lexicon_dirs",
    "validate_lexicon",
    "values_key",
]
