"""The article suite (tests/data/article_suite/): agreement of article scores with a reader's labels.

Prints a Markdown table (overall and per language variety: labelled pairs n, Spearman's rho,
sign agreement on the pairs labelled != 0, unscored pairs, and the floors of
tests/test_article_suite.py) and the largest |score| among the pairs labelled 0, ready for the
README. With ``--cues`` it also lists the pairs the tool gets most wrong (a lean scored on the
wrong side of 0 or not at all, and the neutral pairs scored furthest from 0) with the
mentions.csv rows behind each. Prints figures; it is not a test.

    python benchmarks/bench_article_suite.py [--cues]
"""

from __future__ import annotations

import argparse
import math
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from stance.config import RunConfig
from stance.lexicon import load_lexicons
from stance.measure.aggregate import mentions_table
from stance.pipeline import load_articles, target_scores
from tests.test_article_suite import (
    MAX_NEUTRAL_SCORE,
    MIN_SIGN_AGREEMENT,
    MIN_SPEARMAN,
    MIN_SPEARMAN_BY_VARIETY,
    SUITE,
    neutral_scored,
    score_suite,
)


def _rho(value: float) -> str:
    return "n/a" if math.isnan(value) else f"{value:.3f}"


def markdown_table(result) -> str:
    header = ["language", "n", "Spearman", "p", "same sign", "unscored", "floor (rho)"]
    lines = ["| " + " | ".join(header) + " |", "|---|" + "---:|" * (len(header) - 1)]
    rows = [*(("", g) for g in result.by_variety.values()), ("overall", result.overall)]
    for name, g in rows:
        floor = MIN_SPEARMAN if name == "overall" else MIN_SPEARMAN_BY_VARIETY[g.language]
        agree = f"{g.n_agree}/{g.n_lean} ({g.n_agree / g.n_lean:.0%})" if g.n_lean else "0/0"
        cells = [
            name or g.language,
            str(g.n),
            _rho(g.rho),
            _rho(g.p),
            agree,
            str(g.n_unscored),
            f"{floor:.2f}",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def most_wrong(pairs):
    """Leans scored on the wrong side of 0 (or 0), worst first; then neutral pairs by |score|."""
    leans = pairs[pairs["label"] != 0]
    wrong = leans[leans["label"] * leans["score"] <= 0]
    wrong = wrong.assign(miss=wrong["score"].abs() * -1 - wrong["label"].abs()).sort_values("miss")
    neutral = neutral_scored(pairs)
    neutral = neutral.reindex(neutral["score"].abs().sort_values(ascending=False).index)
    return wrong, neutral


def print_cues(rows, mentions) -> None:
    for row in rows.itertuples(index=False):
        print(
            f"{row.file}  {row.target}: label {row.label:+.0f}, score {row.score:+.3f} "
            f"(evaluation {row.evaluation:+.3f}, potency {row.potency:+.3f}, {row.n_sentences} sentences)"
            if row.n_sentences
            else f"{row.file}  {row.target}: label {row.label:+.0f}, unscored (target never found)"
        )
        chosen = mentions[(mentions["article_id"] == row.article_id) & (mentions["target"] == row.target)]
        for m in chosen.itertuples(index=False):
            if m.evaluation or m.potency:
                print(
                    f"    s{m.sentence_index:<3} {m.position:<8} {m.speaker[:12]:<12} "
                    f"ev {m.evaluation:+.2f} po {m.potency:+.2f}  {m.alias}: {m.cues}"
                )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cues", action="store_true", help="list the worst pairs and their cues")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as cache:
        start = time.perf_counter()
        result = score_suite(Path(cache))
        elapsed = time.perf_counter() - start
        print(markdown_table(result))
        print()
        neutral = neutral_scored(result.pairs)
        worst = neutral.loc[neutral["score"].abs().idxmax()]
        overall = result.overall
        print(
            f"overall: n {overall.n}, Spearman {_rho(overall.rho)} (floor {MIN_SPEARMAN:.2f}), "
            f"same sign {overall.n_agree}/{overall.n_lean} = {overall.n_agree / overall.n_lean:.1%} "
            f"(floor {MIN_SIGN_AGREEMENT:.0%}); largest |score| of {len(neutral)} scored neutral pairs "
            f"{abs(worst['score']):.3f} ({worst['file']}, {worst['target']}; bound {MAX_NEUTRAL_SCORE:.2f}); "
            f"scored in {elapsed:.1f} s"
        )
        if args.cues:
            config = RunConfig(cache_dir=Path(cache))
            lexicons = load_lexicons()
            mentions = mentions_table(target_scores(load_articles(SUITE, config, lexicons), lexicons, config))
            wrong, neutral = most_wrong(result.pairs)
            print("\nleans the tool misses (label != 0, score 0 or on the other side):")
            print_cues(wrong, mentions)
            print("\nneutral pairs furthest from 0:")
            print_cues(neutral.head(6), mentions)


if __name__ == "__main__":
    main()
