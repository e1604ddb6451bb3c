"""Comparing sources: each source against the rest (stance and frames, with bootstrap
intervals of the difference), and the sub-topics on which sources take opposite positions.

Disagreements: the content sentences that carry a stance toward some target are represented by
their TF-IDF vector over the segmented text, joined with their frames and their targets (each
block L2-normalised and weighted, see ``SIMILARITY_WEIGHTS``; sparse throughout). Sentences are
grouped into sub-topics by average-linkage agglomerative clustering on cosine distance, cut at
``1 - config.similarity_threshold``: exactly up to ``stance.compare.subtopics.MAX_GROUP`` sentences,
beyond that in seeded groups without an all-pairs distance matrix (see ``stance.compare.subtopics``). A
sub-topic is a disagreement when, for one target and dimension, at least two sources place it
on opposite sides of zero; its ``spread`` is the largest minus the smallest per-source mean on
that dimension. Each disagreement quotes at most ``MAX_POSITIONS_PER_SOURCE`` sentences per
source, the strongest first.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import scipy.sparse as sp

from stance.compare.subtopics import cluster_subtopics
from stance.config import RunConfig
from stance.corpus.records import Article, Sentence
from stance.measure.stats import bootstrap_diff_ci, stable_seed

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
    content_source = np.array([src for src, _ in content], dtype=object)
    # Hits of each frame in each content sentence, counted once for every source.
    frame_names = sorted(set(frame_table["frame"]))
    column_of = {frame: j for j, frame in enumerate(frame_names)}
    hits = np.zeros((len(content), len(frame_names)))
    for i, (_, s) in enumerate(content):
        for frame in sentence_frames.get((s.article_id, s.sentence_index), ()):
            if frame in column_of:
                hits[i, column_of[frame]] += 1
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
        is_mine = content_source == source
        for row in frows.itertuples(index=False):
            a = hits[is_mine, column_of[row.frame]]
            b = hits[~is_mine, column_of[row.frame]]
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
        n_sent = int(is_mine.sum())
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


def _normalised(matrix) -> sp.csr_matrix:
    from sklearn.preprocessing import normalize

    return normalize(sp.csr_matrix(matrix, dtype=float))


def sentence_features(
    docs: Sequence[Sequence[str]], frames: Sequence[Sequence[str]], targets: Sequence[Sequence[str]]
) -> tuple[sp.csr_matrix, sp.csr_matrix, np.ndarray]:
    """The representation sub-topics are found in: per sentence, its TF-IDF words, frames and
    targets, each block L2-normalised and weighted by ``SIMILARITY_WEIGHTS``, the whole
    L2-normalised (sparse). Returns it with the TF-IDF block and its vocabulary."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import MultiLabelBinarizer

    if any(docs):
        vectorizer = TfidfVectorizer(analyzer=lambda d: d, sublinear_tf=True, min_df=1)
        words = sp.csr_matrix(vectorizer.fit_transform(docs))
        vocab = np.array(vectorizer.get_feature_names_out())
    else:
        words, vocab = sp.csr_matrix((len(docs), 0)), np.array([], dtype=str)
    blocks = [
        words,
        MultiLabelBinarizer(sparse_output=True).fit_transform([sorted(set(f)) for f in frames]),
        MultiLabelBinarizer(sparse_output=True).fit_transform([sorted(set(t)) for t in targets]),
    ]
    features = sp.hstack(
        [np.sqrt(w) * _normalised(b) for w, b in zip(SIMILARITY_WEIGHTS, blocks, strict=True)],
        format="csr",
    )
    return _normalised(features), words, vocab


def find_disagreements(
    articles: Sequence[Article],
    mentions: pd.DataFrame,
    sentence_frames: Mapping[tuple[str, int], Sequence[str]],
    stopwords: frozenset[str],
    config: RunConfig,
) -> list[dict]:
    """Sub-topics on which sources take opposite positions, most divided first."""
    by_key: dict[tuple[str, int], Sentence] = {
        (s.article_id, s.sentence_index): s for a in articles for s in a.sentences
    }
    source_of = {a.article_id: a.source for a in articles}
    scored = mentions[(mentions["evaluation"] != 0) | (mentions["potency"] != 0)]
    if config.voices == "author" and "speaker" in scored:
        scored = scored[scored["speaker"] == "author"]
    scored = scored.assign(sentence_index=scored["sentence_index"].astype(int))
    targets_of: dict[tuple[str, int], set[str]] = defaultdict(set)
    for article_id, index, target in zip(
        scored["article_id"], scored["sentence_index"], scored["target"], strict=True
    ):
        targets_of[(article_id, index)].add(target)
    keys = sorted(k for k in targets_of if k in by_key and by_key[k].is_content)
    if len({source_of[k[0]] for k in keys}) < 2 or len(keys) < 2:
        return []
    is_word: dict[str, bool] = {}
    for k in keys:
        for t in by_key[k].tokens:
            if t not in is_word:
                is_word[t] = t not in stopwords and any(c.isalnum() for c in t) and not t.isdigit()
    docs = [[t for t in by_key[k].tokens if is_word[t]] for k in keys]
    features, words, vocab = sentence_features(
        docs, [sentence_frames.get(k, ()) for k in keys], [targets_of[k] for k in keys]
    )
    labels = cluster_subtopics(
        features, config.similarity_threshold, seed=stable_seed(config.seed, "subtopics")
    )
    label_of = pd.DataFrame(
        {"article_id": [k[0] for k in keys], "sentence_index": [k[1] for k in keys], "label": labels}
    )
    rows = scored.merge(label_of, on=["article_id", "sentence_index"], how="inner")
    rows = rows.assign(source=rows["article_id"].map(source_of))
    members = pd.Series(np.arange(len(keys))).groupby(labels)
    results = []
    topic_terms: dict[int, list[str]] = {}
    for dimension in DIMENSIONS:
        sub = rows[rows[dimension] != 0]
        means = sub.groupby(["label", "target", "source"])[dimension].mean()
        source_means: dict[tuple[int, str], dict[str, float]] = defaultdict(dict)
        for (label, target, source), mean in means.items():
            source_means[(label, target)][source] = float(mean)
        divided = {
            group: by_source
            for group, by_source in source_means.items()
            if len(by_source) >= 2 and max(by_source.values()) > 0 > min(by_source.values())
        }
        if not divided:
            continue
        # The strongest positions first, then by article and sentence; MAX_POSITIONS_PER_SOURCE each.
        quoted = (
            sub.assign(magnitude=sub[dimension].abs())
            .sort_values(
                ["label", "target", "source", "magnitude", "article_id", "sentence_index"],
                ascending=[True, True, True, False, True, True],
                kind="stable",
            )
            .groupby(["label", "target", "source"], sort=False)
            .head(MAX_POSITIONS_PER_SOURCE)
        )
        positions: dict[tuple[int, str], list[dict]] = defaultdict(list)
        for label, target, source, article_id, index, score in zip(
            quoted["label"],
            quoted["target"],
            quoted["source"],
            quoted["article_id"],
            quoted["sentence_index"],
            quoted[dimension],
            strict=True,
        ):
            if (label, target) in divided:
                positions[(label, target)].append(
                    {
                        "source": source,
                        "article_id": article_id,
                        "sentence_index": int(index),
                        "target": target,
                        "dimension": dimension,
                        "score": round(float(score), 4),
                        "text": by_key[(article_id, int(index))].text,
                    }
                )
        for (label, target), by_source in sorted(divided.items()):
            if label not in topic_terms:
                topic_terms[label] = _topic_terms(words[members.get_group(label).to_numpy()], vocab)
            results.append(
                {
                    "topic_terms": topic_terms[label],
                    "target": target,
                    "dimension": dimension,
                    "spread": round(max(by_source.values()) - min(by_source.values()), 4),
                    "source_means": {s: round(v, 4) for s, v in sorted(by_source.items())},
                    "positions": positions[(label, target)],
                }
            )
    # Ties keep the order of the sub-topics' first sentences (labels are numbered that way).
    results.sort(
        key=lambda d: (-d["spread"], -len(d["source_means"]), d["target"], d["dimension"], d["topic_terms"])
    )
    return results


def _topic_terms(words: sp.csr_matrix, vocab: np.ndarray) -> list[str]:
    """The sub-topic's ``TOP_TOPIC_TERMS`` heaviest words in its mean TF-IDF vector."""
    centroid = np.asarray(words.mean(axis=0)).ravel()
    order = np.lexsort((vocab, -centroid))
    return [str(vocab[i]) for i in order[:TOP_TOPIC_TERMS] if centroid[i] > 0]


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
