"""One corpus, exactly: the reader refuses what would make a run read the wrong articles or block,
with one line naming the file and what to do, exit status 2 and the previous report untouched;
and it reads what only looked bad (UTF-16 without a BOM, zero-width marks, control characters,
long CSV cells)."""

from __future__ import annotations

import csv
import json
import os
import shutil
import socket
import warnings
from collections.abc import Callable
from pathlib import Path

import pytest

from stance.cli.main import main
from stance.corpus.read import check_out_outside_corpus, decode_bytes, read_corpus
from stance.corpus.records import RawDocument
from stance.errors import StanceWarning

MANIFEST_HEADER = "file,article_id,source,language,script\n"
GOOD_ARTICLE = "美国宣布新的关税措施。\n"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> tuple[Path, dict[str, bytes]]:
    """One real run, on a folder whose articles carry a zero-width space inside 美国 and three
    control characters (BEL and ESC in the text, a form feed between two paragraphs)."""
    base = tmp_path_factory.mktemp("reference")
    corpus = base / "corpus"
    corpus.mkdir()
    (corpus / "wire.txt").write_text("美\u200b国商务部宣布新的出口管制\x07措施。\x1b\n", "utf-8")
    (corpus / "paper.md").write_text("# 评论\n\n中国外交部回应了这一决定。\x0c有关部门表示关注。\n", "utf-8")
    out = base / "out"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("STANCE_CACHE_DIR", str(base / "cache"))
        assert main(["report", str(corpus), "--out", str(out), "--quiet"]) == 0
    return out, snapshot(out)


# -- bad input: one case per row --------------------------------------------------------------
# Each case builds its corpus under ``tmp`` and returns (CORPUS, --out or None for the copy of
# the reference report, the expected message).

Case = Callable[[Path], tuple[Path, Path | None, str]]


def folder(tmp: Path, **files: str | bytes) -> Path:
    corpus = tmp / "corpus"
    corpus.mkdir(exist_ok=True)
    for name, data in files.items():
        path = corpus / name.replace("__", ".")
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return corpus


def jsonl(tmp: Path, *records: str) -> Path:
    table = tmp / "news.jsonl"
    table.write_text("\n".join(records) + "\n", "utf-8")
    return table


def manifest(tmp: Path, *rows: str) -> Path:
    corpus = folder(tmp, a__txt=GOOD_ARTICLE)
    (corpus / "corpus.csv").write_text(MANIFEST_HEADER + "".join(f"{r}\n" for r in rows), "utf-8")
    return corpus


def out_is_corpus(tmp: Path):
    corpus = folder(tmp, a__txt=GOOD_ARTICLE)
    return (
        corpus,
        corpus,
        f"{corpus}: is the corpus folder itself, so the next run would read the report files as "
        "articles; choose an --out outside it (a sub-folder such as reports/ is never read).",
    )


def out_is_corpus_through_link(tmp: Path):
    corpus = folder(tmp, a__txt=GOOD_ARTICLE)
    (tmp / "alias").symlink_to(corpus)
    return (
        corpus,
        tmp / "alias",
        f"{tmp / 'alias'}: is the corpus folder itself, so the next run would read the report files "
        "as articles; choose an --out outside it (a sub-folder such as reports/ is never read).",
    )


def txt_and_md_share_an_id(tmp: Path):
    corpus = folder(tmp, story__txt=GOOD_ARTICLE, story__md="# 标题\n\n中国回应。\n")
    return (
        corpus,
        None,
        f"{corpus / 'story.md'} and {corpus / 'story.txt'} both give the article id 'story' (the file "
        "name without its extension); rename one of them or list them in a corpus.csv with their own ids.",
    )


def txt_and_html_share_an_id(tmp: Path):
    corpus = folder(tmp, b__html="<html><body><p>中国回应。</p></body></html>", b__txt=GOOD_ARTICLE)
    return (
        corpus,
        None,
        f"{corpus / 'b.html'} and {corpus / 'b.txt'} both give the article id 'b' (the file name "
        "without its extension); rename one of them or list them in a corpus.csv with their own ids.",
    )


def link_leaving_the_folder(tmp: Path):
    corpus = folder(tmp, a__txt=GOOD_ARTICLE)
    (tmp / "private.txt").write_text("外部文件的内容。", "utf-8")
    (corpus / "b.txt").symlink_to(tmp / "private.txt")
    return (
        corpus,
        None,
        f"{corpus / 'b.txt'}: is a symbolic link to {tmp / 'private.txt'}, outside the corpus "
        f"directory {corpus}; copy the article into the folder instead.",
    )


def manifest_row_naming_a_link_that_leaves(tmp: Path):
    corpus = manifest(tmp, "a.txt,a,甲,,", "b.txt,b,乙,,")
    (tmp / "private.txt").write_text("外部文件的内容。", "utf-8")
    (corpus / "b.txt").symlink_to(tmp / "private.txt")
    return (
        corpus,
        None,
        f"{corpus / 'corpus.csv'}:3: path 'b.txt' escapes the corpus directory {corpus}; keep "
        "article files inside it.",
    )


def fifo_in_folder(tmp: Path):
    corpus = folder(tmp, a__txt=GOOD_ARTICLE)
    os.mkfifo(corpus / "feed.txt")
    return corpus, None, _special(corpus / "feed.txt", "a named pipe (FIFO)")


def fifo_as_corpus(tmp: Path):
    os.mkfifo(tmp / "feed.txt")
    return tmp / "feed.txt", None, _special(tmp / "feed.txt", "a named pipe (FIFO)")


def fifo_named_in_manifest(tmp: Path):
    corpus = manifest(tmp, "a.txt,a,甲,,", "feed.txt,b,乙,,")
    os.mkfifo(corpus / "feed.txt")
    return corpus, None, _special(corpus / "feed.txt", "a named pipe (FIFO)")


def fifo_as_manifest(tmp: Path):
    corpus = folder(tmp, a__txt=GOOD_ARTICLE)
    os.mkfifo(corpus / "corpus.csv")
    return corpus, None, _special(corpus / "corpus.csv", "a named pipe (FIFO)")


def device_as_corpus(tmp: Path):
    return Path("/dev/null"), None, _special("/dev/null", "a character device")


def socket_in_folder(tmp: Path):
    corpus = folder(tmp, a__txt=GOOD_ARTICLE)
    server = socket.socket(socket.AF_UNIX)
    here = Path.cwd()
    os.chdir(corpus)  # a socket path must be short: bind the bare name
    try:
        server.bind("s.txt")
    finally:
        os.chdir(here)
    server.close()  # the socket file stays
    return corpus, None, _special(corpus / "s.txt", "a socket")


def _special(path: Path | str, kind: str) -> str:
    return (
        f"{path}: is {kind}, not a regular file, and reading it could wait forever; save the "
        "article as an ordinary file."
    )


def non_utf8_name_in_folder(tmp: Path):
    corpus = folder(tmp, a__txt=GOOD_ARTICLE)
    (corpus / os.fsdecode(b"\xff\xfe.txt")).write_text("中国回应。", "utf-8")
    return corpus, None, _bad_name(f"{corpus}/\\xff\\xfe.txt")


def non_utf8_name_as_corpus(tmp: Path):
    path = tmp / os.fsdecode(b"caf\xe9.txt")  # café in Latin-1
    path.write_text(GOOD_ARTICLE, "utf-8")
    return path, None, _bad_name(f"{tmp}/caf\\xe9.txt")


def _bad_name(shown: str) -> str:
    return (
        f"{shown}: the file name is not valid UTF-8; rename the file (article ids and reports are "
        "written in UTF-8)."
    )


def manifest_language_unknown(tmp: Path):
    corpus = manifest(tmp, "a.txt,a,甲,klingon,")
    return (
        corpus,
        None,
        f"{corpus / 'corpus.csv'}:2: language 'klingon' is not one of zh, en (or a tag such as zh-TW, "
        "en-US); use one of these, or leave it empty to have it detected.",
    )


def manifest_script_unknown(tmp: Path):
    corpus = manifest(tmp, "a.txt,a,甲,zh,simplified", "a.txt,b,乙,zh,Cyrl")
    return (
        corpus,
        None,
        f"{corpus / 'corpus.csv'}:3: script 'Cyrl' is not one of simplified, traditional, none; use "
        "one of these, or leave it empty to have it detected.",
    )


def jsonl_language_unknown(tmp: Path):
    table = jsonl(tmp, '{"text": "中国回应。"}', '{"text": "美国宣布。", "language": "chinese"}')
    return (
        table,
        None,
        f"{table}:2: language 'chinese' is not one of zh, en (or a tag such as zh-TW, en-US); use one "
        "of these, or leave it empty to have it detected.",
    )


def _wrong_type(record: str, field: str, kind: str) -> Case:
    def case(tmp: Path):
        table = jsonl(tmp, '{"text": "中国回应。"}', record)
        return table, None, f"{table}:2: '{field}' is a JSON {kind}, not a string; write it as a JSON string."

    return case


def _surrogate(record: str, field: str) -> Case:
    def case(tmp: Path):
        table = jsonl(tmp, '{"text": "中国回应。"}', record)
        return (
            table,
            None,
            f"{table}:2: '{field}' holds a lone surrogate (\\ud800), which is not text; fix the "
            "escape or re-export the file as UTF-8.",
        )

    return case


def zero_width_only_file(tmp: Path):
    corpus = folder(tmp, a__txt=GOOD_ARTICLE, b__txt="\u200b\u200d\n\ufeff\u2060 \n")
    return corpus, None, _empty(corpus / "b.txt")


def control_characters_only_file(tmp: Path):
    corpus = folder(tmp, a__txt=GOOD_ARTICLE, b__txt="\x07\x1b\x07\n")
    return corpus, None, _empty(corpus / "b.txt")


def _empty(path: Path) -> str:
    return f"{path}: the file is empty; remove it from the corpus or save the article again."


def html_with_only_a_nav_link(tmp: Path):
    corpus = folder(
        tmp, a__txt=GOOD_ARTICLE, b__html='<html><body><nav><a href="/">Home</a></nav></body></html>'
    )
    return corpus, None, _no_html_text(corpus / "b.html")


def html_with_only_links(tmp: Path):
    page = '<!DOCTYPE html><html><body><div><a href="/">首页</a> <a href="/news">新闻</a></div></body></html>'
    corpus = folder(tmp, a__txt=GOOD_ARTICLE, b__html=page)
    return corpus, None, _no_html_text(corpus / "b.html")


def jsonl_html_body_with_only_a_menu(tmp: Path):
    record = json.dumps({"text": '<html><body><header><a href="/">Home</a></header></body></html>'})
    table = jsonl(tmp, '{"text": "中国回应。"}', record)
    return table, None, _no_html_text(f"{table}:2")


def _no_html_text(path: Path | str) -> str:
    return f"{path}: no article text found in this HTML page; save the article text itself."


CASES: dict[str, Case] = {
    "out_is_corpus": out_is_corpus,
    "out_is_corpus_through_link": out_is_corpus_through_link,
    "txt_and_md_share_an_id": txt_and_md_share_an_id,
    "txt_and_html_share_an_id": txt_and_html_share_an_id,
    "link_leaving_the_folder": link_leaving_the_folder,
    "manifest_row_naming_a_link_that_leaves": manifest_row_naming_a_link_that_leaves,
    "fifo_in_folder": fifo_in_folder,
    "fifo_as_corpus": fifo_as_corpus,
    "fifo_named_in_manifest": fifo_named_in_manifest,
    "fifo_as_manifest": fifo_as_manifest,
    "device_as_corpus": device_as_corpus,
    "socket_in_folder": socket_in_folder,
    "non_utf8_name_in_folder": non_utf8_name_in_folder,
    "non_utf8_name_as_corpus": non_utf8_name_as_corpus,
    "manifest_language_unknown": manifest_language_unknown,
    "manifest_script_unknown": manifest_script_unknown,
    "jsonl_language_unknown": jsonl_language_unknown,
    "jsonl_text_object": _wrong_type('{"text": {"a": 1}}', "text", "object"),
    "jsonl_text_array": _wrong_type('{"text": ["中国", "回应"]}', "text", "array"),
    "jsonl_text_number": _wrong_type('{"text": 3.5}', "text", "number"),
    "jsonl_source_boolean": _wrong_type('{"text": "美国宣布。", "source": true}', "source", "boolean"),
    "jsonl_label_number": _wrong_type('{"text": "美国宣布。", "label": 7}', "label", "number"),
    "jsonl_id_boolean": _wrong_type('{"text": "美国宣布。", "id": false}', "id", "boolean"),
    "jsonl_surrogate_in_text": _surrogate('{"text": "美国\\ud800宣布。"}', "text"),
    "jsonl_surrogate_in_source": _surrogate('{"text": "美国宣布。", "source": "\\ud800"}', "source"),
    "zero_width_only_file": zero_width_only_file,
    "control_characters_only_file": control_characters_only_file,
    "html_with_only_a_nav_link": html_with_only_a_nav_link,
    "html_with_only_links": html_with_only_links,
    "jsonl_html_body_with_only_a_menu": jsonl_html_body_with_only_a_menu,
}


@pytest.mark.parametrize("name", CASES)
def test_bad_corpus_is_refused_and_the_report_kept(name, run_cli, reference, tmp_path):
    ref_out, ref_bytes = reference
    corpus, out, expected = CASES[name](tmp_path)
    if out is None:
        out = tmp_path / "out"
    shutil.copytree(ref_out, out, dirs_exist_ok=True)
    before = snapshot(out)
    assert {k: v for k, v in before.items() if k in ref_bytes} == ref_bytes
    code, stdout, stderr = run_cli("report", corpus, "--out", out, "--quiet")
    assert (code, stderr) == (2, f"error: {expected}\n")
    assert stdout == ""
    assert snapshot(out) == before


# -- what only looked bad ----------------------------------------------------------------------


def test_english_utf16le_without_bom_is_read():
    text = "The Commerce Department announced new export controls.\nOfficials said more would follow.\n"
    decoded, encoding = decode_bytes(text.encode("utf-16-le"), "x.txt")
    assert (decoded, encoding) == (text, "utf_16")


def test_english_utf16le_file_in_a_folder(tmp_path):
    (tmp_path / "wire.txt").write_bytes("Washington announced new tariffs on Monday.".encode("utf-16-le"))
    (doc,) = read_corpus(tmp_path)
    assert (doc.article_id, doc.text, doc.encoding) == (
        "wire",
        "Washington announced new tariffs on Monday.",
        "utf_16",
    )


def test_zero_width_space_inside_a_name_is_a_mention(reference):
    out, _ = reference
    with (out / "mentions.csv").open(encoding="utf-8", newline="") as handle:
        rows = [(r["article_id"], r["target"], r["alias"]) for r in csv.DictReader(handle)]
    assert ("wire", "us", "美国商务部") in rows
    sentences = (out / "sentences.csv").read_text("utf-8")
    assert "美国商务部宣布新的出口管制措施。" in sentences
    assert "\u200b" not in sentences


def test_control_characters_are_removed_and_counted(reference):
    out, _ = reference
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert manifest["control_characters_removed"] == 3
    for name in ("sentences.csv", "articles.csv", "report.html", "report.md"):
        text = (out / name).read_text("utf-8")
        assert not [c for c in text if ord(c) < 32 and c not in "\t\n\r"], name
    with (out / "sentences.csv").open(encoding="utf-8", newline="") as handle:
        paper = [r["text"] for r in csv.DictReader(handle) if r["article_id"] == "paper"]
    # The form feed became a line break: the two sentences stay apart.
    assert paper == ["评论", "中国外交部回应了这一决定。", "有关部门表示关注。"]


def test_control_characters_in_jsonl_text_and_metadata_are_counted(tmp_path):
    table = jsonl(
        tmp_path,
        json.dumps({"id": 17, "source": "甲\u0007报", "text": "美国\u0000宣布\u001b新措施。\u0085第二句。"}),
        json.dumps({"id": "b", "source": "乙报", "text": "中国回应。"}),
    )
    docs = read_corpus(table)
    assert [(d.article_id, d.source, d.text, d.control_characters) for d in docs] == [
        ("17", "甲报", "美国宣布新措施。\n第二句。", 4),
        ("b", "乙报", "中国回应。", 0),
    ]


def test_long_csv_cell_is_read(tmp_path):
    body = "美国宣布新的关税措施。" * 20_000  # 220,000 characters, over the csv default of 131,072
    table = tmp_path / "long.csv"
    with table.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([("article_id", "source", "text"), ("long", "甲报", body)])
    limit = csv.field_size_limit()
    (doc,) = read_corpus(table)
    assert (doc.article_id, len(doc.text)) == ("long", len(body))
    assert csv.field_size_limit() == limit


def test_link_inside_the_folder_is_read(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD_ARTICLE, "utf-8")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    assert [(d.article_id, d.text) for d in read_corpus(tmp_path)] == [
        ("a", GOOD_ARTICLE),
        ("b", GOOD_ARTICLE),
    ]


def test_out_below_the_corpus_is_allowed(tmp_path):
    # A folder corpus is read without descending, so a sub-folder report is never read back.
    (tmp_path / "a.txt").write_text(GOOD_ARTICLE, "utf-8")
    check_out_outside_corpus(tmp_path, tmp_path / "reports")
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "report.md").write_text("# 报告\n", "utf-8")
    assert [d.article_id for d in read_corpus(tmp_path)] == ["a"]


def test_files_a_folder_does_not_read_are_named_in_one_warning(run_cli, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(GOOD_ARTICLE, "utf-8")
    (corpus / ".notes").write_text("hidden: not an article, not named", "utf-8")
    (corpus / "drafts").mkdir()  # a sub-folder: never read, not named
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert [d.article_id for d in read_corpus(corpus)] == ["a"]
    assert not [w for w in caught if issubclass(w.category, StanceWarning)]  # nothing else in the folder
    for name in ("b.pdf", "c.docx", "d.jsonl", "e.PDF"):
        (corpus / name).write_bytes(b"%PDF")
    code, stdout, stderr = run_cli("report", corpus, "--out", tmp_path / "out", "--quiet")
    assert (code, stdout) == (0, f"wrote 16 files to {tmp_path / 'out'}\n")
    assert stderr == (
        f"warning: {corpus}: 4 files not read (b.pdf, c.docx, d.jsonl and 1 more): a folder's articles "
        "are its .txt, .md and .html files; save the others as text, or give a table (.csv, .jsonl) as "
        "the corpus on its own.\n"
    )


@pytest.mark.parametrize(
    ("language", "script", "expected"),
    [
        ("zh-TW", "", ("zh", "")),
        ("zh-Hant-HK", "", ("zh", "traditional")),
        ("zh_hans", "", ("zh", "simplified")),
        ("zh-Hant", "simplified", ("zh", "simplified")),  # a script given outright wins
        ("EN-us", "None", ("en", "none")),
        ("", "Hant", ("", "traditional")),
        ("zh", "Traditional", ("zh", "traditional")),
    ],
)
def test_language_tags_and_script_codes_are_read(language, script, expected):
    from stance.corpus.read.documents import METADATA_FIELDS, clean_metadata

    values = dict.fromkeys(METADATA_FIELDS, "") | {"language": language, "script": script}
    meta, _ = clean_metadata("corpus.csv:2", values)
    assert (meta["language"], meta["script"]) == expected


def test_known_language_and_script_are_kept(tmp_path):
    corpus = manifest(tmp_path, "a.txt,a,甲,en,none")
    (doc,) = read_corpus(corpus)
    assert isinstance(doc, RawDocument)
    assert (doc.language, doc.script) == ("en", "none")
