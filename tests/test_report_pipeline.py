"""`stance report` end to end on the seeds: the comparison a reader expects, reproducibility,
exports and the committed sample report."""

from __future__ import annotations

import json

import pytest

from .conftest import ROOT

SAMPLE = ROOT / "reports"


@pytest.fixture(scope="module")
def report_dir(tmp_path_factory):
    from stance.cli.main import main

    out = tmp_path_factory.mktemp("report")
    assert main(["report", "--out", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def comparison(report_dir):
    return json.loads((report_dir / "comparison.json").read_text("utf-8"))


def test_every_output_is_written(report_dir):
    for name in (
        "articles.csv", "sentences.csv", "frames.csv", "mentions.csv", "stance.csv", "disagreements.csv",
        "figures.csv", "naming.csv", "keyness.csv", "comparison.json", "manifest.json", "report.html",
        "report.md", "data_dictionary.csv",
    ):  # fmt: skip
        assert (report_dir / name).stat().st_size > 0, name
    from stance.pipeline.report import report_file_names

    assert sorted(p.name for p in report_dir.iterdir()) == report_file_names()


def test_comparison_has_the_contract_keys(comparison):
    assert set(comparison) >= {"naming", "figures", "disagreements", "keyness", "sources"}
    assert {s["source"] for s in comparison["sources"]} == {
        "SCMP-derived report (reposted by 人工智能学家)",
        "Pro-alliance blog (NetEase self-media)",
        "Epoch Times (大紀元)",
        "Chinese portal (61893.com)",
    }


def _positions(comparison, target, dimension):
    for d in comparison["disagreements"]:
        if d["target"] == target and d["dimension"] == dimension:
            yield {p["article_id"]: p["score"] for p in d["positions"]}, d


def test_disagreement_on_whether_the_us_allied_supply_chain_works(comparison):
    """The blog's US-potent supply-chain sentences set against the portal's failing Pakistan
    plan or the SCMP piece's dependence."""
    found = [
        d
        for scores, d in _positions(comparison, "us", "potency")
        if any(p["article_id"] == "blog-us-japan-closed-loop" and p["score"] > 0 for p in d["positions"])
        and any(
            p["article_id"] in ("portal-pakistan-path", "scmp-bessent-thanksgiving") and p["score"] < 0
            for p in d["positions"]
        )
    ]
    assert found


def test_chinas_export_controls_differ_without_a_claim_card(comparison):
    """Is China's control of rare earths a dominance that cuts off detours (portal) or a lever
    with limits (Epoch Times)? The portal portrays China as clearly stronger than Epoch Times
    does (the intervals do not overlap), but Epoch Times' own interval crosses zero, so no claim
    card sets the two on opposite sides: a side needs an interval wholly above or below zero."""
    profiles = {p["source"]: p["stance"]["china"]["potency"] for p in comparison["sources"]}
    portal, epoch = profiles["Chinese portal (61893.com)"], profiles["Epoch Times (大紀元)"]
    assert portal["ci_low"] > 0.3 and portal["ci_low"] > epoch["ci_high"]
    assert epoch["score"] < 0 < epoch["ci_high"]
    assert not [
        d
        for _, d in _positions(comparison, "china", "potency")
        if {p["source"] for p in d["positions"]} >= {"Chinese portal (61893.com)", "Epoch Times (大紀元)"}
    ]


def test_conflict_on_chinas_share_of_world_rare_earths(comparison):
    conflicts = [g for g in comparison["figures"] if g["status"] == "conflict" and g["unit"] == "%"]
    assert conflicts
    claims = {c["article_id"] for g in conflicts for c in g["claims"]}
    assert {"scmp-bessent-thanksgiving", "epochtimes-ge-sb-exports"} <= claims


def test_naming_contrasts(comparison):
    naming = {n["referent"]: n for n in comparison["naming"]}
    us = naming["us"]["variants"]
    assert "川普" in us and set(us["川普"]) == {"Pro-alliance blog (NetEase self-media)"}
    assert "特朗普" in us and "Pro-alliance blog (NetEase self-media)" not in us["特朗普"]
    china = naming["china"]["variants"]
    assert set(china["中共"]) == {"Epoch Times (大紀元)"}
    assert len(china["中国"]) >= 3
    assert set(naming["australia"]["variants"]["澳洲"]) == {"Epoch Times (大紀元)"}


def test_article_scores_where_a_careful_reader_puts_them(report_dir):
    import pandas as pd

    stance = pd.read_csv(report_dir / "stance.csv")
    art = stance[stance["article_id"] != "*"].set_index(["article_id", "target", "dimension"])["score"]

    def by_article(target, dimension):
        return {
            a: art[(a, target, dimension)]
            for a in art.index.get_level_values(0).unique()
            if (a, target, dimension) in art.index
        }

    us_eval, us_pot = by_article("us", "evaluation"), by_article("us", "potency")
    china_eval, china_pot = by_article("china", "evaluation"), by_article("china", "potency")
    assert max(us_eval, key=us_eval.get) == "blog-us-japan-closed-loop"
    assert max(us_pot, key=us_pot.get) == "blog-us-japan-closed-loop"
    # The portal and the SCMP report both show the US weak (gold means -0.42 and -0.19); the
    # scorer does not separate them (their 95% intervals overlap) because it misses the portal's
    # sentences about the US venture that do not name the US (a known limit), so only their
    # place below the other two, and that no difference between them is claimed, are asserted.
    low = sorted(us_pot, key=us_pot.get)[:2]
    assert set(low) == {"portal-pakistan-path", "scmp-bessent-thanksgiving"}
    assert us_pot["portal-pakistan-path"] < -0.4
    bounds = stance[(stance["target"] == "us") & (stance["dimension"] == "potency")].set_index("article_id")
    portal, scmp = bounds.loc["portal-pakistan-path"], bounds.loc["scmp-bessent-thanksgiving"]
    assert portal["ci_low"] <= scmp["ci_high"] and scmp["ci_low"] <= portal["ci_high"]
    assert max(china_pot, key=china_pot.get) == "portal-pakistan-path"
    assert min(china_eval, key=china_eval.get) == "epochtimes-ge-sb-exports"


def test_two_runs_give_identical_bytes(report_dir, tmp_path):
    from stance.cli.main import main

    assert main(["report", "--out", str(tmp_path)]) == 0
    for path in sorted(report_dir.iterdir()):
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name


def test_exports_and_manifest(tmp_path):
    from stance.cli.main import main
    from stance.output.export import FORMATS
    from stance.pipeline.report import report_file_names

    assert main(["report", "--out", str(tmp_path), "--export", "xlsx,json,parquet,sqlite"]) == 0
    for name in ("tables.xlsx", "tables.sqlite", "stance.parquet", "stance.json"):
        assert (tmp_path / name).stat().st_size > 0
    manifest = json.loads((tmp_path / "manifest.json").read_text("utf-8"))
    # The names checked in --out before the analysis are the names written after it.
    assert (
        sorted(p.name for p in tmp_path.iterdir())
        == sorted(manifest["outputs"])
        == report_file_names(FORMATS)
    )
    assert set(manifest["versions"]) >= {"stance", "jieba", "opencc", "scikit-learn", "pandas"}
    assert manifest["seed"] == 20251117
    assert {row["file"] for row in manifest["inputs"]} == {
        "corpus.csv", "000_6fcb5d64502a4d0f.txt", "001_f8d3af1db74bd2c0.txt", "002_79226350a26cd88a.txt", "003_1a81006812cdf2dd.txt",
    }  # fmt: skip
    assert {lex["name"] for lex in manifest["lexicons"]} >= {
        "frames_policy",
        "frames_trade",
        "targets",
        "stance_cues",
    }


def test_author_voice_drops_reported_speech(tmp_path):
    import pandas as pd

    from stance.cli.main import main

    assert main(["report", "--out", str(tmp_path / "all")]) == 0
    assert main(["report", "--out", str(tmp_path / "author"), "--voices", "author"]) == 0
    n_all = pd.read_csv(tmp_path / "all" / "stance.csv")["n_sentences"].sum()
    n_author = pd.read_csv(tmp_path / "author" / "stance.csv")["n_sentences"].sum()
    assert n_author < n_all


def test_committed_sample_report_is_current(report_dir):
    """reports/ holds the report for the seeds; regenerating it must give the same bytes.
    Package versions shape the numbers, so the comparison is made only where the installed
    versions are the ones the sample was made with (recorded in its manifest)."""
    from stance.output.manifest import package_versions

    recorded = json.loads((SAMPLE / "manifest.json").read_text("utf-8"))["versions"]
    if recorded != package_versions():
        pytest.skip(f"sample report made with {recorded}, installed {package_versions()}")
    committed = sorted(p.name for p in SAMPLE.iterdir())
    assert committed == sorted(p.name for p in report_dir.iterdir())
    for name in committed:
        assert (report_dir / name).read_bytes() == (SAMPLE / name).read_bytes(), (
            f"reports/{name} is stale; run `stance report`"
        )
