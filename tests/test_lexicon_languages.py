"""Bilingual lexicons: the ``lang`` column, the manifest's ``languages``, the one-language
warning of ``stance lexicon check``, the English entries of the frame lexicons (on English
sentences of our own), coverage per language in the workbench, and English frames in a report."""

from __future__ import annotations

import csv

import pytest

from stance.config import RunConfig
from stance.corpus.records import Sentence
from stance.errors import LexiconError
from stance.lexicon import load_lexicon, load_lexicons
from stance.lexicon.kinds import check_languages
from stance.lexicon.records import infer_language
from stance.lexicon.workbench import lexicon_report
from stance.measure.frames import FrameIndex
from stance.text.normalise import normalise_text
from tests.lexicon_helpers import article, tokens_sentence, write_lexicon

COLUMNS = ("term", "category", "weight", "note", "lang")
BILINGUAL = 'languages = ["zh", "en"]\n'


def bilingual(tmp_path, rows, *, manifest_extra=BILINGUAL, **kwargs):
    return write_lexicon(tmp_path / "lex", rows, columns=COLUMNS, manifest_extra=manifest_extra, **kwargs)


# -- the lang column and the manifest's languages -----------------------------------------------


def test_infer_language():
    assert [infer_language(t) for t in ("关税", "trade war", "5G网络", "WTO", "2%", "")] == [
        "zh",
        "en",
        "zh",
        "en",
        None,
        None,
    ]


def test_written_lang_wins_and_empty_is_inferred(tmp_path):
    lexicon = load_lexicon(
        bilingual(tmp_path, ["成本\teconomic\t1\tc\t", "costs\teconomic\t1\tc\t", "WTO\tconflict\t1\tc\tzh",
                             "反制\tconflict\t1\tc\t", "retaliation\tconflict\t1\tc\ten"])
    )  # fmt: skip
    assert lexicon.languages == ("zh", "en")
    assert [(e.term, lexicon.entry_language(e)) for e in lexicon.entries] == [
        ("成本", "zh"),
        ("costs", "en"),
        ("WTO", "zh"),
        ("反制", "zh"),
        ("retaliation", "en"),
    ]


def test_rules_entries_have_a_language_only_when_written(tmp_path):
    lexicon = load_lexicon(
        write_lexicon(
            tmp_path / "rules",
            ["^reporting by\\b\tbyline\t1\tx\ten", "^\\d+ words$\tbyline\t1\tx\t"],
            kind="rules",
            categories=("byline",),
            columns=COLUMNS,
        )
    )
    assert [lexicon.entry_language(e) for e in lexicon.entries] == ["en", None]


def test_unknown_lang_is_one_line_with_file_and_line(tmp_path, run_cli):
    folder = bilingual(tmp_path, ["成本\teconomic\t1\tc\tzh", "costs\teconomic\t1\tc\tfr"], manifest_extra="")
    code, out, err = run_cli("lexicon", "check", folder)
    assert (code, err) == (1, "")
    assert out == (
        f"{folder / 'entries.tsv'}:3: lang 'fr' is not among the languages stance knows (zh, en) "
        "(write one of them, or leave it empty to infer it)\n1 problem(s) found\n"
    )
    with pytest.raises(LexiconError, match=r"entries\.tsv:3: lang 'fr'"):
        load_lexicon(folder)


def test_lang_outside_the_declared_languages(tmp_path, run_cli):
    folder = bilingual(
        tmp_path,
        ["成本\teconomic\t1\tc\t", "costs\teconomic\t1\tc\ten"],
        manifest_extra='languages = ["zh"]\n',
    )
    code, out, _ = run_cli("lexicon", "check", folder)
    assert code == 1
    assert out.splitlines()[0] == (
        f"{folder / 'entries.tsv'}:3: lang 'en' is not among the lexicon's languages (zh) "
        "(write one of them, or leave it empty to infer it)"
    )


@pytest.mark.parametrize("declared", ['["zh", "fr"]', '["zh", "zh"]', "[]", '"zh"'])
def test_bad_languages_key(tmp_path, run_cli, declared):
    folder = bilingual(tmp_path, ["成本\teconomic\t1\tc\tzh"], manifest_extra=f"languages = {declared}\n")
    code, out, _ = run_cli("lexicon", "check", folder)
    assert code == 1
    assert out.splitlines()[0] == (
        f"{folder / 'manifest.toml'}: 'languages' must list each language once, from zh, en "
        '(e.g. languages = ["zh", "en"]; delete it if the lexicon declares none)'
    )


# -- the one-language warning -------------------------------------------------------------------


def test_one_language_category_warns_once_per_category(tmp_path, run_cli):
    folder = bilingual(
        tmp_path,
        ["成本\teconomic\t1\tc\t", "cost\teconomic\t1\tc\t", "costs\teconomic\t1\tc\t",
         "反制\tconflict\t1\tc\t", "对抗\tconflict\t1\tc\t", "博弈\tconflict\t1\tc\t"],
        categories=("economic", "conflict"),
    )  # fmt: skip
    code, out, _ = run_cli("lexicon", "check", folder)
    warning = (
        f"{folder / 'manifest.toml'}: warning: category 'conflict' has entries in zh only "
        "(add en entries, or drop en from languages)"
    )
    assert (code, out) == (0, f"{warning}\nok: 1 lexicon(s) valid, 1 warning(s)\n")
    # A warning, not an error: the lexicon loads and locks.
    assert len(load_lexicon(folder).entries) == 6
    code, out, _ = run_cli("lexicon", "lock", folder)
    assert (code, out) == (0, f"{folder}: unchanged\n")


def test_no_warning_without_two_declared_languages(tmp_path):
    for extra in ("", 'languages = ["zh"]\n'):
        lexicon = load_lexicon(
            bilingual(tmp_path, ["成本\teconomic\t1\tc\t", "反制\tconflict\t1\tc\t"], manifest_extra=extra)
        )
        assert check_languages(lexicon) == []


def test_bundled_frame_lexicons_are_bilingual_in_every_category():
    lexicons = load_lexicons()
    for name in ("frames_policy", "frames_trade"):
        lexicon = lexicons[name]
        assert lexicon.languages == ("zh", "en")
        assert check_languages(lexicon) == []
        for category in lexicon.categories:
            if category == "other":  # the codebook's residual frame has no vocabulary
                continue
            per_language = {
                lang: [e for e in lexicon.by_category(category) if lexicon.entry_language(e) == lang]
                for lang in ("zh", "en")
            }
            zh, en = len(per_language["zh"]), len(per_language["en"])
            # Comparable coverage; English writes out inflected forms, so it may hold more.
            assert zh / 2 <= en <= zh * 2.5, (name, category, zh, en)
            # Written explicitly, and as the inference would have it.
            assert all(e.extra["lang"] == infer_language(e.term) for e in lexicon.by_category(category))
            assert all(e.term == e.term.lower() == normalise_text(e.term) for e in per_language["en"])


# -- English frames on sentences of our own -----------------------------------------------------


@pytest.fixture(scope="module")
def matcher():
    from stance.pipeline import make_segmenter

    lexicons = load_lexicons()
    segment = make_segmenter(lexicons, RunConfig(cache_dir=None)).cut
    index = FrameIndex.from_lexicons(lexicons)

    def frames(text: str) -> list[tuple[str, str]]:
        norm = normalise_text(text)
        sentence = Sentence("a", 0, "body", text, norm, segment(norm))
        return [(hit.frame, hit.term) for hit in index.match(sentence)]

    return frames


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tariffs raised costs for farmers.", ("economic", "costs")),
        ("The court ruled the export ban unlawful.", ("legality", "unlawful")),
        ("The court ruled the export ban unlawful.", ("export_control_legitimacy", "export ban")),
        ("Europe relies heavily on imported magnets.", ("dependency_vulnerability", "relies heavily on")),
        ("The two governments signed an agreement on minerals.", ("alliance_cooperation", "agreement")),
        ("The TRADE WAR escalated last week.", ("competition_conflict", "trade war")),
        ("The new smelter was delayed by two years.", ("feasibility_failure", "delayed")),
        ("The new smelter was delayed by two years.", ("capacity_resources", "smelter")),
        ("Protesters gathered outside parliament.", ("public_opinion", "protesters")),
        ("The Pentagon said missile stocks were low.", ("security_defense", "missile")),
        ("Villagers said the river was polluted.", ("health_safety", "polluted")),
        ("Its firms dominate the market for batteries.", ("control_dominance", "dominate")),
        ("The country still lags behind in chipmaking.", ("technology_gap", "lags behind")),
    ],
)
def test_english_sentence_frames(matcher, text, expected):
    assert expected in matcher(text)


def test_inflected_forms_are_entries(matcher):
    for text in ("Washington may sanction the firm.", "The sanctions hurt.", "Three firms were sanctioned."):
        assert [f for f, _ in matcher(text)] == ["competition_conflict"], text


def test_english_words_do_not_match_inside_other_words(matcher):
    # Matching is on whole tokens: "war" is not found in "warning" nor "ban" in "urban".
    assert matcher("A warning and an award for the urban gardens.") == []


def test_chinese_and_english_sentences_share_frame_ids(matcher):
    chinese = {f for f, _ in matcher("美国对中国商品加征关税，引发贸易战。")}
    english = {
        f for f, _ in matcher("The United States imposed tariffs on Chinese goods, starting a trade war.")
    }
    assert "competition_conflict" in chinese & english


# -- the workbench reports coverage per language ------------------------------------------------


def test_workbench_coverage_per_language(tmp_path):
    lexicon = load_lexicon(
        bilingual(tmp_path, ["成本\teconomic\t1\tc\t", "costs\teconomic\t1\tc\t", "prices\teconomic\t1\tc\t",
                             "反制\tconflict\t1\tc\t", "retaliation\tconflict\t1\tc\t"])
    )  # fmt: skip
    s = tokens_sentence

    def en(index: int, text: str) -> Sentence:
        return Sentence("e", index, "body", text, text, tuple(text.split()))

    articles = [
        article("z", "zh-src", [s("z", 0, ("成本", "上升")), s("z", 1, ("反制", "措施"))]),
        article("e", "en-src", [en(0, "costs rose"), en(1, "costs and prices")]),
    ]
    report = lexicon_report(articles, {"test_frames": lexicon}, lambda t: tuple(t.split()))
    assert report.entries.set_index("term")["lang"].to_dict() == {
        "成本": "zh", "costs": "en", "prices": "en", "反制": "zh", "retaliation": "en",
    }  # fmt: skip
    rows = [tuple(r) for r in report.languages.drop(columns="lexicon").itertuples(index=False)]
    assert rows == [
        # category, lang, entries, entries_matched, hits, sentences_hit
        ("economic", "zh", 1, 1, 1, 1),
        ("economic", "en", 2, 2, 3, 2),
        ("conflict", "zh", 1, 1, 1, 1),
        ("conflict", "en", 1, 0, 0, 0),
    ]
    assert "- test_frames: zh 2 entries, 2 hits; en 3 entries, 3 hits" in report.summary
    assert "| test_frames | conflict | en | 1 | 0 | 0 | 0 |" in report.summary
    assert "lexicon_languages.csv" in report.files()


# -- English frames in a report -----------------------------------------------------------------

ENGLISH_A = (
    "Farmers face higher costs as tariffs bite\n\n"
    "Tariffs on fertiliser raised costs for farmers this spring, and prices for grain fell. "
    "The trade war has cut exports, and several investors said profits would shrink."
)
ENGLISH_B = (
    "Court hears challenge to export ban\n\n"
    "A federal court heard a lawsuit arguing that the export ban was unlawful. "
    "Lawyers for the companies said the export controls lacked a legal basis."
)
CHINESE = "农民成本上升\n\n关税推高了化肥价格，农民的成本明显上升。贸易战还在持续。"


def test_report_has_english_frame_rows(run_cli, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(ENGLISH_A, "utf-8")
    (corpus / "b.txt").write_text(ENGLISH_B, "utf-8")
    (corpus / "c.txt").write_text(CHINESE, "utf-8")
    (corpus / "corpus.csv").write_text(
        "file,article_id,source,language\na.txt,en-a,Wire,en\nb.txt,en-b,Wire,en\nc.txt,zh-c,Daily,zh\n",
        "utf-8",
    )
    out = tmp_path / "out"
    code, _, err = run_cli("report", corpus, "--out", out)
    assert code == 0, err
    with (out / "frames.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    hits = {(r["article_id"], r["frame"]): int(r["hits"]) for r in rows if r["article_id"]}
    assert hits[("en-a", "economic")] >= 3
    assert hits[("en-a", "competition_conflict")] >= 2
    assert hits[("en-b", "legality")] >= 3
    assert hits[("en-b", "export_control_legitimacy")] >= 2
    assert hits[("zh-c", "economic")] >= 2
    assert all(hits[(a, f)] == 0 for a, f in hits if f == "other")


def test_dump_keeps_languages_and_lang(tmp_path):
    from stance.lexicon.tools import write_lexicon as dump_to

    lexicon = load_lexicon(bilingual(tmp_path, ["成本\teconomic\t1\tc\tzh", "costs\teconomic\t1\tc\t"]))
    again = load_lexicon(dump_to(lexicon, tmp_path / "copy"))
    assert again.languages == ("zh", "en")
    assert [(e.term, e.extra["lang"], again.entry_language(e)) for e in again.entries] == [
        ("成本", "zh", "zh"),
        ("costs", "", "en"),
    ]


def test_language_neutral_rules_category_does_not_warn(tmp_path):
    """Rules without a written lang (a URL line, a separator) belong to no language: a
    bilingual lexicon is not warned about them, but is about a category in one language."""
    folder = write_lexicon(
        tmp_path / "rules",
        ["^https?://\\S+$\tbyline\t1\tx\t", "^reporting by\\b\tcredit\t1\tx\ten"],
        kind="rules",
        categories=("byline", "credit"),
        columns=COLUMNS,
        manifest_extra=BILINGUAL,
    )
    assert [str(p) for p in check_languages(load_lexicon(folder))] == [
        f"{folder / 'manifest.toml'}: warning: category 'credit' has entries in en only "
        "(add zh entries, or drop zh from languages)"
    ]
