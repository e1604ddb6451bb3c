"""The one reader of the disagreement cards (their format is being reworked): it takes the old
cards (``source_means``), the new ones (``sides`` as a dict of lists) and a list of sides, and
skips what it cannot use instead of failing."""

from __future__ import annotations

from stance.classroom import Cite, claim_cards
from stance.classroom.claims import read_card


def position(source, article, index, score, text="示例句子。"):
    return {"source": source, "article_id": article, "sentence_index": index, "score": score, "text": text}


def test_new_cards_keep_each_sides_mean_and_interval():
    card = {
        "target": "us",
        "dimension": "potency",
        "topic_terms": ["供应链", "闭环"],
        "sides": {
            "positive": [{"source": "甲报", "mean": 0.6, "ci_low": 0.2, "ci_high": 0.9, "n_sentences": 4}],
            "negative": [{"source": "乙网", "mean": -0.7, "ci_low": -0.9, "ci_high": -0.4, "n_sentences": 3}],
        },
        "positions": [
            {**position("甲报", "a", 3, 1.0, "美日澳供应链形成闭环。"), "side": "positive"},
            {**position("乙网", "b", 5, -0.8, "这条路线已经失败。"), "side": "negative"},
        ],
    }
    (read,) = claim_cards([card])
    assert (read.target, read.dimension, read.topic_terms) == ("us", "potency", ("供应链", "闭环"))
    (plus,), (minus,) = read.on(1), read.on(-1)
    assert (plus.source, plus.mean, plus.interval, plus.n) == ("甲报", 0.6, (0.2, 0.9), 4)
    assert (minus.source, minus.mean, minus.interval, minus.n) == ("乙网", -0.7, (-0.9, -0.4), 3)
    assert [q.cite for q in plus.quotes] == [Cite("a", 3)]
    assert minus.quotes[0].text == "这条路线已经失败。"


def test_old_cards_take_each_sources_side_from_its_mean():
    card = {
        "target": "china",
        "dimension": "evaluation",
        "topic_terms": ["出口管制"],
        "source_means": {"甲报": 0.5, "乙网": -0.4},
        # 甲报 has a sentence on either side; only its side's quote is kept.
        "positions": [
            position("甲报", "a", 1, 0.5),
            position("甲报", "a", 2, -0.3),
            position("乙网", "b", 0, -0.4),
        ],
    }
    read = read_card(card)
    assert [(s.source, s.sign, [q.cite.sentence_index for q in s.quotes]) for s in read.sides] == [
        ("乙网", -1, [0]),
        ("甲报", 1, [1]),
    ]
    assert read.on(1)[0].interval is None


def test_sides_as_a_list_and_means_from_the_quotes():
    card = {
        "target": "japan",
        "dimension": "potency",
        "sides": [{"side": "negative", "source": "丙台", "mean": -0.5}],
        "positions": [
            position("丙台", "c", 4, -0.5),
            position("丁刊", "d", 2, 0.9),
            position("丁刊", "d", 3, 0.7),
        ],
    }
    read = read_card(card)
    assert [(s.source, s.sign, s.mean) for s in read.sides] == [("丁刊", 1, 0.8), ("丙台", -1, -0.5)]
    assert read.topic_terms == ()


def test_unreadable_cards_and_positions_are_skipped():
    good = [position("甲报", "a", 1, 0.5), position("乙网", "b", 2, -0.5)]
    broken = [
        {"dimension": "potency", "positions": good},  # no target
        {"target": "us", "dimension": "tone", "positions": good},  # unknown dimension
        {"target": "us", "dimension": "potency"},  # no positions
        {"target": "us", "dimension": "potency", "positions": [position("甲报", "a", 1, 0.5)]},  # one side
        {"target": "us", "dimension": "potency", "positions": [*good[:1], position("乙网", "b", 2, 0)]},
        "not a card",
    ]
    assert claim_cards(broken) == []
    messy = {
        "target": "us",
        "dimension": "potency",
        "sides": "unexpected",
        "positions": [
            *good,
            {"source": "乙网", "article_id": "b", "sentence_index": "x", "score": -1},
            {"source": "乙网", "article_id": "b"},
            "not a position",
        ],
    }
    (read,) = claim_cards([messy])
    assert sorted((s.source, len(s.quotes)) for s in read.sides) == [("乙网", 1), ("甲报", 1)]
