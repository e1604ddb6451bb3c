"""Claims: each number of a content sentence with its subject, object and quantity, found by
the shared matcher. See :mod:`stance.compare.figures` for the rules.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from stance.compare.figures.numbers import UNIT_CLASS, _bounds, _find_numbers, _qualifier, _value
from stance.corpus.records import Article, Sentence
from stance.errors import LexiconError
from stance.lexicon import Lexicon
from stance.lexicon.match import Hit, TermMatcher, Vocabulary, token_offsets

QUANTITIES_LEXICON = "quantities"


CHANGE = "change"


WHOLE_SENTENCE_CHARS = 1000


CONTEXT_CHARS = 200


CLAUSE_BREAKS = frozenset(",;:。!?…")


# A target right after one of these prepositions (or verbs of dependence) is the object of the
# clause, not its subject.
OBJECT_MARKERS = frozenset(
    {
        "对",
        "向",
        "从",
        "给",
        "自",
        "与",
        "同",
        "跟",
        "对于",
        "让",
        "在",
        "针对",
        "往",
        "依赖",
        "依靠",
        "依赖于",
        "来自",
        # English, compared lower-cased: tariffs on China, imports from Japan, reliance on China.
        "on",
        "from",
        "to",
        "against",
        "toward",
        "towards",
        "with",
        "in",
        "into",
    }
)


COORDINATORS = frozenset({"和", "及", "以及", "、", "或", "and", "or"})


# A target after one of these, followed (after its coordinated names) by a word of doing
# something jointly, is a partner in what the subject does (美国将与日本、澳洲共同投资; together
# with Japan): neither the subject nor the object of the figure.
COMITATIVES = frozenset({"与", "同", "跟", "和", "with"})


JOINTLY = frozenset({"共同", "一起", "一道", "联合", "携手", "together", "jointly"})


JOINTLY_ZH = tuple(sorted(w for w in JOINTLY if not w.isascii()))


# English phrases that open a partner by themselves (together with Japan, alongside Australia).
PARTNER_MARKERS = frozenset({"alongside", "along with", "together with", "jointly with"})


@dataclass(frozen=True, slots=True)
class Claim:
    """One numeric claim in one sentence; ``low``/``high`` bound what it asserts."""

    source: str
    article_id: str
    sentence_index: int
    start: int  # character offset of the match in text_norm
    match: str
    value: float | tuple[float, float]
    low: float
    high: float
    unit: str
    qualifier: str
    subject: str
    object: str
    quantity: str
    family: str
    text: str


@dataclass(frozen=True)
class _QuantityTerm:
    category: str
    weight: float
    units: frozenset[str]
    family: str


def _quantity_terms(lexicons: Mapping[str, Lexicon]) -> dict[str, list[_QuantityTerm]]:
    lexicon = lexicons.get(QUANTITIES_LEXICON)
    if lexicon is None:
        return {}
    families: dict[str, tuple[str, int]] = {}
    terms: dict[str, list[_QuantityTerm]] = defaultdict(list)
    for entry in lexicon.entries:
        family = entry.extra.get("family", "") or entry.category
        seen = families.setdefault(entry.category, (family, entry.line))
        if seen[0] != family:
            raise LexiconError(
                f"{lexicon.entries_path}:{entry.line}: category '{entry.category}' has family '{family}' "
                f"but line {seen[1]} gives '{seen[0]}' (give every entry of a category the same family)"
            )
        units = frozenset(u.strip() for u in entry.extra.get("units", "").split(",") if u.strip())
        terms[entry.term].append(_QuantityTerm(entry.category, entry.weight, units, family))
    return dict(terms)


def _target_terms(lexicons: Mapping[str, Lexicon]) -> dict[str, str]:
    """Every target alias -> the target it names as a subject or object; "" for an alias that
    names none (a joint form such as 中美, an oblique form such as 对华). All aliases are looked
    up, so the longest-match competition is the one the mentions see; the "" ones are dropped."""
    found: dict[str, str] = {}
    for _, lexicon in sorted(lexicons.items()):
        if lexicon.kind != "targets":
            continue
        for entry in lexicon.entries:
            single = "+" not in entry.category and entry.extra.get("alias_kind") not in ("joint", "oblique")
            if single and not found.get(entry.term):
                found[entry.term] = entry.category
            else:
                found.setdefault(entry.term, "")
    return found


@dataclass(frozen=True)
class FigureTerms:
    """What the figures stage looks up in a sentence: quantity words and target names, each with
    its shared matcher. Build once per run with :meth:`from_lexicons`."""

    quantities: Mapping[str, list[_QuantityTerm]]
    targets: Mapping[str, str]
    quantity_matcher: TermMatcher
    target_matcher: TermMatcher

    @classmethod
    def from_lexicons(cls, lexicons: Mapping[str, Lexicon]) -> FigureTerms:
        vocabulary = Vocabulary.from_lexicons(lexicons)
        quantities = _quantity_terms(lexicons)
        targets = _target_terms(lexicons)
        return cls(
            quantities,
            targets,
            TermMatcher(quantities, vocabulary=vocabulary, lemmas=True),
            TermMatcher(targets, vocabulary=vocabulary),
        )


def _clauses(tokens: Sequence[str]) -> list[int]:
    """Clause number of each token (a clause ends at , ; : 。 ! ?)."""
    numbers, current = [], 0
    for token in tokens:
        numbers.append(current)
        if token in CLAUSE_BREAKS:
            current += 1
    return numbers


@dataclass
class _Terms:
    """Found terms in text order as parallel lists: tokens [firsts[i], lasts[i]) and a label."""

    firsts: list[int] = field(default_factory=list)
    lasts: list[int] = field(default_factory=list)
    clauses: list[int] = field(default_factory=list)
    labels: list = field(default_factory=list)

    def add(self, hit: Hit, clause: int, label: object) -> None:
        self.firsts.append(hit.first)
        self.lasts.append(hit.last)
        self.clauses.append(clause)
        self.labels.append(label)

    def latest(self, segments: Sequence[tuple[int, int]]) -> tuple[int, list] | None:
        """(last token, labels) of the terms ending last among the index ranges ``segments``
        (ascending, disjoint); None when they are empty."""
        stop, labels = None, []
        for lo, hi in reversed(segments):
            for i in range(hi - 1, lo - 1, -1):
                if stop is not None and self.lasts[i] != stop:
                    return stop, labels
                stop = self.lasts[i]
                labels.append(self.labels[i])
        return None if stop is None else (stop, labels)

    def earliest(self, lo: int, hi: int) -> tuple[int, list] | None:
        """(first token, labels) of the terms starting first among indices [lo, hi)."""
        if lo >= hi:
            return None
        start, i = self.firsts[lo], lo
        while i < hi and self.firsts[i] == start:
            i += 1
        return start, self.labels[lo:i]


def _nearest_in_clause(names: _Terms, first: int, end: int, clause: int) -> tuple[int, int, str] | None:
    """The (distance, after?, target) that is least among the names of ``clause``, for the claim
    at tokens[first:end]: a name starting before ``end`` is at ``first - last`` tokens, one at or
    after it at ``first_of_name - end``."""
    lo, hi = bisect_left(names.clauses, clause), bisect_right(names.clauses, clause)
    k = bisect_left(names.firsts, end)
    candidates = []
    before = names.latest([(lo, min(hi, k))])
    if before is not None:
        candidates.append((first - before[0], 0, min(before[1])))
    after = names.earliest(max(lo, k), hi)
    if after is not None:
        candidates.append((after[0] - end, 1, min(after[1])))
    return min(candidates) if candidates else None


def _opens_partner(tokens: Sequence[str], first: int, names: Sequence[Hit]) -> bool:
    """Whether the target name at ``tokens[first]`` (the first of ``names``, the names from it
    on) is a partner: after "together with" and the like, or after 与/with when a word of
    doing jointly follows the run of coordinated names."""
    before = " ".join(t.lower() for t in tokens[max(0, first - 2) : first] if t.strip())
    if any(before.endswith(marker) for marker in PARTNER_MARKERS):
        return True
    if first == 0 or tokens[first - 1].lower() not in COMITATIVES:
        return False
    end = names[0].last
    for hit in names[1:]:
        between = [t for t in tokens[end : hit.first] if t.strip()]
        if len(between) != 1 or between[0].lower() not in COORDINATORS:
            break
        end = hit.last
    after = [t.lower() for t in tokens[end : end + 2] if t.strip()]
    # The segmenter may glue the Chinese word to its verb (共同投资).
    return bool(after) and (
        after[0] in JOINTLY or (not after[0].isascii() and after[0].startswith(JOINTLY_ZH))
    )


class _SentenceTargets:
    """The target names of one sentence, split into objects and the others."""

    def __init__(
        self,
        tokens: Sequence[str],
        clause_of: Sequence[int],
        targets: Mapping[str, str],
        found: Sequence[Hit],
    ) -> None:
        self.subjects, self.objects = _Terms(), _Terms()
        is_object = is_partner = False
        for k, hit in enumerate(found):
            previous = tokens[hit.first - 1] if hit.first > 0 else ""
            previous = previous.lower()
            if previous not in COORDINATORS:
                is_object = previous in OBJECT_MARKERS
            if previous not in COORDINATORS or k == 0 or found[k - 1].last < hit.first - 1:
                is_partner = _opens_partner(tokens, hit.first, found[k:])
            if is_partner:
                continue
            (self.objects if is_object else self.subjects).add(hit, clause_of[hit.first], targets[hit.term])

    def roles(self, first: int, end: int, here: int) -> tuple[str, str]:
        """(subject, object) of the claim at tokens[first:end] in clause ``here``.

        A target right after a preposition (对, 向, 从...) is an object, and so is one coordinated
        with an object (从泰国和墨西哥). The subject is the nearest other target of the claim's
        clause (before it on a tie), else the nearest one before it in the sentence; the object
        is the nearest object target of the claim's clause.
        """
        subject = _nearest_in_clause(self.subjects, first, end, here)
        obj = _nearest_in_clause(self.objects, first, end, here)
        if subject is not None:
            subject_name = subject[2]
        else:
            # Names starting before the claim in another clause: the one ending last.
            names = self.subjects
            lo, hi = bisect_left(names.clauses, here), bisect_right(names.clauses, here)
            k = bisect_left(names.firsts, end)
            segments = [(0, min(lo, k))] + ([(hi, k)] if hi < k else [])
            earlier = names.latest(segments)
            subject_name = min(earlier[1]) if earlier is not None else ""
        return subject_name, obj[2] if obj is not None else ""


class _SentenceQuantities:
    """The quantity words of one sentence by (clause, unit class): the measures by weight, and
    the words of change."""

    def __init__(
        self, clause_of: Sequence[int], terms: Mapping[str, list[_QuantityTerm]], found: Sequence[Hit]
    ) -> None:
        self.measures: dict[tuple[int, str], dict[float, _Terms]] = defaultdict(dict)
        self.changes: dict[tuple[int, str], _Terms] = defaultdict(_Terms)
        for hit in found:
            clause = clause_of[hit.first]
            for q in terms[hit.term]:
                for unit_class in q.units:
                    if q.category == CHANGE:
                        self.changes[(clause, unit_class)].add(hit, clause, q)
                    else:
                        self.measures[(clause, unit_class)].setdefault(q.weight, _Terms()).add(hit, clause, q)
        self.weights = {key: sorted(levels, reverse=True) for key, levels in self.measures.items()}

    def quantity(self, first: int, end: int, here: int, unit: str) -> tuple[str, str]:
        """(quantity, family) of the claim at tokens[first:end] in clause ``here``: the heaviest
        word of the clause (then of the clause before) whose unit classes include the claim's,
        the nearest of those, the first category on a tie; words overlapping the claim do not
        count. A word of change in the clause makes it the change of that quantity."""
        unit_class = UNIT_CLASS[unit]
        changes = self.changes.get((here, unit_class))
        changed = changes is not None and (
            bisect_right(changes.lasts, first) > 0 or bisect_left(changes.firsts, end) < len(changes.firsts)
        )
        for clause in (here, here - 1):
            levels = self.measures.get((clause, unit_class), {})
            for weight in self.weights.get((clause, unit_class), ()):
                words = levels[weight]
                candidates = []
                before = words.latest([(0, bisect_right(words.lasts, first))])
                if before is not None:
                    candidates += [(first - before[0], q.category, q) for q in before[1]]
                after = words.earliest(bisect_left(words.firsts, end), len(words.firsts))
                if after is not None:
                    candidates += [(after[0] - end, q.category, q) for q in after[1]]
                if not candidates:
                    continue
                q = min(candidates, key=lambda c: c[:2])[2]
                if changed:
                    return f"{q.category}_change", f"{q.category}_change"
                return q.category, q.family
        return ("change", "change") if changed else ("", "")


def _token_range(starts: Sequence[int], ends: Sequence[int], start: int, end: int) -> tuple[int, int]:
    """Tokens [first, last) overlapping the characters [start, end), or the empty range at the
    first token after them. Token spans are in text order and do not overlap, so both ends are
    binary searches."""
    first, last = bisect_right(ends, start), bisect_left(starts, end)
    return (first, last) if first < last else (last, last)


def claim_text(sentence: Sentence, start: int, end: int) -> str:
    """The text a claim at ``text_norm[start:end]`` quotes: the whole sentence as written, or for a
    sentence longer than ``WHOLE_SENTENCE_CHARS`` the ``CONTEXT_CHARS`` characters either side of
    the claim (from the normalised text when normalising changed the sentence's length, since
    the offsets then do not carry over).

    >>> s = Sentence("a", 0, "body", "x" * 2000 + "约70%", "x" * 2000 + "约70%", ())
    >>> claim_text(s, 2000, 2004) == "…" + "x" * CONTEXT_CHARS + "约70%"
    True
    """
    text = sentence.text
    if len(text) <= WHOLE_SENTENCE_CHARS:
        return text
    if len(text) != len(sentence.text_norm):
        text = sentence.text_norm
    low, high = max(0, start - CONTEXT_CHARS), min(len(text), end + CONTEXT_CHARS)
    return ("…" if low > 0 else "") + text[low:high] + ("…" if high < len(text) else "")


def sentence_claims(
    sentence: Sentence,
    source: str,
    *,
    terms: FigureTerms,
) -> list[Claim]:
    """The numeric claims of one sentence (none when it is not content)."""
    if not sentence.is_content:
        return []
    norm = sentence.text_norm
    numbers = _find_numbers(norm)
    if not numbers:
        return []
    tokens = sentence.tokens
    spans = token_offsets(norm, tokens)
    starts, ends = [a for a, _ in spans], [b for _, b in spans]
    clause_of = _clauses(tokens)
    quantities = _SentenceQuantities(clause_of, terms.quantities, terms.quantity_matcher.find(norm, tokens))
    # US$300 million: a name fused with a currency sign is the currency, not the subject.
    target_hits = [
        h
        for h in terms.target_matcher.find(norm, tokens)
        if terms.targets[h.term] and not norm.startswith("$", h.end)
    ]
    names = _SentenceTargets(tokens, clause_of, terms.targets, target_hits)
    claims = []
    for start, end, kind, match in numbers:
        value, unit = _value(match, kind)
        qualifier, bound = _qualifier(match, kind)
        low, high = _bounds(value, bound, unit)
        first, stop = _token_range(starts, ends, start, end)
        here = clause_of[min(first, len(tokens) - 1)] if tokens else 0
        quantity, family = quantities.quantity(first, stop, here, unit)
        subject, obj = names.roles(first, stop, here)
        claims.append(
            Claim(
                source=source,
                article_id=sentence.article_id,
                sentence_index=sentence.sentence_index,
                start=start,
                match=match.group().strip(),
                value=value,
                low=low,
                high=high,
                unit=unit,
                qualifier=qualifier,
                subject=subject,
                object=obj,
                quantity=quantity,
                family=family,
                text=claim_text(sentence, start, end),
            )
        )
    return claims


def extract_claims(articles: Iterable[Article], lexicons: Mapping[str, Lexicon]) -> list[Claim]:
    """Every numeric claim in the content sentences of ``articles``, in a stable order
    (source, article, sentence, position)."""
    terms = FigureTerms.from_lexicons(lexicons)
    claims = [
        claim
        for article in articles
        for sentence in article.sentences
        for claim in sentence_claims(sentence, article.source, terms=terms)
    ]
    return sorted(claims, key=lambda c: (c.source, c.article_id, c.sentence_index, c.start))
