"""CSV/TSV importer: Anki text exports, Quizlet exports, Mnemosyne TSV, spreadsheets with a header."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from studyapp.core.errors import InputError
from studyapp.core.exchange import CompactRecords, ParsedSet, RecordProblem
from studyapp.core.progress import Progress
from studyapp.exchange.csv_layout import (
    SEPARATOR_NAMES,
    ColumnMapping,
    CsvLayout,
    CsvOptions,
    guess_delimiter,
    guess_mapping,
    looks_like_table,
    parse_directives,
    role_of,
    split_rows,
)
from studyapp.exchange.csv_rows import body_is_clean, compact_basic, quick_builder, row_records
from studyapp.exchange.records import (
    RecordInvalid,
    looks_like_html,
)
from studyapp.exchange.text import content_kind, decode_text, read_bytes, sniff_encoding

PROGRESS_EVERY = 2000  # rows between progress reports (and chances to cancel)


def _prepare(path: Path, options: CsvOptions) -> tuple[list[str], CsvOptions]:
    """Decoded lines (endings normalised) and the options that apply to them.

    Quizlet lets users pick any string as term or row separator; such strings are turned
    into a unit separator / newline first, and quoting is off for such files.
    """
    text = decode_text(path, read_bytes(path), options.encoding)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if options.row_separator and options.row_separator not in ("\n", "\r\n", "\r"):
        text = text.replace("\n", "<br>").replace(options.row_separator, "\n")
        options = replace(options, quoting=False)
    if options.delimiter and len(options.delimiter) > 1:
        text = text.replace(options.delimiter, "\x1f")
        options = replace(options, delimiter="\x1f", quoting=False)
    return text.split("\n"), options


def inspect(path: Path, options: CsvOptions | None = None) -> CsvLayout:
    """Detect separator, HTML, header and column roles without importing.

    Raises:
        InputError: the file cannot be decoded or has a single column.
    """
    lines, options = _prepare(path, options or CsvOptions())
    return _layout(path, lines, options)


def _layout(path: Path, lines: list[str], options: CsvOptions) -> CsvLayout:
    directives, skip = parse_directives(lines)
    body = "\n".join(lines[skip:])
    quoting = options.quoting  # _prepare turned it off for Quizlet's custom separators
    delimiter = options.delimiter
    if delimiter is None and "separator" in directives:
        value = directives["separator"]
        delimiter = SEPARATOR_NAMES.get(value.lower(), value[:1] or None)
    if delimiter is None:
        delimiter = guess_delimiter(body, quoting)
    if delimiter is None:
        raise InputError(
            str(path),
            "only one column: no tab, semicolon, comma or | separates a question from its answer",
            line=skip + 1,
        )
    rows = split_rows(body, delimiter, quoting, 200)
    names: list[str] = []
    if "columns" in directives:
        names = directives["columns"].split(delimiter)
    header_row = False
    if rows and not names and (options.header or options.header is None and _is_header(rows[0])):
        names, header_row, rows = rows[0], True, rows[1:]
    mapping = guess_mapping(rows, directives, names)
    html = options.html
    if html is None and "html" in directives:
        html = directives["html"].lower() == "true"
    if html is None:
        html = any(looks_like_html(cell) for row in rows for cell in row)
    columns = max([len(r) for r in rows] + [len(names), 2])
    return CsvLayout(
        delimiter=delimiter,
        html=html,
        quoting=quoting,
        columns=columns,
        mapping=mapping,
        header=tuple(n.strip() for n in names),
        header_row=header_row,
        deck=directives.get("deck", ""),
        notetype=directives.get("notetype", ""),
        tags=tuple(directives.get("tags", "").split()),
        directives=directives,
        directive_lines=skip,
    )


def _is_header(row: list[str]) -> bool:
    roles = [role_of(cell) for cell in row if cell.strip()]
    return "question" in roles and ("answer" in roles or "explanation" in roles)


class CsvImporter:
    """Delimited text: detect → inspect (the dialog's guess) → read with an optional override."""

    name = "csv"
    label = "Text (CSV/TSV: Anki, Quizlet, Mnemosyne, spreadsheet)"
    extensions = (".csv", ".tsv", ".txt", ".tab")

    def detect(self, path: Path, head: bytes) -> bool:
        """Text with a table extension, or a ``.txt`` whose lines split into columns (not prose).

        This is the catch-all text format, so the registry asks it last.
        """
        suffix = path.suffix.lower()
        if suffix not in self.extensions or content_kind(head) != "text":
            return False
        if suffix != ".txt":
            return True
        encoding, skip = sniff_encoding(head)
        sample = head[skip:].decode(encoding, "ignore")
        if len(head) >= 4096:
            sample = sample.rsplit("\n", 1)[0]  # the last line of a sample may be cut short
        return looks_like_table(sample)

    def read(
        self,
        path: Path,
        progress: Progress,
        options: CsvOptions | None = None,
        mapping: ColumnMapping | None = None,
    ) -> ParsedSet:
        """Read every row into records; rows that cannot be questions become problems.

        Raises:
            InputError: undecodable text, a single column, broken quoting (with its line).
        """
        lines, options = _prepare(path, options or CsvOptions())
        layout = _layout(path, lines, options)
        mapping = mapping or layout.mapping
        body = "\n".join(lines[layout.directive_lines :])
        records: list[Any] = []  # records, and plain rows as compact tuples
        problems: list[RecordProblem] = []
        total = len(lines)
        header_pending = layout.header_row
        quick = quick_builder(mapping, layout, clean=body_is_clean(body))
        index = 0
        for numbers, rows in _rows(path, body, layout, lines):
            # The plain rows of a chunk are built in one pass (map calls the builder from C);
            # any row it leaves (None), and the header row, are gone through one by one.
            built = list(map(quick, rows)) if quick is not None else [None] * len(rows)
            if not header_pending and all(built):  # (records are true, None is not)
                records.extend(built)  # type: ignore[arg-type]
                index += len(built)
            else:
                for line, row, record in zip(numbers, rows, built, strict=True):
                    if record is not None and not header_pending:
                        index += 1
                        records.append(record)
                        continue
                    if not any(row) or not "".join(row).strip():
                        continue
                    if header_pending:
                        header_pending = False
                        continue
                    index += 1
                    try:
                        records.extend(row_records(row, mapping, layout))
                    except RecordInvalid as error:
                        problems.append(RecordProblem(str(error), line=line, record=str(index)))
            progress(numbers[-1], total, f"{index} rows read")
        progress(total, total, f"{index} rows read")
        compact = CompactRecords(records, compact_basic, basic=True)
        decks = (item[3] if type(item) is tuple else item.deck for item in records)
        return ParsedSet(
            path=str(path),
            format=self.name,
            records=compact,
            problems=tuple(problems),
            decks=tuple(deck for deck in dict.fromkeys(decks) if deck),
        )


def _rows(
    path: Path, body: str, layout: CsvLayout, lines: list[str]
) -> Iterator[tuple[Sequence[int], list[list[str]]]]:
    """The rows of the body, in chunks: (each row's starting line number, the rows' fields).

    A chunk holds PROGRESS_EVERY rows, so the caller reports progress (and may be
    cancelled) between chunks rather than testing a counter on every row.
    """
    offset = layout.directive_lines
    delimiter = layout.delimiter
    if '"' not in body or not layout.quoting:
        # No quoting anywhere: splitting lines is what the csv module would do, only faster.
        for start in range(offset, len(lines), PROGRESS_EVERY):
            part = lines[start : start + PROGRESS_EVERY]
            numbers = range(start + 1, start + 1 + len(part))
            if delimiter == "\t":
                yield numbers, [text.split("\t") for text in part]
            else:
                yield (
                    numbers,
                    [[cell.lstrip(" ") for cell in text.split(delimiter)] for text in part],
                )
        return
    reader = csv.reader(
        io.StringIO(body),
        delimiter=delimiter,
        quoting=csv.QUOTE_MINIMAL,
        skipinitialspace=delimiter != "\t",
        strict=True,
    )
    starts: list[int] = []
    rows: list[list[str]] = []
    while True:
        start = offset + reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            raise InputError(str(path), _quoting_reason(str(error)), line=start) from error
        starts.append(start)
        rows.append(row)
        if len(rows) == PROGRESS_EVERY:
            yield starts, rows
            starts, rows = [], []
    if rows:
        yield starts, rows


def _quoting_reason(message: str) -> str:
    if "unexpected end of data" in message:
        return 'a quoted field starting on this line is never closed (missing closing ")'
    if "expected after" in message:
        return (
            "text follows a closing quote inside a field (a quote inside a field must be doubled)"
        )
    return f"cannot split the row into fields: {message}"
