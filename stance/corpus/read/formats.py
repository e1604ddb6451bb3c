"""Article formats: HTML pages reduced to their article text with trafilatura, Markdown reduced
to plain text."""

from __future__ import annotations

import re
from pathlib import Path

from stance import errors

_HTML_START = re.compile(rb"^\s*(<!doctype\s+html|<html|<head|<body|<meta|<article|<div|<p[\s>])", re.I)
# Elements whose text is never the article: navigation and page chrome, links, and what a
# browser does not show. A page with no text outside them has no article.
_NOT_ARTICLE = (
    "head", "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "menu", "a",
)  # fmt: skip


def looks_like_html(head: bytes) -> bool:
    return bool(_HTML_START.match(head))


def _has_page_text(html: str) -> bool:
    """Whether the page has any text outside navigation, page chrome and links."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        tree = lxml_html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return True  # lxml could not judge the page; trust the extractor
    for element in tree.xpath("|".join(f"//{tag}" for tag in _NOT_ARTICLE)):
        element.drop_tree()
    return bool(tree.text_content().strip())


def html_to_text(html: str, path: Path | str) -> str:
    """The article text of an HTML page, one paragraph per line, via trafilatura."""
    import trafilatura

    text = trafilatura.extract(
        html,
        output_format="txt",
        include_comments=False,
        include_tables=True,
        include_links=False,
        favor_recall=True,
        deduplicate=False,
    )
    # With favor_recall, a page holding only a menu comes back as its link text ("Home").
    if not text or not text.strip() or not _has_page_text(html):
        raise errors.no_html_text(path)
    return text


_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\(([^)\s]+)[^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")
_MD_LIST = re.compile(r"^\s{0,3}([-*+]|\d+[.)])\s+")
_MD_QUOTE = re.compile(r"^\s{0,3}>\s?")


# A front matter block at the very start (YAML between --- lines, TOML between +++ lines), as
# static-site generators, note apps and scrapers write: metadata, not article text.
_FRONT_MATTER = re.compile(r"\A(---|\+\+\+)[ \t]*\n(.*?)\n(?:\1|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_FRONT_KEY = {"---": re.compile(r"[A-Za-z_][\w-]*[ \t]*:"), "+++": re.compile(r"[A-Za-z_][\w.-]*[ \t]*=|\[")}


def strip_front_matter(text: str) -> str:
    """``text`` without a leading front matter block: one whose every line is a ``key:`` (YAML;
    ``key =`` or ``[table]`` for TOML), an indented line or a list item, so a Markdown rule
    (``---``) around ordinary text is kept.

    >>> strip_front_matter("---\\ntitle: 关税\\ntags:\\n  - trade\\n---\\n正文。")
    '正文。'
    >>> strip_front_matter("---\\n美国宣布关税。\\n---\\n正文。")
    '---\\n美国宣布关税。\\n---\\n正文。'
    """
    match = _FRONT_MATTER.match(text)
    if match is None:
        return text
    key = _FRONT_KEY[match.group(1)]
    lines = [line for line in match.group(2).split("\n") if line.strip()]
    if not lines or not all(key.match(line) or line[:1] in " \t-" or line.startswith("#") for line in lines):
        return text
    return text[match.end() :]


def markdown_to_text(text: str) -> str:
    """Plain text of a Markdown article: a front matter block (:func:`strip_front_matter`),
    heading marks, emphasis, list and quote markers go; a link keeps its text, and a link with no
    text keeps its URL (so it is not silently lost)."""
    text = strip_front_matter(text)
    lines = []
    for line in text.split("\n"):
        line = _MD_QUOTE.sub("", line)
        line = _MD_HEADING.sub("", line)
        line = _MD_LIST.sub("", line)
        line = _MD_LINK.sub(lambda m: m.group(1) or m.group(2), line)
        line = _MD_EMPHASIS.sub(r"\2", line)
        lines.append(line)
    return "\n".join(lines)
