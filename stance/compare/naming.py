"""Naming choices: which of a referent's names each source uses.

A referent is anything the corpus can name in more than one way. Targets (the United States,
China...) take their names and registers from the ``targets`` lexicon (its joint forms, such
as 美中 and 中美, form one referent of their own, china+us); other referents take theirs from the
``variants`` lexicon (朝鲜 / 北韩, 芯片 / 晶片, 数据 / 资料...). Matching is on the tokens of
content sentences, which are in the normalised (simplified) script, so two variants must still
differ after normalisation; each variant also records the forms it was written in. Names are
found by the shared matcher (:class:`stance.lexicon.match.TermMatcher`) with the run's vocabulary, so a
name counts here exactly where it counts as a mention or a frame term: whole tokens only (中国
is not found in 中国人), leftmost-longest (中国大陆 over 中国), lower-case names in any case,
names with capitals only as written.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from stance.corpus.records import Article, Sentence
from stance.lexicon import Lexicon
from stance.lexicon.match import TermMatcher, Vocabulary
from stance.text.normalise import normalise_text

VARIANTS_LEXICON = "variants"
NAMING_COLUMNS = ("referent", "variant", "register", "source", "count", "forms")


def original_form(sentence: Sentence, start: int, end: int) -> str:
    """The text of ``text_norm[start:end]`` as written in ``sentence.text``, when a character
    alignment between the two exists (normalising character by character gives the same
    length, or the two texts have equal length); otherwise the normalised text."""
    norm = sentence.text_norm
    if len(sentence.text) == len(norm):
        return sentence.text[start:end]
    pieces = [normalise_text(ch) if not ch.isspace() else " " for ch in sentence.text]
    if all(len(p) == 1 for p in pieces if p) and "".join(pieces).replace(" ", "") == norm.replace(" ", ""):
        # Map offsets of the space-free normalised text back onto the original characters.
        index = [k for k, p in enumerate(pieces) if p and p != " "]
        stripped_start = len(norm[:start].replace(" ", ""))
        stripped_end = len(norm[:end].replace(" ", ""))
        if stripped_end <= len(index) and stripped_start < stripped_end:
            return sentence.text[index[stripped_start] : index[stripped_end - 1] + 1]
    return norm[start:end]


def referent_of(category: str) -> str:
    """The referent a targets category names: the target id, or for a joint form (us+china)
    its ids in name order, so 中美 and 美中 are two names of one referent."""
    return "+".join(sorted(category.split("+"))) if "+" in category else category


# The alias kinds that stand for a country without naming it (Huawei, the dollar).
NOT_NAMES = frozenset({"firm", "currency"})


def naming_table_entries(lexicons: Mapping[str, Lexicon]) -> dict[str, tuple[str, str]]:
    """``{term: (referent, register)}`` from every ``targets`` lexicon (firms and currencies left
    out: neither is a name of its country) and the ``variants`` lexicon. A term listed under two
    referents keeps the first, in lexicon-name order."""
    table: dict[str, tuple[str, str]] = {}
    sources = [lex for _, lex in sorted(lexicons.items()) if lex.kind == "targets"]
    if VARIANTS_LEXICON in lexicons:
        sources.append(lexicons[VARIANTS_LEXICON])
    for lex in sources:
        for entry in lex.entries:
            if entry.extra.get("alias_kind") in NOT_NAMES or entry.term in table:
                continue
            referent = referent_of(entry.category) if lex.kind == "targets" else entry.category
            table[entry.term] = (referent, entry.extra.get("register", ""))
    return table


@dataclass(frozen=True, slots=True)
class NameUse:
    """A name found in the content sentences of one article: the variant (the lexicon term),
    the form it was written in, how many times, and the article's language."""

    variant: str
    form: str
    count: int = 1
    language: str = ""


class NameFinder:
    """The names of every referent, and the shared matcher that finds them; built once per run
    (or per worker) with :meth:`from_lexicons`."""

    def __init__(self, table: Mapping[str, tuple[str, str]], vocabulary: Vocabulary) -> None:
        self.table = dict(table)
        self.matcher = TermMatcher(self.table, vocabulary=vocabulary)

    @classmethod
    def from_lexicons(cls, lexicons: Mapping[str, Lexicon]) -> NameFinder:
        return cls(naming_table_entries(lexicons), Vocabulary.from_lexicons(lexicons))

    def uses(self, article: Article) -> tuple[NameUse, ...]:
        """The names in the content sentences of ``article``, counted per variant and written
        form (sorted): part of the per-article work, so the comparison only adds counts."""
        found = Counter(
            (hit.term, original_form(sentence, hit.start, hit.end))
            for sentence in article.sentences
            if sentence.is_content
            for hit in self.matcher.find(sentence.text_norm, sentence.tokens)
        )
        return tuple(
            NameUse(variant, form, n, article.language) for (variant, form), n in sorted(found.items())
        )


def compare_naming(
    articles: Iterable[Article],
    lexicons: Mapping[str, Lexicon],
    uses: Mapping[str, Sequence[NameUse]] | None = None,
) -> list[dict]:
    """For each referent named in the content sentences, the variants each source uses.

    ``uses`` maps article_id to :meth:`NameFinder.uses` of the article when the per-article
    work found them already; otherwise they are found here.

    Returns ``[{referent, variants: {variant: {source: count}}, registers: {variant:
    register}, forms: {variant: [as written]}, by_language: {language: {variant: {source:
    count}}}, sources_differ}]`` sorted by referent. ``by_language`` splits the counts by the
    language of the articles they come from, and only names in articles of one language are a
    choice between names: an English article writing China and a Chinese one writing 中国 have
    not chosen, while a Chinese article writing AI and another writing 人工智能 have.
    ``sources_differ`` is true when, in articles of one language, some source uses a variant
    another source never uses. Only referents with at least one occurrence appear.
    """
    finder = NameFinder.from_lexicons(lexicons) if uses is None else None
    by_source: dict[str, dict[tuple[str, str], int]] = {}
    for article in articles:
        found = finder.uses(article) if finder is not None else uses[article.article_id]
        pool_names(by_source.setdefault(article.source, {}), found)
    return naming_from_counts(by_source, lexicons)


def pool_names(into: dict[tuple[str, str, str], int], uses: Iterable[NameUse]) -> None:
    """Add an article's name uses to its source's counts of (variant, form as written, the
    article's language)."""
    for use in uses:
        key = (use.variant, use.form, use.language)
        into[key] = into.get(key, 0) + use.count


def naming_from_counts(
    by_source: Mapping[str, Mapping[tuple[str, str, str], int]], lexicons: Mapping[str, Lexicon]
) -> list[dict]:
    """:func:`compare_naming` from each source's counts of (variant, form as written, article
    language)."""
    table = naming_table_entries(lexicons)
    counts: dict[str, dict[str, dict[str, dict[str, int]]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
    )
    totals: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    forms: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for source, found in by_source.items():
        for (variant, form, language), n in found.items():
            referent, _ = table[variant]
            counts[referent][language][variant][source] += n
            totals[referent][variant][source] += n
            forms[referent][variant].add(form)
    result = []
    for referent in sorted(counts):
        by_language = {
            language: {v: dict(sorted(users.items())) for v, users in sorted(named.items())}
            for language, named in sorted(counts[referent].items())
        }
        variants = {v: dict(sorted(users.items())) for v, users in sorted(totals[referent].items())}
        differ = any(
            set(named[a]) != set(named[b]) for named in by_language.values() for a in named for b in named
        )
        result.append(
            {
                "referent": referent,
                "variants": variants,
                "registers": {v: table[v][1] for v in variants},
                "forms": {v: sorted(forms[referent][v]) for v in variants},
                "by_language": by_language,
                "sources_differ": differ,
            }
        )
    return result


def names_by_language(item: Mapping) -> Mapping[str, Mapping[str, Mapping[str, int]]]:
    """A naming item's counts per article language (``by_language``); an item built without
    them (by hand, or by an earlier version) counts as one language."""
    return item.get("by_language", {"": item.get("variants", {})})


def naming_rows(naming: Sequence[Mapping]) -> list[dict]:
    """The long table of :func:`compare_naming` (columns ``NAMING_COLUMNS``): one row per
    referent, variant and source, ``forms`` joined with ``|``."""
    rows = []
    for item in naming:
        for variant, by_source in item["variants"].items():
            for source, count in by_source.items():
                rows.append(
                    {
                        "referent": item["referent"],
                        "variant": variant,
                        "register": item["registers"].get(variant, ""),
                        "source": source,
                        "count": count,
                        "forms": "|".join(item.get("forms", {}).get(variant, [])),
                    }
                )
    return rows
