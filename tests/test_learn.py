"""stance.model.learn: the target-masked model, its cross-validation, and safe saving/loading."""

from __future__ import annotations

import io
import json
import zipfile
from types import SimpleNamespace

import pandas as pd
import pytest
import skops.io as sio

from stance.errors import InputError, ModelError
from stance.model.learn import (
    OTHER_CHAR,
    TARGET_CHAR,
    load_model,
    read_labels,
    save_model,
    target_aliases,
    train,
)
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
    assert list(cv.as_frame().columns) == ["label", "n", "f1"]
    lines = cv.render().splitlines()
    assert lines[0] == "cross-validation: 5-fold stratified, out-of-fold predictions"
    assert lines[-1].startswith("macro-F1")
    assert len(lines) == 6


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


def test_target_aliases_without_lexicon_use_the_target_string():
    assert target_aliases(["US", "中國"]) == {"US": ("us",), "中國": ("中国",)}


def test_predicts_fresh_sentences_and_unseen_target(model):
    # Unseen combinations and a target the model never saw: the mask makes the words carry it.
    got = model.predict(["美國政府蓄意操縱市場價格。", "日本召开例行记者会。"], ["us", "日本"])
    assert got == ["AGAINST", "NONE"]


def test_same_seed_same_model_bytes(tmp_path, model):
    again = train(_labels(), seed=7, lexicons=LEXICONS)
    assert again.cv == model.cv
    save_model(model, tmp_path / "a.model")
    save_model(again, tmp_path / "b.model")
    assert (tmp_path / "a.model").read_bytes() == (tmp_path / "b.model").read_bytes()


def test_saved_model_loads_and_predicts_the_same(tmp_path, model):
    path = tmp_path / "m.model"
    save_model(model, path)
    loaded = load_model(path)
    texts = ["北京慷慨援助受灾邻国。", "華盛頓隱瞞真相欺騙公眾。", "中方更新官方网站栏目。"]
    targets = ["china", "us", "china"]
    assert loaded.predict(texts, targets) == model.predict(texts, targets)
    assert loaded.labels == model.labels and loaded.targets == model.targets
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
            "{p}:3: not UTF-8 text; re-save the file as UTF-8 CSV.",
        ),
    ],
)
def test_read_labels_errors_name_file_and_row(tmp_path, content, message):
    path = tmp_path / "labels.csv"
    path.write_bytes(content)
    with pytest.raises(InputError) as err:
        read_labels(path)
    assert str(err.value) == message.format(p=path)
