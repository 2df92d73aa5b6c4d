"""CSV/TSV importer: Anki text exports, Quizlet exports, Mnemosyne TSV, spreadsheets with a header."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from studyapp.core.errors import InputError
from studyapp.core.exchange import ParsedSet, RecordProblem
from studyapp.core.progress import Progress
from studyapp.core.questions import QuestionRecord, SourceSpan
from studyapp.exchange.csv_layout import (
    SEPARATOR_NAMES,
    ColumnMapping,
    CsvLayout,
    CsvOptions,
    guess_delimiter,
    guess_mapping,
    parse_directives,
    role_of,
    split_rows,
)
from studyapp.exchange.records import RecordInvalid, looks_like_html, make_record, plain_to_html
from studyapp.exchange.text import content_kind, decode_text, read_bytes

_CLOZE = re.compile(r"\{\{c(\d+)::(.*?)(?:::(.*?))?\}\}", re.DOTALL)
PROGRESS_EVERY = 2000


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
    quoting = options.quoting and options.row_separator is None
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
        """Text with a text extension: the catch-all text format, so the registry asks it last."""
        return path.suffix.lower() in self.extensions and content_kind(head) == "text"

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
        reader = csv.reader(
            io.StringIO(body),
            delimiter=layout.delimiter,
            quoting=csv.QUOTE_MINIMAL if layout.quoting else csv.QUOTE_NONE,
            skipinitialspace=layout.delimiter != "\t",
            strict=True,
        )
        records: list[QuestionRecord] = []
        problems: list[RecordProblem] = []
        total = len(lines)
        offset = layout.directive_lines
        header_pending = layout.header_row
        start = offset + 1
        index = 0
        while True:
            start = offset + reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as error:
                raise InputError(str(path), _quoting_reason(str(error)), line=start) from error
            if not row or not any(cell.strip() for cell in row):
                continue
            if header_pending:
                header_pending = False
                continue
            index += 1
            try:
                records.extend(_row_records(row, mapping, layout))
            except RecordInvalid as error:
                problems.append(RecordProblem(str(error), line=start, record=str(index)))
            if index % PROGRESS_EVERY == 0:
                progress(offset + reader.line_num, total, f"{index} rows read")
        progress(total, total, f"{index} rows read")
        return ParsedSet(
            path=str(path),
            format=self.name,
            records=tuple(records),
            problems=tuple(problems),
            decks=tuple(dict.fromkeys(r.deck for r in records if r.deck)),
        )


def _quoting_reason(message: str) -> str:
    if "unexpected end of data" in message:
        return "a quoted field starting on this line is never closed (missing closing \")"
    if "expected after" in message:
        return "text follows a closing quote inside a field (a quote inside a field must be doubled)"
    return f"cannot split the row into fields: {message}"


def _cell(row: list[str], column: int | None) -> str:
    return row[column] if column is not None and column < len(row) else ""


def _row_records(row: list[str], mapping: ColumnMapping, layout: CsvLayout) -> list[QuestionRecord]:
    """The one or more records one row makes (a cloze or reversed note makes several)."""
    if len(row) == 1 and layout.columns > 1:
        raise RecordInvalid(f"only one field: no separator {layout.delimiter!r} in the row")

    def field(column: int | None) -> str:
        value = _cell(row, column)
        return value if layout.html else plain_to_html(value)

    prompt = field(mapping.question)
    answer = "<br>".join(v for v in (field(c) for c in mapping.answer) if v.strip())
    tags = layout.tags + tuple(_cell(row, mapping.tags).split())
    deck = _cell(row, mapping.deck) or layout.deck
    guid = _cell(row, mapping.guid)
    explanation = field(mapping.explanation)
    own = _cell(row, mapping.studyapp)
    if own.strip():
        return [_own_record(own, prompt, answer, explanation, tags, deck, guid)]
    notetype = (_cell(row, mapping.notetype) or layout.notetype).lower()
    common: dict[str, Any] = {"tags": tags, "deck": deck}
    numbers = sorted({int(m.group(1)) for m in _CLOZE.finditer(prompt)})
    if numbers and ("cloze" in notetype or not notetype):
        extra = "<br>".join(v for v in (answer, explanation) if v)
        return [_cloze_record(prompt, n, extra, guid, common) for n in numbers]
    kind = "typed" if "type in" in notetype else "basic"
    records = [make_record(kind, prompt, answer, explanation=explanation, external_id=guid, **common)]
    if "and reversed" in notetype and answer:
        reverse_id = f"{guid}#reverse" if guid else ""
        records.append(make_record("basic", answer, prompt, external_id=reverse_id, **common))
    return records


def _cloze_record(text: str, number: int, extra: str, guid: str, common: dict[str, Any]) -> QuestionRecord:
    deletions = [m.group(2) for m in _CLOZE.finditer(text) if int(m.group(1)) == number]
    external = f"{guid}#c{number}" if guid else ""
    return make_record(
        "cloze", text, ", ".join(deletions), payload={"cloze": number},
        explanation=extra, external_id=external, **common,
    )  # fmt: skip


def _own_record(
    own: str, prompt: str, answer: str, explanation: str, tags: tuple[str, ...], deck: str, guid: str
) -> QuestionRecord:
    """A row written by StudyApp's CSV exporter: the JSON column restores what CSV cannot hold."""
    try:
        extra = json.loads(own)
    except ValueError as error:
        raise RecordInvalid(f"the StudyApp column is not valid JSON: {error}") from error
    if not isinstance(extra, dict) or not isinstance(extra.get("kind", "basic"), str):
        raise RecordInvalid("the StudyApp column must be a JSON object with a kind")
    source = extra.get("source")
    span = None
    if isinstance(source, dict):
        try:
            span = SourceSpan(int(source["passage"]), int(source["start"]), int(source["end"]), str(source["text"]))
        except (KeyError, TypeError, ValueError) as error:
            raise RecordInvalid("the StudyApp column has a malformed source span") from error
    payload = extra.get("payload", {})
    if not isinstance(payload, dict):
        raise RecordInvalid("the StudyApp column's payload must be an object")
    return make_record(
        extra.get("kind", "basic"), prompt, answer, payload=payload, explanation=explanation,
        difficulty=extra.get("difficulty", 0.5), tags=tags, deck=deck, source=span, external_id=guid,
    )  # fmt: skip
