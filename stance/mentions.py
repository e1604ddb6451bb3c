"""Target mentions: where a sentence names the US, China or another target, and by which alias.

Aliases come from the ``targets`` lexicon. They are matched on the sentence's token sequence,
never by substring search over the text, so 中国 is not found inside 中国人 and 北京 not inside
北京市. A term may span several consecutive tokens when the segmenter split it (English
"united states" is the tokens ``united``, ``states``), and a token the segmenter kept whole is
split when it consists entirely of known terms of two or more characters (摆脱困境 is 摆脱 +
困境). English is matched lower-cased, except that an alias written with capitals (``US``,
``EU``) matches only as written. A joint form (中美, 美日澳) is one mention of several targets.

The alias is reported as written in the original text (traditional script stays traditional)
whenever the normalised text has the same length as the original, which it nearly always has.

>>> from stance.lexicon import load_lexicons
>>> from stance.segment import Segmenter
>>> index = TargetIndex.from_lexicons({"targets": load_lexicons()["targets"]})
>>> seg = Segmenter(index.terms, engine="jieba")
>>> from stance.normalise import normalise_text
>>> text = "美國與中方的談判"
>>> norm = normalise_text(text)
>>> [(m.alias, m.targets) for m in find_mentions(text, norm, seg.cut(norm), index)]
[('美國', ('us',)), ('中方', ('china',))]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from .errors import LexiconError
from .lexicon import Lexicon, ensure_valid
from .lexicon.kinds import JOINT

# A match joins at most this many tokens; lexicon terms are short.
MAX_JOIN = 6
TARGET_KIND = "targets"


@dataclass(frozen=True)
class Alias:
    """One alias of the targets lexicon: the target ids it names (several for a joint form)."""

    term: str
    targets: tuple[str, ...]
    weight: float
    register: str
    alias_kind: str


@dataclass(frozen=True)
class Unit:
    """A token (or a piece of a decomposed token) with its span in ``text_norm``."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Span:
    """A run of units ``[first, last)`` matched to ``term``, with its character span."""

    first: int
    last: int
    term: str
    start: int
    end: int


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


def _is_case_sensitive(term: str) -> bool:
    return term.isascii() and term != term.lower()


class TermMatcher:
    """Greedy longest-match of known terms over a unit sequence.

    Lower-case terms match lower-cased text; a term with capitals matches only as written.
    """

    def __init__(self, terms: Iterable[str], *, edge_terms: Iterable[str] = ()) -> None:
        terms = set(terms)
        self.exact = frozenset(t for t in terms if _is_case_sensitive(t))
        self.folded = frozenset(t for t in terms if not _is_case_sensitive(t))
        self.max_len = max((len(t) for t in terms), default=1)
        # Pieces a whole token may be decomposed into (two characters or more, so that a
        # one-character operator such as 不 or 该 never splits an ordinary word).
        self._pieces = frozenset(t for t in self.folded if len(t) >= 2 and not t.isascii())
        # Terms that may also be split off the edge of a longer compound (技术落后 -> 技术 +
        # 落后) when the rest is at least two characters: cue words, never target aliases,
        # because 中国 inside 中国人 is not a mention of China.
        self._edge = frozenset(t for t in edge_terms if len(t) >= 2 and not t.isascii())

    def lookup(self, candidate: str) -> str | None:
        if candidate in self.exact:
            return candidate
        folded = candidate.lower()
        return folded if folded in self.folded else None

    def decompose(self, token: str) -> tuple[str, ...] | None:
        """Split ``token`` into known pieces covering it entirely, or None."""
        if len(token) < 4 or token.isascii():
            return None
        pieces = _cover(token, self._pieces)
        if pieces is None and self._edge:
            pieces = _edge_split(token, self._edge)
        return pieces

    def units(self, text_norm: str, tokens: Sequence[str]) -> list[Unit]:
        """Units with character offsets; tokens made only of known pieces are split."""
        units: list[Unit] = []
        cursor = 0
        for token in tokens:
            found = text_norm.find(token, cursor)
            start = found if found >= 0 else cursor
            end = start + len(token)
            cursor = end
            pieces = None if self.lookup(token) else self.decompose(token)
            if pieces is None:
                units.append(Unit(token, start, end))
                continue
            offset = start
            for piece in pieces:
                units.append(Unit(piece, offset, offset + len(piece)))
                offset += len(piece)
        return units

    def match(self, text_norm: str, units: Sequence[Unit]) -> list[Span]:
        """Non-overlapping matches, left to right, longest first at each position."""
        spans: list[Span] = []
        i, n = 0, len(units)
        while i < n:
            for j in range(min(n, i + MAX_JOIN), i, -1):
                start, end = units[i].start, units[j - 1].end
                if end - start > self.max_len:
                    continue
                # The slice keeps any space the segmenter dropped between English words.
                term = self.lookup(text_norm[start:end])
                if term is not None:
                    spans.append(Span(i, j, term, start, end))
                    i = j
                    break
            else:
                i += 1
        return spans


@lru_cache(maxsize=65536)
def _cover_cached(token: str, pieces: frozenset[str]) -> tuple[str, ...] | None:
    best: list[tuple[str, ...] | None] = [None] * (len(token) + 1)
    best[0] = ()
    for end in range(1, len(token) + 1):
        for start in range(max(0, end - 8), end - 1):
            prefix = best[start]
            if prefix is not None and token[start:end] in pieces:
                best[end] = (*prefix, token[start:end])
                break
    return best[len(token)]


def _cover(token: str, pieces: frozenset[str]) -> tuple[str, ...] | None:
    return _cover_cached(token, pieces)


@lru_cache(maxsize=65536)
def _edge_split(token: str, edge: frozenset[str]) -> tuple[str, ...] | None:
    """The longest known term at the end (then the start) of ``token``, leaving two or more
    characters."""
    for size in range(len(token) - 2, 1, -1):
        if token[-size:] in edge:
            return (token[:-size], token[-size:])
        if token[:size] in edge:
            return (token[:size], token[size:])
    return None


class TargetIndex:
    """The aliases of every target, ready for matching."""

    def __init__(self, aliases: Mapping[str, Alias]) -> None:
        self.aliases = dict(aliases)
        self.matcher = TermMatcher(self.aliases)
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
        return cls(aliases)

    def resolve(self, name: str) -> tuple[str, ...]:
        """Target ids for a target id or an alias (``us``, ``美国``, ``美國``); () if unknown."""
        from .normalise import normalise_text

        if name in self.targets:
            return (name,)
        lowered = name.strip().lower()
        if lowered in self.targets:
            return (lowered,)
        alias = self.aliases.get(normalise_text(name.strip())) or self.aliases.get(normalise_text(lowered))
        return alias.targets if alias else ()


def as_written(text: str, text_norm: str, start: int, end: int) -> str:
    """The original spelling of ``text_norm[start:end]``; the normalised form when the two
    texts differ in length (the offsets then do not carry over)."""
    if len(text) == len(text_norm):
        return text[start:end]
    return text_norm[start:end]


def find_mentions(
    text: str, text_norm: str, tokens: Sequence[str], index: TargetIndex
) -> list[TargetMention]:
    """Every target mention in one sentence, in text order."""
    units = index.matcher.units(text_norm, tokens)
    mentions = []
    for span in index.matcher.match(text_norm, units):
        alias = index.aliases[span.term]
        mentions.append(
            TargetMention(
                targets=alias.targets,
                term=span.term,
                alias=as_written(text, text_norm, span.start, span.end),
                weight=alias.weight,
                register=alias.register,
                alias_kind=alias.alias_kind,
                first=span.first,
                start=span.start,
                end=span.end,
            )
        )
    return mentions
