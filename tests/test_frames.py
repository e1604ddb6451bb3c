"""Frame matching per sentence and frame scores per article and source."""

from __future__ import annotations

import math
import random

import opencc
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from stance.config import RunConfig
from stance.errors import LexiconError
from stance.lexicon import load_lexicon
from stance.measure.frames import (
    FRAME_COLUMNS,
    FrameIndex,
    count_tokens,
    frames_column,
    score_frames,
    sentence_frames_column,
    top_frames,
)
from tests.lexicon_helpers import Tokenize, article, tokens_sentence, write_lexicon

CONFIG = RunConfig(n_boot=200)
INDEX = FrameIndex.from_terms(
    {
        "layer_a": {"贸易": ["economic"], "贸易战": ["conflict"], "成本": ["economic"], "反制": ["conflict"]},
        "layer_b": {"贸易战": ["trade_war"], "供应链": ["dependency", "trade_war"]},
    },
    {"layer_a": ("economic", "conflict"), "layer_b": ("dependency", "trade_war")},
)


def test_longest_match_without_overlap_within_a_lexicon():
    sentence = tokens_sentence("a", 0, ("中美", "贸易战", "推高", "成本"))
    assert sentence_frames_column(sentence, INDEX) == "conflict:贸易战;trade_war:贸易战;economic:成本"


def test_term_split_by_the_segmenter_matches_across_tokens():
    hits = INDEX.match(tokens_sentence("a", 0, ("贸易", "战", "与", "供应", "链")))
    assert [(h.frame, h.term, h.start, h.end, h.lexicon) for h in hits] == [
        ("conflict", "贸易战", 0, 2, "layer_a"),
        ("trade_war", "贸易战", 0, 2, "layer_b"),
        ("dependency", "供应链", 3, 5, "layer_b"),
        ("trade_war", "供应链", 3, 5, "layer_b"),
    ]


def test_no_substring_match_inside_a_token():
    assert INDEX.match(tokens_sentence("a", 0, ("贸易额", "反制裁"))) == ()


def test_furniture_and_duplicates_do_not_count():
    for kind in ("furniture", "duplicate"):
        assert sentence_frames_column(tokens_sentence("a", 0, ("贸易战",), kind=kind), INDEX) == ""
    assert sentence_frames_column(tokens_sentence("a", 0, ("贸易战",), kind="heading"), INDEX) != ""


def test_frame_ids_must_be_unique_across_lexicons(tmp_path):
    a = load_lexicon(write_lexicon(tmp_path / "a", ["成本\teconomic\t1\tx"], name="a_frames"))
    b = load_lexicon(write_lexicon(tmp_path / "b", ["对抗\tconflict\t1\tx"], name="b_frames"))
    with pytest.raises(LexiconError) as err:
        FrameIndex.from_lexicons({"a_frames": a, "b_frames": b})
    assert str(err.value) == (
        f"{tmp_path / 'b' / 'manifest.toml'}: frame category 'economic' is also declared by lexicon "
        "'a_frames' "
        f"({tmp_path / 'a' / 'manifest.toml'}); frame ids must be unique across frame lexicons (rename the "
        "category in one of them)"
    )


def test_count_tokens_skips_punctuation():
    assert count_tokens(("美国", ",", "2025", "年", "。", "“")) == 3


def _small_corpus():
    s = tokens_sentence
    return [
        article(
            "a1", "src1", [s("a1", 0, ("贸易战", "升级", "。")), s("a1", 1, ("成本", "上升", "贸易", "。"))]
        ),
        article(
            "a2", "src1", [s("a2", 0, ("双方", "反制", "。")), s("a2", 1, ("贸易战",), kind="furniture")]
        ),
        article("b1", "src2", [s("b1", 0, ("供应链", "紧张", "。")), s("b1", 1, ("没有", "框架", "。"))]),
    ]


def test_scores_values():
    table = score_frames(_small_corpus(), INDEX, CONFIG)
    assert tuple(table.columns) == FRAME_COLUMNS
    assert len(table) == (3 + 2) * 4
    a1 = table[table["article_id"] == "a1"].set_index("frame")
    assert a1["hits"].to_dict() == {"economic": 2, "conflict": 1, "dependency": 0, "trade_war": 1}
    assert a1.loc["economic", "per_1k_tokens"] == pytest.approx(1000 * 2 / 5)
    assert a1.loc["economic", "share"] == pytest.approx(0.5)
    src1 = table[(table["source"] == "src1") & (table["article_id"] == "*")].set_index("frame")
    # a2's furniture sentence does not count: tokens 5 + 2, hits economic 2, conflict 2.
    assert src1["hits"].to_dict() == {"economic": 2, "conflict": 2, "dependency": 0, "trade_war": 1}
    assert src1.loc["conflict", "per_1k_tokens"] == pytest.approx(1000 * 2 / 7)
    assert src1.loc["conflict", "share"] == pytest.approx(0.4)
    assert src1.loc["dependency", ["ci_low", "ci_high"]].tolist() == [0.0, 0.0]
    for row in table.itertuples():
        if row.hits:
            assert row.ci_low <= row.per_1k_tokens <= row.ci_high or math.isclose(
                row.ci_low, row.per_1k_tokens
            )
    assert list(table["article_id"].iloc[:12]) == ["a1"] * 4 + ["a2"] * 4 + ["*"] * 4
    assert top_frames(table) == {"src1": ("economic", "conflict"), "src2": ("dependency", "trade_war")}
    assert top_frames(table, frames=["dependency", "trade_war"])["src1"] == ("trade_war",)


def test_scores_reproducible_and_seeded():
    articles = _small_corpus()
    first = score_frames(articles, INDEX, CONFIG)
    pd.testing.assert_frame_equal(first, score_frames(articles, INDEX, CONFIG))
    other = score_frames(articles, INDEX, RunConfig(n_boot=200, seed=1))
    assert not first[["ci_low", "ci_high"]].equals(other[["ci_low", "ci_high"]])
    pd.testing.assert_frame_equal(
        first.drop(columns=["ci_low", "ci_high"]), other.drop(columns=["ci_low", "ci_high"])
    )


def test_unit_without_hits_has_nan_share():
    table = score_frames([article("z", "s", [tokens_sentence("z", 0, ("没有", "框架"))])], INDEX, CONFIG)
    assert table["hits"].sum() == 0 and table["share"].isna().all()
    assert (table["per_1k_tokens"] == 0).all()


def test_frames_column_in_sentence_order():
    assert frames_column(_small_corpus(), INDEX) == [
        "conflict:贸易战;trade_war:贸易战",
        "economic:成本;economic:贸易",
        "conflict:反制",
        "",
        "dependency:供应链;trade_war:供应链",
        "",
    ]


# -- properties -----------------------------------------------------------------------------

_PIECES = [
    "中美贸易战不断升级",
    "美国高度依赖中国的稀土供应链",
    "北京宣布对镓和锗实施出口管制",
    "盟友之间加强合作",
    "企业的生产成本大幅上涨",
    "华盛顿试图以关税作为谈判筹码",
    "双方在技术领域展开激烈博弈",
    "这项计划因资金短缺而搁浅",
    "专家认为中国在冶炼技术上仍占绝对优势",
    "国会议员呼吁加强国家安全审查",
]
_S2T = opencc.OpenCC("s2t")


@pytest.fixture(scope="module")
def real():
    from stance.lexicon import load_lexicons

    lexicons = load_lexicons()
    index = FrameIndex.from_lexicons(lexicons)
    terms = [e.term for lex in lexicons.values() if lex.kind == "frames" for e in lex.entries]
    return index, Tokenize(terms)


def _articles(tok: Tokenize, docs: list[list[str]], convert=lambda t: t) -> list:
    return [
        article(f"d{i}", f"s{i % 2}", [tok.sentence(f"d{i}", j, convert(text)) for j, text in enumerate(doc)])
        for i, doc in enumerate(docs)
    ]


_DOCS = st.lists(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=4), min_size=1, max_size=4)


@given(docs=_DOCS)
def test_traditional_and_simplified_score_alike(real, docs):
    index, tok = real
    simplified = _articles(tok, docs)
    traditional = _articles(tok, docs, _S2T.convert)
    assert any(
        s.text != t.text
        for a, b in zip(simplified, traditional, strict=True)
        for s, t in zip(a.sentences, b.sentences, strict=True)
    )
    pd.testing.assert_frame_equal(
        score_frames(simplified, index, CONFIG), score_frames(traditional, index, CONFIG)
    )
    assert frames_column(simplified, index) == frames_column(traditional, index)


@given(docs=_DOCS, seed=st.integers(0, 1000))
def test_article_order_does_not_change_scores(real, docs, seed):
    index, tok = real
    articles = _articles(tok, docs)
    shuffled = list(articles)
    random.Random(seed).shuffle(shuffled)
    pd.testing.assert_frame_equal(
        score_frames(articles, index, CONFIG), score_frames(shuffled, index, CONFIG)
    )


def test_real_lexicons_on_constructed_sentences(real):
    index, tok = real
    sentence = tok.sentence("x", 0, "華盛頓試圖以關稅作為談判籌碼,雙方展開博弈")
    assert sentence_frames_column(sentence, index) == (
        "competition_conflict:关税;competition_conflict:谈判筹码;competition_conflict:博弈"
    )


def test_seeds_every_hit_shows_its_term(seed_articles, lexicons):
    index = FrameIndex.from_lexicons(lexicons)
    terms = {(e.category, e.term) for lex in lexicons.values() if lex.kind == "frames" for e in lex.entries}
    cells = frames_column(seed_articles, index)
    pairs = [tuple(p.split(":", 1)) for cell in cells if cell for p in cell.split(";")]
    assert len(pairs) > 300
    assert set(pairs) <= terms
    table = score_frames(seed_articles, index, RunConfig())
    pooled = table[table["article_id"] == "*"]
    assert pooled["hits"].sum() == len(pairs)
    assert pooled.groupby("source")["share"].sum().round(9).eq(1.0).all()
