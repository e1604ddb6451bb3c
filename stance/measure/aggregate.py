"""Stance aggregates: per article and per source, each target's evaluation and potency.

The unit is the sentence. A target's score in an article is a weighted mean of its sentence
scores, shrunk toward 0 when the evidence is thin:

    score = sum(w_s * x_s) / (sum of w_s over the sentences with x_s != 0  +  k)

where ``x_s`` is the sentence's score on the dimension (in [-1, 1]) and

- ``w_s`` = position weight x voice weight: a headline counts :data:`POSITION_WEIGHTS` ``headline``
  (2), a lede sentence (the first two body sentences) 1.5, any other sentence 1; the author's own
  voice counts 1 and reported speech :data:`REPORTED_SPEECH_WEIGHT` (0.5);
- only sentences that carry evidence (``x_s != 0``) enter the denominator, so one strong cue is
  not averaged away over many sentences that merely name the target;
- ``k`` = ``config.prior_sentences`` (default 3) is a prior of that many neutral sentences: one
  sentence of evidence moves the score at most a quarter of the way, so an article that names a
  target with one or two passing cues (a neutral wire) stays near 0, while a sustained portrayal
  approaches its sentences' mean.

The 95% interval is a seeded percentile bootstrap of the same formula over the sentences that
mention the target. Fewer than ``config.min_sentences`` mentioning sentences gives the flag
``small_n``. Source rows pool the sentences of all the source's articles and carry
``article_id = "*"``. ``config.voices`` chooses whose words count: ``all`` (reported speech at half
weight) or ``author`` (reported speech dropped).

>>> from stance.config import RunConfig
>>> from stance.measure.polarity import TargetScore
>>> rows = [TargetScore("a1", i, "us", "美国", 0.0, p, (), "author", False)
...         for i, p in enumerate([-1.0, -0.5, 0.0])]
>>> table = stance_table(rows, {"a1": "blog"}, RunConfig(min_sentences=5))
>>> table[["article_id", "dimension", "score", "n_sentences", "n_evidence", "flag"]].to_dict("records")[1]
{'article_id': 'a1', 'dimension': 'potency', 'score': -0.3, 'n_sentences': 3, 'n_evidence': 2, 'flag': 'small_n'}
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from stance.config import RunConfig
from stance.measure.polarity import AUTHOR, MENTION_COLUMNS, TargetScore
from stance.measure.polarity.records import BODY, HEADLINE, LEDE
from stance.measure.stats import bootstrap_ratio_ci_of, distinct_rows_of, exact_sum, stable_seed
from stance.parallel import in_threads

STANCE_COLUMNS = (
    "article_id",
    "source",
    "target",
    "dimension",
    "score",
    "ci_low",
    "ci_high",
    "n_sentences",
    "n_evidence",
    "flag",
)
# The article score's weights (see the module docstring and the README's "Article scores").
POSITION_WEIGHTS = {HEADLINE: 2.0, LEDE: 1.5, BODY: 1.0}
REPORTED_SPEECH_WEIGHT = 0.5
DIMENSIONS = ("evaluation", "potency")
VOICES = ("all", "author")
ALL_ARTICLES = "*"
SMALL_N = "small_n"


def mentions_table(scores: Iterable[TargetScore]) -> pd.DataFrame:
    """``mentions.csv`` rows of ``scores``: one row per sentence and target, in article,
    sentence, target order (a report writes each article's rows in corpus order)."""
    rows = sorted(
        (s.as_row() for s in scores), key=lambda r: (r["article_id"], r["sentence_index"], r["target"])
    )
    return pd.DataFrame(rows, columns=list(MENTION_COLUMNS))


def select_voices(scores: Iterable[TargetScore], voices: str) -> list[TargetScore]:
    """All rows, or only the author's (``voices="author"`` drops reported speech)."""
    if voices not in VOICES:
        raise ValueError(f"voices must be one of {VOICES}, not {voices!r}")
    return [s for s in scores if voices == "all" or s.speaker == AUTHOR]


def sentence_weight(score: TargetScore) -> float:
    """How much one sentence counts toward its article's score: position x voice."""
    voice = 1.0 if score.speaker == AUTHOR else REPORTED_SPEECH_WEIGHT
    return POSITION_WEIGHTS.get(score.position, 1.0) * voice


Pairs = Mapping[tuple[float, float], int]


def sentence_pairs(rows: Iterable[TargetScore], dimension: str) -> dict[tuple[float, float], int]:
    """The sentences of a group as distinct (w * x, w if x != 0 else 0) pairs with their counts:
    everything the group's score and interval depend on (see the module docstring), so groups
    pool by adding counts."""
    pairs: dict[tuple[float, float], int] = {}
    for row in rows:
        x = float(getattr(row, dimension))
        w = sentence_weight(row)
        key = (w * x, w if x != 0 else 0.0)
        pairs[key] = pairs.get(key, 0) + 1
    return pairs


def summary_of(pairs: Pairs, config: RunConfig, unit: str, target: str, dimension: str) -> dict:
    """The stance.csv cells of one group (unit, target, dimension) from its :func:`sentence_pairs`:
    score ``sum(w * x) / (sum of w where x != 0 + prior)``, 0 when there is neither evidence nor
    prior.
    Sums are exact (:func:`~stance.measure.stats.exact_sum`), so the score does not depend on the order of the sentences."""
    distinct, counts = distinct_rows_of(pairs, 2)
    numerator = exact_sum(distinct[:, 0], counts)
    evidence = exact_sum(distinct[:, 1], counts)
    n_evidence = int(counts[distinct[:, 1] != 0].sum())
    n_sentences = int(counts.sum())
    prior = config.prior_sentences
    if n_evidence:
        low, high = bootstrap_ratio_ci_of(
            (distinct, counts),
            seed=stable_seed(config.seed, unit, target, dimension),
            prior=prior,
            n_boot=config.n_boot,
        )
    else:
        low = high = 0.0
    score = numerator / (evidence + prior) if evidence + prior else 0.0
    return {
        "score": round(score, 4) + 0.0,
        "ci_low": round(low, 4) + 0.0,
        "ci_high": round(high, 4) + 0.0,
        "n_sentences": n_sentences,
        "n_evidence": n_evidence,
        "flag": SMALL_N if n_sentences < config.min_sentences else "",
    }


def _summary(rows: list[TargetScore], config: RunConfig, unit: str, target: str, dimension: str) -> dict:
    return summary_of(sentence_pairs(rows, dimension), config, unit, target, dimension)


def _grouped(
    scores: Iterable[TargetScore], sources: Mapping[str, str], config: RunConfig
) -> tuple[dict[tuple[str, str], list[TargetScore]], dict[tuple[str, str], list[TargetScore]]]:
    """The chosen voices' rows by (article_id, target) and by (source, target), in sentence
    order."""
    by_article: dict[tuple[str, str], list[TargetScore]] = defaultdict(list)
    by_source: dict[tuple[str, str], list[TargetScore]] = defaultdict(list)
    chosen = select_voices(scores, config.voices)
    for row in sorted(chosen, key=lambda s: (s.article_id, s.sentence_index, s.target)):
        by_article[(row.article_id, row.target)].append(row)
        by_source[(sources.get(row.article_id, ""), row.target)].append(row)
    return by_article, by_source


def _article_records(
    by_article: Mapping[tuple[str, str], list[TargetScore]], sources: Mapping[str, str], config: RunConfig
) -> list[dict]:
    records = []
    for (article_id, target), rows in sorted(by_article.items()):
        source = sources.get(article_id, "")
        for dimension in DIMENSIONS:
            records.append(
                {"article_id": article_id, "source": source, "target": target, "dimension": dimension}
                | _summary(rows, config, article_id, target, dimension)
            )
    return records


def article_stance_rows(scores: Iterable[TargetScore], source: str, config: RunConfig) -> tuple[dict, ...]:
    """The rows of ``stance.csv`` for one article from its own scores: part of the per-article
    work, the same rows :func:`stance_table` computes for it (same groups, same seeds)."""
    scores = list(scores)
    sources = {s.article_id: source for s in scores}
    by_article, _ = _grouped(scores, sources, config)
    return tuple(_article_records(by_article, sources, config))


def stance_table(
    scores: Iterable[TargetScore],
    sources: Mapping[str, str],
    config: RunConfig,
    article_rows: Mapping[str, Sequence[dict]] | None = None,
) -> pd.DataFrame:
    """``stance.csv``: per article and per source (``article_id = "*"``), for each target and
    dimension, the article score (the shrunken weighted mean of the module docstring), its 95%
    bootstrap interval, the sentences naming the target, those carrying evidence, and the
    small-n flag.

    ``sources`` maps article_id to source. The interval of each group is seeded with
    ``stable_seed(config.seed, unit, target, dimension)`` where unit is the article id or
    ``source:<name>``, so adding an article leaves the other groups' intervals unchanged.
    ``article_rows`` holds :func:`article_stance_rows` of every article when the per-article
    work computed them (by article_id); otherwise the article rows are computed here.
    """
    scores = list(scores)
    by_article, by_source = _grouped(scores, sources, config)
    if article_rows is None:
        records = _article_records(by_article, sources, config)
    else:
        records = [row for article_id in sorted(article_rows) for row in article_rows[article_id]]
    pools = {
        (source, target, dimension): sentence_pairs(rows, dimension)
        for (source, target), rows in by_source.items()
        for dimension in DIMENSIONS
    }
    return pd.DataFrame([*records, *source_stance_rows(pools, config)], columns=list(STANCE_COLUMNS))


def source_stance_rows(pools: Mapping[tuple[str, str, str], Pairs], config: RunConfig) -> list[dict]:
    """The per-source rows of stance.csv (``article_id = "*"``) from each (source, target,
    dimension)'s pooled :func:`sentence_pairs`, in source, target, dimension order."""
    order = {d: i for i, d in enumerate(DIMENSIONS)}
    keys = sorted(pools, key=lambda k: (k[0], k[1], order[k[2]]))
    # The bootstraps run side by side (config.workers threads), each from its own seed.
    summaries = in_threads(
        lambda key: summary_of(pools[key], config, f"source:{key[0]}", key[1], key[2]), keys, config.workers
    )
    return [
        {"article_id": ALL_ARTICLES, "source": source, "target": target, "dimension": dimension} | summary
        for (source, target, dimension), summary in zip(keys, summaries, strict=True)
    ]
