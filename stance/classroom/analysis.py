"""What the exercises are built from: the corpus's articles and the same analysis as
``stance report`` (:func:`stance.pipeline.analyse`: every table and the comparison), with the
lookups the exercise builders share (a sentence by its number, an article's letter, the
sentences where a name occurs).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from stance.classroom.records import Cite
from stance.compare.naming import NameFinder, original_form
from stance.config import RunConfig
from stance.corpus.records import Article, Sentence
from stance.errors import InputError
from stance.lexicon import Lexicon, load_lexicons
from stance.measure.polarity import AUTHOR
from stance.output.spool import SpooledTable
from stance.report import source_keys

# A worksheet prints its articles side by side: more than this many do not fit a class.
MAX_ARTICLES = 6


def _frame(table: pd.DataFrame | SpooledTable) -> pd.DataFrame:
    return table.frame() if isinstance(table, SpooledTable) else table


def article_keys(articles: Sequence[Article]) -> dict[str, str]:
    """The letter students cite each article by: its source's letter (the report's key, sources
    in sorted order), numbered when the source has several articles (A1, A2).

    >>> from stance.corpus.records import Article
    >>> arts = [Article(i, s, "", "zh", "", "", "", "", "", "", ()) for i, s in
    ...         [("x", "Xinhua"), ("y", "Reuters"), ("z", "Xinhua")]]
    >>> article_keys(arts)
    {'x': 'B1', 'y': 'A', 'z': 'B2'}
    """
    letters = source_keys([a.source for a in articles])
    by_source: dict[str, list[str]] = defaultdict(list)
    for a in articles:
        by_source[a.source].append(a.article_id)
    keys = {}
    for a in articles:
        own = by_source[a.source]
        keys[a.article_id] = letters[a.source] + (str(own.index(a.article_id) + 1) if len(own) > 1 else "")
    return keys


@dataclass(frozen=True)
class NameOccurrence:
    """A name found in a content sentence, and the form it is written in there."""

    cite: Cite
    variant: str
    form: str


class Analysis:
    """The articles, tables and comparison of one run, with the lookups the exercises share."""

    def __init__(
        self,
        articles: Sequence[Article],
        tables: Mapping[str, pd.DataFrame | SpooledTable],
        comparison: Mapping,
        lexicons: Mapping[str, Lexicon],
        config: RunConfig,
    ) -> None:
        keys = article_keys(articles)
        letters = source_keys([a.source for a in articles])
        # In the order students see them: by key (A, B1, B2, C...).
        position = {a.article_id: i for i, a in enumerate(articles)}
        self.articles = tuple(
            sorted(
                articles, key=lambda a: (len(letters[a.source]), letters[a.source], position[a.article_id])
            )
        )
        self.comparison = comparison
        self.lexicons = lexicons
        self.config = config
        self.stance = _frame(tables["stance"])
        self.frames = _frame(tables["frames"])
        self.mentions = _frame(tables["mentions"])
        sentences = _frame(tables["sentences"])
        self.sentence_frames: dict[Cite, str] = {
            Cite(str(a), int(i)): str(f) if isinstance(f, str) else ""
            for a, i, f in zip(
                sentences["article_id"], sentences["sentence_index"], sentences["frames"], strict=True
            )
        }
        self._sentences = {(s.article_id, s.sentence_index): s for a in self.articles for s in a.sentences}
        self.keys = keys
        self.source_keys = letters
        self.source_of = {a.article_id: a.source for a in self.articles}
        self.order = {a.article_id: i for i, a in enumerate(self.articles)}

    def has(self, cite: Cite) -> bool:
        return (cite.article_id, cite.sentence_index) in self._sentences

    def sentence(self, cite: Cite) -> Sentence:
        return self._sentences[(cite.article_id, cite.sentence_index)]

    def text(self, cite: Cite) -> str:
        return self.sentence(cite).text

    def key(self, cite: Cite) -> str:
        return self.keys[cite.article_id]

    def sort_key(self, cite: Cite) -> tuple[int, int]:
        """The worksheet's order: article (by key), then sentence."""
        return self.order[cite.article_id], cite.sentence_index

    def articles_of(self, source: str) -> list[Article]:
        return [a for a in self.articles if a.source == source]

    def as_written(self, cite: Cite, term: str) -> str:
        """``term`` (in the normalised matching form) as written in the sentence; the term itself
        when the sentence does not hold it."""
        sentence = self.sentence(cite)
        start = sentence.text_norm.lower().find(term.lower())
        return term if start < 0 else original_form(sentence, start, start + len(term))

    @cached_property
    def name_occurrences(self) -> dict[str, list[NameOccurrence]]:
        """Every name of the naming table found in a content sentence, by variant, in corpus
        order, found by the same matcher as the naming table's counts."""
        finder = NameFinder.from_lexicons(self.lexicons)
        found: dict[str, list[NameOccurrence]] = defaultdict(list)
        for article in self.articles:
            for s in article.sentences:
                if not s.is_content:
                    continue
                for hit in finder.matcher.find(s.text_norm, s.tokens):
                    cite = Cite(s.article_id, s.sentence_index)
                    found[hit.term].append(
                        NameOccurrence(cite, hit.term, original_form(s, hit.start, hit.end))
                    )
        return found

    @cached_property
    def speakers(self) -> dict[Cite, dict[str, str]]:
        """Who speaks in each sentence that mentions a target, per target (``author`` or the
        quoted person or body the scorer found)."""
        result: dict[Cite, dict[str, str]] = defaultdict(dict)
        for a, i, target, speaker in zip(
            self.mentions["article_id"],
            self.mentions["sentence_index"],
            self.mentions["target"],
            self.mentions["speaker"],
            strict=True,
        ):
            result[Cite(str(a), int(i))][str(target)] = str(speaker)
        return result

    def quoted_speaker(self, cite: Cite, target: str | None = None) -> str:
        """The quoted speaker of the sentence (for ``target``, or any target), or "" when the
        sentence is in the author's voice or scores no target."""
        speakers = self.speakers.get(cite, {})
        chosen = [speakers[target]] if target is not None and target in speakers else list(speakers.values())
        return next((s for s in chosen if s != AUTHOR), "")


def check_size(n_articles: int, corpus: Path | str) -> None:
    """Refuse a corpus too large to print side by side."""
    if n_articles > MAX_ARTICLES:
        raise InputError(
            f"{corpus}: has {n_articles} articles; a worksheet prints at most {MAX_ARTICLES} side by "
            "side, so give a folder or manifest with fewer articles."
        )


def analyse_corpus(
    corpus: Path | None, config: RunConfig, lexicons: Mapping[str, Lexicon] | None = None
) -> Analysis:
    """Read ``corpus`` (default: the bundled seeds) and run the same analysis as ``stance report``
    on it."""
    from stance.corpus.read import read_corpus
    from stance.pipeline import analyse, default_corpus, load_articles

    resolved = corpus if corpus is not None else default_corpus()
    lexicons = dict(lexicons) if lexicons is not None else load_lexicons(config.lexicon_dirs)
    # Counted before any segmentation, so a whole archive is refused at once.
    check_size(len(read_corpus(resolved)), resolved)
    articles = load_articles(resolved, config, lexicons)
    results = analyse(articles, lexicons, config)
    return Analysis(articles, results.tables, results.comparison, lexicons, config)
