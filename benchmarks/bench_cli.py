"""Start-up time of the ``stance`` command: wall time of ``stance --help`` and
``stance report --help`` over 10 runs each, next to a bare ``python -c pass`` for scale (the
interpreter's own start-up is most of it). Runs ``python -m stance`` with this interpreter, so
no shell shim (pyenv, ...) is timed. Prints figures; it is not a test (the test that the CLI
imports no heavy library is tests/test_cli_imports.py).

    python benchmarks/bench_cli.py [--runs 10]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "stance --help": [sys.executable, "-m", "stance", "--help"],
    "stance report --help": [sys.executable, "-m", "stance", "report", "--help"],
}


def wall_times(command: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    print(f"{'command':<22} {'runs':>4} {'min s':>7} {'median s':>9} {'max s':>7}")
    for name, command in COMMANDS.items():
        times = wall_times(command, args.runs)
        print(
            f"{name:<22} {args.runs:>4} {min(times):>7.3f} {statistics.median(times):>9.3f} {max(times):>7.3f}"
        )


if __name__ == "__main__":
    main()
