"""Model files: a zip of ``metadata.json`` (readable without loading anything) and
``pipeline.skops`` (the fitted vectorizers and classifiers in skops's non-pickle format).

Loading refuses anything unsafe or malformed with a one-line :class:`ModelError`: the archive's
directory is checked first (sizes, member count, compression ratio: a zip bomb is refused before
anything is inflated), then every type stored in the skops part against :data:`TRUSTED_TYPES`,
then the shape of what was loaded. Saving is reproducible: the same model gives the same bytes
in any process (skops's memory addresses are renumbered, zip times fixed), and the file is
written atomically with the user's umask.
"""

from __future__ import annotations

import io
import json
import lzma
import os
import re
import zipfile
import zlib
from collections.abc import Sequence
from pathlib import Path

from stance.errors import ModelError
from stance.model.learn.classify import STRATEGIES
from stance.model.learn.features import VIEWS, CompactTfidfVectorizer
from stance.model.learn.fit import MODEL_FORMAT, MODEL_FORMAT_VERSION, StanceModel
from stance.model.learn.select import CrossValidation
from stance.output.write import check_parent, write_bytes_atomic

# Types a model file may contain beyond skops's defaults. Anything else is refused unloaded.
TRUSTED_TYPES = (
    "numpy.dtype",
    "numpy.float32",
    "numpy.float64",
    "numpy.int64",
    "numpy.ndarray",
    "scipy.sparse._csr.csr_matrix",
    "sklearn.calibration._CalibratedClassifier",
    "sklearn.calibration._SigmoidCalibration",
    "stance.model.learn.features.CompactTfidfVectorizer",
)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)

_SKOPS_IDS = re.compile(r'("__id__": )(\d+)|("file": ")(\d+)(\.np[yz]")')


def _fixed_zip(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A zip of ``members`` in name order with a fixed time stamp: the same members always
    give the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in sorted(members):
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = method
            target.writestr(info, members[name])
    return out.getvalue()


def _repack(data: bytes) -> bytes:
    """Make skops's bytes reproducible: skops names arrays, sparse matrices and objects by their
    ``id()`` in memory and stamps its zip (and numpy's ``.npz`` zips inside it) with the
    current time. Number them in order of appearance in schema.json instead, and use a fixed
    time, so the same model always gives the same bytes in any process."""
    numbers: dict[str, str] = {}

    def renumber(match: re.Match) -> str:
        raw = match.group(2) or match.group(4)
        new = numbers.setdefault(raw, str(len(numbers) + 1))
        if match.group(1):
            return match.group(1) + new
        return match.group(3) + new + match.group(5)

    with zipfile.ZipFile(io.BytesIO(data)) as source:
        schema = _SKOPS_IDS.sub(renumber, source.read("schema.json").decode("utf-8"))
        members = {"schema.json": schema.encode("utf-8")}
        for name in source.namelist():
            stem, dot, suffix = name.rpartition(".")
            content = source.read(name)
            if suffix == "npz":
                with zipfile.ZipFile(io.BytesIO(content)) as npz:
                    content = _fixed_zip({n: npz.read(n) for n in npz.namelist()})
            if suffix in ("npy", "npz") and stem in numbers:
                members[numbers[stem] + dot + suffix] = content
            elif name != "schema.json":
                members[name] = content
    return _fixed_zip(members)


def save_model(model: StanceModel, path: Path) -> None:
    """Write ``model`` to ``path`` atomically (a zip of metadata.json and pipeline.skops)."""
    import skops.io as sio

    path = Path(path)
    check_parent(path, "--out")
    meta = json.dumps(model.metadata(), ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        # The skops part is deflated inside already: stored as it is.
        for name, data, method in (
            ("metadata.json", meta, zipfile.ZIP_DEFLATED),
            ("pipeline.skops", _repack(sio.dumps(dict(model.parts))), zipfile.ZIP_STORED),
        ):
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = method
            archive.writestr(info, data)
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


def _check_nested(blob: bytes, infos: Sequence[zipfile.ZipInfo], path: Path) -> None:
    """Sparse matrices are ``.npz`` files, zips inside the skops zip: check each one's
    directory the same way before numpy opens it."""
    with zipfile.ZipFile(io.BytesIO(blob)) as inner:
        for info in infos:
            if not info.filename.endswith(".npz"):
                continue
            try:
                with zipfile.ZipFile(io.BytesIO(inner.read(info))) as npz:
                    nested = npz.infolist()
            except _ZIP_ERRORS as exc:
                raise _refuse(path, f"the pipeline part is corrupt ({_kind(exc)})") from exc
            _check_members(
                nested, path, part=f"its array {info.filename[:60]!a}", max_members=MAX_MODEL_MEMBERS
            )


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


def check_model_out(path: Path) -> None:
    """Refuse an ``--out`` that holds something other than a stance model (a folder, the user's
    notes, a CSV): a model is written over an earlier model only. Run before training."""
    path = Path(path)
    if path.is_dir():
        raise ModelError(f"{path}: is a folder; give --out a file name such as stance.model.")
    check_parent(path, "--out")
    if not os.path.lexists(path):
        return
    try:
        check_model_file(path)
    except ModelError as exc:
        raise ModelError(
            f"{path}: already exists and is not a stance model; move it away or choose another --out "
            "(nothing was written)."
        ) from exc


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
    _check_nested(blob, infos, path)
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
        parts = sio.loads(blob, trusted=[t for t in untrusted if t in TRUSTED_TYPES])
    except Exception as exc:  # as above: any failure inside skops means the file is unusable
        raise _refuse(path, f"the pipeline part is corrupt ({type(exc).__name__})") from exc
    try:
        model = _model_from(meta, parts)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise _refuse(path, f"its metadata.json is incomplete ({type(exc).__name__}: {exc})") from exc
    problem = _check_parts(model)
    if problem:
        raise _refuse(path, problem)
    return model


def _model_from(meta: dict, parts) -> StanceModel:
    """A :class:`StanceModel` from a file's metadata and loaded parts, every value converted to
    its type (KeyError, TypeError or ValueError on anything missing or malformed)."""
    cv_meta = meta.get("cv")
    cv = (
        None
        if cv_meta is None
        else CrossValidation(
            n_splits=int(cv_meta["n_splits"]),
            per_class=tuple((str(a), int(b), float(c)) for a, b, c in cv_meta["per_class"]),
            macro_f1=float(cv_meta["macro_f1"]),
            strategy=str(cv_meta["strategy"]),
            metric=str(cv_meta["metric"]),
            candidates=tuple((str(a), float(b)) for a, b in cv_meta["candidates"]),
            f_avg=None if cv_meta["f_avg"] is None else float(cv_meta["f_avg"]),
        )
    )
    return StanceModel(
        parts=parts,
        labels=tuple(str(x) for x in meta["labels"]),
        targets=tuple(str(x) for x in meta["targets"]),
        aliases={str(t): tuple(str(a) for a in v) for t, v in meta["aliases"].items()},
        data_sha256=str(meta["training_data_sha256"]),
        n_rows=int(meta["n_rows"]),
        seed=int(meta["seed"]),
        version=str(meta["stance_version"]),
        strategy=str(meta["strategy"]),
        cue_entries=tuple((str(t), str(c), float(w)) for t, c, w in meta["cue_entries"]),
        cv=cv,
    )


def _check_parts(model: StanceModel) -> str:
    """What is wrong with the loaded parts (empty when nothing): the right kinds of object in
    the right places, every classifier over the metadata's labels."""
    from sklearn.calibration import CalibratedClassifierCV

    parts = model.parts
    if not isinstance(parts, dict) or sorted(parts) != ["per_target", "pooled", "vectorizers"]:
        return "its pipeline part is not a stance model's"
    vectorizers, per_target = parts["vectorizers"], parts["per_target"]
    if (
        not isinstance(vectorizers, dict)
        or sorted(vectorizers) != sorted(VIEWS)
        or not all(isinstance(v, CompactTfidfVectorizer) for v in vectorizers.values())
        or not isinstance(per_target, dict)
        or not set(per_target) <= set(model.targets)
    ):
        return "its pipeline part is not a stance model's"
    if model.strategy not in STRATEGIES:
        return f"its strategy {model.strategy!r} is unknown"
    for classifier in (parts["pooled"], *per_target.values()):
        if not isinstance(classifier, CalibratedClassifierCV):
            return "its pipeline part is not a stance model's"
        if sorted(str(c) for c in classifier.classes_) != sorted(model.labels):
            return "its metadata labels do not match the classifier"
    return ""
