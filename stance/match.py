"""Finding lexicon terms in a sentence: the one matcher every stage uses (quanteda's
``tokens_lookup`` is the model), so a term counts the same in frames, mentions, naming, figures
and the scorer.

Terms are matched on the sentence's token sequence, never by substring search over the text:

- token-aligned: a term matches whole tokens, one or several joined (the segmenter may cut a
  term in two, and it drops the space of English "united states"; the text between the tokens
  is compared, so the space counts). 中国 is never found inside the token 中国人.
- leftmost-longest without overlaps: 贸易摩擦 is one hit of 贸易摩擦, not also one of 摩擦.
- case: a term written in lower case matches lower-cased text (trump: Trump); a term with
  capitals matches only as written (US, not the pronoun us).
- known pieces: a token the segmenter kept whole is cut into units first when it consists
  entirely of known words of two or more Han characters (摆脱困境 is 摆脱 + 困境), or when a
  known edge word (a cue such as 落后) ends or starts it and leaves two or more characters
  (技术落后 is 技术 + 落后). Which words are known is the :class:`Vocabulary`; the stages of a
  run share one (:meth:`Vocabulary.from_lexicons`), so they all cut a token the same way.

>>> known = Vocabulary(frozenset({"摆脱", "困境"}))
>>> matcher = TermMatcher({"中国", "困境", "united states"}, vocabulary=known)
>>> [(h.term, h.first, h.last) for h in matcher.find("中国人摆脱困境", ("中国人", "摆脱困境"))]
[('困境', 1, 2)]
>>> [h.term for h in matcher.find("The United States", ("The", "United", "States"))]
['united states']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

# A match joins at most this many units; lexicon terms are short.
MAX_JOIN = 6
TARGETS_KIND = "targets"


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
class Hit:
    """One matched term: the tokens ``[first, last)`` that hold it and its characters
    ``text_norm[start:end]``. A term found in a piece of a token (困境 in 摆脱困境) has that
    token alone as its tokens."""

    term: str
    first: int
    last: int
    start: int
    end: int


@dataclass(frozen=True)
class Vocabulary:
    """The known words a token may be cut into (``words``; only those of two or more non-ASCII
    characters cut anything, so a one-character operator such as 不 never splits a word) and the
    edge words that may be split off either end of a longer token (``edge_words``).

    A token that is itself a known word is never cut. Build one per run with
    :meth:`from_lexicons` and pass it to every :class:`TermMatcher`, so the units a sentence is
    matched on do not depend on which stage asks.
    """

    words: frozenset[str]
    edge_words: frozenset[str] = frozenset()

    @classmethod
    def from_lexicons(cls, lexicons: Mapping) -> Vocabulary:
        """Every target alias and every cue term, with the cues of a content category (the ones
        that score) as edge words: exactly the words the stance scorer
        (:class:`stance.polarity.scoring.Scorer`) cuts tokens into, so every stage sees the
        units the scorer sees (``tests/test_matching.py`` pins that the two agree)."""
        # Imported here: polarity imports this module (through mentions) at import time.
        from .polarity.records import CONTENT, CUES_KIND

        words: set[str] = set()
        edges: set[str] = set()
        for _, lexicon in sorted(lexicons.items()):
            if lexicon.kind == TARGETS_KIND:
                words.update(entry.term for entry in lexicon.entries)
            elif lexicon.kind == CUES_KIND:
                words.update(entry.term for entry in lexicon.entries)
                edges.update(entry.term for entry in lexicon.entries if entry.category in CONTENT)
        return cls(frozenset(words), frozenset(edges))


def is_case_sensitive(term: str) -> bool:
    """True for a term written with capitals (``US``, ``EU``), which matches only as written."""
    return term != term.lower()


def _is_piece(term: str) -> bool:
    # Two characters or more, and not plain ASCII: Latin words are separate tokens already.
    return len(term) >= 2 and not term.isascii()


class TermMatcher:
    """Leftmost-longest match of known terms over a sentence's units (see the module docstring).

    ``terms`` are what is looked up. The units come from ``vocabulary`` when one is given (the
    run's :meth:`Vocabulary.from_lexicons`, shared by every stage); without one the terms
    themselves are the known words, with ``edge_terms`` as edge words.

    ``inside_tokens=True`` finds terms of two or more non-ASCII characters inside any longer
    token as well (中美 in 中美合作, 美国 in 美国人). Only the model's target masking
    (:mod:`stance.learn`) asks for it: hiding a name matters more there than the word boundary.
    Every stage that counts terms leaves it off, so 中国 is never found inside 中国人.
    """

    def __init__(
        self,
        terms: Iterable[str],
        *,
        edge_terms: Iterable[str] = (),
        vocabulary: Vocabulary | None = None,
        inside_tokens: bool = False,
    ) -> None:
        terms = set(terms)
        self.exact = frozenset(t for t in terms if is_case_sensitive(t))
        self.folded = frozenset(t for t in terms if not is_case_sensitive(t))
        self.max_len = max((len(t) for t in terms), default=1)
        if vocabulary is None:
            known, edges = self.folded, frozenset(edge_terms)
        else:
            if edge_terms:
                raise ValueError("give the edge words in the vocabulary, not as edge_terms")
            known, edges = vocabulary.words, vocabulary.edge_words
        self._vocabulary = vocabulary
        # Pieces a whole token may be decomposed into.
        self._pieces = frozenset(t for t in known if _is_piece(t))
        # Terms that may also be split off the edge of a longer compound (技术落后 -> 技术 +
        # 落后) when the rest is at least two characters: cue words, never target aliases,
        # because 中国 inside 中国人 is not a mention of China.
        self._edge = frozenset(t for t in edges if _is_piece(t))
        # Longest first, so 美国政府 is carved out whole before 美国 is tried.
        self._inner = (
            tuple(sorted((t for t in self.folded if _is_piece(t)), key=lambda t: (-len(t), t)))
            if inside_tokens
            else ()
        )

    def lookup(self, candidate: str) -> str | None:
        """The term ``candidate`` matches, or None."""
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

    def _keeps_whole(self, token: str) -> bool:
        if self._vocabulary is None:
            return self.lookup(token) is not None
        return token in self._vocabulary.words or token.lower() in self._vocabulary.words

    def _cut(self, token: str) -> tuple[str, ...] | None:
        if self._keeps_whole(token):
            return None
        if self._inner:
            pieces = _carve(token, self._inner)
            return pieces if len(pieces) > 1 else None
        return self.decompose(token)

    def _units(self, text_norm: str, tokens: Sequence[str]) -> tuple[list[Unit], list[int]]:
        """The units and, for each, the index of the token it comes from."""
        units: list[Unit] = []
        owners: list[int] = []
        cursor = 0
        for k, token in enumerate(tokens):
            found = text_norm.find(token, cursor)
            start = found if found >= 0 else cursor
            end = start + len(token)
            cursor = end
            pieces = self._cut(token)
            if pieces is None:
                units.append(Unit(token, start, end))
                owners.append(k)
                continue
            offset = start
            for piece in pieces:
                units.append(Unit(piece, offset, offset + len(piece)))
                owners.append(k)
                offset += len(piece)
        return units, owners

    def units(self, text_norm: str, tokens: Sequence[str]) -> list[Unit]:
        """Units with character offsets; tokens made only of known pieces are split."""
        return self._units(text_norm, tokens)[0]

    def match(self, text_norm: str, units: Sequence[Unit]) -> list[Span]:
        """Non-overlapping matches, left to right, longest first at each position."""
        # lookup() inlined: this loop is the hot path of every stage.
        exact, folded, max_len = self.exact, self.folded, self.max_len
        starts = [u.start for u in units]
        ends = [u.end for u in units]
        spans: list[Span] = []
        i, n = 0, len(units)
        while i < n:
            start = starts[i]
            for j in range(min(n, i + MAX_JOIN), i, -1):
                end = ends[j - 1]
                if end - start > max_len:
                    continue
                # The slice keeps any space the segmenter dropped between English words.
                candidate = text_norm[start:end]
                if candidate in exact:
                    term: str | None = candidate
                else:
                    lowered = candidate.lower()
                    term = lowered if lowered in folded else None
                if term is not None:
                    spans.append(Span(i, j, term, start, end))
                    i = j
                    break
            else:
                i += 1
        return spans

    def find(self, text_norm: str, tokens: Sequence[str]) -> list[Hit]:
        """Every term in the sentence ``tokens`` (cut from ``text_norm``), in text order.

        This is the lookup every stage calls; ``Hit.term`` is the term as the matcher was
        given it (lower-case for a lower-case term, whatever the text's case).
        """
        units, owners = self._units(text_norm, tokens)
        return [
            Hit(span.term, owners[span.first], owners[span.last - 1] + 1, span.start, span.end)
            for span in self.match(text_norm, units)
        ]


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


def _carve(token: str, inner: tuple[str, ...]) -> tuple[str, ...]:
    """``token`` cut around the first (longest, then leftmost) term of ``inner`` inside it, and
    the parts on either side cut the same way."""
    for term in inner:
        if term in token and term != token:
            head, _, tail = token.partition(term)
            return (*_carve(head, inner), term, *_carve(tail, inner))
    return (token,) if token else ()


def as_written(text: str, text_norm: str, start: int, end: int) -> str:
    """The original spelling of ``text_norm[start:end]``; the normalised form when the two
    texts differ in length (the offsets then do not carry over)."""
    if len(text) == len(text_norm):
        return text[start:end]
    return text_norm[start:end]


def token_offsets(text: str, tokens: Sequence[str]) -> list[tuple[int, int]]:
    """Character span of each token in ``text`` (the text the tokens were cut from); a token
    that cannot be found gets an empty span at the current position."""
    spans = []
    cursor = 0
    for token in tokens:
        start = text.find(token, cursor)
        if start < 0:
            spans.append((cursor, cursor))
            continue
        spans.append((start, start + len(token)))
        cursor = start + len(token)
    return spans
