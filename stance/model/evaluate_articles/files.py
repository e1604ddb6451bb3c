"""The files ``--out`` receives: the labelled pairs as a tidy CSV and one scatter plot per target
and language, written atomically; a file of the same name that this command did not write is
never replaced."""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd

from stance.errors import OutputError
from stance.model.evaluate_articles.agreement import (
    ALL,
    ARTICLE_POTENCY_WEIGHT,
    PAIR_COLUMNS,
    ArticleEvaluation,
    GroupAgreement,
    format_statistic,
)
from stance.model.evaluate_articles.labels import LabelScale, format_label
from stance.output.write import Inputs, csv_bytes, refuse_inputs, starts_with_header, write_files

PAIRS_FILE = "evaluate_articles.csv"
PLOT_PREFIX = "evaluate_articles_"
# Written into every plot's PNG metadata: how the command recognises the files it owns.
OWNER = "stance evaluate --articles"


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-") or "unknown"


def plot_name(target: str, language: str) -> str:
    """``evaluate_articles_<target>_<language>.png`` (unsafe characters become ``-``)."""
    return f"{PLOT_PREFIX}{_slug(target)}_{_slug(language)}.png"


def scatter_png(pairs: pd.DataFrame, group: GroupAgreement, scale: LabelScale) -> bytes:
    """One target and language: reader label against article score, unscored articles hollow.

    Deterministic: a fixed size and dpi, the Agg renderer on a private figure (no pyplot
    state) and no timestamp in the PNG metadata.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(4.8, 3.6), dpi=100)
    FigureCanvasAgg(figure)
    ax = figure.add_subplot()
    scored = pairs[pairs["n_sentences"] > 0]
    unscored = pairs[pairs["n_sentences"] == 0]
    ax.axhline(0.0, color="0.75", linewidth=0.8, zorder=0)
    ax.axvline(scale.midpoint, color="0.75", linewidth=0.8, linestyle="--", zorder=0)
    if len(scored):
        ax.scatter(scored["label"], scored["score"], s=28, color="#1f5f9f", alpha=0.75, label="scored")
    if len(unscored):
        ax.scatter(
            unscored["label"],
            unscored["score"],
            s=28,
            facecolors="none",
            edgecolors="#b04a2f",
            label="not scored (0)",
        )
        ax.legend(loc="best", fontsize=7, frameon=False)
    # The whole scale on x, whatever this group's labels, so the plots of one run line up.
    whole = scale.low.is_integer() and scale.high.is_integer() and scale.high - scale.low <= 20
    ticks = range(int(scale.low), int(scale.high) + 1) if whole else sorted(set(pairs["label"]))
    ax.set_xticks(list(ticks))
    pad = 0.5 if whole else 0.05 * max(scale.high - scale.low, 1.0)
    ax.set_xlim(min(scale.low, *pairs["label"]) - pad, max(scale.high, *pairs["label"]) + pad)
    reach = max(0.25, float(pairs["score"].abs().max())) * 1.15
    ax.set_ylim(-reach, reach)
    ax.set_xlabel("reader label", fontsize=8)
    ax.set_ylabel(f"evaluation + {format_label(ARTICLE_POTENCY_WEIGHT)} x potency", fontsize=8)
    ax.tick_params(labelsize=7)
    ax.set_title(
        f"{group.target} ({group.language}): n={group.n}, Spearman {format_statistic(group.rho)}, "
        f"same sign {group.n_agree}/{group.n_lean}",
        fontsize=8,
        parse_math=False,  # a target or language name may hold "$"
    )
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100, metadata={"Software": OWNER})
    return buffer.getvalue()


def article_evaluation_files(result: ArticleEvaluation) -> dict[str, bytes]:
    """The pairs CSV and one scatter plot per target and language, by file name."""
    files = {PAIRS_FILE: csv_bytes(result.pairs)}
    for group in result.groups:
        if ALL in (group.target, group.language):
            continue
        rows = result.pairs[
            (result.pairs["target"] == group.target) & (result.pairs["language"] == group.language)
        ]
        name = plot_name(group.target, group.language)
        if name in files:  # two languages written differently but slugged alike (zh/tw, zh-tw)
            name = name.removesuffix(".png") + f"-{len(files)}.png"
        files[name] = scatter_png(rows, group, result.scale)
    return files


def _owned(path: Path) -> bool:
    """Whether an existing file was written by this command (so it may be replaced)."""
    if path.name == PAIRS_FILE:
        return starts_with_header(path, PAIR_COLUMNS)
    with path.open("rb") as handle:
        head = handle.read(4096)
    return head.startswith(b"\x89PNG") and b"Software\x00" + OWNER.encode() in head


def check_article_evaluation_out(
    out: Path, names: Iterable[str] = (PAIRS_FILE,), inputs: Inputs | None = None
) -> None:
    """Refuse files ``names`` in ``out`` that this command did not write (a file of the same
    name is never replaced) or that are one of the run's ``inputs``. Before the scoring with
    the pairs file alone (the plots' names depend on the labels' targets), and again before
    writing with every name."""
    out = Path(out)
    if not out.is_dir():
        return
    for name in sorted(names):
        path = out / name
        if path.is_dir() or (path.exists() and not _owned(path)):
            raise OutputError(
                f"{path}: already exists and was not written by {OWNER}; move it away or choose another --out."
            )
    if inputs:
        refuse_inputs([out / name for name in names], inputs, "--out")


def write_article_evaluation(
    files: Mapping[str, bytes], out: Path, inputs: Inputs | None = None
) -> list[Path]:
    """Write ``files`` into ``out`` atomically. A file of the same name that this command did
    not write, or one of the run's ``inputs``, is never replaced: the run stops before writing
    anything."""
    check_article_evaluation_out(out, files, inputs)
    return write_files(out, files)
