"""Slots and clauses: the sentence cut into slots (target aliases and cues matched whole), the
slots numbered by clause (at , ; : and before contrast markers), mentions marked as oblique or
coordinated, and each clause's weight from contrast and concession markers."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence

from stance.measure.mentions import Alias, TermMatcher, names_an_amount, outside_its_script
from stance.measure.polarity.linking import (
    AFFILIATIONS,
    EXCLUDING_WORDS,
    PARTNER_WORDS,
    PLACE_PREPOSITIONS,
    REASON_OPENERS,
    STANDARD_CLOSERS,
    SUBORDINATORS,
    excluded_at,
)
from stance.measure.polarity.records import CLAUSE_BREAKS, CONTENT, QUOTE_PAIRS, _Slot

# A mention right after one of these is not the subject of its clause (对中国的依赖, 在美国...).
OBLIQUE_MARKERS = frozenset(
    {
        "对",
        "对于",
        "向",
        "从",
        "给",
        "比",
        "较",
        "与",
        "和",
        "同",
        "跟",
        "被",
        "受",
        "遭",
        "受到",
        "遭到",
        "在",
        "自",
        "把",
        "离",
        "面对",
        "面临",
        "针对",
        "除了",  # 除了中国供应几乎别无选择: the one excepted is no subject
        # English prepositions: sanctions on Russia, dependence on the US, pressure from Beijing
        "on",
        "upon",
        "against",
        "from",
        "to",
        "with",
        "by",
        "for",
        "toward",
        "towards",
        "over",
        "than",
        "unlike",
        "of",
        "into",
        "at",
        "about",
        "between",
    }
    # places: drills around Taiwan, factories in China, patrols near the Philippines
    | PLACE_PREPOSITIONS
)
# The cue categories of a verb whose object, in an infinitive, is no subject (to isolate China).
INFINITIVE_VERBS = frozenset({"control", "measure", "evaluation", "appraisal", "comparison"})
# Attempt nouns: those whose clause can state their outcome in the perfect (efforts to … have
# paid off), and those whose "by" names their owner, not a passive agent (efforts by the US).
_ATTEMPT_NOUNS = ("efforts", "effort", "attempt", "attempts")
UNDERTAKING_NOUNS = frozenset(_ATTEMPT_NOUNS) | {
    f"{noun} to" for noun in ("efforts", "effort", "bid", "push", "drive", "campaign")
}
UNDERTAKINGS = frozenset(
    {*_ATTEMPT_NOUNS, "bid", "push", "drive", "campaign", "moves", "move", "plans", "plan"}
)
PERFECT_AUXILIARIES = frozenset({"has", "have", "had"})
# Chinese attempt nouns after 的, whose clause goes on to their outcome (…的企图已经破产).
ZH_UNDERTAKING_NOUNS = frozenset({"企图", "图谋", "努力", "计划", "尝试", "野心", "如意算盘"})
# A clause 与X…不同 (与某些国家动辄挥舞制裁大棒不同，中国…) describes X, the foil the sentence's
# subject is set against: its cues are never the subject's.
FOIL_OPENERS = PARTNER_WORDS
FOIL_CLOSERS = frozenset({"不同", "不一样", "相反", "有别", "迥异", "截然不同"})
COORDINATORS = frozenset({"与", "和", "及", "以及", "同", "跟", "、", "或", "and", "or"})
# Chinese quantities between a marker and the mention (对多家美国军工企业, 向部分美国企业).
QUANTIFIERS = frozenset(
    {
        "多家",
        "部分",
        "一些",
        "几家",
        "数家",
        "多名",
        "多个",
        "这些",
        "那些",
        "相关",
        "各",
        "所有",
        "数十家",
        "大批",
        "多位",
        "两家",
        "三家",
    }
)
# A numeral with the classifier of a vessel, aircraft or vehicle (一艘, 数架, 两辆) before a
# mention after an oblique marker (向一艘菲律宾渔船). Not one of persons (对六名中国官员实施制裁,
# 指他们…: what the persons did is read through the pronoun as their country's).
_NUMBER_CLASSIFIER = re.compile(r"^[一两二三四五六七八九十几数多]+[艘架辆]$")
# Two capitalised English words in a row: the only sentences where a name can hide a cue word.
_CAPITALISED_PAIR = re.compile(r"[A-Z][\w'’-]*[\s-]+[A-Z]")
# Words that open an accusation's content besides a verb of accusation: 美方关于中国窃取技术的指控.
ACCUSATION_OPENERS = frozenset({"关于", "有关"})
# Contrast markers that also mean "merely" (只是, 不过): so they do right after the standard of
# a comparison (与中国相比只是九牛一毛).
MERELY = frozenset({"只是", "不过", "只不过"})
# Limiters that are cues of their own (不足: a shortfall) and what makes them the limiter of a
# part of another's figure (不足中国的百分之一).
FRACTION_LIMITERS = frozenset({"不足"})
_FRACTION_AFTER = re.compile(
    r"[^，,；;。]{0,10}?的(?:[一二两三四五六七八九]成|一半|[一二两三四五六七八九十百千]+分之[一二三四五六七八九]|\d+(?:\.\d+)?%)"
)
# How far after a ranking word (全球最大, world's biggest) the noun it ranks may stand.
RANKED_REACH = 3
RANKINGS = frozenset({"world's biggest", "world's largest", "world’s biggest", "world’s largest"})
# English determiners between a preposition and its noun (sanctions on the US).
DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her"})


def split_slots(
    text: str,
    text_norm: str,
    tokens: Sequence[str],
    *,
    matcher: TermMatcher,
    aliases: Mapping[str, Alias],
    cues: Mapping[str, dict[str, float]],
) -> list[_Slot]:
    """The sentence as slots: each matched alias or cue is one slot, every other unit another."""
    units, found = matcher.spans(text_norm, tokens)
    spans = {s.first: s for s in found}
    # as_written(), decided once for the sentence: the offsets carry over when the lengths agree.
    source = text if len(text) == len(text_norm) else text_norm
    slots: list[_Slot] = []
    oblique = False  # a Chinese oblique alias met: it may have taken a name's first character
    i, n = 0, len(units)
    while i < n:
        span = spans.get(i)
        if span is None:
            u = units[i]
            slots.append(_Slot(u.text, source[u.start : u.end], None, {}))
            i += 1
            continue
        written = source[span.start : span.end]
        alias = aliases.get(span.term)
        if alias is not None and names_an_amount(alias, text_norm, span.start):
            alias = None  # 50亿美元, 3 billion yuan: the unit of an amount names no country
        if alias is not None and outside_its_script(alias, written):
            alias = None  # 我國 in traditional script: mostly Taiwan, not the mainland's 我国
        oblique = oblique or (alias is not None and alias.alias_kind == "oblique")
        slots.append(_Slot(span.term, written, alias, cues.get(span.term, {})))
        i = span.last
    if oblique:
        slots = _resplit_obliques(slots, aliases, cues)
    if _CAPITALISED_PAIR.search(text) is not None:
        slots = _names_keep_no_cues(slots)
    for k, slot in enumerate(slots):
        if k and slot.text in MERELY and slots[k - 1].text in STANDARD_CLOSERS:
            # 与中国相比只是杯水车薪: "merely" after the standard of a comparison, no "but"
            _drop_cues(slot, {"contrast"})
        if slot.text in FRACTION_LIMITERS and "potency" in slot.cues:
            following = "".join(x.text for x in slots[k + 1 : k + 8])
            if _FRACTION_AFTER.match(following):
                # 不足中国的百分之一: the limiter of a part of another's figure, read as a
                # comparison (implicit.py), is no shortfall of its own
                _drop_cues(slot, {"potency"})
        ranking = "scope" in slot.cues or slot.text.lower() in RANKINGS
        if ranking and slot.cues.get("potency", 0.0) > 0 and _ranks_a_fault(slots, k):
            # 全球最大的网络攻击来源, the world's biggest hacking empire: first in a fault or a
            # weakness is no strength
            _drop_cues(slot, {"potency"})
    return split_glued_modals(slots, cues)


def _drop_cues(slot: _Slot, categories: Collection[str]) -> None:
    """Remove the cues of ``categories`` from a slot."""
    slot.cues = {c: v for c, v in slot.cues.items() if c not in categories}


def _ranks_a_fault(slots: Sequence[_Slot], k: int) -> bool:
    """Whether the ranking word at ``k`` ranks what a fault or a weakness right after it names
    (全球最大的网络攻击来源, the world's biggest debtor): a word of negative evaluation or potency
    within RANKED_REACH slots, before any break."""
    for j in range(k + 1, min(k + 1 + RANKED_REACH, len(slots))):
        if slots[j].text in CLAUSE_BREAKS or slots[j].alias is not None:
            return False
        if slots[j].cues.get("evaluation", 0.0) < 0 and "potency" not in slots[j].cues:
            return True
        if slots[j].cues.get("potency", 0.0) < 0:
            return True  # the biggest drag on growth, 全球最大的受害者: first in a weakness
    return False


def _resplit_obliques(
    slots: list[_Slot], aliases: Mapping[str, Alias], cues: Mapping[str, dict[str, float]]
) -> list[_Slot]:
    """Cut a Chinese oblique alias the segmenter took from a name (美国对华为的围堵 cut as
    对华/为/的: 对 + 华为) when its last character and the one-character word after it make an
    alias: the marker stays a word of its own and the name is the mention."""
    out: list[_Slot] = []
    k = 0
    while k < len(slots):
        slot = slots[k]
        nxt = slots[k + 1] if k + 1 < len(slots) else None
        if (
            nxt is not None
            and slot.alias is not None
            and slot.alias.alias_kind == "oblique"
            and not slot.text.isascii()
            and len(nxt.text) == 1
            and nxt.alias is None
            and slot.text[-1] + nxt.text in aliases
        ):
            marker, name = slot.text[:-1], slot.text[-1] + nxt.text
            out.append(_Slot(marker, slot.written[:-1], None, cues.get(marker, {})))
            out.append(_Slot(name, slot.written[-1:] + nxt.written, aliases[name], cues.get(name, {})))
            k += 2
            continue
        out.append(slot)
        k += 1
    return out


def _capitalised(slot: _Slot) -> bool:
    return slot.written[:1].isascii() and slot.written[:1].isupper()


def _names_keep_no_cues(slots: list[_Slot]) -> list[_Slot]:
    """Drop the cues of an English word that is part of a proper name: capitalised inside the
    sentence, next to another capitalised word (the Shanghai Cooperation Organisation, the
    Shangri-La Dialogue, Strategic Competition Act): a name asserts nothing of anyone."""
    for k in range(1, len(slots)):
        slot = slots[k]
        if not slot.cues or slot.alias is not None or not _capitalised(slot):
            continue
        before = k > 1 and _capitalised(slots[k - 1]) and slots[k - 1].alias is None
        after = k + 1 < len(slots) and _capitalised(slots[k + 1]) and slots[k + 1].alias is None
        if before or after:
            slot.cues = {}
    return slots


def split_glued_modals(slots: list[_Slot], cues: Mapping[str, dict[str, float]]) -> list[_Slot]:
    """Split a word the segmenter glued from a one-character operator and what follows it: a
    modal and a cue or a causative (会输 = 会 + 输, 将败 = 将 + 败, 将令 = 将 + 令), or a contrast marker and any word (但多国 =
    但 + 多国), so that the cue scores and the operator is seen."""
    out: list[_Slot] = []
    for slot in slots:
        if slot.alias is not None or slot.cues or len(slot.text) < 2:
            out.append(slot)
            continue
        head_cues = cues.get(slot.text[0])
        if not head_cues or ("modal" not in head_cues and "contrast" not in head_cues):
            out.append(slot)  # the quick way out for nearly every slot
            continue
        head, rest = slot.text[:1], slot.text[1:]
        glued_modal = (
            len(slot.text) == 2
            and "modal" in head_cues
            and any(c in CONTENT or c == "causative" for c in cues.get(rest, {}))
        )
        glued_contrast = "contrast" in head_cues and not head.isascii()
        if glued_modal or glued_contrast:
            split = len(slot.written) == len(slot.text)
            out.append(_Slot(head, slot.written[:1] if split else head, None, cues[head]))
            out.append(_Slot(rest, slot.written[1:] if split else rest, None, cues.get(rest, {})))
        else:
            out.append(slot)
    return out


def number_clauses(slots: list[_Slot]) -> int:
    """Set each slot's clause index; returns the number of clauses. A contrast marker opens a
    clause, unless it stands right after its clause's subject (美方却一再甩锅中国: the subject
    stays with its predicate), and so does an English concessive subordinator (China thrived
    despite the curbs): only the concessive clause is weighted down."""
    clause = 0
    for k, slot in enumerate(slots):
        opens = "contrast" in slot.cues or ("concession" in slot.cues and slot.text.lower() in SUBORDINATORS)
        glued = k > 0 and (slots[k - 1].text in CLAUSE_BREAKS or slots[k - 1].alias is not None)
        if slot.text in CLAUSE_BREAKS or (opens and k > 0 and not glued):
            clause += 1
        slot.clause = clause
    return clause + 1


# The list mark between two objects of one marker (向荷兰、日本施压).
LIST_MARKS = frozenset({"、"})


def _listed_after(slots: Sequence[_Slot], mark: int) -> bool:
    """Whether the word before the list mark at ``mark`` is no target and stands right after an
    oblique marker (向荷兰、日本)."""
    return (
        slots[mark - 1].alias is None
        and not slots[mark - 1].cues
        and slots[mark - 2].text.lower() in OBLIQUE_MARKERS
        and slots[mark - 2].alias is None
    )


def mark_mentions(slots: list[_Slot]) -> None:
    """Mark mentions after an oblique marker, record the word that excludes a mention (Beijing,
    not Washington), and give coordinated mentions one group."""
    for j, slot in enumerate(slots):
        if slot.text.lower() in EXCLUDING_WORDS and (m := excluded_at(slots, j)) is not None:
            slots[m].excluded_by = j
    complements = _undertaking_complements(slots)
    group = -1
    previous_mention = False
    for k, slot in enumerate(slots):
        if slot.alias is None:
            if slot.text.lower() not in COORDINATORS and slot.text.lower() not in DETERMINERS:
                previous_mention = False  # but Taiwan and the United States stay one group
            continue
        j = k - 1
        while j > 0 and (
            slots[j].text.lower() in DETERMINERS
            or slots[j].text in QUANTIFIERS
            or _NUMBER_CLASSIFIER.match(slots[j].text)  # 向一艘菲律宾渔船
        ):
            j -= 1  # sanctions on the US; 对多家美国企业: the marker before the quantity
        before = slots[j].text.lower() if j >= 0 and k else ""
        if " " in before and before.rsplit(" ", 1)[1] in OBLIQUE_MARKERS and before.isascii():
            # ready to work with Washington, leverage over Beijing: a cue phrase that ends in a
            # preposition marks the mention after it as that preposition does
            before = before.rsplit(" ", 1)[1]
        # 美国对华 is the US toward China: an oblique alias is never coordinated with the name before it
        coordinated = (
            previous_mention
            and slot.alias.alias_kind != "oblique"
            and (before in COORDINATORS or slots[k - 1].alias is not None)
        )
        if coordinated and before in FOIL_OPENERS and _compared_after(slots, k):
            # 中国与美国仍有差距, 中国与美国的差距: the second of a pair before a comparison is
            # the party compared with, not a co-subject
            coordinated = False
            slot.oblique = before
        elif slot.alias.alias_kind == "oblique":
            # 对华, 反华; anti-China, China-bound: the target is the object, as after 对 or "on"
            slot.oblique = "on" if slot.text.isascii() else "对"
        elif (
            before in OBLIQUE_MARKERS
            and not coordinated
            and not _owner_by(slots, j)
            and not (j > 0 and slots[j - 1].text.lower() in AFFILIATIONS)
        ):
            # (hackers linked to China breached…: the one behind the subject is no object)
            slot.oblique = before
        elif not coordinated and before in LIST_MARKS and j >= 2 and _listed_after(slots, j):
            # 向荷兰、日本施压: listed after a name that is no target, under the same marker
            slot.oblique = slots[j - 2].text.lower()
        elif (
            not coordinated
            and len(before) > 1
            and before[-1] in FOIL_OPENERS
            and "evaluation" in slots[j].cues
        ):
            # 中方愿同美方…对话: a partner after a word of willingness glued to 同/与 is no subject
            slot.oblique = before[-1]
        elif k in complements and not _owner_by(slots, j):
            # China's efforts to cut its dependence on American chips have made progress: a
            # mention inside the undertaking's complement is no subject of its outcome
            slot.oblique = "to"
        elif not coordinated and _infinitive_object(slots, k):
            # efforts by Washington to isolate Beijing have failed: the object of an infinitive
            # is no subject of the clause's verb
            slot.oblique = "to"
        elif slot.excluded_by >= 0:
            # an excluded mention (Washington, not Beijing, ...; 是美国而非中国) is no subject either
            slot.oblique = before
        elif (opener := _reason_opener(slots, k)) is not None:
            # 中国并未因美国的打压而退缩: a mention in a reason phrase is no subject
            slot.oblique = slots[opener].text
        if not coordinated:
            group += 1
        slot.group = group
        previous_mention = True


def _undertaking_complements(slots: Sequence[_Slot]) -> set[int]:
    """The slots inside the complement of an English attempt noun whose clause states its outcome
    in the perfect: from the noun to the first auxiliary (efforts by the US to build a supply
    chain without China have stalled). Every perfect auxiliary after the noun in its clause is
    marked as stating the outcome (``_Slot.outcome``)."""
    inside: set[int] = set()
    for j, slot in enumerate(slots):
        if slot.text in ZH_UNDERTAKING_NOUNS and j > 1 and slots[j - 1].text == "的":
            # 美国拉拢盟友围堵中国的企图已经破产: the attempt noun's owner is the clause's first
            # subject; a mention inside its description is none, and what follows the noun is
            # its outcome
            clause = [m for m in range(j) if slots[m].clause == slot.clause]
            # (after a verb of saying or judging: 国台办痛批美方“以台制华”的图谋注定失败)
            said = [m for m in clause if {"attribution", "appraisal"} & slots[m].cues.keys()]
            owner = next(
                (m for m in clause if slots[m].alias is not None and (not said or m > said[-1])), None
            )
            if owner is not None and j + 1 < len(slots) and slots[j + 1].clause == slot.clause:
                inside.update(range(owner + 1, j))
                slots[j + 1].outcome = True
            continue
        if "attempt" not in slot.cues or slot.text.lower() not in UNDERTAKING_NOUNS:
            continue
        auxiliaries = [
            m
            for m in range(j + 1, len(slots))
            if slots[m].clause == slot.clause and slots[m].text.lower() in PERFECT_AUXILIARIES
        ]
        for m in auxiliaries:
            slots[m].outcome = True
        if auxiliaries:
            inside.update(range(j + 1, auxiliaries[0]))
    return inside


def _infinitive_object(slots: Sequence[_Slot], k: int) -> bool:
    """Whether the English mention at ``k`` is the object of an infinitive whose verb is a cue
    (to isolate Beijing, to choke off China's access, to punish Chinese firms)."""
    if not slots[k].text.isascii():
        return False
    for j in range(k - 2, max(k - 4, 0) - 1, -1):
        if slots[j].text.lower() == "to" and j + 1 < k:
            verb = slots[j + 1]
            return (
                verb.alias is None
                and not verb.cues.keys().isdisjoint(INFINITIVE_VERBS)
                and all(
                    slots[i].alias is None and slots[i].text.lower() not in DETERMINERS
                    for i in range(j + 1, k)
                )
            )
    return False


def _owner_by(slots: Sequence[_Slot], by: int) -> bool:
    """Whether the "by" at ``by`` names the owner of the undertaking before it (efforts by
    Washington to…, a bid by Beijing, moves by China): its mention is that noun's subject."""
    return slots[by].text.lower() == "by" and by > 0 and slots[by - 1].text.lower() in UNDERTAKINGS


def _compared_after(slots: Sequence[_Slot], k: int) -> bool:
    """Whether the first content cue after the mention at ``k`` in its clause is a comparison."""
    for slot in slots[k + 1 :]:
        if slot.clause != slots[k].clause:
            return False
        if not slot.cues.keys().isdisjoint(CONTENT):
            return "comparison" in slot.cues
    return False


def _reason_opener(slots: Sequence[_Slot], k: int) -> int | None:
    """The slot of the reason marker (因为, 由于, 因) whose phrase, in the same clause and not yet
    closed by 而, holds the mention at ``k``; None when there is none or 而 never closes it."""
    for j in range(k - 1, -1, -1):
        if slots[j].clause != slots[k].clause or slots[j].text == "而":
            return None
        if slots[j].text in REASON_OPENERS:
            closes = any(s.text == "而" and s.clause == slots[k].clause for s in slots[k + 1 :])
            return j if closes else None
    return None


QUESTION_MARKS = frozenset({"?", "？"})


# Negations that a rhetorical marker right before them turns into an assertion (难道不, 岂不是).
AFFIRMING_NEGATORS = frozenset({"不", "不是", "没有", "没", "不正是", "不就是"})


def mark_rhetorical(slots: list[_Slot]) -> None:
    """In a question with a rhetorical marker (难道, 何曾, 凭什么, really, ever), every slot after
    the marker is asserted in reverse: 难道美国的做法合法吗 says it is not lawful. A fault named
    after 的 (难道美国的霸凌还不够多吗) is the question's given, not what it asks."""
    if not any(s.text in QUESTION_MARKS for s in slots):
        return
    marker = next((k for k, s in enumerate(slots) if "rhetorical" in s.cues), None)
    if marker is None:
        return
    for after in range(marker + 1, min(marker + 4, len(slots))):
        if "negator" in slots[after].cues and slots[after].text in AFFIRMING_NEGATORS:
            # 难道不说明…吗, 难道这不是…吗: a rhetorical question over a negation asserts what it asks
            _drop_cues(slots[after], {"negator"})
            return
        if not slots[after].cues.keys() <= {"anaphor"}:
            break
    reverse = (slots[marker].text, slots[marker].cues["rhetorical"])
    means = False
    for k in range(marker + 1, len(slots)):
        if slots[k].text in MEANS_OPENERS:
            means = True
        elif slots[k].text in MEANS_CLOSERS:
            means = False
        if means and slots[k].cues.get("evaluation", 0.0) < 0:
            # 难道靠威胁和恫吓就能让台湾人民屈服吗: the means named is given, not asked about;
            # what it is said to achieve is denied
            continue
        if (
            slots[k - 1].text == "的"
            and slots[k].cues.get("evaluation", 0.0) < 0
            and not any("shifter" in slots[j].cues for j in range(marker + 1, k))
        ):
            # 难道美国对中国企业的打压还不够明显吗: the act named is taken for granted (but in
            # 岂会放弃对台湾的野心 the question reverses giving it up)
            continue
        slots[k].rhetorical = reverse


# Words that name the means a rhetorical question asks about (靠关税大棒就能…), and the words
# that close it.
MEANS_OPENERS = frozenset({"靠", "靠着", "凭", "凭借", "仅凭", "单靠", "光靠"})
MEANS_CLOSERS = frozenset({"就", "便", "就能", "能", "来"})
# 与其 A，不如 B (rather than A, B): what opens the rejected alternative, and what opens the
# preferred one.
ALTERNATIVE_OPENERS = frozenset({"与其", "与其说"})
PREFERRED_OPENERS = frozenset({"不如", "不如说", "倒不如", "还不如"})


def mark_alternative(slots: list[_Slot]) -> None:
    """与其对中国加征关税，不如反思自身: the alternative after 与其 is rejected, so its cues assert
    nothing, and 不如 after it prefers, it does not compare."""
    opener = next((k for k, s in enumerate(slots) if s.text in ALTERNATIVE_OPENERS), None)
    if opener is None:
        return
    preferred = next((k for k in range(opener + 1, len(slots)) if slots[k].text in PREFERRED_OPENERS), None)
    if preferred is None:
        return
    for slot in slots[opener + 1 : preferred + 1]:
        slot.cues = {c: w for c, w in slot.cues.items() if c not in CONTENT}


# A yes/no question with no rhetorical marker asks and asserts nothing: its cues count this much.
QUESTION_FACTOR = 0.08
# Words that open an English yes/no question, and the particles that close a Chinese one.
_EN_QUESTION_OPENERS = frozenset(
    {
        "will",
        "can",
        "could",
        "would",
        "should",
        "is",
        "are",
        "was",
        "were",
        "does",
        "do",
        "did",
        "has",
        "have",
        "may",
    }
)
_ZH_QUESTION_PARTICLES = frozenset({"吗", "么", "嗎", "麼"})


def question_factor(slots: Sequence[_Slot]) -> float:
    """:data:`QUESTION_FACTOR` for a yes/no question with no rhetorical marker (Will Washington be
    able to break China's grip?, 美国能打破中国的垄断吗？): it asks whether, and asserts nothing;
    else 1. A question with a marker (难道, really) is rhetorical and reversed instead; a
    wh-question (Why has the US failed...?) presupposes what it asks about and counts whole."""
    if not any(s.text in QUESTION_MARKS for s in slots[-2:]):
        return 1.0
    if any("rhetorical" in s.cues for s in slots):
        return 1.0
    first = next((s.text for s in slots if s.text.strip()), "")
    last = next((s.text for s in reversed(slots) if s.text.strip() and s.text not in QUESTION_MARKS), "")
    if first.lower() in _EN_QUESTION_OPENERS or last in _ZH_QUESTION_PARTICLES:
        return QUESTION_FACTOR
    return 1.0


def mark_exhortation(slots: list[_Slot]) -> None:
    """After an exhortation (敦促, 奉劝, urge), the rest of the sentence is what the urged party
    (the first target named after the marker) is asked to do: it does not do it now."""
    marker = next((k for k, s in enumerate(slots) if "exhortation" in s.cues), None)
    if marker is None:
        return
    urged = next((k for k in range(marker + 1, len(slots)) if slots[k].alias is not None), -1)
    for slot in slots[marker + 1 :]:
        slot.urged = (marker, slots[marker].cues["exhortation"], urged)


SCARE_QUOTES = frozenset({'"', "“", "”"})
# "No other country, the US included": the words for the others, how far after them the one
# included may be named, and how many words after it name the feat.
UNMATCHED_OTHERS = frozenset({"country", "nation", "power", "state", "economy", "military"})
UNMATCHED_REACH = 6
UNMATCHED_TAIL = 4
# Quotation marks a rejected label stands in after 所谓 or so-called (所谓“中国产能过剩”), the
# markers themselves, and the most words such a label holds.
LABEL_QUOTES = QUOTE_PAIRS
LABEL_MARKERS = frozenset({"所谓", "所謂", "so-called"})
MAX_LABEL_SLOTS = 12
# The suffix of a Chinese label for a claim (中国威胁论, 崩溃论): a quoted one is a label too.
THEORY = "论"


def _faults(slot: _Slot) -> bool:
    return any(slot.cues.get(c, 0.0) < 0 for c in CONTENT)


def _no_others(slots: Sequence[_Slot]) -> list[int]:
    """The slots of "no" in "no other country (nation, power…)"."""
    return [
        k
        for k in range(len(slots) - 2)
        if slots[k].text.lower() == "no"
        and slots[k + 1].text.lower() == "other"
        and slots[k + 2].text.lower() in UNMATCHED_OTHERS
    ]


def unmatched(slots: Sequence[_Slot]) -> tuple[int, int] | None:
    """(slot of "no", the mention included) in "no other country, the US included, has…" or
    "no other nation, including the United States, has…"; else None."""
    for k in _no_others(slots):
        for m in range(k + 3, min(k + 3 + UNMATCHED_REACH, len(slots))):
            if slots[m].alias is None:
                continue
            before = [slots[j].text.lower() for j in range(max(m - 2, 0), m)]
            if "including" in before or (m + 1 < len(slots) and slots[m + 1].text.lower() == "included"):
                return k, m
    return None


def mark_unmatched(slots: list[_Slot]) -> tuple[int, int] | None:
    """In "no other country, the US included, has achieved…" the words after the one included
    name the feat it has not achieved: they assert nothing of it. Returns what
    :func:`unmatched` found, for ``unmatched_feats`` to score. With no one included (a feat no
    other country has achieved), the "no" denies the feat to the others only: it negates
    nothing said of the one whose feat it is."""
    found = unmatched(slots)
    if found is not None:
        for slot in slots[found[1] + 1 : found[1] + 1 + UNMATCHED_TAIL]:
            _drop_cues(slot, CONTENT)
        return found
    for k in _no_others(slots):
        if not any(slot.alias is not None for slot in slots[k + 3 : k + 3 + UNMATCHED_REACH]):
            _drop_cues(slots[k], {"negator"})
    return None


def _label_close(slots: Sequence[_Slot], open_: int) -> int | None:
    """The slot of the quotation mark that closes a label opened at ``open_``, or None."""
    if open_ >= len(slots) or slots[open_].text not in LABEL_QUOTES:
        return None
    closer = LABEL_QUOTES[slots[open_].text]
    return next(
        (
            j
            for j in range(open_ + 1, min(open_ + 2 + MAX_LABEL_SLOTS, len(slots)))
            if slots[j].text == closer
        ),
        None,
    )


def mark_rejected_labels(slots: list[_Slot]) -> None:
    """A label in quotation marks after 所谓 or so-called (美方所谓“中国产能过剩”的说法毫无根据,
    the so-called "China threat"), or a quoted Chinese "theory" (鼓噪“中国崩溃论”, 渲染“中国
    威胁论”: a label ending in 论 names a claim about its target), is named to be rejected: the
    targets inside it are no one the sentence speaks of, and the faults it names assert nothing,
    so neither is linked or scored (the words of rejection around it judge the label's
    authors). A favourable word in it (所谓“国家安全”, so-called "win-win") is still reversed by
    the marker, against the label's owner."""
    labels: list[tuple[int, int, int | None]] = []  # (opening mark, closing mark, marker)
    for k, slot in enumerate(slots):
        if slot.text.lower() in LABEL_MARKERS:
            open_ = k + 2 if k + 2 < len(slots) and slots[k + 1].text == "的" else k + 1
            close = _label_close(slots, open_)
            if close is not None:
                labels.append((open_, close, k))
        elif slot.text in LABEL_QUOTES and (
            k == 0 or slots[k - 1].text.lower() not in LABEL_MARKERS | {"的"}
        ):
            close = _label_close(slots, k)
            if close is not None and close > k + 1 and slots[close - 1].text.endswith(THEORY):
                labels.append((k, close, None))
    for open_, close, marker in labels:
        inside = slots[open_ + 1 : close]
        if not any(inner.alias is not None or _faults(inner) for inner in inside):
            continue  # 所谓的“民主峰会”: a fair name for one's own act, reversed by the marker
        for inner in inside:
            inner.alias = None
            if _faults(inner):
                inner.cues = {}
        if marker is not None and slots[marker].text.isascii():
            # the so-called "debt trap": an English label's owner is seldom named before it, so
            # the marker judges no one (美方所谓“…”: 所谓 still distances the label's owner)
            _drop_cues(slots[marker], {"irony"})


# Saying one thing and doing another (美方一边要求中方配合，一边对中国企业实施制裁; 一方面声称
# 欢迎外资，一方面却…; 口口声声…，却…): the paired markers, the words of professing in the first
# half or the 却 of the second that make the pair a charge of hypocrisy, and its weight.
PAIRED_MARKERS = frozenset({"一边", "一面", "一方面"})
PROFESSING = frozenset({"高喊", "声称", "宣称", "标榜", "口头上", "嘴上", "要求", "呼吁", "大谈", "口口声声"})
HYPOCRISY_OPENERS = frozenset({"口口声声"})
HYPOCRISY = -0.8
# A reason given in quotation marks (以“国家安全”为由, 以「檢疫問題」為由) is a pretext: a fault of
# the one who gives it, of this weight.
PRETEXT_MARKERS = frozenset({"为由", "为借口"})
PRETEXT = -0.6


def mark_hypocrisy(slots: list[_Slot]) -> None:
    """A charge of saying one thing and doing another is a fault of its subject: a pair of
    markers (一边…一边, 一面…一面, 一方面…一方面) carries the evaluation cue :data:`HYPOCRISY`
    when a word of professing stands in the first half (高喊, 声称, 要求…) or 却 in the second;
    so does 口口声声 when 却 follows it. The cue sits on the second marker, or on 却 (the half
    that tells what is done), and links as any act does, to the subject before it. A pair of markers with neither (一边发展经济，一边保护环境) is no charge."""
    texts = [s.text for s in slots]
    for k, text in enumerate(texts):
        if text in PAIRED_MARKERS:
            second = next((j for j in range(k + 1, len(texts)) if texts[j] == text), None)
            if second is None:
                continue
            professed = any(t in PROFESSING for t in texts[k + 1 : second])
            belied = "却" in texts[second + 1 :]
        elif text in HYPOCRISY_OPENERS:
            second = next((j for j in range(k + 1, len(texts)) if texts[j] == "却"), None)
            professed, belied = True, second is not None
            if second is None:
                continue
        else:
            continue
        if professed or belied:
            # on the second half, what is done: the first, what is professed, weighs less
            slots[second].cues = {**slots[second].cues, "evaluation": HYPOCRISY}
        return


def mark_pretexts(slots: list[_Slot]) -> None:
    """以“国家安全”为由: a reason in quotation marks right before 为由 is a pretext, a fault
    (:data:`PRETEXT`) of the one who gives it; the cue sits on 为由 and links to the subject
    before it. An unquoted reason (以国安为由) is no charge."""
    for k in range(2, len(slots)):
        if slots[k].text not in PRETEXT_MARKERS or slots[k - 1].text not in LABEL_QUOTES.values():
            continue
        opening = next(
            (j for j in range(k - 2, max(k - 2 - MAX_LABEL_SLOTS, -1), -1) if slots[j].text in LABEL_QUOTES),
            None,
        )
        if opening is not None and opening > 0 and slots[opening - 1].text == "以":
            slots[k].cues = {**slots[k].cues, "evaluation": PRETEXT}


# What may stand right before an English scare quote: a possessive, a determiner, a name.
_SCARE_OPENERS = frozenset({"'s", "’s", "the", "a", "an", "its", "their", "his", "her"})
MAX_SCARE_WORDS = 5
# How far after a closing quote a verb of saying makes it a report ("...," the ministry said).
SAID_AFTER = 4


def mark_scare_quotes(slots: list[_Slot]) -> None:
    """English scare quotes: in a sentence with no verb of saying, a short quotation right after
    a possessive, a determiner or a name (China's "peaceful rise", the "voluntary" restraints)
    is the author's doubt, so a favourable cue inside it is reversed. Chinese quotation marks
    often hold slogans and terms quoted plainly; there the markers (所谓, 口中的) say it."""
    said = [k for k, s in enumerate(slots) if "attribution" in s.cues or "irony" in s.cues]
    marks = [k for k, s in enumerate(slots) if s.text in SCARE_QUOTES]
    for open_, close in zip(marks[::2], marks[1::2], strict=False):
        if any(k < open_ or close < k <= close + SAID_AFTER for k in said):
            # reported speech quotes plainly (…said the curbs were "unfair"; "…", he said), and a
            # so-called marker reverses on its own; a verb of saying later in the sentence (a set
            # of rules it writes for itself) does not make the quote a report
            continue
        inside = slots[open_ + 1 : close]
        if not inside or len(inside) > MAX_SCARE_WORDS or not all(s.text.isascii() for s in inside):
            continue
        before = slots[open_ - 1] if open_ else None
        if before is None or not (before.text.lower() in _SCARE_OPENERS or before.alias is not None):
            continue
        for slot in inside:
            if any(slot.cues.get(c, 0) > 0 for c in CONTENT):
                slot.rhetorical = ("scare quotes", -1.0)


def mark_rebutted(slots: list[_Slot]) -> None:
    """An accusation the same sentence rebuts (美方指责中方操纵汇率，中方驳斥…; Beijing denied
    the accusation that...): in a sentence with a word of rebuttal (cue category ``rebuttal``:
    驳斥, 否认, 毫无根据, 纯属捏造; rejected, denied, baseless), the faults named in the
    accusation (from a verb of accusation that names the accused, from 关于/有关, or from a verb
    of saying whose claim a later clause rebuts, to the end of its clause) and the accusing verb
    itself lose their evaluation: the sentence as a whole does not convey them, as the
    annotation guideline has it (a rebutted claim loses every content cue). A noun of accusation naming no one
    (驳斥相关指控, denied the accusation) keeps its blame of the accuser."""
    rebuttals = [s.clause for s in slots if "rebuttal" in s.cues]
    if not rebuttals:
        return
    for k, slot in enumerate(slots):
        accusing = slot.cues.get("appraisal", 0.0) < 0 and "rebuttal" not in slot.cues
        # 美方声称中国“产能过剩”冲击全球市场，这种说法站不住脚: a claim a later clause rebuts
        claimed = "attribution" in slot.cues and max(rebuttals) > slot.clause
        if not accusing and not claimed and slot.text not in ACCUSATION_OPENERS:
            continue
        clause = [j for j, s in enumerate(slots) if s.clause == slot.clause]
        if accusing and (
            any("rebuttal" in slots[j].cues for j in clause if j < k)
            or not any(slots[j].alias is not None for j in clause if j > k)
        ):
            continue  # 驳斥相关指控, denied the accusation: a noun of accusation blames its author
        for j in (j for j in clause if j >= k):
            cues = slots[j].cues
            if "rebuttal" in cues:
                break
            # the faults named; of the words of accusation, only the verb that names the accused
            # (关于…的指控 blames the one who makes it)
            drop = {"evaluation"} if cues.get("evaluation", 0.0) < 0 else set()
            if claimed and j > k:
                drop = set(CONTENT)  # what a rebutted claim says is not conveyed at all
            if j == k and accusing:
                drop |= {"evaluation", "appraisal"}
            if drop:
                slots[j].cues = {c: w for c, w in cues.items() if c not in drop}


# An English concession word that, after a comma, adds a later clause weighing more (…, though).
AFTERTHOUGHTS = frozenset({"though"})


def clause_factors(slots: Sequence[_Slot], n_clauses: int) -> list[float]:
    """Each clause's weight: clauses before a contrast marker and concessive clauses count less,
    and every clause of a yes/no question (:func:`question_factor`)."""
    factors = [question_factor(slots)] * n_clauses
    for k, slot in enumerate(slots):
        # an English "though" after a comma (…, though several fabs have been delayed) adds a
        # later clause that weighs more, as "but" does
        afterthought = slot.text.lower() in AFTERTHOUGHTS and k > 0 and slots[k - 1].text == ","
        if "contrast" in slot.cues or (afterthought and "concession" in slot.cues):
            for c in range(slot.clause):
                factors[c] *= slot.cues.get("contrast", slot.cues.get("concession", 1.0))
        elif "concession" in slot.cues:
            factors[slot.clause] *= slot.cues["concession"]
    return factors


def is_foil(slots: Sequence[_Slot], members: Sequence[int]) -> bool:
    """Whether the clause is a foil: it opens with 与/和/同/跟 and closes with 不同 (and the like),
    or opens with "unlike" (Unlike Washington, Beijing…)."""
    words = [k for k in members if slots[k].text not in CLAUSE_BREAKS]
    if len(words) > 1 and slots[words[0]].text.lower() == "unlike":
        return True
    return len(words) > 2 and slots[words[0]].text in FOIL_OPENERS and slots[words[-1]].text in FOIL_CLOSERS
