"""Word segmentation through a private tokenizer that knows every lexicon term.

jieba is the reference: its tokens are what every stage and every golden file expect. Three
engines give them or come close:

- ``jieba``: jieba itself, all Python (the reference).
- ``hybrid`` (what ``auto`` means): jieba's tokens, faster. jieba cuts a run of Han characters
  in two passes: the most probable path through its dictionary (a DAG of every dictionary word
  in the run), then its HMM over each stretch of single characters that is not a word. The
  first pass is run by jieba-rs (rjieba) on a copy of the private jieba's own dictionary, the
  second by jieba's own HMM, joined exactly as jieba joins them. Both dictionaries hold the
  same words with the same counts and the same total (jieba adds a re-added word's count to
  its total without taking the old one off; an unmatchable filler word makes jieba-rs's total
  the same, since the total weighs every path). Runs with characters outside jieba's Han range
  go to jieba whole. ``tests/test_text_properties.py`` checks the tokens are jieba's (seeds,
  benchmark corpus, NLPCC posts, random text).
- ``rjieba``: jieba-rs alone (its own dictionary and HMM), faster still; its tokens differ
  (成本高且 -> 成本/高且 against jieba's 成本高/且), so it is never the default.

``benchmarks/bench_segment.py`` prints the speeds and the agreement. Never the global default
tokenizer: each :class:`Segmenter` owns its own dictionary state.

Segmentation results are cached on disk per (engine, dictionary), in one SQLite file
(:mod:`stance.text.segment_cache`), so a re-run does not redo them; nothing of it is loaded up
front, and a segmenter keeps only the last few thousand texts it cut in memory, so its memory
does not grow with the corpus. The cache is only a speed-up: a cache folder that cannot be
created or written, or a cache file that is damaged or was tampered with, costs a warning
(:class:`~stance.errors.StanceWarning`, one line) and the run goes on without it. A cached
segmentation is used only when its tokens join back to its text; jieba's own dictionary cache is
used only when its types are right.

>>> seg = Segmenter(["关键矿产", "出口管制"], engine="jieba")
>>> seg.cut("中国加强关键矿产出口管制")
('中国', '加强', '关键矿产', '出口管制')
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
import re
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from functools import cached_property, lru_cache
from pathlib import Path

from stance.config import SEGMENTATION_ENGINES
from stance.text.segment_cache import LOOKUP_BATCH, CacheUnusable, SegmentStore, _reason, _warn

ENGINES = SEGMENTATION_ENGINES
# What "auto" resolves to; see the module docstring for why.
AUTO_ENGINE = "hybrid"
# jieba's own Han range (its re_han_default): a run of these is one block to jieba, cut by its
# DAG and HMM alone, which is what the hybrid engine reproduces.
_JIEBA_HAN = re.compile(r"[\u4e00-\u9fd5]+")
# A word no run sent to jieba-rs can hold (private-use characters): it carries the part of
# jieba's total that jieba-rs's own total lacks.
_FILLER_WORD = "\ue000\ue001"
# Stretches of unknown single characters whose HMM cut is remembered (names recur in a story).
HMM_MEMO = 1 << 16
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
_RULES_VERSION = "4"
# A one-character country name and 方 (美方, 中方, 日方: one side of a dispute) that the engine
# cuts as the name and a word that begins with 方 (美/方向北京施压, 中/方面对, 美/方才是): when the
# side is a lexicon term it is put back together, and the rest of the word kept.
_SIDE_SPLITS = {"方向": "向", "方面": "面", "方才": "才"}
# What is left of the word (向, 面) and the next one-character token that together make a word
# (中方/面/临 is 中方/面临, 中方/向/来 is 中方/向来)
_SIDE_REJOINS = frozenset({"面临", "面对", "向来"})
# Texts a segmenter keeps in memory (for repeated sentences: bylines, headings); the memo is
# emptied when full, which is cheaper than an LRU and as good for repeats that come close together.
MEMO_TEXTS = 2048
# New segmentations held before they are written to the cache without waiting for save_cache.
PENDING_TEXTS = 4096
# Caches of earlier versions (one JSON object per dictionary): deleted when met.
_OLD_CACHE = re.compile(r"segments-(?:jieba|rjieba)-[0-9a-f]{16}\.json")


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
        self._store: SegmentStore | None = None
        if self._usable_cache_dir():
            self._open_cache()

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

    @cached_property
    def _routes(self):  # -> rjieba.Jieba, holding exactly the private jieba's dictionary
        import rjieba

        reference = self._jieba
        tokenizer = rjieba.Jieba.empty()
        listed = 0
        for word, freq in reference.FREQ.items():
            if freq > 0:  # 0: a prefix of a word, not a word
                tokenizer.add_word(word, freq, None)
                listed += freq
        if reference.total > listed:
            filler = _FILLER_WORD
            while filler in reference.FREQ:  # a user lexicon could hold even this
                filler += _FILLER_WORD[0]
            tokenizer.add_word(filler, reference.total - listed, None)
        return tokenizer

    # -- cutting --------------------------------------------------------------------------
    def _cut_han(self, run: str) -> list[str]:
        if self.engine == "rjieba":
            return self._rjieba.cut(run, True)
        if self.engine == "hybrid" and _JIEBA_HAN.fullmatch(run):
            return self._cut_hybrid(run)
        return list(self._jieba.cut(run, HMM=True))

    def _cut_hybrid(self, run: str) -> list[str]:
        """jieba's ``cut(run, HMM=True)`` of a run of jieba's Han characters: the dictionary's
        most probable path by jieba-rs, then, as jieba does, each stretch of single characters
        cut by jieba's HMM unless it is a word itself."""
        words = self._jieba.FREQ
        out: list[str] = []
        pending = ""
        for word in self._routes.cut(run, False):
            if len(word) == 1:
                pending += word
                continue
            if pending:
                out.extend(_single_characters(pending, words))
                pending = ""
            out.append(word)
        if pending:
            out.extend(_single_characters(pending, words))
        return out

    def _cut_uncached(self, text: str) -> tuple[str, ...]:
        # Only runs of Han characters go to the engine. Latin words, numbers, URLs and
        # punctuation are split by one rule of our own, so that they come out the same whatever
        # the engine (jieba and jieba-rs disagree on them) and numbers such as 3,834 or 99.9%
        # stay whole for the figures stage.
        tokens: list[str] = []
        for match in _RUNS.finditer(text):
            if match.group("han"):
                parts = [p for p in self._cut_han(match.group("han")) if p and not p.isspace()]
                tokens.extend(self._rejoin_sides(parts))
            else:
                tokens.append(match.group(0))
        return tuple(tokens)

    @cached_property
    def _sides(self) -> frozenset[str]:
        return frozenset(t for t in self.terms if len(t) == 2 and t[1] == "方")

    def _rejoin_sides(self, parts: list[str]) -> list[str]:
        """美/方向/北京 as 美方/向/北京 when 美方 is a term (see :data:`_SIDE_SPLITS`)."""
        out: list[str] = []
        for part in parts:
            if len(out) > 1 and out[-1] + part in _SIDE_REJOINS and out[-2] in self._sides:
                out[-1] += part
            elif part in _SIDE_SPLITS and out and out[-1] + "方" in self._sides:
                out[-1] += "方"
                out.append(_SIDE_SPLITS[part])
            elif part in _SIDE_SPLITS and out and self._glued_side(out[-1]):
                # 称美/方才 (jieba's HMM joined the verb to the side's first character): 称/美方/才
                out[-1:] = [out[-1][:-1], out[-1][-1] + "方", _SIDE_SPLITS[part]]
            else:
                out.append(part)
        return out

    def _glued_side(self, token: str) -> bool:
        """Whether ``token`` is no word of the dictionary and ends in the first character of a
        side (美, 中 of 美方, 中方): 称美 cut from 称美方才是."""
        return (
            len(token) > 1
            and token[-1] + "方" in self._sides
            and not self._jieba.FREQ.get(token)
            and not token[:-1].isdigit()
        )

    def cut(self, text: str) -> tuple[str, ...]:
        tokens = self._memo.get(text)
        return self.cut_many((text,))[0] if tokens is None else tokens

    def cut_many(self, texts: Sequence[str]) -> list[tuple[str, ...]]:
        """:meth:`cut` on each text; the cache is asked for a batch of texts at a time."""
        out: list[tuple[str, ...]] = []
        for start in range(0, len(texts), LOOKUP_BATCH):
            batch = texts[start : start + LOOKUP_BATCH]
            known = {t: self._memo[t] for t in batch if t in self._memo}
            known.update(self._stored([t for t in dict.fromkeys(batch) if t not in known]))
            for text in batch:
                tokens = known.get(text)
                if tokens is None:
                    tokens = known[text] = self._cut_new(text)
                out.append(tokens)
        return out

    def _remember(self, text: str, tokens: tuple[str, ...]) -> None:
        if len(self._memo) >= MEMO_TEXTS:
            self._memo.clear()
        self._memo[text] = tokens

    def _stored(self, texts: Sequence[str]) -> dict[str, tuple[str, ...]]:
        """What the cache file holds for ``texts`` (remembered in the memo)."""
        if self._store is None or not texts:
            return {}
        try:
            found = self._store.lookup(texts)
        except CacheUnusable as exc:
            self._give_up(exc)
            return {}
        for text, tokens in found.items():
            self._remember(text, tokens)
        return found

    def _cut_new(self, text: str) -> tuple[str, ...]:
        tokens = self._cut_uncached(text)
        self._remember(text, tokens)
        if self._store is not None:
            self._store.add(text, tokens)
            if self._store.pending >= PENDING_TEXTS:
                self.save_cache()
        return tokens

    # -- cache ----------------------------------------------------------------------------
    @property
    def dictionary_key(self) -> str:
        digest = hashlib.sha256("\n".join((_RULES_VERSION, *self.terms)).encode("utf-8")).hexdigest()[:16]
        return f"{self.engine}-{digest}"

    def _cache_path(self) -> Path | None:
        return None if self.cache_dir is None else self.cache_dir / f"segments-{self.dictionary_key}.sqlite"

    def _cache_off(self, why: str) -> None:
        """Run on without the cache folder, saying so once."""
        _warn(
            f"{why}; segmentations are not cached, the results are the same (set STANCE_CACHE_DIR to a writable folder)"
        )
        self.cache_dir = None
        self._give_up()

    def _give_up(self, exc: CacheUnusable | None = None) -> None:
        """Run on without the cache file (after ``exc``'s one warning)."""
        if exc is not None:
            _warn(str(exc))
            if exc.folder:
                self.cache_dir = None  # nor can jieba's dictionary cache be written there
        if self._store is not None:
            self._store.close()
        self._store = None

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

    def _open_cache(self) -> None:
        path = self._cache_path()
        if path is None:
            return
        if multiprocessing.parent_process() is None:
            # Earlier versions' JSON caches are not read; they can be large.
            for old in path.parent.glob("segments-*.json"):
                if _OLD_CACHE.fullmatch(old.name):
                    with suppress(OSError):
                        old.unlink()
        try:
            self._store = SegmentStore(path)
        except CacheUnusable as exc:
            self._give_up(exc)

    @property
    def ignored_cache_entries(self) -> int:
        """Cache entries read so far that were ignored (tokens that do not join back to the text)."""
        return 0 if self._store is None else self._store.ignored

    def save_cache(self) -> None:
        """Write the segmentations cut since the last call to the cache file (one transaction)
        and forget them; a no-op without a cache or without new ones. Call it as often as
        convenient (the pipeline does after every chunk of articles, in every process): memory
        holds only what was cut since the last call, and at most :data:`PENDING_TEXTS` of it. A
        cache that cannot be written is a warning, not an error: the results do not depend on it."""
        if self._store is None:
            return
        try:
            self._store.save()
        except CacheUnusable as exc:
            self._give_up(exc)

    def close(self) -> None:
        """Save the new segmentations and close the cache file (the segmenter still cuts)."""
        self.save_cache()
        self._give_up()


def _single_characters(stretch: str, words: dict[str, int]) -> tuple[str, ...]:
    """What jieba makes of a stretch of single-character words on its best path: one character
    stays; a stretch that is a word itself is cut into its characters; any other goes to the
    HMM."""
    if len(stretch) == 1:
        return (stretch,)
    if words.get(stretch):
        return tuple(stretch)
    return _hmm_cut(stretch)


@lru_cache(maxsize=HMM_MEMO)
def _hmm_cut(stretch: str) -> tuple[str, ...]:
    from jieba import finalseg

    return tuple(finalseg.cut(stretch))


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
