"""The corpus reader on the seeds, in other encodings and formats, and on bad input."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest

from stance.config import RunConfig
from stance.corpus.read import decode_bytes, read_corpus
from stance.corpus.read.formats import markdown_to_text
from stance.pipeline import load_articles

from .conftest import SEEDS

# Every furniture line listed in seeds/README.md, by article, as it appears in the file.
EXPECTED_FURNITURE = {
    "scmp-bessent-thanksgiving": [
        "信息来源:https://www.scmp.com/news/us/economy-trade-business/article/3333010/china-rare-earths-deal-will-hopefully-be-done-thanksgiving-says-scott-bessent?module=top_story&pgtype=homepage",
        "美国财政部长斯科特·贝森特在华盛顿白宫接受记者采访。照片:路透社",
        "来源:人工智能学家",
    ],
    "blog-us-japan-closed-loop": ["热门跟贴"],
    "epochtimes-ge-sb-exports": [
        "----------------------",
        "♠️中美關係藏暗湧♦️",
        "1️⃣ 美國境內的秘密戰爭",
        "https://tinyurl.com/bdhrdnt7",
        "2️⃣ 跨國鎮壓技倆一覽",
        "https://tinyurl.com/4xst7r2d",
        "3️⃣ 評論:習近平實權暗地移交 新決策層如何抉擇?",
        "https://tinyurl.com/3c8h2d9n",
        "----------------------",
        "【不忘初衷 延續真相】",
        "📰周末版復印 支持購買👇🏻",
        "http://epochtimeshk.org/stores",
    ],
    "portal-pakistan-path": [
        "更新时间:2025-10-14",
        "本站资料均由网友自行发布提供,仅用于学习交流。如有版权问题,请与我联系,QQ:4156828",
        '© CopyRight 2020-=date("Y",time());?> All Rights Reserved. Powered By 61893.com 闽ICP备11008920号',
        "闽公网安备35020302035593号",
    ],
}


def by_id(articles):
    return {a.article_id: a for a in articles}


def test_every_listed_furniture_line_is_furniture(seed_articles):
    for article_id, lines in EXPECTED_FURNITURE.items():
        article = by_id(seed_articles)[article_id]
        furniture = [s.text for s in article.sentences if s.kind == "furniture"]
        assert furniture == lines, article_id


def test_repeated_summary_is_duplicate(seed_articles):
    article = by_id(seed_articles)["scmp-bessent-thanksgiving"]
    duplicates = [(s.sentence_index, s.text) for s in article.sentences if s.kind == "duplicate"]
    assert [i for i, _ in duplicates] == [3, 4]
    assert duplicates[0][1].startswith("美国财政部长斯科特·贝森特11月16日公开表示")
    assert article.sentences[0].text.startswith("摘要:美国财政部长")
    assert article.sentences[0].kind == "body"


def test_content_sentences_match_hand_checked_list(seed_articles):
    """tests/data/seed_sentences.tsv was checked by hand against the four articles."""
    expected = [
        tuple(line.split("\t"))
        for line in (Path(__file__).parent / "data" / "seed_sentences.tsv")
        .read_text("utf-8")
        .splitlines()[1:]
    ]
    actual = [
        (s.article_id, str(s.sentence_index), s.kind, s.text) for a in seed_articles for s in a.sentences
    ]
    assert actual == expected


def test_nothing_is_lost(seed_articles):
    """The sentences of every kind re-join to the file's non-blank lines."""
    for article in seed_articles:
        original = Path(article.path).read_text("utf-8")
        lines = "".join(line.strip() for line in original.splitlines())
        rejoined = "".join(s.text for s in article.sentences)
        assert rejoined.replace(" ", "") == lines.replace(" ", "")


def test_article_metadata_from_manifest(seed_articles):
    articles = by_id(seed_articles)
    assert [a.article_id for a in seed_articles] == [
        "scmp-bessent-thanksgiving",
        "blog-us-japan-closed-loop",
        "epochtimes-ge-sb-exports",
        "portal-pakistan-path",
    ]
    assert articles["epochtimes-ge-sb-exports"].script == "traditional"
    assert articles["epochtimes-ge-sb-exports"].source == "Epoch Times (大紀元)"
    assert articles["portal-pakistan-path"].n_furniture == 4


def content(articles):
    return [[(s.kind, s.text) for s in a.sentences if s.kind != "furniture"] for a in articles]


def _copy_seeds(tmp_path: Path, encode) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "corpus.csv").write_bytes((SEEDS / "corpus.csv").read_bytes())
    for path in sorted(SEEDS.glob("*.txt")):
        name, data = encode(path.name, path.read_text("utf-8"))
        (corpus / name).write_bytes(data)
    if any(p.suffix != ".txt" for p in corpus.iterdir() if p.name != "corpus.csv"):
        manifest = (corpus / "corpus.csv").read_text("utf-8").replace(".txt", ".html")
        (corpus / "corpus.csv").write_text(manifest, "utf-8")
    return corpus


def _big5_safe(text: str) -> str:
    return text.encode("big5", errors="ignore").decode("big5")


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "big5"])
def test_other_encodings_give_the_same_sentences(tmp_path, seed_articles, encoding):
    if encoding == "big5":
        # Big5 has no simplified characters and no emoji: re-encode the traditional article
        # (002) and compare with the same text in UTF-8.
        text = _big5_safe((SEEDS / "002_79226350a26cd88a.txt").read_text("utf-8"))
        (tmp_path / "a.txt").write_text(text, "utf-8")
        (tmp_path / "b.txt").write_bytes(text.encode("big5"))
        config = RunConfig(cache_dir=tmp_path / "cache")
        (a,) = load_articles(tmp_path / "a.txt", config)
        (b,) = load_articles(tmp_path / "b.txt", config)
        assert b.encoding == "big5"
        assert [(s.kind, s.text) for s in b.sentences] == [(s.kind, s.text) for s in a.sentences]
        return
    corpus = _copy_seeds(tmp_path, lambda name, text: (name, text.encode(encoding)))
    articles = load_articles(corpus, RunConfig(cache_dir=tmp_path / "cache"))
    assert [(s.kind, s.text) for a in articles for s in a.sentences] == [
        (s.kind, s.text) for a in seed_articles for s in a.sentences
    ]


def test_html_pages_give_the_same_sentences(tmp_path, seed_articles):
    def page(name: str, text: str) -> tuple[str, bytes]:
        paragraphs = "\n".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())
        doc = (
            "<!DOCTYPE html><html><head><meta charset='utf-8'><title>t</title></head><body>"
            "<nav><ul><li><a href='/'>首页</a></li><li><a href='/news'>新闻</a></li></ul></nav>"
            f"<article>{paragraphs}</article></body></html>"
        )
        return name.replace(".txt", ".html"), doc.encode("utf-8")

    corpus = _copy_seeds(tmp_path, page)
    articles = load_articles(corpus, RunConfig(cache_dir=tmp_path / "cache"))
    assert content(articles) == content(seed_articles)


def test_directory_without_manifest_uses_file_stems(tmp_path):
    (tmp_path / "xinhua.txt").write_text("中国商务部宣布新的出口管制措施。\n措施自下月起实施。", "utf-8")
    (tmp_path / "notes.md").write_text(
        "# 标题\n\n美国**财政部**回应了[这一决定](https://example.com)。", "utf-8"
    )
    docs = read_corpus(tmp_path)
    assert [(d.article_id, d.source, d.fmt) for d in docs] == [
        ("notes", "notes", "markdown"),
        ("xinhua", "xinhua", "text"),
    ]
    assert docs[0].text == "标题\n\n美国财政部回应了这一决定。"


@pytest.mark.parametrize(
    ("head", "kept"),
    [
        ("---\ntitle: 关税\ndate: 2026-01-05\ntags:\n  - trade\n---\n", ""),  # YAML front matter
        ("+++\ntitle = '关税'\n[params]\nauthor = 'x'\n+++\n", ""),  # TOML
        ("---\n稿件说明: 转载\n---\n", "---\n稿件说明: 转载\n---\n"),  # a rule around text, not keys
    ],
)
def test_markdown_front_matter_is_metadata_not_text(tmp_path, head, kept):
    (tmp_path / "notes.md").write_text(head + "美国财政部回应了这一决定。\n", "utf-8")
    (doc,) = read_corpus(tmp_path)
    assert doc.text == markdown_to_text(kept) + "美国财政部回应了这一决定。\n"
    assert "title" not in doc.text and "date" not in doc.text


def test_a_tables_title_column_is_the_headline(tmp_path):
    records = [
        {
            "id": "a",
            "source": "甲报",
            "title": "美国关税\u0007政策遭遇失败",
            "text": "美国宣布新的关税措施。",
        },
        # The text opens with its title already (spacing aside): not doubled.
        {
            "id": "b",
            "source": "乙报",
            "headline": "中国回应  关税",
            "text": "中国回应 关税\n\n商务部表示反对。",
        },
        {"id": "c", "source": "丙报", "title": " ", "text": "没有标题的文章。"},
    ]
    table = tmp_path / "a.jsonl"
    table.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), "utf-8")
    docs = read_corpus(table)
    assert [d.text for d in docs] == [
        "美国关税政策遭遇失败\n\n美国宣布新的关税措施。",
        "中国回应 关税\n\n商务部表示反对。",
        "没有标题的文章。",
    ]
    assert [d.control_characters for d in docs] == [1, 0, 0]
    (article, *_) = load_articles(table, RunConfig(cache_dir=tmp_path / "cache"))
    assert [(s.kind, s.text) for s in article.sentences] == [
        ("heading", "美国关税政策遭遇失败"),
        ("body", "美国宣布新的关税措施。"),
    ]


def test_jsonl_and_csv_tables(tmp_path):
    jsonl = tmp_path / "a.jsonl"
    jsonl.write_text(
        "\n".join(
            json.dumps(r, ensure_ascii=False)
            for r in [
                {"id": "x1", "source": "甲报", "text": "第一篇。"},
                {"id": "x2", "source": "乙报", "text": "第二篇。"},
            ]
        ),
        "utf-8",
    )
    docs = read_corpus(jsonl)
    assert [(d.article_id, d.source, d.text) for d in docs] == [
        ("x1", "甲报", "第一篇。"),
        ("x2", "乙报", "第二篇。"),
    ]
    table = tmp_path / "b.csv"
    table.write_text('article_id,source,text\nk1,丙台,"一句话,带逗号。"\n', "utf-8")
    assert [(d.article_id, d.source, d.text) for d in read_corpus(table)] == [
        ("k1", "丙台", "一句话,带逗号。")
    ]


def test_decode_utf16_without_bom():
    text, encoding = decode_bytes("稀土出口管制 rare earth".encode("utf-16-le"), "x.txt")
    assert (text, encoding) == ("稀土出口管制 rare earth", "utf_16")


@pytest.mark.parametrize(
    "line, kind",
    [
        ("新华社记者 王林", "furniture"),
        ("本报记者 张三、李四", "furniture"),
        ("新华社驻华盛顿记者 刘洋", "furniture"),
        ("新华社记者王林报道称，美国将提高关税。", "body"),
        ("记者会上，王林表示反对。", "body"),
    ],
)
def test_agency_bylines_without_a_colon_are_furniture(line, kind):
    from stance.corpus.furniture import FurnitureRules, mark_furniture
    from stance.lexicon import load_lexicons

    rules = FurnitureRules.from_lexicon(load_lexicons(())["furniture"])
    blocks = mark_furniture(["美国宣布新关税", line, "美国宣布对进口钢铁加征关税，多方表示反对。"], rules)
    assert blocks[1].kind == kind
