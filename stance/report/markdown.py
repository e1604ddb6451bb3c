r"""``report.md``: the report's content as Markdown, for printing and for pasting into a paper.

The same view as the HTML (:func:`stance.report.build_view`), with the charts replaced by the
numbers behind them in pipe tables. Every data string is escaped for CommonMark: pipes,
backslashes, brackets, emphasis marks, ``<`` and ``>`` (so an article's ``<script>`` stays
text) and entity-like ``&``; newlines inside a cell become spaces. Cue words are **bold**.

A classroom copy (``ReportData.classroom``) folds the same parts as the HTML (the summary, the
stance tables, the frame shares, each claim's two sides with its spread, the figures, the
distinctive terms) into ``<details>`` blocks with a "Show ..." ``<summary>``: GitHub, GitLab and
most Markdown viewers show them folded, and a renderer without HTML shows them open. The
Markdown has no per-sentence scores, so the articles are the same as in the default copy.

>>> print(md_escape("a|b <script> *x* snake_case _y_"))
a\|b \<script\> \*x\* snake_case \_y\_
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from html import escape
from typing import TYPE_CHECKING

from stance.report import build_view
from stance.report.labels import sentences

if TYPE_CHECKING:
    from stance.report import ReportData

_INTERVAL = re.compile(r"[-–∞0-9., \[\]]*")
_SPACES = re.compile(r"\s+")
_LIST_MARKER = re.compile(r"\A(\s*\d{0,9})([-+.)])(?=\s|\Z)")
_SPECIAL = re.compile(r"[\\`*\[\]<>|#]|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])|&(?=#?\w+;)")


def md_escape(text: str) -> str:
    """``text`` on one line (runs of white space become one space) with every character
    CommonMark could read as markup escaped."""
    escaped = _SPECIAL.sub(lambda m: "\\" + m.group(0), _SPACES.sub(" ", str(text)))
    # A leading "1." or "-" would start a list inside a list item.
    return _LIST_MARKER.sub(lambda m: m.group(1) + "\\" + m.group(2), escaped)


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], *, numeric: Sequence[int] = ()) -> list[str]:
    """A pipe table; cells are escaped here, except those already marked up by the caller
    (passed as :class:`_Raw`)."""

    def cell(value: object) -> str:
        return value.text if isinstance(value, _Raw) else md_escape(str(value)).strip()

    align = ["---:" if i in numeric else "---" for i in range(len(header))]
    lines = ["| " + " | ".join(cell(h) for h in header) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return [*lines, ""]


class _Raw:
    """A cell that is already escaped Markdown."""

    def __init__(self, text: str) -> None:
        self.text = text


def _numbers(text: str) -> _Raw | str:
    """An interval such as ``0.25 [0.10, 0.37]`` left unescaped (it holds numbers and brackets
    only, which CommonMark reads as text); anything else is escaped as usual."""
    return _Raw(text) if _INTERVAL.fullmatch(text) else text


def _numbers_text(text: str) -> str:
    """An interval as Markdown text (unescaped when it holds only numbers and brackets)."""
    cell = _numbers(text)
    return cell.text if isinstance(cell, _Raw) else md_escape(cell)


def _fold(lines: list[str], label: Mapping[str, str] | None) -> list[str]:
    """``lines`` folded in a ``<details>`` block under the "Show ..." ``label`` (a classroom
    copy's, from :func:`stance.report.labels.reveal_labels`); as they are when ``label`` is None.
    The blank lines around the content make CommonMark read it as Markdown again."""
    if label is None:
        return lines
    text = label["show"] + (f" · {label['show_zh']}" if label["show_zh"] else "")
    body = lines if lines and lines[-1] == "" else [*lines, ""]
    return ["<details>", f"<summary>{escape(text)}</summary>", "", *body, "</details>", ""]


def _segments(segments: Sequence[tuple[str, bool]]) -> str:
    out = []
    for text, cue in segments:
        escaped = md_escape(text)
        out.append(f"**{escaped}**" if cue and escaped.strip() else escaped)
    return "".join(out)


def render_markdown(data: ReportData, view: dict | None = None) -> str:
    """The report as Markdown; the same data gives the same string. ``view``: :func:`build_view`
    of ``data`` when the caller has it already (the renderers only read it)."""
    v = build_view(data) if view is None else view
    room = v["classroom"]

    def fold(part: str) -> Mapping[str, str] | None:
        return room["reveal"][part] if room["on"] else None

    lines: list[str] = [f"# {md_escape(v['title'])}", ""]
    if room["on"]:
        lines += [md_escape(room["note"]), ""]
        lines += [md_escape(room["note_zh"]), ""] if room["note_zh"] else []

    lines += ["## Summary", ""]
    summary = [f"- {md_escape(s)}" for s in v["summary"]] or ["No summary was computed."]
    if v["summary_details"]:
        summary += [
            "",
            "The numbers behind these sentences (scores from -1 to 1; a difference is stated only when "
            "the 95% intervals do not overlap):",
            "",
        ]
        summary += [f"- {md_escape(s)}" for s in v["summary_details"]]
    lines += _fold([*summary, ""], fold("summary"))
    lines += ["### Sources", ""]
    lines += _table(
        ("key", "source", "languages", "articles", "content sentences", "small n"),
        [
            (
                s["key"],
                s["source"],
                s["languages"],
                s["n_articles"],
                s["n_sentences"],
                "yes" if s["small_n"] else "",
            )
            for s in v["sources"]
        ],
        numeric=(3, 4),
    )
    notes = v["language_notes"]
    lines += _notes(notes["sources"])
    lines += ["### Articles compared", ""]
    lines += _table(
        (
            "article",
            "source",
            "label",
            "published",
            "script",
            "language",
            "sentences",
            "furniture",
            *(header for _, header in v["readability_headers"]),
            "address",
        ),
        [
            (
                a["article_id"],
                a["source"],
                a["label"],
                a["published"],
                a["script"],
                a["language"],
                a["n_sentences"],
                a["n_furniture"],
                *(a[key] for key, _ in v["readability_headers"]),
                a["url"],
            )
            for a in v["generated_from"]
        ],
        numeric=tuple(range(6, 8 + len(v["readability_headers"]))),
    )
    if v["generated_from_total"] > len(v["generated_from"]):
        lines += [
            f"The first {len(v['generated_from'])} of {v['generated_from_total']} articles; every article is "
            "in `articles.csv`.",
            "",
        ]

    lines += ["## Stance map", ""]
    lines += [
        "Evaluation (how favourably the target is described) and potency (how strong or in control it is "
        "shown) of each source toward each target, from -1 to 1, with 95% bootstrap intervals in brackets. "
        "The HTML report draws these as one panel per target.",
        "",
    ]
    lines += _notes(notes["stance"])
    stance = _stance_table(v["stance_sources"], per_article=False)
    if v["stance_articles"]:
        stance += ["### Stance per article", ""]
        stance += _stance_table(v["stance_articles"], per_article=True)
        if v["stance_articles_total"] > len(v["stance_articles"]):
            stance += [
                f"The first {len(v['stance_articles'])} of {v['stance_articles_total']} rows; every row is in "
                "`stance.csv`.",
                "",
            ]
    lines += _fold(stance, fold("stance"))

    lines += ["## Frames", ""]
    lines += _notes(notes["frames"])
    frames = v["frames"]
    if frames["frames"] and frames["rows"]:
        lines += ["Share of each source's frame words that belong to each frame.", ""]
        headers = [s["source"] for s in frames["sources"]]
        labels = [label["en"] + (f" ({label['zh']})" if label["zh"] else "") for label in frames["labels"]]
        shares = _table(
            ("frame", *headers),
            [
                (label, *(c["share"] for c in row))
                for label, row in zip(labels, frames["by_frame"], strict=True)
            ],
            numeric=range(1, len(headers) + 1),
        )
        shares += ["Frame words per 1,000 tokens, with 95% intervals.", ""]
        shares += _table(
            ("frame", *headers),
            [
                (label, *(_numbers(c["per_1k"]) for c in row))
                for label, row in zip(labels, frames["by_frame"], strict=True)
            ],
        )
        lines += _fold(shares, fold("frames"))
    else:
        lines += ["No frame words were found.", ""]

    lines += ["## Where the sources disagree", ""]
    if not v["disagreements"]:
        lines += ["No sub-topic on which sources clearly take opposite sides.", ""]
    for number, d in enumerate(v["disagreements"], start=1):
        about = f"{md_escape(d['target_name'])} · {md_escape(d['dimension_name'])}"
        spread = f"spread {d['spread']}"
        lines += [f"### {number}. {md_escape(' · '.join(d['topic_terms']))}", ""]
        # A classroom copy says what the claim is about and folds the spread with the sides.
        lines += [about, ""] if room["on"] else [f"{about} · {spread}", ""]
        sides = [spread, ""] if room["on"] else []
        for column in d["columns"]:
            sides += [f"**{md_escape(column['heading'])}**", ""]
            for e in column["sources"]:
                sides.append(
                    f"- **{md_escape(e['source'])}** {md_escape(e['position'])} "
                    f"(mean {_numbers_text(e['interval'])}, {sentences(e['n_sentences'])})"
                )
                for q in e["quotes"]:
                    sides.append(
                        f"  - {md_escape(q['excerpt'])} ({md_escape(q['language'] or '')} {q['score']}, "
                        f"{md_escape(q['article_id'])} #{q['sentence_index']})".replace("( ", "(")
                    )
            sides.append("")
        lines += _fold(sides, fold("card"))
    if v["disagreements_total"] > len(v["disagreements"]):
        lines += [
            f"The first {len(v['disagreements'])} of {v['disagreements_total']} claims; every claim is in "
            "`disagreements.csv`.",
            "",
        ]

    lines += ["## Figures", ""]
    lines += _notes(notes["figures"])
    if v["figures"]:
        figures = _table(
            ("what is measured", "unit", "status", "source", "lang", "value", "sentence"),
            [
                (
                    g["group"],
                    g["unit"],
                    _Raw(
                        f"**{md_escape(g['status'])}**"
                        if g["status"] == "conflict"
                        else md_escape(g["status"])
                    ),
                    c["source"],
                    c["language"],
                    c["value"],
                    c["excerpt"] + (f" ({c['count']} sentences)" if c["count"] > 1 else ""),
                )
                for g in v["figures"]
                for c in g["claims"]
            ],
            numeric=(5,),
        )
        capped = [
            f"{md_escape(g['group'])} ({md_escape(g['unit'])}): {g['lines_total'] - len(g['claims'])} more source and value pairs"
            for g in v["figures"]
            if g["lines_total"] > len(g["claims"])
        ]
        if v["figures_total"] > len(v["figures"]) or capped:
            figures += [
                f"The first {len(v['figures'])} of {v['figures_total']} groups (conflicts first)"
                + (f"; not shown: {'; '.join(capped)}" if capped else "")
                + ". Every claim is in `figures.csv` and `figure_claims.csv`.",
                "",
            ]
        lines += _fold(figures, fold("figures"))
    else:
        lines += ["No numeric claims were found.", ""]

    lines += ["## Naming choices", ""]
    naming = v["naming"]
    if naming["referents"]:
        lines += _table(
            ("referent", "variant", "register", *naming["sources"]),
            [
                (r["referent"], var["variant"], var["register"], *var["counts"])
                for r in naming["referents"]
                for var in r["variants"]
            ],
            numeric=range(3, 3 + len(naming["sources"])),
        )
    else:
        lines += ["No referent is named in more than one way.", ""]

    lines += ["## Distinctive terms", ""]
    if v["keyness"]:
        lines += [
            "Weighted log-odds with an informative Dirichlet prior, each source against the rest; the "
            f"{v['keyness_per_source']} highest z-scores per source, with raw counts and "
            "Benjamini-Hochberg q-values.",
            "",
        ]
        terms: list[str] = []
        for k in v["keyness"]:
            shown = f" (top {len(k['terms'])} of {k['n_terms']})" if k["n_terms"] > len(k["terms"]) else ""
            terms += [f"### {md_escape(k['source'])}{shown}", ""]
            terms += _table(
                ("term", "z", "count", "rest", "q"),
                [(t["term"], t["z"], t["count_source"], t["count_rest"], t["q"]) for t in k["terms"]],
                numeric=(1, 2, 3, 4),
            )
        lines += _fold(terms, fold("keyness"))
    else:
        lines += ["No distinctive terms were computed.", ""]

    lines += [
        "## Articles",
        "",
        "Every sentence once, in order; stance cues in **bold**; furniture and repeats marked.",
        "",
    ]
    if v["articles_total"] > len(v["articles"]):
        lines += [
            f"{len(v['articles'])} of {v['articles_total']} articles are shown here, those quoted on the "
            "disagreement cards first, then articles of each source in turn. Every sentence of every article "
            "is in `sentences.csv`; every score in `mentions.csv` and `stance.csv`.",
            "",
        ]
    for a in v["articles"]:
        title = a["label"] or a["article_id"]
        extra = f"{a['source']} · {a['published']}" if a["published"] else a["source"]
        lines += [
            f"### {md_escape(title)} — {md_escape(extra)} ({md_escape(a['article_id'])})",
            "",
        ]
        for run in a["runs"]:
            for s in run["sentences"]:
                body = _segments(s["segments"])
                if not run["content"]:
                    body = f"_({md_escape(s['kind'])})_ {body}"
                elif s["targets"]:
                    body += f" → {md_escape(', '.join(s['targets']))}"
                lines.append(f"- `{s['index']}` {body}")
        lines.append("")

    m = v["methods"]
    lines += ["## Methods", "", "### Statistics", ""]
    lines += [f"- {md_escape(s)}" for s in m["statistics"]] or ["(none recorded)"]
    lines += ["", "### Lexicons", ""]
    lines += _table(
        ("name", "version", "kind", "checksum"),
        [(x["name"], x["version"], x["kind"], x["checksum"]) for x in m["lexicons"]],
    )
    if v["coverage"]:
        lines += ["### Languages the lexicons cover", ""]
        lines += _table(
            ("used for", "lexicons", "languages with entries", "corpus languages without entries"),
            [(c["what"], c["lexicons"], c["languages"], c["missing"] or "–") for c in v["coverage"]],
        )
    lines += ["### Settings", ""]
    lines += _table(("setting", "value"), [("seed", m["seed"]), *m["settings"], *m["other"]])
    lines += ["### Software", ""]
    lines += _table(("package", "version"), m["versions"])
    return "\n".join(lines).rstrip("\n") + "\n"


def _notes(notes: Sequence[str]) -> list[str]:
    """A section's language notes, each a paragraph starting "Note:"."""
    return [line for n in notes for line in (f"Note: {md_escape(n)}", "")]


def _stance_table(rows: Sequence[dict], *, per_article: bool) -> list[str]:
    header = (
        "target",
        "source",
        *(("article",) if per_article else ()),
        _Raw("evaluation [95% CI]"),
        _Raw("potency [95% CI]"),
        "sentences",
        "flag",
    )
    return _table(
        header,
        [
            (
                r["target"],
                r["source"],
                *((r["article_id"],) if per_article else ()),
                # Numbers and brackets only: left unescaped so intervals read as [low, high].
                _numbers(r["evaluation"]),
                _numbers(r["potency"]),
                r["n_sentences"],
                r["flag"],
            )
            for r in rows
        ],
    )
