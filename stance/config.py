"""The frozen run configuration, passed explicitly to every stage that needs a setting."""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

# Settings that change how a run is carried out, never what it computes: a run gives the same
# bytes whatever their values, so manifest.json names them (``execution_settings``) without
# recording their values, which depend on the machine.
EXECUTION_SETTINGS = ("cache_dir", "scheduler", "workers")


def default_workers() -> int:
    """How many worker processes a run uses unless told: one per core."""
    return os.cpu_count() or 1


@dataclass(frozen=True)
class RunConfig:
    """Settings of one run; recorded in ``manifest.json`` so a result can be reproduced."""

    seed: int = 20251117
    n_boot: int = 2000
    # Aggregates over fewer sentences than this are flagged as too small to say anything.
    min_sentences: int = 5
    # The article score's prior: this many neutral sentences are added to every target's
    # evidence, so thin evidence shrinks toward 0 (see stance.aggregate).
    prior_sentences: float = 3.0
    # Which voices count in stance aggregates: "all" or "author" (reported speech excluded).
    voices: str = "all"
    # Segmentation engine: "auto" (rjieba when it matches jieba), "jieba" or "rjieba".
    engine: str = "auto"
    # Cosine similarity above which two sentences from different sources share a sub-topic.
    similarity_threshold: float = 0.25
    lexicon_dirs: tuple[Path, ...] = field(default_factory=tuple)
    # A model from `stance train` replacing the lexicon score on one dimension for the
    # targets it knows.
    model_path: Path | None = None
    model_dimension: str = "evaluation"
    cache_dir: Path | None = None
    # Processes for the per-article work (reading an article's text to its scores); 1 runs it
    # in this process. An upper bound: a corpus too small to split runs in this process.
    workers: int = field(default_factory=default_workers)
    # The address of a Dask scheduler (tcp://host:8786) to run the per-article work on its
    # cluster instead of local processes (``workers`` is then not used); None for local ones.
    scheduler: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.workers, int) or self.workers < 1:
            raise ValueError(f"workers must be a whole number of at least 1, not {self.workers!r}")

    def as_dict(self) -> dict:
        """The settings that shape the results, as recorded in manifest.json and the report."""
        data = asdict(self)
        del data["workers"], data["scheduler"]  # see EXECUTION_SETTINGS
        data["lexicon_dirs"] = [str(p) for p in self.lexicon_dirs]
        data["model_path"] = None if self.model_path is None else Path(self.model_path).name
        data["cache_dir"] = None  # machine-specific; not part of what makes results reproducible
        return data
