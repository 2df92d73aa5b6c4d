"""What importers read and exporters write: validated records, media, per-record problems."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, overload

from studyapp.core.questions import QuestionRecord


class CompactRecords(Sequence[QuestionRecord]):
    """Records of which the plain ones are kept as tuples and made into records when read.

    A 100,000-row file would otherwise keep 100,000 record objects alive, and each run of
    the cyclic garbage collector would walk them all (a third of a big import's time);
    tuples of strings are not tracked by the collector once it has seen them. ``make``
    turns one stored tuple into its record; items that already are records stay as they are.

    ``basic`` says every stored tuple is ``(prompt, answer, tags, deck, external_id)`` of a
    basic question with no payload or explanation and the default difficulty: an importer
    may then read the fields from ``raw()`` without making 100,000 records first.
    """

    __slots__ = ("_items", "_make", "basic")

    def __init__(self, items: list[Any], make: Callable[..., QuestionRecord], basic: bool = False):
        self._items = items
        self._make = make
        self.basic = basic

    def raw(self) -> list[Any]:
        """The stored items as they are: tuples (see ``basic``) and records."""
        return self._items

    def _record(self, item: Any) -> QuestionRecord:
        return self._make(*item) if type(item) is tuple else item

    @overload
    def __getitem__(self, index: int) -> QuestionRecord: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[QuestionRecord, ...]: ...
    def __getitem__(self, index: int | slice) -> QuestionRecord | tuple[QuestionRecord, ...]:
        if isinstance(index, slice):
            return tuple(map(self._record, self._items[index]))
        return self._record(self._items[index])

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[QuestionRecord]:
        return map(self._record, self._items)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"CompactRecords({len(self)} records)"


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
    records: Sequence[QuestionRecord]  # a tuple, or CompactRecords for a big text file
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
