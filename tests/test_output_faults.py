"""Faults while a report is written: `--out` holds exactly the previous report or exactly the new
one (SIGKILL and SIGINT at every step of the write phase, a full disk, a read-only folder), files
the run does not own are untouched, and outputs get the user's umask."""

from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
from collections import Counter, namedtuple
from pathlib import Path

import pytest

import stance.output.write as output
from stance.errors import OutputError

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and POSIX signals")

OLD_ARTICLES = {
    "a.txt": "美国宣布对进口钢铁加征关税，中国表示强烈反对。\n商务部称将采取必要措施。\n",
    "b.txt": "The United States praised the new trade deal with China.\nOfficials called it a fair step.\n",
}
NEW_ARTICLES = {
    "c.txt": "中国外交部批评美国的制裁措施。\n专家认为局势可能缓和。\n",
    "d.txt": "Beijing said the sanctions by the United States were unfair.\n",
}
# Files of the user's own in --out: never touched, whatever happens.
USER_FILES = {
    "notes.txt": b"my notes about the old run\n",
    "analysis.json": b'{"mine": true}\n',
    "drafts/summary.md": b"# draft\n",
}

UNCHANGED = "interrupted; {out} is unchanged (new files are switched in only when all are complete)"
COMPLETE = "interrupted; the new files in {out} were already complete"


def corpus(folder: Path, articles: dict[str, str]) -> Path:
    folder.mkdir()
    for name, text in articles.items():
        (folder / name).write_text(text, "utf-8")
    return folder


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (hidden ones too) -> SHA-256 of its bytes."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def previous_report(run_cli, tmp_path) -> tuple[Path, dict[str, str]]:
    """``out`` holding a report of the old corpus with JSON exports, plus the user's files."""
    out = tmp_path / "out"
    code, _, err = run_cli(
        "report", corpus(tmp_path / "old", OLD_ARTICLES), "--out", out, "--export", "json", "--quiet"
    )
    assert code == 0, err
    for name, data in USER_FILES.items():
        (out / name).parent.mkdir(exist_ok=True)
        (out / name).write_bytes(data)
    return out, snapshot(out)


# The driver runs `stance report` once. When the pipeline reaches the write phase it forks, and
# each child writes the new report but sends itself SIGKILL or SIGINT just before its k-th
# file-system call (open, write, fsync, close, mkdir, replace, unlink, rmdir), or just after the
# write returns; k runs from 0 until a child finishes without reaching its k. After each child
# the parent records --out as the child left it and after `recover` (what the next run does
# first), and puts the previous report back. Finally it writes the new report itself.
DRIVER = r"""
import hashlib, json, os, shutil, signal, sys
from pathlib import Path

import stance.output.write as output
from stance.cli.main import main

corpus, out, template, logs = (Path(a) for a in sys.argv[1:5])
os.umask(0o022)
real = {name: getattr(os, name) for name in
        ("open", "write", "fsync", "close", "mkdir", "replace", "unlink", "rmdir")}
state = {"armed": False, "at": -1, "count": 0, "sig": None, "sent": False, "child": None}


def maybe_kill():
    state["count"] += 1  # first: KeyboardInterrupt is raised as soon as os.kill returns
    if state["armed"] and state["count"] - 1 == state["at"]:
        state["sent"] = True
        os.kill(os.getpid(), state["sig"])


def counting(call):
    def wrapper(*args, **kwargs):
        if state["armed"]:
            maybe_kill()
        return call(*args, **kwargs)
    return wrapper


for name, call in real.items():
    setattr(os, name, counting(call))


def snapshot(folder):
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def restore():
    shutil.rmtree(out)
    shutil.copytree(template, out)


write_files = output.write_files
runs = []


def forking_write_files(target, files, **options):
    for sig in (signal.SIGKILL, signal.SIGINT):
        k = 0
        while True:
            restore()
            log = logs / f"{sig.name}-{k}"
            sys.stdout.flush(); sys.stderr.flush()
            pid = os.fork()
            if pid == 0:
                for fd, suffix in ((1, ".out"), (2, ".err")):
                    handle = real["open"](f"{log}{suffix}", os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
                    os.dup2(handle, fd)
                state.update(armed=True, at=k, count=0, sig=sig, child=log)
                written = write_files(target, files, **options)
                maybe_kill()  # the point just after the write returns
                state["armed"] = False
                return written
            _, status = os.waitpid(pid, 0)
            raw = snapshot(out)
            recovered = output.recover(out)
            marker = Path(f"{log}.json")
            sent = not marker.exists() or json.loads(marker.read_text())["sent"]
            runs.append({
                "signal": sig.name, "k": k, "sent": sent,
                "killed_by": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None,
                "exit": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None,
                "stderr": Path(f"{log}.err").read_text(),
                "raw": raw, "recovered": recovered, "after": snapshot(out),
            })
            if not sent:
                break
            k += 1
    restore()
    return write_files(target, files, **options)


output.write_files = forking_write_files
import stance.pipeline.report
stance.pipeline.report.write_files = forking_write_files

code = main(["report", str(corpus), "--out", str(out), "--quiet"])
sys.stdout.flush(); sys.stderr.flush()
if state["child"] is not None:
    Path(f"{state['child']}.json").write_text(json.dumps({"sent": state["sent"]}))
    os._exit(code)
modes = {p.name: oct(p.stat().st_mode & 0o777) for p in out.iterdir() if p.is_file()}
(logs / "result.json").write_text(json.dumps(
    {"code": code, "new": snapshot(out), "runs": runs, "modes": modes}))
"""


def test_kill_at_every_step_of_the_write_phase(previous_report, tmp_path):
    out, old = previous_report
    template = tmp_path / "template"
    shutil.copytree(out, template)
    new_corpus = corpus(tmp_path / "new", NEW_ARTICLES)
    logs = tmp_path / "logs"
    logs.mkdir()
    (tmp_path / "driver.py").write_text(DRIVER, "utf-8")
    proc = subprocess.run(
        [sys.executable, tmp_path / "driver.py", new_corpus, out, template, logs],
        capture_output=True,
        text=True,
        env=os.environ | {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"},
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    result = json.loads((logs / "result.json").read_text())
    new = result["new"]

    # The new report: the new corpus's files beside the user's, the old JSON exports gone.
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["corpus"] == new_corpus.as_posix()
    assert set(new) == set(manifest["outputs"]) | set(USER_FILES)
    assert {n for n in new if n.endswith(".json")} == {"comparison.json", "manifest.json", "analysis.json"}
    assert {n for n in old if n.endswith(".json")} > {"articles.json", "stance.json", "analysis.json"}
    for name, data in USER_FILES.items():
        assert new[name] == old[name] == hashlib.sha256(data).hexdigest()
    assert set(result["modes"].values()) == {"0o644"}  # umask 022, not mkstemp's 0600

    by_signal = {sig: [r for r in result["runs"] if r["signal"] == sig] for sig in ("SIGKILL", "SIGINT")}
    outcomes = Counter()
    for run in by_signal["SIGKILL"]:
        where = f"SIGKILL before step {run['k']}"
        if not run["sent"]:  # the child finished before its k: the last run, not a kill
            assert run["raw"] == new and run["exit"] == 0, where
            continue
        assert run["killed_by"] == signal.SIGKILL, where
        visible = {n: h for n, h in run["raw"].items() if not n.startswith(".stance-writing/")}
        journal = ".stance-writing/switch.json" in run["raw"]
        if journal:  # killed inside the switch: the next run finishes it
            assert run["recovered"] == "rolled forward", where
            assert run["after"] == new, where
            outcomes["switch finished by the next run"] += 1
        else:  # killed before the commit point or after the switch: one report, no mix
            assert visible in (old, new), where
            assert run["recovered"] in ("clean", "rolled back"), where
            assert run["after"] == visible, where
        outcomes["old" if run["after"] == old else "new"] += 1
    # Every step was reached: staging (about four calls per file), the journal, the renames.
    assert len(by_signal["SIGKILL"]) > 4 * len(manifest["outputs"])
    assert outcomes["old"] > 2 * len(manifest["outputs"]) and outcomes["new"] >= 1
    assert outcomes["switch finished by the next run"] >= len(manifest["outputs"])

    unchanged = "error: " + UNCHANGED.format(out=out) + "\n"
    complete = "error: " + COMPLETE.format(out=out) + "\n"
    kinds = Counter()
    for run in by_signal["SIGINT"]:
        where = f"SIGINT before step {run['k']}"
        # Ctrl-C is handled in the process: it never leaves a work folder or a mix behind.
        assert run["recovered"] == "clean", where
        if run["exit"] == 130 and run["stderr"] == unchanged:
            assert run["raw"] == old, where
            kinds["old, exit 130"] += 1
        elif run["exit"] == 0:  # during the switch: Ctrl-C waits for it, the run completes
            assert run["raw"] == new and run["stderr"] == "", where
            kinds["new, exit 0"] += 1
        else:  # after the switch: as the lock is released, or once write_files returned
            assert (run["exit"], run["stderr"], run["raw"]) == (130, complete, new), where
            kinds["new, exit 130"] += 1
    assert kinds["old, exit 130"] > 2 * len(manifest["outputs"])
    assert kinds["new, exit 0"] >= len(manifest["outputs"])
    assert kinds["new, exit 130"] == 2


def _staged_name(path: Path) -> str | None:
    return path.name if output.WORK_DIR in path.parts else None


def test_disk_full_while_writing_keeps_the_previous_report(previous_report, run_cli, tmp_path, monkeypatch):
    out, old = previous_report
    real_create, real_write_all = output._create, output._write_all
    staged: list[str] = []

    def spy_create(path, data):
        staged.append(_staged_name(path))
        return real_create(path, data)

    def full_disk(fd, data):
        if staged[-1] is not None and len([s for s in staged if s]) == 4:
            os.write(fd, data[: len(data) // 2])  # half the file reaches the disk, then it is full
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write_all(fd, data)

    monkeypatch.setattr(output, "_create", spy_create)
    monkeypatch.setattr(output, "_write_all", full_disk)
    code, stdout, stderr = run_cli("report", corpus(tmp_path / "new", NEW_ARTICLES), "--out", out, "--quiet")
    failed = [s for s in staged if s][3]
    assert code == 2 and stdout == ""
    assert stderr == (
        f"error: {out / failed}: cannot write (the disk is full); free some space or choose another "
        f"--out; {out} was not changed.\n"
    )
    assert snapshot(out) == old  # no staged file, no work folder, nothing replaced


def test_too_little_space_is_refused_before_writing(previous_report, run_cli, tmp_path, monkeypatch):
    out, old = previous_report
    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(output.shutil, "disk_usage", lambda path: usage(10**9, 10**9 - 200_000, 200_000))
    code, _, stderr = run_cli("report", corpus(tmp_path / "new", NEW_ARTICLES), "--out", out, "--quiet")
    assert code == 2
    assert re.fullmatch(
        rf"error: {re.escape(str(out))}: the new files need 1\.\d MB of free space but the disk has "
        rf"0\.2 MB; free some space or choose another --out; {re.escape(str(out))} was not changed\.\n",
        stderr,
    ), stderr
    assert snapshot(out) == old


@pytest.mark.parametrize(
    ("error", "advice"),
    [
        (OSError(errno.EROFS, "Read-only file system"), "the file system is read-only); use a writable disk"),
        (PermissionError(errno.EACCES, "Permission denied"), "permission denied); make the folder writable"),
    ],
)
def test_read_only_out_is_one_line(previous_report, run_cli, tmp_path, monkeypatch, error, advice):
    # Root ignores folder permissions, so the refusal is simulated where the run first writes.
    out, old = previous_report
    real_mkdir = os.mkdir

    def refuse(path, *args, **kwargs):
        if Path(path).name == output.WORK_DIR:
            raise error
        return real_mkdir(path, *args, **kwargs)

    monkeypatch.setattr(os, "mkdir", refuse)
    code, _, stderr = run_cli("report", corpus(tmp_path / "new", NEW_ARTICLES), "--out", out, "--quiet")
    assert code == 2
    assert stderr == f"error: {out}: cannot write ({advice} or choose another --out; {out} was not changed.\n"
    assert snapshot(out) == old


def test_failed_first_write_leaves_no_folder(tmp_path, monkeypatch):
    def full_disk(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(output, "_write_all", full_disk)
    with pytest.raises(OutputError, match=r"a\.csv: cannot write \(the disk is full\)"):
        output.write_files(tmp_path / "fresh", {"a.csv": b"x\n", "b.csv": b"y\n"})
    assert not (tmp_path / "fresh").exists()


def test_leftover_staging_is_deleted_not_read(tmp_path):
    out = tmp_path / "out"
    output.write_files(out, {"a.csv": b"old\n"})
    # A run killed before its commit point: staged files, no journal.
    staged = out / output.WORK_DIR / output.STAGED
    staged.mkdir(parents=True)
    (staged / "a.csv").write_bytes(b"half-written junk")
    (staged / "b.csv").write_bytes(b"junk")
    assert output.recover(out) == "rolled back"
    assert snapshot(out) == {"a.csv": hashlib.sha256(b"old\n").hexdigest()}
    staged.mkdir(parents=True)
    (staged / "b.csv").write_bytes(b"junk")
    output.write_files(out, {"a.csv": b"new\n"})  # the next run cleans up first
    assert snapshot(out) == {"a.csv": hashlib.sha256(b"new\n").hexdigest()}


def test_hostile_journal_is_refused(tmp_path):
    out = tmp_path / "out"
    output.write_files(out, {"a.csv": b"old\n"})
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    work = out / output.WORK_DIR
    (work / output.STAGED).mkdir(parents=True)
    (work / output.JOURNAL).write_text(json.dumps({"files": {}, "remove": ["../victim.txt"]}))
    with pytest.raises(OutputError) as caught:
        output.write_files(out, {"a.csv": b"new\n"})
    assert str(caught.value) == (
        f"{work / output.JOURNAL}: not a record of an interrupted stance write; delete the folder "
        f"{work} and run again."
    )
    assert victim.read_text() == "keep me"
    assert (out / "a.csv").read_bytes() == b"old\n"


# A report of a.csv and a.json, and the manifest of the next one, which drops a.json.
NEW_MANIFEST = json.dumps({"tool": "stance", "outputs": ["a.csv", "manifest.json"]}).encode()


def _old_report(out: Path) -> Path:
    old_manifest = json.dumps({"tool": "stance", "outputs": ["a.csv", "a.json", "manifest.json"]})
    output.write_files(out, {"a.csv": b"1\n", "a.json": b"[]\n", "manifest.json": old_manifest.encode()})
    return out


def test_dropped_files_only_those_the_previous_manifest_names(tmp_path):
    out = _old_report(tmp_path / "out")
    (out / "b.json").write_bytes(b"the user's\n")
    output.write_files(out, {"a.csv": b"2\n", "manifest.json": NEW_MANIFEST})
    assert sorted(p.name for p in out.iterdir()) == ["a.csv", "b.json", "manifest.json"]
    # A set without a manifest (evaluate-articles) removes nothing.
    output.write_files(out, {"pairs.csv": b"p\n"})
    assert sorted(p.name for p in out.iterdir()) == ["a.csv", "b.json", "manifest.json", "pairs.csv"]


def test_a_report_never_replaces_a_file_no_stance_manifest_lists(run_cli, tmp_path):
    new = corpus(tmp_path / "new", NEW_ARTICLES)
    for name, data in (("report.md", b"# my own notes\n"), ("manifest.json", b'{"name": "my web app"}\n')):
        out = tmp_path / f"out-{name}"
        out.mkdir()
        (out / name).write_bytes(data)
        code, stdout, stderr = run_cli("report", new, "--out", out, "--quiet")
        assert (code, stdout) == (2, "")
        assert stderr == (
            f"error: {out / name}: already exists and was not written by stance; move it away or "
            "choose another --out (nothing was written).\n"
        )
        assert snapshot(out) == {name: hashlib.sha256(data).hexdigest()}


class AnalysisStarted(Exception):
    pass


@pytest.fixture
def no_analysis(monkeypatch):
    """Reading the corpus, the analysis' first step, raises AnalysisStarted."""
    import stance.classroom.run
    import stance.pipeline.report

    def started(*args, **kwargs):
        raise AnalysisStarted

    monkeypatch.setattr(stance.pipeline.report, "read_corpus", started)
    monkeypatch.setattr(stance.classroom.run, "analyse_corpus", started)


def test_a_users_file_is_refused_before_the_analysis(no_analysis, run_cli, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    theirs = out / "stance.parquet"
    theirs.write_bytes(b"PAR1 the user's own table")
    before = snapshot(out)
    code, stdout, stderr = run_cli("report", "--out", out, "--export", "json,parquet", "--quiet")
    assert (code, stdout) == (2, "")
    assert stderr == (
        f"error: {theirs}: already exists and was not written by stance; move it away or "
        "choose another --out (nothing was written).\n"
    )
    assert snapshot(out) == before
    # A report that does not write stance.parquet leaves it alone: the analysis starts.
    with pytest.raises(AnalysisStarted):
        run_cli("report", "--out", out, "--export", "json", "--quiet")
    # So does a worksheet, whose files have other names, until a teacher's own one is in the way.
    with pytest.raises(AnalysisStarted):
        run_cli("worksheet", "--out", out, "--no-pdf")
    (out / "answer_key.html").write_text("<p>my own key</p>", "utf-8")
    code, stdout, stderr = run_cli("worksheet", "--out", out, "--no-pdf")
    assert (code, stdout) == (2, "")
    assert stderr.startswith(
        f"error: {out / 'answer_key.html'}: already exists and was not written by stance;"
    )
    assert snapshot(out) == {**before, "answer_key.html": hashlib.sha256(b"<p>my own key</p>").hexdigest()}


def test_a_report_never_replaces_its_own_corpus_file(previous_report, run_cli):
    out, _ = previous_report
    # The user's corpus, as a table, saved over one of the previous report's files.
    table = out / "sentences.csv"
    table.write_text("article_id,source,text\nx1,A,美国批评中国的政策。\n", "utf-8")
    before = snapshot(out)
    code, stdout, stderr = run_cli("report", table, "--out", out, "--quiet")
    assert (code, stdout) == (2, "")
    assert stderr == (
        f"error: {table}: is the corpus file this run reads; give --out another path (nothing was written).\n"
    )
    assert snapshot(out) == before


def test_a_report_never_removes_an_input_the_previous_report_listed(tmp_path):
    out = _old_report(tmp_path / "out")
    (out / "a.json").write_bytes(b'{"text": "the corpus now"}\n')
    with pytest.raises(OutputError) as caught:
        output.write_files(
            out, {"a.csv": b"2\n", "manifest.json": NEW_MANIFEST}, inputs={"corpus file": out / "a.json"}
        )
    assert str(caught.value) == (
        f"{out / 'a.json'}: is the corpus file this run reads; give --out another path (nothing was written)."
    )
    assert (out / "a.json").read_bytes() == b'{"text": "the corpus now"}\n'
    assert (out / "a.csv").read_bytes() == b"1\n"


def test_same_file_whatever_the_spelling(tmp_path):
    a = tmp_path / "a.csv"
    a.write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "link.csv").symlink_to(a)
    os.link(a, tmp_path / "hard.csv")
    (tmp_path / "b.csv").write_text("x")
    assert output.same_file(a, tmp_path / "sub" / ".." / "a.csv")
    assert output.same_file(a, tmp_path / "link.csv")
    assert output.same_file(a, tmp_path / "hard.csv")
    assert not output.same_file(a, tmp_path / "b.csv")  # equal bytes, another file
    assert not output.same_file(a, tmp_path / "missing.csv")
    assert not output.same_file(tmp_path / "missing.csv", tmp_path / "missing.csv")


def test_second_writer_is_refused(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    fd = os.open(out, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        with pytest.raises(OutputError) as caught:
            output.write_files(out, {"a.csv": b"x\n"})
        assert str(caught.value) == (
            f"{out}: another stance run is writing into this folder; wait for it to finish or choose another --out."
        )
    finally:
        os.close(fd)
    assert list(out.iterdir()) == []


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664)])
def test_files_take_the_users_umask(tmp_path, umask, mode):
    script = (
        "import os, sys; from pathlib import Path\n"
        f"os.umask({umask})\n"
        "from stance.output.write import write_files, write_text_atomic\n"
        "out = Path(sys.argv[1])\n"
        "write_files(out / 'report', {'a.csv': b'x', 'manifest.json': b'{}'})\n"
        "write_text_atomic(out / 'model.txt', 'm')\n"
    )
    subprocess.run([sys.executable, "-c", script, tmp_path], check=True, timeout=60)
    for path in (
        tmp_path / "report" / "a.csv",
        tmp_path / "report" / "manifest.json",
        tmp_path / "model.txt",
    ):
        assert path.stat().st_mode & 0o777 == mode, path
