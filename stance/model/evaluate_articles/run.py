"""The whole ``stance evaluate --articles`` run: labels, corpus scores, agreement, files."""

from __future__ import annotations

from pathlib import Path

from stance.config import RunConfig
from stance.lexicon import load_lexicons
from stance.measure.mentions import TargetIndex
from stance.model.evaluate_articles.agreement import ArticleEvaluation, evaluate_articles, resolve_target
from stance.model.evaluate_articles.files import (
    article_evaluation_files,
    check_article_evaluation_out,
    write_article_evaluation,
)
from stance.model.evaluate_articles.labels import label_values, read_article_labels
from stance.output.manifest import BUNDLED
from stance.output.write import check_out_dir
from stance.pipeline import default_corpus, score_corpus


def run_article_evaluation(
    labels_path: Path,
    corpus: Path | None,
    config: RunConfig,
    *,
    midpoint: float | None = None,
    out: Path | None = None,
) -> tuple[ArticleEvaluation, list[Path]]:
    """Read the labels, score ``corpus`` (default: the bundled seeds) as ``stance report``
    does, measure agreement and, with ``out``, write the pairs and plots. Returns the result
    and the files written.

    The labels file is read and its targets resolved before the corpus is scored, so a bad
    labels file fails fast; nothing is written unless every step succeeds.
    """
    resolved = corpus if corpus is not None else default_corpus()
    inputs = {"labels file": labels_path, "corpus file": resolved}
    if out is not None:
        check_out_dir(out)
        check_article_evaluation_out(out, inputs=inputs)  # the pairs file; the plots after scoring
    labels = read_article_labels(labels_path)
    label_values(labels, source=str(labels_path), midpoint=midpoint)  # fail before the slow part
    lexicons = load_lexicons(config.lexicon_dirs)
    index = TargetIndex.from_lexicons(lexicons)
    for row in labels:
        resolve_target(row.target, index, where=f"{labels_path}:{row.line}")
    articles, stance = score_corpus(resolved, config, lexicons)
    result = evaluate_articles(
        labels,
        articles,
        stance,
        lexicons,
        corpus=resolved,
        labels_file=str(labels_path),
        midpoint=midpoint,
        corpus_label=f"{BUNDLED} ({resolved})" if corpus is None else str(corpus),
    )
    if out is None:
        return result, []
    return result, write_article_evaluation(article_evaluation_files(result), out, inputs)
