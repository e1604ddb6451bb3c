"""The HTML report in a real browser: headless Chromium (Debian's ``chromium`` package) loads
it with no console messages, and the DOM it builds holds the stance map and the disagreement
cards; at phone width (390 px) the page does not scroll sideways, the US and China panels come
first, and a sentence's details open when it gets focus (as on a tap or with the keyboard) and
are hidden before. Skipped only when no Chromium binary is installed.

The report runs no script, so the layout is measured on a copy of the page with its
Content-Security-Policy removed and a probe script added, shown in a 390 px wide frame (headless
Chromium's window is at least 500 px wide); the probe writes what it measured into the outer
page, which ``--dump-dom`` prints.

Chromium prints every console message (log, error, uncaught exception, and the report's
Content-Security-Policy refusing a fetch or a script) to stderr as ``...:CONSOLE:<line>] "..."``
when run with ``--enable-logging=stderr --v=0``; the report runs no script, so any such line is
a failure. A control page with an injected image and script checks that this detection works.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
from html import escape, unescape
from pathlib import Path

import pytest

from stance.report import render_html

from .test_report import make_report_data

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
    reason="no chromium binary (looked on PATH and at /usr/bin/chromium); "
    "install Debian's chromium package (apt-get install -y chromium)",
)
CONSOLE = re.compile(r":CONSOLE(?::\d+|\(\d+\))\] (.*)")
TIMEOUT = 90


def _chromium(tmp_path: Path, page: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / f"profile-{len(list(tmp_path.iterdir()))}"
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
        "--enable-logging=stderr",
        "--v=0",
        *extra,
        page.as_uri(),
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=False)


@pytest.fixture(scope="module")
def report_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(render_html(make_report_data()), encoding="utf-8")
    return path


def test_report_loads_without_console_messages_and_shows_map_and_cards(tmp_path, report_file):
    result = _chromium(tmp_path, report_file, "--dump-dom")
    assert result.returncode == 0, result.stderr[-2000:]
    assert CONSOLE.findall(result.stderr) == []
    dom = result.stdout
    section = dom[dom.index('<section id="stance-map">') :]
    section = section[: section.index("</section>")]
    assert len(re.findall(r"<svg\b", section)) == 2
    assert len(re.findall(r'<article class="disagreement-card">', dom)) == 2
    # The hostile article text was parsed as text: no element was created from it.
    assert "<script" not in dom and "onerror=" not in dom.replace("onerror=alert(1)&gt;", "")


def test_console_detection_catches_a_blocked_fetch_and_script(tmp_path, report_file):
    tampered = tmp_path / "tampered.html"
    page = report_file.read_text(encoding="utf-8")
    tampered.write_text(
        page.replace("</main>", '<img src="missing.png"><script>console.error("ran")</script></main>'),
        encoding="utf-8",
    )
    result = _chromium(tmp_path, tampered, "--dump-dom")
    messages = CONSOLE.findall(result.stderr)
    assert any("Content Security Policy" in m and "missing.png" in m for m in messages), result.stderr[-2000:]
    assert any("inline script" in m for m in messages), messages
    assert not any('"ran"' in m for m in messages)


def test_screenshot_is_a_full_page_picture(tmp_path, report_file):
    shot = tmp_path / "report.png"
    result = _chromium(tmp_path, report_file, f"--screenshot={shot}", "--window-size=1280,2400")
    assert result.returncode == 0, result.stderr[-2000:]
    assert shot.stat().st_size > 50_000
    from matplotlib.image import imread

    pixels = imread(shot)
    assert pixels.shape[:2] == (2400, 1280)
    # Not a blank page: many distinct colours (text, charts, card borders).
    colours = {tuple(p) for p in pixels[::7, ::7, :3].reshape(-1, 3).round(2).tolist()}
    assert len(colours) > 50


# Opens every folded section (so hidden text counts in the width), then measures.
PROBE = """<script>
(() => {
  const result = {};
  const tipped = document.querySelector("p.has-tip");
  result.tips = document.querySelectorAll("p.has-tip[tabindex='0'] .tip").length;
  if (tipped) {
    tipped.closest("details.article").open = true;
    const tip = tipped.querySelector(".tip");
    result.tipBefore = getComputedStyle(tip).display;
    tipped.focus();
    result.tipFocused = getComputedStyle(tip).display;
    result.tipText = tip.textContent;
  }
  document.querySelectorAll("details").forEach((d) => { d.open = true; });
  result.viewport = window.innerWidth;
  result.scrollWidth = document.documentElement.scrollWidth;
  result.wide = [...document.querySelectorAll("main *")]
    .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest(".scroll"))
    .slice(0, 5).map((e) => e.tagName + "." + e.className);
  result.panels = [...document.querySelectorAll("figure.panel")].map((f) => f.dataset.target);
  const pre = parent.document.createElement("pre");
  pre.id = "probe";
  pre.textContent = JSON.stringify(result);
  parent.document.body.appendChild(pre);
})();
</script>"""
_CSP = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>')


def _measure(tmp_path: Path, page: Path, width: int, probe: str | None = None) -> dict:
    """What the ``probe`` script (default: :data:`PROBE`) reports about ``page`` shown at
    ``width`` pixels in an iframe, with the page's no-script policy lifted."""
    probe = PROBE if probe is None else probe
    probed = _CSP.sub("", page.read_text(encoding="utf-8")).replace("</body>", probe + "</body>")
    frame = tmp_path / f"frame-{page.parent.name}-{width}.html"
    frame.write_text(
        '<!DOCTYPE html><html><body style="margin:0">'
        f'<iframe style="width:{width}px;height:900px;border:0" srcdoc="{escape(probed, quote=True)}"></iframe>'
        "</body></html>",
        encoding="utf-8",
    )
    result = _chromium(tmp_path, frame, "--dump-dom", "--window-size=1000,1000")
    assert result.returncode == 0, result.stderr[-2000:]
    assert CONSOLE.findall(result.stderr) == []
    found = re.search(r'<pre id="probe">(.*?)</pre>', result.stdout, flags=re.DOTALL)
    assert found, result.stdout[-2000:]
    return json.loads(unescape(found.group(1)))


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory) -> Path:
    """The seeds' report, as ``stance report`` writes it."""
    from stance.cli.main import main

    out = tmp_path_factory.mktemp("seeds-report")
    assert main(["report", "--quiet", "--out", str(out)]) == 0
    return out / "report.html"


@pytest.mark.parametrize("which", ["hand-built", "seeds"])
def test_phone_width_no_sideways_scroll_us_and_china_first_and_tap_details(
    tmp_path, report_file, seed_report, which
):
    page = report_file if which == "hand-built" else seed_report
    measured = _measure(tmp_path, page, 390)
    assert measured["viewport"] == 390
    assert measured["scrollWidth"] <= 390, measured["wide"]
    assert measured["panels"][:2] == ["us", "china"]
    # Every sentence with details can take focus, and its details show only then.
    assert measured["tips"] > 0
    assert (measured["tipBefore"], measured["tipFocused"]) == ("none", "block")
    assert "evaluation" in measured["tipText"] and "potency" in measured["tipText"]


def test_seed_report_loads_without_console_messages(tmp_path, seed_report):
    result = _chromium(tmp_path, seed_report, "--dump-dom")
    assert result.returncode == 0, result.stderr[-2000:]
    assert CONSOLE.findall(result.stderr) == []
    assert len(re.findall(r'<article class="disagreement-card">', result.stdout)) >= 1


# ----------------------------------------------------------------------------- classroom copy
# ``stance report --classroom`` folds the scores behind "Show" buttons (<details class="reveal">)
# and each sentence's scores behind a checkbox. The probe clicks each control twice, as a student
# would, and reads whether the folded part shows; then opens everything and measures the width.
CLASSROOM_PROBE = """<script>
(() => {
  const shows = (e) => e.checkVisibility();
  const result = {parts: []};
  for (const details of document.querySelectorAll("details.reveal")) {
    const summary = details.querySelector(":scope > summary");
    const inside = details.querySelector(":scope > :not(summary)");
    const label = () => [...summary.children].filter(shows).map((s) => s.textContent).join("");
    const seen = [[shows(inside), label()]];
    summary.click();
    seen.push([shows(inside), label()]);
    summary.click();
    seen.push([shows(inside), label()]);
    result.parts.push({part: details.dataset.reveal, seen});
  }
  const sentence = document.querySelector("p.has-tip .tip-score").closest("p");
  sentence.closest("details.article").open = true;
  sentence.focus();
  const row = sentence.querySelector(".tip-score");
  const note = sentence.querySelector(".tip-hidden");
  const label = document.querySelector("label[for='show-sentence-scores']");
  const rows = [[shows(row), shows(note)]];
  label.click();
  sentence.focus();
  rows.push([shows(row), shows(note)]);
  label.click();
  sentence.focus();
  rows.push([shows(row), shows(note)]);
  result.sentenceScores = rows;
  document.querySelectorAll("details").forEach((d) => { d.open = true; });
  result.viewport = window.innerWidth;
  result.scrollWidth = document.documentElement.scrollWidth;
  const pre = parent.document.createElement("pre");
  pre.id = "probe";
  pre.textContent = JSON.stringify(result);
  parent.document.body.appendChild(pre);
})();
</script>"""


@pytest.fixture(scope="module")
def classroom_file(tmp_path_factory) -> Path:
    from dataclasses import replace

    path = tmp_path_factory.mktemp("classroom") / "report.html"
    path.write_text(render_html(replace(make_report_data(), classroom=True)), encoding="utf-8")
    return path


def test_classroom_buttons_show_and_hide_the_scores_at_phone_width(tmp_path, classroom_file):
    measured = _measure(tmp_path, classroom_file, 390, CLASSROOM_PROBE)
    parts = {p["part"]: p["seen"] for p in measured["parts"]}
    assert [p["part"] for p in measured["parts"]] == [
        "summary",
        "stance",
        "frames",
        "card",
        "card",
        "figures",
        "keyness",
    ]
    assert parts["stance"] == [
        [False, "Show the scores and the stance map 显示分数和立场图"],
        [True, "Hide the scores and the stance map 隐藏分数和立场图"],
        [False, "Show the scores and the stance map 显示分数和立场图"],
    ]
    for seen in parts.values():
        assert [shown for shown, _ in seen] == [False, True, False]
    # A focused sentence shows its frames and a note; its scores wait for the checkbox.
    assert measured["sentenceScores"] == [[False, True], [True, False], [False, True]]
    assert measured["viewport"] == 390
    assert measured["scrollWidth"] <= 390


PDFTOTEXT, PDFINFO = shutil.which("pdftotext"), shutil.which("pdfinfo")


@pytest.mark.skipif(
    PDFTOTEXT is None or PDFINFO is None,
    reason="no pdftotext or pdfinfo (Debian's poppler-utils package) to read the PDF",
)
def test_classroom_print_keeps_folded_parts_folded_and_prints_opened_ones(tmp_path, classroom_file):
    """Printed as it opens, the copy is a guess-first handout (A4, texts and the other folded
    sections printed, no score); with the parts opened, the scores print too."""
    opened = tmp_path / "opened.html"
    opened.write_text(
        classroom_file.read_text(encoding="utf-8").replace(
            '<details class="reveal"', '<details class="reveal" open'
        ),
        encoding="utf-8",
    )
    texts = {}
    for name, page in (("folded", classroom_file), ("opened", opened)):
        pdf = tmp_path / f"{name}.pdf"
        result = _chromium(tmp_path, page, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
        assert pdf.exists(), result.stderr[-2000:]
        info = subprocess.run([PDFINFO, str(pdf)], capture_output=True, text=True, check=False).stdout
        assert re.search(r"Page size:.* pts \(A4\)", info), info
        read = subprocess.run(
            [PDFTOTEXT, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        )
        texts[name] = " ".join(read.stdout.split())
    folded, opened_text = texts["folded"], texts["opened"]
    interval = re.compile(r"-?\d\.\d\d \[-?\d\.\d\d, -?\d\.\d\d\]")
    assert interval.search(folded) is None
    assert "Show the scores and the stance map" in folded
    # The article text and the other folded sections ("Articles compared") print as before.
    assert "Readers wrote" in folded and "simplified" in folded
    assert len(interval.findall(opened_text)) >= 12
    assert "Hide the scores" not in opened_text


@pytest.mark.skipif(
    PDFTOTEXT is None or PDFINFO is None,
    reason="no pdftotext or pdfinfo (Debian's poppler-utils package) to read the PDF",
)
def test_printed_article_list_keeps_every_column_on_a4(tmp_path, seed_report):
    """The widest table, "Articles compared", prints whole on A4: its last columns (the readability
    share and the address) are not cut off the page."""
    pdf = tmp_path / "seeds.pdf"
    result = _chromium(tmp_path, seed_report, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    assert pdf.exists(), result.stderr[-2000:]
    info = subprocess.run([PDFINFO, str(pdf)], capture_output=True, text=True, check=False).stdout
    assert re.search(r"Page size:.* pts \(A4\)", info), info
    text = subprocess.run(
        [PDFTOTEXT, "-raw", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    start = text.index("Articles compared")
    section = "".join(text[start : text.index("Stance map", start)].split())
    assert "address" in section and "uncommon" in section
    urls = [
        row["url"] for row in csv.DictReader((seed_report.parent / "articles.csv").open(encoding="utf-8"))
    ]
    assert any(urls)
    for url in filter(None, urls):
        assert url in section, url
