"""Writing output files so that a fault never leaves a half-written file or a mixed set.

One file (``write_bytes_atomic``): written to a temporary file beside it, flushed to disk and
renamed over the old one, so the path holds the old bytes or the new, never a part.

A set of files (``write_files``, the report): ``--out`` holds exactly the previous set or
exactly the new one, whatever happens during writing (a full disk, Ctrl-C, ``kill -9``, a power
cut). POSIX has no rename of many files at once, and ``--out`` is the user's folder (it may hold
files of theirs, so it cannot itself be swapped), so the switch is journalled like a database
commit:

1. every new file is written into ``--out/.stance-writing/new/`` and flushed to disk; a failure
   here (disk full, an interrupt) deletes that folder and leaves ``--out`` as it was;
2. ``.stance-writing/switch.json`` is written atomically: the names and SHA-256 of the new
   files and the previous report's files that the new one no longer has. Its rename is the
   commit point;
3. the files are renamed into ``--out`` (``manifest.json`` last), the dropped ones removed, and
   ``.stance-writing`` deleted. Ctrl-C and SIGTERM wait for these renames (a few
   milliseconds); after ``kill -9`` or a power cut in this step the next write into the same
   ``--out`` finishes it from the journal before doing anything else.

A ``.stance-writing`` folder without a journal is the remains of a run that stopped before its
commit point; the next write deletes it. It is never read as a report. Files in ``--out`` that
the set does not name are never touched, except the previous report's own files (named in the
``outputs`` of its ``manifest.json``) that the new report does not write, which are removed in
the switch so the folder holds one report. Files are created with mode ``0666`` less the user's
umask, as any program's would be.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import secrets
import shutil
import signal
import stat
import threading
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from pathlib import Path

from stance.errors import OutputError

WORK_DIR = ".stance-writing"
JOURNAL = "switch.json"
STAGED = "new"
REPORT_MANIFEST = "manifest.json"
# What a worksheet wrote (stance.classroom): hidden, beside the pages a class prints.
WORKSHEET_RECORD = ".stance-worksheet.json"
# What `stance lexicon report` wrote (the workbench), hidden likewise.
WORKBENCH_RECORD = ".stance-lexicon-report.json"
RECORDS = (REPORT_MANIFEST, WORKSHEET_RECORD, WORKBENCH_RECORD)
# Free space asked for beyond the bytes themselves: a block per file (file systems round sizes
# up) and a fixed margin for the journal and directory entries.
BLOCK = 4096
SPACE_MARGIN = 1 << 20

# What this process has written, by absolute path: "set" after a committed write_files into
# that folder, "file" after single-file writes there. Only interrupted_message reads it, to
# tell the user exactly what an interrupt left behind.
_WRITTEN: dict[str, str] = {}


class OutputWriteError(OutputError, OSError):
    """The operating system refused a write (disk full, read-only, no permission). Still an
    ``OSError``, so callers that treat a failed write as a lost speed-up (the segmentation
    cache) keep catching it."""


# errno -> (what happened, what to do)
_REASONS = {
    errno.ENOSPC: ("the disk is full", "free some space"),
    errno.EROFS: ("the file system is read-only", "use a writable disk"),
    errno.EACCES: ("permission denied", "make the folder writable"),
    errno.EPERM: ("permission denied", "make the folder writable"),
}
if hasattr(errno, "EDQUOT"):  # not on Windows
    _REASONS[errno.EDQUOT] = ("the disk quota is used up", "free some space")


def _write_error(path: Path, exc: OSError, then: str, state: str) -> OutputWriteError:
    """``path: cannot write (reason); what to do<then>; state.``"""
    reason, action = _REASONS.get(exc.errno, (exc.strerror or str(exc), "check the disk"))
    return OutputWriteError(f"{path}: cannot write ({reason}); {action}{then}; {state}.")


def prepare_out_dir(out: Path) -> Path:
    """Create ``out`` if needed; refuse a path that is a file."""
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out}: is a file, not a directory; choose another --out path.")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(
            f"{out}: cannot create the output directory ({exc.strerror}); choose another --out path."
        ) from exc
    return out


def _unusable(folder: Path) -> str | None:
    """Why the existing path ``folder`` cannot take new files ("is a file, not a folder", "is not
    writable"), or None when it can."""
    if not folder.is_dir():
        return "is a file, not a folder"
    return None if os.access(folder, os.W_OK | os.X_OK) else "is not writable"


def check_out_dir(out: Path) -> None:
    """Refuse, before any work, an ``--out`` that is a file (:func:`prepare_out_dir`'s one-line
    error), and one the write could not create or write into: its nearest existing folder is a
    file (``notes.txt/out``) or not writable. A folder, or a path that can be made, is left for
    the write to create."""
    if out.exists() and not out.is_dir():
        prepare_out_dir(out)
    existing = next((p for p in (out, *out.parents) if os.path.lexists(p)), None)
    why = None if existing is None else _unusable(existing)
    if why is not None:
        what = "write into the output directory" if existing == out else "create the output directory"
        raise OutputError(f"{out}: cannot {what} ({existing} {why}); choose another --out path.")


def check_parent(path: Path, option: str) -> None:
    """Refuse, before any work, an output file (``--out model.zip``, ``--predictions p.csv``)
    whose folder does not exist, is a file or is not writable."""
    parent = Path(path).parent
    if not os.path.lexists(parent):
        raise OutputError(
            f"{path}: the directory {parent} does not exist; create it or choose another {option}."
        )
    why = _unusable(parent)
    if why == "is not writable":
        raise OutputError(
            f"{path}: the directory {parent} {why}; make it writable or choose another {option}."
        )
    if why is not None:
        raise OutputError(f"{path}: {parent} {why}; choose another {option}.")


def starts_with_header(path: Path, columns: Sequence[str]) -> bool:
    """Whether the file at ``path`` is a CSV whose first line is ``columns`` as this tool writes
    them: how a command recognises a table it wrote earlier (so it may replace it). An
    unreadable file is not one."""
    try:
        with path.open("rb") as handle:
            return handle.readline().rstrip(b"\r\n") == ",".join(columns).encode()
    except OSError:
        return False


# -- never over an input ----------------------------------------------------------------------

# What a run reads, by what the user calls it: {"labels file": Path, "model": Path, ...}; None
# values (an input not given) are skipped.
Inputs = Mapping[str, Path | None]


def same_file(a: Path, b: Path) -> bool:
    """Whether ``a`` and ``b`` are one existing file, whatever the spelling of either path (a
    relative path, ``..``, a symbolic or hard link, a case-insensitive file system)."""
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def refuse_inputs(paths: Iterable[Path], inputs: Inputs, option: str) -> None:
    """Refuse to write any of ``paths`` that is one of the run's ``inputs``: an output given the
    path of the labels, a gold file, a model or a corpus file would replace what the run reads.

    >>> refuse_inputs([Path("model.zip")], {"labels file": None}, "--out")
    """
    for path in paths:
        for what, source in inputs.items():
            if source is not None and same_file(path, source):
                raise OutputError(
                    f"{path}: is the {what} this run reads; give {option} another path (nothing was written)."
                )


# -- one file -------------------------------------------------------------------------------


def _write_all(fd: int, data: bytes) -> None:
    """Write every byte of ``data`` to ``fd`` (``os.write`` may write fewer)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _create(path: Path, data: bytes | Path) -> str:
    """Create ``path`` (which must not exist) holding ``data`` (bytes, or the content of a file
    written elsewhere, copied a block at a time), flushed to disk; returns the SHA-256 of what
    was written. Mode 0666 is passed to the kernel, which takes the umask (and any default ACL)
    off it, unlike ``tempfile.mkstemp``'s fixed 0600. A failed write removes the partial file."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags, 0o666)
    digest = hashlib.sha256()
    try:
        try:
            if isinstance(data, bytes | bytearray):
                _write_all(fd, data)
                digest.update(data)
            else:
                with open(data, "rb") as source:
                    for block in iter(lambda: source.read(1 << 20), b""):
                        _write_all(fd, block)
                        digest.update(block)
            os.fsync(fd)
        finally:
            os.close(fd)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(path)
        raise
    return digest.hexdigest()


def _size(data: bytes | Path) -> int:
    return len(data) if isinstance(data, bytes | bytearray) else os.path.getsize(data)


def _fsync_dir(path: Path) -> None:
    """Flush a folder's entries (renames, removals) to disk; a no-op where folders cannot be
    opened or flushed (Windows, some network file systems)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _temporary_name(path: Path) -> Path:
    return path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a flushed temporary file and ``os.replace``: ``path``
    holds the old bytes or the new, never a part. The file gets mode 0666 less the umask. A
    refused write (disk full, read-only, no permission) is an :class:`OutputWriteError`
    naming ``path``, with the old file unchanged."""
    path = Path(path)
    tmp = _temporary_name(path)
    try:
        _create(tmp, data)
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise _write_error(path, exc, " and try again", "the previous file is unchanged") from exc
        raise
    _fsync_dir(path.parent)
    _WRITTEN.setdefault(os.path.abspath(path), "file")
    _WRITTEN.setdefault(os.path.abspath(path.parent), "file")


def write_text_atomic(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))


# -- a set of files ---------------------------------------------------------------------------


def _plain_name(name: object) -> bool:
    """A file name directly inside the folder: no separators, not hidden under our work folder."""
    return (
        isinstance(name, str)
        and name not in ("", ".", "..")
        and "/" not in name
        and "\\" not in name
        and "\x00" not in name
        and not name.startswith(WORK_DIR)
    )


@contextlib.contextmanager
def _locked(out: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``out`` so two runs never write into it at once (POSIX; where
    folders cannot be locked the write goes ahead unlocked)."""
    try:
        import fcntl
    except ImportError:  # Windows
        yield
        return
    try:
        fd = os.open(out, os.O_RDONLY)
    except OSError:
        yield
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputError(
                f"{out}: another stance run is writing into this folder; wait for it to finish "
                "or choose another --out."
            ) from None
        except OSError:
            pass  # no locks on this file system
        yield
    finally:
        os.close(fd)


@contextlib.contextmanager
def _signals_deferred() -> Iterator[None]:
    """Hold back Ctrl-C and SIGTERM while the files are switched in: the switch takes a few
    milliseconds and stopping half-way would leave two reports mixed until the next run. A
    signal that arrives meanwhile is dropped once the switch is done: the work it would have
    stopped is finished."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {}
    try:
        for sig in (signal.SIGINT, getattr(signal, "SIGTERM", None)):
            handler = signal.getsignal(sig) if sig is not None else None
            if handler is None:  # not a signal here, or a handler Python cannot restore
                continue
            signal.signal(sig, lambda *_: None)
            previous[sig] = handler
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _record_of(names: Iterable[str]) -> str | None:
    """The record a set of files carries (a report's ``manifest.json``, a worksheet's
    ``.stance-worksheet.json``): the list of what it wrote, by which the next set of the same
    kind knows its own files. None for a set without one (``evaluate --articles``)."""
    present = set(names)
    return next((record for record in RECORDS if record in present), None)


def _previous_outputs(out: Path, record: str = REPORT_MANIFEST) -> list[str]:
    """The files the set now in ``out`` says it wrote (its ``record``'s ``outputs``); empty
    when there is no readable stance record of that name."""
    try:
        manifest = json.loads((out / record).read_bytes())
    except (OSError, ValueError):
        return []
    if not isinstance(manifest, dict) or manifest.get("tool") != "stance":
        return []
    outputs = manifest.get("outputs")
    return [n for n in outputs if _plain_name(n)] if isinstance(outputs, list) else []


def record_bytes(names: Iterable[str], record: str) -> bytes:
    """A hidden record (a worksheet's, the workbench's) listing a set's files, itself included:
    what the next set of the same kind in the folder may replace or remove."""
    outputs = sorted({*names, record})
    return (json.dumps({"tool": "stance", "outputs": outputs}, indent=1) + "\n").encode("utf-8")


def _refuse_theirs(out: Path, names: Sequence[str], ours: set[str]) -> None:
    """A set with a record (a report, a worksheet) replaces only the files the previous one
    wrote (``ours``): a file of the same name that no stance record there lists is the user's
    (their own ``articles.csv`` or ``worksheet.pdf``, a web folder's ``manifest.json``), and the
    set is refused before anything is written."""
    for name in names:
        path = out / name
        if name not in ours and os.path.lexists(path):
            raise OutputError(
                f"{path}: already exists and was not written by stance; move it away or choose "
                "another --out (nothing was written)."
            )


def _dropped(out: Path, names: Collection[str], ours: set[str]) -> list[str]:
    """The previous set's files (``ours``) that the new one does not write (an
    export format left out this time, a worksheet's PDFs when no renderer is installed): removed
    in the switch so ``out`` holds one set of each kind. Only regular files."""
    dropped = []
    for name in ours:
        if name in names:
            continue
        with contextlib.suppress(OSError):
            if stat.S_ISREG(os.lstat(out / name).st_mode):
                dropped.append(name)
    return sorted(set(dropped))


def _refusals(out: Path, names: Sequence[str], inputs: Inputs | None, legacy: Iterable[str]) -> list[str]:
    """Refuse a set of files ``names`` that would replace a folder, one of the run's ``inputs``
    or (for a set with a record) a file of the user's; returns the previous set's files the new
    one drops (:func:`_dropped`). The previous set's files are those its record lists, and
    ``legacy`` (files an earlier version wrote before it kept a record)."""
    for name in names:
        if (out / name).is_dir():
            raise OutputError(f"{out / name}: is a folder; move it away or choose another --out.")
    record = _record_of(names)
    ours = set() if record is None else {*_previous_outputs(out, record), *legacy}
    dropped = _dropped(out, names, ours)
    if inputs:
        refuse_inputs([out / name for name in [*names, *dropped]], inputs, "--out")
    if record is not None:
        _refuse_theirs(out, names, ours)
    return dropped


def check_files(
    out: Path, names: Iterable[str], *, inputs: Inputs | None = None, legacy: Iterable[str] = ()
) -> None:
    """Make the output checks before a long run rather than after it: ``out`` can be made
    (:func:`check_out_dir`), and the set of files ``names`` (known before the analysis) would
    not replace a folder, an input or a file of the user's (:func:`write_files`' refusals).
    Reads ``out`` only. ``write_files`` checks again when it writes; a folder with an
    interrupted write in it is left to that check, which first finishes the write."""
    out = Path(out)
    check_out_dir(out)
    if not out.is_dir() or os.path.lexists(out / WORK_DIR):
        return
    _refusals(out, sorted(names), inputs, legacy)


def _switch_order(names) -> list[str]:
    """Names in the order they are renamed in: the record (a report's manifest, a worksheet's
    list) last, so a reader who sees the new record sees every file it lists."""
    return sorted(names, key=lambda n: (n in RECORDS, n))


def _switch(out: Path, journal: Mapping) -> None:
    """Step 3: rename the staged files into ``out``, remove the dropped files, delete the work
    folder. Safe to repeat after an interruption at any point."""
    work = out / WORK_DIR
    staged = work / STAGED
    for name in _switch_order(journal["files"]):
        source = staged / name
        if os.path.lexists(source):
            os.replace(source, out / name)
    for name in journal["remove"]:
        target = out / name
        with contextlib.suppress(FileNotFoundError):
            if stat.S_ISREG(os.lstat(target).st_mode):
                os.unlink(target)
    _fsync_dir(staged)
    _fsync_dir(out)
    os.unlink(work / JOURNAL)
    shutil.rmtree(work)


def _read_journal(work: Path) -> dict | None:
    """The committed journal in ``work``; None when there is none (the run stopped before its
    commit point). A journal that does not parse or names files outside the folder is refused."""
    path = work / JOURNAL
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise OutputError(f"{path}: cannot read ({exc.strerror}); make the folder readable.") from exc
    try:
        journal = json.loads(data)
        files, remove = journal["files"], journal["remove"]
        valid = (
            isinstance(files, dict)
            and isinstance(remove, list)
            and all(_plain_name(n) and isinstance(h, str) for n, h in files.items())
            and all(_plain_name(n) for n in remove)
        )
    except (ValueError, KeyError, TypeError):
        valid = False
    if not valid:
        raise OutputError(
            f"{path}: not a record of an interrupted stance write; delete the folder {work} and run again."
        )
    return journal


def recover(out: Path) -> str:
    """Finish or undo a write into ``out`` that a kill or power cut interrupted; returns
    ``"clean"`` (nothing to do), ``"rolled back"`` (the run stopped before its commit point:
    its staged files are deleted, ``out`` keeps the previous set) or ``"rolled forward"`` (the
    run had committed: its files are switched in). ``write_files`` calls it first."""
    out = Path(out)
    work = out / WORK_DIR
    if not os.path.lexists(work):
        return "clean"
    if work.is_symlink() or not work.is_dir():
        raise OutputError(f"{work}: is not a folder stance made; move it away and run again.")
    journal = _read_journal(work)
    try:
        if journal is None:
            shutil.rmtree(work)
            return "rolled back"
        staged = work / STAGED
        for name, digest in journal["files"].items():
            source = staged / name
            if os.path.lexists(source):
                if _file_sha256(source) != digest:
                    raise OutputError(
                        f"{source}: does not match the record of the interrupted write; delete "
                        f"the folder {work} and run again."
                    )
            elif not os.path.lexists(out / name):
                raise OutputError(
                    f"{out / name}: missing after an interrupted write; delete the folder {work} "
                    "and run again."
                )
        _switch(out, journal)
    except OSError as exc:
        raise _write_error(
            Path(exc.filename or work), exc, ", then run again", f"the interrupted write in {work} is kept"
        ) from exc
    return "rolled forward"


def _check_space(out: Path, files: Mapping[str, bytes | Path]) -> None:
    need = sum(_size(data) + BLOCK for data in files.values()) + SPACE_MARGIN
    try:
        free = shutil.disk_usage(out).free
    except OSError:
        return  # unknown: the write itself will say if the disk is full
    if free < need:
        raise OutputError(
            f"{out}: the new files need {_megabytes(need)} of free space but the disk has "
            f"{_megabytes(free)}; free some space or choose another --out; {out} was not changed."
        )


def _megabytes(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB"


def write_files(
    out: Path,
    files: Mapping[str, bytes | Path],
    *,
    inputs: Inputs | None = None,
    legacy: Iterable[str] = (),
) -> list[Path]:
    """Write every ``{name: bytes}`` into ``out`` (created if needed) as one set (a value may
    also be the path of a finished file elsewhere, which is copied): afterwards
    ``out`` holds all the new files, or, after any failure or interrupt, exactly what it held
    before (see the module docstring). Returns the paths written, in name order.

    A refused write is a one-line :class:`OutputWriteError` naming the file; a disk without
    room for the set is refused before anything is written, and so is a set that would replace
    or remove one of the run's ``inputs`` (:func:`refuse_inputs`), and a set with a record that
    would replace a file no stance record in ``out`` lists (``legacy``: names an earlier version
    wrote there without a record, which count as the previous set's).
    """
    out = Path(out)
    names = sorted(files)
    for name in names:
        if not _plain_name(name):
            raise ValueError(f"not a plain file name: {name!r}")
    created = not os.path.lexists(out)
    prepare_out_dir(out)
    with _locked(out):
        recover(out)
        dropped = _refusals(out, names, inputs, legacy)
        _check_space(out, files)
        committed = False
        work = out / WORK_DIR
        try:
            try:
                os.mkdir(work)
            except OSError as exc:
                exc.filename = str(out)  # a read-only or foreign --out: name the folder
                raise
            staged = work / STAGED
            os.mkdir(staged)
            digests = {}
            for name in names:
                try:
                    digests[name] = _create(staged / name, files[name])
                except OSError as exc:
                    exc.filename = str(out / name)  # name the file the user knows
                    raise
            _fsync_dir(staged)
            journal = {
                "tool": "stance",
                "files": digests,
                "remove": dropped,
            }
            text = json.dumps(journal, ensure_ascii=False, indent=1).encode("utf-8")
            pending = work / f"{JOURNAL}.tmp"
            _create(pending, text)
            with _signals_deferred():
                os.replace(pending, work / JOURNAL)  # the commit point
                committed = True
                _fsync_dir(work)
                _switch(out, journal)
                _WRITTEN[os.path.abspath(out)] = "set"
        except BaseException as exc:
            if not committed:
                with contextlib.suppress(OSError):
                    shutil.rmtree(work)
                if created:
                    with contextlib.suppress(OSError):
                        out.rmdir()  # only if empty: leave no trace of a failed first run
            if isinstance(exc, OSError):
                if committed:
                    raise _write_error(
                        Path(exc.filename or out),
                        exc,
                        ", then run again to finish the switch",
                        f"the new files are kept in {work}",
                    ) from exc
                raise _write_error(
                    Path(exc.filename or work), exc, " or choose another --out", f"{out} was not changed"
                ) from exc
            raise
    return [out / name for name in names]


def interrupted_message(out: Path | None) -> str:
    """What an interrupt (Ctrl-C) left in ``out``, for the CLI's one-line message."""
    if out is None:
        return "interrupted"
    state = _WRITTEN.get(os.path.abspath(out))
    if state == "set":
        return f"interrupted; the new files in {out} were already complete"
    if state == "file":
        return f"interrupted; files already written in {out} are complete, the others are unchanged"
    return f"interrupted; {out} is unchanged (new files are switched in only when all are complete)"


def csv_bytes(frame, *, header: bool = True) -> bytes:  # frame: pandas.DataFrame
    """A table as deterministic UTF-8 CSV bytes: header row, ``\\n`` line ends, floats with up to
    six significant digits, empty cells for missing values, and a ``'`` before any text cell a
    spreadsheet would run as a formula (``cells.csv_text``; numbers stay numbers)."""
    from stance.output.cells import csv_text  # imported here: pandas is not loaded at CLI start-up

    return csv_text(frame, float_format="%.6g", na_rep="", header=header).encode("utf-8")
