"""The report's summary (stance/report/summary.py): golden sentences on the seeds, a difference
stated only when two sources' intervals do not overlap, and "no clear difference" otherwise."""

from __future__ import annotations

import pandas as pd
import pytest

from stance.config import RunConfig
from stance.pipeline import analyse
from stance.report.summary import summarise

SEED_SUMMARY = [
    "On the US: Pro-alliance blog portrays the US as strong and SCMP-derived report as weak; Pro-alliance blog "
    "portrays the US favourably and Chinese portal neutrally.",
    "On China: Chinese portal portrays China as strong and Epoch Times as neither strong nor weak; Chinese "
    "portal portrays China favourably and Epoch Times unfavourably.",
    "They disagree most on 协议 · 供应链 · 形成 · 产品: Pro-alliance blog says the US is strong "
    "(“美澳稀土协议和日澳稀土协议与美日协议形成“三边闭环”,…”), while Chinese portal and SCMP-derived report "
    "say the US is weak (“中国管制从单一材料扩展到技术输出,覆盖开采全过程,这体…”).",
    "Sources give different figures for China's share of world output: Chinese portal 90%, Epoch Times 80% "
    "and SCMP-derived report 70%.",
    "Names differ: for Australia, Chinese portal, Pro-alliance blog and SCMP-derived report write 澳大利亚, "
    "while Epoch Times writes 澳洲.",
]


@pytest.fixture(scope="module")
def seed_results(seed_articles, lexicons, tmp_path_factory):
    return analyse(seed_articles, lexicons, RunConfig(cache_dir=tmp_path_factory.mktemp("cache")))


def test_seed_summary_sentences(seed_results):
    summary = summarise(seed_results.tables["stance"], seed_results.source_frames, seed_results.comparison)
    assert summary.lines == SEED_SUMMARY
    # Plain words first: no intervals, sample sizes, per-1,000 rates or frame ids in the sentences.
    for line in summary.lines:
        for jargon in ("CI", "n=", "per 1,000", "_", "95%"):
            assert jargon not in line
    # The numbers are in the details, with readable frame names in English and Chinese.
    assert (
        "The US, strength (potency): Chinese portal (61893.com) -0.60 (95% interval -0.75 to -0.39; "
        "22 sentences)." in summary.details
    )
    assert any("Alliances and cooperation (联盟与合作, 23% of its frame words)" in d for d in summary.details)


def _stance(rows: list[tuple[str, str, str, float, float, float, str]]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "article_id": "*",
                "source": source,
                "target": target,
                "dimension": dimension,
                "score": score,
                "ci_low": low,
                "ci_high": high,
                "n_sentences": 20,
                "n_evidence": 20,
                "flag": flag,
            }
            for source, target, dimension, score, low, high, flag in rows
        ]
    )


NO_FRAMES = pd.DataFrame(
    columns=["article_id", "source", "frame", "hits", "per_1k_tokens", "share", "ci_low", "ci_high"]
)


def test_overlapping_intervals_give_no_clear_difference():
    # 甲报 +0.30 and 乙网 -0.10 look apart, but their intervals overlap.
    stance = _stance(
        [
            ("甲报", "us", "potency", 0.30, -0.05, 0.60, ""),
            ("乙网", "us", "potency", -0.10, -0.40, 0.20, ""),
            ("甲报", "us", "evaluation", 0.40, 0.20, 0.60, ""),
            ("乙网", "us", "evaluation", 0.30, 0.10, 0.50, ""),
            ("甲报", "china", "potency", 0.50, 0.30, 0.70, ""),
            ("丙台 (海外版)", "china", "potency", -0.90, -1.00, -0.80, "small_n"),
        ]
    )
    lines = summarise(stance, NO_FRAMES, {}).lines
    assert lines == [
        "On the US: there is no clear difference in how strong the US is shown; there is no clear difference in "
        "how favourably the US is described.",
        "On China: too few sentences to compare the sources.",
        "No sub-topic shows the sources clearly taking opposite sides.",
        "No figure is given differently by different sources.",
        "The sources name the people and places they share in the same way.",
    ]


def test_apart_intervals_on_the_same_side_say_more_and_less():
    stance = _stance(
        [
            ("甲报", "us", "potency", 0.80, 0.70, 0.90, ""),
            ("乙网", "us", "potency", 0.30, 0.20, 0.40, ""),
            ("丙台 (海外版)", "us", "potency", 0.50, 0.00, 0.95, ""),
        ]
    )
    line = summarise(stance, NO_FRAMES, {}).lines[0]
    assert line == "On the US: 甲报 portrays the US as stronger than 乙网 does."


def test_details_count_one_sentence_in_the_singular():
    stance = _stance(
        [("甲报", "us", "potency", 0.50, 0.50, 0.50, "small_n"), ("乙网", "us", "potency", 0.1, 0.0, 0.2, "")]
    )
    stance.loc[0, "n_sentences"] = 1
    details = summarise(stance, NO_FRAMES, {}).details
    assert details[:2] == [
        "The US, strength (potency): 甲报 +0.50 (95% interval +0.50 to +0.50; 1 sentence; too few to compare).",
        "The US, strength (potency): 乙网 +0.10 (95% interval +0.00 to +0.20; 20 sentences).",
    ]
