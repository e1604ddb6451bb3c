"""The report renderers on a small hand-built ReportData: determinism, sections, escaping of
hostile article text, self-containment, Chinese kept as text in the charts, and the Markdown."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from stance.report import (
    EXCERPT_CHARS,
    ReportData,
    build_view,
    highlight_segments,
    render_html,
    render_markdown,
    truncate,
)
from stance.report.markdown import md_escape

ROOT = Path(__file__).resolve().parents[1]
SECTION_IDS = (
    "summary",
    "stance-map",
    "frames",
    "disagreements",
    "figures",
    "naming",
    "keyness",
    "articles",
    "methods",
)
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
ZAOBAO = "联合早报"
EPOCH = "大紀元"
BLOG = "Blog <i>&</i> Co"
LONG = "美国与盟友宣称，" + "供应链已经形成闭环并将在二零二八年实现自给，" * 12 + "但业内人士并不认同。"


def _stance_rows() -> list[dict]:
    rows = []
    table = {
        # source: target: (evaluation, potency, n, flag)
        ZAOBAO: {"us": (-0.30, -0.20, 12, ""), "china": (0.25, 0.55, 15, "")},
        EPOCH: {"us": (0.40, 0.10, 9, ""), "china": (-0.45, -0.35, 11, "")},
        BLOG: {"us": (0.60, 0.50, 7, ""), "china": (-0.10, 0.20, 3, "small_n")},
    }
    for source, targets in table.items():
        for target, (ev, po, n, flag) in targets.items():
            for dimension, score in (("evaluation", ev), ("potency", po)):
                rows.append(
                    {
                        "article_id": "*",
                        "source": source,
                        "target": target,
                        "dimension": dimension,
                        "score": score,
                        "ci_low": score - 0.15,
                        "ci_high": score + 0.12,
                        "n_sentences": n,
                        "n_evidence": n,
                        "flag": flag,
                    }
                )
    rows.append(
        {
            "article_id": "zb-1",
            "source": ZAOBAO,
            "target": "us",
            "dimension": "evaluation",
            "score": -0.3,
            "ci_low": -0.45,
            "ci_high": -0.18,
            "n_sentences": 12,
            "n_evidence": 5,
            "flag": "",
        }
    )
    return rows


def _frame_rows() -> list[dict]:
    shares = {
        ZAOBAO: {"economic": 0.5, "competition_conflict": 0.3, "security": 0.2},
        EPOCH: {"economic": 0.2, "competition_conflict": 0.6, "security": 0.2},
        BLOG: {"economic": 0.7, "competition_conflict": 0.3},
    }
    return [
        {
            "article_id": "*",
            "source": source,
            "frame": frame,
            "hits": int(share * 20),
            "per_1k_tokens": share * 40,
            "share": share,
            "ci_low": share * 30,
            "ci_high": share * 50,
        }
        for source, frames in shares.items()
        for frame, share in frames.items()
    ]


def _sentence(i: int, text: str, kind: str = "body", cues=(), targets=(), scores=(), frames=()) -> dict:
    return {
        "sentence_index": i,
        "kind": kind,
        "text": text,
        "cues": list(cues),
        "targets": list(targets),
        "scores": [list(row) for row in scores],
        "frames": list(frames),
    }


def make_report_data(extra_targets: tuple[str, ...] = ()) -> ReportData:
    """Three sources (simplified, traditional, English name with markup), targets us and china,
    one article carrying hostile markup in its text and label."""
    stance = pd.DataFrame(_stance_rows())
    for target in extra_targets:
        stance = pd.concat(
            [stance, stance[stance["target"] == "us"].assign(target=target)], ignore_index=True
        )
    articles = [
        {
            "article_id": "zb-1",
            "source": ZAOBAO,
            "sentences": [
                _sentence(0, "美中稀土谈判陷入僵局", "heading", targets=["china", "us"]),
                _sentence(
                    1,
                    "美国对中国施压，但效果有限。",
                    cues=["施压", "有限"],
                    targets=["china", "us"],
                    scores=[["china", 0.0, 0.4, "author"], ["us", -0.2, 0.6, "官员"]],
                    frames=["competition_conflict"],
                ),
                _sentence(2, LONG, cues=["闭环"], targets=["us"]),
                _sentence(3, "责任编辑：王某", "furniture"),
                _sentence(4, "点击关注我们", "furniture"),
            ],
        },
        {
            "article_id": "ep-1",
            "source": EPOCH,
            "sentences": [
                _sentence(0, "中共的出口管制暴露了局限。", cues=["局限"], targets=["china"]),
                _sentence(1, "美國加緊施壓，中方被迫讓步。", cues=["施压", "让步"], targets=["china", "us"]),
                _sentence(2, "美國加緊施壓，中方被迫讓步。", "duplicate"),
            ],
        },
        {
            "article_id": "bl-1",
            "source": BLOG,
            "sentences": [
                _sentence(0, f"Readers wrote {SCRIPT} and {IMG} in the comments.", cues=["wrote"]),
                _sentence(
                    1, "The US alliance formed a closed loop | and China lost leverage.", cues=["Closed Loop"]
                ),
            ],
        },
    ]
    generated_from = [
        {
            "article_id": "zb-1",
            "source": ZAOBAO,
            "label": "美中稀土谈判",
            "published": "2025-10-14",
            "url": "https://example.org/zb-1",
            "script": "simplified",
            "n_sentences": 5,
            "n_furniture": 2,
        },
        {
            "article_id": "ep-1",
            "source": EPOCH,
            "label": "鍺銻出口驟降",
            "published": "2025-07",
            "url": "",
            "script": "traditional",
            "n_sentences": 3,
            "n_furniture": 0,
        },
        {
            "article_id": "bl-1",
            "source": BLOG,
            "label": f"label {IMG}",
            "published": "",
            "url": "javascript:alert(1)",
            "script": "none",
            "n_sentences": 2,
            "n_furniture": 0,
        },
    ]
    comparison = {
        "sources": [
            {
                "source": ZAOBAO,
                "n_articles": 1,
                "n_sentences": 3,
                "small_n": False,
                "stance": {},
                "frames": {},
            },
            {
                "source": EPOCH,
                "n_articles": 1,
                "n_sentences": 2,
                "small_n": False,
                "stance": {},
                "frames": {},
            },
            {"source": BLOG, "n_articles": 1, "n_sentences": 2, "small_n": True, "stance": {}, "frames": {}},
        ],
        "disagreements": [
            {
                "topic_terms": ["出口管制", "局限"],
                "target": "china",
                "dimension": "potency",
                "spread": 0.9,
                "evidence": 1.2,
                "rank_score": 1.08,
                "sides": {
                    "positive": [
                        {"source": ZAOBAO, "mean": 0.4, "ci_low": 0.2, "ci_high": 0.6, "n_sentences": 4}
                    ],
                    "negative": [
                        {"source": EPOCH, "mean": -0.5, "ci_low": -0.7, "ci_high": -0.3, "n_sentences": 3}
                    ],
                },
                "positions": [
                    {
                        "side": "negative",
                        "source": EPOCH,
                        "article_id": "ep-1",
                        "sentence_index": 0,
                        "target": "china",
                        "dimension": "potency",
                        "score": -0.5,
                        "text": "中共的出口管制暴露了局限。",
                    },
                    {
                        "side": "positive",
                        "source": ZAOBAO,
                        "article_id": "zb-1",
                        "sentence_index": 1,
                        "target": "china",
                        "dimension": "potency",
                        "score": 0.4,
                        "text": "美国对中国施压，但效果有限。",
                    },
                ],
            },
            {
                "topic_terms": ["闭环", "供应链", SCRIPT],
                "target": "us",
                "dimension": "potency",
                "spread": 1.2,
                "evidence": 1.5,
                "rank_score": 1.8,
                "sides": {
                    "positive": [
                        {"source": BLOG, "mean": 0.6, "ci_low": 0.3, "ci_high": 0.9, "n_sentences": 3}
                    ],
                    "negative": [
                        {"source": ZAOBAO, "mean": -0.6, "ci_low": -0.8, "ci_high": -0.4, "n_sentences": 5}
                    ],
                },
                "positions": [
                    {
                        "side": "positive",
                        "source": BLOG,
                        "article_id": "bl-1",
                        "sentence_index": 0,
                        "target": "us",
                        "dimension": "potency",
                        "score": 0.6,
                        "text": f"Readers wrote {SCRIPT} and {IMG} in the comments.",
                    },
                    {
                        "side": "negative",
                        "source": ZAOBAO,
                        "article_id": "zb-1",
                        "sentence_index": 2,
                        "target": "us",
                        "dimension": "potency",
                        "score": -0.6,
                        "text": LONG,
                    },
                ],
            },
        ],
        "figures": [
            {
                "quantity": "share of mining",
                "unit": "%",
                "status": "single",
                "claims": [
                    {
                        "source": EPOCH,
                        "article_id": "ep-1",
                        "sentence_index": 0,
                        "value": 60,
                        "text": "中國佔全球開採六成。",
                    }
                ],
            },
            {
                "quantity": "share of refining",
                "subject": "china",
                "unit": "%",
                "status": "conflict",
                "claims": [
                    {
                        "source": ZAOBAO,
                        "article_id": "zb-1",
                        "sentence_index": 1,
                        "value": 90,
                        "text": "中国控制九成以上的精炼。",
                    },
                    {
                        "source": EPOCH,
                        "article_id": "ep-1",
                        "sentence_index": 1,
                        "value": 70,
                        "text": "中國控制七成精煉產能。",
                    },
                ],
            },
            {
                "quantity": "years to self-sufficiency",
                "unit": "years",
                "status": "agree",
                "claims": [
                    {
                        "source": ZAOBAO,
                        "article_id": "zb-1",
                        "sentence_index": 2,
                        "value": 5,
                        "text": "需要5到10年。",
                    },
                    {
                        "source": BLOG,
                        "article_id": "bl-1",
                        "sentence_index": 1,
                        "value": 5,
                        "text": "five to ten years",
                    },
                ],
            },
        ],
        "naming": [
            {
                "referent": "us",
                "variants": {"特朗普": {ZAOBAO: 3}, "川普": {EPOCH: 4, BLOG: 1}},
                "registers": {"特朗普": "neutral", "川普": "colloquial"},
            },
            {
                "referent": "china",
                "variants": {"中共": {EPOCH: 5}, "中国": {ZAOBAO: 7, EPOCH: 1}, "a|b": {BLOG: 2}},
                "registers": {"中共": "partisan", "中国": "neutral"},
            },
        ],
        "keyness": [
            {"source": ZAOBAO, "term": "闭环", "z": 2.5, "count_source": 6, "count_rest": 1, "q": 0.012},
            {"source": ZAOBAO, "term": "谈判", "z": 3.1, "count_source": 8, "count_rest": 2, "q": 0.004},
            {"source": EPOCH, "term": "中共", "z": 4.2, "count_source": 5, "count_rest": 0, "q": 0.0001},
            {"source": BLOG, "term": SCRIPT, "z": 1.1, "count_source": 1, "count_rest": 0, "q": 0.5},
        ],
    }
    methods = {
        "statistics": ["percentile bootstrap, 95% intervals", "Benjamini-Hochberg q-values"],
        "lexicons": [
            {"name": "targets", "version": "0.3.0", "kind": "targets", "checksum": "sha256:" + "ab" * 32},
            {"name": "frames_trade", "version": "0.2.1", "kind": "frames", "checksum": "sha256:" + "cd" * 32},
        ],
        "settings": {"min_sentences": 5, "n_boot": 1000, "similarity_threshold": 0.35, "voices": "all"},
        "seed": 20251117,
        "versions": {"stance": "0.1.0", "pandas": "2.2.3"},
    }
    return ReportData(
        title="稀土报道比较 <test>",
        generated_from=generated_from,
        summary=[
            "The sources disagree most about whether the US supply chain works.",
            f"One article quotes {SCRIPT} literally.",
        ],
        summary_details=[
            "The US, strength (potency): 联合早报 -0.20 (95% interval -0.35 to -0.08; 12 sentences)."
        ],
        stance=stance,
        frames=pd.DataFrame(_frame_rows()),
        comparison=comparison,
        articles=articles,
        methods=methods,
    )


class _Dom(HTMLParser):
    """Every start tag with its attributes, the text of <style> elements, and the text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.styles: list[str] = []
        self.text: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        (self.styles if self._in_style else self.text).append(data)


def _dom(page: str) -> _Dom:
    dom = _Dom()
    dom.feed(page)
    dom.close()
    return dom


@pytest.fixture(scope="module")
def data() -> ReportData:
    return make_report_data()


@pytest.fixture(scope="module")
def page(data) -> str:
    return render_html(data)


@pytest.fixture(scope="module")
def markdown(data) -> str:
    return render_markdown(data)


def _section(page: str, section_id: str) -> str:
    start = page.index(f'<section id="{section_id}">')
    return page[start : page.index("</section>", start)]


def test_renderers_share_one_view_without_changing_it(data, page, markdown):
    import copy

    view = build_view(data)
    before = copy.deepcopy(view)
    assert render_html(data, view) == page
    assert render_markdown(data, view) == markdown
    assert view == before


def test_rendering_twice_gives_identical_bytes(data, page, markdown):
    assert render_html(data).encode() == page.encode()
    assert render_markdown(data).encode() == markdown.encode()
    # A fresh DataFrame in another row order changes nothing either.
    shuffled = ReportData(
        **{**data.__dict__, "stance": data.stance.iloc[::-1], "frames": data.frames.iloc[::-1]}
    )
    assert render_html(shuffled) == page


def test_rendering_in_another_process_gives_identical_bytes(page, markdown):
    code = (
        "import hashlib, sys; sys.path.insert(0, sys.argv[1]);"
        "from tests.test_report import make_report_data;"
        "from stance.report import render_html, render_markdown;"
        "d = make_report_data();"
        "print(hashlib.sha256(render_html(d).encode()).hexdigest(),"
        "      hashlib.sha256(render_markdown(d).encode()).hexdigest())"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(ROOT)],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONHASHSEED": "12345", "PATH": ""},
        cwd=ROOT,
    )
    assert result.stdout.split() == [
        hashlib.sha256(page.encode()).hexdigest(),
        hashlib.sha256(markdown.encode()).hexdigest(),
    ]


def test_every_section_is_present_and_ids_are_unique(page):
    ids = [attrs["id"] for _, attrs in _dom(page).tags if attrs.get("id")]
    assert [i for i in ids if i in SECTION_IDS] == list(SECTION_IDS)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)


def test_hostile_article_text_is_shown_only_as_text(page):
    assert "<script" not in page.lower()
    dom = _dom(page)
    assert not [tag for tag, _ in dom.tags if tag in {"script", "img", "iframe", "object", "embed"}]
    handlers = [(tag, name) for tag, attrs in dom.tags for name in attrs if name.lower().startswith("on")]
    assert handlers == []
    text = "".join(dom.text)
    # Shown as text in the per-article view, the disagreement card, the label and the summary.
    assert text.count(SCRIPT) >= 4
    assert text.count(IMG) >= 3
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    # The URL is shown as text, never as a link: javascript: addresses must not become href.
    assert "javascript:alert(1)" in text
    assert not [a for _, a in dom.tags if "javascript:" in (a.get("href") or "")]


def test_no_external_resources(page):
    dom = _dom(page)
    assert not [
        tag for tag, _ in dom.tags if tag in {"link", "script", "img", "iframe", "object", "embed", "base"}
    ]
    references = [
        (tag, name, value)
        for tag, attrs in dom.tags
        for name, value in attrs.items()
        if name in {"src", "href", "xlink:href", "srcset", "action", "formaction", "poster", "data"}
    ]
    assert references, "the page has internal links (#summary...)"
    assert [r for r in references if not (r[2] or "").startswith("#")] == []
    css = "\n".join(dom.styles) + "\n".join(a.get("style") or "" for _, a in dom.tags)
    assert "@import" not in css
    assert re.findall(r"url\((?!#)", css) == []
    # Apart from XML namespace names (identifiers, never fetched) no address appears in markup.
    attribute_values = [
        v or "" for _, attrs in dom.tags for n, v in attrs.items() if not n.startswith("xmlns")
    ]
    assert [v for v in attribute_values if "http:" in v or "https:" in v] == []


def test_stance_map_has_one_svg_panel_per_target_with_chinese_as_text(page):
    section = _section(page, "stance-map")
    svgs = re.findall(r"<svg\b.*?</svg>", section, flags=re.DOTALL)
    # The US and China first, and large.
    assert re.findall(r'data-target="([^"]+)"', section) == ["us", "china"]
    assert section.count('class="panel large"') == 2
    assert len(svgs) == 2
    for svg in svgs:
        texts = re.findall(r"<text\b[^>]*>([^<]*)</text>", svg)
        assert any(ZAOBAO in t for t in texts) and any(EPOCH in t for t in texts)
        # Glyphs are not drawn as paths: no embedded font outlines.
        assert "DejaVuSans-" not in svg
    # The source name with markup is escaped inside the SVG too.
    assert "Blog <i>" not in section and "Blog &lt;i&gt;&amp;&lt;/i&gt; Co" in section


def _axis_limit(svg: str) -> float:
    """The largest tick label on the panel's axes."""
    return max(abs(float(t)) for t in re.findall(r"<text\b[^>]*>(-?\d+(?:\.\d+)?)</text>", svg))


def test_stance_axes_are_zoomed_to_the_data_with_zero_marked(data):
    us, _china = re.findall(r"<svg\b.*?</svg>", _section(render_html(data), "stance-map"), flags=re.DOTALL)
    # The US's points and intervals reach 0.72 (0.60 + 0.12): the axes end near 0.8, not at 1.
    assert 0.6 <= _axis_limit(us) < 1.0
    small = data.stance.assign(
        score=data.stance["score"] / 10,
        ci_low=data.stance["ci_low"] / 10,
        ci_high=data.stance["ci_high"] / 10,
    )
    near_zero = re.findall(
        r"<svg\b.*?</svg>",
        _section(render_html(ReportData(**{**data.__dict__, "stance": small})), "stance-map"),
        flags=re.DOTALL,
    )[0]
    assert _axis_limit(near_zero) <= 0.1
    ticks = [float(t) for t in re.findall(r"<text\b[^>]*>(-?\d+(?:\.\d+)?)</text>", near_zero)]
    assert 0.0 in ticks


def test_small_n_source_is_hollow_only_where_flagged(page):
    us, china = re.findall(r"<svg\b.*?</svg>", _section(page, "stance-map"), flags=re.DOTALL)
    assert "(too few sentences)" in china and "(too few sentences)" not in us
    assert "than 5 scored sentences" in _section(page, "stance-map")


def test_other_targets_get_a_panel_only_with_enough_evidence():
    page = render_html(make_report_data(extra_targets=("japan",)))
    section = _section(page, "stance-map")
    assert re.findall(r'data-target="([^"]+)"', section) == ["us", "china", "japan"]
    assert len(re.findall(r"<svg\b", section)) == 3
    thin = make_report_data(extra_targets=("japan",))
    stance = thin.stance.copy()
    stance.loc[(stance["target"] == "japan") & (stance["source"] != ZAOBAO), "flag"] = "small_n"
    section = _section(render_html(ReportData(**{**thin.__dict__, "stance": stance})), "stance-map")
    assert re.findall(r'data-target="([^"]+)"', section) == ["us", "china"]
    assert "Too few sentences for a panel" in section and "Japan" in section


def test_a_target_without_scores_still_gets_an_empty_panel(data):
    only_us = data.stance[data.stance["target"] == "us"]
    page = render_html(ReportData(**{**data.__dict__, "stance": only_us}))
    section = _section(page, "stance-map")
    assert re.findall(r'data-target="([^"]+)"', section) == ["us", "china"]
    assert "no source has scores for this target" in section


def test_disagreement_cards_set_the_sides_in_columns_in_original_script(page):
    section = _section(page, "disagreements")
    cards = re.findall(r'<article class="disagreement-card">.*?</article>', section, flags=re.DOTALL)
    assert len(cards) == 2
    # Highest spread x evidence first.
    assert "spread 1.20" in cards[0] and "spread 0.90" in cards[1]
    # One column per side, positive first, each with its source and its position in words.
    columns = re.findall(
        r'<div class="side (positive|negative)">\s*<h4>([^<]*)</h4>(.*?)</div>\s*(?=<div class="side|</div>)',
        cards[1],
        flags=re.DOTALL,
    )
    assert [(c[0], c[1]) for c in columns] == [
        ("positive", "China is strong, in control"),
        ("negative", "China is weak or failing"),
    ]
    assert ZAOBAO in columns[0][2] and "shows China as strong, in control." in columns[0][2]
    assert EPOCH in columns[1][2] and "中共的出口管制暴露了局限。" in columns[1][2]
    assert "mean -0.50 [-0.70, -0.30], 3 sentences" in columns[1][2]
    # A long sentence is excerpted in the card and shown whole, once, in the article view.
    assert truncate(LONG) in cards[0] and LONG not in cards[0]
    assert len(truncate(LONG)) == EXCERPT_CHARS and truncate(LONG).endswith("…")
    assert "".join(_dom(page).text).count(LONG) == 1
    # Each quoted position links to its sentence in the article view.
    assert 'href="#a3-s2"' in cards[0]
    assert 'id="a3-s2"' in _section(page, "articles")


def test_the_summary_puts_plain_sentences_first_and_numbers_in_a_toggle(page, markdown):
    section = _section(page, "summary")
    assert section.index("The sources disagree most") < section.index('<details class="summary-details">')
    details = section[section.index('<details class="summary-details">') :]
    assert "95% interval -0.35 to -0.08" in details
    assert "95% interval" not in section[: section.index('<details class="summary-details">')]
    assert "The numbers behind these sentences" in markdown


def test_frames_are_a_table_of_shares_with_readable_names(page):
    section = _section(page, "frames")
    assert "<svg" not in section
    header = re.findall(r"<th class=\"num\">(.*?)</th>", section)
    assert [re.sub(r"<[^>]+>", "", h).strip() for h in header] == [
        "A Blog &lt;i&gt;&amp;&lt;/i&gt; Co",
        "B 大紀元",
        "C 联合早报",
    ]
    row = re.search(r'<tr><th scope="row" title="competition_conflict">(.*?)</tr>', section).group(1)
    assert "Competition and conflict" in row and "竞争与冲突" in row
    assert re.findall(r'<td class="num heat-\d">([^<]*)</td>', row) == ["30%", "60%", "30%"]


def test_article_sentences_show_scores_and_frames_on_hover_tap_and_focus(page):
    section = _section(page, "articles")
    sentence = re.search(
        r'<p class="s kind-body has-stance has-tip" id="a3-s1" tabindex="0">.*?</p>', section
    )
    assert sentence is not None
    tip = re.search(r'<span class="tip" lang="en">(.*?)</span></p>', sentence.group(0)).group(1)
    assert "China: evaluation 0.00, potency 0.40" in tip
    assert "the US: evaluation -0.20, potency 0.60" in tip and "said by 官员" in tip
    assert "frames: Competition and conflict" in tip
    # Sentences without a score are not focusable; a checkbox filters to the scored ones.
    assert 'id="a3-s0" tabindex' not in section
    assert '<input type="checkbox" id="only-stance" class="only-stance">' in section
    css = "".join(_dom(page).styles)
    assert "p.has-tip:hover .tip, p.has-tip:focus .tip" in css
    assert "#only-stance:checked ~ .article-list p.s:not(.has-stance)" in css


def test_the_page_fits_a_phone_and_prints_to_a4(page):
    css = "".join(_dom(page).styles)
    assert "@media (max-width: 640px)" in css and "@page { size: A4;" in css and "@media print" in css
    # Every table sits in a box that scrolls on its own (or is a narrow keyness table that
    # wraps), so the page never scrolls sideways.
    body = page[page.index("<main>") :]
    for found in re.finditer(r"<table", body):
        before, after = body[: found.start()], body[found.start() :]
        assert before.endswith('<div class="scroll">\n') or after.startswith("<table>\n<caption>")
    # The CSS names the common CJK fonts.
    for family in ("Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "Source Han Sans SC"):
        assert family in css


def test_figures_table_puts_conflicts_first(page):
    section = _section(page, "figures")
    statuses = re.findall(r'<tr class="status-(\w+)">', section)
    assert statuses == ["conflict", "agree", "single"]
    assert "china · share of refining" in section
    assert "中國控制七成精煉產能。" in section


def test_naming_table_counts_every_variant_per_source(page):
    section = _section(page, "naming")
    rows = re.findall(r"<tr>(.*?)</tr>", section, flags=re.DOTALL)
    cells = [re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", r) for r in rows]
    # Columns: referent (first row of a group), variant, register, then sources sorted by name.
    assert cells[0] == ["referent", "variant", "register", "Blog &lt;i&gt;&amp;&lt;/i&gt; Co", EPOCH, ZAOBAO]
    assert cells[1] == ["china", "a|b", "", "2", "0", "0"]
    assert cells[2] == ["中共", "partisan", "0", "5", "0"]
    assert cells[4] == ["us", "川普", "colloquial", "1", "4", "0"]
    assert cells[5] == ["特朗普", "neutral", "0", "0", "3"]


def test_keyness_lists_terms_by_z_with_counts_and_q(page):
    section = _section(page, "keyness")
    zaobao = section[section.index(f"<caption>{ZAOBAO}") :]
    assert zaobao.index("谈判") < zaobao.index("闭环")
    assert (
        '<td class="num">3.10</td><td class="num">8</td><td class="num">2</td><td class="num">0.004</td>'
        in zaobao
    )


def test_article_view_highlights_cues_and_folds_furniture(page):
    section = _section(page, "articles")
    # A simplified cue is highlighted in traditional text; a Latin cue in any case.
    assert "美國加緊<mark>施壓</mark>，中方被迫<mark>讓步</mark>。" in section
    assert "formed a <mark>closed loop</mark> | and" in section
    assert "美国对中国<mark>施压</mark>，但效果<mark>有限</mark>。" in section
    furniture = re.findall(r'<details class="furniture">.*?</details>', section, flags=re.DOTALL)
    assert len(furniture) == 2
    assert "2 furniture or repeated sentences" in furniture[1] and "责任编辑：王某" in furniture[1]
    assert 'class="s kind-duplicate"' in furniture[0]
    # Nothing is highlighted in furniture or duplicates, and each sentence appears once.
    assert "<mark>" not in "".join(furniture)
    assert page.count("点击关注我们") == 1
    assert '<details class="article" id="a2" lang="zh-Hant">' in section


def test_methods_name_statistics_lexicons_and_settings(page, markdown):
    section = _section(page, "methods")
    for expected in (
        "percentile bootstrap, 95% intervals",
        "Benjamini-Hochberg q-values",
        "sha256:" + "ab" * 32,
        "frames_trade",
        "0.2.1",
        "20251117",
        "similarity_threshold",
        "0.35",
        "pandas",
        "2.2.3",
    ):
        assert expected in section
        assert expected in markdown
    assert section.index("frames_trade") < section.index(">targets<")


def test_markdown_has_every_section_and_escapes_data(markdown):
    headings = re.findall(r"^## (.+)$", markdown, flags=re.MULTILINE)
    assert headings == [
        "Summary",
        "Stance map",
        "Frames",
        "Where the sources disagree",
        "Figures",
        "Naming choices",
        "Distinctive terms",
        "Articles",
        "Methods",
    ]
    assert "<script>" not in markdown and "\\<script\\>alert(1)\\</script\\>" in markdown
    assert "Blog \\<i\\>&\\</i\\> Co" in markdown
    assert "| china | a\\|b |  | 2 | 0 | 0 |" in markdown
    assert "- `1` 美國加緊**施壓**，中方被迫**讓步**。 → china, us" in markdown
    assert "- `3` _(furniture)_ 责任编辑：王某" in markdown
    assert "| china | 联合早报 | 0.25 [0.10, 0.37] | 0.55 [0.40, 0.67] | 15 |  |" in markdown
    # Every row of a table has as many unescaped pipes as its header.
    for block in re.split(r"\n\n", markdown):
        rows = [line for line in block.splitlines() if line.startswith("|")]
        if rows:
            counts = {len(re.findall(r"(?<!\\)\|", row)) for row in rows}
            assert len(counts) == 1, block


def test_markdown_shares_and_figures_tables(markdown):
    assert "| Economy (经济) | 70% | 20% | 50% |" in markdown
    assert "| Security | – | 20% | 20% |" in markdown
    assert (
        "| china · share of refining | % | **conflict** | 大紀元 |  | 70 | 中國控制七成精煉產能。 |"
        in markdown
    )


def test_markdown_cards_list_each_side_with_its_position(markdown):
    card = markdown[markdown.index("### 2. 出口管制 · 局限") :]
    card = card[: card.index("## Figures")]
    assert "**China is strong, in control**" in card and "**China is weak or failing**" in card
    assert "- **联合早报** shows China as strong, in control (mean 0.40 [0.20, 0.60], 4 sentences)" in card
    assert "  - 中共的出口管制暴露了局限。" in card


def test_report_data_requires_the_table_columns(data):
    with pytest.raises(ValueError) as excinfo:
        ReportData(**{**data.__dict__, "stance": data.stance.drop(columns=["flag"])})
    assert str(excinfo.value) == (
        "ReportData.stance lacks the columns flag; got ['article_id', 'source', 'target', 'dimension', "
        "'score', 'ci_low', 'ci_high', 'n_sentences', 'n_evidence']"
    )


def test_empty_comparison_renders_every_section(data):
    empty = ReportData(
        title="empty",
        generated_from=[],
        summary=[],
        stance=data.stance.iloc[0:0],
        frames=data.frames.iloc[0:0],
        comparison={},
        articles=[],
        methods={},
    )
    page = render_html(empty)
    assert all(f'<section id="{s}">' in page for s in SECTION_IDS)
    assert "No sub-topic on which sources clearly take opposite sides." in page
    assert render_markdown(empty).startswith("# empty\n\n## Summary\n\nNo summary was computed.\n")


def test_highlight_prefers_leftmost_then_longest():
    assert highlight_segments("中国出口管制加强", ["出口", "出口管制", "管制加强"]) == [
        ("中国", False),
        ("出口管制", True),
        ("加强", False),
    ]
    assert highlight_segments("no cues here", []) == [("no cues here", False)]
    assert highlight_segments("", ["x"]) == []


def test_view_orders_sources_and_assigns_keys(data):
    view = build_view(data)
    assert [(s["key"], s["source"]) for s in view["sources"]] == [("A", BLOG), ("B", EPOCH), ("C", ZAOBAO)]


@given(st.text(max_size=40), st.lists(st.text(min_size=1, max_size=4), max_size=4))
def test_highlight_segments_rejoin_to_the_text(text, cues):
    segments = highlight_segments(text, cues)
    assert "".join(s for s, _ in segments) == text
    assert all(s for s, _ in segments)


@given(st.text(max_size=60))
def test_md_escape_leaves_no_markup(text):
    escaped = md_escape(text)
    assert "\n" not in escaped
    assert re.search(r"(?<!\\)[|<>`*\[\]]", escaped) is None
