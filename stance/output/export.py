"""Exports: the report's tables as CSV always, and on request as xlsx, JSON, Parquet and SQLite,
with a data dictionary that documents every column of every table.

Each format is written to a file a chunk of rows at a time (:mod:`stance.output.formats`), so an
export's memory does not grow with the tables; the sentence-level tables are read from the
run's spool on disk, never held whole. The bytes depend only on the tables, not on the chunks:
the xlsx zip entries carry a fixed date and the workbook's created/modified properties are
fixed; Parquet files carry no pandas or time metadata; the SQLite database is filled in one
transaction. Two exports of the same tables are byte-identical.

In every CSV file a text cell that a spreadsheet would run as a formula gets a ``'`` in front
(``stance.output.cells``; the rule and how to undo it are in the data dictionary); the other formats
keep the text exactly, except that xlsx drops the characters XML cannot hold.

Files written into ``out``: ``<table>.csv`` for each table; ``<table>.json`` (a list of
records) and ``<table>.parquet`` per table; ``tables.xlsx`` (one sheet per table, cut at
Excel's 1,048,576 rows with a ``notes`` sheet saying so) and ``tables.sqlite`` (one SQL table
per table); ``data_dictionary.csv`` and ``.md``.
"""

from __future__ import annotations

import importlib
import re
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from stance.errors import OutputError
from stance.output import formats as _formats
from stance.output.write import csv_bytes, write_bytes_atomic

FORMATS = ("xlsx", "json", "parquet", "sqlite")
# Formats with one file per table (``stance.json``), and with one file of every table (``tables.xlsx``).
TABLE_FORMATS = ("json", "parquet")
WORKBOOK_FORMATS = ("xlsx", "sqlite")
WORKBOOK = "tables"
DICTIONARY_FILES = ("data_dictionary.csv", "data_dictionary.md")

# Where each table's column names are defined: (module, attribute).
TABLE_COLUMN_SOURCES: dict[str, tuple[str, str]] = {
    "articles": ("stance.corpus.records", "ARTICLE_COLUMNS"),
    "sentences": ("stance.corpus.records", "SENTENCE_COLUMNS"),
    "frames": ("stance.measure.frames", "FRAME_COLUMNS"),
    "mentions": ("stance.measure.polarity", "MENTION_COLUMNS"),
    "stance": ("stance.measure.aggregate", "STANCE_COLUMNS"),
    "disagreements": ("stance.compare.sources", "DISAGREEMENT_COLUMNS"),
    "figures": ("stance.compare.figures", "FIGURE_COLUMNS"),
    "figure_claims": ("stance.compare.figures", "FIGURE_CLAIM_COLUMNS"),
    "naming": ("stance.compare.naming", "NAMING_COLUMNS"),
    "keyness": ("stance.compare.keyness", "KEYNESS_COLUMNS"),
}

_SOURCE = "the source (outlet) the article comes from, as named in the corpus manifest"
_ARTICLE = "identifier of the article (from the corpus manifest, else derived from the file name)"
_SENTENCE = "position of the sentence in its article, from 0, counting every kind of sentence"
_TEXT = "the sentence as written in the original article (original script)"

DATA_DICTIONARY: dict[str, dict[str, str]] = {
    "articles": {
        "article_id": _ARTICLE,
        "source": _SOURCE,
        "outlet_kind": "kind of outlet from the corpus manifest (e.g. mainstream, blog, portal)",
        "language": "language of the article: zh or en (manifest, else detected)",
        "script": "script of the article: simplified, traditional or none (manifest, else detected)",
        "published": "publication date from the corpus manifest (may be approximate)",
        "url": "address of the article from the corpus manifest, when known",
        "label": "short descriptive label for display (not the outlet's headline)",
        "n_chars": "characters of article content (body and headings; furniture excluded)",
        "n_sentences": "number of sentences of every kind, furniture and duplicates included",
        "n_furniture": "number of lines set aside as page furniture (credits, footers, link lists)",
        "en_flesch_reading_ease": "English articles: Flesch reading ease (Flesch 1948) of the content sentences, 206.835 - 1.015 words/sentence - 84.6 syllables/word; higher is easier (60-70 plain English); words by textstat's rule, syllables from the CMU Pronouncing Dictionary; empty for other languages",
        "en_flesch_kincaid_grade": "English articles: Flesch-Kincaid grade level (Kincaid et al. 1975), 0.39 words/sentence + 11.8 syllables/word - 15.59, a US school grade; empty for other languages",
        "en_dale_chall": "English articles: Dale-Chall score (Dale and Chall 1948) as textstat computes it, 0.1579 x percent difficult words + 0.0496 words/sentence, + 3.6365 when over 5% are difficult; a difficult word is one not on textstat's Dale-Chall easy-word list (names and numbers included); empty for other languages",
        "zh_chars_per_sentence": "Chinese articles: Han characters per content sentence (sentences with at least one Han character); empty for other languages",
        "zh_words_per_sentence": "Chinese articles: words per content sentence, a word being a segmented token with a letter or digit (punctuation excluded); empty for other languages",
        "zh_uncommon_char_share": "Chinese articles: share (0-1) of Han characters, in simplified script, outside the 2,500 most frequent characters of jieba's bundled dictionary (stance/measure/data/common_chars_2500.txt, a stand-in for the 2,500 common characters of the 现代汉语常用字表, 1988); empty for other languages",
    },
    "sentences": {
        "article_id": _ARTICLE,
        "sentence_index": _SENTENCE,
        "kind": "body, heading (both count as content), furniture or duplicate",
        "text": _TEXT,
        "text_norm": "matching form: width-folded, simplified script, one kind of quote mark",
        "tokens": "the segmented tokens of text_norm, separated by single spaces",
        "frames": "the frames the sentence hits, as semicolon-separated frame:term pairs in text order (body and heading sentences only)",
    },
    "frames": {
        "article_id": _ARTICLE,
        "source": _SOURCE,
        "frame": "frame id from the frames lexicons",
        "hits": "number of frame cue matches in the content sentences",
        "per_1k_tokens": "hits per 1,000 content tokens",
        "share": "share of the article's frame hits that belong to this frame (0-1)",
        "ci_low": "lower end of the 95% percentile bootstrap interval (resampling sentences)",
        "ci_high": "upper end of the 95% percentile bootstrap interval (resampling sentences)",
    },
    "mentions": {
        "article_id": _ARTICLE,
        "sentence_index": _SENTENCE,
        "target": "target id (us, china, ...) the sentence mentions or inherits",
        "alias": "the alias as written in the original text (empty when the target is inherited)",
        "evaluation": "the sentence's evaluation of the target, -1 (negative) to 1 (positive)",
        "potency": "the sentence's potency of the target, -1 (weak) to 1 (strong)",
        "cues": "the stance cue words behind the scores, separated by '; '",
        "speaker": "whose voice: author, or the quoted person or body",
        "inherited": "true when the sentence names no target and inherits the previous sentence's topic",
        "position": "headline (a heading opening the article), lede (its first two body sentences) or body",
    },
    "stance": {
        "article_id": "the article, or * for a row pooling all the source's articles",
        "source": _SOURCE,
        "target": "target id the stance is about",
        "dimension": "evaluation (negative to positive) or potency (weak to strong)",
        "score": "sum(w*x) / (sum of w over sentences with x != 0 + prior): sentence scores x weighted by position (headline 2, lede 1.5, body 1) and voice (author 1, reported speech 0.5), shrunk toward 0 by a prior of neutral sentences (default 3)",
        "ci_low": "lower end of the seeded 95% percentile bootstrap interval over sentences",
        "ci_high": "upper end of the seeded 95% percentile bootstrap interval over sentences",
        "n_sentences": "number of sentences that mention or inherit the target",
        "n_evidence": "number of those sentences with a non-zero score on this dimension",
        "flag": "small_n when n_sentences is below the run's min_sentences, else empty",
    },
    "disagreements": {
        "topic": "number of the claim, in rank order (1 = highest spread x evidence)",
        "topic_terms": "the key terms that label the claim's sub-topic (those used on both sides first; no stop words, single Chinese characters or terms of the whole story)",
        "target": "target id the claim is about",
        "dimension": "evaluation or potency",
        "spread": "the most positive side mean minus the most negative side mean",
        "evidence": "1 / sqrt(1/n+ + 1/n-), n+ and n- the sentences of the sources on each side; the claims are ranked by spread x evidence",
        "side": "positive or negative: the side of zero the source's whole 95% interval lies on",
        "source": _SOURCE,
        "source_mean": "the source's mean score on this target and dimension in the sub-topic (author's voice)",
        "source_ci_low": "lower end of the seeded 95% percentile bootstrap interval of that mean",
        "source_ci_high": "upper end of the seeded 95% percentile bootstrap interval of that mean",
        "source_n": "the source's sentences in the sub-topic with a non-zero score on this target and dimension",
        "article_id": _ARTICLE,
        "sentence_index": _SENTENCE,
        "score": "the quoted sentence's stance score on that target and dimension",
        "text": _TEXT,
    },
    "figures": {
        "group": "number of the claim group, in the order conflict, agree, single",
        "subject": "target id the figure is about (nearest target of the claim's clause)",
        "object": "target id the figure is directed at (a target after 对, 从 ...), empty if none",
        "quantity": "what the group measures (a quantity id from lexicons/quantities)",
        "unit": "% | USD, CNY ... | t | year (calendar) | years, months, weeks, days | times",
        "status": "conflict (sources differ beyond the tolerance), agree, or single (one source)",
        "source": _SOURCE,
        "article_id": _ARTICLE,
        "sentence_index": _SENTENCE,
        "claim_quantity": "the quantity this claim measures (may be narrower than the group's)",
        "value": "the number as stated (a range as low-high), converted to the unit",
        "low": "lower bound of what the claim asserts (qualifiers applied)",
        "high": "upper bound of what the claim asserts; empty when unbounded (超过, 至少)",
        "qualifier": "qualifier words around the number (约, 以上, 超过, 至少, 不到 ...)",
        "match": "the numeric expression as found in the normalised sentence",
        "text": _TEXT,
    },
    "figure_claims": {
        "source": _SOURCE,
        "article_id": _ARTICLE,
        "sentence_index": _SENTENCE,
        "match": "the numeric expression as found in the normalised sentence",
        "value": "the number as stated (a range as low-high), converted to the unit",
        "low": "lower bound of what the claim asserts (qualifiers applied)",
        "high": "upper bound of what the claim asserts; empty when unbounded",
        "unit": "% | USD, CNY ... | t | year (calendar) | years, months, weeks, days | times",
        "qualifier": "qualifier words around the number",
        "subject": "target id the figure is about; empty when no target is named",
        "object": "target id the figure is directed at; empty if none",
        "quantity": "what the number measures; empty when no quantity word is near",
        "text": _TEXT
        + "; for a sentence over 1,000 characters, the 200 characters either side of the figure, cut ends marked …",
    },
    "naming": {
        "referent": "the thing named: a target id, a joint form (china+us) or a variants-lexicon id",
        "variant": "the name used, in normalised script (the lexicon term)",
        "register": "register of the name from the lexicon (neutral, formal, regional ...)",
        "source": _SOURCE,
        "count": "number of times the source uses this name in content sentences",
        "forms": "the forms the name was written in, separated by |",
    },
    "keyness": {
        "source": _SOURCE,
        "term": "a token of the content sentences (normalised script; Latin lower-cased)",
        "z": "z-score of the weighted log-odds ratio, informative Dirichlet prior, source vs rest",
        "count_source": "occurrences of the term in this source",
        "count_rest": "occurrences of the term in all other sources together",
        "q": "Benjamini-Hochberg adjusted two-sided p-value over the source's vocabulary",
    },
}


# The escaping of formula-like text cells in every CSV file (stance.output.cells), as a last row of
# data_dictionary.csv and a closing section of data_dictionary.md.
CSV_CELLS_TABLE = "(every CSV file)"
CSV_CELLS_COLUMN = "(text cells)"
UNDO_PANDAS = 'df[col].str.replace(r"^\'([-=+@\\t\\r＝＋－＠])", r"\\1", regex=True)'
UNDO_R = 'sub("^\'([-=+@\\t\\r＝＋－＠])", "\\\\1", x)'


def _csv_cells_note(code: str = "{}") -> str:
    """The rule in one paragraph; ``code`` formats each piece of code (e.g. "`{}`" for Markdown)."""
    return (
        "a text cell that starts with = + - @, a tab or a carriage return (or full-width ＝ ＋ － ＠) "
        "and is not a plain number such as -1.5 or +3 is written with a ' in front, so a spreadsheet "
        "treats it as text instead of running it as a formula (OWASP's advice on CSV injection); "
        f"numeric columns are never changed. To undo it: pandas {code.format(UNDO_PANDAS)}; "
        f"R {code.format(UNDO_R)}. A cell that itself began with ' before one of these characters "
        "cannot be told apart; the JSON, Parquet, SQLite and xlsx exports keep every text exactly."
    )


CSV_CELLS_NOTE = _csv_cells_note()


def known_tables() -> dict[str, tuple[str, ...]]:
    """``{table: columns}`` for every table whose defining module and tuple exist now."""
    found: dict[str, tuple[str, ...]] = {}
    for table, (module_name, attribute) in TABLE_COLUMN_SOURCES.items():
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError:
            continue
        columns = getattr(module, attribute, None)
        if columns is not None:
            found[table] = tuple(columns)
    return found


def missing_descriptions(tables: Mapping[str, Iterable[str]]) -> list[str]:
    """``table.column`` for each column without a data-dictionary entry."""
    return [
        f"{table}.{column}"
        for table, columns in tables.items()
        for column in columns
        if column not in DATA_DICTIONARY.get(table, {})
    ]


def dictionary_frame(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """The data dictionary of ``tables``: one row per (table, column), in table order."""
    rows = [
        {
            "table": name,
            "column": str(column),
            "description": DATA_DICTIONARY.get(name, {}).get(str(column), "(not documented)"),
        }
        for name, frame in tables.items()
        for column in frame.columns
    ]
    return pd.DataFrame(rows, columns=["table", "column", "description"])


def dictionary_csv_frame(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """The rows of ``data_dictionary.csv``: :func:`dictionary_frame` and a last row on the
    escaping of formula-like text cells."""
    note = pd.DataFrame(
        [{"table": CSV_CELLS_TABLE, "column": CSV_CELLS_COLUMN, "description": CSV_CELLS_NOTE}]
    )
    return pd.concat([dictionary_frame(tables), note], ignore_index=True)


def dictionary_markdown(tables: Mapping[str, pd.DataFrame]) -> str:
    """The data dictionary as Markdown: a section per table with a column table, and a closing
    section on the escaping of formula-like text cells in the CSV files."""
    lines = ["# Data dictionary", ""]
    frame = dictionary_frame(tables)
    for name in tables:
        lines += [f"## {name}", "", "| column | description |", "| --- | --- |"]
        for row in frame[frame["table"] == name].itertuples(index=False):
            lines.append(f"| `{row.column}` | {row.description.replace('|', '/')} |")
        lines.append("")
    note = _csv_cells_note("`{}`")
    lines += ["## Text cells in the CSV files", "", note[0].upper() + note[1:], ""]
    return "\n".join(lines)


def _bytes_of(write, *args, name: str = "table") -> bytes:
    """What ``write(*args, path)`` writes, as bytes (for small tables and tests)."""
    with tempfile.TemporaryDirectory(prefix="stance-export-") as folder:
        path = Path(folder) / name
        write(*args, path)
        return path.read_bytes()


def json_bytes(frame: pd.DataFrame) -> bytes:
    """The table as a JSON list of records (column order kept; missing values null)."""
    return _bytes_of(_formats.write_json, frame)


def parquet_bytes(frame: pd.DataFrame) -> bytes:
    """The table as Parquet, without pandas or creation metadata."""
    return _bytes_of(_formats.write_parquet, frame)


def xlsx_bytes(tables: Mapping[str, pd.DataFrame]) -> bytes:
    """The tables as one workbook, a sheet per table. Text is stored as text (a cell starting
    with ``=`` is not a formula) and characters XML cannot hold are removed."""
    return _bytes_of(_formats.write_xlsx, tables, name="tables.xlsx")


def sqlite_bytes(tables: Mapping[str, pd.DataFrame]) -> bytes:
    """The tables as one SQLite database, a SQL table per table (lists stored as JSON text)."""
    return _bytes_of(_formats.write_sqlite, tables)


def parse_formats(text: str) -> tuple[str, ...]:
    """``"xlsx,json"`` -> ``("xlsx", "json")``; an unknown name is an error that lists the
    known ones (empty text: no extra formats). ``csv`` may be listed: the CSV tables are always
    written, so it adds nothing."""
    names = tuple(dict.fromkeys(p.strip().lower() for p in text.split(",") if p.strip()))
    names = tuple(n for n in names if n != "csv")
    unknown = [n for n in names if n not in FORMATS]
    if unknown:
        raise OutputError(
            f"--export: unknown format '{unknown[0]}'; choose from {', '.join(FORMATS)} "
            "(comma-separated, e.g. --export xlsx,json)."
        )
    return names


def _spool_folder(tables: Mapping[str, Any]) -> Path | None:
    for table in tables.values():
        if not isinstance(table, pd.DataFrame):
            return table.path.parent
    return None


def export_files(
    tables: Mapping[str, Any],
    formats: Iterable[str] = (),
    *,
    folder: Path | None = None,
    chunk_rows: int | None = None,
) -> dict[str, bytes | Path]:
    """``{file name: bytes or path}`` for the tables in CSV and each requested format, plus the
    data dictionary; nothing is written into the report. Table names must be simple
    identifiers. A table may be a DataFrame or a :class:`~stance.output.spool.SpooledTable`,
    whose CSV file is named as it is (a path) and whose exact rows are read ``chunk_rows``
    (default :data:`stance.output.formats.CHUNK_ROWS`) at a time for the other formats, never
    as a whole table.

    The format files are written into ``folder`` (which must exist) and named by their paths;
    by default into an ``exports`` folder in the spool folder of the first spooled table, and
    without one (small tables, tests) into a temporary folder and returned as bytes."""
    formats = tuple(formats)
    chunk_rows = chunk_rows or _formats.CHUNK_ROWS
    for name in tables:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise OutputError(f"table name '{name}' cannot be a file name; use letters, digits and _.")
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise OutputError(f"unknown export format '{unknown[0]}'; choose from {', '.join(FORMATS)}.")
    files: dict[str, bytes | Path] = {
        f"{name}.csv": csv_bytes(table) if isinstance(table, pd.DataFrame) else table.path
        for name, table in tables.items()
    }
    if formats:
        spool = _spool_folder(tables)
        if folder is None and spool is not None:
            folder = spool / "exports"
            if folder.exists():  # an earlier export from the same spool
                shutil.rmtree(folder)
            folder.mkdir()
        if folder is None:
            with tempfile.TemporaryDirectory(prefix="stance-export-") as temporary:
                built = _write_formats(tables, formats, Path(temporary), chunk_rows)
                files.update({name: path.read_bytes() for name, path in built.items()})
        else:
            files.update(_write_formats(tables, formats, Path(folder), chunk_rows))
    dictionary_csv, dictionary_md = DICTIONARY_FILES
    files[dictionary_csv] = csv_bytes(dictionary_csv_frame(tables))
    files[dictionary_md] = dictionary_markdown(tables).encode("utf-8")
    return files


def export_file_names(tables: Iterable[str], formats: Iterable[str] = ()) -> list[str]:
    """The names of the files :func:`export_files` returns for tables named ``tables`` and
    ``formats``, known before any table is: so a long run can check ``--out`` first."""
    tables, formats = list(tables), set(formats)
    names = [f"{name}.csv" for name in tables]
    names += [f"{name}.{suffix}" for name in tables for suffix in TABLE_FORMATS if suffix in formats]
    names += [f"{WORKBOOK}.{suffix}" for suffix in WORKBOOK_FORMATS if suffix in formats]
    return sorted([*names, *DICTIONARY_FILES])


def _write_formats(
    tables: Mapping[str, Any], formats: tuple[str, ...], folder: Path, chunk_rows: int
) -> dict[str, Path]:
    """Each requested format's files, written into ``folder``: ``{file name: path}``."""
    written: dict[str, Path] = {}
    table_writers = {"json": _formats.write_json, "parquet": _formats.write_parquet}
    workbook_writers = {"xlsx": _formats.write_xlsx, "sqlite": _formats.write_sqlite}
    for name, table in tables.items():
        for suffix in TABLE_FORMATS:
            if suffix in formats:
                path = written[f"{name}.{suffix}"] = folder / f"{name}.{suffix}"
                table_writers[suffix](table, path, chunk_rows=chunk_rows)
    for suffix in WORKBOOK_FORMATS:
        if suffix in formats:
            path = written[f"{WORKBOOK}.{suffix}"] = folder / f"{WORKBOOK}.{suffix}"
            workbook_writers[suffix](tables, path, chunk_rows=chunk_rows)
    return written


def write_tables(tables: Mapping[str, pd.DataFrame], out: Path, formats: Iterable[str] = ()) -> list[Path]:
    """Write the tables into ``out`` (which must exist) as CSV and each requested format, plus
    the data dictionary; every file atomically. Returns the paths written, sorted.

    Everything is built first, so an error in one format writes nothing.
    """
    files = export_files(tables, formats)
    written = []
    for name in sorted(files):
        path = out / name
        write_bytes_atomic(path, files[name])
        written.append(path)
    return written
