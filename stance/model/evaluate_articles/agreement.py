"""Pairing labelled articles with their article scores, and the agreement figures.

The article score is ``evaluation + ARTICLE_POTENCY_WEIGHT * potency`` from the article rows of
``stance.csv``. Potency counts half: how favourably an article portrays a target is mostly
evaluation, but a target shown as weak, dependent or failing also reads as less favourable.
The weight is a convention, not fitted to any labels; :data:`ARTICLE_POTENCY_WEIGHT` is the one
place it is set.

>>> scale = LabelScale("numbers", 1.0, 5.0, 3.0, given=False)
>>> g = group_agreement("us", "zh", [1, 2, 3, 5], [-0.4, 0.0, 0.1, 0.3], scale, unscored=1)
>>> g.n, round(g.rho, 3), g.n_lean, g.n_agree
(4, 1.0, 3, 2)
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from stance.corpus.records import Article
from stance.errors import InputError
from stance.measure.mentions import TargetIndex
from stance.model.evaluate_articles.labels import ArticleLabel, LabelScale, format_label, label_values

# The article score the project quotes: evaluation plus half of potency (see the docstring).
ARTICLE_POTENCY_WEIGHT = 0.5
# The pooled rows' target or language.
ALL = "(all)"
PAIR_COLUMNS = (
    "article_id",
    "file",
    "source",
    "language",
    "target",
    "label",
    "score",
    "evaluation",
    "potency",
    "n_sentences",
)


def article_score(evaluation: float, potency: float) -> float:
    """The article score: ``evaluation + ARTICLE_POTENCY_WEIGHT * potency``.

    >>> article_score(0.2, -0.4)
    0.0
    """
    return round(evaluation + ARTICLE_POTENCY_WEIGHT * potency, 6) + 0.0


def resolve_target(name: str, index: TargetIndex, *, where: str) -> str:
    """The one target id that ``name`` (an id or an alias, either script) names."""
    found = index.resolve(name)
    if len(found) == 1:
        return found[0]
    if not found:
        raise InputError(
            f"{where}: unknown target '{name}'; use a target id ({', '.join(index.targets)}) "
            "or an alias from the targets lexicon."
        )
    raise InputError(
        f"{where}: target '{name}' names several targets ({', '.join(found)}); label one target per row."
    )


def _corpus_files(articles: Sequence[Article]) -> dict[Path, Article]:
    """Articles read from files, keyed by resolved path (table corpora have none)."""
    files = {}
    for article in articles:
        path = Path(article.path)
        if path.is_file():
            files[path.resolve()] = article
    return files


def _relative_file(article: Article, base: Path) -> str:
    path = Path(article.path)
    if not path.is_file():
        return ""
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.name


def _find_article(
    row: ArticleLabel,
    by_id: Mapping[str, Article],
    by_file: Mapping[Path, Article],
    base: Path,
    corpus_name: str,
    where: str,
) -> Article:
    by_name = None
    if row.file:
        if not by_file:
            raise InputError(
                f"{where}: file '{row.file}', but the corpus {corpus_name} is a table whose articles "
                "have no file names; identify the article by its article_id."
            )
        by_name = by_file.get((base / row.file).resolve())
        if by_name is None:
            raise InputError(
                f"{where}: file '{row.file}' is not an article of the corpus {corpus_name}; "
                "write its path relative to the corpus folder, as in corpus.csv."
            )
    if not row.article_id:
        return by_name
    article = by_id.get(row.article_id)
    if article is None:
        some = ", ".join(sorted(by_id)[:3])
        raise InputError(
            f"{where}: article_id '{row.article_id}' is not in the corpus {corpus_name} "
            f"(its ids include {some}); fix the id or delete the row."
        )
    if by_name is not None and by_name is not article:
        raise InputError(
            f"{where}: article_id '{row.article_id}' and file '{row.file}' name different articles; "
            "fix one of them."
        )
    return article


@dataclass(frozen=True)
class GroupAgreement:
    """Agreement for one target and language (either may be :data:`ALL`)."""

    target: str
    language: str
    n: int
    rho: float  # Spearman's rank correlation; nan when undefined (n < 3 or a constant side)
    p: float
    n_lean: int  # labels strictly on one side of the midpoint
    n_agree: int  # ... whose score is non-zero and on the same side
    n_unscored: int  # labelled articles the tool gave no score (counted as 0)


def group_agreement(
    target: str,
    language: str,
    labels: Sequence[float],
    scores: Sequence[float],
    scale: LabelScale,
    *,
    unscored: int,
) -> GroupAgreement:
    """n, Spearman's rho and p (``scipy.stats.spearmanr``), and sign agreement on clear leans."""
    from scipy.stats import spearmanr

    n = len(labels)
    rho = p = math.nan
    if n >= 3 and len(set(labels)) > 1 and len(set(scores)) > 1:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # scipy warns where it returns nan; nan is reported as n/a
            result = spearmanr(labels, scores)
        rho, p = float(result.statistic), float(result.pvalue)
    leans = [(label - scale.midpoint, score) for label, score in zip(labels, scores, strict=True)]
    leaning = [(lean, score) for lean, score in leans if lean != 0]
    agree = sum(1 for lean, score in leaning if lean * score > 0)
    return GroupAgreement(target, language, n, rho, p, len(leaning), agree, unscored)


@dataclass(frozen=True)
class ArticleEvaluation:
    """The labelled pairs (tidy, :data:`PAIR_COLUMNS`), the agreement groups and the scale."""

    pairs: pd.DataFrame
    groups: tuple[GroupAgreement, ...]
    scale: LabelScale
    labels_file: str
    corpus: str


def evaluate_articles(
    labels: Sequence[ArticleLabel],
    articles: Sequence[Article],
    stance: pd.DataFrame,
    lexicons: Mapping,
    *,
    corpus: Path,
    labels_file: str,
    midpoint: float | None = None,
    corpus_label: str | None = None,
) -> ArticleEvaluation:
    """Pair every labelled article with its article score and measure agreement.

    ``stance`` is the table of :func:`stance.measure.aggregate.stance_table` for ``articles``; only its
    article rows are read. ``corpus`` is the path the articles were read from (file names in
    the labels are relative to it); ``corpus_label`` is how the printout names it. Groups: each
    target and language; each target over all its languages and each language over all its
    targets, where that pools more than one group and differs from the overall group; and the
    overall group, always.
    """
    values, scale = label_values(labels, source=labels_file, midpoint=midpoint)
    base = corpus if corpus.is_dir() else corpus.parent
    by_id = {a.article_id: a for a in articles}
    by_file = _corpus_files(articles)
    index = TargetIndex.from_lexicons(lexicons)
    rows = stance[stance["article_id"] != "*"]
    scores = {
        (r.article_id, r.target, r.dimension): (float(r.score), int(r.n_sentences))
        for r in rows.itertuples(index=False)
    }
    seen: dict[tuple[str, str], int] = {}
    records = []
    for row, value in zip(labels, values, strict=True):
        where = f"{labels_file}:{row.line}"
        target = resolve_target(row.target, index, where=where)
        article = _find_article(row, by_id, by_file, base, str(corpus), where)
        key = (article.article_id, target)
        if key in seen:
            raise InputError(
                f"{where}: article '{article.article_id}' is already labelled for {target} on line {seen[key]}; "
                "give one label per article and target (average several readers' labels first)."
            )
        seen[key] = row.line
        evaluation = scores.get((article.article_id, target, "evaluation"))
        potency = scores.get((article.article_id, target, "potency"))
        scored = evaluation is not None and potency is not None
        records.append(
            {
                "article_id": article.article_id,
                "file": _relative_file(article, base),
                "source": article.source,
                "language": article.language,
                "target": target,
                "label": value,
                "score": article_score(evaluation[0], potency[0]) if scored else 0.0,
                "evaluation": evaluation[0] if scored else math.nan,
                "potency": potency[0] if scored else math.nan,
                "n_sentences": evaluation[1] if scored else 0,
            }
        )
    pairs = pd.DataFrame(records, columns=list(PAIR_COLUMNS))
    return ArticleEvaluation(pairs, _groups(pairs, scale), scale, labels_file, corpus_label or str(corpus))


def _groups(pairs: pd.DataFrame, scale: LabelScale) -> tuple[GroupAgreement, ...]:
    def agreement(target: str, language: str, rows: pd.DataFrame) -> GroupAgreement:
        return group_agreement(
            target,
            language,
            rows["label"].tolist(),
            rows["score"].tolist(),
            scale,
            unscored=int((rows["n_sentences"] == 0).sum()),
        )

    targets = sorted(pairs["target"].unique())
    languages = sorted(pairs["language"].unique())
    groups = []
    for target in targets:
        of_target = pairs[pairs["target"] == target]
        for language in languages:
            rows = of_target[of_target["language"] == language]
            if len(rows):
                groups.append(agreement(target, language, rows))
        if of_target["language"].nunique() > 1 and len(targets) > 1:
            groups.append(agreement(target, ALL, of_target))
    for language in languages if len(languages) > 1 else ():
        rows = pairs[pairs["language"] == language]
        if rows["target"].nunique() > 1:
            groups.append(agreement(ALL, language, rows))
    groups.append(agreement(ALL, ALL, pairs))
    return tuple(groups)


# --------------------------------------------------------------------------- printing


def format_statistic(value: float) -> str:
    return "n/a" if math.isnan(value) else f"{value:.3f}"


def render_article_evaluation(result: ArticleEvaluation) -> str:
    """The figures as ``stance evaluate --articles`` prints them: what was measured, then one
    line per group with each statistic next to its counts."""
    unscored = int((result.pairs["n_sentences"] == 0).sum())
    lines = [
        f"articles: {len(result.pairs)} labelled (target, article) pairs from {result.labels_file}; "
        f"corpus {result.corpus}",
        f"score: evaluation + {format_label(ARTICLE_POTENCY_WEIGHT)} x potency, from the article rows of stance.csv",
        result.scale.describe(),
        f"unscored: {unscored} labelled article(s) do not mention their target; they score 0 "
        "(counted in n and Spearman, never in sign agreement)",
        "",
    ]
    header = ("target", "language", "n", "spearman", "p", "lean", "same sign", "unscored")
    table = [
        (
            g.target,
            g.language,
            str(g.n),
            format_statistic(g.rho),
            format_statistic(g.p),
            str(g.n_lean),
            f"{g.n_agree}/{g.n_lean}" + (f" ({g.n_agree / g.n_lean:.0%})" if g.n_lean else ""),
            str(g.n_unscored),
        )
        for g in result.groups
    ]
    widths = [max(len(r[i]) for r in (header, *table)) for i in range(len(header))]
    for row in (header, *table):
        cells = [
            c.ljust(w) if i < 2 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
    lines += [
        "",
        "lean = labels strictly above or below the midpoint; same sign = of those, scores on the same "
        "side of 0; Spearman and p are n/a below 3 pairs or when labels or scores are all equal",
    ]
    return "\n".join(lines)
