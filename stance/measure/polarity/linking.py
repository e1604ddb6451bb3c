"""Linking a cue to its targets: the subject it describes (nearest subject-like mention before it
in the clause, else the first after it, else the clause topic) and, for relational cues
(dependence, comparison, control, appraisal), the other party."""

from __future__ import annotations

import re
from collections.abc import Sequence

from stance.measure.polarity.records import CLAUSE_BREAKS, CONTENT, QUOTE_PAIRS, _Slot, _Topic

# The words that name a partner, a rival or a co-actor (与美国, 同中方, 菲律宾与美国).
PARTNER_WORDS = frozenset({"与", "和", "同", "跟"})
COMPARE_MARKERS = PARTNER_WORDS | {"比", "较"}
# A clause that states the standard of a comparison in the next: 与美国相比, compared with the US.
STANDARD_CLOSERS = frozenset({"相比", "相较", "相比较", "比较", "比起来", "相比之下"})
STANDARD_OPENERS = frozenset({"compared", "comparison", "relative"})
STANDARD_SKIPPED = frozenset({",", "，", "、", "in"})
DEPEND_MARKERS = frozenset({"对", "对于", "on", "upon"})
# Words that exclude the mention right after them from what the clause says (It was Washington,
# not Beijing, that...; 是美国而非中国挑起了贸易战): it is neither a subject nor bound by a cue.
EXCLUDERS = frozenset({"not", "而非", "而不是", "不是"})
# The Chinese negation that excludes only when a correction follows (不是X，而是Y).
CORRECTED = frozenset({"不是"})
CORRECTIONS = frozenset({"而是"})
# Two-word excluders (Beijing, rather than Washington, ...), and every word that may exclude a
# mention after it (the second word of a pair stands right before the mention).
EXCLUDER_PAIRS = frozenset({("rather", "than"), ("instead", "of")})
EXCLUDING_WORDS = EXCLUDERS | {pair[1] for pair in EXCLUDER_PAIRS}
# What may stand between English "not" and the mention it excludes (not their American rivals),
# and how many plain words may follow the mention before the comma that closes its phrase.
EXCLUDED_DETERMINERS = frozenset({"the", "its", "their", "his", "her"})
EXCLUDED_PHRASE = 2
_BREAKS = frozenset({",", ";", "，", "；"})
# Words in -ing that open no participle clause of the subject's: prepositions and nouns (a verb
# of saying there, saying, insisting, is an attribution cue and is checked as one).
NOT_PARTICIPLES = frozenset(
    {
        "during",
        "including",
        "according",
        "following",
        "regarding",
        "concerning",
        "excluding",
        "notwithstanding",
        "pending",
        "something",
        "nothing",
        "anything",
        "everything",
        "morning",
        "evening",
        "meaning",
        "considering",
        "barring",
    }
)
# English prepositions of place: a mention after one is where something happens.
PLACE_PREPOSITIONS = frozenset(
    {"in", "around", "near", "across", "through", "inside", "within", "off", "throughout", "among"}
)
# What opens a reason phrase, closed by 而 (并没有因为外部封锁而停下, 并未因美国的打压而退缩): a
# negation reaches past it, and a mention inside it is not the subject of the verb after 而.
REASON_OPENERS = frozenset({"因为", "由于", "因"})


def excluded_at(slots: Sequence[_Slot], j: int) -> int | None:
    """The mention the word at ``j`` excludes, or None: the one right after 而非 and 而不是
    always; after English "not" (or "rather than", "instead of"), the first mention (past
    determiners: not their American rivals) of a phrase a comma closes (Washington, not
    Beijing, ...; Beijing, rather than Washington, ...; but not in China is not America's
    enemy), or "but" after "not" (not Washington but Beijing)."""
    pair = j > 0 and (slots[j - 1].text.lower(), slots[j].text.lower()) in EXCLUDER_PAIRS
    if slots[j].text.lower() not in EXCLUDERS and not pair:
        return None
    k = j + 1
    if slots[j].text.isascii():
        while k < len(slots) and slots[k].text.lower() in EXCLUDED_DETERMINERS:
            k += 1
    if k >= len(slots) or slots[k].alias is None:
        return None
    if slots[j].text in CORRECTED:
        # 不是美国，而是中国主导: only when 而是 follows (美国不是中国的对手 excludes no one)
        return k if any(slots[e].text in CORRECTIONS for e in range(k + 1, min(k + 4, len(slots)))) else None
    if not slots[j].text.isascii():
        return k
    end = k + 1
    while end < len(slots) and end - k <= EXCLUDED_PHRASE and slots[end].text.isalpha():
        if slots[end].text.lower() == "but" or slots[end].alias is not None:
            break
        end += 1
    if end < len(slots) and (slots[end].text in _BREAKS or (slots[end].text.lower() == "but" and not pair)):
        return k
    return None


def excludes(slots: Sequence[_Slot], j: int) -> bool:
    """Whether the word at ``j`` excludes a mention after it (see :func:`excluded_at`)."""
    return excluded_at(slots, j) is not None


# Prepositions that make a mention the one an act is directed at (向华府施压, 向美国低头, 给中国
# 施压; 把美国挤出: 把 marks the patient): never the act's subject, and the patient of a control or
# appraisal cue after it.
RECIPIENT_MARKERS = frozenset({"向", "给", "把"})
# Localizers that close a frame opened by 在 (在与中国的贸易战中, 在对美谈判上).
LOCALIZERS = frozenset({"中", "里", "上", "内", "之中", "当中", "期间", "方面", "过程中"})
# Words that may stand between a dependence verb and the depended-on party (依赖于中国, relies on
# the US).
LINKERS = frozenset({"于", "着", "了", "从", "来自", "the"})
RELATIVE_PRONOUNS = frozenset({"which", "whom", "whose"})
# The English possessive, as the tokenizer gives it (China 's).
POSSESSIVE_MARKS = frozenset({"'s", "’s", "'", "’"})
# English demonym adjectives (Chinese, American, Russian, British, Pakistani, Korean): before a
# noun they modify it, whatever governs the phrase.
DEMONYM = re.compile(r"(ese|ian|can|ish|ani|ean)$")
# US as a modifier (US provocations, but not the US as a noun: exports to the US fell)
ATTRIBUTIVE = re.compile(r"^u\.?s\.?$")
# Cue categories of a noun that heads the phrase a mention after a preposition possesses.
PHRASE_HEADS = frozenset({*CONTENT, "measure", "asset", "pledge"})
# Frames whose act is the named one's (在美国持续打压下, 面对美方极限施压), and what closes 在….
FRAME_OPENERS = frozenset({"在", "面对", "面临"})
FRAME_CLOSERS = frozenset({"下", "之下"})
# How far after a Chinese verb of appraisal the one appraised may be named (批评了日本政府).
APPRAISED_REACH = 4
# A Chinese market word: a country named right before it (中国市场份额) is the market's place;
# with the English ones, what names where a market is (dominate the US commercial market).
MARKET = "市场"
MARKET_WORDS = frozenset({MARKET, "market", "markets"})
# English prepositions that open a phrase before a clause's subject (In a rare concession, …).
CLAUSE_PREPOSITIONS = frozenset(
    {"in", "on", "at", "after", "before", "despite", "amid", "with", "without", "for", "by", "under", "as"}
)
# English words that are no subject of their own: determiners and pronouns, auxiliaries, adverbs
# and conjunctions, prepositions, and quantifiers that may open a clause before its verb.
ENGLISH_FUNCTION_WORDS = (
    frozenset({"the", "a", "an", "its", "their", "his", "her", "our", "my", "your", "this", "that"})
    | frozenset({"these", "those", "it", "they", "he", "she", "we", "you", "i", "who", "which", "what"})
    | frozenset({"there", "here", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had"})
    | frozenset({"do", "does", "did", "will", "would", "shall", "should", "can", "could", "may", "might"})
    | frozenset({"must", "not", "no", "also", "still", "now", "already", "yet", "even", "just", "only"})
    | frozenset({"and", "but", "or", "so", "then", "as", "after", "before", "when", "while", "if"})
    | frozenset({"because", "since", "although", "though", "despite", "however", "meanwhile", "indeed"})
    | frozenset({"instead", "too", "in", "on", "at", "to", "for", "of", "with", "by", "from", "over"})
    | frozenset({"under", "into", "onto", "about", "against", "between", "among", "through", "during"})
    | frozenset({"without", "within", "upon", "once", "far", "more", "most", "less", "least", "very"})
    | frozenset({"much", "many", "some", "any", "all", "both", "each", "every", "other", "another", "such"})
    | frozenset({"than"})
)
# What marks a partner in an act, not the one it is done to (competition with China, 与中国的合作).
PARTNER_MARKERS = frozenset({"with", "与", "同", "跟"})
# Participles that tie an English noun to the one behind it (hackers linked to China).
AFFILIATIONS = frozenset({"linked", "tied", "backed", "affiliated", "sponsored", "connected", "aligned"})
# Phrases that point back to an act, whose actor owns what is said of it (此举违反国际法).
ACT_ANAPHORS = frozenset(
    {"此举", "这一举措", "the move", "the measure", "the measures", "the decision", "the policy", "the step"}
)
ACT_DEMONSTRATIVES = frozenset({"这一", "这种", "该", "此", "这项", "上述", "这个", "此类", "这些"})
ACT_NOUNS_ZH = frozenset(
    {"做法", "举措", "法案", "决定", "行为", "政策", "措施", "举动", "行径", "规定", "禁令"}
)
# Words between a cue and a mention after it that make the mention what the cue describes (是, 为:
# 最大的受益者是中国; 的: 强大的中国), not its object.
TOPIC_BREAKS = frozenset({"是", "为", "的", "乃"})
# One-character abbreviations of countries that form a side-word with 方 (菲方, 越方, 韩方).
COUNTRY_ABBREVIATIONS = frozenset("菲越韩朝印澳英法德俄欧加巴泰马荷乌以伊土沙日美中")
# Chinese aspect markers that may stand between a verb and its object (遏制了中国), and the
# closing quotation marks that may too (“非法闯入”中国领海).
ASPECT_MARKERS = frozenset({"了", "着", "过"})
CLOSING_QUOTES = frozenset({"”", "」", "』", '"'})
VERB_OBJECT_GAP = ASPECT_MARKERS | CLOSING_QUOTES


def verb_before(slots: Sequence[_Slot], k: int) -> int:
    """The slot of the word the mention at ``k`` is the object of, if any: the one right before
    it past aspect markers and closing quotation marks (遏制了中国, “非法闯入”中国领海); -1 at the
    start of the sentence."""
    j = k - 1
    while j >= 0 and slots[j].text in VERB_OBJECT_GAP:
        j -= 1
    return j


# English words that open a clause of its own: a cue before one does not reach forward past it to
# a mention after it (the push is doomed to fail as China's edge holds: China does not fail).
SUBORDINATORS = frozenset(
    {
        "as",
        "because",
        "since",
        "while",
        "whereas",
        "when",
        "after",
        "before",
        "until",
        "unless",
        "if",
        "though",
        "although",
        "despite",
        "in spite of",
        "notwithstanding",
        "even though",
        "even if",
        "even as",
        "whilst",
    }
)


def _reach(slots: Sequence[_Slot], clause: Sequence[int], at: int) -> int:
    """The first slot after ``at`` that a cue does not reach forward to: the clause's first
    English subordinator after the cue (as, because, while...), else the end of the sentence."""
    return next((k for k in clause if k > at and slots[k].text.lower() in SUBORDINATORS), len(slots))


def _named_only_past(slots: Sequence[_Slot], topic: _Topic, stop: int) -> bool:
    """Whether the sentence names the topic's targets, and only after slot ``stop``."""
    named = [
        k
        for k, s in enumerate(slots)
        if s.alias is not None and not set(s.alias.targets).isdisjoint(topic.targets)
    ]
    return bool(named) and named[0] > stop


def group_targets(slots: Sequence[_Slot], group: int) -> tuple[tuple[str, ...], float]:
    """The targets of a group of coordinated mentions, and the heaviest alias weight among them."""
    members = [s for s in slots if s.group == group and s.alias is not None]
    targets: list[str] = []
    for s in members:
        targets.extend(t for t in s.alias.targets if t not in targets)
    return tuple(targets), max(s.alias.weight for s in members)


def topic_of(slots: Sequence[_Slot], group: int) -> _Topic:
    """The group of mentions as a topic later clauses and sentences can fall back on."""
    return _Topic(*group_targets(slots, group))


def _past_phrase(slots: Sequence[_Slot], m: int, at: int) -> bool:
    """Whether the cue at ``at`` stands past the noun phrase the mention at ``m`` possesses:
    a localizer closes it (美国在与中国的贸易战中节节败退: 中 ends the frame, and the cue is the
    predicate), or, for a mention after a preposition, another cue heads it first (华府对北京的
    经济胁迫束手无策: 经济胁迫 is Beijing's, 束手无策 the subject's; a measure or an asset heads
    it as well: 美国对中国的制裁彻底失败)."""
    between = range(m + 2, at)
    if any(slots[j].text in LOCALIZERS for j in between):
        return True
    # a measure or an asset heads the phrase too (美国对中国的制裁彻底失败, 中国对美国的出口下降)
    return bool(slots[m].oblique) and any(not slots[j].cues.keys().isdisjoint(PHRASE_HEADS) for j in between)


def _named_after(
    slots: Sequence[_Slot], at: int, after: Sequence[int], preposition: str, gap: int = 0
) -> int | None:
    """The mention of "``preposition`` X" after an English cue at ``at`` (a setback for Beijing,
    a victory for US diplomacy; pressure from Washington), or None. Up to ``gap`` plain words may
    stand between the cue and the preposition (unfair trade practices by Beijing)."""
    if not slots[at].text.isascii():
        return None
    for p in range(at + 1, min(at + 2 + gap, len(slots))):
        if slots[p].text.lower() == preposition:
            if p + 1 < len(slots) and slots[p + 1].text.lower() in RELATIVE_PRONOUNS:
                return None  # an advantage for which Moscow has no equivalent: a relative clause
            return next((k for k in after if p + 1 <= k <= p + 2), None)
        if slots[p].cues or slots[p].alias is not None or not slots[p].text.isalpha():
            return None
    return None


def _affiliate_after(slots: Sequence[_Slot], at: int, after: Sequence[int]) -> int | None:
    """The mention an English noun cue is tied to right after it (hackers linked to China's
    security ministry, militias backed by Tehran, firms affiliated with the PLA): the one behind
    the doers is the one the cue describes, or None."""
    if not slots[at].text.isascii() or at + 2 >= len(slots):
        return None
    if slots[at + 1].text.lower() not in AFFILIATIONS or slots[at + 2].text.lower() not in (
        "to",
        "by",
        "with",
    ):
        return None
    return next((k for k in after if at + 3 <= k <= at + 4), None)


def _doer_after(slots: Sequence[_Slot], at: int, after: Sequence[int], act: bool) -> int | None:
    """The one an English act or act of control is done by, named after it: provocations by China,
    unfair trade practices by Beijing, coercion by Beijing, pressure from Washington, approval
    from Beijing."""
    control = not slots[at].cues.keys().isdisjoint(("control", "measure", "gate"))
    doer = _named_after(slots, at, after, "by", gap=2) if act or control else None
    if doer is None and control:
        doer = _named_after(slots, at, after, "from")
    return doer


def _topic_chain(
    slots: Sequence[_Slot], clause: Sequence[int], at: int, first_after: int, topic: _Topic
) -> bool:
    """Whether a Chinese cue at ``at``, with no mention before it in its clause, continues the
    topic named in an earlier clause rather than describing the mention after it: not when a
    copula or 的 stands between (最大的受益者是中国, 强大的中国) or the mention is the topic."""
    if slots[at].text.isascii() or not clause or clause[0] == 0:
        return False
    if any(slots[j].text in TOPIC_BREAKS for j in range(at + 1, first_after)):
        return False
    if not set(slots[first_after].alias.targets).isdisjoint(topic.targets):
        return False
    return any(
        s.alias is not None and not set(s.alias.targets).isdisjoint(topic.targets) for s in slots[: clause[0]]
    )


def act_anaphor(slots: Sequence[_Slot], j: int) -> bool:
    """Whether slot ``j`` opens a phrase that points back to an act (此举, 这一做法, 该法案,
    the move, the decision), not to an actor (其, 该国, it, the government)."""
    text = slots[j].text.lower()
    if text in ACT_ANAPHORS:
        return True
    return text in ACT_DEMONSTRATIVES and j + 1 < len(slots) and slots[j + 1].text in ACT_NOUNS_ZH


def act_referent(slots: Sequence[_Slot], clause: Sequence[int], judge: int) -> int | None:
    """The slot of the first subject named before ``clause`` whose target is not the one at
    ``judge`` (the critic of 美方宣布加征关税，中方批评此举…), or None."""
    return _first_actor(slots, clause[0] if clause else judge, set(slots[judge].alias.targets))


def _first_actor(slots: Sequence[_Slot], end: int, others: set[str]) -> int | None:
    """The slot of the first subject before ``end`` that names none of ``others`` (a co-actor
    after 与 counts: 菲律宾与美国举行联合巡航), or None."""
    return next(
        (
            k
            for k in range(end)
            if slots[k].alias is not None
            and (not slots[k].oblique or slots[k].oblique in PARTNER_WORDS)
            and others.isdisjoint(slots[k].alias.targets)
        ),
        None,
    )


def _act_referent(
    slots: Sequence[_Slot], clause: Sequence[int], at: int, before: Sequence[int], topic: _Topic | None
) -> _Topic | None:
    """The actor of the act a phrase such as 此举 or "the move" points back to, when that phrase
    stands between the cue at ``at`` and the one who speaks of it: in 美方宣布加征关税，中方批评
    此举严重违反世贸规则 and 中方指出，此举违反国际法 the fault is the act's, so its actor's (the
    sentence's first subject that is not the speaker; else the topic carried over from the last
    sentence), not the critic's. None when no such phrase stands there, or when the phrase's
    own owner is named (美方此举)."""
    start = before[-1] + 1 if before else (clause[0] if clause else at)
    # 中方批评此举: the appraisal verb's own object counts as well
    end = at + 2 if not slots[at].cues.keys().isdisjoint(("appraisal", "verdict")) else at
    anaphor = next((j for j in range(start, min(end, len(slots))) if j != at and act_anaphor(slots, j)), None)
    if anaphor is None or (
        anaphor > 0 and (slots[anaphor - 1].alias is not None or slots[anaphor - 1].text == "的")
    ):
        return None
    if before:
        referent = act_referent(slots, clause, before[-1])
        if referent is not None:
            return topic_of(slots, slots[referent].group)
        speaker = set(slots[before[-1]].alias.targets)
        return topic if topic is not None and speaker.isdisjoint(topic.targets) else None
    # 中方指出，此举违反国际法: no one named before the cue in its clause, right after a clause
    # that ends in a verb of saying; the topic is the speaker, and the act is the sentence's
    # first other subject's (not after any other clause: …, calling the policy a failure)
    first = clause[0] if clause else at
    said = next((j for j in range(first - 1, -1, -1) if slots[j].text not in CLAUSE_BREAKS), None)
    if topic is None or said is None or "attribution" not in slots[said].cues:
        return None
    actor = _first_actor(slots, first, set(topic.targets))
    return topic_of(slots, slots[actor].group) if actor is not None else None


def _placed_owner(slots: Sequence[_Slot], clause: Sequence[int], at: int) -> int | None:
    """The mention right before a frame 在…的 that closes right before the cue at ``at``, even
    as an object or with a target inside the frame (对中国军队在台湾周边的挑衅行为: 中国军队, not
    台湾, nor the one who objects); else None."""
    if at < 3 or slots[at - 1].text != "的":
        return None
    opener = next((j for j in range(at - 2, max(at - 8, 0), -1) if slots[j].text == "在"), None)
    if opener is None:
        return None
    # (the mention, or the mention and its noun: 中国军队在…, 中国海警在…)
    owner = opener - 1 if slots[opener - 1].alias is not None else opener - 2
    if owner not in clause or slots[owner].alias is None or (owner < opener - 1 and slots[opener - 1].cues):
        return None
    if slots[owner].oblique and slots[owner].oblique not in DEPEND_MARKERS:
        return None  # 日本与中国在电池产能上的差距: the second of a pair is no owner
    inside = range(opener + 1, at - 1)
    if any(slots[j].text in CLAUSE_BREAKS or not slots[j].cues.keys().isdisjoint(CONTENT) for j in inside):
        return None
    return owner


def link(
    slots: Sequence[_Slot],
    clause: Sequence[int],
    at: int,
    topic: _Topic | None,
    exclude: int = -2,
    act: bool = False,
) -> tuple[tuple[str, ...], float, int]:
    """The subject a cue at slot ``at`` describes: nearest non-oblique mention before it in
    the clause, else the first one after it, else the topic, else an oblique one before it.
    An ``act`` (an evaluation cue: 抹黑, 挑衅) in a Chinese clause that names no one before it
    is the topic's, not the first one's after it (:func:`_topic_chain`); a state (孤立了中国,
    让美国计划落空) stays with the one named after it."""
    before = [k for k in clause if k < at and slots[k].alias is not None and slots[k].group != exclude]
    if before and before[-1] == at - 1 and slots[at].text.startswith(MARKET):
        before.pop()  # 美国企业失去中国市场份额: the country named before its market is where, not who
    if before and _reported_subject(slots, clause, before[-1], at):
        # Beijing said the Philippine vessel had illegally intruded: what the speaker reports of a
        # subject of its own that is no target is not the speaker's act
        before = []
    if _third_side_between(slots, before[-1] if before else -1, at):
        # 中国海警称，菲方船只“非法闯入”中国领海: a third country's side named between is the
        # subject, neither the speaker before it nor the target after the verb
        return (), 0.0, -1
    actor = _act_referent(slots, clause, at, before, topic)
    if actor is not None:
        return actor.targets, actor.weight, -1
    stop = _reach(slots, clause, at)
    # (after the cue, the excluded party is excluded under any of its names: 倒逼中国…实现国产替代)
    excluded = {
        t
        for k in clause
        if slots[k].alias is not None and slots[k].group == exclude
        for t in slots[k].alias.targets
    }
    after = [
        k
        for k in clause
        if at < k < stop
        and slots[k].alias is not None
        and slots[k].group != exclude
        and not (excluded and excluded.issuperset(slots[k].alias.targets))
    ]
    beneficiary = _doer_after(slots, at, after, act)
    if beneficiary is None:
        beneficiary = _affiliate_after(slots, at, after)
    if beneficiary is None and not act:
        beneficiary = _named_after(slots, at, after, "for")
    if beneficiary is None and not before:
        # the regime in Beijing, the slowdown in China: the one a noun is placed in
        beneficiary = _named_after(slots, at, after, "in")
    if beneficiary is not None:
        # an own goal for Washington, a victory for US diplomacy, a setback for Beijing: a state
        # named as a noun is the state of the one it is for; pressure from Washington, threats
        # from Beijing: the one it comes from is the actor
        targets, weight = group_targets(slots, slots[beneficiary].group)
        return targets, weight, slots[beneficiary].group
    placed = _placed_owner(slots, clause, at)
    if placed is not None:
        # 美方对中国军队在台湾周边的挑衅行为深表关切: the one whose act is placed somewhere owns
        # it, also when a place inside the frame is a target
        targets, weight = group_targets(slots, slots[placed].group)
        return targets, weight, slots[placed].group
    if before:
        # A mention right before the cue, or its possessor (北京的出口管制, 对中方履约), binds
        # the cue whatever its role in the clause; not the object of an English preposition (the
        # sanctions on Russia failed), nor an oblique alias (美国对华强硬, 美方对华极限施压: the
        # stance is the subject's), nor the one an act is directed at (北京向华府施压).
        m = before[-1]
        english_object = slots[m].oblique.isascii() and bool(slots[m].oblique)
        # an oblique alias holds its preposition (对华, 涉华, anti-China): always the object
        object_alias = (
            slots[m].alias.alias_kind == "oblique"
            or slots[m].oblique in RECIPIENT_MARKERS | EXCLUDERS
            # 美国对中国的关税: the one a measure is aimed at does not own it
            or (slots[m].oblique in DEPEND_MARKERS and "measure" in slots[at].cues)
            # 美国无意与中国脱钩: the partner after 与 is not the one who acts, its subject is
            or (
                act
                and slots[m].oblique in PARTNER_WORDS
                # (与中国黑客相比: the partner's own noun inside a standard of comparison)
                and not any(s.text in STANDARD_CLOSERS for s in slots[at + 1 : at + 3])
                and (
                    any(not slots[k].oblique and slots[k].group != slots[m].group for k in before)
                    or (topic is not None and set(topic.targets) != set(slots[m].alias.targets))
                )
            )
            # 美方对中国横加指责: nor the one an act is done to (but 对北京的经济胁迫束手无策 and
            # 对美方单边加税的反制 hold its own act inside the phrase, and 对于 opens a topic)
            or (
                act
                and slots[m].oblique == "对"
                and "的" not in (s.text for s in slots[m + 1 : m + 2] + slots[at + 1 : at + 3])
            )
        )
        # An English possessive or demonym before a noun cue is its owner even as the object of
        # a preposition (rallied its allies against China's coercion, against Chinese coercion).
        english_owner = slots[m].text.isascii() and (
            (slots[m + 1].text in POSSESSIVE_MARKS and at - m <= 3)
            or (m == at - 1 and DEMONYM.search(slots[m].text.lower()) is not None)
            or (
                m == at - 1
                and ATTRIBUTIVE.match(slots[m].text.lower()) is not None
                and (m == 0 or slots[m - 1].text.lower() not in ("the", "a", "an"))
            )
        )
        # 并未因美国的打压而退缩: the one named in the reason is not the one who did not retreat
        reason = slots[m].oblique in REASON_OPENERS and any(slots[j].text == "而" for j in range(m + 1, at))
        if act and _framed_act(slots, m, at):
            # 在美国持续打压下, 面对美方极限施压: the act named in the frame is its own
            targets, weight = group_targets(slots, slots[m].group)
            return targets, weight, slots[m].group
        if english_owner or (
            not (english_object or object_alias or reason)
            and (
                m == at - 1
                # 美元“武器化”: a quotation mark between the mention and its cue
                or (m == at - 2 and slots[at - 1].text in QUOTE_PAIRS)
                or (slots[m + 1].text == "的" and at - m <= 5 and not _past_phrase(slots, m, at))
                # 中共在南海的危险行为: the one whose act is placed somewhere owns it
                or (slots[m + 1].text == "在" and slots[at - 1].text == "的" and at - m <= 6)
            )
        ):
            targets, weight = group_targets(slots, slots[m].group)
            return targets, weight, slots[m].group
    if not before and topic is not None and _participle_clause(slots, clause, at):
        # Beijing has bankrolled ports across Africa, winning goodwill...: a participle clause
        # after a comma has the main clause's subject, not the one named later in it
        return topic.targets, topic.weight, -1
    if not before and topic is not None and any("anaphor" in slots[k].cues for k in clause if k < at):
        # ..., but it remains years behind Taiwan and the US: a pronoun subject is the topic, not
        # the target named after the cue
        return topic.targets, topic.weight, -1
    if (
        not before
        and after
        and topic is not None
        and act
        and _topic_chain(slots, clause, at, after[0], topic)
    ):
        # 美国一些政客罔顾事实，抹黑中国: a Chinese clause that names no one before its verb
        # goes on with the topic; the one named after the verb is its object. A state stays with
        # the one named after it (孤立了中国, 让美国计划落空): the clause may have a subject of its
        # own that is no target (不少学生被迫转向英国).
        return topic.targets, topic.weight, -1
    # Ford's engineers were humbled by a Chinese-made EV: an English clause whose subject before
    # the cue is no target says nothing of one named only after the cue (a topic carried over
    # from an earlier clause stays: China's top foundry, SMIC, remains behind)
    # (the one it is for stays: the deal is mutually beneficial for Japan and Australia)
    own_subject = not before and slots[at].text.isascii() and _english_subject(slots, clause, at)
    beneficiaries = (
        [k for k in after if slots[k].oblique == "for"]
        if own_subject and at + 1 < len(slots) and slots[at + 1].text.lower() == "for"
        else []
    )
    if own_subject and not beneficiaries and not any(slots[k].alias is not None for k in range(clause[0])):
        return (), 0.0, -1
    # 一些国家企图遏制中国发展, 个别国家抹黑中国: a Chinese act with no one named before it and a
    # target right after it (past an aspect marker) has that target as its object, never its doer
    object_after = (
        act and not before and after and not slots[at].text.isascii() and verb_before(slots, after[0]) == at
    )
    for pool in (
        [k for k in reversed(before) if not slots[k].oblique],
        [] if object_after else beneficiaries if own_subject else [k for k in after if not slots[k].oblique],
    ):
        if pool:
            targets, weight = group_targets(slots, slots[pool[0]].group)
            return targets, weight, slots[pool[0]].group
    if topic is not None:
        if not before and stop < len(slots) and _named_only_past(slots, topic, stop):
            return (), 0.0, -1  # the topic is named only past a subordinator after the cue
        return topic.targets, topic.weight, -1
    # an oblique mention is the object of what it names (对华出口管制收效甚微, anti-China
    # rhetoric is dangerous, the president's China strategy is in disarray): never the subject
    # (nor is the one an act is done to: 美国大学对中国留学生设置障碍, whose subject is no target)
    last = [
        k
        for k in before
        if slots[k].alias.alias_kind != "oblique"
        and not (
            (act or "comparison" in slots[at].cues) and slots[k].oblique in RECIPIENT_MARKERS | DEPEND_MARKERS
        )
    ]
    if last:
        targets, weight = group_targets(slots, slots[last[-1]].group)
        return targets, weight, slots[last[-1]].group
    return (), 0.0, -1


def _third_side_between(slots: Sequence[_Slot], m: int, at: int) -> bool:
    """Whether a country's side that is no target (菲方, 越方: a country's abbreviation and 方)
    stands after the slot ``m`` and before the cue at ``at`` with no target after it."""
    return any(
        slots[j].alias is None
        and len(slots[j].text) == 2
        and slots[j].text[1] == "方"
        and slots[j].text[0] in COUNTRY_ABBREVIATIONS
        and not any(slots[k].alias is not None for k in range(j + 1, at))
        for j in range(m + 1, at)
    )


def _reported_subject(slots: Sequence[_Slot], clause: Sequence[int], m: int, at: int) -> bool:
    """Whether an English verb of saying stands between the mention at ``m`` and the cue at
    ``at``, followed (past an optional "that") by an article and a proper name that open a
    subject of its own with no target in it (said the Philippine vessel had…)."""
    if not slots[at].text.isascii():
        return False
    speech = [j for j in clause if m < j < at and "attribution" in slots[j].cues]
    if not speech:
        return False
    j = speech[-1] + 1
    if j < at and slots[j].text.lower() == "that":
        j += 1
    # (a proper name after the article: the Philippine vessel, not the new licensing regime,
    # which may well be the speaker's own)
    return (
        j + 1 < at
        and slots[j].text.lower() in ("the", "a", "an")
        and slots[j + 1].text[:1].isupper()
        and not any(slots[k].alias is not None for k in range(j, at))
    )


def _english_subject(slots: Sequence[_Slot], clause: Sequence[int], at: int) -> bool:
    """Whether an English clause has a content word before the cue at ``at`` (a subject of its
    own: Ford's engineers were humbled), not only function words (It was humbled, Also humbled)."""
    words = [k for k in clause if k < at and slots[k].text.isalpha()]
    if not words or slots[words[0]].text.lower() in CLAUSE_PREPOSITIONS:
        return False  # In a rare concession, Beijing agreed…: the words before are a phrase
    if any("causative" in slots[k].cues for k in words):
        return False  # delays have made the United States a less attractive destination
    return any(slots[k].text.lower() not in ENGLISH_FUNCTION_WORDS for k in words)


def _framed_act(slots: Sequence[_Slot], m: int, at: int) -> bool:
    """Whether the act at ``at`` is named in a frame round the mention at ``m``: 在X…下 (在美国
    持续打压下) or 面对/面临X… (面对美方极限施压), with no mention or content cue between them."""
    if slots[m].oblique not in FRAME_OPENERS or at - m > 3:
        return False
    if any(
        not slots[j].cues.keys().isdisjoint(CONTENT) or slots[j].alias is not None for j in range(m + 1, at)
    ):
        return False
    if slots[m].oblique == "在":
        return at + 1 < len(slots) and slots[at + 1].text in FRAME_CLOSERS
    return True


def _participle_clause(slots: Sequence[_Slot], clause: Sequence[int], at: int) -> bool:
    """Whether ``clause`` is an English participle clause after a comma (…, winning goodwill;
    …, leaving Washington isolated) and the cue at ``at`` stands before any mention in it."""
    words = [k for k in clause if slots[k].text.isalpha()]
    if not words or words[0] == 0 or not slots[words[0]].text.isascii():
        return False
    first = slots[words[0]].text.lower()
    opened = slots[words[0] - 1].text in _BREAKS
    return (
        opened
        and first.endswith("ing")
        and len(first) > 5
        and first not in NOT_PARTICIPLES
        and not slots[words[0]].cues.get("attribution")
        and not any(slots[k].alias is not None for k in clause if k < at)
    )


def _standard_before(slots: Sequence[_Slot], clause: Sequence[int]) -> int | None:
    """The mention a comparison's clause is measured against when the clause before it states the
    standard: 与美国相比，中国仍有差距; compared with America, China still lags."""
    if not clause or clause[0] == 0:
        return None
    previous = [k for k in range(clause[0]) if slots[k].clause == slots[clause[0]].clause - 1]
    words = [k for k in previous if slots[k].text not in STANDARD_SKIPPED]
    if len(words) < 2:
        return None
    first, last = slots[words[0]].text.lower(), slots[words[-1]].text
    opened = first in COMPARE_MARKERS and last in STANDARD_CLOSERS
    opened = opened or (
        first in STANDARD_OPENERS and len(words) > 2 and slots[words[1]].text.lower() in {"with", "to"}
    )
    mentions = [k for k in words if slots[k].alias is not None]
    return mentions[0] if opened and mentions else None


def _market_of(slots: Sequence[_Slot], k: int) -> bool:
    """Whether the mention at ``k`` names where a market is (the US commercial market, China's
    market, 美国市场): a place, not a party."""
    ahead = [s.text.lower() for s in slots[k + 1 : k + 5] if s.text.lower() not in ("'s", "’s", ".")]
    # (an English adjective may stand between: the US commercial market; not so in Chinese:
    # 迫使北京开放市场)
    return not MARKET_WORDS.isdisjoint(ahead[: 2 if slots[k].text.isascii() else 1])


def other_party(slots: Sequence[_Slot], clause: Sequence[int], at: int, category: str) -> int | None:
    """The slot of the other party of a relational cue, or None. A mention that names where a
    market is (dominate the US market) is no party after a cue of control."""
    stop = _reach(slots, clause, at)
    after = [k for k in clause if at < k < stop and slots[k].alias is not None]
    if category == "control":
        after = [k for k in after if not _market_of(slots, k)]
    before = [k for k in clause if k < at and slots[k].alias is not None]
    if category == "dependence":
        # 对中国的依赖; 向美国低头, 对华让步: the one yielded to is marked as a recipient
        inside = [k for k in reversed(before) if slots[k].oblique in DEPEND_MARKERS | RECIPIENT_MARKERS]
        if inside:
            return inside[0]
        # 依赖中国(进口): the depended-on party follows the verb directly.
        near = [k for k in after if k == at + 1 or (k == at + 2 and slots[at + 1].text.lower() in LINKERS)]
        return near[0] if near else None
    if category == "comparison":
        # gaining market share in Europe: a place named after the cue is no party compared with
        # 对美出口超越对中国大陆出口: a flow to a party (对X) compared is no party compared with
        compared = [k for k in after if slots[k].oblique not in PLACE_PREPOSITIONS | DEPEND_MARKERS]
        if compared:
            return compared[0]
        marked = [k for k in reversed(before) if slots[k].oblique in COMPARE_MARKERS]
        return marked[0] if marked else _standard_before(slots, clause)
    if category == "control":
        if after and _doer_after(slots, at, after, False) is not None:
            # caved in to pressure from Beijing: the one under it is the subject
            subjects = [k for k in reversed(before) if not slots[k].oblique]
            return subjects[0] if subjects else None
        if after:
            return after[0]
        marked = [k for k in reversed(before) if slots[k].oblique in DEPEND_MARKERS | RECIPIENT_MARKERS]
        return marked[0] if marked else None
    if category == "appraisal":
        # welcomes competition with China: a partner named after "with" is not the one appraised
        after = [k for k in after if slots[k].oblique not in PARTNER_MARKERS]
        if before and at + 1 < len(slots) and act_anaphor(slots, at + 1):
            # 美国众议院通过一项法案，中方批评该法案…: what is appraised is the act named before,
            # so its actor's (a mention inside the act's description, 一个中国原则, is none)
            return act_referent(slots, clause, before[-1])
        if after:
            # the one appraised is the verb's object (accused the US, 批评了美国, condemned
            # Beijing's move), not a target named further on in what it is appraised for
            # (accused the president of capitulating to Beijing)
            if any("contrast" in slots[j].cues for j in range(at + 1, after[0])):
                return None  # welcomes competition but will not allow Beijing to…
            if slots[at].text.isascii():
                charged = any(slots[j].text.lower() == "of" for j in range(at + 2, after[0]))
                return None if charged else after[0]
            return after[0] if after[0] - at <= APPRAISED_REACH else None
        marked = [k for k in reversed(before) if slots[k].oblique in DEPEND_MARKERS | RECIPIENT_MARKERS]
        return marked[0] if marked else None
    return None
