"""What each lexicon kind must satisfy beyond the checks every lexicon gets.

:data:`KIND_VALIDATORS` is the one registry: kind -> a function from a :class:`Lexicon` to the
:class:`Problem` list of that kind's checks. Loading (``validate_lexicon``) and ``stance lexicon
check`` run it, so every check a later stage would make is made before anything runs. A stage
handed a lexicon (perhaps one built in memory) calls :func:`ensure_valid` instead of checking
again in its own words.

Every kind
    an extra column whose values the manifest declares (``registers = [...]`` for
    ``register``) holds only those values. In a lexicon whose manifest declares two or more
    ``languages``, a category with entries in only some of them is a warning, one line per
    category (:func:`check_languages`; the ``lang`` cell itself is checked on loading).
``targets``
    a joint form (``china+us``) joins distinct target ids, each declared as a category of its
    own; ``register`` and ``alias_kind`` hold declared values (:data:`TARGET_VALUES` unless the
    manifest declares its own).
``cues``
    an operator's weight is a multiplier in the range its role needs (:data:`CUE_OPERATORS`);
    a content cue's weight is not 0.
``rules``
    every pattern compiles (case-insensitive, as the furniture stage reads it) and has no
    shape that backtracks catastrophically (:mod:`stance.lexicon.patterns`); ``max_chars``
    holds whole numbers.
``frames``
    a declared category without entries is a warning: it always scores 0.
``variants``
    with a ``family`` column, every entry of a category gives the same family.
``userdict``
    nothing beyond the common checks.

Across the lexicons of one run, :func:`check_lexicon_set` checks that frame ids are unique.

>>> sorted(KIND_VALIDATORS)
['cues', 'frames', 'rules', 'targets', 'userdict', 'variants']
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from stance.errors import LexiconError
from stance.lexicon.patterns import AMBIGUOUS_ALTERNATION, backtracking_risk, compile_error
from stance.lexicon.records import LANGUAGES_KEY, Lexicon, Problem, errors_of, values_key

Validator = Callable[[Lexicon], list[Problem]]

JOINT = "+"
# The values of the targets lexicon's extra columns when its manifest declares none (as
# documented in lexicons/targets/manifest.toml).
TARGET_VALUES = {
    "register": ("neutral", "formal", "colloquial", "regional_transliteration", "partisan"),
    "alias_kind": (
        "name",
        "side",
        "government",
        "military",
        "leader",
        "party",
        "metonym",
        "firm",
        "oblique",
        "joint",
        "currency",
        "self",
        "across",
    ),
}
# The scorer's content categories (stance/measure/polarity/records.py CONTENT): their weight is the
# signed score a cue adds, so 0 adds nothing.
CUE_CONTENT = ("evaluation", "potency", "dependence", "comparison", "control", "appraisal")


@dataclass(frozen=True)
class WeightRange:
    """Where an operator's weight must lie: from ``low`` to ``high`` (None: the lexicon's own
    upper bound), each end open or closed, and what the weight does."""

    low: float
    high: float | None
    low_open: bool
    high_open: bool
    role: str

    def bounds(self, lexicon: Lexicon) -> tuple[float, float]:
        return self.low, lexicon.weight_range[1] if self.high is None else self.high

    def contains(self, weight: float, lexicon: Lexicon) -> bool:
        low, high = self.bounds(lexicon)
        above = weight > low if self.low_open else weight >= low
        below = weight < high if self.high_open else weight <= high
        return above and below

    def describe(self, lexicon: Lexicon) -> str:
        low, high = self.bounds(lexicon)
        return f"{'(' if self.low_open else '['}{low:g}, {high:g}{')' if self.high_open else ']'}"


# Operators multiply the cue or clause they act on by their weight (see the comments in
# lexicons/stance_cues/manifest.toml); a weight outside these ranges turns an operator into
# its opposite (a hedge of 1.5 strengthens, a negator of 0.5 only weakens).
CUE_OPERATORS = {
    "negator": WeightRange(
        -1, 0, False, True, "a negator multiplies the next cue: -1 flips it, -0.5 for a denial"
    ),
    "shifter": WeightRange(-1, 0, False, True, "a shifter multiplies the next cue to reverse it: use -1"),
    "decline": WeightRange(
        -1,
        0,
        False,
        True,
        "a decline word multiplies the potency cues before it to reverse them: use -0.6 to -1",
    ),
    "intensifier": WeightRange(
        1, None, True, False, "an intensifier multiplies the next cue to strengthen it: use 1.1 to 1.6"
    ),
    "hedge": WeightRange(
        0, 1, True, True, "a hedge multiplies the later cues of its clause to weaken them: use 0.2 to 0.7"
    ),
    "condition": WeightRange(
        0,
        1,
        True,
        True,
        "a condition multiplies the rest of its clause and the next clause (its consequence): use 0.05 to 0.2",
    ),
    "attempt": WeightRange(
        0, 1, True, True, "an attempt word multiplies the positive potency after it: use 0.05 to 0.3"
    ),
    "contrast": WeightRange(
        0, 1, True, True, "a contrast marker multiplies the clauses before it so they count less: use 0.5"
    ),
    "concession": WeightRange(
        0, 1, True, True, "a concession marker multiplies its own clause so it counts less: use 0.5"
    ),
    "irony": WeightRange(
        -1, 0, False, True, "a scare-quote marker multiplies the next cue to reverse it: -1 or nearly"
    ),
    "exhortation": WeightRange(
        -1,
        0,
        False,
        True,
        "an exhortation marker gives the party urged minus the cue it scopes, times its size: use -0.5",
    ),
    "rhetorical": WeightRange(
        -1,
        0,
        False,
        True,
        "a rhetorical-question marker multiplies the cues after it to reverse them: use -1",
    ),
}
# furniture.py reads max_chars as a whole number; 0 means any length.
_WHOLE_NUMBER = re.compile(r"\d+")


def _problem(lexicon: Lexicon, line: int, message: str) -> Problem:
    return Problem(lexicon.entries_path, line, message)


# -- every kind -------------------------------------------------------------------------------


def check_declared_values(
    lexicon: Lexicon, defaults: dict[str, tuple[str, ...]] | None = None
) -> list[Problem]:
    """Each extra column with declared values (or ``defaults`` when the manifest declares
    none) holds only those values."""
    allowed: dict[str, tuple[str, ...]] = {}
    for column in lexicon.columns[4:]:
        values = lexicon.declared_values.get(column) or (defaults or {}).get(column)
        if values:
            allowed[column] = tuple(values)
    problems = []
    for entry in lexicon.entries:
        for column, values in allowed.items():
            value = entry.extra.get(column, "")
            if value in values:
                continue
            if not value:
                message = f"empty {column} (write one of {', '.join(values)})"
            else:
                message = (
                    f"{column} '{value}' is not a declared value (use one of {', '.join(values)}, or add "
                    f"it to '{values_key(column)}' in manifest.toml)"
                )
            problems.append(_problem(lexicon, entry.line, message))
    return problems


def check_languages(lexicon: Lexicon) -> list[Problem]:
    """A warning for each category of a lexicon declaring two or more languages that has
    entries in only some of them (the language of an entry is
    :meth:`~stance.lexicon.records.Lexicon.entry_language`). A category without entries is
    left to its kind's checks, and one whose entries have no language (rules for URLs or
    separator lines, terms of digits and signs) is language-neutral: no warning."""
    if len(lexicon.languages) < 2:
        return []
    present: dict[str, set[str]] = {}
    for entry in lexicon.entries:
        found = present.setdefault(entry.category, set())
        language = lexicon.entry_language(entry)
        if language:
            found.add(language)
    problems = []
    for category in lexicon.categories:
        if category not in present:
            continue
        have = [lang for lang in lexicon.languages if lang in present[category]]
        missing = [lang for lang in lexicon.languages if lang not in present[category]]
        if not have:
            # Language-neutral: rules for URLs or separator lines, terms of digits and signs.
            continue
        if missing:
            message = (
                f"category '{category}' has entries in {', '.join(have)} only "
                f"(add {', '.join(missing)} entries, or drop {', '.join(missing)} from {LANGUAGES_KEY})"
            )
        else:
            continue
        problems.append(Problem(lexicon.manifest_path, None, message, warning=True))
    return problems


# -- targets ----------------------------------------------------------------------------------


def joint_form_problem(category: str, declared: Iterable[str]) -> str | None:
    """What is wrong with the target ids of ``category`` (one id, or ids joined with ``+``),
    given the categories the lexicon declares; None when every id is a declared target.

    >>> joint_form_problem("us+mars", ["us", "china", "us+mars"])
    "joint form 'us+mars' names undeclared target 'mars' (declare each target id as a category of its own, or fix the row)"
    """
    if JOINT not in category:
        return None
    singles = {c for c in declared if JOINT not in c}
    names = category.split(JOINT)
    if not all(names):
        return f"joint form '{category}' has an empty target id (join declared target ids with '+', e.g. china+us)"
    unknown = [n for n in dict.fromkeys(names) if n not in singles]
    if unknown:
        which = "target" if len(unknown) == 1 else "targets"
        return (
            f"joint form '{category}' names undeclared {which} {', '.join(repr(n) for n in unknown)} "
            "(declare each target id as a category of its own, or fix the row)"
        )
    twice = [n for n in dict.fromkeys(names) if names.count(n) > 1]
    if twice:
        return f"joint form '{category}' names '{twice[0]}' twice (name each target once)"
    return None


def check_targets(lexicon: Lexicon) -> list[Problem]:
    problems = []
    for entry in lexicon.entries:
        message = joint_form_problem(entry.category, lexicon.categories)
        if message:
            problems.append(_problem(lexicon, entry.line, message))
    problems.extend(check_declared_values(lexicon, TARGET_VALUES))
    return sorted(problems, key=lambda p: p.line or 0)


# -- cues -------------------------------------------------------------------------------------


def check_cues(lexicon: Lexicon) -> list[Problem]:
    problems = []
    for entry in lexicon.entries:
        allowed = CUE_OPERATORS.get(entry.category)
        if allowed is not None and not allowed.contains(entry.weight, lexicon):
            problems.append(
                _problem(
                    lexicon,
                    entry.line,
                    f"{entry.category} weight {entry.weight:g} out of range {allowed.describe(lexicon)} "
                    f"({allowed.role})",
                )
            )
        elif entry.category in CUE_CONTENT and entry.weight == 0:
            problems.append(
                _problem(
                    lexicon,
                    entry.line,
                    f"{entry.category} weight 0 scores nothing (give the cue a signed weight, or delete the row)",
                )
            )
    return problems + check_declared_values(lexicon)


# -- rules ------------------------------------------------------------------------------------


def check_rules(lexicon: Lexicon) -> list[Problem]:
    problems = []
    for entry in lexicon.entries:
        error = compile_error(entry.term, re.IGNORECASE)
        if error is not None:
            problems.append(
                _problem(lexicon, entry.line, f"bad regular expression: {error} (fix the pattern)")
            )
            continue
        risk = backtracking_risk(entry.term, re.IGNORECASE)
        if risk == AMBIGUOUS_ALTERNATION:
            problems.append(
                _problem(
                    lexicon,
                    entry.line,
                    "pattern can backtrack catastrophically: a repeated alternation has one alternative "
                    "that is a prefix of another, as in (a|aa)+ (make the alternatives exclusive, or the "
                    "group atomic: (?>...))",
                )
            )
        elif risk is not None:
            problems.append(
                _problem(
                    lexicon,
                    entry.line,
                    "pattern can backtrack catastrophically: a repeated group holds a repeat of its own, "
                    "as in (a+)+ (make the inner repeat possessive, a++, or the group atomic: (?>...))",
                )
            )
        max_chars = entry.extra.get("max_chars", "")
        if max_chars and not _WHOLE_NUMBER.fullmatch(max_chars):
            problems.append(
                _problem(
                    lexicon,
                    entry.line,
                    f"max_chars '{max_chars}' is not a whole number (write the longest line the rule "
                    "applies to, or 0 for any length)",
                )
            )
    return problems + check_declared_values(lexicon)


# -- frames -----------------------------------------------------------------------------------


def check_frames(lexicon: Lexicon) -> list[Problem]:
    used = {e.category for e in lexicon.entries}
    problems = [
        Problem(
            lexicon.manifest_path,
            None,
            f"frame category '{category}' has no entries, so it always scores 0 "
            "(add entries, or remove it from categories)",
            warning=True,
        )
        for category in lexicon.categories
        if category not in used
    ]
    return problems + check_declared_values(lexicon)


# -- variants ---------------------------------------------------------------------------------


def check_variants(lexicon: Lexicon) -> list[Problem]:
    problems = check_declared_values(lexicon)
    if "family" not in lexicon.columns:
        return problems
    families: dict[str, tuple[str, int]] = {}
    for entry in lexicon.entries:
        # stance/compare/figures.py: an empty family is the category's own.
        family = entry.extra.get("family", "") or entry.category
        first = families.setdefault(entry.category, (family, entry.line))
        if first[0] != family:
            problems.append(
                _problem(
                    lexicon,
                    entry.line,
                    f"category '{entry.category}' has family '{family}' but line {first[1]} gives "
                    f"'{first[0]}' (give every entry of a category the same family)",
                )
            )
    return sorted(problems, key=lambda p: p.line or 0)


KIND_VALIDATORS: dict[str, Validator] = {
    "targets": check_targets,
    "cues": check_cues,
    "rules": check_rules,
    "frames": check_frames,
    "variants": check_variants,
    "userdict": check_declared_values,
}


def check_kind(lexicon: Lexicon) -> list[Problem]:
    """The problems the checks of ``lexicon``'s kind find (warnings included)."""
    validator = KIND_VALIDATORS.get(lexicon.kind)
    return (validator(lexicon) if validator is not None else []) + check_languages(lexicon)


def problems_error(problems: list[Problem]) -> LexiconError:
    """One :class:`LexiconError` for a non-empty list of problems: the first, and how many
    more there are."""
    more = f" (and {len(problems) - 1} more; run `stance lexicon check`)" if len(problems) > 1 else ""
    return LexiconError(f"{problems[0]}{more}")


def ensure_valid(lexicon: Lexicon) -> None:
    """Raise :class:`LexiconError` when ``lexicon`` fails its kind's checks (warnings pass).

    For stages handed a :class:`Lexicon` that may not have come through ``load_lexicon``.
    """
    errors = errors_of(check_kind(lexicon))
    if errors:
        raise problems_error(errors)


# -- across lexicons --------------------------------------------------------------------------


def check_lexicon_set(lexicons: Iterable[Lexicon]) -> list[Problem]:
    """Problems between the lexicons of one run, in the order given: frame ids share one
    namespace (see :mod:`stance.measure.frames`), so two frame lexicons must not declare the same
    category."""
    owners: dict[str, Lexicon] = {}
    problems = []
    for lexicon in lexicons:
        if lexicon.kind != "frames":
            continue
        for category in lexicon.categories:
            owner = owners.setdefault(category, lexicon)
            if owner.path != lexicon.path:
                problems.append(
                    Problem(
                        lexicon.manifest_path,
                        None,
                        f"frame category '{category}' is also declared in {owner.manifest_path} "
                        "(rename it in one lexicon)",
                    )
                )
    return problems
