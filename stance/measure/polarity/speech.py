"""Reported speech: after an attribution verb (表示, 指出, 称, 认为, 透露...) the rest of the
sentence is the voice of the person or body named before the verb; a quotation that opens a
sentence without a verb keeps the previous speaker."""

from __future__ import annotations

import re
from collections.abc import Sequence

from stance.measure.polarity.clauses import CLAUSE_BREAKS
from stance.measure.polarity.records import UNNAMED, _Context, _Slot
from stance.text.normalise import is_word, normalise_text

# Speaker extraction: a citation marker means the speaker is what follows it (援引消息人士称);
# locative and adverbial words are trimmed around the name (贝森特在节目中明确表示).
CITE_MARKERS = frozenset({"援引", "引述", "引用", "据", "另据", "根据", "according to"})
SPEAKER_CUT = frozenset({"在", "于", "接受", "通过", "向", "对", "面对", "回答", "答", "就", "针对", "对此"})
SPEAKER_TRIM = frozenset(
    [
        "也",
        "还",
        "则",
        "更",
        "同时",
        "公开",
        "明确",
        "进一步",
        "再次",
        "多次",
        "一再",
        "近日",
        "日前",
        "此前",
        "曾",
        "曾经",
        "已",
        "已经",
        "都",
        "亦",
        "均",
        "并",
        "特别",
        "直言",
        "普遍",
        "一致",
        "坚持",
        "甚至",
        "早前",
        "随后",
        "当时",
        "就",
        "便",
        "又",
        "仍",
        "仍然",
        "一直",
        "此外",
        "另外",
        "不过",
        "但",
        "但是",
        "而",
        "然而",
        "因此",
        "所以",
        "与此同时",
        "目前",
        "当天",
        "今天",
        "昨天",
        "本周",
        "上周",
        "近期",
        "最近",
        "previously",
        "also",
        "the",
        "a",
        "an",
    ]
)
# 可以说, 也就是说, 换句话说: discourse markers, not reported speech.
NOT_SPEECH_BEFORE = frozenset(
    {"可以", "可", "能", "应该", "就是", "也就是", "换句话", "总的来", "不用", "所以", "据", "所"}
)
# After a possessive (国务院的声明, the ministry's statement) a word of saying is a noun and the
# sentence is about the statement, unless a citation marker opens its clause (根据新华社的报道).
POSSESSIVES = frozenset({"'s", "’s", "的"})
# Trimmed only at the end: 分析 in 沈明室分析指出, but not in 分析人士指出.
SPEAKER_TRIM_END = frozenset({"分析", "撰文", "发文", "发表", "接受采访时", "受访时"})
PRONOUNS = frozenset({"他", "她", "他们", "她们", "其", "对方", "he", "she", "they"})
_DATE = re.compile(r"^[\d０-９]+$|^[年月日号]$|^(上午|下午|晚间|凌晨|周[一二三四五六日])$")
_STRIP = "的 \t\"'“”‘’《》「」()（）,，:：;；、.。"
# An appraisal word after one of these is received, not given (中国遭到批评, drew criticism).
NOT_ACTIVE_BEFORE = frozenset(
    {
        "被",
        "受",
        "遭",
        "受到",
        "遭到",
        "广受",
        "备受",
        "饱受",
        "获得",
        "赢得",
        "引发",
        "招致",
        "was",
        "were",
        "drew",
        "faced",
    }
)
# Markers that name a source without a verb of saying: the rest of the sentence is its speech.
SOURCE_MARKERS = frozenset({"according to"})
OPEN_QUOTES = ("“", '"', "「")
COLONS = frozenset({":", "："})
# At most this many slots after a closing attribution verb are read as the speaker's name.
MAX_NAME_SLOTS = 6
# What may follow "added" when it reports speech (…, he added. / added that … / added: "…")
ADDED_SPEECH = frozenset({"that", ",", ":", ".", '"', "“", "'", "‘", "in", "on"})
# Words that name only whom a speaker told (told reporters, told a news conference)
LISTENERS = frozenset(
    {
        "reporters",
        "journalists",
        "lawmakers",
        "legislators",
        "congress",
        "parliament",
        "the",
        "a",
        "an",
        "news",
        "conference",
        "briefing",
        "press",
        "audience",
        "media",
        "interview",
        "state",
        "television",
        "tv",
    }
)
# Words of a time or occasion phrase after an English speech verb (said on Tuesday, said in a
# statement late on Monday): they leave the verb at the end of the sentence.
TIME_WORDS = frozenset(
    [
        "on",
        "in",
        "at",
        "during",
        "last",
        "this",
        "late",
        "early",
        "earlier",
        "later",
        "today",
        "yesterday",
        "tonight",
        "week",
        "weekend",
        "month",
        "year",
        "morning",
        "afternoon",
        "evening",
        "night",
        "a",
        "an",
        "statement",
        "interview",
        "briefing",
        "news",
        "conference",
        "press",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
)
MAX_SPEAKER = 24
# An English name with its title is longer in characters (U.S. Trade Representative Katherine Tai).
MAX_SPEAKER_LATIN = 48


def _is_word(slot: _Slot) -> bool:
    return is_word(slot.text)


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _join(slots: Sequence[_Slot]) -> str:
    """The slots as written, with a space between two Latin words (Mr Smith) and after the full
    stop of an abbreviation or initial (Mr. Smith, U.S. Commerce Department, J. R. Mills)."""
    out = ""
    for s in slots:
        if out and _latin(s.written[:1]) and (_latin(out[-1]) or (out[-1] == "." and _latin(out[-2:-1]))):
            out += " "
        out += s.written
    return out


def _names_a_body(slot: _Slot) -> bool:
    """An English anaphor such as "the ministry" or "the company" names who speaks."""
    return slot.text.isascii() and " " in slot.text and set(slot.cues) == {"anaphor"}


def speaker_name(slots: Sequence[_Slot], context: _Context) -> str:
    """The speaker named by the slots before an attribution verb, trimmed of citation markers,
    adverbs and dates; a pronoun or an empty name falls back to the previous speaker."""
    names = list(slots)
    cites = [k for k, s in enumerate(names) if s.text in CITE_MARKERS]
    if cites:
        names = names[cites[-1] + 1 :]
    for k, s in enumerate(names):
        if k > 0 and s.text in SPEAKER_CUT:
            names = names[:k]
            break

    def trimmable(s: _Slot) -> bool:
        return (
            s.text.lower() in SPEAKER_TRIM
            or bool(_DATE.match(s.text))
            or (bool(s.cues) and s.alias is None and not _names_a_body(s))
        )

    while names and trimmable(names[0]):
        names = names[1:]
    while names and (trimmable(names[-1]) or names[-1].text in SPEAKER_TRIM_END):
        names = names[:-1]
    name = _join(names).strip(_STRIP)
    if not name:
        return context.last_speaker or UNNAMED
    if normalise_text(name).lower() in PRONOUNS:
        return context.last_speaker or name
    if len(name) > (MAX_SPEAKER_LATIN if name.isascii() else MAX_SPEAKER):
        aliases = [s.written for s in names if s.alias is not None]
        return aliases[-1] if aliases else UNNAMED
    return name


def _appraises(slots: Sequence[_Slot], k: int) -> bool:
    """An appraisal verb used actively, with a subject before it and a target after it in its
    clause (美方指责中国操纵汇率, Japan accused Russia of blackmail): what follows is the
    appraiser's charge, reported like speech."""
    if "appraisal" not in slots[k].cues:
        return False
    clause = [j for j, s in enumerate(slots) if s.clause == slots[k].clause]
    before = [j for j in clause if j < k and _is_word(slots[j])]
    after = [j for j in clause if j > k and slots[j].alias is not None]
    passive = any(slots[j].text.lower() in NOT_ACTIVE_BEFORE for j in before[-3:])
    return bool(before) and bool(after) and not passive


def appraiser(before: Sequence[_Slot], context: _Context | None = None) -> str:
    """Who appraises, from the slots of the clause before an appraisal verb (美国官员 in
    美国官员批评中国); "" when no name stands there."""
    words = [s for s in before if _is_word(s) and s.text not in CLAUSE_BREAKS]
    if not words:
        return ""
    name = speaker_name(words, context or _Context())
    return "" if name == UNNAMED else name


def _named_before_apposition(slots: Sequence[_Slot], verb_clause: int) -> list[_Slot]:
    """The slots of the clause two before the verb's (``Mr. Smith`` in "Mr. Smith, a trade
    official, said"), or of the one right before when there is no apposition; [] when that clause
    is long or carries a cue, so that a clause of ordinary text is never taken for a name."""
    for back in (2, 1):
        clause = verb_clause - back
        if clause < 0:
            continue
        names = [s for s in slots if s.clause == clause and s.text not in CLAUSE_BREAKS]
        words = [s for s in names if _is_word(s)]
        if words and len(words) <= MAX_NAME_SLOTS and not any(s.cues for s in words):
            return names
    return []


def _cited(slots: Sequence[_Slot], k: int) -> bool:
    """Whether a citation marker (根据, 据, according to) stands before slot ``k`` in its clause."""
    return any(s.text.lower() in CITE_MARKERS for s in slots[:k] if s.clause == slots[k].clause)


def _message_colon(slots: Sequence[_Slot]) -> tuple[int, int] | None:
    """(message noun, colon) when the clause before the sentence's first colon holds a noun of
    a message or position (message, warning, 信号, 立场); else None."""
    colon = next((k for k, s in enumerate(slots) if s.text in COLONS), None)
    if colon is None:
        return None
    noun = next(
        (
            k
            for k in range(colon)
            if "message" in slots[k].cues and slots[k].clause == slots[colon].clause - 1
        ),
        None,
    )
    return None if noun is None else (noun, colon)


def _give_voice(slots: list[_Slot], span: range, speaker: str, voiced: set[int]) -> None:
    for k in span:
        slots[k].speaker = speaker
        slots[k].voiced = slots[k].clause in voiced


def mark_speech(slots: list[_Slot], context: _Context) -> None:
    """Set the speaker of the reported-speech slots and remember it in ``context``."""
    verbs = [
        k
        for k, s in enumerate(slots)
        if ("attribution" in s.cues or _appraises(slots, k))
        and s.text not in CITE_MARKERS
        and not (k and slots[k - 1].text in NOT_SPEECH_BEFORE)
        and not (k and slots[k - 1].text in POSSESSIVES and not _cited(slots, k))
        # 像它所宣称的那样, 美方声称的威胁: a word of saying before 的 is nominalised (what X
        # claims), not a report of speech
        and not (k + 1 < len(slots) and slots[k + 1].text == "的")
        # Washington added 140 Chinese entities to its blacklist: "added" with an object is no
        # saying (…, he added; added that …)
        and not (
            s.text.lower() == "added" and k + 1 < len(slots) and slots[k + 1].text.lower() not in ADDED_SPEECH
        )
    ]
    if verbs:
        first_clause = slots[verbs[0]].clause
        verb = max(k for k in verbs if slots[k].clause == first_clause)
        start = next(k for k, s in enumerate(slots) if s.clause == first_clause)
        if slots[start].text in CLAUSE_BREAKS:
            start += 1
        after = [s for s in slots[verb + 1 :] if _is_word(s) and s.text.lower() not in TIME_WORDS]
        before = [s for s in slots[start:verb] if _is_word(s)]
        # Up to the next clause break: a name and nothing else (..., said Mr. Novak, an analyst).
        named = [s for s in after if s.clause == first_clause]
        # The speech comes before the verb when the verb closes the sentence (“...”,他说; China's
        # curbs are illegal, the minister said; ..., the ministry said on Tuesday) or only a name
        # follows it (..., said Mr Smith).
        # (..., a senior US official told reporters: what follows the verb names only whom it was
        # told, so the verb still closes the sentence)
        told = all(s.text.lower() in LISTENERS for s in after)
        trailing = first_clause > 0 and (
            not after
            or told
            or (not before and not any(s.cues for s in named) and len(named) <= MAX_NAME_SLOTS)
        )
        quoted_first = bool(slots) and slots[0].text.startswith(OPEN_QUOTES) and first_clause > 0
        if trailing and not before:
            # ..., said Mr. Smith, a trade official: the name ends at the next clause break
            names = [s for s in slots[verb + 1 :] if s.clause == first_clause]
            attribution = range(verb, verb + 1 + len(names))
        elif not before and not trailing and _latin(slots[verb].text[:1]):
            # Mr. Smith, a trade official, said ...: the name is the clause before the
            # apposition (English only: a Chinese verb opens its own clause far less often)
            names = _named_before_apposition(slots, first_clause)
            first = next((k for k, s in enumerate(slots) if names and s is names[0]), start)
            attribution = range(first, verb + 1)
        else:
            names = slots[start:verb]
            attribution = range(start, verb + 1)
        for k in attribution:
            slots[k].attribution = True
        speaker = speaker_name(names, context)
        if quoted_first or trailing:
            span = range(0, start)
            voiced = {slots[k].clause for k in span}
        else:
            # 白宫宣称关税合法，但多国批评…: after a contrast marker the author speaks again
            resume = next((k for k in range(verb + 1, len(slots)) if "contrast" in slots[k].cues), len(slots))
            span = range(verb + 1, resume)
            voiced = {next((slots[k].clause for k in span if _is_word(slots[k])), -1)}
        _give_voice(slots, span, speaker, voiced)
        context.last_speaker = speaker
    elif (
        cite := next((k for k, s in enumerate(slots) if s.text.lower() in SOURCE_MARKERS), None)
    ) is not None:
        # According to Reuters, X ... / X ..., according to officials: the source names the
        # speaker; its clause is the attribution and the other clauses are the speech.
        clause = slots[cite].clause
        names = [s for s in slots[cite + 1 :] if s.clause == clause]
        speaker = speaker_name(names, context)
        for slot in slots:
            if slot.clause != clause and _is_word(slot):
                slot.speaker = speaker
            elif any(slot is name for name in names):
                slot.attribution = True
        context.last_speaker = speaker
    elif (message := _message_colon(slots)) is not None:
        # Washington's message is clear: coercion will not work. What follows the colon is the
        # message, in the voice of the one named before the noun (the last speaker stays).
        noun, colon = message
        names = [s for s in slots[:noun] if s.clause == slots[noun].clause]
        while names and names[-1].text in POSSESSIVES:
            names = names[:-1]
        for slot in slots[:colon]:
            slot.attribution = slot.clause == slots[noun].clause
        resume = next((k for k in range(colon + 1, len(slots)) if "contrast" in slots[k].cues), len(slots))
        speaker = speaker_name(names, _Context()) if names else UNNAMED
        _give_voice(slots, range(colon + 1, resume), speaker, {slots[colon].clause})
    elif slots and slots[0].text.startswith(OPEN_QUOTES) and context.last_speaker:
        for slot in slots:
            slot.speaker = context.last_speaker
