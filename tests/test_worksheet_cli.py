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


class FakeRenderer:
    """Prints a page to a few bytes, instead of a real PDF renderer."""

    name = "fake"

    def render(self, html: str) -> bytes:
        return b"%PDF-1.4 " + str(len(html)).encode()


@pytest.fixture
def with_pdf(monkeypatch):
    monkeypatch.setattr("stance.classroom.run.find_renderer", FakeRenderer)


def test_worksheet_on_the_seeds_writes_sheet_key_and_data(run_cli, tmp_path, monkeypatch):
    out = tmp_path / "sheet"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    with monkeypatch.context() as patch:  # an earlier run that printed PDFs
        patch.setattr("stance.classroom.run.find_renderer", FakeRenderer)
        code, stdout, _ = run_cli("worksheet", SEEDS, "--out", out)
    assert code == 0 and stdout.startswith(f"wrote 5 files to {out}: ")
    assert (out / "worksheet.pdf").read_bytes().startswith(b"%PDF-1.4 ")
    # Its PDFs would no longer match the pages this run writes: a class must not print a stale one.
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
        ".stance-worksheet.json",
        "answer_key.html",
        "answer_key.json",
        "notes.txt",
        "worksheet.html",
    ]
    assert json.loads((out / ".stance-worksheet.json").read_text("utf-8")) == {
        "tool": "stance",
        "outputs": [".stance-worksheet.json", "answer_key.html", "answer_key.json", "worksheet.html"],
    }
    assert data["level"] == "advanced" and data["title"] == "seeds"
    sheet = (out / "worksheet.html").read_text("utf-8")
    key = (out / "answer_key.html").read_text("utf-8")
    assert sheet.count('class="exercise"') == n and key.count('class="exercise answer"') == n
    assert 'id="simplified"' in sheet and "先读下面的文章" not in sheet
    assert "Answer key and teacher's notes: seeds" in key.replace("&#39;", "'")


def test_a_teachers_own_files_are_kept_or_refused_never_replaced(run_cli, tmp_path, with_pdf):
    out = tmp_path / "class"
    out.mkdir()
    (out / "worksheet.pdf").write_bytes(b"%PDF-1.7 made by hand")
    # Without PDFs this run has nothing to say about it: it stays.
    code, _, stderr = run_cli("worksheet", SEEDS, "--out", out, "--no-pdf")
    assert (code, stderr) == (0, "")
    assert (out / "worksheet.pdf").read_bytes() == b"%PDF-1.7 made by hand"
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    # With PDFs it would replace it: refused, nothing written.
    code, stdout, stderr = run_cli("worksheet", SEEDS, "--out", out)
    assert (code, stdout) == (2, "")
    assert stderr == (
        f"error: {out / 'worksheet.pdf'}: already exists and was not written by stance; move it away or "
        "choose another --out (nothing was written).\n"
    )
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_a_worksheet_of_an_earlier_version_counts_as_its_own(run_cli, tmp_path, with_pdf):
    out = tmp_path / "class"
    assert run_cli("worksheet", SEEDS, "--out", out)[0] == 0
    (out / ".stance-worksheet.json").unlink()  # as written before worksheets kept a record
    code, _, stderr = run_cli("worksheet", SEEDS, "--out", out, "--no-pdf")
    assert (code, stderr) == (0, "")
    assert sorted(p.name for p in out.iterdir()) == [
        ".stance-worksheet.json",
        "answer_key.html",
        "answer_key.json",
        "worksheet.html",
    ]


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


def test_a_worksheet_without_exercises_is_written_with_a_warning(run_cli, tmp_path):
    corpus = write_corpus(
        tmp_path / "calm",
        {
            "a.txt": ("Daily A", "The weather office published its weekly report on Monday.\n"),
            "b.txt": ("Daily B", "The city library opened a new reading room this week.\n"),
        },
    )
    out = tmp_path / "sheet"
    code, stdout, stderr = run_cli("worksheet", corpus, "--out", out, "--no-pdf")
    assert (code, stdout) == (0, f"wrote 3 files to {out}: 0 exercises\n")
    assert stderr == (
        "warning: the analysis found nothing in these articles to build an exercise on (no naming "
        "difference, figure conflict, opposing claims...); try articles from outlets that disagree.\n"
    )
    assert json.loads((out / "answer_key.json").read_text("utf-8"))["exercises"] == []
