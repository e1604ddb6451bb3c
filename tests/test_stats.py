"""The seeded bootstraps of stance/measure/stats.py: reproducible to the byte, independent of input
order, bounded in memory, and statistically the same intervals as redrawing whole sentence
lists (the method they replaced, kept below as the reference)."""

from __future__ import annotations

import math
import tracemalloc

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from stance.measure.stats import (
    EXACT_REPEAT_MAX,
    bootstrap_diff_ci,
    bootstrap_mean_ci,
    bootstrap_ratio_ci,
    exact_sum,
    percentile_columns,
    resampled_sums,
)

RNG = np.random.default_rng(20251117)
# Stance scores take few distinct values (multinomial path); a continuous sample has as many
# distinct values as units (index path).
SCORES = RNG.choice([-1.0, -0.6, -0.25, 0.0, 0.0, 0.0, 0.3, 0.5, 0.8, 1.0], size=400)
REST = RNG.choice([-1.0, -0.5, 0.0, 0.0, 0.25, 0.7, 1.0], size=1500)
CONTINUOUS = RNG.normal(0.1, 0.5, size=300)
WEIGHTS = RNG.choice([1.0, 0.5, 1.5, 2.0], size=400)


def old_percentiles(draws, level=0.95):
    alpha = (1 - level) / 2
    return float(np.quantile(draws, alpha)), float(np.quantile(draws, 1 - alpha))


def old_mean_ci(values, *, seed, n_boot=2000):
    data = np.asarray(values, dtype=float)
    idx = np.random.default_rng(seed).integers(0, data.size, size=(n_boot, data.size))
    return old_percentiles(data[idx].mean(axis=1))


def old_diff_ci(a, b, *, seed, n_boot=2000):
    rng = np.random.default_rng(seed)
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    diffs = a[rng.integers(0, a.size, size=(n_boot, a.size))].mean(axis=1) - b[
        rng.integers(0, b.size, size=(n_boot, b.size))
    ].mean(axis=1)
    return old_percentiles(diffs)


def old_ratio_ci(num, den, *, seed, prior=0.0, n_boot=2000):
    num, den = np.asarray(num, dtype=float), np.asarray(den, dtype=float)
    idx = np.random.default_rng(seed).integers(0, num.size, size=(n_boot, num.size))
    return old_percentiles(num[idx].sum(axis=1) / (den[idx].sum(axis=1) + prior))


@pytest.mark.parametrize(
    ("new", "old"),
    [
        (lambda s: bootstrap_mean_ci(SCORES, seed=s), lambda s: old_mean_ci(SCORES, seed=s)),
        (lambda s: bootstrap_mean_ci(CONTINUOUS, seed=s), lambda s: old_mean_ci(CONTINUOUS, seed=s)),
        (lambda s: bootstrap_diff_ci(SCORES, REST, seed=s), lambda s: old_diff_ci(SCORES, REST, seed=s)),
        (
            lambda s: bootstrap_ratio_ci(WEIGHTS * SCORES, WEIGHTS * (SCORES != 0), seed=s, prior=3.0),
            lambda s: old_ratio_ci(WEIGHTS * SCORES, WEIGHTS * (SCORES != 0), seed=s, prior=3.0),
        ),
    ],
    ids=["mean", "mean-continuous", "diff", "ratio"],
)
def test_intervals_match_redrawing_whole_lists(new, old):
    """Drawing counts of distinct values is the same resampling distribution. The draws differ,
    so the interval ends differ, but only by Monte Carlo noise: at most 0.008 on these intervals
    of width 0.11-0.18, about 0.002 averaged over five seeds."""
    new_ends = np.array([new(seed) for seed in range(5)])
    old_ends = np.array([old(seed) for seed in range(5)])
    assert np.abs(new_ends - old_ends).max() < 0.02
    assert np.abs(new_ends.mean(axis=0) - old_ends.mean(axis=0)).max() < 0.01


def test_same_seed_same_bytes_and_another_seed_differs():
    for call in (
        lambda s: bootstrap_mean_ci(SCORES, seed=s),
        lambda s: bootstrap_mean_ci(CONTINUOUS, seed=s),
        lambda s: bootstrap_diff_ci(SCORES, REST, seed=s),
        lambda s: bootstrap_ratio_ci(SCORES, WEIGHTS, seed=s, scale=1000),
    ):
        assert repr(call(7)) == repr(call(7))
        assert call(7) != call(8)


def test_input_order_does_not_matter():
    order = RNG.permutation(len(SCORES))
    assert bootstrap_mean_ci(SCORES[order], seed=3) == bootstrap_mean_ci(SCORES, seed=3)
    assert bootstrap_mean_ci(CONTINUOUS[::-1], seed=3) == bootstrap_mean_ci(CONTINUOUS, seed=3)
    assert bootstrap_diff_ci(SCORES[order], REST[::-1], seed=3) == bootstrap_diff_ci(SCORES, REST, seed=3)
    assert bootstrap_ratio_ci(SCORES[order], WEIGHTS[order], seed=3) == bootstrap_ratio_ci(
        SCORES, WEIGHTS, seed=3
    )


@given(st.lists(st.sampled_from([-1.0, -0.5, -0.0, 0.0, 0.25, 1.0]), min_size=1, max_size=60), st.randoms())
def test_any_permutation_gives_the_same_interval(values, random):
    shuffled = list(values)
    random.shuffle(shuffled)
    assert bootstrap_mean_ci(shuffled, seed=1, n_boot=200) == bootstrap_mean_ci(values, seed=1, n_boot=200)


@pytest.mark.parametrize("columns", [1, 2, 12])
def test_index_draws_sum_exactly_the_units_they_draw(columns):
    """Where most values are distinct, a resample is n indices into the sorted units: the sums
    are, to the bit, those of the units the generator's index draws pick (so a faster way of
    summing cannot change an interval). Many columns are counts, as a frame table's are."""
    if columns > 2:
        counts = np.random.default_rng(8).integers(0, 3, size=(300, columns - 1))
        table = np.column_stack([np.arange(300) % 90 + 1, counts]).astype(float)
    else:
        table = np.column_stack([CONTINUOUS, WEIGHTS[: len(CONTINUOUS)]])[:, :columns]
    units = table[np.lexsort(table.T[::-1])]
    index = np.random.default_rng(3).integers(0, len(units), size=(700, len(units)))
    expected = np.column_stack([units[index, c].sum(axis=1) for c in range(columns)])
    sums = resampled_sums(table, rng=np.random.default_rng(3), n_boot=700)
    assert np.array_equal(sums, expected)


def test_paired_columns_stay_paired():
    table = np.column_stack([CONTINUOUS, 2 * CONTINUOUS])
    sums = resampled_sums(table, rng=np.random.default_rng(0), n_boot=500)
    assert np.allclose(sums[:, 1], 2 * sums[:, 0])


@pytest.mark.parametrize("n_distinct", [3, 400], ids=["multinomial", "indices"])
def test_many_columns_are_summed_from_one_set_of_draws(n_distinct):
    """A unit's frames are resampled together (a matrix product of draw counts with the table):
    every resample draws n units, and equal columns get equal sums."""
    n = 400
    rng = np.random.default_rng(5)
    first = (np.arange(n) % n_distinct).astype(float)
    table = np.column_stack([first, np.ones(n), first, rng.integers(0, 3, n)])
    sums = resampled_sums(table, rng=np.random.default_rng(0), n_boot=300)
    assert sums.shape == (300, 4)
    assert np.array_equal(sums[:, 1], np.full(300, float(n)))
    assert np.allclose(sums[:, 0], sums[:, 2])
    # The resampled means centre on the sample mean.
    assert abs(sums[:, 0].mean() / n - first.mean()) < 0.05 * first.mean()


def test_percentile_columns_ignore_nan_draws():
    draws = np.array([[1.0, np.nan, np.nan], [2.0, 5.0, np.nan], [3.0, 5.0, np.nan]])
    bounds = percentile_columns(draws, level=0.5)
    assert bounds.shape == (2, 3)
    assert bounds[:, 0].tolist() == [1.5, 2.5]
    assert bounds[:, 1].tolist() == [5.0, 5.0]
    assert np.isnan(bounds[:, 2]).all()


@pytest.mark.parametrize("distinct", [5, 50_000], ids=["few-distinct", "all-distinct"])
def test_memory_does_not_grow_with_resamples_times_units(distinct):
    """50,000 units x 2,000 resamples: redrawing whole lists held 800 MB of indices and as much
    of values; the draws are now made in chunks of about a million cells."""
    values = np.arange(50_000) % distinct / distinct
    tracemalloc.start()
    try:
        low, high = bootstrap_mean_ci(values, seed=1)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert low < values.mean() < high
    assert peak < 40 * 2**20


def test_edge_cases():
    assert all(math.isnan(x) for x in bootstrap_mean_ci([], seed=1))
    assert bootstrap_mean_ci([0.3], seed=1) == (0.3, 0.3)
    assert bootstrap_mean_ci([0.1] * 7, seed=1) == (0.1, 0.1)
    assert all(math.isnan(x) for x in bootstrap_diff_ci([1.0], [], seed=1))
    assert bootstrap_diff_ci([1.0, 1.0], [0.0], seed=1) == (1.0, 1.0)
    assert all(math.isnan(x) for x in bootstrap_ratio_ci([1.0], [0.0], seed=1))
    assert all(math.isnan(x) for x in bootstrap_ratio_ci([], [], seed=1, prior=3.0))
    # Every resample's ratio is the same: numerators are twice the denominators.
    assert bootstrap_ratio_ci([2.0, 4.0, 6.0], [1.0, 2.0, 3.0], seed=1) == (2.0, 2.0)


@given(
    values=st.lists(
        st.floats(allow_nan=False, allow_infinity=False, min_value=-1e6, max_value=1e6),
        min_size=1,
        max_size=12,
    ),
    data=st.data(),
)
def test_exact_sum_is_fsum_of_the_repeated_values(values, data):
    # Above EXACT_REPEAT_MAX units the sum is taken over fractions instead of the repeat; both
    # must be the one correctly rounded sum.
    counts = np.array(
        data.draw(st.lists(st.integers(0, 3 * EXACT_REPEAT_MAX), min_size=len(values), max_size=len(values)))
    )
    array = np.array(values)
    assert exact_sum(array, counts) == math.fsum(np.repeat(array, counts))
