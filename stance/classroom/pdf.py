"""PDF copies of the worksheet and key, when a maintained renderer is installed: WeasyPrint (the
Python package, with its Pango libraries), else a headless Chromium (Debian's ``chromium``
package, or Chrome). Both honour the pages' print stylesheet (A4). Without either, the HTML pages
print to PDF from any browser.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from stance.errors import OutputError

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
TIMEOUT = 180


@dataclass(frozen=True)
class PdfRenderer:
    """A way to print HTML to PDF: ``weasyprint``, or ``chromium`` at ``path``."""

    name: str
    path: str = ""

    def render(self, html: str) -> bytes:
        """``html`` (a self-contained page) printed to PDF."""
        if self.name == "weasyprint":
            import weasyprint

            return weasyprint.HTML(string=html).write_pdf()
        return _chromium_pdf(self.path, html)


def find_renderer() -> PdfRenderer | None:
    """WeasyPrint when it imports (its system libraries present), else the first Chromium on
    PATH, else None."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):  # OSError: the package is there but Pango is not
        pass
    else:
        return PdfRenderer("weasyprint")
    for name in CHROMIUM_NAMES:
        path = shutil.which(name)
        if path:
            return PdfRenderer("chromium", path)
    return None


def _chromium_pdf(binary: str, html: str) -> bytes:
    with tempfile.TemporaryDirectory(prefix="stance-pdf-") as tmp:
        page, pdf = Path(tmp) / "page.html", Path(tmp) / "page.pdf"
        page.write_text(html, encoding="utf-8")
        command = [
            binary,
            "--headless",
            # The page is this program's own, runs no script and loads nothing (its CSP).
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={Path(tmp) / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise OutputError(
                f"{binary}: could not print the worksheet to PDF ({exc}); use --no-pdf and print the HTML from a browser."
            ) from exc
        if not pdf.exists() or pdf.stat().st_size == 0:
            last = (done.stderr.strip().splitlines() or ["no message"])[-1]
            raise OutputError(
                f"{binary}: could not print the worksheet to PDF (exit {done.returncode}: {last}); use --no-pdf "
                "and print the HTML from a browser."
            )
        return pdf.read_bytes()
