"""Target mentions: where a sentence names the US, China or another target, and by which alias.

Aliases come from the ``targets`` lexicon and are found by the shared matcher
(:class:`stance.lexicon.match.TermMatcher`, which this module re-exports with ``Unit``, ``Span`` and
``as_written``): on the sentence's token sequence, never by substring search over the text, so
中国 is not found inside 中国人 and 北京 not inside 北京市. A term may span several consecutive
tokens when the segmenter split it (English "united states" is the tokens ``united``,
``states``), and a token the segmenter kept whole is split when it consists entirely of known
words of two or more characters (摆脱困境 is 摆脱 + 困境). English is matched lower-cased, except
that an alias written with capitals (``US``, ``EU``) matches only as written. A joint form (中美,
美日澳) is one mention of several targets.

The alias is reported as written in the original text (traditional script stays traditional)
whenever the normalised text has the same length as the original, which it nearly always has.

>>> from stance.lexicon import load_lexicons
>>> from stance.text.segment import Segmenter
>>> index = TargetIndex.from_lexicons({"targets": load_lexicons()["targets"]})
>>> seg = Segmenter(index.terms, engine="jieba")
>>> from stance.text.normalise import normalise_text
>>> text = "美國與中方的談判"
>>> norm = normalise_text(text)
>>> [(m.alias, m.targets) for m in find_mentions(text, norm, seg.cut(norm), index)]
[('美國', ('us',)), ('中方', ('china',))]
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from stance.errors import LexiconError
from stance.lexicon import Lexicon, ensure_valid
from stance.lexicon.kinds import JOINT
from stance.lexicon.match import MAX_JOIN, TARGETS_KIND, Span, TermMatcher, Unit, Vocabulary, as_written

__all__ = [
    "MAX_JOIN",
    "TARGET_KIND",
    "Alias",
    "Span",
    "TargetIndex",
    "TargetMention",
    "TermMatcher",
    "Unit",
    "as_written",
    "find_mentions",
    "names_an_amount",
    "outside_its_script",
]

TARGET_KIND = TARGETS_KIND


@dataclass(frozen=True)
class Alias:
    """One alias of the targets lexicon: the target ids it names (several for a joint form)."""

    term: str
    targets: tuple[str, ...]
    weight: float
    register: str
    alias_kind: str


@dataclass(frozen=True)
class TargetMention:
    """One mention of one or more targets in a sentence."""

    targets: tuple[str, ...]
    term: str  # the lexicon alias, normalised
    alias: str  # as written in the original text
    weight: float
    register: str
    alias_kind: str
    first: int  # unit index where the mention starts
    start: int  # character offsets in text_norm
    end: int


class TargetIndex:
    """The aliases of every target, ready for matching. ``vocabulary`` gives the words a token
    may be cut into (:meth:`stance.lexicon.match.Vocabulary.from_lexicons`); without it, the aliases."""

    def __init__(self, aliases: Mapping[str, Alias], *, vocabulary: Vocabulary | None = None) -> None:
        self.aliases = dict(aliases)
        self.matcher = TermMatcher(self.aliases, vocabulary=vocabulary)
        self.targets = tuple(sorted({t for a in self.aliases.values() for t in a.targets}))

    @property
    def terms(self) -> tuple[str, ...]:
        return tuple(sorted(self.aliases))

    @classmethod
    def from_lexicons(cls, lexicons: Mapping[str, Lexicon]) -> TargetIndex:
        """Collect the aliases of every lexicon of kind ``targets`` (later lexicons win)."""
        chosen = [lex for _, lex in sorted(lexicons.items()) if lex.kind == TARGET_KIND]
        if not chosen:
            raise LexiconError(
                "no lexicon of kind 'targets' is loaded (the bundled lexicons/targets is missing)"
            )
        aliases: dict[str, Alias] = {}
        for lex in chosen:
            # The targets checks every load makes (joint forms name declared targets...), again
            # for a lexicon that may have been built in memory.
            ensure_valid(lex)
            for entry in lex.entries:
                targets = tuple(entry.category.split(JOINT))
                aliases[entry.term] = Alias(
                    term=entry.term,
                    targets=targets,
                    weight=entry.weight,
                    register=entry.extra.get("register", "neutral"),
                    alias_kind=entry.extra.get("alias_kind", "joint" if len(targets) > 1 else "name"),
                )
        return cls(aliases, vocabulary=Vocabulary.from_lexicons(lexicons))

    def resolve(self, name: str) -> tuple[str, ...]:
        """Target ids for a target id or an alias (``us``, ``美国``, ``美國``); () if unknown."""
        from stance.text.normalise import normalise_text

        if name in self.targets:
            return (name,)
        lowered = name.strip().lower()
        if lowered in self.targets:
            return (lowered,)
        alias = self.aliases.get(normalise_text(name.strip())) or self.aliases.get(normalise_text(lowered))
        return alias.targets if alias else ()


CURRENCY = "currency"
# The author's own country in mainland Chinese (我国, 国产): a mention only as written in
# simplified script; in traditional script 我國 and 國產 mostly name Taiwan.
SELF = "self"
# The other side of the strait (對岸): the mainland only as written in traditional script.
ACROSS = "across"


def outside_its_script(alias: Alias, written: str) -> bool:
    """Whether an alias bound to one script is written in the other: the author's own country
    (alias_kind ``self``: 我国, 国产) other than in simplified script (我國, 國產), where it is
    no mention of China, and the other side of the strait (``across``: 對岸) in simplified
    script (对岸), where it names Taiwan."""
    if alias.alias_kind == SELF:
        return written != alias.term
    return alias.alias_kind == ACROSS and written == alias.term


# What ends the text before a currency named as the unit of an amount (50亿美元, 3 billion yuan),
# and the article before an English currency that stands for its country (the dollar).
_AMOUNT_BEFORE = re.compile(
    r"(?:[0-9０-９零〇一二三四五六七八九十百千万亿兆两几元]|billion|million|trillion|thousand|hundred|\$)\s*$",
    re.I,
)
_THE_BEFORE = re.compile(r"\bthe\s+$", re.I)


def names_an_amount(alias: Alias, text_norm: str, start: int) -> bool:
    """Whether a currency alias starting at ``start`` is the unit of an amount or a modifier, not
    the currency that stands for its country: 50亿美元, 3 billion dollars, dollar lending (an
    English currency is the country's only as "the dollar", "the yuan's"); not 美元霸权, the
    dollar's share."""
    if alias.alias_kind != CURRENCY:
        return False
    if _AMOUNT_BEFORE.search(text_norm[max(0, start - 12) : start]) is not None:
        return True
    if not alias.term.isascii():
        return False
    end = start + len(alias.term)
    return not (
        _THE_BEFORE.search(text_norm[max(0, start - 5) : start]) or text_norm[end : end + 2] in ("'s", "’s")
    )


def find_mentions(
    text: str, text_norm: str, tokens: Sequence[str], index: TargetIndex
) -> list[TargetMention]:
    """Every target mention in one sentence, in text order."""
    mentions = []
    for span in index.matcher.spans(text_norm, tokens)[1]:
        alias = index.aliases[span.term]
        written = as_written(text, text_norm, span.start, span.end)
        if names_an_amount(alias, text_norm, span.start) or outside_its_script(alias, written):
            continue
        mentions.append(
            TargetMention(
                targets=alias.targets,
                term=span.term,
                alias=written,
                weight=alias.weight,
                register=alias.register,
                alias_kind=alias.alias_kind,
                first=span.first,
                start=span.start,
                end=span.end,
            )
        )
    return mentions
