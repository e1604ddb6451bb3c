"""Exports: every format holds the same tables, files are written atomically, two exports are
byte-identical, and the data dictionary documents every column of every table."""

from __future__ import annotations

import io
import json
import sqlite3
import zipfile

import pandas as pd
import pytest

from stance.errors import OutputError
from stance.output.export import (
    DATA_DICTIONARY,
    FORMATS,
    dictionary_frame,
    export_files,
    known_tables,
    missing_descriptions,
    parse_formats,
    write_tables,
)


def sample_tables() -> dict[str, pd.DataFrame]:
    keyness = pd.DataFrame(
        {
            "source": ["中文源", "B"],
            "term": ["稀土", '=HYPERLINK("x")'],
            "z": [1.234567891, float("nan")],
            "count_source": [3, 1],
            "count_rest": [1, 0],
            "q": [0.05, None],
        }
    )
    naming = pd.DataFrame(
        {
            "referent": ["us"],
            "variant": ["川普"],
            "register": ["regional"],
            "source": ["A"],
            "count": [2],
            "forms": ["川普"],
        }
    )
    return {"keyness": keyness, "naming": naming}


def test_csv_bytes_are_deterministic_and_formatted():
    files = export_files(sample_tables())
    assert files["keyness.csv"].decode("utf-8") == (
        'source,term,z,count_source,count_rest,q\n中文源,稀土,1.23457,3,1,0.05\nB,"\'=HYPERLINK(""x"")",,1,0,\n'
    )  # the formula-like cell gets a quote (stance.output.cells); the other exports keep it as is
    assert sorted(files) == ["data_dictionary.csv", "data_dictionary.md", "keyness.csv", "naming.csv"]


def test_every_format_is_byte_identical_across_runs(monkeypatch):
    first = export_files(sample_tables(), FORMATS)
    # Move the clock: nothing time-dependent may reach the bytes.
    import time

    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 86400 * 400)
    monkeypatch.setattr(time, "localtime", lambda t=None: __import__("time").gmtime(real() + 86400 * 400))
    second = export_files(sample_tables(), FORMATS)
    assert sorted(first) == sorted(second)
    for name in first:
        assert first[name] == second[name], name


def test_xlsx_round_trip_and_fixed_times():
    from openpyxl import load_workbook

    data = export_files(sample_tables(), ("xlsx",))["tables.xlsx"]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert "2000-01-01T00:00:00Z" in core
    workbook = load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == ["keyness", "naming"]
    rows = [[c.value for c in row] for row in workbook["keyness"].iter_rows()]
    assert rows == [
        ["source", "term", "z", "count_source", "count_rest", "q"],
        ["中文源", "稀土", 1.234567891, 3, 1, 0.05],
        ["B", '=HYPERLINK("x")', None, 1, 0, None],
    ]
    assert workbook["keyness"]["B3"].data_type == "s"  # text, not a formula


def test_json_parquet_sqlite_round_trip():
    files = export_files(sample_tables(), ("json", "parquet", "sqlite"))
    records = json.loads(files["keyness.json"])
    assert records[1] == {
        "source": "B",
        "term": '=HYPERLINK("x")',
        "z": None,
        "count_source": 1,
        "count_rest": 0,
        "q": None,
    }
    assert list(records[0]) == ["source", "term", "z", "count_source", "count_rest", "q"]

    import pyarrow.parquet as pq

    table = pq.read_table(io.BytesIO(files["keyness.parquet"]))
    assert table.schema.metadata is None
    assert table.column("term").to_pylist() == ["稀土", '=HYPERLINK("x")']

    with sqlite3.connect(":memory:") as connection:
        connection.deserialize(files["tables.sqlite"])
        assert connection.execute(
            "SELECT source, term, count_source FROM keyness ORDER BY rowid"
        ).fetchall() == [
            ("中文源", "稀土", 3),
            ("B", '=HYPERLINK("x")', 1),
        ]
        assert connection.execute("SELECT variant FROM naming").fetchall() == [("川普",)]


def test_write_tables_writes_atomically(tmp_path):
    (tmp_path / "keyness.csv").write_text("old", encoding="utf-8")
    written = write_tables(sample_tables(), tmp_path, ("json",))
    assert [p.name for p in written] == [
        "data_dictionary.csv",
        "data_dictionary.md",
        "keyness.csv",
        "keyness.json",
        "naming.csv",
        "naming.json",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == [p.name for p in written]  # no temp files left
    assert (tmp_path / "keyness.csv").read_text(encoding="utf-8").startswith("source,term,z")


def test_unknown_format_and_bad_table_name():
    with pytest.raises(OutputError) as err:
        parse_formats("xlsx, csvx")
    assert str(err.value) == (
        "--export: unknown format 'csvx'; choose from xlsx, json, parquet, sqlite "
        "(comma-separated, e.g. --export xlsx,json)."
    )
    assert parse_formats("XLSX,json,xlsx") == ("xlsx", "json")
    assert parse_formats("") == ()
    with pytest.raises(OutputError, match=r"table name '\.\./x' cannot be a file name"):
        export_files({"../x": pd.DataFrame()})
    with pytest.raises(OutputError, match="unknown export format 'pdf'"):
        export_files(sample_tables(), ("pdf",))


def test_data_dictionary_covers_every_known_table():
    tables = known_tables()
    # The tables whose modules exist today must be found; the others join as they land.
    assert {"articles", "sentences", "frames", "figures", "figure_claims", "naming", "keyness"} <= set(tables)
    assert missing_descriptions(tables) == []
    assert all(
        description.strip() for columns in DATA_DICTIONARY.values() for description in columns.values()
    )


def test_dictionary_frame_marks_undocumented_columns():
    frame = dictionary_frame({"keyness": pd.DataFrame(columns=["source", "mystery"])})
    assert frame.to_dict("records") == [
        {"table": "keyness", "column": "source", "description": DATA_DICTIONARY["keyness"]["source"]},
        {"table": "keyness", "column": "mystery", "description": "(not documented)"},
    ]
