"""Sentence splitting for Chinese and English text.

End punctuation inside quotes and brackets does not end a sentence, and closing quotes and
brackets that follow end punctuation stay with their sentence (``。”``, ``！」``, ``？）``).

>>> split_sentences("他说:“我们不会让步。我们会反击！”随后离开。（注：见上文。）第三句")
['他说:“我们不会让步。我们会反击！”', '随后离开。', '（注：见上文。）', '第三句']
>>> split_sentences("Prices rose 5.2% in May. Mr. Lee said so! Did they?")
['Prices rose 5.2% in May.', 'Mr. Lee said so!', 'Did they?']
"""

from __future__ import annotations

import re

# Marks that end a sentence, and the marks swallowed after one (a semicolon never ends a
# sentence, but "。；" keeps both marks with the sentence).
_END_STRONG = set("。！？!?…")
_END = _END_STRONG | set("；;")
_OPEN_TO_CLOSE = {
    "“": "”",
    "‘": "’",
    "「": "」",
    "『": "』",
    "（": "）",
    "(": ")",
    "《": "》",
    "【": "】",
    "[": "]",
}
_CLOSERS = set(_OPEN_TO_CLOSE.values()) | {'"', "'"}
# A quoted or bracketed stretch longer than this is treated as unbalanced, so one missing
# closing mark cannot glue the rest of an article into one sentence.
_MAX_QUOTE = 300
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "st", "jr", "sr", "inc", "ltd",
    "co", "corp", "no", "vs", "etc", "u.s", "u.k", "e.g", "i.e", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
}  # fmt: skip
_HAS_WORD = re.compile(r"[^\W_]")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")


def _ends_english_sentence(text: str, i: int) -> bool:
    """A full stop at ``text[i]`` ends a sentence when followed by space and a capital or
    an opening quote, and the word before it is not a known abbreviation or an initial."""
    rest = text[i + 1 :]
    if not rest or not rest[0].isspace():
        return not rest  # "5.2" or "U.S.A" continue; end of text ends
    nxt = rest.lstrip()
    if not nxt or not (nxt[0].isupper() or nxt[0] in "\"“'‘(" or "\u4e00" <= nxt[0] <= "\u9fff"):
        return False
    match = _WORD_BEFORE.search(text[:i])
    if match:
        word = match.group(1).lower()
        if word in _ABBREVIATIONS or len(word) == 1:
            return False
    return True


def split_sentences(paragraph: str) -> list[str]:
    """Split one paragraph into sentences; the pieces concatenate back to the paragraph minus
    the whitespace between sentences."""
    sentences: list[str] = []
    stack: list[str] = []
    start = 0
    i = 0
    n = len(paragraph)
    opened_at = 0
    while i < n:
        ch = paragraph[i]
        if ch in _OPEN_TO_CLOSE:
            if not stack:
                opened_at = i
            stack.append(_OPEN_TO_CLOSE[ch])
        elif stack and ch == stack[-1]:
            stack.pop()
        elif ch == '"':
            # An ASCII quote opens when nothing is open or the last open one is not '"'.
            if stack and stack[-1] == '"':
                stack.pop()
            else:
                if not stack:
                    opened_at = i
                stack.append('"')
        if stack and i - opened_at > _MAX_QUOTE:
            stack.clear()
        boundary = False
        if not stack:
            if ch in _END_STRONG or (ch == "." and _ends_english_sentence(paragraph, i)):
                boundary = True
        elif ch in _END_STRONG and len(stack) == 1 and i + 1 < n and paragraph[i + 1] == stack[-1]:
            # "。”": end punctuation right before the quote that closes the outermost stretch
            # ends the sentence after the closing mark. End punctuation elsewhere inside quotes
            # does not, so quoted speech stays with its attribution.
            stack.pop()
            boundary = True
        if boundary:
            j = i + 1
            while j < n and (paragraph[j] in _END or paragraph[j] == "."):
                j += 1
            while j < n and paragraph[j] in _CLOSERS:
                j += 1
            piece = paragraph[start:j].strip()
            if piece:
                sentences.append(piece)
            start = j
            i = j
            continue
        i += 1
    tail = paragraph[start:].strip()
    if tail:
        if sentences and not _HAS_WORD.search(tail):
            # A stray mark after the last full stop ("…支撑。#") belongs to that sentence.
            sentences[-1] = paragraph[paragraph.rindex(sentences[-1]) :].strip()
        else:
            sentences.append(tail)
    return sentences
