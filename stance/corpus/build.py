"""Building one article: a read document split into typed, normalised, segmented sentences."""

from __future__ import annotations

import sys

from stance.corpus.furniture import FurnitureRules, mark_furniture
from stance.corpus.read import iter_lines
from stance.corpus.records import KIND_FURNITURE, KIND_HEADING, Article, RawDocument, Sentence
from stance.text.normalise import detect_language, detect_script, normalise_text
from stance.text.segment import Segmenter
from stance.text.sentences import split_sentences


def build_article(document: RawDocument, rules: FurnitureRules, segmenter: Segmenter) -> Article:
    """Split one document into typed sentences: furniture and headings stay whole lines, body
    and duplicate paragraphs are split into sentences; every sentence is normalised and
    segmented."""
    pieces: list[tuple[str, str, str]] = []  # (kind, text, reason)
    for block in mark_furniture(list(iter_lines(document)), rules):
        texts = [block.text] if block.kind in (KIND_FURNITURE, KIND_HEADING) else split_sentences(block.text)
        pieces.extend((block.kind, text, block.reason) for text in texts)
    norms = [normalise_text(text) for _, text, _ in pieces]
    # One call for the article: the segmentation cache is asked for its sentences in batches.
    cuts = segmenter.cut_many(norms)
    sentences = [
        Sentence(document.article_id, i, kind, text, norm, tuple(map(sys.intern, cut)), reason)
        for i, ((kind, text, reason), norm, cut) in enumerate(zip(pieces, norms, cuts, strict=True))
    ]
    content = " ".join(s.text for s in sentences if s.is_content)
    return Article(
        article_id=document.article_id,
        source=document.source,
        outlet_kind=document.outlet_kind,
        language=document.language or detect_language(content),
        script=document.script or detect_script(content),
        published=document.published,
        url=document.url,
        label=document.label,
        path=document.path,
        encoding=document.encoding,
        sentences=tuple(sentences),
        control_characters=document.control_characters,
    )
