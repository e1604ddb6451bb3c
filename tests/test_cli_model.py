"""`stance train` and `stance evaluate`: output, messages and exit codes; and the lexicon scorer
held to the agreement it reached on the seed gold."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from stance.text.normalise import _converter

GOLD = Path(__file__).parent / "gold" / "seed_gold.csv"

# macro-F1 of the lexicon scorer on the seed gold when it was annotated (threshold 0.2), per
# (dimension, target); the scorer may improve, but must not fall more than MARGIN below these.
MEASURED = {
    ("evaluation", "china"): 0.798,
    ("evaluation", "us"): 0.611,
    ("evaluation", "(all)"): 0.676,
    ("potency", "china"): 0.746,
    ("potency", "us"): 0.673,
    ("potency", "(all)"): 0.742,
}
MARGIN = 0.05


@pytest.fixture
def run(run_cli):
    """Run a subcommand through `stance.cli.main.main`: errors on one line, exit code returned."""
    return run_cli


def _labels_csv(path: Path) -> Path:
    favor = ["信守承诺获得称赞", "慷慨援助邻国", "推动对话合作"]
    against = ["蓄意操纵价格", "威胁盟友施压", "隐瞒真相欺骗公众"]
    rows = ["text,target,label"]
    for subject, target in (("美国", "us"), ("中國", "china"), ("美方", "us"), ("北京", "china")):
        rows += [f"{subject}{p}。,{target},FAVOR" for p in favor]
        rows += [f"{subject}{p}。,{target},AGAINST" for p in against]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_train_prints_cross_validation_and_writes_the_model(tmp_path, run):
    model = tmp_path / "m.model"
    code, out, err = run("train", _labels_csv(tmp_path / "labels.csv"), "--out", model, "--seed", "3")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "trained on 24 rows, targets: china, us, labels: AGAINST, FAVOR"
    assert lines[1] == "cross-validation: 5-fold stratified, out-of-fold predictions"
    assert lines[2].split() == ["label", "n", "F1"]
    assert [line.split()[:2] for line in lines[3:7]] == [
        ["AGAINST", "12"],
        ["FAVOR", "12"],
        ["macro-F1", "24"],
        ["F_avg", "24"],
    ]
    # 12 rows per target are too few for models of their own: the pooled model is the only one.
    assert lines[7] == "model: pooled (highest cross-validated F_avg of pooled 1.000)"
    assert lines[8] == "one pooled target-conditioned model serves every target"
    assert lines[-1] == f"wrote {model}"
    assert model.is_file()


def _gold_csv(path: Path) -> Path:
    text = (
        "美国蓄意操纵价格。,us,AGAINST\n中国慷慨援助邻国。,china,FAVOR\n日本推动对话合作。,japan,FAVOR\n"
        "美方隐瞒真相欺骗公众。,us,AGAINST\n"
    )
    path.write_text("text,target,label\n" + _converter("s2t").convert(text), encoding="utf-8")
    return path


def test_evaluate_with_a_model(tmp_path, run):
    model = tmp_path / "m.model"
    run("train", _labels_csv(tmp_path / "labels.csv"), "--out", model)
    code, out, _ = run("evaluate", _gold_csv(tmp_path / "gold.csv"), "--model", model)
    assert code == 0
    assert f"== dimension: label; scorer: model {model}" in out
    assert "target china: n=1  accuracy 1.000  macro-F1 1.000  F_avg 1.000  kappa n/a" in out
    assert "target us: n=2  accuracy 1.000  macro-F1 1.000  F_avg 1.000  kappa n/a" in out
    assert "target (all): n=3  accuracy 1.000  macro-F1 1.000  F_avg 1.000  kappa 1.000" in out
    assert "skipped: japan (1 rows): not targets the model was trained on" in out


def test_evaluate_writes_per_row_predictions(tmp_path, run):
    model = tmp_path / "m.model"
    run("train", _labels_csv(tmp_path / "labels.csv"), "--out", model)
    predictions = tmp_path / "predictions.csv"
    code, out, err = run(
        "evaluate", _gold_csv(tmp_path / "gold.csv"), "--model", model, "--predictions", predictions
    )
    assert (code, err) == (0, "")
    assert out.splitlines()[-1] == f"wrote {predictions}"
    rows = [line.split(",") for line in predictions.read_text("utf-8").splitlines()]
    assert rows[0] == ["line", "target", "dimension", "gold", "predicted", "probability", "text"]
    assert [r[:5] for r in rows[1:]] == [
        ["2", "us", "label", "AGAINST", "AGAINST"],
        ["3", "china", "label", "FAVOR", "FAVOR"],
        ["4", "japan", "label", "FAVOR", ""],
        ["5", "us", "label", "AGAINST", "AGAINST"],
    ]
    assert all(0.5 < float(r[5]) <= 1 for r in rows[1:] if r[4]) and rows[3][5] == ""


def test_evaluate_predictions_path_errors_before_scoring(tmp_path, run):
    gold = _gold_csv(tmp_path / "gold.csv")
    missing = tmp_path / "nowhere" / "p.csv"
    code, out, err = run("evaluate", gold, "--model", tmp_path / "none.model", "--predictions", missing)
    assert (code, out) == (2, "")
    assert err == (
        f"error: {missing}: the directory {missing.parent} does not exist; create it or choose another "
        "--predictions.\n"
    )
    code, _, err = run("evaluate", gold, "--dimension", "evaluation", "--predictions", tmp_path)
    assert (code, err) == (
        2,
        f"error: {tmp_path}: is a directory; give --predictions a file name such as predictions.csv.\n",
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gold.csv"]


def test_a_gold_file_not_in_utf8_names_its_line_and_how_to_resave_it(tmp_path, run):
    gold = tmp_path / "gold.csv"
    gold.write_bytes(b"text,target,label\r\n" + "美国很好,us,FAVOR\r\n".encode("gbk"))
    code, out, err = run("evaluate", gold)
    assert (code, out) == (2, "")
    assert err == (
        f"error: {gold}:2: not UTF-8 text; re-save the file as UTF-8 CSV (Excel: Save As, CSV UTF-8; its "
        "plain CSV on Chinese Windows is GBK or Big5).\n"
    )


def test_an_output_file_whose_folder_cannot_hold_it_is_refused_before_any_work(tmp_path, run):
    notes = tmp_path / "notes.txt"
    notes.write_text("mine\n", "utf-8")
    labels = tmp_path / "labels.csv"
    labels.write_text("text,target,label\n美国很好,us,FAVOR\n", "utf-8")  # too few rows to train on
    for option, command in (
        ("--out", ["train", labels]),
        ("--predictions", ["evaluate", _gold_csv(tmp_path / "gold.csv")]),
    ):
        for parent, why in (
            (notes, f"{notes} is a file, not a folder; choose"),
            (
                tmp_path / "nowhere",
                f"the directory {tmp_path / 'nowhere'} does not exist; create it or choose",
            ),
        ):
            code, out, err = run(*command, option, parent / "x.out")
            assert (code, out) == (2, "")
            assert err == f"error: {parent / 'x.out'}: {why} another {option}.\n"
    assert notes.read_text("utf-8") == "mine\n"


def test_a_folder_that_is_not_writable_is_refused_before_any_work(tmp_path, run, monkeypatch):
    import os

    labels = tmp_path / "labels.csv"
    labels.write_text("text,target,label\n美国很好,us,FAVOR\n", "utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: Path(p) != locked and real(p, mode, **kw))
    code, out, err = run("train", labels, "--out", locked / "m.model")
    assert (code, out) == (2, "")
    assert (
        err
        == f"error: {locked / 'm.model'}: the directory {locked} is not writable; make it writable or choose another --out.\n"
    )
    code, out, err = run("report", "--out", locked / "report", "--quiet")
    assert (code, out) == (2, "")
    assert err == (
        f"error: {locked / 'report'}: cannot create the output directory ({locked} is not writable); "
        "choose another --out path.\n"
    )
    assert list(locked.iterdir()) == []


def test_an_output_path_that_is_an_input_is_refused_before_any_work(tmp_path, run):
    labels = _labels_csv(tmp_path / "labels.csv")
    (tmp_path / "sub").mkdir()
    (tmp_path / "link.csv").symlink_to(labels)
    for spelling in (labels, tmp_path / "sub" / ".." / "labels.csv", tmp_path / "link.csv"):
        code, out, err = run("train", labels, "--out", spelling)
        assert (code, out) == (2, "")
        assert err == (
            f"error: {spelling}: is the labels file this run reads; give --out another path "
            "(nothing was written).\n"
        )
    model = tmp_path / "m.model"
    run("train", labels, "--out", model)
    gold = _gold_csv(tmp_path / "gold.csv")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    for predictions, what in ((gold, "gold file"), (model, "model")):
        code, out, err = run("evaluate", gold, "--model", model, "--predictions", predictions)
        assert (code, out) == (2, "")
        assert err == (
            f"error: {predictions}: is the {what} this run reads; give --predictions another path "
            "(nothing was written).\n"
        )
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()} == before


def test_predictions_never_carry_a_spreadsheet_formula(tmp_path, run):
    gold = tmp_path / "gold.csv"
    gold.write_text(
        'text,target,evaluation\n"=HYPERLINK(""http://x.test"",""美国很好"")",us,1\n＋美国受到批评。,us,-1\n',
        encoding="utf-8",
    )
    predictions = tmp_path / "p.csv"
    code, _, err = run("evaluate", gold, "--predictions", predictions)
    assert (code, err) == (0, "")
    rows = list(csv.reader(io.StringIO(predictions.read_text("utf-8"))))
    assert [row[-1] for row in rows[1:]] == ['\'=HYPERLINK("http://x.test","美国很好")', "'＋美国受到批评。"]


def test_lexicon_predictions_have_a_row_per_dimension(tmp_path, run):
    gold = tmp_path / "gold.csv"
    gold.write_text("text,target,evaluation,potency\n美国信守承诺获得称赞。,us,1,0\n", encoding="utf-8")
    predictions = tmp_path / "p.csv"
    code, _, _ = run("evaluate", gold, "--predictions", predictions)
    assert code == 0
    lines = predictions.read_text("utf-8").splitlines()
    assert [line.split(",")[:4] for line in lines[1:]] == [
        ["2", "us", "evaluation", "1"],
        ["2", "us", "potency", "0"],
    ]
    assert all(line.split(",")[5] == "" for line in lines[1:])  # the lexicon gives no probability


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "error: {p}: no such file; check the path to the labels CSV."),
        (b"", "error: {p}: the file is empty; it needs a header row text,target,label and rows."),
        (
            b"text,label\nx,1\n",
            "error: {p}: missing column(s) target; the header must name text, target, label "
            "(found: text, label).",
        ),
        (
            "text,target,label\n美国很好,us,1\n".encode("gbk"),
            "error: {p}:2: not UTF-8 text; re-save the file as UTF-8 CSV "
            "(Excel: Save As, CSV UTF-8; its plain CSV on Chinese Windows is GBK or Big5).",
        ),
        (
            "text,target,label\n美国很好,us,1\n中国很好,china,1\n".encode(),
            "error: {p}: every row has the label '1'; "
            "a classifier needs at least two classes: add rows of the other labels.",
        ),
    ],
)
def test_train_bad_input_is_one_line_and_exit_2(tmp_path, run, content, message):
    labels = tmp_path / "labels.csv"
    if content is not None:
        labels.write_bytes(content)
    code, out, err = run("train", labels, "--out", tmp_path / "m.model")
    assert (code, out) == (2, "")
    assert err == message.format(p=labels) + "\n"
    assert not (tmp_path / "m.model").exists()


def test_evaluate_refuses_an_unsafe_model_file(tmp_path, run):
    gold = tmp_path / "gold.csv"
    gold.write_text("text,target,label\n美国很好,us,1\n", encoding="utf-8")
    bad = tmp_path / "bad.model"
    bad.write_bytes(b"\x80\x04\x95 pickle bytes")
    code, _, err = run("evaluate", gold, "--model", bad)
    assert code == 2
    assert err == (
        f"error: {bad}: not a readable stance model (BadZipFile); retrain with "
        "`stance train LABELS.csv --out bad.model`.\n"
    )


def test_evaluate_label_column_needs_a_dimension(tmp_path, run):
    gold = tmp_path / "gold.csv"
    gold.write_text("text,target,label\n美国很好,us,1\n", encoding="utf-8")
    code, _, err = run("evaluate", gold)
    assert code == 2
    assert err == (
        f"error: {gold}: the 'label' column may hold either dimension; say which with "
        "--dimension evaluation or --dimension potency.\n"
    )


def test_lexicon_scorer_holds_its_agreement_on_the_seed_gold(run):
    code, out, _ = run("evaluate", GOLD)
    assert code == 0
    found = {}
    dimension = None
    for line in out.splitlines():
        if line.startswith("== dimension: "):
            dimension = line.split(";")[0].removeprefix("== dimension: ")
        elif line.startswith("target "):
            target = line.split(":")[0].removeprefix("target ")
            found[(dimension, target)] = float(line.split("macro-F1 ")[1].split()[0])
    assert set(found) == set(MEASURED)
    for key, measured in MEASURED.items():
        assert found[key] >= measured - MARGIN, f"{key}: macro-F1 {found[key]:.3f} < {measured} - {MARGIN}"
    # Every target's figures come with their 95% intervals, drawn from the seed given.
    intervals = [line for line in out.splitlines() if line.startswith("  95% interval: accuracy [")]
    assert len(intervals) == len(MEASURED)
    assert out.count("(2,000 resamples, seed 20251117)") == 2  # one per dimension
    _, again, _ = run("evaluate", GOLD, "--seed", "7")
    assert again.count("(2,000 resamples, seed 7)") == 2
    assert [line for line in again.splitlines() if line.startswith("  95% interval: ")] != intervals
    assert [line for line in again.splitlines() if line.startswith("target ")] == [
        line for line in out.splitlines() if line.startswith("target ")
    ]


def test_outputs_replace_only_what_the_command_wrote_before(tmp_path, run):
    labels = _labels_csv(tmp_path / "labels.csv")
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\n", "utf-8")
    code, out, err = run("train", labels, "--out", notes)
    assert (code, out) == (2, "")
    assert err == (
        f"error: {notes}: already exists and is not a stance model; move it away or choose another --out "
        "(nothing was written).\n"
    )
    code, _, err = run("train", labels, "--out", tmp_path)
    assert (code, err) == (
        2,
        f"error: {tmp_path}: is a folder; give --out a file name such as stance.model.\n",
    )
    model = tmp_path / "m.model"
    assert run("train", labels, "--out", model)[0] == 0
    first = model.read_bytes()
    assert run("train", labels, "--out", model)[0] == 0  # a model is replaced by a model
    assert model.read_bytes() == first
    gold = _gold_csv(tmp_path / "gold.csv")
    code, out, err = run("evaluate", gold, "--model", model, "--predictions", notes)
    assert (code, out) == (2, "")
    assert err == (
        f"error: {notes}: already exists and is not a predictions file of stance evaluate; move it away or "
        "choose another --predictions (nothing was written).\n"
    )
    assert notes.read_text("utf-8") == "my notes\n"
    predictions = tmp_path / "p.csv"
    for _ in range(2):  # earlier predictions are replaced
        assert run("evaluate", gold, "--model", model, "--predictions", predictions)[0] == 0
    assert predictions.read_text("utf-8").startswith(
        "line,target,dimension,gold,predicted,probability,text\n"
    )


def test_a_model_on_a_gold_file_without_a_label_column_asks_for_the_dimension(tmp_path, run):
    model = tmp_path / "m.model"
    run("train", _labels_csv(tmp_path / "labels.csv"), "--out", model)
    code, out, err = run("evaluate", GOLD, "--model", model)
    assert (code, out) == (2, "")
    assert err == (
        f"error: {GOLD}: has no 'label' column; add one, or say which column holds the labels with "
        "--dimension evaluation.\n"
    )
    code, out, _ = run("evaluate", GOLD, "--model", model, "--dimension", "potency")
    assert code == 0 and f"== dimension: potency; scorer: model {model}" in out
