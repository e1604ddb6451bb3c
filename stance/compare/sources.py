"""Comparing sources: each source against the rest (stance and frames, with bootstrap
intervals of the difference). The claims on which sources take opposite sides are found in
:mod:`stance.compare.claims` (re-exported here).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from stance.compare.claims import DISAGREEMENT_COLUMNS, disagreement_rows, find_disagreements
from stance.compare.units import SourcePool
from stance.config import RunConfig
from stance.measure.frames import pooled_table
from stance.measure.stats import Distinct, bootstrap_diff_ci_of, distinct_rows_of, exact_sum, stable_seed
from stance.parallel import in_threads

__all__ = ["DISAGREEMENT_COLUMNS", "disagreement_rows", "find_disagreements", "source_profiles"]


def _round(x: float) -> float | None:
    return None if x is None or (isinstance(x, float) and np.isnan(x)) else round(float(x), 4)


def _distinct(values: Mapping[float, int]) -> Distinct:
    return distinct_rows_of({(v,): n for v, n in values.items()}, 1)


def _pooled(groups: Iterable[Mapping[float, int]]) -> Counter[float]:
    pooled: Counter[float] = Counter()
    for values in groups:
        pooled.update(values)
    return pooled


def _mean(values: Distinct) -> float | None:
    distinct, counts = values
    n = int(counts.sum())
    return exact_sum(distinct[:, 0], counts) / n if n else None


def _frame_values(tables: Sequence[np.ndarray], frames: Sequence[str]) -> dict[str, dict[float, int]]:
    """Per frame, the distinct hit counts of a source's content sentences, with their counts."""
    table = pooled_table(tables, frames)
    values: dict[str, dict[float, int]] = {}
    for k, frame in enumerate(frames, start=1):
        distinct, counts = np.unique(table[:, k], return_counts=True)
        values[frame] = dict(zip(distinct.astype(float).tolist(), counts.tolist(), strict=True))
    return values


def source_profiles(
    pools: Mapping[str, SourcePool],
    stance_table: pd.DataFrame,
    frame_table: pd.DataFrame,
    frames: Sequence[str],
    config: RunConfig,
) -> list[dict]:
    """One entry per source: its stance and frame profile, each against the rest of the corpus,
    from each source's pooled per-article summaries (``frames``: the frame order of the pooled
    sentence rows)."""
    frame_values = {source: _frame_values(pool.frame_tables, frames) for source, pool in pools.items()}
    profiles = []
    # (the entry, a source's values, the rest's, the seed) of each interval against the rest.
    intervals: list[tuple[dict, Distinct, Distinct, int]] = []
    for source in sorted(pools):
        others = [pools[s] for s in sorted(pools) if s != source]
        stance: dict[str, dict] = {}
        rows = stance_table[(stance_table["source"] == source) & (stance_table["article_id"] == "*")]
        for row in rows.itertuples(index=False):
            key = (row.target, row.dimension)
            a = _distinct(pools[source].stance_values.get(key, {}))
            b = _distinct(_pooled(p.stance_values.get(key, {}) for p in others))
            mean_a, mean_b = _mean(a), _mean(b)
            stance.setdefault(row.target, {})[row.dimension] = entry = {
                "score": _round(row.score),
                "ci_low": _round(row.ci_low),
                "ci_high": _round(row.ci_high),
                "n_sentences": int(row.n_sentences),
                "flag": row.flag or "",
                "rest_score": _round(mean_b) if mean_b is not None else None,
                "diff_vs_rest": _round(mean_a - mean_b)
                if mean_a is not None and mean_b is not None
                else None,
                "diff_ci_low": None,
                "diff_ci_high": None,
            }
            intervals.append(
                (entry, a, b, stable_seed(config.seed, "vs-rest", source, row.target, row.dimension))
            )
        profile_frames: dict[str, dict] = {}
        frows = frame_table[(frame_table["source"] == source) & (frame_table["article_id"] == "*")]
        for row in frows.itertuples(index=False):
            a = _distinct(frame_values[source][row.frame])
            b = _distinct(_pooled(frame_values[s][row.frame] for s in sorted(pools) if s != source))
            mean_a, mean_b = _mean(a), _mean(b)
            profile_frames[row.frame] = entry = {
                "hits": int(row.hits),
                "per_1k_tokens": _round(row.per_1k_tokens),
                "share": _round(row.share),
                "hits_per_sentence": _round(mean_a) if mean_a is not None else None,
                "rest_hits_per_sentence": _round(mean_b) if mean_b is not None else None,
                "diff_vs_rest": _round(mean_a - mean_b)
                if mean_a is not None and mean_b is not None
                else None,
                "diff_ci_low": None,
                "diff_ci_high": None,
            }
            intervals.append((entry, a, b, stable_seed(config.seed, "frame-vs-rest", source, row.frame)))
        n_sent = pools[source].n_sentences
        profiles.append(
            {
                "source": source,
                "n_articles": pools[source].n_articles,
                "n_sentences": n_sent,
                "small_n": n_sent < config.min_sentences,
                "stance": dict(sorted(stance.items())),
                "frames": dict(sorted(profile_frames.items())),
            }
        )
    # The intervals against the rest, drawn side by side (config.workers threads), each from
    # its own seed, then put in their places.
    bounds = in_threads(
        lambda job: bootstrap_diff_ci_of(job[1], job[2], seed=job[3], n_boot=config.n_boot),
        intervals,
        config.workers,
    )
    for (entry, *_), (lo, hi) in zip(intervals, bounds, strict=True):
        entry["diff_ci_low"], entry["diff_ci_high"] = _round(lo), _round(hi)
    return profiles
