"""Where the bundled data (lexicons, seed corpus) lives.

In a wheel the data is installed inside the package as ``stance/_data/<name>``; in a source
checkout or an editable install it is the top-level directory of the repository.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def bundled_dir(name: str) -> Path:
    """Return the directory of bundled data ``name`` (``lexicons`` or ``seeds``)."""
    packaged = _PACKAGE / "_data" / name
    if packaged.is_dir():
        return packaged
    return _PACKAGE.parent / name
