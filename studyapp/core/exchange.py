"""What importers read and exporters write: validated records, media, per-record problems."""

from __future__ import annotations

from dataclasses import dataclass, field

from studyapp.core.questions import QuestionRecord


@dataclass(frozen=True)
class MediaFile:
    """A media file (image, sound) that cards refer to by ``name``."""

    name: str
    data: bytes
    mime: str = "application/octet-stream"


@dataclass(frozen=True)
class RecordProblem:
    """Why one record of a file was rejected while the rest can still import."""

    reason: str
    line: int | None = None
    record: str | None = None


@dataclass(frozen=True)
class ReviewRecord:
    """One past review carried over from another app (Anki .colpkg, Mnemosyne)."""

    external_id: str  # QuestionRecord.external_id of the reviewed question
    reviewed_at: int  # Unix seconds
    rating: int  # 1 Again, 2 Hard, 3 Good, 4 Easy
    duration_ms: int = 0


@dataclass(frozen=True)
class ParsedSet:
    """Everything read from one file, validated, not yet written anywhere."""

    path: str
    format: str
    records: tuple[QuestionRecord, ...]
    problems: tuple[RecordProblem, ...] = ()
    media: tuple[MediaFile, ...] = ()
    reviews: tuple[ReviewRecord, ...] = ()
    decks: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class ImportSummary:
    """What one import did, for the dialog's last page and the CLI."""

    path: str
    format: str
    added: int = 0
    updated: int = 0
    skipped: int = 0
    rejected: tuple[RecordProblem, ...] = ()
    already_imported: bool = False
