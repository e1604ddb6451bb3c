"""The ``stance`` command starts fast: importing the CLI and printing help load none of the heavy
libraries the commands use. Each handler imports what it needs when it runs.

Checked with ``python -X importtime`` in a fresh interpreter (the test process has imported
everything already), so this is a test of what is imported, not of how long it takes
(benchmarks/bench_cli.py prints the time).
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import ROOT

HEAVY = (
    "pandas",
    "numpy",
    "matplotlib",
    "sklearn",
    "scipy",
    "jieba",
    "rjieba",
    "opencc",
    "trafilatura",
    "pyarrow",
    "tqdm",
    "dask",
    "distributed",
)


def imported_modules(*python_args: str) -> list[str]:
    """Every module a fresh ``python -X importtime *python_args`` imports, in import order."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", *python_args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    # Lines read "import time: <self us> | <cumulative us> | <indented module name>".
    return [
        line.rsplit("|", 1)[1].strip()
        for line in result.stderr.splitlines()
        if line.startswith("import time:") and not line.rstrip().endswith("| imported package")
    ]


@pytest.mark.parametrize(
    "python_args",
    [
        ("-c", "import stance.cli.main"),
        ("-m", "stance", "--help"),
        ("-m", "stance", "report", "--help"),
        ("-m", "stance", "lexicon", "check", "--help"),
        ("-m", "stance", "evaluate", "--help"),
    ],
    ids=" ".join,
)
def test_the_cli_imports_no_heavy_library_before_a_command_runs(python_args):
    modules = imported_modules(*python_args)
    assert "stance.cli.main" in modules
    heavy = sorted({name for name in modules if name.split(".")[0] in HEAVY})
    assert heavy == []


def test_the_per_article_work_loads_neither_scikit_learn_nor_matplotlib():
    # What a worker process imports to analyse articles (and `stance report` without --model
    # before its report is rendered): the model and the charts are imported when used.
    modules = imported_modules("-c", "import stance.pipeline.map, stance.parallel")
    assert "stance.pipeline.map" in modules
    assert sorted({name.split(".")[0] for name in modules} & {"sklearn", "matplotlib", "skops"}) == []
