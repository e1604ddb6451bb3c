"""The report's title: ``--title``, else from the corpus folder's own name (also for ``.``)."""

from __future__ import annotations

import re

import pytest

from stance.report.labels import default_title

from .test_cli_report_options import report_calls  # noqa: F401 (a fixture)


def test_title_option_and_default_from_the_folder_name(run_cli, report_calls, tmp_path, monkeypatch):  # noqa: F811
    corpus = tmp_path / "rare-earths"
    corpus.mkdir()
    (corpus / "a.txt").write_text("美国加紧施压。", encoding="utf-8")
    assert run_cli("report", corpus, "--out", tmp_path / "out", "--title", "稀土报道 <比较>")[0] == 0
    assert run_cli("report", corpus, "--out", tmp_path / "out")[0] == 0
    monkeypatch.chdir(corpus)
    assert run_cli("report", ".", "--out", tmp_path / "out")[0] == 0
    assert [c["title"] for c in report_calls] == [
        "稀土报道 <比较>",
        "How the sources compare: rare-earths",
        "How the sources compare: rare-earths",
    ]


@pytest.mark.parametrize("title", ["稀土报道 <比较>"])
def test_the_title_heads_the_page_escaped(run_cli, tmp_path, title):
    out = tmp_path / "out"
    assert run_cli("report", "--quiet", "--out", out, "--title", title, "--seed", "1")[0] == 0
    page = (out / "report.html").read_text(encoding="utf-8")
    assert re.search(r"<title>(.*?)</title>", page).group(1) == "稀土报道 &lt;比较&gt;"
    assert (out / "report.md").read_text(encoding="utf-8").startswith("# 稀土报道 \\<比较\\>\n")
    assert default_title("") == "How the sources compare"
