"""``stance train`` and ``stance evaluate`` (sentence gold files, or ``--articles``): argument
parsing and printing only.

The lead's ``stance.cli.main`` calls :func:`add_subparsers`; each handler returns an exit code and
lets a :class:`~stance.errors.StanceError` propagate, which ``stance.cli.main.main`` prints on one
line (``--debug`` shows the traceback).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from stance.cli.common import (
    add_common,
    add_engine,
    add_prior,
    add_voices,
    add_workers,
    execution,
    finite_number,
    random_seed,
    score_threshold,
)
from stance.config import RunConfig
from stance.errors import InputError

DEFAULT_SEED = RunConfig.seed


def add_subparsers(subparsers: argparse._SubParsersAction) -> None:
    """Add ``train`` and ``evaluate`` to the ``stance`` command."""
    train = subparsers.add_parser(
        "train",
        help="fit a stance model from labelled sentences and print its cross-validated F1",
        description="Fit target-masked n-gram models from LABELS.csv (columns text, target, label; "
        "any label set, any targets, either script): per-target, pooled target-conditioned or both "
        "combined, chosen by cross-validation; save them in a safe non-pickle format.",
    )
    train.add_argument("labels", type=Path, metavar="LABELS.csv", help="labelled rows: text, target, label")
    train.add_argument(
        "--out", type=Path, required=True, metavar="MODEL", help="where to write the model file"
    )
    train.add_argument(
        "--seed", type=random_seed, default=DEFAULT_SEED, help="random seed for folds and classifier"
    )
    train.add_argument(
        "--label-column", default="label", metavar="NAME", help="column holding the labels (default: label)"
    )
    add_common(train)
    train.set_defaults(handler=cmd_train)

    evaluate = subparsers.add_parser(
        "evaluate",
        help="compare the lexicon scorer (or a model) with human labels",
        usage="%(prog)s GOLD.csv [options]\n       %(prog)s --articles LABELS.csv [CORPUS] [options]",
        description="Score GOLD.csv (columns text, target and label, or evaluation/potency) with the "
        "lexicon scorer or --model, and print accuracy, per-class F1, macro-F1, Cohen's kappa and "
        "the confusion matrix per target, and NLPCC-2016's F_avg (mean F1 of FAVOR and AGAINST) when "
        "the labels are FAVOR/AGAINST/NONE, -1/0/1 or 支持/反对/中立, with 95% bootstrap intervals over the gold rows. With --articles, score CORPUS as `stance report` does and "
        "compare each labelled article's score (evaluation + 0.5 x potency) with readers' labels on "
        "any ordinal scale: n, Spearman's rho and sign agreement per target, language and overall.",
    )
    evaluate.add_argument(
        "gold",
        nargs="?",
        type=Path,
        default=None,
        metavar="GOLD.csv | CORPUS",
        help="gold rows: text, target, label; with --articles, the corpus the labelled articles belong "
        "to (default: the bundled seed corpus)",
    )
    evaluate.add_argument(
        "--articles",
        type=Path,
        default=None,
        metavar="LABELS.csv",
        help="labelled articles: article_id or file (relative to the corpus), target, label",
    )
    evaluate.add_argument(
        "--midpoint",
        type=finite_number,
        default=None,
        metavar="M",
        help="with --articles: the label scale's neutral value (default: halfway between the lowest "
        "and highest label seen; 0 for against/none/favor)",
    )
    evaluate.add_argument(
        "--out",
        type=Path,
        default=None,
        metavar="DIR",
        help="with --articles: write the labelled pairs (evaluate_articles.csv) and a scatter plot per "
        "target and language into DIR",
    )
    add_engine(evaluate)
    add_voices(evaluate, help_prefix="with --articles: ")
    add_prior(evaluate)
    evaluate.add_argument(
        "--model", type=Path, default=None, metavar="MODEL", help="a model from `stance train`"
    )
    evaluate.add_argument(
        "--predictions",
        type=Path,
        default=None,
        metavar="FILE",
        help="write one CSV row per gold row (and dimension): line, target, dimension, gold, predicted, "
        "probability (a model's), text",
    )
    evaluate.add_argument(
        "--dimension",
        choices=("evaluation", "potency"),
        default=None,
        help="the lexicon dimension the labels hold (default: every evaluation/potency column present); "
        "with --articles and --model, the dimension the model scores (default: evaluation)",
    )
    evaluate.add_argument(
        "--threshold",
        type=score_threshold,
        default=None,
        metavar="T",
        help="lexicon score at or beyond +-T counts as +1/-1 (default: 0.2)",
    )
    evaluate.add_argument(
        "--seed",
        type=random_seed,
        default=None,
        help=f"random seed for the 95%% bootstrap intervals of a gold file's figures (default: {DEFAULT_SEED})",
    )
    add_workers(evaluate, help_prefix="with --articles: ")
    add_common(evaluate)
    evaluate.set_defaults(handler=cmd_evaluate)


def cmd_train(args: argparse.Namespace) -> int:
    """Train, print the cross-validated figures, save the model."""
    from stance.lexicon import load_lexicons
    from stance.model.learn import check_model_out, read_labels, save_model, train
    from stance.output.write import refuse_inputs

    refuse_inputs([args.out], {"labels file": args.labels}, "--out")
    check_model_out(args.out)
    labels = read_labels(args.labels, label_column=args.label_column)
    lexicons = load_lexicons(tuple(args.lexicons or ()))
    model = train(
        labels, seed=args.seed, lexicons=lexicons, label_column=args.label_column, source=str(args.labels)
    )
    save_model(model, args.out)
    targets, labels_seen = ", ".join(model.targets), ", ".join(model.labels)
    print(f"trained on {model.n_rows} rows, targets: {targets}, labels: {labels_seen}")
    if model.cv is not None:  # always, since train() cross-validates by default
        print(model.cv.render())
    if model.own_targets:
        own = ", ".join(model.own_targets)
        print(f"models of their own: {own}; the pooled target-conditioned model serves other targets")
    else:
        print("one pooled target-conditioned model serves every target")
    print(f"wrote {args.out}")
    return 0


def _lexicon_score(lexicon_dirs, engine: str = "auto"):  # -> Callable[[str, str], object]
    """``score(text, target)`` from the lexicon scorer with the lexicons and segmenter bound;
    each gold text is scored on its own (no inheritance from a previous sentence)."""
    from stance.lexicon import load_lexicons
    from stance.measure.polarity import score_text
    from stance.pipeline import make_segmenter

    config = RunConfig(lexicon_dirs=tuple(lexicon_dirs or ()), engine=engine)
    lexicons = load_lexicons(config.lexicon_dirs)
    segmenter = make_segmenter(lexicons, config)

    def score(text: str, target: str) -> object:
        return score_text(text, target, lexicons, segmenter)

    return score


def _is_sentence_gold(path: Path) -> bool:
    """Whether ``path`` is a CSV whose header names a sentence gold file's columns (text, target and
    label, evaluation or potency): given as the corpus of ``evaluate --articles`` by mistake."""
    import csv

    if path.suffix.lower() != ".csv" or not path.is_file():
        return False
    try:
        with path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
            header = {column.strip() for column in next(csv.reader(handle), [])}
    except (OSError, csv.Error):
        return False
    return {"text", "target"} <= header and bool(header & {"label", "evaluation", "potency"})


def cmd_evaluate_articles(args: argparse.Namespace) -> int:
    """Score the corpus as `stance report` does, compare with the article labels, print."""
    from stance.model.evaluate_articles import render_article_evaluation, run_article_evaluation

    if args.threshold is not None:
        raise InputError("--threshold applies to sentence gold files; drop it when you give --articles.")
    if args.predictions is not None:
        raise InputError("--predictions applies to sentence gold files; drop it when you give --articles.")
    if args.seed is not None:
        raise InputError(
            "--seed draws the intervals of a sentence gold file's figures; drop it when you give --articles."
        )
    if args.dimension is not None and args.model is None:
        raise InputError(
            "--dimension with --articles names the dimension a --model scores; the article score always "
            "combines evaluation and potency, so drop --dimension or add --model."
        )
    if args.gold is not None and _is_sentence_gold(args.gold):
        raise InputError(
            f"{args.gold}: is a gold file of labelled sentences (text, target, label), but with --articles "
            "the file after `evaluate` is the corpus to score; give the corpus there, or drop --articles "
            "to evaluate this file."
        )
    config = RunConfig(
        lexicon_dirs=tuple(args.lexicons or ()),
        engine=args.engine,
        voices=args.voices,
        prior_sentences=args.prior_sentences,
        model_path=args.model,
        model_dimension=args.dimension or "evaluation",
        **execution(args),
    )
    if args.model is not None:  # refused before the corpus is scored
        from stance.model.learn import check_model_file

        check_model_file(args.model)
    result, written = run_article_evaluation(
        args.articles, args.gold, config, midpoint=args.midpoint, out=args.out
    )
    print(render_article_evaluation(result))
    if written:
        print(f"wrote {len(written)} files to {args.out}")
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    """Score the gold file with the lexicon scorer or a model and print the figures."""
    if args.articles is not None:
        return cmd_evaluate_articles(args)
    if args.gold is None:
        raise InputError(
            "give a gold file (stance evaluate GOLD.csv) or labelled articles (--articles LABELS.csv)."
        )
    for name, option in (
        ("midpoint", "--midpoint"),
        ("out", "--out"),
        ("workers", "--workers"),
        ("scheduler", "--scheduler"),
    ):
        if getattr(args, name) is not None:
            raise InputError(f"{option} applies to --articles only; drop it or add --articles LABELS.csv.")
    if args.voices != "all":
        raise InputError(
            "--voices applies to --articles only; a gold file's sentences are scored on their own."
        )
    from stance.model.evaluate import (
        DEFAULT_THRESHOLD,
        check_predictions_path,
        check_three_way,
        evaluate,
        gold_column,
        lexicon_gold_columns,
        lexicon_predictor,
        model_predictor,
        prediction_rows,
        read_gold,
        render_evaluation,
        write_predictions,
    )

    if args.predictions is not None:
        check_predictions_path(args.predictions, {"gold file": args.gold, "model": args.model})
    gold = read_gold(args.gold)
    source = str(args.gold)
    seed = DEFAULT_SEED if args.seed is None else args.seed
    blocks = []
    results = []
    if args.model is not None:
        from stance.model.learn import load_model

        if args.threshold is not None:
            raise InputError("--threshold applies to the lexicon scorer only; drop it when you give --model.")
        model = load_model(args.model)
        column = gold_column(gold, dimension=args.dimension, source=source)
        result = evaluate(
            gold,
            model_predictor(model),
            label_column=column,
            dimension=args.dimension or column,
            scorer=f"model {args.model}",
            seed=seed,
        )
        blocks.append(render_evaluation(result))
        results.append((column, result))
    else:
        threshold = DEFAULT_THRESHOLD if args.threshold is None else args.threshold
        if not 0 < threshold <= 1:
            raise InputError(f"--threshold {threshold:g} is outside (0, 1]; scores lie in [-1, 1].")
        score = _lexicon_score(args.lexicons, args.engine)
        for dimension, column in lexicon_gold_columns(gold, dimension=args.dimension, source=source):
            written = check_three_way(gold, column, source=source)
            predict = lexicon_predictor(dimension, score, threshold=threshold, written=written)
            result = evaluate(
                gold,
                predict,
                label_column=column,
                dimension=dimension,
                scorer=f"lexicon (|score| >= {threshold:g} counts as +1/-1)",
                seed=seed,
            )
            blocks.append(render_evaluation(result))
            results.append((column, result))
    if args.predictions is not None:
        write_predictions(prediction_rows(gold, results), args.predictions)
        blocks.append(f"wrote {args.predictions}")
    print("\n\n".join(blocks))
    return 0
