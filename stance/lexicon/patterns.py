r"""A structural check for regular expressions that can backtrack catastrophically.

Python's ``re`` is a backtracking engine: a pattern such as ``(a+)+$`` tries every way of
splitting a run of ``a`` between the inner and the outer repeat before it gives up on a line
that almost matches, which takes time exponential in the length of the run. Rules lexicons are
run on every line of every article, so such a pattern can stall a run on one unlucky page.

:func:`backtracking_risk` reads the pattern with the standard library's own parser (the tree
``re`` compiles, so it sees exactly what ``re`` sees) and flags two shapes inside an unbounded
repeat (``*``, ``+``, ``{n,}``):

* a nested repeat: the repeated part itself holds a repeat of variable length above one
  (``(a+)+``, ``(\w+\s?)*``, ``(x{1,3})+``);
* an ambiguous alternation: one alternative is the same as, or a prefix of, another
  (``(a|a)*``, ``(a|aa)+``, ``(ab|a)*``), so the same text can be split in many ways.

An atomic group ``(?>...)``, a possessive repeat (``a++``, ``a*+``) and a lookaround never give
back what they matched, so an outer repeat cannot re-split their text: only what happens inside
them is checked, and the first two are the way to fix a flagged pattern. The check is
deliberately simple and conservative. It catches the common shapes, not every pattern that can
backtrack (``(\w|a)*`` passes), and it can flag a pattern that a later literal keeps safe
(``(a+b)+``); write such a pattern with a possessive inner repeat (``(a++b)+``).

>>> backtracking_risk("^(source|via)\\s*:")
>>> backtracking_risk("(a+)+$")
'nested repeat'
>>> backtracking_risk("(a|a)*")
'ambiguous alternation'
>>> backtracking_risk("(a++)+$")
"""

from __future__ import annotations

import re
import re._parser as sre_parse  # the parser re itself uses; public as sre_parse before 3.11
from re._constants import (
    ASSERT,
    ASSERT_NOT,
    ATOMIC_GROUP,
    BRANCH,
    GROUPREF_EXISTS,
    MAX_REPEAT,
    MAXREPEAT,
    MIN_REPEAT,
    POSSESSIVE_REPEAT,
    SUBPATTERN,
)

NESTED_REPEAT = "nested repeat"
AMBIGUOUS_ALTERNATION = "ambiguous alternation"


def backtracking_risk(pattern: str, flags: int = 0) -> str | None:
    """The shape that makes ``pattern`` liable to catastrophic backtracking
    (:data:`NESTED_REPEAT` or :data:`AMBIGUOUS_ALTERNATION`), or None. ``pattern`` must
    compile."""
    return _scan(list(sre_parse.parse(pattern, flags)), inside_repeat=False)


def _scan(items: list, *, inside_repeat: bool) -> str | None:
    for op, av in items:
        found: str | None = None
        if op in (MAX_REPEAT, MIN_REPEAT):
            low, high, body = av
            if inside_repeat and high > 1 and high != low:
                return NESTED_REPEAT
            found = _scan(list(body), inside_repeat=inside_repeat or high == MAXREPEAT)
        elif op == SUBPATTERN:
            found = _scan(list(av[-1]), inside_repeat=inside_repeat)
        elif op == BRANCH:
            alternatives = [list(a) for a in av[1]]
            if inside_repeat and _one_prefixes_another(alternatives):
                return AMBIGUOUS_ALTERNATION
            for alternative in alternatives:
                found = found or _scan(alternative, inside_repeat=inside_repeat)
        elif op == GROUPREF_EXISTS:
            for branch in av[1:]:
                if branch is not None:
                    found = found or _scan(list(branch), inside_repeat=inside_repeat)
        elif op in (ATOMIC_GROUP, POSSESSIVE_REPEAT, ASSERT, ASSERT_NOT):
            # These never give back what they matched, so an outer repeat cannot re-split
            # their text; only what happens inside them matters.
            body = av if op == ATOMIC_GROUP else av[-1]
            found = _scan(list(body), inside_repeat=False)
        if found:
            return found
    return None


def _one_prefixes_another(alternatives: list[list]) -> bool:
    # re's parser moves a prefix shared by every alternative out of the branch ((a|aa) is
    # read as a(?:|a)), so an empty alternative means one alternative was a prefix of another.
    for i, first in enumerate(alternatives):
        for second in alternatives[i + 1 :]:
            shorter, longer = sorted((first, second), key=len)
            if longer[: len(shorter)] == shorter:
                return True
    return False


def compile_error(pattern: str, flags: int = 0) -> str | None:
    """The compiler's complaint about ``pattern``, or None when it compiles."""
    try:
        re.compile(pattern, flags)
    except re.error as exc:
        return str(exc)
    return None
