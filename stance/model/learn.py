"""Learning stance from user labels: a target-masked n-gram model (``stance train``).

A researcher with annotated sentences of their own domain fits a model here and uses it in
place of the lexicon scorer for the targets it knows. The model is deliberately simple and
transparent: word n-grams (1-2) over jieba tokens plus character n-grams (1-3) of the
normalised text, TF-IDF weighted, and a class-balanced logistic regression.

The target is MASKED before features are built: every alias of the row's target becomes
``<TGT>`` and every alias of any other known target becomes ``<OTHER>``. Without the mask the
model learns "sentences about China are negative" instead of the words that carry stance,
and it could not transfer to a target it saw less often.

The model is saved with skops (no pickle); :func:`load_model` checks every type in the file
against an explicit allow-list before loading anything.

>>> import pandas as pd
>>> labels = pd.DataFrame({
...     "text": ["美国表现强大", "美国十分软弱", "中国表现强大", "中国十分软弱"] * 3,
...     "target": ["us", "us", "china", "china"] * 3,
...     "label": ["1", "-1", "1", "-1"] * 3,
... })
>>> model = train(labels, seed=1)
>>> model.labels, model.targets
(('-1', '1'), ('china', 'us'))
>>> model.predict(["日本表现强大"], ["japan"])
['1']
"""

from __future__ import annotations

import hashlib
import io
import json
import lzma
import re
import zipfile
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import metadata
from pathlib import Path

import numpy as np
import pandas as pd

from stance.errors import InputError, ModelError
from stance.lexicon.match import TermMatcher
from stance.text.normalise import normalise_text

LABEL_COLUMNS = ("text", "target", "label")
CV_COLUMNS = ("label", "n", "f1")
MODEL_FORMAT = "stance-model"
MODEL_FORMAT_VERSION = 1
TARGET_TOKEN = "<TGT>"
OTHER_TOKEN = "<OTHER>"
# In the character view each placeholder must be ONE character, or its n-grams would mix
# with those of real text; private-use code points never occur in news text.
TARGET_CHAR = "\ue000"
OTHER_CHAR = "\ue001"
MAX_FOLDS = 5
# Types a model file may contain beyond skops's defaults. Anything else is refused unloaded.
TRUSTED_TYPES = (
    "numpy.dtype",
    "numpy.float64",
    "numpy.int64",
    "numpy.ndarray",
    "scipy.sparse._csr.csr_matrix",
    "sklearn.compose._column_transformer.ColumnTransformer",
    "sklearn.feature_extraction.text.TfidfTransformer",
    "sklearn.feature_extraction.text.TfidfVectorizer",
    "sklearn.linear_model._logistic.LogisticRegression",
    "sklearn.pipeline.Pipeline",
)
_LATIN = re.compile(r"[A-Za-z]")
_LATIN_END = re.compile(r"[A-Za-z0-9]$")
_LATIN_START = re.compile(r"^[A-Za-z0-9]")


# --------------------------------------------------------------------------- aliases & masking


def _canonical_alias(alias: str) -> str:
    # Spaces go: the segmenter drops whitespace, so "United States" is matched as its tokens
    # "United", "States" joined.
    return normalise_text(alias).lower().replace(" ", "")


def target_aliases(targets: Sequence[str], lexicons: Mapping | None = None) -> dict[str, tuple[str, ...]]:
    """Aliases of each target, for masking.

    From the ``targets`` lexicon when one is given (entries whose category names the target;
    a joint form such as 中美 is listed under every target it names, with categories written
    ``us+china``), always together with the target string itself, normalised and lower-cased.

    >>> target_aliases(["US", "中國"])
    {'US': ('us',), '中國': ('中国',)}
    """
    found: dict[str, set[str]] = {t: {_canonical_alias(t)} for t in targets}
    lexicon = (lexicons or {}).get("targets")
    if lexicon is not None:
        for entry in lexicon.entries:
            names = [n for n in re.split(r"[+,;| ]+", entry.category) if n]
            for name in names:
                found.setdefault(name, {_canonical_alias(name)}).add(_canonical_alias(entry.term))
    return {t: tuple(sorted(a for a in found[t] if a)) for t in sorted(found)}


class _Masker:
    """Replaces target aliases in token sequences by placeholders.

    Aliases are found by the shared matcher (:class:`stance.lexicon.match.TermMatcher`) on the
    lower-cased tokens: a term may span consecutive tokens when the segmenter split it, and the
    longest alias wins. Unlike every stage that counts terms, masking asks the matcher for
    ``inside_tokens=True``, so a multi-character Han alias is also masked inside a longer token
    (中美 in 中美合作, 美国 in 美国人): for masking, hiding the name matters more than the word
    boundary, and such tokens name the target.
    """

    def __init__(self, aliases: Mapping[str, Sequence[str]]) -> None:
        self.aliases = {t: tuple(a) for t, a in aliases.items()}
        self.owners: dict[str, frozenset[str]] = {}
        for target, names in self.aliases.items():
            for alias in names:
                self.owners[alias] = self.owners.get(alias, frozenset()) | {target}
        self._matchers: dict[str, TermMatcher] = {}

    def words(self) -> list[str]:
        """Every alias, for adding to the segmenter's dictionary."""
        return sorted(self.owners)

    def _matcher(self, own: str) -> TermMatcher:
        # The row's own target counts as an alias of itself, so one matcher per target string.
        if own not in self._matchers:
            terms = {*self.owners, own} - {""}
            self._matchers[own] = TermMatcher(terms, inside_tokens=True)
        return self._matchers[own]

    def _placeholder(self, alias: str, target: str) -> str:
        mine = target in self.owners.get(alias, frozenset()) or alias == _canonical_alias(target)
        return TARGET_TOKEN if mine else OTHER_TOKEN

    def mask(self, tokens: Sequence[str], target: str) -> list[str]:
        """Return ``tokens`` with every alias span replaced by ``<TGT>`` or ``<OTHER>``.

        The row's own target always counts as an alias of itself, so a target the lexicon does
        not know is still masked.
        """
        matcher = self._matcher(_canonical_alias(target))
        lowered = [t.lower() for t in tokens]
        # Aliases are canonical (lower-case, spaces removed), so the tokens are matched joined
        # without spaces: "united", "states" is the alias "unitedstates".
        text = "".join(lowered)
        units = matcher.units(text, lowered)
        spans = {span.first: span for span in matcher.match(text, units)}
        out: list[str] = []
        i = 0
        while i < len(units):
            span = spans.get(i)
            if span is None:
                out.append(units[i].text)
                i += 1
            else:
                out.append(self._placeholder(span.term, target))
                i = span.last
        return out


def _views(masked: Sequence[str]) -> tuple[str, str]:
    """The word view (space-joined tokens) and the character view (placeholders as one char;
    a space kept only between two Latin words, since the segmenter drops whitespace)."""
    words = " ".join(t for t in masked if t.strip())
    pieces: list[str] = []
    for token in masked:
        piece = TARGET_CHAR if token == TARGET_TOKEN else OTHER_CHAR if token == OTHER_TOKEN else token
        if pieces and _LATIN_END.search(pieces[-1]) and _LATIN_START.search(piece):
            pieces.append(" ")
        pieces.append(piece)
    return words, " ".join("".join(pieces).split())


def _make_tokenizer(words: Sequence[str]):  # -> a callable str -> list[str]
    """The project's private segmenter with every alias added as a word (never jieba's global
    tokenizer), cutting normalised text into tokens without whitespace."""
    return _segmenter(tuple(sorted(w for w in words if not _LATIN.search(w)))).cut


@lru_cache(maxsize=4)
def _segmenter(words: tuple[str, ...]):  # -> stance.text.segment.Segmenter
    # Building a dictionary costs about a second; training, cross-validation and prediction
    # with the same aliases share one segmenter (each still private to this module).
    from stance.text.segment import Segmenter

    return Segmenter(words, engine="auto")


# --------------------------------------------------------------------------- reading labels


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
        raise InputError(f"{path}:{line}: not UTF-8 text; re-save the file as UTF-8 CSV.") from exc


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


# --------------------------------------------------------------------------- the model


@dataclass(frozen=True)
class CrossValidation:
    """Out-of-fold figures: per-class F1 (with support) and macro-F1 over ``n_splits`` folds."""

    n_splits: int
    per_class: tuple[tuple[str, int, float], ...]  # (label, n, f1)
    macro_f1: float

    def as_frame(self) -> pd.DataFrame:
        return pd.DataFrame(list(self.per_class), columns=list(CV_COLUMNS))

    def render(self) -> str:
        """Plain-text table of the figures, as ``stance train`` prints it."""
        width = max(len("macro-F1"), *(len(label) for label, _, _ in self.per_class))
        lines = [f"cross-validation: {self.n_splits}-fold stratified, out-of-fold predictions"]
        lines.append(f"{'label':<{width}}  {'n':>5}  {'F1':>6}")
        lines += [f"{label:<{width}}  {n:>5}  {f1:>6.3f}" for label, n, f1 in self.per_class]
        lines.append(
            f"{'macro-F1':<{width}}  {sum(n for _, n, _ in self.per_class):>5}  {self.macro_f1:>6.3f}"
        )
        return "\n".join(lines)


@dataclass(frozen=True)
class StanceModel:
    """A fitted target-masked classifier with what it was trained on."""

    pipeline: object  # sklearn Pipeline
    labels: tuple[str, ...]
    targets: tuple[str, ...]
    aliases: Mapping[str, tuple[str, ...]]
    data_sha256: str
    n_rows: int
    seed: int
    version: str
    cv: CrossValidation | None = None

    @cached_property
    def _masker(self) -> _Masker:
        return _Masker(self.aliases)

    @cached_property
    def _tokenize(self):
        return _make_tokenizer(self._masker.words())

    def knows(self, target: str) -> bool:
        """True when ``target`` was among the training targets."""
        return target in self.targets

    def features(self, texts: Sequence[str], targets: Sequence[str]) -> pd.DataFrame:
        """The masked word and character views the pipeline reads (useful for inspection)."""
        return _feature_frame(texts, targets, self._masker, self._tokenize)

    def predict(self, texts: Sequence[str], targets: Sequence[str]) -> list[str]:
        """Predict one label per (text, target) pair."""
        if len(texts) != len(targets):
            raise ValueError("texts and targets must have the same length")
        if not texts:
            return []
        return [str(p) for p in self.pipeline.predict(self.features(texts, targets))]

    def metadata(self) -> dict:
        """What the model file records about the model, JSON-ready."""
        return {
            "format": MODEL_FORMAT,
            "format_version": MODEL_FORMAT_VERSION,
            "stance_version": self.version,
            "labels": list(self.labels),
            "targets": list(self.targets),
            "aliases": {t: list(a) for t, a in sorted(self.aliases.items())},
            "training_data_sha256": self.data_sha256,
            "n_rows": self.n_rows,
            "seed": self.seed,
            "cv": None
            if self.cv is None
            else {
                "n_splits": self.cv.n_splits,
                "per_class": [list(x) for x in self.cv.per_class],
                "macro_f1": self.cv.macro_f1,
            },
        }


def _feature_frame(texts, targets, masker: _Masker, tokenize) -> pd.DataFrame:
    words, chars = [], []
    for text, target in zip(texts, targets, strict=True):
        w, c = _views(masker.mask(tokenize(normalise_text(str(text))), str(target)))
        words.append(w)
        chars.append(c)
    return pd.DataFrame({"words": words, "chars": chars})


def _pipeline(seed: int):
    from sklearn.compose import ColumnTransformer
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    features = ColumnTransformer(
        [
            (
                "words",
                TfidfVectorizer(
                    analyzer="word",
                    token_pattern=r"\S+",
                    ngram_range=(1, 2),
                    sublinear_tf=True,
                    lowercase=False,
                ),
                "words",
            ),
            (
                "chars",
                TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True, lowercase=False),
                "chars",
            ),
        ]
    )
    classifier = LogisticRegression(class_weight="balanced", max_iter=5000, random_state=seed)
    return Pipeline([("features", features), ("classifier", classifier)])


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


def _version() -> str:
    try:
        return metadata.version("stance")
    except metadata.PackageNotFoundError:
        return "0+unknown"


def _check_classes(y: pd.Series, source: str) -> int:
    counts = y.value_counts()
    if len(counts) < 2:
        raise ModelError(
            f"{source}: every row has the label '{counts.index[0]}'; a classifier needs at least two "
            "classes: add rows of the other labels."
        )
    smallest = counts[counts == counts.min()].index
    if counts.min() < 2:
        rare = ", ".join(f"'{x}'" for x in label_order(smallest))
        raise ModelError(
            f"{source}: label {rare} has only 1 row; cross-validation needs at least 2 per label "
            "(add examples, or merge or drop that label)."
        )
    return min(MAX_FOLDS, int(counts.min()))


def cross_validate(
    labels: pd.DataFrame,
    *,
    seed: int,
    lexicons: Mapping | None = None,
    label_column: str = "label",
    source: str = "labels",
) -> CrossValidation:
    """Stratified k-fold (k = min(5, smallest class)) out-of-fold per-class F1 and macro-F1."""
    from sklearn.metrics import f1_score
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    y = labels[label_column].astype(str)
    n_splits = _check_classes(y, source)
    order = label_order(y)
    masker = _Masker(target_aliases(sorted(set(labels["target"].astype(str))), lexicons))
    x = _feature_frame(
        labels["text"].tolist(), labels["target"].tolist(), masker, _make_tokenizer(masker.words())
    )
    folds = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=seed)
    predicted = cross_val_predict(_pipeline(seed), x, y, cv=folds)
    f1 = f1_score(y, predicted, labels=order, average=None, zero_division=0)
    counts = y.value_counts()
    per_class = tuple(
        (label, int(counts[label]), round(float(s), 6)) for label, s in zip(order, f1, strict=True)
    )
    return CrossValidation(n_splits, per_class, round(float(np.mean(f1)), 6))


def train(
    labels: pd.DataFrame,
    *,
    seed: int,
    lexicons: Mapping | None = None,
    label_column: str = "label",
    cv: bool = True,
    source: str = "labels",
) -> StanceModel:
    """Fit the target-masked n-gram model on ``labels`` (columns text, target, label).

    Any label set and any targets, in either script. With ``cv`` (the default) the model
    carries its cross-validated figures (:class:`CrossValidation`). Aliases for masking come
    from ``lexicons["targets"]`` when given, else from the target strings themselves.
    Raises :class:`ModelError` (naming ``source``) when there are too few classes or rows.
    """
    missing = [c for c in ("text", "target", label_column) if c not in labels.columns]
    if missing:
        raise ModelError(
            f"{source}: missing column(s) {', '.join(missing)}; labels need text, target, {label_column}."
        )
    frame = labels.reset_index(drop=True)
    y = frame[label_column].astype(str)
    _check_classes(y, source)
    targets = sorted(set(frame["target"].astype(str)))
    aliases = target_aliases(targets, lexicons)
    masker = _Masker(aliases)
    x = _feature_frame(
        frame["text"].tolist(), frame["target"].tolist(), masker, _make_tokenizer(masker.words())
    )
    pipeline = _pipeline(seed).fit(x, y)
    result = (
        cross_validate(frame, seed=seed, lexicons=lexicons, label_column=label_column, source=source)
        if cv
        else None
    )
    return StanceModel(
        pipeline=pipeline,
        labels=tuple(label_order(y)),
        targets=tuple(targets),
        aliases=aliases,
        data_sha256=data_hash(frame, label_column=label_column),
        n_rows=len(frame),
        seed=seed,
        version=_version(),
        cv=result,
    )


# --------------------------------------------------------------------------- saving & loading
# A model file is a zip holding ``metadata.json`` (readable without loading anything) and
# ``pipeline.skops`` (the fitted scikit-learn pipeline in skops's non-pickle format).


_SKOPS_IDS = re.compile(r'("__id__": )(\d+)|("file": ")(\d+)(\.npy")')


def _repack(data: bytes) -> bytes:
    """Make skops's bytes reproducible: skops names arrays and objects by their ``id()`` in
    memory and stamps the zip with the current time. Number them in order of appearance in
    schema.json instead, and use a fixed time, so the same model always gives the same bytes."""
    numbers: dict[str, str] = {}

    def renumber(match: re.Match) -> str:
        raw = match.group(2) or match.group(4)
        new = numbers.setdefault(raw, str(len(numbers) + 1))
        if match.group(1):
            return match.group(1) + new
        return match.group(3) + new + match.group(5)

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        schema = _SKOPS_IDS.sub(renumber, source.read("schema.json").decode("utf-8"))
        members = {"schema.json": schema.encode("utf-8")}
        for name in source.namelist():
            if name.endswith(".npy") and name[:-4] in numbers:
                members[numbers[name[:-4]] + ".npy"] = source.read(name)
            elif name != "schema.json":
                members[name] = source.read(name)
        for name in sorted(members):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, members[name])
    return out.getvalue()


def save_model(model: StanceModel, path: Path) -> None:
    """Write ``model`` to ``path`` atomically (a zip of metadata.json and pipeline.skops)."""
    import skops.io as sio

    from stance.output.write import write_bytes_atomic

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in (
            (
                "metadata.json",
                json.dumps(model.metadata(), ensure_ascii=False, indent=2, sort_keys=True).encode(),
            ),
            ("pipeline.skops", _repack(sio.dumps(model.pipeline))),
        ):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))  # byte-identical re-runs
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    path = Path(path)
    if path.parent and not path.parent.is_dir():
        raise ModelError(
            f"{path}: the directory {path.parent} does not exist; create it or choose another --out."
        )
    write_bytes_atomic(path, buffer.getvalue())


def _refuse(path: Path, why: str) -> ModelError:
    return ModelError(f"{path}: {why}; retrain with `stance train LABELS.csv --out {path.name}`.")


# What a model archive may hold, checked from its zip directory before any member is read, so
# a zip bomb is refused before it is inflated (zipfile never inflates a member beyond the size
# its directory declares). The limits apply to the model file and again to the skops archive
# inside it; a model of a few hundred thousand labelled sentences stays far below them.
MODEL_MEMBERS = ("metadata.json", "pipeline.skops")
MAX_MODEL_MEMBERS = 16  # a stance model holds two
MAX_SKOPS_MEMBERS = 10_000  # one per array of the fitted pipeline, plus schema.json
MAX_MEMBER_BYTES = 256 * 2**20  # one member, uncompressed
MAX_ARCHIVE_BYTES = 512 * 2**20  # all members of one archive, uncompressed
# Uncompressed / compressed size of a member over RATIO_FLOOR bytes: the JSON and arrays of a
# fitted model compress far less than 200:1; a run of zeros compresses about 1000:1.
MAX_RATIO = 200
RATIO_FLOOR = 2**20
_READABLE_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA)
# What zipfile raises on a damaged archive, besides BadZipFile (zlib's and lzma's errors come
# from a damaged compressed stream; bz2's is an OSError).
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    lzma.LZMAError,
    OSError,
    EOFError,
    ValueError,
    NotImplementedError,
)


def _kind(exc: BaseException) -> str:
    """The exception's class name, with its module when the name alone says nothing (zlib.error)."""
    kind = type(exc)
    return f"{kind.__module__}.{kind.__name__}" if kind.__name__ == "error" else kind.__name__


def _check_members(infos: Sequence[zipfile.ZipInfo], path: Path, *, part: str, max_members: int) -> None:
    """Refuse an archive whose directory (``infos``) promises more than a model can hold."""
    if len(infos) > max_members:
        raise _refuse(path, f"{part} holds {len(infos):,} members, more than a model has ({max_members:,})")
    total = 0
    for info in infos:
        name = ascii(info.filename[:60])  # quoted and escaped: the name comes from the file
        if info.flag_bits & 0x1:
            raise _refuse(path, f"{part} member {name} is encrypted")
        if info.compress_type not in _READABLE_METHODS:
            raise _refuse(path, f"{part} member {name} uses an unknown compression method")
        if info.file_size > MAX_MEMBER_BYTES:
            raise _refuse(
                path, f"{part} member {name} unpacks to {info.file_size:,} bytes, over {MAX_MEMBER_BYTES:,}"
            )
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            ratio = info.file_size / max(info.compress_size, 1)
            raise _refuse(
                path, f"{part} member {name} is compressed {ratio:,.0f}:1, over {MAX_RATIO}:1 (a zip bomb?)"
            )
        total += info.file_size
    if total > MAX_ARCHIVE_BYTES:
        raise _refuse(path, f"{part} unpacks to {total:,} bytes, over {MAX_ARCHIVE_BYTES:,}")


def check_model_file(path: Path) -> None:
    """Refuse ``path`` unless it is a zip archive shaped like a stance model: both members
    present, and member count, sizes and compression ratios within the limits above.

    Reads the zip directory only (no member is inflated), so it is cheap enough to run before
    any analysis; :func:`load_model` runs it first too. Raises :class:`ModelError` naming the
    file.
    """
    path = Path(path)
    if not path.is_file():
        raise ModelError(f"{path}: no such model file; check the --model path.")
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except _ZIP_ERRORS as exc:
        raise _refuse(path, f"not a readable stance model ({_kind(exc)})") from exc
    _check_members(infos, path, part="the model file", max_members=MAX_MODEL_MEMBERS)
    if not set(MODEL_MEMBERS) <= {info.filename for info in infos}:
        raise _refuse(path, "not a stance model (metadata.json or pipeline.skops missing)")


def load_model(path: Path) -> StanceModel:
    """Load a model saved by :func:`save_model`, refusing anything unsafe or malformed.

    The archive is checked first (:func:`check_model_file`, then the same limits on the skops
    archive inside it); every type stored in the skops part is checked against
    :data:`TRUSTED_TYPES` before loading; an unknown type, a missing part or a corrupt file
    raises :class:`ModelError` naming the file.
    """
    path = Path(path)
    check_model_file(path)
    try:
        with zipfile.ZipFile(path) as archive:
            meta = json.loads(archive.read("metadata.json").decode("utf-8"))
            blob = archive.read("pipeline.skops")
    except (*_ZIP_ERRORS, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _refuse(path, f"not a readable stance model ({_kind(exc)})") from exc
    try:  # the skops part is a zip too, checked the same way before skops opens it
        with zipfile.ZipFile(io.BytesIO(blob)) as inner:
            infos = inner.infolist()
    except _ZIP_ERRORS as exc:
        raise _refuse(path, f"the pipeline part is corrupt ({_kind(exc)})") from exc
    _check_members(infos, path, part="its pipeline part", max_members=MAX_SKOPS_MEMBERS)
    import skops.io as sio  # only for an archive that passed the checks above

    if not isinstance(meta, dict) or meta.get("format") != MODEL_FORMAT:
        raise _refuse(path, "not a stance model (wrong format marker)")
    if meta.get("format_version") != MODEL_FORMAT_VERSION:
        raise _refuse(
            path, f"model format version {meta.get('format_version')} is not {MODEL_FORMAT_VERSION}"
        )
    try:
        untrusted = sio.get_untrusted_types(data=blob)
    except Exception as exc:  # skops raises many kinds on corrupt input; all mean "unreadable"
        raise _refuse(path, f"the pipeline part is corrupt ({type(exc).__name__})") from exc
    unsafe = sorted(set(untrusted) - set(TRUSTED_TYPES))
    if unsafe:
        raise ModelError(
            f"{path}: refusing to load untrusted type(s) {', '.join(unsafe)}; only load models you "
            "trained with `stance train`."
        )
    try:
        pipeline = sio.loads(blob, trusted=[t for t in untrusted if t in TRUSTED_TYPES])
    except Exception as exc:  # as above: any failure inside skops means the file is unusable
        raise _refuse(path, f"the pipeline part is corrupt ({type(exc).__name__})") from exc
    try:
        cv_meta = meta.get("cv")
        cv = (
            None
            if cv_meta is None
            else CrossValidation(
                int(cv_meta["n_splits"]),
                tuple((str(a), int(b), float(c)) for a, b, c in cv_meta["per_class"]),
                float(cv_meta["macro_f1"]),
            )
        )
        model = StanceModel(
            pipeline=pipeline,
            labels=tuple(str(x) for x in meta["labels"]),
            targets=tuple(str(x) for x in meta["targets"]),
            aliases={str(t): tuple(str(a) for a in v) for t, v in meta["aliases"].items()},
            data_sha256=str(meta["training_data_sha256"]),
            n_rows=int(meta["n_rows"]),
            seed=int(meta["seed"]),
            version=str(meta["stance_version"]),
            cv=cv,
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise _refuse(path, f"its metadata.json is incomplete ({type(exc).__name__}: {exc})") from exc
    classes = [str(c) for c in getattr(pipeline, "classes_", [])]
    if sorted(classes) != sorted(model.labels):
        raise _refuse(path, "its metadata labels do not match the classifier")
    return model
