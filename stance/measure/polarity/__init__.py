"""The rule-based stance scorer: evaluation and potency of every mentioned target, per sentence.

For each content sentence the scorer

1. matches target aliases (``targets`` lexicon) and cues (``stance_cues``) on the token sequence;
2. splits the sentence into clauses at , ; : and before contrast markers (但, 却, 然而, 不过);
3. marks reported speech: after an attribution verb (表示, 指出, 称, 认为, 透露...) the rest of
   the sentence is the voice of the person or body named before the verb;
4. composes each content cue with the operators before it in its clause: negators (无法摆脱依赖 is
   negative; 并非失败 is weakly positive, never a failure), shifters (摆脱依赖 is positive),
   intensifiers, hedges and attempt words (试图主导 is not domination);
5. links the cue to the target it describes: the nearest subject-like mention before it in the
   clause (else the first after it, else the clause topic carried over from earlier clauses),
   with relational cues giving the other party the opposite sign: dependence (对X的依赖, 依赖X:
   X gains half), comparison (A远低于B: A down, B up), control (A压制B; B被A压制);
6. weights clauses: before a contrast marker x0.5, a concessive clause (虽然, 尽管) x0.5;
7. sums each target's contributions per dimension and clips to [-1, 1].

A sentence that names no target but carries cues and opens with an anaphor (这种, 此举, 该, 其...)
inherits the topic target of the previous content sentence (``inherited=True``).

>>> from stance.lexicon import load_lexicons
>>> from stance.text.segment import Segmenter
>>> lexicons = load_lexicons()
>>> scorer = build_scorer(lexicons)
>>> seg = Segmenter(scorer.terms, engine="jieba")
>>> scores = score_text("美国仍然无法摆脱对中国的依赖。", None, lexicons, seg)
>>> scores["us"].potency, scores["china"].potency
(-1.0, 0.5)
"""

from __future__ import annotations

# Where the steps above live: records.py (TargetScore, column names, the working records),
# clauses.py (slots, clauses and clause weights: steps 1, 2 and 6), speech.py (step 3),
# composition.py (step 4), linking.py (step 5), scoring.py (Scorer, step 7, score_article and
# score_text).
from stance.measure.polarity.records import AUTHOR, CUES_LEXICON, MENTION_COLUMNS, UNNAMED, TargetScore
from stance.measure.polarity.scoring import Scorer, build_scorer, score_article, score_text

__all__ = [
    "AUTHOR",
    "CUES_LEXICON",
    "MENTION_COLUMNS",
    "UNNAMED",
    "Scorer",
    "TargetScore",
    "build_scorer",
    "score_article",
    "score_text",
]
