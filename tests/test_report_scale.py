"""A report that stays a report: at any corpus size report.html shows summaries and capped
evidence, says where the full tables are, and every evidence link still points at a sentence
on the page."""

from __future__ import annotations

import re
from dataclasses import replace

import pandas as pd

from stance.report import (
    ARTICLE_LIST_CAP,
    ARTICLE_TEXT_BUDGET,
    FIGURE_GROUPS_CAP,
    FIGURE_LINES_CAP,
    STANCE_ARTICLE_ROWS_CAP,
    build_view,
    render_html,
    render_markdown,
    shown_in_full,
)
from tests.test_report import make_report_data

SENTENCE = "美国宣布对盟友的供应链计划追加投资，但分析人士认为效果仍待观察。"


def _many(n_articles: int, sentences_per_article: int = 10):
    """The small report's data plus ``n_articles`` generated articles over four sources."""
    data = make_report_data()
    sources = [f"来源{k}" for k in range(4)]
    articles = list(data.articles)
    generated = list(data.generated_from)
    stance_rows = [data.stance]
    for i in range(n_articles):
        article_id = f"gen-{i:05d}"
        source = sources[i % len(sources)]
        articles.append(
            {
                "article_id": article_id,
                "source": source,
                "sentences": [
                    {
                        "sentence_index": k,
                        "kind": "body",
                        "text": SENTENCE,
                        "cues": ["投资"],
                        "targets": ["us"],
                    }
                    for k in range(sentences_per_article)
                ],
            }
        )
        generated.append(
            {
                "article_id": article_id,
                "source": source,
                "label": f"第{i}篇",
                "published": "2026-01-01",
                "url": "",
                "script": "simplified",
                "n_sentences": sentences_per_article,
                "n_furniture": 0,
            }
        )
    per_article = pd.DataFrame(
        [
            {
                "article_id": f"gen-{i:05d}",
                "source": sources[i % len(sources)],
                "target": "us",
                "dimension": dimension,
                "score": 0.1,
                "ci_low": 0.0,
                "ci_high": 0.2,
                "n_sentences": sentences_per_article,
                "n_evidence": 1,
                "flag": "",
            }
            for i in range(n_articles)
            for dimension in ("evaluation", "potency")
        ]
    )
    stance = pd.concat([*stance_rows, per_article], ignore_index=True)
    return replace(data, articles=articles, generated_from=generated, stance=stance)


def test_small_corpus_shows_everything():
    data = make_report_data()
    view = build_view(data)
    assert len(view["articles"]) == view["articles_total"] == 3
    assert len(view["generated_from"]) == view["generated_from_total"] == 3
    html = render_html(data)
    assert "articles are shown here" not in html


def test_large_corpus_is_capped_and_says_where_the_rest_is():
    n = 6_000  # 6,000 articles x 10 sentences x 33 characters: about 2M characters of text
    data = _many(n)
    view = build_view(data)
    shown_chars = sum(
        len(segment)
        for a in view["articles"]
        for run in a["runs"]
        for s in run["sentences"]
        for segment, _ in s["segments"]
    )
    assert 0 < len(view["articles"]) < n
    assert len(view["generated_from"]) == ARTICLE_LIST_CAP and view["generated_from_total"] == n + 3
    assert len(view["stance_articles"]) == STANCE_ARTICLE_ROWS_CAP
    assert view["stance_articles_total"] > STANCE_ARTICLE_ROWS_CAP
    # Highlighting splits sentences into segments; the budget bounds the text shown.
    assert shown_chars <= ARTICLE_TEXT_BUDGET
    # Every source of the corpus has articles shown, not only the first in sort order.
    assert {a["source"] for a in view["articles"]} >= {f"来源{k}" for k in range(4)}

    html = render_html(data)
    assert len(html.encode("utf-8")) < 10_000_000
    assert f"of {n + 3} articles are shown here" in html and "sentences.csv" in html
    assert f"of {n + 3} articles; every article is in <code>articles.csv</code>" in html
    markdown = render_markdown(data)
    assert f"of {n + 3} articles are shown here" in markdown
    # Every evidence link on a disagreement card points at a sentence on the page.
    ids = set(re.findall(r' id="([^"]+)"', html))
    links = re.findall(r'<a href="#(a\d+-s\d+)"', html)
    assert links and set(links) <= ids


def test_html_size_does_not_grow_with_the_corpus():
    sizes = [len(render_html(_many(n)).encode("utf-8")) for n in (3_000, 12_000)]
    assert sizes[1] < 1.25 * sizes[0]


def test_cited_articles_are_shown_first():
    arts = [{"article_id": f"x{i}", "source": "S", "sentences": [{"text": "字" * 100}]} for i in range(10)]
    assert shown_in_full(arts, cited={"x7"}, budget=250) == {"x7", "x0"}
    # The first article is shown even when it alone is over the budget.
    assert shown_in_full(arts, cited=set(), budget=10) == {"x0"}


def _with_figures(data, n_groups: int, claims_per_group: int):
    """``data`` with ``n_groups`` figure groups of ``claims_per_group`` claims each: four sources,
    each repeating one of two values (so a group has at most eight source-value pairs), plus one
    group where 20 sources each give their own value."""
    groups = [
        {
            "subject": f"地区{g}",
            "object": "",
            "quantity": "增长率",
            "unit": "%",
            "status": "conflict" if g % 3 == 0 else "agree",
            "claims": [
                {
                    "source": f"来源{k % 4}",
                    "article_id": f"gen-{k:05d}",
                    "sentence_index": k,
                    "value": 5 + (k // 4) % 2,
                    "qualifier": "",
                    "quantity": "增长率",
                    "match": "5%",
                    "text": f"地区{g}今年增长约百分之五，第{k}句。",
                }
                for k in range(claims_per_group)
            ],
        }
        for g in range(n_groups)
    ]
    groups.append(
        {
            "subject": "全球",
            "object": "",
            "quantity": "份额",
            "unit": "%",
            "status": "conflict",
            "claims": [
                {
                    "source": f"媒体{k:02d}",
                    "article_id": f"m-{k}",
                    "sentence_index": 0,
                    "value": k,
                    "text": "份额",
                }
                for k in range(20)
            ],
        }
    )
    return replace(data, comparison={**data.comparison, "figures": groups})


def test_figures_collapse_repeated_values_and_are_capped():
    data = _with_figures(make_report_data(), n_groups=200, claims_per_group=40)
    view = build_view(data)
    assert view["figures_total"] == 201 and len(view["figures"]) == FIGURE_GROUPS_CAP
    # Conflicts first: 67 generated conflicts and the 20-source one, of which the first 60 are shown.
    assert {g["status"] for g in view["figures"]} == {"conflict"}
    first = next(g for g in view["figures"] if g["group"].startswith("地区0 "))
    # 40 claims: four sources x two values, each pair given by five sentences.
    assert [(c["source"], c["value"], c["count"]) for c in first["claims"]] == [
        (f"来源{s}", v, 5) for s in range(4) for v in ("5", "6")
    ]
    assert first["lines_total"] == 8
    wide = next(g for g in view["figures"] if g["group"].startswith("全球"))
    assert len(wide["claims"]) == FIGURE_LINES_CAP and wide["lines_total"] == 20
    html = render_html(data)
    assert "(5 sentences)" in html
    assert "8 more source and value pairs in <code>figures.csv</code>" in html
    assert "The first 60 of 201 groups (conflicts first)" in html
    markdown = render_markdown(data)
    assert "The first 60 of 201 groups (conflicts first); not shown: 全球 · 份额 (%): 8 more" in markdown


def test_figures_table_does_not_grow_with_repeated_claims():
    sizes = [len(render_html(_with_figures(make_report_data(), 40, n)).encode("utf-8")) for n in (40, 4_000)]
    assert sizes[1] < 1.05 * sizes[0]
