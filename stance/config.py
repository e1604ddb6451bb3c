"""The frozen run configuration, passed explicitly to every stage that needs a setting."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path


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

    def as_dict(self) -> dict:
        data = asdict(self)
        data["lexicon_dirs"] = [str(p) for p in self.lexicon_dirs]
        data["model_path"] = None if self.model_path is None else Path(self.model_path).name
        data["cache_dir"] = None  # machine-specific; not part of what makes results reproducible
        return data
