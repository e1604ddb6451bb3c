"""stance.model.learn: target-masked models chosen by cross-validation, and safe, reproducible
model files."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
import skops.io as sio

from stance.errors import InputError, ModelError
from stance.model.learn import (
    CUE_COLUMNS,
    OTHER_CHAR,
    STRATEGIES,
    TARGET_CHAR,
    CompactTfidfVectorizer,
    CueCounter,
    load_model,
    read_labels,
    save_model,
    target_aliases,
    train,
)
from stance.model.learn.classify import combine, own_targets
from stance.model.learn.features import CUE_WEIGHT
from stance.model.learn.negation import mark_negation
from stance.text.normalise import _converter

# A small targets lexicon standing in for lexicons/targets (same entry shape).
TARGETS = SimpleNamespace(
    entries=tuple(
        SimpleNamespace(term=term, category=category)
        for term, category in [
            ("美国", "us"),
            ("美方", "us"),
            ("华盛顿", "us"),
            ("中国", "china"),
            ("中方", "china"),
            ("北京", "china"),
            ("中美", "china+us"),
        ]
    )
)
LEXICONS = {"targets": TARGETS}

# Fresh synthetic sentences (not from the seeds): stance lives in the predicate, not the name.
PREDICATES = {
    "FAVOR": ["信守承诺并赢得伙伴赞赏", "慷慨援助受灾邻国", "积极推动对话与合作", "履行义务受到各方称赞"],
    "AGAINST": ["蓄意操纵市场价格", "威胁盟友并公开施压", "隐瞒真相欺骗公众", "违规制裁弱小国家"],
    "NONE": ["发布季度统计数据", "召开例行记者会", "公布新的统计口径", "更新官方网站栏目"],
}
SUBJECTS = {"us": ["美国", "美方", "华盛顿"], "china": ["中国", "中方", "北京"]}


def _labels() -> pd.DataFrame:
    rows = []
    for label, predicates in PREDICATES.items():
        for i, predicate in enumerate(predicates):
            for target, subjects in SUBJECTS.items():
                for j, subject in enumerate(subjects):
                    text = f"{subject}{predicate}。"
                    if (i + j) % 2:  # half of the rows in traditional script
                        text = _converter("s2t").convert(text)
                    rows.append((text, target, label))
    return pd.DataFrame(rows, columns=["text", "target", "label"])


@pytest.fixture(scope="module")
def model():
    return train(_labels(), seed=7, lexicons=LEXICONS)


def test_cross_validation_has_one_row_per_label(model):
    cv = model.cv
    assert cv.n_splits == 5
    assert [label for label, _, _ in cv.per_class] == ["AGAINST", "FAVOR", "NONE"]
    assert [n for _, n, _ in cv.per_class] == [24, 24, 24]
    assert cv.macro_f1 == pytest.approx(sum(f for _, _, f in cv.per_class) / 3, abs=1e-6)
    assert cv.macro_f1 >= 0.9
    # FAVOR/AGAINST/NONE is a stance scheme: the choice is made on F_avg, the mean F1 of two labels.
    f1 = {label: f for label, _, f in cv.per_class}
    assert cv.metric == "F_avg" and cv.f_avg == pytest.approx((f1["FAVOR"] + f1["AGAINST"]) / 2, abs=1e-6)
    assert list(cv.as_frame().columns) == ["label", "n", "f1"]
    lines = cv.render().splitlines()
    assert lines[0] == "cross-validation: 5-fold stratified, out-of-fold predictions"
    assert lines[1].split() == ["label", "n", "F1"]
    assert [line.split()[:2] for line in lines[2:7]] == [
        ["AGAINST", "24"], ["FAVOR", "24"], ["NONE", "24"], ["macro-F1", "72"], ["F_avg", "72"]
    ]  # fmt: skip
    assert lines[7].startswith(f"model: {model.strategy} (highest cross-validated F_avg of pooled ")
    assert len(lines) == 8


def test_strategy_is_the_best_candidate_earliest_on_a_tie(model):
    cv = model.cv
    names = [name for name, _ in cv.candidates]
    # Both targets have 36 rows, 12 per label: each gets a model of its own; no cues lexicon.
    assert names == ["pooled", "per-target", "combined"]
    best = max(score for _, score in cv.candidates)
    assert cv.strategy == next(name for name, score in cv.candidates if score == best)
    assert model.strategy == cv.strategy
    assert model.own_targets == (() if model.strategy == "pooled" else ("china", "us"))


def test_own_targets_need_enough_rows_of_every_label():
    labels = ("AGAINST", "FAVOR")
    targets = np.array(["a"] * 30 + ["b"] * 30 + ["c"] * 29, dtype=object)
    y = np.array(
        ["FAVOR"] * 25
        + ["AGAINST"] * 5
        + ["FAVOR"] * 26
        + ["AGAINST"] * 4
        + ["FAVOR", "AGAINST"] * 14
        + ["FAVOR"],
        dtype=object,
    )
    # a: 30 rows, 5 AGAINST -> own model; b: only 4 AGAINST; c: 29 rows.
    assert own_targets(targets, y, labels) == ["a"]


def test_combine_takes_own_rows_from_the_strategy():
    pooled = np.array([[0.8, 0.2], [0.6, 0.4]])
    own = np.array([[0.2, 0.8], [0.0, 0.0]])
    has_own = np.array([True, False])
    assert combine("pooled", pooled, own, has_own).tolist() == pooled.tolist()
    assert combine("per-target", pooled, own, has_own).tolist() == [[0.2, 0.8], [0.6, 0.4]]
    assert combine("combined+cues", pooled, own, has_own).tolist() == [[0.5, 0.5], [0.6, 0.4]]
    assert STRATEGIES[0] == "pooled"  # the preferred candidate on a tie


def test_probabilities_are_calibrated_per_row(model):
    texts = ["北京慷慨援助受灾邻国。", "華盛頓隱瞞真相欺騙公眾。", "中方更新官方网站栏目。"]
    found = model.predict_proba(texts, ["china", "us", "china"])
    assert found.shape == (3, 3)
    assert np.allclose(found.sum(axis=1), 1.0)
    assert [model.labels[i] for i in found.argmax(axis=1)] == ["FAVOR", "AGAINST", "NONE"]
    assert model.predict(texts, ["china", "us", "china"]) == ["FAVOR", "AGAINST", "NONE"]
    assert model.predict_proba([], []).shape == (0, 3)


def test_target_names_are_matched_as_canonical_forms():
    frame = pd.DataFrame(
        {
            "text": ["新机很好用", "新机太贵了"] * 4,
            "target": ["IphoneSE"] * 8,
            "label": ["FAVOR", "AGAINST"] * 4,
        }
    )
    fitted = train(frame, seed=1, cv=False)
    assert fitted.knows("iPhone SE") and fitted.knows("iphonese") and not fitted.knows("iPhone 7")


def test_model_records_what_it_was_trained_on(model):
    assert model.labels == ("AGAINST", "FAVOR", "NONE")
    assert model.targets == ("china", "us")
    assert model.n_rows == 72
    assert model.data_sha256.startswith("sha256:") and len(model.data_sha256) == 7 + 64
    assert (
        "美方" in model.aliases["us"] and "中美" in model.aliases["us"] and "中美" in model.aliases["china"]
    )


def test_target_is_masked_in_both_views_and_scripts(model):
    simplified = model.features(["美国威胁中国"], ["us"])
    traditional = model.features(["美國威脅中國"], ["us"])
    assert simplified.equals(traditional)
    assert simplified.loc[0, "words"] == "<TGT> 威胁 <OTHER>"
    assert simplified.loc[0, "chars"] == f"{TARGET_CHAR}威胁{OTHER_CHAR}"
    # The same sentence seen from the other target swaps the placeholders.
    assert model.features(["美国威胁中国"], ["china"]).loc[0, "words"] == "<OTHER> 威胁 <TGT>"


def test_alias_inside_longer_token_is_masked(model):
    assert model.features(["中美合作顺利"], ["us"]).loc[0, "words"].startswith("<TGT>")


def test_negation_scope_is_marked_in_the_word_view_only(model):
    got = model.features(["美國沒有威脅中國，這很好"], ["us"]).loc[0]
    assert got["words"] == "<TGT> 没有 NEG_威胁 NEG_<OTHER> , 这 很 好"
    assert got["chars"] == f"{TARGET_CHAR}没有威胁{OTHER_CHAR},这很好"


def test_only_training_targets_become_other():
    # 日本 is a target of the lexicon but not of the labels: it stays a word, so a model can
    # tell it from the targets it learned; seen as the row's own target it is still masked.
    japan = SimpleNamespace(term="日本", category="japan")
    lexicons = {"targets": SimpleNamespace(entries=(*TARGETS.entries, japan))}
    fitted = train(_labels(), seed=7, lexicons=lexicons, cv=False)
    assert fitted.features(["美国批评日本和中国"], ["us"]).loc[0, "words"] == "<TGT> 批评 日本 和 <OTHER>"
    assert fitted.features(["美国批评日本"], ["japan"]).loc[0, "words"] == "<OTHER> 批评 <TGT>"


def test_target_aliases_without_lexicon_use_the_target_string():
    assert target_aliases(["US", "中國"]) == {"US": ("us",), "中國": ("中国",)}


def test_predicts_fresh_sentences_and_unseen_target(model):
    # Unseen combinations and a target the model never saw: the mask makes the words carry it.
    got = model.predict(["美國政府蓄意操縱市場價格。", "日本召开例行记者会。"], ["us", "日本"])
    assert got == ["AGAINST", "NONE"]


_TRAIN_AND_SAVE = """
import sys
sys.path.insert(0, {tests!r})
from test_learn import LEXICONS, _labels
from stance.model.learn import save_model, train
save_model(train(_labels(), seed=7, lexicons=LEXICONS), sys.argv[1])
"""


def test_two_processes_write_identical_model_bytes(tmp_path):
    # Separate interpreters with different hash seeds: memory addresses, set order and zip
    # time stamps all differ between them, the bytes must not.
    script = _TRAIN_AND_SAVE.format(tests=str(Path(__file__).parent))
    paths = []
    for hash_seed in ("1", "2"):
        path = tmp_path / f"m{hash_seed}.model"
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        subprocess.run([sys.executable, "-c", script, str(path)], check=True, env=env, timeout=120)
        paths.append(path)
    assert paths[0].read_bytes() == paths[1].read_bytes()


def test_resaving_a_loaded_model_gives_the_same_bytes(tmp_path, model):
    save_model(model, tmp_path / "a.model")
    save_model(load_model(tmp_path / "a.model"), tmp_path / "b.model")
    assert (tmp_path / "a.model").read_bytes() == (tmp_path / "b.model").read_bytes()


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_model_file_mode_follows_the_umask(tmp_path, model, umask, mode):
    old = os.umask(umask)
    try:
        save_model(model, tmp_path / "m.model")
    finally:
        os.umask(old)
    assert (tmp_path / "m.model").stat().st_mode & 0o777 == mode


def test_vocabulary_is_saved_as_one_array_without_memory_addresses(model):
    vectorizer = model.parts["vectorizers"]["words"]
    assert isinstance(vectorizer, CompactTfidfVectorizer)
    state = vectorizer.__getstate__()
    assert "vocabulary_" not in state and "_stop_words_id" not in state
    terms = bytes(state["vocabulary_terms_"]).decode("utf-8").split("\n")
    assert len(terms) == state["vocabulary_size_"] == len(vectorizer.vocabulary_)
    assert [vectorizer.vocabulary_[t] for t in terms] == list(range(len(terms)))
    again = CompactTfidfVectorizer.__new__(CompactTfidfVectorizer)
    again.__setstate__(state)
    texts = ["<TGT> 蓄意 操纵 市场 价格", "<OTHER> 召开 例行 记者会"]
    assert (again.transform(texts) != vectorizer.transform(texts)).nnz == 0


def test_cue_counts_use_the_lexicon_entries():
    counter = CueCounter([("赞赏", "evaluation", 1.5), ("欺骗", "evaluation", -1.0), ("没有", "negator", -1)])
    row = counter.row("他们没有欺骗也没有赞赏", ["他们", "没有", "欺骗", "也", "没有", "赞赏"])
    got = dict(zip(CUE_COLUMNS, (row / CUE_WEIGHT).round(6), strict=True))
    assert got["evaluation+"] == round(float(np.log1p(1.5)), 6)
    assert got["evaluation-"] == round(float(np.log1p(1.0)), 6)
    assert got["negator"] == round(float(np.log1p(2)), 6)
    assert sum(v != 0 for v in got.values()) == 3


def test_saved_model_loads_and_predicts_the_same(tmp_path, model):
    path = tmp_path / "m.model"
    save_model(model, path)
    loaded = load_model(path)
    texts = ["北京慷慨援助受灾邻国。", "華盛頓隱瞞真相欺騙公眾。", "中方更新官方网站栏目。"]
    targets = ["china", "us", "china"]
    assert loaded.predict(texts, targets) == model.predict(texts, targets)
    assert np.array_equal(loaded.predict_proba(texts, targets), model.predict_proba(texts, targets))
    assert loaded.labels == model.labels and loaded.targets == model.targets
    assert loaded.strategy == model.strategy and loaded.own_targets == model.own_targets
    assert loaded.data_sha256 == model.data_sha256 and loaded.cv == model.cv
    meta = json.loads(zipfile.ZipFile(path).read("metadata.json"))
    assert meta["format"] == "stance-model" and meta["labels"] == ["AGAINST", "FAVOR", "NONE"]


def _write_zip(path, members: dict[str, bytes]) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    path.write_bytes(buffer.getvalue())


def test_untrusted_type_is_refused_unloaded(tmp_path, model):
    from sklearn.preprocessing import FunctionTransformer

    good = tmp_path / "good.model"
    save_model(model, good)
    meta = zipfile.ZipFile(good).read("metadata.json")
    evil = tmp_path / "evil.model"
    _write_zip(evil, {"metadata.json": meta, "pipeline.skops": sio.dumps(FunctionTransformer(func=print))})
    with pytest.raises(ModelError) as err:
        load_model(evil)
    assert str(err.value) == (
        f"{evil}: refusing to load untrusted type(s) builtins.print; only load models you trained "
        "with `stance train`."
    )


def test_corrupt_and_foreign_files_are_refused(tmp_path, model):
    junk = tmp_path / "junk.model"
    junk.write_bytes(b"\x80\x04 not a model at all")
    with pytest.raises(ModelError, match=r"junk\.model: not a readable stance model \(BadZipFile\)"):
        load_model(junk)
    partial = tmp_path / "partial.model"
    _write_zip(partial, {"metadata.json": b"{}"})
    with pytest.raises(ModelError, match=r"partial\.model: not a stance model \(metadata\.json or pipeline"):
        load_model(partial)
    good = tmp_path / "good.model"
    save_model(model, good)
    members = {n: zipfile.ZipFile(good).read(n) for n in ("metadata.json", "pipeline.skops")}
    broken = tmp_path / "broken.model"
    _write_zip(broken, {**members, "pipeline.skops": members["pipeline.skops"][:200]})
    with pytest.raises(ModelError, match=r"broken\.model: the pipeline part is corrupt"):
        load_model(broken)
    with pytest.raises(ModelError, match=r"missing\.model: no such model file; check the --model path\."):
        load_model(tmp_path / "missing.model")


def test_bomb_inside_a_sparse_matrix_is_refused_unread(tmp_path, model):
    good = tmp_path / "good.model"
    save_model(model, good)
    with zipfile.ZipFile(good) as archive:
        meta, skops_part = archive.read("metadata.json"), archive.read("pipeline.skops")
    npz = io.BytesIO()
    with zipfile.ZipFile(npz, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("data.npy", bytes(32 * 2**20))
    inner = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(skops_part)) as source, zipfile.ZipFile(inner, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            target.writestr(name, npz.getvalue() if name.endswith(".npz") else data)
    evil = tmp_path / "evil.model"
    _write_zip(evil, {"metadata.json": meta, "pipeline.skops": inner.getvalue()})
    with pytest.raises(ModelError) as err:
        load_model(evil)
    assert "its array '" in str(err.value) and "member 'data.npy' is compressed" in str(err.value)
    assert str(err.value).endswith("(a zip bomb?); retrain with `stance train LABELS.csv --out evil.model`.")


def test_wrong_shapes_and_old_formats_are_refused(tmp_path, model):
    import skops.io as sio

    good = tmp_path / "good.model"
    save_model(model, good)
    meta = json.loads(zipfile.ZipFile(good).read("metadata.json"))
    shapeless = tmp_path / "shapeless.model"
    _write_zip(
        shapeless, {"metadata.json": json.dumps(meta).encode(), "pipeline.skops": sio.dumps({"pooled": 1})}
    )
    with pytest.raises(ModelError) as err:
        load_model(shapeless)
    assert str(err.value) == (
        f"{shapeless}: its pipeline part is not a stance model's; retrain with "
        "`stance train LABELS.csv --out shapeless.model`."
    )
    old = tmp_path / "old.model"
    members = {n: zipfile.ZipFile(good).read(n) for n in ("metadata.json", "pipeline.skops")}
    _write_zip(old, {**members, "metadata.json": json.dumps({**meta, "format_version": 1}).encode()})
    with pytest.raises(ModelError) as err:
        load_model(old)
    assert str(err.value) == (
        f"{old}: model format version 1 is not 3; retrain with `stance train LABELS.csv --out old.model`."
    )


def test_single_class_and_singleton_class_are_explained():
    one = pd.DataFrame({"text": ["美国很好", "中国很好"], "target": ["us", "china"], "label": ["1", "1"]})
    with pytest.raises(ModelError) as err:
        train(one, seed=1, source="x.csv")
    assert str(err.value) == (
        "x.csv: every row has the label '1'; a classifier needs at least two classes: "
        "add rows of the other labels."
    )
    rare = pd.DataFrame(
        {
            "text": ["美国很好", "中国很好", "美国很差"],
            "target": ["us", "china", "us"],
            "label": ["1", "1", "-1"],
        }
    )
    with pytest.raises(ModelError) as err:
        train(rare, seed=1, source="x.csv")
    assert str(err.value) == (
        "x.csv: label '-1' has only 1 row; cross-validation needs at least 2 per label "
        "(add examples, or merge or drop that label)."
    )


def test_numeric_labels_keep_numeric_order():
    frame = _labels().replace({"label": {"AGAINST": "-1", "NONE": "0", "FAVOR": "1"}})
    fitted = train(frame, seed=3, lexicons=LEXICONS, cv=False)
    assert fitted.labels == ("-1", "0", "1") and fitted.cv is None
    assert fitted.strategy == "combined"  # not cross-validated: both targets have enough rows


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "{p}: the file is empty; it needs a header row text,target,label and rows."),
        (
            b"text,target\n\xe7\xbe\x8e,us\n",
            "{p}: missing column(s) label; the header must name text, target, label (found: text, target).",
        ),
        (b"text,target,label\n", "{p}: has a header but no rows; add labelled rows."),
        (
            "text,target,label\n美国很好,us,1\n中国,,0\n".encode(),
            "{p}:3: empty 'target'; fill it in or delete the row.",
        ),
        (
            "text,target,label\n美国很好,us,1\n".encode() + "中国很好,china,1\n".encode("gbk"),
            "{p}:3: not UTF-8 text; re-save the file as UTF-8 CSV "
            "(Excel: Save As, CSV UTF-8; its plain CSV on Chinese Windows is GBK or Big5).",
        ),
    ],
)
def test_read_labels_errors_name_file_and_row(tmp_path, content, message):
    path = tmp_path / "labels.csv"
    path.write_bytes(content)
    with pytest.raises(InputError) as err:
        read_labels(path)
    assert str(err.value) == message.format(p=path)


# --------------------------------------------------------------------------- the NLPCC-2016 benchmark

NLPCC = Path(__file__).resolve().parents[1].parent / "shared" / "benchmarks" / "nlpcc2016"


def test_benchmark_rows_are_cleaned_as_the_benchmark_readme_says():
    """The rows benchmarks/bench_nlpcc.py trains and scores on (training is not run here)."""
    if not (NLPCC / "evasampledata4-TaskAA.txt").is_file():
        pytest.skip(f"the NLPCC-2016 benchmark files are not in {NLPCC}")
    import re

    from benchmarks.bench_nlpcc import gold_rows, training_rows

    train_rows, gold = training_rows(NLPCC), gold_rows(NLPCC)
    assert len(train_rows) == 2971 and len(gold) == 1000
    assert train_rows["label"].value_counts().to_dict() == {"AGAINST": 1200, "FAVOR": 1161, "NONE": 610}
    assert sorted(set(gold["target"])) == sorted(set(train_rows["target"]))

    def key(text: str) -> str:  # the README's comparison: through GBK, without whitespace
        return re.sub(r"\s+", "", text.encode("gbk", errors="replace").decode("gbk"))

    assert not {key(t) for t in train_rows["text"]} & {key(t) for t in gold["text"]}


@pytest.mark.parametrize(
    ("tokens", "expected"),
    [
        # A contraction, either apostrophe, opens a scope that punctuation closes.
        (
            ["They", "won’t", "win", "this", ",", "sadly"],
            ["They", "won’t", "NEG_win", "NEG_this", ",", "sadly"],
        ),
        (["Nobody", "trusts", "Washington", "."], ["Nobody", "NEG_trusts", "NEG_Washington", "."]),
        (["Sanctions", "CANNOT", "stop", "growth"], ["Sanctions", "CANNOT", "NEG_stop", "NEG_growth"]),
        # Words that merely start like a negator do not open a scope.
        (["Notably", "nobel", "prizes", "noted"], ["Notably", "nobel", "prizes", "noted"]),
        (["非常", "支持", "。", "未来", "可期"], ["非常", "支持", "。", "未来", "可期"]),
        (["毫无", "诚意", "可言", "!", "好"], ["毫无", "NEG_诚意", "NEG_可言", "!", "好"]),
    ],
)
def test_negation_scopes_in_both_languages(tokens, expected):
    assert mark_negation(tokens) == expected
