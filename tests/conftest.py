from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

from stance.config import RunConfig
from stance.lexicon import load_lexicons
from stance.pipeline import load_articles

# Deterministic example generation (CI gives the same verdict every run) and no per-example
# deadline: the first example pays for building a tokenizer.
settings.register_profile("stance", deadline=None, derandomize=True, database=None)
settings.load_profile("stance")

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory, monkeypatch):
    """Every test uses a private segmentation cache, never the user's."""
    monkeypatch.setenv("STANCE_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))


@pytest.fixture(scope="session")
def lexicons():
    return load_lexicons()


@pytest.fixture(scope="session")
def seed_articles(lexicons, tmp_path_factory):
    config = RunConfig(cache_dir=tmp_path_factory.mktemp("seedcache"))
    return load_articles(SEEDS, config, lexicons)


@pytest.fixture
def run_cli(capsys):
    """Run the CLI in-process; return (exit code, stdout, stderr)."""
    from stance.cli.main import main

    def run(*argv: str) -> tuple[int, str, str]:
        code = main([str(a) for a in argv])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run
