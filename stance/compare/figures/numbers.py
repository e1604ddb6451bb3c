"""Numbers in a sentence: the forms read (Chinese and English), their values as intervals,
units and qualifiers. See :mod:`stance.compare.figures` for the rules.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

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


# What every match of each Chinese pattern holds (one of them at least): a sentence with none of
# a pattern's anchors is not searched with it. tests/test_figures.py checks the claim on
# generated text.
_ANCHORS: dict[str, tuple[str, ...]] = {
    "percent_range": ("%",),
    "percent": ("%",),
    "percent_cn": ("百分之",),
    "tenths": ("成",),
    "half": ("半",),
    "money_vague": tuple(CURRENCY),
    "money": tuple(CURRENCY),
    "mass": ("吨",),
    "year": ("年",),
    "duration": ("年", "个月", "周", "星期", "天"),
    "times": ("倍",),
    "fraction": ("分之",),
}


# The kinds read by percent_bounds (the stance scorer's shares): the Chinese forms only, since
# the scorer reads English shares and fractions with its own rules.
_CHINESE_KINDS = frozenset(kind for kind, _ in _PATTERNS if not kind.endswith("_en") and kind != "fraction")


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


_NUMERAL_CHARS = "零〇一二两三四五六七八九十百千半数"
_NUMERAL = re.compile(f"[0-9{_NUMERAL_CHARS}]")


def _has_numeral(text: str) -> bool:
    """Whether ``text`` holds a digit (any script's, as ``str.isdigit``) or a Chinese numeral
    character (数 and 半 included)."""
    return _NUMERAL.search(text) is not None or any(map(str.isdigit, text))


def _find_numbers(
    norm: str, kinds: frozenset[str] | None = None
) -> list[tuple[int, int, str, re.Match[str]]]:
    """Non-overlapping numeric expressions (of ``kinds``, default all): earliest first, the
    longest at one position."""
    hits = []
    # The English patterns need a Latin word or a currency sign; most Chinese sentences have
    # neither, and skipping them there halves the cost of this step.
    latin = _LATIN_OR_SIGN.search(norm) is not None
    # A Chinese match counts only when it holds a digit or a numeral character, so a sentence
    # with neither (about half of them) skips the Chinese patterns.
    chinese = _has_numeral(norm)
    if not latin and not chinese:
        return []
    for kind, pattern in _PATTERNS:
        if kinds is not None and kind not in kinds:
            continue
        english = kind.endswith("_en")
        if (english and not latin) or (not english and not chinese):
            continue
        anchors = _ANCHORS.get(kind)
        if anchors and not any(anchor in norm for anchor in anchors):
            continue
        for m in pattern.finditer(norm):
            # The English patterns cannot match without a number (a digit, a number word, a
            # fraction); a Chinese one can match a bare qualifier.
            if m.end() > m.start() and (english or _has_numeral(m.group())):
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
