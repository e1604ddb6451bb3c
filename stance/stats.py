"""Seeded resampling statistics shared by the scoring and comparison stages.

Every interval is a percentile bootstrap over sentences with a fixed seed, so the same input
gives the same numbers byte for byte.

>>> lo, hi = bootstrap_mean_ci([1.0, 0.0, 1.0, 1.0, 0.0, 1.0], seed=7)
>>> 0.0 <= lo <= 0.667 <= hi <= 1.0
True
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

N_BOOT = 2000
LEVEL = 0.95


def _rng(seed: int) -> np.random.Generator:
    return np.random.default_rng(seed)


def bootstrap_mean_ci(
    values: Sequence[float], *, seed: int, n_boot: int = N_BOOT, level: float = LEVEL
) -> tuple[float, float]:
    """Percentile bootstrap interval of the mean of ``values``; (nan, nan) when empty."""
    data = np.asarray(values, dtype=float)
    if data.size == 0:
        return (float("nan"), float("nan"))
    if data.size == 1:
        return (float(data[0]), float(data[0]))
    idx = _rng(seed).integers(0, data.size, size=(n_boot, data.size))
    means = data[idx].mean(axis=1)
    alpha = (1 - level) / 2
    return (float(np.quantile(means, alpha)), float(np.quantile(means, 1 - alpha)))


def bootstrap_diff_ci(
    a: Sequence[float], b: Sequence[float], *, seed: int, n_boot: int = N_BOOT, level: float = LEVEL
) -> tuple[float, float]:
    """Percentile bootstrap interval of ``mean(a) - mean(b)``, resampling each group separately
    (a source against the rest); (nan, nan) when either group is empty."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if a.size == 0 or b.size == 0:
        return (float("nan"), float("nan"))
    rng = _rng(seed)
    diffs = a[rng.integers(0, a.size, size=(n_boot, a.size))].mean(axis=1) - b[
        rng.integers(0, b.size, size=(n_boot, b.size))
    ].mean(axis=1)
    alpha = (1 - level) / 2
    return (float(np.quantile(diffs, alpha)), float(np.quantile(diffs, 1 - alpha)))


def bootstrap_ratio_ci(
    numerators: Sequence[float],
    denominators: Sequence[float],
    *,
    seed: int,
    scale: float = 1.0,
    prior: float = 0.0,
    n_boot: int = N_BOOT,
    level: float = LEVEL,
) -> tuple[float, float]:
    """Percentile bootstrap interval of ``scale * sum(num) / (sum(den) + prior)``, resampling the
    paired units (sentences) together; (nan, nan) when there are none or the denominator is
    zero. ``prior`` adds that many units of value 0 to every draw (a shrunken mean)."""
    num = np.asarray(numerators, dtype=float)
    den = np.asarray(denominators, dtype=float)
    if num.size == 0 or den.sum() + prior == 0:
        return (float("nan"), float("nan"))
    idx = _rng(seed).integers(0, num.size, size=(n_boot, num.size))
    den_b = den[idx].sum(axis=1) + prior
    with np.errstate(divide="ignore", invalid="ignore"):
        ratios = np.where(den_b > 0, scale * num[idx].sum(axis=1) / den_b, np.nan)
    ratios = ratios[~np.isnan(ratios)]
    alpha = (1 - level) / 2
    return (float(np.quantile(ratios, alpha)), float(np.quantile(ratios, 1 - alpha)))


def stable_seed(base: int, *parts: str) -> int:
    """A per-group seed derived from the run seed and the group's names, so an interval does
    not change when other groups are added or reordered."""
    import hashlib

    digest = hashlib.sha256("\x1f".join((str(base), *parts)).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big")
