"""Sentence splitting for Chinese and English text.

End punctuation inside quotes and brackets does not end a sentence, and closing quotes and
brackets that follow end punctuation stay with their sentence (``。”``, ``！」``, ``？）``).

No character is lost: the sentences, in order, are the paragraph less the whitespace between
them. No sentence is longer than :data:`MAX_SENTENCE_CHARS`: a longer stretch without sentence
punctuation (a scraped page on one line, a table flattened to text) is cut into pieces of at
most that length, after a clause mark (``，`` ``,`` ``；`` ``：``...) where there is one in the
second half of the piece, else at a space, else anywhere. Every later stage works one sentence at
a time, so this bound keeps each of them linear in the length of the text, whatever it holds;
the splitter itself looks at most a few characters around each full stop, so it is linear too.

>>> split_sentences("他说:“我们不会让步。我们会反击！”随后离开。（注：见上文。）第三句")
['他说:“我们不会让步。我们会反击！”', '随后离开。', '（注：见上文。）', '第三句']
>>> split_sentences("Prices rose 5.2% in May. Mr. Lee said so! Did they?")
['Prices rose 5.2% in May.', 'Mr. Lee said so!', 'Did they?']
"""

from __future__ import annotations

import re
import unicodedata

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
# English abbreviations, by how they behave before a following word. Titles and Latin
# abbreviations never end a sentence (Mr. Smith, Dr. Chen, e.g. gallium, approx. 2,000).
_TITLES = {
    "mr", "mrs", "ms", "messrs", "mme", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col",
    "capt", "cmdr", "adm", "sgt", "rev", "hon", "pres", "amb", "supt", "insp", "det", "st", "mt",
    "ft", "vs", "v", "e.g", "i.e", "cf", "viz", "approx", "ca", "esp", "dept", "univ",
}  # fmt: skip
# These do not end a sentence before a number (No. 10, Jan. 15, Fig. 3) and end it otherwise.
_BEFORE_NUMBER = {
    "no", "nos", "fig", "figs", "vol", "vols", "pp", "art", "sec", "para", "ch", "op", "jan",
    "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
}  # fmt: skip
# These often close a sentence (to the U.S. / Apple Inc. / and so on, etc.): they end one only
# when the next word is one that usually opens a sentence (The, It, But...), so "U.S. Trade
# Representative" stays whole. Dotted initials of any length (U.N., E.U., U.A.E.) behave alike.
_MAY_END = {
    "etc", "inc", "ltd", "co", "corp", "plc", "llc", "bros", "jr", "sr", "a.m", "p.m",
}  # fmt: skip
_DOTTED_INITIALS = re.compile(r"^[a-z](\.[a-z])+$")
_OPENERS = {
    "the", "a", "an", "it", "its", "he", "she", "they", "we", "i", "you", "his", "her", "their",
    "our", "this", "that", "these", "those", "there", "but", "and", "yet", "so", "in", "on",
    "at", "for", "after", "before", "when", "while", "if", "as", "some", "many", "most", "no",
    "officials", "analysts", "critics",
}  # fmt: skip
_OPENER_WORD = re.compile(r"[A-Za-z]+")
_HAS_WORD = re.compile(r"[^\W_]")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
# The word before a full stop is looked for in this many characters: far longer than any
# abbreviation, and it keeps the check constant-time.
_WORD_WINDOW = 32
# The longest sentence: a sentence of news rarely passes 300 characters, and every
# per-sentence stage stays fast below this bound. See the module docstring.
MAX_SENTENCE_CHARS = 600
# Where a long piece is preferably cut: after a clause mark, else at whitespace.
_CLAUSE_MARKS = re.compile(r"[，,、；;：:）)」』》】—]")
_SPACE = re.compile(r"\s")


def _ends_english_sentence(text: str, i: int, after: int | None = None) -> bool:
    """A full stop at ``text[i]`` ends a sentence when what follows (from ``after``, default
    ``i + 1``: past a closing quote or bracket) is space and then a capital, a digit, an
    opening quote or a Chinese character, and the word before the stop is not an initial or an
    abbreviation that continues (see :data:`_TITLES` and the sets after it)."""
    n = len(text)
    k = i + 1 if after is None else after
    if k >= n:
        return True  # end of text ends
    if not text[k].isspace():
        return False  # "5.2" or "U.S.A" continue
    j = k
    while j < n and text[j].isspace():
        j += 1
    nxt = text[j] if j < n else ""
    if not nxt or not (nxt.isupper() or nxt.isdigit() or nxt in "\"“'‘(" or "\u4e00" <= nxt <= "\u9fff"):
        return False
    match = _WORD_BEFORE.search(text[max(0, i - _WORD_WINDOW) : i])
    if not match:
        return True
    word = match.group(1).lower()
    if word in _TITLES or len(word) == 1:
        return False
    if word in _BEFORE_NUMBER:
        return not nxt.isdigit()
    if word in _MAY_END or _DOTTED_INITIALS.match(word):
        opener = _OPENER_WORD.match(text, j, min(n, j + _WORD_WINDOW))
        return bool(opener) and opener.group(0).lower() in _OPENERS
    return True


def _ends_before_closer(text: str, i: int, closer: str) -> bool:
    """Whether end punctuation at ``text[i]``, right before the mark that closes the outermost
    quote or bracket, ends the sentence after that mark ("。”", "！」", "？）").

    End punctuation elsewhere inside quotes does not, so quoted speech stays with its
    attribution. In English, where a space follows the closing mark, the next word must open a
    sentence: '"Why now?" asked one senator' is one sentence, '"It is the best." Analysts said'
    is two.
    """
    ch = text[i]
    if not (ch in _END_STRONG or ch == ".") or i + 1 >= len(text) or text[i + 1] != closer:
        return False
    if ch != "." and (i + 2 >= len(text) or not text[i + 2].isspace()):
        return True
    return _ends_english_sentence(text, i, after=i + 2)


def split_sentences(paragraph: str) -> list[str]:
    """Split one paragraph into sentences; the pieces concatenate back to the paragraph minus
    the whitespace between sentences, and none is longer than :data:`MAX_SENTENCE_CHARS`."""
    return [piece for start, end in _sentence_spans(paragraph) for piece in _bounded(paragraph, start, end)]


def _sentence_spans(paragraph: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence in ``paragraph``, before stripping and bounding."""
    spans: list[tuple[int, int]] = []
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
        elif len(stack) == 1 and _ends_before_closer(paragraph, i, stack[-1]):
            stack.pop()
            boundary = True
        if boundary:
            j = i + 1
            while j < n and (paragraph[j] in _END or paragraph[j] == "."):
                j += 1
            while j < n and paragraph[j] in _CLOSERS:
                j += 1
            if paragraph[start:j].strip():
                spans.append((start, j))
            start = j
            i = j
            continue
        i += 1
    if paragraph[start:].strip():
        if spans and not _HAS_WORD.search(paragraph, start):
            # A stray mark after the last full stop ("…支撑。#") belongs to that sentence.
            spans[-1] = (spans[-1][0], n)
        else:
            spans.append((start, n))
    return spans


def _bounded(paragraph: str, start: int, end: int) -> list[str]:
    """``paragraph[start:end]`` stripped, cut into pieces of at most MAX_SENTENCE_CHARS."""
    pieces: list[str] = []
    while True:
        while start < end and paragraph[start].isspace():
            start += 1
        while end > start and paragraph[end - 1].isspace():
            end -= 1
        if end - start <= MAX_SENTENCE_CHARS:
            if end > start:
                pieces.append(paragraph[start:end])
            return pieces
        cut = _cut_point(paragraph, start, start + MAX_SENTENCE_CHARS)
        pieces.append(paragraph[start:cut].rstrip())
        start = cut


def _cut_point(text: str, start: int, limit: int) -> int:
    """Where to end a piece that starts at ``start`` and may not reach past ``limit``: after
    the last clause mark in the second half, else after the last whitespace there, else at
    ``limit`` (moved back off a combining mark, so an accent stays with its letter)."""
    half = start + (limit - start) // 2
    marks = list(_CLAUSE_MARKS.finditer(text, half, limit))
    if marks:
        return marks[-1].end()
    spaces = list(_SPACE.finditer(text, half, limit))
    if spaces:
        return spaces[-1].end()
    cut = limit
    while cut > half and unicodedata.combining(text[cut]):
        cut -= 1
    return cut if cut > half else limit
