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


def markdown_to_text(text: str) -> str:
    """Plain text of a Markdown article: heading marks, emphasis, list and quote markers go;
    a link keeps its text, and a link with no text keeps its URL (so it is not silently lost)."""
    lines = []
    for line in text.split("\n"):
        line = _MD_QUOTE.sub("", line)
        line = _MD_HEADING.sub("", line)
        line = _MD_LIST.sub("", line)
        line = _MD_LINK.sub(lambda m: m.group(1) or m.group(2), line)
        line = _MD_EMPHASIS.sub(r"\2", line)
        lines.append(line)
    return "\n".join(lines)
