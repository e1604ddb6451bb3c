"""Comparing sources: each source against the rest (stance and frames, with bootstrap
intervals of the difference), and the sub-topics on which sources take opposite positions.

Disagreements: the content sentences that carry a stance toward some target are represented by
their TF-IDF vector over the segmented text, joined with their frames and their targets (each
block L2-normalised and weighted, see ``SIMILARITY_WEIGHTS``). Sentences are grouped into
sub-topics by average-linkage agglomerative clustering on cosine distance, cut at
``1 - config.similarity_threshold``. A sub-topic is a disagreement when, for one target and
dimension, at least two sources place it on opposite sides of zero; its ``spread`` is the
largest minus the smallest per-source mean on that dimension.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from .config import RunConfig
from .records import Article, Sentence
from .stats import bootstrap_diff_ci, stable_seed

DIMENSIONS = ("evaluation", "potency")
# Weights of the three blocks of a sentence's representation: words, frames, targets.
SIMILARITY_WEIGHTS = (0.6, 0.25, 0.15)
MAX_POSITIONS_PER_SOURCE = 3
TOP_TOPIC_TERMS = 6


def _round(x: float) -> float | None:
    return None if x is None or (isinstance(x, float) and np.isnan(x)) else round(float(x), 4)


def source_profiles(
    articles: Sequence[Article],
    mentions: pd.DataFrame,
    stance_table: pd.DataFrame,
    frame_table: pd.DataFrame,
    sentence_frames: Mapping[tuple[str, int], Sequence[str]],
    config: RunConfig,
) -> list[dict]:
    """One entry per source: its stance and frame profile, each against the rest of the corpus."""
    source_of = {a.article_id: a.source for a in articles}
    mentions = mentions.assign(source=mentions["article_id"].map(source_of))
    if config.voices == "author" and "speaker" in mentions:
        mentions = mentions[mentions["speaker"] == "author"]
    content = [(a.source, s) for a in articles for s in a.sentences if s.is_content]
    profiles = []
    for source in sorted({a.source for a in articles}):
        mine = mentions[mentions["source"] == source]
        rest = mentions[mentions["source"] != source]
        stance: dict[str, dict] = {}
        rows = stance_table[(stance_table["source"] == source) & (stance_table["article_id"] == "*")]
        for row in rows.itertuples(index=False):
            a = mine.loc[mine["target"] == row.target, row.dimension].to_numpy(dtype=float)
            b = rest.loc[rest["target"] == row.target, row.dimension].to_numpy(dtype=float)
            lo, hi = bootstrap_diff_ci(
                a,
                b,
                seed=stable_seed(config.seed, "vs-rest", source, row.target, row.dimension),
                n_boot=config.n_boot,
            )
            stance.setdefault(row.target, {})[row.dimension] = {
                "score": _round(row.score),
                "ci_low": _round(row.ci_low),
                "ci_high": _round(row.ci_high),
                "n_sentences": int(row.n_sentences),
                "flag": row.flag or "",
                "rest_score": _round(float(b.mean())) if b.size else None,
                "diff_vs_rest": _round(float(a.mean() - b.mean())) if a.size and b.size else None,
                "diff_ci_low": _round(lo),
                "diff_ci_high": _round(hi),
            }
        frames: dict[str, dict] = {}
        frows = frame_table[(frame_table["source"] == source) & (frame_table["article_id"] == "*")]
        mine_s = [s for src, s in content if src == source]
        rest_s = [s for src, s in content if src != source]
        for row in frows.itertuples(index=False):
            a = np.array(
                [sentence_frames.get((s.article_id, s.sentence_index), ()).count(row.frame) for s in mine_s],
                float,
            )
            b = np.array(
                [sentence_frames.get((s.article_id, s.sentence_index), ()).count(row.frame) for s in rest_s],
                float,
            )
            lo, hi = bootstrap_diff_ci(
                a, b, seed=stable_seed(config.seed, "frame-vs-rest", source, row.frame), n_boot=config.n_boot
            )
            frames[row.frame] = {
                "hits": int(row.hits),
                "per_1k_tokens": _round(row.per_1k_tokens),
                "share": _round(row.share),
                "hits_per_sentence": _round(float(a.mean())) if a.size else None,
                "rest_hits_per_sentence": _round(float(b.mean())) if b.size else None,
                "diff_vs_rest": _round(float(a.mean() - b.mean())) if a.size and b.size else None,
                "diff_ci_low": _round(lo),
                "diff_ci_high": _round(hi),
            }
        n_sent = len(mine_s)
        profiles.append(
            {
                "source": source,
                "n_articles": sum(1 for a in articles if a.source == source),
                "n_sentences": n_sent,
                "small_n": n_sent < config.min_sentences,
                "stance": dict(sorted(stance.items())),
                "frames": dict(sorted(frames.items())),
            }
        )
    return profiles


def _block(matrix) -> np.ndarray:
    dense = np.asarray(matrix.todense() if hasattr(matrix, "todense") else matrix, dtype=float)
    norms = np.linalg.norm(dense, axis=1, keepdims=True)
    return np.divide(dense, norms, out=np.zeros_like(dense), where=norms > 0)


def find_disagreements(
    articles: Sequence[Article],
    mentions: pd.DataFrame,
    sentence_frames: Mapping[tuple[str, int], Sequence[str]],
    stopwords: frozenset[str],
    config: RunConfig,
) -> list[dict]:
    """Sub-topics on which sources take opposite positions, most divided first."""
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import MultiLabelBinarizer

    by_key: dict[tuple[str, int], Sentence] = {
        (s.article_id, s.sentence_index): s for a in articles for s in a.sentences
    }
    source_of = {a.article_id: a.source for a in articles}
    scored = mentions[(mentions["evaluation"] != 0) | (mentions["potency"] != 0)]
    if config.voices == "author" and "speaker" in scored:
        scored = scored[scored["speaker"] == "author"]
    keys = sorted({(r.article_id, int(r.sentence_index)) for r in scored.itertuples(index=False)})
    keys = [k for k in keys if k in by_key and by_key[k].is_content]
    if len({source_of[k[0]] for k in keys}) < 2 or len(keys) < 2:
        return []
    docs = [
        [
            t
            for t in by_key[k].tokens
            if t not in stopwords and any(c.isalnum() for c in t) and not t.isdigit()
        ]
        for k in keys
    ]
    vectorizer = TfidfVectorizer(analyzer=lambda d: d, sublinear_tf=True, min_df=1)
    words = vectorizer.fit_transform(docs)
    vocab = np.array(vectorizer.get_feature_names_out())
    targets_of: dict[tuple[str, int], set[str]] = defaultdict(set)
    for r in scored.itertuples(index=False):
        targets_of[(r.article_id, int(r.sentence_index))].add(r.target)
    frames = MultiLabelBinarizer().fit_transform([sorted(set(sentence_frames.get(k, ()))) for k in keys])
    targets = MultiLabelBinarizer().fit_transform([sorted(targets_of[k]) for k in keys])
    w_words, w_frames, w_targets = SIMILARITY_WEIGHTS
    features = np.hstack(
        [
            np.sqrt(w_words) * _block(words),
            np.sqrt(w_frames) * _block(frames),
            np.sqrt(w_targets) * _block(targets),
        ]
    )
    features = _block(features)
    labels = AgglomerativeClustering(
        n_clusters=None,
        metric="cosine",
        linkage="average",
        distance_threshold=1 - config.similarity_threshold,
    ).fit_predict(features)
    index_of = {k: i for i, k in enumerate(keys)}
    results = []
    for label in sorted(set(labels)):
        members = [k for k, lab in zip(keys, labels, strict=True) if lab == label]
        if len({source_of[k[0]] for k in members}) < 2:
            continue
        member_set = set(members)
        rows = scored[
            [(r.article_id, int(r.sentence_index)) in member_set for r in scored.itertuples(index=False)]
        ]
        centroid = np.asarray(words[[index_of[k] for k in members]].mean(axis=0)).ravel()
        order = np.lexsort((vocab, -centroid))
        topic_terms = [str(vocab[i]) for i in order[:TOP_TOPIC_TERMS] if centroid[i] > 0]
        for target in sorted(rows["target"].unique()):
            for dimension in DIMENSIONS:
                sub = rows[(rows["target"] == target) & (rows[dimension] != 0)]
                sub = sub.assign(source=sub["article_id"].map(source_of))
                means = sub.groupby("source")[dimension].mean()
                if len(means) < 2 or not (means.max() > 0 > means.min()):
                    continue
                positions = []
                for source in sorted(means.index):
                    picked = sub[sub["source"] == source].sort_values(
                        [dimension, "article_id", "sentence_index"],
                        key=lambda c: c.abs() if c.name == dimension else c,
                        ascending=[False, True, True],
                    )
                    for r in picked.head(MAX_POSITIONS_PER_SOURCE).itertuples(index=False):
                        positions.append(
                            {
                                "source": source,
                                "article_id": r.article_id,
                                "sentence_index": int(r.sentence_index),
                                "target": target,
                                "dimension": dimension,
                                "score": round(float(getattr(r, dimension)), 4),
                                "text": by_key[(r.article_id, int(r.sentence_index))].text,
                            }
                        )
                results.append(
                    {
                        "topic_terms": topic_terms,
                        "target": target,
                        "dimension": dimension,
                        "spread": round(float(means.max() - means.min()), 4),
                        "source_means": {s: round(float(v), 4) for s, v in sorted(means.items())},
                        "positions": positions,
                    }
                )
    results.sort(
        key=lambda d: (-d["spread"], -len(d["source_means"]), d["target"], d["dimension"], d["topic_terms"])
    )
    return results


DISAGREEMENT_COLUMNS = (
    "topic",
    "topic_terms",
    "spread",
    "source",
    "article_id",
    "sentence_index",
    "target",
    "dimension",
    "score",
    "text",
)


def disagreement_rows(disagreements: Sequence[Mapping]) -> pd.DataFrame:
    """``disagreements.csv``: one row per quoted position, ``topic`` numbering the sub-topics
    in rank order (1 = most divided)."""
    rows = [
        {
            "topic": rank,
            "topic_terms": " ".join(d["topic_terms"]),
            "spread": d["spread"],
            **{
                k: p[k]
                for k in ("source", "article_id", "sentence_index", "target", "dimension", "score", "text")
            },
        }
        for rank, d in enumerate(disagreements, start=1)
        for p in d["positions"]
    ]
    return pd.DataFrame(rows, columns=list(DISAGREEMENT_COLUMNS))
