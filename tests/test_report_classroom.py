"""The classroom copy of the report (``stance report --classroom``): every score, interval, map,
claim side and summary sentence the default report shows sits inside a folded ``<details
class="reveal">`` (or, for a sentence's scores, a ``tip-score`` row that waits for a checkbox),
while the article texts, the naming table and the sentences' frames stay in view; report.md folds
the same parts into ``<details>`` blocks. The default report carries none of it (its bytes are
checked against the committed sample in test_report_pipeline.py). The browser behaviour (the
buttons open and close, print keeps folded parts folded) is in test_report_browser.py."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from html.parser import HTMLParser

import pytest

from stance.cli.main import build_parser, main
from stance.report import build_view, render_html, render_markdown

from .conftest import ROOT
from .test_report import make_report_data

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# A score with its 95% interval, as the report prints it: "0.25 [0.10, 0.37]".
INTERVAL = re.compile(r"-?\d+\.\d\d \[-?\d+\.\d\d, -?\d+\.\d\d\]")
# The summary's numbers: "+0.43 (95% interval +0.12 to +0.67; 32 sentences)".
SUMMARY_NUMBER = re.compile(r"[+-]\d\.\d\d \(95% interval")
SENTENCE_SCORE = re.compile(r"evaluation -?\d\.\d\d, potency -?\d\.\d\d")
# Elements that show an answer: the map, the claim sides, the heat map, the figures, the terms.
ANSWER_ELEMENTS = {
    ("svg", ""),
    ("div", "sides"),
    ("table", "heat"),
    ("table", "figures"),
    ("div", "keyness"),
    ("ul", "summary"),
    ("details", "summary-details"),
}


class Page(HTMLParser):
    """The page's text split into what shows without opening anything (``visible``) and what a
    classroom copy folds away (``hidden``: inside a ``details.reveal`` or a ``.tip-score`` row),
    with the elements found on each side. Style and title text is neither."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []
        self.visible: list[str] = []
        self.hidden: list[str] = []
        self.visible_elements: set[tuple[str, str]] = set()
        self.reveals: list[dict[str, str | None]] = []
        self.feed(html)
        self.close()

    @property
    def folded(self) -> bool:
        return any(hidden for _, hidden in self.stack)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        if not self.folded:
            self.visible_elements.update({(tag, c) for c in classes} | {(tag, "")})
        if tag == "details" and "reveal" in classes:
            self.reveals.append(attributes)
        if tag not in VOID:
            hides = (tag == "details" and "reveal" in classes) or "tip-score" in classes
            self.stack.append((tag, hides or tag in ("style", "title")))

    def handle_startendtag(self, tag, attrs):
        if not self.folded:
            self.visible_elements.add((tag, ""))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        inside = [name for name, _ in self.stack]
        if "style" in inside or "title" in inside:
            return
        (self.hidden if self.folded else self.visible).append(data)

    def text(self, which: str) -> str:
        return " ".join("".join(getattr(self, which)).split())


def score_strings(view: dict) -> list[str]:
    """Every score, interval and spread the view carries, and the summary's sentences, as the
    report prints them."""
    out = [
        r[d]
        for rows in (view["stance_sources"], view["stance_articles"])
        for r in rows
        for d in ("evaluation", "potency")
    ]
    for card in view["disagreements"]:
        out.append(f"spread {card['spread']}")
        for column in card["columns"]:
            for e in column["sources"]:
                out.append(f"mean {e['interval']}")
    out += [c["per_1k"] for row in view["frames"]["by_frame"] for c in row]
    out += [*view["summary"], *view["summary_details"]]
    out += [
        f"evaluation {sc['evaluation']}, potency {sc['potency']}"
        for a in view["articles"]
        for run in a["runs"]
        for s in run["sentences"]
        for sc in s["scores"]
    ]
    return [s for s in out if s and s != "–"]


@pytest.fixture(scope="module")
def hand_built():
    data = make_report_data()
    return data, replace(data, classroom=True)


def test_every_score_of_the_default_report_is_folded_in_the_classroom_copy(hand_built):
    default, classroom = hand_built
    strings = score_strings(build_view(default))
    assert len(strings) > 20
    shown = Page(render_html(default))
    folded = Page(render_html(classroom))
    for s in strings:
        assert s in shown.text("visible"), s
        assert s not in folded.text("visible"), s
        assert s in folded.text("hidden"), s
    assert not ANSWER_ELEMENTS & folded.visible_elements
    assert shown.visible_elements >= ANSWER_ELEMENTS


def test_the_texts_naming_and_frames_stay_in_view(hand_built):
    _, classroom = hand_built
    page = Page(render_html(classroom))
    visible = page.text("visible")
    # Article text (cue words marked), the naming table's variants, a sentence's frames.
    assert "美国对中国施压，但效果有限。" in visible
    assert "中共" in visible and "川普" in visible
    assert "frames: Competition and conflict" in visible
    assert "the US · strength (potency)" in visible  # what a claim card asks about
    assert "spread" not in visible


def test_each_folded_part_starts_closed_with_a_show_label(hand_built):
    _, classroom = hand_built
    html = render_html(classroom)
    page = Page(html)
    parts = [r["data-reveal"] for r in page.reveals]
    assert parts == ["summary", "stance", "frames", "card", "card", "figures", "keyness"]
    assert all("open" not in r for r in page.reveals)
    # Labelled in English and, for a corpus with Chinese articles, Chinese; the hidden label
    # says "Hide" for when the part is open.
    assert (
        '<summary><span class="when-closed">Show the scores and the stance map <span lang="zh-Hans">'
        '显示分数和立场图</span></span><span class="when-open">Hide the scores and the stance map '
        '<span lang="zh-Hans">隐藏分数和立场图</span></span></summary>'
    ) in html
    assert '<input type="checkbox" id="show-sentence-scores"' in html
    assert "<script" not in html.replace("&lt;script&gt;", "")


def test_an_english_corpus_gets_english_labels_only(hand_built):
    default, _ = hand_built
    english = [a | {"language": "en", "script": "none"} for a in default.generated_from]
    html = render_html(replace(default, generated_from=english, classroom=True))
    assert "Show the summary</span>" in html
    assert "显示" not in html and "课堂版" not in html


def test_the_default_report_has_no_classroom_parts(hand_built):
    default, _ = hand_built
    html, markdown = render_html(default), render_markdown(default)
    for word in ("reveal", "classroom", "Classroom", "show-sentence-scores", "tip-score"):
        assert word not in html and word not in markdown


def _outside_details(markdown: str) -> str:
    return re.sub(r"^<details>$.*?^</details>$", "", markdown, flags=re.DOTALL | re.MULTILINE)


def test_markdown_folds_the_same_parts_in_details_blocks(hand_built):
    default, classroom = hand_built
    shown, folded = render_markdown(default), render_markdown(classroom)
    assert "<details>" not in shown
    assert folded.count("<details>") == folded.count("</details>") == 7
    assert "<summary>Show the two sides · 显示双方立场</summary>\n\nspread 1.20\n" in folded
    outside = _outside_details(folded)
    for pattern in (INTERVAL, re.compile(r"spread \d")):
        assert pattern.search(shown), pattern
        assert not pattern.search(outside), pattern.search(outside)
    summary = build_view(default)["summary"][0]
    assert summary in shown and summary not in outside and summary in folded
    # The article text and the card's question stay out of the folds.
    assert "美国对中国**施压**，但效果**有限**。" in outside
    assert "the US · strength (potency)\n" in outside


@pytest.fixture(scope="module")
def seed_classroom(tmp_path_factory):
    """The seeds' classroom copy, as ``stance report --classroom`` writes it."""
    out = tmp_path_factory.mktemp("classroom")
    assert main(["report", "--quiet", "--classroom", "--out", str(out)]) == 0
    return out


def test_seed_classroom_report_shows_no_score(seed_classroom):
    page = Page((seed_classroom / "report.html").read_text("utf-8"))
    visible, hidden = page.text("visible"), page.text("hidden")
    for pattern, at_least in ((INTERVAL, 16), (SUMMARY_NUMBER, 16), (SENTENCE_SCORE, 50)):
        assert pattern.search(visible) is None, pattern.search(visible)
        assert len(pattern.findall(hidden)) >= at_least, pattern
    assert not ANSWER_ELEMENTS & page.visible_elements
    assert "more favourabl" not in visible and "portrays" not in visible
    assert {r["data-reveal"] for r in page.reveals} == {
        "summary",
        "stance",
        "frames",
        "card",
        "figures",
        "keyness",
    }
    assert "中共" in visible  # the naming table stays


def test_seed_classroom_markdown_folds_every_score(seed_classroom):
    markdown = (seed_classroom / "report.md").read_text("utf-8")
    outside = _outside_details(markdown)
    assert len(INTERVAL.findall(markdown)) >= 16
    assert INTERVAL.search(outside) is None and SUMMARY_NUMBER.search(outside) is None


def test_seed_classroom_manifest_records_the_mode_and_tables_match_the_sample(seed_classroom):
    manifest = json.loads((seed_classroom / "manifest.json").read_text("utf-8"))
    assert manifest["settings"]["classroom"] is True
    sample = json.loads((ROOT / "reports" / "manifest.json").read_text("utf-8"))
    assert sample["settings"]["classroom"] is False
    for name in ("stance.csv", "frames.csv", "comparison.json"):
        assert (seed_classroom / name).read_bytes() == (ROOT / "reports" / name).read_bytes(), name


def test_help_lists_the_classroom_flag(capsys):
    with pytest.raises(SystemExit) as exit_:
        build_parser().parse_args(["report", "--help"])
    assert exit_.value.code == 0
    help_text = " ".join(capsys.readouterr().out.split())
    assert "--classroom fold the summary, scores, stance map, claim sides" in help_text
