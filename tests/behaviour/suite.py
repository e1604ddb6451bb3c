"""The behavioural test suite of the stance scorer, in the spirit of CheckList (Ribeiro et al.,
ACL 2020): hand-written sentences, one capability per data file, each case labelled with what a
careful reader would say, not with what the scorer happens to output.

Two kinds of data file live next to this module (UTF-8 TSV, ``#`` comment lines at the top
stating the capability and its rule, then a header row):

- single cases, columns ``lang text target dimension expect note``: the score of ``target`` on
  ``dimension`` in ``text`` should be ``+`` (>= 0.1), ``-`` (<= -0.1) or ``0`` (|score| < 0.1);
- pairs, columns ``lang text_a target_a text_b target_b dimension relation note``: score b
  against score a is ``=`` (within 0.05), ``<`` (lower by more than 0.05) or ``>`` (higher by
  more than 0.05). In a ``zh-Hant`` pair ``text_a`` may be simplified (the script pairs).

:func:`load_cases` reads and validates every file (a bad row is a :class:`BehaviourDataError`
naming ``file:line``); :func:`run_suite` scores every case with the lexicon scorer as
``stance report`` builds it and returns one tidy row per case; :func:`summarise` gives one row
per capability with pass rates by language.

>>> cases = load_cases()
>>> len(cases) >= 800
True
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from stance.errors import StanceError

SUITE_DIR = Path(__file__).resolve().parent
FLOORS_PATH = SUITE_DIR / "floors.toml"

SINGLE_COLUMNS = ("lang", "text", "target", "dimension", "expect", "note")
PAIR_COLUMNS = ("lang", "text_a", "target_a", "text_b", "target_b", "dimension", "relation", "note")
LANGS = ("zh-Hans", "zh-Hant", "en")
DIMENSIONS = ("evaluation", "potency")
EXPECTS = ("+", "-", "0")
RELATIONS = ("=", "<", ">")
# The pass rules: a signed expectation needs |score| >= THRESHOLD, a zero one |score| < THRESHOLD;
# a pair is "equal" within TOLERANCE and ordered only beyond it.
THRESHOLD = 0.1
TOLERANCE = 0.05

RESULT_COLUMNS = (
    "capability",
    "kind",
    "file",
    "line",
    "lang",
    "text",
    "target",
    "dimension",
    "expect",
    "score",
    "text_b",
    "target_b",
    "relation",
    "score_b",
    "cues",
    "passed",
)
SUMMARY_COLUMNS = ("capability", "kind", "n", "passed", "pass_rate", *LANGS)

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


class BehaviourDataError(StanceError):
    """A behaviour data file (or the floors file) that cannot be used as written."""


@dataclass(frozen=True)
class Case:
    """One labelled case: a single check (``relation`` empty) or a pair (``expect`` empty)."""

    capability: str
    file: str
    line: int
    lang: str
    text: str
    target: str
    dimension: str
    expect: str = ""
    text_b: str = ""
    target_b: str = ""
    relation: str = ""
    note: str = ""

    @property
    def kind(self) -> str:
        return "pair" if self.relation else "single"


# -- reading and validating -------------------------------------------------------------------


def capability_files(directory: Path = SUITE_DIR) -> list[Path]:
    """The data files, one per capability, sorted by name."""
    return sorted(directory.glob("*.tsv"))


@lru_cache(maxsize=2)
def _opencc(config: str):  # -> opencc.OpenCC; built once, only to check the script of zh rows
    import opencc

    return opencc.OpenCC(config)


def _check_script(text: str, lang: str, where: str, column: str, *, simplified_ok: bool = False) -> None:
    has_han = bool(_HAN.search(text))
    if lang == "en":
        if has_han:
            raise BehaviourDataError(
                f"{where}: {column} has Chinese characters but lang is en; fix lang or text."
            )
        return
    if not has_han:
        raise BehaviourDataError(f"{where}: {column} has no Chinese characters but lang is {lang}; fix lang.")
    # Simplified text is unchanged by t2s. Traditional text is changed by t2s, unless every
    # character is common to both scripts (then s2t leaves it unchanged too).
    unchanged_t2s = _opencc("t2s").convert(text) == text
    if lang == "zh-Hans" and not unchanged_t2s:
        raise BehaviourDataError(
            f"{where}: {column} has traditional characters but lang is zh-Hans; use zh-Hant or convert it."
        )
    if lang == "zh-Hant" and unchanged_t2s and _opencc("s2t").convert(text) != text and not simplified_ok:
        raise BehaviourDataError(
            f"{where}: {column} is in simplified script but lang is zh-Hant; use zh-Hans or convert it."
        )


def _check_value(value: str, allowed: Iterable[str], column: str, where: str) -> None:
    allowed = tuple(allowed)
    if value not in allowed:
        raise BehaviourDataError(f"{where}: {column} {value!r} is not one of {', '.join(allowed)}.")


def read_capability(path: Path, targets: Sequence[str]) -> list[Case]:
    """Read and validate one data file; the capability is the file name without ``.tsv``."""
    capability = path.stem
    lines = path.read_text(encoding="utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    number = 0
    while number < len(lines) and lines[number].startswith("#"):
        declared = re.match(r"#\s*capability:\s*(\S+)", lines[number])
        if declared and declared.group(1) != capability:
            raise BehaviourDataError(
                f"{path}:{number + 1}: declares capability {declared.group(1)!r} but the file is "
                f"{path.name}; the capability id is the file name."
            )
        number += 1
    if number == len(lines):
        raise BehaviourDataError(f"{path}: no header row; add one ({' '.join(SINGLE_COLUMNS)}).")
    header = tuple(lines[number].split("\t"))
    if header not in (SINGLE_COLUMNS, PAIR_COLUMNS):
        raise BehaviourDataError(
            f"{path}:{number + 1}: header {' '.join(header)!r} is neither the single-case columns "
            f"({' '.join(SINGLE_COLUMNS)}) nor the pair columns ({' '.join(PAIR_COLUMNS)})."
        )
    cases: list[Case] = []
    seen: dict[tuple[str, ...], int] = {}
    for index in range(number + 1, len(lines)):
        where = f"{path}:{index + 1}"
        fields = lines[index].split("\t")
        if len(fields) != len(header):
            raise BehaviourDataError(
                f"{where}: {len(fields)} tab-separated fields, the header has {len(header)}; "
                "check for a missing or extra tab."
            )
        row = dict(zip(header, fields, strict=True))
        for column, value in row.items():
            if value != value.strip():
                raise BehaviourDataError(f"{where}: {column} has leading or trailing whitespace.")
            if not value and column != "note":
                raise BehaviourDataError(f"{where}: {column} is empty.")
        _check_value(row["lang"], LANGS, "lang", where)
        _check_value(row["dimension"], DIMENSIONS, "dimension", where)
        if header == SINGLE_COLUMNS:
            _check_value(row["target"], targets, "target", where)
            _check_value(row["expect"], EXPECTS, "expect", where)
            _check_script(row["text"], row["lang"], where, "text")
            case = Case(
                capability,
                path.name,
                index + 1,
                row["lang"],
                row["text"],
                row["target"],
                row["dimension"],
                expect=row["expect"],
                note=row["note"],
            )
            key = (case.text, case.target, case.dimension)
        else:
            _check_value(row["target_a"], targets, "target_a", where)
            _check_value(row["target_b"], targets, "target_b", where)
            _check_value(row["relation"], RELATIONS, "relation", where)
            _check_script(row["text_a"], row["lang"], where, "text_a", simplified_ok=True)
            _check_script(row["text_b"], row["lang"], where, "text_b")
            case = Case(
                capability,
                path.name,
                index + 1,
                row["lang"],
                row["text_a"],
                row["target_a"],
                row["dimension"],
                text_b=row["text_b"],
                target_b=row["target_b"],
                relation=row["relation"],
                note=row["note"],
            )
            key = (case.text, case.target, case.text_b, case.target_b, case.dimension)
        if key in seen:
            raise BehaviourDataError(f"{where}: repeats the case on line {seen[key]}; remove one.")
        seen[key] = index + 1
        cases.append(case)
    if not cases:
        raise BehaviourDataError(f"{path}: the header is not followed by any case.")
    return cases


def load_cases(directory: Path = SUITE_DIR) -> list[Case]:
    """Every case of every data file in ``directory``, validated, in file and line order."""
    targets = shared_scorer().targets
    return [case for path in capability_files(directory) for case in read_capability(path, targets)]


def load_floors(path: Path = FLOORS_PATH) -> dict[str, float]:
    """The minimum pass rate of each capability (the ``[floors]`` table of ``floors.toml``)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as err:
        raise BehaviourDataError(f"{path}: not valid TOML ({err}).") from err
    floors = data.get("floors")
    if not isinstance(floors, dict):
        raise BehaviourDataError(f"{path}: no [floors] table; add one with capability = rate lines.")
    for name, rate in floors.items():
        if isinstance(rate, bool) or not isinstance(rate, int | float) or not 0 <= rate <= 1:
            raise BehaviourDataError(f"{path}: floor of {name} is {rate!r}; write a rate between 0 and 1.")
    return {name: float(rate) for name, rate in floors.items()}


# -- scoring ------------------------------------------------------------------------------------


class BehaviourScorer:
    """The lexicon scorer as ``stance report`` builds it: every bundled lexicon and a private
    jieba tokenizer holding every lexicon term. No disk cache is used (``cache_dir=None``), so
    the suite never reads or writes a segmentation cache, whatever ``$STANCE_CACHE_DIR`` says.
    Scores are memoised per (text, target)."""

    def __init__(self) -> None:
        from stance.lexicon import load_lexicons
        from stance.measure.polarity import build_scorer
        from stance.pipeline import lexicon_terms
        from stance.text.segment import Segmenter

        self.lexicons = load_lexicons()
        self.targets = build_scorer(self.lexicons).targets.targets
        self.segmenter = Segmenter(lexicon_terms(self.lexicons), engine="jieba")
        self._memo: dict[tuple[str, str], object] = {}

    def score(self, text: str, target: str):  # -> stance.measure.polarity.TargetScore
        from stance.measure.polarity import score_text

        key = (text, target)
        if key not in self._memo:
            self._memo[key] = score_text(text, target, self.lexicons, self.segmenter)[target]
        return self._memo[key]


@lru_cache(maxsize=1)
def shared_scorer() -> BehaviourScorer:
    """One scorer per process: loading the lexicons and building the tokenizer are the slow part."""
    return BehaviourScorer()


def passes(expect: str, score: float) -> bool:
    """The single-case rule: ``+`` needs score >= 0.1, ``-`` <= -0.1, ``0`` |score| < 0.1."""
    if expect == "+":
        return score >= THRESHOLD
    if expect == "-":
        return score <= -THRESHOLD
    return abs(score) < THRESHOLD


def pair_passes(relation: str, score_a: float, score_b: float) -> bool:
    """The pair rule: ``=`` within 0.05, ``<`` b lower by more than 0.05, ``>`` higher."""
    if relation == "=":
        return abs(score_b - score_a) <= TOLERANCE
    if relation == "<":
        return score_b < score_a - TOLERANCE
    return score_b > score_a + TOLERANCE


def _cues(result) -> str:
    return "; ".join(result.cues)


def run_suite(directory: Path = SUITE_DIR, *, scorer: BehaviourScorer | None = None) -> pd.DataFrame:
    """Score every case; one row per case with the columns of ``RESULT_COLUMNS``."""
    scorer = scorer or shared_scorer()
    rows = []
    for case in load_cases(directory):
        a = scorer.score(case.text, case.target)
        score = getattr(a, case.dimension)
        if case.kind == "single":
            extra = {"score_b": None, "cues": _cues(a), "passed": passes(case.expect, score)}
        else:
            b = scorer.score(case.text_b, case.target_b)
            score_b = getattr(b, case.dimension)
            extra = {
                "score_b": score_b,
                "cues": f"a: {_cues(a)} | b: {_cues(b)}",
                "passed": pair_passes(case.relation, score, score_b),
            }
        rows.append(
            {
                "capability": case.capability,
                "kind": case.kind,
                "file": case.file,
                "line": case.line,
                "lang": case.lang,
                "text": case.text,
                "target": case.target,
                "dimension": case.dimension,
                "expect": case.expect or None,
                "score": score,
                "text_b": case.text_b or None,
                "target_b": case.target_b or None,
                "relation": case.relation or None,
                **extra,
            }
        )
    return pd.DataFrame(rows, columns=list(RESULT_COLUMNS))


def summarise(results: pd.DataFrame) -> pd.DataFrame:
    """One row per capability: n, passed, pass_rate and the pass rate in each language (empty
    where the capability has no case in that language)."""
    rows = []
    for capability, group in results.groupby("capability", sort=True):
        row = {
            "capability": capability,
            "kind": group["kind"].iloc[0],
            "n": len(group),
            "passed": int(group["passed"].sum()),
            "pass_rate": float(group["passed"].mean()),
        }
        for lang in LANGS:
            in_lang = group.loc[group["lang"] == lang, "passed"]
            row[lang] = float(in_lang.mean()) if len(in_lang) else None
        rows.append(row)
    return pd.DataFrame(rows, columns=list(SUMMARY_COLUMNS))


def describe_failure(row: pd.Series) -> str:
    """One line naming a failed case, its expectation, its score(s) and the cues behind them."""
    where = f"{row['file']}:{row['line']}"
    if row["kind"] == "single":
        return (
            f"{where} [{row['lang']}] {row['text']} -> {row['target']} {row['dimension']} "
            f"expected {row['expect']}, got {row['score']:+.2f} (cues: {row['cues'] or 'none'})"
        )
    return (
        f"{where} [{row['lang']}] {row['dimension']}: {row['target']} in {row['text']} = "
        f"{row['score']:+.2f}; {row['target_b']} in {row['text_b']} = {row['score_b']:+.2f}; "
        f"expected b {row['relation']} a (cues {row['cues']})"
    )
