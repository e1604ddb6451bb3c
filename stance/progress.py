"""Progress of a run, reported through an object the caller passes in: the library never prints.

The pipeline wraps each stage in ``progress.stage(name, total=..., unit=...)``, calls the
``advance(n)`` it yields as work gets done, and ends with ``progress.done(n_articles)``. The
command line picks the reporter with :func:`make_progress`: a tqdm bar per stage when stderr is
a terminal, one line per stage otherwise (logs, pipes, CI), nothing when quiet.

>>> import io
>>> stream = io.StringIO()
>>> progress = LineProgress(stream, clock=iter([0.0, 2.0, 4.0]).__next__)
>>> with progress.stage("articles", total=4) as advance:
...     advance(4)
>>> progress.done(4)
>>> print(stream.getvalue(), end="")
articles: 4 articles in 2.0 s (2.0 articles/s)
done: 4 articles in 4.0 s (1.0 articles/s)
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Protocol, TextIO

Advance = Callable[[int], None]


class Progress(Protocol):
    """What a run reports while it works."""

    def stage(
        self, name: str, *, total: int | None = None, unit: str = "articles"
    ) -> AbstractContextManager[Advance]:
        """Enter a stage of ``total`` units of work (None when not known in advance); the
        context yields ``advance(n)``, to be called as ``n`` more units are done."""
        ...

    def done(self, n_articles: int) -> None:
        """The run has finished, having analysed ``n_articles`` articles."""
        ...


def _ignore(n: int) -> None:
    return None


class NullProgress:
    """Reports nothing (``--quiet``, and every caller that passes no progress object)."""

    @contextmanager
    def stage(self, name: str, *, total: int | None = None, unit: str = "articles") -> Iterator[Advance]:
        yield _ignore

    def done(self, n_articles: int) -> None:
        return None


def _rate(count: int, seconds: float, unit: str) -> str:
    return f" ({count / seconds:,.1f} {unit}/s)" if seconds > 0 else ""


class LineProgress:
    """One line per finished stage on ``stream`` (``read: 120 articles in 0.4 s``), and a last
    line with the elapsed time and articles per second. A stage that fails prints nothing: the
    error is the caller's to report."""

    def __init__(self, stream: TextIO, *, clock: Callable[[], float] = time.perf_counter) -> None:
        self.stream = stream
        self.clock = clock
        self._started: float | None = None

    def _now(self) -> float:
        now = self.clock()
        if self._started is None:
            self._started = now
        return now

    @contextmanager
    def stage(self, name: str, *, total: int | None = None, unit: str = "articles") -> Iterator[Advance]:
        start = self._now()
        count = 0

        def advance(n: int) -> None:
            nonlocal count
            count += n

        yield advance
        seconds = self._now() - start
        rate = _rate(count, seconds, unit) if unit == "articles" else ""
        self._write(f"{name}: {count:,} {unit} in {seconds:.1f} s{rate}")

    def done(self, n_articles: int) -> None:
        seconds = self._now() - (self._started if self._started is not None else self._now())
        self._write(
            f"done: {n_articles:,} articles in {seconds:.1f} s{_rate(n_articles, seconds, 'articles')}"
        )

    def _write(self, line: str) -> None:
        self.stream.write(line + "\n")
        self.stream.flush()


class BarProgress(LineProgress):
    """A tqdm progress bar per stage (for a terminal); the last line as :class:`LineProgress`."""

    @contextmanager
    def stage(self, name: str, *, total: int | None = None, unit: str = "articles") -> Iterator[Advance]:
        from tqdm import tqdm

        self._now()
        bar = tqdm(total=total, desc=name, unit=f" {unit}", file=self.stream, leave=True, dynamic_ncols=True)
        try:
            yield bar.update
        finally:
            bar.close()


def make_progress(*, quiet: bool = False, stream: TextIO | None = None) -> Progress:
    """The reporter the command line passes to :func:`stance.pipeline.run_report`: nothing when
    ``quiet``, bars when ``stream`` (default: stderr) is a terminal, else one line per stage."""
    if quiet:
        return NullProgress()
    stream = sys.stderr if stream is None else stream
    return BarProgress(stream) if stream.isatty() else LineProgress(stream)


__all__ = ["BarProgress", "LineProgress", "NullProgress", "Progress", "make_progress"]
