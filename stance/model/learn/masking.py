"""Target masking: every alias of the row's target becomes ``<TGT>``, every alias of another
training target ``<OTHER>``, before any feature is built.

Without the mask a model learns "sentences about China are negative" instead of the words that
carry stance, and it cannot transfer to a target it saw less often (or never).

``<OTHER>`` stands only for the targets a model was trained on (:class:`Masker`'s ``others``):
a name the targets lexicon knows but the labels never mention (俄罗斯 or 美国 in posts about
fireworks or the Syrian campaign) stays a word, so the model can still tell one from another.
In the word view, negation scopes are marked (:mod:`~stance.model.learn.negation`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

from stance.lexicon.match import TermMatcher
from stance.model.learn.negation import mark_negation
from stance.text.normalise import normalise_text

TARGET_TOKEN = "<TGT>"
OTHER_TOKEN = "<OTHER>"
# In the character view each placeholder must be ONE character, or its n-grams would mix
# with those of real text; private-use code points never occur in news text.
TARGET_CHAR = "\ue000"
OTHER_CHAR = "\ue001"
_LATIN = re.compile(r"[A-Za-z]")
_LATIN_END = re.compile(r"[A-Za-z0-9]$")
_LATIN_START = re.compile(r"^[A-Za-z0-9]")


def canonical_target(alias: str) -> str:
    """A target name or alias as masking and :meth:`StanceModel.knows` compare it: normalised
    (simplified script, half-width), lower-cased, without spaces (``iPhone SE`` is ``iphonese``)."""
    # Spaces go: the segmenter drops whitespace, so "United States" is matched as its tokens
    # "United", "States" joined.
    return normalise_text(alias).lower().replace(" ", "")


def target_aliases(targets: Sequence[str], lexicons: Mapping | None = None) -> dict[str, tuple[str, ...]]:
    """Aliases of each target, for masking.

    From the ``targets`` lexicon when one is given (entries whose category names the target;
    a joint form such as 中美 is listed under every target it names, with categories written
    ``us+china``), always together with the target string itself, normalised and lower-cased.

    >>> target_aliases(["US", "中國"])
    {'US': ('us',), '中國': ('中国',)}
    """
    found: dict[str, set[str]] = {t: {canonical_target(t)} for t in targets}
    lexicon = (lexicons or {}).get("targets")
    if lexicon is not None:
        for entry in lexicon.entries:
            names = [n for n in re.split(r"[+,;| ]+", entry.category) if n]
            for name in names:
                found.setdefault(name, {canonical_target(name)}).add(canonical_target(entry.term))
    return {t: tuple(sorted(a for a in found[t] if a)) for t in sorted(found)}


class Masker:
    """Replaces target aliases in token sequences by placeholders.

    Aliases are found by the shared matcher (:class:`stance.lexicon.match.TermMatcher`) on the
    lower-cased tokens: a term may span consecutive tokens when the segmenter split it, and the
    longest alias wins. Unlike every stage that counts terms, masking asks the matcher for
    ``inside_tokens=True``, so a multi-character Han alias is also masked inside a longer token
    (中美 in 中美合作, 美国 in 美国人): for masking, hiding the name matters more than the word
    boundary, and such tokens name the target.
    """

    def __init__(self, aliases: Mapping[str, Sequence[str]], others: Sequence[str] | None = None) -> None:
        """``aliases``: every known target's aliases; ``others``: the targets whose aliases become
        ``<OTHER>`` (a model's training targets; default every target in ``aliases``). The
        aliases of the row's own target always become ``<TGT>``."""
        self.aliases = {t: tuple(a) for t, a in aliases.items()}
        self.others = frozenset(self.aliases if others is None else others)
        self.owners: dict[str, frozenset[str]] = {}
        for target, names in self.aliases.items():
            for alias in names:
                self.owners[alias] = self.owners.get(alias, frozenset()) | {target}
        self._matchers: dict[str, TermMatcher] = {}

    def words(self) -> list[str]:
        """Every alias, for adding to the segmenter's dictionary."""
        return sorted(self.owners)

    def _matcher(self, target: str) -> TermMatcher:
        # The row's own target counts as an alias of itself, so one matcher per target string;
        # it finds the aliases of the own target and of the ``others``, no other name.
        if target not in self._matchers:
            own = canonical_target(target)
            terms = {
                alias
                for alias, owners in self.owners.items()
                if target in owners or alias == own or owners & self.others
            }
            self._matchers[target] = TermMatcher((terms | {own}) - {""}, inside_tokens=True)
        return self._matchers[target]

    def _placeholder(self, alias: str, target: str) -> str:
        mine = target in self.owners.get(alias, frozenset()) or alias == canonical_target(target)
        return TARGET_TOKEN if mine else OTHER_TOKEN

    def mask(self, tokens: Sequence[str], target: str) -> list[str]:
        """Return ``tokens`` with every alias span replaced by ``<TGT>`` or ``<OTHER>``.

        The row's own target always counts as an alias of itself, so a target the lexicon does
        not know is still masked.
        """
        matcher = self._matcher(target)
        lowered = [t.lower() for t in tokens]
        # Aliases are canonical (lower-case, spaces removed), so the tokens are matched joined
        # without spaces: "united", "states" is the alias "unitedstates".
        text = "".join(lowered)
        units, found = matcher.spans(text, lowered)
        spans = {span.first: span for span in found}
        out: list[str] = []
        i = 0
        while i < len(units):
            span = spans.get(i)
            if span is None:
                out.append(units[i].text)
                i += 1
            else:
                out.append(self._placeholder(span.term, target))
                i = span.last
        return out


def views(masked: Sequence[str]) -> tuple[str, str]:
    """The word view (space-joined tokens, negation scopes marked) and the character view
    (placeholders as one char; a space kept only between two Latin words, since the segmenter
    drops whitespace)."""
    words = " ".join(mark_negation(masked))
    pieces: list[str] = []
    for token in masked:
        piece = TARGET_CHAR if token == TARGET_TOKEN else OTHER_CHAR if token == OTHER_TOKEN else token
        if pieces and _LATIN_END.search(pieces[-1]) and _LATIN_START.search(piece):
            pieces.append(" ")
        pieces.append(piece)
    return words, " ".join("".join(pieces).split())


def make_tokenizer(words: Sequence[str]):  # -> a callable str -> list[str]
    """The project's private segmenter with every alias added as a word (never jieba's global
    tokenizer), cutting normalised text into tokens without whitespace."""
    return _segmenter(tuple(sorted(w for w in words if not _LATIN.search(w)))).cut


@lru_cache(maxsize=4)
def _segmenter(words: tuple[str, ...]):  # -> stance.text.segment.Segmenter
    # Building a dictionary costs about a second; training, cross-validation and prediction
    # with the same aliases share one segmenter (each still private to this module).
    from stance.text.segment import Segmenter

    return Segmenter(words, engine="auto")
