"""Figures: numeric claims in the content sentences, grouped across sources.

A claim is a number with its unit (``%``, a currency code, ``t``, ``year``, ``years``,
``months``, ``weeks``, ``days``, ``times``), a qualifier (约, 以上, 超过, 至少, 不到...), a
subject (the nearest target named before the number in the sentence, skipping targets that
follow a preposition such as 对, 从, on or from, else the first named after it) and a quantity (what is
measured, from the ``quantities`` lexicon: the nearest word of the same clause whose unit
classes include the claim's, else of the clause before). Numbers are found with regular
expressions over ``text_norm`` (numbers are not lexicon terms); target names and quantity words
are found by the shared matcher (:class:`stance.lexicon.match.TermMatcher`, with the run's vocabulary),
so they count here exactly where they count in mentions, naming and frames.

Forms read: 70%, 90%以上, 5-10%, 百分之七十, 七成, 九成以上, 七八成, 过半, 三分之二, 5亿美元,
5500亿美元, 数亿美元, 数十亿美元, 3,834吨, 2028年, 5到10年, 两三年, 90天, 五倍, 两倍; and in English
90 percent, 90 per cent, 90%, 60 to 70 percent, between 60% and 70%, two-thirds, a third of,
half of, $1.2 billion, US$5-10 billion, €4bn, 1.2 billion dollars, 3 trillion yuan, 300 million
tonnes, 40,000 tons, by 2030, 5 to 10 years, two to three years, a decade, 18 months,
three-fold, threefold, 3x, 3 times as, twice as, each with the qualifiers about, around, nearly,
almost, some (approximate), more than, over, above, at least, or more (at least), less than,
under, below, up to, at most (at most). English number words up to ninety-nine count as numbers.
Dates (2025年9月, 11月16日, in 2025) and ages or times ago (2 years ago) are not claims.

A claim's ``text`` is its sentence as written; a sentence longer than ``WHOLE_SENTENCE_CHARS``
(a page whose punctuation was lost, say) gives each claim the ``CONTEXT_CHARS`` characters either
side of its figure instead, marked with "…" where cut, so that a sentence with thousands of
figures does not repeat itself thousands of times in the tables.

Grouping: claims with a subject and a quantity are grouped by (subject, quantity family,
unit); when the claims of a group name more than one object (a tariff on China, a tariff on
Japan), the group is split by object, and claims naming no object form a group of their own.
Two claims are comparable when they measure the same quantity or one of them measures the
family's generic quantity (a share of output is comparable with a share of mining, but a
share of mining is not comparable with a share of refining). A group's status is

- ``conflict`` when two comparable claims from different sources differ by more than the
  tolerance,
- ``agree`` when comparable claims from different sources exist and all are within it,
- ``single`` when only one source gives the figure.

A family group with no comparable pair across sources is split into one group per quantity.
Each claim is an interval: a number is [v, v]; a range is [low, high]; 以上, 超过, 至少 make it
[v, 100] for percentages and [v, inf) otherwise; 以下, 不到, 不足 make it [0, v]; 约 and 接近
leave it [v, v]. Two intervals agree when the gap between them is at most ``TOLERANCE``: 2.5
percentage points for percentages, 0 for calendar years and durations, and 5% of the larger
value for every other unit.
"""

from stance.compare.figures.claims import (
    CHANGE,
    CLAUSE_BREAKS,
    COMITATIVES,
    CONTEXT_CHARS,
    COORDINATORS,
    JOINTLY,
    JOINTLY_ZH,
    OBJECT_MARKERS,
    PARTNER_MARKERS,
    QUANTITIES_LEXICON,
    WHOLE_SENTENCE_CHARS,
    Claim,
    FigureTerms,
    claim_text,
    extract_claims,
    sentence_claims,
)
from stance.compare.figures.groups import (
    FIGURE_CLAIM_COLUMNS,
    FIGURE_COLUMNS,
    PERCENT_POINTS,
    RELATIVE,
    STATUS_ORDER,
    claim_rows,
    claims_agree,
    compare_figures,
    figure_rows,
    group_claims,
    tolerance,
)
from stance.compare.figures.numbers import (
    CURRENCY,
    DURATION,
    ENGLISH_CURRENCY_SIGN,
    ENGLISH_CURRENCY_WORD,
    ENGLISH_DURATION,
    ENGLISH_MAGNITUDE,
    ENGLISH_NUMBER_WORDS,
    FRACTION_DENOMINATOR,
    MAGNITUDE,
    QUALIFIER_BOUND,
    UNIT_CLASS,
    parse_chinese_number,
    parse_english_number,
    percent_bounds,
)

__all__ = [
    "CHANGE",
    "CLAUSE_BREAKS",
    "COMITATIVES",
    "CONTEXT_CHARS",
    "COORDINATORS",
    "CURRENCY",
    "DURATION",
    "ENGLISH_CURRENCY_SIGN",
    "ENGLISH_CURRENCY_WORD",
    "ENGLISH_DURATION",
    "ENGLISH_MAGNITUDE",
    "ENGLISH_NUMBER_WORDS",
    "FIGURE_CLAIM_COLUMNS",
    "FIGURE_COLUMNS",
    "FRACTION_DENOMINATOR",
    "JOINTLY",
    "JOINTLY_ZH",
    "MAGNITUDE",
    "OBJECT_MARKERS",
    "PARTNER_MARKERS",
    "PERCENT_POINTS",
    "QUALIFIER_BOUND",
    "QUANTITIES_LEXICON",
    "RELATIVE",
    "STATUS_ORDER",
    "UNIT_CLASS",
    "WHOLE_SENTENCE_CHARS",
    "Claim",
    "FigureTerms",
    "claim_rows",
    "claim_text",
    "claims_agree",
    "compare_figures",
    "extract_claims",
    "figure_rows",
    "group_claims",
    "parse_chinese_number",
    "parse_english_number",
    "percent_bounds",
    "sentence_claims",
    "tolerance",
]
