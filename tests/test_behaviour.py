"""The behavioural suite of the stance scorer (tests/behaviour/, CheckList style): every
capability keeps its pass rate at or above the floor in tests/behaviour/floors.toml, the suite
is large and covers every language, both targets and both dimensions, and bad data files fail
with a message naming file and line.

The floors sit a few points below what the scorer achieves; raise them as it improves
(``python benchmarks/bench_behaviour.py`` prints the current rates next to the floors).
"""

from __future__ import annotations

import pytest

from .behaviour.suite import (
    DIMENSIONS,
    LANGS,
    PAIR_COLUMNS,
    SINGLE_COLUMNS,
    BehaviourDataError,
    capability_files,
    describe_failure,
    load_floors,
    read_capability,
    run_suite,
)

CAPABILITIES = [path.stem for path in capability_files()]
MIN_CASES = 800
SHOWN_FAILURES = 8


@pytest.fixture(scope="session")
def behaviour_results():
    # One scoring run serves every test. The suite's scorer keeps no segmentation cache on disk
    # (cache_dir=None), so the private cache that conftest.py sets per test is never touched.
    return run_suite()


@pytest.fixture(scope="session")
def floors():
    return load_floors()


@pytest.mark.parametrize("capability", CAPABILITIES)
def test_capability_pass_rate_is_at_least_its_floor(capability, behaviour_results, floors):
    if capability not in floors:
        pytest.fail(f"{capability} has no floor in tests/behaviour/floors.toml; add one.")
    cases = behaviour_results[behaviour_results["capability"] == capability]
    rate = float(cases["passed"].mean())
    failures = cases[~cases["passed"]]
    shown = "\n".join(describe_failure(row) for _, row in failures.head(SHOWN_FAILURES).iterrows())
    assert rate >= floors[capability], (
        f"{capability}: {int(cases['passed'].sum())} of {len(cases)} cases pass ({rate:.3f}), "
        f"below the floor {floors[capability]:.2f}. Failing cases (first {min(SHOWN_FAILURES, len(failures))} "
        f"of {len(failures)}):\n{shown}"
    )


def test_suite_is_large_and_covers_languages_targets_and_dimensions(behaviour_results):
    assert len(behaviour_results) >= MIN_CASES
    assert set(behaviour_results["lang"]) == set(LANGS)
    targets = set(behaviour_results["target"]) | set(behaviour_results["target_b"].dropna())
    assert {"us", "china"} <= targets
    assert set(behaviour_results["dimension"]) == set(DIMENSIONS)
    for lang in LANGS:
        in_lang = behaviour_results[behaviour_results["lang"] == lang]
        assert {"us", "china"} <= set(in_lang["target"]), lang
        assert set(in_lang["dimension"]) == set(DIMENSIONS), lang


def test_every_capability_has_a_floor_and_every_floor_a_capability(floors):
    assert sorted(floors) == sorted(CAPABILITIES)


def _write(tmp_path, name: str, *lines: str):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_an_unknown_value_is_an_error_naming_file_and_line(tmp_path):
    path = _write(
        tmp_path,
        "demo.tsv",
        "# capability: demo",
        "\t".join(SINGLE_COLUMNS),
        "en\tThe US leads.\tus\tpotency\t+\tok",
        "fr\tLes États-Unis mènent.\tus\tpotency\t+\tbad lang",
    )
    with pytest.raises(
        BehaviourDataError, match=r"demo\.tsv:4: lang 'fr' is not one of zh-Hans, zh-Hant, en"
    ):
        read_capability(path, ("us", "china"))


def test_an_unknown_target_or_column_is_an_error(tmp_path):
    path = _write(tmp_path, "demo.tsv", "\t".join(SINGLE_COLUMNS), "en\tMars leads.\tmars\tpotency\t+\t")
    with pytest.raises(BehaviourDataError, match=r"demo\.tsv:2: target 'mars' is not one of us, china"):
        read_capability(path, ("us", "china"))
    path = _write(tmp_path, "demo.tsv", "lang\ttext\ttarget\tdimension\tlabel\tnote")
    with pytest.raises(BehaviourDataError, match=r"demo\.tsv:1: header .* is neither"):
        read_capability(path, ("us", "china"))


def test_pair_rows_are_checked_too(tmp_path):
    row = "\t".join(["zh-Hant", "美国领先。", "us", "美國領先。", "us", "potency", "~", ""])
    path = _write(tmp_path, "pairs.tsv", "\t".join(PAIR_COLUMNS), row)
    with pytest.raises(BehaviourDataError, match=r"pairs\.tsv:2: relation '~' is not one of =, <, >"):
        read_capability(path, ("us",))


def test_a_mislabelled_script_or_repeated_case_is_an_error(tmp_path):
    path = _write(tmp_path, "demo.tsv", "\t".join(SINGLE_COLUMNS), "zh-Hans\t美國領先。\tus\tpotency\t+\t")
    with pytest.raises(BehaviourDataError, match=r"demo\.tsv:2: text has traditional characters"):
        read_capability(path, ("us",))
    case = "en\tThe US leads.\tus\tpotency\t+\t"
    path = _write(tmp_path, "demo.tsv", "\t".join(SINGLE_COLUMNS), case, case)
    with pytest.raises(BehaviourDataError, match=r"demo\.tsv:3: repeats the case on line 2"):
        read_capability(path, ("us",))
