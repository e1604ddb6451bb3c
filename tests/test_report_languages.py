"""The report says which language each side is in and what it cannot measure in a language:
language notes next to the sections whose lexicons lack a corpus language, the languages of each
source, and a language tag on every disagreement-card position and figure claim."""

from __future__ import annotations

import dataclasses
import shutil

import pytest
from markupsafe import escape

from stance.lexicon import load_lexicons
from stance.report import ReportData, build_view, render_html, render_markdown
from stance.report.markdown import md_escape
from tests.conftest import ROOT
from tests.test_report import BLOG, EPOCH, ZAOBAO, make_report_data

LANGUAGE = {"zb-1": "zh", "ep-1": "zh", "bl-1": "en"}
BOTH = ["en", "zh"]
FRAMES_NOTE = (
    f"frames: no English entries in lexicons frames_policy, frames_trade; English articles ({BLOG}) "
    "show no frame scores."
)
CUES_NOTE = f"stance cues: no English entries in lexicon stance_cues; English sentences ({BLOG}) get no stance from cue words."


def _lexicons(frames: list[str], cues_en: bool = True) -> list[dict]:
    def summary(name: str, kind: str, languages: list[str]) -> dict:
        return {
            "name": name,
            "version": "1.0.0",
            "kind": kind,
            "checksum": "sha256:00",
            "languages": languages,
        }

    lexicons = [
        summary("frames_policy", "frames", frames),
        summary("frames_trade", "frames", frames),
        summary("targets", "targets", BOTH),
        summary("stance_cues", "cues", ["zh"]),
        summary("quantities", "variants", BOTH),
        summary("variants", "variants", ["zh"]),  # naming variants: no report section rests on it
        summary("furniture", "rules", BOTH),
        summary("stopwords", "userdict", ["zh"]),
    ]
    if cues_en:
        lexicons.append(summary("stance_cues_en", "cues", ["en"]))
    return lexicons


def _data(lexicons: list[dict]) -> ReportData:
    base = make_report_data()
    generated_from = [{**a, "language": LANGUAGE[a["article_id"]]} for a in base.generated_from]
    return dataclasses.replace(
        base, generated_from=generated_from, methods={**base.methods, "lexicons": lexicons}
    )


def _section(page: str, start: str, end: str) -> str:
    return page[page.index(start) : page.index(end)]


def test_missing_english_frames_are_noted_in_html_and_markdown():
    data = _data(_lexicons(frames=["zh"]))
    view = build_view(data)
    assert view["language_notes"] == {"sources": [], "stance": [], "frames": [FRAMES_NOTE], "figures": []}
    html = render_html(data)
    frames = _section(html, '<section id="frames">', '<section id="disagreements">')
    assert f'<p class="note language-note">{escape(FRAMES_NOTE)}</p>' in frames
    assert html.count('class="note language-note"') == 1
    markdown = render_markdown(data)
    assert f"Note: {md_escape(FRAMES_NOTE)}" in _section(
        markdown, "## Frames", "## Where the sources disagree"
    )
    assert markdown.count("Note: ") == 1
    coverage = {c["what"]: c for c in view["coverage"]}
    assert coverage["frames"] == {
        "what": "frames",
        "lexicons": "frames_policy, frames_trade",
        "languages": "zh",
        "missing": "English (en)",
    }
    assert "| frames | frames_policy, frames_trade | zh | English (en) |" in markdown


def test_missing_english_cues_are_noted_at_the_stance_map():
    data = _data(_lexicons(frames=BOTH, cues_en=False))
    assert build_view(data)["language_notes"]["stance"] == [CUES_NOTE]
    html = render_html(data)
    stance = _section(html, '<section id="stance-map">', '<section id="frames">')
    assert f'<p class="note language-note">{escape(CUES_NOTE)}</p>' in stance
    assert f"Note: {md_escape(CUES_NOTE)}" in _section(render_markdown(data), "## Stance map", "## Frames")


def test_full_coverage_writes_no_note():
    data = _data(_lexicons(frames=BOTH))
    view = build_view(data)
    assert view["language_notes"] == {"sources": [], "stance": [], "frames": [], "figures": []}
    assert all(c["missing"] == "" for c in view["coverage"])
    assert 'class="note language-note"' not in render_html(data)
    assert "Note: " not in render_markdown(data)


def test_summaries_without_languages_say_nothing_of_coverage():
    """An older report's lexicon summaries carry no languages: no note is guessed from them."""
    data = _data(make_report_data().methods["lexicons"])
    view = build_view(data)
    assert view["language_notes"] == {"sources": [], "stance": [], "frames": [], "figures": []}
    assert {c["what"]: c["languages"] for c in view["coverage"]} == {"targets": "–", "frames": "–"}


def test_sources_and_articles_list_their_languages():
    data = _data(_lexicons(frames=BOTH))
    view = build_view(data)
    assert {s["source"]: s["languages"] for s in view["sources"]} == {ZAOBAO: "zh", EPOCH: "zh", BLOG: "en"}
    assert {a["article_id"]: a["language"] for a in view["generated_from"]} == LANGUAGE
    markdown = render_markdown(data)
    assert "| key | source | languages | articles | content sentences | small n |" in markdown
    assert f"| C | {ZAOBAO} | zh | 1 | 3 |  |" in markdown


def test_card_positions_and_figure_claims_carry_their_language():
    data = _data(_lexicons(frames=BOTH))
    view = build_view(data)
    mixed = next(d for d in view["disagreements"] if "闭环" in d["topic_terms"])
    quoted = [
        (e["source"], q["language"]) for c in mixed["columns"] for e in c["sources"] for q in e["quotes"]
    ]
    assert quoted == [(BLOG, "en"), (ZAOBAO, "zh")]
    years = next(g for g in view["figures"] if g["group"] == "years to self-sufficiency")
    assert [(c["source"], c["language"]) for c in years["claims"]] == [(BLOG, "en"), (ZAOBAO, "zh")]
    html = render_html(data)
    cards = _section(html, '<section id="disagreements">', '<section id="figures">')
    assert '<p class="cite"> <span class="lang-tag">en</span> <span class="score">0.60</span>' in cards
    assert '<blockquote class="quote" lang="zh">' in cards and '<span class="lang-tag">zh</span>' in cards
    figures = _section(html, '<section id="figures">', '<section id="naming">')
    assert f'— {escape(BLOG)} <span class="lang-tag">en</span>: <q>five to ten years</q>' in figures
    markdown = render_markdown(data)
    assert "(en 0.60, bl-1 #0)" in markdown
    assert (
        f"| years to self-sufficiency | years | agree | {md_escape(BLOG)} | en | 5 | five to ten years |"
        in markdown
    )


def test_a_claims_own_language_wins_over_its_articles():
    base = _data(_lexicons(frames=BOTH))
    figures = [
        {**g, "claims": [{**c, "language": "en"} if c["article_id"] == "ep-1" else c for c in g["claims"]]}
        for g in base.comparison["figures"]
    ]
    data = dataclasses.replace(base, comparison={**base.comparison, "figures": figures})
    share = next(g for g in build_view(data)["figures"] if g["group"] == "share of mining")
    assert [(c["source"], c["language"]) for c in share["claims"]] == [(EPOCH, "en")]


def test_lexicon_summary_names_the_languages_of_its_entries():
    summaries = {lex.name: lex.summary() for lex in load_lexicons().values()}
    assert summaries["stance_cues"]["languages"] == ["zh"]
    assert summaries["stance_cues_en"]["languages"] == ["en"]
    assert summaries["frames_trade"]["languages"] == ["en", "zh"]


EN_ARTICLE = (
    "China produces 90 percent of the world's refined rare earths, officials said on Monday.\n"
    "Washington has failed to build a working supply chain, and its new tariffs hurt American factories.\n"
)
ZH_ARTICLE = "中国生产全球百分之七十的精炼稀土。\n美国的供应链联盟已经取得成功，实力明显增强。\n"


@pytest.fixture
def mixed_corpus(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "en.txt").write_text(EN_ARTICLE, "utf-8")
    (corpus / "zh.txt").write_text(ZH_ARTICLE, "utf-8")
    (corpus / "corpus.csv").write_text(
        "file,article_id,source,language\nen.txt,en1,Wire Daily,en\nzh.txt,zh1,东方日报,zh\n", "utf-8"
    )
    return corpus


def test_mixed_report_tags_each_side_and_notes_missing_frames(run_cli, mixed_corpus, tmp_path):
    out = tmp_path / "out"
    code, _, err = run_cli("report", mixed_corpus, "--out", out)
    assert code == 0, err
    html = (out / "report.html").read_text("utf-8")
    for source, language in (("Wire Daily", "en"), ("东方日报", "zh")):  # the sources table
        assert f'<td>{source} <span class="flag">small n</span></td><td>{language}</td>' in html
    figures = _section(html, '<section id="figures">', '<section id="naming">')
    assert '— Wire Daily <span class="lang-tag">en</span>: <q>China produces 90 percent' in figures
    assert '— 东方日报 <span class="lang-tag">zh</span>: <q>中国生产全球百分之七十' in figures
    assert 'class="note language-note"' not in html  # the bundled lexicons cover both languages

    # The same corpus with frame lexicons that have Chinese entries only.
    lexicons = tmp_path / "lexicons"
    for name in ("frames_policy", "frames_trade"):
        folder = lexicons / name
        shutil.copytree(ROOT / "lexicons" / name, folder)
        lines = (folder / "entries.tsv").read_text("utf-8").splitlines()
        kept = [lines[0], *(line for line in lines[1:] if line.split("\t")[-1] != "en")]
        (folder / "entries.tsv").write_text("\n".join(kept) + "\n", "utf-8")
        manifest = (folder / "manifest.toml").read_text("utf-8")
        (folder / "manifest.toml").write_text(
            manifest.replace('languages = ["zh", "en"]', 'languages = ["zh"]'), "utf-8"
        )
        assert run_cli("lexicon", "lock", folder)[0] == 0
    out = tmp_path / "out-zh-frames"
    code, _, err = run_cli("report", mixed_corpus, "--out", out, "--lexicons", lexicons)
    assert code == 0, err
    note = (
        "frames: no English entries in lexicons frames_policy, frames_trade; English articles (Wire Daily) "
        "show no frame scores."
    )
    html = (out / "report.html").read_text("utf-8")
    assert f'<p class="note language-note">{note}</p>' in html
    assert f"Note: {md_escape(note)}" in (out / "report.md").read_text("utf-8")
