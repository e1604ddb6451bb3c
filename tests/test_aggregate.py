"""Stance aggregates: means, seeded intervals, small-n flags, voices and source rows."""

from __future__ import annotations

import pytest

from stance.config import RunConfig
from stance.measure.aggregate import (
    STANCE_COLUMNS,
    article_stance_rows,
    mentions_table,
    select_voices,
    stance_table,
)
from stance.measure.polarity import MENTION_COLUMNS, TargetScore


def row(article_id, index, target, evaluation, potency, speaker="author", position="body"):
    return TargetScore(article_id, index, target, "x", evaluation, potency, (), speaker, False, position)


ROWS = [
    row("a1", 0, "us", -1.0, 0.5),
    row("a1", 1, "us", 0.0, -0.5, speaker="贝森特"),
    row("a1", 2, "us", -0.5, 0.0),
    row("a2", 0, "us", 1.0, 1.0),
    row("a2", 0, "china", 0.5, 0.0),
]
SOURCES = {"a1": "blog", "a2": "blog"}


def test_columns_and_row_order():
    table = stance_table(ROWS, SOURCES, RunConfig())
    assert tuple(table.columns) == STANCE_COLUMNS
    assert list(zip(table.article_id, table.target, table.dimension, strict=True))[:4] == [
        ("a1", "us", "evaluation"),
        ("a1", "us", "potency"),
        ("a2", "china", "evaluation"),
        ("a2", "china", "potency"),
    ]


def test_article_score_n_and_small_n_flag():
    table = stance_table(ROWS, SOURCES, RunConfig(min_sentences=3))
    a1 = table[(table.article_id == "a1") & (table.dimension == "evaluation")].iloc[0]
    # (-1.0 - 0.5) / (2 sentences of evidence + a prior of 3)
    assert (a1.score, a1.n_sentences, a1.n_evidence, a1.flag) == (-0.3, 3, 2, "")
    a2 = table[(table.article_id == "a2") & (table.target == "us")].iloc[0]
    assert (a2.n_sentences, a2.flag) == (1, "small_n")


def test_source_rows_pool_the_articles():
    table = stance_table(ROWS, SOURCES, RunConfig(min_sentences=3))
    pooled = table[
        (table.article_id == "*") & (table.target == "us") & (table.dimension == "evaluation")
    ].iloc[0]
    # (-1.0 - 0.5 + 1.0) / (3 + 3)
    assert (pooled.source, pooled.score, pooled.n_sentences) == ("blog", -0.0833, 4)


def test_author_voice_drops_reported_speech():
    assert len(select_voices(ROWS, "author")) == 4
    table = stance_table(ROWS, SOURCES, RunConfig(voices="author", min_sentences=1))
    a1 = table[(table.article_id == "a1") & (table.dimension == "potency")].iloc[0]
    assert (a1.score, a1.n_sentences) == (0.125, 2)  # 0.5 / (1 + 3)
    every = stance_table(ROWS, SOURCES, RunConfig(min_sentences=1))
    a1 = every[(every.article_id == "a1") & (every.dimension == "potency")].iloc[0]
    # reported speech at half weight: (0.5 - 0.5 * 0.5) / (1 + 0.5 + 3)
    assert (a1.score, a1.n_sentences) == (0.0556, 3)
    with pytest.raises(ValueError, match="voices must be one of"):
        select_voices(ROWS, "everyone")


def test_interval_is_seeded_and_brackets_the_mean():
    one = stance_table(ROWS, SOURCES, RunConfig())
    two = stance_table(list(reversed(ROWS)), SOURCES, RunConfig())
    assert one.equals(two)
    for r in one.itertuples():
        assert r.ci_low <= r.score <= r.ci_high
    many = [row("a9", i, "us", (i * 7 % 11 - 5) / 5, 0.0) for i in range(30)]
    first = stance_table(many, {"a9": "x"}, RunConfig()).iloc[0]
    again = stance_table(many, {"a9": "x"}, RunConfig()).iloc[0]
    other = stance_table(many, {"a9": "x"}, RunConfig(seed=1)).iloc[0]
    assert (first.ci_low, first.ci_high) == (again.ci_low, again.ci_high)
    assert (first.ci_low, first.ci_high) != (other.ci_low, other.ci_high)


def test_adding_an_article_leaves_other_intervals_unchanged():
    base = stance_table(ROWS, SOURCES, RunConfig())
    more = stance_table([*ROWS, row("a3", 0, "us", 1.0, 1.0)], {**SOURCES, "a3": "portal"}, RunConfig())
    key = ["article_id", "source", "target", "dimension"]
    merged = base.merge(more, on=key, suffixes=("", "_more"))
    a1 = merged[merged.article_id == "a1"]
    assert (a1.ci_low == a1.ci_low_more).all() and (a1.ci_high == a1.ci_high_more).all()


def test_mentions_table_columns_and_order():
    table = mentions_table(reversed(ROWS))
    assert tuple(table.columns) == MENTION_COLUMNS
    assert list(zip(table.article_id, table.sentence_index, table.target, strict=True))[:2] == [
        ("a1", 0, "us"),
        ("a1", 1, "us"),
    ]


def test_one_strong_cue_is_not_averaged_away():
    rows = [row("a", 0, "us", -1.0, 0.0)] + [row("a", i, "us", 0.0, 0.0) for i in range(1, 40)]
    score = stance_table(rows, {"a": "x"}, RunConfig()).iloc[0].score
    assert score == -0.25  # -1 / (1 + 3), whatever the number of neutral mentions


def test_thin_evidence_shrinks_toward_zero_and_sustained_evidence_does_not():
    def article_score(n):
        rows = [row("a", i, "china", 0.0, 0.8) for i in range(n)]
        return stance_table(rows, {"a": "x"}, RunConfig()).iloc[1].score

    assert article_score(1) == 0.2 and article_score(3) == 0.4 and article_score(30) == 0.7273
    assert (
        stance_table([row("a", 0, "us", 0.0, 0.8)], {"a": "x"}, RunConfig(prior_sentences=0)).iloc[1].score
        == 0.8
    )


def test_headline_and_lede_weigh_more():
    body = stance_table([row("a", 5, "us", -1.0, 0.0)], {"a": "x"}, RunConfig()).iloc[0].score
    lede = (
        stance_table([row("a", 0, "us", -1.0, 0.0, position="lede")], {"a": "x"}, RunConfig()).iloc[0].score
    )
    head = (
        stance_table([row("a", 0, "us", -1.0, 0.0, position="headline")], {"a": "x"}, RunConfig())
        .iloc[0]
        .score
    )
    assert (body, lede, head) == (-0.25, -0.3333, -0.4)


def test_no_evidence_scores_zero_with_a_zero_interval():
    table = stance_table([row("a", 0, "us", 0.0, 0.0), row("a", 1, "us", 0.0, 0.0)], {"a": "x"}, RunConfig())
    assert table[["score", "ci_low", "ci_high", "n_evidence"]].values.tolist()[0] == [0.0, 0.0, 0.0, 0]


def test_prior_sentences_option(run_cli, capsys):
    from stance.cli.main import build_parser

    assert build_parser().parse_args(["report", "--prior-sentences", "0"]).prior_sentences == 0.0
    assert build_parser().parse_args(["report"]).prior_sentences == RunConfig().prior_sentences == 3.0
    with pytest.raises(SystemExit) as exit_info:
        build_parser().parse_args(["report", "--prior-sentences", "-1"])
    assert exit_info.value.code == 2
    assert "argument --prior-sentences: -1 is negative; give 0 or more" in capsys.readouterr().err


@pytest.mark.parametrize("voices", ["all", "author"])
def test_article_rows_from_the_per_article_work_are_the_same_rows(voices):
    """Each article's rows, computed from its own scores in the per-article work, are the rows
    stance_table computes for it from the whole corpus (same groups, same seeds)."""
    config = RunConfig(voices=voices)
    per_article = {
        article_id: article_stance_rows([r for r in ROWS if r.article_id == article_id], source, config)
        for article_id, source in SOURCES.items()
    }
    assert len(per_article["a1"]) == 2 and len(per_article["a2"]) == 4
    whole = stance_table(ROWS, SOURCES, config)
    assert stance_table(ROWS, SOURCES, config, per_article).equals(whole)
