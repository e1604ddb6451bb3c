"""The lexicon workbench behind ``stance lexicon report``: how the frame lexicons behave on a
corpus, so a researcher can see which words make a frame score and which ones misbehave.

It reports, for every frame entry: its hits in total and per source; whether it never
matches; whether the segmenter can match it as written (the term cut on its own must give
one token, and no occurrence in the corpus text may straddle token boundaries unless a longer
lexicon term took it); terms listed in two categories; coverage per category, and per
language within each category (entries and hits of each language, ``lexicon_languages.csv``;
an entry's language is its ``lang`` cell, else inferred from the term); and a
leave-one-entry-out check naming every single entry whose removal changes a source's top
frame within a frame layer (one lexicon), which flags a result resting on one word.

The segmenter is passed in as a function ``str -> tokens`` so the check uses exactly the
tokenizer the pipeline used (``stance.pipeline.make_segmenter(...).cut``). The segmenter checks
concern Chinese terms only: Latin text is cut by fixed rules at spaces, hyphens and apostrophes,
and a multiword English term matches across those tokens (:mod:`stance.lexicon.match`), so its
split is no problem, and an English word inside a longer one (ban in urban) is another word.
"""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from stance.corpus.records import Article, Sentence
from stance.lexicon import TEXT_KINDS, Lexicon
from stance.lexicon.match import TermMatcher, Vocabulary
from stance.lexicon.records import infer_language
from stance.measure.frames import FRAME_KIND, FrameIndex
from stance.output.write import (
    WORKBENCH_RECORD,
    Inputs,
    csv_bytes,
    record_bytes,
    starts_with_header,
    write_files,
)

Segment = Callable[[str], Sequence[str]]
ENTRY_COLUMNS = ("lexicon", "category", "term", "weight", "hits")
ENTRY_TAIL_COLUMNS = ("segmenter", "also_in", "fragile_for", "lang")
COVERAGE_COLUMNS = ("lexicon", "category", "entries", "entries_matched", "hits", "sentences_hit")
LANGUAGE_COLUMNS = ("lexicon", "category", "lang", "entries", "entries_matched", "hits", "sentences_hit")
FRAGILE_COLUMNS = ("source", "lexicon", "term", "category", "hits", "top_before", "top_after", "effect")
SEGMENTER_COLUMNS = ("lexicon", "category", "term", "problem")


# What ``stance lexicon report`` writes: five tables, then the summary.
WORKBENCH_FILES = (
    "lexicon_entries.csv",
    "lexicon_coverage.csv",
    "lexicon_fragile.csv",
    "lexicon_languages.csv",
    "lexicon_segmenter.csv",
    "lexicon_report.md",
)


@dataclass(frozen=True)
class WorkbenchReport:
    """The tables of ``stance lexicon report`` and their Markdown summary."""

    entries: pd.DataFrame
    coverage: pd.DataFrame
    fragile: pd.DataFrame
    segmenter: pd.DataFrame
    summary: str
    languages: pd.DataFrame

    def files(self) -> dict[str, bytes]:
        """File name -> bytes of everything the report writes (:data:`WORKBENCH_FILES`)."""
        tables = (self.entries, self.coverage, self.fragile, self.languages, self.segmenter)
        *table_names, summary = WORKBENCH_FILES
        files = {name: csv_bytes(table) for name, table in zip(table_names, tables, strict=True)}
        return files | {summary: self.summary.encode("utf-8")}


def _frame_lexicons(lexicons: Mapping[str, Lexicon]) -> list[Lexicon]:
    return [lexicons[name] for name in sorted(lexicons) if lexicons[name].kind == FRAME_KIND]


def _content(articles: Sequence[Article]) -> list[tuple[str, Sentence]]:
    ordered = sorted(articles, key=lambda a: (a.source, a.article_id))
    return [(a.source, s) for a in ordered for s in a.sentences if s.is_content]


def segmenter_problem(term: str, segment: Segment) -> str:
    """Empty when ``segment`` keeps ``term`` whole, or when the term has no Han character (see
    the module docstring); otherwise what it does, e.g. ``split: 稀土|牌``.

    >>> segmenter_problem("trade war", lambda t: tuple(t.split()))
    ''
    """
    if infer_language(term) != "zh":
        return ""
    tokens = tuple(t for t in segment(term) if t and not t.isspace())
    if tokens == (term.replace(" ", ""),):
        return ""
    return "split: " + "|".join(tokens)


def unaligned_occurrences(
    sentences: Sequence[Sentence],
    terms: Sequence[str],
    known_terms: frozenset[str],
    *,
    vocabulary: Vocabulary | None = None,
) -> dict[str, Counter[str]]:
    """Occurrences of each term in the joined tokens of ``sentences`` that do not start and end
    on token boundaries, counted by the tokens that swallowed them (e.g. ``{'中国': {'中国人': 2}}``).

    An occurrence inside a token that is itself a lexicon term (``known_terms``) is not counted:
    a longer entry took it, which is how longest-match is meant to work. With ``vocabulary``
    the boundaries are those of the units the matcher cuts tokens into (摆脱困境 is 摆脱 + 困境),
    so an occurrence the matcher finds is never reported as missed.
    """
    found: dict[str, Counter[str]] = defaultdict(Counter)
    keys = {term: term.replace(" ", "") for term in terms}
    cutter = TermMatcher((), vocabulary=vocabulary) if vocabulary is not None else None
    for sentence in sentences:
        pieces = (
            [u.text for u in cutter.units(sentence.text_norm, sentence.tokens)]
            if cutter is not None
            else sentence.tokens
        )
        text = "".join(pieces)
        bounds = [0]
        for piece in pieces:
            bounds.append(bounds[-1] + len(piece))
        boundary = set(bounds)
        for term, key in keys.items():
            if not key or key not in text:
                continue
            start = text.find(key)
            while start >= 0:
                end = start + len(key)
                if start not in boundary or end not in boundary:
                    first = max(i for i, b in enumerate(bounds) if b <= start)
                    last = min(i for i, b in enumerate(bounds) if b >= end)
                    covering = pieces[first:last]
                    if not any(tok in known_terms and tok != key for tok in covering):
                        found[term]["|".join(covering)] += 1
                start = text.find(key, start + 1)
    return dict(found)


def _tops(counts: Mapping[str, int], frames: Sequence[str]) -> tuple[str, ...]:
    best = max((counts.get(f, 0) for f in frames), default=0)
    return tuple(f for f in frames if counts.get(f, 0) == best) if best > 0 else ()


def lexicon_report(
    articles: Sequence[Article], lexicons: Mapping[str, Lexicon], segment: Segment
) -> WorkbenchReport:
    """Build the workbench tables and summary for the frame lexicons of ``lexicons`` on
    ``articles`` (only body and heading sentences count). Deterministic and independent of
    the order of ``articles``."""
    frame_lexicons = _frame_lexicons(lexicons)
    index = FrameIndex.from_lexicons(lexicons)
    content = _content(articles)
    sources = sorted({a.source for a in articles})
    known_terms = frozenset(
        e.term.replace(" ", "") for lex in lexicons.values() if lex.kind in TEXT_KINDS for e in lex.entries
    )

    # Hits per (lexicon, category, term, source), and the sentences each entry hit.
    hits: Counter[tuple[str, str, str, str]] = Counter()
    sentence_hits: list[tuple[str, Sentence, tuple]] = []
    frames_by_source: dict[str, Counter[str]] = {s: Counter() for s in sources}
    hit_sentences: dict[tuple[str, str, str], set[int]] = defaultdict(set)
    for position, (source, sentence) in enumerate(content):
        matched = index.match(sentence)
        sentence_hits.append((source, sentence, matched))
        for hit in matched:
            hits[(hit.lexicon, hit.frame, hit.term, source)] += 1
            frames_by_source[source][hit.frame] += 1
            hit_sentences[(hit.lexicon, hit.frame, hit.term)].add(position)

    # Terms listed under more than one category (in one lexicon or across lexicons).
    homes: dict[str, list[str]] = defaultdict(list)
    for lex in frame_lexicons:
        for entry in lex.entries:
            homes[entry.term].append(f"{lex.name}.{entry.category}")

    # Segmenter checks.
    all_terms = sorted({e.term for lex in frame_lexicons for e in lex.entries})
    split = {term: segmenter_problem(term, segment) for term in all_terms}
    unaligned = unaligned_occurrences(
        [s for _, s in content],
        [t for t in all_terms if infer_language(t) == "zh"],
        known_terms,
        vocabulary=index.vocabulary,
    )

    # Leave one entry out: re-match only the sentences the entry hit, without that entry.
    layer_frames = {
        lex.name: [f for f in index.frames if index.frame_lexicon[f] == lex.name] for lex in frame_lexicons
    }
    fragile_rows = []
    for lex in frame_lexicons:
        frames = layer_frames[lex.name]
        base_table: dict[str, list[str]] = defaultdict(list)
        for entry in lex.entries:
            base_table[entry.term].append(entry.category)
        for entry in lex.entries:
            key = (lex.name, entry.category, entry.term)
            if key not in hit_sentences:
                continue
            reduced = {
                t: [c for c in cats if not (t == entry.term and c == entry.category)]
                for t, cats in base_table.items()
            }
            reduced = {t: cats for t, cats in reduced.items() if cats}
            without = FrameIndex.from_terms(
                {lex.name: reduced}, {lex.name: lex.categories}, vocabulary=index.vocabulary
            )
            changed: dict[str, Counter[str]] = {s: Counter(frames_by_source[s]) for s in sources}
            touched: set[str] = set()
            for position in sorted(hit_sentences[key]):
                source, sentence, matched = sentence_hits[position]
                touched.add(source)
                changed[source].subtract(h.frame for h in matched if h.lexicon == lex.name)
                changed[source].update(h.frame for h in without.match(sentence))
            for source in sorted(touched):
                before = _tops(frames_by_source[source], frames)
                after = _tops(changed[source], frames)
                # A tie at the top is already undecided; the summary says so once instead of
                # naming every entry of the tied frames.
                if len(before) == 1 and before != after:
                    fragile_rows.append(
                        {
                            "source": source,
                            "lexicon": lex.name,
                            "term": entry.term,
                            "category": entry.category,
                            "hits": hits[(lex.name, entry.category, entry.term, source)],
                            "top_before": "|".join(before),
                            "top_after": "|".join(after),
                            # "changes": another frame wins; "ties": the top frame is shared.
                            "effect": "ties" if before[0] in after else "changes",
                        }
                    )
    fragile = pd.DataFrame(fragile_rows, columns=list(FRAGILE_COLUMNS))
    fragile_for: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for row in fragile_rows:
        fragile_for[(row["lexicon"], row["category"], row["term"])].append(row["source"])

    entry_rows = []
    segmenter_rows = []
    for lex in frame_lexicons:
        for entry in lex.entries:
            per_source = {s: hits[(lex.name, entry.category, entry.term, s)] for s in sources}
            problems = []
            if split[entry.term]:
                problems.append(split[entry.term])
            if entry.term in unaligned:
                swallowed = unaligned[entry.term]
                problems.append(
                    "missed inside larger tokens: "
                    + ", ".join(f"{tok} x{n}" for tok, n in sorted(swallowed.items()))
                )
            for problem in problems:
                segmenter_rows.append(
                    {"lexicon": lex.name, "category": entry.category, "term": entry.term, "problem": problem}
                )
            others = [h for h in homes[entry.term] if h != f"{lex.name}.{entry.category}"]
            row = {
                "lexicon": lex.name,
                "category": entry.category,
                "term": entry.term,
                "weight": entry.weight,
                "hits": sum(per_source.values()),
                **{f"hits:{s}": n for s, n in per_source.items()},
                "segmenter": "; ".join(problems) if problems else "ok",
                "also_in": ";".join(others),
                "fragile_for": ";".join(fragile_for.get((lex.name, entry.category, entry.term), [])),
                "lang": lex.entry_language(entry) or "",
            }
            entry_rows.append(row)
    columns = [*ENTRY_COLUMNS, *(f"hits:{s}" for s in sources), *ENTRY_TAIL_COLUMNS]
    entries = pd.DataFrame(entry_rows, columns=columns)
    segmenter = pd.DataFrame(segmenter_rows, columns=list(SEGMENTER_COLUMNS))

    coverage_rows = []
    for lex in frame_lexicons:
        for category in lex.categories:
            mine = entries[(entries["lexicon"] == lex.name) & (entries["category"] == category)]
            sentences_hit = {
                p
                for (ln, cat, _t), ps in hit_sentences.items()
                if ln == lex.name and cat == category
                for p in ps
            }
            coverage_rows.append(
                {
                    "lexicon": lex.name,
                    "category": category,
                    "entries": len(mine),
                    "entries_matched": int((mine["hits"] > 0).sum()),
                    "hits": int(mine["hits"].sum()),
                    "sentences_hit": len(sentences_hit),
                }
            )
    coverage = pd.DataFrame(coverage_rows, columns=list(COVERAGE_COLUMNS))
    languages = _language_coverage(frame_lexicons, entries, hit_sentences)
    summary = _summary(
        entries, coverage, fragile, segmenter, sources, len(content), frames_by_source, layer_frames
    )
    summary += _language_summary(languages)
    return WorkbenchReport(entries, coverage, fragile, segmenter, summary, languages)


def _language_coverage(
    frame_lexicons: Sequence[Lexicon],
    entries: pd.DataFrame,
    hit_sentences: Mapping[tuple[str, str, str], set[int]],
) -> pd.DataFrame:
    """One row per lexicon, category and language: the lexicon's declared ``languages`` (so a
    language without entries shows as 0), else the languages its entries are in."""
    rows = []
    for lex in frame_lexicons:
        mine = entries[entries["lexicon"] == lex.name]
        found = sorted({lang for lang in mine["lang"] if lang})
        langs = list(lex.languages) + [lang for lang in found if lang not in lex.languages]
        lang_of = {(e.category, e.term): lex.entry_language(e) or "" for e in lex.entries}
        for category in lex.categories:
            for lang in langs:
                rows_in = mine[(mine["category"] == category) & (mine["lang"] == lang)]
                sentences = {
                    p
                    for (ln, cat, term), ps in hit_sentences.items()
                    if ln == lex.name and cat == category and lang_of.get((cat, term)) == lang
                    for p in ps
                }
                rows.append(
                    {
                        "lexicon": lex.name,
                        "category": category,
                        "lang": lang,
                        "entries": len(rows_in),
                        "entries_matched": int((rows_in["hits"] > 0).sum()),
                        "hits": int(rows_in["hits"].sum()),
                        "sentences_hit": len(sentences),
                    }
                )
    return pd.DataFrame(rows, columns=list(LANGUAGE_COLUMNS))


def _language_summary(languages: pd.DataFrame) -> str:
    lines = ["", "## Coverage per language", ""]
    if languages.empty:
        lines.append("No frame entry has a language.")
        return "\n".join(lines) + "\n"
    totals = languages.groupby(["lexicon", "lang"], sort=False)[["entries", "hits"]].sum()
    for lexicon in dict.fromkeys(languages["lexicon"]):
        parts = [
            f"{lang} {int(row.entries)} entries, {int(row.hits)} hits"
            for (name, lang), row in totals.iterrows()
            if name == lexicon
        ]
        lines.append(f"- {lexicon}: " + "; ".join(parts))
    lines += ["", "| lexicon | category | lang | entries | matched | hits | sentences |"]
    lines.append("|---|---|---|---|---|---|---|")
    for row in languages.itertuples(index=False):
        lines.append(
            f"| {row.lexicon} | {row.category} | {row.lang} | {row.entries} | {row.entries_matched} | "
            f"{row.hits} | {row.sentences_hit} |"
        )
    return "\n".join(lines) + "\n"


def _summary(
    entries: pd.DataFrame,
    coverage: pd.DataFrame,
    fragile: pd.DataFrame,
    segmenter: pd.DataFrame,
    sources: Sequence[str],
    n_sentences: int,
    frames_by_source: Mapping[str, Counter[str]],
    layer_frames: Mapping[str, Sequence[str]],
    top_n: int = 10,
) -> str:
    lines = ["# Lexicon workbench", ""]
    n_matched = int((entries["hits"] > 0).sum())
    lines.append(
        f"{len(entries)} frame entries in {len(layer_frames)} lexicons; {n_matched} match at least once "
        f"in {n_sentences} content sentences from {len(sources)} sources; "
        f"{len(entries) - n_matched} never match."
    )
    lines += ["", "## Top frame per source and layer", ""]
    for source in sources:
        parts = []
        for layer, frames in layer_frames.items():
            tops = _tops(frames_by_source.get(source, Counter()), frames)
            best = frames_by_source.get(source, Counter()).get(tops[0], 0) if tops else 0
            parts.append(f"{layer}: {' = '.join(tops) if tops else 'none'} ({best} hits)")
        lines.append(f"- {source}: " + "; ".join(parts))
    lines += ["", "## Fragile results (leave one entry out)", ""]
    tied = [
        f"{source} ({layer}: {' = '.join(tops)})"
        for source in sources
        for layer, frames in layer_frames.items()
        if len(tops := _tops(frames_by_source.get(source, Counter()), frames)) > 1
    ]
    if tied:
        lines.append("Top frame tied, so undecided: " + "; ".join(tied) + ".")
        lines.append("")
    if fragile.empty:
        lines.append("No single entry decides a source's (untied) top frame.")
    for row in fragile[fragile["effect"] == "changes"].itertuples(index=False):
        lines.append(
            f"- {row.source} ({row.lexicon}): without '{row.term}' ({row.category}, {row.hits} hits) "
            f"the top frame changes from {row.top_before} to {row.top_after or 'none'}"
        )
    ties = fragile[fragile["effect"] == "ties"]
    for (source, layer, before), group in ties.groupby(["source", "lexicon", "top_before"], sort=True):
        terms = ", ".join(f"'{t}'" for t in group["term"])
        lines.append(f"- {source} ({layer}): {before} leads narrowly; without any one of {terms} it ties")
    lines += ["", f"## Most frequent entries (top {top_n})", ""]
    top = entries[entries["hits"] > 0].sort_values(["hits", "lexicon", "term"], ascending=[False, True, True])
    lines.append("| term | frame | hits | " + " | ".join(sources) + " |")
    lines.append("|---|---|---|" + "---|" * len(sources))
    for row in top.head(top_n).to_dict("records"):
        per = " | ".join(str(row[f"hits:{s}"]) for s in sources)
        lines.append(f"| {row['term']} | {row['category']} | {row['hits']} | {per} |")
    split = segmenter[segmenter["problem"].str.startswith("split")]
    missed = segmenter[segmenter["problem"].str.startswith("missed")]
    lines += ["", "## Entries the segmenter cannot match as written", ""]
    if split.empty:
        lines.append("None: the segmenter keeps every entry whole when it is cut on its own.")
    else:
        for row in split.itertuples(index=False):
            lines.append(f"- {row.term} ({row.lexicon}.{row.category}): {row.problem}")
    lines += ["", "## Occurrences swallowed by larger tokens", ""]
    lines.append(
        "The text contains the entry, but inside a longer word the segmenter keeps whole, so it does "
        "not count. Add the longer word as an entry if it carries the frame."
    )
    lines.append("")
    if missed.empty:
        lines.append("None.")
    else:
        for row in missed.itertuples(index=False):
            lines.append(f"- {row.term} ({row.lexicon}.{row.category}): {row.problem}")
    lines += ["", "## Entries in two categories", ""]
    doubles = entries[entries["also_in"] != ""]
    if doubles.empty:
        lines.append("None.")
    else:
        for row in doubles.itertuples(index=False):
            lines.append(f"- {row.term}: {row.lexicon}.{row.category}, also {row.also_in}")
    lines += ["", "## Coverage per category", ""]
    lines.append("| lexicon | category | entries | matched | hits | sentences |")
    lines.append("|---|---|---|---|---|---|")
    for row in coverage.itertuples(index=False):
        lines.append(
            f"| {row.lexicon} | {row.category} | {row.entries} | {row.entries_matched} | {row.hits} | "
            f"{row.sentences_hit} |"
        )
    never = entries[entries["hits"] == 0]
    lines += ["", f"## Entries that never match ({len(never)})", ""]
    lines.append("Listed in full in lexicon_entries.csv (hits = 0).")
    return "\n".join(lines) + "\n"


def workbench_file_names() -> list[str]:
    """Every file ``stance lexicon report`` writes, its hidden record included."""
    return sorted([*WORKBENCH_FILES, WORKBENCH_RECORD])


def earlier_workbench(out: Path) -> tuple[str, ...]:
    """The files of a workbench written into ``out`` before the workbench kept a record (no
    record, and a ``lexicon_coverage.csv`` with the workbench's header): they count as its own."""
    coverage = out / WORKBENCH_FILES[1]
    if os.path.lexists(out / WORKBENCH_RECORD) or not starts_with_header(coverage, COVERAGE_COLUMNS):
        return ()
    return WORKBENCH_FILES


def write_workbench(report: WorkbenchReport, out: Path, *, inputs: Inputs | None = None) -> list[Path]:
    """Write the workbench files into ``out`` (created if needed) as one set, as a report is
    written (:func:`stance.output.write.write_files`: the previous files or the new ones, never a
    mix, and never over one of the run's ``inputs``), with a hidden record of them, so that a
    later run replaces only these and never a file of the user's of the same name; return the
    paths of the workbench files."""
    files = report.files()
    files[WORKBENCH_RECORD] = record_bytes(files, WORKBENCH_RECORD)
    written = write_files(out, files, inputs=inputs, legacy=earlier_workbench(out))
    return [path for path in written if path.name != WORKBENCH_RECORD]
