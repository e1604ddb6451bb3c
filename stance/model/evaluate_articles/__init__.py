"""Article-level agreement with readers' labels (``stance evaluate --articles``).

A reader labels whole articles for a target on any ordinal scale. Each labelled article's score
is read from the article rows of ``stance.csv``, computed as ``stance report`` computes it
(:func:`stance.pipeline.score_corpus`), as ``evaluation + 0.5 * potency``
(:data:`ARTICLE_POTENCY_WEIGHT`). Per target and language (the article's, from the corpus) and
overall: n, Spearman's rank correlation between labels and scores with its p-value, and sign
agreement: of the articles whose label lies strictly on one side of the scale's midpoint (the
reader saw a clear lean), how many the tool scores on the same side of 0. A labelled article
whose target the tool never found in it has no row in ``stance.csv``: it is counted as unscored
and scores 0, so it never agrees on a sign.
"""

from __future__ import annotations

# Where things live: labels.py (the labels file and its scale), agreement.py (pairing articles
# with scores, the figures and their printed form), files.py (the CSV and plots of --out),
# run.py (the whole run, in order).
from stance.model.evaluate_articles.agreement import (
    ALL,
    ARTICLE_POTENCY_WEIGHT,
    PAIR_COLUMNS,
    ArticleEvaluation,
    GroupAgreement,
    article_score,
    evaluate_articles,
    group_agreement,
    render_article_evaluation,
)
from stance.model.evaluate_articles.files import (
    OWNER,
    PAIRS_FILE,
    article_evaluation_files,
    plot_name,
    write_article_evaluation,
)
from stance.model.evaluate_articles.labels import ArticleLabel, LabelScale, label_values, read_article_labels
from stance.model.evaluate_articles.run import run_article_evaluation

__all__ = [
    "ALL",
    "ARTICLE_POTENCY_WEIGHT",
    "OWNER",
    "PAIRS_FILE",
    "PAIR_COLUMNS",
    "ArticleEvaluation",
    "ArticleLabel",
    "GroupAgreement",
    "LabelScale",
    "article_evaluation_files",
    "article_score",
    "evaluate_articles",
    "group_agreement",
    "label_values",
    "plot_name",
    "read_article_labels",
    "render_article_evaluation",
    "run_article_evaluation",
    "write_article_evaluation",
]
