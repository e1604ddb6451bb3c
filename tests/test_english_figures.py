"""English numeric claims and English target names: the figure grammar (per cent, fractions,
money, tonnes, x-fold, ranges, qualifiers), English and Chinese claims about the same quantity
in one figure group, and possessive, metonym and hyphenated forms of the targets."""

from __future__ import annotations

import math

import pytest

from stance.compare.figures import (
    Claim,
    extract_claims,
    group_claims,
    parse_english_number,
    percent_bounds,
)
from stance.corpus.records import Article
from stance.measure.mentions import TargetIndex, find_mentions
from stance.text.normalise import normalise_text
from stance.text.segment import Segmenter
from tests.test_figures import make_article

INF = math.inf


@pytest.fixture(scope="module")
def segmenter(lexicons) -> Segmenter:
    return Segmenter([e.term for e in lexicons["targets"].entries], engine="jieba")


def article(segmenter: Segmenter, article_id: str, source: str, language: str, texts: list[str]) -> Article:
    return make_article(segmenter, article_id, source, texts, language=language)


def claims_of(segmenter, lexicons, text: str) -> list[Claim]:
    return extract_claims([article(segmenter, "e1", "A", "en", [text])], lexicons)


def test_parse_english_number():
    assert parse_english_number("1,200.5") == 1200.5
    assert parse_english_number("Twenty-five") == 25.0
    assert parse_english_number("seventy") == 70.0
    assert parse_english_number("three") == 3.0


@pytest.mark.parametrize(
    ("text", "match", "value", "unit", "qualifier", "low", "high"),
    [
        # Percentages, as figures and in words, and ranges of them.
        ("Miners dig up 85 percent of the ore.", "85 percent", 85.0, "%", "", 85.0, 85.0),
        ("Smelters handle 85 per cent of the ore.", "85 per cent", 85.0, "%", "", 85.0, 85.0),
        ("Output rose by more than 12%.", "more than 12%", 12.0, "%", "more than", 12.0, 100.0),
        ("The levy is 15 percent or more.", "15 percent or more", 15.0, "%", "or more", 15.0, 100.0),
        ("Some forty per cent of firms agreed.", "Some forty per cent", 40.0, "%", "Some", 40.0, 40.0),
        ("Prices could climb 30 to 45 percent.", "30 to 45 percent", (30.0, 45.0), "%", "", 30.0, 45.0),
        ("Duties of 30%-45% apply.", "30%-45%", (30.0, 45.0), "%", "", 30.0, 45.0),
        ("The share is between 55% and 65%.", "between 55% and 65%", (55.0, 65.0), "%", "", 55.0, 65.0),
        ("Imports fell to under 8 percent.", "under 8 percent", 8.0, "%", "under", 0.0, 8.0),
        ("The rate is up to 35 pct.", "up to 35 pct", 35.0, "%", "up to", 0.0, 35.0),
        # Fractions.
        ("The mines supply two-thirds of demand.", "two-thirds", 66.7, "%", "", 66.7, 66.7),
        ("Smelters ship three quarters of it.", "three quarters", 75.0, "%", "", 75.0, 75.0),
        ("Refiners hold nearly a third of the market.", "nearly a third", 33.3, "%", "nearly", 33.3, 33.3),
        ("Exporters sold more than half of the crop.", "more than half", 50.0, "%", "more than", 50.0, 100.0),
        ("Farmers export half the harvest.", "half", 50.0, "%", "", 50.0, 50.0),
        # Money: signs and words, magnitudes, ranges.
        ("The plant will cost $2.5 billion.", "$2.5 billion", 2.5e9, "USD", "", 2.5e9, 2.5e9),
        ("A fund of US$3bn was set up.", "US$3bn", 3e9, "USD", "", 3e9, 3e9),
        (
            "Bids ranged from $4 billion to $6 billion.",
            "$4 billion to $6 billion",
            (4e9, 6e9),
            "USD",
            "",
            4e9,
            6e9,
        ),
        ("Bids ranged around $4-6 billion.", "around $4-6 billion", (4e9, 6e9), "USD", "around", 4e9, 6e9),
        ("The loan is worth 1.5 billion dollars.", "1.5 billion dollars", 1.5e9, "USD", "", 1.5e9, 1.5e9),
        ("The bank lent 8 billion yuan.", "8 billion yuan", 8e9, "CNY", "", 8e9, 8e9),
        ("Brussels pledged €7bn.", "€7bn", 7e9, "EUR", "", 7e9, 7e9),
        (
            "The order is worth at least £20 million.",
            "at least £20 million",
            2e7,
            "GBP",
            "at least",
            2e7,
            INF,
        ),
        # Mass.
        ("The port handled 250 million tonnes.", "250 million tonnes", 2.5e8, "t", "", 2.5e8, 2.5e8),
        ("Buyers took 12,000 tons of ore.", "12,000 tons", 12000.0, "t", "", 12000.0, 12000.0),
        (
            "Stocks hold about 6,500 metric tons.",
            "about 6,500 metric tons",
            6500.0,
            "t",
            "about",
            6500.0,
            6500.0,
        ),
        ("Mills make 2 to 3 million tonnes.", "2 to 3 million tonnes", (2e6, 3e6), "t", "", 2e6, 3e6),
        # Multiples.
        ("Demand may rise four-fold.", "four-fold", 4.0, "times", "", 4.0, 4.0),
        ("Demand may rise fourfold.", "fourfold", 4.0, "times", "", 4.0, 4.0),
        ("Demand may rise 4x.", "4x", 4.0, "times", "", 4.0, 4.0),
        ("Demand is 4 times higher.", "4 times", 4.0, "times", "", 4.0, 4.0),
        ("Reserves are twice as large.", "twice", 2.0, "times", "", 2.0, 2.0),
        # Years and durations.
        ("The mine can be self-sufficient by 2031.", "2031", 2031.0, "year", "", 2031.0, 2031.0),
        ("It takes 6 to 12 years to build a mine.", "6 to 12 years", (6.0, 12.0), "years", "", 6.0, 12.0),
        ("It takes three to four years to build.", "three to four years", (3.0, 4.0), "years", "", 3.0, 4.0),
        ("It takes at least 7 years to build.", "at least 7 years", 7.0, "years", "at least", 7.0, INF),
        ("Building it took a decade.", "a decade", 10.0, "years", "", 10.0, 10.0),
        ("Talks lasted 18 months.", "18 months", 18.0, "months", "", 18.0, 18.0),
        ("Stocks last fewer than 60 days.", "fewer than 60 days", 60.0, "days", "fewer than", 0.0, 60.0),
        # A Chinese fraction, read alike.
        ("稀土的三分之二以上来自一个国家。", "三分之二以上", 66.7, "%", "以上", 66.7, 100.0),
    ],
)
def test_english_forms_give_value_unit_qualifier(
    segmenter, lexicons, text, match, value, unit, qualifier, low, high
):
    claims = claims_of(segmenter, lexicons, text)
    assert [(c.match, c.value, c.unit, c.qualifier, c.low, c.high) for c in claims] == [
        (match, value, unit, qualifier, low, high)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Sales slowed in the first half of the year.",
        "The goods pass through a third country.",
        "That was a quarter of a century ago.",
        "The plant opened two years ago.",
        "The minister is 64 years old.",
        "Prices peaked in 2022.",
        "Ships call three times a week.",
        "The Senate voted 51 to 49.",
    ],
)
def test_dates_ages_and_counts_are_not_claims(segmenter, lexicons, text):
    assert claims_of(segmenter, lexicons, text) == []


@pytest.mark.parametrize(
    ("text", "subject", "obj", "quantity"),
    [
        ("China produces 90 percent of the world's rare earths.", "china", "", "share_output"),
        ("Beijing's refiners handle about 85 per cent of the ore.", "china", "", "share_refining"),
        ("Washington set a 25% tariff on Chinese steel.", "us", "china", "tariff_rate"),
        ("Japan relies on imports from China for 60% of its supply.", "japan", "china", "import_dependence"),
        ("Australia's lithium exports rose 40 percent.", "australia", "", "export_volume_change"),
        ("Pakistan signed a deal worth $3 billion.", "pakistan", "", "deal_value"),
        ("The US needs 5 to 10 years to become self-sufficient.", "us", "", "time_to_self_sufficiency"),
        # A money figure on a plan, package or project is its spending.
        ("Washington's $4 billion plan aims to rebuild shipyards.", "us", "", "investment"),
        ("Japan unveiled a $10 billion package for chipmakers.", "japan", "", "investment"),
        ("中国宣布了一项5000亿元的刺激计划。", "china", "", "investment"),
        # A partner in a joint act is neither the subject nor the object.
        ("The US, together with Japan, will invest $5 billion in chip plants.", "us", "", "investment"),
        ("Japan will invest $3 billion jointly with Australia.", "japan", "", "investment"),
        ("美国将与日本、澳洲共同投资50亿美元。", "us", "", "investment"),
        ("美国对日本投资50亿美元。", "us", "japan", "investment"),
        # US$ is the currency, not the subject.
        ("Australia will lend US$200 million to the mine.", "australia", "", "loan"),
    ],
)
def test_english_subject_object_and_quantity(segmenter, lexicons, text, subject, obj, quantity):
    claims = claims_of(segmenter, lexicons, text)
    assert [(c.subject, c.object, c.quantity) for c in claims] == [(subject, obj, quantity)]


def groups_of(segmenter, lexicons, english: list[str], chinese: list[str]) -> list[dict]:
    articles = [
        article(segmenter, "en1", "Wire", "en", english),
        article(segmenter, "zh1", "报社", "zh", chinese),
    ]
    return group_claims(extract_claims(articles, lexicons))


def summary(groups: list[dict]) -> list[tuple]:
    return [
        (
            g["subject"],
            g["object"],
            g["quantity"],
            g["unit"],
            g["status"],
            sorted(c["source"] for c in g["claims"]),
        )
        for g in groups
    ]


def test_english_and_chinese_claims_on_one_quantity_agree(segmenter, lexicons):
    groups = groups_of(
        segmenter,
        lexicons,
        ["China produces 90 percent of the world's rare earths."],
        ["中国生产了全球九成的稀土。"],
    )
    assert summary(groups) == [("china", "", "share_output", "%", "agree", ["Wire", "报社"])]


def test_english_and_chinese_claims_on_one_quantity_conflict(segmenter, lexicons):
    groups = groups_of(
        segmenter,
        lexicons,
        ["China produces about half of the world's rare earths."],
        ["中国生产了全球九成以上的稀土。"],
    )
    assert summary(groups) == [("china", "", "share_output", "%", "conflict", ["Wire", "报社"])]


def test_english_and_chinese_tariffs_money_and_durations_group(segmenter, lexicons):
    groups = groups_of(
        segmenter,
        lexicons,
        [
            "Washington put a 25% tariff on Chinese steel.",
            "Tokyo signed a contract worth $1.2 billion.",
            "Japan needs 5 to 10 years to become self-sufficient.",
        ],
        [
            "美国对中国钢铁加征25%的关税。",
            "日本签下价值12亿美元的合同。",
            "日本需要8年才能实现自给。",
        ],
    )
    assert summary(groups) == [
        ("japan", "", "deal_value", "USD", "agree", ["Wire", "报社"]),
        ("japan", "", "time_to_self_sufficiency", "years", "agree", ["Wire", "报社"]),
        ("us", "china", "tariff_rate", "%", "agree", ["Wire", "报社"]),
    ]


def test_a_joint_investment_groups_across_languages(segmenter, lexicons):
    groups = groups_of(
        segmenter,
        lexicons,
        ["Canberra will spend $3 billion on two refineries jointly with Japan."],
        ["澳洲将与日本共同投资30亿美元建设两座精炼厂。"],
    )
    assert summary(groups) == [("australia", "", "investment", "USD", "agree", ["Wire", "报社"])]


def test_scorer_shares_stay_the_chinese_reading():
    # percent_bounds feeds the stance scorer, which reads English shares with its own rules: an
    # English qualifier must not change what it returns.
    assert percent_bounds("more than 90% of output") == [(10, 13, 90.0, 90.0)]
    assert percent_bounds("全球九成以上的稀土") == [(2, 6, 90.0, 100.0)]


def test_every_figure_of_a_long_sentence_is_found(segmenter, lexicons):
    """Every claim of a long run of figures is found once (its cost per character is a figure of
    benchmarks/bench_bounded.py, not a timed test)."""
    unit = "China refines nearly two-thirds and between 60% and 70 percent of 300 million tonnes worth $1.2 billion "
    for repeats in (1, 40, 400):
        assert len(claims_of(segmenter, lexicons, unit * repeats)) == 4 * repeats


@pytest.fixture(scope="module")
def index(lexicons) -> TargetIndex:
    return TargetIndex.from_lexicons({"targets": lexicons["targets"]})


def mentions(index: TargetIndex, segmenter: Segmenter, text: str) -> list[tuple[str, tuple[str, ...], str]]:
    norm = normalise_text(text)
    return [(m.alias, m.targets, m.alias_kind) for m in find_mentions(text, norm, segmenter.cut(norm), index)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Beijing's lawful and legitimate controls", [("Beijing", ("china",), "metonym")]),
        ("Beijing’s curbs hurt Washington’s allies", [("Beijing", ("china",), "metonym"), ("Washington", ("us",), "metonym")]),
        ("China's output and America's demand", [("China", ("china",), "name"), ("America", ("us",), "name")]),
        ("Tokyo's, Canberra's and Islamabad's envoys", [
            ("Tokyo", ("japan",), "metonym"), ("Canberra", ("australia",), "metonym"),
            ("Islamabad", ("pakistan",), "metonym"),
        ]),
        ("the U.S. said", [("U.S.", ("us",), "name")]),
        ("a U.S.-led bloc and a US-led bloc", [("U.S.", ("us",), "name"), ("US-led", ("us",), "name")]),
        ("let us talk", []),
        ("Chinese exporters and the Chinese side", [("Chinese", ("china",), "name"), ("Chinese side", ("china",), "side")]),
        ("the People's Republic of China", [("People's Republic of China", ("china",), "name")]),
        ("the Republic of China", [("Republic of China", ("taiwan",), "name")]),
        ("Xi met Modi; see Article XI", [("Xi", ("china",), "leader"), ("Modi", ("india",), "leader")]),
        ("US-China talks and Sino-Japanese ties", [
            ("US-China", ("us", "china"), "joint"), ("Sino-Japanese", ("china", "japan"), "joint"),
        ]),
        ("Chinese companies and the Trump administration", [
            ("Chinese companies", ("china",), "firm"), ("Trump administration", ("us",), "government"),
        ]),
        # Oblique compounds: the target is the object (as 对华, 涉华, 反华).
        ("anti-China rhetoric and China-bound cargo", [
            ("anti-China", ("china",), "oblique"), ("China-bound", ("china",), "oblique"),
        ]),
        ("US-related firms and anti-American protests", [
            ("US-related", ("us",), "oblique"), ("anti-American", ("us",), "oblique"),
        ]),
        ("反华势力与反美情绪", [("反华", ("china",), "oblique"), ("反美", ("us",), "oblique")]),
    ],
)  # fmt: skip
def test_english_possessive_metonym_and_hyphenated_mentions(index, segmenter, text, expected):
    assert mentions(index, segmenter, text) == expected


def test_possessive_mention_weights_like_the_bare_name(index, segmenter):
    norm = normalise_text("Washington's tariffs")
    (mention,) = find_mentions("Washington's tariffs", norm, segmenter.cut(norm), index)
    assert (mention.term, mention.weight, mention.register) == ("washington", 1.0, "neutral")
