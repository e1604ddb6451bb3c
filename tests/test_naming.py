"""Naming choices: which name of each referent every source uses."""

from __future__ import annotations

from pathlib import Path

import pytest

from stance.compare.naming import NameFinder, compare_naming, naming_rows, original_form
from stance.corpus.records import Article, Sentence
from stance.lexicon import Lexicon, load_lexicon
from stance.lexicon.match import TermMatcher, token_offsets
from stance.text.normalise import normalise_text
from stance.text.segment import Segmenter
from tests.lexicon_helpers import targets_lexicon_from_rows

ROOT = Path(__file__).resolve().parents[1]


def targets_lexicon() -> Lexicon:
    rows = [
        ("美国", "us", "neutral", "name"),
        ("特朗普", "us", "neutral", "leader"),
        ("川普", "us", "regional_transliteration", "leader"),
        ("中国", "china", "neutral", "name"),
        ("中共", "china", "partisan", "party"),
        ("北京", "china", "neutral", "metonym"),
        ("澳大利亚", "australia", "neutral", "name"),
        ("澳洲", "australia", "regional_transliteration", "name"),
        ("中美", "china+us", "neutral", "joint"),
        ("美中", "us+china", "neutral", "joint"),
        ("华为", "china", "neutral", "firm"),
    ]
    return targets_lexicon_from_rows(rows)


@pytest.fixture(scope="module")
def naming_lexicons() -> dict[str, Lexicon]:
    return {"targets": targets_lexicon(), "variants": load_lexicon(ROOT / "lexicons" / "variants")}


@pytest.fixture(scope="module")
def segmenter(naming_lexicons) -> Segmenter:
    return Segmenter([e.term for lex in naming_lexicons.values() for e in lex.entries], engine="jieba")


def article(
    segmenter, article_id: str, source: str, texts: list[str], kind: str = "body", language: str = "zh"
) -> Article:
    sentences = tuple(
        Sentence(article_id, i, kind, t, normalise_text(t), segmenter.cut(normalise_text(t)))
        for i, t in enumerate(texts)
    )
    return Article(article_id, source, "", language, "", "", "", "", "", "", sentences)


def found(terms, text: str, tokens: tuple[str, ...]) -> list[tuple[int, int, str]]:
    return [(h.first, h.last, h.term) for h in TermMatcher(terms).find(text, tokens)]


def test_names_are_whole_tokens_longest_first():
    tokens = ("中国人", "认为", "中国", "大陆", "和", "美国")
    assert found({"中国", "中国大陆", "美国"}, "".join(tokens), tokens) == [
        (2, 4, "中国大陆"),
        (5, 6, "美国"),
    ]


def test_names_follow_the_case_rules():
    tokens = ("Trump", "met", "us", "in", "the", "US", "and", "United", "States")
    assert found({"trump", "US", "united states"}, " ".join(tokens), tokens) == [
        (0, 1, "trump"),
        (5, 6, "US"),
        (7, 9, "united states"),
    ]


def test_original_form_maps_back_to_traditional():
    text = "美國總統川普與澳洲總理會面"
    sentence = Sentence("a", 0, "body", text, normalise_text(text), ())
    start = sentence.text_norm.index("澳洲")
    assert original_form(sentence, start, start + 2) == "澳洲"
    assert original_form(sentence, 0, 2) == "美國"
    assert token_offsets("美国总统", ("美国", "总统")) == [(0, 2), (2, 4)]


def test_compare_naming_counts_variants_per_source(segmenter, naming_lexicons):
    articles = [
        article(segmenter, "a1", "Blog", ["川普访问澳大利亚。", "川普与中国谈判,美中双方缓和。"]),
        article(segmenter, "a2", "Epoch", ["中共對澳洲施壓,川普回應。", "美國晶片出口受限。"]),
        article(segmenter, "a3", "Portal", ["特朗普威胁对中国加征关税,中美谈判。", "华为的芯片需求上升。"]),
        article(segmenter, "a4", "Portal", ["特朗普说了什么"], kind="furniture"),
    ]
    naming = {item["referent"]: item for item in compare_naming(articles, naming_lexicons)}
    assert sorted(naming) == ["australia", "china", "china+us", "chip", "us"]
    assert naming["us"]["variants"] == {
        "川普": {"Blog": 2, "Epoch": 1},
        "特朗普": {"Portal": 1},
        "美国": {"Epoch": 1},
    }
    assert naming["us"]["registers"] == {
        "川普": "regional_transliteration",
        "特朗普": "neutral",
        "美国": "neutral",
    }
    assert naming["us"]["forms"]["美国"] == ["美國"]
    assert naming["china"]["variants"] == {
        "中共": {"Epoch": 1},
        "中国": {"Blog": 1, "Portal": 1},
    }  # 华为 is a firm
    assert naming["china+us"]["variants"] == {"中美": {"Portal": 1}, "美中": {"Blog": 1}}
    assert naming["chip"]["variants"] == {"晶片": {"Epoch": 1}, "芯片": {"Portal": 1}}
    assert naming["chip"]["registers"] == {"晶片": "regional", "芯片": "neutral"}
    assert naming["australia"]["sources_differ"] is True


def test_joint_forms_are_one_referent(segmenter, naming_lexicons):
    articles = [
        article(segmenter, "a1", "A", ["美中双方会谈。"]),
        article(segmenter, "a2", "B", ["中美双方会谈。"]),
    ]
    (item,) = compare_naming(articles, naming_lexicons)
    assert item["referent"] == "china+us"
    assert item["variants"] == {"中美": {"B": 1}, "美中": {"A": 1}}


def test_naming_rows():
    naming = [
        {
            "referent": "us",
            "variants": {"川普": {"A": 2}},
            "registers": {"川普": "regional"},
            "forms": {"川普": ["川普"]},
        }
    ]
    assert naming_rows(naming) == [
        {
            "referent": "us",
            "variant": "川普",
            "register": "regional",
            "source": "A",
            "count": 2,
            "forms": "川普",
        }
    ]


def test_seeds_naming_contrasts(seed_articles, lexicons):
    naming = {item["referent"]: item for item in compare_naming(seed_articles, lexicons)}
    by_source = {
        referent: {variant: {s.split(" ")[0] for s in users} for variant, users in item["variants"].items()}
        for referent, item in naming.items()
    }
    assert by_source["us"]["川普"] == {"Pro-alliance"}
    assert "Pro-alliance" not in by_source["us"]["特朗普"]
    assert by_source["china"]["中共"] == {"Epoch"}
    assert by_source["australia"]["澳洲"] == {"Epoch"}
    assert "Epoch" not in by_source["australia"]["澳大利亚"]
    assert naming["australia"]["forms"]["澳洲"] == ["澳洲"]


def test_names_found_in_the_per_article_work_count_the_same(seed_articles, lexicons):
    """The per-article work finds each article's names once (NameFinder.uses); the comparison
    only counts them, with the same result as finding them there."""
    finder = NameFinder.from_lexicons(lexicons)
    uses = {a.article_id: finder.uses(a) for a in seed_articles}
    assert sum(map(len, uses.values())) > 50
    assert compare_naming(seed_articles, lexicons, uses) == compare_naming(seed_articles, lexicons)


def test_one_name_in_articles_of_two_languages_is_not_a_naming_choice(segmenter):
    from stance.classroom.naming import _pair
    from stance.report.summary import _naming_line

    lexicons = {"targets": load_lexicon(ROOT / "lexicons" / "targets")}
    wire = article(segmenter, "e1", "Wire", ["China cut its exports again."], language="en")
    daily = article(segmenter, "z1", "Daily", ["中国再次削减出口。", "中国对此作出说明。"])
    (item,) = compare_naming([wire, daily], lexicons)
    assert item["variants"] == {"china": {"Wire": 1}, "中国": {"Daily": 2}}
    assert item["by_language"] == {"en": {"china": {"Wire": 1}}, "zh": {"中国": {"Daily": 2}}}
    assert item["sources_differ"] is False
    assert _naming_line([item], {}) == "The sources name the people and places they share in the same way."

    # A second English outlet that writes the CCP has chosen a name: set against China, not 中国
    # (which more sentences use).
    herald = article(segmenter, "e2", "Herald", ["The CCP cut its exports again."], language="en")
    (item,) = compare_naming([wire, daily, herald], lexicons)
    assert item["sources_differ"] is True
    assert _naming_line([item], {}) == "Names differ: for China, Herald writes CCP, while Wire writes China."
    kinds = {e.term: e.extra.get("alias_kind", "") for e in lexicons["targets"].entries}
    assert _pair(item, kinds) == ("CCP", "china")


def test_a_latin_name_in_chinese_articles_is_a_naming_choice(segmenter, naming_lexicons):
    # AI in a Chinese article is chosen over 人工智能, though its letters are English.
    articles = [
        article(segmenter, "a", "A", ["美国在AI领域投入巨资。"]),
        article(segmenter, "b", "B", ["美国在人工智能领域投入巨资。"]),
    ]
    naming = {item["referent"]: item for item in compare_naming(articles, naming_lexicons)}
    (referent,) = [r for r, item in naming.items() if "人工智能" in item["variants"]]
    assert naming[referent]["by_language"] == {"zh": {"AI": {"A": 1}, "人工智能": {"B": 1}}}
    assert naming[referent]["sources_differ"] is True
