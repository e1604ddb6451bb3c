"""The one term matcher (stance.lexicon.match): its rules, and the same term counting the same in frames,
mentions, naming and figures for the same sentence, in simplified, traditional and English text.

The stages read only a few attributes of a lexicon (name, kind, categories, entries and each
entry's term, category, weight and extra columns), so the small lexicons here are stand-ins with
those attributes, built in memory.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from types import SimpleNamespace

import opencc
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from stance.compare.figures import FigureTerms
from stance.compare.naming import compare_naming
from stance.corpus.records import Article, Sentence
from stance.lexicon.match import TermMatcher, Vocabulary, token_offsets
from stance.measure.frames import FrameIndex
from stance.measure.mentions import Alias, TargetIndex, find_mentions
from stance.text.normalise import normalise_text

# --------------------------------------------------------------------------- the stand-ins


def _entry(term: str, category: str, **extra: str) -> SimpleNamespace:
    return SimpleNamespace(term=term, category=category, weight=1.0, note="", line=1, extra=extra)


def _lexicon(name: str, kind: str, entries: Sequence[SimpleNamespace]) -> SimpleNamespace:
    categories = tuple(dict.fromkeys(c for e in entries for c in e.category.split("+")))
    return SimpleNamespace(
        name=name, kind=kind, categories=categories, entries=tuple(entries), path=Path(name), checksum=name
    )


# Target aliases: the target each names.
TARGETS = {
    "中国": "china",
    "美国": "us",
    "北京": "china",
    "中国大陆": "china",
    "US": "us",
    "united states": "us",
    "china": "china",
}
# Cue words: with the aliases, the run's known words (摆脱 + 困境 cut 摆脱困境; 落后 is an edge word).
CUES = {"摆脱": "control", "困境": "potency", "落后": "potency", "离不开": "dependence"}


def lexicons_for(terms: Mapping[str, str]) -> dict[str, SimpleNamespace]:
    """The same ``terms`` as target aliases, as frame terms and (through the targets) as names,
    next to the cue words; every stage then looks up exactly ``terms``."""
    return {
        "targets": _lexicon(
            "targets", "targets", [_entry(t, c, alias_kind="name") for t, c in terms.items()]
        ),
        "stance_cues": _lexicon("stance_cues", "cues", [_entry(t, c) for t, c in CUES.items()]),
        "frames_test": _lexicon("frames_test", "frames", [_entry(t, f"frame_{c}") for t, c in terms.items()]),
    }


def sentence(text: str, tokens: Sequence[str]) -> Sentence:
    return Sentence("a1", 0, "body", text, normalise_text(text), tuple(tokens))


def _article(s: Sentence) -> Article:
    return Article(
        article_id="a1",
        source="src",
        outlet_kind="",
        language="",
        script="",
        published="",
        url="",
        label="",
        path="",
        encoding="utf-8",
        sentences=(s,),
    )


# --------------------------------------------------------------------------- each stage's count


def frame_counts(s: Sentence, lexicons) -> Counter[str]:
    return Counter(hit.term for hit in FrameIndex.from_lexicons(lexicons).match(s))


def mention_counts(s: Sentence, lexicons) -> Counter[str]:
    aliases = {
        e.term: Alias(e.term, (e.category,), e.weight, "neutral", "name") for e in lexicons["targets"].entries
    }
    index = TargetIndex(aliases, vocabulary=Vocabulary.from_lexicons(lexicons))
    return Counter(m.term for m in find_mentions(s.text, s.text_norm, s.tokens, index))


def naming_counts(s: Sentence, lexicons) -> Counter[str]:
    counts: Counter[str] = Counter()
    for item in compare_naming([_article(s)], lexicons):
        for variant, by_source in item["variants"].items():
            counts[variant] += sum(by_source.values())
    return counts


def figure_counts(s: Sentence, lexicons) -> Counter[str]:
    terms = FigureTerms.from_lexicons(lexicons)
    return Counter(hit.term for hit in terms.target_matcher.find(s.text_norm, s.tokens))


STAGES = {
    "frames": frame_counts,
    "mentions": mention_counts,
    "naming": naming_counts,
    "figures": figure_counts,
}


def counts_by_stage(s: Sentence, terms: Mapping[str, str]) -> dict[str, Counter[str]]:
    lexicons = lexicons_for(terms)
    return {name: count(s, lexicons) for name, count in STAGES.items()}


# --------------------------------------------------------------------------- examples

# 中国人 holds 中国 but is another word; 摆脱困境 is 摆脱 + 困境, both known words.
SIMPLIFIED = ("中国人认为中国摆脱困境离不开美国", ("中国人", "认为", "中国", "摆脱困境", "离不开", "美国"))
TRADITIONAL = ("中國人認為中國擺脫困境離不開美國", SIMPLIFIED[1])


@pytest.mark.parametrize("text, tokens", [SIMPLIFIED, TRADITIONAL], ids=["simplified", "traditional"])
def test_same_term_counts_the_same_in_every_stage_in_chinese(text, tokens):
    terms = {**TARGETS, "困境": "crisis"}
    counts = counts_by_stage(sentence(text, tokens), terms)
    expected = Counter({"中国": 1, "美国": 1, "困境": 1})
    assert counts == {"frames": expected, "mentions": expected, "naming": expected, "figures": expected}


def test_traditional_name_is_counted_and_recorded_as_written():
    (item,) = [
        i
        for i in compare_naming([_article(sentence(*TRADITIONAL))], lexicons_for(TARGETS))
        if i["referent"] == "us"
    ]
    assert item["variants"] == {"美国": {"src": 1}}
    assert item["forms"] == {"美国": ["美國"]}


def test_same_term_counts_the_same_in_every_stage_in_english():
    text = "The United States and the US told us that China would not wait."
    tokens = ("The", "United", "States", "and", "the", "US", "told", "us", "that", "China", "would", "not")
    counts = counts_by_stage(sentence(text, (*tokens, "wait", ".")), TARGETS)
    # "us" is the pronoun: US is written with capitals and matches only as written.
    expected = Counter({"united states": 1, "US": 1, "china": 1})
    assert counts == {"frames": expected, "mentions": expected, "naming": expected, "figures": expected}


def test_longest_term_wins_in_every_stage():
    tokens = ("中国", "大陆", "和", "北京")
    counts = counts_by_stage(sentence("中国大陆和北京", tokens), TARGETS)
    expected = Counter({"中国大陆": 1, "北京": 1})
    assert all(c == expected for c in counts.values())


def test_term_is_never_found_inside_a_longer_token():
    tokens = ("中国人", "喜欢", "北京市", "的", "公园")
    counts = counts_by_stage(sentence("中国人喜欢北京市的公园", tokens), TARGETS)
    assert all(c == Counter() for c in counts.values())


def test_edge_word_splits_a_compound_for_every_stage():
    # 落后 is a scoring cue, so 工艺落后 is cut into 工艺 + 落后 wherever it is matched, though
    # 工艺 is no known word.
    counts = counts_by_stage(sentence("工艺落后", ("工艺落后",)), {"落后": "lag"})
    assert all(c == Counter({"落后": 1}) for c in counts.values())


def test_find_reports_tokens_and_characters():
    matcher = TermMatcher({"困境", "美国"}, vocabulary=Vocabulary(frozenset({"摆脱", "困境"})))
    hits = matcher.find("美国摆脱困境", ("美国", "摆脱困境"))
    assert [(h.term, h.first, h.last, h.start, h.end) for h in hits] == [
        ("美国", 0, 1, 0, 2),
        ("困境", 1, 2, 4, 6),
    ]


def test_masking_option_finds_han_terms_inside_tokens():
    # Only the model's masking asks for it (stance.model.learn); counting stages never do.
    inside = TermMatcher({"中美", "美国"}, inside_tokens=True)
    units = inside.units("中美合作美国人", ("中美合作", "美国人"))
    assert [u.text for u in units] == ["中美", "合作", "美国", "人"]
    assert [s.term for s in inside.match("中美合作美国人", units)] == ["中美", "美国"]
    assert TermMatcher({"中美", "美国"}).find("中美合作美国人", ("中美合作", "美国人")) == []


def test_vocabulary_and_edge_terms_are_not_mixed():
    with pytest.raises(ValueError, match="edge words in the vocabulary"):
        TermMatcher({"困境"}, edge_terms={"落后"}, vocabulary=Vocabulary(frozenset()))


# --------------------------------------------------------------------------- properties

HAN_WORDS = (
    "中国",
    "中国人",
    "美国",
    "北京",
    "北京市",
    "大陆",
    "摆脱",
    "困境",
    "摆脱困境",
    "技术落后",
    "认为",
    "的",
    "和",
)
LATIN_WORDS = ("The", "United", "States", "US", "us", "China", "china", "told", ",", ".")
TERM_POOL = ("中国", "美国", "北京", "中国大陆", "困境", "技术", "US", "united states", "china")


def _join(tokens: Sequence[str]) -> str:
    """The text the tokens were cut from: a space between two Latin words, as written."""
    text = ""
    for token in tokens:
        if text and text[-1].isascii() and text[-1].isalnum() and token[:1].isascii() and token[:1].isalnum():
            text += " "
        text += token
    return text


token_lists = st.lists(st.sampled_from(HAN_WORDS + LATIN_WORDS), min_size=1, max_size=12)
term_sets = st.sets(st.sampled_from(TERM_POOL), min_size=1, max_size=len(TERM_POOL))


@settings(max_examples=60, deadline=None)
@given(tokens=token_lists, chosen=term_sets)
def test_every_stage_counts_every_term_the_same(tokens, chosen):
    terms = {t: TARGETS.get(t, "other") for t in chosen}
    counts = counts_by_stage(sentence(_join(tokens), tokens), terms)
    assert counts["frames"] == counts["mentions"] == counts["naming"] == counts["figures"]


@settings(max_examples=60, deadline=None)
@given(tokens=st.lists(st.sampled_from(HAN_WORDS), min_size=1, max_size=10), chosen=term_sets)
def test_traditional_and_simplified_count_alike(tokens, chosen):
    simplified = "".join(tokens)
    traditional = _s2t().convert(simplified)
    assume(normalise_text(traditional) == simplified)
    terms = {t: TARGETS.get(t, "other") for t in chosen}
    assert counts_by_stage(sentence(traditional, tokens), terms) == counts_by_stage(
        sentence(simplified, tokens), terms
    )


@settings(max_examples=100, deadline=None)
@given(tokens=token_lists, chosen=term_sets, known=st.sets(st.sampled_from(HAN_WORDS)))
def test_hits_are_ordered_disjoint_and_spell_their_term(tokens, chosen, known):
    text = _join(tokens)
    matcher = TermMatcher(chosen, vocabulary=Vocabulary(frozenset(known)))
    hits = matcher.find(text, tokens)
    spans = token_offsets(text, tokens)
    for hit in hits:
        assert matcher.lookup(text[hit.start : hit.end]) == hit.term
        # The hit lies within the tokens it names.
        assert spans[hit.first][0] <= hit.start < hit.end <= spans[hit.last - 1][1]
    assert all(a.end <= b.start for a, b in pairwise(hits))


def _longest_first(matcher: TermMatcher, text: str, units) -> list[tuple[int, int, str]]:
    """The matching rule written out plainly: at each unit, try every run of up to MAX_JOIN
    units from the longest down; a term (as written, or lower-cased for a lower-case term)
    is taken and skipped over."""
    from stance.lexicon.match import MAX_JOIN

    found, i = [], 0
    while i < len(units):
        for j in range(min(len(units), i + MAX_JOIN), i, -1):
            candidate = text[units[i].start : units[j - 1].end]
            term = candidate if candidate in matcher.exact else None
            if term is None and candidate.lower() in matcher.folded:
                term = candidate.lower()
            if term is not None:
                found.append((i, j, term))
                i = j
                break
        else:
            i += 1
    return found


# Terms that are leading parts of one another, across scripts and cases.
NESTED_TERMS = (*TERM_POOL, "中国人", "北京市", "united", "United States", "US", "国大", "中", "the united")


@settings(max_examples=150, deadline=None)
@given(
    tokens=token_lists,
    chosen=st.sets(st.sampled_from(NESTED_TERMS), min_size=1, max_size=len(NESTED_TERMS)),
    known=st.sets(st.sampled_from(HAN_WORDS)),
)
def test_matches_follow_the_longest_first_rule(tokens, chosen, known):
    text = _join(tokens)
    matcher = TermMatcher(chosen, vocabulary=Vocabulary(frozenset(known)))
    units = matcher.units(text, tokens)
    spans = [(s.first, s.last, s.term) for s in matcher.match(text, units)]
    assert spans == _longest_first(matcher, text, units)
    found_units, found = matcher.spans(text, tokens)
    assert list(found_units) == units
    assert [(s.first, s.last, s.term) for s in found] == spans


@settings(max_examples=150, deadline=None)
@given(
    tokens=token_lists,
    term_sets=st.lists(
        st.sets(st.sampled_from(NESTED_TERMS), max_size=len(NESTED_TERMS)), min_size=2, max_size=4
    ),
    known=st.sets(st.sampled_from(HAN_WORDS)),
    dropped=st.booleans(),
)
def test_matchers_sharing_a_vocabulary_each_find_their_own_terms(tokens, term_sets, known, dropped):
    # Matchers of one vocabulary share one pass of the automata per sentence; each must still
    # follow the rule for its own terms, whichever asked first. A token missing from the text
    # (``dropped``) gives units that overlap, where the matchers grow candidates instead.
    text = _join(tokens)
    if dropped and len(tokens) > 1:
        text = _join(tokens[1:])
    vocabulary = Vocabulary(frozenset(known))
    matchers = [TermMatcher(terms, vocabulary=vocabulary) for terms in term_sets]
    for matcher in [*matchers, *reversed(matchers)]:
        units, found = matcher.spans(text, tokens)
        assert [(s.first, s.last, s.term) for s in found] == [
            (s.first, s.last, s.term) for s in matcher.match(text, list(units))
        ]
        assert [(s.first, s.last, s.term) for s in found] == _longest_first(matcher, text, units)


@settings(max_examples=100, deadline=None)
@given(tokens=token_lists, chosen=term_sets)
def test_without_known_words_every_hit_is_token_aligned(tokens, chosen):
    text = _join(tokens)
    bounds = {edge for span in token_offsets(text, tokens) for edge in span}
    for hit in TermMatcher(chosen, vocabulary=Vocabulary(frozenset())).find(text, tokens):
        assert hit.start in bounds and hit.end in bounds


@settings(max_examples=100, deadline=None)
@given(tokens=token_lists, known=st.sets(st.sampled_from(HAN_WORDS)))
def test_units_rejoin_to_the_tokens(tokens, known):
    text = _join(tokens)
    units = TermMatcher((), vocabulary=Vocabulary(frozenset(known), frozenset({"落后"}))).units(text, tokens)
    assert "".join(u.text for u in units) == "".join(tokens)
    assert all(text[u.start : u.end] == u.text for u in units)


@settings(max_examples=100, deadline=None)
@given(tokens=token_lists)
def test_a_term_with_capitals_matches_only_as_written(tokens):
    text = _join(tokens)
    for hit in TermMatcher({"US", "china"}).find(text, tokens):
        written = text[hit.start : hit.end]
        if hit.term == "US":
            assert written == "US"
        else:
            assert written.lower() == "china"


# --------------------------------------------------------------------------- the scorer's units


@lru_cache(maxsize=1)
def _bundled():
    from stance.lexicon import load_lexicons
    from stance.measure.polarity import build_scorer

    lexicons = load_lexicons()
    words = sorted(
        {w for w in Vocabulary.from_lexicons(lexicons).words if 2 <= len(w) <= 4 and not w.isascii()}
    )
    return lexicons, build_scorer(lexicons).matcher, words


@lru_cache(maxsize=1)
def _s2t():
    return opencc.OpenCC("s2t")


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_run_vocabulary_cuts_tokens_as_the_scorer_does(data):
    lexicons, scorer_matcher, words = _bundled()
    # Tokens glued from known words and a filler character: the compounds the cutting is for.
    pieces = st.sampled_from(words) | st.sampled_from(("的", "了", "稀土", "市场"))
    tokens = data.draw(
        st.lists(st.lists(pieces, min_size=1, max_size=3).map("".join), min_size=1, max_size=6)
    )
    text = "".join(tokens)
    shared = TermMatcher((), vocabulary=Vocabulary.from_lexicons(lexicons))
    assert shared.units(text, tokens) == scorer_matcher.units(text, tokens)


def _english(sentence: str) -> tuple[str, tuple[str, ...]]:
    return sentence, tuple(sentence.split())


def test_english_inflections_match_the_lemma_of_a_term():
    """With lemmas=True (frames, figure quantities) sanctions, sanctioned and sanctioning are
    the term sanction, and a multiword term matches with its last word inflected."""
    matcher = TermMatcher({"sanction", "trade war", "rely on"}, lemmas=True)
    for text in ("new sanctions hit exporters", "the firm was sanctioned", "they are sanctioning banks"):
        assert [h.term for h in matcher.find(*_english(text))] == ["sanction"]
    assert [h.term for h in matcher.find(*_english("two trade wars began"))] == ["trade war"]
    assert [h.term for h in matcher.find(*_english("factories relied on imports"))] == ["rely on"]
    # Without lemmas (the scorer, target names) only the written form matches.
    assert TermMatcher({"sanction"}).find(*_english("new sanctions hit exporters")) == []


def test_lemmas_do_not_join_irregular_or_unrelated_forms():
    matcher = TermMatcher({"good", "be", "we", "port"}, lemmas=True)
    assert matcher.find(*_english("a better deal was possible for us")) == []
    assert [h.term for h in matcher.find(*_english("the ports reopened"))] == ["port"]


def test_chinese_text_never_loads_the_lemmatiser(monkeypatch):
    import stance.lexicon.match as match

    def refuse(word):
        raise AssertionError(f"lemmatised {word!r}")

    monkeypatch.setattr(match, "english_lemma", refuse)
    matcher = TermMatcher({"制裁", "sanction"}, lemmas=True)
    assert [h.term for h in matcher.find("美国宣布制裁", ("美国", "宣布", "制裁"))] == ["制裁"]
