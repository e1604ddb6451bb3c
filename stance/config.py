"""The frozen run configuration, passed explicitly to every stage that needs a setting."""

from __future__ import annotations

import math
import numbers
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

# Settings that change how a run is carried out, never what it computes: a run gives the same
# bytes whatever their values, so manifest.json names them (``execution_settings``) without
# recording their values, which depend on the machine.
EXECUTION_SETTINGS = ("cache_dir", "scheduler", "workers")
# Segmentation engines (see stance.text.segment): "auto" is "hybrid", jieba's own tokens.
SEGMENTATION_ENGINES = ("auto", "jieba", "hybrid", "rjieba")


def _is_real(value: object) -> bool:
    """A finite real number (not a bool, not nan or inf)."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool) and math.isfinite(value)


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
    # evidence, so thin evidence shrinks toward 0 (see stance.measure.aggregate).
    prior_sentences: float = 3.0
    # Which voices count in stance aggregates: "all" or "author" (reported speech excluded).
    voices: str = "all"
    # Segmentation engine (SEGMENTATION_ENGINES): "auto" is "hybrid", which gives jieba's tokens.
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
        # The CLI checks each option as it parses it (stance.cli.common); these checks catch
        # the same mistakes in a config built in code, before any work starts.
        if not isinstance(self.workers, int) or self.workers < 1:
            raise ValueError(f"workers must be a whole number of at least 1, not {self.workers!r}")
        for name, low in (("seed", 0), ("n_boot", 1), ("min_sentences", 0)):
            value = getattr(self, name)
            if not isinstance(value, numbers.Integral) or isinstance(value, bool) or value < low:
                raise ValueError(f"{name} must be a whole number of at least {low}, not {value!r}")
        if not _is_real(self.prior_sentences) or self.prior_sentences < 0:
            raise ValueError(
                f"prior_sentences must be a finite number of 0 or more, not {self.prior_sentences!r}"
            )
        if not _is_real(self.similarity_threshold) or not 0 <= self.similarity_threshold <= 1:
            raise ValueError(
                f"similarity_threshold must be a number from 0 to 1, not {self.similarity_threshold!r}"
            )
        for name, allowed in (
            ("voices", ("all", "author")),
            ("engine", SEGMENTATION_ENGINES),
            ("model_dimension", ("evaluation", "potency")),
        ):
            if getattr(self, name) not in allowed:
                raise ValueError(f"{name} must be one of {', '.join(allowed)}, not {getattr(self, name)!r}")

    def as_dict(self) -> dict:
        """The settings that shape the results, as recorded in manifest.json and the report."""
        data = asdict(self)
        del data["workers"], data["scheduler"]  # see EXECUTION_SETTINGS
        data["lexicon_dirs"] = [str(p) for p in self.lexicon_dirs]
        data["model_path"] = None if self.model_path is None else Path(self.model_path).name
        data["cache_dir"] = None  # machine-specific; not part of what makes results reproducible
        return data
