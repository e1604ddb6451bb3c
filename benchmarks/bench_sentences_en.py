"""English sentence splitting: accuracy on the labelled paragraphs and speed, per splitter.

    python benchmarks/bench_sentences_en.py [REPEATS]

Reads tests/data/english_sentences.tsv and english_sentences_heldout.tsv (paragraphs with their
expected sentences) and prints, for each set and for stance's own splitter and for pysbd and
syntok when they are installed, the share of
paragraphs split exactly right, the share of expected boundaries found (recall), the share of
boundaries placed that are right (precision), whether every character was kept, and the speed
in thousands of characters per second over REPEATS passes of the set (default 200).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from stance.text.sentences import split_sentences

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
CASES = DATA / "english_sentences.tsv"
# Written after the splitter's rules were tuned on CASES, and not used to tune them.
HELD_OUT = DATA / "english_sentences_heldout.tsv"


def load_cases(path: Path = CASES) -> list[tuple[str, str, list[str]]]:
    """``(id, paragraph, expected sentences)`` for each labelled case."""
    cases = []
    lines = [
        line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")
    ]
    for line in lines[1:]:
        case_id, _note, sentences = line.split("\t")
        expected = sentences.split(" || ")
        cases.append((case_id, " ".join(expected), expected))
    return cases


def _pysbd() -> Callable[[str], list[str]] | None:
    try:
        import pysbd
    except ImportError:
        return None
    seg = pysbd.Segmenter(language="en", clean=False)
    return lambda text: [s.strip() for s in seg.segment(text) if s.strip()]


def _syntok() -> Callable[[str], list[str]] | None:
    try:
        from syntok import segmenter
    except ImportError:
        return None

    def split(text: str) -> list[str]:
        out = []
        for paragraph in segmenter.analyze(text):
            for sentence in paragraph:
                start = sentence[0].offset - len(sentence[0].spacing)
                end = sentence[-1].offset + len(sentence[-1].value)
                out.append(text[start:end].strip())
        return out

    return split


def _boundaries(sentences: list[str]) -> set[int]:
    """Where each sentence ends, counted in non-space characters (robust to spacing)."""
    ends, total = set(), 0
    for s in sentences[:-1]:
        total += len("".join(s.split()))
        ends.add(total)
    return ends


def measure(split: Callable[[str], list[str]], cases, repeats: int) -> dict[str, float]:
    exact = found = placed = right = 0
    expected_total = 0
    lossless = True
    failures = []
    for case_id, paragraph, expected in cases:
        got = split(paragraph)
        exact += got == expected
        if got != expected:
            failures.append(case_id)
        want, have = _boundaries(expected), _boundaries(got)
        expected_total += len(want)
        found += len(want & have)
        placed += len(have)
        right += len(want & have)
        lossless &= "".join(got).replace(" ", "") == paragraph.replace(" ", "")
    chars = sum(len(p) for _, p, _ in cases) * repeats
    start = time.perf_counter()
    for _ in range(repeats):
        for _, paragraph, _ in cases:
            split(paragraph)
    elapsed = time.perf_counter() - start
    return {
        "exact": exact / len(cases),
        "recall": found / expected_total if expected_total else 1.0,
        "precision": right / placed if placed else 1.0,
        "lossless": lossless,
        "kchars_s": chars / elapsed / 1e3,
        "failures": failures,
    }


def main() -> None:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    splitters = {"stance": split_sentences, "pysbd": _pysbd(), "syntok": _syntok()}
    for label, path in (("tuning set", CASES), ("held-out set", HELD_OUT)):
        print(f"== {label}: {path.name}")
        _print_set(load_cases(path), splitters, repeats)


def _print_set(cases, splitters, repeats: int) -> None:
    print(
        f"{len(cases)} labelled paragraphs, {sum(len(e) - 1 for *_, e in cases)} boundaries, {repeats} passes for speed"
    )
    print(f"{'splitter':8s} {'exact':>7s} {'recall':>7s} {'prec.':>7s} {'lossless':>8s} {'k chars/s':>10s}")
    report = []
    for name, split in splitters.items():
        if split is None:
            print(f"{name:8s} (not installed)")
            continue
        m = measure(split, cases, repeats)
        print(
            f"{name:8s} {m['exact']:7.1%} {m['recall']:7.1%} {m['precision']:7.1%} "
            f"{'yes' if m['lossless'] else 'no':>8s} {m['kchars_s']:10.1f}"
        )
        report.append((name, m["failures"]))
    for name, failures in report:
        print(f"{name} wrong on: {', '.join(failures) or 'none'}")


if __name__ == "__main__":
    main()
