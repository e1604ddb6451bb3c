"""The checks of each lexicon kind (stance/lexicon/kinds.py) and the backtracking check of rules
patterns (stance/lexicon/patterns.py): one exact message per problem, as check and load report
it."""

from __future__ import annotations

from pathlib import Path

import pytest

from stance.errors import LexiconError
from stance.lexicon import KIND_VALIDATORS, KINDS, load_lexicon
from stance.lexicon.kinds import CUE_CONTENT
from stance.lexicon.patterns import AMBIGUOUS_ALTERNATION, NESTED_REPEAT, backtracking_risk
from stance.lexicon.tools import check_lexicon_dirs, dump_lexicon, write_lexicon
from stance.measure.mentions import TargetIndex
from tests.lexicon_helpers import run_lexicon_cli, targets_lexicon_from_rows
from tests.lexicon_helpers import write_lexicon as write_raw

TARGET_COLUMNS = ("term", "category", "weight", "note", "register", "alias_kind")
JOINT_FIX = "(declare each target id as a category of its own, or fix the row)"
REGISTERS = "neutral, formal, colloquial, regional_transliteration, partisan"
ALIAS_KINDS = "name, side, government, military, leader, party, metonym, firm, oblique, joint, currency, self, across"


def _targets(tmp_path: Path, rows: list[str], categories=("us", "china", "us+china"), **kwargs) -> Path:
    return write_raw(
        tmp_path / "targets",
        rows,
        name="my_targets",
        kind="targets",
        categories=categories,
        columns=TARGET_COLUMNS,
        **kwargs,
    )


def test_every_kind_has_a_validator():
    assert set(KIND_VALIDATORS) == KINDS


# -- targets ----------------------------------------------------------------------------------


def test_joint_form_naming_an_undeclared_target(tmp_path, capsys):
    directory = _targets(
        tmp_path,
        ["美国\tus\t1\t\tneutral\tname", "美火\tus+mars\t1\t\tneutral\tjoint"],
        categories=("us", "china", "us+mars"),
    )
    message = (
        f"{directory / 'entries.tsv'}:3: joint form 'us+mars' names undeclared target 'mars' {JOINT_FIX}"
    )
    assert check_lexicon_dirs([directory]) == [message]
    code, out, _ = run_lexicon_cli(capsys, "lexicon", "check", directory)
    assert (code, out) == (1, f"{message}\n1 problem(s) found\n")
    with pytest.raises(LexiconError) as err:
        load_lexicon(directory)
    assert str(err.value) == message


@pytest.mark.parametrize(
    ("category", "message"),
    [
        ("mars+venus", f"joint form 'mars+venus' names undeclared targets 'mars', 'venus' {JOINT_FIX}"),
        ("us+", "joint form 'us+' has an empty target id (join declared target ids with '+', e.g. china+us)"),
        ("us+us", "joint form 'us+us' names 'us' twice (name each target once)"),
    ],
)
def test_joint_form_problems(tmp_path, category, message):
    directory = _targets(tmp_path, [f"某\t{category}\t1\t\tneutral\tjoint"], categories=("us", category))
    assert check_lexicon_dirs([directory]) == [f"{directory / 'entries.tsv'}:2: {message}"]


def test_target_index_makes_the_shared_check():
    # A lexicon built in memory never went through load_lexicon; the index checks it the same way.
    lexicon = targets_lexicon_from_rows(
        [("美国", "us", "neutral", "name"), ("美火", "us+mars", "neutral", "joint")]
    )
    with pytest.raises(LexiconError) as err:
        TargetIndex.from_lexicons({"targets": lexicon})
    assert (
        str(err.value)
        == f"{Path('t') / 'entries.tsv'}:3: joint form 'us+mars' names undeclared target 'mars' {JOINT_FIX}"
    )


def test_register_and_alias_kind_from_the_documented_set(tmp_path):
    directory = _targets(tmp_path, ["老美\tus\t1\t\tslang\tnickname", "美国\tus\t1\t\t\tname"])
    tsv = directory / "entries.tsv"
    assert check_lexicon_dirs([directory]) == [
        f"{tsv}:2: register 'slang' is not a declared value (use one of {REGISTERS}, or add it to "
        "'registers' in manifest.toml)",
        f"{tsv}:2: alias_kind 'nickname' is not a declared value (use one of {ALIAS_KINDS}, or add it to "
        "'alias_kinds' in manifest.toml)",
        f"{tsv}:3: empty register (write one of {REGISTERS})",
    ]


def test_declared_registers_replace_the_documented_set(tmp_path):
    directory = _targets(
        tmp_path,
        ["老美\tus\t1\t\tslang\tname", "美利坚\tus\t1\t\tformal\tname"],
        manifest_extra='registers = ["neutral", "slang"]\n',
    )
    assert check_lexicon_dirs([directory]) == [
        f"{directory / 'entries.tsv'}:3: register 'formal' is not a declared value (use one of neutral, "
        "slang, or add it to 'registers' in manifest.toml)"
    ]


def test_declared_values_must_be_a_list(tmp_path):
    directory = _targets(tmp_path, ["美国\tus\t1\t\tneutral\tname"], manifest_extra='registers = "neutral"\n')
    assert check_lexicon_dirs([directory]) == [
        f"{directory / 'manifest.toml'}: 'registers' must be a non-empty list of the values column "
        "'register' may hold (fix it, or delete it to allow any value)"
    ]


def test_dump_keeps_declared_values(tmp_path):
    directory = _targets(
        tmp_path, ["老美\tus\t1\t\tslang\tname"], manifest_extra='registers = ["neutral", "slang"]\n'
    )
    lexicon = load_lexicon(directory)
    again = load_lexicon(write_lexicon(lexicon, tmp_path / "again"))
    assert again.declared_values == lexicon.declared_values == {"register": ("neutral", "slang")}
    assert 'registers = ["neutral", "slang"]' in dump_lexicon(lexicon)[0].splitlines()


def test_kind_checks_wait_for_the_rows_to_pass(tmp_path):
    # A row the common checks reject would make the kind's checks misleading, so they wait.
    directory = _targets(
        tmp_path,
        ["美国\tus\t2\t\tneutral\tname", "美火\tus+mars\t1\t\tneutral\tjoint"],
        categories=("us", "us+mars"),
    )
    assert check_lexicon_dirs([directory]) == [f"{directory / 'entries.tsv'}:2: weight 2 out of range [0, 1]"]


# -- cues -------------------------------------------------------------------------------------

CUE_CATEGORIES = (
    "evaluation",
    "potency",
    "negator",
    "shifter",
    "intensifier",
    "hedge",
    "attempt",
    "contrast",
    "concession",
    "irony",
    "rhetorical",
    "attribution",
)


def _cues(tmp_path: Path, rows: list[str]) -> Path:
    return write_raw(
        tmp_path / "cues",
        rows,
        name="my_cues",
        kind="cues",
        categories=CUE_CATEGORIES,
        weight_range=(-2.0, 2.0),
    )


def test_cue_weights_in_their_roles_pass(tmp_path):
    rows = [
        "合法\tevaluation\t1\t",
        "落后\tpotency\t-1.5\t",
        "不\tnegator\t-1\t",
        "并非\tnegator\t-0.5\t",
        "摆脱\tshifter\t-1\t",
        "非常\tintensifier\t1.5\t",
        "可能\thedge\t0.5\t",
        "试图\tattempt\t0.3\t",
        "但\tcontrast\t0.5\t",
        "虽然\tconcession\t0.5\t",
        "所谓\tirony\t-0.8\t",
        "难道\trhetorical\t-1\t",
        "表示\tattribution\t-1\tweight unused",
    ]
    assert check_lexicon_dirs([_cues(tmp_path, rows)]) == []


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            "不\tnegator\t0.5\t",
            "negator weight 0.5 out of range [-1, 0) (a negator multiplies the next cue: -1 flips it, "
            "-0.5 for a denial)",
        ),
        (
            "绝不\tnegator\t-1.5\t",
            "negator weight -1.5 out of range [-1, 0) (a negator multiplies the next cue: -1 flips it, "
            "-0.5 for a denial)",
        ),
        (
            "摆脱\tshifter\t1\t",
            "shifter weight 1 out of range [-1, 0) (a shifter multiplies the next cue to reverse it: use -1)",
        ),
        (
            "非常\tintensifier\t0.8\t",
            "intensifier weight 0.8 out of range (1, 2] (an intensifier multiplies the next cue to "
            "strengthen it: use 1.1 to 1.6)",
        ),
        (
            "可能\thedge\t1.5\t",
            "hedge weight 1.5 out of range (0, 1) (a hedge multiplies the later cues of its clause to "
            "weaken them: use 0.2 to 0.7)",
        ),
        (
            "试图\tattempt\t0\t",
            "attempt weight 0 out of range (0, 1) (an attempt word multiplies the positive potency after "
            "it: use 0.05 to 0.3)",
        ),
        (
            "但\tcontrast\t1\t",
            "contrast weight 1 out of range (0, 1) (a contrast marker multiplies the clauses before it so "
            "they count less: use 0.5)",
        ),
        (
            "虽然\tconcession\t-0.5\t",
            "concession weight -0.5 out of range (0, 1) (a concession marker multiplies its own clause so "
            "it counts less: use 0.5)",
        ),
        (
            "所谓\tirony\t0.8\t",
            "irony weight 0.8 out of range [-1, 0) (a scare-quote marker multiplies the next cue to reverse "
            "it: -1 or nearly)",
        ),
        (
            "难道\trhetorical\t1\t",
            "rhetorical weight 1 out of range [-1, 0) (a rhetorical-question marker multiplies the cues after "
            "it to reverse them: use -1)",
        ),
        (
            "合法\tevaluation\t0\t",
            "evaluation weight 0 scores nothing (give the cue a signed weight, or delete the row)",
        ),
    ],
)
def test_cue_weight_problems(tmp_path, row, message):
    directory = _cues(tmp_path, [row])
    assert check_lexicon_dirs([directory]) == [f"{directory / 'entries.tsv'}:2: {message}"]


def test_cue_content_categories_are_the_scorers():
    from stance.measure.polarity.records import CONTENT

    assert CUE_CONTENT == CONTENT


# -- rules ------------------------------------------------------------------------------------

NESTED = (
    "pattern can backtrack catastrophically: a repeated group holds a repeat of its own, as in (a+)+ "
    "(make the inner repeat possessive, a++, or the group atomic: (?>...))"
)
AMBIGUOUS = (
    "pattern can backtrack catastrophically: a repeated alternation has one alternative that is a prefix "
    "of another, as in (a|aa)+ (make the alternatives exclusive, or the group atomic: (?>...))"
)


def _rules(tmp_path: Path, rows: list[str]) -> Path:
    return write_raw(
        tmp_path / "rules",
        rows,
        name="my_rules",
        kind="rules",
        categories=("source_line",),
        columns=("term", "category", "weight", "note", "max_chars"),
    )


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        (
            "(来源",
            "bad regular expression: missing ), unterminated subpattern at position 0 (fix the pattern)",
        ),
        ("^(a+)+$", NESTED),
        (r"^(\w+\s?)*$", NESTED),
        ("(图|图片)*$", AMBIGUOUS),
        ("(a|a)*", AMBIGUOUS),
    ],
)
def test_rules_pattern_problems(tmp_path, pattern, message):
    directory = _rules(tmp_path, [f"{pattern}\tsource_line\t1\t\t0"])
    assert check_lexicon_dirs([directory]) == [f"{directory / 'entries.tsv'}:2: {message}"]


def test_rules_possessive_and_atomic_forms_pass(tmp_path):
    rows = [
        "^(a++)+$\tsource_line\t1\t\t0",
        "^(?>a+)+$\tsource_line\t1\t\t",
        r"^(https?://|www\.)\S+$" + "\tsource_line\t1\t\t80",
    ]
    assert check_lexicon_dirs([_rules(tmp_path, rows)]) == []


@pytest.mark.parametrize("value", ["abc", "-1", "1.5"])
def test_rules_max_chars_is_a_whole_number(tmp_path, value):
    directory = _rules(tmp_path, [f"^来源:\tsource_line\t1\t\t{value}"])
    assert check_lexicon_dirs([directory]) == [
        f"{directory / 'entries.tsv'}:2: max_chars '{value}' is not a whole number (write the longest line "
        "the rule applies to, or 0 for any length)"
    ]


@pytest.mark.parametrize(
    ("pattern", "risk"),
    [
        ("(a+)+$", NESTED_REPEAT),
        ("(a*)*", NESTED_REPEAT),
        ("(x+x+)+y", NESTED_REPEAT),
        ("(a{1,3})+", NESTED_REPEAT),
        ("(?=(a+)+)b", NESTED_REPEAT),  # inside a lookahead the nested repeat still backtracks
        ("(a|a)*", AMBIGUOUS_ALTERNATION),
        ("(a|aa)+", AMBIGUOUS_ALTERNATION),
        ("(x|a|ab)*", AMBIGUOUS_ALTERNATION),
        (r"(\d|\d\d)*", AMBIGUOUS_ALTERNATION),
        ("(a++)+$", None),
        ("(?>a+)+$", None),
        ("(a{2})+", None),  # a fixed count cannot be split two ways
        ("(a|b)*", None),
        ("(foo|bar)+", None),
        ("(信息|新闻)?来源", None),  # a bounded repeat does not multiply the splits
        (r"^\S{0,16}\s*[:|]\s*(https?://|www\.)\S+$", None),
    ],
)
def test_backtracking_risk(pattern, risk):
    assert backtracking_risk(pattern) == risk


# -- frames and variants ----------------------------------------------------------------------


def test_frame_category_without_entries_is_a_warning(tmp_path, capsys):
    directory = write_raw(tmp_path / "lex", ["成本\teconomic\t1\tcost"])
    warning = (
        f"{directory / 'manifest.toml'}: warning: frame category 'conflict' has no entries, so it always "
        "scores 0 (add entries, or remove it from categories)"
    )
    assert check_lexicon_dirs([directory]) == [warning]
    code, out, _ = run_lexicon_cli(capsys, "lexicon", "check", directory)
    assert (code, out) == (0, f"{warning}\nok: 1 lexicon(s) valid, 1 warning(s)\n")
    assert load_lexicon(directory).categories == ("economic", "conflict")


def test_variants_family_is_one_per_category(tmp_path):
    directory = write_raw(
        tmp_path / "quantities",
        [
            "产量\tshare_output\t0.9\t\tpercent\tshare_output",
            "价格\tprice\t1\t\tmoney\t",
            "产能\tshare_output\t0.9\t\tpercent\tproduction",
        ],
        name="my_quantities",
        kind="variants",
        categories=("share_output", "price"),
        columns=("term", "category", "weight", "note", "units", "family"),
    )
    assert check_lexicon_dirs([directory]) == [
        f"{directory / 'entries.tsv'}:4: category 'share_output' has family 'production' but line 2 gives "
        "'share_output' (give every entry of a category the same family)"
    ]
