"""Every kind of bad input: one line on stderr naming the file and what to do, a non-zero exit,
no traceback, and nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

MANIFEST_HEADER = "file,article_id,source\n"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("美国宣布新的关税措施。", "utf-8")
    return folder


def check_failed(run_cli, out: Path, argv, expected: str) -> None:
    code, stdout, stderr = run_cli("report", *argv, "--out", out)
    assert code == 2
    assert stderr == f"error: {expected}\n"
    assert "Traceback" not in stderr and stdout == ""
    assert not out.exists() or not any(out.iterdir())


def test_empty_file(run_cli, corpus, tmp_path):
    (corpus / "b.txt").write_bytes(b"  \n\n")
    check_failed(
        run_cli,
        tmp_path / "out",
        [corpus],
        f"{corpus / 'b.txt'}: the file is empty; remove it from the corpus or save the article again.",
    )


def test_binary_file(run_cli, corpus, tmp_path):
    (corpus / "b.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    check_failed(
        run_cli,
        tmp_path / "out",
        [corpus],
        f"{corpus / 'b.txt'}: looks like a binary file, not text; save the article as text, Markdown or HTML.",
    )


def test_undecodable_file(run_cli, corpus, tmp_path):
    # Lone continuation and lead bytes that no candidate encoding accepts.
    (corpus / "b.txt").write_bytes(b"\xff\xfe\xfd" * 3 + b"abc\x81\xff\x80" * 20)
    code, _, stderr = run_cli("report", corpus, "--out", tmp_path / "out")
    assert code == 2
    assert stderr.startswith(f"error: {corpus / 'b.txt'}: ")
    assert stderr.count("\n") == 1 and "Traceback" not in stderr


def test_manifest_row_naming_missing_file(run_cli, corpus, tmp_path):
    (corpus / "corpus.csv").write_text(MANIFEST_HEADER + "a.txt,a,甲\nmissing.txt,b,乙\n", "utf-8")
    check_failed(
        run_cli,
        tmp_path / "out",
        [corpus],
        f"{corpus / 'corpus.csv'}:3: names missing.txt, which does not exist; fix the row or add the file.",
    )


def test_manifest_row_with_a_windows_path(run_cli, corpus, tmp_path):
    (corpus / "2026").mkdir()
    (corpus / "a.txt").rename(corpus / "2026" / "a.txt")
    (corpus / "corpus.csv").write_text(MANIFEST_HEADER + "2026\\a.txt,a,甲\n", "utf-8")
    check_failed(
        run_cli,
        tmp_path / "out",
        [corpus],
        f"{corpus / 'corpus.csv'}:2: names 2026\\a.txt, which does not exist; write folders with / "
        "(2026/a.txt), or fix the row or add the file.",
    )


def test_manifest_path_escaping_corpus(run_cli, corpus, tmp_path):
    (tmp_path / "outside.txt").write_text("外部文件。", "utf-8")
    (corpus / "corpus.csv").write_text(MANIFEST_HEADER + "../outside.txt,a,甲\n", "utf-8")
    check_failed(
        run_cli,
        tmp_path / "out",
        [corpus],
        f"{corpus / 'corpus.csv'}:2: path '../outside.txt' escapes the corpus directory {corpus}; keep article files inside it.",
    )


@pytest.mark.parametrize(
    ("rows", "problem"),
    [
        (
            "a.txt,same,甲\nb.txt,same,乙\n",
            "duplicate article_id 'same' (also on line 2); make the ids unique.",
        ),
        # A blank cell (a spreadsheet slip) made the article a source of its own, named after its file.
        (
            "a.txt,a,甲\nb.txt,b,  \n",
            "empty 'source'; name the outlet of every article (it would be reported as a source of its own).",
        ),
    ],
    ids=["duplicate-id", "no-source"],
)
def test_bad_second_manifest_row(run_cli, corpus, tmp_path, rows, problem):
    (corpus / "b.txt").write_text("第二篇文章。", "utf-8")
    (corpus / "corpus.csv").write_text(MANIFEST_HEADER + rows, "utf-8")
    check_failed(run_cli, tmp_path / "out", [corpus], f"{corpus / 'corpus.csv'}:3: {problem}")


@pytest.mark.parametrize(
    ("suffix", "text"),
    [
        (".csv", "article_id,source,text\na,甲,第一篇。\nb,,第二篇。\n"),
        (".jsonl", '{"outlet": "甲", "text": "第一篇。"}\n{"outlet": null, "text": "第二篇。"}\n'),
    ],
)
def test_a_table_row_with_no_source_among_rows_with_one(run_cli, tmp_path, suffix, text):
    table = tmp_path / f"wire{suffix}"
    table.write_text(text, "utf-8")
    check_failed(
        run_cli,
        tmp_path / "out",
        [table],
        f"{table}:{3 if suffix == '.csv' else 2}: empty source; name the outlet of every article "
        "(it would be reported as a source of its own, named 'wire').",
    )


def test_a_table_that_names_no_source_is_one_source(tmp_path):
    from stance.corpus.read.tables import read_table

    table = tmp_path / "wire.csv"
    table.write_text("text,source\n第一篇。,\n第二篇。,\n", "utf-8")
    assert [(d.article_id, d.source) for d in read_table(table)] == [("wire-2", "wire"), ("wire-3", "wire")]


def test_manifest_missing_required_columns(run_cli, corpus, tmp_path):
    (corpus / "corpus.csv").write_text("file,label\na.txt,x\n", "utf-8")
    check_failed(
        run_cli,
        tmp_path / "out",
        [corpus],
        f"{corpus / 'corpus.csv'}: missing required column(s) article_id, source; the header needs file, article_id, source "
        "(optional: outlet_kind, language, script, published, url, label).",
    )


def test_output_path_is_a_file(run_cli, corpus, tmp_path):
    out = tmp_path / "taken"
    out.write_text("my notes", "utf-8")
    code, _, stderr = run_cli("report", corpus, "--out", out)
    assert (code, stderr) == (2, f"error: {out}: is a file, not a directory; choose another --out path.\n")
    assert out.read_text("utf-8") == "my notes"


@pytest.mark.parametrize("command", ["report", "worksheet", "lexicon report"])
def test_output_path_under_a_file_is_refused_before_reading(run_cli, corpus, tmp_path, command):
    # Refused before the corpus is read (the write, at the end, would say "(Not a directory)").
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes", "utf-8")
    code, stdout, stderr = run_cli(*command.split(), corpus, "--out", notes / "sub" / "out")
    assert (code, stdout) == (2, "")
    assert stderr == (
        f"error: {notes / 'sub' / 'out'}: cannot create the output directory ({notes} is a file, not a "
        "folder); choose another --out path.\n"
    )
    assert notes.read_text("utf-8") == "my notes"


def test_missing_corpus(run_cli, tmp_path):
    check_failed(
        run_cli,
        tmp_path / "out",
        [tmp_path / "nope"],
        f"{tmp_path / 'nope'}: no such file or directory; check the path.",
    )


def test_bad_jsonl_line(run_cli, tmp_path):
    table = tmp_path / "a.jsonl"
    table.write_text('{"text": "第一篇。"}\n{not json}\n', "utf-8")
    check_failed(
        run_cli,
        tmp_path / "out",
        [table],
        f"{table}:2: not valid JSON (Expecting property name enclosed in double quotes); each line must be one JSON object.",
    )


@pytest.mark.parametrize("text", ["article_id,source,text\n", "\ufeffarticle_id,source,text\r\n\r\n"])
def test_a_table_with_a_header_and_no_rows(run_cli, tmp_path, text):
    table = tmp_path / "a.csv"
    table.write_text(text, "utf-8")
    check_failed(
        run_cli,
        tmp_path / "out",
        [table],
        f"{table}: a header and no rows; add one article per row, or remove the file from the corpus.",
    )


def test_debug_shows_the_traceback(corpus, tmp_path):
    from stance.cli.main import main
    from stance.errors import StanceError

    (corpus / "b.txt").write_bytes(b"")
    with pytest.raises(StanceError):
        main(["report", str(corpus), "--out", str(tmp_path / "out"), "--debug"])


def test_failed_run_keeps_earlier_report(run_cli, corpus, tmp_path):
    out = tmp_path / "out"
    assert run_cli("report", corpus, "--out", out)[0] == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    (out / "mine.txt").write_text("not stance's", "utf-8")
    (corpus / "b.txt").write_bytes(b"")
    assert run_cli("report", corpus, "--out", out)[0] == 2
    after = {p.name: p.read_bytes() for p in out.iterdir() if p.name != "mine.txt"}
    assert after == before
    assert (out / "mine.txt").read_text("utf-8") == "not stance's"
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
