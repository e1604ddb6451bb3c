"""Helpers shared by the lexicon, frame and workbench tests: write small lexicons, build
Sentence records the way the pipeline does (normalise, then a private jieba tokenizer with the
terms added), and run the ``stance lexicon`` subcommands in-process."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from pathlib import Path

from stance.corpus.records import Article, Sentence
from stance.lexicon import Entry, Lexicon, lock_lexicon
from stance.text.normalise import normalise_text


def write_lexicon(
    directory: Path,
    rows: Iterable[str],
    *,
    name: str = "test_frames",
    kind: str = "frames",
    categories: Sequence[str] = ("economic", "conflict"),
    columns: Sequence[str] = ("term", "category", "weight", "note"),
    weight_range: tuple[float, float] = (0.0, 1.0),
    manifest_extra: str = "",
    lock: bool = True,
) -> Path:
    """Write a lexicon whose entries.tsv holds the header and ``rows`` verbatim;
    ``manifest_extra`` is added to the manifest as written (``registers = [...]``)."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "entries.tsv").write_text(
        "\t".join(columns) + "\n" + "".join(r + "\n" for r in rows), encoding="utf-8"
    )
    cats = ", ".join(f'"{c}"' for c in categories)
    cols = ", ".join(f'"{c}"' for c in columns)
    (directory / "manifest.toml").write_text(
        f'name = "{name}"\nversion = "1.0.0"\nkind = "{kind}"\ndescription = "test"\n'
        'provenance = "written for the tests"\nlicence = "CC0-1.0"\n'
        f"columns = [{cols}]\n"
        f"categories = [{cats}]\nweight_range = [{weight_range[0]!r}, {weight_range[1]!r}]\n"
        + manifest_extra
        + 'checksum = ""\n',
        encoding="utf-8",
    )
    if lock:
        lock_lexicon(directory)
    return directory


class Tokenize:
    """normalise_text + a private jieba.Tokenizer with ``terms`` added (stands in for the
    pipeline's segmenter; whitespace tokens dropped as the pipeline does)."""

    def __init__(self, terms: Iterable[str]) -> None:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        self.tokenizer = jieba.Tokenizer()
        for term in sorted(set(terms)):
            self.tokenizer.add_word(term, 1000)

    def cut(self, text: str) -> tuple[str, ...]:
        return tuple(t for t in self.tokenizer.cut(text, HMM=False) if t.strip())

    def sentence(self, article_id: str, index: int, text: str, kind: str = "body") -> Sentence:
        norm = normalise_text(text)
        return Sentence(article_id, index, kind, text, norm, self.cut(norm))


def article(article_id: str, source: str, sentences: Sequence[Sentence]) -> Article:
    return Article(
        article_id, source, "", "zh", "", "", "", "", f"{article_id}.txt", "utf-8", tuple(sentences)
    )


def tokens_sentence(article_id: str, index: int, tokens: Sequence[str], kind: str = "body") -> Sentence:
    text = "".join(tokens)
    return Sentence(article_id, index, kind, text, text, tuple(tokens))


def run_lexicon_cli(capsys, *argv: object) -> tuple[int, str, str]:
    """Run ``stance lexicon ...`` through ``stance.cli.main.main``; return (exit code, stdout, stderr)."""
    from stance.cli.main import main

    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def targets_lexicon_from_rows(rows: Sequence[tuple[str, str, str, str]]) -> Lexicon:
    """A targets lexicon in memory from (term, target, register, alias_kind) rows."""
    entries = tuple(
        Entry(t, c, 1.0, "", i + 2, {"register": r, "alias_kind": k}) for i, (t, c, r, k) in enumerate(rows)
    )
    columns = ("term", "category", "weight", "note", "register", "alias_kind")
    categories = tuple(sorted({r[1] for r in rows}))
    return Lexicon(
        "targets", "1.0.0", "targets", "", "", "", columns, categories, (0.0, 1.0), "", Path("t"), entries
    )
