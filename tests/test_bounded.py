"""Bounded work and checks before any work (issue 10): option values refused while the arguments
are parsed, model archives checked before anything is inflated or analysed, names drawn as
written in the charts, a broken segmentation cache that only warns, and a sentence splitter that
loses no character and returns no sentence longer than its bound."""

from __future__ import annotations

import io
import itertools
import json
import os
import sqlite3
import subprocess
import sys
import tracemalloc
import unicodedata
import warnings
import zipfile
from collections.abc import Iterable
from contextlib import closing
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stance.errors import ModelError, StanceWarning
from stance.model.learn import MAX_RATIO, check_model_file, load_model
from stance.text.segment import Segmenter
from stance.text.sentences import MAX_SENTENCE_CHARS, split_sentences

# -- options: refused while parsing, one line, exit 2, nothing written --------------------------

SEED_MAX = 2**32 - 1


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["report", "--similarity", "nan"],
            "stance report: error: argument --similarity: nan is not a finite number",
        ),
        (
            ["report", "--similarity", "2"],
            "stance report: error: argument --similarity: 2 is outside 0 to 1; give a number from 0 to 1",
        ),
        (
            ["report", "--similarity", "-0.1"],
            "stance report: error: argument --similarity: -0.1 is outside 0 to 1; give a number from 0 to 1",
        ),
        (
            ["report", "--similarity", "half"],
            "stance report: error: argument --similarity: 'half' is not a number",
        ),
        (
            ["report", "--prior-sentences", "inf"],
            "stance report: error: argument --prior-sentences: inf is not a finite number",
        ),
        (
            ["report", "--prior-sentences", "-1"],
            "stance report: error: argument --prior-sentences: -1 is negative; give 0 or more",
        ),
        (
            ["report", "--min-sentences", "-3"],
            "stance report: error: argument --min-sentences: -3 is negative; give 0 or more",
        ),
        (
            ["report", "--min-sentences", "2.5"],
            "stance report: error: argument --min-sentences: '2.5' is not a whole number",
        ),
        (
            ["report", "--seed", "-1"],
            f"stance report: error: argument --seed: -1 is outside 0 to {SEED_MAX}; give a seed in that range",
        ),
        (
            ["report", "--workers", "0"],
            "stance report: error: argument --workers: 0 is less than 1; give 1 or more",
        ),
        (
            ["train", "labels.csv", "--out", "m.model", "--seed", str(2**32)],
            f"stance train: error: argument --seed: {2**32} is outside 0 to {SEED_MAX}; give a seed in that range",
        ),
        (
            ["evaluate", "gold.csv", "--threshold", "0"],
            "stance evaluate: error: argument --threshold: 0 is outside (0, 1]; give a number above 0 and at "
            "most 1 (scores lie in [-1, 1])",
        ),
        (
            ["evaluate", "gold.csv", "--threshold", "nan"],
            "stance evaluate: error: argument --threshold: nan is not a finite number",
        ),
        (
            ["evaluate", "--articles", "l.csv", "--midpoint", "inf"],
            "stance evaluate: error: argument --midpoint: inf is not a finite number",
        ),
        (
            ["lexicon", "import", "d.yaml", "--out", "lex", "--name", "mine", "--weight", "-0.5"],
            "stance lexicon import: error: argument --weight: -0.5 is negative; give 0 or more",
        ),
        (
            ["lexicon", "import", "d.yaml", "--out", "lex", "--name", "mine", "--weight", "nan"],
            "stance lexicon import: error: argument --weight: nan is not a finite number",
        ),
    ],
)
def test_bad_option_values_stop_before_any_work(run_cli, capsys, tmp_path, monkeypatch, argv, message):
    out = tmp_path / "out"
    out.mkdir()
    (out / "report.md").write_text("the previous report\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # relative --out paths of the other commands land here
    with pytest.raises(SystemExit) as stopped:
        run_cli(*argv, *(["--out", out] if argv[0] == "report" else []))
    assert stopped.value.code == 2
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == ("", message + "\n")
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["out", "report.md"]
    assert (out / "report.md").read_text(encoding="utf-8") == "the previous report\n"


@pytest.mark.parametrize(("value", "expected"), [("0", 0.0), ("1", 1.0), ("0.25", 0.25)])
def test_similarity_accepts_the_whole_unit_interval(value, expected):
    from stance.cli.main import build_parser

    assert build_parser().parse_args(["report", "--similarity", value]).similarity == expected


def test_config_refuses_the_same_values_in_code():
    from stance.config import RunConfig

    for settings, message in (
        (
            {"similarity_threshold": float("nan")},
            "similarity_threshold must be a number from 0 to 1, not nan",
        ),
        ({"similarity_threshold": 2}, "similarity_threshold must be a number from 0 to 1, not 2"),
        ({"prior_sentences": float("inf")}, "prior_sentences must be a finite number of 0 or more, not inf"),
        ({"min_sentences": -1}, "min_sentences must be a whole number of at least 0, not -1"),
        ({"seed": -5}, "seed must be a whole number of at least 0, not -5"),
        ({"voices": "everyone"}, "voices must be one of all, author, not 'everyone'"),
    ):
        with pytest.raises(ValueError) as err:
            RunConfig(**settings)
        assert str(err.value) == message


# -- model archives: checked from the zip directory, before any analysis --------------------------


def _zip(path: Path, members: dict[str, bytes], *, declared: dict[str, int] | None = None) -> Path:
    """A zip of ``members``; ``declared`` overrides the uncompressed size the directory states."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
        for info in archive.infolist():
            info.file_size = (declared or {}).get(info.filename, info.file_size)
    return path


def _retrain(path: Path) -> str:
    return f"; retrain with `stance train LABELS.csv --out {path.name}`."


def _ratio(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(name)
    return f"{info.file_size / info.compress_size:,.0f}:1"


BOMB_BYTES = 64 * 2**20  # inflates to 64 MiB; about 65 KB on disk


@pytest.fixture(scope="module")
def bomb(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("bomb") / "bomb.model"
    return _zip(path, {"metadata.json": b"{}", "pipeline.skops": bytes(BOMB_BYTES)})


def test_zip_bomb_is_refused_from_its_directory(bomb):
    assert bomb.stat().st_size < 200_000
    tracemalloc.start()
    try:
        with pytest.raises(ModelError) as err:
            load_model(bomb)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert str(err.value) == (
        f"{bomb}: the model file member 'pipeline.skops' is compressed {_ratio(bomb, 'pipeline.skops')}, "
        f"over {MAX_RATIO}:1 (a zip bomb?)" + _retrain(bomb)
    )
    assert peak < 2 * 2**20  # nothing was inflated


def test_declared_sizes_are_checked_before_reading(tmp_path):
    huge = _zip(
        tmp_path / "huge.model",
        {"metadata.json": b"{}", "pipeline.skops": b"PK"},
        declared={"pipeline.skops": 300 * 2**30},
    )
    with pytest.raises(ModelError) as err:
        check_model_file(huge)
    assert str(err.value) == (
        f"{huge}: the model file member 'pipeline.skops' unpacks to 322,122,547,200 bytes, over 268,435,456"
        + _retrain(huge)
    )


def test_too_many_members_and_encrypted_members_are_refused(tmp_path):
    crowded = _zip(tmp_path / "crowded.model", {f"m{i}.json": b"{}" for i in range(17)})
    with pytest.raises(ModelError) as err:
        check_model_file(crowded)
    assert str(err.value) == (
        f"{crowded}: the model file holds 17 members, more than a model has (16)" + _retrain(crowded)
    )
    locked = tmp_path / "locked.model"
    with zipfile.ZipFile(locked, "w") as archive:
        archive.writestr("metadata.json", b"{}")
        archive.writestr("pipeline.skops", b"not really encrypted")
        archive.getinfo("pipeline.skops").flag_bits |= 0x1  # as the directory will state it
    with pytest.raises(ModelError) as err:
        check_model_file(locked)
    assert str(err.value) == f"{locked}: the model file member 'pipeline.skops' is encrypted" + _retrain(
        locked
    )


def test_bomb_inside_the_skops_part_is_refused_before_skops_reads_it(tmp_path):
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("schema.json", b"{}")
        archive.writestr("1.npy", bytes(BOMB_BYTES))
    model = _zip(tmp_path / "nested.model", {"metadata.json": b"{}", "pipeline.skops": inner.getvalue()})
    check_model_file(model)  # the outer archive is sound
    with pytest.raises(ModelError) as err:
        load_model(model)
    assert str(err.value).startswith(f"{model}: its pipeline part member '1.npy' is compressed ")
    assert str(err.value).endswith(f", over {MAX_RATIO}:1 (a zip bomb?)" + _retrain(model))


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"this is a text file, not a model\n", "not a readable stance model (BadZipFile)"),
        (b"", "not a readable stance model (BadZipFile)"),
        (None, "not a stance model (metadata.json or pipeline.skops missing)"),
    ],
    ids=["text", "empty", "zip-without-parts"],
)
def test_bad_model_files_are_one_line_model_errors(tmp_path, content, why):
    path = tmp_path / "m.model"
    if content is None:
        _zip(path, {"notes.txt": b"hello"})
    else:
        path.write_bytes(content)
    for check in (check_model_file, load_model):
        with pytest.raises(ModelError) as err:
            check(path)
        assert str(err.value) == f"{path}: {why}" + _retrain(path)


def test_truncated_model_is_refused(tmp_path):
    whole = io.BytesIO()
    with zipfile.ZipFile(whole, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("metadata.json", json.dumps({"format": "stance-model"}))
        archive.writestr("pipeline.skops", os.urandom(4000))
    path = tmp_path / "cut.model"
    path.write_bytes(whole.getvalue()[:3000])
    with pytest.raises(ModelError) as err:
        load_model(path)
    assert str(err.value) == f"{path}: not a readable stance model (BadZipFile)" + _retrain(path)


@pytest.fixture
def no_run(monkeypatch):
    """Fail the test if the report pipeline starts."""

    def run_report(*args, **kwargs):
        raise AssertionError("the corpus was analysed before the model was checked")

    monkeypatch.setattr("stance.pipeline.run_report", run_report)


def test_report_refuses_a_bad_model_before_reading_the_corpus(run_cli, bomb, tmp_path, no_run):
    out = tmp_path / "out"
    out.mkdir()
    (out / "report.md").write_text("old\n", encoding="utf-8")
    code, stdout, stderr = run_cli("report", tmp_path / "corpus", "--model", bomb, "--out", out)
    assert (code, stdout) == (2, "")
    assert stderr == (
        f"error: {bomb}: the model file member 'pipeline.skops' is compressed {_ratio(bomb, 'pipeline.skops')}, "
        f"over {MAX_RATIO}:1 (a zip bomb?)" + _retrain(bomb) + "\n"
    )
    assert [p.name for p in out.iterdir()] == ["report.md"]


def test_report_refuses_a_missing_model_before_reading_the_corpus(run_cli, tmp_path, no_run):
    code, _, stderr = run_cli("report", "--model", tmp_path / "none.model", "--out", tmp_path / "out")
    assert (code, stderr) == (
        2,
        f"error: {tmp_path / 'none.model'}: no such model file; check the --model path.\n",
    )
    assert not (tmp_path / "out").exists()


# -- charts: names drawn as written --------------------------------------------------------------

MATH_SOURCES = ("$\\frac{$", "$x$", "a$b$c")


def _jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def _small_corpus(path: Path, sources=("报社", "通讯社", "Daily")) -> Path:
    texts = (
        "美国威胁盟友，手段十分强硬。美国的关税政策遭到批评。\n中国表示将坚决反制。",
        "美国慷慨援助邻国，赢得称赞。美国推动对话合作。\n中国承诺扩大开放。",
        "Washington threatened its allies and the tariffs were widely criticised. China vowed to retaliate.",
    )
    return _jsonl(
        path,
        [
            {"id": f"a{i}", "source": s, "text": t}
            for i, (s, t) in enumerate(zip(sources, texts, strict=True))
        ],
    )


def test_mathtext_source_names_render_literally(run_cli, tmp_path):
    import re

    corpus = _small_corpus(tmp_path / "math.jsonl", MATH_SOURCES)
    code, _, stderr = run_cli("report", corpus, "--out", tmp_path / "out", "--quiet", "--workers", "1")
    assert (code, stderr) == (0, "")
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    legends = [re.findall(r">([^<]*)</text>", svg) for svg in re.findall(r"<svg.*?</svg>", html, re.S)]
    # The stance map of the US: every source's legend entry, dollar signs and all.
    assert [
        "A  $\\frac{$ (too few sentences)",
        "B  $x$ (too few sentences)",
        "C  a$b$c (too few sentences)",
    ] in [[t for t in texts if "$" in t] for texts in legends]


# -- the segmentation cache: a broken one warns once and is not used ----------------------------

TEXTS = ("Tariffs rose 5% in May.", "Exports fell 8.5% in June.")


def _cache_file(folder: Path) -> Path:
    """Where a segmenter of no terms keeps its cache in ``folder`` (nothing is created)."""
    return folder / f"segments-{Segmenter([], engine='jieba').dictionary_key}.sqlite"


def _write_cache(path: Path, entries: dict[str, object]) -> None:
    """A cache file holding ``entries`` as they are (bytes are stored as blobs)."""
    with closing(sqlite3.connect(path)) as db, db:
        db.execute("CREATE TABLE segments (text TEXT PRIMARY KEY, tokens TEXT NOT NULL) WITHOUT ROWID")
        db.executemany("INSERT INTO segments VALUES (?, ?)", entries.items())


def _read_cache(path: Path) -> dict[str, str]:
    with closing(sqlite3.connect(path)) as db:
        return dict(db.execute("SELECT text, tokens FROM segments"))


def _one_warning(record: list[warnings.WarningMessage]) -> str:
    messages = [str(w.message) for w in record if issubclass(w.category, StanceWarning)]
    assert len(messages) == 1, messages
    return messages[0]


DAMAGED = "the segmentation cache is damaged ({}); it was deleted and a new one started"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{not json", DAMAGED.format("file is not a database")),
        (b"\xff\xfe\x00" * 200, DAMAGED.format("file is not a database")),
        ("other-table", DAMAGED.format("not a segmentation cache")),
        ("truncated", DAMAGED.format("database disk image is malformed")),
    ],
    ids=["not-sqlite", "binary", "other-table", "truncated"],
)
def test_damaged_cache_warns_once_and_is_replaced(tmp_path, content, message):
    path = _cache_file(tmp_path)
    many = [f"Exports fell {i}% in June." for i in range(3000)]
    if content == "other-table":
        with closing(sqlite3.connect(path)) as db, db:
            db.execute("CREATE TABLE segments (text TEXT, tokens TEXT, extra TEXT)")
    elif content == "truncated":
        _write_cache(path, {t: " ".join(t.removesuffix(".").split()) + " ." for t in many})
        with path.open("r+b") as file:
            file.truncate(path.stat().st_size // 2)
    else:
        path.write_bytes(content)
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        segmenter = Segmenter([], engine="jieba", cache_dir=tmp_path)
        cuts = segmenter.cut_many([*many, TEXTS[0]])
        segmenter.save_cache()
    assert _one_warning(record) == f"{path}: {message}"
    assert cuts[-1] == ("Tariffs", "rose", "5%", "in", "May", ".")
    assert cuts[:-1] == [segmenter._cut_uncached(t) for t in many]
    # A sound cache now, with what this run cut (the damaged entries are gone, not kept).
    assert _read_cache(path)[TEXTS[0]] == "Tariffs rose 5% in May ."


def test_cache_entries_that_do_not_join_back_warn_once_and_are_replaced(tmp_path):
    path = _cache_file(tmp_path)
    # A sound entry (even one jieba would not give: the cache is trusted on boundaries) and bad ones.
    _write_cache(
        path,
        {TEXTS[0]: "Tariffs rose 5% in May.", TEXTS[1]: "Exports", "Prices held.": b"Prices held ."},
    )
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        segmenter = Segmenter([], engine="jieba", cache_dir=tmp_path)
        cuts = segmenter.cut_many([*TEXTS, "Prices held."])
        assert segmenter.cut(TEXTS[1]) == cuts[1]  # read again: from memory, not counted twice
        segmenter.save_cache()
    assert _one_warning(record) == (
        f"{path}: cached segmentations were ignored (not text, or tokens that do not join back to the "
        "text); those sentences are segmented again and their entries replaced"
    )
    assert segmenter.ignored_cache_entries == 2
    assert cuts == [
        ("Tariffs", "rose", "5%", "in", "May."),
        ("Exports", "fell", "8.5%", "in", "June", "."),
        ("Prices", "held", "."),
    ]
    assert _read_cache(path) == {
        TEXTS[0]: "Tariffs rose 5% in May.",
        TEXTS[1]: "Exports fell 8.5% in June .",
        "Prices held.": "Prices held .",
    }


def test_a_cache_that_is_not_a_regular_file_is_not_used(tmp_path):
    path = _cache_file(tmp_path)
    path.mkdir()
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        segmenter = Segmenter([], engine="jieba", cache_dir=tmp_path)
        assert segmenter.cut(TEXTS[0]) == ("Tariffs", "rose", "5%", "in", "May", ".")
        segmenter.save_cache()
    assert _one_warning(record) == f"{path}: the segmentation cache is not a regular file; it was not read"
    assert path.is_dir() and not any(path.iterdir())


def test_old_json_caches_are_deleted(tmp_path):
    old = tmp_path / "segments-jieba-0123456789abcdef.json"
    old.write_text("{}", encoding="utf-8")
    mine = tmp_path / "segments-notes.json"
    mine.write_text("{}", encoding="utf-8")
    Segmenter([], engine="jieba", cache_dir=tmp_path)
    assert not old.exists() and mine.exists()


def _cut_in_batches(segmenter: Segmenter, texts: Iterable[str], batch: int = 500) -> None:
    pending: list[str] = []
    for text in texts:
        pending.append(text)
        if len(pending) == batch:
            segmenter.cut_many(pending)
            pending = []
    segmenter.cut_many(pending)


@pytest.mark.parametrize("saves", ["at-the-end", "every-batch"])
def test_segmenter_memory_does_not_grow_with_the_texts_cut(tmp_path, saves):
    """Ten times the distinct texts, with a cache folder: nothing like ten times the memory, also
    when save_cache is only called at the end (new segmentations are written as they pile up)."""

    def peak(n: int) -> int:
        segmenter = Segmenter([], engine="jieba", cache_dir=tmp_path / str(n))
        texts = (f"Shipments of item {i} rose {i % 97}% in May." for i in range(n))
        tracemalloc.start()
        try:
            if saves == "every-batch":
                for _ in range(0, n, 1000):
                    _cut_in_batches(segmenter, itertools.islice(texts, 1000))
                    segmenter.save_cache()
            else:
                _cut_in_batches(segmenter, texts)
                segmenter.save_cache()
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    small, large = peak(2_000), peak(20_000)
    assert large < 3 * small, (small, large)
    with closing(sqlite3.connect(_cache_file(tmp_path / "20000"))) as db:
        assert db.execute("SELECT count(*) FROM segments").fetchone() == (20_000,)


_WRITER = """
import sys, time
from pathlib import Path
from stance.text.segment import Segmenter

folder, name, go = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
segmenter = Segmenter([], engine="jieba", cache_dir=folder)
while not go.exists():
    time.sleep(0.01)
for round in range(30):
    segmenter.cut_many([f"{name} exports rose {round}.{i}% in May." for i in range(200)])
    segmenter.save_cache()
"""


def test_two_processes_write_the_same_cache_at_once(tmp_path):
    go = tmp_path / "go"
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(tmp_path), name, str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("Steel", "Copper")
    ]
    go.touch()  # both start writing together: 30 transactions each
    results = [(w.wait(timeout=120), *w.communicate()) for w in writers]
    assert results == [(0, "", ""), (0, "", "")]
    expected = {
        f"{name} exports rose {r}.{i}% in May.": f"{name} exports rose {r}.{i}% in May ."
        for name in ("Steel", "Copper")
        for r in range(30)
        for i in range(200)
    }
    assert _read_cache(_cache_file(tmp_path)) == expected


def _read_only_folder(tmp_path: Path) -> Path:
    """A folder where no file can be created: root ignores permission bits, not /sys."""
    if os.geteuid() != 0:
        folder = tmp_path / "read-only"
        folder.mkdir()
        folder.chmod(0o555)
        return folder
    if not os.path.isdir("/sys") or _can_create_in("/sys"):
        pytest.skip("no folder here refuses new files to root")
    return Path("/sys")


def _can_create_in(folder: str) -> bool:
    try:
        fd = os.open(os.path.join(folder, ".stance-probe"), os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except OSError:
        return False
    os.close(fd)
    os.unlink(os.path.join(folder, ".stance-probe"))
    return True


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> dict[str, bytes]:
    """The small corpus's report with a working cache, file by file."""
    from stance.cli.main import main

    folder = tmp_path_factory.mktemp("reference")
    corpus = _small_corpus(folder / "corpus.jsonl")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("STANCE_CACHE_DIR", str(folder / "cache"))
        assert main(["report", str(corpus), "--out", str(folder / "out"), "--quiet", "--workers", "1"]) == 0
    return {p.name: p.read_bytes() for p in sorted((folder / "out").iterdir()) if p.is_file()}


@pytest.mark.parametrize("where", ["file", "read-only", "poisoned", "damaged"])
def test_report_runs_on_without_a_broken_cache(run_cli, tmp_path, monkeypatch, reference, where):
    if where == "file":
        cache = tmp_path / "cache"
        cache.write_text("not a folder\n", encoding="utf-8")
        expected = (
            f"warning: {cache}: is a file, not a folder, so it cannot hold the segmentation cache; "
            "segmentations are not cached, the results are the same (set STANCE_CACHE_DIR to a writable folder)"
        )
    elif where == "read-only":
        cache = _read_only_folder(tmp_path)
        expected = (
            f"warning: {cache}: cannot write the segmentation cache here (Permission denied); segmentations "
            "are not cached, the results are the same (set STANCE_CACHE_DIR to a writable folder)"
        )
    else:
        cache = tmp_path / "cache"
        cache.mkdir()
        from stance.lexicon import load_lexicons
        from stance.pipeline import lexicon_terms

        key = Segmenter(lexicon_terms(load_lexicons()), engine="auto").dictionary_key
        path = cache / f"segments-{key}.sqlite"
        if where == "damaged":
            path.write_bytes(b"not a database\n" * 100)
            expected = f"warning: {path}: {DAMAGED.format('file is not a database')}"
        else:
            # Every sentence of the corpus cached with tokens that say something else.
            _write_cache(
                path, dict.fromkeys(("美国威胁盟友,手段十分强硬。", "中国表示将坚决反制。"), "美国 称赞 盟友")
            )
            expected = (
                f"warning: {path}: cached segmentations were ignored (not text, or tokens that do not join "
                "back to the text); those sentences are segmented again and their entries replaced"
            )
    monkeypatch.setenv("STANCE_CACHE_DIR", str(cache))
    out = tmp_path / "out"
    code, stdout, stderr = run_cli(
        "report", _small_corpus(tmp_path / "c.jsonl"), "--out", out, "--quiet", "--workers", "1"
    )
    assert (code, stdout, stderr) == (0, f"wrote {len(reference)} files to {out}\n", expected + "\n")
    written = {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()}
    assert written.keys() == reference.keys()
    for name in ("stance.csv", "sentences.csv", "frames.csv", "comparison.json"):
        assert written[name] == reference[name], name


# -- the sentence splitter: nothing lost, nothing longer than the bound -------------------------


def _assert_nothing_lost(text: str, pieces: list[str]) -> None:
    """The pieces, in order, are ``text`` less whitespace between them; each is non-empty,
    stripped and within the bound."""
    position = 0
    for piece in pieces:
        assert piece and piece == piece.strip() and len(piece) <= MAX_SENTENCE_CHARS
        while text[position].isspace():
            position += 1
        assert text.startswith(piece, position), (piece, text[position : position + len(piece)])
        position += len(piece)
    assert not text[position:].strip()


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("？[？", ["？[？"]),
        ("好。“（", ["好。“（"]),
        ("第一句。#  ", ["第一句。#"]),
        ("他说。[注？", ["他说。", "[注？"]),
    ],
)
def test_no_character_is_dropped(paragraph, expected):
    assert split_sentences(paragraph) == expected


def test_long_runs_are_cut_at_clause_marks_then_spaces_then_anywhere():
    clauses = "出口管制不断升级，" * 100  # 900 characters, a clause mark every 9
    pieces = split_sentences(clauses)
    assert [len(p) for p in pieces] == [594, 306] and pieces[0].endswith("，")
    words = " ".join(["tariff"] * 150)  # 1,049 characters, spaces only
    pieces = split_sentences(words)
    assert [len(p) for p in pieces] == [594, 454] and pieces[0].endswith("tariff")
    han = "稀" * 1500
    assert [len(p) for p in split_sentences(han)] == [600, 600, 300]
    accented = "a" + "e\u0301" * 400  # a hard cut never leaves an accent without its letter
    pieces = split_sentences(accented)
    assert "".join(pieces) == accented
    assert not any(unicodedata.combining(p[0]) for p in pieces)


def test_short_sentences_are_unchanged():
    text = "美国宣布加征关税。北京随即回应：“我们将坚决反制！”Officials in the U.S. said so. Why?"
    assert split_sentences(text) == [
        "美国宣布加征关税。",
        "北京随即回应：“我们将坚决反制！”",
        "Officials in the U.S. said so.",
        "Why?",
    ]


_MARKS = "。！？!?….；;，,、:：“”‘’「」『』（）()《》【】[]\"' \n\t"
_ADVERSARIAL = st.one_of(
    st.text(max_size=300),  # any Unicode
    st.lists(st.sampled_from([*_MARKS, "a", "中", "Mr", "U.S", "5.2"]), max_size=200).map("".join),
    # long lines without punctuation, Chinese, Latin and mixed
    st.tuples(
        st.text(alphabet=st.sampled_from(list("贸易战关税ab Z1é\u0301")), min_size=1, max_size=12),
        st.integers(min_value=1, max_value=400),
    ).map(lambda unit_times: unit_times[0] * unit_times[1]),
    # runs of quotes and brackets, opened and never closed, around sentences
    st.tuples(
        st.text(alphabet=st.sampled_from(list('“‘「『（(《【["')), min_size=1, max_size=5),
        st.text(alphabet=st.sampled_from(list("中文句子。words here. ")), max_size=40),
        st.integers(min_value=1, max_value=60),
    ).map(lambda parts: (parts[0] + parts[1]) * parts[2]),
)


@given(_ADVERSARIAL)
def test_splitter_loses_nothing_and_bounds_every_sentence(text):
    _assert_nothing_lost(text, split_sentences(text))
