"""The report's charts as inline SVG: the panels of the stance map (the frame heat map is an HTML
table, see the template).

Charts are drawn with matplotlib's object API (no pyplot state) under a fixed set of rc
parameters, starting from matplotlib's defaults so that a user's matplotlibrc changes nothing:
text stays text (``svg.fonttype = "none"``) so Chinese renders with the reader's fonts, the
element ids are salted per chart (``svg.hashsalt``) so several charts can live in one HTML page
without clashing ids, and no date is written. Text is measured with DejaVu Sans, which ships
with matplotlib, so the layout does not depend on the fonts installed on the machine; Chinese
glyphs are missing from it, and the warnings that says so are silenced (the browser draws them).
Layouts use fixed margins (no tight bounding box), so the same data always gives the same bytes.
Every label is drawn literally (``text.parse_math`` off): a ``$`` in a source name is a dollar
sign, not the start of a formula.
"""

from __future__ import annotations

import io
import math
import re
import warnings
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager

import matplotlib
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from stance.report import DIMENSIONS, SOURCE_ROW, is_missing, is_small, truncate

_COLOURS = (
    "#1f77b4",
    "#d62728",
    "#2ca02c",
    "#9467bd",
    "#ff7f0e",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#7f7f7f",
    "#bcbd22",
)
_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "p", "h", "<", ">")
_XML_PROLOGUE = re.compile(r"\A.*?(?=<svg)", re.DOTALL)
_METADATA = re.compile(r"\s*<metadata>.*?</metadata>", re.DOTALL)
# An element id, or a reference to one (href="#...", url(#...)), in matplotlib's SVG.
_ID_OR_REFERENCE = re.compile(r'(\bid="|\bhref="#|\burl\(#)([^")]+)')


@contextmanager
def _chart_style(salt: str) -> Iterator[None]:
    with matplotlib.rc_context():
        matplotlib.rcdefaults()
        matplotlib.rcParams.update(
            {
                "svg.fonttype": "none",
                "svg.hashsalt": f"stance-{salt}",
                "font.family": ["DejaVu Sans"],
                "font.size": 9,
                "axes.unicode_minus": False,
                # Labels are source, target and frame names from the corpus and lexicons:
                # drawn as written, never parsed as mathtext ("$x$", "$\\frac{$" would fail).
                "text.parse_math": False,
            }
        )
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=r"Glyph .* missing from font")
            yield


def _svg(fig: Figure, prefix: str) -> str:
    """The figure as inline SVG whose element ids all start with ``prefix``: matplotlib names
    its groups figure_1, axes_1... in every chart, and ids must be unique in the page."""
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None})
    # Inline SVG needs neither the XML prologue nor the RDF metadata block.
    svg = _METADATA.sub("", _XML_PROLOGUE.sub("", buffer.getvalue())).strip() + "\n"
    return _ID_OR_REFERENCE.sub(lambda m: f"{m.group(1)}{prefix}-{m.group(2)}", svg)


def chart_prefix(name: str, number: int) -> str:
    """A valid, page-unique id prefix for the ``number``-th chart named ``name``."""
    return f"c{number}-" + (re.sub(r"[^A-Za-z0-9_-]+", "_", name) or "chart")


def source_style(key_index: int) -> tuple[str, str]:
    """(colour, marker) of the source with this position in the sorted source list."""
    return _COLOURS[key_index % len(_COLOURS)], _MARKERS[key_index % len(_MARKERS)]


def _limit(values: Sequence[float]) -> float:
    """Half the width of the axes: the largest distance from zero of a point or interval end,
    with a margin, at least 0.1 and at most 1 (scores are in [-1, 1])."""
    finite = [abs(float(v)) for v in values if not is_missing(v) and math.isfinite(float(v))]
    return min(1.0, max(0.1, max(finite, default=0.0) * 1.15))


def stance_panel_svg(
    stance: pd.DataFrame,
    target: str,
    keys: Mapping[str, str],
    *,
    number: int = 0,
    title: str | None = None,
    large: bool = False,
) -> str:
    """One stance-map panel: each source a point at (evaluation, potency) toward ``target``,
    with its bootstrap intervals as bars; a source flagged small-n is drawn hollow.

    The axes are scaled to the data (symmetric, so zero is the centre, drawn as a cross) and
    points carry no text, so no label overlaps another: the legend under the axes names each
    source by its colour and marker. ``keys`` maps every source to its short key (A, B...).
    ``number`` makes the SVG's ids unique in the page; ``large`` draws a bigger panel.
    """
    rows = stance[(stance["article_id"].astype(str) == SOURCE_ROW) & (stance["target"].astype(str) == target)]
    points = []
    for source in sorted(keys):
        mine = rows[rows["source"].astype(str) == source]
        by_dim = {str(r.dimension): r for r in mine.itertuples(index=False)}
        if not all(d in by_dim and not is_missing(by_dim[d].score) for d in DIMENSIONS):
            continue
        ev, po = (by_dim[d] for d in DIMENSIONS)
        points.append((source, ev, po, any(is_small(by_dim[d].flag) for d in DIMENSIONS)))
    order = {s: i for i, s in enumerate(sorted(keys))}
    n_legend = len(points)
    axes_in = 3.4 if large else 2.4
    left_in, right_in, top_in, below_in = 0.65, 0.25, 0.35, 0.55
    legend_in = 0.19 * n_legend + (0.1 if n_legend else 0.0)
    width, height = left_in + axes_in + right_in, top_in + axes_in + below_in + legend_in
    prefix = chart_prefix(f"stance-{target}", number)
    with _chart_style(prefix):
        fig = Figure(figsize=(width, height))
        ax = fig.add_axes(
            (left_in / width, (below_in + legend_in) / height, axes_in / width, axes_in / height)
        )
        values = [v for _, ev, po, _ in points for r in (ev, po) for v in (r.score, r.ci_low, r.ci_high)]
        lim = _limit(values)
        ax.set_xlim(-lim, lim)
        ax.set_ylim(-lim, lim)
        ax.axhline(0, color="#555555", linewidth=1.0, zorder=0)
        ax.axvline(0, color="#555555", linewidth=1.0, zorder=0)
        ax.set_xlabel("unfavourable  ←  evaluation  →  favourable", fontsize=8)
        ax.set_ylabel("weak  ←  potency  →  strong", fontsize=8)
        ax.tick_params(labelsize=7.5)
        ax.set_title(title or target, fontsize=12 if large else 10.5, fontweight="bold")
        handles = []
        for source, ev, po, small in points:
            colour, marker = source_style(order[source])
            x, y = float(ev.score), float(po.score)
            ax.errorbar(
                [x],
                [y],
                xerr=_err(x, ev.ci_low, ev.ci_high),
                yerr=_err(y, po.ci_low, po.ci_high),
                fmt=marker,
                color=colour,
                markersize=8,
                elinewidth=1.1,
                capsize=3,
                markerfacecolor="white" if small else colour,
                markeredgewidth=1.5,
            )
            label = f"{keys[source]}  {truncate(source, 34)}" + (" (too few sentences)" if small else "")
            handles.append(
                Line2D(
                    [],
                    [],
                    linestyle="none",
                    marker=marker,
                    color=colour,
                    markersize=7,
                    markerfacecolor="white" if small else colour,
                    label=label,
                )
            )
        if not points:
            ax.text(
                0,
                0,
                "no source has scores for this target",
                ha="center",
                va="center",
                color="#666666",
                fontsize=8,
            )
        if handles:
            fig.legend(
                handles=handles,
                loc="upper left",
                bbox_to_anchor=(left_in / width, legend_in / height),
                frameon=False,
                fontsize=7.5,
                handletextpad=0.4,
                borderaxespad=0.0,
                borderpad=0.0,
                labelspacing=0.6,
            )
        return _svg(fig, prefix)


def _err(centre: float, low: object, high: object) -> list[list[float]] | None:
    if is_missing(low) or is_missing(high):
        return None
    return [[max(0.0, centre - float(low))], [max(0.0, float(high) - centre)]]
