"""CSV and tab-separated exporters: Anki's "Notes in Plain Text" with header directives, read back
losslessly."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from studyapp.core.exchange import MediaFile
from studyapp.core.progress import Progress
from studyapp.core.questions import QuestionRecord
from studyapp.exchange.output import write_atomically

COLUMNS = ("guid", "notetype", "deck", "tags", "Front", "Back", "Explanation", "StudyApp")
SEPARATOR_NAMES = {",": "comma", "\t": "tab"}  # as Anki's #separator: directive names them


def header(separator: str) -> str:
    """Anki's header directives: the separator, HTML, and which column holds what."""
    return (
        f"#separator:{SEPARATOR_NAMES[separator]}\n"
        "#html:true\n"
        "#guid column:1\n"
        "#notetype column:2\n"
        "#deck column:3\n"
        "#tags column:4\n"
        "#columns:" + separator.join(COLUMNS) + "\n"
    )
# Anki's stock note types; quiz kinds travel as Basic, their details in the StudyApp column.
NOTETYPES = {"basic": "Basic", "typed": "Basic (type in the answer)", "cloze": "Cloze"}


def _quote(value: str, first: bool, separator: str) -> str:
    """Quote like Anki: only when needed, doubling quotes; a leading '#' would read as a comment."""
    needs = (
        any(c in value for c in f'{separator}\n\r"')
        or (first and value.startswith("#"))
        or value != value.strip()
    )
    return '"' + value.replace('"', '""') + '"' if needs else value


def studyapp_column(record: QuestionRecord) -> str:
    """What CSV columns cannot hold (kind, payload, difficulty, source) as compact JSON."""
    extra: dict[str, Any] = {"kind": record.kind}
    if record.payload:
        extra["payload"] = record.payload
    if record.difficulty != 0.5:
        extra["difficulty"] = record.difficulty
    if record.source is not None:
        s = record.source
        extra["source"] = {"passage": s.passage, "start": s.start, "end": s.end, "text": s.text}
    return json.dumps(extra, ensure_ascii=False, separators=(",", ":"))


def csv_row(record: QuestionRecord, separator: str = "\t") -> str:
    """One record as one line (fields holding the separator or a newline are quoted)."""
    cells = (
        record.external_id,
        NOTETYPES.get(record.kind, "Basic"),
        record.deck,
        " ".join(record.tags),
        record.prompt,
        record.answer,
        record.explanation,
        studyapp_column(record),
    )
    return separator.join(_quote(cell, index == 0, separator) for index, cell in enumerate(cells))


class CsvExporter:
    """Text that Anki imports (Front/Back into Basic, Cloze or typed notes) and StudyApp reads back whole:
    comma-separated values (``csv``, RFC 4180 quoting) or tab-separated (``tsv``).

    Media files cannot travel inside a text file; they are left out (export an .apkg or
    JSON to keep them).
    """

    def __init__(self, name: str = "csv", separator: str = ",", extension: str = ".csv") -> None:
        self.name = name
        self.separator = separator
        self.extension = extension

    def write(
        self,
        records: Sequence[QuestionRecord],
        media: Sequence[MediaFile],
        out: Path,
        progress: Progress,
    ) -> None:
        """Write ``out`` atomically (temporary file, then rename)."""
        lines = [header(self.separator)]
        for index, record in enumerate(records, start=1):
            lines.append(csv_row(record, self.separator) + "\n")
            if index % 5000 == 0:
                progress(index, len(records), f"{index} questions written")
        progress(len(records), len(records), f"{len(records)} questions written")
        write_atomically(out, "".join(lines).encode("utf-8"))
