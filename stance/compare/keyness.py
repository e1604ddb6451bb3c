"""Distinctive terms: each source against the rest of the corpus.

The statistic is the weighted log-odds ratio with an informative Dirichlet prior of Monroe,
Colaresi and Quinn (2008, "Fightin' Words", Political Analysis 16(4), eq. 16-22). For a term w,
a source i with counts y_i (total n_i) and the other sources together j (y_j, n_j)::

    alpha_w = alpha_0 * (y_i + y_j) / (n_i + n_j)          # prior: corpus-wide frequencies
    delta_w = log((y_i + alpha_w) / (n_i + alpha_0 - y_i - alpha_w))
            - log((y_j + alpha_w) / (n_j + alpha_0 - y_j - alpha_w))
    var_w   = 1 / (y_i + alpha_w) + 1 / (y_j + alpha_w)
    z_w     = delta_w / sqrt(var_w)

The prior is the corpus's own token counts scaled to ``alpha_0`` pseudo-tokens in total
(``ALPHA_0 = 500`` unless the caller sets another). Each z has a two-sided p-value from the
standard normal, and the p-values of one source's whole vocabulary are adjusted with the
Benjamini-Hochberg procedure (q-values). Counts are over the tokens of content sentences,
without punctuation, symbols, numbers (tokens containing a digit, or made only of Chinese
numerals) and the function words of the ``stopwords`` lexicon; Latin tokens are lower-cased.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence

from stance.corpus.records import Article
from stance.lexicon import Lexicon

ALPHA_0 = 500.0
TOP_K = 20
STOPWORDS_LEXICON = "stopwords"
KEYNESS_COLUMNS = ("source", "term", "z", "count_source", "count_rest", "q")
# Chinese numerals, alone or with a fraction or multiple word (七成, 两倍, 数十).
_CHINESE_NUMERAL = re.compile(r"^[零〇一二两三四五六七八九十百千万亿几数]+[成倍余多]?$")


def stopwords_from(lexicons: Mapping[str, Lexicon]) -> frozenset[str]:
    """The terms of the ``stopwords`` lexicon (empty when it is not loaded)."""
    lexicon = lexicons.get(STOPWORDS_LEXICON)
    return frozenset(e.term for e in lexicon.entries) if lexicon is not None else frozenset()


def keep_token(token: str, stopwords: Collection[str]) -> str | None:
    """The token as counted (Latin lower-cased), or None when it is dropped."""
    token = token.strip()
    if not token or any(ch.isdigit() for ch in token) or _CHINESE_NUMERAL.match(token):
        return None
    if all(unicodedata.category(ch)[0] in "PSZC" for ch in token):
        return None
    folded = token.lower() if token.isascii() else token
    return None if folded in stopwords or token in stopwords else folded


def article_token_counts(
    article: Article, stopwords: Collection[str], kept: dict[str, str | None] | None = None
) -> Counter[str]:
    """The kept tokens of the article's content sentences (as counted: Latin lower-cased), with
    their counts. ``kept`` remembers :func:`keep_token` of each distinct token across calls."""
    kept = kept if kept is not None else {}
    raw: Counter[str] = Counter()
    for sentence in article.sentences:
        if sentence.is_content:
            raw.update(sentence.tokens)
    counts: Counter[str] = Counter()
    for token, n in raw.items():
        if token not in kept:
            kept[token] = keep_token(token, stopwords)
        if kept[token]:
            counts[kept[token]] += n
    return counts


def source_counts(articles: Iterable[Article], stopwords: Collection[str]) -> dict[str, Counter[str]]:
    """Token counts of the content sentences, per source."""
    kept: dict[str, str | None] = {}
    counts: dict[str, Counter[str]] = {}
    for article in articles:
        counts.setdefault(article.source, Counter()).update(article_token_counts(article, stopwords, kept))
    return counts


def _normal_two_sided(z: float) -> float:
    return math.erfc(abs(z) / math.sqrt(2.0))


def benjamini_hochberg(pvalues: Sequence[float]) -> list[float]:
    """Benjamini-Hochberg adjusted p-values (q-values), in the input order.

    >>> [round(q, 4) for q in benjamini_hochberg([0.01, 0.04, 0.03, 0.5])]
    [0.04, 0.0533, 0.0533, 0.5]
    """
    m = len(pvalues)
    order = sorted(range(m), key=lambda k: pvalues[k])
    q = [0.0] * m
    running = 1.0
    for rank in range(m, 0, -1):
        k = order[rank - 1]
        running = min(running, pvalues[k] * m / rank)
        q[k] = running
    return q


def log_odds_z(y_i: float, n_i: float, y_j: float, n_j: float, alpha_w: float, alpha_0: float) -> float:
    """The z-score of one term (see the module docstring); 0 when the term is the whole
    corpus (its odds are then undefined in both groups)."""
    if n_i + alpha_0 - y_i - alpha_w <= 0 or n_j + alpha_0 - y_j - alpha_w <= 0:
        return 0.0
    delta = math.log((y_i + alpha_w) / (n_i + alpha_0 - y_i - alpha_w)) - math.log(
        (y_j + alpha_w) / (n_j + alpha_0 - y_j - alpha_w)
    )
    return delta / math.sqrt(1.0 / (y_i + alpha_w) + 1.0 / (y_j + alpha_w))


def keyness_from_counts(
    counts: Mapping[str, Mapping[str, int]], *, alpha_0: float = ALPHA_0, top_k: int | None = TOP_K
) -> list[dict]:
    """Rows ``{source, term, z, count_source, count_rest, q}`` for each source against the
    rest, sorted by source then descending z (then term); ``top_k`` rows per source (all when
    None). Fewer than two sources give no rows: there is no rest to compare with."""
    if len(counts) < 2 or alpha_0 <= 0:
        return []
    total: Counter[str] = Counter()
    for counter in counts.values():
        total.update(counter)
    n_all = sum(total.values())
    if n_all == 0:
        return []
    vocabulary = sorted(total)
    rows = []
    for source in sorted(counts):
        own = counts[source]
        n_i = sum(own.values())
        n_j = n_all - n_i
        scored = []
        for term in vocabulary:
            y_i = own.get(term, 0)
            y_j = total[term] - y_i
            alpha_w = alpha_0 * total[term] / n_all
            scored.append((term, log_odds_z(y_i, n_i, y_j, n_j, alpha_w, alpha_0), y_i, y_j))
        qs = benjamini_hochberg([_normal_two_sided(z) for _, z, _, _ in scored])
        ranked = sorted(zip(scored, qs, strict=True), key=lambda item: (-item[0][1], item[0][0]))
        ranked = [item for item in ranked if item[0][2] > 0]
        for (term, z, y_i, y_j), q in ranked if top_k is None else ranked[:top_k]:
            rows.append(
                {"source": source, "term": term, "z": z, "count_source": y_i, "count_rest": y_j, "q": q}
            )
    return rows


def compare_keyness(
    articles: Iterable[Article],
    lexicons: Mapping[str, Lexicon],
    *,
    alpha_0: float = ALPHA_0,
    top_k: int | None = TOP_K,
) -> list[dict]:
    """The ``keyness`` section of ``comparison.json``: the terms most over-represented in each
    source's content sentences compared with all other sources (see the module docstring)."""
    counts = source_counts(articles, stopwords_from(lexicons))
    return keyness_from_counts(counts, alpha_0=alpha_0, top_k=top_k)


def prior_statement(alpha_0: float = ALPHA_0) -> str:
    """One sentence for the methods appendix naming the prior."""
    return (
        "Weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi and Quinn 2008), "
        f"each source against the rest; prior = corpus-wide token counts scaled to alpha_0 = {alpha_0:g} "
        "pseudo-tokens; two-sided p from z, Benjamini-Hochberg q-values per source."
    )
