"""Where the per-article work runs (``--workers``, ``--scheduler``) and what a run shows while it
works (``--quiet``): argparse errors, the settings each command passes to the library, and the
progress object the CLI builds (the library never prints)."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from stance.cli.main import build_parser, main
from stance.config import RunConfig, default_workers
from stance.errors import StanceError
from stance.progress import BarProgress, LineProgress, NullProgress


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("美国宣布新的关税措施。中国表示坚决反对。", "utf-8")
    return folder


@pytest.fixture
def report_calls(monkeypatch) -> list[dict]:
    """Stand in for ``run_report``: record what the CLI passes it, write nothing."""
    calls: list[dict] = []

    def run_report(corpus, out, config, *, formats=(), progress=None, title=None, classroom=False):
        calls.append({"config": config, "progress": progress, "formats": formats, "title": title})
        return []

    monkeypatch.setattr("stance.pipeline.run_report", run_report)
    return calls


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--workers", "0"], "argument --workers: 0 is less than 1; give 1 or more"),
        (["--workers", "-2"], "argument --workers: -2 is less than 1; give 1 or more"),
        (["--workers", "two"], "argument --workers: 'two' is not a whole number"),
        (["--workers", "1.5"], "argument --workers: '1.5' is not a whole number"),
        (
            ["--workers", "2", "--scheduler", "tcp://h:8786"],
            "argument --scheduler: not allowed with argument --workers",
        ),
    ],
)
@pytest.mark.parametrize("command", [["report"], ["lexicon", "report"], ["evaluate", "--articles", "l.csv"]])
def test_bad_workers_are_argparse_errors(capsys, command, argv, message):
    with pytest.raises(SystemExit) as exit_info:
        build_parser().parse_args([*command, *argv])
    assert exit_info.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1].endswith(f"error: {message}")


def test_report_passes_workers_scheduler_and_progress(report_calls, capsys, tmp_path, monkeypatch):
    import stance.config

    here = default_workers()
    monkeypatch.setattr(stance.config, "default_workers", lambda: 4)  # a machine of four cores
    out = str(tmp_path / "out")
    assert main(["report", "--out", out]) == 0
    assert main(["report", "--out", out, "--workers", "3"]) == 0
    assert main(["report", "--out", out, "--scheduler", "tcp://10.0.0.1:8786", "--quiet"]) == 0
    settings = [(c["config"].workers, c["config"].scheduler) for c in report_calls]
    assert settings == [(here, None), (3, None), (here, "tcp://10.0.0.1:8786")]
    # Under pytest stderr is not a terminal: one line per stage, unless --quiet.
    assert [type(c["progress"]) for c in report_calls] == [LineProgress, LineProgress, NullProgress]
    assert capsys.readouterr().err == ""
    # More workers than cores: one per core, and a warning.
    assert main(["report", "--out", out, "--workers", "500", "--quiet"]) == 0
    assert report_calls[-1]["config"].workers == 4
    assert capsys.readouterr().err == (
        "warning: --workers 500 is more than this machine's 4 cores; using 4 (more processes would run "
        "no faster and use more memory).\n"
    )


def test_report_shows_a_bar_on_a_terminal(report_calls, monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "stderr", Terminal())
    assert main(["report", "--out", str(tmp_path / "out")]) == 0
    assert main(["report", "--out", str(tmp_path / "out"), "--quiet"]) == 0
    assert [type(c["progress"]) for c in report_calls] == [BarProgress, NullProgress]


def test_the_default_is_one_worker_per_core():
    args = build_parser().parse_args(["report"])
    assert (args.workers, args.scheduler, args.quiet) == (None, None, False)
    assert RunConfig().workers == default_workers() >= 1


def test_evaluate_articles_passes_workers(monkeypatch, run_cli):
    seen: list[RunConfig] = []

    def run_article_evaluation(articles, corpus, config, *, midpoint=None, out=None):
        seen.append(config)
        raise StanceError("stopped here")

    monkeypatch.setattr("stance.model.evaluate_articles.run_article_evaluation", run_article_evaluation)
    assert run_cli("evaluate", "--articles", "l.csv", "--workers", "2") == (2, "", "error: stopped here\n")
    assert run_cli("evaluate", "--articles", "l.csv", "--scheduler", "tcp://h:1") == (
        2,
        "",
        "error: stopped here\n",
    )
    assert [(c.workers, c.scheduler) for c in seen] == [(2, None), (default_workers(), "tcp://h:1")]


@pytest.mark.parametrize(("option", "value"), [("--workers", "2"), ("--scheduler", "tcp://h:8786")])
def test_evaluate_refuses_workers_without_articles(run_cli, option, value):
    code, out, err = run_cli("evaluate", "gold.csv", option, value)
    assert (code, out) == (2, "")
    assert err == f"error: {option} applies to --articles only; drop it or add --articles LABELS.csv.\n"


def test_lexicon_report_passes_workers(monkeypatch, run_cli, tmp_path):
    seen: list[RunConfig] = []

    def load_articles(corpus, config, lexicons=None):
        seen.append(config)
        raise StanceError("stopped here")

    monkeypatch.setattr("stance.pipeline.load_articles", load_articles)
    code, _, err = run_cli("lexicon", "report", "--workers", "1", "--out", tmp_path / "out")
    assert (code, err) == (2, "error: stopped here\n")
    assert seen[0].workers == 1


def test_a_run_reports_each_stage_on_stderr(run_cli, corpus, tmp_path):
    code, out, err = run_cli("report", corpus, "--out", tmp_path / "out", "--workers", "1")
    assert code == 0
    assert out.startswith("wrote ") and out.count("\n") == 1
    stages = [line.split(":")[0] for line in err.splitlines()]
    assert stages == ["read", "articles", "compare", "render", "write", "done"]
    assert err.splitlines()[-1].startswith("done: 1 articles in ")


def test_bad_input_is_one_line_quiet_or_not(run_cli, corpus, tmp_path):
    (corpus / "b.txt").write_bytes(b"")
    expected = (
        f"error: {corpus / 'b.txt'}: the file is empty; remove it from the corpus or save the article again."
    )
    code, out, err = run_cli("report", corpus, "--out", tmp_path / "out", "--quiet")
    assert (code, out, err) == (2, "", expected + "\n")
    # the corpus is read before any stage is reported, so the error stands alone
    assert run_cli("report", corpus, "--out", tmp_path / "out") == (2, "", expected + "\n")


def test_model_dimension_without_a_model_is_refused(report_calls, run_cli, tmp_path):
    code, out, err = run_cli("report", "--out", tmp_path / "out", "--model-dimension", "potency")
    assert (code, out, report_calls) == (2, "", [])
    assert (
        err
        == "error: --model-dimension names the dimension a --model scores; drop it or add --model MODEL.\n"
    )
    assert not (tmp_path / "out").exists()
