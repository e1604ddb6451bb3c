"""Word segmentation through a private tokenizer that knows every lexicon term.

jieba is the reference. rjieba (jieba-rs) is much faster, and would be the ``auto`` engine if its
tokens were identical to jieba's on the seeds and the benchmark corpus; they are not (its HMM
pass for unknown words splits differently, e.g. 成本高且 -> 成本/高且 against jieba's
成本高/且), so ``auto`` means jieba. ``tests/test_text_properties.py`` re-checks this and fails
when the choice no longer matches the evidence; ``benchmarks/bench_segment.py`` prints the
agreement rate and both speeds. Never the global default tokenizer: each :class:`Segmenter`
owns its own dictionary state.

Segmentation results are cached on disk per (engine, dictionary) so a re-run does not redo them.
The cache is only a speed-up: a cache folder that cannot be created or written, or a cache file
that is damaged or was tampered with, costs a warning (:class:`~stance.errors.StanceWarning`,
one line) and the run goes on without it. A cached segmentation is used only when its tokens
join back to its text; jieba's own dictionary cache is used only when its types are right.

>>> seg = Segmenter(["关键矿产", "出口管制"], engine="jieba")
>>> seg.cut("中国加强关键矿产出口管制")
('中国', '加强', '关键矿产', '出口管制')
"""

from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing
import os
import re
import stat
import tempfile
import warnings
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from functools import cached_property
from pathlib import Path

from stance.errors import OutputError, StanceWarning
from stance.output.write import write_text_atomic

ENGINES = ("auto", "jieba", "rjieba")
# What "auto" resolves to; see the module docstring for why.
AUTO_ENGINE = "jieba"
# Added words get at least this frequency so that, even when jieba's own dictionary prefers a
# split, a lexicon term of two or more characters comes out as one token.
_MIN_FREQ = 50
_RUNS = re.compile(
    r"(?P<han>[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)"
    # An English possessive 's is a token of its own, so that China's and Beijing's are
    # mentions of China (the alias is China, Beijing), not unknown words.
    r"|[A-Za-z0-9]+(?:(?:[.,\-_&/]|['’](?![sS]\b))[A-Za-z0-9]+)*%?"
    r"|['’][sS]\b"
    r"|\S"
)
# Bumped whenever the rule above changes, so cached segmentations of the old rule are not reused.
_RULES_VERSION = "2"


def default_cache_dir() -> Path:
    """``$STANCE_CACHE_DIR``, else ``$XDG_CACHE_HOME/stance``, else ``~/.cache/stance``."""
    if os.environ.get("STANCE_CACHE_DIR"):
        return Path(os.environ["STANCE_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "stance"


def suggest_frequencies(reference, terms: Sequence[str]) -> list[tuple[str, int]]:
    """The frequency each term is added with: jieba's own suggestion for keeping the word whole
    on the ``reference`` dictionary (read before any term is added), and at least _MIN_FREQ, so
    both engines get the same words at the same frequencies."""
    total = reference.total
    freqs = []
    for term in terms:
        product = 1.0
        for piece in reference.cut(term, HMM=False):
            product *= reference.FREQ.get(piece, 1) / total
        freqs.append((term, max(int(product * total) + 1, reference.FREQ.get(term, 0), _MIN_FREQ)))
    return freqs


def resolve_engine(engine: str) -> str:
    """The engine a :class:`Segmenter` built with ``engine`` uses (``auto`` resolved)."""
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {ENGINES}")
    return AUTO_ENGINE if engine == "auto" else engine


class Segmenter:
    """A private jieba (or rjieba) tokenizer with ``terms`` added as words.

    ``cut`` takes normalised text and returns its tokens with whitespace dropped, so
    ``"".join(seg.cut(t)) == t.replace(" ", "")``.
    """

    def __init__(self, terms: Iterable[str], *, engine: str = "auto", cache_dir: Path | None = None) -> None:
        self.terms = tuple(sorted({t for t in terms if len(t) >= 2 and not t.isspace()}))
        self.engine = resolve_engine(engine)
        self.cache_dir = cache_dir
        self._memo: dict[str, tuple[str, ...]] = {}
        self._dirty = False
        if self._usable_cache_dir():
            self._load_cache()

    # -- dictionaries ---------------------------------------------------------------------
    def _fresh_jieba(self):  # -> jieba.Tokenizer, with jieba's bundled dictionary only
        import jieba

        jieba.setLogLevel(logging.WARNING)
        tokenizer = jieba.Tokenizer()
        if self._usable_cache_dir():
            tokenizer.tmp_dir = str(self.cache_dir)
        with _jieba_log_kept() as logged:
            tokenizer.initialize()
        if logged and self.cache_dir is not None:
            # jieba could not write its dictionary cache (a read-only folder): nor can we.
            self._cache_off(f"{self.cache_dir}: cannot write the segmentation cache here ({logged[0]})")
        if not _valid_prefix_dict(tokenizer.FREQ, tokenizer.total):
            damaged = os.path.join(tokenizer.tmp_dir or tempfile.gettempdir(), "jieba.cache")
            _warn(
                f"{damaged}: jieba's dictionary cache is damaged; it was deleted and the dictionary rebuilt"
            )
            with suppress(OSError):
                os.unlink(damaged)  # so the next run writes a sound one
            tokenizer.FREQ, tokenizer.total = tokenizer.gen_pfdict(tokenizer.get_dict_file())
        return tokenizer

    @cached_property
    def _jieba(self):  # -> jieba.Tokenizer
        tokenizer = self._fresh_jieba()
        for term, freq in suggest_frequencies(tokenizer, self.terms):
            tokenizer.add_word(term, freq)
        return tokenizer

    @cached_property
    def _rjieba(self):  # -> rjieba.Jieba
        import rjieba

        tokenizer = rjieba.Jieba()
        for term, freq in suggest_frequencies(self._fresh_jieba(), self.terms):
            tokenizer.add_word(term, freq, None)
        return tokenizer

    # -- cutting --------------------------------------------------------------------------
    def _cut_han(self, run: str) -> list[str]:
        if self.engine == "rjieba":
            return self._rjieba.cut(run, True)
        return list(self._jieba.cut(run, HMM=True))

    def _cut_uncached(self, text: str) -> tuple[str, ...]:
        # Only runs of Han characters go to the engine. Latin words, numbers, URLs and
        # punctuation are split by one rule of our own, so that they come out the same whatever
        # the engine (jieba and jieba-rs disagree on them) and numbers such as 3,834 or 99.9%
        # stay whole for the figures stage.
        tokens: list[str] = []
        for match in _RUNS.finditer(text):
            if match.group("han"):
                tokens.extend(p for p in self._cut_han(match.group("han")) if p and not p.isspace())
            else:
                tokens.append(match.group(0))
        return tuple(tokens)

    def cut(self, text: str) -> tuple[str, ...]:
        tokens = self._memo.get(text)
        if tokens is None:
            tokens = self._cut_uncached(text)
            self._memo[text] = tokens
            self._dirty = True
        return tokens

    def cut_many(self, texts: Sequence[str]) -> list[tuple[str, ...]]:
        return [self.cut(t) for t in texts]

    def remember(self, segmentations: Iterable[tuple[str, tuple[str, ...]]]) -> None:
        """Take in ``(text, tokens)`` pairs cut elsewhere by a segmenter with the same
        dictionary (a worker process), so that :meth:`save_cache` writes them. Worker
        processes only read the cache file; the process that started them writes it once."""
        for text, tokens in segmentations:
            if text not in self._memo:
                self._memo[text] = tuple(tokens)
                self._dirty = True

    # -- cache ----------------------------------------------------------------------------
    @property
    def dictionary_key(self) -> str:
        digest = hashlib.sha256("\n".join((_RULES_VERSION, *self.terms)).encode("utf-8")).hexdigest()[:16]
        return f"{self.engine}-{digest}"

    def _cache_path(self) -> Path | None:
        return None if self.cache_dir is None else self.cache_dir / f"segments-{self.dictionary_key}.json"

    def _cache_off(self, why: str) -> None:
        """Run on without the cache folder, saying so once."""
        _warn(
            f"{why}; segmentations are not cached, the results are the same (set STANCE_CACHE_DIR to a writable folder)"
        )
        self.cache_dir = None

    def _usable_cache_dir(self) -> bool:
        """The cache folder exists or was created; False (after one warning) when it cannot be."""
        if self.cache_dir is None:
            return False
        try:
            self.cache_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            if self.cache_dir.exists() and not self.cache_dir.is_dir():
                why = "is a file, not a folder, so it cannot hold the segmentation cache"
            else:
                why = f"cannot create the segmentation cache folder ({_reason(exc)})"
            self._cache_off(f"{self.cache_dir}: {why}")
            return False
        return True

    def _load_cache(self) -> None:
        path = self._cache_path()
        if path is None:
            return
        try:
            if not stat.S_ISREG(path.stat().st_mode):
                _warn(f"{path}: the segmentation cache is not a regular file; it was not read")
                return
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return  # the first run with this dictionary
        except (OSError, ValueError) as exc:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
            _warn(f"{path}: the segmentation cache cannot be read ({_reason(exc)}); it was not used")
            return
        if not isinstance(data, dict):
            _warn(f"{path}: the segmentation cache is not a JSON object of text to tokens; it was not used")
            return
        memo = {}
        for text, joined in data.items():
            tokens = _cached_tokens(text, joined)
            if tokens is not None:
                memo[text] = tokens
        if len(memo) < len(data):
            _warn(
                f"{path}: {len(data) - len(memo):,} of {len(data):,} cached segmentations were ignored "
                "(not text, or tokens that do not join back to the text); those sentences are segmented again"
            )
            self._dirty = True  # the next save writes the cache without them
        self._memo = memo

    def save_cache(self) -> None:
        """Write new segmentations to the cache file (atomically); a no-op without changes. A
        cache that cannot be written is a warning, not an error: the results do not depend on it."""
        path = self._cache_path()
        if path is None or not self._dirty:
            return
        data = {k: " ".join(v) for k, v in sorted(self._memo.items())}
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_text_atomic(path, json.dumps(data, ensure_ascii=False))
        except (OSError, OutputError) as exc:
            cause = exc.__cause__ if isinstance(exc.__cause__, OSError) else exc
            self._cache_off(f"{path}: cannot write the segmentation cache ({_reason(cause)})")
        self._dirty = False


def _reason(exc: BaseException) -> str:
    """The short cause of an OS error (``Permission denied``), else the exception's kind."""
    return getattr(exc, "strerror", None) or type(exc).__name__


def _warn(message: str) -> None:
    """One :class:`StanceWarning`, from the process that runs the command only: worker processes
    read the same cache and would repeat the warning once each."""
    if multiprocessing.parent_process() is None:
        warnings.warn(message, StanceWarning, stacklevel=2)


def _cached_tokens(text: object, joined: object) -> tuple[str, ...] | None:
    """The tokens a cache entry holds for ``text``, or None when the entry cannot be a
    segmentation of it: not strings, an empty token, or tokens that do not join back to the
    text without its whitespace (which is what :meth:`Segmenter.cut` returns)."""
    if not isinstance(text, str) or not isinstance(joined, str):
        return None
    tokens = tuple(joined.split(" ")) if joined else ()
    if "" in tokens or "".join(tokens) != "".join(text.split()):
        return None
    return tokens


def _valid_prefix_dict(freq: object, total: object) -> bool:
    """jieba's prefix dictionary as its cache file (read with ``marshal``) should hold it: word
    to count, and a positive total."""
    return (
        isinstance(freq, dict)
        and bool(freq)
        and isinstance(total, int | float)
        and total > 0
        and all(type(word) is str and type(count) is int for word, count in freq.items())
    )


@contextmanager
def _jieba_log_kept() -> Iterator[list[str]]:
    """Keep jieba's own log messages (it logs a traceback when its dictionary cache cannot be
    written) off stderr; the caller gets their text and warns in one line."""
    logger = logging.getLogger("jieba")
    kept: list[str] = []

    class Keep(logging.Filter):
        def filter(self, record: logging.LogRecord) -> bool:
            if record.exc_info and isinstance(record.exc_info[1], OSError):
                kept.append(_reason(record.exc_info[1]))
            else:
                kept.append(record.getMessage())
            return False

    keep = Keep()
    logger.addFilter(keep)
    try:
        yield kept
    finally:
        logger.removeFilter(keep)
