"""The report's charts as inline SVG: the stance map and the frame heatmap.

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
import numpy as np
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
    finite = [abs(v) for v in values if not is_missing(v) and math.isfinite(v)]
    return max([1.0, *finite]) * 1.08


def stance_panel_svg(stance: pd.DataFrame, target: str, keys: Mapping[str, str], *, number: int = 0) -> str:
    """One stance-map panel: each source a point at (evaluation, potency) toward ``target``,
    with its bootstrap intervals as bars; a source flagged small-n is drawn hollow.

    ``keys`` maps every source to its short key (A, B...), which labels the point; the legend
    under the axes gives the full names. ``number`` makes the SVG's ids unique in the page.
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
    axes_in, left_in, right_in, top_in, below_in = 2.4, 0.65, 0.6, 0.3, 0.55
    legend_in = 0.17 * n_legend + (0.1 if n_legend else 0.0)
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
        ax.axhline(0, color="#999999", linewidth=0.8, zorder=0)
        ax.axvline(0, color="#999999", linewidth=0.8, zorder=0)
        ax.set_xlabel("evaluation (negative - positive)", fontsize=8)
        ax.set_ylabel("potency (weak - strong)", fontsize=8)
        ax.tick_params(labelsize=7.5)
        ax.set_title(target, fontsize=11, fontweight="bold")
        handles = []
        for source, ev, po, small in points:
            colour, marker = source_style(order[source])
            x, y = float(ev.score), float(po.score)
            xerr = _err(x, ev.ci_low, ev.ci_high)
            yerr = _err(y, po.ci_low, po.ci_high)
            ax.errorbar(
                [x],
                [y],
                xerr=xerr,
                yerr=yerr,
                fmt=marker,
                color=colour,
                markersize=8,
                elinewidth=1.1,
                capsize=3,
                markerfacecolor="white" if small else colour,
                markeredgewidth=1.5,
            )
            ax.annotate(
                keys[source], (x, y), xytext=(6, 5), textcoords="offset points", fontsize=9, fontweight="bold"
            )
            label = f"{keys[source]}  {truncate(source, 30)}" + (" (small n)" if small else "")
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
                labelspacing=0.5,
            )
        return _svg(fig, prefix)


def _err(centre: float, low: object, high: object) -> list[list[float]] | None:
    if is_missing(low) or is_missing(high):
        return None
    return [[max(0.0, centre - float(low))], [max(0.0, float(high) - centre)]]


def frame_heatmap_svg(frames: pd.DataFrame, keys: Mapping[str, str]) -> str:
    """The sources x frames matrix drawn with frames as rows and sources as columns (labelled by
    their keys A, B...; frames outnumber sources, and their names read better unrotated). Each
    cell is the frame's share of the source's frame hits, printed as a percentage (so no colour
    bar is needed); cells are vector rectangles, never an embedded image. Empty when there are
    no per-source frame rows."""
    rows = frames[frames["article_id"].astype(str) == SOURCE_ROW]
    names = sorted({str(f) for f in rows["frame"]})
    sources = [s for s in sorted(keys) if s in {str(x) for x in rows["source"]}]
    if not names or not sources:
        return ""
    share = {(str(r.source), str(r.frame)): r.share for r in rows.itertuples(index=False)}
    matrix = np.array(
        [[np.nan if is_missing(share.get((s, f))) else float(share[(s, f)]) for s in sources] for f in names]
    )
    cell_w, cell_h, left_in, right_in, top_in, bottom_in = 0.6, 0.26, 2.3, 0.2, 0.35, 0.1
    width = left_in + cell_w * len(sources) + right_in
    height = top_in + cell_h * len(names) + bottom_in
    prefix = chart_prefix("frames", 0)
    with _chart_style(prefix):
        fig = Figure(figsize=(width, height))
        box = (
            left_in / width,
            bottom_in / height,
            cell_w * len(sources) / width,
            cell_h * len(names) / height,
        )
        ax = fig.add_axes(box)
        top = max(0.01, float(np.nanmax(matrix))) if np.isfinite(matrix).any() else 0.01
        ax.pcolormesh(
            np.ma.masked_invalid(matrix), cmap="Blues", vmin=0.0, vmax=top, edgecolors="white", linewidth=0.5
        )
        ax.set_facecolor("#eeeeee")
        ax.set_xlim(0, len(sources))
        ax.set_ylim(len(names), 0)
        ax.xaxis.tick_top()
        ax.set_xticks([i + 0.5 for i in range(len(sources))], [keys[s] for s in sources], fontweight="bold")
        ax.set_yticks([i + 0.5 for i in range(len(names))], names, fontsize=8)
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        for i, j in zip(*np.nonzero(np.isfinite(matrix)), strict=True):
            value = float(matrix[i, j])
            ax.text(
                j + 0.5,
                i + 0.5,
                f"{100 * value:.0f}%",
                ha="center",
                va="center",
                fontsize=7.5,
                color="white" if value > 0.6 * top else "#222222",
            )
        return _svg(fig, prefix)
