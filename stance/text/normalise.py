"""Normalisation: the matching form of a text (``text_norm``) and script detection.

The original text is always kept for display; ``text_norm`` exists only so that lexicon terms
written in simplified script match traditional text, and so that full-width and half-width
forms of the same character compare equal.

>>> normalise_text("中國最新的海關數據，顯示：ＡＩ產業「脫鉤」")
'中国最新的海关数据,显示:AI产业“脱钩”'
>>> detect_script("中國最新的海關數據"), detect_script("中国最新的海关数据")
('traditional', 'simplified')
"""

from __future__ import annotations

import operator
import re
import unicodedata
from functools import lru_cache

# Corner brackets are the traditional-script quotation marks; matching treats them as the
# curly quotes simplified text uses, so a quoted phrase matches in both scripts.
_QUOTE_MAP = str.maketrans({"「": "“", "」": "”", "『": "‘", "』": "’", "〝": "“", "〞": "”"})
_SPACES = re.compile(r"\s+")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# One character for which str.isalnum() holds: the regular expression engine's \w is
# isalnum() or the underscore.
_WORD_CHARACTER = re.compile(r"[^\W_]")
# The values detect_language and detect_script return; a manifest may give only these.
LANGUAGES = ("zh", "en")
SCRIPTS = ("simplified", "traditional", "none")


@lru_cache(maxsize=2)
def _converter(config: str):  # -> opencc.OpenCC; typed loosely because opencc ships no stubs
    import opencc

    return opencc.OpenCC(config)


def is_word(token: str) -> bool:
    """Whether ``token`` holds a letter, a digit or a Han character (a character for which
    ``str.isalnum`` holds): a word, not punctuation or spacing.

    >>> is_word("中国"), is_word("2025"), is_word("U.S."), is_word("。"), is_word("_")
    (True, True, True, False, False)
    """
    # Most tokens are letters or digits throughout; the search is for the others.
    return token.isalnum() or _WORD_CHARACTER.search(token) is not None


def to_simplified(text: str) -> str:
    """Convert traditional characters to simplified ones with OpenCC (``t2s``)."""
    return _converter("t2s").convert(text) if _HAN.search(text) else text


def normalise_width(text: str) -> str:
    """Fold full-width letters, digits and punctuation to their half-width forms (NFKC)."""
    return unicodedata.normalize("NFKC", text).translate(_QUOTE_MAP)


def normalise_text(text: str) -> str:
    """Return the matching form of ``text``: NFKC width folding, one kind of quote mark,
    single spaces, simplified script. Idempotent: ``normalise_text(normalise_text(t)) ==
    normalise_text(t)``."""
    current = text
    # OpenCC and NFKC each map to a fixed point almost always at once; the loop makes the
    # idempotence guarantee hold for the rare character where one feeds the other.
    for _ in range(4):
        folded = _SPACES.sub(" ", to_simplified(normalise_width(current))).strip()
        if folded == current:
            break
        current = folded
    return current


def detect_script(text: str) -> str:
    """Return ``traditional``, ``simplified`` or ``none`` (no Han characters) for ``text``.

    A character counts as traditional when OpenCC's ``t2s`` changes it, and as simplified when
    ``s2t`` changes it; the script with more such characters wins, simplified on a tie.
    """
    han = "".join(_HAN.findall(text))
    if not han:
        return "none"
    t2s = _converter("t2s").convert(han)
    s2t = _converter("s2t").convert(han)
    # Position by position, up to the shorter text (map over two texts stops there).
    n_traditional = sum(map(operator.ne, han, t2s))
    n_simplified = sum(map(operator.ne, han, s2t))
    return "traditional" if n_traditional > n_simplified else "simplified"


def detect_language(text: str) -> str:
    """Return ``zh`` when Han characters make up at least a fifth of the letters, else ``en``."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return "zh"
    han = sum(1 for c in letters if _HAN.match(c))
    return "zh" if han * 5 >= len(letters) else "en"
