"""Seeded resampling statistics shared by the scoring and comparison stages.

Every interval is a percentile bootstrap over sentences with a fixed seed, so the same input
gives the same numbers byte for byte.

A resample of n sentences is fully described by how many times it takes each *distinct* value
(or distinct pair of values, for a ratio): sentences with equal values are interchangeable. So
instead of redrawing n sentences ``n_boot`` times, each resample draws multinomial counts over
the distinct values, with probabilities their multiplicities / n. That is exactly the
resampling distribution of the textbook bootstrap, at a cost of n_boot x (distinct values)
instead of n_boot x n; scores and frame counts take few distinct values, so a call over 50,000
sentences takes milliseconds. When most values are distinct, drawing indices into the sorted
values is cheaper and is used instead (the same distribution again). Either way the draws are
made in chunks, so memory stays bounded whatever n and ``n_boot``, and the values are sorted
first, so the interval does not depend on the order of the input.

>>> lo, hi = bootstrap_mean_ci([1.0, 0.0, 1.0, 1.0, 0.0, 1.0], seed=7)
>>> 0.0 <= lo <= 0.667 <= hi <= 1.0
True
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from fractions import Fraction

import numpy as np

N_BOOT = 2000
LEVEL = 0.95
# Draws are made this many cells (resamples x distinct values, or x units) at a time.
CHUNK_CELLS = 1 << 20
# Multinomial counts when there are at most 1/32 as many distinct values as units: one binomial
# draw per distinct value costs about 20 times one index per unit (measured with numpy 2.4).
MULTINOMIAL_MAX_DISTINCT_SHARE = 1 / 32
# With many columns (a matrix product of draw counts with the table), multinomial counts of
# distinct rows cost about 7.5 times as much per distinct row as index draws per unit (measured
# on 15,000 x 31 frame tables, numpy 2.4).
MULTINOMIAL_MAX_DISTINCT_SHARE_WIDE = 1 / 8
# Up to this many columns, sums of drawn units are gathered column by column; beyond, a matrix
# product of draw counts with the table is cheaper.
MAX_GATHERED_COLUMNS = 2


# Up to this many units, exact sums add the values repeated (math.fsum); beyond, each distinct
# value times its count as exact fractions (the same correctly rounded sum, without the repeat).
EXACT_REPEAT_MAX = 4096


def exact_sum(values: np.ndarray, counts: np.ndarray) -> float:
    """The sum of ``values`` each taken ``counts`` times, correctly rounded: exactly what
    ``math.fsum`` gives over the values repeated, so it does not depend on their order.

    >>> values, counts = np.array([0.1, 0.2, -0.7]), np.array([3, 10_000, 9])
    >>> exact_sum(values, counts) == math.fsum(np.repeat(values, counts))
    True
    """
    n = int(counts.sum())
    if n <= EXACT_REPEAT_MAX or not np.isfinite(values).all():
        return math.fsum(np.repeat(values, counts))
    # Both are the exact sum rounded once to the nearest float (half to even).
    total = sum((Fraction(v) * c for v, c in zip(values.tolist(), counts.tolist(), strict=True)), Fraction(0))
    return float(total)


def _rng(seed: int) -> np.random.Generator:
    return np.random.default_rng(seed)


def _distinct_rows(table: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct rows of ``table`` in sorted order, and how many times each occurs."""
    # + 0.0 turns -0.0 into 0.0, so the two zeros are one value whatever the input order.
    table = table + 0.0
    if not len(table):
        return table, np.zeros(0, dtype=np.int64)
    # (np.unique(axis=0) does the same, 30 times slower.)
    ordered = table[np.lexsort(table.T[::-1])]
    starts = np.flatnonzero(np.r_[True, (ordered[1:] != ordered[:-1]).any(axis=1)])
    return ordered[starts], np.diff(np.r_[starts, len(ordered)])


def resampled_sums(table: np.ndarray, *, rng: np.random.Generator, n_boot: int) -> np.ndarray:
    """Column sums of ``n_boot`` bootstrap resamples of the rows of ``table`` (units x columns):
    an array of shape (n_boot, columns). Rows are resampled whole, so paired columns stay
    paired.

    >>> sums = resampled_sums(np.array([[1.0], [1.0], [0.0]]), rng=np.random.default_rng(0), n_boot=4)
    >>> sums.shape, bool(((sums >= 0) & (sums <= 3)).all())
    ((4, 1), True)
    """
    distinct, counts = _distinct_rows(table)
    return resampled_sums_of(distinct, counts, rng=rng, n_boot=n_boot)


def distinct_rows_of(counts: Mapping[tuple[float, ...], int], width: int) -> tuple[np.ndarray, np.ndarray]:
    """The distinct rows of a table kept as ``{row: times it occurs}`` (rows of ``width``
    values), in the order :func:`resampled_sums_of` expects: what :func:`_distinct_rows` gives
    for the whole table. Per-unit summaries pool into this without keeping the table."""
    if not counts:
        return np.zeros((0, width)), np.zeros(0, dtype=np.int64)
    rows = np.array(list(counts), dtype=float).reshape(len(counts), width) + 0.0
    times = np.fromiter(counts.values(), dtype=np.int64, count=len(counts))
    order = np.lexsort(rows.T[::-1])
    return rows[order], times[order]


def resampled_sums_of(
    distinct: np.ndarray, counts: np.ndarray, *, rng: np.random.Generator, n_boot: int
) -> np.ndarray:
    """:func:`resampled_sums` of the table whose distinct rows (sorted) are ``distinct``, each
    occurring ``counts`` times."""
    n = int(counts.sum())
    k, columns = distinct.shape
    sums = np.empty((n_boot, columns))
    # Up to MAX_GATHERED_COLUMNS, each column is summed on its own; beyond, a matrix product.
    gathered = columns <= MAX_GATHERED_COLUMNS
    share = MULTINOMIAL_MAX_DISTINCT_SHARE if gathered else MULTINOMIAL_MAX_DISTINCT_SHARE_WIDE
    if k <= share * n:  # multinomial counts of the distinct rows
        probabilities = counts / n
        step = max(1, CHUNK_CELLS // k)
        for start in range(0, n_boot, step):
            stop = min(start + step, n_boot)
            draws = rng.multinomial(n, probabilities, size=stop - start)
            if gathered:
                for column in range(columns):
                    sums[start:stop, column] = (draws * distinct[:, column]).sum(axis=1)
            else:
                sums[start:stop] = draws @ distinct
        return sums
    # Index draws into the units (in sorted order). Gathered: each column contiguous, since
    # taking from a 1-D array is twice as fast as indexing a 2-D one with an index array, and
    # gives the same values in the same order. Else: the distinct row of each unit.
    columns_of = [np.repeat(distinct[:, c], counts) for c in range(columns)] if gathered else []
    row_of = None if gathered else np.repeat(np.arange(k), counts)
    step = max(1, CHUNK_CELLS // n)
    for start in range(0, n_boot, step):
        stop = min(start + step, n_boot)
        index = rng.integers(0, n, size=(stop - start, n))
        if gathered:
            for column, values in enumerate(columns_of):
                sums[start:stop, column] = values.take(index).sum(axis=1)
        else:
            # Many columns (every frame of a unit at once): how often each distinct row was
            # drawn, times the distinct rows, instead of one gather per column. (Counted per
            # distinct row rather than per unit: on 60,000 frame rows with 14,000 distinct
            # ones, a quarter less time; the same sums to the bit for counts.)
            rows = stop - start
            flat = (row_of[index] + (np.arange(rows) * k)[:, None]).ravel()
            times = np.bincount(flat, minlength=rows * k).reshape(rows, k)
            sums[start:stop] = times @ distinct
    return sums


def percentile_columns(draws: np.ndarray, level: float = LEVEL) -> np.ndarray:
    """Per column of ``draws`` (resamples x columns), the percentile interval ignoring NaN
    draws: an array of shape (2, columns), NaN where a column has no finite draw."""
    alpha = (1 - level) / 2
    if not np.isnan(draws).any():
        return np.quantile(draws, [alpha, 1 - alpha], axis=0)
    bounds = np.full((2, draws.shape[1]), np.nan)
    usable = ~np.isnan(draws).all(axis=0)
    if usable.any():
        bounds[:, usable] = np.nanquantile(draws[:, usable], [alpha, 1 - alpha], axis=0)
    return bounds


def _column(values: Sequence[float]) -> np.ndarray:
    return np.asarray(values, dtype=float).reshape(-1, 1)


def _percentiles(draws: np.ndarray, level: float) -> tuple[float, float]:
    alpha = (1 - level) / 2
    low, high = np.quantile(draws, [alpha, 1 - alpha])
    return (float(low), float(high))


def bootstrap_mean_ci(
    values: Sequence[float], *, seed: int, n_boot: int = N_BOOT, level: float = LEVEL
) -> tuple[float, float]:
    """Percentile bootstrap interval of the mean of ``values``; (nan, nan) when empty."""
    data = _column(values)
    if data.size == 0:
        return (float("nan"), float("nan"))
    if np.all(data == data[0]):
        return (float(data[0, 0]), float(data[0, 0]))
    means = resampled_sums(data, rng=_rng(seed), n_boot=n_boot)[:, 0] / data.size
    return _percentiles(means, level)


Distinct = tuple[np.ndarray, np.ndarray]


def distinct_values(values: Sequence[float] | np.ndarray, width: int = 1) -> Distinct:
    """The distinct rows of ``values`` (a column, or rows of ``width``) and their counts."""
    return _distinct_rows(np.asarray(values, dtype=float).reshape(-1, width))


def bootstrap_diff_ci(
    a: Sequence[float], b: Sequence[float], *, seed: int, n_boot: int = N_BOOT, level: float = LEVEL
) -> tuple[float, float]:
    """Percentile bootstrap interval of ``mean(a) - mean(b)``, resampling each group separately
    (a source against the rest); (nan, nan) when either group is empty."""
    return bootstrap_diff_ci_of(distinct_values(a), distinct_values(b), seed=seed, n_boot=n_boot, level=level)


def bootstrap_diff_ci_of(
    a: Distinct, b: Distinct, *, seed: int, n_boot: int = N_BOOT, level: float = LEVEL
) -> tuple[float, float]:
    """:func:`bootstrap_diff_ci` of two groups given as (distinct values, counts)."""
    n_a, n_b = int(a[1].sum()), int(b[1].sum())
    if n_a == 0 or n_b == 0:
        return (float("nan"), float("nan"))
    rng = _rng(seed)
    means_a = resampled_sums_of(*a, rng=rng, n_boot=n_boot)[:, 0] / n_a
    means_b = resampled_sums_of(*b, rng=rng, n_boot=n_boot)[:, 0] / n_b
    return _percentiles(means_a - means_b, level)


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
    pairs = np.column_stack([np.asarray(numerators, dtype=float), np.asarray(denominators, dtype=float)])
    return bootstrap_ratio_ci_of(
        _distinct_rows(pairs), seed=seed, scale=scale, prior=prior, n_boot=n_boot, level=level
    )


def bootstrap_ratio_ci_of(
    pairs: Distinct,
    *,
    seed: int,
    scale: float = 1.0,
    prior: float = 0.0,
    n_boot: int = N_BOOT,
    level: float = LEVEL,
) -> tuple[float, float]:
    """:func:`bootstrap_ratio_ci` of the (numerator, denominator) pairs given as (distinct
    pairs, counts)."""
    distinct, counts = pairs
    if counts.sum() == 0 or float(distinct[:, 1] @ counts) + prior == 0:
        return (float("nan"), float("nan"))
    sums = resampled_sums_of(distinct, counts, rng=_rng(seed), n_boot=n_boot)
    den_b = sums[:, 1] + prior
    with np.errstate(divide="ignore", invalid="ignore"):
        ratios = np.where(den_b > 0, scale * sums[:, 0] / den_b, np.nan)
    return _percentiles(ratios[~np.isnan(ratios)], level)


def stable_seed(base: int, *parts: str) -> int:
    """A per-group seed derived from the run seed and the group's names, so an interval does
    not change when other groups are added or reordered."""
    import hashlib

    digest = hashlib.sha256("\x1f".join((str(base), *parts)).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big")
