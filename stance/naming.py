"""Naming choices: which of a referent's names each source uses.

A referent is anything the corpus can name in more than one way. Targets (the United States,
China...) take their names and registers from the ``targets`` lexicon (its joint forms, such
as 美中 and 中美, form one referent of their own, china+us); other referents take theirs from the
``variants`` lexicon (朝鲜 / 北韩, 芯片 / 晶片, 数据 / 资料...). Matching is on the tokens of
content sentences, which are in the normalised (simplified) script, so two variants must still
differ after normalisation; each variant also records the forms it was written in.

>>> find_terms(("美国", "与", "中国", "大陆", "会谈"), {"中国", "中国大陆", "美国"})
[(0, 1, '美国'), (2, 4, '中国大陆')]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence

from .lexicon import Lexicon
from .normalise import normalise_text
from .records import Article, Sentence

# A term may come out of the segmenter as up to this many tokens (a lexicon term is normally
# one token, but a custom lexicon added after segmentation may split).
MAX_SPAN = 4
VARIANTS_LEXICON = "variants"
NAMING_COLUMNS = ("referent", "variant", "register", "source", "count", "forms")


def find_terms(
    tokens: Sequence[str], terms: Collection[str], *, max_span: int = MAX_SPAN
) -> list[tuple[int, int, str]]:
    """Occurrences of ``terms`` in ``tokens``: (first token, end token, term), leftmost-longest
    and non-overlapping. A term matches whole tokens only, one token or several joined, so
    中国 does not match inside the token 中国人. A term written in lower case also matches
    capitalised text (trump: Trump), one with capitals only as written (US, not us); Latin
    words of a several-word term are joined with a space (united states)."""
    found: list[tuple[int, int, str]] = []
    if not terms:
        return found
    longest = max(len(t) for t in terms)
    i, n = 0, len(tokens)
    while i < n:
        hit = None
        plain, spaced = "", ""
        for j in range(i, min(n, i + max_span)):
            token = tokens[j]
            spaced = (
                token
                if j == i
                else spaced + (" " if _latin(spaced[-1:]) and _latin(token[:1]) else "") + token
            )
            plain += token
            if len(plain) > longest:
                break
            for candidate in dict.fromkeys((plain, spaced)):
                term = candidate if candidate in terms else candidate.lower()
                if term in terms and (term == candidate or term == term.lower()):
                    hit = (i, j + 1, term)
        if hit is None:
            i += 1
        else:
            found.append(hit)
            i = hit[1]
    return found


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


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


def naming_table_entries(lexicons: Mapping[str, Lexicon]) -> dict[str, tuple[str, str]]:
    """``{term: (referent, register)}`` from every ``targets`` lexicon (firms left out: a firm
    is not a name of its country) and the ``variants`` lexicon. A term listed under two
    referents keeps the first, in lexicon-name order."""
    table: dict[str, tuple[str, str]] = {}
    sources = [lex for _, lex in sorted(lexicons.items()) if lex.kind == "targets"]
    if VARIANTS_LEXICON in lexicons:
        sources.append(lexicons[VARIANTS_LEXICON])
    for lex in sources:
        for entry in lex.entries:
            if entry.extra.get("alias_kind") == "firm" or entry.term in table:
                continue
            referent = referent_of(entry.category) if lex.kind == "targets" else entry.category
            table[entry.term] = (referent, entry.extra.get("register", ""))
    return table


def compare_naming(articles: Iterable[Article], lexicons: Mapping[str, Lexicon]) -> list[dict]:
    """For each referent named in the content sentences, the variants each source uses.

    Returns ``[{referent, variants: {variant: {source: count}}, registers: {variant:
    register}, forms: {variant: [as written]}, sources_differ}]`` sorted by referent;
    ``sources_differ`` is true when some source uses a variant another source never uses.
    Only referents with at least one occurrence appear.
    """
    table = naming_table_entries(lexicons)
    counts: dict[str, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
    forms: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    all_sources: set[str] = set()
    for article in articles:
        all_sources.add(article.source)
        for sentence in article.sentences:
            if not sentence.is_content:
                continue
            spans = token_offsets(sentence.text_norm, sentence.tokens)
            for first, end, term in find_terms(sentence.tokens, table):
                referent, _ = table[term]
                counts[referent][term][article.source] += 1
                written = original_form(sentence, spans[first][0], spans[end - 1][1])
                forms[referent][term].add(written)
    result = []
    for referent in sorted(counts):
        variants = {v: dict(sorted(by_source.items())) for v, by_source in sorted(counts[referent].items())}
        users = {v: set(by_source) for v, by_source in variants.items()}
        differ = len(variants) > 1 and any(users[a] != users[b] for a in users for b in users)
        result.append(
            {
                "referent": referent,
                "variants": variants,
                "registers": {v: table[v][1] for v in variants},
                "forms": {v: sorted(forms[referent][v]) for v in variants},
                "sources_differ": differ,
            }
        )
    return result


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
