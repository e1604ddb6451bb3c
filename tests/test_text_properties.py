"""Normalisation, sentence splitting and segmentation: golden cases and Hypothesis properties."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.bench_nlpcc import DEFAULT_DATA as NLPCC_DATA
from benchmarks.bench_nlpcc import post_texts
from stance.corpus.furniture import FurnitureRules, mark_furniture
from stance.corpus.read import decode_bytes, read_corpus
from stance.errors import StanceError
from stance.text.normalise import detect_script, is_word, normalise_text
from stance.text.segment import Segmenter
from stance.text.sentences import split_sentences

CJK_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
        st.sampled_from(
            list("。！？!?,，、:：;；“”「」『』（）()《》…—- .\"'0123456789ABCabcＡＢ１２％%#\n\t ")
        ),
    ),
    max_size=120,
)


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("他说:“我们会赢。”随后离开。", ["他说:“我们会赢。”", "随后离开。"]),
        ("「這是真的嗎？」他問。", ["「這是真的嗎？」", "他問。"]),
        ("会议推迟（原定周一。）新的日期未定！", ["会议推迟（原定周一。）", "新的日期未定！"]),
        ("报告称:“出口下降。进口上升。”", ["报告称:“出口下降。进口上升。”"]),
        (
            "Exports fell 8.5% in June. Officials in the U.S. said so. Why?",
            ["Exports fell 8.5% in June.", "Officials in the U.S. said so.", "Why?"],
        ),
        ("没有句末标点的标题", ["没有句末标点的标题"]),
        ("真的吗?!是的……结束", ["真的吗?!", "是的……", "结束"]),
    ],
)
def test_split_sentences(paragraph, expected):
    assert split_sentences(paragraph) == expected


def test_detect_script():
    assert detect_script("美國與盟友布局 加速供應鏈重構") == "traditional"
    assert detect_script("美国与盟友布局 加速供应链重构") == "simplified"
    assert detect_script("Rare earths") == "none"


def test_normalise_folds_script_width_and_quotes():
    assert normalise_text("中共「稀土武器」的侷限性，ＡＩ產業１００％") == "中共“稀土武器”的局限性,AI产业100%"


# Golden segmentation of sentences containing multi-character lexicon entries: each of these
# terms is in a bundled lexicon and must come out as one token.
GOLDEN = Path(__file__).parent / "data" / "segmentation_golden.tsv"


def test_segmentation_golden(lexicons):
    from stance.config import RunConfig
    from stance.pipeline import make_segmenter

    segmenter = make_segmenter(lexicons, RunConfig(cache_dir=None))
    rows = [line.split("\t") for line in GOLDEN.read_text("utf-8").splitlines()[1:]]
    assert len(rows) >= 8
    for text, expected in rows:
        assert " ".join(segmenter.cut(normalise_text(text))) == expected, text


@pytest.fixture(scope="module")
def engines(lexicons):
    """The reference and the default engine, every lexicon term added, no cache."""
    from stance.pipeline import lexicon_terms

    terms = lexicon_terms(lexicons)
    return Segmenter(terms, engine="jieba"), Segmenter(terms, engine="auto")


def _differing(engines, texts):
    """The texts the default engine cuts otherwise than jieba."""
    reference, default = engines
    return [t for t in texts if default.cut(t) != reference.cut(t)]


def test_auto_engine_gives_jiebas_tokens(seed_articles, lexicons, engines):
    """The default (hybrid) engine cuts exactly as jieba on the seeds, the benchmark corpus and
    every lexicon term; jieba-rs alone does not, which is why it is not the default."""
    from benchmarks.corpus import make_sentences
    from stance.text.segment import AUTO_ENGINE, resolve_engine

    assert resolve_engine("auto") == AUTO_ENGINE == "hybrid"
    texts = [s.text_norm for a in seed_articles for s in a.sentences] + make_sentences(3000, seed=3)
    texts += sorted({e.term for lexicon in lexicons.values() for e in lexicon.entries})
    assert _differing(engines, texts) == []
    fast = Segmenter(engines[0].terms, engine="rjieba")
    assert any(fast.cut(t) != engines[0].cut(t) for t in texts)


@pytest.mark.skipif(not NLPCC_DATA.is_dir(), reason=f"NLPCC-2016 benchmark files not found at {NLPCC_DATA}")
def test_auto_engine_gives_jiebas_tokens_on_weibo_posts(engines):
    """4,000 Weibo posts on five topics: other words, names and slang than the news seeds."""
    assert _differing(engines, [normalise_text(p) for p in post_texts(NLPCC_DATA)]) == []


@pytest.mark.parametrize(
    "text",
    [
        # Runs of one repeated character: many paths through the dictionary tie, and only the
        # same total and the same sums pick the same one.
        *("嘿" * n for n in (3, 7, 12)),
        *("哈" * n for n in (5, 19, 22, 28, 41)),
        "呵呵呵呵呵呵呵呵呵呵呵",
        # Unknown names and words: stretches of single characters go to the HMM.
        "司马小楠昨天在镇上见到了欧阳翠翠和她的表哥",
        "这款叫做咕噜噜噜的新饮料卖得挺好",
        # Characters outside jieba's Han range go to jieba whole.
        "㐀㐁中国人民𠀀银行",
        "龦龧龨中国",
    ],
)
def test_hybrid_engine_gives_jiebas_tokens_on_hard_runs(engines, text):
    reference, default = engines
    assert default.cut(text) == reference.cut(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.one_of(
        CJK_TEXT,
        # Few distinct characters: repeats and ties, where two implementations part first.
        st.text(alphabet=st.sampled_from(list("哈哈嘻中国美国人民的了是不")), min_size=1, max_size=60),
    )
)
def test_hybrid_engine_gives_jiebas_tokens_on_any_text(engines, text):
    reference, default = engines
    norm = normalise_text(text)
    assert default.cut(norm) == reference.cut(norm)


def test_segmentation_cache_is_reused(tmp_path, monkeypatch):
    texts = ["关键矿产供应链", "中国加强关键矿产出口管制。", "Tariffs rose 5% in May.", "关键矿产供应链"]
    first = Segmenter(["关键矿产"], engine="jieba", cache_dir=tmp_path)
    tokens = first.cut_many(texts)
    first.save_cache()
    assert tokens[0] == ("关键矿产", "供应链")
    (path,) = tmp_path.glob("segments-*.sqlite")
    assert path == first._cache_path()

    def fail(self, text):
        raise AssertionError(f"segmented again instead of using the cache: {text}")

    monkeypatch.setattr(Segmenter, "_cut_uncached", fail)
    second = Segmenter(["关键矿产"], engine="jieba", cache_dir=tmp_path)
    assert second.cut_many(texts) == tokens
    assert [second.cut(t) for t in texts] == tokens
    # A different dictionary has its own cache file.
    assert Segmenter(["供应链"], engine="jieba", cache_dir=tmp_path)._cache_path() != path


@given(st.one_of(CJK_TEXT, st.text(max_size=12)))
def test_a_word_is_a_token_with_a_letter_or_digit(text):
    """is_word (one regular expression search) is str.isalnum of any character."""
    assert is_word(text) == any(c.isalnum() for c in text)


@given(CJK_TEXT)
def test_normalising_is_idempotent(text):
    once = normalise_text(text)
    assert normalise_text(once) == once


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(CJK_TEXT)
def test_tokens_rejoin_to_text_norm(text):
    norm = normalise_text(text)
    tokens = _SEG.cut(norm)
    assert "".join(tokens) == norm.replace(" ", "")
    assert all(t and not t.isspace() for t in tokens)


_SEG = Segmenter(["关键矿产", "出口管制", "稀土"], engine="rjieba")


@given(CJK_TEXT)
def test_splitter_keeps_every_character(text):
    pieces = split_sentences(text)
    assert "".join(pieces).replace(" ", "").replace("\n", "").replace("\t", "") == "".join(text.split())
    assert all(p == p.strip() and p for p in pieces)


_RULES = None


def _rules():
    global _RULES
    if _RULES is None:
        from stance.lexicon import load_lexicons

        _RULES = FurnitureRules.from_lexicon(load_lexicons()["furniture"])
    return _RULES


@given(st.lists(CJK_TEXT.filter(lambda s: s.strip()), max_size=8))
def test_furniture_returns_one_block_per_line(lines):
    blocks = mark_furniture(lines, _rules())
    assert [b.text for b in blocks] == lines


@settings(max_examples=80)
@given(st.binary(max_size=200))
def test_decoding_raises_only_stance_errors(data):
    try:
        text, _ = decode_bytes(data, "x.txt")
    except StanceError as err:
        assert str(err).startswith("x.txt")
    else:
        assert text.strip()


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=300), st.sampled_from([".txt", ".html", ".md", ".jsonl", ".csv"]))
def test_reader_raises_only_stance_errors(tmp_path, data, suffix):
    path = tmp_path / f"doc{suffix}"
    path.write_bytes(data)
    try:
        read_corpus(path)
    except StanceError as err:
        assert str(err).startswith(str(path))
