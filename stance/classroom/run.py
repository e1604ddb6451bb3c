""":func:`run_worksheet`: what ``stance worksheet`` does, from a corpus to the files in ``--out``.

Files: ``worksheet.html`` (for students), ``answer_key.html`` (for the teacher),
``answer_key.json`` (the same worksheet and key as data) and, when a PDF renderer is installed
(:mod:`stance.classroom.pdf`), ``worksheet.pdf`` and ``answer_key.pdf``; and the hidden
``.stance-worksheet.json``, the list of those files. Everything is rendered before the first file
is written, and the set is written with :func:`stance.output.write.write_files`, so a failed run
leaves ``--out`` as it was. A run replaces only the files the previous worksheet there listed
(a teacher's own ``worksheet.pdf`` is refused, not replaced), and removes the previous
worksheet's PDFs when it writes none, so a class never prints a stale one.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from pathlib import Path

from stance.classroom.analysis import analyse_corpus
from stance.classroom.build import build_worksheet
from stance.classroom.pdf import PdfRenderer, find_renderer
from stance.classroom.records import Worksheet
from stance.classroom.render import languages, render_key, render_worksheet
from stance.config import RunConfig
from stance.corpus.read import check_out_outside_corpus
from stance.output.write import WORKSHEET_RECORD, check_files, record_bytes, write_files

WORKSHEET_FILES = ("worksheet.html", "answer_key.html", "answer_key.json")
PDF_FILES = ("worksheet.pdf", "answer_key.pdf")
# The keys of answer_key.json (a Worksheet as a dict): a folder whose answer_key.json has them all
# but no record holds a worksheet of a version before the record, whose files count as its own.
WORKSHEET_KEYS = frozenset(field.name for field in dataclasses.fields(Worksheet))


@dataclass(frozen=True)
class WorksheetRun:
    """What a run wrote: the paths, the worksheet, and the PDF renderer used ("" for none)."""

    written: list[Path]
    worksheet: Worksheet
    pdf: str


def worksheet_json(worksheet: Worksheet) -> bytes:
    return (json.dumps(dataclasses.asdict(worksheet), ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def worksheet_files(
    worksheet: Worksheet, *, lang: str = "both", renderer: PdfRenderer | None = None
) -> dict[str, bytes]:
    """The files of one worksheet, by name (:func:`worksheet_file_names` without the record)."""
    sheet, key = render_worksheet(worksheet, lang), render_key(worksheet, lang)
    sheet_html, key_html, key_json = WORKSHEET_FILES
    files = {
        sheet_html: sheet.encode("utf-8"),
        key_html: key.encode("utf-8"),
        key_json: worksheet_json(worksheet),
    }
    if renderer is not None:
        sheet_pdf, key_pdf = PDF_FILES
        files[sheet_pdf] = renderer.render(sheet)
        files[key_pdf] = renderer.render(key)
    return files


def worksheet_file_names(renderer: PdfRenderer | None) -> list[str]:
    """Every file a run writes (its record included), known before the analysis."""
    return sorted([*WORKSHEET_FILES, *(PDF_FILES if renderer is not None else ()), WORKSHEET_RECORD])


def corpus_title(corpus: Path | None) -> str:
    if corpus is None:
        return "seed corpus"
    return corpus.name or corpus.resolve().name


def run_worksheet(
    corpus: Path | None,
    out: Path,
    config: RunConfig,
    *,
    level: str = "intro",
    lang: str = "both",
    simplified_copy: bool = False,
    pdf: bool = True,
) -> WorksheetRun:
    """Analyse ``corpus`` (default: the bundled seeds) as ``stance report`` does and write its
    worksheet and answer key into ``out``; PDFs too when ``pdf`` and a renderer is installed."""
    from stance.pipeline import default_corpus

    languages(lang)  # a bad value is refused before any work
    check_out_outside_corpus(corpus if corpus is not None else default_corpus(), out)
    renderer = find_renderer() if pdf else None
    inputs = {"corpus file": corpus, "model": config.model_path}
    legacy = _earlier_worksheet(out)
    # --out, and a teacher's own file the worksheet would replace, are checked now, not after the analysis.
    check_files(out, worksheet_file_names(renderer), inputs=inputs, legacy=legacy)
    analysis = analyse_corpus(corpus, config)
    worksheet = build_worksheet(
        analysis, level=level, simplified_copy=simplified_copy, title=corpus_title(corpus)
    )
    files = worksheet_files(worksheet, lang=lang, renderer=renderer)
    files[WORKSHEET_RECORD] = record_bytes(files, WORKSHEET_RECORD)
    written = write_files(out, files, inputs=inputs, legacy=legacy)
    shown = [path for path in written if path.name != WORKSHEET_RECORD]
    return WorksheetRun(shown, worksheet, renderer.name if renderer is not None else "")


def _earlier_worksheet(out: Path) -> tuple[str, ...]:
    """The files of a worksheet written into ``out`` before worksheets kept a record (no record,
    and an ``answer_key.json`` holding a worksheet): they count as its own."""
    if (out / WORKSHEET_RECORD).exists():
        return ()
    try:
        data = json.loads((out / "answer_key.json").read_bytes())
    except (OSError, ValueError):
        return ()
    return (*WORKSHEET_FILES, *PDF_FILES) if isinstance(data, dict) and data.keys() >= WORKSHEET_KEYS else ()
