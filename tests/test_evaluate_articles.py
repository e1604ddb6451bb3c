"""`stance evaluate --articles`: readers' article labels against the article scores of
`stance report` (evaluation + 0.5 x potency), with figures checked against scipy on the same
pairs, exact error messages and exit codes, the files of --out, and the seeds end to end."""

from __future__ import annotations

import csv
import json
import math

import pandas as pd
import pytest
from scipy.stats import spearmanr

from stance.config import RunConfig
from stance.corpus.records import Article
from stance.errors import InputError
from stance.lexicon import load_lexicons
from stance.measure.aggregate import stance_table
from stance.measure.mentions import TargetIndex
from stance.measure.polarity import score_article
from stance.model.evaluate_articles import (
    ALL,
    ARTICLE_POTENCY_WEIGHT,
    OWNER,
    PAIR_COLUMNS,
    ArticleLabel,
    evaluate_articles,
    group_agreement,
    label_values,
    read_article_labels,
)
from stance.pipeline import analyse, load_articles

from .conftest import SEEDS

# Short articles written for these tests: each portrays one target clearly one way.
ARTICLES = {
    "en/us_praise.txt": (
        "en-us-praise",
        "Daily Ledger",
        "The United States was praised as a reliable and generous partner.\n\n"
        "Washington offered a fair and constructive deal, and the US is strong in the talks.\n",
    ),
    "en/china_coercion.txt": (
        "en-china-coercion",
        "Harbour Post",
        "China was condemned for coercion and blackmail.\n\n"
        "Beijing made aggressive threats against its neighbours and failed to win support.\n",
    ),
    "en/us_shortage.txt": (
        "en-us-shortage",
        "Harbour Post",
        "The US lacks refining capacity and remains vulnerable.\n\n"
        "Washington failed to secure supply and faces a shortage.\n",
    ),
    "en/china_lead.txt": (
        "en-china-lead",
        "Daily Ledger",
        "China is dominant in refining and holds a powerful advantage.\n\n"
        "Beijing was praised as a reliable and responsible partner.\n",
    ),
    "zh/us_good.txt": (
        "zh-us-good",
        "晨报",
        "美国慷慨援助邻国，受到各方称赞。\n\n美方态度可靠，实力强大。\n",
    ),
    "zh/china_bad.txt": (
        "zh-china-bad",
        "海峡评论",
        "中国蓄意操纵价格，胁迫邻国。\n\n北京的霸凌行为受到谴责。\n",
    ),
    "zh/us_bad.txt": (
        "zh-us-bad",
        "海峡评论",
        "美國的計劃遭遇失敗。\n\n美國無法擺脫困境，實力落後。\n",
    ),
    "zh/china_good.txt": (
        "zh-china-good",
        "晨报",
        "中国态度可靠，实力强大。\n\n中方慷慨援助邻国，受到称赞。\n",
    ),
}
LANGUAGE = {"en": "en", "zh": "zh"}

# (article_id, file, target as written, label): both ways of naming an article, ids and
# aliases in either script, a -2..2 scale, and one target the article never mentions (japan).
LABELS = [
    ("", "en/us_praise.txt", "us", "2"),
    ("en-china-coercion", "", "China", "-2"),
    ("en-us-shortage", "en/us_shortage.txt", "Washington", "-1"),
    ("en-china-lead", "", "china", "+2"),
    ("", "zh/us_good.txt", "美國", "2"),
    ("zh-china-bad", "", "中国", "-2"),
    ("zh-us-bad", "", "us", "-1"),
    ("", "zh/china_good.txt", "北京", "1"),
    ("zh-us-good", "", "japan", "1"),
]


def _write_corpus(folder):
    rows = ["file,article_id,source,language"]
    for name, (article_id, source, text) in ARTICLES.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        rows.append(f"{name},{article_id},{source},{LANGUAGE[name.split('/')[0]]}")
    (folder / "corpus.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


def _write_labels(path, rows, header="article_id,file,target,label"):
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(header + "\n")
        csv.writer(handle, lineterminator="\n").writerows(rows)
    return path


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return _write_corpus(tmp_path_factory.mktemp("articles") / "corpus")


@pytest.fixture(scope="module")
def report_scores(corpus, tmp_path_factory):
    """The article scores as `stance report` computes them (its own analyse step, not the
    command's), keyed by (article_id, target): evaluation + 0.5 x potency, and the language."""
    config = RunConfig(cache_dir=tmp_path_factory.mktemp("cache"))
    lexicons = load_lexicons()
    articles = load_articles(corpus, config, lexicons)
    stance = analyse(articles, lexicons, config).tables["stance"]
    rows = stance[stance["article_id"] != "*"].pivot_table(
        index=["article_id", "target"], columns="dimension", values="score"
    )
    return {key: r["evaluation"] + 0.5 * r["potency"] for key, r in rows.iterrows()}


def _expected_pairs(report_scores):
    """(target, language, label, score) of LABELS, computed independently of the command."""
    index = TargetIndex.from_lexicons(load_lexicons())
    by_file = {name: article_id for name, (article_id, _, _) in ARTICLES.items()}
    pairs = []
    for article_id, file, target, label in LABELS:
        article_id = article_id or by_file[file]
        (target_id,) = index.resolve(target)
        language = LANGUAGE[next(n for n, a in ARTICLES.items() if a[0] == article_id).split("/")[0]]
        pairs.append((target_id, language, float(label), report_scores.get((article_id, target_id), 0.0)))
    return pairs


def _table(out: str) -> dict[tuple[str, str], list[str]]:
    """The printed agreement table: (target, language) -> the other cells."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.split()[:2] == ["target", "language"])
    rows = {}
    for line in lines[start + 1 :]:
        if not line.strip():
            break
        cells = line.split()
        rows[(cells[0], cells[1])] = cells[2:]
    return rows


# --------------------------------------------------------------------------- the library


def _article(article_id, language, path=""):
    return Article(
        article_id=article_id,
        source=f"src-{article_id}",
        outlet_kind="",
        language=language,
        script="",
        published="",
        url="",
        label="",
        path=path,
        encoding="utf-8",
        sentences=(),
    )


def test_pairs_come_from_article_rows_and_figures_match_scipy(lexicons, tmp_path):
    articles = [_article(f"a{i}", "zh" if i < 4 else "en") for i in range(6)]
    # Only the columns the command reads; stance.csv has more.
    stance = pd.DataFrame(
        [
            {
                "article_id": aid,
                "source": "",
                "target": "us",
                "dimension": dim,
                "score": score,
                "n_sentences": 7,
            }
            for aid, ev, po in [
                ("a0", -0.4, -0.2),
                ("a1", 0.1, -0.6),
                ("a2", 0.3, 0.2),
                ("a3", 0.2, 0.4),
                ("a4", -0.1, 0.0),
                ("*", 0.9, 0.9),  # a source row: never read as an article score
            ]
            for dim, score in (("evaluation", ev), ("potency", po))
        ]
    )
    labels = [
        ArticleLabel(2, "a0", "", "us", "1"),
        ArticleLabel(3, "a1", "", "美國", "2"),
        ArticleLabel(4, "a2", "", "us", "3"),
        ArticleLabel(5, "a3", "", "us", "5"),
        ArticleLabel(6, "a4", "", "us", "4"),
        ArticleLabel(7, "a5", "", "us", "2"),  # a5 never mentions the US: unscored, score 0
    ]
    result = evaluate_articles(labels, articles, stance, lexicons, corpus=tmp_path, labels_file="l.csv")
    assert list(result.pairs.columns) == list(PAIR_COLUMNS)
    scores = [-0.4 - 0.1, 0.1 - 0.3, 0.3 + 0.1, 0.2 + 0.2, -0.1, 0.0]
    assert result.pairs["score"].tolist() == pytest.approx(scores)
    assert result.pairs["n_sentences"].tolist() == [7, 7, 7, 7, 7, 0]
    assert math.isnan(result.pairs["evaluation"].iloc[5])
    assert (result.scale.low, result.scale.high, result.scale.midpoint) == (1.0, 5.0, 3.0)
    groups = {(g.target, g.language): g for g in result.groups}
    # One target: its pooled row would repeat the overall row, so only the overall is given.
    assert list(groups) == [("us", "en"), ("us", "zh"), (ALL, ALL)]
    rho, p = spearmanr([1, 2, 3, 5, 4, 2], scores)
    overall = groups[(ALL, ALL)]
    assert (overall.n, overall.rho, overall.p) == (6, pytest.approx(rho), pytest.approx(p))
    # Leans (midpoint 3): 1, 2, 5, 4, 2 -> scores -0.5 (agree), -0.2 (agree), 0.4 (agree),
    # -0.1 (disagree), 0 (unscored: disagree); the label 3 is no lean.
    assert (overall.n_lean, overall.n_agree, overall.n_unscored) == (5, 3, 1)
    zh = groups[("us", "zh")]
    assert (zh.n, zh.rho, zh.n_lean, zh.n_agree) == (
        4,
        pytest.approx(spearmanr([1, 2, 3, 5], scores[:4])[0]),
        3,
        3,
    )
    en = groups[("us", "en")]
    assert (en.n, math.isnan(en.rho), en.n_lean, en.n_agree, en.n_unscored) == (2, True, 2, 0, 1)


def test_article_score_weight_is_one_half():
    assert ARTICLE_POTENCY_WEIGHT == 0.5


def test_label_scales():
    def rows(*labels):
        return [ArticleLabel(i + 2, f"a{i}", "", "us", x) for i, x in enumerate(labels)]

    values, scale = label_values(rows("1", "4", "2"), source="l.csv")
    assert (values, scale.midpoint, scale.given) == ([1.0, 4.0, 2.0], 2.5, False)
    assert scale.describe() == (
        "labels: numbers from 1 to 4; clear lean: a label above or below the midpoint 2.5 "
        "(halfway between the lowest and highest label seen; --midpoint sets it)"
    )
    values, scale = label_values(rows("FAVOR", "none", "0", "1"), source="l.csv")
    assert (values, scale.midpoint) == ([1.0, 0.0, 0.0, 1.0], 0.0)
    assert scale.describe().startswith("labels: words against/none/favor read as -1/0/+1; clear lean:")
    _, scale = label_values(rows("1", "5"), source="l.csv", midpoint=2)
    assert scale.midpoint == 2 and scale.describe().endswith("the midpoint 2 (given by --midpoint)")
    with pytest.raises(
        InputError, match=r"^l.csv:3: label '2' mixes a number scale with the stance word 'against'"
    ):
        label_values(rows("against", "2"), source="l.csv")


def test_sign_agreement_needs_a_nonzero_score_on_the_labels_side():
    scale = label_values(
        [ArticleLabel(2, "a", "", "us", "-2"), ArticleLabel(3, "b", "", "us", "2")], source="l"
    )[1]
    g = group_agreement("us", "en", [-2, -1, 0, 1, 2], [-0.3, 0.0, 0.5, 0.2, -0.1], scale, unscored=0)
    assert (g.n, g.n_lean, g.n_agree) == (5, 4, 2)


# --------------------------------------------------------------------------- the command


def test_cli_prints_agreement_per_target_language_and_overall(corpus, tmp_path, run_cli, report_scores):
    labels = _write_labels(tmp_path / "labels.csv", LABELS)
    code, out, err = run_cli("evaluate", "--articles", labels, corpus)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[:4] == [
        f"articles: 9 labelled (target, article) pairs from {labels}; corpus {corpus}",
        "score: evaluation + 0.5 x potency, from the article rows of stance.csv",
        "labels: numbers from -2 to 2; clear lean: a label above or below the midpoint 0 "
        "(halfway between the lowest and highest label seen; --midpoint sets it)",
        "unscored: 1 labelled article(s) do not mention their target; they score 0 "
        "(counted in n and Spearman, never in sign agreement)",
    ]
    table = _table(out)
    assert list(table) == [
        ("china", "en"),
        ("china", "zh"),
        ("china", ALL),
        ("japan", "zh"),
        ("us", "en"),
        ("us", "zh"),
        ("us", ALL),
        (ALL, "en"),
        (ALL, "zh"),
        (ALL, ALL),
    ]
    pairs = _expected_pairs(report_scores)
    groups = {
        ("china", ALL): [p for p in pairs if p[0] == "china"],
        ("us", ALL): [p for p in pairs if p[0] == "us"],
        (ALL, "en"): [p for p in pairs if p[1] == "en"],
        (ALL, "zh"): [p for p in pairs if p[1] == "zh"],
        (ALL, ALL): pairs,
    }
    for key, chosen in groups.items():
        rho, p = spearmanr([c[2] for c in chosen], [c[3] for c in chosen])
        n, printed_rho, printed_p = table[key][:3]
        assert (int(n), printed_rho, printed_p) == (len(chosen), f"{rho:.3f}", f"{p:.3f}"), key
    # Every article leans the way its label does, except japan in zh/us_good (never mentioned).
    assert table[(ALL, ALL)] == [*table[(ALL, ALL)][:3], "9", "8/9", "(89%)", "1"]
    assert table[("japan", "zh")] == ["1", "n/a", "n/a", "1", "0/1", "(0%)", "1"]
    assert table[("us", "en")][:3] == ["2", "n/a", "n/a"]
    assert table[(ALL, "en")][3:] == ["4", "4/4", "(100%)", "0"]
    assert lines[-1].startswith("lean = labels strictly above or below the midpoint;")


def test_midpoint_option_and_word_labels(corpus, tmp_path, run_cli):
    rows = [("en-us-praise", "", "us", "favor"), ("en-china-coercion", "", "china", "AGAINST")]
    rows += [("en-us-shortage", "", "us", "none"), ("en-china-lead", "", "china", "1")]
    labels = _write_labels(tmp_path / "words.csv", rows)
    code, out, _ = run_cli("evaluate", "--articles", labels, corpus)
    assert code == 0
    assert (
        "labels: words against/none/favor read as -1/0/+1; clear lean: a label above or below the midpoint 0 ('none')"
        in out
    )
    assert _table(out)[(ALL, ALL)][3:] == ["3", "3/3", "(100%)", "0"]
    code, out, _ = run_cli("evaluate", "--articles", labels, corpus, "--midpoint", "-0.5")
    assert code == 0
    assert "the midpoint -0.5 (given by --midpoint)" in out
    # 'none' (0) now leans favourable, and en-us-shortage scores below 0.
    assert _table(out)[(ALL, ALL)][3:] == ["4", "3/4", "(75%)", "0"]


def test_out_writes_pairs_and_plots_deterministically(corpus, tmp_path, run_cli, report_scores):
    labels = _write_labels(tmp_path / "labels.csv", LABELS)
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    code, stdout, _ = run_cli("evaluate", "--articles", labels, corpus, "--out", out)
    assert code == 0
    assert stdout.splitlines()[-1] == f"wrote 6 files to {out}"
    plots = ["china_en", "china_zh", "japan_zh", "us_en", "us_zh"]
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["evaluate_articles.csv", "notes.txt", *(f"evaluate_articles_{p}.png" for p in plots)]
    )
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"
    table = pd.read_csv(out / "evaluate_articles.csv", keep_default_na=False)
    assert list(table.columns) == list(PAIR_COLUMNS)
    assert table["article_id"].tolist()[:3] == ["en-us-praise", "en-china-coercion", "en-us-shortage"]
    assert table["file"].tolist()[:2] == ["en/us_praise.txt", "en/china_coercion.txt"]
    assert table["language"].tolist() == ["en"] * 4 + ["zh"] * 5
    assert table["target"].tolist() == ["us", "china", "us", "china", "us", "china", "us", "china", "japan"]
    assert table["label"].tolist() == [2, -2, -1, 2, 2, -2, -1, 1, 1]
    expected = [p[3] for p in _expected_pairs(report_scores)]
    assert table["score"].tolist() == pytest.approx(expected, abs=1e-5)
    assert table.iloc[8][["evaluation", "potency", "n_sentences"]].tolist() == ["", "", 0]
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    assert before["evaluate_articles_us_zh.png"].startswith(b"\x89PNG")
    assert OWNER.encode() in before["evaluate_articles_us_zh.png"]
    assert run_cli("evaluate", "--articles", labels, corpus, "--out", out)[0] == 0
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_out_never_replaces_a_file_it_did_not_write(corpus, tmp_path, run_cli):
    labels = _write_labels(tmp_path / "labels.csv", LABELS[:2])
    out = tmp_path / "out"
    out.mkdir()
    theirs = out / "evaluate_articles_china_en.png"
    theirs.write_bytes(b"\x89PNG a plot of the user's own")
    code, stdout, err = run_cli("evaluate", "--articles", labels, corpus, "--out", out)
    assert (code, stdout) == (2, "")
    assert err == (
        f"error: {theirs}: already exists and was not written by stance evaluate --articles; "
        "move it away or choose another --out.\n"
    )
    assert [p.name for p in out.iterdir()] == [theirs.name]
    assert theirs.read_bytes() == b"\x89PNG a plot of the user's own"


def test_out_is_checked_before_the_corpus_is_scored(corpus, tmp_path, run_cli, monkeypatch):
    import stance.model.evaluate_articles.run as run

    labels = _write_labels(tmp_path / "labels.csv", LABELS[:2])
    out = tmp_path / "out"
    assert run_cli("evaluate", "--articles", labels, corpus, "--out", out)[0] == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def scored(*args, **kwargs):
        raise AssertionError("the corpus was scored before --out was checked")

    monkeypatch.setattr(run, "score_corpus", scored)
    # The previous run's pairs, read back as the labels: this run would replace its own input.
    pairs = out / "evaluate_articles.csv"
    code, stdout, err = run_cli("evaluate", "--articles", pairs, corpus, "--out", out)
    assert (code, stdout) == (2, "")
    assert err == (
        f"error: {pairs}: is the labels file this run reads; give --out another path (nothing was written).\n"
    )
    # A table of the user's under the pairs file's name.
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / pairs.name).write_text("my,own\n1,2\n", "utf-8")
    code, stdout, err = run_cli("evaluate", "--articles", labels, corpus, "--out", mine)
    assert (code, stdout) == (2, "")
    assert err.startswith(
        f"error: {mine / pairs.name}: already exists and was not written by stance evaluate"
    )
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert (mine / pairs.name).read_text("utf-8") == "my,own\n1,2\n"


def test_a_sentence_gold_file_given_as_the_corpus_is_named(tmp_path, run_cli):
    labels = _write_labels(tmp_path / "labels.csv", LABELS[:2])
    gold = tmp_path / "gold.csv"
    gold.write_text("text,target,label\n美国的做法是霸凌。,us,AGAINST\n", "utf-8")
    message = (
        f"{gold}: is a gold file of labelled sentences (text, target, label), but with --articles the file "
        "after `evaluate` is the corpus to score; give the corpus there, or drop --articles to evaluate this file."
    )
    assert run_cli("evaluate", gold, "--articles", labels) == (2, "", f"error: {message}\n")


def test_seeds_end_to_end(tmp_path, run_cli, seed_articles, lexicons):
    """A toy label file over the four seed articles (named by their corpus.csv file names)."""
    with (SEEDS / "corpus.csv").open(encoding="utf-8") as handle:
        files = {row["article_id"]: row["file"] for row in csv.DictReader(handle)}
    toy = {
        "blog-us-japan-closed-loop": ("5", "2"),
        "scmp-bessent-thanksgiving": ("3", "4"),
        "epochtimes-ge-sb-exports": ("3", "1"),
        "portal-pakistan-path": ("2", "4"),
    }
    rows = [
        ("", files[a], target, label)
        for a, labels in toy.items()
        for target, label in zip(("us", "china"), labels, strict=True)
    ]
    labels = _write_labels(tmp_path / "toy.csv", rows)
    out = tmp_path / "out"
    code, printed, err = run_cli("evaluate", "--articles", labels, "--out", out)
    assert (code, err) == (0, "")
    assert (
        printed.splitlines()[0]
        == f"articles: 8 labelled (target, article) pairs from {labels}; corpus <bundled seed corpus> ({SEEDS})"
    )
    stance = analyse(seed_articles, lexicons, RunConfig()).tables["stance"]
    article_rows = stance[stance["article_id"] != "*"].set_index(["article_id", "target", "dimension"])[
        "score"
    ]
    expected = [
        article_rows[(a, t, "evaluation")] + 0.5 * article_rows[(a, t, "potency")]
        for a, labels in toy.items()
        for t in ("us", "china")
    ]
    pairs = pd.read_csv(out / "evaluate_articles.csv")
    assert pairs["score"].tolist() == pytest.approx(expected, abs=1e-5)
    rho, p = spearmanr([float(r[3]) for r in rows], expected)
    assert _table(printed)[(ALL, ALL)][:3] == ["8", f"{rho:.3f}", f"{p:.3f}"]
    code, again, _ = run_cli("evaluate", "--articles", labels, SEEDS)
    assert code == 0 and _table(again) == _table(printed)
    # --voices author: the article rows of a stance table without reported speech.
    authors = stance_table(
        [row for a in seed_articles for row in score_article(a, lexicons)],
        {a.article_id: a.source for a in seed_articles},
        RunConfig(voices="author"),
    )
    author_rows = authors[authors["article_id"] != "*"].set_index(["article_id", "target", "dimension"])[
        "score"
    ]
    out_author = tmp_path / "author"
    assert run_cli("evaluate", "--articles", labels, "--voices", "author", "--out", out_author)[0] == 0
    expected_author = [
        author_rows[(a, t, "evaluation")] + 0.5 * author_rows[(a, t, "potency")]
        for a in toy
        for t in ("us", "china")
    ]
    assert expected_author != pytest.approx(expected, abs=1e-5)
    scores = pd.read_csv(out_author / "evaluate_articles.csv")["score"].tolist()
    assert scores == pytest.approx(expected_author, abs=1e-5)


# --------------------------------------------------------------------------- bad input


def _targets() -> str:
    return ", ".join(TargetIndex.from_lexicons(load_lexicons()).targets)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "{p}: no such file; check the path to the article labels CSV."),
        (b"", "{p}: the file is empty; it needs a header row article_id,target,label and rows."),
        (
            b"target,score\nus,1\n",
            "{p}: missing column(s) article_id (or file), label; the header must name article_id or file, "
            "target and label (found: target, score).",
        ),
        (
            b"article_id,target,label\n",
            "{p}: has a header but no rows; add one row per labelled article and target.",
        ),
        (
            "article_id,target,label\nzh-us-good,美国,好\n".encode("gbk"),
            "{p}:2: not UTF-8 text; re-save the file as UTF-8 CSV "
            "(Excel: Save As, CSV UTF-8; its plain CSV on Chinese Windows is GBK or Big5).",
        ),
        (
            b"article_id,target,label\nen-us-praise,us,2\nen-china-lead,china,very\n",
            "{p}:3: label 'very' is neither a number nor a stance word (against/none/favor, 反对/中立/支持); use "
            "one ordinal scale of numbers (such as -2..2 or 1..5) or those words.",
        ),
        (
            b"article_id,target,label\nen-us-praise,,2\n",
            "{p}:2: empty 'target'; fill it in or delete the row.",
        ),
        (
            b"article_id,file,target,label\n,,us,2\n",
            "{p}:2: empty 'article_id' or 'file'; name the article or delete the row.",
        ),
        (
            b"article_id,target,label\nen-us-praise,us,2,extra\n",
            "{p}:2: 4 fields but the header has 3; fix the row (quote fields that contain commas).",
        ),
        (
            b"article_id,target,label\nen-us-praise,mars,2\n",
            "{p}:2: unknown target 'mars'; use a target id ({targets}) or an alias from the targets lexicon.",
        ),
        (
            "article_id,target,label\nen-us-praise,中美,2\n".encode(),
            "{p}:2: target '中美' names several targets (china, us); label one target per row.",
        ),
        (
            b"article_id,target,label\nen-us-praise,us,2\nen-us-nope,us,1\n",
            "{p}:3: article_id 'en-us-nope' is not in the corpus {c} (its ids include en-china-coercion, "
            "en-china-lead, en-us-praise); fix the id or delete the row.",
        ),
        (
            b"file,target,label\nen/us_praise.txt,us,2\nen/missing.txt,us,1\n",
            "{p}:3: file 'en/missing.txt' is not an article of the corpus {c}; write its path relative "
            "to the corpus folder, as in corpus.csv.",
        ),
        (
            b"article_id,file,target,label\nen-us-praise,en/china_lead.txt,us,2\n",
            "{p}:2: article_id 'en-us-praise' and file 'en/china_lead.txt' name different articles; fix one of them.",
        ),
        (
            b"article_id,file,target,label\nen-us-praise,,us,2\n,en/us_praise.txt,United States,1\n",
            "{p}:3: article 'en-us-praise' is already labelled for us on line 2; give one label per article "
            "and target (average several readers' labels first).",
        ),
    ],
    ids=[
        "missing-file",
        "empty",
        "missing-columns",
        "no-rows",
        "not-utf8",
        "unreadable-label",
        "empty-target",
        "no-article",
        "ragged-row",
        "unknown-target",
        "joint-target",
        "unknown-article-id",
        "unknown-file",
        "id-and-file-disagree",
        "duplicate",
    ],
)
def test_bad_labels_are_one_line_and_exit_2(corpus, tmp_path, run_cli, content, message):
    labels = tmp_path / "labels.csv"
    if content is not None:
        labels.write_bytes(content)
    out = tmp_path / "out"
    code, stdout, err = run_cli("evaluate", "--articles", labels, corpus, "--out", out)
    assert (code, stdout) == (2, "")
    assert err == "error: " + message.format(p=labels, c=corpus, targets=_targets()) + "\n"
    assert not out.exists()


def test_file_names_need_a_corpus_of_files(tmp_path, run_cli):
    table = tmp_path / "articles.jsonl"
    table.write_text(
        json.dumps({"id": "t1", "text": "The US was praised as a reliable partner."}) + "\n", "utf-8"
    )
    labels = _write_labels(tmp_path / "labels.csv", [("", "t1.txt", "us", "1")])
    code, _, err = run_cli("evaluate", "--articles", labels, table)
    assert code == 2
    assert err == (
        f"error: {labels}:2: file 't1.txt', but the corpus {table} is a table whose articles have no file "
        "names; identify the article by its article_id.\n"
    )


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ((), "give a gold file (stance evaluate GOLD.csv) or labelled articles (--articles LABELS.csv)."),
        (("g.csv", "--out", "x"), "--out applies to --articles only; drop it or add --articles LABELS.csv."),
        (
            ("--articles", "l.csv", "--threshold", "0.3"),
            "--threshold applies to sentence gold files; drop it when you give --articles.",
        ),
        (
            ("--articles", "l.csv", "--seed", "3"),
            "--seed draws the intervals of a sentence gold file's figures; drop it when you give --articles.",
        ),
        (
            ("--articles", "l.csv", "--dimension", "potency"),
            "--dimension with --articles names the dimension a --model scores; the article score always "
            "combines evaluation and potency, so drop --dimension or add --model.",
        ),
    ],
)
def test_option_mistakes(run_cli, argv, message):
    code, stdout, err = run_cli("evaluate", *argv)
    assert (code, stdout, err) == (2, "", f"error: {message}\n")


def test_out_is_a_file(corpus, tmp_path, run_cli):
    labels = _write_labels(tmp_path / "labels.csv", LABELS[:1])
    out = tmp_path / "taken"
    out.write_text("x", encoding="utf-8")
    code, _, err = run_cli("evaluate", "--articles", labels, corpus, "--out", out)
    assert (code, err) == (2, f"error: {out}: is a file, not a directory; choose another --out path.\n")


def test_debug_shows_the_traceback(corpus, tmp_path):
    from stance.cli.main import main

    labels = _write_labels(tmp_path / "labels.csv", [("en-us-praise", "", "mars", "1")])
    with pytest.raises(InputError, match="unknown target 'mars'"):
        main(["evaluate", "--articles", str(labels), str(corpus), "--debug"])


def test_read_article_labels_keeps_line_numbers(tmp_path):
    path = tmp_path / "l.csv"
    path.write_text("\ufefffile , target,label\n\nen/a.txt, us ,2\n", encoding="utf-8")
    assert read_article_labels(path) == [ArticleLabel(3, "", "en/a.txt", "us", "2")]
