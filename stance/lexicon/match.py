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

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from stance.lexicon.records import MAX_JOIN

# How many distinct tokens' cuts, and how many recent sentences' units, a cutter remembers.
MAX_REMEMBERED_TOKENS = 200_000
MAX_REMEMBERED_SENTENCES = 4096
TARGETS_KIND = "targets"
_LATIN_LETTER = re.compile("[A-Za-z]")
# How much longer than its term an inflected English form may be (per match).
MAX_INFLECTION_CHARS = 8
_NO_HIT = (0, "")
# A sentence's aligned hits before they are first asked for.
_NOT_YET = object()


@dataclass(frozen=True, slots=True)
class Unit:
    """A token (or a piece of a decomposed token) with its span in ``text_norm``."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Span:
    """A run of units ``[first, last)`` matched to ``term``, with its character span."""

    first: int
    last: int
    term: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
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
        that score) and the restrictive measures (``EDGE_CATEGORIES``) as edge words: exactly the words the stance scorer
        (:class:`stance.measure.polarity.scoring.Scorer`) cuts tokens into, so every stage sees the
        units the scorer sees (``tests/test_matching.py`` pins that the two agree)."""
        # Imported here: polarity imports this module (through mentions) at import time.
        from stance.measure.polarity.records import CUES_KIND, EDGE_CATEGORIES

        words: set[str] = set()
        edges: set[str] = set()
        for _, lexicon in sorted(lexicons.items()):
            if lexicon.kind == TARGETS_KIND:
                words.update(entry.term for entry in lexicon.entries)
            elif lexicon.kind == CUES_KIND:
                words.update(entry.term for entry in lexicon.entries)
                edges.update(entry.term for entry in lexicon.entries if entry.category in EDGE_CATEGORIES)
        return cls(frozenset(words), frozenset(edges))


def is_case_sensitive(term: str) -> bool:
    """True for a term written with capitals (``US``, ``EU``), which matches only as written."""
    return term != term.lower()


def _is_piece(term: str) -> bool:
    # Two characters or more, and not plain ASCII: Latin words are separate tokens already.
    return len(term) >= 2 and not term.isascii()


# (first unit, unit after the last, term, the matchers' bits) of a sentence's aligned hits.
_Aligned = tuple[tuple[int, int, str, int], ...]
# Those of the terms as written, then those of the lower-case terms.
_Hits = tuple[_Aligned, _Aligned]


@dataclass(slots=True)
class _Cut:
    """One sentence as a cutter cut it: its units, the token each came from, the sentence
    lower-cased (empty where that changes its length), and, worked out on first use, every term
    of the cutter's matchers that starts and ends on unit boundaries (see :meth:`_Cutter.hits`)."""

    units: tuple[Unit, ...]
    owners: tuple[int, ...]
    lowered: str
    # The aligned hits (see _Hits); None where the units overlap (the matchers then grow
    # candidates); _NOT_YET until first asked.
    hits: _Hits | object | None = _NOT_YET


class _Cutter:
    """How the tokens of a sentence are cut into units: one per vocabulary (shared by every
    matcher built on it, see :func:`_cutter_for`) or per matcher without one. It remembers how
    each distinct token was cut, and the cuts of the last sentences it was asked about, so the
    stages that match one sentence in turn (frames, mentions, the scorer, figures, names) cut it
    once.

    It also holds the terms of every matcher built on it, each matcher one bit, in two
    Aho-Corasick automata (pyahocorasick, in C): the terms as written, run over the sentence,
    and the lower-case terms, run over the sentence lower-cased. One pass of each per sentence
    finds the terms of all its matchers; each matcher then keeps the hits that carry its bit."""

    def __init__(
        self, keep: frozenset[str], pieces: frozenset[str], edge: frozenset[str], inner: tuple[str, ...]
    ) -> None:
        self._keep = keep
        self._pieces = pieces
        self._edge = edge
        self._inner = inner
        self._cuts: dict[str, tuple[str, ...] | None] = {}
        self._recent: dict[tuple[str, tuple[str, ...]], _Cut] = {}
        self._last: tuple[str, Sequence[str], _Cut] | None = None
        # Term sets by their bit; matchers with the same terms share one.
        self._bits: dict[tuple[frozenset[str], frozenset[str]], int] = {}
        self._automata: tuple[ahocorasick.Automaton | None, ahocorasick.Automaton | None] | None = None

    def register(self, exact: frozenset[str], folded: frozenset[str]) -> int:
        """The bit of a matcher of the terms ``exact`` (matched as written) and ``folded``
        (lower-case, matched in lower-cased text)."""
        key = (exact, folded)
        if key not in self._bits:
            self._bits[key] = 1 << len(self._bits)
            self._automata = None
            # Hits found before this matcher came lack its terms.
            self._recent.clear()
            self._last = None
        return self._bits[key]

    def _automaton_pair(self) -> tuple[ahocorasick.Automaton | None, ahocorasick.Automaton | None]:
        if self._automata is None:
            exact: dict[str, int] = {}
            folded: dict[str, int] = {}
            for (exact_terms, folded_terms), bit in self._bits.items():
                for term in exact_terms:
                    exact[term] = exact.get(term, 0) | bit
                for term in folded_terms:
                    folded[term] = folded.get(term, 0) | bit
            self._automata = (_automaton(exact), _automaton(folded))
        return self._automata

    def decompose(self, token: str) -> tuple[str, ...] | None:
        if len(token) < 4 or token.isascii():
            return None
        pieces = _cover(token, self._pieces)
        if pieces is None and self._edge:
            pieces = _edge_split(token, self._edge)
        return pieces

    def cut(self, token: str) -> tuple[str, ...] | None:
        try:
            return self._cuts[token]
        except KeyError:
            pass
        if token in self._keep or token.lower() in self._keep:
            pieces = None
        elif self._inner:
            carved = _carve(token, self._inner)
            pieces = carved if len(carved) > 1 else None
        else:
            pieces = self.decompose(token)
        if len(self._cuts) < MAX_REMEMBERED_TOKENS:
            self._cuts[token] = pieces
        return pieces

    def units(self, text_norm: str, tokens: Sequence[str]) -> _Cut:
        last = self._last
        # The stages ask about one sentence in turn, passing the same objects: compared by
        # identity (the references kept here hold them alive), before any hashing.
        if last is not None and last[0] is text_norm and last[1] is tokens and type(tokens) is tuple:
            return last[2]
        key = (text_norm, tuple(tokens))
        found = self._recent.get(key)
        if found is not None:
            self._last = (text_norm, tokens, found)
            return found
        units: list[Unit] = []
        owners: list[int] = []
        cursor = 0
        for k, token in enumerate(key[1]):
            at = text_norm.find(token, cursor)
            start = at if at >= 0 else cursor
            end = start + len(token)
            cursor = end
            pieces = self.cut(token)
            if pieces is None:
                units.append(Unit(token, start, end))
                owners.append(k)
                continue
            offset = start
            for piece in pieces:
                units.append(Unit(piece, offset, offset + len(piece)))
                owners.append(k)
                offset += len(piece)
        lowered = text_norm.lower()
        if len(lowered) != len(text_norm):
            # Lower-casing changed the length (a rare letter such as İ): offsets would not
            # carry over, so lower-case each candidate instead.
            lowered = ""
        if len(self._recent) >= MAX_REMEMBERED_SENTENCES:
            self._recent.clear()
        result = self._recent[key] = _Cut(tuple(units), tuple(owners), lowered)
        self._last = (text_norm, tokens, result)
        return result

    def hits(self, text_norm: str, cut: _Cut) -> _Hits | None:
        """The hits of every registered term in the sentence that start where a unit starts and
        end where a unit ends, at most ``MAX_JOIN`` units later; None where the units overlap
        or run past the text (a token the text does not hold) or lower-casing changed the
        sentence's length."""
        if cut.hits is _NOT_YET:
            cut.hits = self._aligned_hits(text_norm, cut)
        return cut.hits

    def _aligned_hits(self, text_norm: str, cut: _Cut) -> _Hits | None:
        if not cut.lowered and text_norm:
            return None
        first_of: dict[int, int] = {}
        after: dict[int, int] = {}
        previous_end = 0
        for k, unit in enumerate(cut.units):
            if unit.start < previous_end or unit.end <= unit.start or unit.end > len(text_norm):
                return None
            first_of[unit.start] = k
            after[unit.end] = k + 1
            previous_end = unit.end
        found: list[_Aligned] = []
        for automaton, text in zip(self._automaton_pair(), (text_norm, cut.lowered), strict=True):
            aligned: list[tuple[int, int, str, int]] = []
            if automaton is not None:
                for last, (length, term, bits) in automaton.iter(text):
                    i = first_of.get(last + 1 - length)
                    if i is not None and i < after.get(last + 1, 0) <= i + MAX_JOIN:
                        aligned.append((i, after[last + 1], term, bits))
            found.append(tuple(aligned))
        return (found[0], found[1])


@lru_cache(maxsize=16)
def _cutter_for(vocabulary: Vocabulary) -> _Cutter:
    return _Cutter(
        vocabulary.words,
        frozenset(t for t in vocabulary.words if _is_piece(t)),
        frozenset(t for t in vocabulary.edge_words if _is_piece(t)),
        (),
    )


def _lemma_key(stem: str) -> str:
    return stem[: max(3, len(stem) - 1)]


@lru_cache(maxsize=1 << 16)
def english_lemma(word: str) -> str:
    """The lemma of one lower-case English word by simplemma (sanctions, sanctioned ->
    sanction), kept only when it is a regular inflection of the word: the two share their
    first letters (all but the lemma's last, at least three), so ``better`` is not ``good``,
    ``was`` not ``be`` and ``us`` not ``we``.

    >>> [english_lemma(w) for w in ("sanctions", "relies", "banned", "better", "us")]
    ['sanction', 'rely', 'ban', 'better', 'us']
    """
    import simplemma  # imported on first use: a corpus without English never loads it

    lemma = simplemma.lemmatize(word, lang="en").lower()
    if lemma != word and len(word) > 3 and _lemma_key(lemma) == word[: len(_lemma_key(lemma))]:
        return lemma
    return word


def lemma_form(text: str) -> str:
    """``text`` (lower case, words separated by single spaces) with each word lemmatised."""
    return " ".join(english_lemma(w) for w in text.split(" "))


@lru_cache(maxsize=64)
def _lemma_index(folded: frozenset[str]) -> dict[str, str]:
    """The lower-case English terms by their lemma form; where two share one, the term that is
    its own lemma form wins, then the first in sorted order."""
    index: dict[str, str] = {}
    for term in sorted(folded, key=lambda t: (lemma_form(t) != t, t)):
        if term.isascii() and any(c.isalpha() for c in term):
            index.setdefault(lemma_form(term), term)
    return index


class TermMatcher:
    """Leftmost-longest match of known terms over a sentence's units (see the module docstring).

    ``terms`` are what is looked up. The units come from ``vocabulary`` when one is given (the
    run's :meth:`Vocabulary.from_lexicons`, shared by every stage); without one the terms
    themselves are the known words, with ``edge_terms`` as edge words.

    ``lemmas=True`` also matches English inflections of a lower-case English term (sanctions,
    sanctioned and sanctioning are the term sanction; :func:`english_lemma`). The frame and
    figure-quantity lexicons ask for it; the stance scorer and the target names do not: their
    entries are written form by form (a cue's verb is not its noun: rivaled is not rivals), and
    a lemma would join forms the operators tell apart.

    ``inside_tokens=True`` finds terms of two or more non-ASCII characters inside any longer
    token as well (中美 in 中美合作, 美国 in 美国人). Only the model's target masking
    (:mod:`stance.model.learn`) asks for it: hiding a name matters more there than the word boundary.
    Every stage that counts terms leaves it off, so 中国 is never found inside 中国人.
    """

    def __init__(
        self,
        terms: Iterable[str],
        *,
        edge_terms: Iterable[str] = (),
        vocabulary: Vocabulary | None = None,
        inside_tokens: bool = False,
        lemmas: bool = False,
    ) -> None:
        terms = set(terms)
        self.exact = frozenset(t for t in terms if is_case_sensitive(t))
        self.folded = frozenset(t for t in terms if not is_case_sensitive(t))
        self.max_len = max((len(t) for t in terms), default=1)
        self._has_english = lemmas and any(t.isascii() and any(c.isalpha() for c in t) for t in self.folded)
        # The characters a term can start with, as written or lower-cased: a position whose
        # character is in neither cannot start a match.
        self._firsts = frozenset(t[0] for t in self.exact) | frozenset(t[0] for t in self.folded if t)
        # Every leading part of a term (the term included): a candidate that is none of them
        # cannot grow into a term, so the search from one position stops there.
        self._exact_prefixes = frozenset(t[:k] for t in self.exact for k in range(1, len(t) + 1))
        self._folded_prefixes = frozenset(t[:k] for t in self.folded for k in range(1, len(t) + 1))
        # Longest first, so 美国政府 is carved out whole before 美国 is tried.
        inner = (
            tuple(sorted((t for t in self.folded if _is_piece(t)), key=lambda t: (-len(t), t)))
            if inside_tokens
            else ()
        )
        if vocabulary is not None and edge_terms:
            raise ValueError("give the edge words in the vocabulary, not as edge_terms")
        if vocabulary is not None and not inner:
            self._cutter = _cutter_for(vocabulary)
        else:
            # Without a vocabulary the terms themselves are the known words: a token that is a
            # term (as written, or lower-cased for a lower-case term) is kept whole.
            known = vocabulary.words if vocabulary is not None else self.folded
            edges = vocabulary.edge_words if vocabulary is not None else frozenset(edge_terms)
            keep = vocabulary.words if vocabulary is not None else self.folded | self.exact
            self._cutter = _Cutter(
                keep,
                frozenset(t for t in known if _is_piece(t)),
                frozenset(t for t in edges if _is_piece(t)),
                inner,
            )
        self._bit = self._cutter.register(self.exact, self.folded)

    def lookup(self, candidate: str) -> str | None:
        """The term ``candidate`` matches, or None."""
        if candidate in self.exact:
            return candidate
        folded = candidate.lower()
        return folded if folded in self.folded else None

    def decompose(self, token: str) -> tuple[str, ...] | None:
        """Split ``token`` into known pieces covering it entirely, or None."""
        return self._cutter.decompose(token)

    def _english_lemmas(self, text_norm: str) -> dict[str, str]:
        """The lemma index of the English terms, for a sentence that has Latin letters; empty
        otherwise, so Chinese text never loads the lemmatiser."""
        if not self._has_english or _LATIN_LETTER.search(text_norm) is None:
            return {}
        return _lemma_index(self.folded)

    def units(self, text_norm: str, tokens: Sequence[str]) -> list[Unit]:
        """Units with character offsets; tokens made only of known pieces are split."""
        return list(self._cutter.units(text_norm, tokens).units)

    def match(self, text_norm: str, units: Sequence[Unit]) -> list[Span]:
        """Non-overlapping matches over ``units`` (cut from ``text_norm``), left to right,
        longest first at each position: the longest term that starts where a unit starts and
        ends where a unit ends, at most ``MAX_JOIN`` units later, wins; a term as written wins
        over a lower-case one of the same length. :meth:`spans` finds the same over a sentence's
        tokens, faster."""
        lowered = text_norm.lower()
        return self._grow(
            text_norm,
            lowered if len(lowered) == len(text_norm) else "",
            units,
            self._english_lemmas(text_norm),
        )

    def spans(self, text_norm: str, tokens: Sequence[str]) -> tuple[tuple[Unit, ...], list[Span]]:
        """The units of the sentence ``tokens`` (cut from ``text_norm``) and :meth:`match` over
        them. The terms come from the automata the matchers of one cutter share (one pass each
        per sentence, see :class:`_Cutter`); where English inflections are looked up, or the
        units overlap, the candidate grows a unit at a time instead, which finds the same."""
        cut = self._cutter.units(text_norm, tokens)
        return cut.units, self._spans_of(text_norm, cut)

    def _spans_of(self, text_norm: str, cut: _Cut) -> list[Span]:
        lemmas = self._english_lemmas(text_norm)
        hits = None if lemmas else self._cutter.hits(text_norm, cut)
        if hits is None:
            return self._grow(text_norm, cut.lowered, cut.units, lemmas)
        bit = self._bit
        best: dict[int, tuple[int, str]] = {}
        # Terms as written first: on a tie in length they win over lower-case ones.
        for group in hits:
            for i, j, term, bits in group:
                if bits & bit and j > best.get(i, _NO_HIT)[0]:
                    best[i] = (j, term)
        spans: list[Span] = []
        free = 0
        units = cut.units
        for i in sorted(best):
            if i >= free:
                free, term = best[i]
                spans.append(Span(i, free, term, units[i].start, units[free - 1].end))
        return spans

    def _grow(
        self, text_norm: str, lowered: str, units: Sequence[Unit], lemmas: dict[str, str]
    ) -> list[Span]:
        """:meth:`match` by growing the candidate from each position a unit at a time; the
        longest term met wins. Growing stops once the candidate is the leading part of no term,
        except where English inflections are looked up (sanctioning does not lead into
        sanction)."""
        exact, folded, max_len, firsts = self.exact, self.folded, self.max_len, self._firsts
        exact_prefixes, folded_prefixes = self._exact_prefixes, self._folded_prefixes
        if lemmas:
            # An inflected form is longer than its term (sanctioning, banned): a few letters.
            max_len += MAX_INFLECTION_CHARS
        starts = [u.start for u in units]
        ends = [u.end for u in units]
        spans: list[Span] = []
        i, n = 0, len(units)
        while i < n:
            start = starts[i]
            if (
                lowered
                and start < len(lowered)
                and text_norm[start] not in firsts
                and lowered[start] not in firsts
            ):
                i += 1
                continue
            best_j, best_term = 0, ""
            for j in range(i + 1, min(n, i + MAX_JOIN) + 1):
                end = ends[j - 1]
                if end - start > max_len:
                    break
                # The slice keeps any space the segmenter dropped between English words.
                candidate = text_norm[start:end]
                low = lowered[start:end] if lowered else candidate.lower()
                if candidate in exact:
                    best_j, best_term = j, candidate
                elif low in folded:
                    best_j, best_term = j, low
                elif lemmas and low.isascii():
                    # English inflections: sanctions, sanctioned and sanctioning are the term
                    # sanction (or whichever form the lexicon wrote).
                    term = lemmas.get(lemma_form(low))
                    if term is not None:
                        best_j, best_term = j, term
                if not lemmas and candidate not in exact_prefixes and low not in folded_prefixes:
                    break
            if best_j:
                spans.append(Span(i, best_j, best_term, start, ends[best_j - 1]))
                i = best_j
            else:
                i += 1
        return spans

    def find(self, text_norm: str, tokens: Sequence[str]) -> list[Hit]:
        """Every term in the sentence ``tokens`` (cut from ``text_norm``), in text order.

        This is the lookup every stage calls; ``Hit.term`` is the term as the matcher was
        given it (lower-case for a lower-case term, whatever the text's case).
        """
        cut = self._cutter.units(text_norm, tokens)
        owners = cut.owners
        return [
            Hit(span.term, owners[span.first], owners[span.last - 1] + 1, span.start, span.end)
            for span in self._spans_of(text_norm, cut)
        ]


def _automaton(terms: Mapping[str, int]) -> ahocorasick.Automaton | None:
    """An Aho-Corasick automaton over the keys of ``terms``; each hit's value is (length, term,
    the term's value in ``terms``)."""
    if not terms:
        return None
    automaton = ahocorasick.Automaton()
    for term in sorted(terms):
        automaton.add_word(term, (len(term), term, terms[term]))
    automaton.make_automaton()
    return automaton


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
