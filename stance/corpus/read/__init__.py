"""Reading a corpus: a directory (with an optional ``corpus.csv`` manifest), a single article
file, or a JSONL/CSV table with a text column. Encodings are detected, HTML pages are reduced to
their article text with trafilatura, and every problem is a one-line :class:`InputError`.

The reader yields :class:`RawDocument` records; it does not split or judge the text. It reads
one corpus, exactly: see :mod:`.files` for what it refuses.
"""

from stance.corpus.read.corpus import iter_lines, read_corpus
from stance.corpus.read.decode import clean_text, decode_bytes, read_text_file
from stance.corpus.read.documents import read_article_file
from stance.corpus.read.files import MANIFEST_NAME, TABLE_SUFFIXES, TEXT_SUFFIXES, check_out_outside_corpus
from stance.corpus.read.formats import html_to_text, markdown_to_text
from stance.corpus.read.tables import TEXT_FIELDS, read_manifest, read_table

__all__ = [
    "MANIFEST_NAME",
    "TABLE_SUFFIXES",
    "TEXT_FIELDS",
    "TEXT_SUFFIXES",
    "check_out_outside_corpus",
    "clean_text",
    "decode_bytes",
    "html_to_text",
    "iter_lines",
    "markdown_to_text",
    "read_article_file",
    "read_corpus",
    "read_manifest",
    "read_table",
    "read_text_file",
]
