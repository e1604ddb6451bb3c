"""An exercise is asked only when its finding exists in the corpus: made-up corpora where the
figures agree (no figure exercise) or conflict (one, listing both figures), and where only one
outlet wrote (no exercise that compares outlets)."""

from __future__ import annotations

import re

import pytest

from stance.classroom import analyse_corpus, build_worksheet, render_key, render_worksheet
from stance.config import RunConfig

from .worksheet_helpers import write_corpus

PARTY_PAPER = (
    "中共宣布扩大稀土出口管制。\n\n"
    "分析人士表示,中共此举意在向美国施压。\n\n"
    "数据显示,中国占全球稀土产量的八成。\n\n"
    "美国正在努力建立新的供应链,但进展缓慢。\n"
)


def portal(share: str) -> str:
    return (
        "中国商务部宣布调整稀土出口政策。\n\n"
        f"中国稀土产量约占全球的{share}。\n\n"
        "美国企业积极寻找替代来源,合作取得成功。\n\n"
        "专家指出,中国的产业优势十分明显。\n"
    )


@pytest.fixture
def worksheet_of(lexicons):
    def build(folder, level="advanced"):
        analysis = analyse_corpus(folder, RunConfig(workers=1), lexicons)
        return analysis, build_worksheet(analysis, level=level)

    return build


@pytest.mark.parametrize(("share", "status"), [("80%", "agree"), ("60%", "conflict")])
def test_figure_exercise_only_when_figures_conflict(tmp_path, worksheet_of, share, status):
    folder = write_corpus(
        tmp_path / "corpus", {"a1.txt": ("甲报", PARTY_PAPER), "b1.txt": ("乙网", portal(share))}
    )
    analysis, worksheet = worksheet_of(folder)
    assert [g["status"] for g in analysis.comparison["figures"]] == [status]
    figures = [e for e in worksheet.exercises if e.kind == "figures"]
    if status == "agree":
        assert figures == []
        assert "Figures:" not in render_worksheet(worksheet, "en")
    else:
        (e,) = figures
        assert sorted((ev.key, ev.cite.sentence_index, ev.shows) for ev in e.answer.evidence) == [
            ("A", 1, share),
            ("B", 2, "八成"),
        ]
        assert "「60%」" in render_key(worksheet, "en")
    # Keys follow the sources' sorted names: 乙网 is A, 甲报 B.
    assert [(a.key, a.source) for a in worksheet.articles] == [("A", "乙网"), ("B", "甲报")]
    # The names differ either way: 甲报 says 中共, 乙网 never does.
    (naming,) = [e for e in worksheet.exercises if e.kind == "naming"]
    assert {(ev.key, ev.shows) for ev in naming.answer.evidence} == {
        ("B", "中共"),
        ("B", "中国"),
        ("A", "中国"),
    }


def test_one_outlet_gets_no_exercise_that_compares_outlets(tmp_path, worksheet_of):
    folder = write_corpus(
        tmp_path / "corpus",
        {"a1.txt": ("甲报", PARTY_PAPER), "a2.txt": ("甲报", portal("60%"))},
    )
    analysis, worksheet = worksheet_of(folder)
    assert analysis.comparison["disagreements"] == []
    kinds = {e.kind for e in worksheet.exercises}
    assert kinds.isdisjoint({"naming", "claims", "stance", "words"})
    # Two articles of one outlet are A1 and A2.
    assert [a.key for a in worksheet.articles] == ["A1", "A2"]
    sheet = render_worksheet(worksheet, "en")
    for title in ("Naming:", "Opposing claims:", "How do the outlets portray", "Word choice:"):
        assert title not in sheet
    # Nothing stands in for the missing exercises: the numbering runs on without gaps.
    assert [int(n) for n in re.findall(r'id="exercise-(\d+)"', sheet)] == list(
        range(1, len(worksheet.exercises) + 1)
    )


def test_nothing_found_gives_no_exercise_and_says_so(tmp_path, worksheet_of):
    folder = write_corpus(
        tmp_path / "corpus",
        {
            "a.txt": (
                "甲报",
                "今天天气晴朗,<script>alert(1)</script>公园里人很多。\n\n孩子们在草地上放风筝。\n",
            )
        },
    )
    _, worksheet = worksheet_of(folder, level="intro")
    assert worksheet.exercises == ()
    sheet, key = render_worksheet(worksheet, "en"), render_key(worksheet, "en")
    for page in (sheet, key):
        assert "The analysis found nothing in these articles to build an exercise on" in page
        assert not re.search(r'class="exercise[ "]', page)
    # The article is printed as text: its markup is escaped, never run.
    assert "<script>" not in sheet and "&lt;script&gt;alert(1)&lt;/script&gt;" in sheet
