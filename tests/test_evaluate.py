"""stance.model.evaluate: metrics (F_avg too) against hand-computed values, their bootstrap
intervals (against scikit-learn and a textbook row bootstrap, and for coverage), label mapping,
per-row predictions, and the seed gold."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stance.corpus.records import KIND_BODY
from stance.errors import InputError
from stance.model.evaluate import (
    DIMENSIONS,
    PREDICTION_COLUMNS,
    Predictions,
    check_three_way,
    confusion_intervals,
    confusion_statistics,
    evaluate,
    label_value,
    lexicon_predictor,
    prediction_rows,
    read_gold,
    render_evaluation,
    render_metrics,
    score_to_label,
    target_metrics,
    write_predictions,
)
from stance.model.learn.labels import stance_pair

GOLD = Path(__file__).parent / "gold" / "seed_gold.csv"


def test_metrics_match_hand_computation():
    gold = ["1", "1", "0", "-1", "-1", "0"]
    pred = ["1", "0", "0", "-1", "1", "0"]
    m = target_metrics("us", gold, pred)
    # By hand: 4 of 6 agree. F1(-1) = 2*1*0.5/1.5 = 2/3; F1(0): P 2/3, R 1 -> 0.8; F1(1): P 1/2, R 1/2 -> 0.5.
    # kappa: po = 4/6, pe = (2*1 + 2*3 + 2*2)/36 = 1/3 -> (2/3 - 1/3) / (2/3) = 0.5.
    assert m.labels == ("-1", "0", "1")
    assert m.accuracy == pytest.approx(4 / 6)
    assert [round(f, 4) for _, _, _, f in m.per_class] == [0.6667, 0.8, 0.5]
    assert [(ng, npred) for _, ng, npred, _ in m.per_class] == [(2, 1), (2, 3), (2, 2)]
    assert m.macro_f1 == pytest.approx((2 / 3 + 0.8 + 0.5) / 3)
    assert m.kappa == pytest.approx(0.5)
    assert m.confusion == ((1, 0, 1), (0, 2, 0), (0, 1, 1))
    # -1/0/1 is a stance scheme: F_avg = (F1(1) + F1(-1)) / 2 = (0.5 + 2/3) / 2; 0 is not scored.
    assert m.f_avg == pytest.approx((0.5 + 2 / 3) / 2)


def test_rendering_puts_counts_next_to_figures():
    m = target_metrics("us", ["1", "1", "0", "-1", "-1", "0"], ["1", "0", "0", "-1", "1", "0"])
    assert render_metrics(m) == "\n".join(
        [
            "target us: n=6  accuracy 0.667  macro-F1 0.656  F_avg 0.583  kappa 0.500",
            "  95% interval: accuracy [0.333, 1.000]  macro-F1 [0.190, 1.000]  F_avg [0.000, 1.000]  "
            "kappa [-0.043, 1.000]",
            "  label   gold   pred      F1",
            "  -1         2      1   0.667",
            "  0          2      3   0.800",
            "  1          2      2   0.500",
            "  confusion (rows gold, columns predicted):",
            "            -1      0      1",
            "  -1         1      0      1",
            "  0          0      2      0",
            "  1          0      1      1",
        ]
    )


def test_f_avg_is_the_official_nlpcc_score_for_stance_labels_only():
    gold = ["FAVOR", "FAVOR", "AGAINST", "AGAINST", "NONE", "NONE"]
    pred = ["FAVOR", "NONE", "AGAINST", "FAVOR", "NONE", "AGAINST"]
    m = target_metrics("t", gold, pred)
    # FAVOR: P 1/2, R 1/2 -> 0.5; AGAINST: P 1/2, R 1/2 -> 0.5; NONE is predicted but not scored.
    assert m.f_avg == pytest.approx(0.5)
    assert "macro-F1 0.500  F_avg 0.500  kappa" in render_metrics(m)
    other = target_metrics("t", ["x", "y", "y"], ["x", "y", "x"])
    assert other.f_avg is None and "F_avg" not in render_metrics(other)
    assert [label_value(x) for x in ("FAVOR", "against", "+1", "0.0", "maybe")] == [1, -1, 1, 0, None]


def test_predictions_keep_every_row_with_its_probability(tmp_path):
    gold = pd.DataFrame(
        {"text": ["a", "b", "c"], "target": ["us", "china", "japan"], "label": ["FAVOR", "NONE", "AGAINST"]}
    )
    found = Predictions(["FAVOR", "AGAINST", None], [0.9, 0.55, None])
    result = evaluate(gold, lambda rows: found, dimension="label")
    assert result.predicted == ("FAVOR", "AGAINST", None) and result.probability == (0.9, 0.55, None)
    assert result.skipped == {"japan": 1}
    # Over the two scored rows: FAVOR F1 1, AGAINST F1 0 (one false positive).
    assert result.overall.f_avg == pytest.approx(0.5)
    rows = prediction_rows(gold, [("label", result)])
    assert list(rows.columns) == list(PREDICTION_COLUMNS)
    write_predictions(rows, tmp_path / "p.csv")
    assert (tmp_path / "p.csv").read_text("utf-8").splitlines() == [
        "line,target,dimension,gold,predicted,probability,text",
        "2,us,label,FAVOR,FAVOR,0.9,a",
        "3,china,label,NONE,AGAINST,0.55,b",
        "4,japan,label,AGAINST,,,c",
    ]


def test_kappa_undefined_for_a_single_label():
    m = target_metrics("china", ["0", "0"], ["0", "0"])
    assert m.accuracy == 1.0 and math.isnan(m.kappa)
    assert "kappa n/a" in render_metrics(m)


def test_evaluate_groups_by_target_and_counts_skipped_rows():
    gold = pd.DataFrame(
        {"text": list("abcde"), "target": ["us", "china", "us", "china", "japan"], "label": list("AABBA")}
    )
    predicted = {"a": "A", "b": "B", "c": "B", "d": "B", "e": None}
    result = evaluate(gold, lambda rows: [predicted[t] for t in rows["text"]])
    assert [(m.target, m.n, m.accuracy) for m in result.per_target] == [("china", 2, 0.5), ("us", 2, 1.0)]
    assert result.overall.n == 4 and result.overall.accuracy == 0.75
    assert result.skipped == {"japan": 1}
    assert list(result.as_frame()["target"]) == ["china", "us", "(all)"]


def test_score_to_label_threshold_is_inclusive():
    assert [score_to_label(s) for s in (-1.0, -0.2, -0.1999, 0.0, 0.1999, 0.2, 0.7)] == [
        -1,
        -1,
        0,
        0,
        0,
        1,
        1,
    ]
    assert [score_to_label(s, 0.5) for s in (-0.4, 0.5)] == [0, 1]


def test_lexicon_predictor_writes_the_gold_file_labels():
    gold = pd.DataFrame(
        {"text": ["x", "y", "z"], "target": ["us"] * 3, "label": ["FAVOR", "NONE", "AGAINST"]}
    )
    written = check_three_way(gold, "label", source="g.csv")
    assert written == {-1: "AGAINST", 0: "NONE", 1: "FAVOR"}

    class Score:  # stands in for polarity.TargetScore
        def __init__(self, evaluation):
            self.evaluation, self.potency = evaluation, 0.0

    scores = {"x": {"us": Score(0.6)}, "y": {}, "z": {"us": Score(-0.25)}}
    predict = lexicon_predictor("evaluation", lambda text, target: scores[text], written=written)
    assert predict(gold) == ["FAVOR", "NONE", "AGAINST"]


def test_check_three_way_names_the_row():
    gold = pd.DataFrame({"text": ["x", "y"], "target": ["us", "us"], "label": ["1", "maybe"]})
    with pytest.raises(InputError) as err:
        check_three_way(gold, "label", source="g.csv")
    assert str(err.value) == (
        "g.csv:3: label 'maybe' in 'label' is not -1/0/1 (or FAVOR/AGAINST/NONE, 支持/反对/中立); the lexicon "
        "scorer gives three values, so use those labels or evaluate a model (--model)."
    )


def test_chinese_stance_words_are_the_three_values_in_either_script():
    gold = pd.DataFrame(
        {"text": ["x"] * 6, "target": ["us"] * 6, "label": ["反对", "中立", "支持", "反對", "無", "贊成"]}
    )
    assert check_three_way(gold, "label", source="g.csv") == {-1: "反对", 0: "中立", 1: "支持"}
    assert [label_value(x) for x in gold["label"]] == [-1, 0, 1, -1, 0, 1]
    assert stance_pair(["支持", "反对", "中立"]) == ("支持", "反对")


def test_read_gold_requires_a_label_column(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text("text,target\n美国,us\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_gold(path)
    assert str(err.value) == (
        f"{path}: missing column(s) label (or evaluation/potency); the header must name text, target and "
        "label (found: text, target)."
    )


# --------------------------------------------------------------------------- the seed gold


def test_seed_gold_is_complete_and_well_formed():
    gold = read_gold(GOLD)
    assert list(gold.columns) == [
        "article_id", "sentence_index", "text", "target", "evaluation", "potency", "mention", "note"
    ]  # fmt: skip
    assert len(gold) == 394
    assert not gold.duplicated(["article_id", "sentence_index", "target"]).any()
    assert set(gold["target"]) == {"us", "china"}
    for dimension in DIMENSIONS:
        assert set(gold[dimension]) <= {"-1", "0", "1"}
    assert set(gold["mention"]) == {"explicit", "implicit", "none"}
    # A target that is not mentioned at all is 0 on both dimensions.
    unmentioned = gold[gold["mention"] == "none"]
    assert set(unmentioned["evaluation"]) == {"0"} and set(unmentioned["potency"]) == {"0"}


def test_seed_gold_aligns_with_the_pipeline_sentences(seed_articles):
    """Every body sentence of the seeds is in the gold, for both targets, by (article_id, text);
    when the sentence split changes, this fails and the gold must be re-aligned."""
    body = {(a.article_id, s.text) for a in seed_articles for s in a.sentences if s.kind == KIND_BODY}
    gold = read_gold(GOLD)
    keys = set(zip(gold["article_id"], gold["text"], strict=True))
    assert keys == body
    assert all(n == 2 for n in gold.groupby(["article_id", "text"]).size())


def test_seed_gold_article_means_order_the_seeds_as_a_reader_would():
    gold = read_gold(GOLD)
    mentioned = gold[gold["mention"] != "none"].astype({"evaluation": int, "potency": int})
    means = mentioned.groupby(["target", "article_id"])[["evaluation", "potency"]].mean()
    us, china = means.loc["us"], means.loc["china"]
    assert us["evaluation"].idxmax() == us["potency"].idxmax() == "blog-us-japan-closed-loop"
    assert us["potency"].idxmin() == china["potency"].idxmax() == "portal-pakistan-path"
    assert china["evaluation"].idxmin() == "epochtimes-ge-sb-exports"


# -- bootstrap intervals -----------------------------------------------------------------------

STANCE = ("AGAINST", "FAVOR", "NONE")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(STANCE), st.sampled_from(STANCE)), min_size=1, max_size=40))
def test_confusion_statistics_are_scikit_learns_figures(pairs):
    from sklearn.metrics import cohen_kappa_score, f1_score

    gold, pred = [g for g, _ in pairs], [p for _, p in pairs]
    m = target_metrics("t", gold, pred, n_boot=20)
    labels = list(m.labels)
    f1 = f1_score(gold, pred, labels=labels, average=None, zero_division=0)
    assert [f for _, _, _, f in m.per_class] == pytest.approx(list(f1))
    assert m.accuracy == pytest.approx(np.mean([g == p for g, p in pairs]))
    assert m.macro_f1 == pytest.approx(float(np.mean(f1)))
    scored = [x for x in ("FAVOR", "AGAINST") if x in labels]
    if m.f_avg is not None and scored:  # F_avg only for a stance scheme
        expected = f1_score(gold, pred, labels=scored, average=None, zero_division=0)
        assert m.f_avg == pytest.approx(float(np.mean(expected)))
    with np.errstate(divide="ignore", invalid="ignore"):
        kappa = cohen_kappa_score(gold, pred, labels=labels) if len(labels) > 1 else math.nan
    if math.isnan(kappa):
        assert math.isnan(m.kappa)
    else:
        assert m.kappa == pytest.approx(kappa)


def _sample(rng, n, truth):
    """n (gold, predicted) rows drawn from a joint distribution over the 3 x 3 cells."""
    cells = rng.choice(9, size=n, p=truth.ravel())
    return [STANCE[c // 3] for c in cells], [STANCE[c % 3] for c in cells]


# A classifier's joint distribution of (gold, predicted): rows gold AGAINST/FAVOR/NONE.
TRUTH = np.array([[0.30, 0.05, 0.07], [0.06, 0.25, 0.05], [0.06, 0.05, 0.11]])


def test_intervals_are_the_textbook_row_bootstrap():
    # Redrawing the rows themselves (indices, scikit-learn's F1 on each resample) gives the
    # same interval up to Monte Carlo error.
    from sklearn.metrics import f1_score

    rng = np.random.default_rng(5)
    gold, pred = _sample(rng, 250, TRUTH)
    m = target_metrics("t", gold, pred)
    g, p = np.array(gold), np.array(pred)
    redrawn = [
        f1_score(g[i], p[i], labels=["FAVOR", "AGAINST"], average="macro", zero_division=0)
        for i in (rng.integers(0, len(g), len(g)) for _ in range(1000))
    ]
    low, high = np.quantile(redrawn, [0.025, 0.975])
    assert m.interval("f_avg") == (pytest.approx(low, abs=0.015), pytest.approx(high, abs=0.015))
    assert m.interval("f_avg")[0] < m.f_avg < m.interval("f_avg")[1]


def test_intervals_cover_the_population_figure():
    # Samples of 300 rows from a known joint distribution: the 95% interval of F_avg holds the
    # population's F_avg in about 95% of them.
    stats = confusion_statistics(TRUTH[None], [1, 0])
    population = stats["f_avg"][0]
    rng = np.random.default_rng(11)
    covered = 0
    for k in range(300):
        counts = rng.multinomial(300, TRUTH.ravel()).reshape(3, 3)
        low, high = confusion_intervals(counts, [1, 0], seed=k, n_boot=1000)["f_avg"]
        covered += low <= population <= high
    assert 0.90 <= covered / 300 <= 0.99


def test_intervals_are_seeded_and_narrow_with_more_rows():
    counts = np.array([[30, 5, 7], [6, 25, 5], [6, 5, 11]])
    one = confusion_intervals(counts, [1, 0], seed=3)
    assert one == confusion_intervals(counts, [1, 0], seed=3)
    assert one != confusion_intervals(counts, [1, 0], seed=4)
    width = {name: high - low for name, (low, high) in one.items()}
    wide = confusion_intervals(counts * 16, [1, 0], seed=3)
    for name, (low, high) in wide.items():
        # Sixteen times the rows in the same proportions: about a quarter of the width.
        assert 0.18 < (high - low) / width[name] < 0.32, name
    # No F_avg without a stance pair; a perfect score has a point interval.
    assert all(math.isnan(x) for x in confusion_intervals(counts, None, seed=3)["f_avg"])
    assert confusion_intervals(np.diag([5, 9]), [0, 1], seed=3)["accuracy"] == (1.0, 1.0)


def test_evaluate_tables_and_renders_the_intervals():
    gold = pd.DataFrame(
        {"text": list("abcdef"), "target": ["us"] * 3 + ["china"] * 3, "label": list("AABBAB")}
    )
    result = evaluate(gold, lambda rows: list("ABBBAA"), seed=9, n_boot=500)
    frame = result.as_frame()
    assert list(frame.columns[:6]) == [
        "target",
        "dimension",
        "n",
        "accuracy",
        "accuracy_low",
        "accuracy_high",
    ]
    assert (frame["accuracy_low"] <= frame["accuracy"]).all() and (
        frame["accuracy"] <= frame["accuracy_high"]
    ).all()
    assert frame["f_avg"].isna().all()  # A/B is not a stance scheme
    again = evaluate(gold, lambda rows: list("ABBBAA"), seed=9, n_boot=500)
    assert again.as_frame().equals(frame)
    assert (
        "95% interval: percentile bootstrap over each target's gold rows, resampled whole (500 resamples, seed 9)"
        in (render_evaluation(result))
    )
