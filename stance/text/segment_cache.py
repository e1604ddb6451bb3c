"""The segmentation cache: one SQLite file per dictionary, read and written in batches.

Nothing is loaded up front: :meth:`SegmentStore.lookup` asks the file for the texts at hand (one
``SELECT`` per batch of :data:`LOOKUP_BATCH`), :meth:`SegmentStore.add` holds a new segmentation
until :meth:`SegmentStore.save` writes it (one transaction) and forgets it, so memory depends on
what is cut between two saves, not on the corpus. Several processes may read and write the same
file at once.

The cache is only a speed-up. When it cannot be used the caller gets :class:`CacheUnusable`
(its message is the one warning line) and runs on without it; a damaged file is deleted and a
new one started, once per run; entries whose tokens do not join back to their text are ignored,
counted in :attr:`SegmentStore.ignored`, and replaced at the next save.
"""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
import stat
import threading
import warnings
from collections.abc import Sequence
from contextlib import suppress
from pathlib import Path
from typing import NoReturn

from stance.errors import StanceWarning

# Texts asked for in one SELECT: well under SQLite's limit on bound parameters (32,766; 999
# before SQLite 3.32).
LOOKUP_BATCH = 500
# How long a process waits for another one's write (a few milliseconds each) before giving up.
BUSY_TIMEOUT_S = 30.0
_SCHEMA = "CREATE TABLE IF NOT EXISTS segments (text TEXT PRIMARY KEY, tokens TEXT NOT NULL) WITHOUT ROWID"
_COLUMNS = ["text", "tokens"]
# SQLite's primary result codes for a file that is not a sound database.
_DAMAGED = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}
_NOT_CACHED = (
    "segmentations are not cached, the results are the same (set STANCE_CACHE_DIR to a writable folder)"
)


class CacheUnusable(Exception):
    """The cache file cannot be used for the rest of the run. ``str(exc)`` is the warning line;
    ``folder`` is True when the cache folder cannot be written either."""

    def __init__(self, message: str, *, folder: bool = False) -> None:
        super().__init__(message)
        self.folder = folder


class _Damaged(Exception):
    """The file is not a sound segmentation cache (``args[0]`` says why)."""


class SegmentStore:
    """The cache file at ``path`` (created when missing): text to its tokens joined by a space.

    Raises :class:`CacheUnusable` when the file cannot be used (not a regular file, cannot be
    created or opened); a damaged file is deleted and replaced by a new one, with a warning.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.ignored = 0  # entries read whose tokens do not join back to their text
        self._pending: dict[str, tuple[str, ...]] = {}
        self._replace: set[str] = set()  # pending texts whose entry in the file is bad
        self._restarted = False
        self._db: sqlite3.Connection | None = None
        self._pid = os.getpid()
        self._file_id: tuple[int, int] | None = None
        # A Dask worker runs its tasks in threads, taking turns with one context (and this
        # cache): the connection may be used from any thread, one at a time.
        self._lock = threading.Lock()
        self._connection()

    @property
    def pending(self) -> int:
        """How many new segmentations wait for :meth:`save`."""
        return len(self._pending)

    # -- opening ---------------------------------------------------------------------------
    def _connect(self) -> sqlite3.Connection:
        path = self.path
        try:
            mode = os.stat(path).st_mode
        except FileNotFoundError:
            mode = None
        except OSError as exc:
            raise CacheUnusable(
                f"{path}: the segmentation cache cannot be read ({_reason(exc)}); it was not used"
            ) from exc
        if mode is not None and not stat.S_ISREG(mode):
            raise CacheUnusable(f"{path}: the segmentation cache is not a regular file; it was not read")
        try:
            # Created here rather than by SQLite, whose error would not say why (Permission denied).
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError as exc:
            if mode is None:
                raise CacheUnusable(
                    f"{path.parent}: cannot write the segmentation cache here ({_reason(exc)}); {_NOT_CACHED}",
                    folder=True,
                ) from exc
            raise CacheUnusable(
                f"{path}: cannot write the segmentation cache ({_reason(exc)}); {_NOT_CACHED}", folder=True
            ) from exc
        try:
            info = os.fstat(fd)
        finally:
            os.close(fd)
        self._file_id = (info.st_dev, info.st_ino)
        db = None
        try:
            db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
            # SQLite's rollback journal, not WAL: when a damaged file is deleted, a process that
            # still has it open gets SQLITE_READONLY_DBMOVED on its next write instead of writing
            # through a -wal file that the new database of the same name would pick up. No fsync
            # (synchronous=OFF): a process killed mid-write leaves a sound file (the system has
            # the bytes); only a power cut or a system crash can damage it, and the next run then
            # deletes the damaged file and starts again. The cache is only a speed-up.
            db.execute("PRAGMA journal_mode=DELETE").fetchall()
            db.execute("PRAGMA synchronous=OFF")
            db.execute(_SCHEMA)
            if [row[1] for row in db.execute("PRAGMA table_info(segments)")] != _COLUMNS:
                raise _Damaged("not a segmentation cache")
            db.execute("SELECT text, tokens FROM segments LIMIT 1").fetchall()
        except (sqlite3.Error, _Damaged) as exc:
            if db is not None:
                db.close()
            self._failed(exc, writing=False)
        self._db, self._pid = db, os.getpid()
        return db

    def _connection(self) -> sqlite3.Connection:
        """The open connection; a damaged file met on opening is replaced by a new one."""
        # A connection must not cross a fork: a forked child opens its own.
        if self._db is not None and self._pid == os.getpid():
            return self._db
        try:
            return self._connect()
        except _Damaged as exc:
            return self._restart(str(exc))

    def _failed(self, exc: BaseException, *, writing: bool) -> NoReturn:
        """Raise what ``exc`` means for the cache: damaged (:class:`_Damaged`) or unusable."""
        if isinstance(exc, _Damaged):
            raise exc
        code = getattr(exc, "sqlite_errorcode", None)
        if code is not None and code & 0xFF in _DAMAGED:
            raise _Damaged(str(exc)) from exc
        if writing:
            raise CacheUnusable(
                f"{self.path}: cannot write the segmentation cache ({_reason(exc)}); {_NOT_CACHED}",
                folder=True,
            ) from exc
        raise CacheUnusable(
            f"{self.path}: the segmentation cache cannot be read ({_reason(exc)}); it was not used"
        ) from exc

    def _restart(self, why: str) -> sqlite3.Connection:
        """Delete the damaged file, if it is still the one opened here, and start a new one:
        once per run, then the cache is given up."""
        if self._db is not None:
            with suppress(sqlite3.Error):
                self._db.close()
            self._db = None
        if self._restarted:
            raise CacheUnusable(f"{self.path}: the segmentation cache is damaged ({why}); it was not used")
        self._restarted = True
        self._pending.clear()
        self._replace.clear()
        with suppress(OSError):
            info = os.stat(self.path)
            if (info.st_dev, info.st_ino) == self._file_id:  # not a new one another process started
                os.unlink(self.path)
                with suppress(FileNotFoundError):
                    os.unlink(f"{self.path}-journal")
        _warn(f"{self.path}: the segmentation cache is damaged ({why}); it was deleted and a new one started")
        try:
            return self._connect()
        except _Damaged as exc:
            raise CacheUnusable(
                f"{self.path}: the segmentation cache is damaged ({exc}); it was not used"
            ) from exc

    # -- reading and writing ---------------------------------------------------------------
    def lookup(self, texts: Sequence[str]) -> dict[str, tuple[str, ...]]:
        """The tokens of those ``texts`` (distinct) that the cache holds, pending ones included."""
        with self._lock:
            return self._lookup(texts)

    def _lookup(self, texts: Sequence[str]) -> dict[str, tuple[str, ...]]:
        found = {t: self._pending[t] for t in texts if t in self._pending}
        ask = [t for t in texts if t not in found and _storable(t)]
        for start in range(0, len(ask), LOOKUP_BATCH):
            batch = ask[start : start + LOOKUP_BATCH]
            query = f"SELECT text, tokens FROM segments WHERE text IN ({','.join('?' * len(batch))})"
            try:
                rows = self._connection().execute(query, batch).fetchall()
            except sqlite3.Error as exc:
                try:
                    self._failed(exc, writing=False)
                except _Damaged as damaged:
                    self._restart(str(damaged))
                    return found
            for text, joined in rows:
                tokens = _cached_tokens(text, joined)
                if tokens is not None:
                    found[text] = tokens
                    continue
                if not self.ignored:
                    _warn(
                        f"{self.path}: cached segmentations were ignored (not text, or tokens that do not join "
                        "back to the text); those sentences are segmented again and their entries replaced"
                    )
                self.ignored += 1
                self._replace.add(text)
        return found

    def add(self, text: str, tokens: tuple[str, ...]) -> None:
        """Hold a new segmentation until :meth:`save`."""
        if _storable(text):
            with self._lock:
                self._pending[text] = tokens

    def save(self) -> None:
        """Write the pending segmentations (one transaction) and forget them."""
        with self._lock:
            self._save()

    def _save(self) -> None:
        if not self._pending:
            return
        replace = [(t, " ".join(v)) for t, v in self._pending.items() if t in self._replace]
        insert = [(t, " ".join(v)) for t, v in self._pending.items() if t not in self._replace]
        self._pending.clear()
        self._replace.clear()
        db = self._connection()
        try:
            # IMMEDIATE: take the write lock (waiting for other writers) before the first row.
            db.execute("BEGIN IMMEDIATE")
            db.executemany("INSERT OR REPLACE INTO segments VALUES (?, ?)", replace)
            db.executemany("INSERT OR IGNORE INTO segments VALUES (?, ?)", insert)
            db.execute("COMMIT")
        except sqlite3.Error as exc:
            if db.in_transaction:
                with suppress(sqlite3.Error):
                    db.execute("ROLLBACK")
            try:
                self._failed(exc, writing=True)
            except _Damaged as damaged:
                self._restart(str(damaged))

    def close(self) -> None:
        if self._db is not None and self._pid == os.getpid():
            self._db.close()
        self._db = None


def _storable(text: str) -> bool:
    """SQLite holds UTF-8: a text with a lone surrogate is segmented but not cached."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _cached_tokens(text: object, joined: object) -> tuple[str, ...] | None:
    """The tokens a cache entry holds for ``text``, or None when the entry cannot be a
    segmentation of it: not strings, an empty token, or tokens that do not join back to the
    text without its whitespace (which is what :meth:`Segmenter.cut` returns)."""
    if not isinstance(text, str) or not isinstance(joined, str):
        return None
    tokens = tuple(joined.split(" ")) if joined else ()
    if "" in tokens or "".join(tokens) != "".join(text.split()):
        return None
    return tokens


def _reason(exc: BaseException) -> str:
    """The short cause of an error (``Permission denied``, ``database is locked``), else the
    exception's kind."""
    if isinstance(exc, sqlite3.Error):
        return str(exc)
    return getattr(exc, "strerror", None) or type(exc).__name__


def _warn(message: str) -> None:
    """One :class:`StanceWarning`, from the process that runs the command only: worker processes
    use the same cache and would repeat the warning once each."""
    if multiprocessing.parent_process() is None:
        warnings.warn(message, StanceWarning, stacklevel=2)
