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
    export_file_names,
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


@pytest.mark.parametrize("formats", [(), ("json",), ("xlsx", "parquet"), FORMATS])
def test_the_file_names_are_known_before_the_tables(formats):
    assert export_file_names(sample_tables(), formats) == sorted(export_files(sample_tables(), formats))


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
    assert parse_formats("csv, JSON") == ("json",) and parse_formats("csv") == ()  # CSV is always written
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


# -- streaming: spooled tables are exported a chunk at a time -------------------------------

MENTION_ROWS = [
    # article_id, sentence_index, target, alias, evaluation, potency, cues, speaker, inherited, position
    ("a1", 0, "us", "美国", 1 / 3, -0.25, "批评", "author", False, "headline"),
    ("a1", 1, "china", "", 2 / 3, None, "", "外交部", True, "lede"),
    ("a1", 2, "us", "=US", -0.125, 0.5, "-1+1", "author", False, "body"),
    ("a2", 0, "china", "中方", 0.1, 0.2, "支持; 合作", "author", False, "headline"),
    ("a2", 3, "us", "Washington", -1.0, 1.0, "warned", "officials", False, "body"),
    ("b1", 0, "us", "美方", 0.7071067811865476, 0.0, "#N/A", "author", False, "headline"),
]
MENTION_COLUMNS = (
    "article_id", "sentence_index", "target", "alias", "evaluation", "potency",
    "cues", "speaker", "inherited", "position",
)  # fmt: skip


def mention_frame(rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(MENTION_COLUMNS))


def spooled_mentions(spool, cuts=(2, 3)):
    """The mentions table spooled in parts (as the report spools it), finished."""
    from stance.output.write import csv_bytes

    table = spool.tables["mentions"]
    start = 0
    for end in (*cuts, len(MENTION_ROWS)):
        part = mention_frame(MENTION_ROWS[start:end])
        table.append(csv_bytes(part, header=False), len(part), part)
        start = end
    return table.finish()


def read_all(files: dict) -> dict[str, bytes]:
    return {name: data if isinstance(data, bytes) else data.read_bytes() for name, data in files.items()}


def test_a_spooled_table_is_exported_in_chunks_with_the_bytes_of_the_whole_table(monkeypatch):
    from stance.output import formats
    from stance.output.spool import Spool, SpooledTable

    def held_whole(self):
        raise AssertionError("the export read the whole spooled table")

    monkeypatch.setattr(SpooledTable, "frame", held_whole)
    monkeypatch.setattr(formats, "ROW_GROUP_ROWS", 4)  # two Parquet row groups
    sizes = []
    real_chunks = formats._spooled_chunks

    def counted(table, schema, chunk_rows):
        for chunk in real_chunks(table, schema, chunk_rows):
            sizes.append((chunk_rows, chunk.num_rows))
            yield chunk

    monkeypatch.setattr(formats, "_spooled_chunks", counted)
    exports = []
    for chunk_rows in (1, 7, None):
        with Spool({"mentions": MENTION_COLUMNS}, keep_frames=True) as spool:
            exports.append(
                read_all(export_files({"mentions": spooled_mentions(spool)}, FORMATS, chunk_rows=chunk_rows))
            )
    assert all(n <= (size or formats.CHUNK_ROWS) for size, n in sizes)
    assert {n for size, n in sizes if size == 1} == {1}
    # Chunk sizes change nothing, and the spooled table exports as the whole table at once would.
    whole = read_all(export_files({"mentions": mention_frame(MENTION_ROWS)}, FORMATS))
    assert all(found == whole for found in exports)

    import pyarrow.parquet as pq

    parquet = pq.ParquetFile(io.BytesIO(whole["mentions.parquet"]))
    assert [parquet.metadata.row_group(k).num_rows for k in range(parquet.num_row_groups)] == [4, 2]


def test_exports_keep_exact_numbers_and_text_that_the_csv_rounds_and_quotes():
    from openpyxl import load_workbook

    from stance.output.spool import Spool

    with Spool({"mentions": MENTION_COLUMNS}, keep_frames=True) as spool:
        files = read_all(export_files({"mentions": spooled_mentions(spool)}, FORMATS))
    csv_row = files["mentions.csv"].decode("utf-8").splitlines()[3]
    assert csv_row == "a1,2,us,'=US,-0.125,0.5,'-1+1,author,False,body"
    assert files["mentions.csv"].decode("utf-8").splitlines()[1].startswith("a1,0,us,美国,0.333333,-0.25,")
    records = json.loads(files["mentions.json"])
    assert records[0]["evaluation"] == 1 / 3
    assert records[1] == {
        "article_id": "a1", "sentence_index": 1, "target": "china", "alias": "", "evaluation": 2 / 3,
        "potency": None, "cues": "", "speaker": "外交部", "inherited": True, "position": "lede",
    }  # fmt: skip
    assert (records[2]["alias"], records[2]["cues"]) == ("=US", "-1+1")

    import pyarrow.parquet as pq

    table = pq.read_table(io.BytesIO(files["mentions.parquet"]))
    assert table.schema.metadata is None
    assert str(table.schema.field("inherited").type) == "bool"
    assert table.column("evaluation").to_pylist()[5] == 0.7071067811865476

    with sqlite3.connect(":memory:") as connection:
        connection.deserialize(files["tables.sqlite"])
        assert connection.execute(
            "SELECT alias, evaluation, typeof(potency), inherited FROM mentions ORDER BY rowid LIMIT 3"
        ).fetchall() == [("美国", 1 / 3, "real", 0), ("", 2 / 3, "null", 1), ("=US", -0.125, "real", 0)]

    sheet = load_workbook(io.BytesIO(files["tables.xlsx"]))["mentions"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert rows[2][3] == "=US" and sheet["D4"].data_type == "s"  # text, not a formula
    assert rows[5][6] == "#N/A" and sheet["G7"].data_type == "s"  # text, not an error value
    assert rows[0][4] == 1 / 3 and rows[1][8] is True


def test_an_xlsx_sheet_holds_the_first_rows_of_a_longer_table_and_says_so(monkeypatch):
    from openpyxl import load_workbook

    from stance.output import formats

    monkeypatch.setattr(formats, "XLSX_MAX_ROWS", 4)  # the header and three rows
    tables = {"mentions": mention_frame(MENTION_ROWS), "naming": sample_tables()["naming"]}
    for chunk_rows in (1, 2, 1000):
        workbook = load_workbook(
            io.BytesIO(read_all(export_files(tables, ("xlsx",), chunk_rows=chunk_rows))["tables.xlsx"])
        )
        assert workbook.sheetnames == ["mentions", "naming", "notes"]
        sheet = workbook["mentions"]
        assert [[c.value for c in row][:2] for row in sheet.iter_rows()] == [
            ["article_id", "sentence_index"], ["a1", 0], ["a1", 1], ["a1", 2],
        ]  # fmt: skip
        assert [[c.value for c in row] for row in workbook["notes"].iter_rows()] == [
            ["sheet", "note"],
            [
                "mentions",
                "this sheet holds the first 3 of the table's 6 rows (an Excel sheet holds 4 rows "
                "with the header); the whole table is in mentions.csv",
            ],
        ]
    # A table that fits is not cut, and then there is no notes sheet.
    monkeypatch.setattr(formats, "XLSX_MAX_ROWS", 7)
    workbook = load_workbook(io.BytesIO(export_files(tables, ("xlsx",))["tables.xlsx"]))
    assert workbook.sheetnames == ["mentions", "naming"]
    assert workbook["mentions"].max_row == 7


def test_report_exports_are_the_same_bytes_with_two_workers_and_small_chunks(tmp_path, monkeypatch):
    """--export on the seeds: one worker with the default chunks, and two workers (an article a
    chunk) with export chunks of 7 rows, give the same bytes."""
    import stance.pipeline as pipeline
    import stance.pipeline.map as pipeline_map
    from stance.config import RunConfig
    from stance.output import formats

    def report(out, **settings):
        config = RunConfig(n_boot=50, cache_dir=tmp_path / "cache", **settings)
        written = pipeline.run_report(None, out, config, formats=FORMATS)
        return {path.name: path.read_bytes() for path in written}

    one = report(tmp_path / "one", workers=1)
    monkeypatch.setattr(pipeline_map, "CHUNK_CHARS", 1000)
    monkeypatch.setattr(formats, "CHUNK_ROWS", 7)
    two = report(tmp_path / "two", workers=2)
    assert sorted(one) == sorted(two)
    assert {"tables.xlsx", "tables.sqlite", "sentences.parquet", "mentions.json"} <= set(one)
    assert [name for name in one if one[name] != two[name]] == []


def test_every_spooled_table_has_its_column_types():
    """The spool stores each table's exact rows with fixed types, so every part of a table (a
    chunk whose column happens to be empty, say) is exported with the same types."""
    from stance.output.formats import COLUMN_TYPES
    from stance.pipeline.reduce import SPOOLED_TABLES

    assert {name: tuple(types) for name, types in COLUMN_TYPES.items()} == {
        name: tuple(columns) for name, columns in SPOOLED_TABLES.items()
    }
    assert {kind for types in COLUMN_TYPES.values() for kind in types.values()} == {
        "text", "integer", "number", "flag",
    }  # fmt: skip
