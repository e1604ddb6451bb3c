"""Time and peak memory of the comparison's two heavy steps, old and new side by side: finding
the disagreements (stance/compare/claims.py, stance/compare/subtopics.py) and the each-source-against-the-rest
bootstrap (stance/measure/stats.py).

The inputs are stance sentences built from the benchmark corpus (benchmarks/corpus.py): a pool
of synthetic sentences is segmented, framed and scored once, then each benchmark sentence joins
the tokens of two pool sentences drawn with a fixed seed (the first one's targets and scores),
in 40-sentence articles from six sources. The bootstrap step is what ``source_profiles`` asks
for each source: the difference from the rest on two stance dimensions and four frames (36
calls of ``bootstrap_diff_ci``).

"old" is the code these replaced, kept below: all pairwise distances and average linkage in
scikit-learn, and a bootstrap redrawing whole sentence lists. "new" finds the claims from the
same sentences as the pipeline hands them over (:class:`StanceSentence` records). Each measurement runs in its own
process; peak memory is the rise of that process's peak resident set over the step. The old
clustering is skipped where its distance matrix alone would exceed ``--old-memory-limit``.
Prints figures; it is not a test.

``--agreement`` instead measures how close the grouped clustering stays to exact average
linkage on real text: the 4,000 Weibo posts of NLPCC 2016 (../shared/benchmarks/nlpcc2016),
as adjusted Rand index, next to exact linkage on a random 90% of the posts against itself
(about 5 minutes, most of it exact linkage).

    python benchmarks/bench_compare.py [--sizes 1000,10000,50000] [--agreement]
"""

from __future__ import annotations

import argparse
import importlib
import json
import pickle
import random
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np
import pandas as pd

from stance.compare.claims import find_disagreements
from stance.compare.units import StanceSentence, figure_tokens, is_similarity_word
from stance.config import RunConfig
from stance.corpus.records import Article, Sentence
from stance.measure.stats import bootstrap_diff_ci, stable_seed

POOL_SENTENCES = 4000
PER_ARTICLE = 40
SOURCES = tuple(f"source-{i}" for i in range(6))
FRAMES_PER_SOURCE = 4
CONFIG = RunConfig()


# --- the inputs ----------------------------------------------------------------------------


def build_pool(path: Path) -> None:
    """Segment, frame and score the pool sentences; keep those with a stance."""
    from benchmarks.corpus import make_sentences
    from stance.lexicon import load_lexicons
    from stance.measure.aggregate import mentions_table
    from stance.measure.frames import FrameIndex
    from stance.measure.polarity import score_article
    from stance.pipeline import make_segmenter
    from stance.text.normalise import normalise_text

    lexicons = load_lexicons()
    with tempfile.TemporaryDirectory() as cache:
        segmenter = make_segmenter(lexicons, RunConfig(cache_dir=Path(cache)))
        sentences = []
        for i, text in enumerate(make_sentences(POOL_SENTENCES, seed=0)):
            norm = normalise_text(text)
            sentences.append(Sentence("pool", i, "body", text, norm, segmenter.cut(norm)))
    article = Article("pool", "pool", "", "zh", "simplified", "", "", "", "", "utf-8", tuple(sentences))
    index = FrameIndex.from_lexicons(lexicons)
    mentions = mentions_table(score_article(article, lexicons))
    scored = mentions[(mentions["evaluation"] != 0) | (mentions["potency"] != 0)]
    pool = []
    for i, rows in scored.groupby("sentence_index"):
        s = sentences[int(i)]
        frames = tuple(hit.frame for hit in index.match(s))
        pool.append((s.text, s.tokens, frames, rows.drop(columns=["article_id", "sentence_index"])))
    stopwords = frozenset(e.term for e in lexicons["stopwords"].entries)
    path.write_bytes(pickle.dumps((pool, stopwords)))


def make_inputs(pool: list, n: int) -> tuple[list[Article], pd.DataFrame, dict]:
    """``n`` stance sentences: each joins two pool sentences (seeded)."""
    rng = random.Random(n)
    sentences: dict[str, list[Sentence]] = defaultdict(list)
    mention_rows, sentence_frames = [], {}
    for i in range(n):
        (text, tokens, frames, rows), (text2, tokens2, frames2, _) = rng.choice(pool), rng.choice(pool)
        article_id = f"a{i // PER_ARTICLE:05d}"
        index = i % PER_ARTICLE
        sentences[article_id].append(
            Sentence(article_id, index, "body", text + text2, text + text2, tokens + tokens2)
        )
        sentence_frames[(article_id, index)] = frames + frames2
        mention_rows.append(rows.assign(article_id=article_id, sentence_index=index))
    articles = [
        Article(a, SOURCES[k % len(SOURCES)], "", "zh", "simplified", "", "", "", "", "utf-8", tuple(s))
        for k, (a, s) in enumerate(sorted(sentences.items()))
    ]
    return articles, pd.concat(mention_rows, ignore_index=True), sentence_frames


def stance_inputs(articles, mentions, sentence_frames, stopwords) -> list[StanceSentence]:
    """The stance sentences of ``make_inputs`` as ``stance_sentences`` gives them."""
    by_key = {(s.article_id, s.sentence_index): (a.source, s) for a in articles for s in a.sentences}
    sentences = []
    for (article_id, index), rows in mentions.groupby(["article_id", "sentence_index"], sort=True):
        source, sentence = by_key[(article_id, int(index))]
        scored = sorted(
            (r.target, r.evaluation, r.potency, r.speaker == "author")
            for r in rows.itertuples(index=False)
            if r.evaluation != 0 or r.potency != 0
        )
        if not scored:
            continue
        sentences.append(
            StanceSentence(
                article_id,
                source,
                int(index),
                tuple(t for t in sentence.tokens if is_similarity_word(t, stopwords)),
                tuple(sentence_frames[(article_id, int(index))]),
                tuple((t, e, p) for t, e, p, _ in scored),
                tuple(own for *_, own in scored),
                tuple(sorted(set(rows["target"]))),
                figure_tokens(sentence.tokens),
            )
        )
    return sentences


def bootstrap_groups(articles, mentions, sentence_frames) -> list[tuple[str, np.ndarray, np.ndarray]]:
    """What source_profiles resamples: per source, two stance dimensions and four frames."""
    source_of = {a.article_id: a.source for a in articles}
    rows = mentions.drop_duplicates(["article_id", "sentence_index"])
    rows = rows.assign(source=rows["article_id"].map(source_of))
    keys = list(zip(rows["article_id"], rows["sentence_index"], strict=True))
    counts = pd.Series([f for k in keys for f in sentence_frames[k]]).value_counts()
    frames = sorted(counts.index[:FRAMES_PER_SOURCE])
    per_frame = {f: np.array([sentence_frames[k].count(f) for k in keys], float) for f in frames}
    groups = []
    for source in SOURCES:
        mine = (rows["source"] == source).to_numpy()
        for dimension in ("evaluation", "potency"):
            values = rows[dimension].to_numpy(float)
            groups.append((f"{source}/{dimension}", values[mine], values[~mine]))
        for frame in frames:
            groups.append((f"{source}/{frame}", per_frame[frame][mine], per_frame[frame][~mine]))
    return groups


# --- the old code, as it was before this benchmark ----------------------------------------


def old_bootstrap_diff_ci(a, b, *, seed: int, n_boot: int = 2000, level: float = 0.95):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if a.size == 0 or b.size == 0:
        return (float("nan"), float("nan"))
    rng = np.random.default_rng(seed)
    diffs = a[rng.integers(0, a.size, size=(n_boot, a.size))].mean(axis=1) - b[
        rng.integers(0, b.size, size=(n_boot, b.size))
    ].mean(axis=1)
    alpha = (1 - level) / 2
    return (float(np.quantile(diffs, alpha)), float(np.quantile(diffs, 1 - alpha)))


def _old_block(matrix) -> np.ndarray:
    dense = np.asarray(matrix.todense() if hasattr(matrix, "todense") else matrix, dtype=float)
    norms = np.linalg.norm(dense, axis=1, keepdims=True)
    return np.divide(dense, norms, out=np.zeros_like(dense), where=norms > 0)


def old_find_disagreements(articles, mentions, sentence_frames, stopwords, config) -> list[dict]:
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import MultiLabelBinarizer

    by_key = {(s.article_id, s.sentence_index): s for a in articles for s in a.sentences}
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
    targets_of = defaultdict(set)
    for r in scored.itertuples(index=False):
        targets_of[(r.article_id, int(r.sentence_index))].add(r.target)
    frames = MultiLabelBinarizer().fit_transform([sorted(set(sentence_frames.get(k, ()))) for k in keys])
    targets = MultiLabelBinarizer().fit_transform([sorted(targets_of[k]) for k in keys])
    features = np.hstack(
        [
            np.sqrt(0.6) * _old_block(words),
            np.sqrt(0.25) * _old_block(frames),
            np.sqrt(0.15) * _old_block(targets),
        ]
    )
    features = _old_block(features)
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
        topic_terms = [str(vocab[i]) for i in order[:6] if centroid[i] > 0]
        for target in sorted(rows["target"].unique()):
            for dimension in ("evaluation", "potency"):
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
                    for r in picked.head(3).itertuples(index=False):
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


# --- measuring -----------------------------------------------------------------------------


def _status(field: str) -> int:
    """A field of /proc/self/status in bytes (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    raise RuntimeError(f"no {field} in /proc/self/status")


def measure(step: str, variant: str, n: int, pool_path: Path) -> dict:
    """Run one step once in this process: seconds, peak memory above the start, a summary."""
    pool, stopwords = pickle.loads(pool_path.read_bytes())
    articles, mentions, sentence_frames = make_inputs(pool, n)
    # Import time is not what is measured.
    for module in ("scipy.cluster.hierarchy", "sklearn.cluster", "sklearn.feature_extraction.text"):
        importlib.import_module(module)
    if step == "disagreements":
        if variant == "old":

            def run():
                return old_find_disagreements(articles, mentions, sentence_frames, stopwords, CONFIG)
        else:
            sentences = stance_inputs(articles, mentions, sentence_frames, stopwords)
            texts = {(s.article_id, s.sentence_index): s.text for a in articles for s in a.sentences}

            def run():
                return find_disagreements(sentences, CONFIG, lambda a, i: texts[(a, i)])

        def work():
            found = run()
            return {"disagreements": len(found), "positions": sum(len(d["positions"]) for d in found)}
    else:
        groups = bootstrap_groups(articles, mentions, sentence_frames)
        diff_ci = old_bootstrap_diff_ci if variant == "old" else bootstrap_diff_ci

        def work():
            widths = [
                hi - lo
                for name, a, b in groups
                for lo, hi in [diff_ci(a, b, seed=stable_seed(CONFIG.seed, name), n_boot=CONFIG.n_boot)]
            ]
            return {"calls": len(groups), "mean_width": round(float(np.mean(widths)), 4)}

    Path("/proc/self/clear_refs").write_text("5")  # reset the peak resident set (Linux)
    start_rss = _status("VmRSS")
    start = time.perf_counter()
    summary = work()
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "peak_mib": (_status("VmHWM") - start_rss) / 2**20, **summary}


def agreement_on_nlpcc() -> None:
    """Grouped against exact sub-topics on the NLPCC 2016 posts: words, frames and the post's
    target, as the first level of find_disagreements's sub-topics represents a sentence."""
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.metrics import adjusted_rand_score

    from stance.compare.claims import WORDING_WEIGHTS, _Blocks
    from stance.compare.subtopics import cluster_subtopics
    from stance.lexicon import load_lexicons
    from stance.measure.frames import FrameIndex
    from stance.pipeline import make_segmenter
    from stance.text.normalise import normalise_text

    folder = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "nlpcc2016"
    if not folder.is_dir():
        print(f"skipped: no NLPCC 2016 data in {folder}")
        return
    lines = (folder / "evasampledata4-TaskAA.txt").read_text("utf-8-sig").splitlines()[1:]
    lines += (
        (folder / "NLPCC_2016_Stance_Detection_Task_A_gold.txt").read_bytes().decode("gbk").splitlines()[1:]
    )
    lexicons = load_lexicons()
    index = FrameIndex.from_lexicons(lexicons)
    stopwords = frozenset(e.term for e in lexicons["stopwords"].entries)
    docs, frames, targets = [], [], []
    with tempfile.TemporaryDirectory() as cache:
        segmenter = make_segmenter(lexicons, RunConfig(cache_dir=Path(cache)))
        for i, line in enumerate(lines):
            _, target, text, _ = line.split("\t")
            norm = normalise_text(text)
            sentence = Sentence("post", i, "body", text, norm, segmenter.cut(norm))
            docs.append(
                [
                    t
                    for t in sentence.tokens
                    if t not in stopwords and any(c.isalnum() for c in t) and not t.isdigit()
                ]
            )
            frames.append(tuple(hit.frame for hit in index.match(sentence)))
            targets.append(
                {target.replace("iPhone SE", "IphoneSE").replace("俄罗斯叙利亚", "俄罗斯在叙利亚的")}
            )
    posts = [
        StanceSentence("post", "post", i, tuple(d), f, tuple((t, 0.0, 1.0) for t in sorted(ts)))
        for i, (d, f, ts) in enumerate(zip(docs, frames, targets, strict=True))
    ]
    features = _Blocks(posts).features(np.arange(len(posts)), "", WORDING_WEIGHTS)
    threshold = CONFIG.similarity_threshold

    def exact(rows):
        return AgglomerativeClustering(
            n_clusters=None, metric="cosine", linkage="average", distance_threshold=1 - threshold
        ).fit_predict(features[rows].toarray())

    start = time.perf_counter()
    every = exact(np.arange(features.shape[0]))
    print(f"{features.shape[0]} posts; exact average linkage in {time.perf_counter() - start:.0f} s")
    kept = np.sort(np.random.default_rng(0).choice(len(every), int(0.9 * len(every)), replace=False))
    print(
        f"exact on a random 90% against exact on all: ARI {adjusted_rand_score(every[kept], exact(kept)):.3f}"
    )
    for max_group in (1000, 500, 250):
        for seed in (1, 2):
            start = time.perf_counter()
            labels = cluster_subtopics(features, threshold, seed=seed, max_group=max_group)
            print(
                f"grouped, groups of {max_group}, seed {seed}: ARI {adjusted_rand_score(every, labels):.3f} "
                f"in {time.perf_counter() - start:.1f} s"
            )


def old_clustering_bytes(n: int) -> int:
    """What the old clustering holds at least: the condensed distance matrix."""
    return n * (n - 1) // 2 * 8


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,50000", help="stance sentences, comma-separated")
    parser.add_argument("--old-memory-limit", type=float, default=4.0, help="GiB; skip old clustering above")
    parser.add_argument("--child", nargs=4, metavar=("STEP", "VARIANT", "N", "POOL"), help=argparse.SUPPRESS)
    parser.add_argument("--agreement", action="store_true", help="grouped vs exact clustering on NLPCC 2016")
    args = parser.parse_args()
    if args.agreement:
        agreement_on_nlpcc()
        return
    if args.child:
        step, variant, n, pool = args.child
        print(json.dumps(measure(step, variant, int(n), Path(pool))))
        return
    with tempfile.TemporaryDirectory() as tmp:
        pool_path = Path(tmp) / "pool.pickle"
        start = time.perf_counter()
        build_pool(pool_path)
        pool, _ = pickle.loads(pool_path.read_bytes())
        print(
            f"pool: {len(pool)} stance sentences from {POOL_SENTENCES} synthetic ones "
            f"(built in {time.perf_counter() - start:.1f} s, not timed)"
        )
        header = (
            f"{'step':<14}{'sentences':>10}  {'old s':>8} {'old MiB':>9}  {'new s':>8} {'new MiB':>9}  result"
        )
        print(header)
        print("-" * len(header))
        for step in ("disagreements", "bootstrap"):
            for n in (int(s) for s in args.sizes.split(",")):
                cells, results = [], {}
                for variant in ("old", "new"):
                    if step == "disagreements" and variant == "old":
                        need = old_clustering_bytes(n) / 2**30
                        if need > args.old_memory_limit:
                            cells.append(f"{'skipped':>8} {f'>{need:.0f} GiB':>9}")
                            continue
                    out = subprocess.run(
                        [sys.executable, __file__, "--child", step, variant, str(n), str(pool_path)],
                        capture_output=True,
                        text=True,
                        check=True,
                    )
                    result = json.loads(out.stdout)
                    results[variant] = {k: v for k, v in result.items() if k not in ("seconds", "peak_mib")}
                    cells.append(f"{result['seconds']:>8.2f} {result['peak_mib']:>9.0f}")
                print(f"{step:<14}{n:>10}  {cells[0]}  {cells[1]}  {results}")


if __name__ == "__main__":
    main()
