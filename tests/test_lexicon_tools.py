"""Lexicon validation messages, check/lock, dump round-trips, imports and the bundled lexicons."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stance.errors import LexiconError
from stance.lexicon import Problem, load_lexicon, load_lexicons, validate_lexicon
from stance.lexicon.tools import (
    check_lexicon_dirs,
    check_lexicons,
    dump_lexicon,
    import_dictionary,
    lock_lexicon_dirs,
    write_lexicon,
)
from stance.resources import bundled_dir
from stance.text.normalise import normalise_text
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


def test_term_too_long_to_match(tmp_path):
    # a match joins at most MAX_JOIN units, so a longer term could never score: say so
    tsv = tmp_path / "lex" / "entries.tsv"
    assert _problems(
        tmp_path, ["trade war costs\teconomic\t1\ta", "laughing all the way to the bank\teconomic\t1\tb"]
    ) == [
        f"{tsv}:3: term of 7 words can never match: a match joins at most 6 (shorten it to its telling part)"
    ]


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
    a = write_raw(tmp_path / "a", ["成本\teconomic\t1\tx", "对抗\tconflict\t1\tx"], name="a_frames")
    b = write_raw(tmp_path / "b", ["价格\teconomic\t1\tx", "反制\tconflict\t1\tx"], name="b_frames")
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


def _bundled_warnings() -> list[str]:
    return [str(p) for p in check_lexicons([bundled_dir("lexicons")]).warnings]


def _ok_line(n: int, warnings: list[str]) -> str:
    lines = "".join(f"{w}\n" for w in warnings)
    return lines + f"ok: {n} lexicon(s) valid" + (f", {len(warnings)} warning(s)" if warnings else "") + "\n"


def test_cli_check_bundled_is_clean(capsys):
    code, out, _ = run_lexicon_cli(capsys, "lexicon", "check")
    n = len([p for p in bundled_dir("lexicons").iterdir() if (p / "manifest.toml").is_file()])
    assert (code, out) == (0, _ok_line(n, _bundled_warnings()))


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


# -- --lexicons: one lexicon folder, a folder of them, or an error --------------------------

HOLDS_NO_LEXICON = (
    "holds no lexicon (expected a lexicon folder with manifest.toml and entries.tsv, or a folder of "
    "lexicon folders)"
)


def _user_words(path: Path) -> Path:
    return write_raw(path, ["博弈论\twords\t1\t"], name="my_words", kind="userdict", categories=("words",))


def test_lexicons_accepts_one_lexicon_folder(tmp_path):
    source = tmp_path / "d.yaml"
    source.write_text("conflict: [博弈, 筹码]\n", encoding="utf-8")
    imported = tmp_path / "mine"
    import_dictionary(source, imported, "mine")
    assert load_lexicons([imported])["mine"].path == imported
    # The folder holding it is a folder of lexicon folders; files beside them are ignored.
    assert load_lexicons([tmp_path])["mine"].path == imported


def test_lexicons_folder_holding_neither(tmp_path, capsys):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.txt").write_text("not a lexicon\n", encoding="utf-8")
    with pytest.raises(LexiconError) as err:
        load_lexicons([empty])
    assert str(err.value) == f"{empty}: {HOLDS_NO_LEXICON}"
    out_dir = tmp_path / "out"
    code, out, err_text = run_lexicon_cli(capsys, "lexicon", "report", "--lexicons", empty, "--out", out_dir)
    assert (code, out, err_text) == (2, "", f"error: {empty}: {HOLDS_NO_LEXICON}\n")
    assert not out_dir.exists()
    code, out, _ = run_lexicon_cli(capsys, "lexicon", "check", empty)
    assert (code, out) == (1, f"{empty}: {HOLDS_NO_LEXICON}\n1 problem(s) found\n")


def test_lexicons_naming_a_file(tmp_path, capsys):
    mine = _user_words(tmp_path / "mine")
    manifest = mine / "manifest.toml"
    message = (
        f"{manifest}: is a file, not a folder (expected a lexicon folder with manifest.toml and "
        "entries.tsv, or a folder of lexicon folders)"
    )
    with pytest.raises(LexiconError) as err:
        load_lexicons([manifest])
    assert str(err.value) == message
    code, out, _ = run_lexicon_cli(capsys, "lexicon", "check", manifest)
    assert (code, out) == (1, f"{message}\n1 problem(s) found\n")


def test_lexicon_folder_without_manifest_is_reported_not_skipped(tmp_path):
    broken = tmp_path / "mine" / "broken"
    broken.mkdir(parents=True)
    (broken / "entries.tsv").write_text("term\tcategory\tweight\tnote\n", encoding="utf-8")
    with pytest.raises(LexiconError) as err:
        load_lexicons([tmp_path / "mine"])
    assert str(err.value) == (
        f"{broken / 'manifest.toml'}: missing manifest (every lexicon directory needs manifest.toml)"
    )


def test_load_checks_frame_ids_across_the_run(tmp_path):
    mine = write_raw(tmp_path / "mine", ["成本\teconomic\t1\tx", "对抗\tconflict\t1\tx"])
    with pytest.raises(LexiconError) as err:
        load_lexicons([mine])
    policy = bundled_dir("lexicons") / "frames_policy" / "manifest.toml"
    assert str(err.value) == (
        f"{mine / 'manifest.toml'}: frame category 'economic' is also declared in {policy} "
        "(rename it in one lexicon)"
    )
    # A lexicon of the same name replaces the bundled one, so its ids no longer clash.
    write_raw(tmp_path / "mine", ["成本\teconomic\t1\tx", "对抗\tconflict\t1\tx"], name="frames_policy")
    assert load_lexicons([mine])["frames_policy"].path == mine


# -- check --lexicons: the set a run would load ---------------------------------------------


def _n_bundled() -> int:
    return len([p for p in bundled_dir("lexicons").iterdir() if (p / "manifest.toml").is_file()])


def test_cli_check_lexicons_adds_to_the_bundled_set(tmp_path, capsys):
    mine = _user_words(tmp_path / "mine")
    code, out, _ = run_lexicon_cli(capsys, "lexicon", "check", "--lexicons", mine)
    assert (code, out) == (0, _ok_line(_n_bundled() + 1, _bundled_warnings()))


def test_cli_check_lexicons_reports_what_the_run_would_meet(tmp_path, capsys):
    # On its own the lexicon is fine; added to a run its frame id clashes with a bundled one.
    mine = write_raw(tmp_path / "mine", ["成本\teconomic\t1\tx", "对抗\tconflict\t1\tx"])
    code, out, _ = run_lexicon_cli(capsys, "lexicon", "check", mine)
    assert (code, out) == (0, "ok: 1 lexicon(s) valid\n")
    code, out, _ = run_lexicon_cli(capsys, "lexicon", "check", "--lexicons", mine)
    policy = bundled_dir("lexicons") / "frames_policy" / "manifest.toml"
    warnings = _bundled_warnings()
    clash = (
        f"{mine / 'manifest.toml'}: frame category 'economic' is also declared in {policy} "
        "(rename it in one lexicon)"
    )
    summary = f"1 problem(s) found{f', {len(warnings)} warning(s)' if warnings else ''}"
    assert (code, out) == (1, "".join(f"{w}\n" for w in warnings) + f"{clash}\n{summary}\n")


def test_cli_check_dirs_and_lexicons_together(tmp_path, capsys):
    # DIR is checked on its own, --lexicons as part of the run's set; both are reported.
    alone = write_raw(
        tmp_path / "alone", ["词\tother\t1\t"], name="my_words", kind="userdict", categories=("words",)
    )
    added = write_raw(
        tmp_path / "added",
        ["美国\tus\t1\t", "美火\tus+mars\t1\t"],
        name="my_targets",
        kind="targets",
        categories=("us", "us+mars"),
    )
    code, out, _ = run_lexicon_cli(capsys, "lexicon", "check", alone, "--lexicons", added)
    warnings = _bundled_warnings()
    assert (code, out) == (
        1,
        f"{alone / 'entries.tsv'}:2: undeclared category 'other' (declare it in manifest.toml or fix the row)\n"
        + "".join(f"{w}\n" for w in warnings)
        + f"{added / 'entries.tsv'}:3: joint form 'us+mars' names undeclared target 'mars' (declare each "
        "target id as a category of its own, or fix the row)\n"
        + f"2 problem(s) found{f', {len(warnings)} warning(s)' if warnings else ''}\n",
    )


def test_cli_check_lexicons_missing_path(tmp_path, capsys):
    missing = tmp_path / "nowhere"
    code, out, _ = run_lexicon_cli(capsys, "lexicon", "check", "--lexicons", missing)
    warnings = _bundled_warnings()
    summary = f"1 problem(s) found{f', {len(warnings)} warning(s)' if warnings else ''}"
    assert (code, out) == (
        1,
        f"{missing}: no such lexicon directory (check the path)\n"
        + "".join(f"{w}\n" for w in warnings)
        + f"{summary}\n",
    )


@pytest.mark.parametrize(
    "argv",
    [
        ("lexicon", "lock", "--lexicons"),
        ("lexicon", "import", "d.yaml", "--out", "o", "--name", "o", "--lexicons"),
    ],
)
def test_lock_and_import_offer_no_lexicons_option(capsys, argv):
    # They name their folders and load no others: an accepted --lexicons would be ignored.
    with pytest.raises(SystemExit) as err:
        run_lexicon_cli(capsys, *argv)
    assert err.value.code == 2
    assert capsys.readouterr().err.endswith("stance: error: unrecognized arguments: --lexicons\n")


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
        (
            "tags.yaml",
            "campaign:\n  - 运动\n  - '#MeToo'\n",
            ":3: term '#MeToo' starts with '#', which a lexicon reads as a comment (write it without the '#')",
        ),
        (
            "tags.dic",
            "%\n1\tcampaign\n%\n#话题\t1\n",
            ":4: term '#话题' starts with '#', which a lexicon reads as a comment (write it without the '#')",
        ),
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


def test_import_refuses_a_file_as_out(tmp_path):
    source = tmp_path / "d.yaml"
    source.write_text("a: [成本]\n", encoding="utf-8")
    with pytest.raises(LexiconError) as err:
        import_dictionary(source, source, "x")
    assert str(err.value) == f"{source}: is a file, not a folder (give --out a new folder for the lexicon)"
    assert source.read_text("utf-8") == "a: [成本]\n"


def test_an_import_that_does_not_validate_leaves_nothing(tmp_path, monkeypatch):
    import stance.lexicon.tools as tools

    def made_up_error(directory):
        lexicon, problems = validate_lexicon(directory)
        return lexicon, [*problems, Problem(directory / "entries.tsv", 2, "a made-up error")]

    monkeypatch.setattr(tools, "validate_lexicon", made_up_error)
    source = tmp_path / "d.yaml"
    source.write_text("a: [成本]\n", encoding="utf-8")
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("mine\n", "utf-8")
    with pytest.raises(LexiconError) as err:
        import_dictionary(source, out, "x")
    assert str(err.value) == (
        f"{out / 'entries.tsv'}:2: a made-up error (the imported lexicon does not validate; fix the source dictionary)"
    )
    assert [p.name for p in out.iterdir()] == ["notes.txt"]


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
    # Warnings (a frame category kept without entries, such as the codebook's 'other') pass.
    assert check_lexicons([bundled_dir("lexicons")]).errors == ()


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
    for language in ("zh", "en"):
        total = sum(
            1
            for n in FRAME_LEXICONS
            for e in lexicons[n].entries
            if lexicons[n].entry_language(e) == language
        )
        assert 400 <= total <= 1200, language
    trade_terms = {e.term for e in lexicons["frames_trade"].by_category("competition_conflict")}
    assert {"博弈", "筹码", "反制", "武器化"} <= trade_terms
