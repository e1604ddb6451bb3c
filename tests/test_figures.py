"""Numeric claims: extraction of values, units, qualifiers, subjects and quantities, and the
grouping of claims across sources into agree / conflict / single."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stance.compare.figures import (
    CONTEXT_CHARS,
    Claim,
    claims_agree,
    compare_figures,
    extract_claims,
    figure_rows,
    group_claims,
    parse_chinese_number,
)
from stance.corpus.records import Article, Sentence
from stance.lexicon import Lexicon, load_lexicon
from stance.text.normalise import normalise_text
from stance.text.segment import Segmenter
from tests.lexicon_helpers import targets_lexicon_from_rows

ROOT = Path(__file__).resolve().parents[1]


def small_targets() -> Lexicon:
    rows = [
        ("中国", "china", "neutral", "name"),
        ("中共", "china", "partisan", "party"),
        ("美国", "us", "neutral", "name"),
        ("特朗普", "us", "neutral", "leader"),
        ("日本", "japan", "neutral", "name"),
        ("巴基斯坦", "pakistan", "neutral", "name"),
        ("美中", "us+china", "neutral", "joint"),
        ("对华", "china", "neutral", "oblique"),
    ]
    return targets_lexicon_from_rows(rows)


@pytest.fixture(scope="module")
def small_lexicons() -> dict[str, Lexicon]:
    return {"targets": small_targets(), "quantities": load_lexicon(ROOT / "lexicons" / "quantities")}


@pytest.fixture(scope="module")
def segmenter(small_lexicons) -> Segmenter:
    return Segmenter([e.term for lex in small_lexicons.values() for e in lex.entries], engine="jieba")


def make_article(
    segmenter: Segmenter,
    article_id: str,
    source: str,
    texts: list[str],
    kind: str = "body",
    *,
    language: str = "zh",
) -> Article:
    sentences = tuple(
        Sentence(article_id, i, kind, t, normalise_text(t), segmenter.cut(normalise_text(t)))
        for i, t in enumerate(texts)
    )
    return Article(article_id, source, "", language, "", "", "", "", "", "", sentences)


def claims_of(segmenter, lexicons, text: str) -> list[Claim]:
    return extract_claims([make_article(segmenter, "a1", "A", [text])], lexicons)


def test_parse_chinese_number():
    assert parse_chinese_number("七十") == 70.0
    assert parse_chinese_number("十") == 10.0
    assert parse_chinese_number("一百零五") == 105.0
    assert parse_chinese_number("两千") == 2000.0
    assert parse_chinese_number("两三") == (2.0, 3.0)
    assert parse_chinese_number("3,834") == 3834.0
    assert parse_chinese_number("1.5") == 1.5


@pytest.mark.parametrize(
    ("text", "match", "value", "unit", "qualifier", "low", "high"),
    [
        ("中国控制着全球约70%的稀土开采量。", "约70%", 70.0, "%", "约", 70.0, 70.0),
        ("这一比例高达90%以上。", "90%以上", 90.0, "%", "以上", 90.0, 100.0),
        ("全球百分之七十的产量来自这里。", "百分之七十", 70.0, "%", "", 70.0, 70.0),
        ("中国仍占据全球产量的八成。", "八成", 80.0, "%", "", 80.0, 80.0),
        ("九成以上由中国生产。", "九成以上", 90.0, "%", "以上", 90.0, 100.0),
        ("过半企业表示亏损。", "过半", 50.0, "%", "过半", 50.0, 100.0),
        ("双方签署价值5亿美元的备忘录。", "5亿美元", 5e8, "USD", "", 5e8, 5e8),
        ("从5500亿美元的投资基金中划拨。", "5500亿美元", 5.5e11, "USD", "", 5.5e11, 5.5e11),
        ("相继投入数亿美元。", "数亿美元", (2e8, 9e8), "USD", "", 2e8, 9e8),
        ("融资担保总额达数十亿美元。", "数十亿美元", (2e9, 9e9), "USD", "", 2e9, 9e9),
        ("The fund will invest $400 million.", "$400 million", 4e8, "USD", "", 4e8, 4e8),
        ("美国进口3,834吨锑氧化物。", "3,834吨", 3834.0, "t", "", 3834.0, 3834.0),
        ("到2028年美国可以自给。", "2028年", 2028.0, "year", "", 2028.0, 2028.0),
        ("需要至少5到10年才能形成有效产能。", "至少5到10年", (5.0, 10.0), "years", "至少", 5.0, float("inf")),
        ("未来两三年内难以摆脱依赖。", "两三年", (2.0, 3.0), "years", "", 2.0, 3.0),
        ("需求将增至目前五倍。", "五倍", 5.0, "times", "", 5.0, 5.0),
        ("储量超过两倍。", "超过两倍", 2.0, "times", "超过", 2.0, float("inf")),
        ("只剩不到两周。", "不到两周", 2.0, "weeks", "不到", 0.0, 2.0),
    ],
)
def test_extracts_value_unit_qualifier(
    segmenter, small_lexicons, text, match, value, unit, qualifier, low, high
):
    claims = claims_of(segmenter, small_lexicons, text)
    assert [(c.match, c.value, c.unit, c.qualifier, c.low, c.high) for c in claims] == [
        (match, value, unit, qualifier, low, high)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "2025年9月8日,双方签署协议。",
        "11月16日他公开表示。",
        "美国从2010年起就开始实施替代战略。",
        "这是一项新的里程碑。",
    ],
)
def test_dates_and_plain_text_are_not_claims(segmenter, small_lexicons, text):
    assert claims_of(segmenter, small_lexicons, text) == []


@pytest.mark.parametrize(
    ("text", "subject", "obj", "quantity"),
    [
        ("数据显示,中国控制着全球约70%的稀土开采量。", "china", "", "share_mining"),
        ("美国目前87%的稀土精炼产品依赖中国进口。", "us", "china", "import_dependence"),
        ("美国则承诺不对中国商品加征100%的惩罚性关税。", "us", "china", "tariff_rate"),
        ("中共海关数据显示,6月出口量较1月骤降88%。", "china", "", "export_volume_change"),
        ("美国战略金属公司与巴基斯坦签署价值5亿美元的谅解备忘录。", "us", "pakistan", "deal_value"),
        ("全球九成以上由中国生产。", "china", "", "share_output"),
        ("行业人士认为,全球约60%的市场份额集中在少数企业。", "", "", "market_share"),
    ],
)
def test_subject_object_and_quantity(segmenter, small_lexicons, text, subject, obj, quantity):
    (claim,) = claims_of(segmenter, small_lexicons, text)
    assert (claim.subject, claim.object, claim.quantity) == (subject, obj, quantity)


def test_quantity_from_previous_clause(segmenter, small_lexicons):
    claims = claims_of(
        segmenter, small_lexicons, "中国控制着全球约70%的稀土开采量,而在精炼加工环节,这一比例更高达90%以上。"
    )
    assert [(c.match, c.subject, c.quantity, c.family) for c in claims] == [
        ("约70%", "china", "share_mining", "share_output"),
        ("90%以上", "china", "share_refining", "share_output"),
    ]


def test_traditional_and_simplified_give_the_same_claims(segmenter, small_lexicons):
    simplified = claims_of(segmenter, small_lexicons, "中国仍占据全球稀土产量的八成,美国进口3,834吨锑。")
    traditional = claims_of(segmenter, small_lexicons, "中國仍佔據全球稀土產量的八成,美國進口3,834噸銻。")
    assert [(c.value, c.unit, c.subject, c.quantity) for c in simplified] == [
        (c.value, c.unit, c.subject, c.quantity) for c in traditional
    ]
    assert traditional[0].text == "中國仍佔據全球稀土產量的八成,美國進口3,834噸銻。"


@pytest.mark.parametrize(
    ("text", "matches"),
    [
        # A number starts at the start of its run of numerals, never inside it...
        ("进口1,234,567吨锑", [("1,234,567吨", 1234567.0)]),
        ("损失两千三百万美元", [("两千三百万美元", 2.3e7)]),
        ("编号12025年", []),  # the end of a longer number: no claim
        # ...but a number after a comma is a number of its own when it cannot continue the one
        # before it (12,5 is not a thousands group).
        ("两国分别为12,5%", [("5%", 5.0)]),
        ("分别为123,45,678吨", [("45,678吨", 45678.0)]),
    ],
)
def test_numbers_start_where_their_run_of_numerals_starts(segmenter, small_lexicons, text, matches):
    assert [(c.match, c.value) for c in claims_of(segmenter, small_lexicons, text)] == matches


def test_a_long_line_without_punctuation(segmenter, small_lexicons):
    # 200,000 characters in one sentence: figures between long runs of digits and of Chinese
    # numerals. Every run of numerals used to be rescanned from each of its positions, and every
    # claim compared with every name of the sentence, which took minutes on such a line.
    unit = "中国控制着全球约70%的稀土开采量" + "一二三四五六七八九十" * 3 + "1234567890" * 3
    repeats = 160_000 // len(unit)
    text = unit * repeats + "5" * 20_000 + "七" * 20_000 + "美国今年还有3,834吨锑"
    assert len(text) > 199_000
    claims = claims_of(segmenter, small_lexicons, text)
    assert len(claims) == repeats + 1
    assert {(c.match, c.value, c.subject, c.quantity) for c in claims[:-1]} == {
        ("约70%", 70.0, "china", "share_mining")
    }
    assert [c.start for c in claims[:-1]] == [i * len(unit) + unit.index("约") for i in range(repeats)]
    # Each claim quotes the 200 characters either side of its figure, not the whole line.
    assert all(c.match in c.text and len(c.text) <= 2 * CONTEXT_CHARS + len(c.match) + 2 for c in claims)
    assert claims[0].text == text[: claims[0].start + len("约70%") + CONTEXT_CHARS] + "…"
    last = claims[-1]
    assert (last.match, last.value, last.unit, last.subject, last.start) == (
        "3,834吨",
        3834.0,
        "t",
        "us",
        text.index("3,834"),
    )


def test_furniture_sentences_give_no_claims(segmenter, small_lexicons):
    article = make_article(segmenter, "a1", "A", ["中国控制着全球约70%的稀土开采量。"], kind="furniture")
    assert extract_claims([article], small_lexicons) == []


def _claim(source: str, value, unit: str = "%", quantity: str = "share_output", family: str = "share_output",
           subject: str = "china", obj: str = "", low=None, high=None) -> Claim:  # fmt: skip
    lo, hi = value if isinstance(value, tuple) else (value, value)
    lo = lo if low is None else low
    hi = hi if high is None else high
    return Claim(
        source,
        f"{source}-1",
        0,
        0,
        str(value),
        value,
        lo,
        hi,
        unit,
        "",
        subject,
        obj,
        quantity,
        family,
        f"text {source}",
    )


def test_tolerance_rules():
    assert claims_agree(_claim("A", 70.0), _claim("B", 72.5))  # 2.5 points
    assert not claims_agree(_claim("A", 70.0), _claim("B", 73.0))
    assert claims_agree(_claim("A", 90.0, high=100.0), _claim("B", 95.0))  # 90%以上 covers 95%
    assert claims_agree(_claim("A", 100.0, unit="USD"), _claim("B", 104.0, unit="USD"))  # 5% relative
    assert not claims_agree(_claim("A", 100.0, unit="USD"), _claim("B", 106.0, unit="USD"))
    assert claims_agree(_claim("A", (5.0, 10.0), unit="years"), _claim("B", 5.0, unit="years"))
    assert not claims_agree(_claim("A", (5.0, 10.0), unit="years"), _claim("B", (2.0, 3.0), unit="years"))


def test_groups_conflict_agree_single():
    claims = [
        _claim("A", 70.0, quantity="share_mining"),
        _claim("A", 90.0, quantity="share_refining", high=100.0),
        _claim("B", 80.0),
        _claim("A", 87.0, quantity="import_dependence", family="import_dependence", subject="us"),
        _claim("C", 70.0, quantity="import_dependence", family="import_dependence", subject="us", high=100.0),
        _claim("C", 5e8, unit="USD", quantity="deal_value", family="deal_value", subject="us"),
        _claim("D", 1.0, quantity="", family="", subject="us"),  # no quantity: not grouped
        _claim("D", 1.0, subject=""),  # no subject: not grouped
    ]
    groups = group_claims(claims)
    assert [(g["status"], g["subject"], g["quantity"], g["unit"], len(g["claims"])) for g in groups] == [
        ("conflict", "china", "share_output", "%", 3),
        ("agree", "us", "import_dependence", "%", 2),
        ("single", "us", "deal_value", "USD", 1),
    ]
    assert groups[0]["claims"][0] == {
        "source": "A", "article_id": "A-1", "sentence_index": 0, "value": 70, "low": 70, "high": 70,
        "qualifier": "", "quantity": "share_mining", "match": "70.0", "text": "text A",
    }  # fmt: skip
    assert groups[1]["claims"][1]["high"] == 100


def test_family_without_comparable_pair_splits_by_quantity():
    # A share of mining and a share of refining are different measures: no conflict.
    groups = group_claims(
        [_claim("A", 70.0, quantity="share_mining"), _claim("B", 90.0, quantity="share_refining")]
    )
    assert [(g["status"], g["quantity"]) for g in groups] == [
        ("single", "share_mining"),
        ("single", "share_refining"),
    ]


def test_different_objects_split_the_group():
    claims = [
        _claim("A", 100.0, quantity="tariff_rate", family="tariff_rate", subject="us", obj="china"),
        _claim("B", 15.0, quantity="tariff_rate", family="tariff_rate", subject="us", obj="japan"),
    ]
    assert [(g["status"], g["object"]) for g in group_claims(claims)] == [
        ("single", "china"),
        ("single", "japan"),
    ]
    one_object = [claims[0], _claim("C", 15.0, quantity="tariff_rate", family="tariff_rate", subject="us")]
    assert [(g["status"], g["object"]) for g in group_claims(one_object)] == [("conflict", "china")]


def test_grouping_does_not_depend_on_order():
    claims = [_claim("A", 70.0, quantity="share_mining"), _claim("B", 80.0), _claim("C", 81.0)]
    assert group_claims(claims) == group_claims(list(reversed(claims)))


def test_figure_rows_flatten_groups():
    rows = figure_rows(group_claims([_claim("A", (5.0, 10.0), unit="years", quantity="t", family="t")]))
    assert rows == [
        {
            "group": 1, "subject": "china", "object": "", "quantity": "t", "unit": "years",
            "status": "single", "source": "A", "article_id": "A-1", "sentence_index": 0,
            "claim_quantity": "t", "value": "5-10", "low": 5, "high": 10, "qualifier": "",
            "match": "(5.0, 10.0)", "text": "text A",
        }
    ]  # fmt: skip


def test_seeds_conflict_on_chinas_share_of_world_output(seed_articles, lexicons):
    groups = compare_figures(seed_articles, lexicons)
    china_share = [g for g in groups if g["subject"] == "china" and g["quantity"] == "share_output"]
    assert len(china_share) == 1
    group = china_share[0]
    assert group["status"] == "conflict"
    values = {(c["source"].split(" ")[0], c["value"], c["quantity"]) for c in group["claims"]}
    assert ("SCMP-derived", 70, "share_mining") in values
    assert ("SCMP-derived", 90, "share_refining") in values
    assert ("Epoch", 80, "share_output") in values


# -- the anchors that let a sentence skip a numeric pattern ----------------------------------

_NUMERIC_PIECES = (
    *"0123456789.,%-~到至零〇一二两三四五六七八九十百千万亿半数多余约近超逾以上下左右成倍吨年月周天间分之",
    "百分之", "个月", "星期", "公吨", "美元", "人民币", "欧元", "日元", "元", "过半", "一半", "半数",
    "大约", "超过", "不到", "以上", "左右", "中国", "出口", "，", "。", " ",
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_NUMERIC_PIECES), min_size=1, max_size=14).map("".join))
def test_every_chinese_match_holds_one_of_its_anchors(text):
    """A Chinese numeric pattern is skipped in a sentence without its anchors: that must never
    lose a match."""
    from stance.compare.figures.numbers import _ANCHORS, _PATTERNS

    for kind, pattern in _PATTERNS:
        if kind.endswith("_en"):
            continue
        for match in pattern.finditer(text):
            if match.end() > match.start():
                assert any(anchor in match.group() for anchor in _ANCHORS[kind]), (kind, match.group())


def test_every_chinese_pattern_has_anchors():
    from stance.compare.figures.numbers import _ANCHORS, _PATTERNS

    assert set(_ANCHORS) == {kind for kind, _ in _PATTERNS if not kind.endswith("_en")}
