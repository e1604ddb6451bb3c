"""What the report can measure in each language: which languages the loaded lexicons have entries
for, and the notes a report section carries when some of its articles are in a language its
lexicons do not cover (instead of empty cells with no word of why).

The inputs are plain data already in :class:`stance.report.ReportData`: the lexicon summaries of
``methods["lexicons"]`` (name, kind and the ``languages`` their entries are in) and the
``language`` of each article in ``generated_from``. A summary without ``languages`` (an older
report) says nothing about coverage, so no note is written from it.

>>> cover = lexicon_coverage([{"name": "frames_policy", "kind": "frames", "languages": ["zh"]}])
>>> cover[0]["languages"], cover[0]["missing"]
(['zh'], [])
>>> coverage_notes(cover, {"Reuters": ["en"], "新华社": ["zh"]})["frames"]
['frames: no English entries in lexicon frames_policy; English articles (Reuters) show no frame scores.']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

LANGUAGE_NAMES = {"zh": "Chinese", "en": "English"}


@dataclass(frozen=True)
class Role:
    """What the report does with one kind of lexicon: ``what`` names it, ``section`` is the report
    section whose numbers rest on it, ``kind`` or ``name`` picks the lexicons (by name when set),
    ``consequence`` says what a language without entries gets ({lang} is its name)."""

    what: str
    section: str
    kind: str
    consequence: str
    name: str = ""

    def takes(self, lexicon: Mapping[str, Any]) -> bool:
        if self.name:
            return str(lexicon.get("name", "")) == self.name
        return str(lexicon.get("kind", "")) == self.kind


# In report order; ``section`` is one of: sources, stance, frames, figures.
ROLES = (
    Role(
        "furniture",
        "sources",
        "rules",
        "page furniture (bylines, sign-up and copyright lines) of {lang} articles is not recognised and is "
        "scored as text",
        name="furniture",
    ),
    Role("stance cues", "stance", "cues", "{lang} sentences get no stance from cue words"),
    Role("targets", "stance", "targets", "{lang} sentences mention no target, so get no stance scores"),
    Role("frames", "frames", "frames", "{lang} articles show no frame scores"),
    Role(
        "quantities",
        "figures",
        "variants",
        "{lang} figures get no quantity and are left out of the figures table",
        name="quantities",
    ),
)
SECTIONS = ("sources", "stance", "frames", "figures")


def language_name(code: str) -> str:
    """``English`` for ``en``; an unknown code as it is."""
    return LANGUAGE_NAMES.get(code, code)


def article_languages(generated_from: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """article_id -> language code, for the articles whose language is known."""
    out = {}
    for article in generated_from:
        language = article.get("language")
        if isinstance(language, str) and language:
            out[str(article.get("article_id", ""))] = language
    return out


def source_languages(generated_from: Iterable[Mapping[str, Any]]) -> dict[str, list[str]]:
    """source -> the sorted languages of its articles (sources with no known language left out)."""
    found: dict[str, set[str]] = {}
    for article in generated_from:
        language = article.get("language")
        if isinstance(language, str) and language:
            found.setdefault(str(article.get("source", "")), set()).add(language)
    return {source: sorted(languages) for source, languages in sorted(found.items())}


def lexicon_coverage(
    lexicons: Sequence[Mapping[str, Any]], corpus_languages: Iterable[str] = ()
) -> list[dict[str, Any]]:
    """One row per :data:`ROLES` entry with lexicons: ``what``, ``section``, ``lexicons`` (their
    names), ``languages`` (with entries in any of them; None when a summary does not say) and
    ``missing`` (the corpus languages not among them)."""
    wanted = sorted(set(corpus_languages))
    rows = []
    for role in ROLES:
        chosen = sorted(
            (lex for lex in lexicons if role.takes(lex)), key=lambda lex: str(lex.get("name", ""))
        )
        if not chosen:
            continue
        known = all(isinstance(lex.get("languages"), list | tuple) for lex in chosen)
        languages = sorted({str(x) for lex in chosen for x in lex.get("languages") or ()}) if known else None
        rows.append(
            {
                "what": role.what,
                "section": role.section,
                "lexicons": [str(lex.get("name", "")) for lex in chosen],
                "languages": languages,
                "missing": [x for x in wanted if x not in languages] if languages is not None else [],
            }
        )
    return rows


def coverage_notes(
    coverage: Sequence[Mapping[str, Any]], languages_of_sources: Mapping[str, Sequence[str]]
) -> dict[str, list[str]]:
    """section -> the notes it carries: one per (lexicon role, corpus language) without entries,
    naming the lexicons, the sources with articles in that language, and what they get; an empty
    list for a section whose lexicons cover every language of the corpus."""
    notes: dict[str, list[str]] = {section: [] for section in SECTIONS}
    corpus = sorted({x for languages in languages_of_sources.values() for x in languages})
    consequences = {role.what: role.consequence for role in ROLES}
    for row in coverage:
        if row["languages"] is None:
            continue
        for language in corpus:
            if language in row["languages"]:
                continue
            name = language_name(language)
            sources = sorted(s for s, languages in languages_of_sources.items() if language in languages)
            plural = "s" if len(row["lexicons"]) > 1 else ""
            consequence = consequences[row["what"]].format(lang=name)
            notes[row["section"]].append(
                f"{row['what']}: no {name} entries in lexicon{plural} {', '.join(row['lexicons'])}; "
                f"{_with_sources(consequence, name, sources)}."
            )
    return notes


def _with_sources(consequence: str, name: str, sources: Sequence[str]) -> str:
    """The consequence with the sources named after the first mention of the language's
    articles or sentences: "English articles (Reuters, SCMP) show no frame scores"."""
    listed = f" ({', '.join(sources)})" if sources else ""
    for noun in ("articles", "sentences", "figures"):
        marker = f"{name} {noun}"
        if marker in consequence:
            return consequence.replace(marker, marker + listed, 1)
    return consequence + listed
