"""The report: ``report.html`` and ``report.md`` rendered from already-computed data.

Rendering is a pure function of a :class:`ReportData`: no clock, no random ids, every list
sorted, so the same data gives byte-identical files. The HTML is one self-contained file (inline
CSS, inline SVG charts, no scripts, no external resources) in which every piece of article text
and every data string is escaped by Jinja2's autoescaping; cue words are highlighted by escaping
each segment separately, never by inserting text as markup.

:func:`build_view` turns the data into plain sorted rows shared by both renderers, so the HTML
and the Markdown carry the same content.

>>> highlight_segments("美國加緊施壓", ["施压"])
[('美國加緊', False), ('施壓', True)]
>>> truncate("一二三四五六", 4)
'一二三…'
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from stance.measure.aggregate import STANCE_COLUMNS
from stance.measure.frames import FRAME_COLUMNS
from stance.report.labels import (
    CLASSROOM_NOTE,
    CLASSROOM_PRINT_NOTE,
    DIMENSION_NAMES,
    TIP_SCORES_HIDDEN,
    frame_label,
    position_words,
    reveal_labels,
    side_heading,
    target_name,
)
from stance.report.languages import (
    article_languages,
    coverage_notes,
    language_name,
    lexicon_coverage,
    source_languages,
)
from stance.text.normalise import normalise_text

# The tables the report reads are the pipeline's own: one definition of their columns.
STANCE_REPORT_COLUMNS = STANCE_COLUMNS
FRAME_REPORT_COLUMNS = FRAME_COLUMNS
# article_id of the per-source rows of the stance and frame tables.
SOURCE_ROW = "*"
DIMENSIONS = ("evaluation", "potency")
# The stance map always has a panel for these targets, first and large; another target gets a
# panel when at least two sources score it on both dimensions without the small_n flag.
DEFAULT_TARGETS = ("us", "china")
# Claim cards shown on the page (all of them are in disagreements.csv).
MAX_CARDS = 12
FIGURE_STATUS_ORDER = ("conflict", "agree", "single")
# Evidence in disagreement cards and the figures table is excerpted to this many characters.
EXCERPT_CHARS = 160
# Distinctive terms shown per source (highest z first); the full list is in keyness.csv.
KEYNESS_PER_SOURCE = 15
CONTENT_KINDS = ("body", "heading")
# What keeps report.html a report at any corpus size (the full tables are in the CSV files):
# characters of article text shown in full, rows of the "articles compared" list and of the
# per-article stance table.
ARTICLE_TEXT_BUDGET = 500_000
ARTICLE_LIST_CAP = 500
STANCE_ARTICLE_ROWS_CAP = 1_000
# The figures table: groups shown (conflicts first) and lines (source and value) per group; every
# claim is in figures.csv and figure_claims.csv.
FIGURE_GROUPS_CAP = 60
FIGURE_LINES_CAP = 12
# HTML language tags of the scripts, so browsers pick Chinese fonts of the right script.
_LANG = {"simplified": "zh-Hans", "traditional": "zh-Hant"}


@dataclass(frozen=True, eq=False)
class ReportData:
    """Everything the report shows, computed by the pipeline; the renderers only lay it out.

    ``stance`` and ``frames`` are long tables (columns :data:`STANCE_REPORT_COLUMNS` and
    :data:`FRAME_REPORT_COLUMNS`) whose per-source rows have article_id ``"*"``;
    ``comparison`` has the keys naming, figures, disagreements, keyness and sources of
    ``comparison.json``; ``articles`` lists each article's sentences with the cue words to
    highlight; ``methods`` names the statistics, lexicons (name, version, kind, checksum),
    settings, seed and package versions.
    """

    title: str
    generated_from: Sequence[Mapping[str, Any]]
    summary: Sequence[str]
    stance: pd.DataFrame
    frames: pd.DataFrame
    comparison: Mapping[str, Any]
    articles: Sequence[Mapping[str, Any]]
    methods: Mapping[str, Any] = field(default_factory=dict)
    # The numbers behind the summary's sentences (intervals, sentence counts, frame shares).
    summary_details: Sequence[str] = ()
    # Classroom reveal mode (``stance report --classroom``): scores, maps and cards start hidden.
    classroom: bool = False

    def __post_init__(self) -> None:
        for name, frame, columns in (
            ("stance", self.stance, STANCE_REPORT_COLUMNS),
            ("frames", self.frames, FRAME_REPORT_COLUMNS),
        ):
            missing = [c for c in columns if c not in frame.columns]
            if missing:
                raise ValueError(
                    f"ReportData.{name} lacks the columns {', '.join(missing)}; got {list(frame.columns)}"
                )


# ----------------------------------------------------------------------------- formatting


def is_missing(value: Any) -> bool:
    """True for None, NaN and pandas NA."""
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def fmt_num(value: Any, digits: int = 2) -> str:
    """A number for display with ``digits`` decimals; integers as integers; missing as "–"."""
    if is_missing(value):
        return "–"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer() and digits == 0):
        return str(int(value))
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    if math.isinf(number):
        return "∞" if number > 0 else "-∞"
    text = f"{number:.{digits}f}"
    return "0." + "0" * digits if text == "-0." + "0" * digits else text


def fmt_sig(value: Any) -> str:
    """A number with three significant digits (q-values, figures); missing as "–"."""
    if is_missing(value):
        return "–"
    try:
        return f"{float(value):.3g}"
    except (TypeError, ValueError):
        return str(value)


def fmt_value(value: Any) -> str:
    """A claimed figure: up to four significant digits below 10,000, whole numbers with
    thousands separators above; a [low, high] pair as ``low–high``.

    >>> fmt_value(550000000000), fmt_value(12.5), fmt_value([5, 10]), fmt_value(0.875)
    ('550,000,000,000', '12.5', '5–10', '0.875')
    """
    if isinstance(value, list | tuple) and len(value) == 2:
        return f"{fmt_value(value[0])}–{fmt_value(value[1])}"
    if isinstance(value, bool) or not isinstance(value, int | float) or is_missing(value):
        return as_text(value) or "–"
    if math.isinf(value):
        return "∞" if value > 0 else "-∞"
    if abs(value) >= 10_000:
        return f"{value:,.0f}"
    return f"{value:.4g}"


def fmt_interval(score: Any, low: Any, high: Any) -> str:
    """``0.12 [-0.05, 0.30]``; the interval is left out when it is missing."""
    if is_missing(low) or is_missing(high):
        return fmt_num(score)
    return f"{fmt_num(score)} [{fmt_num(low)}, {fmt_num(high)}]"


def as_text(value: Any) -> str:
    """Any data value as one line of text: strings as they are, the rest as sorted JSON."""
    if is_missing(value):
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return fmt_sig(value) if isinstance(value, float) else str(value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def truncate(text: str, limit: int = EXCERPT_CHARS) -> str:
    """``text`` cut to at most ``limit`` characters, ending in "…" when cut."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def source_keys(sources: Sequence[str]) -> dict[str, str]:
    """Short keys A, B, ..., Z, AA, AB... for the sources in sorted order (chart labels)."""
    keys: dict[str, str] = {}
    for i, source in enumerate(sorted(set(sources))):
        key, n = "", i
        while True:
            key = chr(ord("A") + n % 26) + key
            n = n // 26 - 1
            if n < 0:
                break
        keys[source] = key
    return keys


def is_small(flag: Any) -> bool:
    """Whether a stance row's flag says it rests on too few sentences (``small_n``)."""
    return "small" in as_text(flag).lower()


def highlight_segments(text: str, cues: Sequence[str]) -> list[tuple[str, bool]]:
    """Split ``text`` into (segment, is_cue) pieces, marking every occurrence of the cue words.

    Cue words are in matching form (simplified script), the text in its original script, so
    they are looked for both in the text and in its normalised form when that has the same
    length (it nearly always has; traditional and simplified characters map one to one).
    Overlapping matches keep the leftmost, then the longest. Latin cues match any case.
    """
    text = str(text)
    terms = sorted({str(c) for c in cues if str(c).strip()}, key=lambda t: (-len(t), t))
    if not terms or not text:
        return [(text, False)] if text else []
    haystacks = [text.lower()]
    normalised = normalise_text(text)
    if len(normalised) == len(text) and normalised != text:
        haystacks.append(normalised.lower())
    spans: set[tuple[int, int]] = set()
    for hay in haystacks:
        for term in terms:
            for needle in {term.lower(), normalise_text(term).lower()}:
                if not needle:
                    continue
                start = hay.find(needle)
                while start >= 0:
                    spans.add((start, start + len(needle)))
                    start = hay.find(needle, start + 1)
    segments: list[tuple[str, bool]] = []
    position = 0
    for start, end in sorted(spans, key=lambda s: (s[0], -s[1])):
        if start < position:
            continue
        if start > position:
            segments.append((text[position:start], False))
        segments.append((text[start:end], True))
        position = end
    if position < len(text):
        segments.append((text[position:], False))
    return segments


# ----------------------------------------------------------------------------- the view


def _sorted_frame(frame: pd.DataFrame, keys: Sequence[str]) -> pd.DataFrame:
    if frame.empty:
        return frame
    return frame.sort_values(list(keys), key=lambda c: c.astype(str), kind="mergesort").reset_index(drop=True)


def _stance_rows(stance: pd.DataFrame, per_source: bool) -> list[dict[str, Any]]:
    """One row per (source[, article], target): both dimensions side by side."""
    rows = stance[(stance["article_id"].astype(str) == SOURCE_ROW) == per_source]
    rows = _sorted_frame(rows, ("target", "source", "article_id", "dimension"))
    out: dict[tuple[str, str, str], dict[str, Any]] = {}
    for r in rows.itertuples(index=False):
        key = (str(r.target), str(r.source), str(r.article_id))
        row = out.setdefault(
            key,
            {
                "target": key[0],
                "source": key[1],
                "article_id": key[2],
                "n": {},
                "flags": set(),
                **{d: "–" for d in DIMENSIONS},
            },
        )
        row[str(r.dimension)] = fmt_interval(r.score, r.ci_low, r.ci_high)
        row["n"][str(r.dimension)] = fmt_num(r.n_sentences, 0)
        if as_text(r.flag):
            row["flags"].add(as_text(r.flag))
    result = []
    for row in out.values():
        counts = sorted(set(row.pop("n").values()))
        row["n_sentences"] = " / ".join(counts) if counts else "–"
        row["flag"] = ", ".join(sorted(row.pop("flags")))
        result.append(row)
    return result


def _frame_matrix(frames: pd.DataFrame, sources: Sequence[str], keys: Mapping[str, str]) -> dict[str, Any]:
    """The frames x sources table: each cell the frame's share of the source's frame words (the
    unit the summary uses), with a shade from 0 to 5 for the heat map; per-1,000-token rates with
    intervals for the details."""
    rows = frames[frames["article_id"].astype(str) == SOURCE_ROW]
    names = sorted({str(f) for f in rows["frame"]})
    cells: dict[tuple[str, str], dict[str, Any]] = {}
    top = max([float(x) for x in rows["share"] if not is_missing(x)] or [0.0])
    for r in rows.itertuples(index=False):
        share = None if is_missing(r.share) else float(r.share)
        cells[(str(r.source), str(r.frame))] = {
            "share": "–" if share is None else f"{100 * share:.0f}%",
            "shade": 0 if share is None or top <= 0 else min(5, round(5 * share / top)),
            "per_1k": fmt_interval(r.per_1k_tokens, r.ci_low, r.ci_high),
            "hits": fmt_num(r.hits, 0),
        }
    present = [s for s in sources if s in {str(x) for x in rows["source"]}]
    empty = {"share": "–", "shade": 0, "per_1k": "–", "hits": "–"}
    return {
        "frames": names,
        "labels": [
            {
                "id": f,
                "en": frame_label(f),
                "zh": frame_label(f, "zh") if frame_label(f, "zh") != frame_label(f) else "",
            }
            for f in names
        ],
        "sources": [{"source": s, "key": keys.get(s, "")} for s in present],
        "by_frame": [[cells.get((s, f), empty) for s in present] for f in names],
        "rows": [{"source": s, "cells": [cells.get((s, f), empty) for f in names]} for s in present],
    }


def _language_of(item: Mapping[str, Any], languages: Mapping[str, str]) -> str:
    """The language of a position's or claim's article: its own ``language`` when it carries
    one, else its article's; "" when neither is known."""
    return as_text(item.get("language")) or languages.get(as_text(item.get("article_id")), "")


def _legacy_sides(item: Mapping[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Sides of a claim saved without them (an older comparison.json): each quoted source on the
    side of the sign of its mean quoted score."""
    scores: dict[str, list[float]] = {}
    for p in item.get("positions", ()):
        scores.setdefault(as_text(p.get("source")), []).append(float(p.get("score") or 0.0))
    sides: dict[str, list[dict[str, Any]]] = {"positive": [], "negative": []}
    for source, values in sorted(scores.items()):
        mean = sum(values) / len(values)
        if mean:
            side = "positive" if mean > 0 else "negative"
            sides[side].append({"source": source, "mean": mean, "n_sentences": len(values)})
    return sides


def _disagreements(
    items: Sequence[Mapping[str, Any]],
    anchors: Mapping[tuple[str, int], str],
    languages: Mapping[str, str],
    keys: Mapping[str, str],
) -> list[dict[str, Any]]:
    """The claim cards: per claim its label, what it is about, and one column per side, each
    with its sources, their position in words and their quoted sentences."""
    cards = []
    for item in items:
        target, dimension = as_text(item.get("target")), as_text(item.get("dimension"))
        sides = item.get("sides") or _legacy_sides(item)
        columns = []
        for side in ("positive", "negative"):
            entries = []
            for entry in sorted(sides.get(side, ()), key=lambda e: as_text(e.get("source"))):
                source = as_text(entry.get("source"))
                quotes = [
                    p
                    for p in item.get("positions", ())
                    if as_text(p.get("source")) == source
                    and (
                        as_text(p.get("side"))
                        or ("positive" if float(p.get("score") or 0) > 0 else "negative")
                    )
                    == side
                ]
                quotes.sort(
                    key=lambda p: (
                        -abs(float(p.get("score") or 0.0)),
                        as_text(p.get("article_id")),
                        int(p.get("sentence_index") or 0),
                    )
                )
                entries.append(
                    {
                        "source": source,
                        "key": keys.get(source, ""),
                        "position": position_words(target, dimension, side),
                        "mean": fmt_num(entry.get("mean")),
                        "interval": fmt_interval(
                            entry.get("mean"), entry.get("ci_low"), entry.get("ci_high")
                        ),
                        "n_sentences": fmt_num(entry.get("n_sentences"), 0),
                        "quotes": [
                            {
                                "article_id": as_text(p.get("article_id")),
                                "sentence_index": int(p.get("sentence_index") or 0),
                                "score": fmt_num(p.get("score")),
                                "excerpt": truncate(as_text(p.get("text"))),
                                "language": _language_of(p, languages),
                                "anchor": anchors.get(
                                    (as_text(p.get("article_id")), int(p.get("sentence_index") or 0)), ""
                                ),
                            }
                            for p in quotes
                        ],
                    }
                )
            columns.append(
                {"side": side, "heading": side_heading(target, dimension, side), "sources": entries}
            )
        cards.append(
            {
                "topic_terms": [as_text(t) for t in item.get("topic_terms", ())],
                "target": target,
                "target_name": target_name(target),
                "dimension": dimension,
                "dimension_name": DIMENSION_NAMES.get(dimension, dimension),
                "spread": fmt_num(item.get("spread")),
                "rank_value": float(item.get("rank_score") or item.get("spread") or 0.0),
                "columns": columns,
            }
        )
    cards.sort(key=lambda c: (-c["rank_value"], " ".join(c["topic_terms"]), c["target"], c["dimension"]))
    return cards


def _figures(groups: Sequence[Mapping[str, Any]], languages: Mapping[str, str]) -> list[dict[str, Any]]:
    """The figures table: per group, one line per source and value (the first sentence that
    gives it quoted, ``count`` the sentences that do), so the table grows with the distinct
    figures, not with the corpus; at most :data:`FIGURE_LINES_CAP` lines per group
    (``lines_total``: all of them)."""

    def status_rank(status: str) -> int:
        return (
            FIGURE_STATUS_ORDER.index(status) if status in FIGURE_STATUS_ORDER else len(FIGURE_STATUS_ORDER)
        )

    out = []
    for g in groups:
        label = " · ".join(as_text(g.get(k)) for k in ("subject", "quantity", "object") if as_text(g.get(k)))
        claims = sorted(
            g.get("claims", ()),
            key=lambda c: (
                as_text(c.get("source")),
                as_text(c.get("article_id")),
                int(c.get("sentence_index") or 0),
            ),
        )
        lines: dict[tuple[str, str, str], dict[str, Any]] = {}
        for c in claims:
            line = {
                "source": as_text(c.get("source")),
                "value": fmt_value(c.get("value")),
                "excerpt": truncate(as_text(c.get("text"))),
                "language": _language_of(c, languages),
                "count": 0,
            }
            line = lines.setdefault((line["source"], line["language"], line["value"]), line)
            line["count"] += 1
        out.append(
            {
                "group": label or "–",
                "unit": as_text(g.get("unit")),
                "status": as_text(g.get("status")),
                "claims": list(lines.values())[:FIGURE_LINES_CAP],
                "lines_total": len(lines),
            }
        )
    out.sort(key=lambda g: (status_rank(g["status"]), g["group"], g["unit"]))
    return out


def _naming(items: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    sources = sorted(
        {as_text(s) for item in items for counts in item.get("variants", {}).values() for s in counts}
    )
    referents = []
    for item in sorted(items, key=lambda i: as_text(i.get("referent"))):
        registers = item.get("registers", {})
        variants = []
        for variant, counts in sorted(item.get("variants", {}).items(), key=lambda kv: as_text(kv[0])):
            if isinstance(registers, Mapping):
                register = as_text(registers.get(variant, ""))
            else:
                register = ", ".join(sorted(as_text(r) for r in registers)) if registers else ""
            variants.append(
                {
                    "variant": as_text(variant),
                    "register": register,
                    "counts": [fmt_num(counts.get(s, 0), 0) for s in sources],
                }
            )
        referents.append({"referent": as_text(item.get("referent")), "variants": variants})
    return {"sources": sources, "referents": referents}


def _keyness(rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    by_source: dict[str, list[Mapping[str, Any]]] = {}
    for row in rows:
        by_source.setdefault(as_text(row.get("source")), []).append(row)
    out = []
    for source in sorted(by_source):
        ranked = sorted(by_source[source], key=lambda r: (-float(r.get("z") or 0.0), as_text(r.get("term"))))
        out.append(
            {
                "source": source,
                "n_terms": len(ranked),
                "terms": [
                    {
                        "term": as_text(r.get("term")),
                        "z": fmt_num(r.get("z")),
                        "count_source": fmt_num(r.get("count_source"), 0),
                        "count_rest": fmt_num(r.get("count_rest"), 0),
                        "q": fmt_sig(r.get("q")),
                    }
                    for r in ranked[:KEYNESS_PER_SOURCE]
                ],
            }
        )
    return out


def shown_in_full(
    articles: Sequence[Mapping[str, Any]], cited: set[str], budget: int = ARTICLE_TEXT_BUDGET
) -> set[str]:
    """The ids of the articles whose text the report shows: those cited on disagreement cards
    first, then one article of each source in turn (by article id), each taken while the text
    shown stays within ``budget`` characters; the first article always.

    >>> arts = [{"article_id": i, "source": s, "sentences": [{"text": "x" * 10}]}
    ...         for i, s in [("a1", "A"), ("a2", "A"), ("b1", "B")]]
    >>> sorted(shown_in_full(arts, cited=set(), budget=20))
    ['a1', 'b1']
    """

    def size(article: Mapping[str, Any]) -> int:
        if "size" in article:  # characters of its text, when the sentences are not all given
            return int(article["size"])
        return sum(len(as_text(s.get("text"))) for s in article.get("sentences", ()))

    by_source: dict[str, list[Mapping[str, Any]]] = {}
    for article in sorted(articles, key=lambda a: (as_text(a.get("source")), as_text(a.get("article_id")))):
        by_source.setdefault(as_text(article.get("source")), []).append(article)
    first = [a for group in by_source.values() for a in group if as_text(a.get("article_id")) in cited]
    queues = [[a for a in group if as_text(a.get("article_id")) not in cited] for group in by_source.values()]
    turns = [queue[k] for k in range(max(map(len, queues), default=0)) for queue in queues if k < len(queue)]
    chosen: set[str] = set()
    used = 0
    for article in first + turns:
        cost = size(article)
        if chosen and used + cost > budget:
            continue
        chosen.add(as_text(article.get("article_id")))
        used += cost
    return chosen


def _articles(
    articles: Sequence[Mapping[str, Any]], info: Mapping[str, Mapping[str, Any]], shown: set[str]
) -> list[dict[str, Any]]:
    """Each article shown as runs of sentences: content runs shown, furniture/duplicate runs
    collapsed. Articles are numbered in (source, id) order over all of them, so an article's
    anchor does not depend on which others are shown."""
    out = []
    ordered = sorted(articles, key=lambda a: (as_text(a.get("source")), as_text(a.get("article_id"))))
    for number, article in enumerate(ordered, start=1):
        article_id = as_text(article.get("article_id"))
        if article_id not in shown:
            continue
        runs: list[dict[str, Any]] = []
        for s in sorted(article.get("sentences", ()), key=lambda s: int(s.get("sentence_index") or 0)):
            kind = as_text(s.get("kind")) or "body"
            content = kind in CONTENT_KINDS
            sentence = {
                "anchor": f"a{number}-s{int(s.get('sentence_index') or 0)}",
                "index": int(s.get("sentence_index") or 0),
                "kind": kind,
                "segments": highlight_segments(
                    as_text(s.get("text")), [as_text(c) for c in s.get("cues", ())]
                )
                if content
                else [(as_text(s.get("text")), False)],
                "targets": sorted({as_text(t) for t in s.get("targets", ())}),
                "scores": [
                    {
                        "target": target_name(as_text(row[0])),
                        "evaluation": fmt_num(row[1]),
                        "potency": fmt_num(row[2]),
                        "reported": as_text(row[3]) not in ("", "author"),
                        "speaker": as_text(row[3]),
                    }
                    for row in s.get("scores", ())
                    if len(row) >= 4
                ]
                if content
                else [],
                "frames": [frame_label(as_text(f)) for f in s.get("frames", ())] if content else [],
            }
            if runs and runs[-1]["content"] == content:
                runs[-1]["sentences"].append(sentence)
            else:
                runs.append({"content": content, "sentences": [sentence]})
        meta = info.get(article_id, {})
        out.append(
            {
                "number": number,
                "article_id": article_id,
                "source": as_text(article.get("source")),
                "label": as_text(meta.get("label")),
                "published": as_text(meta.get("published")),
                "lang": "en"
                if as_text(meta.get("language")) == "en"
                else _LANG.get(as_text(meta.get("script")), ""),
                "runs": runs,
            }
        )
    return out


def _methods(methods: Mapping[str, Any]) -> dict[str, Any]:
    statistics = methods.get("statistics", ())
    if isinstance(statistics, Mapping):
        statistics = [
            f"{as_text(k)}: {as_text(v)}" for k, v in sorted(statistics.items(), key=lambda kv: str(kv[0]))
        ]
    else:
        statistics = [as_text(s) for s in statistics]
    lexicons = sorted(
        (
            {k: as_text(lex.get(k)) for k in ("name", "version", "kind", "checksum")}
            for lex in methods.get("lexicons", ())
        ),
        key=lambda lex: (lex["name"], lex["version"]),
    )
    known = {"statistics", "lexicons", "settings", "seed", "versions"}
    return {
        "statistics": statistics,
        "lexicons": lexicons,
        "settings": [
            (as_text(k), as_text(v))
            for k, v in sorted(methods.get("settings", {}).items(), key=lambda kv: str(kv[0]))
        ],
        "seed": as_text(methods.get("seed")),
        "versions": [
            (as_text(k), as_text(v))
            for k, v in sorted(methods.get("versions", {}).items(), key=lambda kv: str(kv[0]))
        ],
        "other": [
            (as_text(k), as_text(v))
            for k, v in sorted(methods.items(), key=lambda kv: str(kv[0]))
            if k not in known
        ],
    }


# The readability columns of "Articles compared": (key, header); the values are in articles.csv.
READABILITY_HEADERS = (
    ("en_flesch_reading_ease", "Flesch ease (en)"),
    ("en_flesch_kincaid_grade", "FK grade (en)"),
    ("en_dale_chall", "Dale-Chall (en)"),
    ("zh_chars_per_sentence", "chars/sentence (zh)"),
    ("zh_words_per_sentence", "words/sentence (zh)"),
    ("zh_uncommon_char_share", "uncommon chars % (zh)"),
)


def _readability_cells(article: Mapping[str, Any]) -> dict[str, str]:
    """An article's readability for display: one decimal, the uncommon-character share in percent;
    "–" where the measure is not for the article's language."""
    cells = {key: fmt_num(article.get(key), 1) for key, _ in READABILITY_HEADERS}
    share = article.get("zh_uncommon_char_share")
    if not is_missing(share):
        cells["zh_uncommon_char_share"] = fmt_num(100 * float(share), 1)
    return cells


def has_chinese(generated_from: Sequence[Mapping[str, Any]]) -> bool:
    """Whether any article is in Chinese (by its language, or by its script when the language is
    not recorded), so the classroom controls are labelled in Chinese too."""
    return any(
        as_text(a.get("language")) == "zh" or as_text(a.get("script")) in _LANG for a in generated_from
    )


def classroom_view(data: ReportData) -> dict[str, Any]:
    """What a classroom copy adds: ``on`` (whether the report is one), the labels of its "Show"
    controls per folded part, the note that opens the page (and what printing does), and the line
    that stands for a sentence's hidden scores, each in English and (for a corpus with Chinese
    articles) Chinese."""
    chinese = has_chinese(data.generated_from)
    return {
        "on": data.classroom,
        "reveal": reveal_labels(chinese=chinese),
        "note": CLASSROOM_NOTE[0],
        "note_zh": CLASSROOM_NOTE[1] if chinese else "",
        "print_note": CLASSROOM_PRINT_NOTE[0],
        "print_note_zh": CLASSROOM_PRINT_NOTE[1] if chinese else "",
        "tip_hidden": TIP_SCORES_HIDDEN[0],
        "tip_hidden_zh": TIP_SCORES_HIDDEN[1] if chinese else "",
    }


def build_view(data: ReportData) -> dict[str, Any]:
    """The report's content as sorted rows of display strings, shared by both renderers."""
    comparison = data.comparison
    sources = sorted(
        {as_text(a.get("source")) for a in data.generated_from}
        | {str(s) for s in data.stance["source"]}
        | {str(s) for s in data.frames["source"]}
        | {as_text(s.get("source")) for s in comparison.get("sources", ())}
    )
    keys = source_keys(sources)
    profiles = {as_text(p.get("source")): p for p in comparison.get("sources", ())}
    info = {as_text(a.get("article_id")): a for a in data.generated_from}
    settings = data.methods.get("settings", {})
    cited = {
        as_text(p.get("article_id"))
        for item in comparison.get("disagreements", ())
        for p in item.get("positions", ())
    }
    articles = _articles(data.articles, info, shown_in_full(data.articles, cited))
    stance_articles = _stance_rows(data.stance, per_source=False)
    generated_from = sorted(
        data.generated_from, key=lambda a: (as_text(a.get("source")), as_text(a.get("article_id")))
    )
    languages = article_languages(data.generated_from)
    by_source = source_languages(data.generated_from)
    coverage = lexicon_coverage(
        data.methods.get("lexicons", ()), {x for found in by_source.values() for x in found}
    )
    anchors = {
        (a["article_id"], s["index"]): s["anchor"]
        for a in articles
        for run in a["runs"]
        for s in run["sentences"]
    }
    cards = _disagreements(comparison.get("disagreements", ()), anchors, languages, keys)
    figures = _figures(comparison.get("figures", ()), languages)
    return {
        "title": data.title,
        "summary": [as_text(s) for s in data.summary],
        "summary_details": [as_text(s) for s in data.summary_details],
        "sources": [
            {
                "key": keys[s],
                "source": s,
                "n_articles": fmt_num(profiles.get(s, {}).get("n_articles"), 0),
                "n_sentences": fmt_num(profiles.get(s, {}).get("n_sentences"), 0),
                "small_n": bool(profiles.get(s, {}).get("small_n", False)),
                "languages": ", ".join(by_source.get(s, ())),
            }
            for s in sources
        ],
        "generated_from": [
            {
                k: as_text(a.get(k))
                for k in ("article_id", "source", "label", "published", "url", "script", "language")
            }
            | {
                "n_sentences": fmt_num(a.get("n_sentences"), 0),
                "n_furniture": fmt_num(a.get("n_furniture"), 0),
            }
            | _readability_cells(a)
            for a in generated_from[:ARTICLE_LIST_CAP]
        ],
        "generated_from_total": len(generated_from),
        "readability_headers": [list(pair) for pair in READABILITY_HEADERS],
        "min_sentences": as_text(settings.get("min_sentences")) if isinstance(settings, Mapping) else "",
        "stance_sources": _stance_rows(data.stance, per_source=True),
        "stance_articles": stance_articles[:STANCE_ARTICLE_ROWS_CAP],
        "stance_articles_total": len(stance_articles),
        "frames": _frame_matrix(data.frames, sources, keys),
        "disagreements": cards[:MAX_CARDS],
        "disagreements_total": len(cards),
        "figures": figures[:FIGURE_GROUPS_CAP],
        "figures_total": len(figures),
        "coverage": [
            {
                "what": row["what"],
                "lexicons": ", ".join(row["lexicons"]),
                "languages": "–" if row["languages"] is None else ", ".join(row["languages"]) or "none",
                "missing": ", ".join(f"{language_name(x)} ({x})" for x in row["missing"]),
            }
            for row in coverage
        ],
        "language_notes": coverage_notes(coverage, by_source),
        "naming": _naming(comparison.get("naming", ())),
        "keyness": _keyness(comparison.get("keyness", ())),
        "keyness_per_source": KEYNESS_PER_SOURCE,
        "articles": articles,
        "articles_total": len(data.articles),  # every article, listed (with or without text)
        "methods": _methods(data.methods),
        "source_keys": keys,
        "classroom": classroom_view(data),
    }


def stance_targets(stance: pd.DataFrame) -> tuple[list[str], list[str]]:
    """The stance map's panels, and the targets left without one: the US and China first, then
    every other target on which at least two sources have both scores without the small_n flag
    (by name); the others are only listed."""
    rows = stance[stance["article_id"].astype(str) == SOURCE_ROW]
    found = sorted({str(t) for t in stance["target"]} - set(DEFAULT_TARGETS))
    shown, left = list(DEFAULT_TARGETS), []
    for target in found:
        mine = rows[(rows["target"].astype(str) == target) & ~rows["flag"].map(is_small)]
        complete = mine.groupby("source")["dimension"].nunique()
        (shown if int((complete >= len(DIMENSIONS)).sum()) >= 2 else left).append(target)
    return shown, left


def __getattr__(name: str):
    # The renderers (which import the helpers above, and matplotlib) are imported on first
    # use, so a worker that only builds article summaries does not load them.
    if name == "render_html":
        from stance.report.html import render_html

        return render_html
    if name == "render_markdown":
        from stance.report.markdown import render_markdown

        return render_markdown
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["ReportData", "build_view", "highlight_segments", "render_html", "render_markdown"]
