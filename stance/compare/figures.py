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

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from stance.corpus.records import Article, Sentence
from stance.errors import LexiconError
from stance.lexicon import Lexicon
from stance.lexicon.match import Hit, TermMatcher, Vocabulary, token_offsets

QUANTITIES_LEXICON = "quantities"
CHANGE = "change"
PERCENT_POINTS = 2.5
WHOLE_SENTENCE_CHARS = 1000
CONTEXT_CHARS = 200
RELATIVE = 0.05
FIGURE_CLAIM_COLUMNS = (
    "source",
    "article_id",
    "sentence_index",
    "match",
    "value",
    "low",
    "high",
    "unit",
    "qualifier",
    "subject",
    "object",
    "quantity",
    "text",
)
FIGURE_COLUMNS = (
    "group",
    "subject",
    "object",
    "quantity",
    "unit",
    "status",
    "source",
    "article_id",
    "sentence_index",
    "claim_quantity",
    "value",
    "low",
    "high",
    "qualifier",
    "match",
    "text",
)
STATUS_ORDER = {"conflict": 0, "agree": 1, "single": 2}

# Unit code -> unit class (the classes named in the quantities lexicon's ``units`` column).
UNIT_CLASS = {
    "%": "percent",
    "USD": "money",
    "CNY": "money",
    "EUR": "money",
    "JPY": "money",
    "GBP": "money",
    "HKD": "money",
    "TWD": "money",
    "AUD": "money",
    "t": "mass",
    "year": "year",
    "years": "duration",
    "months": "duration",
    "weeks": "duration",
    "days": "duration",
    "times": "times",
}
CURRENCY = {
    "美元": "USD",
    "美金": "USD",
    "元": "CNY",
    "人民币": "CNY",
    "欧元": "EUR",
    "日元": "JPY",
    "英镑": "GBP",
    "港元": "HKD",
    "港币": "HKD",
    "台币": "TWD",
    "新台币": "TWD",
}
DURATION = {"年": "years", "个月": "months", "月": "months", "周": "weeks", "星期": "weeks", "天": "days"}
MAGNITUDE = {
    "万亿": 1e12,
    "千亿": 1e11,
    "百亿": 1e10,
    "亿": 1e8,
    "千万": 1e7,
    "百万": 1e6,
    "万": 1e4,
    "千": 1e3,
}
ENGLISH_MAGNITUDE = {
    "trillion": 1e12, "tn": 1e12, "billion": 1e9, "bn": 1e9, "million": 1e6, "mn": 1e6, "m": 1e6,
    "thousand": 1e3,
}  # fmt: skip
# English currency signs and words -> currency code.
ENGLISH_CURRENCY_SIGN = {
    "$": "USD",
    "us$": "USD",
    "hk$": "HKD",
    "nt$": "TWD",
    "a$": "AUD",
    "€": "EUR",
    "£": "GBP",
}
ENGLISH_CURRENCY_WORD = {
    "dollars": "USD", "us dollars": "USD", "u.s. dollars": "USD", "yuan": "CNY", "renminbi": "CNY",
    "rmb": "CNY", "euros": "EUR", "yen": "JPY", "pounds sterling": "GBP", "hong kong dollars": "HKD",
    "australian dollars": "AUD",
}  # fmt: skip
ENGLISH_DURATION = {"year": "years", "month": "months", "week": "weeks", "day": "days", "decade": "years"}
ENGLISH_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1, "a hundred": 100,
    "one hundred": 100, "twice": 2,
}  # fmt: skip
FRACTION_DENOMINATOR = {"half": 2, "halves": 2, "third": 3, "quarter": 4, "fifth": 5, "tenth": 10}
# Qualifier word -> how it bounds the number.
QUALIFIER_BOUND = {
    "约": "approx", "大约": "approx", "大概": "approx", "左右": "approx", "上下": "approx",
    "近": "approx", "接近": "approx", "将近": "approx", "几乎": "approx",
    "超过": "at_least", "超": "at_least", "逾": "at_least", "至少": "at_least", "最少": "at_least",
    "不少于": "at_least", "高于": "at_least", "以上": "at_least", "多": "at_least", "余": "at_least",
    "之多": "at_least", "过": "at_least",
    "不到": "at_most", "不足": "at_most", "少于": "at_most", "低于": "at_most", "以下": "at_most",
    "以内": "at_most", "最多": "at_most", "内": "at_most",
    # English, compared lower-cased.
    "about": "approx", "around": "approx", "roughly": "approx", "approximately": "approx", "some": "approx",
    "nearly": "approx", "almost": "approx", "close to": "approx", "or so": "approx",
    "more than": "at_least", "over": "at_least", "above": "at_least", "at least": "at_least",
    "upwards of": "at_least", "in excess of": "at_least", "just over": "at_least", "well over": "at_least",
    "no less than": "at_least", "or more": "at_least", "and above": "at_least",
    "less than": "at_most", "under": "at_most", "below": "at_most", "fewer than": "at_most",
    "at most": "at_most", "up to": "at_most", "no more than": "at_most", "just under": "at_most",
    "or less": "at_most",
}  # fmt: skip
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

_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_AR = r"\d+(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_CN = r"[零〇一二两三四五六七八九十百千]+"
_NUM = rf"(?:{_AR}|{_CN})"
# Where the first number of a claim may start. A claim never ends inside a run of numerals (its
# last character is a unit or qualifier), so an attempt that starts inside a run of digits
# (or of Chinese numerals) can only succeed if the attempt at the run's first character would
# have, and that one came first: these guards skip such attempts without changing any match.
# Without them every position of a long run of numerals rescans the run, which makes a long
# unpunctuated line quadratic. The second guard does the same for an exactly three-digit group
# after "<digit>,": the number that starts before the comma reaches every end this one reaches.
_AR_START = rf"(?<!\d)(?!(?<=\d,)\d{{3}}(?!\d))(?:{_AR})"
_CN_START = rf"(?<![零〇一二两三四五六七八九十百千]){_CN}"
_NUM_START = rf"(?:{_AR_START}|{_CN_START})"
_SEP = r"(?:到|至|-|~|–|—)"
_PRE = r"(?P<pre>大约|大概|接近|将近|几乎|超过|至少|最少|不少于|高于|不到|不足|少于|低于|最多|约|近|超|逾)?"
_POST = r"(?P<post>以上|以下|左右|上下|之多|以内|多|余)?"
_DIGIT = "[一二三四五六七八九]"
_MAG = "万亿|千亿|百亿|亿|千万|百万|万"
_CUR = "|".join(sorted(CURRENCY, key=len, reverse=True))
_NOT_TENTHS = "(?![为功立本果员交长熟型就绩品])"  # 七成 is 70%, 八成为 is not
# English forms. Every pattern starts at a word boundary (a qualifier, a number word, a currency
# sign) or at the first digit of a number (the guard of _AR_START), reads a bounded stretch of
# words, and so, like the Chinese ones, stays linear in the length of the sentence.
_EN_PRE = (
    r"(?P<pre>\b(?:no more than|no less than|more than|less than|fewer than|at least|at most|up to|"
    r"upwards of|in excess of|close to|just over|just under|well over|about|around|roughly|"
    r"approximately|some|nearly|almost|over|above|under|below) )?"
)
_EN_POST = r"(?P<post> (?:or more|or less|or so|and above)\b)?"
_EN_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_EN_ONES = "one|two|three|four|five|six|seven|eight|nine"
_EN_WORD = (
    rf"\b(?:(?:{_EN_TENS})(?:[-‐ ](?:{_EN_ONES}))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    rf"seventeen|eighteen|nineteen|{_EN_ONES})\b"
)
_EN_NUM_START = rf"(?:{_AR_START}|{_EN_WORD})"
_EN_NUM = rf"(?:{_AR}|{_EN_WORD})"
_EN_SEP = r"(?: ?(?:-|–|—|‐) ?| to )"
_EN_PCT = r"(?: ?%| ?(?:percent|per cent|pct)\b)"
_EN_MAG = r"(?:trillion|billion|million|thousand|tn|bn|mn|m)\b"
_EN_SIGN = r"(?:US\$|HK\$|NT\$|A\$|\$|€|£)"
_EN_CURWORD = (
    r"(?:(?:US|U\.S\.|Hong Kong|Australian) dollars|dollars|yuan|renminbi|RMB|euros|yen|pounds sterling)\b"
)
_EN_YEAR_BEFORE = r"(?:(?<=\bby )|(?<=\buntil )|(?<=\bbefore )|(?<=\bby the end of ))"
_ENGLISH_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("percent_between_en", re.compile(rf"{_EN_PRE}between (?P<a>{_EN_NUM_START}){_EN_PCT}? and "
                                      rf"(?P<b>{_EN_NUM}){_EN_PCT}", re.I)),
    ("percent_range_en", re.compile(rf"{_EN_PRE}(?P<a>{_EN_NUM_START}){_EN_PCT}?{_EN_SEP}(?P<b>{_EN_NUM})"
                                    rf"{_EN_PCT}{_EN_POST}", re.I)),
    ("percent_en", re.compile(rf"{_EN_PRE}(?P<a>{_EN_NUM_START}){_EN_PCT}{_EN_POST}", re.I)),
    # two-thirds, one third, three quarters; "a third", "a quarter" and "half" only before "of"
    # or "the" (a third country, the first half of the year are no shares).
    ("fraction_en", re.compile(
        rf"{_EN_PRE}(?:(?P<num>one|two|three|four|seven|nine)[-‐ ](?P<den>thirds?|quarters?|fifths?|tenths?)\b"
        r"|(?P<one>an?) (?P<den1>third|quarter|fifth|tenth)(?= of\b)(?! of a\b)"
        r"|(?<!first )(?<!second )(?<!latter )(?<!former )(?<!other )(?<!a )(?P<half>half)(?= of\b| the\b))",
        re.I)),
    ("money_en", re.compile(rf"{_EN_PRE}(?P<sign>{_EN_SIGN}) ?(?P<a>{_AR})(?: ?(?P<maga>{_EN_MAG}))?"
                            rf"(?:{_EN_SEP}{_EN_SIGN}? ?(?P<b>{_AR}))?(?: ?(?P<mag>{_EN_MAG}))?{_EN_POST}", re.I)),
    ("money_word_en", re.compile(rf"{_EN_PRE}(?P<a>{_AR_START})(?:{_EN_SEP}(?P<b>{_AR}))?(?: (?P<mag>{_EN_MAG}))? "
                                 rf"(?P<cur>{_EN_CURWORD}){_EN_POST}", re.I)),
    ("mass_en", re.compile(rf"{_EN_PRE}(?P<a>{_EN_NUM_START})(?:{_EN_SEP}(?P<b>{_EN_NUM}))?(?: ?(?P<mag>{_EN_MAG}))?"
                           r" ?(?:metric )?(?P<u>tonnes|tonne|tons|ton|kilotonnes|kt)\b" + _EN_POST, re.I)),
    ("year_en", re.compile(rf"{_EN_YEAR_BEFORE}(?P<a>(?:19|20)\d{{2}})\b(?![\d,.]\d)", re.I)),
    ("duration_en", re.compile(rf"{_EN_PRE}(?:(?P<a>{_EN_NUM_START})(?:{_EN_SEP}(?P<b>{_EN_NUM}))? "
                               r"(?P<u>years?|months?|weeks?|days?|decades?)|(?P<one>\ban?) (?P<u1>decade))\b"
                               r"(?! (?:ago|old|earlier)\b)" + _EN_POST, re.I)),
    ("times_en", re.compile(
        rf"{_EN_PRE}(?:(?P<a>{_EN_NUM_START})(?: ?(?:-|‐) ?fold\b|fold\b| ?[x×](?![\w])"
        r"| times(?= (?:as|more|higher|larger|bigger|greater|faster|that|the|its|their)\b))"
        rf"|\b(?P<w>{_EN_TENS}|ten|two|three|four|five|six|seven|eight|nine|hundred)fold\b"
        r"|(?P<twice>\btwice)(?= (?:as|that|the)\b))", re.I)),
)  # fmt: skip

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("percent_range", re.compile(rf"{_PRE}(?P<a>{_AR_START})%?{_SEP}(?P<b>{_AR})%{_POST}")),
    ("percent", re.compile(rf"{_PRE}(?P<a>{_AR_START})%{_POST}")),
    ("percent_cn", re.compile(rf"{_PRE}百分之(?P<a>{_NUM})(?:{_SEP}百分之(?P<b>{_NUM}))?{_POST}")),
    ("tenths", re.compile(rf"{_PRE}(?P<a>{_DIGIT}|十)(?P<b>{_DIGIT})?成{_NOT_TENTHS}{_POST}")),
    ("half", re.compile(r"(?P<pre>超过|过|逾|近|接近|将近|不到|不足)?(?:一半|半数)(?P<post>以上|以下)?"
                        r"|(?P<over>过半)")),
    ("money_vague", re.compile(rf"{_PRE}数(?P<m>十|百|千)?(?P<mag>万亿|亿|万)(?P<cur>{_CUR})")),
    ("money", re.compile(rf"{_PRE}(?P<a>{_NUM_START})(?:{_SEP}(?P<b>{_NUM}))?(?P<mag>{_MAG})?"
                         rf"(?P<cur>{_CUR}){_POST}")),
    ("mass", re.compile(rf"{_PRE}(?P<a>{_NUM_START})(?:{_SEP}(?P<b>{_NUM}))?(?P<mag>万|千)?(?:吨|公吨){_POST}")),
    ("year", re.compile(r"(?<![\d.])(?P<a>(?:19|20)\d{2})年(?![\d代月底初中间内起以])")),
    ("duration", re.compile(rf"{_PRE}(?P<a>\d{{1,3}}(?:\.\d+)?|{_CN_START}|数十|数)(?:{_SEP}(?P<b>{_NUM}))?"
                            r"(?P<u>年|个月|周|星期|天)(?![\d月])(?:间|之间)?(?P<post>以上|多|左右)?")),
    ("times", re.compile(rf"{_PRE}(?P<a>{_NUM_START})(?:{_SEP}(?P<b>{_NUM}))?倍{_POST}")),
    ("fraction", re.compile(rf"{_PRE}(?P<den>[二三四五六七八九十])分之(?P<num>[一二三四五六七八九]){_POST}")),
    *_ENGLISH_PATTERNS,
)  # fmt: skip
# The kinds read by percent_bounds (the stance scorer's shares): the Chinese forms only, since
# the scorer reads English shares and fractions with its own rules.
_CHINESE_KINDS = frozenset(kind for kind, _ in _PATTERNS if not kind.endswith("_en") and kind != "fraction")


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


def parse_chinese_number(text: str) -> float | tuple[float, float]:
    """Value of a Chinese or Arabic numeral; two adjacent digits (两三, 七八) are a range.

    >>> parse_chinese_number("七十"), parse_chinese_number("两三"), parse_chinese_number("3,834")
    (70.0, (2.0, 3.0), 3834.0)
    """
    if re.fullmatch(_AR, text):
        return float(text.replace(",", ""))
    if len(text) == 2 and all(ch in _DIGITS for ch in text) and _DIGITS[text[0]] + 1 == _DIGITS[text[1]]:
        return (float(_DIGITS[text[0]]), float(_DIGITS[text[1]]))
    total, number = 0, 0
    for ch in text:
        if ch in _DIGITS:
            number = number * 10 + _DIGITS[ch] if number and ch in "零〇" else _DIGITS[ch]
        elif ch in _UNITS:
            total += (number or 1) * _UNITS[ch]
            number = 0
    return float(total + number)


def parse_english_number(text: str) -> float:
    """Value of an Arabic numeral or an English number word (up to ninety-nine).

    >>> parse_english_number("1,200.5"), parse_english_number("Twenty-five"), parse_english_number("three")
    (1200.5, 25.0, 3.0)
    """
    if re.fullmatch(_AR, text):
        return float(text.replace(",", ""))
    words = re.split(r"[-‐ ]", text.lower())
    return float(sum(ENGLISH_NUMBER_WORDS.get(w, 0) for w in words))


def _bounds(value: float | tuple[float, float], bound: str, unit: str) -> tuple[float, float]:
    low, high = value if isinstance(value, tuple) else (value, value)
    if bound == "at_least":
        high = 100.0 if unit == "%" else math.inf
    elif bound == "at_most":
        low = 0.0
    return low, high


def _scale(value: float | tuple[float, float], factor: float) -> float | tuple[float, float]:
    if isinstance(value, tuple):
        return (value[0] * factor, value[1] * factor)
    return value * factor


def _value(match: re.Match[str], kind: str) -> tuple[float | tuple[float, float], str]:
    """(value, unit) of one regex match."""
    groups = match.groupdict()

    def number(name: str) -> float | tuple[float, float]:
        return parse_chinese_number(groups[name])

    def ranged() -> float | tuple[float, float]:
        a = number("a")
        if groups.get("b"):
            b = number("b")
            low = a[0] if isinstance(a, tuple) else a
            high = b[1] if isinstance(b, tuple) else b
            return (low, high)
        return a

    if kind.endswith("_en"):
        return _english_value(groups, kind)
    if kind == "fraction":
        return round(100.0 * _DIGITS[groups["num"]] / parse_chinese_number(groups["den"]), 1), "%"
    if kind in ("percent_range", "percent", "percent_cn"):
        return ranged(), "%"
    if kind == "tenths":
        a = _DIGITS.get(groups["a"], 10)
        return ((a * 10.0, _DIGITS[groups["b"]] * 10.0) if groups["b"] else a * 10.0), "%"
    if kind == "half":
        return 50.0, "%"
    if kind == "money_vague":
        base = MAGNITUDE[groups["mag"]] * {"十": 10, "百": 100, "千": 1000}.get(groups["m"] or "", 1)
        return (2 * base, 9 * base), CURRENCY[groups["cur"]]
    if kind == "money":
        return _scale(ranged(), MAGNITUDE.get(groups["mag"] or "", 1.0)), CURRENCY[groups["cur"]]
    if kind == "money_en":
        return _scale(number("a"), ENGLISH_MAGNITUDE.get((groups["mag"] or "").lower(), 1.0)), "USD"
    if kind == "mass":
        return _scale(ranged(), MAGNITUDE.get(groups["mag"] or "", 1.0)), "t"
    if kind == "year":
        return float(groups["a"]), "year"
    if kind == "duration":
        if groups["a"] in ("数", "数十"):
            factor = 10.0 if groups["a"] == "数十" else 1.0
            return (2 * factor, 9 * factor), DURATION[groups["u"]]
        return ranged(), DURATION[groups["u"]]
    return ranged(), "times"


def _english_value(groups: Mapping[str, str | None], kind: str) -> tuple[float | tuple[float, float], str]:
    """(value, unit) of a match of one of the English patterns."""

    def ranged(factor_a: float = 1.0, factor_b: float = 1.0) -> float | tuple[float, float]:
        a = parse_english_number(groups["a"] or "") * factor_a
        return (a, parse_english_number(groups["b"]) * factor_b) if groups.get("b") else a

    def magnitude(name: str) -> float:
        return ENGLISH_MAGNITUDE.get((groups.get(name) or "").lower(), 1.0)

    if kind in ("percent_between_en", "percent_range_en", "percent_en"):
        return ranged(), "%"
    if kind == "fraction_en":
        if groups["half"]:
            return 50.0, "%"
        if groups["one"]:
            return round(100.0 / FRACTION_DENOMINATOR[groups["den1"].lower()], 1), "%"
        den = FRACTION_DENOMINATOR[groups["den"].lower().rstrip("s")]
        return round(100.0 * ENGLISH_NUMBER_WORDS[groups["num"].lower()] / den, 1), "%"
    if kind == "money_en":
        # $5 billion to $10 billion, $5-10 billion: a magnitude written once scales both ends.
        factor_a = magnitude("maga") if groups["maga"] else magnitude("mag")
        factor_b = magnitude("mag") if groups["mag"] else factor_a
        return ranged(factor_a, factor_b), ENGLISH_CURRENCY_SIGN[groups["sign"].lower()]
    if kind == "money_word_en":
        currency = ENGLISH_CURRENCY_WORD[re.sub(r"\s+", " ", groups["cur"].lower())]
        return ranged(magnitude("mag"), magnitude("mag")), currency
    if kind == "mass_en":
        factor = magnitude("mag") * (1e3 if groups["u"].lower() in ("kilotonnes", "kt") else 1.0)
        return ranged(factor, factor), "t"
    if kind == "year_en":
        return float(groups["a"]), "year"
    if kind == "duration_en":
        if groups["one"]:
            return 10.0, "years"
        unit = groups["u"].lower().rstrip("s")
        factor = 10.0 if unit == "decade" else 1.0
        return ranged(factor, factor), ENGLISH_DURATION[unit]
    # times_en
    if groups["twice"]:
        return 2.0, "times"
    if groups["w"]:
        word = groups["w"].lower()
        return (100.0 if word == "hundred" else parse_english_number(word)), "times"
    return ranged(), "times"


def _qualifier(match: re.Match[str], kind: str) -> tuple[str, str]:
    """(qualifier words as written, bound: exact | approx | at_least | at_most)."""
    groups = match.groupdict()
    words = [w for w in (groups.get("pre"), groups.get("post")) if w]
    if kind == "half" and groups.get("over"):
        words = ["过半"]
    bounds = []
    for word in words:
        bound = "at_least" if word == "过半" else QUALIFIER_BOUND.get(word.strip().lower(), "exact")
        if kind == "duration" and word == "间":
            bound = "exact"
        bounds.append(bound)
    strongest = next((b for b in bounds if b in ("at_least", "at_most")), bounds[0] if bounds else "exact")
    return (" " if kind.endswith("_en") else "").join(w.strip() for w in words), strongest


_LATIN_OR_SIGN = re.compile(r"[A-Za-z$€£]")


def _find_numbers(
    norm: str, kinds: frozenset[str] | None = None
) -> list[tuple[int, int, str, re.Match[str]]]:
    """Non-overlapping numeric expressions (of ``kinds``, default all): earliest first, the
    longest at one position."""
    hits = []
    # The English patterns need a Latin word or a currency sign; most Chinese sentences have
    # neither, and skipping them there halves the cost of this step.
    latin = _LATIN_OR_SIGN.search(norm) is not None
    for kind, pattern in _PATTERNS:
        if kinds is not None and kind not in kinds:
            continue
        english = kind.endswith("_en")
        if english and not latin:
            continue
        for m in pattern.finditer(norm):
            # The English patterns cannot match without a number (a digit, a number word, a
            # fraction); a Chinese one can match a bare qualifier.
            if m.end() > m.start() and (
                english or any(ch.isdigit() or ch in "零〇一二两三四五六七八九十百千半数" for ch in m.group())
            ):
                hits.append((m.start(), m.end(), kind, m))
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    chosen: list[tuple[int, int, str, re.Match[str]]] = []
    for hit in hits:
        if chosen and hit[0] < chosen[-1][1]:
            continue
        # An Arabic number glued to a longer number on its left (the "0" of "2025") is no claim.
        if hit[0] > 0 and norm[hit[0] - 1].isdigit():
            continue
        chosen.append(hit)
    return chosen


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


# The lookups below are built once per sentence and answer each claim with a few binary searches:
# a sentence may hold thousands of figures and names (a long line without punctuation), and
# scanning every name for every claim made such a line quadratic. Terms are kept in text order,
# so their first and last token indices and their clause numbers never decrease.


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


def tolerance(unit: str, a: Claim, b: Claim) -> float:
    """How far apart two claims in ``unit`` may be and still agree."""
    if unit == "%":
        return PERCENT_POINTS
    if UNIT_CLASS[unit] in ("year", "duration"):
        return 0.0
    magnitude = max(abs(x) for x in (a.low, a.high, b.low, b.high) if math.isfinite(x))
    return RELATIVE * magnitude


def claims_agree(a: Claim, b: Claim) -> bool:
    """True when the intervals of two claims in the same unit are within the tolerance."""
    gap = max(a.low - b.high, b.low - a.high, 0.0)
    return gap <= tolerance(a.unit, a, b)


def _comparable(a: Claim, b: Claim) -> bool:
    return a.quantity == b.quantity or a.family in (a.quantity, b.quantity)


def _status(claims: Sequence[Claim]) -> str | None:
    """Group status, or None when no two claims from different sources are comparable."""
    if len({c.source for c in claims}) < 2:
        return "single"
    # Claims of one source with the same quantity and bounds compare alike with every other
    # claim: compare one of each (a corpus repeats its figures), and stop at the first conflict.
    distinct = list({(c.source, c.quantity, c.low, c.high): c for c in claims}.values())
    comparable = False
    for i, a in enumerate(distinct):
        for b in distinct[i + 1 :]:
            if a.source != b.source and _comparable(a, b):
                if not claims_agree(a, b):
                    return "conflict"
                comparable = True
    return "agree" if comparable else None


def _json_number(x: float) -> float | int:
    return int(x) if float(x).is_integer() and abs(x) < 2**53 else x


def _json_bound(x: float) -> float | int | None:
    return _json_number(x) if math.isfinite(x) else None


def _json_value(value: float | tuple[float, float]) -> float | int | list[float | int]:
    if isinstance(value, tuple):
        return [_json_number(value[0]), _json_number(value[1])]
    return _json_number(value)


def _group_dict(
    subject: str, obj: str, quantity: str, unit: str, status: str, claims: Sequence[Claim]
) -> dict:
    return {
        "subject": subject,
        "object": obj,
        "quantity": quantity,
        "unit": unit,
        "status": status,
        "claims": [
            {
                "source": c.source,
                "article_id": c.article_id,
                "sentence_index": c.sentence_index,
                "value": _json_value(c.value),
                "low": _json_bound(c.low),
                "high": _json_bound(c.high),
                "qualifier": c.qualifier,
                "quantity": c.quantity,
                "match": c.match,
                "text": c.text,
            }
            for c in claims
        ],
    }


def group_claims(claims: Iterable[Claim]) -> list[dict]:
    """Group claims about the same (subject, object, quantity family, unit) and mark each group
    ``conflict``, ``agree`` or ``single`` (see the module docstring). Claims without a
    subject or a quantity are left out. Sorted by status (conflicts first), subject,
    quantity, unit."""
    families: dict[tuple[str, str, str], list[Claim]] = defaultdict(list)
    for claim in claims:
        if claim.subject and claim.quantity:
            families[(claim.subject, claim.family, claim.unit)].append(claim)
    parts: list[tuple[str, str, str, str, list[Claim]]] = []
    for (subject, family, unit), members in families.items():
        objects = sorted({c.object for c in members if c.object})
        if len(objects) <= 1:
            # One object named (or none): a claim that names no object is taken to be about it.
            parts.append((subject, objects[0] if objects else "", family, unit, members))
            continue
        for obj in sorted({c.object for c in members}):
            parts.append((subject, obj, family, unit, [c for c in members if c.object == obj]))
    groups = []
    for subject, obj, family, unit, members in parts:
        members = sorted(members, key=lambda c: (c.source, c.article_id, c.sentence_index, c.start))
        status = _status(members)
        if status is not None:
            groups.append(_group_dict(subject, obj, family, unit, status, members))
            continue
        by_quantity: dict[str, list[Claim]] = defaultdict(list)
        for claim in members:
            by_quantity[claim.quantity].append(claim)
        for quantity, part in by_quantity.items():
            groups.append(_group_dict(subject, obj, quantity, unit, _status(part) or "single", part))
    return sorted(
        groups, key=lambda g: (STATUS_ORDER[g["status"]], g["subject"], g["object"], g["quantity"], g["unit"])
    )


def compare_figures(articles: Iterable[Article], lexicons: Mapping[str, Lexicon]) -> list[dict]:
    """The ``figures`` section of ``comparison.json``: claim groups across sources.

    Each group is ``{subject, quantity, unit, status, claims: [{source, article_id,
    sentence_index, value, qualifier, quantity, match, text}]}``; ``value`` is a number or
    ``[low, high]``.
    """
    return group_claims(extract_claims(articles, lexicons))


def _value_text(value: float | int | list | tuple) -> str:
    """A value for a table cell: ``70``, ``0.5``, ``5-10``."""
    if isinstance(value, list | tuple):
        return f"{_json_number(value[0])}-{_json_number(value[1])}"
    return str(_json_number(value))


def claim_rows(claims: Iterable[Claim]) -> list[dict]:
    """One row per claim, columns ``FIGURE_CLAIM_COLUMNS`` (``value`` a number or ``low-high``;
    ``low``/``high`` the interval the claim asserts, empty when unbounded)."""
    rows = []
    for c in claims:
        rows.append(
            {
                "source": c.source,
                "article_id": c.article_id,
                "sentence_index": c.sentence_index,
                "match": c.match,
                "value": _value_text(c.value),
                "low": _json_bound(c.low),
                "high": _json_bound(c.high),
                "unit": c.unit,
                "qualifier": c.qualifier,
                "subject": c.subject,
                "object": c.object,
                "quantity": c.quantity,
                "text": c.text,
            }
        )
    return rows


def figure_rows(groups: Sequence[Mapping]) -> list[dict]:
    """The long ``figures`` table (columns ``FIGURE_COLUMNS``): one row per claim of each
    group, ``group`` numbering the groups in their sorted order from 1."""
    rows = []
    for number, group in enumerate(groups, start=1):
        for claim in group["claims"]:
            value = claim["value"]
            rows.append(
                {
                    "group": number,
                    "subject": group["subject"],
                    "object": group["object"],
                    "quantity": group["quantity"],
                    "unit": group["unit"],
                    "status": group["status"],
                    "source": claim["source"],
                    "article_id": claim["article_id"],
                    "sentence_index": claim["sentence_index"],
                    "claim_quantity": claim["quantity"],
                    "value": _value_text(value),
                    "low": claim["low"],
                    "high": claim["high"],
                    "qualifier": claim["qualifier"],
                    "match": claim["match"],
                    "text": claim["text"],
                }
            )
    return rows


def percent_bounds(norm: str) -> list[tuple[int, int, float, float]]:
    """(start, end, low, high) of every percentage in normalised text (70%, 九成以上, 过半,
    百分之七十), with its qualifier applied: 九成以上 is (90, 100). For the stance scorer's
    reading of shares.

    >>> percent_bounds("全球九成以上的稀土")
    [(2, 6, 90.0, 100.0)]
    """
    found = []
    for start, end, kind, match in _find_numbers(norm, _CHINESE_KINDS):
        value, unit = _value(match, kind)
        if unit != "%":
            continue
        low, high = _bounds(value, _qualifier(match, kind)[1], unit)
        found.append((start, end, low, high))
    return found
