"""Jobs for tests/test_parallel.py that worker processes import: kept free of heavy imports so
that a worker starts in a fraction of a second."""

from __future__ import annotations

import time


def no_context(recipe: object) -> None:
    return None


def slowly(context: None, chunk: list[int]) -> list[int]:
    """Earlier chunks take longer, so they finish after later ones."""
    time.sleep(0.05 * (8 - chunk[0]))
    return [n * 10 for n in chunk]


def has_context() -> bool:
    """Whether this worker process has built a context (run through ``Client.run``)."""
    from stance import parallel

    return parallel._context is not None


def with_numpy(recipe: object) -> None:
    """A context whose setup loads numpy, and with it OpenBLAS, as the per-article tools do."""
    import numpy  # noqa: F401


def blas_threads(context: None, chunk: list[int]) -> list[int]:
    """The most threads any loaded BLAS library may use while a chunk is worked."""
    from threadpoolctl import threadpool_info

    return [max((lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"), default=0)]
