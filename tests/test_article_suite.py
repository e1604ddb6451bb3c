"""The article suite (tests/data/article_suite/): whole articles labelled by a reader.

Thirty short articles written for this suite (ten each in simplified Chinese, traditional
Chinese and English: neutral wire reports, pieces hostile to or belittling the US or China, and
pieces admiring one of them), each labelled for both the US and China on -2..+2 before the tool
was ever run on it (labels.csv, with a note saying why). The corpus is scored once, exactly as
``stance evaluate --articles labels.csv tests/data/article_suite`` scores it
(:func:`stance.model.evaluate_articles.run_article_evaluation`), and the tests hold the agreement to
floors set a few points below what the scorer reached when they were set:

- Spearman's rho between labels and article scores, overall and per language variety;
- sign agreement on the pairs a reader saw a lean in (label != 0);
- neutral stays neutral: every pair labelled 0 that the tool scores is within a bound of 0.

``python benchmarks/bench_article_suite.py`` prints the current figures next to these floors.
Raise a floor when the scorer improves; lower one only with a reason written next to it; never
edit a label or an article to make the tool agree.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

from stance.config import RunConfig
from stance.model.evaluate_articles import (
    ALL,
    GroupAgreement,
    LabelScale,
    group_agreement,
    run_article_evaluation,
)

SUITE = Path(__file__).parent / "data" / "article_suite"
LABELS = SUITE / "labels.csv"
# The language variety of an article, from the script column of corpus.csv.
VARIETY_OF_SCRIPT = {"simplified": "zh-Hans", "traditional": "zh-Hant", "none": "en"}
VARIETIES = ("zh-Hans", "zh-Hant", "en")
TARGETS = ("us", "china")

# Floors: each a few points below the figure the lexicon scorer reached when it was set (in the
# comment). With 20 pairs per variety one pair moving a few ranks shifts rho by about 0.05, so
# the per-variety floors sit a little further below.
MIN_SPEARMAN = 0.72  # 0.776 (n 60) when raised (0.703 when the suite was written)
MIN_SPEARMAN_BY_VARIETY = {
    "zh-Hans": 0.62,  # 0.690 (n 20) when raised (0.624 when written)
    "zh-Hant": 0.78,  # 0.854 (n 20) when raised (0.702 when written)
    "en": 0.77,  # 0.838 (n 20) when raised (0.819 when written)
}
MIN_SIGN_AGREEMENT = 0.74  # 25/31 = 80.6% when raised (23/31 passes, 22/31 fails; 74.2% when written)
# The largest |score| allowed on a scored pair labelled 0 (neutral, or the target not really
# portrayed): 0.161 when raised (hans/02_wire_gallium_data.txt, us; 0.268 when written).
MAX_NEUTRAL_SCORE = 0.2


@dataclass(frozen=True)
class SuiteResult:
    """The labelled pairs (``evaluate_articles.csv`` plus a ``variety`` column) and the
    agreement overall and per variety."""

    pairs: pd.DataFrame
    overall: GroupAgreement
    by_variety: dict[str, GroupAgreement]
    scale: LabelScale


def _varieties() -> dict[str, str]:
    """File (as in corpus.csv) -> language variety."""
    with (SUITE / "corpus.csv").open(encoding="utf-8", newline="") as handle:
        return {row["file"]: VARIETY_OF_SCRIPT[row["script"]] for row in csv.DictReader(handle)}


def score_suite(cache_dir: Path | None = None) -> SuiteResult:
    """Score the suite as ``stance evaluate --articles`` does and measure agreement."""
    result, _ = run_article_evaluation(LABELS, SUITE, RunConfig(cache_dir=cache_dir))
    pairs = result.pairs.assign(variety=result.pairs["file"].map(_varieties()))

    def agreement(language: str, rows: pd.DataFrame) -> GroupAgreement:
        return group_agreement(
            ALL,
            language,
            rows["label"].tolist(),
            rows["score"].tolist(),
            result.scale,
            unscored=int((rows["n_sentences"] == 0).sum()),
        )

    by_variety = {v: agreement(v, pairs[pairs["variety"] == v]) for v in VARIETIES}
    return SuiteResult(pairs, agreement(ALL, pairs), by_variety, result.scale)


def neutral_scored(pairs: pd.DataFrame) -> pd.DataFrame:
    """Pairs labelled 0 that the tool scores (it found the target in the article)."""
    return pairs[(pairs["label"] == 0) & (pairs["n_sentences"] > 0)]


@pytest.fixture(scope="module")
def suite(tmp_path_factory) -> SuiteResult:
    return score_suite(tmp_path_factory.mktemp("article_suite_cache"))


def test_every_article_is_labelled_for_both_targets(suite):
    pairs = suite.pairs
    assert len(pairs) == 60
    assert pairs.groupby("variety").size().to_dict() == {v: 20 for v in VARIETIES}
    targets_of = {file: sorted(targets) for file, targets in pairs.groupby("file")["target"]}
    assert len(targets_of) == 30
    assert all(targets == sorted(TARGETS) for targets in targets_of.values())
    assert set(pairs["label"]) == {-2.0, -1.0, 0.0, 1.0, 2.0}
    # A lean is a label != 0: the scale's midpoint is 0.
    assert (suite.scale.low, suite.scale.midpoint, suite.scale.high) == (-2, 0, 2)


def test_overall_spearman(suite):
    assert suite.overall.rho >= MIN_SPEARMAN, suite.overall


@pytest.mark.parametrize("variety", VARIETIES)
def test_spearman_per_language(suite, variety):
    group = suite.by_variety[variety]
    assert not math.isnan(group.rho) and group.rho >= MIN_SPEARMAN_BY_VARIETY[variety], group


def test_sign_agreement_where_the_reader_saw_a_lean(suite):
    overall = suite.overall
    assert overall.n_lean == int((suite.pairs["label"] != 0).sum())
    assert overall.n_agree / overall.n_lean >= MIN_SIGN_AGREEMENT, overall


def test_neutral_labels_stay_neutral(suite):
    neutral = neutral_scored(suite.pairs)
    too_far = neutral[neutral["score"].abs() > MAX_NEUTRAL_SCORE]
    assert too_far.empty, too_far[["file", "target", "score", "evaluation", "potency"]].to_string()
