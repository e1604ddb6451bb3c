"""``worksheet.html`` and ``answer_key.html``: self-contained pages (inline CSS and SVG, no script,
no external resource) rendered with Jinja2 and autoescaping, laid out to print on A4.

The articles are printed side by side, at most three to a table, in rows of
:data:`LINES_PER_ROW` sentence numbers, so a page breaks only between rows and every row of the
same numbers sits side by side. Every other table and every exercise is kept whole on a page.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from stance import __version__
from stance.classroom.records import LANG_CHOICES, ArticleText, Evidence, Grid, Score, Wording, Worksheet
from stance.classroom.wording import say

LINES_PER_ROW = 5
MAX_COLUMNS = 3


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("stance.classroom", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["number"] = show_number
    env.filters["interval"] = show_interval
    return env


def languages(lang: str) -> tuple[str, ...]:
    """The languages ``--lang`` shows, Chinese first."""
    if lang not in LANG_CHOICES:
        raise ValueError(f"lang must be one of {', '.join(LANG_CHOICES)}, not {lang!r}")
    return ("zh", "en") if lang == "both" else (lang,)


class Say:
    """The template's ``t``: a :class:`Wording` in the chosen languages, as one block per
    language (``t(w)``) or on one line (``t(w, inline=True)``: "中文 / English")."""

    def __init__(self, langs: Sequence[str]) -> None:
        self.langs = tuple(langs)

    def __call__(self, wording: Wording, inline: bool = False) -> Markup:
        if len(self.langs) == 1:
            return escape(wording.pick(self.langs[0]))
        if inline:
            texts = list(dict.fromkeys(wording.pick(lang) for lang in self.langs))
            return Markup(" / ").join(escape(t) for t in texts)
        return Markup("").join(
            Markup('<span class="l" lang="{}">{}</span>').format(
                "zh-Hans" if lang == "zh" else "en", wording.pick(lang)
            )
            for lang in self.langs
        )

    def entry(self, key: str, inline: bool = False, **slots: object) -> Markup:
        return self(say(key, **slots), inline)


def show_number(score: Score) -> str:
    if score.unit == "%":
        return f"{score.value:.1f}%"
    if score.low is None and float(score.value).is_integer():
        return str(int(score.value))
    return f"{score.value:+.2f}"


def show_interval(score: Score) -> str:
    if score.low is None or score.high is None:
        return ""
    return f"[{score.low:+.2f}, {score.high:+.2f}]"


def text_groups(articles: Sequence[ArticleText]) -> list[list[ArticleText]]:
    """The articles in side-by-side groups of at most MAX_COLUMNS, as even as can be (4 -> 2+2)."""
    if not articles:
        return []
    n_groups = math.ceil(len(articles) / MAX_COLUMNS)
    size = math.ceil(len(articles) / n_groups)
    return [list(articles[i : i + size]) for i in range(0, len(articles), size)]


def text_rows(group: Sequence[ArticleText], *, simplified: bool = False) -> list[list[list]]:
    """The rows of a side-by-side table: for each block of LINES_PER_ROW sentence numbers, each
    article's lines with those numbers."""
    lines = [a.simplified if simplified else a.lines for a in group]
    last = max((line.index for own in lines for line in own), default=-1)
    rows = []
    for start in range(0, last + 1, LINES_PER_ROW):
        rows.append([[line for line in own if start <= line.index < start + LINES_PER_ROW] for own in lines])
    return rows


def marked(item: Evidence) -> list[tuple[str, bool]]:
    """The sentence in pieces, the one showing the answer marked: (text, is_mark)."""
    at = item.text.find(item.shows) if item.shows else -1
    if at < 0:
        return [(item.text, False)]
    end = at + len(item.shows)
    return [(item.text[:at], False), (item.shows, True), (item.text[end:], False)]


def grid_svg(grid: Grid, t: Say, *, points: bool) -> Markup:
    """The stance grid: favourability left to right, strength bottom to top. Without ``points``
    it is empty, for students; with them, the tool's outlets and their intervals, on axes scaled
    to the data (the scale is printed)."""
    size, pad = 320, 56
    inner = size - 2 * pad
    scale = 1.0
    if points:
        extent = [
            abs(v)
            for p in grid.points
            for v in (*p.evaluation_interval, *p.potency_interval, p.evaluation, p.potency)
        ]
        scale = min(1.0, max(0.25, math.ceil(max(extent, default=0.25) * 4) / 4))

    def x(v: float) -> float:
        return round(pad + inner * (v / scale + 1) / 2, 1)

    def y(v: float) -> float:
        return round(pad + inner * (1 - (v / scale + 1) / 2), 1)

    def label(key: str) -> str:
        return " / ".join(say(key).pick(lang) for lang in t.langs)

    parts = [
        f'<svg class="grid" viewBox="0 0 {size} {size}" width="{size}" height="{size}" font-size="9.5" role="img" '
        f'aria-label="{escape(label("stance.favourable"))} / {escape(label("stance.strong"))}">',
        f'<rect x="{pad}" y="{pad}" width="{inner}" height="{inner}" fill="none" stroke="#888"/>',
    ]
    for k in range(1, 4):
        at = pad + inner * k / 4
        colour = "#444" if k == 2 else "#ddd"
        parts.append(f'<line x1="{at}" y1="{pad}" x2="{at}" y2="{pad + inner}" stroke="{colour}"/>')
        parts.append(f'<line x1="{pad}" y1="{at}" x2="{pad + inner}" y2="{at}" stroke="{colour}"/>')
    mid = size / 2
    parts += [
        f'<text x="{pad}" y="{pad + inner + 16}" text-anchor="start">← {escape(label("stance.unfavourable"))}</text>',
        f'<text x="{pad + inner}" y="{pad + inner + 16}" text-anchor="end">{escape(label("stance.favourable"))} →</text>',
        f'<text x="{mid}" y="{pad - 8}" text-anchor="middle">↑ {escape(label("stance.strong"))}</text>',
        f'<text x="{mid}" y="{pad + inner + 34}" text-anchor="middle">↓ {escape(label("stance.weak"))}</text>',
    ]
    if points:
        parts.append(
            f'<text x="{pad + inner}" y="{pad - 8}" text-anchor="end" class="scale">±{scale:g}</text>'
        )
        for p in grid.points:
            px, py = x(p.evaluation), y(p.potency)
            lo, hi = p.evaluation_interval
            parts.append(
                f'<line x1="{x(lo)}" y1="{py}" x2="{x(hi)}" y2="{py}" stroke="#1d4ed8" stroke-width="1.5"/>'
            )
            lo, hi = p.potency_interval
            parts.append(
                f'<line x1="{px}" y1="{y(lo)}" x2="{px}" y2="{y(hi)}" stroke="#1d4ed8" stroke-width="1.5"/>'
            )
            parts.append(f'<circle cx="{px}" cy="{py}" r="4" fill="#1d4ed8"/>')
            parts.append(
                f'<text x="{px + 6}" y="{py - 6}" font-size="12" class="point">{escape(p.key)}</text>'
            )
    parts.append("</svg>")
    return Markup("".join(parts))


def _context(worksheet: Worksheet, lang: str) -> dict:
    t = Say(languages(lang))
    return {
        "w": worksheet,
        "t": t,
        "say": say,
        "lang_attr": "zh-Hans" if t.langs[0] == "zh" else "en",
        "groups": text_groups(worksheet.articles),
        "simplified": [a for a in worksheet.articles if a.simplified],
        "text_rows": text_rows,
        "marked": marked,
        "grid_svg": lambda grid, points=False: grid_svg(grid, t, points=points),
        "version": __version__,
    }


def render_worksheet(worksheet: Worksheet, lang: str = "both") -> str:
    """The student worksheet as one self-contained HTML page; the same worksheet gives the same
    string."""
    return _environment().get_template("worksheet.html.j2").render(_context(worksheet, lang))


def render_key(worksheet: Worksheet, lang: str = "both") -> str:
    """The teacher's answer key as one self-contained HTML page."""
    return _environment().get_template("answer_key.html.j2").render(_context(worksheet, lang))
