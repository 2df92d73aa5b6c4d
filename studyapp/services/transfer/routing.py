"""Telling question-set files from articles, and sampling delimited text for the column step.

A file is routed by its name and content:

* ``.md .markdown .html .htm .xhtml .epub`` are always articles;
* ``.txt``/``.text``/no extension are question sets when the registry recognises them
  (GIFT, Aiken, an Anki text export …) and articles when it does not, or when only the
  catch-all delimited-text reader matched and the text reads like prose (see
  :func:`text_reads_as_prose`);
* every other name goes to the registry, which judges the content (a ZIP named ``.csv``
  is refused, not read as text).
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from studyapp.core.errors import InputError
from studyapp.exchange.csv_layout import (
    CsvLayout,
    CsvOptions,
    guess_delimiter,
    parse_directives,
    role_of,
    split_rows,
)
from studyapp.exchange.csv_text import inspect as inspect_text
from studyapp.exchange.registry import detect_format
from studyapp.exchange.text import sniff_encoding

ARTICLE_SUFFIXES = (".md", ".markdown", ".html", ".htm", ".xhtml", ".epub")
TEXT_SUFFIXES = (".txt", ".text", "")  # a question set or an article, by content
SAMPLE_BYTES = 256 * 1024
SAMPLE_ROWS = 200


@dataclass(frozen=True)
class TextSample:
    """The first rows of a delimited text file as the detected layout splits them."""

    layout: CsvLayout
    rows: tuple[tuple[str, ...], ...]


def _sample_text(path: Path, encoding: str | None = None) -> str:
    """The start of a text file, decoded leniently (only its shape is judged)."""
    with Path(path).open("rb") as stream:
        data = stream.read(SAMPLE_BYTES)
    found, skip = sniff_encoding(data)
    if skip == 0 and encoding:
        found = encoding
    try:
        text = data[skip:].decode(found, "replace")
    except LookupError:
        text = data[skip:].decode("utf-8", "replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def text_layout(path: Path, options: CsvOptions | None = None) -> CsvLayout:
    """The separator, HTML flag, header and column roles guessed for a delimited text file.

    The import dialog shows this guess and may pass a changed ``ColumnMapping`` or
    ``CsvOptions`` back when the file is planned again.

    Raises:
        InputError: the file cannot be decoded or has a single column.
    """
    return inspect_text(Path(path), options)


def text_sample(path: Path, options: CsvOptions | None = None) -> TextSample:
    """The layout guessed for a delimited text file and its first rows (the column step).

    Raises:
        InputError: the file cannot be decoded or has a single column.
    """
    layout = text_layout(Path(path), options)
    lines = _sample_text(path, options.encoding if options else None).split("\n")
    body = "\n".join(lines[layout.directive_lines :])
    rows = split_rows(body, layout.delimiter, layout.quoting, SAMPLE_ROWS + 1)
    if layout.header_row:
        rows = rows[1:]
    return TextSample(layout, tuple(tuple(row) for row in rows[:SAMPLE_ROWS]))


def text_reads_as_prose(path: Path) -> bool:
    """True when a text file the delimited-text reader would accept is really an article.

    Question sets put one card per line with the same number of fields on every line;
    prose has paragraphs with a varying number of commas, lines without any separator,
    or indented paragraphs. Anki header directives or a header row always mean a set.
    The shape is judged on leniently decoded text, so a badly encoded question set still
    goes to the question-set reader, which names the bad byte and its line.
    """
    lines = _sample_text(path).split("\n")
    directives, skip = parse_directives(lines)
    if directives:
        return False
    body = "\n".join(lines[skip:])
    delimiter = guess_delimiter(body, quoting=True)
    if delimiter is None:
        return True  # a single column: no question/answer pairs in it
    rows = split_rows(body, delimiter, True, SAMPLE_ROWS)
    if not rows:
        return True
    roles = {role_of(cell) for cell in rows[0]}
    if "question" in roles and ("answer" in roles or "explanation" in roles):
        return False  # a spreadsheet header row
    with_fields = sum(len(row) >= 2 for row in rows) / len(rows)
    first_empty = sum(not row[0].strip() for row in rows) / len(rows)
    if with_fields < 0.6 or first_empty > 0.5:
        return True
    if delimiter == "\t":
        return False  # tabs do not occur in prose; tab-separated lines are cards
    same_shape = Counter(len(row) for row in rows).most_common(1)[0][1] / len(rows)
    length = statistics.median(len(delimiter.join(row)) for row in rows)
    return same_shape < 0.6 or length > 200


def route(path: Path) -> str:
    """Return "article" or "questions": how a file will be read (only its start is read)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in ARTICLE_SUFFIXES:
        return "article"
    if suffix not in TEXT_SUFFIXES:
        return "questions"
    try:
        importer = detect_format(path)
    except InputError:
        return "article"  # the article loader says what is wrong with it
    if importer.name == "csv" and text_reads_as_prose(path):
        return "article"
    return "questions"


def is_ambiguous(layout: CsvLayout, rows: Sequence[Sequence[str]]) -> bool:
    """Columns the user should confirm: no names for them and more than two, or ragged rows."""
    named = layout.header_row or "columns" in layout.directives
    if named or any(key.endswith(" column") for key in layout.directives):
        return False
    if layout.columns >= 3:
        return True
    shapes = Counter(len(row) for row in rows)
    return bool(rows) and shapes.most_common(1)[0][1] / len(rows) < 0.9
