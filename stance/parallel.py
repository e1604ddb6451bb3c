"""Map, then reduce: run a pure per-item function over chunks of items in worker processes or
on a Dask cluster, and hand the results back in input order.

A :class:`Job` names three module-level functions' worth of work: ``setup(recipe)`` builds what
the work needs (lexicons, tokenizer...) once per worker process, and ``work(context, chunk)``
turns one chunk of items into its results. :func:`map_chunks` keeps only a few chunks in
flight, so neither the inputs nor the results of a large corpus pile up in memory, and yields
each chunk's results in the order the chunks were given: whatever the number of workers, the
caller sees the same sequence, and so writes the same bytes.

Worker processes are started with ``spawn``: a forked child would inherit the parent's threads'
locks (a progress bar's monitor, a Dask client) in whatever state they were.

Dask is imported only when a scheduler address is given (``pip install 'stance[cluster]'``).

:func:`in_threads` and :func:`alongside` are for the comparison after the map, in the ``stance``
process alone: numpy's random draws release the GIL, so the per-source bootstraps run side by
side in threads, and the sub-topics of the disagreements are found beside them.

>>> chunk_slices([5, 5, 5, 20, 1], 10)
[slice(0, 2, None), slice(2, 4, None), slice(4, 5, None)]
"""

from __future__ import annotations

import multiprocessing
import signal
import threading
from collections import deque
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from stance.errors import WorkerError

C = TypeVar("C")
R = TypeVar("R")

# Chunks in flight per worker: one running, one waiting, so a worker never idles for its next.
CHUNKS_IN_FLIGHT_PER_WORKER = 2
# How long to wait for a Dask scheduler to answer, and for it to have a worker.
DASK_TIMEOUT_SECONDS = 30


@dataclass(frozen=True)
class Job(Generic[C, R]):
    """``setup(recipe)`` builds a worker's context once; ``work(context, chunk)`` does one
    chunk. Both must be module-level functions (they are sent by name) and the recipe small and
    picklable: it travels to every worker and tells a worker whether its context is current."""

    setup: Callable[[Any], C]
    recipe: Hashable
    work: Callable[[C, list], R]


def in_threads(function: Callable[[Any], R], items: Iterable, workers: int) -> list[R]:
    """``[function(item) for item in items]``, on up to ``workers`` threads (in this thread for
    one). Only worth it when ``function`` spends its time in code that releases the GIL (numpy's
    random draws); the results are the same whatever the number of threads as long as each call
    draws from its own seeded generator.

    >>> in_threads(abs, [-2, 1, -3], workers=2)
    [2, 1, 3]
    """
    items = list(items)
    if workers <= 1 or len(items) <= 1:
        return [function(item) for item in items]
    with ThreadPoolExecutor(max_workers=min(workers, len(items))) as pool:
        return list(pool.map(function, items))


@contextmanager
def alongside(function: Callable[..., R], *args: Any, workers: int) -> Iterator[Callable[[], R]]:
    """Run ``function(*args)`` on a thread of its own while the ``with`` block runs, and give
    the block a callable that waits for its result; with one worker nothing runs beside the
    block, and the callable runs ``function`` when it is called. For a step that spends part
    of its time outside the GIL (sparse products, numpy), beside steps that do too.

    >>> with alongside(sum, [1, 2, 3], workers=2) as total:
    ...     total()
    6
    """
    if workers <= 1:
        yield lambda: function(*args)
        return
    with ThreadPoolExecutor(max_workers=1) as pool:
        future = pool.submit(function, *args)
        yield future.result


def chunk_slices(sizes: Sequence[int], target: int) -> list[slice]:
    """Consecutive slices of items whose ``sizes`` add up to about ``target`` each: a chunk
    closes once it reaches ``target``, and every chunk holds at least one item."""
    slices = []
    start, filled = 0, 0
    for i, size in enumerate(sizes):
        filled += size
        if filled >= target:
            slices.append(slice(start, i + 1))
            start, filled = i + 1, 0
    if start < len(sizes):
        slices.append(slice(start, len(sizes)))
    return slices


def drain(items: list, slices: Iterable[slice]) -> Iterator[list]:
    """``items[s]`` for each slice, dropping the list's own references as it goes, so an item
    can be freed as soon as its chunk is done."""
    for s in slices:
        chunk = items[s]
        items[s] = [None] * len(chunk)
        yield chunk


def map_chunks(
    job: Job[C, R],
    chunks: Iterable[list],
    *,
    n_chunks: int,
    workers: int,
    scheduler: str | None = None,
    local_context: C | None = None,
) -> Iterator[R]:
    """``job.work(context, chunk)`` for every chunk, yielded in the order of ``chunks``.

    With ``scheduler`` (a Dask scheduler address) the chunks run on that cluster; else on
    ``min(workers, n_chunks)`` local processes, or in this process when that is one (with
    ``local_context``, or a context built here from the recipe).
    """
    if scheduler:
        yield from _on_dask(job, chunks, scheduler)
    elif min(workers, n_chunks) > 1:
        yield from _on_processes(job, chunks, min(workers, n_chunks))
    else:
        context = local_context if local_context is not None else job.setup(job.recipe)
        for chunk in chunks:
            with _one_blas_thread():
                result = job.work(context, chunk)
            yield result


# -- in a worker -------------------------------------------------------------------------------

# The context of this worker process and the (setup, recipe) it was built from. One at a time:
# a Dask worker that serves another run replaces it.
_context: tuple[tuple[Callable, Hashable], Any] | None = None
# A Dask worker may run several tasks at once in threads. They share the context, whose
# tokenizer memo must not change under two threads at once, so they take turns (the work holds
# the GIL anyway).
_lock = threading.Lock()


def _context_for(setup: Callable[[Any], C], recipe: Hashable) -> C:
    global _context
    if _context is None or _context[0] != (setup, recipe):
        _context = None  # free the old context before building the new one
        _context = ((setup, recipe), setup(recipe))
    return _context[1]


def _start_worker(setup: Callable[[Any], Any], recipe: Hashable) -> None:
    """Build the context as a local worker process starts, so the workers get ready while the
    parent is still sending chunks."""
    # Ctrl-C reaches every process of the terminal's group: let the parent alone handle it
    # (it cancels the chunks not started and waits for the running ones), rather than each
    # worker printing its own traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    with _lock:
        try:
            _context_for(setup, recipe)
        except Exception:
            # An initializer that raises breaks the whole pool and loses the error; the first
            # chunk builds the context again and its error reaches the parent as it is.
            return


def _one_blas_thread() -> Any:
    # One BLAS thread wherever the map runs: worker processes already keep the cores busy, and
    # OpenBLAS threads on top of them (for the small per-article bootstraps) made 2 workers no
    # faster than 1 on 2 cores (articles stage on 2M characters: 25.5 s either way; 15.7 s with
    # one thread each); in this process alone they kept a second core busy for nothing (21.4 s
    # wall for 41.6 s of CPU, against 21.6 s for 21.6 s with one thread).
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1, user_api="blas")


def _run_chunk(job: Job[C, R], chunk: list) -> R:
    with _lock, _one_blas_thread():
        return job.work(_context_for(job.setup, job.recipe), chunk)


# -- in the parent -----------------------------------------------------------------------------


def _in_order(submit: Callable[..., Any], job: Job[C, R], chunks: Iterable[list], window: int) -> Iterator[R]:
    """Submit chunks, at most ``window`` in flight, and yield their results in order."""
    pending: deque = deque()
    for chunk in chunks:
        pending.append(submit(_run_chunk, job, chunk))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def _on_processes(job: Job[C, R], chunks: Iterable[list], workers: int) -> Iterator[R]:
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start_worker,
        initargs=(job.setup, job.recipe),
    )
    try:
        yield from _in_order(pool.submit, job, chunks, CHUNKS_IN_FLIGHT_PER_WORKER * workers)
    except BrokenProcessPool as exc:
        raise WorkerError(
            f"a worker process stopped unexpectedly ({exc}); it may have run out of memory: "
            "run again with fewer --workers."
        ) from exc
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _check_address(address: str) -> None:
    """Refuse an address Dask cannot parse, or whose host is unknown, before a client is made:
    a client that fails on such an address is left half-built, and on its way out it waits a
    minute for its own event loop and then prints a traceback (measured: dask.distributed
    2026.8)."""
    from distributed.comm import resolve_address

    try:
        resolve_address(address)
    except ValueError as exc:
        raise WorkerError(
            f"--scheduler {address}: not a Dask scheduler address ({exc}); give one such as tcp://HOST:8786."
        ) from exc
    except OSError as exc:
        raise WorkerError(
            f"--scheduler {address}: cannot find that host ({exc.strerror or exc}); check the "
            "address (tcp://HOST:8786)."
        ) from exc


def _on_dask(job: Job[C, R], chunks: Iterable[list], address: str) -> Iterator[R]:
    try:
        from distributed import Client
    except ImportError as exc:
        raise WorkerError(
            f"--scheduler {address}: dask.distributed is not installed; install it with "
            "pip install 'stance[cluster]', or run without --scheduler."
        ) from exc
    _check_address(address)
    try:
        client = Client(address, timeout=f"{DASK_TIMEOUT_SECONDS}s", set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise WorkerError(
            f"--scheduler {address}: cannot connect to a Dask scheduler there ({exc}); check the "
            "address (tcp://HOST:8786) and that the scheduler is running."
        ) from exc
    try:
        try:
            client.wait_for_workers(1, timeout=DASK_TIMEOUT_SECONDS)
        except TimeoutError as exc:
            raise WorkerError(
                f"--scheduler {address}: the scheduler has no workers after "
                f"{DASK_TIMEOUT_SECONDS} s; start dask workers for it."
            ) from exc
        threads = sum(client.nthreads().values()) or 1

        def submit(fn: Callable[..., Any], *args: Any) -> Any:
            # pure=False: the chunks are never equal, so do not spend time hashing their text.
            return client.submit(fn, *args, pure=False)

        yield from _in_order(submit, job, chunks, CHUNKS_IN_FLIGHT_PER_WORKER * threads)
    finally:
        client.close()
