"""Worksheets on the seed corpus: every exercise cites sentences that back its answer in the key
(a naming exercise cites the sentences where the names occur, a figure exercise lists every
conflicting figure), the worksheet shows no score, and --lang, --level and the simplified copy
do what they say. One analysis of the seeds serves the whole module."""

from __future__ import annotations

import re

import pytest

from stance.classroom import KINDS, Cite, build_worksheet, render_key, render_worksheet
from stance.classroom.render import show_interval, text_groups
from stance.text.normalise import normalise_text, to_simplified

from .worksheet_helpers import seed_analysis


@pytest.fixture(scope="module")
def analysis():
    return seed_analysis()


@pytest.fixture(scope="module")
def intro(analysis):
    return build_worksheet(analysis, level="intro", title="seeds")


@pytest.fixture(scope="module")
def advanced(analysis):
    return build_worksheet(analysis, level="advanced", simplified_copy=True, title="seeds")


def of_kind(worksheet, kind):
    return [e for e in worksheet.exercises if e.kind == kind]


def test_articles_are_keyed_like_the_report_and_printed_as_written(intro, analysis):
    assert [(a.key, a.source) for a in intro.articles] == [
        ("A", "Chinese portal (61893.com)"),
        ("B", "Epoch Times (大紀元)"),
        ("C", "Pro-alliance blog (NetEase self-media)"),
        ("D", "SCMP-derived report (reposted by 人工智能学家)"),
    ]
    for text in intro.articles:
        article = next(a for a in analysis.articles if a.article_id == text.article_id)
        assert [(line.index, line.text) for line in text.lines] == [
            (s.sentence_index, s.text) for s in article.sentences
        ]
    # Four articles print as two side-by-side pairs.
    assert [[a.key for a in g] for g in text_groups(intro.articles)] == [["A", "B"], ["C", "D"]]


def test_every_exercise_cites_real_sentences_and_its_evidence_is_among_them(intro, advanced, analysis):
    for worksheet in (intro, advanced):
        for e in worksheet.exercises:
            assert e.cites, e.title.en
            assert all(analysis.has(c) for c in e.cites)
            assert {ev.cite for ev in e.answer.evidence} <= set(e.cites), e.title.en
            for ev in e.answer.evidence:
                assert ev.text == analysis.text(ev.cite)
                assert ev.shows in ev.text
            # The table students fill in lists exactly the cited sentence numbers.
            listed = {
                (row[0], int(n))
                for row in e.rows
                for n in re.findall(r"\b\d+\b", row[2] if e.kind != "words" else "")
            }
            if e.kind != "words":
                assert listed == {(analysis.key(c), c.sentence_index) for c in e.cites}, e.title.en


def test_intro_and_advanced_exercises_on_the_seeds(intro, advanced):
    assert 8 <= len(intro.exercises) <= 12
    assert len(advanced.exercises) > len(intro.exercises)
    kinds = [e.kind for e in advanced.exercises]
    assert kinds[:8] == ["naming", "naming", "naming", "figures", "framing", "words", "stance", "stance"]
    assert "voice" in kinds and "claims" in kinds
    # Always in the same order of kinds.
    assert [KINDS.index(k) for k in kinds] == sorted(KINDS.index(k) for k in kinds)
    # Each advanced question asks something further.
    for easy, hard in zip(intro.exercises, advanced.exercises, strict=False):
        if easy.kind == hard.kind and easy.title == hard.title:
            assert hard.prompt.en.startswith(easy.prompt.en) and len(hard.prompt.en) > len(easy.prompt.en)


def test_naming_cites_the_sentences_where_the_names_occur(advanced, analysis):
    naming = of_kind(advanced, "naming")
    assert [e.title.en for e in naming] == [
        "Naming: what do the outlets call China?",
        "Naming: what do the outlets call Australia?",
        "Naming: what do the outlets call the US?",
    ]
    pairs = {"China": {"中共", "中国"}, "Australia": {"澳洲", "澳大利亚"}, "the US": {"川普", "特朗普"}}
    for e, names in zip(naming, pairs.values(), strict=True):
        # Every cited sentence holds one of the two names, as written (中國 in the traditional article).
        for ev in e.answer.evidence:
            assert normalise_text(ev.shows) in names
            assert ev.shows in ev.text
        assert {normalise_text(ev.shows) for ev in e.answer.evidence} == names
    china = naming[0]
    assert "「中共」 16×; 「中国」 15×" in china.answer.expected[1].en
    assert china.answer.expected[1].en.startswith("B (Epoch Times (大紀元))")
    # B, the only outlet using 中共, is cited where it does.
    partisan = [ev for ev in china.answer.evidence if ev.shows == "中共"]
    assert partisan and {ev.key for ev in partisan} == {"B"}
    assert "partisan" in china.answer.expected[-1].en


def test_figure_exercise_lists_every_conflicting_figure(advanced, analysis):
    conflicts = [g for g in analysis.comparison["figures"] if g["status"] == "conflict"]
    figures = of_kind(advanced, "figures")
    assert len(figures) == len(conflicts) == 1
    e = figures[0]
    claims = {(c["article_id"], c["sentence_index"], c["match"]) for c in conflicts[0]["claims"]}
    shown = {(ev.cite.article_id, ev.cite.sentence_index, ev.shows) for ev in e.answer.evidence}
    assert shown == claims
    assert sorted((ev.key, ev.cite.sentence_index, ev.shows) for ev in e.answer.evidence) == [
        ("A", 19, "九成以上"),
        ("B", 43, "八成"),
        ("D", 16, "90%以上"),
        ("D", 16, "约70%"),
    ]
    # The key says the tool grouped mining and refining shares with output shares.
    assert any(
        "share of world mining" in c.en and "share of world refining" in c.en for c in e.answer.caveats
    )


def test_framing_words_are_in_the_cited_sentences_as_written(intro, analysis):
    (e,) = of_kind(intro, "framing")
    by_key = {}
    for ev in e.answer.evidence:
        frames = analysis.sentence_frames[ev.cite]
        assert normalise_text(ev.shows).lower() in frames.lower()
        by_key.setdefault(ev.key, []).append(ev.shows)
    assert set(by_key) == {"A", "B", "C", "D"}
    # B is the traditional-script article: its words are shown as B wrote them.
    assert "依賴" in by_key["B"]
    assert {c.en for c in e.choices} >= {"alliances and cooperation", "dependence and vulnerability"}


def test_stance_grid_key_holds_the_reports_scores_with_intervals(advanced, analysis):
    grids = of_kind(advanced, "stance")
    assert [e.grid.target.en for e in grids] == ["the US", "China"]
    profiles = {p["source"]: p for p in analysis.comparison["sources"]}
    us = grids[0]
    for point in us.grid.points:
        source = next(s for k, s in advanced.sources if k == point.key)
        cell = profiles[source]["stance"]["us"]
        assert point.evaluation == cell["evaluation"]["score"]
        assert point.potency_interval == (cell["potency"]["ci_low"], cell["potency"]["ci_high"])
    # Cited sentences are each outlet's own sentences about the US.
    for cite in us.cites:
        assert analysis.speakers[cite]["us"] == "author"
    # China: the blog has too few sentences, so the key says why it is off the grid.
    assert grids[1].grid.keys == ("A", "B", "D")
    assert any(c.en.startswith("C left off the grid") for c in grids[1].answer.caveats)


def test_voice_answers_name_a_speaker_found_in_the_sentence(advanced, analysis):
    (e,) = of_kind(advanced, "voice")
    quoted = [ev for ev in e.answer.evidence if ev.shows]
    authored = [ev for ev in e.answer.evidence if not ev.shows]
    assert quoted and authored
    for ev in quoted:
        assert ev.shows in ev.text
        assert analysis.quoted_speaker(ev.cite)
    for ev in authored:
        assert set(analysis.speakers[ev.cite].values()) == {"author"}
    # The scorer's misreading of 协议 ("the agreement") as a speaker is not asked about.
    assert all(ev.shows != "协议" for ev in quoted)


def test_worksheet_shows_no_score_and_the_key_shows_them_with_intervals(advanced):
    sheet = render_worksheet(advanced, "both")
    key = render_key(advanced, "both")
    intervals = {show_interval(s) for e in advanced.exercises for s in e.answer.scores} - {""}
    assert intervals
    for interval in intervals:
        assert interval not in sheet
        assert interval in key
    assert "small_n" not in sheet and "small_n" in key
    # Self-contained: no script, no outside resource.
    for page in (sheet, key):
        assert "<script" not in page and "http://" not in page.split("</head>")[0]
        assert 'src="http' not in page and "<link" not in page


def test_lang_chooses_the_instruction_language_and_keeps_article_text(intro):
    traditional = next(a for a in intro.articles if a.script == "traditional")
    sentence = next(line.text for line in traditional.lines if line.is_content)
    pages = {lang: render_worksheet(intro, lang) for lang in ("zh", "en", "both")}
    assert "Read the articles below first" in pages["en"] and "先读下面的文章" not in pages["en"]
    assert "先读下面的文章" in pages["zh"] and "Read the articles below first" not in pages["zh"]
    assert "先读下面的文章" in pages["both"] and "Read the articles below first" in pages["both"]
    for page in pages.values():
        assert sentence in page.replace("&#34;", '"').replace("&#39;", "'")
    assert '<html lang="en">' in pages["en"] and '<html lang="zh-Hans">' in pages["zh"]


def test_simplified_copy_only_of_traditional_articles_and_only_on_request(intro, advanced):
    assert all(not a.simplified for a in intro.articles)
    assert 'id="simplified"' not in render_worksheet(intro)
    copies = [a for a in advanced.articles if a.simplified]
    assert [a.key for a in copies] == ["B"]
    b = copies[0]
    assert [(s.index, s.text) for s in b.simplified] == [
        (line.index, to_simplified(line.text)) for line in b.lines
    ]
    page = render_worksheet(advanced)
    assert 'id="simplified"' in page
    # The original stays in traditional script beside the copy.
    heading = next(line.text for line in b.lines if line.is_content)
    assert heading in page and to_simplified(heading) in page and heading != to_simplified(heading)


def test_same_analysis_gives_the_same_pages(analysis, intro):
    again = build_worksheet(analysis, level="intro", title="seeds")
    assert render_worksheet(again) == render_worksheet(intro)
    assert render_key(again) == render_key(intro)


def test_cite_order_is_article_key_then_sentence(intro, analysis):
    for e in intro.exercises:
        assert list(e.cites) == sorted(e.cites, key=analysis.sort_key)
    assert analysis.sort_key(Cite("portal-pakistan-path", 3)) < analysis.sort_key(
        Cite("epochtimes-ge-sb-exports", 0)
    )
