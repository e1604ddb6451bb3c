"""Stance without a cue word: what the author's choice of name says, and what a share of a whole
says about its holder.

- **Naming**: an alias of the ``partisan`` register (中共 for China's state, 美帝, 台湾当局) signals
  the speaker's distance from the target: each sentence that uses one gives the target an
  evaluation of :data:`PARTISAN_EVALUATION` (-0.15). That is below the 0.2 at which `stance
  evaluate` calls a sentence negative, because a name alone does not make a sentence hostile;
  over an article it adds up. Regional transliterations (川普, 普丁) are not partisan and count
  nothing.
- **Shares**: a clause that gives a target a share of a whole (全球九成以上的稀土由中国生产,
  七成专利在中国手中, produces 90 percent of the world's supply) speaks of its weight even with no
  potency word. The share must come with a word of the ``scope`` category (全球, 市场, 产量,
  world, output ...) that makes it a share of a market, an output or a world total, and the
  clause must carry no dependence cue (美国九成稀土依赖中国 is dependence, scored as such). The
  holder is the target named nearest the figure in the clause. At least half gives potency
  +0.8, at least 30% +0.5; a share of at most 10% stated as a limit (仅, 只, 不足, only, just),
  or of at most 1% (为零, almost none), gives -0.5. English percentages ("90 percent", "90 per
  cent", "90%", "one percent") and shares in words (三分之二, 几乎全部, two-thirds, nearly all,
  half) are read here too, as are counts out of a ranking (seven of the world's ten largest
  ports, 前十大…中有七家).

- **Multiples**: a clause that sets two targets' quantities side by side as a multiple or a
  fraction (中国的造船产能是美国的两百多倍, 比美国多出数倍, has three times as many warships as
  the US, more aircraft carriers than China, 仅为中国的几分之一, a fraction of China's) is a
  comparison with no comparison word: the larger side gets potency +0.8 and the smaller -0.8
  (:data:`MULTIPLE_POTENCY`), reversed when the clause counts a burden (成本, debt, emissions).
  "More ... than" counts only when no cue stands between the two words (more aggressive than
  is an evaluation, not a quantity).

>>> from stance.lexicon import load_lexicons
>>> from stance.text.segment import Segmenter
>>> from stance.measure.polarity import build_scorer, score_text
>>> lexicons = load_lexicons()
>>> seg = Segmenter(build_scorer(lexicons).terms, engine="jieba")
>>> score_text("全球九成以上的稀土由中国生产。", "china", lexicons, seg)["china"].potency
0.8
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from stance.compare.figures import parse_chinese_number, percent_bounds
from stance.measure.polarity.linking import MARKET
from stance.measure.polarity.records import CONTENT, _Slot

PARTISAN = "partisan"
PARTISAN_EVALUATION = -0.15
# (lowest share, potency) from the largest down; a share under all of these says nothing
# unless it is stated as a limit.
SHARE_POTENCY = ((50.0, 0.8), (30.0, 0.5))
# What names where a supply comes from (from China, 从中国进口, 来自中国), and the words after a
# share that make it a share of the holder's own supply (most of its gallium, 大部分所需).
SOURCE_MARKERS = frozenset({"from", "从", "来自", "自"})
OWN_SUPPLY = frozenset({"its", "their", "our", "所需", "自身"})
# What follows an English share that is a part of something (90 percent of; a Chinese share,
# 九成, 大部分, is one by itself).
_PART_OF = re.compile(r"\s*of\b", re.I)
SMALL_SHARE, SMALL_SHARE_POTENCY = 10.0, -0.5
# Capital drawn in (has drawn $100 billion in investment, 吸引外资): how far after the inflow word
# the capital may be named, what the one that draws it gains, and the words before the place it
# flows to (into the United States, 流入美国).
INFLOW_REACH, INFLOW_POTENCY = 10, 0.6
INFLOW_PLACES = frozenset({"to", "into", "in", "across", "流入", "进入", "涌入"})
NEGLIGIBLE_SHARE = 1.0  # at most 1% (为零, almost none) is weakness, limiter or not
LIMITERS = frozenset(
    {
        "仅",
        "只",
        "仅仅",
        "只有",
        "不足",
        "不到",
        "only",
        "just",
        "merely",
        "barely",
        "under",
        "below",
        "less",
        "fewer",
        "less than",
        "fewer than",
    }
)
# Words after "than" or a comparison cue that make it a quantity, not a comparison between
# parties (more than a year, more than half, 超过两倍 is read by its numeral).
QUANTITY_WORDS = frozenset(
    {
        "a",
        "an",
        "half",
        "twice",
        "double",
        "triple",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
    }
)
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}  # fmt: skip
_EN_NUMBER = r"\d+(?:\.\d+)?|" + "|".join(_NUMBER_WORDS)
# A level a figure moved from (从37%降至12%, from 37 percent to 12 percent): what opens it, and
# what stands between it and the level it moved to.
_FROM = re.compile(r"(?:从|由|from)\s*(?:\S{0,12}的)?\s*$", re.I)
# The word between two levels (down to, 降至); an English year may stand before it (from 37
# percent in 1990 to about 12 percent).
_TO = re.compile(
    r"^\s*(?:(?:in|by) (?:the )?\d{4}s?,?\s*)?"
    r"(?:[降升增跌减回]?至|[降升增跌减]到|到|to|down to|up to)\s*(?:约|about|around|roughly)?\s*$",
    re.I,
)
# A movement on from a level (从95%跌至…, from 40 percent to…): the level is left behind.
_MOVED_ON = re.compile(
    r"^\s*(?:[降升增跌减回滑]至|[降升增跌减滑]到|跌破|降到|跌到|to\b|down to\b|up to\b)", re.I
)
# What may stand between a movement and the level it reached (slipped to 58 percent, 降至三成).
# What may stand between a trend word and the size of its movement (下降了12%, fell by 12 percent).
_CHANGED_BY = re.compile(r"^\s*(?:了|by|约|近|逾|about|around|roughly|nearly|some|almost)?\s*$", re.I)
REACH_ENDINGS = frozenset({"至", "到"})
_REACHED = re.compile(r"^\s*(?:至|到|to)?\s*(?:约|about|around|roughly|just|only|仅)?\s*$", re.I)
_ENGLISH_PERCENT = re.compile(rf"(?<![\d.])\b({_EN_NUMBER})\s*(?:%|percent\b|per cent\b)", re.I)
# Counts out of a ranking: seven of the world's ten largest ports; 前十大…中有七家.
_ENGLISH_OF = re.compile(rf"\b({_EN_NUMBER}) of the (?:world's |global )?({_EN_NUMBER})\b", re.I)
_CHINESE_OF = re.compile(
    r"([十百])(?:个|家|大|强)[^。，,；;]{0,20}?中有?([一二三四五六七八九])(?:个|家|座|所)"
)


MULTIPLE_POTENCY = 0.8
_ZH_NUMERAL = r"[\d.]+|[零〇一二两三四五六七八九十百千万几数]+"
# Words of approximation that may follow a possessor before its figure (of America's roughly 3,700).
_APPROXIMATE = r"(?:roughly|about|around|nearly|some|approximately|estimated)\b"
# A small English percentage of another's quantity (less than one percent of China's).
_PART_OF_ANOTHER = (
    r"\b(?:less than|under|only|just|barely|merely)\s+(?:about\s+)?"
    r"(?:\d+(?:\.\d+)?|one|two|three|four|five|ten|twenty|thirty|forty)\s*(?:percent|per cent|%)\s+of\s+"
)
_FRACTION_OF_ANOTHER = (
    r"\b(?:(?:less than|under|only|just|barely|merely|roughly|about|around|approximately|nearly)\s+)?"
    r"(?:about\s+)?"
    r"(?:(?:a|one)[\s-](?:third|quarter|fifth|sixth|seventh|eighth|ninth|tenth)|half|two-thirds)\s+of\s+"
)
# (pattern, where the compared-with side stands, sign): "before" when it is the mention before
# the match (是美国的两百多倍: the US, named before 的), "after" when it is the mention after it;
# sign +1 when the other side is the larger (a multiple), -1 when it is the smaller (a fraction).
_MULTIPLES = (
    (re.compile(rf"的(?:{_ZH_NUMERAL})多?倍"), "before", 1),
    (
        re.compile(rf"比(?:[^，,；;。]{{0,12}}?)(?:多出|高出|大出|多|高|大)(?:{_ZH_NUMERAL})?多?倍"),
        "after",
        1,
    ),
    (re.compile(rf"的(?:{_ZH_NUMERAL})分之一"), "before", -1),
    # 中国的经济总量仍不到美国的七成, 仅为美国的一半: the one stated as a part of the other is
    # the smaller
    (
        re.compile(
            r"(?:不到|不足|仅为|只有|仅有|仅相当于|只相当于)[^，,；;。]{0,10}?的"
            r"(?:[一二两三四五六七八九]成|一半|[一二两三四五六七八九十百千]+分之[一二三四五六七八九]|\d+(?:\.\d+)?%)"
        ),
        "after",
        -1,
    ),
    (
        re.compile(
            r"\b(?:\d+(?:\.\d+)?|two|three|four|five|six|seven|eight|nine|ten|several|many) times "
            r"(?:as (?:many|much|large|big|high|great)|more|larger|bigger|higher|greater|the size of|that of)",
            re.I,
        ),
        "after",
        1,
    ),
    (
        re.compile(r"\btwice (?:as (?:many|much|large|big|high|great)|the size of|that of)", re.I),
        "after",
        1,
    ),
    # roughly three times China's total, twice America's: a multiple of the other's own figure
    (
        re.compile(
            r"\b(?:(?:\d+(?:\.\d+)?|two|three|four|five|six|seven|eight|nine|ten|several|many) times|twice)\s+"
            r"(?=[A-Z][\w.-]*(?:'s|’s))",
            re.I,
        ),
        "after",
        1,
    ),
    # roughly seven times the American output: a multiple of the other's own figure
    (
        re.compile(
            r"\b(?:\d+(?:\.\d+)?|two|three|four|five|six|seven|eight|nine|ten|several|many) times the\s+"
            r"(?!(?:size|amount|number|level|rate|pace|value|volume)\b)(?=[a-z.]+\s+\w)",
            re.I,
        ),
        "after",
        1,
    ),
    (re.compile(r"\ba (?:small |tiny )?fraction of", re.I), "after", -1),
    # less than one percent of China's, only 30 percent of America's: a part of the other's
    (re.compile(_PART_OF_ANOTHER + r"(?=(?:that of\s+)?[A-Z][\w.-]*(?:'s|’s))", re.I), "after", -1),
    # less than a fifth of America's, only half of China's: a fraction of the other's whole (not
    # of a thing it owns: half of China's exports)
    (
        re.compile(
            _FRACTION_OF_ANOTHER
            + r"(?=(?:that of\s+)?[A-Z][\w.-]*(?:'s|’s)(?!\s+(?!"
            + _APPROXIMATE
            + r")[a-z]))",
            re.I,
        ),
        "after",
        -1,
    ),
)
# An English possessor right after a share (of China's, of that of America's).
_POSSESSOR_NEXT = re.compile(r"\s*of\s+(?:that of\s+)?[a-z][\w.-]*(?:'s|’s)", re.I)
# Words that except one party from "than any ..." (than any country except the United States).
EXCEPTIONS = frozenset({"except", "besides", "save"})
# Every multiple or fraction holds one of these: a cheap test before the patterns.
_MULTIPLE_HINT = re.compile(
    r"倍|分之|[一二两三四五六七八九]成|一半|%|percent|per cent|times|twice|fraction|than|half|third|quarter|fifth|sixth|seventh|eighth|ninth|tenth",
    re.I,
)
# ... than a year, than half, than 20: a quantity after "than" is no comparison of the parties
_MORE_THAN = re.compile(
    r"\b(?P<word>more|fewer|less)\b[^,;:]{1,60}?\bthan\b"
    rf"(?!\s+(?:{'|'.join(sorted(QUANTITY_WORDS))}|\d[\d,.]*)\b)",
    re.I,
)


def partisan_mentions(slots: Sequence[_Slot]) -> list[int]:
    """Slots whose alias belongs to the partisan naming register."""
    return [k for k, s in enumerate(slots) if s.alias is not None and s.alias.register == PARTISAN]


# Shares said in words, as (low, high) percentages.
_SHARE_WORDS = re.compile(
    r"(?P<none>几乎为零|几近于零|几近为零|接近于零|接近零|为零|几乎没有|almost none|virtually none|none of)"
    r"|(?P<all>几乎全部|几乎全数|几乎所有|绝大部分|绝大多数|nearly all|almost all|virtually all)"
    r"|(?P<most>the vast majority of|the bulk of|\bmost of\b|(?<!绝)大部分)"
    r"|(?P<threequarters>四分之三|three[- ]quarters)|(?P<quarter>四分之一|\ba quarter\b|one[- ]quarter)"
    r"|(?P<twothirds>三分之二|two[- ]thirds)"
    # (the first half of the year is a time, not a share)
    r"|(?P<half>(?<!first )(?<!second )\bhalf\b"
    r"(?! of (?:the|this|last|next) (?:year|decade|century|month|quarter))|一半)"
    r"|(?P<third>三分之一|\ba third\b|one[- ]third)"
    r"|(?P<fraction>a tiny fraction|a small fraction|微乎其微)",
    re.I,
)
_WORD_BOUNDS = {
    "none": (0.0, 1.0),
    "all": (90.0, 100.0),
    "most": (50.1, 90.0),
    "threequarters": (75.0, 75.0),
    "quarter": (25.0, 25.0),
    "twothirds": (66.7, 66.7),
    "half": (50.0, 50.0),
    "third": (33.3, 33.3),
    "fraction": (0.0, 5.0),
}


def _en_number(text: str) -> float:
    return float(_NUMBER_WORDS.get(text.lower()) or text)


def _shares(text: str) -> list[tuple[int, int, float, float]]:
    """(start, end, low, high) of every percentage or share word in ``text``."""
    found = percent_bounds(text)
    taken = {start for start, *_ in found}
    for m in _ENGLISH_PERCENT.finditer(text):
        if m.start() not in taken:
            value = _en_number(m.group(1))
            found.append((m.start(), m.end(), value, value))
            taken.add(m.start())
    for m in _ENGLISH_OF.finditer(text):
        share = 100.0 * _en_number(m.group(1)) / max(_en_number(m.group(2)), 1.0)
        found.append((m.start(), m.end(), share, share))
    for m in _CHINESE_OF.finditer(text):
        share = 100.0 * parse_chinese_number(m.group(2)) / parse_chinese_number(m.group(1))
        found.append((m.start(), m.end(), share, share))
    for m in _SHARE_WORDS.finditer(text):
        if not any(start <= m.start() < end for start, end, _, _ in found):
            found.append((m.start(), m.end(), *_WORD_BOUNDS[m.lastgroup]))
    return sorted(found)


def share_cues(
    slots: Sequence[_Slot], members: Sequence[int], topical: bool = False
) -> list[tuple[int, int, float, str]]:
    """(share slot, holder slot, potency, label: the figure as matched) for each share in one
    clause that speaks of its holder. With ``topical``, a clause that names no target speaks of
    the topic it carries on (中国的高铁总里程超过四万公里，占全球总量的三分之二以上): its holder
    slot is -1."""
    # (辉达在中国市场的占有率: the country named before its market is where the share is held)
    mentions = [
        k
        for k in members
        if slots[k].alias is not None and not (k + 1 < len(slots) and slots[k + 1].text.startswith(MARKET))
    ]
    if not (mentions or topical) or not any("scope" in slots[k].cues for k in members):
        return []
    if any("dependence" in slots[k].cues for k in members):
        return []
    text, offsets = _clause_text(slots, members)
    found = []
    shares = _shares(text)
    for n, (start, end, low, high) in enumerate(shares):
        if _FROM.search(text[:start]) and (
            (n + 1 < len(shares) and _TO.match(text[end : shares[n + 1][0]])) or _MOVED_ON.match(text[end:])
        ):
            continue  # 从37%降至12%, down from 37 percent to 12: the earlier level is not held now
        slot = max(k for offset, k in offsets if offset <= start)
        last = max(k for offset, k in offsets if offset < end)
        if any(
            0 <= j < len(slots) and not {"measure", "burden"}.isdisjoint(slots[j].cues)
            for j in (slot - 1, last + 1)
        ):
            continue  # 100 percent tariffs, 关税25%: a rate of a levy, not a share held
        limited = any(slots[j].text in LIMITERS for j in members if j <= slot)
        if limited and _POSSESSOR_NEXT.match(text[end:]):
            continue  # less than one percent of China's: a part of another's, read by multiple_cues
        holder = min(mentions, key=lambda m: (abs(m - slot), m)) if mentions else -1
        potency = next((p for floor, p in SHARE_POTENCY if low >= floor), 0.0)
        if not potency and ((limited and high <= SMALL_SHARE) or high <= NEGLIGIBLE_SHARE):
            potency = SMALL_SHARE_POTENCY
        if _changed_by(slots, offsets, text, start):
            continue  # 同比下降12%, exports fell 12 percent: the size of a change, not a share held
        moved = _movement(slots, offsets, text, start)
        if moved:  # slipped to 58 percent, 升至25%: the movement, not the level, is the news
            potency = SMALL_SHARE_POTENCY if moved < 0 else max(potency, -SMALL_SHARE_POTENCY)
        if potency:
            found.append((slot, holder, potency, f"{text[start:end]}(share)"))
    return found


def _changed_by(slots: Sequence[_Slot], offsets: Sequence[tuple[int, int]], text: str, start: int) -> bool:
    """Whether a figure at ``start`` is the size of a movement (同比下降12%, rose 8 percent, fell
    by a third): right after a trend word that does not end in 至 or 到 with no "to" between."""
    before = [(offset, k) for offset, k in offsets if offset < start]
    for offset, k in reversed(before[-3:]):
        if slots[k].cues.get("trend", 0.0):
            gap = text[offset + len(slots[k].text) : start]
            return slots[k].text[-1:] not in REACH_ENDINGS and _CHANGED_BY.match(gap) is not None
    return False


def _movement(slots: Sequence[_Slot], offsets: Sequence[tuple[int, int]], text: str, start: int) -> float:
    """The sign of the movement word (``trend``) that a share at ``start`` is the level reached
    by (fell to 12 percent, 份额降至三成), or 0."""
    before = [(offset, k) for offset, k in offsets if offset < start]
    for offset, k in reversed(before[-3:]):
        trend = slots[k].cues.get("trend", 0.0)
        if trend and _REACHED.match(text[offset + len(slots[k].text) : start]):
            return trend
    return 0.0


def supply_cues(
    slots: Sequence[_Slot], members: Sequence[int], topical: bool = False
) -> list[tuple[int, int, float, str]]:
    """(share slot, party slot, potency, label) for a clause that says how much of a target's own
    supply comes from elsewhere (imports nearly all of its gallium, sources most of their graphite
    from China, 美国九成以上的镓从中国进口): a word of the ``supply`` category and a share of at
    least 30% of the holder's own (of its, of their) or from a named source. The holder depends
    on what it gets (potency -0.8 from half up, -0.5 from 30%); the source named after from, 从 or
    来自 gains half of that. With ``topical``, a holder that is the topic the clause carries on
    (…, it still imports most of its cells from China) is slot -1."""
    supply = [k for k in members if "supply" in slots[k].cues]
    mentions = [k for k in members if slots[k].alias is not None]
    if (
        not supply
        or not (mentions or topical)
        or any(not {"dependence", "scope"}.isdisjoint(slots[k].cues) for k in members)
    ):
        return []  # 占据美国进口市场的七成 is a share of a market, read by share_cues
    sources = [k for k in mentions if any(slots[j].text.lower() in SOURCE_MARKERS for j in (k - 1, k - 2))]
    text, offsets = _clause_text(slots, members)
    for start, end, low, _ in _shares(text):
        potency = next((p for floor, p in SHARE_POTENCY if low >= floor), 0.0)
        if not potency:
            continue
        slot = max(k for offset, k in offsets if offset <= start)
        last = max(k for offset, k in offsets if offset < end)
        owned = any(slots[j].text.lower() in OWN_SUPPLY for j in members if last < j <= last + 2)
        english = text[start:end].isascii()
        if not (owned or sources) or (
            english and not (text[start:end].endswith("of") or _PART_OF.match(text[end:]))
        ):
            continue  # imports fell 30 percent: a change, not a part of the supply
        holders = [
            k for k in mentions if k not in sources and not slots[k].oblique and k < max(slot, supply[0])
        ]
        if not holders and not topical:
            return []
        holders = holders or [-1]
        label = f"{text[start:end]}(supply)"
        found = [(slot, holders[0], -potency, label)]
        found += [(slot, k, potency * 0.5, label + "(other party)") for k in sources[:1]]
        return found
    return []


def inflow_cues(
    slots: Sequence[_Slot], members: Sequence[int], topical: bool = False
) -> list[tuple[int, int, float, str]]:
    """(inflow slot, holder slot, potency, label) for a clause that says a party draws capital in
    (The Inflation Reduction Act has drawn more than $100 billion in investment into the United
    States; 中国吸引外资规模创新高): a word of the ``inflow`` category with a word of the
    ``capital`` category at most :data:`INFLOW_REACH` words after it. The one that draws it in
    gains :data:`INFLOW_POTENCY`: the subject named before the inflow word, else the target the
    capital flows to or into, else (with ``topical``) the topic the clause carries on (slot -1).
    A negation or an attempt before the inflow word (failed to attract, 试图吸引) asserts
    nothing."""
    inflows = [k for k in members if "inflow" in slots[k].cues]
    for at in inflows:
        capital = next(
            (j for j in members if at < j <= at + INFLOW_REACH and "capital" in slots[j].cues), None
        )
        if capital is None:
            continue
        if any(not {"negator", "attempt"}.isdisjoint(slots[j].cues) for j in members if j < at):
            return []
        subjects = [k for k in members if k < at and slots[k].alias is not None and not slots[k].oblique]
        places = [
            k
            for k in members
            if k > capital
            and slots[k].alias is not None
            and (slots[k].oblique in INFLOW_PLACES or slots[k - 1].text in INFLOW_PLACES)
        ]
        holder = subjects[-1] if subjects else places[0] if places else -1 if topical else None
        if holder is not None:
            return [(at, holder, INFLOW_POTENCY, f"{slots[at].text}+{slots[capital].text}(inflow)")]
    return []


def _clause_text(slots: Sequence[_Slot], members: Sequence[int]) -> tuple[str, list[tuple[int, int]]]:
    """The clause's text, with a space only between Latin words ("90 percent"), so that Chinese
    figures split over tokens (九成 + 以上) read as one; and (offset, slot) of each token."""
    offsets, text = [], ""
    for k in members:
        piece = slots[k].text
        if text and text[-1].isascii() and text[-1].isalnum() and piece[:1].isascii() and piece[:1].isalnum():
            text += " "
        offsets.append((len(text), k))
        text += piece
    return text, offsets


def multiple_cues(
    slots: Sequence[_Slot], members: Sequence[int], carried: tuple[str, ...] = ()
) -> list[tuple[int, int, float, str]]:
    """(figure slot, holder slot, potency, label: the words matched) for each side of each
    multiple or fraction in one clause that sets two targets side by side (module docstring):
    the larger side first, then the smaller one as the other party. ``carried`` are the targets
    of the topic a Chinese clause with no subject goes on with (中国的军费虽逐年增加，但仍不到
    美国的三分之一): that topic is the side before the figure, as holder -1."""
    mentions = [k for k in members if slots[k].alias is not None]
    single = len({slots[k].group for k in mentions}) < 2  # only a party excepted can be read
    # the topic carried over is the other side when the clause names only one party
    carry = (
        bool(carried)
        and single
        and bool(mentions)
        and not set(carried) & set(slots[mentions[0]].alias.targets)
    )
    if not carry and (
        not mentions or (single and not any(slots[j].text.lower() in EXCEPTIONS for j in members))
    ):
        return []
    text, offsets = _clause_text(slots, members)
    if not _MULTIPLE_HINT.search(text):
        return []
    burden = any("burden" in slots[k].cues for k in members)

    def slot_at(position: int) -> int:
        return max(k for offset, k in offsets if offset <= position)

    matches = [(m, side, sign) for pattern, side, sign in _MULTIPLES for m in pattern.finditer(text)]
    figures = len(matches)
    for m in _MORE_THAN.finditer(text):
        start, end = slot_at(m.start()), slot_at(m.end() - 1)
        if not any(not slots[k].cues.keys().isdisjoint(CONTENT) for k in members if start <= k < end):
            matches.append((m, "after", -1 if m.group("word").lower() in ("fewer", "less") else 1))
    found = []
    for n, (m, side, sign) in enumerate(matches):
        at = slot_at(m.start())
        before = [k for k in mentions if k <= at]
        after = [k for k in mentions if k > at]
        if (
            side == "after"
            and after
            and any(slots[j].text.lower() in EXCEPTIONS for j in range(at, after[0]))
        ):
            # more satellites than any country except the United States: the one excepted is
            # the one still ahead, and the one ahead of all the rest is strong too, half as much
            potency = MULTIPLE_POTENCY * (-1 if burden else 1)
            found.append((at, after[0], potency, f"{m.group(0)}(multiple)(excepted)"))
            if before and slots[before[-1]].group != slots[after[0]].group:
                found.append((at, before[-1], potency * 0.5, f"{m.group(0)}(multiple)"))
            continue
        # (the topic carried over compared by a figure alone: would suffer far more than America's
        # compares the suffering, which its own cue scores)
        bare = not any(
            (slots[k].cues.keys() & CONTENT and slots[k].cues.keys() != {"potency"})
            or slots[k].cues.get("potency", 0) < 0
            for k in members
            if k < at
        )  # (a strength noun before it, 其分离能力仍不足中国的十分之一, is what is compared)
        # the topic carried over is the other side when the clause names only the standard
        # (…，但仍不到中国的十分之一, still a fraction of America's)
        # (more than China: the party right after "than"; not "more than offset a slump")
        named = n < figures or (bool(after) and after[0] <= slot_at(m.end() - 1) + 3)
        topical = bare and carry and named and (after if side == "after" else before) != []
        if (single or not before or (side == "after" and not after)) and not topical:
            continue
        small = before[-1] if side == "before" else after[0]
        large = next((k for k in reversed(before) if slots[k].group != slots[small].group), None)
        if large is None and topical:
            large = -1
        if large is None:
            continue
        potency = MULTIPLE_POTENCY * sign * (-1 if burden else 1)
        found.append((at, large, potency, f"{m.group(0)}(multiple)"))
        found.append((at, small, -potency, f"{m.group(0)}(multiple)(other party)"))
    return found
