"""What the classifiers read: TF-IDF n-grams of the masked views, target-conditioned copies of
them for the pooled model, and (when cross-validation finds they help) lexicon cue counts.

- words: jieba word 1-2-grams of the masked tokens, negation scopes marked
  (:mod:`~stance.model.learn.negation`); chars: character 1-3-grams of the masked text. Both TF-IDF with sublinear term frequency, each row L2-normalised per view.
- :func:`conditioned`: the pooled model sees every feature twice, once shared by all targets
  and once in a block of the row's own target (Daumé's "frustratingly easy" feature
  augmentation), so it learns what carries stance everywhere and what only for one target; a
  target it never saw has the shared block alone.
- :class:`CueCounter`: per content category of the cues lexicons (evaluation, potency...) the
  summed weight of positive and of negative cues, and per operator (negator, hedge...) the
  count, each ``log1p``-damped and scaled by :data:`CUE_WEIGHT`.

:class:`CompactTfidfVectorizer` is scikit-learn's ``TfidfVectorizer`` with a compact saved
state: the vocabulary is written as ONE array of UTF-8 bytes instead of a dict (which skops
writes as JSON, hundreds of bytes per n-gram), and the per-process ``_stop_words_id`` (a
memory address) is left out so two processes write the same bytes.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer

from stance.lexicon.match import TermMatcher

VIEWS = ("words", "chars")
# Scale of the cue block next to the two L2-normalised n-gram views.
CUE_WEIGHT = 0.1
# The cue categories that count, in column order: content categories by sign, then operators.
CUE_CONTENT = ("evaluation", "potency", "dependence", "comparison", "control", "appraisal")
CUE_OPERATORS = ("negator", "shifter", "intensifier", "hedge", "attempt", "contrast", "concession")
CUE_COLUMNS = (
    *(f"{c}{s}" for c in CUE_CONTENT for s in ("+", "-")),
    *CUE_OPERATORS,
)
_TERMS_SEPARATOR = "\n"


class CompactTfidfVectorizer(TfidfVectorizer):
    """``TfidfVectorizer`` whose saved state holds the vocabulary as one ``uint8`` array (the
    terms in column order, newline-separated UTF-8) and no memory address."""

    def __getstate__(self) -> dict:
        state = dict(super().__getstate__())
        state.pop("_stop_words_id", None)  # id() of the stop list: differs in every process
        vocabulary = state.pop("vocabulary_", None)
        if vocabulary is not None:
            terms = sorted(vocabulary, key=vocabulary.__getitem__)
            if any(_TERMS_SEPARATOR in t for t in terms):  # the views never hold a newline
                raise ValueError("a vocabulary term contains a newline")
            joined = _TERMS_SEPARATOR.join(terms).encode("utf-8")
            state["vocabulary_terms_"] = np.frombuffer(joined, dtype=np.uint8).copy()
            state["vocabulary_size_"] = len(terms)
        return state

    def __setstate__(self, state: dict) -> None:
        state = dict(state)
        blob = state.pop("vocabulary_terms_", None)
        size = state.pop("vocabulary_size_", None)
        if blob is not None:
            if not isinstance(blob, np.ndarray) or blob.dtype != np.uint8 or blob.ndim != 1:
                raise TypeError("vocabulary_terms_ must be a 1-d uint8 array")
            terms = bytes(blob).decode("utf-8").split(_TERMS_SEPARATOR) if size else []
            if len(terms) != size:
                raise ValueError(f"vocabulary holds {len(terms)} terms, not {size}")
            state["vocabulary_"] = {t: i for i, t in enumerate(terms)}
        super().__setstate__(state)


def make_vectorizers() -> dict[str, CompactTfidfVectorizer]:
    """The unfitted vectorizers of the two views."""
    return {
        "words": CompactTfidfVectorizer(
            analyzer="word", token_pattern=r"\S+", ngram_range=(1, 2), sublinear_tf=True, lowercase=False
        ),
        "chars": CompactTfidfVectorizer(
            analyzer="char", ngram_range=(1, 3), sublinear_tf=True, lowercase=False
        ),
    }


def ngram_matrix(
    vectorizers: Mapping, views: Mapping[str, Sequence[str]], *, fit: bool = False
) -> sp.csr_matrix:
    """The two views side by side (fitting the vectorizers first when ``fit``)."""
    blocks = [
        vectorizers[v].fit_transform(views[v]) if fit else vectorizers[v].transform(views[v]) for v in VIEWS
    ]
    return sp.hstack(blocks, format="csr")


def conditioned(x: sp.csr_matrix, targets: Sequence[str], blocks: Sequence[str]) -> sp.csr_matrix:
    """``x`` with a target-specific copy of each row: columns ``[0, d)`` are shared, block
    ``k + 1`` holds the rows of ``blocks[k]``; both copies are scaled by 1/sqrt(2) so a row
    keeps its norm. A target not in ``blocks`` gets the shared copy only.

    >>> x = sp.csr_matrix(np.array([[1.0, 0.0], [0.0, 1.0]]))
    >>> (conditioned(x, ["a", "z"], ["a", "b"]).toarray() * math.sqrt(2)).round(6).tolist()
    [[1.0, 0.0, 1.0, 0.0, 0.0, 0.0], [0.0, 1.0, 0.0, 0.0, 0.0, 0.0]]
    """
    x = sp.csr_matrix(x)
    n, d = x.shape
    position = {t: i for i, t in enumerate(blocks)}
    block = np.array([position.get(str(t), -1) for t in targets], dtype=np.int64)
    keep = np.repeat(block >= 0, np.diff(x.indptr))
    rows = np.repeat(np.arange(n), np.diff(x.indptr))[keep]
    columns = x.indices[keep].astype(np.int64) + block[rows] * d
    own = sp.csr_matrix((x.data[keep], (rows, columns)), shape=(n, max(len(blocks), 1) * d))
    if not blocks:
        own = sp.csr_matrix((n, 0))
    return sp.hstack([x, own], format="csr") * (1 / math.sqrt(2))


class CueCounter:
    """Cue and operator counts of a text, from cue entries ``(term, category, weight)``.

    Terms are found by the shared matcher (:class:`stance.lexicon.match.TermMatcher`) on the
    text's tokens, as every stage finds them.
    """

    def __init__(self, entries: Sequence[tuple[str, str, float]]) -> None:
        self.entries = tuple((str(t), str(c), float(w)) for t, c, w in entries)
        self._kind: dict[str, tuple[str, float]] = {}
        for term, category, weight in self.entries:
            key = term if term != term.lower() else term.lower()
            self._kind.setdefault(key, (category, weight))
        edges = [t for t, c, _ in self.entries if c in CUE_CONTENT]
        self._matcher = TermMatcher(self._kind, edge_terms=edges)
        self._column = {name: i for i, name in enumerate(CUE_COLUMNS)}

    @classmethod
    def from_lexicons(cls, lexicons: Mapping | None) -> CueCounter | None:
        """A counter over every cues lexicon in ``lexicons`` (None when there is none)."""
        from stance.measure.polarity.records import CUES_KIND

        entries = [
            (e.term, e.category, e.weight)
            for _, lexicon in sorted((lexicons or {}).items())
            if getattr(lexicon, "kind", None) == CUES_KIND
            for e in lexicon.entries
            if e.category in CUE_CONTENT or e.category in CUE_OPERATORS
        ]
        return cls(entries) if entries else None

    def row(self, text_norm: str, tokens: Sequence[str]) -> np.ndarray:
        """The damped, scaled counts of one text (columns :data:`CUE_COLUMNS`)."""
        out = np.zeros(len(CUE_COLUMNS))
        for hit in self._matcher.find(text_norm, tokens):
            category, weight = self._kind[hit.term]
            if category in CUE_CONTENT:
                out[self._column[category + ("+" if weight >= 0 else "-")]] += abs(weight)
            else:
                out[self._column[category]] += 1
        return np.log1p(out) * CUE_WEIGHT
