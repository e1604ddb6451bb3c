"""Shared by the worksheet tests: the seed corpus analysed once per test session (the worksheet
test modules all read it), and small made-up corpora."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from stance.classroom import Analysis, analyse_corpus
from stance.config import RunConfig

from .conftest import SEEDS


@lru_cache(maxsize=1)
def seed_analysis() -> Analysis:
    return analyse_corpus(SEEDS, RunConfig(workers=1))


def write_corpus(folder: Path, articles: dict[str, tuple[str, str]]) -> Path:
    """A corpus folder of ``{file: (source, text)}`` with its manifest."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = ["file,article_id,source"]
    for name, (source, text) in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
        rows.append(f"{name},{Path(name).stem},{source}")
    (folder / "corpus.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder
