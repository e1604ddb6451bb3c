"""``stance worksheet``: the files it writes on the seeds, and bad input as one line on stderr,
exit 2, nothing written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stance.classroom import records
from stance.cli import worksheet as cli

from .conftest import SEEDS
from .worksheet_helpers import write_corpus


def test_cli_choices_are_the_librarys():
    assert cli.LEVELS == records.LEVELS
    assert cli.LANG_CHOICES == records.LANG_CHOICES


def test_worksheet_on_the_seeds_writes_sheet_key_and_data(run_cli, tmp_path):
    out = tmp_path / "sheet"
    # A PDF of an earlier run that this one does not replace must not stay behind, stale.
    out.mkdir()
    (out / "worksheet.pdf").write_bytes(b"%PDF-1.4 old")
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    code, stdout, stderr = run_cli(
        "worksheet",
        SEEDS,
        "--out",
        out,
        "--level",
        "advanced",
        "--lang",
        "en",
        "--simplified-copy",
        "--no-pdf",
    )
    assert (code, stderr) == (0, "")
    data = json.loads((out / "answer_key.json").read_text("utf-8"))
    n = len(data["exercises"])
    assert stdout == f"wrote 3 files to {out}: {n} exercises\n"
    assert sorted(p.name for p in out.iterdir()) == [
        "answer_key.html",
        "answer_key.json",
        "notes.txt",
        "worksheet.html",
    ]
    assert data["level"] == "advanced" and data["title"] == "seeds"
    sheet = (out / "worksheet.html").read_text("utf-8")
    key = (out / "answer_key.html").read_text("utf-8")
    assert sheet.count('class="exercise"') == n and key.count('class="exercise answer"') == n
    assert 'id="simplified"' in sheet and "先读下面的文章" not in sheet
    assert "Answer key and teacher's notes: seeds" in key.replace("&#39;", "'")


def failed(run_cli, out: Path, *argv) -> str:
    code, stdout, stderr = run_cli("worksheet", *argv, "--out", out, "--no-pdf")
    assert code == 2 and stdout == ""
    assert stderr.count("\n") == 1 and "Traceback" not in stderr
    return stderr


def test_too_many_articles(run_cli, tmp_path):
    corpus = write_corpus(
        tmp_path / "corpus", {f"a{i}.txt": (f"报{i}", f"第{i}篇文章谈到美国的关税。\n") for i in range(7)}
    )
    out = tmp_path / "out"
    assert failed(run_cli, out, corpus) == (
        f"error: {corpus}: has 7 articles; a worksheet prints at most 6 side by side, so give a folder or "
        "manifest with fewer articles.\n"
    )
    assert not out.exists()


def test_out_is_a_file(run_cli, tmp_path):
    out = tmp_path / "taken"
    out.write_text("x", encoding="utf-8")
    assert (
        failed(run_cli, out, SEEDS)
        == f"error: {out}: is a file, not a directory; choose another --out path.\n"
    )
    assert out.read_text("utf-8") == "x"


def test_out_is_the_corpus(run_cli, tmp_path):
    corpus = write_corpus(tmp_path / "corpus", {"a.txt": ("甲报", "美国宣布新的关税措施。\n")})
    before = sorted(p.name for p in corpus.iterdir())
    assert failed(run_cli, corpus, corpus).startswith(f"error: {corpus}: is the corpus folder itself")
    assert sorted(p.name for p in corpus.iterdir()) == before


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--level", "hard", "argument --level: invalid choice: 'hard' (choose from 'intro', 'advanced')"),
        ("--lang", "fr", "argument --lang: invalid choice: 'fr' (choose from 'zh', 'en', 'both')"),
    ],
)
def test_bad_option_value(capsys, tmp_path, option, value, message):
    from stance.cli.main import main

    with pytest.raises(SystemExit) as stop:
        main(["worksheet", "--out", str(tmp_path / "out"), option, value])
    assert stop.value.code == 2
    assert capsys.readouterr().err == f"stance worksheet: error: {message}\n"
    assert not (tmp_path / "out").exists()
