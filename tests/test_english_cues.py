"""The English cue lexicon (lexicons/stance_cues_en) read by the stance scorer, on short news-style
sentences written for these tests (not from the seeds): the sign of each target's evaluation or
potency, as `stance evaluate` reads it (+ from 0.2, - from -0.2, else 0)."""

from __future__ import annotations

import re

import pytest

from stance.measure.polarity import build_scorer, score_text
from stance.text.segment import Segmenter

SIGN_THRESHOLD = 0.2

CASES = [
    # evaluation: legitimacy, coercion, hypocrisy, blame, and their opposites
    ("Washington's long-arm jurisdiction is bullying.", "us", "evaluation", "-"),
    ("Russia's invasion was illegal and reckless.", "russia", "evaluation", "-"),
    ("China accused the United States of hypocrisy and double standards.", "us", "evaluation", "-"),
    ("Japan accused China of blackmail.", "china", "evaluation", "-"),
    ("India slammed the UK's decision as unfair and discriminatory.", "uk", "evaluation", "-"),
    ("Japan praised Australia as a reliable partner.", "australia", "evaluation", "+"),
    ("The EU hailed India as a trusted partner.", "india", "evaluation", "+"),
    ("Tokyo signed a constructive, good-faith deal with Canberra.", "japan", "evaluation", "+"),
    ("Beijing has shown restraint and acted responsibly.", "china", "evaluation", "+"),
    # an appraisal verb in the passive with its agent: the subject is the one appraised
    ("The Chinese government was criticised by rights groups.", "china", "evaluation", "-"),
    ("China is not a reliable partner.", "china", "evaluation", "-"),
    # potency: control, dependence, comparison, success and failure
    ("Beijing's export curbs have given it a stranglehold on the industry.", "china", "potency", "+"),
    ("Washington's sanctions failed.", "us", "potency", "-"),
    ("Australia has become self-reliant in lithium processing.", "australia", "potency", "+"),
    ("The US is scrambling to rebuild its supply chains.", "us", "potency", "-"),
    ("India's plans to build a refinery have stalled.", "india", "potency", "-"),
    ("Pakistan lacks the technology to process the ore.", "pakistan", "potency", "-"),
    ("Japan remains heavily dependent on China for gallium.", "japan", "potency", "-"),
    ("Japan remains heavily dependent on China for gallium.", "china", "potency", "+"),
    ("The EU is increasingly reliant on American gas.", "eu", "potency", "-"),
    ("The EU is increasingly reliant on American gas.", "us", "potency", "+"),
    ("The US lags far behind China in refining.", "us", "potency", "-"),
    ("The US lags far behind China in refining.", "china", "potency", "+"),
    ("South Korea outperformed Japan in battery output.", "south_korea", "potency", "+"),
    ("South Korea outperformed Japan in battery output.", "japan", "potency", "-"),
    ("Taiwan was outpaced by South Korea in memory chips.", "taiwan", "potency", "-"),
    ("Taiwan was outpaced by South Korea in memory chips.", "south_korea", "potency", "+"),
    ("The US cannot compete with China on price.", "us", "potency", "-"),
    ("The US cannot compete with China on price.", "china", "potency", "+"),
    ("China is no match for the US in aircraft engines.", "china", "potency", "-"),
    # negation as the segmenter tokenises it (doesn't, does not), and phrases with no negation
    ("Washington does not control the supply of these metals.", "us", "potency", "-"),
    ("China doesn't depend on American chips any more.", "china", "potency", "+"),
    ("Japan has no choice but to accept the terms.", "japan", "potency", "-"),
    ("Not only is China dominant, it is also self-sufficient.", "china", "potency", "+"),
    # doubt over a that/whether clause: a doubted change is no change
    ("Investors doubt that the tariffs can break China's grip on the market.", "china", "potency", "+"),
    ("Analysts doubt whether India can end its reliance on Russian oil.", "india", "potency", "-"),
    # a speaker does not blame itself for a fault it names without naming whose it is
    ("Washington said coercion will not work.", "us", "evaluation", "0"),
    ("Tokyo's message was clear: China's bullying will not be tolerated.", "china", "evaluation", "-"),
    ("Tokyo's message was clear: China's bullying will not be tolerated.", "japan", "evaluation", "0"),
    # neutral news language, including fixed phrases that hold a cue word
    ("China's trade minister met his Australian counterpart in Lima.", "china", "evaluation", "0"),
    ("Britain and India discussed a free trade agreement.", "uk", "evaluation", "0"),
    ("China is responsible for most of the world's refining.", "china", "evaluation", "0"),
    ("The US and Russia resumed arms control talks.", "us", "potency", "0"),
]


@pytest.fixture(scope="module")
def segmenter(lexicons):
    return Segmenter(build_scorer(lexicons).terms, engine="jieba")


def _sign(value: float) -> str:
    return "+" if value >= SIGN_THRESHOLD else "-" if value <= -SIGN_THRESHOLD else "0"


@pytest.mark.parametrize(("text", "target", "dimension", "expected"), CASES)
def test_english_sentence_scores_with_the_expected_sign(
    text, target, dimension, expected, lexicons, segmenter
):
    row = score_text(text, target, lexicons, segmenter)[target]
    value = getattr(row, dimension)
    assert _sign(value) == expected, f"{dimension} {value:+.2f} from {row.cues}"


def test_may_the_month_is_not_a_hedge(lexicons, segmenter):
    month = score_text("In May China succeeded.", "china", lexicons, segmenter)["china"]
    plain = score_text("China succeeded.", "china", lexicons, segmenter)["china"]
    hedged = score_text("China may succeed.", "china", lexicons, segmenter)["china"]
    assert month.potency == plain.potency > hedged.potency > 0


def test_contractions_are_single_tokens_as_the_lexicon_writes_them(segmenter):
    # The negators are written as whole tokens (doesn't, can't, won’t); a change to the
    # segmenter's rule for apostrophes would silently stop them from matching.
    assert segmenter.cut("doesn't can't won’t cannot") == ("doesn't", "can't", "won’t", "cannot")


def test_english_cues_are_lower_case_latin(lexicons):
    # Lower-case terms match case-insensitively; a term with capitals would match only as written.
    terms = [e.term for e in lexicons["stance_cues_en"].entries]
    assert [t for t in terms if t != t.lower() or re.search(r"[\u3400-\u9fff]", t)] == []


def test_english_cues_declare_the_categories_of_stance_cues(lexicons):
    assert lexicons["stance_cues_en"].categories == lexicons["stance_cues"].categories
    assert lexicons["stance_cues_en"].weight_range == lexicons["stance_cues"].weight_range


@pytest.mark.parametrize(
    ("text", "target", "speaker"),
    [
        # named in the speaker's title and again in what is said: the speaker's mention
        ("Ms. Kato, a Japanese trade official, said Tokyo would review the deal.", "japan", "Ms. Kato"),
        ("A Chinese diplomat said Beijing was ready to talk.", "china", "Chinese diplomat"),
        ("Canberra would join the talks, an Australian minister said.", "australia", "Australian minister"),
        # named only where the speaker is named: the author's mention
        ("China's foreign ministry said the talks would resume.", "china", "author"),
        # the plural-subject present of a verb of saying (argue, warn, insist) opens speech
        ("Analysts argue that China's curbs are coercive.", "china", "Analysts"),
        ("Critics warn the US plan will fail.", "us", "Critics"),
        ("Officials in Canberra insist Australia will not be bullied.", "australia", "Officials in Canberra"),
        # a message after a colon is its owner's voice
        ("Tokyo's message was clear: China's bullying will not be tolerated.", "china", "Tokyo"),
    ],
)
def test_speaker_of_a_target_named_in_the_attribution(text, target, speaker, lexicons, segmenter):
    assert score_text(text, target, lexicons, segmenter)[target].speaker == speaker
