"""Lexicon validation messages, check/lock, dump round-trips, imports and the bundled lexicons."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stance.errors import LexiconError
from stance.lexicon import load_lexicon, load_lexicons, validate_lexicon
from stance.lexicon_tools import (
    check_lexicon_dirs,
    dump_lexicon,
    import_dictionary,
    lock_lexicon_dirs,
    write_lexicon,
)
from stance.normalise import normalise_text
from stance.resources import bundled_dir
from tests.lexicon_helpers import run_lexicon_cli
from tests.lexicon_helpers import write_lexicon as write_raw

FRAME_LEXICONS = ("frames_policy", "frames_trade")


def _problems(tmp_path: Path, rows: list[str], **kwargs) -> list[str]:
    directory = write_raw(tmp_path / "lex", rows, **kwargs)
    return check_lexicon_dirs([directory])


# -- one exact message per problem type -----------------------------------------------------


def test_undeclared_category(tmp_path):
    tsv = tmp_path / "lex" / "entries.tsv"
    assert _problems(tmp_path, ["成本\teconomic\t1\tcost", "和平\tpeace\t1\tx"]) == [
        f"{tsv}:3: undeclared category 'peace' (declare it in manifest.toml or fix the row)"
    ]


def test_duplicate_entry(tmp_path):
    tsv = tmp_path / "lex" / "entries.tsv"
    assert _problems(
        tmp_path, ["成本\teconomic\t1\ta", "对抗\tconflict\t1\tb", "成本\teconomic\t0.5\tc"]
    ) == [f"{tsv}:4: duplicate entry '成本' in 'economic' (first on line 2; delete one)"]


def test_weight_out_of_range(tmp_path):
    tsv = tmp_path / "lex" / "entries.tsv"
    assert _problems(tmp_path, ["成本\teconomic\t1.5\tcost"]) == [f"{tsv}:2: weight 1.5 out of range [0, 1]"]


def test_stray_whitespace(tmp_path):
    tsv = tmp_path / "lex" / "entries.tsv"
    assert _problems(tmp_path, ["成本 \teconomic\t1\tcost"]) == [
        f"{tsv}:2: stray whitespace around a field (remove it)"
    ]


def test_unnormalised_text(tmp_path):
    tsv = tmp_path / "lex" / "entries.tsv"
    assert _problems(tmp_path, ["貿易戰\tconflict\t1\ttraditional script"]) == [
        f"{tsv}:2: unnormalised text '貿易戰' (write it as '贸易战')"
    ]


def test_checksum_mismatch(tmp_path):
    directory = write_raw(tmp_path / "lex", ["成本\teconomic\t1\tcost"])
    with (directory / "entries.tsv").open("a", encoding="utf-8") as handle:
        handle.write("对抗\tconflict\t1\tadded after locking\n")
    assert check_lexicon_dirs([directory]) == [
        f"{directory / 'manifest.toml'}: checksum mismatch: the entries changed since the lexicon was "
        "locked (review the edit, then run `stance lexicon lock`)"
    ]


def test_bad_tsv_row(tmp_path):
    tsv = tmp_path / "lex" / "entries.tsv"
    assert _problems(tmp_path, ["成本\teconomic\t1"]) == [
        f"{tsv}:2: 3 fields, expected 4 (separate fields with one tab)"
    ]


def test_unreadable_manifest(tmp_path):
    directory = write_raw(tmp_path / "lex", ["成本\teconomic\t1\tcost"])
    (directory / "manifest.toml").write_text('name = "x\n', encoding="utf-8")
    assert check_lexicon_dirs([directory]) == [
        f"{directory / 'manifest.toml'}: unreadable manifest: Illegal character '\\n' (at line 1, column 10) "
        "(fix the TOML syntax)"
    ]


def test_missing_lexicons_path(tmp_path):
    missing = tmp_path / "nowhere"
    with pytest.raises(LexiconError) as err:
        load_lexicons([missing])
    assert str(err.value) == f"{missing}: no such lexicon directory (check the --lexicons path)"
    assert check_lexicon_dirs([missing]) == [f"{missing}: no such lexicon directory (check the path)"]


def test_frame_category_collision_across_lexicons(tmp_path):
    a = write_raw(tmp_path / "a", ["成本\teconomic\t1\tx"], name="a_frames")
    b = write_raw(tmp_path / "b", ["价格\teconomic\t1\tx"], name="b_frames")
    assert check_lexicon_dirs([a, b]) == [
        f"{b / 'manifest.toml'}: frame category 'economic' is also declared in {a / 'manifest.toml'} "
        "(rename it in one lexicon)",
        f"{b / 'manifest.toml'}: frame category 'conflict' is also declared in {a / 'manifest.toml'} "
        "(rename it in one lexicon)",
    ]


# -- CLI: check and lock --------------------------------------------------------------------


def test_cli_check_prints_problems_and_exits_1(tmp_path, capsys):
    directory = write_raw(tmp_path / "lex", ["成本\teconomic\t2\tcost", "和平\tpeace\t1\tx"])
    code, out, _ = run_lexicon_cli(capsys, "lexicon", "check", directory)
    tsv = directory / "entries.tsv"
    assert code == 1
    assert out == (
        f"{tsv}:2: weight 2 out of range [0, 1]\n"
        f"{tsv}:3: undeclared category 'peace' (declare it in manifest.toml or fix the row)\n"
        "2 problem(s) found\n"
    )


def test_cli_check_bundled_is_clean(capsys):
    code, out, _ = run_lexicon_cli(capsys, "lexicon", "check")
    n = len([p for p in bundled_dir("lexicons").iterdir() if (p / "manifest.toml").is_file()])
    assert (code, out) == (0, f"ok: {n} lexicon(s) valid\n")


def test_cli_lock_after_edit(tmp_path, capsys):
    directory = write_raw(tmp_path / "lex", ["成本\teconomic\t1\tcost"])
    with (directory / "entries.tsv").open("a", encoding="utf-8") as handle:
        handle.write("对抗\tconflict\t1\tnew\n")
    assert check_lexicon_dirs([directory]) != []
    code, out, _ = run_lexicon_cli(capsys, "lexicon", "lock", directory)
    assert code == 0 and out.startswith(f"{directory}: locked sha256:")
    assert check_lexicon_dirs([directory]) == []
    code, out, _ = run_lexicon_cli(capsys, "lexicon", "lock", directory)
    assert (code, out) == (0, f"{directory}: unchanged\n")


def test_lock_refuses_invalid_entries(tmp_path):
    directory = write_raw(tmp_path / "lex", ["成本\teconomic\t1\tcost"])
    (directory / "entries.tsv").write_text(
        "term\tcategory\tweight\tnote\n成本\teconomic\tx\tc\n", encoding="utf-8"
    )
    before = (directory / "manifest.toml").read_text(encoding="utf-8")
    locked, problems = lock_lexicon_dirs([directory])
    assert locked == []
    assert problems == [f"{directory / 'entries.tsv'}:2: weight 'x' is not a number"]
    assert (directory / "manifest.toml").read_text(encoding="utf-8") == before


def test_cli_report_missing_lexicons_path(tmp_path, capsys):
    missing = tmp_path / "nowhere"
    out_dir = tmp_path / "out"
    code, _, err = run_lexicon_cli(capsys, "lexicon", "report", "--lexicons", missing, "--out", out_dir)
    assert code == 2
    assert err == f"error: {missing}: no such lexicon directory (check the --lexicons path)\n"
    assert not out_dir.exists()


# -- dump round-trip ------------------------------------------------------------------------

_TERMS = (
    st.text(alphabet="贸易战关税合作依赖技术成本价格博弈筹码反制武器化abcXYZ-_", min_size=1, max_size=6)
    .map(normalise_text)
    .filter(bool)
)
_NOTES = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\t\n\r"), max_size=12
)
_ENTRIES = st.lists(
    st.tuples(_TERMS, st.sampled_from(["economic", "conflict", "other_frame"]), st.floats(0, 1), _NOTES),
    max_size=12,
    unique_by=lambda e: (e[0], e[1]),
)


def _without_path_and_checksum(lexicon) -> dict:
    return {k: v for k, v in lexicon.__dict__.items() if k not in ("path", "checksum")}


@given(entries=_ENTRIES, description=_NOTES)
def test_load_dump_load_round_trip(tmp_path_factory, entries, description):
    base = tmp_path_factory.mktemp("rt")
    rows = [f"{t}\t{c}\t{w!r}\t{n.strip()}" for t, c, w, n in entries]
    first_dir = write_raw(base / "one", rows, categories=("economic", "conflict", "other_frame"))
    first = load_lexicon(first_dir)
    first = type(first)(**{**first.__dict__, "description": description.strip() or "d"})
    second = load_lexicon(write_lexicon(first, base / "two"))
    third = load_lexicon(write_lexicon(second, base / "three"))
    assert _without_path_and_checksum(second) == _without_path_and_checksum(first)
    assert third.__dict__ | {"path": None} == second.__dict__ | {"path": None}
    assert dump_lexicon(second) == dump_lexicon(third)


def test_bundled_lexicons_round_trip_byte_for_byte():
    for name in FRAME_LEXICONS:
        lexicon = load_lexicon(bundled_dir("lexicons") / name)
        _, entries = dump_lexicon(lexicon)
        assert entries == (lexicon.path / "entries.tsv").read_text(encoding="utf-8")


# -- import -----------------------------------------------------------------------------------


def test_import_yaml_nested(tmp_path):
    source = tmp_path / "dict.yaml"
    source.write_text(
        "conflict:\n  - 貿易戰\n  - 反制\n  - 反制\neconomy:\n  cost: [成本, ＧＤＰ]\n  trade: 贸易\n",
        encoding="utf-8",
    )
    lexicon = import_dictionary(source, tmp_path / "imported", "my_frames")
    assert lexicon.categories == ("conflict", "economy.cost", "economy.trade")
    assert [(e.term, e.category, e.weight) for e in lexicon.entries] == [
        ("贸易战", "conflict", 1.0),
        ("反制", "conflict", 1.0),
        ("成本", "economy.cost", 1.0),
        ("GDP", "economy.cost", 1.0),
        ("贸易", "economy.trade", 1.0),
    ]
    assert check_lexicon_dirs([tmp_path / "imported"]) == []


def test_import_liwc_dic(tmp_path):
    source = tmp_path / "dict.dic"
    source.write_text("%\n1\tconflict\n2\teconomy\n%\n貿易戰\t1\t2\n成本\t2\n依賴*\t1\n", encoding="utf-8")
    lexicon = import_dictionary(source, tmp_path / "imported", "liwc_frames", weight=0.5)
    assert lexicon.categories == ("conflict", "economy")
    assert [(e.term, e.category, e.weight, e.note) for e in lexicon.entries] == [
        ("贸易战", "conflict", 0.5, ""),
        ("贸易战", "economy", 0.5, ""),
        ("成本", "economy", 0.5, ""),
        ("依赖", "conflict", 0.5, "LIWC wildcard '*' dropped: stance matches the whole term only"),
    ]
    assert validate_lexicon(tmp_path / "imported")[1] == []


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("bad.dic", "1\tconflict\n%\n", ":1: a .dic file starts with a '%' line (add the category header)"),
        (
            "bad.dic",
            "%\none\tconflict\n%\n",
            ":2: category header line must be '<number><TAB><name>' (fix the line)",
        ),
        (
            "bad.dic",
            "%\n1\tconflict\n%\n成本\t3\n",
            ":4: category number '3' is not declared in the header "
            "(declare it between the '%' lines or fix the number)",
        ),
        (
            "bad.dic",
            "%\n1\tconflict\n%\n成本\n",
            ":4: term '成本' has no category number (add one after a tab)",
        ),
        ("bad.dic", "%\n1\tconflict\n", ":2: the category header is never closed (add a second '%' line)"),
        (
            "bad.yaml",
            "- 成本\n- 价格\n",
            ":1: expected a mapping of category: [terms] (write 'category: [term, ...]')",
        ),
        (
            "bad.yaml",
            "conflict:\n  - [反制, 博弈]\n",
            ":2: term of 'conflict' is not plain text (write one term per item)",
        ),
        (
            "bad.yaml",
            "conflict:\n",
            ":1: category 'conflict' has no list of terms (write 'conflict: [term, ...]')",
        ),
        (
            "bad.yaml",
            "conflict: [反制\neconomy: [成本]\n",
            ":2: unreadable YAML: expected ',' or ']', but got ':' (fix the YAML syntax)",
        ),
        ("bad.txt", "成本\n", ": unknown dictionary format '.txt' (use .yaml, .yml or .dic)"),
    ],
)
def test_import_bad_input(tmp_path, name, text, message):
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    with pytest.raises(LexiconError) as err:
        import_dictionary(source, tmp_path / "out", "bad")
    assert str(err.value) == f"{source}{message}"
    assert not (tmp_path / "out").exists()


def test_import_refuses_existing_lexicon(tmp_path):
    existing = write_raw(tmp_path / "lex", ["成本\teconomic\t1\tcost"])
    source = tmp_path / "d.yaml"
    source.write_text("a: [成本]\n", encoding="utf-8")
    with pytest.raises(LexiconError) as err:
        import_dictionary(source, existing, "x")
    assert str(err.value) == f"{existing}: already holds a lexicon (choose another --out or remove it)"


def test_cli_import(tmp_path, capsys):
    source = tmp_path / "d.yaml"
    source.write_text("conflict: [博弈, 筹码]\n", encoding="utf-8")
    out_dir = tmp_path / "mine"
    code, out, _ = run_lexicon_cli(capsys, "lexicon", "import", source, "--out", out_dir, "--name", "mine")
    lexicon = load_lexicon(out_dir)
    assert code == 0
    assert out == f"wrote {out_dir}: 2 entries in 1 categories ({lexicon.checksum})\n"


# -- the bundled frame lexicons ---------------------------------------------------------------


def test_bundled_lexicons_pass_validation():
    assert check_lexicon_dirs([bundled_dir("lexicons")]) == []


@pytest.mark.parametrize("name", FRAME_LEXICONS)
def test_bundled_frame_lexicon_content(name):
    lexicon = load_lexicon(bundled_dir("lexicons") / name)
    assert lexicon.kind == "frames" and lexicon.licence == "CC-BY-4.0"
    assert "Boydstun" in lexicon.provenance
    assert all(e.category in lexicon.categories for e in lexicon.entries)
    assert all(e.term == normalise_text(e.term) and len(e.term) >= 2 for e in lexicon.entries)
    assert all(0 <= e.weight <= 1 and e.note for e in lexicon.entries)


def test_bundled_frame_categories():
    lexicons = load_lexicons()
    assert lexicons["frames_policy"].categories == (
        "economic",
        "capacity_resources",
        "morality",
        "fairness_equality",
        "legality",
        "policy_prescription",
        "crime_punishment",
        "security_defense",
        "health_safety",
        "quality_of_life",
        "cultural_identity",
        "public_opinion",
        "political",
        "external_regulation_reputation",
        "other",
    )
    assert lexicons["frames_trade"].categories == (
        "dependency_vulnerability",
        "alliance_cooperation",
        "competition_conflict",
        "control_dominance",
        "technology_gap",
        "feasibility_failure",
        "export_control_legitimacy",
    )
    total = sum(len(lexicons[n].entries) for n in FRAME_LEXICONS)
    assert 400 <= total <= 800
    trade_terms = {e.term for e in lexicons["frames_trade"].by_category("competition_conflict")}
    assert {"博弈", "筹码", "反制", "武器化"} <= trade_terms
