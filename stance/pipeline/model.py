"""A trained model (``stance train``) in the pipeline: loaded before any article is read, and its
labels put in place of the lexicon scores on one dimension.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from stance.config import RunConfig
from stance.corpus.records import Article
from stance.errors import ModelError
from stance.lexicon import Lexicon
from stance.measure.polarity import TargetScore, score_article
from stance.model.learn.labels import label_value


def run_model(config: RunConfig):  # -> StanceModel | None
    """The trained model at ``config.model_path`` (None without one): loaded, and refused with
    a one-line error, before any article is read."""
    if config.model_path is None:
        return None
    # Imported here: scikit-learn is loaded only by a run with a model.
    from stance.model.learn.files import load_model

    return load_model(config.model_path)


def with_model(
    scores: list[TargetScore], articles: Sequence[Article], config: RunConfig, model=None
) -> list[TargetScore]:
    """``scores`` with a trained model's labels in place of the lexicon score when
    ``config.model_path`` is set (``model``: that model, when it is loaded already)."""
    if config.model_path is None:
        return scores
    model = model if model is not None else run_model(config)
    return apply_model(scores, articles, model, config.model_dimension, config.model_path)


def target_scores(
    articles: Sequence[Article], lexicons: dict[str, Lexicon], config: RunConfig
) -> list[TargetScore]:
    """Every sentence's evaluation and potency toward each target it mentions, with a trained
    model's labels in place of the lexicon score when ``config.model_path`` is set."""
    scores = [row for article in articles for row in score_article(article, lexicons)]
    return with_model(scores, articles, config)


def apply_model(
    scores: Sequence[TargetScore], articles: Sequence[Article], model, dimension: str, path: Path
) -> list[TargetScore]:
    """Replace the lexicon score on ``dimension`` by the trained model's label for every mention
    of a target the model knows; other targets keep their lexicon scores."""
    text_of = {(a.article_id, s.sentence_index): s.text for a in articles for s in a.sentences}
    chosen = [i for i, row in enumerate(scores) if model.knows(row.target)]
    labels = model.predict(
        [text_of[(scores[i].article_id, scores[i].sentence_index)] for i in chosen],
        [scores[i].target for i in chosen],
    )
    updated = list(scores)
    for i, label in zip(chosen, labels, strict=True):
        value = label_value(label)
        if value is None:
            raise ModelError(
                f"{path}: the model predicts label '{label}', which is not -1/0/1, FAVOR/AGAINST/NONE or 支持/反对/中立; "
                "train it on a three-way label to use it in reports."
            )
        updated[i] = replace(
            updated[i], **{dimension: float(value)}, cues=(*updated[i].cues, f"model:{label}")
        )
    return updated
