"""The scorer put together: :class:`Scorer` (the lexicons compiled once) runs the stages on each
sentence, and :func:`score_article` and :func:`score_text` turn the per-sentence tallies into
clipped :class:`TargetScore` rows."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence

from stance.corpus.records import KIND_HEADING, Article
from stance.errors import LexiconError
from stance.lexicon import Lexicon
from stance.lexicon.match import Vocabulary
from stance.measure.mentions import TargetIndex, TermMatcher
from stance.measure.polarity.clauses import (
    CLAUSE_BREAKS,
    clause_factors,
    is_foil,
    mark_alternative,
    mark_exhortation,
    mark_hypocrisy,
    mark_mentions,
    mark_pretexts,
    mark_rebutted,
    mark_rejected_labels,
    mark_rhetorical,
    mark_scare_quotes,
    mark_unmatched,
    number_clauses,
    split_slots,
)
from stance.measure.polarity.composition import (
    INSTEAD,
    add_contribution,
    counterfactual_opener,
    measures_that_bit,
    needs_named,
    overcome_concessions,
    score_clause,
    unmatched_feats,
)
from stance.measure.polarity.implicit import (
    PARTISAN_EVALUATION,
    inflow_cues,
    multiple_cues,
    partisan_mentions,
    share_cues,
    supply_cues,
)
from stance.measure.polarity.linking import (
    act_anaphor,
    act_referent,
    group_targets,
    link,
    topic_of,
    verb_before,
)
from stance.measure.polarity.records import (
    AUTHOR,
    BODY,
    CONTENT,
    CUES_KIND,
    CUES_LEXICON,
    EDGE_CATEGORIES,
    HEADLINE,
    LEDE,
    LEDE_SENTENCES,
    RELATIONAL,
    TargetScore,
    _ClauseGains,
    _Context,
    _Slot,
    _Tally,
    _Topic,
)
from stance.measure.polarity.speech import mark_speech
from stance.text.normalise import normalise_text

# Cue categories of verbs that take an object: a mention after one in its clause is its object,
# not the clause's subject.
OBJECT_VERBS = frozenset({"appraisal", "verdict", "control", "measure", "shifter"})
# Words that open a clause going on with the one who accused in the clause before (并扬言…).
CONTINUATIONS = frozenset({"并", "并且", "同时", "还", "且", "随后", "并称", "也", "另外", "此外"})
# What a foil (Unlike X, …; 与X不同，…) gets of the opposite of what the next clause says of its subject.
FOIL_WEIGHT = 1.0
# A clause's first word that makes it a relative clause (, which …) or gives it a pronoun subject.
RELATIVES = frozenset({"which", "who", "whose"})
SUBJECT_PRONOUNS = frozenset({"it", "they"})
# Cues in a clause that make it the accuser's or the author's, not the accused's (…，但这一说法毫无根据).
OWN_VOICE = frozenset({"attribution", "exhortation", "appraisal", "contrast", "anaphor"})


class Scorer:
    """The lexicons compiled for scoring; build once with :func:`build_scorer`."""

    def __init__(
        self, targets: TargetIndex, cues: Lexicon | Sequence[Lexicon], *, vocabulary: Vocabulary | None = None
    ) -> None:
        self.targets = targets
        self.cues: dict[str, dict[str, float]] = defaultdict(dict)
        # Several cue lexicons (one per language, or a user's additions) merge in name order; a
        # later lexicon's weight for the same term and category wins.
        for lexicon in [cues] if isinstance(cues, Lexicon) else cues:
            for entry in lexicon.entries:
                self.cues[entry.term][entry.category] = entry.weight
        self.cues = dict(self.cues)
        content = {t for t, cats in self.cues.items() if any(c in EDGE_CATEGORIES for c in cats)}
        # The run's shared vocabulary (stance.lexicon.match.Vocabulary) cuts tokens as every other stage
        # does; without one, the targets and cues given here make the same vocabulary.
        terms = set(targets.aliases) | set(self.cues)
        if vocabulary is None:
            self.matcher = TermMatcher(terms, edge_terms=content)
        else:
            self.matcher = TermMatcher(terms, vocabulary=vocabulary)

    @property
    def terms(self) -> tuple[str, ...]:
        """Every term the segmenter should keep whole."""
        return tuple(sorted(set(self.targets.aliases) | set(self.cues)))

    link = staticmethod(link)

    def _slots(self, text: str, text_norm: str, tokens: Sequence[str]) -> list[_Slot]:
        return split_slots(
            text, text_norm, tokens, matcher=self.matcher, aliases=self.targets.aliases, cues=self.cues
        )

    def score_sentence(
        self, text: str, text_norm: str, tokens: Sequence[str], context: _Context
    ) -> tuple[dict[str, _Tally], dict[str, list[str]], set[str]]:
        """Tallies per target, aliases per target, and the inherited targets."""
        slots = self._slots(text, text_norm, tokens)
        n_clauses = number_clauses(slots)
        mark_rejected_labels(slots)
        unmatched = mark_unmatched(slots)
        mark_mentions(slots)
        mark_hypocrisy(slots)
        mark_pretexts(slots)
        mark_rhetorical(slots)
        mark_alternative(slots)
        mark_scare_quotes(slots)
        mark_rebutted(slots)
        mark_exhortation(slots)
        mark_speech(slots, context)
        if not any(s.alias is not None for s in slots) and not _may_inherit(slots, context):
            # No target named and none carried over from the sentence before: nothing to score,
            # and no topic for the next sentence's anaphor.
            context.topic = None
            return {}, {}, set()
        factors = clause_factors(slots, n_clauses)
        tallies: dict[str, _Tally] = {}
        aliases: dict[str, list[str]] = defaultdict(list)
        mention_speaker: dict[str, str] = {}
        # A target named only in who speaks (Mr. Lee, a US official, said) is the author's
        # mention; named in what is said as well (... said Washington was studying), it is the
        # speaker's.
        for slot in sorted((s for s in slots if s.alias is not None), key=lambda s: s.attribution):
            for t in slot.alias.targets:
                tallies.setdefault(t, _Tally())
                mention_speaker.setdefault(t, slot.speaker)
        for slot in slots:
            if slot.alias is not None:
                for t in slot.alias.targets:
                    if slot.written not in aliases[t]:
                        aliases[t].append(slot.written)
        inherited: set[str] = set()
        # Before any clause names a subject, the sentence's first subject is the topic
        # (由于缺乏技术,美国只能...).
        # (not the object right after a verb: 一些国家企图遏制中国发展 is about no target's act)
        subjects = [
            s
            for k, s in enumerate(slots)
            if s.alias is not None and not s.oblique and not _verb_object(slots, k)
        ]
        topic = topic_of(slots, subjects[0].group) if subjects else None
        # What the next sentence's anaphor (这种做法, this move) refers back to: the sentence's
        # first subject, the actor of its main clause.
        sentence_topic = topic
        if not tallies and _may_inherit(slots, context):
            topic = context.topic
            inherited = set(topic.targets)
            for t in topic.targets:
                tallies.setdefault(t, _Tally())
        attempt = 1.0  # an attempt word damps the rest of the sentence, up to a contrast marker
        clauses: dict[int, list[int]] = defaultdict(list)
        for k, slot in enumerate(slots):
            clauses[slot.clause].append(k)
        condition = 1.0  # a condition stated in a clause damps its consequence, the next one
        accused: _Topic | None = None  # who a Chinese accusation in the last clause names
        blamers = _blame_verbs(slots)
        gains: list[dict[str, float]] = []  # each clause's potency added, per target
        needs: dict[int, int] = {}  # the opener of each clause's counterfactual need (离了, without)
        foils: tuple[str, ...] = ()  # the targets a foil clause just set against the next
        foil_topic: _Topic | None = None  # the foil's mention, for a relative clause after it
        for c in range(n_clauses):
            members = clauses.get(c, [])
            before = {t: tally.values["potency"] for t, tally in tallies.items()}
            # 与某些国家动辄挥舞制裁大棒不同，中国…: what the foil does is not the topic's
            foil = is_foil(slots, members)
            clause_topic = None if foil else topic
            if foils and _first_word(slots, members) in RELATIVES:
                # Unlike Washington, which has threatened to walk away, Beijing…: a relative
                # clause after the foil speaks of the foil and is no clause to set against it
                foil, clause_topic = True, foil_topic
            foiled = {t: dict(tally.values) for t, tally in tallies.items()} if foils and not foil else None
            denied = _denied_causee(slots, clauses.get(c - 1, [])) if c else None
            if (
                denied is not None
                and _first_word(slots, members) == INSTEAD
                # (反而倒逼中国…: the measure acts again, still its owner's clause)
                and not any({"boost", "causative"} & slots[k].cues.keys() for k in members)
            ):
                # 美国的关税大棒并没有让中国出口陷入停滞，反而创出历史新高: what "instead"
                # happened is the one the denied causative named
                clause_topic = topic_of(slots, slots[denied].group)
            if accused is not None and clause_topic is not None and not _continues(slots, members):
                # 美国务院批评北京的行为具有胁迫性，破坏地区稳定: the clause after an accusation goes
                # on with what the accused does; 并扬言…, 同时呼吁… go on with the accuser
                clause_topic = accused
            attempt, condition = score_clause(
                slots, members, factors[c], clause_topic, tallies, attempt, condition
            )
            opener = counterfactual_opener(slots, members)
            if opener is not None:
                # 若没有中国的稀土，美国的生产线恐将停摆: the need is stated, not supposed; what
                # follows is no mere consequence of a condition
                needs[c] = opener
                condition = 1.0
            if any("concession" in slots[k].cues for k in members):
                attempt = 1.0  # 尽管中国多方努力，美国依然保持领先: the effort stays in its clause
            # (a Chinese clause with no subject goes on with the topic: …，占全球总量的七成)
            first = _first_word(slots, members)
            topical = clause_topic is not None and not foil and bool(first) and not first.isascii()
            topical = topical and not any(slots[k].alias is not None for k in members)
            carried = clause_topic.targets if clause_topic is not None and not foil else ()
            multiples = multiple_cues(slots, members, carried)
            implicit = (
                # the US builds a third of China's: a fraction of another's is no share held
                *(share_cues(slots, members, topical=topical) if not multiples else ()),
                *multiples,
                *supply_cues(slots, members, topical=clause_topic is not None and first in SUBJECT_PRONOUNS),
                *inflow_cues(slots, members, topical=topical),
            )
            for at, holder, potency, label in implicit:
                # (the US and China together account for 40 percent: the pair holds the share)
                targets, weight = (
                    (clause_topic.targets, clause_topic.weight)
                    if holder < 0 and clause_topic is not None
                    else group_targets(slots, slots[holder].group)
                )
                value = potency * factors[c] * weight
                add_contribution(tallies, targets, "potency", value, label, slots[at].speaker)
            gains.append({t: tally.values["potency"] - before.get(t, 0.0) for t, tally in tallies.items()})
            if foiled is not None:
                _set_against(
                    tallies, foiled, foils, factors[c], slots[members[0]].speaker if members else AUTHOR
                )
            if foil and not foils:
                named = [k for k in members if slots[k].alias is not None]
                foils = tuple(t for k in named for t in slots[k].alias.targets)
                foil_topic = topic_of(slots, slots[named[0]].group) if named else None
            elif not foil and members:
                foils = ()
            # The clause's subject becomes the topic of the clauses after it; a mention after a
            # verb that takes an object (指责美方…, 并扬言…: the accuser stays the topic) is none.
            verb = next((j for j in members if not OBJECT_VERBS.isdisjoint(slots[j].cues)), len(slots))
            subjects = [
                k
                for k in members
                if k < verb and slots[k].alias is not None and not slots[k].oblique and not _related(slots, k)
            ]
            if subjects:
                topic = topic_of(slots, slots[subjects[0]].group)
            blame = blamers.get(c)
            accused = _accused(slots, members, blame) if blame is not None else None
        done = _ClauseGains(clauses, gains, factors, needs)
        overcome_concessions(slots, done, tallies)
        measures_that_bit(slots, done, tallies)
        needs_named(slots, done, tallies)
        unmatched_feats(slots, unmatched, tallies)
        context.topic = sentence_topic or topic
        for k in partisan_mentions(slots):
            alias = slots[k].alias
            value = PARTISAN_EVALUATION * alias.weight
            add_contribution(
                tallies, alias.targets, "evaluation", value, f"{slots[k].text}(naming)", slots[k].speaker
            )
        for t, tally in tallies.items():
            if not tally.by_speaker:
                tally.by_speaker[mention_speaker.get(t, AUTHOR)] += 0.0
        return tallies, aliases, inherited


def _denied_causee(slots: Sequence[_Slot], members: Sequence[int]) -> int | None:
    """The mention a negated causative in a clause acts on (并没有让中国出口陷入停滞: 中国), or
    None."""
    for k in members:
        if "causative" in slots[k].cues and any("negator" in slots[j].cues for j in members if j < k):
            return next((j for j in members if k < j <= k + 2 and slots[j].alias is not None), None)
    return None


def _first_word(slots: Sequence[_Slot], members: Sequence[int]) -> str:
    """The clause's first word, lower-cased, past the break that opens it ("" for none): a subject
    pronoun (it, they), a relative (which, who), or the first Chinese word."""
    return next((slots[k].text.lower() for k in members if slots[k].text not in CLAUSE_BREAKS), "")


def _set_against(
    tallies: dict[str, _Tally],
    before: dict[str, dict[str, float]],
    foils: Sequence[str],
    factor: float,
    speaker: str,
) -> None:
    """Unlike Washington, Beijing has never invaded another country; 与美国不同，中国从不干涉
    别国内政: the foil gets the opposite of what the clause after it says of its subject (the
    target that clause moved most, on each dimension), at FOIL_WEIGHT."""
    for dimension in ("evaluation", "potency"):
        moved = {
            t: tally.values[dimension] - before.get(t, {}).get(dimension, 0.0)
            for t, tally in tallies.items()
            if t not in foils
        }
        if not moved:
            continue
        subject = max(sorted(moved), key=lambda t: abs(moved[t]))
        if moved[subject]:
            add_contribution(
                tallies, foils, dimension, -moved[subject] * FOIL_WEIGHT, "unlike(foil)", speaker
            )


def _blame_verbs(slots: Sequence[_Slot]) -> dict[int, int]:
    """Each clause's first Chinese verb of blame (an appraisal of negative weight or a verdict
    verb: 指责, 批评, 称其), by clause number."""
    verbs: dict[int, int] = {}
    for k, slot in enumerate(slots):
        blames = slot.cues.get("appraisal", 0.0) < 0 or "verdict" in slot.cues
        if blames and not slot.text.isascii() and slot.clause not in verbs:
            verbs[slot.clause] = k
    return verbs


def _accused(slots: Sequence[_Slot], members: Sequence[int], verb: int) -> _Topic | None:
    """The one a Chinese accusation at ``verb`` names (指责中共以补贴扶植过剩产能, 批评美方将经贸
    问题政治化): the first mention after the verb in its clause, or None."""
    if verb + 1 < len(slots) and act_anaphor(slots, verb + 1):
        # 美国国务院批准对台军售，中方谴责此举…，粗暴干涉中国内政: the act named again is its
        # actor's (not 中国 inside 一个中国原则), and so is what the clauses after it say
        judges = [j for j in members if j < verb and slots[j].alias is not None and not slots[j].oblique]
        referent = act_referent(slots, members, judges[-1]) if judges else None
        return topic_of(slots, slots[referent].group) if referent is not None else None
    named = next((j for j in members if j > verb and slots[j].alias is not None), None)
    return topic_of(slots, slots[named].group) if named is not None else None


def _continues(slots: Sequence[_Slot], members: Sequence[int]) -> bool:
    """Whether a clause goes on with the accuser (并扬言…, 同时呼吁…, 还表示…): it opens with a
    word of continuation, or holds a verb of saying, urging or appraising of its own, a contrast
    or an anaphor (但这一说法毫无根据: the author on the accusation)."""
    words = [j for j in members if slots[j].text not in CLAUSE_BREAKS]
    if not words:
        return True
    if slots[words[0]].text in CONTINUATIONS:
        return True
    # …，但这一说法毫无根据: after a contrast the author speaks of the accusation, its maker's
    return any(not OWN_VOICE.isdisjoint(slots[j].cues) for j in words)


def _related(slots: Sequence[_Slot], k: int) -> bool:
    """Whether the mention at ``k`` is the other party right after a relational cue (heavily
    dependent on Chinese demand, 依赖中国): an object, never the topic of the clauses after it."""
    j = k - 1
    while j > 0 and slots[j].text.lower() in ("the", "a", "an"):
        j -= 1
    return j >= 0 and not slots[j].cues.keys().isdisjoint(RELATIONAL)


def _verb_object(slots: Sequence[_Slot], k: int) -> bool:
    """Whether the mention at ``k`` is the object of the verb right before it (past an aspect
    marker: 遏制了中国) that takes one or names an act (遏制中国, 抹黑美方, 干涉中国内政)."""
    j = verb_before(slots, k)
    # (a kind act is not one, 支持中方; nor a verb of appraisal or verdict: in 谴责美国所谓制裁
    # and 视为美国施压的结果 the one it names is the actor of what is judged)
    cues = slots[j].cues.keys() if j >= 0 else set()
    return (
        j >= 0
        and not slots[j].text.isascii()
        and (bool(cues & OBJECT_VERBS) or slots[j].cues.get("evaluation", 0.0) < 0)
        and not cues & {"appraisal", "verdict"}
    )


def _may_inherit(slots: Sequence[_Slot], context: _Context) -> bool:
    """Whether a sentence that names no target speaks of the last one's topic: it opens with
    an anaphor (这种做法, this move) and holds a content cue."""
    return (
        context.topic is not None
        and any("anaphor" in s.cues for s in slots[:3])
        and any(c in CONTENT for s in slots for c in s.cues)
    )


def _clip(value: float) -> float:
    return round(max(-1.0, min(1.0, value)), 4) + 0.0


_SCORERS: dict[tuple[tuple[str, str], ...], Scorer] = {}


def build_scorer(lexicons: Mapping[str, Lexicon]) -> Scorer:
    """Compile the targets and every lexicon of kind ``cues``; cached on the lexicons' names and checksums."""
    key = tuple(sorted((name, lex.checksum) for name, lex in lexicons.items()))
    scorer = _SCORERS.get(key)
    if scorer is None:
        if CUES_LEXICON not in lexicons:
            raise LexiconError(
                f"no '{CUES_LEXICON}' lexicon is loaded (the bundled lexicons/{CUES_LEXICON} is missing)"
            )
        cues = [lex for _, lex in sorted(lexicons.items()) if lex.kind == CUES_KIND]
        scorer = Scorer(
            TargetIndex.from_lexicons(lexicons), cues, vocabulary=Vocabulary.from_lexicons(lexicons)
        )
        _SCORERS[key] = scorer
    return scorer


def _rows(article_id: str, index: int, result, position: str = BODY) -> list[TargetScore]:
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
                position=position,
            )
        )
    return rows


def sentence_positions(article: Article) -> dict[int, str]:
    """Headline, lede or body for each content sentence: the headline is a heading that opens
    the article; the lede is its first ``LEDE_SENTENCES`` body sentences."""
    positions: dict[int, str] = {}
    n_body = 0
    for sentence in article.sentences:
        if not sentence.is_content:
            continue
        if sentence.kind == KIND_HEADING:
            positions[sentence.sentence_index] = HEADLINE if not positions else BODY
            continue
        positions[sentence.sentence_index] = LEDE if n_body < LEDE_SENTENCES else BODY
        n_body += 1
    return positions


def score_article(article: Article, lexicons: Mapping[str, Lexicon]) -> list[TargetScore]:
    """One :class:`TargetScore` per content sentence and target it mentions (or inherits),
    in sentence order, targets sorted."""
    scorer = build_scorer(lexicons)
    context = _Context()
    positions = sentence_positions(article)
    rows: list[TargetScore] = []
    for sentence in article.sentences:
        if not sentence.is_content:
            continue
        result = scorer.score_sentence(sentence.text, sentence.text_norm, sentence.tokens, context)
        rows.extend(
            _rows(article.article_id, sentence.sentence_index, result, positions[sentence.sentence_index])
        )
    return rows


def score_text(
    text: str,
    target: str | None,
    lexicons: Mapping[str, Lexicon],
    segmenter: Callable[[str], Sequence[str]] | object,
) -> dict[str, TargetScore]:
    """Score free text (one or more sentences) and return ``{target: TargetScore}``.

    ``segmenter`` is a :class:`stance.text.segment.Segmenter` or any callable from normalised text
    to tokens. Each target's score is the mean over the sentences that mention it; with
    ``target`` (an id such as ``us`` or an alias such as 美國) only that target is returned,
    scoring 0 when the text does not mention it.
    """
    from stance.text.sentences import split_sentences

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
