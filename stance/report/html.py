"""``report.html``: one self-contained page (inline CSS and SVG, no scripts, no external
resources) rendered with Jinja2 and autoescaping from the view of :func:`stance.report.build_view`.

It reads on a phone (nothing wider than the screen; wide tables scroll inside their own box) and
prints to A4 (a print stylesheet opens every folded section and drops the navigation). Per-sentence
details in the articles view open on hover, on tap and with the keyboard (each scored sentence is
focusable), and a checkbox shows only the sentences that carry a stance: CSS alone, no script.

A classroom copy (``ReportData.classroom``, ``stance report --classroom``) folds every part that
gives an answer away (the summary, the stance map and its scores, the frame shares, each claim
card's two sides, the figures, the distinctive terms) into a ``<details class="reveal">`` whose
``<summary>`` is a "Show ..." button, and hides each sentence's scores behind a checkbox: still no
script, and the browser tells screen readers whether each part is open. Printed, a folded part
stays folded (a guess-first handout) and an opened one prints. The article texts, the naming
table and the frames of each sentence stay in view. Without the flag the page is unchanged.

The only markup that is not escaped is the SVG that matplotlib writes (it escapes the text it
draws); every data string, article text included, goes through autoescaping, and highlighted
cue words are separate escaped segments wrapped in ``<mark>`` by the template.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from stance.report import DEFAULT_TARGETS, build_view, stance_targets
from stance.report.charts import source_style, stance_panel_svg
from stance.report.labels import capitalised, target_name

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


def render_html(data: ReportData, view: dict | None = None) -> str:
    """The report as one self-contained HTML page; the same data gives the same string.

    Sections (element ids): summary, stance-map, frames, disagreements, figures, naming,
    keyness, articles, methods. ``view``: :func:`build_view` of ``data`` when the caller has
    it already (the renderers only read it).
    """
    view = build_view(data) if view is None else view
    keys = view["source_keys"]
    styles = {s: source_style(i)[0] for i, s in enumerate(sorted(keys))}
    shown, left = stance_targets(data.stance)
    panels = [
        {
            "target": target,
            "name": capitalised(target_name(target)),
            "plain_name": target_name(target),
            "large": target in DEFAULT_TARGETS,
            "svg": Markup(
                stance_panel_svg(
                    data.stance,
                    target,
                    keys,
                    number=i + 1,
                    title=capitalised(target_name(target)),
                    large=target in DEFAULT_TARGETS,
                )
            ),
        }
        for i, target in enumerate(shown)
    ]
    return (
        _environment()
        .get_template("report.html.j2")
        .render(
            v=view,
            panels=panels,
            unpanelled=[target_name(t) for t in left],
            colours=styles,
            classroom=view["classroom"]["on"],
            room=view["classroom"],
        )
    )
