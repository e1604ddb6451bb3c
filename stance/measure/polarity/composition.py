"""Cue composition: each content cue composed with the operators before it in its clause
(negators, shifters, intensifiers, hedges, attempt words), weighted by its clause, and added to
the targets it is linked to, with relational cues giving the other party the opposite sign."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from stance.measure.polarity.clauses import CLAUSE_BREAKS, DETERMINERS, LABEL_MARKERS, UNDERTAKINGS
from stance.measure.polarity.implicit import QUANTITY_WORDS
from stance.measure.polarity.linking import (
    EXCLUDED_PHRASE,
    EXCLUDER_PAIRS,
    LOCALIZERS,
    PARTNER_WORDS,
    POSSESSIVE_MARKS,
    REASON_OPENERS,
    SUBORDINATORS,
    act_referent,
    excludes,
    group_targets,
    link,
    other_party,
)
from stance.measure.polarity.records import (
    AUTHOR,
    CONTENT,
    DIMENSION,
    RELATIONAL,
    _ClauseGains,
    _Slot,
    _Tally,
    _Topic,
)
from stance.measure.polarity.speech import appraiser

# The passive markers a segmenter glues to the word before them (虽遭, 屡遭, 曾被).
PASSIVE_GLUED = frozenset({"遭", "被"})
PASSIVE_MARKERS = frozenset(
    {
        "被",
        "受",
        "遭",
        "受到",
        "遭到",
        "遭受",
        "遭遇",
        "频频遭遇",
        "均遭",
        "屡遭",
        "惨遭",
        "皆遭",
        "又遭",
        "均被",
        "屡被",
        "又被",
        "也被",
    }
)
# Verbs of receiving an appraisal: in 广受称赞, 备受质疑, drew criticism the subject is appraised.
# How far before an appraisal verb a receiver stands (获得国际社会普遍赞扬: 国际 社会 普遍 between).
RECEIVER_REACH = 5
RECEIVERS = frozenset(
    {
        "获得",
        "得到",
        "博得",
        "受到",
        "广受",
        "赢得",
        "备受",
        "饱受",
        "遭到",
        "招致",
        "引发",
        "drew",
        "won",
        "earned",
        "received",
        "faced",
        "faces",
        "draws",
        "wins",
        "win",
        "earn",
        "earns",
        "receive",
        "receives",
        "draw",
        "gain",
        "gained",
        "gains",
        "earning",
        "drawing",
        "receiving",
    }
)
# Words a decline word looks past for the cue it reverses (China's grip on the market is slipping).
PASS_THROUGH = frozenset(
    {
        "scope",
        "term",
        "modal",
        "hedge",
        "evidential",
        "intensifier",
        "anaphor",
        "contest",
        "measure",
        "victim",
        "benefit",
    }
)
# The largest weight of a cue that, said of two targets together, is what they do together
# (合作, 共识, 协商) and so neither's virtue or success.
RECIPROCAL_MAX = 0.4
# Words of talks between the pair: how they go is no strength or weakness of either side (but a
# joint venture's agreement can be its success: 形成美日澳主导的供应链闭环).
NEGOTIATION = frozenset(
    {"磋商", "谈判", "会谈", "让步", "talks", "negotiations", "negotiators", "concessions"}
)
# Words that name the two sides together (双方都作出了让步, both sides).
PAIR_WORDS = frozenset({"双方", "两国", "双边", "both"})
# Words of requirement before an approval (出口需中方批准, require approval from Beijing).
REQUIREMENTS = frozenset(
    {
        "需",
        "须",
        "需经",
        "须经",
        "需要",
        "必须",
        "须获",
        "需获",
        "require",
        "requires",
        "required",
        "need",
        "needs",
        "needed",
    }
)
# Markers of the unexpected before a boost word (反而促使, instead spurred), and the boost
# words that carry their own (倒逼: to force from behind).
UNEXPECTED = frozenset({"反而", "反倒", "反而是", "instead", "ironically", "far from"})
SELF_UNEXPECTED = frozenset({"倒逼"})
# How far after a verb of receiving what it receives may stand (赢得了当地民众的广泛赞誉).
RECEIVED_REACH = 5
# How far after a verb of helping the fault it helps commit may stand (helped Russia evade).
ASSIST_REACH = 4
# verbs of forcing whose object acts in the complement (forced Ford to halt production, 迫使车企
# 停产): what the forced one then does or suffers is its own, as with the helped one
FORCERS = frozenset(
    {
        "forced",
        "forces",
        "force",
        "forcing",
        "compelled",
        "coerce",
        "coerced",
        "迫使",
        "逼迫",
        "逼使",
        "胁迫",
        "强迫",
    }
)
# What marks a fault as another's right before it (俄罗斯的侵略, Russia's aggression).
OWNER_MARKS = frozenset({"的", *POSSESSIVE_MARKS})
# Verbs of resisting: help to resist a fault is no complicity in it.
OPPOSERS = frozenset(
    {
        "resist",
        "counter",
        "fight",
        "defend",
        "against",
        "抵抗",
        "抵御",
        "对抗",
        "抗击",
        "反击",
        "打击",
        "应对",
    }
)
# The potency of an asset (capacity, market share) after a word of loss, before its reversal.
LOST_ASSET = 0.6
# The potency of a plain movement word (rose, 上升) that moves a burden, before its reversal.
TREND_POTENCY = 0.3
# Prepositions that name the rival of a contest after 在 (在与中国的竞争中).
RIVAL_MARKERS = PARTNER_WORDS
# Markers of a partner in a joint act (与中方达成协议, agreed with Beijing).
PARTNER_MARKERS = RIVAL_MARKERS | {"with"}
# Markers of an object moved before its verb (美国将中国视为威胁, 把中方称为对手).
DISPOSALS = frozenset({"将", "把"})
# A verdict verb whose object is an anaphor (calling it unfair, 称其违法): the object is a party
# named earlier in the sentence. Chinese verdict terms hold the pronoun after their first
# character (称其, 斥之为, 视其为).
OBJECT_ANAPHORS = frozenset({"it", "them", "其", "之"})
ENGLISH_PASSIVE = frozenset({"was", "were", "is", "are", "be", "been", "being", "get", "gets", "got"})
PARTICIPLE_ENDINGS = ("ed", "en", "hit", "shut", "cut", "beaten")
# How many slots an operator reaches forward to the cue it modifies (无法摆脱对中国稀土供应的依赖).
# A shifter reaches over a holder and its place (削弱了中国在全球太阳能市场的主导地位: 8 slots).
OPERATOR_REACH = {
    "negator": 12,
    "embedded_negator": 12,
    "irony": 8,
    "shifter": 10,
    "intensifier": 3,
}
# An English scare marker (so-called) reaches only the label right after it (Beijing's so-called
# peace plan was dismissed: not the verb of the clause).
LABEL_REACH = 3


def _reach_of(slots: Sequence[_Slot], operator: tuple) -> int:
    """How many slots after it an operator (category, weight, label, slot) reaches."""
    if (
        operator[0] == "irony"
        and slots[operator[3]].text.lower() in LABEL_MARKERS
        and slots[operator[3]].text.isascii()
    ):
        return LABEL_REACH
    return OPERATOR_REACH[operator[0]]


# How far after a comparison word a cost it compares may close its phrase (以远低于美国同行的成本).
COST_AFTER_REACH = 6


# What closes an inserted comparison after 的 (像外界预期的那样, 如其所料的一样).
LIKENESS_CLOSERS = frozenset({"那样", "一样", "那般", "这样", "般"})
# Words of ability: a negation of one reaches the verb after it too (never been able to match).
ABILITIES = frozenset({"able to", "capable of", "能够", "有能力", "能力"})
# Verbs of prevention; negated with nothing they scope, the one not stopped went on (this much
# potency), and the would-be preventer failed.
PREVENTERS = frozenset(
    {"阻止", "阻挡", "挡住", "拦住", "遏止", "stop", "stopped", "prevent", "prevented", "halt", "halted"}
)
UNPREVENTED = 0.6
# Degree words between 比X and the cue it compares (中国比美国更可靠).
DEGREE_WORDS = frozenset({"更", "更加", "更为", "还", "还要", "要", "远", "远远", "略", "稍", "都"})
# Words that size a measure right after them (升级制裁, strengthened its controls), as trend words
# do (expanded restrictions, 扩大制裁): no strength of the one who imposes it.
MEASURE_SIZERS = frozenset({"升级", "强化", "加强", "strengthened", "strengthen", "stepped up", "tightened"})
# The content categories other than potency (a cue of potency alone may only size a measure).
NOT_POTENCY = tuple(c for c in CONTENT if c != "potency")
# Prepositions after a measure that open what it is on (restrictions on sales of advanced chips).
MEASURE_OBJECT_MARKERS = frozenset({"on", "of", "for", "against", "targeting"})
# Verbs of announcing: what follows is the announcer's own act, not a comment on others.
ANNOUNCERS = frozenset({"宣布", "宣告", "announced", "announces", "announce"})
# How far from a pressure word "under" (before) or "into" (after) may stand: under US pressure,
# under pressure from Washington, pressured the Netherlands into curbing.
FORCED_REACH = 4
# Predicates that say a measure or pressure worked (up to FORCED_REACH slots after it).
MEASURE_WORKED = frozenset(
    {
        "奏效",
        "达到预期",
        "达到预期效果",
        "见效",
        "收效",
        "成效",
        "取得成效",
        "显现",
        "succeeded",
        "succeeds",
        "worked",
        "bite",
        "bites",
        "biting",
        "bitten",
        "paid off",
        "bore fruit",
    }
)
# how far after a measure the word that says it worked or failed may stand (tariffs on Chinese
# EVs have worked)
WORKED_REACH = 8
# words that say a measure achieved little (did little to; 收效甚微 is a potency cue of its own)
MEASURE_FUTILE = frozenset(
    {
        "did little to",
        "done little to",
        "does little to",
        "do little to",
        "little effect",
        "limited impact",
        "little impact",
        "few concrete results",
        "barely dented",
        "barely made a dent in",
        "收效甚微",
        "效果有限",
        "作用有限",
        "影响有限",
        "冲击有限",
    }
)
# English predicates that say a measure or pressure failed (pressure from Washington had failed,
# the tariffs backfired): its author down, its target up, as a measure that did not work.
MEASURE_FAILED = frozenset({"failed", "backfired", "faltered", "fell flat", "fizzled", "fizzled out"})
MEASURE_TOLD = MEASURE_WORKED | MEASURE_FUTILE | MEASURE_FAILED
# Words of impact that, as a verb with an object or as what a verb of causing causes (冲击全球
# 市场, 造成冲击), are a fault of the one who strikes, of this weight.
IMPACT_VERBS = frozenset({"冲击"})
CAUSING_VERBS = frozenset({"造成", "带来", "构成"})
IMPACT_FAULT = 0.8
# Finite verbs that open a second verb phrase after "and" or "but" (and remains, but has).
FINITE_VERBS = frozenset(
    {
        "is",
        "was",
        "are",
        "were",
        "has",
        "have",
        "had",
        "remains",
        "remained",
        "continues",
        "continued",
        "will",
    }
)
# A comparative that grades the cue right after it down (less dependent, less competitive).
LESSER = frozenset({"less"})
# How far after a rebuff word (ignored, 拒绝) the demand it turns down may stand.
REBUFF_REACH = 5
# How far after its owner a demand word may stand (美方的无理要求, Washington's repeated calls).
DEMAND_REACH = 4
# After a replacement word (replaced, 取代), the words that name the role the one replaced
# loses, and how far after the word the role may start (replaced the United States as).
ROLE_MARKERS = frozenset({"as", "成为"})
REPLACED_REACH = 5
# How far before a failure word (unable, 不能) a negator may stand to cancel it (not unable).
LITOTES_REACH = 3
# A negated weakness or fault is only weakly its opposite (并非失败, not a bully): the guideline
# labels it 0 unless the opposite is stated, so a negated negative keeps this share of its size.
NEGATED_NEGATIVE = 0.3
# Negators that disavow an intention (不寻求, 无意, not seeking, has no intention of): a hostile
# act disavowed is a statement of benign intent (美方不寻求与中国脱钩, not seeking a new Cold War),
# which the guideline scores as willingness is: reversed in full, and at least this large (脱钩 by
# itself is a faint cue: 完全脱钩的代价 is no one's act).
DISAVOWED = 0.5
DISAVOWALS = frozenset(
    {
        "不寻求",
        "无意",
        "not seeking",
        "does not seek",
        "do not seek",
        "has no intention",
        "have no intention",
    }
)
# Operators that reverse what they scope (and compose like a negation).
REVERSERS = frozenset({"negator", "embedded_negator", "irony", "rhetorical"})
# A hedge (可能, 有望, may) also damps positive potency as an attempt does: a possible success is
# not a success. The damping is the hedge's weight times this.
HEDGE_ATTEMPT = 0.2
# Hedges of possibility (may, could, 可能, whether: weight at most this) damp weakness after them
# as they damp strength: a possible failure is no failure yet. Likelier ones (likely, expected to)
# leave it.
POSSIBILITY_MAX = 0.5
# A scare-quote marker (所谓, so-called) that scopes no cue still distances the author from the
# target's own term: this evaluation, times the marker's weight's magnitude.
IRONY_FALLBACK = -0.4
# Causatives that open a participle clause after the main one (…, leaving X with few options).
PARTICIPLE_CAUSATIVES = frozenset({"leaving"})
# How many words (adverbs: 已, 也, 更) may stand before the causative that opens a Chinese clause.
CAUSATIVE_OPENING = 2
# Markers of the object of an act (对华为的制裁): what 其 after a causative then points to.
OBJECT_MARKERS = frozenset({"对", "对于", "针对"})
# Verbs of surprise: their object, target or not, is the one caught off guard (stunned analysts).
SURPRISERS = frozenset({"stunned", "shocked", "blindsided"})
# Pronouns that name the one a causative acts on (让它, 使他们; not 其, which mostly points back
# to the subject: 使其不得不…).
PRONOUN_CAUSEES = frozenset({"它", "它们", "他们", "他", "对方"})
SUBJECT_PRONOUNS = frozenset({"it", "them", "itself", "themselves"})
# A causer that leaves others (no target) weak gains this share of their weakness.
CAUSED_SHARE = 0.5
REFLEXIVES = frozenset({"自己", "自身", "本国", "itself", "themselves", "herself", "himself"})
# Words that make the state a shifter acts on the subject's own (削弱了自身的优势, weakened its own
# position).
OWN_MARKERS = REFLEXIVES | {"its", "their", "own"}
APPROXIMATORS = frozenset({"左右", "上下"})
# The words that name why a measure was taken (sanctions over the crackdown, for its abuses).
MEASURE_REASONS = frozenset({"over", "for", "after"})
REASON_REACH = 4
# The cues a field or a standard can be named by, and all content categories as a set.
DOMAIN_CUES = frozenset({"potency", "comparison"})
CONTENT_SET = frozenset(CONTENT)
# The frames whose strength words name a field (在…方面) or a standard (与…有差距).
FRAME_OPENERS = frozenset({"在", "与", "和", "同", "跟", "把"})
FIELD_CLOSERS = frozenset({"方面", "领域", "层面", "行业", "产业"})
# A trailing English appraisal (…, Beijing's embassy protested): how far back its comma may be,
# and what may follow it.
TRAILING_REACH = 6
TRAILING_STOPS = frozenset({".", "!", "'", '"', "”", "’"})
# How far after a verb of harm or giving its victim or benefit may be named (killed tens of
# thousands of civilians, 提供广阔的市场准入).
OBJECT_REACH = 6
# Nouns of difficulty that turn a control cue before them into a weak point of its owner.
WEAK_POINTS = frozenset({"问题", "技术", "难题", "短板", "环节", "困境", "领域", "清单"})
WEAK_POINT = 0.8
QUOTES = frozenset({"“", "”", '"', "「", "」", "『", "』"})
# Nouns that, after a comma, name the main clause's act in an English appositive verdict (...,
# a move Beijing condemned as bloc confrontation).
ACT_NOUNS = frozenset(
    {
        "move",
        "step",
        "decision",
        "act",
        "action",
        "measure",
        "gesture",
        "show",
        "exercise",
        "drill",
        "deal",
        "visit",
        "sale",
        "trend",
        "practice",
        "policy",
        "approach",
        "tactic",
        "strategy",
    }
)
# How far before a verdict verb the act noun of an appositive may stand (…, a show of force that
# Beijing denounced as provocative).
APPOSITIVE_REACH = 6
# English verbs of stopping, and the words before one that make it a stop asked for or
# intended rather than done (should stop smearing, urged Washington to stop bullying).
STOPS = frozenset({"stop", "cease", "halt", "end", "quit"})
DEMAND_MARKERS = frozenset({"should", "must", "to", "shall", "ought"})
# How close after a negator a measure must stand for the negation to be of imposing it
# (不可能完全限制出口, cannot ban), not of something the measure's sentence goes on to say (doubt
# that the new tariffs can break China's grip: a determiner between makes the measure a noun).
NEGATED_MEASURE_REACH = 2
# The least potency a target must gain in the main clauses to have overcome the pressure a
# concessive clause concedes (尽管美国多次制裁，中国企业仍成功…).
OVERCOME_MIN = 0.2
# A clause of time whose measure the main clause shows at work (…后, after …), and the markers of
# a passive's agent.
TIME_CLOSERS = frozenset({"后", "之后", "以后", "以来"})
TIME_OPENERS = frozenset({"after", "since"})
AGENT_MARKERS = frozenset({"被", "遭", "遭到", "受到", "by"})
# What a concessive clause must hold to be a pressure that can be overcome: a control cue (制裁,
# sanctions), a restrictive measure (出口管制, export controls) or an effort (努力, best efforts:
# despite Washington's best efforts, Huawei's revenue has rebounded); an effort overcome costs its
# author this much potency, times the clause's weight.
# Words that begin with 越 but are no "the more" (越南 is Vietnam, 越过 crossing, 越发 ever more).
NOT_CORRELATIVE = frozenset(
    {"越南", "越过", "越界", "越境", "越狱", "越野", "越发", "越权", "越位", "越剧", "越轨"}
)
OVERCOME_CUES = frozenset({"control", "measure", "attempt"})
ATTEMPT_OVERCOME = 0.6
# What the author of a measure loses when the measure did not do the damage it was for (US
# export controls have not slowed China's progress).
NEGATED_DAMAGE = 0.5
# How far before a reaction (担忧, criticism) its verb of eliciting (引发, drew) may stand.
ELICIT_REACH = 8
# How far after a ranking word (全球最大, the world's biggest) the fault it ranks may stand.
RANKED_REACH = 3
# The potency of a target that carried on under a measure it overcame (尽管美国制裁，华为仍…),
# after a concession word proper (not 一边, while).
CARRIED_ON = 0.5
CONCEDING = frozenset(
    {
        "尽管",
        "虽然",
        "虽",
        "despite",
        "in spite of",
        "notwithstanding",
        "although",
        "though",
    }
)
# Verbs of being and becoming that may stand between a negation and what it negates.
COPULAS = frozenset({"成为", "是", "作为", "当"})
# words of degree that modify an object before 的 (缺乏起码的诚意): no relative clause
OBJECT_GRADES = frozenset(
    {"起码", "最起码", "基本", "必要", "足够", "应有", "真正", "充分", "任何", "起碼", "足夠", "應有"}
)
# words that open how an attempt ended (结果, 到头来): what follows is no longer the attempt
OUTCOME_WORDS = frozenset({"结果", "到头来"})
# the openers of a counterfactual need (离了中国的稀土，…; without Chinese graphite, …)
COUNTERFACTUALS = frozenset(
    {"没有", "离了", "离开", "缺了", "少了", "若没有", "如果没有", "要是没有", "without"}
)
PLEDGE_REACH = 8
# pressure words whose owner, when named, is at fault (美国压力, pressure from Washington)
PRESSURE_WORDS = frozenset({"压力", "pressure"})
PRESSURE_FAULT = -0.4
PRESSED_MARKERS = frozenset({"对", "对于", "向", "针对", "on", "upon", "against"})
# words of carrying on regardless besides the lexicon's durative cues (仍, still): after a
# conceded pressure they say it failed (尽管美国施压，马来西亚照样签约)
PERSISTERS = frozenset(
    {
        "照样",
        "照常",
        "照旧",
        "依旧",
        "继续",
        "繼續",
        "反而",
        "nonetheless",
        "nevertheless",
        "regardless",
        "anyway",
        "continue",
        "continues",
        "continued",
        "kept",
        "keeps",
    }
)
# A clause of circumstance around a pressure (在美国制裁下, 在美方施压之下): conceded when the
# other clauses carry on regardless (…，华为依然推出新机), as a concessive clause is.
CIRCUMSTANCE_OPENERS = frozenset({"在"})
CIRCUMSTANCE_CLOSERS = frozenset({"下", "之下"})
# Comparison words that rank the parties rather than measure a quantity (落后, 领先, trails):
# a cost word before them does not reverse them (在电池成本上远远落后于中国同行 is behind).
RANKING_COMPARISONS = (
    "落后",
    "领先",
    "超越",
    "不如",
    "优于",
    "逊",
    "望尘莫及",
    "比不上",
    "不及",
    "胜于",
    "强于",
    "弱于",
    "trail",
    "lag",
    "lead",
    "ahead",
    "behind",
    "outpace",
    "surpass",
    "outperform",
    "beat",
    # (a cost advantage over rivals is an advantage: the word says which side is ahead)
    "advantage",
    "edge",
    "superior",
    "inferior",
    "优势",
    "劣势",
)
# "No other country, the US included, has…": the potency each side gets.
UNMATCHED_POTENCY = 0.8
# Chinese modals of constraint (只能, 不得不): like an inability word, their subject is before them
# or the clause's topic, never the object after them.
CONSTRAINED = frozenset({"只能", "不得不", "只好"})
# Words of compulsion or achievement whose complement may hold a decline word (被迫放缓, were
# forced to cut, 实现死亡率下降, managed to cut): the modals of constraint and these.
COMPLEMENT_TAKERS = CONSTRAINED | {
    "被迫",
    "只得",
    "实现",
    "推动",
    "促使",
    "was forced to",
    "were forced to",
    "forced to",
    "had to",
    "managed to",
}
# "Not only did not" (不但没有…) and the "instead" (反而) of the clause that answers it.
NOT_ONLY = frozenset({"不但", "不仅", "非但", "不僅"})
INSTEAD = "反而"
# An English sentence opened by "far from" says that its main clause's measure did the opposite.
FAR_FROM = "far from"
# … or a clause of facing a pressure (面对美国的极限施压，北京不但没有退让，反而…).
FACING = frozenset({"面对", "面對", "面临", "面臨"})
_NUMERAL = re.compile(r"^(\d|[一二两三四五六七八九十百千万几半数]+(成|倍|%|个|家|种|年|国)?$|百分之)")


def score_clause(
    slots: list[_Slot],
    members: list[int],
    factor: float,
    topic: _Topic | None,
    tallies: dict[str, _Tally],
    attempt: float,
    condition: float = 1.0,
) -> tuple[float, float]:
    """Score one clause; returns the attempt damping that carries into the next clause, and
    the damping of a condition it states (如果中国切断供应, if Beijing cuts off supplies). The
    next clause, its consequence, takes it (``condition`` here) on potency: what would follow is
    no state; a threat or a promise made there keeps its evaluation (如果中方变卦，美国将报复)."""
    declined, decliners = _declines(slots, members)
    pending: list[tuple[str, float, str, int]] = []  # (operator, weight, term, slot)
    irony_at = -1  # the last scare-quote marker, while it has scoped no cue
    hedge = 1.0
    stated = 1.0  # the condition this clause states, for the next
    durative = False  # 一直试图, still trying: the state the attempt would leave persists
    possible = 1.0  # damping of weakness by a word of possibility (may, could, 可能) before it
    fallback: tuple[int, float] | None = None  # a negator's own potency, if it scopes nothing
    asserted: list[tuple[int, float]] = []  # abilities claimed by a negated failure word
    quote = 0  # 1 while inside the quotation a scare-quote marker opened, 2 after it closed
    boosted = False  # a boost word has read a measure as backfiring in this clause
    spent: set[int] = set()  # failure words read as a measure's outcome (the tariffs failed)
    for k in members:
        cues = slots[k].cues
        if k in decliners or k in spent:
            continue  # 优势正在缩小: the decline word has reversed the cue before it
        if slots[k].text in QUOTES and any(p[0] == "irony" for p in pending):
            quote += 1
            if quote == 2:
                # 所谓的“航行自由”实为挑衅: the marker reaches only into its quotation
                pending = [p for p in pending if p[0] != "irony"]
        if irony_at >= 0 and quote == 1 and slots[k].alias is not None:
            # 所谓的“中国威胁论”: a scare-quoted label about a target rejects the label; it is
            # no distance from that target
            irony_at = -1
        if pending and _new_predicate(slots, k):
            # has never attached strings to its loans and remains a trusted partner; lost the
            # high ground by harassing students: a negation or shifter stops at a second verb
            # phrase or a means phrase
            pending = [p for p in pending if p[0] not in ("negator", "shifter")]
            fallback = None
        if attempt < 1.0 and slots[k].outcome:
            # US efforts to rally allies have paid off: the undertaking's outcome is stated, and
            # no operator of its complement (to build a supply chain without China) reaches it
            attempt = 1.0
            pending = [p for p in pending if p[0] not in ("negator", "shifter")]
        if slots[k].text.lower() in OUTCOME_WORDS:
            attempt = 1.0  # 打算逼迫北京让步，结果中方寸步不让: what follows is how it ended
        if not cues and slots[k].text != "的":
            continue
        if "reaction" in cues and not any(p[0] in REVERSERS for p in pending):
            elicitor = _elicitor(slots, members, k)
            # (硅谷银行倒闭引发市场恐慌, 经济放缓引发忧虑: a weakness that alarms others is no fault)
            weakness = elicitor is not None and any(
                s.cues.get("potency", 0.0) < 0 or "burden" in s.cues for s in slots[:elicitor]
            )
            if elicitor is not None and not weakness:
                # 引发国际社会普遍担忧, drew a sharp rebuke: a reaction elicited is a fault of the
                # one who elicits it (the subject before the verb, or the topic), and says nothing
                # of those who react
                c_targets, c_weight, _ = link(slots, [j for j in members if j < elicitor], elicitor, topic)
                # (这项交易引发华盛顿强烈不满: the one named between the verb and the reaction reacts)
                reactors = {
                    t for j in range(elicitor + 1, k) if slots[j].alias for t in slots[j].alias.targets
                }
                c_targets = tuple(t for t in c_targets if t not in reactors)
                value = cues["reaction"] * factor * hedge * c_weight
                label = f"{slots[elicitor].text}+{slots[k].text}"
                add_contribution(tallies, c_targets, "evaluation", value, label, slots[k].speaker)
                continue
        if "contrast" in cues:
            attempt = 1.0  # 试图..., 但...: what follows the contrast is no longer the attempt
        if slots[k].text == "的" and pending and not any(p[0] == "shifter" for p in pending):
            # 未能获得国际社会的支持: after a verb of receiving, 的 is inside its object
            received = any(slots[j].text in RECEIVERS for j in range(pending[-1][3] + 1, k))
            # 并没有像华盛顿预想的那样拖垮中国: 的 closes an inserted comparison (像…的那样), and
            # the negation reaches past it to the verb
            likened = k + 1 < len(slots) and slots[k + 1].text in LIKENESS_CLOSERS
            # 缺乏起码的诚意, 缺少必要的能力: a word of degree before 的 modifies the object; the
            # negation reaches past it
            # (没有成为真正的赢家: a copula may stand between the negation and the degree word)
            graded = slots[k - 1].text in OBJECT_GRADES and (
                pending[-1][3] == k - 2 or (pending[-1][3] == k - 3 and slots[k - 2].text in COPULAS)
            )
            # 无法生产先进封装所需的关键设备: 所需的 names what the object is for, inside it
            graded = graded or "所" in (slots[k - 1].text[:1], slots[k - 2].text if k > 1 else "")
            if slots[k - 1].alias is None and not received and not likened and not graded:
                # 难以复制的优势: the negation stays inside the relative clause before 的; a
                # scare-quote marker (所谓的“公平”) reaches past it.
                pending = [p for p in pending if p[0] == "irony"]
                fallback = None
            continue
        if "irony" in cues:
            pending.append(("irony", cues["irony"], slots[k].text, k))
            irony_at, quote = k, 0
            continue

        if "causative" in cues:
            # 不能让美国的阴谋得逞: the negation scopes the embedded event (the plot's success),
            # not the words that name it, so it reverses potency cues but no evaluation cue.
            pending = [("embedded_negator", *p[1:]) if p[0] == "negator" else p for p in pending]
            continue
        if "negator" in cues and excludes(slots, k):
            continue  # 是美国而非中国挑起: it excludes the mention after it, and negates no cue
        if slots[k].text.lower() == "nor" and any(p[2].lower() == "neither" for p in pending):
            continue  # neither Washington nor its allies can match: one negation, not two
        if "negator" in cues and cues.get("potency", 0.0) < 0:
            outer = next(
                (p for p in reversed(pending) if p[0] == "negator" and k - p[3] <= LITOTES_REACH),
                None,
            )
            if outer is not None:
                # not unable to retaliate, 并非不能反击, hardly incapable of: a negated failure
                # word is a claim of ability, weakly (as a negated weakness is); the two
                # negations cancel, so the cue after them keeps its sign.
                pending.remove(outer)
                asserted.append((k, -cues["potency"] * abs(outer[1]) * 0.5))
                continue
        if "negator" in cues:
            pending.append(("negator", cues["negator"], slots[k].text, k))
            if "potency" in cues:
                fallback = (k, cues["potency"])
            continue
        if (
            "potency" in cues
            and not any(c in cues for c in NOT_POTENCY)
            and _about_a_measure(slots, members, k)
        ):
            continue  # expanded restrictions, 加强管制; curbs on sales of advanced chips
        if cues.get("potency", 0.0) > 0 and "scope" in cues and _ranks_a_fault(slots, members, k):
            continue  # the world's biggest hacking empire, 全球最大的黑客帝国: first at a fault
        if cues.keys() & CONTENT_SET <= DOMAIN_CUES and _names_a_domain(slots, members, k):
            continue  # 在原始创新方面仍有差距, 与国际领先水平有差距: the field or the standard named
        if k + 1 < len(slots) and slots[k + 1].text == "论":
            continue  # 渲染“美国衰落论”, 中国崩溃论: the name of a theory asserts nothing
        if (
            cues.get("potency", 0.0) > 0
            and k + 1 in members
            and slots[k + 1].text.lower() in UNDERTAKINGS
            and not slots[k].cues.keys() & {"comparison", "control"}
        ):
            continue  # China's self-sufficiency drive has fallen short: the goal of an undertaking
        bases = dict(cues)
        if (
            "trend" in cues
            and "potency" in cues
            and k + 1 in members
            and _NUMERAL.match(slots[k + 1].text)
            and not _moved(slots, members, k)
        ):
            # 一度突破两成, 进口量同比增长4.1%: before a figure the word is a movement of a
            # quantity, not a breakthrough, and moves no burden or asset named in its clause
            del bases["potency"]
        if "trend" in cues and "potency" not in bases and _moved(slots, members, k):
            # the unemployment rate rose, 通胀率上升: a plain movement word counts only when it
            # moves a burden (reversed in apply_cue: more of a burden is weakness) or an asset
            # (外汇储备升至, its market share has fallen: more of an asset is strength)
            bases["potency"] = TREND_POTENCY * cues["trend"]
        if (
            "asset" in cues
            and cues.keys().isdisjoint(CONTENT)
            and any(p[0] == "shifter" and "loss" in slots[p[3]].cues for p in pending)
        ):
            # lost most of its manufacturing capacity, 失去市场份额: an asset lost is a strength
            # lost (the loss word reverses it, as it reverses a strength cue)
            bases["potency"] = LOST_ASSET
        if (
            "potency" in bases
            and slots[k].text.lower() in RECEIVERS
            and _receives_judgement(slots, members, k)
        ):
            # won widespread praise, 赢得赞誉: what is won is a judgement, scored by its own cue;
            # winning it is no show of strength
            del bases["potency"]
        if "harm" in cues and _object_within(slots, members, k, "victim", through_cues=False):
            # killed dozens of civilians, 逮捕了数十名记者: violence or detention against the
            # defenceless is a fault of its agent; against others (arrested two suspects) it is none
            bases["evaluation"] = cues["harm"]
        if (
            slots[k].text in IMPACT_VERBS
            and "potency" in bases
            and _impacts_others(slots, members, k, pending)
        ):
            # 中国的过剩产能正冲击全球市场, 对全球贸易秩序造成冲击: what strikes others is its
            # agent's fault, not the agent's weakness (受到冲击, 抵御外部冲击 stay the patient's)
            bases = {"evaluation": -IMPACT_FAULT}
        if (
            "give" in cues
            and "evaluation" not in bases
            and _object_within(slots, members, k, "benefit", through_cues=True)
        ):
            # 美国提供广阔的市场准入, granted scholarships to: giving others a benefit is a good
            # deed of the giver, as the guideline's "gives, helps" has it; giving as such is none
            bases["evaluation"] = cues["give"]
        if not {"potency", "comparison"}.isdisjoint(bases) and _pledge_after(slots, members, k):
            # fell short of its commitments, 远低于协议承诺: a pledge broken is the pledger's
            # conduct; one kept (遵守了承诺, a word that judges already) is no show of strength
            shortfall = bases.get("potency", bases.get("comparison", 0.0))
            if shortfall < 0:
                bases.setdefault("evaluation", shortfall)
            elif "evaluation" in bases:
                bases.pop("potency", None)
        if "demand" in cues and "evaluation" not in bases and _pressure_exerted(slots, members, k):
            # 顶住美国压力, 不会因美方压力而放弃, under pressure from Washington, months of intense US
            # pressure: pressure a target puts on others is its fault, as 施压 and pressuring are
            bases["evaluation"] = PRESSURE_FAULT
        if "control" in cues and _names_a_weak_point(slots, k):
            # 卡脖子问题, “卡脖子”技术: the chokehold named as a problem is its owner's weak point
            bases = {"potency": -abs(cues["control"]) * WEAK_POINT}
        if "gate" in cues and any(
            slots[j].text.lower() in REQUIREMENTS
            for j in members
            if j < k
            or (
                k < j <= k + 3
                and j - 1 > k
                # 许可仍需中方批准: a gate word after the requirement is the gate kept; the one
                # before it is what needs passing
                and not any("gate" in slots[i].cues for i in members if i > j)
            )
        ):
            # 出口需中方批准, exports require approval from Beijing, Chinese approval is required:
            # the one whose approval others need decides what they get
            bases["control"] = cues["gate"]
        if "rebuff" in cues and (
            _turns_down_demand(slots, members, k) or _passive(slots, members, k) is not None
        ):
            # allies ignored Washington's calls, 菲律宾拒绝了北京的提议: a demand ignored or
            # turned down is its owner's failure, as withstood pressure is (a control cue); the
            # rebuff judges no one (被中方断然拒绝: the subject of a passive is the one turned down)
            bases["control"] = cues["rebuff"]
            for judged in ("appraisal", "evaluation"):
                bases.pop(judged, None)
        if "replacement" in cues and _replaced_as(slots, members, k):
            # Mexico has replaced China as the top exporter, 越南取代中国成为…: taking another's
            # place as something is outdoing it, as a comparison cue says
            bases["comparison"] = cues["replacement"]
        if "boost" in cues and not boosted and _unexpected(slots, members, k):
            # 美国的出口管制反而促使中国加快自主研发, sanctions have only accelerated China's push:
            # the measure backfired, a control of the negative weight (the author down, the one
            # boosted up); the next boost word in the clause is the boosted one's own doing
            bases["control"] = -cues["boost"]
            bases.pop("evaluation", None)  # 反而帮助了中国: unintended help is no virtue
            boosted = True
        if "assist" in cues and bases.get("evaluation", 0.0) >= 0:
            fault = _fault_helped(slots, members, k)
            if fault is not None:
                # helped Russia evade sanctions, 帮助俄罗斯规避制裁: help with a fault is complicity
                # (none of the clause's subject's in a relative clause: 帮助…规避制裁的企业)
                bases["evaluation"] = fault * cues["assist"]
                if not bases["evaluation"]:
                    del bases["evaluation"]
        told = (
            _measure_tells(slots, members, k, [p for p in pending if not _in_reason(slots, p[3], k)])
            if "measure" in cues and "control" not in cues
            else None
        )
        if told is not None:
            # 放宽出口管制, eased its export controls: a measure named says nothing, but giving
            # up one's own is giving ground, as relaxing a control cue is (放宽限制), being
            # unable to impose one is weakness (不可能完全限制出口), and pressure that made
            # others act is strength (在美国的施压下, strong-armed the Dutch into)
            if told in ("failed", "futile", "spent"):
                if told != "spent":
                    bases["control" if told == "failed" else "potency"] = -cues["measure"]
                spent.update(
                    j
                    for j in members
                    if k < j <= k + WORKED_REACH and slots[j].text.lower() in MEASURE_FAILED | MEASURE_FUTILE
                )
            else:
                bases[told] = cues["measure"]
        content = [c for c in CONTENT if c in bases]
        if content and k > 0 and slots[k].text in APPROXIMATORS and _after_number(slots, k):
            content = []  # 一成左右: after a number, 左右 means "about", not "sway"
        if (
            k + 1 < len(slots)
            and "modal" in slots[k + 1].cues
            and "appraisal" in cues
            and _received_at(slots, members, k) is None
        ):
            # 美国肯定会输: before a modal or auxiliary verb an appraisal word is an adverb of
            # certainty (surely), not praise; not an evaluation word (美国的霸凌已经...), nor a
            # passive appraisal (被批评将资源武器化, where 将 marks the object)
            content = [c for c in content if DIMENSION[c] != "evaluation"]
        if content and _helped_does(slots, members, k):
            # helped Manila upgrade its coast guard, 帮助非洲国家实现粮食自给: what the helped
            # party (no target) then achieves or suffers is its own, not the helper's (a
            # relational cue names its own parties, unless it names none: 迫使多国在外交上让步)
            named_after = any(slots[j].alias is not None for j in members if j > k)
            content = [c for c in content if c != "potency" and (c != "dependence" or named_after)]
        for op in ("shifter", "intensifier"):
            if op in cues and not content:
                pending.append((op, cues[op], slots[k].text, k))
        if "evidential" in cues:
            hedge *= cues["evidential"]  # appears to have the upper hand: less certain, still a state
        if "hedge" in cues:
            hedge *= cues["hedge"]
            attempt = min(attempt, cues["hedge"] * HEDGE_ATTEMPT)
            if cues["hedge"] <= POSSIBILITY_MAX:
                possible = min(possible, cues["hedge"] * HEDGE_ATTEMPT)
        if "past" in cues:
            hedge *= cues["past"]  # which once relied on: its clause only, no attempt carried on
        if "condition" in cues:
            hedge *= cues["condition"]
            stated = min(stated, cues["condition"])
            attempt = min(attempt, cues["condition"] * HEDGE_ATTEMPT)
        if "attempt" in cues:
            attempt = min(attempt, cues["attempt"])
        durative = durative or "durative" in cues
        if not content:
            if "burden" in cues:
                # 减少污染: the shifter has found its object; it must not reverse a later cue.
                pending = [p for p in pending if p[0] != "shifter"]
            continue
        scope = [p for p in pending if k - p[3] <= _reach_of(slots, p)]
        # 中国并没有因为外部封锁而停下脚步: a reason phrase (因为…而) inside the negation is not
        # what is negated; the negator waits for the verb after 而
        waiting = [p for p in scope if p[0] in REVERSERS and _in_reason(slots, p[3], k)] if scope else []
        scope = [p for p in scope if p not in waiting and not _reason_closed(slots, p[3], k)]
        if waiting and not any(slots[j].alias is not None for j in range(waiting[-1][3] + 1, k)):
            continue  # 没有因为外部封锁而…: a reason that names no one is no one's act here
        if k > 0 and slots[k - 1].text.lower() in LESSER:
            # less dependent, less competitive: the comparative reverses the word it grades
            scope = [*scope, ("lesser", -1.0, slots[k - 1].text, k - 1)]
        for category in content:
            ops = scope
            if k in declined and category != "appraisal":
                # composed innermost, as a shifter is; a waning fault (霸凌行为有所减少) is no
                # virtue: only its weight is lost
                d = declined[k]
                fault = category == "evaluation" and bases[category] < 0
                ops = [*scope, ("decline", 0.0 if fault else slots[d].cues["decline"], slots[d].text, d)]
            apply_cue(
                slots,
                members,
                k,
                category,
                bases[category],
                ops,
                hedge,
                attempt,
                factor,
                topic,
                tallies,
                durative=durative,
                possible=possible,
                consequence=condition,
                # 相关军工订单只能依赖中国供货: a modal of constraint is its subject's, as an act is
                inability=category == "potency" and slots[k].text in CONSTRAINED,
            )
        if any(p[0] == "irony" for p in scope):
            irony_at = -1
        # An embedded negation waits, past the evaluation words naming the event, for the
        # predicate it negates (不能让美国的阴谋得逞).
        evaluative = all(DIMENSION[c] == "evaluation" for c in content)
        # 未能赢得盟友的信任: a negated verb of receiving negates what is received
        receiving = slots[k].text.lower() in RECEIVERS
        # has never been able to win, 未能够赢得: a negated ability negates what it is the
        # ability to do as well
        enabling = slots[k].text.lower() in ABILITIES
        pending = [
            p
            for p in pending
            if (evaluative and p[0] == "embedded_negator")
            or ((receiving or enabling) and p[0] in REVERSERS)
            or p in waiting
        ]
        if enabling:
            # what a denied ability is the ability to do is not done: its potency is reversed,
            # but a fault named there is no virtue (not yet capable of mounting an invasion)
            pending = [("embedded_negator", *p[1:]) if p[0] == "negator" else p for p in pending]
        if fallback is not None and (
            not evaluative or not _fails_at(slots, fallback[0], k) or _lapse(slots, fallback[0], k, bases)
        ):
            fallback = None
    if irony_at >= 0:
        weight = abs(slots[irony_at].cues["irony"])
        apply_cue(
            slots,
            members,
            irony_at,
            "evaluation",
            IRONY_FALLBACK * weight,
            [],
            hedge,
            1.0,
            factor,
            topic,
            tallies,
        )
    for at, value in [*asserted, *([fallback] if fallback is not None else [])]:
        inability = fallback is not None and at == fallback[0] and not slots[at].text.isascii()
        apply_cue(
            slots,
            members,
            at,
            "potency",
            value,
            [],
            hedge,
            attempt,
            factor,
            topic,
            tallies,
            inability=inability,
        )
        if value < 0 and _pledge_after(slots, members, at):
            # failed to deliver on its pledge: the failure word alone judges the pledger too
            apply_cue(slots, members, at, "evaluation", value, [], hedge, attempt, factor, topic, tallies)
    _unprevented(slots, members, pending, hedge * factor, topic, tallies, fallback is None)
    return attempt, stated


def _unprevented(
    slots: list[_Slot],
    members: Sequence[int],
    pending: Sequence[tuple[str, float, str, int]],
    damping: float,
    topic: _Topic | None,
    tallies: dict[str, _Tally],
    own_failure: bool,
) -> None:
    """A negated prevention verb that scoped no cue (华府的制裁未能阻止中国半导体产业的快速发展,
    the tariffs did not stop Chinese goods from flowing in): the one it failed to stop, the first
    target named right after the verb, went on, a strength; and the preventer failed, unless its failure
    word has already said so (未能, failed to carry their own weakness)."""
    for op, _, _, at in pending:
        if op != "shifter" or slots[at].text.lower() not in PREVENTERS:
            continue
        if not any(p[0] == "negator" and p[3] < at for p in pending):
            continue
        named = next((j for j in members if at < j <= at + 2 and slots[j].alias is not None), None)
        if named is None:  # failed to stop the flow of chips to China: China is not the one stopped
            continue
        label = f"{slots[at].text}(not prevented)"
        targets, weight = group_targets(slots, slots[named].group)
        add_contribution(
            tallies, targets, "potency", UNPREVENTED * damping * weight, label, slots[at].speaker
        )
        if own_failure:
            s_targets, s_weight, _ = link(slots, [j for j in members if j < at], at, topic)
            s_targets = tuple(t for t in s_targets if t not in targets)
            add_contribution(
                tallies,
                s_targets,
                "potency",
                -UNPREVENTED * damping * s_weight,
                label + "(agent)",
                slots[at].speaker,
            )


def _impacts_others(
    slots: Sequence[_Slot], members: Sequence[int], k: int, pending: Sequence[tuple[str, float, str, int]]
) -> bool:
    """Whether the impact word at ``k`` is a verb with an object after it (冲击全球市场) or the
    object of a verb of causing (造成冲击, 造成严重冲击), not negated."""
    if any(p[0] in ("negator", "shifter") for p in pending):
        return False  # 以避免对日本产业造成严重冲击: an impact avoided or denied is no one's fault
    after = k + 1 in members and slots[k + 1].text not in CLAUSE_BREAKS and slots[k + 1].text != "的"
    if after and not slots[k + 1].cues.keys() & CONTENT:
        return True
    return any(slots[j].text in CAUSING_VERBS for j in members if k - 3 <= j < k)


def _backfired(slots: Sequence[_Slot], members: Sequence[int], k: int) -> bool:
    """Whether the measure at ``k``, its owner named before it, "not only did not" do something
    and a later clause says what it did instead (美国加征关税不仅没有让制造业回流，反而推高了
    国内通胀), or stands after a "far from" clause (Far from isolating Moscow, the US sanctions…):
    it failed and backfired, its owner down."""
    if not any(slots[j].alias is not None and not slots[j].oblique for j in members if j < k):
        return False
    if slots[0].text.lower() == FAR_FROM and slots[k].clause > 0:
        return True  # Far from isolating Moscow, the US sanctions pushed Russia closer to Beijing
    opener = next((j for j in members if j > k and slots[j].text in NOT_ONLY), None)
    if opener is None or not any("negator" in slots[j].cues for j in members if opener < j <= opener + 2):
        return False
    return any(slots[j].text == INSTEAD for j in range(members[-1] + 1, len(slots)))


def _measure_tells(
    slots: list[_Slot], members: Sequence[int], k: int, pending: Sequence[tuple[str, float, str, int]]
) -> str | None:
    """Whether the measure or pressure at ``k`` says something of its author's strength: given
    up (放宽限制, eased its controls; not when that is negated: 并没有放松限制 keeps a measure
    merely in place), unable to be imposed (不可能完全限制出口, cannot ban), or making others act
    (在美国的施压下荷兰收紧出口, under US pressure, pressured Japan into joining). Returns the
    category it then scores as: control when given up or not imposed, potency (the author's
    alone: the one made to act is no target's patient) when it made others act; "failed" when
    it did not work (its target gains), "futile" when it achieved little (its author alone
    loses) and "spent" when an owner that is no target achieved little (the outcome word is then
    no one's)."""
    if _backfired(slots, members, k):
        return "futile"
    negators = [p[3] for p in pending if p[0] == "negator"]
    for p in pending:
        if p[0] == "shifter" and "loss" in slots[p[3]].cues and k - p[3] <= OPERATOR_REACH["shifter"]:
            if not any(j < p[3] for j in negators):
                return "control"
        elif (
            p[0] == "negator"
            and k - p[3] <= NEGATED_MEASURE_REACH
            and (
                slots[p[3]].cues.get("potency", 0.0) < 0
                or slots[p[3]].text == "不可能"
                or any(j < p[3] for j in negators)  # 不是没有反制的手段: a negated lack is a means
            )
            and not any(slots[j].text.lower() in DETERMINERS for j in range(p[3] + 1, k))
        ):
            # cannot ban, 无法全面限制: a failure word; a measure not taken (did not retaliate) by
            # choice is no weakness
            return "control"
    told = [j for j in members if k < j <= k + WORKED_REACH and slots[j].text.lower() in MEASURE_TOLD]
    if (
        told
        and slots[told[0]].text.lower() in MEASURE_FUTILE
        and any(slots[j].alias is not None and not slots[j].oblique for j in members if j < k)
    ):
        # US tariffs on Chinese steel have done little to revive American mills: the measure
        # failed to do what it was for, its author (named before it) down; its target is not
        # said to gain: it may be no party to the goal
        return "futile"
    if (
        told
        and slots[told[0]].text.lower() in MEASURE_FUTILE
        and any(_named_possessor(slots, j) for j in members if j < k)
    ):
        return "spent"  # Manila's tariffs on Chinese steel have had limited impact: no target's failure
    if told and slots[told[0]].text.lower() in MEASURE_FAILED and slots[k].text.isascii():
        between = range(k + 1, told[0])
        if not any(
            (slots[j].alias is not None and not slots[j].oblique) or slots[j].cues.keys() & CONTENT
            for j in between
        ):
            # pressure from Washington had failed: its target up; the tariffs backfired: their
            # author alone down (the harm may be to others)
            return "failed" if slots[told[0]].text.lower() == "failed" else "futile"
    worked = next((j for j in told if slots[j].text.lower() in MEASURE_WORKED), None)
    if worked is not None:
        # 美国对华施压取得了成效, the pressure campaign succeeded: it worked; 美国对中国的芯片封锁
        # 并未奏效, the sanctions have not worked: it failed, its author down and its target up
        if any("negator" in slots[j].cues for j in range(k + 1, worked)):
            return "failed"
        return "control"
    if any(slots[j].cues.get("dependence", 0.0) < 0 for j in members if k - FORCED_REACH <= j < k):
        return "potency"  # caved in to pressure from Beijing, 屈服于美方的施压: it made others yield
    if slots[k].text.isascii():
        # under US pressure, under Washington's pressure (no other cue between); pressured the
        # Dutch into curbing sales
        under = next(
            (j for j in members if k - FORCED_REACH <= j < k and slots[j].text.lower() == "under"), None
        )
        # (an intensifier may stand between: under heavy U.S. pressure)
        under = under is not None and not any(
            slots[j].cues.keys() - {"intensifier"} for j in range(under + 1, k)
        )
        into = any(slots[j].text.lower() == "into" for j in members if k < j <= k + FORCED_REACH)
        return "potency" if under or into else None
    following = [slots[j].text for j in members if k < j <= k + 2]
    made = "下" in following and any(slots[j].text == "在" for j in members if j < k)
    return "potency" if made else None


def _accuses(slots: Sequence[_Slot], members: Sequence[int], at: int) -> bool:
    """Whether the first verdict or appraisal verb before the cue at ``at`` in its clause is an
    accusation (a negative appraisal: 指责, 指控, accused)."""
    first = next((j for j in members if j < at and {"appraisal", "verdict"} & slots[j].cues.keys()), None)
    return first is not None and slots[first].cues.get("appraisal", 0.0) < 0


def _elicitor(slots: Sequence[_Slot], members: Sequence[int], k: int) -> int | None:
    """The slot of the verb of eliciting (引发, 招致, sparked, drew) that the reaction at ``k``
    (不满, 担忧, criticism, a rebuke) is the object of: the nearest one before it in its clause,
    at most :data:`ELICIT_REACH` words back; else None."""
    return next(
        (j for j in reversed(members) if k - ELICIT_REACH <= j < k and "elicit" in slots[j].cues),
        None,
    )


def _ranks_a_fault(slots: Sequence[_Slot], members: Sequence[int], k: int) -> bool:
    """Whether the ranking word at ``k`` (全球最大, the world's biggest) heads a fault: a negative
    evaluation cue within :data:`RANKED_REACH` words after it in its clause."""
    return any(slots[j].cues.get("evaluation", 0.0) < 0 for j in members if k < j <= k + RANKED_REACH)


def _names_a_domain(slots: Sequence[_Slot], members: Sequence[int], k: int) -> bool:
    """Whether the strength word at ``k`` only names a field (在基础研究和原始创新方面), the
    standard of a comparison (与国际领先水平仍有差距) or the object of 把 (把通胀风险转嫁给…):
    it stands in a frame opened by 在 and closed by a word of field, opened by 与/和/同/跟 and
    closed by a comparison cue, or opened by 把 and closed by the verb's cue, with no other
    content cue in the frame. (A clause's members are consecutive slots.)"""
    opener = None
    for j in range(k - 1, members[0] - 1, -1):
        if slots[j].text in FRAME_OPENERS:
            opener = slots[j].text
            break
        if not slots[j].cues.keys().isdisjoint(CONTENT) or slots[j].text in CLAUSE_BREAKS:
            return False
    if opener is None:
        return False
    for j in range(k + 1, members[-1] + 1):
        if opener == "在" and slots[j].text in FIELD_CLOSERS:
            return True
        if not slots[j].cues.keys().isdisjoint(CONTENT):
            return opener == "把" or (opener != "在" and "comparison" in slots[j].cues)
        if slots[j].text in CLAUSE_BREAKS:
            return False
    return False


def _object_within(
    slots: Sequence[_Slot], members: Sequence[int], k: int, kind: str, through_cues: bool
) -> bool:
    """Whether the verb at ``k`` has an object word of category ``kind`` within OBJECT_REACH words
    after it, with no clause break between, nor a content cue unless ``through_cues``: a victim
    of a verb of harm (killed at least ten civilians, 逮捕了数十名民主派人士), a benefit of a verb
    of giving (提供广阔的市场准入和贸易优惠, granted full scholarships). (A clause's members are
    consecutive slots.)"""
    for j in range(k + 1, min(k + OBJECT_REACH, members[-1]) + 1):
        if kind in slots[j].cues:
            return True
        if slots[j].text in CLAUSE_BREAKS or (
            not through_cues and not slots[j].cues.keys().isdisjoint(CONTENT)
        ):
            return False
    return False


def _pressure_exerted(slots: Sequence[_Slot], members: Sequence[int], k: int) -> bool:
    """Whether the pressure word at ``k`` (压力, pressure) is put on others by a target named as
    its owner: right before it (美国压力, US pressure, 美方的压力, Washington's pressure) or after
    "from" (pressure from Washington). A pressure its owner faces (美国面临的压力) is none."""
    if slots[k].text.lower().rsplit(" ", 1)[-1] not in PRESSURE_WORDS:
        return False  # (under growing pressure from Washington: a phrase ending in the word)
    j = k - 1
    if j >= 0 and slots[j].text.lower() in ("的", "'s", "’s", "intense", "growing", "heavy", "mounting"):
        j -= 1
    # (因美国压力而放弃: an owner in a reason phrase is still the owner; 对华压力, pressure on
    # China: the one it is put on is not)
    if j >= 0 and j in members and slots[j].alias is not None and slots[j].oblique not in PRESSED_MARKERS:
        return slots[j].alias.alias_kind != "oblique"
    return (
        k + 2 < len(slots)
        and slots[k + 1].text.lower() == "from"
        and k + 2 in members
        and slots[k + 2].alias is not None
    )


def _coerced(slots: Sequence[_Slot], members: Sequence[int], at: int) -> bool:
    """Whether the cue at ``at`` is what a verb of forcing just before it (迫使, 逼迫, forced)
    would make its object do."""
    return any(
        slots[j].text.lower() in FORCERS and not {"control", "measure"}.isdisjoint(slots[j].cues)
        for j in members
        if at - ASSIST_REACH - 1 <= j < at
    )


def _pledge_after(slots: Sequence[_Slot], members: Sequence[int], k: int) -> bool:
    """Whether a pledge word (承诺, promise, commitment) stands within :data:`PLEDGE_REACH`
    words after the cue at ``k`` in its clause, with no other content cue between, and a target
    is named before the cue: the pledge is what the cue's verb meets or breaks, and the one who
    made it the subject (Beijing's purchases fell far short of the $200 billion it had promised;
    not the deal fell short of what the White House had promised)."""
    if not any(slots[j].alias is not None for j in members if j < k):
        return False
    for j in members:
        if k < j <= k + PLEDGE_REACH:
            if "pledge" in slots[j].cues:
                return True
            if not CONTENT_SET.isdisjoint(slots[j].cues):
                return False
    return False


def _names_a_weak_point(slots: Sequence[_Slot], k: int) -> bool:
    """Whether the control cue at ``k`` modifies a noun of difficulty right after it (quotes
    aside): 卡脖子问题, “卡脖子”技术, 卡脖子难题."""
    j = k + 1
    while j < len(slots) and slots[j].text in QUOTES:
        j += 1
    return j < len(slots) and j > k and slots[j].text in WEAK_POINTS


def _about_a_measure(slots: Sequence[_Slot], members: Sequence[int], k: int) -> bool:
    """Whether the potency word at ``k`` only sizes a measure (expanded restrictions, tightened
    its export controls, 加强管制: a measure merely reported, made larger) or describes what a
    measure is on (restrictions on sales of advanced AI chips): no strength of anyone's."""
    sizing = "trend" in slots[k].cues or slots[k].text.lower() in MEASURE_SIZERS
    after = [j for j in members if k < j <= k + 3] if sizing else []
    for j in after:
        if "measure" in slots[j].cues:
            return True
        if not slots[j].cues.keys().isdisjoint(CONTENT) or (
            slots[j].alias is not None and not slots[j].oblique
        ):
            break  # (扩大对华芯片出口管制: words and an object between, but no cue or subject)
    before = [j for j in members if j < k]
    measure = next((j for j in reversed(before) if "measure" in slots[j].cues), None)
    if measure is None:
        return False
    between = range(measure + 1, k)
    return any(slots[j].text.lower() in MEASURE_OBJECT_MARKERS for j in between) and not any(
        slots[j].alias is not None or not slots[j].cues.keys().isdisjoint(CONTENT) for j in between
    )


def _in_reason(slots: Sequence[_Slot], negator: int, at: int) -> bool:
    """Whether the cue at ``at`` stands in a reason phrase opened after the negator at
    ``negator`` and not yet closed by 而 (没有因为封锁而停下: 封锁 is the reason, not negated)."""
    opened = next((j for j in range(negator + 1, at) if slots[j].text in REASON_OPENERS), None)
    return opened is not None and not any(slots[j].text == "而" for j in range(opened + 1, at))


def _reason_closed(slots: Sequence[_Slot], negator: int, at: int) -> bool:
    """Whether the negator at ``negator`` stands inside a reason phrase (因, 由于 …) that 而 closes
    before the cue at ``at``: 因缺乏熟练工人而延期投产 (the lack is the reason; the delay is not
    negated)."""
    closer = next((j for j in range(negator + 1, at) if slots[j].text == "而"), None)
    if closer is None:
        return False
    for j in range(negator - 1, -1, -1):
        if slots[j].text in REASON_OPENERS:
            return True
        if slots[j].text in CLAUSE_BREAKS or slots[j].text == "而":
            return False
    return False


def _demanded(slots: list[_Slot], shifter: int) -> bool:
    """Whether the shifter at ``shifter`` is a stop asked for, not done (should stop, to stop)."""
    return (
        shifter > 0
        and slots[shifter].text.lower() in STOPS
        and slots[shifter - 1].text.lower() in DEMAND_MARKERS
    )


def _fails_at(slots: list[_Slot], negator: int, at: int) -> bool:
    """Whether the evaluation cue at ``at`` is what the failure word at ``negator`` fails at:
    failed to intimidate, 未能获得(国际社会的)支持 (a verb of receiving and its object), but not
    无法掩饰其野心, where the failure is at a word that is no cue."""
    for j in range(negator + 1, at):
        if slots[j].text.lower() in RECEIVERS:
            return True
        if not slots[j].cues and slots[j].text.lower() != "to":  # unable to retaliate
            return False
    return True


def _receives_judgement(slots: list[_Slot], members: Sequence[int], at: int) -> bool:
    """Whether the first content cue after the verb of receiving at ``at``, within RECEIVED_REACH words, is
    a judgement (praise, 广泛赞誉, criticism): an evaluation or appraisal cue and no potency cue."""
    for j in [j for j in members if at < j <= at + RECEIVED_REACH]:
        cues = slots[j].cues
        if not cues.keys().isdisjoint(CONTENT):
            return "potency" not in cues and not {"evaluation", "appraisal"}.isdisjoint(cues)
    return False


def _negotiating(slots: Sequence[_Slot], targets: Sequence[str]) -> bool:
    """Whether the sentence is about talks (磋商, 谈判, 会谈, 让步, talks, concessions) between the
    pair ``targets``, named as a pair: a joint form (中美, 美中两国, US-China) or 双方, both."""
    if not any(s.text.lower() in NEGOTIATION for s in slots):
        return False
    return any(s.text.lower() in PAIR_WORDS for s in slots) or any(
        s.alias is not None and s.alias.alias_kind == "joint" and set(targets) <= set(s.alias.targets)
        for s in slots
    )


def _turns_down_demand(slots: Sequence[_Slot], members: Sequence[int], at: int) -> bool:
    """Whether the rebuff word at ``at`` turns down a target's demand, call or offer (ignored
    Washington's calls, 拒绝美方的无理要求): the first mention after the rebuff stands before a
    demand word, within the reaches."""
    owner = next((j for j in members if at < j <= at + REBUFF_REACH and slots[j].alias is not None), None)
    if owner is None:
        return False
    demand = next((j for j in members if owner < j <= at + REBUFF_REACH and "demand" in slots[j].cues), None)
    return demand is not None and demand - owner <= DEMAND_REACH


def _excluded_rival(slots: Sequence[_Slot], targets: Sequence[str]) -> int | None:
    """The mention excluded beside a mention of ``targets`` (Beijing, not Washington; Chinese
    firms, not their American rivals; Beijing, rather than Washington; not Washington but
    Beijing; 中国而不是美国), or None."""
    for m, slot in enumerate(slots):
        j = slot.excluded_by
        if j < 0:
            continue
        start = j - 1 if (slots[j - 1].text.lower(), slots[j].text.lower()) in EXCLUDER_PAIRS else j
        near = [*range(max(0, start - 1 - EXCLUDED_PHRASE), start), *range(m + 1, m + 4 + EXCLUDED_PHRASE)]
        if any(
            0 <= k < len(slots) and slots[k].alias is not None and set(slots[k].alias.targets) <= set(targets)
            for k in near
        ):
            return m
    return None


def _helped_does(slots: Sequence[_Slot], members: Sequence[int], k: int) -> bool:
    """Whether the cue at ``k`` is in the complement of a verb of assisting or forcing whose object
    names no target (helped poor countries expand access, forced Ford to halt production; not
    helped China expand, not helped expand)."""
    helper = next(
        (
            j
            for j in reversed(members)
            if k - ASSIST_REACH - 1 <= j < k
            and (
                "assist" in slots[j].cues or ("control" in slots[j].cues and slots[j].text.lower() in FORCERS)
            )
        ),
        None,
    )
    if helper is None or k - helper < 2:
        return False
    between = range(helper + 1, k)
    return not any(slots[j].alias is not None or slots[j].text in CLAUSE_BREAKS for j in between)


def _with_partner(slots: Sequence[_Slot], members: Sequence[int], group: int) -> bool:
    """Whether the mention group ``group`` is named as a partner (与中方, with Beijing) of another
    target named before it in the clause."""
    if group < 0:
        return False
    for m in members:
        if slots[m].group != group or slots[m].alias is None or m == 0:
            continue
        if slots[m - 1].text.lower() in PARTNER_MARKERS:
            return any(slots[j].alias is not None and slots[j].group != group for j in members if j < m - 1)
    return False


def _new_predicate(slots: Sequence[_Slot], k: int) -> bool:
    """Whether an English slot at ``k`` opens a predicate of its own: a coordinator before a
    finite verb (and remains, but has), "by" before an -ing form (by harassing), or "in what" or
    "in a move" opening a verdict on the act (halted purchases in a move seen as punishment)."""
    if k + 1 >= len(slots):
        return False
    word, following = slots[k].text.lower(), slots[k + 1].text.lower()
    if word in ("and", "but"):
        return following in FINITE_VERBS
    if word == "in" and (
        following == "what"
        or (following == "a" and k + 2 < len(slots) and slots[k + 2].text.lower() in ACT_NOUNS)
    ):
        return True  # halted purchases in a move seen as punishment: the appositive is a verdict on the act
    return word == "by" and following.endswith("ing") and len(following) > 5


def _after_number(slots: Sequence[_Slot], k: int) -> bool:
    """Whether the slot before ``k`` is a number, or a unit after one (一成 cut as 一 + 成)."""
    if _NUMERAL.match(slots[k - 1].text):
        return True
    return k > 1 and _NUMERAL.match(slots[k - 2].text + slots[k - 1].text) is not None


def _appositive_head(slots: Sequence[_Slot], at: int) -> int | None:
    """The comma before an English noun cue at ``at`` that heads an appositive on the clause
    before it (", a concession US officials welcomed", ", a feat NASA congratulated it on"),
    or None: the cue follows ", a" or ", an", and no target is named after a preposition right
    after it (", a setback for Beijing" is Beijing's)."""
    if not slots[at].text.isascii() or at < 2 or slots[at - 1].text.lower() not in ("a", "an"):
        return None
    if slots[at - 2].text not in (",", "，"):
        return None
    if (
        at + 2 < len(slots)
        and slots[at + 1].text.lower() in ("to", "for", "on", "against", "over", "by")
        and any(slots[j].alias is not None for j in range(at + 2, min(at + 4, len(slots))))
    ):
        return None
    return at - 2


def _actors_before(slots: Sequence[_Slot], opening: int) -> list[int]:
    """The subjects named before an appositive verdict that opens at ``opening``: the ones that
    are no speaker first (The Pentagon said a Chinese fighter flew..., in what it called: the
    fighter), else the speakers (Japan and the US announced patrols, a move Beijing condemned)."""
    named = [j for j in range(opening) if slots[j].alias is not None and not slots[j].oblique]
    acting = [j for j in named if not slots[j].attribution]
    return acting or named


def _replaced_as(slots: Sequence[_Slot], members: Sequence[int], at: int) -> bool:
    """Whether a target named right after the replacement word at ``at`` is followed by the
    role it loses (replaced China as the top exporter, 取代中国成为): not a replaced official or
    rule (replaced its ambassador to China)."""
    after = [j for j in members if at < j <= at + REPLACED_REACH]
    named = [j for j in after if slots[j].alias is not None]
    return bool(named) and any(slots[j].text.lower() in ROLE_MARKERS for j in after if j > named[0])


def _unexpected(slots: list[_Slot], members: Sequence[int], at: int) -> bool:
    """Whether the boost word at ``at`` follows a marker of the unexpected: 反而 or 反倒 before it
    in its sentence (or 倒逼, which carries its own), "instead" or "ironically" before it, or
    "only" right before it (has only accelerated)."""
    if slots[at].text in SELF_UNEXPECTED:
        return True
    if at > 0 and slots[at - 1].text.lower() == "only":
        return True
    return any(slots[j].text.lower() in UNEXPECTED for j in range(at))


def _fault_helped(slots: list[_Slot], members: Sequence[int], at: int) -> float | None:
    """The evaluation of the fault a verb of helping at ``at`` helps commit: the first content
    cue after it in its clause, within ASSIST_REACH words and with no break between, when it is
    a negative evaluation cue (0.0 when the fault closes a Chinese relative clause, 帮助俄罗斯
    规避制裁的企业: the helper is named after it, not the clause's subject); else None."""
    for j in [j for j in members if at < j <= at + ASSIST_REACH]:
        if slots[j].text in CLAUSE_BREAKS or slots[j].text.lower() in OPPOSERS:
            return None  # helped Ukraine resist Russian aggression: the help is against the fault
        cues = slots[j].cues
        if not cues.keys().isdisjoint(CONTENT):
            value = cues.get("evaluation", 0.0)
            # the fault is an act of the one helped, not another's named before it (Russian
            # aggression, 俄罗斯的侵略)
            owned = slots[j - 1].alias is not None and j - 1 > at + 1
            owned = owned or slots[j - 1].text in OWNER_MARKS
            # 对协助俄罗斯规避制裁的中国企业实施制裁: in a relative clause the helper is named after
            # 的, past the clause's own subject; its fault is left to the cue itself
            if value >= 0 or owned:
                return None
            relative = any(slots[i].text == "的" for i in range(j + 1, min(j + 4, len(slots))))
            return 0.0 if relative else value
    return None


def _lapse(slots: list[_Slot], negator: int, at: int, bases: dict[str, float]) -> bool:
    """Whether the failure word at ``negator`` fails at a virtue (failed to honour its
    commitments, 未能履行承诺, failed to keep its promise): a lapse is a fault, scored by the
    negated virtue, and no weakness; failing at a hostile act (failed to intimidate) or at
    receiving something (未能获得支持, failed to win the trust of) is."""
    if any(slots[j].text.lower() in RECEIVERS for j in range(negator + 1, at)):
        return False
    return all(bases[c] > 0 for c in CONTENT if c in bases)


def apply_cue(
    slots: list[_Slot],
    members: list[int],
    at: int,
    category: str,
    base: float,
    pending: Sequence[tuple[str, float, str, int]],
    hedge: float,
    attempt: float,
    factor: float,
    topic: _Topic | None,
    tallies: dict[str, _Tally],
    durative: bool = False,
    consequence: float = 1.0,
    possible: float = 1.0,
    inability: bool = False,
) -> None:
    """Compose the cue at slot ``at`` with its operators and add it to the targets it describes;
    ``durative`` when a word of persistence (一直, still) stands before it in its clause;
    ``consequence`` damps its potency when its clause is the consequence of a condition."""
    value = base
    dimension = DIMENSION[category]
    if dimension == "evaluation":
        pending = [p for p in pending if p[0] != "embedded_negator"]
        if base < 0 and category == "evaluation" and not any(p[0] in REVERSERS for p in pending):
            # should stop smearing China, urged Washington to stop bullying: a demand to stop a
            # fault presupposes it and is no virtue; the fault keeps its sign
            pending = [p for p in pending if p[0] != "shifter" or not _demanded(slots, p[3])]
        if base < 0:
            # 未能遏制, failed to contain: a negator that is itself a failure (it carries its
            # own weakness) presupposes the attempt, and a hostile attempt stays hostile
            # however it ends (企图操控); only its potency is reversed.
            pending = [p for p in pending if p[0] != "negator" or slots[p[3]].cues.get("potency", 0.0) >= 0]
    if slots[at].rhetorical is not None:
        # outermost: the question reverses the cue as composed with its own operators
        pending = [("rhetorical", slots[at].rhetorical[1], slots[at].rhetorical[0], -1), *pending]
    # Operators apply innermost first: in 无法+摆脱+依赖 the shifter reverses 依赖, then the
    # negator reverses 摆脱依赖.
    for op, weight, word, _ in reversed(pending):
        if op == "lesser" and dimension == "evaluation":
            # less aggressive is no virtue; less cooperative is half a fault
            value *= 0.0 if value < 0 else weight * 0.5
        elif op in REVERSERS and value < 0 and weight < 0 and base < 0 and word.lower() in DISAVOWALS:
            value = max(-value, DISAVOWED) if dimension == "evaluation" else value * weight
        elif op in REVERSERS and value < 0 and weight < 0 and base < 0:
            # a negated negative is only weakly positive (并非失败); a negated shifter of a
            # strength restores it (未能阻止中国取得进展: the progress was made)
            value *= weight * NEGATED_NEGATIVE
        else:
            value *= weight
    # The shifter that acts on the cue (摆脱, break), if any: its slot.
    shifter = max((p[3] for p in pending if p[0] == "shifter"), default=None)
    shifted = shifter is not None
    negated = any(p[0] in REVERSERS for p in pending)
    # Trying to change a state presupposes it: trying to leave a weakness (试图摆脱困境) shows its
    # holder weak, and trying to end a strength (race to break China's grip, 试图打破中国的垄断)
    # shows its holder strong, at half the cue's weight. A goal of reducing a dependence
    # (目标是降低对中国的依赖, seeks to reduce its reliance) asserts neither side's state, unless
    # the attempt persists (一直试图摆脱依赖, is still trying to end its reliance).
    presupposed = (
        dimension == "potency"
        and attempt < 1.0
        and shifted
        and not negated
        and (category != "dependence" or durative)
    )
    if presupposed:
        value = base * 0.5
    elif dimension == "potency" and attempt < 1.0 and (value > 0 or _coerced(slots, members, at)):
        # (企图迫使美方让步, 打算借关税逼迫北京让步: the yielding is the goal of the attempt)
        value *= attempt
    elif dimension == "potency" and value < 0:
        value *= possible  # may be forced to, 可能被迫: a possible weakness is no weakness yet
    value *= hedge * factor * (consequence if dimension == "potency" else 1.0)
    if value == 0:
        return
    if dimension == "potency" and "trend" in slots[at].cues and _moved(slots, members, at) == "burden":
        value = -value  # 失业率飙升, the debt soared: more of a burden is weakness
    if category == "comparison":
        following = next((slots[j].text for j in members if j > at), "")
        if _NUMERAL.match(following) or following.lower() in QUANTITY_WORDS:
            return  # 超过七成, 高于5%: a quantity, not a comparison between parties
        named = [j for j in members if j < at and slots[j].alias is not None and not slots[j].oblique]
        start = named[-1] if named else -1
        judged = any(w in slots[at].text.lower() for w in RANKING_COMPARISONS)
        if not judged and any(
            "burden" in slots[j].cues or slots[j].cues.get("dependence", 0.0) < 0
            for j in members
            if start < j < at
        ):
            # (a dependence compared is a burden too: 北京对美国市场的依赖远高于美国对中国的依赖)
            # 成本远高于...: more of a cost is worse (a cost word before the compared party is
            # none of the comparison: supporters of a price floor admit American producers…)
            value = -value
        elif not judged and any(
            slots[j].text == "的" and j + 1 in members and "burden" in slots[j + 1].cues
            for j in members
            if at < j <= at + COST_AFTER_REACH
        ):
            # 以远低于美国同行的成本实现了相近性能: the cost compared is named after the
            # standard, in the phrase the comparison word opens; less of it is better
            value = -value
    label = "+".join(
        [
            *(p[2] for p in pending if p[0] != "decline"),
            slots[at].text,
            *(p[2] for p in pending if p[0] == "decline"),
        ]
    )
    speaker = slots[at].speaker
    if slots[at].urged is not None:
        # 敦促美方停止霸凌, urged Japan to respect the rules: what the urged party is asked to do
        # (or stop) it does not do now; the cue goes to the party urged, never to the one urging.
        marker, urge, urged = slots[at].urged
        if 0 <= urged < at:
            targets, weight = group_targets(slots, slots[urged].group)
            label = f"{slots[marker].text}+{label}"
            add_contribution(tallies, targets, dimension, -abs(value * urge) * weight, label, speaker)
        return
    reason = _measure_reason(slots, members, at) if category == "evaluation" and value < 0 else None
    if reason is not None:
        # sanctioned Chinese officials over the crackdown, tariffs on China for its unfair
        # practices: the fault a measure is taken for is its patient's, not its author's (nobody's
        # when no patient is named: sanctions imposed after the invasion)
        if reason >= 0:
            targets, weight = group_targets(slots, slots[reason].group)
            add_contribution(tallies, targets, dimension, value * weight, label, speaker)
        return
    verdict = _verdict(slots, members, at) if category == "evaluation" else None
    if category == "evaluation" and verdict is not None:
        # Beijing called the US accusations groundless, 美国批评中国，称其做法不公平: a
        # judgement after a verdict or appraisal verb is of what the verb judges, never of
        # the one judging; when that is no target, a fault is no one's (dismissed the report
        # as baseless, 否认这一指控，称其毫无根据), and praise is the speaker's own claim.
        if verdict >= 0 and value > 0 and slots[at].urged is None and _accuses(slots, members, at):
            # 美方指责中国向俄罗斯提供军事援助, accused Beijing of providing aid to Moscow: what
            # an accusation charges is a fault however its words sound, never a good deed
            return
        if verdict >= 0:
            targets, weight = group_targets(slots, slots[verdict].group)
            add_contribution(tallies, targets, dimension, value * weight, label, speaker)
            return
        if value < 0:
            return
    other = other_party(slots, members, at, category)
    head = _appositive_head(slots, at)
    if head is not None and category in ("evaluation", "potency") and other is None:
        # China agreed to resume purchases, a concession US officials welcomed; …, a feat NASA
        # congratulated it on: a noun that heads an appositive on the main clause names its act,
        # so it is the actor's (not the one named inside the appositive)
        actors = _actors_before(slots, head)
        if actors:
            a_targets, a_weight = group_targets(slots, slots[actors[0]].group)
            add_contribution(tallies, a_targets, dimension, value * a_weight, label, speaker)
        return
    # The blame of an act of control (施压, 制裁, coerce) is the agent's: the patient (对华施压,
    # pressure on Beijing) is never the one it is linked to.
    if (
        other is None
        and dimension == "evaluation"
        and ("control" in slots[at].cues or "measure" in slots[at].cues)
    ):
        blamed_other = other_party(slots, members, at, "control")
    else:
        blamed_other = other
    exclude = slots[blamed_other].group if blamed_other is not None else -2
    # (an inability word standing alone, 难以追赶中国, is its subject's, as an act is: the one
    # named after it is its verb's object)
    act = dimension == "evaluation" or inability
    targets, weight, group = link(slots, members, at, topic, exclude=exclude, act=act)
    if (
        abs(base) <= RECIPROCAL_MAX
        and category in ("evaluation", "potency")
        and _with_partner(slots, members, group)
    ):
        # 白宫宣布与中方达成协议, agreed with Beijing to restore talks: what one does with a
        # partner named by 与 or with is the pair's, as below
        return
    # a pair: two targets, or a joint form whose partner is no target (US-Philippine, 美菲)
    paired = len(targets) > 1 or any(
        s.alias is not None and s.alias.alias_kind == "joint"
        for s in slots
        if group >= 0 and s.group == group
    )
    if paired and abs(base) <= RECIPROCAL_MAX and category in ("evaluation", "potency"):
        # 中美双方达成初步共识, 双方同意继续合作: a mild word of what the pair does together
        # (agreeing, cooperating, negotiating) is neither side's virtue or success
        return
    if paired and dimension == "potency" and _negotiating(slots, targets):
        # 中美经贸磋商取得实质性进展, 双方都作出了让步: how talks between the pair go (progress,
        # concessions, deadlock) is neither side's success or failure, as the guideline has it
        return
    if shifted and _holds(slots, members, shifter, at, group):
        # 美国打破了中国的垄断, broke China's grip: the state is its holder's, the act the
        # agent's (the target before the shifter). The act's appraisal is the agent's alone; its
        # outcome weakens the holder and is the agent's success, half as much (its failure when
        # negated: cannot break China's grip). An attempt settles nothing of the agent.
        agent = _agent(slots, members, shifter, group)
        agent_targets, agent_weight = group_targets(slots, agent) if agent is not None else ((), 0.0)
        if dimension == "evaluation":
            add_contribution(tallies, agent_targets, dimension, value * agent_weight, label, speaker)
            return
        if not presupposed:
            add_contribution(
                tallies, agent_targets, dimension, -value * 0.5 * agent_weight, label + "(agent)", speaker
            )
    elif presupposed and base > 0:
        # 中国力图打破西方的垄断, is trying to break the Western monopoly: a strength the one
        # trying does not hold says nothing settled of it.
        targets = ()
    elif shifted and base > 0 and dimension == "potency" and _acts_on_another(slots, members, shifter, at):
        # 中国成功打破了西方的技术封锁, broke the Western monopoly: breaking a strength no
        # target holds is the agent's success, half as much (its failure when negated), as when
        # the holder is named.
        value = -value * 0.5
        label += "(agent)"
    passive = _passive(slots, members, at)
    causer = (
        _causer(slots, members, at, value < 0) if dimension == "potency" and category == "potency" else None
    )
    if causer is None and category == "potency" and value > 0 > base:
        failed = _denied_cause(slots, members, at)
        if failed is not None:
            # 美国的制裁并没有使俄罗斯经济崩溃, sanctions did not make Russia's economy collapse:
            # the harm denied is the causer's failure, as much as it is the caused's resilience
            marker, causee = failed
            c_targets, c_weight, _ = link(slots, [j for j in members if j < marker], marker, topic)
            caused = group_targets(slots, slots[causee].group)[0] if causee is not None else ()
            c_targets = tuple(t for t in c_targets if t not in caused)
            if len(c_targets) == 1:
                add_contribution(
                    tallies, c_targets, dimension, -value * c_weight, label + "(causer)", speaker
                )
    damaged = _active_object(slots, members, at) if category == "potency" and base < 0 else None
    if damaged is not None and passive is None and causer is None:
        # US sanctions have crippled China's chip industry, China's ban paralysed American drone
        # makers: a word of damage used as an active verb weakens its object, and its subject
        # gains half of it, as a causer does
        o_targets, o_weight = (
            group_targets(slots, slots[damaged].group) if slots[damaged].alias is not None else ((), 0.0)
        )
        add_contribution(tallies, o_targets, dimension, value * o_weight, label, speaker)
        s_targets, s_weight, _ = link(slots, [j for j in members if j < at], at, topic)
        s_targets = tuple(t for t in s_targets if t not in o_targets)
        s_value = -value * CAUSED_SHARE * s_weight
        if value > 0 and any("measure" in slots[j].cues for j in members if j < at):
            # US export controls have not slowed China's progress: a measure that did not do the
            # damage it was for has failed, and its author with it
            s_value = min(s_value, -NEGATED_DAMAGE * s_weight)
        add_contribution(tallies, s_targets, dimension, s_value, label + "(agent)", speaker)
        return
    if causer is not None:
        # 北京的管制让各国束手无策: what the causer makes others suffer is its strength; 美国的
        # 制裁使中国更加强大 credits the causee named after the causative.
        marker, causee = causer
        reflexive = any(slots[j].text.lower() in REFLEXIVES for j in members if marker < j < at)
        if causee is None and marker + 1 < len(slots) and slots[marker + 1].text == "其":
            # 中共的战狼外交让其国际形象一落千丈: 其 is the causer itself, unless the clause names
            # an object before the causative (美国对华为的制裁使其份额下滑: 其 is 华为)
            scope = [j for j, slot in enumerate(slots[:marker]) if slot.clause >= slots[marker].clause - 1]
            acted_on = any(
                slots[j].text in OBJECT_MARKERS
                and any(_act_cue(slots[m]) for m in range(j + 1, min(j + 6, marker)))
                for j in scope
            )
            if not acted_on:
                reflexive = True  # (中国银行业对美元体系的依赖，使其…被动: the dependent itself)
            else:
                objects = [
                    j for j in scope if slots[j].alias is not None and slots[j].oblique in OBJECT_MARKERS
                ]
                if not objects:
                    return  # 中共对香港的打压使其…一落千丈: 其 is the object, no target
                if slots[objects[-1]].alias.weight >= 1:
                    causee = objects[-1]
        caused: tuple[str, ...] = ()
        if causee is not None:
            caused, weight = group_targets(slots, slots[causee].group)
            add_contribution(tallies, caused, dimension, value * weight, label, speaker)
        if value < 0 and not reflexive:
            # 北京的管制让各国束手无策, 中国的禁令令美国企业陷入困境: the causer gains what the
            # caused suffer, named or not
            c_targets, c_weight, _ = link(slots, [j for j in members if j < marker], marker, topic)
            c_targets = tuple(t for t in c_targets if t not in caused)
            if len(c_targets) > 1:
                return  # 中美对抗令东南亚国家付出代价: what a pair's rivalry costs others is neither's strength
            add_contribution(
                tallies, c_targets, dimension, -value * CAUSED_SHARE * c_weight, label + "(causer)", speaker
            )
            return
        if causee is not None or _pronoun_causee(slots, marker):
            return  # (美国的制裁反而让它更加强大: the one made stronger is not the causer)
        # 让自己陷入困境, 使经济复苏: the cue describes the causer itself, linked as any cue is
    if verdict is None:
        appraised = _passive_appraisal(slots, members, at, inclusive=category == "appraisal")
        if appraised is not None:
            # 中国的管制被美方指责为经济胁迫, 遭美国谴责, 受到美国的批评, was accused by Beijing of
            # provoking: the party judged, and what it is judged for, is the subject before the
            # passive or the verb of receiving, never the appraiser after it. What it is judged
            # for repeats the judgement (被批评倾销 is one fault, not two); only a judgement of the
            # other sign adds to it. A strength or weakness it is judged to have is the subject's
            # too (中国被美国视为威胁, was branded a paper tiger).
            marker, verb = appraised
            repeated = verb != at and dimension == "evaluation" and _cue_value(slots[verb]) != 0
            if repeated and (value > 0) == (_cue_value(slots[verb]) > 0):
                return
            p_targets, p_weight, _ = link(slots, [j for j in members if j < marker], marker, topic)
            # 此举引发北京强烈不满: the appraiser named right after the verb of receiving is not
            # the one appraised (a mention further on may be what it is judged for)
            agent = marker + 2 if slots[marker + 1].text.lower() in ("by", "from") else marker + 1
            if agent < at and slots[agent].alias is not None and slots[marker].text.lower() in RECEIVERS:
                p_targets = tuple(t for t in p_targets if t not in slots[agent].alias.targets)
            add_contribution(tallies, p_targets, dimension, value * p_weight, label, speaker)
            return
    if category == "appraisal":
        opening = _appositive_verdict(slots, at) if other is None else None
        if opening is not None:
            # ..., a step US officials welcomed: the appraisal is of the main clause's actor
            actors = _actors_before(slots, opening)
            if actors:
                a_targets, a_weight = group_targets(slots, slots[actors[0]].group)
                add_contribution(tallies, a_targets, dimension, value * a_weight, label, speaker)
            return
        if other is not None:
            targets, weight = group_targets(slots, slots[other].group)
            if speaker == AUTHOR and passive is None:
                # 美国官员批评中国, Japan accused Russia: the judgement is the appraiser's, reported
                # by the author, so it counts as that speaker's voice
                speaker = appraiser([slots[j] for j in members if j < at]) or speaker
        elif passive is None and not any(
            slots[j].text.lower() in RECEIVERS for j in members if at - RECEIVER_REACH <= j < at
        ):
            return  # China condemned the move: what is appraised is no target (but 广受称赞 is)
        add_contribution(tallies, targets, dimension, value * weight, label, speaker)
        return
    if passive is not None:
        marker, agent = passive
        p_targets, p_weight, _ = link(slots, [j for j in members if j < marker], marker, topic)
        a_targets, a_weight = group_targets(slots, slots[agent].group) if agent is not None else ((), 0.0)
        p_targets = tuple(t for t in p_targets if t not in a_targets)
        if category == "evaluation" and (agent is not None or at - marker <= 2):
            # 中国被美国霸凌, Japan was bullied: the judgement is of the agent, named or not (but in
            # 中国被视为负责任的伙伴 the judgement is of the subject, below)
            add_contribution(tallies, a_targets, dimension, value * a_weight, label, speaker)
            return
        if category == "evaluation":
            add_contribution(tallies, targets, dimension, value * weight, label, speaker)
            return
        # 美国的封锁被中国突破, B被A压制, Russia was hit by sanctions: the agent acts on the
        # patient, so what makes the agent strong makes the patient weak; a word of weakness
        # (被拖累, was weakened) describes the patient.
        strong_agent = base > 0 and (agent is not None or category == "control")
        first, second = (a_targets, p_targets) if strong_agent else (p_targets, a_targets)
        w_first, w_second = (a_weight, p_weight) if strong_agent else (p_weight, a_weight)
        if category == "control" and not strong_agent:
            value = -value  # 受A制约 with no agent named: the patient is controlled
        add_contribution(tallies, first, dimension, value * w_first, label, speaker)
        add_contribution(tallies, second, dimension, -value * w_second, label + "(patient)", speaker)
        return
    # Washington said coercion will not work: a speaker does not blame itself, nor take the
    # strength of the fault it names (胁迫 is also potency), nor its success or failure
    # (脅迫不會得逞: the coercion fails, not the speaker).
    if dimension == "evaluation":
        fault = value < 0
    else:
        fault = (slots[at].cues.get("evaluation", 0.0) < 0 and not negated) or any(
            slots[j].voiced and slots[j].alias is None and slots[j].cues.get("evaluation", 0.0) < 0
            for j in members
            if j < at
        )
    if fault and (_named_only_as_speaker(slots, at, targets) or _said_by_subject(slots, members, targets)):
        return
    if other is not None and group < 0 and category in RELATIONAL:
        # Mexico overtook China as America's largest partner: the other party of a relational
        # cue is not its subject too (the subject here is no target, and the topic falls back
        # on the one overtaken)
        others = group_targets(slots, slots[other].group)[0]
        targets = tuple(t for t in targets if t not in others)
    elif (
        other is not None
        and (category == "comparison" or "rebuff" in slots[at].cues)
        and group >= 0
        and members[0] < at
        and not any(slots[j].alias is not None for j in members if j < at)
        and all(j > at for j in members if slots[j].group == group)
    ):
        # 墨西哥超越中国成为美国最大贸易伙伴, Turkey ignored Washington's demands to stop buying
        # Russian gas: a comparison's or rebuff's subject stands before it; when the words there
        # name no target, the one named after the other party is no subject
        targets = ()
    if (
        other is not None
        and group < 0
        and 0 < other - at <= 3
        and not any(slots[j].cues for j in range(at + 1, other))
        and all(slots[j].group == slots[other].group for j in members if slots[j].alias is not None)
        and category in RELATIONAL
    ):
        # the sanctions did not crush China: with no target named as the agent, the patient
        # right after the verb is not the agent too (the topic it would fall back to)
        patients = group_targets(slots, slots[other].group)[0]
        targets = tuple(t for t in targets if t not in patients)
    add_contribution(tallies, targets, dimension, value * weight, label, speaker)
    decline = next((p[3] for p in pending if p[0] == "decline"), None)
    if decline is not None and dimension == "potency" and base > 0:
        # 美国的影响力已被中国取代, its edge was eroded by Chinese firms: the agent of a lost
        # strength gains half of it
        agent = _decline_agent(slots, members, decline)
        if agent is not None:
            add_opposite(
                tallies, slots, slots[agent].group, dimension, value, 0.5, label + "(agent)", speaker, targets
            )
    if other is not None and category in RELATIONAL and not any(p[0] == "lesser" for p in pending):
        # (less dependent on Russian gas: a state compared with its own past says nothing of
        # the other party, as the guideline has it)
        share = 0.5 if category == "dependence" else 1.0
        add_opposite(
            tallies, slots, slots[other].group, dimension, value, share, label + "(other party)", speaker
        )
    compared = (
        _compared_with(slots, members, at)
        if other is None and category in ("evaluation", "potency")
        else None
    )
    if compared is not None and slots[compared].group != group and (dimension == "potency" or value > 0):
        # (only a virtue's absence is a fault: more aggressive than the US is no praise of the US)
        # a more reliable partner than the United States, 中国比美国更可靠: a comparative puts the
        # one compared with on the other side, at full weight, as a comparison cue does
        add_opposite(
            tallies,
            slots,
            slots[compared].group,
            dimension,
            value,
            1.0,
            label + "(compared)",
            speaker,
            targets,
        )
    excluded = _excluded_rival(slots, targets) if other is None and targets else None
    if excluded is not None and (dimension == "potency" or value > 0):
        # It is Beijing, not Washington, that sets the rules; 是中国而不是美国主导: the one
        # excluded is set against the one named, as the one compared with is
        add_opposite(
            tallies,
            slots,
            slots[excluded].group,
            dimension,
            value,
            1.0,
            label + "(excluded)",
            speaker,
            targets,
        )
    elif other is None and category == "potency":
        rival = _rival(slots, members, at)
        if rival is not None and slots[rival].group != group:
            # 北京在与华盛顿的博弈中握有筹码, 美国在与中国的贸易战中节节败退: in a contest with a
            # named rival, the subject's strength is the rival's weakness, half as much
            add_opposite(
                tallies, slots, slots[rival].group, dimension, value, 0.5, label + "(rival)", speaker, targets
            )


def _compared_with(slots: Sequence[_Slot], members: Sequence[int], at: int) -> int | None:
    """The mention a comparative cue at ``at`` compares with: English "more ... than X"
    (more and the cue at most two words apart, X at most two words after a "than" within five
    words of the cue); Chinese 比X更… (X after 比, then only degree words up to the cue)."""
    if slots[at].text.isascii():
        if not any(slots[j].text.lower() == "more" for j in members if at - 2 <= j < at):
            return None
        than = next((j for j in members if at < j <= at + 5 and slots[j].text.lower() == "than"), None)
        if than is None:
            return None
        return next((j for j in members if than < j <= than + 3 and slots[j].alias is not None), None)
    marked = [j for j in members if j < at and slots[j].alias is not None and slots[j].oblique == "比"]
    if not marked or not all(slots[j].text in DEGREE_WORDS for j in range(marked[-1] + 1, at)):
        return None
    return marked[-1]


def _moved(slots: Sequence[_Slot], members: Sequence[int], at: int) -> str:
    """What the trend word at ``at`` moves: "burden" or "asset" when a cue of that category
    stands before it in its clause with no mention and no cue other than trend words between
    (青年失业率飙升至历史新高, America's national debt soared; 外汇储备升至, China's share of the
    market fell), else ""."""
    for j in reversed([j for j in members if j < at]):
        if "measure" in slots[j].cues:
            return ""  # 关税降至10%: a measure moved is its author's choice, not its burden
        for kind in ("burden", "asset"):
            if kind in slots[j].cues:
                # Vietnam's exports to the US surged: a quantity of a named party that is no target
                named = j > 1 and slots[j - 2].alias is None and _named_possessor(slots, j - 2)
                return "" if named else kind
        if (slots[j].alias is not None and not slots[j].oblique) or (
            "trend" not in slots[j].cues and not slots[j].cues.keys().isdisjoint(CONTENT)
        ):
            return ""  # (a mention after a preposition is inside the phrase: exports to the US fell)
    return ""


def _rival(slots: Sequence[_Slot], members: Sequence[int], at: int) -> int | None:
    """The rival of a contest frame before the cue at ``at``: the mention after 在与/在同/在和/
    在跟 whose frame names a contest (cue category ``contest``: 竞争, 博弈, 贸易战) and is closed
    by a localizer before the cue (在与中国的贸易战中, 在同美方的谈判上), or after "with"
    right after a contest noun in a phrase opened by "in" (in any standoff with Washington);
    else None. A frame of cooperation or of a process (在与美国的合作中) names no rival."""
    opening = (
        [j for j, slot in enumerate(slots) if slot.clause == slots[members[0]].clause - 1] if members else []
    )
    if not (opening and slots[opening[0]].text.lower() == "in"):
        opening = []
    for j in [*opening, *members]:
        # holds most of the cards in any standoff with Washington, In the trade war with China,
        # Washington…: an English frame, before or after the cue
        if (
            slots[j].alias is not None
            and slots[j].oblique == "with"
            and j > 2
            and "contest" in slots[j - 2].cues
            and any(slots[m].text.lower() == "in" for m in range(max(0, j - 8), j - 2))
        ):
            return j
    for j in reversed([j for j in members if j < at]):
        if (
            slots[j].alias is None
            or slots[j].oblique not in RIVAL_MARKERS
            or j < 2
            or slots[j - 2].text != "在"
        ):
            continue
        close = next((m for m in range(j + 1, at) if slots[m].text in LOCALIZERS), None)
        if close is not None and any("contest" in slots[m].cues for m in range(j + 1, close)):
            return j
    return None


def _declines(slots: Sequence[_Slot], members: Sequence[int]) -> tuple[dict[int, int], set[int]]:
    """The cues a decline word after them reverses (a state: potency, or a quality such as 信誉,
    credibility; not an act of appraisal), each with the slot of its decline word, and the
    decline words so used.

    A decline word (缩小, 下降, 减弱, is slipping, has eroded) with no target or cue after it in
    its clause says the state named before it is waning: 美国的领先优势正在缩小, China's grip on
    the market is slipping, 美国的信誉下降. Every such cue back to the nearest mention, operator
    or other cue is reversed (领先 and 优势). Followed by a target or a cue, the word is
    transitive (is eroding US industry) and is no decline."""
    declined: dict[int, int] = {}
    decliners: set[int] = set()
    for i, k in enumerate(members):
        if "decline" not in slots[k].cues:
            continue
        if i > 0 and slots[members[i - 1]].text.lower() in DETERMINERS:
            continue  # worries about a shrinking workforce: an attribute of what follows
        by_agent = _decline_agent(slots, members, k)
        # (its influence has waned as Chinese lenders came to dominate: a subordinate clause after
        # the decline word is a clause of its own)
        rest = next(
            (n for n, j in enumerate(members[i + 1 :]) if slots[j].text.lower() in SUBORDINATORS), None
        )
        if any(
            (slots[j].alias is not None and j != by_agent) or not slots[j].cues.keys().isdisjoint(CONTENT)
            for j in members[i + 1 :][:rest]
        ):
            continue
        reversed_cues = []
        for j in reversed(members[:i]):
            cues = slots[j].cues
            if j == by_agent:
                continue  # 优势被中国削弱: the agent of the passive
            if slots[j].text.lower() in SUBORDINATORS:
                break  # was forced to close after staff fell ill: the decline is the clause's own
            if slots[j].text.lower() in COMPLEMENT_TAKERS:
                # 训练进度被迫放缓, 实现孕产妇死亡率下降: the decline is what was compelled or
                # achieved, no state it reverses
                break
            if slots[j].alias is not None:
                if cues and all(c in CONTENT and c != "appraisal" for c in cues):
                    reversed_cues.append(j)  # 美元霸权正在动摇: a mention that is a state itself
                elif j - 1 in members and not CONTENT_SET.isdisjoint(slots[j - 1].cues):
                    continue  # Washington's leverage over Beijing is waning: the cue's object
                elif (
                    j - 2 in members
                    and slots[j].oblique
                    and not slots[j - 1].cues
                    and not {"dependence", "evaluation"}.isdisjoint(slots[j - 2].cues)
                ):
                    # trust in Washington has fallen, reliance on American soybeans has fallen: the
                    # object after a preposition (not of a gap: the gap with Chinese rivals has
                    # narrowed says who is behind no plainer)
                    continue
                break
            if not cues or set(cues) <= PASS_THROUGH:
                if reversed_cues and not cues and not slots[j].text.isascii():
                    break  # 顶尖AI模型的性能差距缩小: the state reversed ends at the noun it heads
                continue  # 正在, is, in the market
            if all(c in CONTENT and c != "appraisal" for c in cues):
                reversed_cues.append(j)
                continue
            break
        if reversed_cues:
            decliners.add(k)
            for j in reversed_cues:
                declined[j] = k
    return declined, decliners


def _decline_agent(slots: Sequence[_Slot], members: Sequence[int], decliner: int) -> int | None:
    """The agent of a passive decline word: the mention right after 被/遭 before it (优势被中国
    削弱, 影响力已被中国取代), or the first mention after a "by" right after it (its edge was eroded
    by Chinese firms); else None."""
    before = [j for j in members if j < decliner]
    for j in reversed(before):
        if slots[j].alias is not None and j - 1 in members and slots[j - 1].text in PASSIVE_MARKERS:
            return j
        if not set(slots[j].cues) <= PASS_THROUGH or slots[j].alias is not None:
            break  # 被中国大幅削弱: an adverb stands between
    after = [j for j in members if j > decliner]
    if after and slots[after[0]].text.lower() == "by":
        return next((j for j in after[1:4] if slots[j].alias is not None), None)
    return None


def _passive_appraisal(
    slots: Sequence[_Slot], members: Sequence[int], at: int, inclusive: bool
) -> tuple[int, int] | None:
    """(the slot before which the appraised party is named, the appraisal's slot) when an
    appraisal before the cue at ``at`` (or the cue itself, when ``inclusive``) is passive: its
    被/遭 marker (被美方指责, 被美方视为), the verb of receiving before it (受到美国的批评, drew
    praise from), or an English passive appraisal term with its agent (accused by, condemned by);
    else None."""
    for j in members:
        if j > at or (j == at and not inclusive):
            break
        cues = slots[j].cues
        if "appraisal" in cues or "verdict" in cues:
            marker = _received_at(slots, members, j)
            if marker is not None:
                return marker, j
        elif j < at and "evaluation" in cues and slots[j].text.lower().endswith(" by"):
            return j, j
    return None


def _received_at(slots: Sequence[_Slot], members: Sequence[int], j: int) -> int | None:
    """The 被/遭 marker of the appraisal or verdict at ``j`` when it is passive, or the verb of
    receiving before it (受到…批评, drew praise); else None: the appraisal is active."""
    passive = _passive(slots, members, j)
    if passive is not None:
        return passive[0]
    return next(
        (r for r in reversed(members) if j - RECEIVER_REACH <= r < j and slots[r].text.lower() in RECEIVERS),
        None,
    )


def _cue_value(slot: _Slot) -> float:
    """The weight of an appraisal term: its appraisal cue, or its evaluation (accused by); 0
    for a verdict verb (视为, branded), which says nothing until its complement does."""
    return slot.cues.get("appraisal", slot.cues.get("evaluation", 0.0))


def _measure_reason(slots: Sequence[_Slot], members: Sequence[int], at: int) -> int | None:
    """For a fault at ``at`` named after "over", "for" or "after" (up to REASON_REACH words
    before it, no cue between) that follows a measure in its clause: the slot of the measure's
    patient (a mention between the word and the fault, as in over China's crackdown, else the
    first mention after the measure), or -1 when none is named; None when the fault is not
    such a reason."""
    word = next(
        (
            j
            for j in reversed(members)
            if at - REASON_REACH <= j < at and slots[j].text.lower() in MEASURE_REASONS
        ),
        None,
    )
    if word is None or any(not slots[j].cues.keys().isdisjoint(CONTENT) for j in range(word + 1, at)):
        return None
    measure = next((j for j in members if j < word and "measure" in slots[j].cues), None)
    if measure is None:
        return None
    inside = [j for j in range(word + 1, at) if slots[j].alias is not None]
    if inside:
        return inside[0]
    patients = [
        j for j in members if measure < j < word and slots[j].alias is not None and slots[j].oblique != "by"
    ]  # (imposed by Washington after the invasion: the agent is no patient)
    return patients[0] if patients else -1


def _verdict(slots: Sequence[_Slot], members: Sequence[int], at: int) -> int | None:
    """The slot of what a verdict judges, when the evaluation cue at ``at`` follows an active
    verdict verb (called, branded, 称其, 视为) or an active appraisal verb (condemned, 批评) in
    its clause (the first such verb): the first mention between the verb and the cue; else one
    named right after the cue with by or from (blackmail by Washington); else an object moved
    before the verb (将中国视为威胁); else, when the verb's object is a pronoun (calling it, 称其),
    the last mention before the verb other than its subject; else -1. None when no such verb
    precedes the cue, or when its object is an anaphoric noun phrase (此举, the move), whose
    target the clause topic gives."""
    markers = [
        j
        for j in members
        if j < at
        and (
            "verdict" in slots[j].cues
            or "appraisal" in slots[j].cues
            # …, a move China's defense ministry said undermines peace: a saying verb in an
            # appositive on the main clause's act judges that act as a verdict verb does
            or ("attribution" in slots[j].cues and _appositive_act(slots, j))
        )
        and _received_at(slots, members, j) is None
    ]
    if not markers:
        return None
    marker = markers[0]  # the verb, not an appraisal noun after it (called the US accusations groundless)
    following = slots[marker + 1] if marker + 1 < len(slots) else None
    if (
        following is not None
        and "anaphor" in following.cues
        and following.text.lower() not in OBJECT_ANAPHORS
    ):
        # 多国批评此举违反规则, condemned the move as illegal: the topic the anaphor carries; but
        # not the judge's own (北京批评该命令是经济胁迫: the order is not Beijing's): the act's
        # actor named before (美国众议院通过一项法案，中方批评该法案…), else no one
        judges = [j for j in members if j < marker and slots[j].alias is not None and not slots[j].oblique]
        if not judges:
            return None
        referent = act_referent(slots, members, judges[-1])
        return referent if referent is not None else -1
    # (反华势力炮制的谎言, smears fabricated by anti-China forces: an "anti-" mention names the
    # target's opponents, never what is judged)
    inside = [
        j
        for j in members
        if marker < j < at and slots[j].alias is not None and slots[j].alias.alias_kind != "oblique"
    ]
    if inside:
        return inside[0]
    opening = _appositive_verdict(slots, marker)
    if opening is not None:
        # ..., in what Manila called a dangerous manoeuvre; ..., a move Beijing condemned as bloc
        # confrontation: what is judged is the main clause's act, so its actor, the first
        # subject named before
        actors = _actors_before(slots, opening)
        return actors[0] if actors else -1
    by = next((j for j in members if at < j <= at + 2 and slots[j].text.lower() in ("by", "from")), None)
    if (
        by is not None
        and by + 1 in members
        and slots[by + 1].alias is not None
        and slots[by + 1].alias.alias_kind != "oblique"
    ):
        return by + 1  # denounced the duties as blackmail by Washington: the doer after the cue
    disposed = [
        j for j in members if 0 < j < marker and slots[j].alias is not None and slots[j - 1].text in DISPOSALS
    ]
    if disposed:
        return disposed[-1]  # 美国将中国视为威胁, 把中方称为对手: the object before the verb
    if not (
        any(ch in OBJECT_ANAPHORS for ch in slots[marker].text[1:])
        or (following is not None and following.text.lower() in OBJECT_ANAPHORS)
    ):
        return -1
    named = [j for j in range(marker) if slots[j].alias is not None]
    if not named:
        return -1
    before = [j for j in members if j < marker and slots[j].alias is not None and not slots[j].oblique]
    subject = slots[before[-1] if before else named[0]].group
    others = [j for j in named if slots[j].group != subject]
    return others[-1] if others else -1


def _appositive_verdict(slots: Sequence[_Slot], marker: int) -> int | None:
    """The slot opening an English verdict on the main clause before it (", in what X called",
    ", a move X condemned as", ", a step X welcomed as", ", which X describes as"), or the comma
    before a trailing English appraisal (…, Beijing's embassy protested; …, critics charged), or
    None."""
    if slots[marker].text.isascii() and all(s.text in TRAILING_STOPS for s in slots[marker + 1 :]):
        comma = next(
            (j for j in range(marker - 1, max(marker - TRAILING_REACH, 0), -1) if slots[j].text == ","), None
        )
        if comma is not None and not any("appraisal" in slots[j].cues for j in range(comma + 1, marker)):
            return comma
    for j in range(max(marker - APPOSITIVE_REACH, 1), marker):
        word = slots[j].text.lower()
        if word == "what" and slots[j - 1].text.lower() == "in":
            return j - 1
        if (
            word == "which"
            and slots[j - 1].text in {",", "，"}
            and any(
                slots[k].alias is not None or slots[k].written[:1].isupper() for k in range(j + 1, marker)
            )
        ):
            return j - 1  # the incursions, which Taipei describes as harassment (a named judge)
        if word in ACT_NOUNS and (comma := _act_noun_comma(slots, j)) is not None:
            return comma
    return None


def _act_noun_comma(slots: Sequence[_Slot], noun: int) -> int | None:
    """The comma right before the act noun at ``noun`` (and its determiner), when the noun opens
    an appositive on the clause before it (", a move", ", the step"), or None."""
    k = noun - 1 if slots[noun - 1].text.lower() in DETERMINERS else noun
    return k - 1 if k > 0 and slots[k - 1].text in {",", "，"} else None


def _appositive_act(slots: Sequence[_Slot], marker: int) -> bool:
    """Whether an English verb at ``marker`` stands in an appositive on the act of the clause
    before it (", a move X said", ", a step Y called"): the first act noun within four words
    before the verb opens one."""
    noun = next((j for j in range(max(marker - 4, 1), marker) if slots[j].text.lower() in ACT_NOUNS), None)
    return noun is not None and _act_noun_comma(slots, noun) is not None


def _holds(slots: Sequence[_Slot], members: Sequence[int], shifter: int, at: int, group: int) -> bool:
    """Whether the mention group ``group`` stands between the shifter and the cue at ``at``, as
    the holder of the state the shifter acts on (break China's grip, 打破中国的垄断), rather
    than before the shifter as the one acting (Beijing is trying to break...)."""
    return any(shifter < k < at and slots[k].alias is not None and slots[k].group == group for k in members)


def _acts_on_another(slots: Sequence[_Slot], members: Sequence[int], shifter: int, at: int) -> bool:
    """Whether the shifter before the cue at ``at`` acts on a state that is not its subject's own:
    not a shifter of loss (失去优势, lost its edge: the ``loss`` cues), and no reflexive or
    possessive pronoun between it and the cue (削弱了自身的优势)."""
    if "loss" in slots[shifter].cues:
        return False
    return not any(slots[j].text.lower() in OWN_MARKERS for j in members if shifter < j < at)


def _agent(slots: Sequence[_Slot], members: Sequence[int], shifter: int, holder: int) -> int | None:
    """The group of the mention that acts through the shifter on a state another holds: the
    nearest subject-like mention before the shifter (not an oblique one, not the holder)."""
    before = [
        k
        for k in members
        if k < shifter and slots[k].alias is not None and not slots[k].oblique and slots[k].group != holder
    ]
    return slots[before[-1]].group if before else None


def _named_only_as_speaker(slots: Sequence[_Slot], at: int, targets: Sequence[str]) -> bool:
    """Whether the cue at ``at`` stands in what a speaker says (the clause of the speech, not
    a comment the author adds after it) and ``targets`` are named in the sentence only where
    its speaker is (China's ministry said the sanctions were illegal): a fault the speaker
    names without naming who commits it is not the speaker's own."""
    if not slots[at].voiced or not targets:
        return False
    if any(s.attribution and s.text.lower() in ANNOUNCERS for s in slots):
        return False  # 中方宣布对美企实施惩罚性制裁: what is announced is the announcer's own act
    named = [s for s in slots if s.alias is not None and set(s.alias.targets) & set(targets)]
    return bool(named) and all(s.attribution for s in named)


def _said_by_subject(slots: Sequence[_Slot], members: Sequence[int], targets: Sequence[str]) -> bool:
    """Whether the clause is what the sentence's subject says in an English participle after a
    comma (Chinese officials dismissed the claim, saying the restrictions amounted to
    hegemony) and names none of ``targets``: a fault named there is not the sayer's own."""
    words = [k for k in members if slots[k].text not in {",", "，"}]
    if not words or not targets:
        return False
    first = slots[words[0]]
    if "attribution" not in first.cues or not first.text.isascii() or not first.text.lower().endswith("ing"):
        return False
    return not any(slots[k].alias is not None and set(slots[k].alias.targets) & set(targets) for k in members)


def _active_object(slots: Sequence[_Slot], members: Sequence[int], at: int) -> int | None:
    """The object of an English word of damage used as an active verb (crippled, paralysed:
    have crippled China's access, paralysed the American drone makers): a mention right after
    it, or after a determiner, when a subject stands before it (not a determiner: the crippled
    US industry is an adjective); else None. An intransitive word (failed, stalled) is followed
    by no mention so placed (failed because China's economy...)."""
    text = slots[at].text.lower()
    if not text.isascii() or not text.endswith("ed") or " " in text:
        return None
    before = [j for j in members if j < at]
    if not before or slots[before[-1]].text.lower() in DETERMINERS:
        return None
    j = at + 1
    while j < len(slots) and j in members and slots[j].text.lower() in DETERMINERS:
        j += 1
    if j in members and slots[j].alias is None and _named_possessor(slots, j):
        return j  # have crippled Iran's oil exports: a named party that is no target
    if (
        text in SURPRISERS
        and j in members
        and slots[j].text not in CLAUSE_BREAKS
        and slots[j].text.lower() != "by"
    ):
        return j  # stunned Silicon Valley, stunned analysts: whoever is stunned, it is not the subject
    return j if j in members and slots[j].alias is not None else None


def _named_possessor(slots: Sequence[_Slot], j: int) -> bool:
    """Whether the slot at ``j`` is a capitalised English name with a possessive after it (Iran's,
    Sri Lanka's: the name's last word), so a party of its own even when it is no target."""
    return (
        slots[j].written[:1].isupper()
        and slots[j].text.isascii()
        and j + 1 < len(slots)
        and slots[j + 1].text in POSSESSIVE_MARKS
    )


def _causative(slots: Sequence[_Slot], members: Sequence[int], at: int) -> tuple[int, int | None] | None:
    """(causative, causee mention or None) for the last causative (让, 使, 令, left) before the
    cue at ``at`` in its clause; else None."""
    marker = next((j for j in reversed(members) if j < at and "causative" in slots[j].cues), None)
    if marker is None:
        return None
    return marker, next((j for j in members if marker < j < at and slots[j].alias is not None), None)


def _act_cue(slot: _Slot) -> bool:
    """Whether a slot names an act done to someone: a measure, a control or a fault."""
    return bool({"measure", "control"} & slot.cues.keys()) or slot.cues.get("evaluation", 0.0) < 0


def _causer(
    slots: Sequence[_Slot], members: Sequence[int], at: int, harm: bool = True
) -> tuple[int, int | None] | None:
    """(causative, causee mention or None) when a causative (让, 使, 令, left) with a target
    before it stands before the cue in its clause, and no negator scopes it; else None. A
    causative that opens its clause has the clause before as its causer only for a ``harm`` (what
    the causer makes others suffer)."""
    found = _causative(slots, members, at)
    if found is None:
        return None
    marker = found[0]
    if any("negator" in slots[j].cues for j in members if j < marker):
        return None  # 不能让…得逞: the embedded negation handles it
    if any(slots[j].text.lower() in ENGLISH_PASSIVE for j in members if marker - 2 <= j < marker):
        return None  # the US was left reeling: the subject is the one caused, not the causer
    if not any(slots[j].alias is not None for j in members if j < marker) and not (
        (harm and _opens_participle(slots, members, marker)) or _pronoun_causee(slots, marker)
    ):
        return None
    return found


def _pronoun_causee(slots: Sequence[_Slot], marker: int) -> bool:
    """Whether the one the causative at ``marker`` acts on is a pronoun (反而让它更加强大, made
    them stronger): someone already named, not the causer itself."""
    return marker + 1 < len(slots) and slots[marker + 1].text.lower() in PRONOUN_CAUSEES


def _opens_participle(slots: Sequence[_Slot], members: Sequence[int], marker: int) -> bool:
    """Whether the causative at ``marker`` opens an English participle clause (China refines most
    of the world's rare earths, leaving Western firms with few alternatives) or a Chinese clause
    (…，使中国先进制程发展受阻): its causer is the clause before, as the clause's topic."""
    words = [j for j in members if slots[j].text not in CLAUSE_BREAKS]
    if len(words) > 1 and not slots[marker].text.isascii():
        # …，使中国先进制程发展受阻; 美国的芯片禁令，已让中国…受阻: a Chinese clause that opens
        # with a causative (after adverbs at most) goes on with the clause before it, unless that
        # clause tells a fault (中国企业规避美国关税，令华盛顿的关税壁垒形同虚设: the harm is
        # the fault's, no strength)
        before = [j for j, slot in enumerate(slots) if slot.clause == slots[marker].clause - 1]
        faulty = any(slots[j].cues.get("evaluation", 0.0) < 0 for j in before)
        return (
            not faulty
            and all(not slots[j].cues or "modal" in slots[j].cues for j in words if j < marker)
            and marker - words[0] <= CAUSATIVE_OPENING
        )
    return (
        len(words) > 1
        and words[0] == marker
        and slots[marker].text.lower() in PARTICIPLE_CAUSATIVES
        and slots[words[1]].text.lower() not in SUBJECT_PRONOUNS  # …, leaving it outgunned: itself
    )


def _denied_cause(slots: Sequence[_Slot], members: Sequence[int], at: int) -> tuple[int, int | None] | None:
    """(causative, causee mention or None) when a negated causative with a target before its
    negator stands before the cue in its clause (并没有使俄罗斯经济崩溃, did not make…); else None."""
    found = _causative(slots, members, at)
    if found is None:
        return None
    negators = [j for j in members if j < found[0] and "negator" in slots[j].cues]
    if not negators or not any(slots[j].alias is not None for j in members if j < negators[-1]):
        return None
    return found


def _passive(slots: Sequence[_Slot], members: Sequence[int], at: int) -> tuple[int, int | None] | None:
    """(passive marker, agent mention or None) when the cue at ``at`` is passive, else None.

    Chinese: the cue follows 被/遭/受 in its clause; the agent is the mention between the marker
    and the cue. English: a form of "be" or "get" stands right before a participle cue (at most
    one adverb between); the agent is the first mention after a "by" that follows the cue."""
    markers = [j for j in members if j < at and slots[j].text in PASSIVE_MARKERS]
    if markers:
        agents = [j for j in members if markers[-1] < j < at and slots[j].alias is not None]
        return markers[-1], (agents[-1] if agents else None)
    cue = slots[at].text.lower()
    # (denounced as, branded as, seen as: the participle before the preposition of a verdict)
    words = cue.split()
    participle = words[-2] if len(words) > 1 and words[-1] in ("as", "for") else words[-1]
    if not cue.isascii() or not participle.endswith(PARTICIPLE_ENDINGS):
        return None
    after = [j for j in members if j > at]
    by = next((j for j in after[:3] if slots[j].text.lower() == "by"), None)
    if by is None and ("-" in cue or (cue.startswith("un") and not cue.startswith("under"))):
        # have been heavy-handed, was unprovoked: a compound or un- adjective, not a passive
        return None
    before = [j for j in members if at - 2 <= j < at]
    marker = next((j for j in reversed(before) if slots[j].text.lower() in ENGLISH_PASSIVE), None)
    if marker is None:
        return None
    agent = next(
        (j for j in after if by is not None and by < j <= by + 4 and slots[j].alias is not None), None
    )
    return marker, agent


def _main_subjects(
    slots: Sequence[_Slot], clauses: dict[int, list[int]], conceded: Sequence[int]
) -> set[str]:
    """The targets named, not after a preposition, in the clauses that are not conceded."""
    return {
        t
        for c, members in clauses.items()
        if c not in conceded
        for k in members
        if slots[k].alias is not None and not slots[k].oblique
        for t in slots[k].alias.targets
    }


def _persists(slot: _Slot) -> bool:
    """Whether a word carries on regardless: a durative cue (仍, still) or a persister (照样,
    continued, 反而)."""
    return "durative" in slot.cues or slot.text.lower() in PERSISTERS


def _contrast_persists(slots: Sequence[_Slot], members: Sequence[int]) -> bool:
    """Whether a clause opens with a contrast marker (但, 却, but, yet) and carries on regardless
    (仍, 依然, still, continued)."""
    words = [k for k in members if slots[k].text not in CLAUSE_BREAKS]
    return bool(words) and "contrast" in slots[words[0]].cues and any(_persists(slots[k]) for k in words)


def _circumstance(slots: Sequence[_Slot], members: Sequence[int], instead: bool) -> bool:
    """Whether a clause is 在…下 around a pressure (在美国制裁下, 在美方施压之下) or a clause of
    time after one (美方加强对华芯片管制后), or faces one (面对美国的极限施压) in a sentence that
    says what was done "instead" (反而): facing a pressure and carrying on is no sign by itself
    that the pressure failed."""
    words = [k for k in members if slots[k].text not in CLAUSE_BREAKS]
    framed = len(words) > 2 and (
        (slots[words[0]].text in FACING and instead)
        or (slots[words[0]].text in CIRCUMSTANCE_OPENERS and slots[words[-1]].text in CIRCUMSTANCE_CLOSERS)
        # 美方加强对华芯片管制后，华为仍推出…: a clause of time around a measure
        or slots[words[-1]].text in TIME_CLOSERS
    )
    return framed and any(OVERCOME_CUES & slots[k].cues.keys() for k in words)


def overcome_concessions(slots: Sequence[_Slot], done: _ClauseGains, tallies: dict[str, _Tally]) -> None:
    """A pressure conceded and then overcome failed: in 尽管美国多次制裁，中国企业仍成功推出…
    (and in 美国越是打压，中国越是奋发图强: the first clause of a "越…越" pair is conceded)
    (despite US export controls, Chinese firms have managed to…) the pressure's author is
    weakened, not strengthened, and the one who overcame it loses nothing to it.

    A concessive clause that holds a control cue (制裁, 施压, sanctions), names a restrictive
    measure (出口管制, export controls, tariffs) or an effort (努力, best efforts), while another
    target gains at least
    :data:`OVERCOME_MIN` in the other clauses: every target the concessive clause names that did
    not lose there (the pressure's author) ends with minus what it gained there, or minus the
    measure's weight times the clause's, whichever is larger; the winner's loss in the concessive
    clause is undone."""
    clauses, gains, factors = done.clauses, done.gains, done.factors
    conceded = [c for c, members in clauses.items() if any("concession" in slots[k].cues for k in members)]
    persisting = any(
        _persists(slots[k]) for c, members in clauses.items() if c not in conceded for k in members
    )
    if persisting:
        instead = any(s.text == INSTEAD for s in slots)
        conceded += [
            c
            for c, members in clauses.items()
            if c not in conceded and _circumstance(slots, members, instead)
        ]
        # 美方多次施压，但荷兰政府仍未完全禁止…: a pressure answered by a contrast that carries on
        conceded += [
            c
            for c, members in clauses.items()
            if c not in conceded
            and c + 1 in clauses
            and any(OVERCOME_CUES & slots[k].cues.keys() for k in members)
            and _contrast_persists(slots, clauses[c + 1])
        ]
    correlated = [
        c for c, members in sorted(clauses.items()) if any(_correlative(slots[k].text) for k in members)
    ]
    if len(correlated) > 1 and correlated[0] not in conceded:
        # 美国越是打压，中国越是奋发图强: the more one presses, the more the other gains: the
        # pressure of the first clause is overcome as a conceded one is
        conceded.append(correlated[0])
    if not conceded:
        return
    main: dict[str, float] = {}
    for c, gain in enumerate(gains):
        if c not in conceded:
            for t, v in gain.items():
                main[t] = main.get(t, 0.0) + v
    winners = [t for t, v in main.items() if v >= OVERCOME_MIN]
    # 尽管美国频频施压，马来西亚仍签署了协议; Malaysia still signed despite US pressure: the
    # other clauses carry on regardless (仍, still, 照样), whoever does, and the targets they
    # name before the word of persistence are the ones who carried on
    persisted = [
        k for c, members in clauses.items() if c not in conceded for k in members if _persists(slots[k])
    ]
    losing = any(v <= -OVERCOME_MIN for v in main.values())
    if losing:
        persisted = []  # 尽管美国施压，中国仍然无法获得芯片: what persists is a loss
    carried_on = {
        t
        for c, members in clauses.items()
        if c not in conceded
        for k in members
        if slots[k].alias is not None and persisted and k < persisted[-1]
        for t in slots[k].alias.targets
    }
    main_subjects = _main_subjects(slots, clauses, conceded)
    if not (persisted or winners or losing):
        # Huawei shipped a million chips despite US sanctions, 尽管美国制裁，华为推出…: a concession
        # word says by itself that its main clauses' subjects carried on regardless
        carried_on = main_subjects
    explicit = {c for c, members in clauses.items() if any("concession" in slots[k].cues for k in members)}
    lifted: set[str] = set()
    subjects_on = main_subjects & carried_on
    for c in conceded:
        members = clauses[c]
        pressure = next((k for k in members if OVERCOME_CUES & slots[k].cues.keys()), None)
        conceding = c in explicit and any(slots[k].text.lower() in CONCEDING for k in members)
        if pressure is None or not (winners or persisted or (conceding and carried_on)):
            continue
        gain = gains[c]
        # (the pressure's authors: the targets named as its subjects, not the ones it is on:
        # 美方试图拉拢印度制衡中国，但…)
        mentioned = [k for k in members if slots[k].alias is not None]
        ahead = [k for k in mentioned if k < pressure] or mentioned
        # (虽遭美方制裁: the agent of a passive is the author, not the subject who suffered it)
        agents = [
            k
            for k in ahead
            if k > 0 and (slots[k - 1].text in PASSIVE_MARKERS or slots[k - 1].text[-1:] in PASSIVE_GLUED)
        ]
        subjects = agents or [k for k in ahead if not slots[k].oblique] or ahead
        named = dict.fromkeys(t for k in subjects for t in slots[k].alias.targets)
        authors = [
            t
            for t in named
            if t not in winners and gain.get(t, 0.0) >= 0 and (winners or t not in carried_on)
        ]
        label, speaker = f"{slots[pressure].text}(overcome)", slots[pressure].speaker
        for t in authors:
            size = slots[pressure].cues.get(
                "measure", ATTEMPT_OVERCOME if "attempt" in slots[pressure].cues else 0.0
            )
            lost = max(gain.get(t, 0.0), size * factors[c])
            add_contribution(tallies, [t], "potency", -gain.get(t, 0.0) - lost, label, speaker)
        if authors:
            for t in winners:
                if gain.get(t, 0.0) < 0:
                    add_contribution(tallies, [t], "potency", -gain[t], label, speaker)
        if not (conceding and "attempt" not in slots[pressure].cues and (authors or persisted)):
            continue
        for t in subjects_on:
            # 尽管美国多次加码管制，华为仍推出新款手机: carrying on under a measure is strength,
            # unless what was carried on is a fault (continued to smuggle chips despite the ban)
            if t in named or t in winners or t in lifted or tallies.get(t, _Tally()).values["evaluation"] < 0:
                continue
            lifted.add(t)
            lift = CARRIED_ON * factors[next(iter(m for m in clauses if m not in conceded), c)]
            if lift > main.get(t, 0.0):
                add_contribution(
                    tallies,
                    [t],
                    "potency",
                    lift - main.get(t, 0.0),
                    f"{slots[pressure].text}(withstood)",
                    speaker,
                )


def measures_that_bit(slots: Sequence[_Slot], done: _ClauseGains, tallies: dict[str, _Tally]) -> None:
    """A measure whose effect the sentence states worked: in 中国企业被美国列入实体清单后，订单
    被迫取消 and the US was left reeling after China suspended exports, the measure named in a
    clause of time (…后, after …) is its author's strength once another target loses at least
    :data:`OVERCOME_MIN` in the other clauses: the author gains the measure's weight times its
    clause's. The author is the agent of a passive (被美国, by Washington) or the clause's first
    subject."""
    clauses, gains, factors = done.clauses, done.gains, done.factors
    for c, members in clauses.items():
        measure = next(
            (k for k in members if "measure" in slots[k].cues and "control" not in slots[k].cues), None
        )
        if measure is None:
            continue
        # a clause of time: an English "after" before the measure (whose author is named after it,
        # and what the clause says before it counts too), or a Chinese clause ending in 后
        opener = next(
            (k for k in reversed(members) if k < measure and slots[k].text.lower() in TIME_OPENERS), -1
        )
        last = next((slots[k].text for k in reversed(members) if slots[k].text not in CLAUSE_BREAKS), "")
        # (or a Chinese sentence's first clause, whose measure the next clause shows at work:
        # 北京对美国农产品加征关税，美国中西部农民损失惨重)
        leading = (
            c == 0
            and len(gains) > 1
            and not slots[measure].text.isascii()
            and not any("contrast" in slots[k].cues for k in clauses.get(1, ()))  # …，但…: no consequence
            and not any("concession" in slots[k].cues for k in members)  # 尽管美国施压，…: overcome, not bit
            and not any("rhetorical" in s.cues for s in slots)
        )
        if opener < 0 and last not in TIME_CLOSERS and not leading:
            continue
        named = [k for k in members if opener < k < measure and slots[k].alias is not None]
        agents = [k for k in named if slots[k].oblique in AGENT_MARKERS]
        subjects = [k for k in named if not slots[k].oblique]
        author = (agents or subjects or [None])[0]
        if leading and opener < 0 and last not in TIME_CLOSERS:
            # (the measure's own owner, named right before it: 中国企业规避美国关税 names the
            # US's tariffs, not China's)
            author = subjects[-1] if subjects else None
        if author is None:
            continue
        authors = slots[author].alias.targets
        lost = sum(
            -v
            for d, gain in enumerate(gains)
            if (d != c or opener >= 0) and (d == c + 1 or not leading or last in TIME_CLOSERS)
            for t, v in gain.items()
            if t not in authors and v < 0
        )
        if lost >= OVERCOME_MIN:
            value = slots[measure].cues["measure"] * factors[c] * slots[author].alias.weight
            add_contribution(
                tallies, authors, "potency", value, f"{slots[measure].text}(bit)", slots[measure].speaker
            )


def unmatched_feats(
    slots: Sequence[_Slot], found: tuple[int, int] | None, tallies: dict[str, _Tally]
) -> None:
    """A feat "no other country, the US included, has" achieved (something no other nation,
    including the United States, has done): the one included among the others is outdone, and
    the sentence's first subject, who did it, outdoes it, at :data:`UNMATCHED_POTENCY` each.
    ``found`` is what ``mark_unmatched`` found before the clauses were scored."""
    if found is None:
        return
    k, included = found
    outdone = group_targets(slots, slots[included].group)[0]
    doers = [
        j
        for j in range(k)
        if slots[j].alias is not None
        and not slots[j].oblique
        and not set(slots[j].alias.targets) & set(outdone)
    ]
    label, speaker = "no other(included)", slots[k].speaker
    add_contribution(tallies, outdone, "potency", -UNMATCHED_POTENCY, label, speaker)
    if doers:
        targets, weight = group_targets(slots, slots[doers[0]].group)
        add_contribution(tallies, targets, "potency", UNMATCHED_POTENCY * weight, "no other", speaker)


def counterfactual_opener(slots: Sequence[_Slot], members: Sequence[int]) -> int | None:
    """The slot of the word that opens a counterfactual need in a clause (离了中国的稀土, 若没有
    中国的供应, without Chinese graphite): a word of :data:`COUNTERFACTUALS` among the clause's
    first three words (after a condition word: 若没有), in a clause that names a target after it
    and carries no content cue of its own; else None."""
    words = [k for k in members if slots[k].text not in CLAUSE_BREAKS and "condition" not in slots[k].cues]
    opener = next(
        (
            k
            for k in words[:3]
            if slots[k].text.lower() in COUNTERFACTUALS
            or (slots[k].text == "离" and k + 1 < len(slots) and slots[k + 1].text == "了")
        ),
        None,
    )
    if opener is None or any(not CONTENT_SET.isdisjoint(slots[k].cues) for k in members):
        return None
    if not any(slots[k].alias is not None for k in members if k > opener):
        return None
    return opener


def needs_named(slots: Sequence[_Slot], done: _ClauseGains, tallies: dict[str, _Tally]) -> None:
    """A need stated as a counterfactual: in 离了中国的稀土，美国连一架战机都造不出来, 没有中国
    的石墨，美国电池厂就得停产 and without Chinese graphite, US battery plants cannot run, the
    target named after the opener (离了, 没有, 离开, without) is what another target cannot do
    without, the dependence of the relational cues: it gains half of what the others lose in the
    rest of the sentence (at most half a point), times its clause's weight. The opener must
    stand at its clause's start or after the clause's subject, and its clause must carry no
    content cue of its own (没有中国的帮助 is scored by 帮助)."""
    for c, opener in done.needs.items():
        members = done.clauses[c]
        before = {
            t for k in members if k < opener and slots[k].alias is not None for t in slots[k].alias.targets
        }
        # (counterfactual_opener saw to it that a target is named after the opener)
        source = next(slots[k] for k in members if k > opener and slots[k].alias is not None)
        lost = sum(
            -v
            for d, gain in enumerate(done.gains)
            if d > c
            for t, v in gain.items()
            if t not in source.alias.targets and v < 0 and (not before or t in before)
        )
        if lost >= OVERCOME_MIN:
            value = min(lost, 1.0) * 0.5 * done.factors[c] * source.alias.weight
            add_contribution(
                tallies,
                source.alias.targets,
                "potency",
                value,
                f"{slots[opener].text}(needed)",
                source.speaker,
            )


def _correlative(text: str) -> bool:
    """Whether a Chinese token is the 越 of "越…越…" (越, 越是, 越严: the more ...)."""
    return text in ("越", "越是") or (len(text) == 2 and text[0] == "越" and text not in NOT_CORRELATIVE)


def add_opposite(
    tallies: dict[str, _Tally],
    slots: Sequence[_Slot],
    group: int,
    dimension: str,
    value: float,
    share: float,
    label: str,
    speaker: str,
    exclude: Sequence[str] = (),
) -> None:
    """Add minus ``share`` of ``value`` to the targets of mention group ``group`` (the other
    party, a rival, the agent of a lost strength), except those already scored in ``exclude``."""
    targets, weight = group_targets(slots, group)
    targets = tuple(t for t in targets if t not in exclude)
    add_contribution(tallies, targets, dimension, -value * share * weight, label, speaker)


def add_contribution(
    tallies: dict[str, _Tally],
    targets: Iterable[str],
    dimension: str,
    value: float,
    label: str,
    speaker: str,
) -> None:
    """Add one cue's value to each target's tally, with its label and speaker."""
    for t in targets:
        tally = tallies.setdefault(t, _Tally())
        tally.values[dimension] += value
        tally.cues.append(f"{label} {dimension} {value:+.2f}")
        tally.by_speaker[speaker] += abs(value)
