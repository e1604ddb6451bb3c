"""The plain-language summary at the top of the report, and the per-article view's data.

Every sentence states a comparison that the tables below it support, with the numbers and the
sample sizes, and says when a sample is too small to say anything.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

import pandas as pd

from stance.corpus.records import Article
from stance.measure.polarity import TargetScore

TARGET_NAMES = {"us": "the US", "china": "China"}


def _describe(dimension: str, target: str, score: float, highest: bool) -> str:
    """Words for the highest or lowest source that stay true to the sign of its score."""
    name = _name(target)
    if dimension == "evaluation":
        if highest:
            return f"is the most favourable to {name}" if score > 0 else f"is the least hostile to {name}"
        return f"is the most hostile to {name}" if score < 0 else f"is the least favourable to {name}"
    if highest:
        return f"portrays {name} as strongest" if score > 0 else f"portrays {name} as least weak"
    return f"portrays {name} as weakest" if score < 0 else f"portrays {name} as least strong"


def _name(target: str) -> str:
    return TARGET_NAMES.get(target, target)


def summarise(stance: pd.DataFrame, frames: pd.DataFrame, comparison: Mapping) -> list[str]:
    """Plain sentences: for the US and China on each dimension, which source is highest and
    lowest; each source's leading frame; how many disagreements, figure conflicts and naming
    contrasts were found."""
    lines: list[str] = []
    sources = stance[(stance["article_id"] == "*")]
    for target in ("us", "china"):
        for dimension in ("evaluation", "potency"):
            rows = sources[
                (sources["target"] == target)
                & (sources["dimension"] == dimension)
                & (sources["flag"].fillna("") == "")
            ]
            if len(rows) < 2:
                continue
            rows = rows.sort_values(["score", "source"])
            top, bottom = rows.iloc[-1], rows.iloc[0]
            lines.append(
                f"On {dimension}, {top.source} {_describe(dimension, target, top.score, True)} "
                f"({top.score:+.2f}, 95% CI {top.ci_low:+.2f} to {top.ci_high:+.2f}, n={int(top.n_sentences)}); "
                f"{bottom.source} {_describe(dimension, target, bottom.score, False)} ({bottom.score:+.2f}, 95% CI {bottom.ci_low:+.2f} to "
                f"{bottom.ci_high:+.2f}, n={int(bottom.n_sentences)})."
            )
    small = sorted(
        {
            f"{r.source} on {_name(r.target)}"
            for r in sources.itertuples()
            if r.flag == "small_n" and r.target in TARGET_NAMES
        }
    )
    if small:
        lines.append(f"Too few sentences to say anything for: {'; '.join(small)}.")
    frame_rows = frames[frames["article_id"] == "*"]
    for source, group in sorted(frame_rows.groupby("source"), key=lambda kv: kv[0]):
        best = group.sort_values(["per_1k_tokens", "frame"], ascending=[False, True]).head(2)
        if best["hits"].sum() == 0:
            continue
        parts = [f"{r.frame} ({r.per_1k_tokens:.1f} per 1,000 tokens)" for r in best.itertuples()]
        lines.append(f"{source} leans most on the frames {' and '.join(parts)}.")
    n_dis = len(comparison.get("disagreements", []))
    conflicts = [g for g in comparison.get("figures", []) if g.get("status") == "conflict"]
    contrasts = [
        n
        for n in comparison.get("naming", [])
        if len({s for v in n["variants"].values() for s in v}) > 1 and len(n["variants"]) > 1
    ]
    lines.append(
        f"{n_dis} sub-topics on which sources take opposite positions; {len(conflicts)} figure(s) given "
        f"differently by different sources; {len(contrasts)} referent(s) named differently."
    )
    return lines


def article_views(articles: Sequence[Article], scores: Sequence[TargetScore]) -> list[dict]:
    """Each article's sentences with the cue words to highlight and the targets scored."""
    cues: dict[tuple[str, int], set[str]] = defaultdict(set)
    targets: dict[tuple[str, int], set[str]] = defaultdict(set)
    for row in scores:
        key = (row.article_id, row.sentence_index)
        targets[key].add(row.target)
        for cue in row.cues:
            word = cue.split(" ", 1)[0]
            if word and not word.startswith("model:"):
                cues[key].add(word)
    return [
        {
            "article_id": a.article_id,
            "source": a.source,
            "sentences": [
                {
                    "sentence_index": s.sentence_index,
                    "kind": s.kind,
                    "text": s.text,
                    "cues": sorted(cues.get((a.article_id, s.sentence_index), ())),
                    "targets": sorted(targets.get((a.article_id, s.sentence_index), ())),
                }
                for s in a.sentences
            ],
        }
        for a in articles
    ]
