"""The lexicon workbench (``stance lexicon report``) on constructed articles and on the seeds."""

from __future__ import annotations

import json

import pytest

from stance.errors import OutputError
from stance.lexicon import load_lexicon
from stance.lexicon.workbench import (
    WORKBENCH_FILES,
    earlier_workbench,
    lexicon_report,
    segmenter_problem,
    unaligned_occurrences,
    workbench_file_names,
    write_workbench,
)
from stance.output.write import WORKBENCH_RECORD
from tests.lexicon_helpers import article, run_lexicon_cli, tokens_sentence, write_lexicon


@pytest.fixture
def small(tmp_path):
    lexicon = load_lexicon(
        write_lexicon(
            tmp_path / "lex",
            [
                "成本\teconomic\t1\tcost",
                "价格\teconomic\t1\tprice",
                "关税\teconomic\t0.8\ttariff",
                "关税\tconflict\t0.8\ttariff as weapon",
                "反制\tconflict\t1\tcountermeasure",
                "稀土牌\tconflict\t1\trare-earth card",
                "合作\tconflict\t0.5\tnever matches here",
            ],
            name="test_frames",
        )
    )
    s = tokens_sentence
    articles = [
        article("a1", "src1", [s("a1", 0, ("成本", "上升")), s("a1", 1, ("价格", "与", "成本"))]),
        article("a2", "src1", [s("a2", 0, ("关税", "和", "反制")), s("a2", 1, ("合作社", "成立"))]),
        article("b1", "src2", [s("b1", 0, ("反制", "措施")), s("b1", 1, ("稀土", "牌"))]),
    ]
    return {"test_frames": lexicon}, articles


def _segment(text: str) -> tuple[str, ...]:
    return ("稀土", "牌") if text == "稀土牌" else (text,)


def test_entry_table(small):
    lexicons, articles = small
    report = lexicon_report(articles, lexicons, _segment)
    table = report.entries.set_index(["category", "term"])
    assert list(report.entries.columns) == [
        "lexicon", "category", "term", "weight", "hits", "hits:src1", "hits:src2",
        "segmenter", "also_in", "fragile_for", "lang",
    ]  # fmt: skip
    assert table["hits"].to_dict() == {
        ("economic", "成本"): 2,
        ("economic", "价格"): 1,
        ("economic", "关税"): 1,
        ("conflict", "关税"): 1,
        ("conflict", "反制"): 2,
        ("conflict", "稀土牌"): 1,
        ("conflict", "合作"): 0,
    }
    assert table.loc[("conflict", "反制"), ["hits:src1", "hits:src2"]].tolist() == [1, 1]
    assert table.loc[("economic", "关税"), "also_in"] == "test_frames.conflict"
    assert table.loc[("conflict", "稀土牌"), "segmenter"] == "split: 稀土|牌"
    assert table.loc[("conflict", "合作"), "segmenter"] == "missed inside larger tokens: 合作社 x1"
    assert table.loc[("economic", "成本"), "segmenter"] == "ok"


def test_coverage_and_fragile(small):
    lexicons, articles = small
    report = lexicon_report(articles, lexicons, _segment)
    assert report.coverage.to_dict("records") == [
        {"lexicon": "test_frames", "category": "economic", "entries": 3, "entries_matched": 3, "hits": 4,
         "sentences_hit": 3},
        {"lexicon": "test_frames", "category": "conflict", "entries": 4, "entries_matched": 3, "hits": 4,
         "sentences_hit": 3},
    ]  # fmt: skip
    # src1: economic 4 vs conflict 2; src2: conflict 2 (反制, 稀土牌), nothing else.
    assert report.fragile.to_dict("records") == [
        {"source": "src1", "lexicon": "test_frames", "term": "成本", "category": "economic", "hits": 2,
         "top_before": "economic", "top_after": "economic|conflict", "effect": "ties"},
    ]  # fmt: skip
    assert (
        "- src1 (test_frames): economic leads narrowly; without any one of '成本' it ties" in report.summary
    )
    assert "- 稀土牌 (test_frames.conflict): split: 稀土|牌" in report.summary
    assert "- 合作 (test_frames.conflict): missed inside larger tokens: 合作社 x1" in report.summary


def test_fragile_change_named(tmp_path):
    lexicon = load_lexicon(
        write_lexicon(
            tmp_path / "lex", ["成本\teconomic\t1\tc", "反制\tconflict\t1\tx", "报复\tconflict\t1\tx"]
        )
    )
    s = tokens_sentence
    articles = [article("a", "src", [s("a", 0, ("成本", "成本", "成本")), s("a", 1, ("反制", "报复"))])]
    report = lexicon_report(articles, {"test_frames": lexicon}, lambda t: (t,))
    assert report.fragile.to_dict("records") == [
        {"source": "src", "lexicon": "test_frames", "term": "成本", "category": "economic", "hits": 3,
         "top_before": "economic", "top_after": "conflict", "effect": "changes"},
    ]  # fmt: skip
    assert (
        "- src (test_frames): without '成本' (economic, 3 hits) the top frame changes "
        "from economic to conflict" in report.summary
    )


def test_report_independent_of_article_order(small):
    lexicons, articles = small
    first = lexicon_report(articles, lexicons, _segment)
    second = lexicon_report(list(reversed(articles)), lexicons, _segment)
    assert first.files() == second.files()


def test_unaligned_ignores_longer_lexicon_terms():
    sentence = tokens_sentence("a", 0, ("反制裁", "和", "中国人"))
    found = unaligned_occurrences([sentence], ["制裁", "中国"], frozenset({"反制裁", "制裁", "中国"}))
    assert found == {"中国": {"中国人": 1}}


def test_segmenter_problem():
    assert segmenter_problem("博弈", lambda t: (t,)) == ""
    assert segmenter_problem("稀土牌", lambda t: ("稀土", "牌")) == "split: 稀土|牌"


def test_write_workbench(small, tmp_path):
    lexicons, articles = small
    written = write_workbench(lexicon_report(articles, lexicons, _segment), tmp_path / "out")
    assert sorted(p.name for p in written) == [
        "lexicon_coverage.csv",
        "lexicon_entries.csv",
        "lexicon_fragile.csv",
        "lexicon_languages.csv",
        "lexicon_report.md",
        "lexicon_segmenter.csv",
    ]
    assert (
        (tmp_path / "out" / "lexicon_report.md")
        .read_text(encoding="utf-8")
        .startswith("# Lexicon workbench\n")
    )


def test_seeds_segmenter_keeps_every_entry_whole(seed_articles, lexicons, tmp_path):
    from stance.config import RunConfig
    from stance.pipeline import make_segmenter

    segment = make_segmenter(lexicons, RunConfig(cache_dir=tmp_path)).cut
    report = lexicon_report(seed_articles, lexicons, segment)
    assert report.segmenter[report.segmenter["problem"].str.startswith("split")].empty
    assert "None: the segmenter keeps every entry whole when it is cut on its own." in report.summary
    assert report.entries["hits"].sum() > 300


def test_cli_report_on_seeds(tmp_path, capsys):
    out_dir = tmp_path / "wb"
    code, out, _ = run_lexicon_cli(capsys, "lexicon", "report", "--out", out_dir)
    assert (code, out) == (0, f"wrote 6 files to {out_dir}\n")
    assert (
        (out_dir / "lexicon_entries.csv")
        .read_text(encoding="utf-8")
        .startswith("lexicon,category,term,weight,hits,hits:")
    )


def _one_article_corpus(folder):
    folder.mkdir()
    (folder / "a.txt").write_text("美国宣布新的关税措施。中国表示坚决反对。\n", "utf-8")
    return folder


def _report_refused(capsys, corpus, out, message: str) -> None:
    """``stance lexicon report CORPUS --out OUT`` stops with ``error: message`` and exit status 2."""
    code, stdout, err = run_lexicon_cli(capsys, "lexicon", "report", corpus, "--out", out)
    assert (code, stdout, err) == (2, "", f"error: {message}\n")


def test_cli_report_never_writes_into_the_corpus_folder(tmp_path, capsys):
    folder = _one_article_corpus(tmp_path / "corpus")
    _report_refused(
        capsys,
        folder,
        folder,
        f"{folder}: is the corpus folder itself, so the next run would read the report files as "
        "articles; choose an --out outside it (a sub-folder such as reports/ is never read).",
    )
    assert [p.name for p in folder.iterdir()] == ["a.txt"]


def test_workbench_files_are_written_as_one_set_never_over_an_input(small, tmp_path):
    lexicons, articles = small
    table = tmp_path / "out" / "lexicon_entries.csv"
    table.parent.mkdir()
    table.write_text("text\n美国宣布新的关税措施。\n", "utf-8")
    report = lexicon_report(articles, lexicons, _segment)
    with pytest.raises(OutputError, match="is the corpus file this run reads"):
        write_workbench(report, table.parent, inputs={"corpus file": table})
    assert table.read_text("utf-8") == "text\n美国宣布新的关税措施。\n"
    assert [p.name for p in table.parent.iterdir()] == ["lexicon_entries.csv"]


def test_cli_report_refuses_its_corpus_table_before_reading_it(tmp_path, capsys, monkeypatch, small):
    import stance.pipeline

    lexicons, articles = small
    assert sorted(lexicon_report(articles, lexicons, _segment).files()) == sorted(WORKBENCH_FILES)

    def loaded(*args, **kwargs):
        raise AssertionError("the corpus was read before --out was checked")

    monkeypatch.setattr(stance.pipeline, "load_articles", loaded)
    out = tmp_path / "out"
    out.mkdir()
    table = out / "lexicon_entries.csv"
    table.write_text("article_id,source,text\nx1,A,美国宣布新的关税措施。\n", "utf-8")
    code, stdout, err = run_lexicon_cli(capsys, "lexicon", "report", table, "--out", out)
    assert (code, stdout) == (2, "")
    assert err == (
        f"error: {table}: is the corpus file this run reads; give --out another path (nothing was written).\n"
    )
    assert table.read_text("utf-8") == "article_id,source,text\nx1,A,美国宣布新的关税措施。\n"


def test_workbench_replaces_only_its_own_files(small, tmp_path, capsys):
    lexicons, articles = small
    report = lexicon_report(articles, lexicons, _segment)
    out = tmp_path / "out"
    written = write_workbench(report, out)
    assert sorted(p.name for p in written) == sorted(WORKBENCH_FILES)
    assert sorted(p.name for p in out.iterdir()) == workbench_file_names()
    assert json.loads((out / WORKBENCH_RECORD).read_text("utf-8")) == {
        "tool": "stance",
        "outputs": workbench_file_names(),
    }
    # A second run replaces its own files; so does a run into a folder written before the record.
    write_workbench(report, out)
    (out / WORKBENCH_RECORD).unlink()
    assert earlier_workbench(out) == WORKBENCH_FILES
    write_workbench(report, out)
    assert sorted(p.name for p in out.iterdir()) == workbench_file_names()
    # A user's own file of a workbench name is refused, before the corpus is read, nothing written.
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "lexicon_report.md").write_text("# my notes on the lexicons\n", "utf-8")
    _report_refused(
        capsys,
        _one_article_corpus(tmp_path / "corpus"),
        mine,
        f"{mine / 'lexicon_report.md'}: already exists and was not written by stance; move it away "
        "or choose another --out (nothing was written).",
    )
    assert [p.name for p in mine.iterdir()] == ["lexicon_report.md"]
    with pytest.raises(OutputError, match="already exists and was not written by stance"):
        write_workbench(report, mine)
    assert (mine / "lexicon_report.md").read_text("utf-8") == "# my notes on the lexicons\n"
