"""The worksheet and key in a real browser: headless Chromium (Debian's ``chromium`` package) loads
both pages without a console message, and prints them (the worksheet command's own Chromium PDF
path) on A4 with no table cut across pages. Skipped only when no Chromium binary is installed.

Where each table lands is read from the PDF's structure tree: Chromium tags its PDFs, every
table, row and cell an element that names the page it is drawn on (``/Pg``). A table whose
elements name two pages was cut. The side-by-side article tables run over several pages by
design; their rows must not be cut.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from stance.classroom import build_worksheet, render_key, render_worksheet
from stance.classroom.pdf import PdfRenderer

from .worksheet_helpers import seed_analysis

CHROMIUM = next(
    (
        c
        for c in (shutil.which("chromium"), shutil.which("chromium-browser"), "/usr/bin/chromium")
        if c and Path(c).exists()
    ),
    None,
)
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="no chromium binary (looked on PATH and at /usr/bin/chromium); install Debian's chromium package",
)
CONSOLE = re.compile(r":CONSOLE(?::\d+|\(\d+\))\] (.*)")
# A4 in points, and Chromium's rounding of it to whole device pixels.
A4 = (595.28, 841.89)
TOLERANCE = 1.0


@pytest.fixture(scope="module")
def worksheet():
    # The longest version: advanced, both languages, with the simplified copy.
    return build_worksheet(seed_analysis(), level="advanced", simplified_copy=True, title="seeds")


@pytest.fixture(scope="module")
def pages(worksheet):
    return {"worksheet": render_worksheet(worksheet, "both"), "key": render_key(worksheet, "both")}


@pytest.fixture(scope="module")
def pdfs(pages):
    renderer = PdfRenderer("chromium", CHROMIUM)
    return {name: renderer.render(html) for name, html in pages.items()}


class TaggedPdf:
    """The page boxes and the structure tree of a PDF as Chromium writes it (plain objects,
    compressed streams only for content and fonts)."""

    def __init__(self, data: bytes) -> None:
        self.objects = {
            int(m.group(1)): m.group(2) for m in re.finditer(rb"(\d+) 0 obj\s*(.*?)\s*endobj", data, re.S)
        }
        self.pages = [n for n, body in self.objects.items() if re.search(rb"/Type\s*/Page\b(?!s)", body)]

    def media_boxes(self) -> list[tuple[float, float]]:
        boxes = []
        for n in self.pages:
            x0, y0, x1, y1 = map(
                float, re.search(rb"/MediaBox\s*\[([^\]]*)\]", self.objects[n]).group(1).split()
            )
            boxes.append((x1 - x0, y1 - y0))
        return boxes

    def _kids(self, n: int) -> list[int]:
        found = re.search(rb"/K\s*(\[[^\]]*\]|\d+ 0 R)", self.objects[n])
        return [int(k) for k in re.findall(rb"(\d+) 0 R", found.group(1))] if found else []

    def _role(self, n: int) -> str:
        found = re.search(rb"/S\s*/(\w+)", self.objects[n])
        return found.group(1).decode() if found else ""

    def _page_of(self, n: int) -> int | None:
        found = re.search(rb"/Pg\s+(\d+) 0 R", self.objects[n])
        return int(found.group(1)) if found else None

    def pages_of(self, n: int) -> set[int]:
        """The pages an element and everything inside it is drawn on."""
        own = {self._page_of(n)} - {None}
        for kid in self._kids(n):
            if b"/StructElem" in self.objects.get(kid, b""):
                own |= self.pages_of(kid)
        return own

    def elements(self, role: str) -> list[int]:
        """The structure elements of ``role`` (Table, TR, H3...), in document order."""
        root = next(n for n, body in self.objects.items() if b"/StructTreeRoot" in body)
        found: list[int] = []

        def walk(n: int) -> None:
            if self._role(n) == role:
                found.append(n)
            for kid in self._kids(n):
                if b"/StructElem" in self.objects.get(kid, b""):
                    walk(kid)

        for top in self._kids(root):
            walk(top)
        return found


def test_both_pages_load_without_console_messages(tmp_path, pages, worksheet):
    for name, html in pages.items():
        page = tmp_path / f"{name}.html"
        page.write_text(html, encoding="utf-8")
        result = subprocess.run(
            [
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                f"--user-data-dir={tmp_path / ('profile-' + name)}",
                "--enable-logging=stderr",
                "--v=0",
                "--dump-dom",
                page.as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=90,
            check=False,
        )
        assert result.returncode == 0, result.stderr[-2000:]
        assert CONSOLE.findall(result.stderr) == []
        assert (
            len(re.findall(r'<section class="exercise[ "]', result.stdout)) == len(worksheet.exercises) >= 8
        )


def test_pdfs_are_a4(pdfs):
    for name, data in pdfs.items():
        boxes = TaggedPdf(data).media_boxes()
        assert len(boxes) >= 2, name
        for width, height in boxes:
            assert abs(width - A4[0]) <= TOLERANCE and abs(height - A4[1]) <= TOLERANCE, (name, width, height)


def test_no_table_is_cut_across_pages(pdfs, pages):
    for name, data in pdfs.items():
        pdf = TaggedPdf(data)
        tables = pdf.elements("Table")
        kinds = re.findall(r'<table class="([\w-]+)"', pages[name])
        assert len(tables) == len(kinds), name
        long_tables = 0
        for table, kind in zip(tables, kinds, strict=True):
            if kind == "text":
                rows = [kid for kid in pdf.elements("TR") if kid in _descendants(pdf, table)]
                assert rows and all(len(pdf.pages_of(r)) == 1 for r in rows), (
                    name,
                    "a row of the articles was cut",
                )
                long_tables += len(pdf.pages_of(table)) > 1
            else:
                assert len(pdf.pages_of(table)) == 1, (name, kind, "cut across pages")
        if name == "worksheet":
            # The check sees page breaks: the articles do run over several pages.
            assert long_tables >= 1


def test_each_exercise_heading_is_on_the_page_of_its_table(pdfs, pages, worksheet):
    pdf = TaggedPdf(pdfs["worksheet"])
    headings = pdf.elements("H3")
    tables = [
        t
        for t, kind in zip(
            pdf.elements("Table"), re.findall(r'<table class="([\w-]+)"', pages["worksheet"]), strict=True
        )
        if kind == "fill-in"
    ]
    assert len(headings) == len(tables) == len(worksheet.exercises)
    for heading, table in zip(headings, tables, strict=True):
        assert pdf.pages_of(heading) == pdf.pages_of(table)


def _descendants(pdf: TaggedPdf, n: int) -> set[int]:
    found = set()
    for kid in pdf._kids(n):
        if b"/StructElem" in pdf.objects.get(kid, b""):
            found |= {kid} | _descendants(pdf, kid)
    return found
