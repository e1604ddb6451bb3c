"""The rule-based stance scorer: evaluation and potency of every mentioned target, per sentence.

For each content sentence the scorer

1. matches target aliases (``targets`` lexicon) and cues (``stance_cues``) on the token sequence;
2. splits the sentence into clauses at , ; : and before contrast markers (但, 却, 然而, 不过);
3. marks reported speech: after an attribution verb (表示, 指出, 称, 认为, 透露...) the rest of
   the sentence is the voice of the person or body named before the verb;
4. composes each content cue with the operators before it in its clause: negators (无法摆脱依赖 is
   negative; 并非失败 is weakly positive, never a failure), shifters (摆脱依赖 is positive),
   intensifiers, hedges and attempt words (试图主导 is not domination);
5. links the cue to the target it describes: the nearest subject-like mention before it in the
   clause (else the first after it, else the clause topic carried over from earlier clauses),
   with relational cues giving the other party the opposite sign: dependence (对X的依赖, 依赖X:
   X gains half), comparison (A远低于B: A down, B up), control (A压制B; B被A压制);
6. weights clauses: before a contrast marker x0.5, a concessive clause (虽然, 尽管) x0.5;
7. sums each target's contributions per dimension and clips to [-1, 1].

A sentence that names no target but carries cues and opens with an anaphor (这种, 此举, 该, 其...)
inherits the topic target of the previous content sentence (``inherited=True``).

>>> from stance.lexicon import load_lexicons
>>> from stance.segment import Segmenter
>>> lexicons = load_lexicons()
>>> scorer = build_scorer(lexicons)
>>> seg = Segmenter(scorer.terms, engine="jieba")
>>> scores = score_text("美国仍然无法摆脱对中国的依赖。", None, lexicons, seg)
>>> scores["us"].potency, scores["china"].potency
(-1.0, 0.5)
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from .errors import LexiconError
from .lexicon import Lexicon
from .mentions import Alias, TargetIndex, TermMatcher, as_written
from .normalise import normalise_text
from .records import Article

CUES_LEXICON = "stance_cues"
AUTHOR = "author"
UNNAMED = "unnamed"
MENTION_COLUMNS = (
    "article_id",
    "sentence_index",
    "target",
    "alias",
    "evaluation",
    "potency",
    "cues",
    "speaker",
    "inherited",
)
CONTENT = ("evaluation", "potency", "dependence", "comparison", "control", "appraisal")
# The dimension each content category scores.
DIMENSION = {
    "evaluation": "evaluation",
    "appraisal": "evaluation",
    "potency": "potency",
    "dependence": "potency",
    "comparison": "potency",
    "control": "potency",
}
CLAUSE_BREAKS = frozenset({",", ";", ":", "，", "；", "：", "。", "!", "?", "！", "？", "…"})
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
    }
)
COORDINATORS = frozenset({"与", "和", "及", "以及", "同", "跟", "、", "或"})
COMPARE_MARKERS = frozenset({"与", "和", "同", "跟", "比", "较"})
DEPEND_MARKERS = frozenset({"对", "对于"})
PASSIVE_MARKERS = frozenset({"被", "受", "遭", "受到", "遭到"})
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
    ]
)
# 可以说, 也就是说, 换句话说: discourse markers, not reported speech.
NOT_SPEECH_BEFORE = frozenset(
    {"可以", "可", "能", "应该", "就是", "也就是", "换句话", "总的来", "不用", "所以", "据"}
)
# Trimmed only at the end: 分析 in 沈明室分析指出, but not in 分析人士指出.
SPEAKER_TRIM_END = frozenset({"分析", "撰文", "发文", "发表", "接受采访时", "受访时"})
PRONOUNS = frozenset({"他", "她", "他们", "她们", "其", "对方", "he", "she", "they"})
_DATE = re.compile(r"^[\d０-９]+$|^[年月日号]$|^(上午|下午|晚间|凌晨|周[一二三四五六日])$")
_STRIP = "的 \t\"'“”‘’《》「」()（）,，:：;；、.。"
OPEN_QUOTES = ("“", '"', "「")
MAX_SPEAKER = 24
# How many slots an operator reaches forward to the cue it modifies (无法摆脱对中国稀土供应的依赖).
OPERATOR_REACH = {"negator": 12, "shifter": 7, "intensifier": 3}
_NUMERAL = re.compile(r"^([\d.%]|[一二两三四五六七八九十百千万几半数]+(成|倍|%|个|家|种|年|国)?$|百分之)")


@dataclass(frozen=True)
class TargetScore:
    """One target in one sentence: its evaluation and potency in [-1, 1], the cues behind them,
    who says it (``author`` or the quoted person/body) and whether the target was inherited."""

    article_id: str
    sentence_index: int
    target: str
    alias: str
    evaluation: float
    potency: float
    cues: tuple[str, ...]
    speaker: str
    inherited: bool

    def as_row(self) -> dict[str, object]:
        """The row of ``mentions.csv`` (cues joined with "; ")."""
        return {
            "article_id": self.article_id,
            "sentence_index": self.sentence_index,
            "target": self.target,
            "alias": self.alias,
            "evaluation": self.evaluation,
            "potency": self.potency,
            "cues": "; ".join(self.cues),
            "speaker": self.speaker,
            "inherited": self.inherited,
        }


@dataclass
class _Slot:
    """A unit of the sentence with what the lexicons say about it."""

    text: str  # normalised
    written: str  # as in the original text
    alias: Alias | None
    cues: dict[str, float]
    clause: int = 0
    speaker: str = AUTHOR
    oblique: str = ""  # the marker before a mention that makes it non-subject
    group: int = -1  # coordinated mentions share a group


@dataclass(frozen=True)
class _Topic:
    targets: tuple[str, ...]
    weight: float


@dataclass
class _Context:
    """What one sentence passes to the next within an article."""

    topic: _Topic | None = None
    last_speaker: str = ""


@dataclass
class _Tally:
    values: dict[str, float] = field(default_factory=lambda: {"evaluation": 0.0, "potency": 0.0})
    cues: list[str] = field(default_factory=list)
    by_speaker: dict[str, float] = field(default_factory=lambda: defaultdict(float))


class Scorer:
    """The lexicons compiled for scoring; build once with :func:`build_scorer`."""

    def __init__(self, targets: TargetIndex, cues: Lexicon) -> None:
        self.targets = targets
        self.cues: dict[str, dict[str, float]] = defaultdict(dict)
        for entry in cues.entries:
            self.cues[entry.term][entry.category] = entry.weight
        self.cues = dict(self.cues)
        content = {t for t, cats in self.cues.items() if any(c in CONTENT for c in cats)}
        self.matcher = TermMatcher(set(targets.aliases) | set(self.cues), edge_terms=content)

    @property
    def terms(self) -> tuple[str, ...]:
        """Every term the segmenter should keep whole."""
        return tuple(sorted(set(self.targets.aliases) | set(self.cues)))

    # -- slots and clauses ----------------------------------------------------------------
    def _slots(self, text: str, text_norm: str, tokens: Sequence[str]) -> list[_Slot]:
        units = self.matcher.units(text_norm, tokens)
        spans = {s.first: s for s in self.matcher.match(text_norm, units)}
        slots: list[_Slot] = []
        i = 0
        while i < len(units):
            span = spans.get(i)
            if span is None:
                u = units[i]
                slots.append(_Slot(u.text, as_written(text, text_norm, u.start, u.end), None, {}))
                i += 1
                continue
            written = as_written(text, text_norm, span.start, span.end)
            slots.append(
                _Slot(span.term, written, self.targets.aliases.get(span.term), self.cues.get(span.term, {}))
            )
            i = span.last
        return slots

    @staticmethod
    def _clauses(slots: list[_Slot]) -> int:
        clause = 0
        for k, slot in enumerate(slots):
            opens_contrast = "contrast" in slot.cues and k > 0 and slots[k - 1].text not in CLAUSE_BREAKS
            if slot.text in CLAUSE_BREAKS or opens_contrast:
                clause += 1
            slot.clause = clause
        return clause + 1

    @staticmethod
    def _mark_mentions(slots: list[_Slot]) -> None:
        group = -1
        previous_mention = False
        for k, slot in enumerate(slots):
            if slot.alias is None:
                if slot.text not in COORDINATORS:
                    previous_mention = False
                continue
            before = slots[k - 1].text if k else ""
            coordinated = previous_mention and (before in COORDINATORS or slots[k - 1].alias is not None)
            if slot.alias.alias_kind == "oblique":
                slot.oblique = "对"
            elif before in OBLIQUE_MARKERS and not coordinated:
                slot.oblique = before
            if not coordinated:
                group += 1
            slot.group = group
            previous_mention = True

    # -- reported speech ------------------------------------------------------------------
    def _speaker_name(self, slots: Sequence[_Slot], context: _Context) -> str:
        names = list(slots)
        cites = [k for k, s in enumerate(names) if s.text in CITE_MARKERS]
        if cites:
            names = names[cites[-1] + 1 :]
        for k, s in enumerate(names):
            if k > 0 and s.text in SPEAKER_CUT:
                names = names[:k]
                break

        def trimmable(s: _Slot) -> bool:
            return s.text in SPEAKER_TRIM or bool(_DATE.match(s.text)) or (bool(s.cues) and s.alias is None)

        while names and trimmable(names[0]):
            names = names[1:]
        while names and (trimmable(names[-1]) or names[-1].text in SPEAKER_TRIM_END):
            names = names[:-1]
        name = "".join(s.written for s in names).strip(_STRIP)
        if not name:
            return context.last_speaker or UNNAMED
        if normalise_text(name).lower() in PRONOUNS:
            return context.last_speaker or name
        if len(name) > MAX_SPEAKER:
            aliases = [s.written for s in names if s.alias is not None]
            return aliases[-1] if aliases else UNNAMED
        return name

    def _mark_speech(self, slots: list[_Slot], context: _Context) -> None:
        verbs = [
            k
            for k, s in enumerate(slots)
            if "attribution" in s.cues
            and s.text not in CITE_MARKERS
            and not (k and slots[k - 1].text in NOT_SPEECH_BEFORE)
        ]
        if verbs:
            first_clause = slots[verbs[0]].clause
            verb = max(k for k in verbs if slots[k].clause == first_clause)
            start = next(k for k, s in enumerate(slots) if s.clause == first_clause)
            if slots[start].text in CLAUSE_BREAKS:
                start += 1
            speaker = self._speaker_name(slots[start:verb], context)
            quoted_first = bool(slots) and slots[0].text.startswith(OPEN_QUOTES) and first_clause > 0
            # “...”,他说: the quotation before the verb is the speech.
            span = range(0, start) if quoted_first else range(verb + 1, len(slots))
            for k in span:
                slots[k].speaker = speaker
            context.last_speaker = speaker
        elif slots and slots[0].text.startswith(OPEN_QUOTES) and context.last_speaker:
            for slot in slots:
                slot.speaker = context.last_speaker

    # -- linking --------------------------------------------------------------------------
    @staticmethod
    def _clause_factors(slots: Sequence[_Slot], n_clauses: int) -> list[float]:
        factors = [1.0] * n_clauses
        for slot in slots:
            if "contrast" in slot.cues:
                for c in range(slot.clause):
                    factors[c] *= slot.cues["contrast"]
            if "concession" in slot.cues:
                factors[slot.clause] *= slot.cues["concession"]
        return factors

    def _topic_of(self, slots: Sequence[_Slot], group: int) -> _Topic:
        return _Topic(*self._group_targets(slots, group))

    @staticmethod
    def _group_targets(slots: Sequence[_Slot], group: int) -> tuple[tuple[str, ...], float]:
        members = [s for s in slots if s.group == group and s.alias is not None]
        targets: list[str] = []
        for s in members:
            targets.extend(t for t in s.alias.targets if t not in targets)
        return tuple(targets), max(s.alias.weight for s in members)

    def link(
        self, slots: Sequence[_Slot], clause: Sequence[int], at: int, topic: _Topic | None, exclude: int = -2
    ) -> tuple[tuple[str, ...], float, int]:
        """The subject a cue at slot ``at`` describes: nearest non-oblique mention before it in
        the clause, else the first one after it, else the topic, else an oblique one before it."""
        before = [k for k in clause if k < at and slots[k].alias is not None and slots[k].group != exclude]
        after = [k for k in clause if k > at and slots[k].alias is not None and slots[k].group != exclude]
        if before:
            # A mention right before the cue, or its possessor (北京的出口管制, 对中方履约), binds
            # the cue whatever its role in the clause.
            m = before[-1]
            if m == at - 1 or (slots[m + 1].text == "的" and at - m <= 5):
                targets, weight = self._group_targets(slots, slots[m].group)
                return targets, weight, slots[m].group
        for pool in (
            [k for k in reversed(before) if not slots[k].oblique],
            [k for k in after if not slots[k].oblique],
        ):
            if pool:
                targets, weight = self._group_targets(slots, slots[pool[0]].group)
                return targets, weight, slots[pool[0]].group
        if topic is not None:
            return topic.targets, topic.weight, -1
        if before:
            targets, weight = self._group_targets(slots, slots[before[-1]].group)
            return targets, weight, slots[before[-1]].group
        return (), 0.0, -1

    def _object(self, slots: Sequence[_Slot], clause: Sequence[int], at: int, category: str) -> int | None:
        """The slot of the other party of a relational cue, or None."""
        after = [k for k in clause if k > at and slots[k].alias is not None]
        before = [k for k in clause if k < at and slots[k].alias is not None]
        if category == "dependence":
            inside = [k for k in reversed(before) if slots[k].oblique in DEPEND_MARKERS]
            if inside:
                return inside[0]
            # 依赖中国(进口): the depended-on party follows the verb directly.
            near = [
                k for k in after if k == at + 1 or (k == at + 2 and slots[at + 1].text in ("于", "着", "了"))
            ]
            return near[0] if near else None
        if category == "comparison":
            if after:
                return after[0]
            marked = [k for k in reversed(before) if slots[k].oblique in COMPARE_MARKERS]
            return marked[0] if marked else None
        if category == "control":
            if after:
                return after[0]
            marked = [k for k in reversed(before) if slots[k].oblique in DEPEND_MARKERS]
            return marked[0] if marked else None
        if category == "appraisal":
            return after[0] if after else None
        return None

    # -- one sentence ---------------------------------------------------------------------
    def score_sentence(
        self, text: str, text_norm: str, tokens: Sequence[str], context: _Context
    ) -> tuple[dict[str, _Tally], dict[str, list[str]], set[str]]:
        """Tallies per target, aliases per target, and the inherited targets."""
        slots = self._slots(text, text_norm, tokens)
        n_clauses = self._clauses(slots)
        self._mark_mentions(slots)
        self._mark_speech(slots, context)
        factors = self._clause_factors(slots, n_clauses)
        tallies: dict[str, _Tally] = {}
        aliases: dict[str, list[str]] = defaultdict(list)
        mention_speaker: dict[str, str] = {}
        for slot in slots:
            if slot.alias is not None:
                for t in slot.alias.targets:
                    tallies.setdefault(t, _Tally())
                    if slot.written not in aliases[t]:
                        aliases[t].append(slot.written)
                    mention_speaker.setdefault(t, slot.speaker)
        inherited: set[str] = set()
        # Before any clause names a subject, the sentence's first subject is the topic
        # (由于缺乏技术,美国只能...).
        subjects = [s for s in slots if s.alias is not None and not s.oblique]
        topic = self._topic_of(slots, subjects[0].group) if subjects else None
        has_cue = any(c in CONTENT for s in slots for c in s.cues)
        if not tallies and has_cue and context.topic is not None:
            opener = [s for s in slots[:3] if "anaphor" in s.cues]
            if opener:
                topic = context.topic
                inherited = set(topic.targets)
                for t in topic.targets:
                    tallies.setdefault(t, _Tally())
        attempt = 1.0  # an attempt word damps the rest of the sentence, up to a contrast marker
        clauses: dict[int, list[int]] = defaultdict(list)
        for k, slot in enumerate(slots):
            clauses[slot.clause].append(k)
        for c in range(n_clauses):
            members = clauses.get(c, [])
            attempt = self._score_clause(slots, members, factors[c], topic, tallies, attempt)
            subjects = [k for k in members if slots[k].alias is not None and not slots[k].oblique]
            if subjects:
                topic = self._topic_of(slots, slots[subjects[0]].group)
        context.topic = topic
        for t, tally in tallies.items():
            if not tally.by_speaker:
                tally.by_speaker[mention_speaker.get(t, AUTHOR)] += 0.0
        return tallies, aliases, inherited

    def _score_clause(
        self,
        slots: list[_Slot],
        members: list[int],
        factor: float,
        topic: _Topic | None,
        tallies: dict[str, _Tally],
        attempt: float,
    ) -> float:
        """Score one clause; returns the attempt damping that carries into the next clause."""
        pending: list[tuple[str, float, str, int]] = []  # (operator, weight, term, slot)
        hedge = 1.0
        fallback: tuple[int, float] | None = None  # a negator's own potency, if it scopes nothing
        for k in members:
            cues = slots[k].cues
            if not cues and slots[k].text != "的":
                continue
            if "contrast" in cues:
                attempt = 1.0  # 试图..., 但...: what follows the contrast is no longer the attempt
            if slots[k].text == "的" and pending and not any(p[0] == "shifter" for p in pending):
                if slots[k - 1].alias is None:
                    # 难以复制的优势: the negation stays inside the relative clause before 的.
                    pending, fallback = [], None
                continue
            if "negator" in cues:
                pending.append(("negator", cues["negator"], slots[k].text, k))
                if "potency" in cues:
                    fallback = (k, cues["potency"])
                continue
            content = [c for c in CONTENT if c in cues]
            for op in ("shifter", "intensifier"):
                if op in cues and not content:
                    pending.append((op, cues[op], slots[k].text, k))
            if "hedge" in cues:
                hedge *= cues["hedge"]
            if "attempt" in cues:
                attempt = min(attempt, cues["attempt"])
            if not content:
                if "burden" in cues:
                    # 减少污染: the shifter has found its object; it must not reverse a later cue.
                    pending = [p for p in pending if p[0] != "shifter"]
                continue
            scope = [p for p in pending if k - p[3] <= OPERATOR_REACH[p[0]]]
            for category in content:
                self._apply(
                    slots, members, k, category, cues[category], scope, hedge, attempt, factor, topic, tallies
                )
            pending = []
            fallback = None
        if fallback is not None:
            self._apply(
                slots,
                members,
                fallback[0],
                "potency",
                fallback[1],
                [],
                hedge,
                attempt,
                factor,
                topic,
                tallies,
            )
        return attempt

    def _apply(
        self,
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
    ) -> None:
        value = base
        shifted = False
        # Operators apply innermost first: in 无法+摆脱+依赖 the shifter reverses 依赖, then the
        # negator reverses 摆脱依赖.
        for op, weight, _, _ in reversed(pending):
            if op == "negator" and value < 0 and weight < 0:
                value *= weight * 0.5  # a negated negative is only weakly positive (并非失败)
            else:
                value *= weight
            shifted = shifted or op == "shifter"
        negated = any(p[0] == "negator" for p in pending)
        dimension = DIMENSION[category]
        if dimension == "potency" and attempt < 1.0:
            if shifted and base < 0 and not negated:
                value = base * 0.5  # trying to leave a state presupposes being in it
            elif value > 0:
                value *= attempt
        value *= hedge * factor
        if value == 0:
            return
        if category == "comparison":
            following = next((slots[j].text for j in members if j > at), "")
            if _NUMERAL.match(following):
                return  # 超过七成, 高于5%: a quantity, not a comparison between parties
            if any("burden" in slots[j].cues for j in members if j < at):
                value = -value  # 成本远高于...: more of a cost is worse
        label = "+".join([*(p[2] for p in pending), slots[at].text])
        other = self._object(slots, members, at, category)
        exclude = slots[other].group if other is not None else -2
        targets, weight, _ = self.link(slots, members, at, topic, exclude=exclude)
        if category == "appraisal" and other is not None:
            targets, weight = self._group_targets(slots, slots[other].group)
            other = None
        if (
            category == "control"
            and other is None
            and any(slots[j].text in PASSIVE_MARKERS for j in members if j < at)
        ):
            # B被A压制 / 受A制约: the subject is the patient; the agent sits after the marker.
            marker = max(j for j in members if j < at and slots[j].text in PASSIVE_MARKERS)
            agents = [j for j in members if marker < j < at and slots[j].alias is not None]
            p_targets, p_weight, _ = self.link(slots, [j for j in members if j < marker], marker, topic)
            self._add(tallies, p_targets, dimension, -value * p_weight, label, slots[at].speaker)
            if agents:
                a_targets, a_weight = self._group_targets(slots, slots[agents[-1]].group)
                self._add(tallies, a_targets, dimension, value * a_weight, label, slots[at].speaker)
            return
        self._add(tallies, targets, dimension, value * weight, label, slots[at].speaker)
        if other is not None and category in ("dependence", "comparison", "control"):
            o_targets, o_weight = self._group_targets(slots, slots[other].group)
            share = 0.5 if category == "dependence" else 1.0
            self._add(
                tallies,
                o_targets,
                dimension,
                -value * share * o_weight,
                label + "(other party)",
                slots[at].speaker,
            )

    @staticmethod
    def _add(
        tallies: dict[str, _Tally],
        targets: Iterable[str],
        dimension: str,
        value: float,
        label: str,
        speaker: str,
    ) -> None:
        for t in targets:
            tally = tallies.setdefault(t, _Tally())
            tally.values[dimension] += value
            tally.cues.append(f"{label} {dimension} {value:+.2f}")
            tally.by_speaker[speaker] += abs(value)


def _clip(value: float) -> float:
    return round(max(-1.0, min(1.0, value)), 4) + 0.0


_SCORERS: dict[tuple[tuple[str, str], ...], Scorer] = {}


def build_scorer(lexicons: Mapping[str, Lexicon]) -> Scorer:
    """Compile the targets and cue lexicons; cached on the lexicons' names and checksums."""
    key = tuple(sorted((name, lex.checksum) for name, lex in lexicons.items()))
    scorer = _SCORERS.get(key)
    if scorer is None:
        cues = lexicons.get(CUES_LEXICON)
        if cues is None:
            raise LexiconError(
                f"no '{CUES_LEXICON}' lexicon is loaded (the bundled lexicons/{CUES_LEXICON} is missing)"
            )
        scorer = Scorer(TargetIndex.from_lexicons(lexicons), cues)
        _SCORERS[key] = scorer
    return scorer


def _rows(article_id: str, index: int, result, inherited_all: bool = False) -> list[TargetScore]:
    tallies, aliases, inherited = result
    rows = []
    for target in sorted(tallies):
        tally = tallies[target]
        speaker = (
            max(sorted(tally.by_speaker), key=lambda s: tally.by_speaker[s]) if tally.by_speaker else AUTHOR
        )
        rows.append(
            TargetScore(
                article_id=article_id,
                sentence_index=index,
                target=target,
                alias="|".join(aliases.get(target, [])),
                evaluation=_clip(tally.values["evaluation"]),
                potency=_clip(tally.values["potency"]),
                cues=tuple(tally.cues),
                speaker=speaker,
                inherited=target in inherited,
            )
        )
    return rows


def score_article(article: Article, lexicons: Mapping[str, Lexicon]) -> list[TargetScore]:
    """One :class:`TargetScore` per content sentence and target it mentions (or inherits),
    in sentence order, targets sorted."""
    scorer = build_scorer(lexicons)
    context = _Context()
    rows: list[TargetScore] = []
    for sentence in article.sentences:
        if not sentence.is_content:
            continue
        result = scorer.score_sentence(sentence.text, sentence.text_norm, sentence.tokens, context)
        rows.extend(_rows(article.article_id, sentence.sentence_index, result))
    return rows


def score_text(
    text: str,
    target: str | None,
    lexicons: Mapping[str, Lexicon],
    segmenter: Callable[[str], Sequence[str]] | object,
) -> dict[str, TargetScore]:
    """Score free text (one or more sentences) and return ``{target: TargetScore}``.

    ``segmenter`` is a :class:`stance.segment.Segmenter` or any callable from normalised text
    to tokens. Each target's score is the mean over the sentences that mention it; with
    ``target`` (an id such as ``us`` or an alias such as 美國) only that target is returned,
    scoring 0 when the text does not mention it.
    """
    from .sentences import split_sentences

    scorer = build_scorer(lexicons)
    cut = segmenter.cut if hasattr(segmenter, "cut") else segmenter
    context = _Context()
    per_target: dict[str, list[TargetScore]] = defaultdict(list)
    for index, piece in enumerate(split_sentences(text) or [text]):
        norm = normalise_text(piece)
        result = scorer.score_sentence(piece, norm, tuple(cut(norm)), context)
        for row in _rows("", index, result):
            per_target[row.target].append(row)
    merged = {t: _merge(rows) for t, rows in sorted(per_target.items())}
    if target is None:
        return merged
    wanted = scorer.targets.resolve(target) or (target,)
    return {t: merged.get(t) or TargetScore("", 0, t, "", 0.0, 0.0, (), AUTHOR, False) for t in wanted}


def _merge(rows: Sequence[TargetScore]) -> TargetScore:
    n = len(rows)
    first = rows[0]
    aliases: list[str] = []
    for r in rows:
        aliases.extend(a for a in r.alias.split("|") if a and a not in aliases)
    return TargetScore(
        article_id=first.article_id,
        sentence_index=first.sentence_index,
        target=first.target,
        alias="|".join(aliases),
        evaluation=round(sum(r.evaluation for r in rows) / n, 4),
        potency=round(sum(r.potency for r in rows) / n, 4),
        cues=tuple(c for r in rows for c in r.cues),
        speaker=first.speaker,
        inherited=all(r.inherited for r in rows),
    )
