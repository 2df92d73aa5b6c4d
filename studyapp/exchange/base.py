"""The one interface every question-set format implements: detect, read, (optionally) write."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from studyapp.core.exchange import MediaFile, ParsedSet
from studyapp.core.progress import Progress
from studyapp.core.questions import QuestionRecord


class Importer(Protocol):
    """Reads one file format into validated records; never writes anywhere."""

    name: str  # short id used on the command line and in ImportBatch.format, e.g. "gift"
    label: str  # what the import dialog shows, e.g. "Moodle GIFT"
    extensions: tuple[str, ...]  # lower-case, with the dot

    def detect(self, path: Path, head: bytes) -> bool:
        """Return True when the file (its name and first bytes) looks like this format."""
        ...

    def read(self, path: Path, progress: Progress) -> ParsedSet:
        """Read and validate the whole file; raise core.errors.InputError if it cannot import."""
        ...


class Exporter(Protocol):
    """Writes records (and their media) to one file format."""

    name: str  # "apkg", "csv", "json", "gift"
    extension: str

    def write(
        self,
        records: Sequence[QuestionRecord],
        media: Sequence[MediaFile],
        out: Path,
        progress: Progress,
    ) -> None:
        """Write the file atomically (temporary file, then rename)."""
        ...
