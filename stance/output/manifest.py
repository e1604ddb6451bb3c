"""The run manifest (``manifest.json``): what produced a report, so it can be reproduced.

It records the versions of stance and the libraries whose behaviour shapes the numbers, every
lexicon's name, version and checksum, the settings and seed, and a SHA-256 of every input file.
Paths are relative to the corpus folder and nothing depends on the clock, so two runs on the
same input give byte-identical manifests.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from importlib import metadata
from pathlib import Path

from stance.config import EXECUTION_SETTINGS, RunConfig
from stance.corpus.records import Article
from stance.lexicon import Lexicon

RECORDED_PACKAGES = (
    "stance",
    "jieba",
    "rjieba",
    "opencc",
    "scikit-learn",
    "pandas",
    "numpy",
    "matplotlib",
    "trafilatura",
)
BUNDLED = "<bundled seed corpus>"


def package_versions() -> dict[str, str]:
    versions = {}
    for name in RECORDED_PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def input_hashes(corpus: Path, articles: Sequence[Article]) -> list[dict[str, str]]:
    """SHA-256 of the manifest (if any) and of every article file, relative to the corpus."""
    root = corpus if corpus.is_dir() else corpus.parent
    files = set()
    if corpus.is_dir() and (corpus / "corpus.csv").is_file():
        files.add(corpus / "corpus.csv")
    for article in articles:
        # An article from a JSONL/CSV table has the path "table.jsonl:LINE"; hash the table.
        files.add(
            Path(article.path) if Path(article.path).exists() else Path(re.sub(r":\d+$", "", article.path))
        )
    rows = []
    for path in sorted(files):
        try:
            name = path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            name = path.name
        rows.append({"file": name, "sha256": _sha256(path)})
    return rows


def build_manifest(
    corpus: Path | None,
    resolved_corpus: Path,
    articles: Sequence[Article],
    lexicons: Mapping[str, Lexicon],
    config: RunConfig,
    outputs: Sequence[str],
    segmentation_engine: str,
    *,
    classroom: bool = False,
) -> dict:
    settings = config.as_dict()
    settings["segmentation_engine"] = segmentation_engine
    # The report's reveal mode (``stance report --classroom``): same numbers, folded in the report.
    settings["classroom"] = classroom
    return {
        "tool": "stance",
        "corpus": BUNDLED if corpus is None else corpus.as_posix(),
        "inputs": input_hashes(resolved_corpus, articles),
        "n_articles": len(articles),
        # Control characters (other than tab and newline) removed from article text and
        # metadata when the corpus was read.
        "control_characters_removed": sum(a.control_characters for a in articles),
        "lexicons": [lex.summary() for lex in lexicons.values()],
        "settings": settings,
        # Named, not valued: they change how the run was carried out, not its results.
        "execution_settings": list(EXECUTION_SETTINGS),
        "seed": config.seed,
        "versions": package_versions(),
        "outputs": sorted(outputs),
    }


def manifest_bytes(manifest: dict) -> bytes:
    return (json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")
