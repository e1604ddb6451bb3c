"""``report.html``: one self-contained page (inline CSS and SVG, no scripts, no external
resources) rendered with Jinja2 and autoescaping from the view of :func:`stance.report.build_view`.

The only markup that is not escaped is the SVG that matplotlib writes (it escapes the text it
draws); every data string, article text included, goes through autoescaping, and highlighted
cue words are separate escaped segments wrapped in ``<mark>`` by the template.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from stance.report import build_view, stance_targets
from stance.report.charts import frame_heatmap_svg, source_style, stance_panel_svg

if TYPE_CHECKING:
    from stance.report import ReportData


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("stance.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_html(data: ReportData) -> str:
    """The report as one self-contained HTML page; the same data gives the same string.

    Sections (element ids): summary, stance-map, frames, disagreements, figures, naming,
    keyness, articles, methods.
    """
    view = build_view(data)
    keys = view["source_keys"]
    styles = {s: source_style(i)[0] for i, s in enumerate(sorted(keys))}
    panels = [
        {"target": target, "svg": Markup(stance_panel_svg(data.stance, target, keys, number=i + 1))}
        for i, target in enumerate(stance_targets(data.stance))
    ]
    heatmap = Markup(frame_heatmap_svg(data.frames, keys))
    return (
        _environment()
        .get_template("report.html.j2")
        .render(v=view, panels=panels, heatmap=heatmap, colours=styles)
    )
