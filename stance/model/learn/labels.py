"""Labelled rows: reading a labels CSV, the order of labels, and the stance scheme they follow.

A label set is a *stance scheme* when every label is a -1/0/1 value written as a number or a
word (FAVOR/AGAINST/NONE, positive/negative/neutral...) and both +1 and -1 occur. Its official
NLPCC-2016 score is F_avg = (F1 of the +1 label + F1 of the -1 label) / 2: the neutral label is
predicted but not scored.
"""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import pandas as pd

from stance.errors import InputError

LABEL_COLUMNS = ("text", "target", "label")
# Label words a file may use for the three stance values, mapped to -1/0/1.
LABEL_WORDS = {
    "-1": -1,
    "0": 0,
    "1": 1,
    "+1": 1,
    "against": -1,
    "negative": -1,
    "neg": -1,
    "none": 0,
    "neutral": 0,
    "favor": 1,
    "favour": 1,
    "positive": 1,
    "pos": 1,
    # Chinese, both scripts: 反对 against, 中立 / 无立场 neutral or no stance, 支持 / 赞成 favour.
    "反对": -1,
    "反對": -1,
    "负面": -1,
    "負面": -1,
    "中立": 0,
    "中性": 0,
    "无": 0,
    "無": 0,
    "无立场": 0,
    "無立場": 0,
    "支持": 1,
    "赞成": 1,
    "贊成": 1,
    "赞同": 1,
    "贊同": 1,
    "正面": 1,
}


def canonical_label(label: object) -> str:
    """'+1', '1.0' and ' 1' are the label '1'; other labels are kept as written (stripped)."""
    text = str(label).strip()
    try:
        value = float(text)
    except ValueError:
        return text
    return str(int(value)) if value.is_integer() else text


def label_value(label: object) -> int | None:
    """The -1/0/1 value of a label written as a number or a word (FAVOR/AGAINST/NONE...), or
    None when the label belongs to another scheme.

    >>> [label_value(x) for x in ("FAVOR", "against", "+1", "0.0", "反對", "支持", "maybe")]
    [1, -1, 1, 0, -1, 1, None]
    """
    return LABEL_WORDS.get(canonical_label(label).lower())


def stance_pair(labels) -> tuple[str, str] | None:
    """The (favour, against) labels when ``labels`` follow a stance scheme (see the module
    docstring), else None.

    >>> stance_pair(["AGAINST", "FAVOR", "NONE"]), stance_pair(["a", "b"])
    (('FAVOR', 'AGAINST'), None)
    """
    values = {str(x): label_value(x) for x in labels}
    if None in values.values():
        return None
    favour = sorted(x for x, v in values.items() if v == 1)
    against = sorted(x for x, v in values.items() if v == -1)
    if len(favour) != 1 or len(against) != 1:
        return None
    return favour[0], against[0]


def label_order(labels) -> list[str]:
    """Labels in a stable, readable order: numerically when all are numbers, else by name."""
    unique = sorted({str(x) for x in labels})
    try:
        return sorted(unique, key=float)
    except ValueError:
        return unique


def data_hash(labels: pd.DataFrame, *, label_column: str = "label") -> str:
    """sha256 over the (text, target, label) rows in order: names the training data exactly."""
    digest = hashlib.sha256()
    for row in labels[["text", "target", label_column]].itertuples(index=False):
        digest.update(json.dumps([str(x) for x in row], ensure_ascii=False).encode("utf-8") + b"\n")
    return "sha256:" + digest.hexdigest()


def read_csv_text(path: Path, *, what: str, header: str) -> str:
    """The text of a UTF-8 CSV file that must exist and not be empty; :class:`InputError` naming
    the file (and the line of a bad byte) otherwise. ``what`` and ``header`` go in the messages."""
    if not path.is_file():
        raise InputError(f"{path}: no such file; check the path to the {what}.")
    raw = path.read_bytes()
    if not raw.strip():
        raise InputError(f"{path}: the file is empty; it needs a header row {header} and rows.")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            f"{path}:{line}: not UTF-8 text; re-save the file as UTF-8 CSV (Excel: Save As, CSV UTF-8; "
            "its plain CSV on Chinese Windows is GBK or Big5)."
        ) from exc


def read_labels(path: Path, *, label_column: str = "label") -> pd.DataFrame:
    """Read a labels CSV (columns text, target, label; UTF-8) and check every row.

    Raises :class:`InputError` naming the file (and row: the CSV line number) and the fix.
    """
    path = Path(path)
    text = read_csv_text(path, what="labels CSV", header=f"text,target,{label_column}")
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise InputError(f"{path}: not a readable CSV ({exc}); save it as comma-separated UTF-8.") from exc
    frame.columns = [str(c).strip() for c in frame.columns]
    needed = ("text", "target", label_column)
    missing = [c for c in needed if c not in frame.columns]
    if missing:
        raise InputError(
            f"{path}: missing column(s) {', '.join(missing)}; the header must name "
            f"{', '.join(needed)} (found: {', '.join(frame.columns) or 'none'})."
        )
    if frame.empty:
        raise InputError(f"{path}: has a header but no rows; add labelled rows.")
    frame = frame.assign(**{c: frame[c].str.strip() for c in needed})
    for column in needed:
        empty = frame.index[frame[column] == ""]
        if len(empty):
            row = int(empty[0]) + 2  # line 1 is the header
            raise InputError(f"{path}:{row}: empty '{column}'; fill it in or delete the row.")
    return frame
