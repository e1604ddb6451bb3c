"""English end to end: `stance report` on a small English corpus and on a mixed Chinese and
English corpus, both written for these tests (tests/data/english_corpus, tests/data/mixed_corpus:
one invented story, gallium export licences, told by outlets of different leans).

Every expectation below was written by reading the articles, before the tool's output was
looked at. Where the tool disagrees and the expectation still stands, the test is marked
xfail(strict=True) with the reason: those are the known gaps of English support.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pandas as pd
import pytest

DATA = Path(__file__).resolve().parent / "data"
ENGLISH = DATA / "english_corpus"
MIXED = DATA / "mixed_corpus"

WIRE = "en-wire-licences"
OPED = "en-oped-stand-up"
STATE = "en-state-lawful"
BUSINESS = "en-business-costs"
ALLIED = "en-allied-partnership"
ZH_STATE = "zh-state-lawful"
ZH_PORTAL = "zh-portal-imports"
ZH_TRAD = "zh-trad-coercion"
ENGLISH_IDS = (WIRE, OPED, STATE, BUSINESS, ALLIED)
CHINESE_IDS = (ZH_STATE, ZH_PORTAL, ZH_TRAD)


def _run_report(corpus: Path, out: Path) -> dict[str, pd.DataFrame | dict]:
    """One `stance report` run, in-process as the run_cli fixture does it (a module-scoped
    fixture cannot use run_cli, which is per test), and its tables."""
    from stance.cli.main import main

    code = main(["report", str(corpus), "--out", str(out), "--workers", "1", "--quiet"])
    assert code == 0
    tables: dict[str, pd.DataFrame | dict] = {
        name: pd.read_csv(out / f"{name}.csv", keep_default_na=False, na_values=[""], dtype={"speaker": str})
        for name in ("articles", "sentences", "mentions", "stance", "frames", "figure_claims", "figures")
    }
    tables["comparison"] = json.loads((out / "comparison.json").read_text(encoding="utf-8"))
    return tables


@pytest.fixture(scope="module")
def english(tmp_path_factory):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("STANCE_CACHE_DIR", str(tmp_path_factory.mktemp("cache-en")))
        return _run_report(ENGLISH, tmp_path_factory.mktemp("report-en"))


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("STANCE_CACHE_DIR", str(tmp_path_factory.mktemp("cache-mixed")))
        return _run_report(MIXED, tmp_path_factory.mktemp("report-mixed"))


def _sentence(tables, article_id: str, index: int) -> pd.Series:
    s = tables["sentences"]
    row = s[(s["article_id"] == article_id) & (s["sentence_index"] == index)]
    assert len(row) == 1, (article_id, index)
    return row.iloc[0]


# --- the corpora themselves ------------------------------------------------------------------


def test_mixed_corpus_holds_the_english_articles_unchanged():
    for path in ENGLISH.glob("*.txt"):
        assert (MIXED / path.name).read_bytes() == path.read_bytes(), path.name
    english_rows = (ENGLISH / "corpus.csv").read_text(encoding="utf-8").splitlines()
    mixed_rows = (MIXED / "corpus.csv").read_text(encoding="utf-8").splitlines()
    assert mixed_rows[: len(english_rows)] == english_rows


@pytest.mark.parametrize("path", sorted(ENGLISH.glob("*.txt")), ids=lambda p: p.stem)
def test_english_articles_are_short_news_articles(path):
    # 150-300 words, each with a byline line at the top.
    n_words = len(path.read_text(encoding="utf-8").split())
    assert 150 <= n_words <= 300
    assert path.read_text(encoding="utf-8").splitlines()[1].startswith("By ")


# --- sentences and furniture -----------------------------------------------------------------

# (sentence count of all kinds, indices of the furniture lines), read off the files: a headline,
# a byline, one sentence per body line (no body line holds two), trailer lines.
SENTENCES = {
    WIRE: (14, {1, 12, 13}),  # byline, "Reporting by ...", "Read more: ..."
    OPED: (14, {1, 13}),  # byline, "Read more: ..."
    STATE: (12, {1, 11}),  # byline, "Reporting by ..."
    BUSINESS: (12, {1, 11}),  # byline, "Read more: ..."
    ALLIED: (12, {1, 11}),  # byline, "© 2026 ... All rights reserved."
}


@pytest.mark.parametrize("article_id", ENGLISH_IDS)
def test_english_sentence_counts_and_furniture(english, article_id):
    n_sentences, furniture = SENTENCES[article_id]
    s = english["sentences"][english["sentences"]["article_id"] == article_id]
    assert len(s) == n_sentences
    assert set(s.loc[s["kind"] == "furniture", "sentence_index"]) == furniture
    assert set(s.loc[~s["sentence_index"].isin(furniture | {0}), "kind"]) == {"body"}
    a = english["articles"].set_index("article_id")
    assert a.loc[article_id, "n_sentences"] == n_sentences
    assert a.loc[article_id, "n_furniture"] == len(furniture)


def test_english_headlines_are_headings(english):
    s = english["sentences"]
    assert set(s.loc[s["sentence_index"] == 0, "kind"]) == {"heading"}


def test_english_furniture_lines_are_the_expected_lines(english):
    assert _sentence(english, WIRE, 1)["text"] == "By Anna Reed and Tom Hale, Global Wire"
    assert _sentence(english, WIRE, 12)["text"].startswith("Reporting by Anna Reed")
    assert _sentence(english, WIRE, 13)["text"].startswith("Read more:")
    assert _sentence(english, ALLIED, 11)["text"].startswith("© 2026")
    # "Mr." and "Ms." do not end a sentence; a sentence ending inside a quote ends there.
    assert _sentence(english, WIRE, 5)["text"].startswith("Mr. Lee, a US commerce official, said")
    assert _sentence(english, BUSINESS, 9)["text"].endswith('not a business case."')


# Chinese articles of the mixed corpus: headline, (byline,) one sentence per 。
CHINESE_SENTENCES = {ZH_STATE: (6, {1}), ZH_PORTAL: (5, set()), ZH_TRAD: (5, set())}


@pytest.mark.parametrize("article_id", [ZH_STATE, ZH_PORTAL, ZH_TRAD])
def test_chinese_sentence_counts_and_furniture(mixed, article_id):
    n_sentences, furniture = CHINESE_SENTENCES[article_id]
    s = mixed["sentences"][mixed["sentences"]["article_id"] == article_id]
    assert len(s) == n_sentences
    assert (
        set(s.loc[s["kind"].isin(["body", "heading"]), "sentence_index"])
        == set(range(n_sentences)) - furniture
    )
    assert set(s.loc[s["kind"] == "furniture", "sentence_index"]) == furniture


# --- speakers and mentions -------------------------------------------------------------------


def _mentions(tables, article_id: str, index: int) -> pd.DataFrame:
    m = tables["mentions"]
    return m[(m["article_id"] == article_id) & (m["sentence_index"] == index)]


# (article, sentence, speaker as written): a named speaker before or after "said".
# (The US of "Mr. Lee, a US commerce official" is the author's description of the speaker, but
# the Washington of "said Washington was studying" is in Mr. Lee's voice; one row per target.)
NAMED_SPEAKERS = [
    (WIRE, 5, "Mr. Lee"),  # Mr. Lee, a US commerce official, said Washington was ...
    (BUSINESS, 3, "Mr. Novak"),  # ..., said Mr. Novak, an analyst at ...
    (ALLIED, 3, "Mr. Tanaka"),
    (STATE, 4, "Ms. Zhou"),  # "..., she said." after "Ms. Zhou, a spokeswoman ..., said ..."
    (WIRE, 6, "Mr. Lee"),  # "..., he said." after "Mr. Lee, ... said ..."
]


@pytest.mark.parametrize(("article_id", "index", "speaker"), NAMED_SPEAKERS)
def test_named_speakers(english, article_id, index, speaker):
    m = _mentions(english, article_id, index)
    assert len(m) > 0
    assert set(m["speaker"]) == {speaker}


# A body speaking: the speaker of the target named in what it says names the body.
BODY_SPEAKERS = [
    (WIRE, 2, "china", "commerce ministry"),  # ..., the Chinese commerce ministry said on Tuesday.
    (ALLIED, 8, "china", "foreign ministry"),  # China's foreign ministry said the partnership ...
    (ALLIED, 9, "china", "diplomats"),  # Diplomats in Canberra said ... talks with Beijing.
]


@pytest.mark.parametrize(("article_id", "index", "target", "speaker"), BODY_SPEAKERS)
def test_bodies_as_speakers(english, article_id, index, target, speaker):
    m = _mentions(english, article_id, index)
    speakers = set(m.loc[m["target"] == target, "speaker"])
    assert len(speakers) == 1
    assert speaker in speakers.pop().lower()


# "..., he said." / "..., she said." / "..., the spokeswoman said.": reported speech, not the
# author's voice, whoever the pronoun stands for.
REPORTED = [(WIRE, 6), (STATE, 4), (STATE, 10), (BUSINESS, 4), (ALLIED, 4)]


@pytest.mark.parametrize(("article_id", "index"), REPORTED)
def test_pronoun_speech_is_reported(english, article_id, index):
    m = _mentions(english, article_id, index)
    assert len(m) > 0
    assert "author" not in set(m["speaker"])


def test_author_sentences_have_the_author_as_speaker(english):
    for article_id, index in [(OPED, 5), (OPED, 9), (BUSINESS, 6), (STATE, 5)]:
        assert set(_mentions(english, article_id, index)["speaker"]) == {"author"}, (article_id, index)


# (article, sentence, targets a reader finds there): possessives, metonyms, demonyms and
# hyphenated forms included.
MENTIONS = [
    (WIRE, 0, {"china", "us"}),
    (WIRE, 2, {"china"}),
    (WIRE, 3, {"china"}),
    (WIRE, 5, {"us"}),  # US, Washington
    (WIRE, 6, {"us", "china"}),
    (OPED, 2, {"china"}),  # Beijing's
    (OPED, 3, {"china", "us"}),  # China's, American
    (OPED, 5, {"us"}),
    (OPED, 6, {"us"}),  # Washington
    (OPED, 8, {"japan", "australia", "us"}),
    (OPED, 10, {"china"}),  # Beijing's
    (OPED, 12, {"us"}),  # Washington's
    (STATE, 0, {"china"}),
    (STATE, 5, {"us", "china"}),
    (STATE, 6, {"us"}),  # Washington's
    (STATE, 7, {"us", "china"}),
    (BUSINESS, 2, {"us", "china"}),  # Washington's, China's
    (BUSINESS, 6, {"us"}),  # America
    (BUSINESS, 8, {"china"}),
    (ALLIED, 0, {"australia", "japan", "us"}),  # US-led
    (ALLIED, 3, {"japan", "china"}),  # Japanese, Japan's, Chinese
    (ALLIED, 8, {"china"}),
    (ALLIED, 9, {"australia", "china"}),  # Canberra, Beijing
]


@pytest.mark.parametrize(("article_id", "index", "targets"), MENTIONS)
def test_mentions_in_english_sentences(english, article_id, index, targets):
    assert targets <= set(_mentions(english, article_id, index)["target"])


def test_possessive_metonym_is_not_the_other_side(english):
    # "Beijing's new gallium licences are economic coercion": China, and China only.
    assert set(_mentions(english, OPED, 2)["target"]) == {"china"}
    assert set(_mentions(english, OPED, 10)["target"]) == {"china"}


def test_no_mentions_in_furniture(english):
    s = english["sentences"]
    furniture = set(map(tuple, s.loc[s["kind"] == "furniture", ["article_id", "sentence_index"]].values))
    found = set(map(tuple, english["mentions"][["article_id", "sentence_index"]].values))
    assert not (furniture & found)


# --- stance ----------------------------------------------------------------------------------


def _source_score(tables, source: str, target: str, dimension: str) -> float:
    st = tables["stance"]
    row = st[
        (st["article_id"] == "*")
        & (st["source"] == source)
        & (st["target"] == target)
        & (st["dimension"] == dimension)
    ]
    assert len(row) == 1, (source, target, dimension)
    return float(row["score"].item())


# (source, target, dimension, sign): only where the article leaves a reader no doubt.
STANCE_SIGNS = [
    ("Liberty Review (op-ed)", "us", "evaluation", 1),  # wise, responsible, lawful, reliable
    ("Liberty Review (op-ed)", "china", "evaluation", -1),  # coercion, bully, threats, reckless
    ("Harmony Daily (state media)", "china", "evaluation", 1),  # lawful, transparent, reliable
    ("Harmony Daily (state media)", "us", "evaluation", -1),  # abused, hypocrisy
    ("Ledger Business Review", "us", "potency", -1),  # lacks, likely to fail
    ("Ledger Business Review", "china", "potency", 1),  # grip, dominates
]


@pytest.mark.parametrize(("source", "target", "dimension", "sign"), STANCE_SIGNS)
def test_source_stance_direction(english, source, target, dimension, sign):
    assert sign * _source_score(english, source, target, dimension) > 0


def _sentence_score(tables, article_id: str, index: int, target: str, dimension: str) -> float:
    m = _mentions(tables, article_id, index)
    return float(m.loc[m["target"] == target, dimension].item())


def test_message_about_coercion_does_not_blame_the_messenger(english):
    assert _sentence_score(english, OPED, 12, "us", "evaluation") >= 0


def test_doubted_break_of_a_grip_leaves_the_grip(english):
    assert _sentence_score(english, BUSINESS, 2, "china", "potency") >= 0


def test_sentence_level_stance_in_plain_sentences(english):
    assert _sentence_score(english, OPED, 5, "us", "evaluation") > 0  # wise, responsible, lawful
    assert _sentence_score(english, OPED, 10, "china", "evaluation") < 0  # threats, reckless
    assert _sentence_score(english, STATE, 2, "china", "evaluation") > 0  # lawful, transparent
    assert _sentence_score(english, STATE, 5, "us", "evaluation") < 0  # abused
    assert _sentence_score(english, BUSINESS, 6, "us", "potency") < 0  # lacks, fail
    assert _sentence_score(english, BUSINESS, 8, "china", "potency") > 0  # dominates


def test_opposite_sources_are_ordered(english):
    pro_us = _source_score(english, "Liberty Review (op-ed)", "us", "evaluation")
    pro_china = _source_score(english, "Harmony Daily (state media)", "us", "evaluation")
    assert pro_us > pro_china
    assert _source_score(english, "Harmony Daily (state media)", "china", "evaluation") > _source_score(
        english, "Liberty Review (op-ed)", "china", "evaluation"
    )


# --- frames ----------------------------------------------------------------------------------

# (article, frame) plainly used: the words are in the text.
FRAMES = [
    (WIRE, "security_defense"),  # radar systems, national security
    (OPED, "alliance_cooperation"),  # allies, partners, join
    (STATE, "legality"),  # lawful, international practice
    (STATE, "security_defense"),  # national security
    (BUSINESS, "economic"),  # costs, investors, prices, margins, shares
    (ALLIED, "alliance_cooperation"),  # agreement, partnership, partners
    (ALLIED, "dependency_vulnerability"),  # dependence on Chinese supply
]


@pytest.mark.parametrize(("article_id", "frame"), FRAMES)
def test_english_frames_present(english, article_id, frame):
    f = english["frames"]
    row = f[(f["article_id"] == article_id) & (f["frame"] == frame)]
    assert len(row) == 1
    assert row["hits"].item() > 0
    assert row["per_1k_tokens"].item() > 0


def test_every_english_source_has_frame_hits(english):
    f = english["frames"]
    totals = f[f["article_id"] == "*"].groupby("source")["hits"].sum()
    assert set(totals.index) == set(english["articles"]["source"])
    assert (totals > 0).all()


# --- figures ---------------------------------------------------------------------------------

# (article, low, high, unit) for each figure a reader sees as a quantity claim.
FIGURES = [
    (WIRE, 98.0, 98.0, "%"),  # about 98 percent
    (WIRE, 66.7, 66.7, "%"),  # roughly two-thirds
    (WIRE, 20.0, 25.0, "%"),  # 20 to 25 per cent
    (WIRE, 8e7, 8e7, "t"),  # about 80 million tonnes
    (OPED, 98.0, 98.0, "%"),  # 98 per cent
    (OPED, 2e9, 2e9, "USD"),  # $2 billion
    (STATE, 98.0, 98.0, "%"),  # about 98 percent
    (STATE, 5.0, 10.0, "years"),  # 5 to 10 years
    (STATE, 3e9, math.inf, "USD"),  # more than $3 billion
    (BUSINESS, 2e9, 2e9, "USD"),  # $2 billion
    (BUSINESS, 5.0, 7.0, "years"),  # 5 to 7 years
    (BUSINESS, 3.0, 3.0, "times"),  # about three times
    (BUSINESS, 40.0, 40.0, "%"),  # by 40%
    (BUSINESS, 60.0, 70.0, "%"),  # between 60% and 70%
    (ALLIED, 60.0, 60.0, "%"),  # about 60 percent
    (ALLIED, 3e8, 3e8, "USD"),  # US$300 million
    (ALLIED, 50.0, 50.0, "t"),  # 50 tonnes
]


def _high(value) -> float:
    # An open upper bound ("more than $3 billion") is an empty cell.
    return math.inf if pd.isna(value) else float(value)


def _has_claim(tables, article_id: str, low: float, high: float, unit: str) -> bool:
    c = tables["figure_claims"]
    c = c[(c["article_id"] == article_id) & (c["unit"] == unit)]
    return any(
        math.isclose(float(lo), low, rel_tol=1e-3) and math.isclose(_high(hi), high, rel_tol=1e-3)
        for lo, hi in zip(c["low"], c["high"], strict=True)
    )


@pytest.mark.parametrize(("article_id", "low", "high", "unit"), FIGURES)
def test_english_figure_claims(english, article_id, low, high, unit):
    assert _has_claim(english, article_id, low, high, unit)


def test_english_share_claims_name_china_and_a_quantity(english):
    c = english["figure_claims"]
    shares = c[(c["unit"] == "%") & (c["low"].astype(float).round(1) == 98.0)]
    assert set(shares["article_id"]) == {WIRE, OPED, STATE}
    assert set(shares["subject"]) == {"china"}
    assert set(shares["quantity"]) == {"share_refining"}


# (article, low, high, unit) in the Chinese articles of the mixed corpus.
CHINESE_FIGURES = [
    (ZH_STATE, 98.0, 98.0, "%"),  # 约98%
    (ZH_PORTAL, 80.0, 80.0, "%"),  # 约80% (and 八成 in the headline)
    (ZH_PORTAL, 5.0, 7.0, "years"),  # 5到7年
    (ZH_PORTAL, 20.0, 25.0, "%"),  # 20%至25%
    (ZH_TRAD, 98.0, 98.0, "%"),  # 約98%
    (ZH_TRAD, 2e9, 2e9, "USD"),  # 20億美元
]


@pytest.mark.parametrize(("article_id", "low", "high", "unit"), CHINESE_FIGURES)
def test_chinese_figure_claims(mixed, article_id, low, high, unit):
    assert _has_claim(mixed, article_id, low, high, unit)


def _language_of(tables) -> dict[str, str]:
    a = tables["articles"]
    return dict(zip(a["article_id"], a["language"], strict=True))


def test_a_figure_group_holds_english_and_chinese_claims(mixed):
    language = _language_of(mixed)
    f = mixed["figures"]
    both = [g for g, rows in f.groupby("group") if {language[a] for a in rows["article_id"]} == {"en", "zh"}]
    assert both
    # China's share of world gallium refining: about 98% in three English and two Chinese articles.
    refining = f[(f["subject"] == "china") & (f["claim_quantity"] == "share_refining")]
    assert set(refining["article_id"]) == {WIRE, OPED, STATE, ZH_STATE, ZH_TRAD}
    assert refining["group"].nunique() == 1
    assert set(refining["status"]) == {"agree"}


def test_money_claims_on_one_investment_share_a_group(mixed):
    f = mixed["figures"]
    money = f[(f["unit"] == "USD") & (f["low"].astype(float) == 2e9)]
    assert set(money["article_id"]) == {OPED, BUSINESS, ZH_TRAD}
    assert money["group"].nunique() == 1


def test_conflicting_figures_across_languages(mixed):
    # The share of US gallium imports from China: two-thirds (wire) against 约80%/八成 (portal).
    language = _language_of(mixed)
    f = mixed["figures"]
    conflicts = [
        rows
        for _, rows in f[f["status"] == "conflict"].groupby("group")
        if {language[a] for a in rows["article_id"]} == {"en", "zh"}
    ]
    assert any({WIRE, ZH_PORTAL} <= set(rows["article_id"]) for rows in conflicts)


def test_no_figure_claims_in_furniture(english):
    s = english["sentences"]
    furniture = set(map(tuple, s.loc[s["kind"] == "furniture", ["article_id", "sentence_index"]].values))
    claims = set(map(tuple, english["figure_claims"][["article_id", "sentence_index"]].values))
    assert not (furniture & claims)


def test_a_claim_card_can_hold_both_languages():
    """English and Chinese sentences share no words; a sub-topic joins them through what the
    ids say they are about (target, frames). On the mixed test corpus itself no English source
    has the evidence a side needs (at least three author sentences whose interval stays on one
    side of zero: the articles are short), so the capability is checked on sentences built for it."""
    from stance.compare.claims import find_disagreements
    from stance.compare.units import StanceSentence
    from stance.config import RunConfig

    english = [("supply", "chain", "allies", "mine"), ("allied", "supply", "chain", "refinery"),
               ("supply", "chain", "partners", "plant"), ("chain", "allies", "processing", "deal")]  # fmt: skip
    chinese = [
        ("供应链", "盟友", "失败"),
        ("供应链", "合作", "落空"),
        ("盟友", "供应链", "困境"),
        ("合作", "供应链", "受阻"),
    ]
    sentences = [
        StanceSentence(
            article_id, source, i, words, ("economic",), (("us", 0.0, sign * (0.7 + 0.05 * i)),), (), ("us",)
        )
        for article_id, source, sign, rows in (
            ("en-a", "English paper", 1, english),
            ("zh-a", "Chinese portal", -1, chinese),
        )
        for i, words in enumerate(rows)
    ]
    cards = find_disagreements(sentences, RunConfig(), lambda article_id, index: f"{article_id}:{index}")
    assert [(c["target"], c["dimension"]) for c in cards] == [("us", "potency")]
    assert {p["article_id"] for p in cards[0]["positions"]} == {"en-a", "zh-a"}


# --- readability -----------------------------------------------------------------------------

EN_COLUMNS = ("en_flesch_reading_ease", "en_flesch_kincaid_grade", "en_dale_chall")
ZH_COLUMNS = ("zh_chars_per_sentence", "zh_words_per_sentence", "zh_uncommon_char_share")


def test_english_readability(english):
    a = english["articles"].set_index("article_id")
    for column in EN_COLUMNS + ZH_COLUMNS:
        assert column in a.columns
    for article_id in ENGLISH_IDS:
        # News prose for adults: hard-ish but not legal text.
        assert 10 < a.loc[article_id, "en_flesch_reading_ease"] < 80
        assert 6 < a.loc[article_id, "en_flesch_kincaid_grade"] < 18
        assert 5 < a.loc[article_id, "en_dale_chall"] < 15
        assert all(pd.isna(a.loc[article_id, c]) for c in ZH_COLUMNS)


def test_mixed_readability_by_language(mixed):
    a = mixed["articles"].set_index("article_id")
    for article_id in ENGLISH_IDS:
        assert all(pd.notna(a.loc[article_id, c]) for c in EN_COLUMNS)
        assert all(pd.isna(a.loc[article_id, c]) for c in ZH_COLUMNS)
    for article_id in CHINESE_IDS:
        assert all(pd.isna(a.loc[article_id, c]) for c in EN_COLUMNS)
        assert all(pd.notna(a.loc[article_id, c]) for c in ZH_COLUMNS)
        assert 0 <= a.loc[article_id, "zh_uncommon_char_share"] < 0.2
    # The portal piece has five content sentences (headline + four) and no furniture, so its
    # Han characters per sentence can be counted from the file.
    text = (MIXED / "zh_portal.txt").read_text(encoding="utf-8")
    n_han = len(re.findall(r"[\u4e00-\u9fff]", text))
    assert a.loc[ZH_PORTAL, "zh_chars_per_sentence"] == pytest.approx(n_han / 5, abs=0.01)
