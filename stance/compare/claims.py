"""Where the sources disagree, as opposing claims: on one sub-topic, about one target, on one
dimension, some sources clearly place the target above zero and others clearly below.

A claim rests on the content sentences that carry a stance (:class:`StanceSentence`), and only on
what their authors say (reported speech is someone else's claim). For each target:

1. **Sub-topics** are found among the sentences that score the target, from what they are about:
   their key terms (TF-IDF over the words, lower-cased, plus the two-character pieces of longer
   Chinese words, so that 产业链 and 稀土产业 + 链 meet), their frames, the other targets they
   mention and the figures they give (87%, 2028), each block L2-normalised and weighted; the
   target itself is left out (every sentence has it). The sub-topics nest, in levels: sentences
   worded alike (``WORDING_WEIGHTS``) are grouped by average linkage cut at
   ``t = config.similarity_threshold``; then, at each cut of :func:`topic_cuts` (from ``sqrt(t)``
   down to ``t / 2``), the groups of the level below are grouped by the directions of their mean
   vectors of what they are about (``ABOUT_WEIGHTS``: frames and the other targets weigh more),
   so that one source's "closed loop" and another's "failed path" of the same supply chain can
   meet although they share few words. Every grouping is
   :func:`stance.compare.subtopics.cluster_subtopics` (exact up to 1,000 items, near n log n
   beyond).
2. **Sides**: in a sub-topic, on one dimension, each source with at least ``MIN_SIDE_SENTENCES``
   sentences has its mean position and a seeded 95% percentile bootstrap interval of that mean.
   A source whose whole interval is above zero is on the positive side, below zero on the
   negative side; a source whose interval holds zero takes no side. A claim needs a source on
   each side: the sides' intervals are then apart, and a source, having one mean, is never on
   both sides.
3. **Which sub-topics**: per target and dimension, the sub-topics that hold a claim are kept from
   the finest level up, each sharing no sentence with one kept before it: a claim is reported
   at the most specific sub-topic on which it holds, and a broad one (on a small corpus, maybe
   everything said of the target) only where no part of it holds one.
4. **Rank**: spread x evidence, where the spread is the most positive side mean minus the most
   negative one and the evidence is ``1 / sqrt(1/n+ + 1/n-)`` over the sentences on each side
   (the scale on which the standard error of a difference shrinks).
5. **Label and quotes**: the heaviest key terms of the sides' sentences, those used on both
   sides first, leaving out stop words (never in the words), single Chinese characters and the
   terms of the story (in more than ``COMMON_TERM_SHARE`` of all the stance sentences, or of the
   target's); each side's source is quoted by at most ``MAX_QUOTES_PER_SOURCE`` of its sentences
   on its side, the strongest first and, among equally strong ones, those nearest the
   sub-topic's centre.

Everything is a function of the sentences (sorted first) and the seed, so the input order and the
number of worker processes change nothing.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence

import numpy as np
import pandas as pd
import scipy.sparse as sp

from stance.compare.subtopics import cluster_subtopics
from stance.compare.units import StanceSentence
from stance.config import RunConfig
from stance.measure.stats import bootstrap_mean_ci, stable_seed

DIMENSIONS = ("evaluation", "potency")
SIDES = ("positive", "negative")
# Weights of the blocks of a sentence's representations: how it is worded (the first level of
# sub-topics) and what it is about (the levels above).
WORDING_WEIGHTS = {"terms": 0.6, "frames": 0.2, "targets": 0.1, "figures": 0.1}
ABOUT_WEIGHTS = {"terms": 0.3, "frames": 0.35, "targets": 0.25, "figures": 0.1}
TOPIC_LEVELS = 5
MIN_SIDE_SENTENCES = 3
MAX_QUOTES_PER_SOURCE = 3
LABEL_TERMS = 4
COMMON_TERM_SHARE = 1 / 3
# Marks the two-character pieces of Chinese words among the terms (never in a word itself).
_PIECE = "\x1f"


def _is_cjk(text: str) -> bool:
    return any("\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" for c in text)


def key_terms(words: Sequence[str]) -> list[str]:
    """The terms a sentence's key-term vector counts: its words lower-cased, and the
    two-character pieces of its Chinese words of three or more characters (marked).

    >>> [t.replace(_PIECE, "+") for t in key_terms(["稀土产业", "Supply"])]
    ['稀土产业', 'supply', '+稀土', '+土产', '+产业']
    """
    terms = [w.lower() for w in words]
    for word in words:
        if len(word) >= 3 and _is_cjk(word):
            terms += [_PIECE + word[i : i + 2] for i in range(len(word) - 1)]
    return terms


def _normalised(matrix) -> sp.csr_matrix:
    from sklearn.preprocessing import normalize

    matrix = sp.csr_matrix(matrix, dtype=float)
    return normalize(matrix) if matrix.shape[1] else matrix


def _binary(labels: Sequence[Sequence[str]]) -> tuple[sp.csr_matrix, list[str]]:
    from sklearn.preprocessing import MultiLabelBinarizer

    binarizer = MultiLabelBinarizer(sparse_output=True)
    matrix = sp.csr_matrix(binarizer.fit_transform([sorted(set(x)) for x in labels]), dtype=float)
    return matrix, [str(c) for c in binarizer.classes_]


class _Blocks:
    """The corpus-wide blocks of the sentences' representations (rows in sentence order)."""

    def __init__(self, sentences: Sequence[StanceSentence]) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        docs = [key_terms(s.words) for s in sentences]
        if any(docs):
            vectorizer = TfidfVectorizer(analyzer=lambda d: d, sublinear_tf=True, min_df=1, lowercase=False)
            self.terms = sp.csr_matrix(vectorizer.fit_transform(docs))
            self.vocab = np.array(vectorizer.get_feature_names_out(), dtype=object)
        else:
            self.terms = sp.csr_matrix((len(docs), 0))
            self.vocab = np.array([], dtype=object)
        # The share of all the sentences each term is in.
        self.share = np.asarray((self.terms > 0).sum(axis=0)).ravel() / max(len(docs), 1)
        # Terms a label may show: words, not pieces; a Chinese term of two characters or more.
        self.labelable = np.array(
            [not t.startswith(_PIECE) and (len(t) >= 2 or not _is_cjk(t)) for t in self.vocab], dtype=bool
        )
        self.frames, _ = _binary([s.frames for s in sentences])
        self.targets, self.target_names = _binary(
            [s.mentioned or [t for t, _, _ in s.scores] for s in sentences]
        )
        self.figures, _ = _binary([s.figures for s in sentences])

    def features(self, rows: np.ndarray, target: str, weights: Mapping[str, float]) -> sp.csr_matrix:
        """The representation of ``rows`` within ``target``'s sentences (without that target),
        its blocks weighted by ``weights``."""
        others = np.ones(len(self.target_names))
        if target in self.target_names:
            others[self.target_names.index(target)] = 0.0
        blocks = {
            "terms": self.terms[rows],
            "frames": self.frames[rows],
            "targets": self.targets[rows] @ sp.diags(others),
            "figures": self.figures[rows],
        }
        return _normalised(
            sp.hstack([math.sqrt(w) * _normalised(blocks[name]) for name, w in weights.items()], format="csr")
        )


def _indicator(labels: np.ndarray) -> sp.csr_matrix:
    """groups x items: 1 where the item is in the group."""
    n_groups = int(labels.max()) + 1 if len(labels) else 0
    return sp.csr_matrix(
        (np.ones(len(labels)), (labels, np.arange(len(labels)))), shape=(n_groups, len(labels))
    )


def _numbered(labels: np.ndarray) -> np.ndarray:
    """Labels renumbered 0, 1, ... in the order of each group's first item."""
    _, first, inverse = np.unique(labels, return_index=True, return_inverse=True)
    rank = np.empty(len(first), dtype=np.int64)
    rank[np.argsort(first, kind="stable")] = np.arange(len(first))
    return rank[inverse]


def topic_levels(
    wording: sp.csr_matrix, about: sp.csr_matrix, threshold: float, *, seed: int
) -> list[np.ndarray]:
    """Nested groupings of the rows, finest first: average linkage on ``wording`` cut at
    ``threshold``, then, at each cut of :func:`topic_cuts`, average linkage of the previous
    level's groups by the directions of their summed ``about`` vectors. Each level's labels are
    numbered 0, 1, ... in the order of each group's first row.

    >>> x = sp.csr_matrix([[1.0, 0.0, 0.0], [0.8, 0.6, 0.0], [0.0, 0.6, 0.8], [0.0, 0.0, 1.0]])
    >>> [level.tolist() for level in topic_levels(x, x, 0.7, seed=0)]
    [[0, 0, 1, 1]]
    """
    labels = _numbered(cluster_subtopics(wording, threshold, seed=seed))
    levels = [labels]
    for step, cut in enumerate(topic_cuts(threshold), start=1):
        directions = _normalised(_indicator(labels) @ about)
        merged = _numbered(cluster_subtopics(directions, cut, seed=seed + step)[labels])
        if merged.max() < labels.max():
            levels.append(merged)
        labels = merged
    return levels


def topic_cuts(threshold: float) -> np.ndarray:
    """The cuts of the levels above the first: ``TOPIC_LEVELS`` steps from ``sqrt(t)`` down to
    ``t / 2``."""
    return np.linspace(math.sqrt(threshold), threshold / 2, TOPIC_LEVELS)


def _positions(sentences: Sequence[StanceSentence]) -> pd.DataFrame:
    """One row per (sentence, target, dimension) with a non-zero score in the author's voice:
    the sentence's row number, its source, and the mean of its author scores of that target."""
    rows = [
        (i, s.source, target, dimension, value)
        for i, s in enumerate(sentences)
        for target, evaluation, potency in s.author_scores()
        for dimension, value in zip(DIMENSIONS, (evaluation, potency), strict=True)
        if value != 0
    ]
    frame = pd.DataFrame(rows, columns=["row", "source", "target", "dimension", "value"])
    return frame.groupby(["row", "source", "target", "dimension"], as_index=False, sort=True)["value"].mean()


def find_disagreements(
    sentences: Sequence[StanceSentence], config: RunConfig, text_of: Callable[[str, int], str]
) -> list[dict]:
    """The claims on which sources take opposite sides, highest spread x evidence first, from
    the content sentences that carry a stance (:func:`stance.compare.units.stance_sentences`);
    ``text_of(article_id, sentence_index)`` gives the text of a sentence quoted. See the module
    docstring for the method."""
    chosen = sorted(sentences, key=lambda s: (s.article_id, s.sentence_index))
    positions = _positions(chosen)
    if positions.empty or positions["source"].nunique() < 2:
        return []
    blocks = _Blocks(chosen)
    claims: list[dict] = []
    for target, mine in positions.groupby("target", sort=True):
        if mine["source"].nunique() < 2:
            continue
        claims += _target_claims(str(target), mine, blocks, chosen, config, text_of)
    claims.sort(key=lambda c: (-c["rank_score"], c["target"], c["dimension"], c["topic_terms"], c["first"]))
    for claim in claims:
        del claim["first"]
    return claims


def _target_claims(
    target: str,
    mine: pd.DataFrame,
    blocks: _Blocks,
    sentences: Sequence[StanceSentence],
    config: RunConfig,
    text_of: Callable[[str, int], str],
) -> list[dict]:
    """The claims about one target (``mine``: its positions)."""
    rows = np.unique(mine["row"].to_numpy())
    wording = blocks.features(rows, target, WORDING_WEIGHTS)
    about = blocks.features(rows, target, ABOUT_WEIGHTS)
    levels = topic_levels(
        wording, about, config.similarity_threshold, seed=stable_seed(config.seed, "subtopics", target)
    )
    mine = mine.assign(local=np.searchsorted(rows, mine["row"].to_numpy()))
    candidates = []
    seen: set[tuple[str, int, int]] = set()
    for level, labels in enumerate(levels):
        sizes = np.bincount(labels)
        order = np.argsort(labels, kind="stable")
        starts = np.r_[0, np.cumsum(sizes)]
        placed = mine.assign(topic=labels[mine["local"].to_numpy()])
        values = placed.groupby(["topic", "dimension", "source"], sort=True)
        stats = values["value"].agg(["size", "mean"])
        stats = stats[stats["size"] >= MIN_SIDE_SENTENCES]
        extremes = stats.groupby(level=["topic", "dimension"])["mean"].agg(["min", "max"])
        divided = extremes[(extremes["max"] > 0) & (extremes["min"] < 0)].index
        if divided.empty:
            continue
        indices = values.indices
        for label, dimension in divided:
            members = order[starts[label] : starts[label + 1]]
            # A group is the same sentences at every level it did not grow in: tried once.
            node = (str(dimension), int(members[0]), len(members))
            if node in seen:
                continue
            seen.add(node)
            first = sentences[int(rows[members[0]])]
            key = f"{first.article_id}\x1f{first.sentence_index}\x1f{len(members)}"
            by_source = {
                str(source): placed.iloc[indices[(label, dimension, source)]]
                for source in stats.loc[(label, dimension)].index
            }
            found = _sides(by_source, target, str(dimension), key, config)
            if found is not None:
                candidates.append((level, members, str(dimension), found))
    return [
        _claim(target, dimension, members, found, rows, about, blocks, sentences, text_of)
        for _, members, dimension, found in _disjoint(candidates)
    ]


def _sides(
    by_source: Mapping[str, pd.DataFrame], target: str, dimension: str, key: str, config: RunConfig
) -> dict | None:
    """The sources on each side of a sub-topic on one dimension (module docstring, step 2),
    from each source's positions there; None when a side is empty."""
    sides: dict[str, list[dict]] = {side: [] for side in SIDES}
    for source, own in by_source.items():
        values = own["value"].to_numpy()
        low, high = bootstrap_mean_ci(
            values,
            seed=stable_seed(config.seed, "claim", target, dimension, source, key),
            n_boot=config.n_boot,
        )
        # A source is on a side when its whole interval is on that side of zero.
        side = "positive" if low > 0 else "negative" if high < 0 else None
        if side is not None:
            sides[side].append(
                {
                    "source": source,
                    "mean": round(math.fsum(values) / len(values), 4),
                    "ci_low": round(low, 4),
                    "ci_high": round(high, 4),
                    "n_sentences": len(values),
                    "positions": own[["row", "local", "value"]],
                }
            )
    if not (sides["positive"] and sides["negative"]):
        return None
    n_pos = sum(s["n_sentences"] for s in sides["positive"])
    n_neg = sum(s["n_sentences"] for s in sides["negative"])
    spread = max(s["mean"] for s in sides["positive"]) - min(s["mean"] for s in sides["negative"])
    evidence = 1 / math.sqrt(1 / n_pos + 1 / n_neg)
    return {
        "sides": sides,
        "spread": spread,
        "evidence": evidence,
        "rank": round(spread * evidence, 9),
        "key": key,
    }


def _disjoint(candidates: list) -> list:
    """The candidates kept: per dimension, the finest level first and, within a level, the
    highest rank first, each sharing no sentence with one kept before it. The levels nest, so a
    claim is kept at the most specific sub-topic on which it holds, and a broader group is
    kept only when none of its parts holds a claim."""
    kept = []
    taken: dict[str, set[int]] = defaultdict(set)
    for candidate in sorted(candidates, key=lambda c: (c[0], -c[3]["rank"], c[2], c[3]["key"])):
        _, members, dimension, _ = candidate
        if taken[dimension].isdisjoint(members.tolist()):
            kept.append(candidate)
            taken[dimension].update(members.tolist())
    return kept


def _claim(target, dimension, members, found, rows, about, blocks, sentences, text_of) -> dict:
    """A kept claim as comparison.json holds it."""
    sides = found["sides"]
    centre = np.asarray(about[members].sum(axis=0)).ravel()
    nearness = about @ centre
    quotes = []
    for side in SIDES:
        sign = 1 if side == "positive" else -1
        for entry in sides[side]:
            own = entry["positions"]
            picked = sorted(
                (
                    -abs(value),
                    -round(float(nearness[local]), 9),
                    sentences[row].article_id,
                    sentences[row].sentence_index,
                    value,
                )
                for row, local, value in zip(own["row"], own["local"], own["value"], strict=True)
                if value * sign > 0
            )[:MAX_QUOTES_PER_SOURCE]
            for _, _, article_id, index, value in picked:
                quotes.append(
                    {
                        "side": side,
                        "source": entry["source"],
                        "article_id": article_id,
                        "sentence_index": int(index),
                        "target": target,
                        "dimension": dimension,
                        "score": round(float(value), 4),
                        "text": text_of(article_id, int(index)),
                    }
                )
    return {
        "topic_terms": _label(
            blocks, rows, [[e["positions"]["row"].to_numpy() for e in sides[side]] for side in SIDES]
        ),
        "target": target,
        "dimension": dimension,
        "spread": round(found["spread"], 4),
        "evidence": round(found["evidence"], 4),
        "rank_score": round(found["spread"] * found["evidence"], 4),
        "n_topic_sentences": len(members),
        "sides": {
            side: [{k: v for k, v in entry.items() if k != "positions"} for entry in sides[side]]
            for side in SIDES
        },
        "source_means": {
            entry["source"]: entry["mean"]
            for entry in sorted((e for side in SIDES for e in sides[side]), key=lambda e: e["source"])
        },
        "positions": quotes,
        "first": found["key"],
    }


def _label(blocks: _Blocks, target_rows: np.ndarray, side_rows: Sequence[Sequence[np.ndarray]]) -> list[str]:
    """The claim's label terms (module docstring, step 5): the heaviest key terms of the
    sentences of the sides' sources, those used on both sides first, leaving out the terms of
    the story: those in more than ``COMMON_TERM_SHARE`` of all the stance sentences or of the
    target's."""
    if not len(blocks.vocab):
        return []
    share = np.asarray((blocks.terms[target_rows] > 0).sum(axis=0)).ravel() / len(target_rows)
    quoted = np.concatenate([rows for side in side_rows for rows in side])
    weight = np.asarray(blocks.terms[quoted].mean(axis=0)).ravel()
    sides_using = sum(
        (np.asarray((blocks.terms[np.concatenate(side)] > 0).sum(axis=0)).ravel() > 0).astype(int)
        for side in side_rows
    )
    story = (share > COMMON_TERM_SHARE) | (blocks.share > COMMON_TERM_SHARE)
    candidates = np.flatnonzero(blocks.labelable & (weight > 0) & ~story)
    order = sorted(candidates, key=lambda j: (-int(sides_using[j]), -weight[j], blocks.vocab[j]))
    return [str(blocks.vocab[j]) for j in order[:LABEL_TERMS]]


DISAGREEMENT_COLUMNS = (
    "topic",
    "topic_terms",
    "target",
    "dimension",
    "spread",
    "evidence",
    "side",
    "source",
    "source_mean",
    "source_ci_low",
    "source_ci_high",
    "source_n",
    "article_id",
    "sentence_index",
    "score",
    "text",
)


def disagreement_rows(disagreements: Sequence[Mapping]) -> pd.DataFrame:
    """``disagreements.csv``: one row per quoted sentence, ``topic`` numbering the claims in
    rank order (1 = highest spread x evidence), with its side and its source's position."""
    rows = []
    for rank, d in enumerate(disagreements, start=1):
        entries = {(side, s["source"]): s for side, group in d["sides"].items() for s in group}
        for p in d["positions"]:
            entry = entries[(p["side"], p["source"])]
            rows.append(
                {
                    "topic": rank,
                    "topic_terms": " ".join(d["topic_terms"]),
                    "target": d["target"],
                    "dimension": d["dimension"],
                    "spread": d["spread"],
                    "evidence": d["evidence"],
                    "side": p["side"],
                    "source": p["source"],
                    "source_mean": entry["mean"],
                    "source_ci_low": entry["ci_low"],
                    "source_ci_high": entry["ci_high"],
                    "source_n": entry["n_sentences"],
                    "article_id": p["article_id"],
                    "sentence_index": p["sentence_index"],
                    "score": p["score"],
                    "text": p["text"],
                }
            )
    return pd.DataFrame(rows, columns=list(DISAGREEMENT_COLUMNS))
