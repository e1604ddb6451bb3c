"""Distinctive terms: weighted log-odds with an informative Dirichlet prior, checked by hand."""

from __future__ import annotations

import math
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stance.compare.keyness import (
    ALPHA_0,
    benjamini_hochberg,
    keep_token,
    keyness_from_counts,
    log_odds_z,
    prior_statement,
    source_counts,
)
from stance.corpus.records import Article, Sentence


def test_hand_computation_two_sources():
    # A: a=3, b=1; B: a=1, b=3; alpha_0 = 4, so alpha_a = alpha_b = 4 * 4 / 8 = 2.
    # delta_a(A) = log(5 / (4 + 4 - 3 - 2)) - log(3 / (4 + 4 - 1 - 2)) = 2 log(5/3) = 1.0216512
    # var = 1/5 + 1/3 = 0.5333333; z = 1.0216512 / sqrt(0.5333333) = 1.3989536
    # p = erfc(1.3989536 / sqrt 2) = 0.1618269; BH over two equal p-values leaves them unchanged.
    rows = keyness_from_counts({"A": {"a": 3, "b": 1}, "B": {"a": 1, "b": 3}}, alpha_0=4, top_k=None)
    assert [(r["source"], r["term"], r["count_source"], r["count_rest"]) for r in rows] == [
        ("A", "a", 3, 1),
        ("A", "b", 1, 3),
        ("B", "b", 3, 1),
        ("B", "a", 1, 3),
    ]
    assert rows[0]["z"] == pytest.approx(1.3989536, abs=1e-7)
    assert rows[1]["z"] == pytest.approx(-1.3989536, abs=1e-7)
    assert rows[0]["q"] == pytest.approx(0.1618269, abs=1e-7)
    assert log_odds_z(3, 4, 1, 4, 2, 4) == pytest.approx(2 * math.log(5 / 3) / math.sqrt(1 / 5 + 1 / 3))


def test_three_sources_top_k_and_absent_terms():
    counts = {"A": {"x": 20, "y": 5}, "B": {"y": 20, "z": 5}, "C": {"x": 1, "y": 1, "z": 1}}
    rows = keyness_from_counts(counts, top_k=1)
    assert [(r["source"], r["term"]) for r in rows] == [("A", "x"), ("B", "y"), ("C", "z")]
    # A term a source never uses is not listed for it.
    assert all(r["count_source"] > 0 for r in keyness_from_counts(counts, top_k=None))


def test_fewer_than_two_sources_give_nothing():
    assert keyness_from_counts({"A": {"x": 3}}) == []
    assert keyness_from_counts({}) == []


def test_benjamini_hochberg():
    assert benjamini_hochberg([0.01, 0.04, 0.03, 0.5]) == pytest.approx(
        [0.04, 0.04 * 4 / 3, 0.04 * 4 / 3, 0.5]
    )
    assert benjamini_hochberg([]) == []


def test_keep_token_drops_punctuation_numbers_and_stopwords():
    stop = {"的", "the"}
    tokens = ["稀土", ",", "70%", "2025", "七成", "的", "The", "Tariff", "“", "...", "成为"]
    kept = ["稀土", None, None, None, None, None, None, "tariff", None, None, "成为"]
    assert [keep_token(t, stop) for t in tokens] == kept
    assert keep_token("三", stop) is None


def test_source_counts_use_content_sentences_only():
    sentences = (
        Sentence("a", 0, "body", "", "", ("稀土", "的", "出口", ",")),
        Sentence("a", 1, "furniture", "", "", ("订阅", "稀土")),
        Sentence("a", 2, "heading", "", "", ("稀土",)),
    )
    article = Article("a", "S", "", "zh", "", "", "", "", "", "", sentences)
    assert source_counts([article], {"的"}) == {"S": Counter({"稀土": 2, "出口": 1})}


def test_prior_is_stated():
    assert f"alpha_0 = {ALPHA_0:g}" in prior_statement()
    assert ALPHA_0 == 500.0


counts_strategy = st.dictionaries(
    st.sampled_from(["A", "B", "C"]),
    st.dictionaries(st.sampled_from(list("pqrstu")), st.integers(1, 30), min_size=1),
    min_size=2,
)


@settings(max_examples=60, deadline=None)
@given(counts_strategy)
def test_properties(counts):
    rows = keyness_from_counts(counts, top_k=None)
    reordered = keyness_from_counts(dict(reversed(list(counts.items()))), top_k=None)
    assert rows == reordered  # source order does not matter
    for r in rows:
        assert 0.0 <= r["q"] <= 1.0
        assert r["count_source"] == counts[r["source"]][r["term"]]
    if len(counts) == 2:
        # With two sources, each one's z for a term is the other's with the sign flipped.
        z = {(r["source"], r["term"]): r["z"] for r in rows}
        a, b = sorted(counts)
        for (source, term), value in z.items():
            other = b if source == a else a
            if (other, term) in z:
                assert z[(other, term)] == pytest.approx(-value)
