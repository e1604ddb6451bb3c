"""``stance report`` end to end (:func:`run_report`): read, map, reduce, compare, render, write;
and the rendering of report.html and report.md from the results.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import math
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from stance.config import RunConfig
from stance.corpus.read import check_out_outside_corpus, read_corpus
from stance.corpus.records import READABILITY_COLUMNS
from stance.lexicon import Lexicon, load_lexicons
from stance.measure.aggregate import (
    POSITION_WEIGHTS,
    REPORTED_SPEECH_WEIGHT,
)
from stance.measure.readability import READABILITY_METHOD
from stance.output.export import TABLE_COLUMN_SOURCES, export_file_names, export_files
from stance.output.manifest import BUNDLED, build_manifest, manifest_bytes
from stance.output.spool import Spool
from stance.output.write import REPORT_MANIFEST, check_files, write_files
from stance.pipeline.map import default_corpus, iter_article_digests
from stance.pipeline.model import run_model
from stance.pipeline.reduce import COMPARE_STEPS, SPOOLED_TABLES, Pool, Results, compare_pool
from stance.progress import NullProgress, Progress
from stance.text.segment import resolve_engine

COMPARISON_FILE = "comparison.json"
REPORT_PAGES = ("report.html", "report.md")


def report_file_names(formats: Sequence[str] = ()) -> list[str]:
    """The files a report with export ``formats`` writes, known before the analysis: every
    table of the schema (:data:`stance.output.export.TABLE_COLUMN_SOURCES`) in each format,
    the data dictionary, the comparison, the pages and the manifest."""
    names = [*export_file_names(TABLE_COLUMN_SOURCES, formats), COMPARISON_FILE, *REPORT_PAGES]
    return sorted([*names, REPORT_MANIFEST])


def return_freed_memory() -> None:
    """Hand memory Python has freed back to the system (glibc's ``malloc_trim``; nothing where
    the C library lacks it). Between stages, so the next stage's peak does not stand on the
    last one's freed but still held memory (measured at 20M characters: 38 MB less at the peak)."""
    with contextlib.suppress(AttributeError, OSError, TypeError):
        ctypes.CDLL(None).malloc_trim(0)


def json_file(data, path: Path) -> Path:
    """``data`` written to ``path`` as indented UTF-8 JSON (NaN refused, unknown types as text),
    encoded piece by piece, without the whole text in memory."""
    with path.open("w", encoding="utf-8", newline="\n") as file:
        json.dump(data, file, ensure_ascii=False, indent=2, sort_keys=False, allow_nan=False, default=str)
        file.write("\n")
    return path


def run_report(
    corpus: Path | None,
    out: Path,
    config: RunConfig,
    *,
    formats: Sequence[str] = (),
    progress: Progress | None = None,
    title: str | None = None,
    classroom: bool = False,
) -> list[Path]:
    """Run the whole pipeline on ``corpus`` and write the report files into ``out``.

    Everything is computed before the first file is written, and each file is replaced
    atomically, so a failed or interrupted run leaves earlier reports intact. The per-article
    work runs on ``config.workers`` processes or the Dask cluster at ``config.scheduler``; the
    files are the same bytes either way. ``progress`` hears of each stage (default: nothing).
    """
    resolved = corpus if corpus is not None else default_corpus()
    check_out_outside_corpus(resolved, out)
    progress = progress if progress is not None else NullProgress()
    inputs = {"corpus file": resolved, "model": config.model_path}
    # --out, and a file of the user's the report would replace, are checked now, not after the analysis.
    check_files(out, report_file_names(formats), inputs=inputs)
    # Loading the lexicons is not reported as a stage: a run that stops at bad input then prints
    # the one-line error alone.
    lexicons = load_lexicons(config.lexicon_dirs)
    model = run_model(config)
    with progress.stage("read", unit="articles") as advance:
        documents = read_corpus(resolved)
        advance(len(documents))
    keep_rows = bool(formats)
    with Spool(SPOOLED_TABLES, keep_frames=keep_rows) as spool:
        pool = Pool(spool, config)
        with progress.stage("articles", total=len(documents), unit="articles") as advance:
            for digest in iter_article_digests(
                documents, lexicons, config, advance=advance, model=model, keep_rows=keep_rows
            ):
                pool.add(digest)
        return_freed_memory()
        with progress.stage("compare", total=COMPARE_STEPS, unit="steps") as advance:
            results = compare_pool(pool, lexicons, config, advance=advance)
            del pool
        return_freed_memory()
        with progress.stage("render", unit="files") as advance:
            files = export_files(results.tables, formats)
            # Cleaned once, for comparison.json and the report, and written as it is encoded:
            # at 20M characters the comparison lists some 50,000 figure claims.
            results = replace(results, comparison=_clean(results.comparison))
            files[COMPARISON_FILE] = json_file(results.comparison, spool.folder / COMPARISON_FILE)
            engine = resolve_engine(config.engine)
            label = BUNDLED if corpus is None else corpus.name
            files.update(
                render_report_files(
                    results,
                    lexicons,
                    config,
                    corpus_label=label,
                    engine=engine,
                    title=title,
                    classroom=classroom,
                )
            )
            files[REPORT_MANIFEST] = manifest_bytes(
                build_manifest(
                    corpus,
                    resolved,
                    results.articles,
                    lexicons,
                    config,
                    [*files, REPORT_MANIFEST],
                    engine,
                    classroom=classroom,
                )
            )
            advance(len(files))
        with progress.stage("write", total=len(files), unit="files") as advance:
            written = write_files(out, files, inputs=inputs)
            advance(len(written))
    progress.done(len(results.articles))
    return written


def _clean(value):
    """JSON-safe copy: NaN becomes null, tuples lists, numpy scalars plain numbers."""
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def sample_statement(counts: tuple[int, int]) -> str:
    """The methods' sentence on the stance sentences sub-topics were found in."""
    seen, used = counts
    if seen <= used:
        return f"Sub-topics were found among all {seen:,} stance sentences."
    return (
        f"Sub-topics were found in a seeded uniform sample of {used:,} of the {seen:,} stance sentences "
        "(a bottom-k sample by a hash of each sentence's article and position; scores and tables use them all)."
    )


def report_articles(results: Results) -> list[dict]:
    """Every article as the report lists it (id, source, characters), with its sentences (its
    view, read back from the spool) when the report shows its text
    (:func:`stance.report.shown_in_full`: the report's cap on article text)."""
    from stance.report import shown_in_full

    listed = [{"article_id": a, "source": s, "size": n} for a, s, n in results.view_sizes]
    cited = {p["article_id"] for d in results.comparison["disagreements"] for p in d["positions"]}
    shown = shown_in_full(listed, cited) if results.views is not None else set()
    views = results.views.load(sorted(shown)) if results.views is not None else {}
    return [
        a | {"sentences": views[a["article_id"]]["sentences"]} if a["article_id"] in shown else a
        for a in listed
    ]


def render_report_files(
    results: Results,
    lexicons: dict[str, Lexicon],
    config: RunConfig,
    *,
    corpus_label: str,
    engine: str,
    title: str | None = None,
    classroom: bool = False,
) -> dict[str, bytes]:
    """report.html and report.md, titled ``title`` (default: from ``corpus_label``, the corpus's
    folder or file name)."""
    from stance.compare.keyness import prior_statement
    from stance.output.manifest import package_versions
    from stance.report import ReportData, build_view
    from stance.report.html import render_html
    from stance.report.labels import default_title
    from stance.report.markdown import render_markdown
    from stance.report.summary import summarise

    tables = results.tables
    settings = config.as_dict() | {"segmentation_engine": engine}
    generated_from = [
        {
            key: row[key]
            for key in (
                "article_id",
                "source",
                "label",
                "published",
                "url",
                "script",
                "language",
                "n_sentences",
                "n_furniture",
                *READABILITY_COLUMNS,
            )
        }
        for row in results.article_rows
    ]
    summary = summarise(tables["stance"], results.source_frames, results.comparison)
    data = ReportData(
        title=title or default_title(corpus_label),
        classroom=classroom,
        generated_from=generated_from,
        summary=summary.lines,
        summary_details=summary.details,
        stance=tables["stance"],
        frames=results.source_frames,
        comparison=results.comparison,
        articles=report_articles(results),
        methods={
            "statistics": [
                "Stance: each sentence's evaluation and potency toward each target it mentions, in [-1, 1], from "
                "weighted cue words linked to the nearest target in the clause, with negation, hedges, attempts, "
                "contrast (the later clause weighs more), comparisons, scare quotes, rhetorical questions and "
                "passive agents, plus shares of a whole and partisan naming. Article and source score = "
                "sum(w*x) / (sum of w over sentences with x != 0 + k): sentence scores x weighted w by position "
                f"({', '.join(f'{p} {w:g}' for p, w in POSITION_WEIGHTS.items())}) and voice (author 1, reported "
                f"speech {REPORTED_SPEECH_WEIGHT:g}), shrunk toward 0 by a prior of k = {config.prior_sentences:g} "
                "neutral sentences; 95% percentile bootstrap intervals of the same formula (resampling "
                f"sentences, {config.n_boot} resamples); fewer than {config.min_sentences} sentences is flagged small_n.",
                "Frames: counts of lexicon terms per sentence (token-aligned), per 1,000 word tokens and as a share "
                "of all frame hits, with 95% bootstrap intervals over sentences.",
                "Source versus the rest: differences of means with 95% bootstrap intervals, resampling each group. "
                "Every bootstrap draws its resamples as multinomial counts over the distinct values.",
                "Disagreements (claims): per target, the sentences that score it, in the author's voice, are "
                "grouped into nested sub-topics: first by their wording (TF-IDF over their words, with frames, the "
                "other targets they mention and their figures; average linkage, cosine similarity cut at "
                f"{config.similarity_threshold:g}), then step by step by what the groups are about (cuts from "
                f"{config.similarity_threshold**0.5:.2f} down to {config.similarity_threshold / 2:g}; exact up to "
                "1,000 items, beyond that in seeded groups, stance.compare.subtopics). In a sub-topic, a source with at "
                "least 3 sentences takes a side when the 95% bootstrap interval of its mean score lies wholly above "
                "or below zero; a claim needs a source on each side, so a source is never on both. Each claim is "
                "kept at its most specific sub-topic; claims are ranked by spread (most positive minus most negative "
                "side mean) x evidence (1 / sqrt(1/n+ + 1/n-)), stance.compare.claims. "
                + sample_statement(results.stance_sentences),
                "Figures: numeric claims grouped by subject, quantity and unit; agree within 2.5 percentage points "
                "(5% relative for amounts), otherwise conflict.",
                READABILITY_METHOD,
                prior_statement(),
            ],
            "lexicons": [lex.summary() for lex in lexicons.values()],
            "settings": settings,
            "seed": config.seed,
            "versions": package_versions(),
        },
    )
    # One view for both renderers (building it is most of their work on a large corpus).
    view = build_view(data)
    html, markdown = REPORT_PAGES
    return {
        html: render_html(data, view).encode("utf-8"),
        markdown: render_markdown(data, view).encode("utf-8"),
    }
