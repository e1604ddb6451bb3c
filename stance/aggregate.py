"""Stance aggregates: per article and per source, each target's mean evaluation and potency.

The unit is the sentence: a target's score in an article is the mean of its sentence scores over
the sentences that mention it (or inherit it), with a seeded 95% percentile bootstrap interval
over those sentences. Fewer than ``config.min_sentences`` sentences gives the flag ``small_n``:
the number is shown, but it is too thin to say anything. Source rows pool the sentences of all
the source's articles and carry ``article_id = "*"``.

``config.voices`` chooses whose words count: ``all``, or ``author`` (reported speech, that is
rows whose speaker is not the author, is dropped).

>>> from stance.config import RunConfig
>>> from stance.polarity import TargetScore
>>> rows = [TargetScore("a1", i, "us", "美国", 0.0, p, (), "author", False)
...         for i, p in enumerate([-1.0, -0.5, 0.0])]
>>> table = stance_table(rows, {"a1": "blog"}, RunConfig(min_sentences=5))
>>> table[["article_id", "dimension", "score", "n_sentences", "flag"]].to_dict("records")[1]
{'article_id': 'a1', 'dimension': 'potency', 'score': -0.5, 'n_sentences': 3, 'flag': 'small_n'}
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

import pandas as pd

from .config import RunConfig
from .polarity import AUTHOR, MENTION_COLUMNS, TargetScore
from .stats import bootstrap_mean_ci, stable_seed

STANCE_COLUMNS = (
    "article_id",
    "source",
    "target",
    "dimension",
    "score",
    "ci_low",
    "ci_high",
    "n_sentences",
    "flag",
)
DIMENSIONS = ("evaluation", "potency")
VOICES = ("all", "author")
ALL_ARTICLES = "*"
SMALL_N = "small_n"


def mentions_table(scores: Iterable[TargetScore]) -> pd.DataFrame:
    """``mentions.csv``: one row per sentence and target, in article, sentence, target order."""
    rows = sorted(
        (s.as_row() for s in scores), key=lambda r: (r["article_id"], r["sentence_index"], r["target"])
    )
    return pd.DataFrame(rows, columns=list(MENTION_COLUMNS))


def select_voices(scores: Iterable[TargetScore], voices: str) -> list[TargetScore]:
    """All rows, or only the author's (``voices="author"`` drops reported speech)."""
    if voices not in VOICES:
        raise ValueError(f"voices must be one of {VOICES}, not {voices!r}")
    return [s for s in scores if voices == "all" or s.speaker == AUTHOR]


def _summary(
    values: list[float], config: RunConfig, unit: str, target: str, dimension: str
) -> dict[str, object]:
    seed = stable_seed(config.seed, unit, target, dimension)
    low, high = bootstrap_mean_ci(values, seed=seed, n_boot=config.n_boot)
    return {
        "score": round(sum(values) / len(values), 4),
        "ci_low": round(low, 4),
        "ci_high": round(high, 4),
        "n_sentences": len(values),
        "flag": SMALL_N if len(values) < config.min_sentences else "",
    }


def stance_table(
    scores: Iterable[TargetScore], sources: Mapping[str, str], config: RunConfig
) -> pd.DataFrame:
    """``stance.csv``: per article and per source (``article_id = "*"``), for each target and
    dimension, the mean sentence score, its 95% bootstrap interval, n and the small-n flag.

    ``sources`` maps article_id to source. The interval of each group is seeded with
    ``stable_seed(config.seed, unit, target, dimension)`` where unit is the article id or
    ``source:<name>``, so adding an article leaves the other groups' intervals unchanged.
    """
    chosen = select_voices(scores, config.voices)
    by_article: dict[tuple[str, str], list[TargetScore]] = defaultdict(list)
    by_source: dict[tuple[str, str], list[TargetScore]] = defaultdict(list)
    for row in sorted(chosen, key=lambda s: (s.article_id, s.sentence_index, s.target)):
        source = sources.get(row.article_id, "")
        by_article[(row.article_id, row.target)].append(row)
        by_source[(source, row.target)].append(row)
    records = []
    for (article_id, target), rows in sorted(by_article.items()):
        source = sources.get(article_id, "")
        for dimension in DIMENSIONS:
            values = [float(getattr(r, dimension)) for r in rows]
            records.append(
                {"article_id": article_id, "source": source, "target": target, "dimension": dimension}
                | _summary(values, config, article_id, target, dimension)
            )
    for (source, target), rows in sorted(by_source.items()):
        for dimension in DIMENSIONS:
            values = [float(getattr(r, dimension)) for r in rows]
            records.append(
                {"article_id": ALL_ARTICLES, "source": source, "target": target, "dimension": dimension}
                | _summary(values, config, f"source:{source}", target, dimension)
            )
    return pd.DataFrame(records, columns=list(STANCE_COLUMNS))
