"""Safe CSV cells: text that a spreadsheet would evaluate as a formula is written as text.

Excel, LibreOffice Calc and Google Sheets evaluate a CSV cell that starts with ``=``, ``+``,
``-`` or ``@``, so article text or a manifest value such as ``=HYPERLINK("http://…"&A1,"click")``
would run when an analyst opens the file. Following OWASP's CSV-injection guidance, a cell that
starts with one of these, a tab or a carriage return gets a single quote ``'`` in front, and the
spreadsheet treats it as text. As a precaution for Chinese text the full-width forms
``＝ ＋ － ＠`` count too.

Numbers stay numbers: numeric columns are never touched, and a text cell that is a plain
decimal number (``-1.5``, ``+3``, ``-2e3``) is left as it is, because a spreadsheet reads it as
that number and nothing else. Anything more (``-1+1``, ``-``, ``-3,834``) is quoted.

The rule is idempotent (a quoted cell starts with ``'``, which is safe) and the quote is the
only change, so removing a ``'`` that stands before one of the formula characters undoes it;
the one cell this cannot tell apart is an original that itself began with ``'`` and a formula
character (it is already safe, so it is kept as it is). The JSON, Parquet and SQLite exports
keep the text exactly, and so does xlsx (cells typed as text) but for characters XML cannot hold.

:func:`csv_text` writes a table with this rule applied; ``output.csv_bytes`` uses it for every
CSV file the tool writes.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

# First characters that make a spreadsheet evaluate a cell (OWASP), plus full-width forms.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
QUOTE = "'"
# A plain decimal number with an optional sign and exponent, ASCII digits only.
PLAIN_NUMBER = r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?"
_PLAIN_NUMBER_RE = re.compile(PLAIN_NUMBER)
# How to undo the rule: replace this pattern by its group 1, in pandas
# ``s.str.replace(UNDO_PATTERN, r"\1", regex=True)``, in R ``sub(UNDO_PATTERN, "\\1", x)``.
UNDO_PATTERN = "^'([-=+@\t\r\uff1d\uff0b\uff0d\uff20])"


def safe_cell(text: str) -> str:
    """``text`` with a ``'`` in front when a spreadsheet would evaluate it as a formula.

    >>> safe_cell('=HYPERLINK("http://x"&A1,"click")')
    '\\'=HYPERLINK("http://x"&A1,"click")'
    >>> [safe_cell(t) for t in ["-1+1", "@SUM(A1)", "-1.5", "+3", "美国", "'=1"]]
    ["'-1+1", "'@SUM(A1)", '-1.5', '+3', '美国', "'=1"]
    """
    if text.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER_RE.fullmatch(text):
        return QUOTE + text
    return text


_FORMULA_FIRST = frozenset(FORMULA_STARTS)


def _starts_like_formula(column: pd.Series) -> np.ndarray:
    """Boolean array: the cell is text whose first character is in FORMULA_STARTS."""
    if isinstance(column.dtype, pd.StringDtype):  # Arrow-backed in pandas 3: done in C++
        return column.str.startswith(FORMULA_STARTS, na=False).to_numpy(dtype=bool)
    # Object columns may mix text with numbers, lists or None; a plain loop beats .str here.
    first = _FORMULA_FIRST
    return np.fromiter(
        (type(v) is str and v[:1] in first for v in column.to_numpy()), dtype=bool, count=len(column)
    )


def safe_column(column: pd.Series) -> pd.Series:
    """``column`` with :func:`safe_cell` applied to every text cell; other values (numbers,
    missing values, lists) are kept. Returns ``column`` itself when nothing changes.

    Vectorised: one pass finds the cells that start with a formula character (usually none);
    only those are checked for being a plain number and quoted.
    """
    if isinstance(column.dtype, pd.CategoricalDtype):
        column = column.astype(object)
    if not (column.dtype == object or isinstance(column.dtype, pd.StringDtype)):
        return column  # numbers, booleans, dates: a spreadsheet reads them as values
    starts = np.flatnonzero(_starts_like_formula(column))
    if not len(starts):
        return column
    candidates = column.iloc[starts].tolist()
    hit = [i for i, v in zip(starts, candidates, strict=True) if not _PLAIN_NUMBER_RE.fullmatch(v)]
    if not hit:
        return column
    quoted = [QUOTE + v for v in column.iloc[hit].tolist()]
    if column.dtype == object:
        values = column.to_numpy(copy=True)
        values[hit] = quoted
        return pd.Series(values, index=column.index, name=column.name, dtype=object)
    result = column.copy()
    result.iloc[hit] = quoted
    return result


def safe_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every text cell and column name a spreadsheet would evaluate quoted (see
    :func:`safe_cell`); numeric columns are untouched. ``frame`` itself is not changed, and is
    returned as is when no cell needs a quote.

    >>> safe_cells(pd.DataFrame({"text": ["=1+1", "ok"], "score": [-1.5, 2.0]})).to_dict("list")
    {'text': ["'=1+1", 'ok'], 'score': [-1.5, 2.0]}
    """
    result = frame
    for position in range(frame.shape[1]):
        column = frame.iloc[:, position]
        safe = safe_column(column)
        if safe is not column:
            if result is frame:
                result = frame.copy(deep=False)
            result.isetitem(position, safe)
    names = [safe_cell(c) if isinstance(c, str) else c for c in frame.columns]
    if names != list(frame.columns):
        if result is frame:
            result = frame.copy(deep=False)
        result.columns = names
    return result


# A double-quoted CSV field (quotes inside doubled) or a \r\n row end outside any field.
_QUOTED_OR_ROW_END = re.compile(r'("[^"]*(?:""[^"]*)*")|\r\n')


def csv_text(frame: pd.DataFrame, *, float_format: str, na_rep: str, header: bool = True) -> str:
    """``frame`` as CSV text (header row, no index, ``\\n`` row ends) with :func:`safe_cells`
    applied, and every cell that holds a line break double-quoted. ``header=False`` leaves the
    header row out (rows appended to a table written in parts).

    The csv module quotes only cells holding a character of the row terminator, so with ``\\n``
    row ends a cell holding a lone ``\\r`` would go out bare and split its row in every reader.
    Such a table is written with ``\\r\\n`` row ends (quoting every cell with ``\\r`` or ``\\n``),
    then its row ends, which lie outside quotes, become ``\\n`` again.

    >>> csv_text(pd.DataFrame({"text": ["a\\rb", "=1+1"], "n": [1, -2]}), float_format="%g", na_rep="")
    'text,n\\n"a\\rb",1\\n\\'=1+1,-2\\n'
    """
    safe = safe_cells(frame)
    options = {"index": False, "float_format": float_format, "na_rep": na_rep, "header": header}
    text = safe.to_csv(lineterminator="\n", **options)
    if "\r" not in text:  # the usual case, found by one fast scan of the text
        return text
    text = safe.to_csv(lineterminator="\r\n", **options)
    return _QUOTED_OR_ROW_END.sub(lambda match: match.group(1) or "\n", text)
