"""English text handling (issue 11): sentence splitting on labelled paragraphs, the speaker of
English reported speech (honorifics, appositions, "according to"), and English page furniture
set aside while ordinary sentences stay body text. All sentences are made up for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from stance.corpus.furniture import FurnitureRules, mark_furniture
from stance.corpus.records import KIND_BODY, KIND_FURNITURE
from stance.lexicon import load_lexicon
from stance.text.normalise import normalise_text
from stance.text.sentences import split_sentences

from ._stance_fixtures import score

DATA = Path(__file__).resolve().parent / "data"
LEXICONS = Path(__file__).resolve().parent.parent / "lexicons"


def _cases(name: str) -> list[tuple[str, list[str]]]:
    lines = [
        line
        for line in (DATA / name).read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    cases = []
    for line in lines[1:]:
        case_id, _note, sentences = line.split("\t")
        cases.append(pytest.param(" ".join(sentences.split(" || ")), sentences.split(" || "), id=case_id))
    return cases


# -- sentences ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("paragraph", "expected"), _cases("english_sentences.tsv"))
def test_english_sentences_split_as_labelled(paragraph, expected):
    assert split_sentences(paragraph) == expected


@pytest.mark.parametrize(("paragraph", "expected"), _cases("english_sentences_heldout.tsv"))
def test_english_sentences_held_out_split_as_labelled(paragraph, expected):
    assert split_sentences(paragraph) == expected


def test_straight_quote_after_a_full_stop_ends_the_sentence():
    text = '"This deal is the best," he said. "It is the best." Analysts said the deal was weak.'
    assert split_sentences(text) == [
        '"This deal is the best," he said.',
        '"It is the best."',
        "Analysts said the deal was weak.",
    ]


def test_question_in_quotes_stays_with_its_attribution():
    assert split_sentences('"Why now?" asked the senator. Nobody answered.') == [
        '"Why now?" asked the senator.',
        "Nobody answered.",
    ]


def test_chinese_closing_quote_rules_are_unchanged():
    assert split_sentences("他问:“为什么是现在？”没有人回答。") == ["他问:“为什么是现在？”", "没有人回答。"]
    assert split_sentences("报告称:“出口下降。”进口上升。") == ["报告称:“出口下降。”", "进口上升。"]


def test_english_splitting_keeps_every_character():
    text = 'Mr. Lee said "No." The U.S. said no. (See p. 4.) Output rose 5.2%. Then it fell...'
    pieces = split_sentences(text)
    assert pieces == [
        'Mr. Lee said "No."',
        "The U.S. said no.",
        "(See p. 4.)",
        "Output rose 5.2%.",
        "Then it fell...",
    ]
    assert " ".join(pieces) == text  # nothing lost: only the spaces between sentences go


# -- speakers -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "target", "speaker"),
    [
        ("Mr. Smith, a trade official, said Japan's curbs were unfair.", "japan", "Mr. Smith"),
        (
            "Dr. Jane Chen, an economist at the bank, said China's economy was strong.",
            "china",
            "Dr. Jane Chen",
        ),
        ("Smith, who heads the trade office, said Japan's plan was a failure.", "japan", "Smith"),
        ("Japan's curbs are unfair, said Mr. Smith, a trade official.", "japan", "Mr. Smith"),
        ("Japan's curbs are unfair, Ms. Lee said.", "japan", "Ms. Lee"),
        ("Japan's quotas will stay, the trade ministry said on Friday.", "japan", "trade ministry"),
        ("Japan's quotas will stay, the ministry said in a statement.", "japan", "the ministry"),
        ("Japan's plan is failing, said Ms. Lee, a fellow at a Tokyo institute.", "japan", "Ms. Lee"),
        ("According to Mr. Smith, China's curbs are illegal.", "china", "Mr. Smith"),
        (
            "According to the U.S. Commerce Department, China's curbs are illegal.",
            "china",
            "U.S. Commerce Department",
        ),
        (
            "Commerce Secretary Gina Lopez said China's curbs were illegal.",
            "china",
            "Commerce Secretary Gina Lopez",
        ),
        ("Prof. Alvarez told reporters that Japan's plan was a failure.", "japan", "Prof. Alvarez"),
        ("In a statement on Friday, the ministry said Japan's plan was a failure.", "japan", "the ministry"),
        ("J. R. Mills, a mining analyst, said Japan's plan was a failure.", "japan", "J. R. Mills"),
    ],
)
def test_english_speaker_is_the_person_or_body(text, target, speaker):
    assert score(text)[target].speaker == speaker


def test_chinese_speaker_is_unchanged():
    assert score("美国财政部长称，中国的产能过剩正在扭曲全球市场。")["china"].speaker == "美国财政部长"


# -- furniture ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def rules() -> FurnitureRules:
    return FurnitureRules.from_lexicon(load_lexicon(LEXICONS / "furniture"))


@pytest.mark.parametrize(
    ("line", "category"),
    [
        ("By Jane Doe", "byline"),
        ("By JANE DOE and JOHN ROE", "byline"),
        ("By Jane Doe and John Roe in Beijing", "byline"),
        ("BY MARIA LOPEZ | March 3, 2025", "byline"),
        ("Reporting by Jane Doe in Beijing; Editing by John Roe", "byline"),
        ("(Reporting by David J. Lawder; Additional reporting by Ann Lee; Editing by Tom Hogue)", "byline"),
        ("Sign up for our daily briefing", "subscription"),
        ("Subscribe to our newsletter", "subscription"),
        ("Follow us on X and Facebook", "subscription"),
        ("Share this article", "subscription"),
        ("Click here to read the full report", "subscription"),
        ("Read more: China tightens rare earth exports", "link_line"),
        ("Related: Japan and US sign minerals pact", "link_line"),
        ("相关阅读:中日稀土谈判重启", "link_line"),
        ("Read more", "related_tail"),
        ("Related", "related_tail"),
        ("Advertisement", "advert"),
        ("Story continues below advertisement", "advert"),
        ("广告", "advert"),
        ("(c) 2025 Reuters", "copyright"),
        ("© 2025 The Daily Ledger", "copyright"),
        ("Copyright 2025 Example News Ltd.", "copyright"),
        ("All rights reserved.", "copyright"),
        ("Powered by WordPress", "copyright"),
        ("Updated: Jan. 5, 2025", "timestamp_line"),
        ("January 5, 2025 10:32 AM EST", "timestamp_line"),
        ("Source: Reuters", "source_line"),
        ("Comments", "comment_tail"),
        ("Registered in England and Wales No. 1234567", "licence_number"),
    ],
)
def test_english_furniture_lines(rules, line, category):
    rule = rules.match(normalise_text(line))
    assert rule is not None and rule.category == category


@pytest.mark.parametrize(
    "line",
    [
        "By the end of May, exports had fallen by a third.",
        "By Tuesday, the talks had collapsed.",
        "By 2030, China aims to double output.",
        "By contrast, Japan's exports rose.",
        "Millions of farmers sign up for the subsidy each year.",
        "Few economists share this view.",
        "Japan will donate $5 million to the fund.",
        "The court ruled on a copyright dispute between the two firms.",
        "The plant is powered by coal and gas.",
        "Reporting by state media suggested the talks had stalled.",
        "Related industries also suffered losses.",
        "Sources said the talks had stalled.",
        "Advertising revenue fell 5% last year.",
        "Officials said they would follow the rules.",
        "Readers can click on the map to see the mines.",
        "The newsletter business grew quickly in 2024.",
        "Updated rules take effect on Jan. 5, 2025.",
        "Share prices fell sharply on Monday.",
        "Via its subsidiaries, the firm controls most of the supply.",
        "The company number fell to 12 in 2024.",
    ],
)
def test_ordinary_english_sentences_are_not_furniture(rules, line):
    assert rules.match(normalise_text(line)) is None


def test_english_page_keeps_its_body_and_sets_furniture_aside(rules):
    page = [
        "Japan and US agree minerals pact",
        "By Jane Doe and John Roe",
        "Updated: Jan. 5, 2025",
        "Japan and the United States agreed on Monday to share stockpiles of rare earths.",
        "Advertisement",
        "Officials said the pact would take effect in March.",
        "Read more: China tightens rare earth exports",
        "Reporting by Jane Doe; Editing by John Roe",
        "© 2025 The Daily Ledger. All rights reserved.",
    ]
    kinds = [block.kind for block in mark_furniture(page, rules)]
    assert kinds[1:] == [
        KIND_FURNITURE,
        KIND_FURNITURE,
        KIND_BODY,
        KIND_FURNITURE,
        KIND_BODY,
        KIND_FURNITURE,
        KIND_FURNITURE,
        KIND_FURNITURE,
    ]
