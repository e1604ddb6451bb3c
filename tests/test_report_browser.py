"""The HTML report in a real browser: headless Chromium (Debian's ``chromium`` package) loads
it with no console messages, and the DOM it builds holds the stance map and the disagreement
cards. Skipped only when no Chromium binary is installed.

Chromium prints every console message (log, error, uncaught exception, and the report's
Content-Security-Policy refusing a fetch or a script) to stderr as ``...:CONSOLE:<line>] "..."``
when run with ``--enable-logging=stderr --v=0``; the report runs no script, so any such line is
a failure. A control page with an injected image and script checks that this detection works.
"""

from __future__ import annotations

import re
import shutil
import subprocess
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
