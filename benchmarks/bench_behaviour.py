"""The behavioural suite of the stance scorer (tests/behaviour/): pass rate per capability.

Prints a Markdown table (capability, cases, passed, pass rate, the pass rate per language and
the floor from tests/behaviour/floors.toml) and the overall pass rate, ready for the README.
With ``--failures`` it also lists every failing case. Prints figures; it is not a test.

    python benchmarks/bench_behaviour.py [--failures]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.behaviour.suite import LANGS, describe_failure, load_floors, run_suite, summarise


def _rate(value: float | None) -> str:
    return "–" if value is None or value != value else f"{value:.0%}"


def markdown_table(summary, floors: dict[str, float]) -> str:
    header = ["capability", "cases", "passed", "pass rate", *LANGS, "floor"]
    lines = ["| " + " | ".join(header) + " |", "|---|" + "---:|" * (len(header) - 1)]
    for row in summary.itertuples(index=False):
        by_lang = [_rate(getattr(row, lang.replace("-", "_"))) for lang in LANGS]
        floor = floors.get(row.capability)
        cells = [
            f"`{row.capability}`",
            str(row.n),
            str(row.passed),
            _rate(row.pass_rate),
            *by_lang,
            "–" if floor is None else f"{floor:.2f}",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--failures", action="store_true", help="also list every failing case")
    args = parser.parse_args()
    start = time.perf_counter()
    results = run_suite()
    elapsed = time.perf_counter() - start
    summary = summarise(results).rename(columns={lang: lang.replace("-", "_") for lang in LANGS})
    print(markdown_table(summary, load_floors()))
    print()
    by_lang = ", ".join(
        f"{lang} {_rate(results.loc[results['lang'] == lang, 'passed'].mean())}" for lang in LANGS
    )
    print(
        f"overall: {int(results['passed'].sum())} of {len(results)} cases pass "
        f"({results['passed'].mean():.1%}; {by_lang}); {len(summary)} capabilities, scored in {elapsed:.1f} s"
    )
    if args.failures:
        print()
        for _, row in results[~results["passed"]].iterrows():
            print(describe_failure(row))


if __name__ == "__main__":
    main()
