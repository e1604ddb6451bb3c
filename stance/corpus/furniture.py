"""Setting page furniture aside and marking repeated paragraphs.

The rules are data (``lexicons/furniture``): regular expressions by category, each optionally
limited to short lines. This module applies them line by line, plus three structural rules that
hold for any site: a trailer (after a separator, a comment-section or related-links heading)
runs until a line reads like body text again; the title line right above a bare URL belongs to
a link list; and a paragraph that repeats an earlier one (ignoring a summary label such as
``摘要:``) is a duplicate. Nothing is dropped: every line comes back as a :class:`Block`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from stance.corpus.records import KIND_BODY, KIND_DUPLICATE, KIND_FURNITURE, KIND_HEADING, Block
from stance.lexicon import Lexicon
from stance.text.normalise import normalise_text

TAIL_SUFFIX = "_tail"
LABEL_CATEGORY = "label_prefix"
# A heading is a short line with no end punctuation: up to 40 characters in Chinese, and up to
# 100 in a line without Han characters (English headlines run to 60-90 characters).
HEADING_MAX_CHARS = 40
HEADING_MAX_CHARS_LATIN = 100
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# A line ends a trailer when it is at least this long and ends like a sentence.
BODY_MIN_CHARS = 40
# Paragraphs shorter than this are not compared for repetition (short lines such as
# "首先," legitimately recur).
DUPLICATE_MIN_CHARS = 12
_END_PUNCT = tuple('。！？!?.…;；”’"」』)）')
_NON_WORD = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class Rule:
    pattern: re.Pattern[str]
    category: str
    max_chars: int
    line: int


@dataclass(frozen=True)
class FurnitureRules:
    rules: tuple[Rule, ...]
    labels: tuple[re.Pattern[str], ...]

    @classmethod
    def from_lexicon(cls, lexicon: Lexicon) -> FurnitureRules:
        rules, labels = [], []
        for entry in lexicon.entries:
            pattern = re.compile(entry.term, re.I)
            if entry.category == LABEL_CATEGORY:
                labels.append(pattern)
            else:
                rules.append(
                    Rule(pattern, entry.category, int(entry.extra.get("max_chars", "0") or 0), entry.line)
                )
        return cls(tuple(rules), tuple(labels))

    def match(self, norm: str) -> Rule | None:
        for rule in self.rules:
            if (rule.max_chars == 0 or len(norm) <= rule.max_chars) and rule.pattern.search(norm):
                return rule
        return None

    def strip_label(self, norm: str) -> str:
        for pattern in self.labels:
            norm = pattern.sub("", norm, count=1)
        return norm


def _reads_like_body(norm: str) -> bool:
    return len(norm) >= BODY_MIN_CHARS and norm.endswith(_END_PUNCT)


def _is_heading(norm: str) -> bool:
    limit = HEADING_MAX_CHARS if _HAN.search(norm) else HEADING_MAX_CHARS_LATIN
    return len(norm) <= limit and not norm.endswith((*_END_PUNCT, ":", ",", "、", "，"))


def mark_furniture(lines: Sequence[str], rules: FurnitureRules) -> list[Block]:
    """Classify each line as body, heading, furniture or duplicate, with the reason."""
    norms = [normalise_text(line) for line in lines]
    matches = [rules.match(norm) for norm in norms]
    blocks: list[Block] = []
    trailer: str | None = None
    seen: dict[str, int] = {}
    for i, (line, norm, rule) in enumerate(zip(lines, norms, matches, strict=True)):
        if rule is not None and rule.category.endswith(TAIL_SUFFIX):
            trailer = f"{rule.category} (line {i + 1})"
            blocks.append(Block(line, KIND_FURNITURE, f"{rule.category}: rule on line {rule.line}"))
            continue
        if rule is not None:
            blocks.append(Block(line, KIND_FURNITURE, f"{rule.category}: rule on line {rule.line}"))
            continue
        next_rule = matches[i + 1] if i + 1 < len(lines) else None
        if next_rule is not None and next_rule.category == "bare_url" and _is_heading(norm):
            blocks.append(Block(line, KIND_FURNITURE, "link_list: title line above a bare URL"))
            continue
        if trailer is not None:
            if not _reads_like_body(norm):
                blocks.append(Block(line, KIND_FURNITURE, f"trailer after {trailer}"))
                continue
            trailer = None
        key = _NON_WORD.sub("", rules.strip_label(norm))
        if len(key) >= DUPLICATE_MIN_CHARS and key in seen:
            blocks.append(Block(line, KIND_DUPLICATE, f"repeats line {seen[key] + 1}"))
            continue
        seen.setdefault(key, i)
        blocks.append(Block(line, KIND_HEADING if _is_heading(norm) else KIND_BODY))
    return blocks
