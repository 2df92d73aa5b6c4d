"""Anki .apkg and .colpkg importers, reading through the official anki library.

The package is checked as a zip first (anki_archive). A deck package's own collection is
then unpacked into a temporary folder and opened by the library, which reads (and
upgrades) every format; its notes are read back card by card, and only the media files
the cards refer to are taken from the zip. (Importing it into a fresh collection first,
as Anki itself does, cost three times our own work.) A collection package is restored by
the library. The anki module is imported inside functions only: it costs ~0.2 s and the
app start-up never needs it.
"""

from __future__ import annotations

import html
import json
import mimetypes
import os
import re
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from studyapp.core.errors import InputError
from studyapp.core.exchange import MediaFile, ParsedSet, RecordProblem, ReviewRecord
from studyapp.core.progress import Progress
from studyapp.core.questions import QuestionRecord
from studyapp.exchange import anki_notes
from studyapp.exchange.anki_archive import (
    ZSTD_MAGIC,
    check_package,
    collection_entry,
    looks_like_zip,
)
from studyapp.exchange.records import RecordInvalid, clean_deck, make_record

if TYPE_CHECKING:
    from anki.collection import Collection

_PROGRESS_EVERY = 500
# What every one of the library's media patterns needs to find (they ignore case).
_MAY_NAME_MEDIA = re.compile(r"src|data|\[sound:", re.IGNORECASE)


def external_id(guid: str, ordinal: int) -> str:
    """Record id for card ``ordinal`` of note ``guid``: the guid itself for the first card.

    Keeping the bare guid for card 0 lets a note exported as text (``#guid column``) and as
    a package match, and makes a re-imported, edited note an update rather than a new one.
    """
    return guid if ordinal == 0 else f"{guid}#{ordinal}"


class ApkgImporter:
    """Anki deck package (.apkg), every format from Anki 2.0 to the zstd ``anki21b``."""

    name = "apkg"
    label = "Anki deck package"
    extensions = (".apkg",)

    def detect(self, path: Path, head: bytes) -> bool:
        """Any file named .apkg, or a zip (not .colpkg) that holds an Anki collection.

        A file named .apkg is claimed even when it is not a zip, so that it is refused as a
        broken package rather than imported as whatever text it happens to hold.
        """
        suffix = path.suffix.lower()
        if suffix in self.extensions:
            return True
        return looks_like_zip(head) and suffix != ".colpkg" and collection_entry(path) is not None

    def read(self, path: Path, progress: Progress) -> ParsedSet:
        """Check, import into a scratch collection and map every card to a record."""
        return _read_package(path, progress, self.name, colpkg=False)


class ColpkgImporter:
    """Anki collection package (.colpkg): a whole profile, with its review history."""

    name = "colpkg"
    label = "Anki collection package"
    extensions = (".colpkg",)

    def detect(self, path: Path, head: bytes) -> bool:
        """Any file named .colpkg (a non-zip one is then refused as a broken package)."""
        return path.suffix.lower() in self.extensions

    def read(self, path: Path, progress: Progress) -> ParsedSet:
        """Restore into a scratch folder and map cards and reviews to records."""
        return _read_package(path, progress, self.name, colpkg=True)


def _read_package(path: Path, progress: Progress, fmt: str, colpkg: bool) -> ParsedSet:
    """Shared body of both importers; the scratch folder is removed whatever happens."""
    path = Path(path)
    progress(0, 0, "Checking archive")
    entry = check_package(path)
    progress(0, 0, "Opening with Anki")
    with tempfile.TemporaryDirectory(prefix="studyapp-anki-") as scratch:
        col = _open_package(path, Path(scratch), colpkg, entry)
        try:
            media = _media_from_folder if colpkg else _media_from_package(path)
            # Shared decks carry their author's scheduling: only a collection's history
            # (the learner's own) is carried over.
            return _collect(col, path, fmt, progress, media, with_reviews=colpkg)
        finally:
            col.close(downgrade=False)


def _open_package(path: Path, scratch: Path, colpkg: bool, entry: str) -> Collection:
    """Open the package's collection with the anki library, unpacked under ``scratch``."""
    from anki.collection import Collection
    from anki.errors import AnkiException

    col_path = scratch / "collection.anki2"
    try:
        if colpkg:
            from anki._backend import RustBackend

            # A .colpkg replaces a whole collection: restore it, then open the result.
            RustBackend().import_collection_package(
                col_path=str(col_path),
                backup_path=str(path),
                media_folder=str(scratch / "collection.media"),
                media_db=str(scratch / "collection.media.db2"),
            )
            return Collection(str(col_path))
        with zipfile.ZipFile(path) as archive:
            data = archive.read(entry)
        if data[:4] == ZSTD_MAGIC:  # the new format: the collection is one zstd stream
            data = _unzstd(path, data, entry)
        col_path.write_bytes(data)
        return Collection(str(col_path))
    except AnkiException as exc:
        raise InputError(str(path), f"Anki cannot read this package: {exc}") from exc


def _unzstd(path: Path, data: bytes, entry: str) -> bytes:
    """One zstd-compressed entry, already checked against the size limits."""
    import zstandard

    try:
        reader = zstandard.ZstdDecompressor().stream_reader(data, read_across_frames=True)
        return reader.read()
    except zstandard.ZstdError as exc:
        raise InputError(str(path), f"corrupt zstd data: {exc}", record=entry) from exc


MediaSource = Callable[["Collection", dict[str, None]], tuple[MediaFile, ...]]


def _media_from_folder(col: Collection, names: dict[str, None]) -> tuple[MediaFile, ...]:
    """The named files in the collection's media folder (a restored .colpkg)."""
    return _read_media(Path(col.media.dir()), names)


def _media_from_package(path: Path) -> MediaSource:
    """The named files straight from the package's zip: its media map says which entry is which.

    Old packages map entry names to file names in JSON; new ones keep a zstd-compressed
    list (anki's MediaEntries message) whose n-th file is entry "n", itself compressed.
    """

    def read(_col: Collection, names: dict[str, None]) -> tuple[MediaFile, ...]:
        wanted = {name for name in names if _plain_name(name)}
        if not wanted:
            return ()
        with zipfile.ZipFile(path) as archive:
            index = _media_index(path, archive)
            files = []
            for name in names:
                zip_name = index.get(name)
                if name not in wanted or zip_name is None:
                    continue  # referred to but not shipped: the card shows without it
                data = archive.read(zip_name)
                if data[:4] == ZSTD_MAGIC:
                    data = _unzstd(path, data, zip_name)
                mime = mimetypes.guess_type(name)[0] or "application/octet-stream"
                files.append(MediaFile(name=name, data=data, mime=mime))
        return tuple(files)

    return read


def _media_index(path: Path, archive: zipfile.ZipFile) -> dict[str, str]:
    """File name to zip entry name, from the package's "media" entry."""
    try:
        raw = archive.read("media")
    except KeyError:
        return {}
    if raw[:4] == ZSTD_MAGIC:
        from anki.import_export_pb2 import MediaEntries

        entries = MediaEntries.FromString(_unzstd(path, raw, "media")).entries
        return {
            entry.name: str(entry.legacy_zip_filename if entry.HasField("legacy_zip_filename")
                            else number)
            for number, entry in enumerate(entries)
        }  # fmt: skip
    try:
        mapping = json.loads(raw.decode("utf-8") or "{}")
    except (UnicodeDecodeError, ValueError) as exc:
        raise InputError(str(path), f"unreadable media list: {exc}", record="media") from exc
    if not isinstance(mapping, dict):
        raise InputError(str(path), "the media list is not a name map", record="media")
    return {str(name): str(zip_name) for zip_name, name in mapping.items()}


def _plain_name(name: str) -> bool:
    """A bare file name: the library normalises names; anything that still is a path is refused."""
    return bool(name) and os.path.basename(name) == name and name not in {".", ".."}


def _collect(
    col: Collection, path: Path, fmt: str, progress: Progress, media_source: MediaSource,
    with_reviews: bool,
) -> ParsedSet:  # fmt: skip
    """Read notes, cards, decks and media of an opened collection into a ParsedSet."""
    notetypes = {int(nt["id"]): nt for nt in col.models.all()}
    layouts = {ntid: anki_notes.notetype_layouts(nt) for ntid, nt in notetypes.items()}
    deck_names = {int(deck.id): deck.name for deck in col.decks.all_names_and_ids()}
    rows = col.db.all(
        "select c.id, c.ord, case when c.odid != 0 then c.odid else c.did end,"
        " n.guid, n.mid, n.flds, n.tags from cards c join notes n on n.id = c.nid"
        " order by n.id, c.ord"
    )
    if not rows:
        raise InputError(str(path), "the package holds no cards")
    # The library's own patterns for media references ([sound:], img/audio/source/object).
    media_patterns = [re.compile(pattern) for pattern in col.media.regexps]
    records: list[QuestionRecord] = []
    problems: list[RecordProblem] = []
    card_ids: dict[int, str] = {}
    media_refs: dict[str, None] = {}  # ordered set
    field_names = {ntid: [field["name"] for field in nt["flds"]] for ntid, nt in notetypes.items()}
    decks = {deck_id: clean_deck(name) for deck_id, name in deck_names.items()}
    tag_sets: dict[str, tuple[str, ...]] = {}  # most notes share a few tag strings
    for done, (card_id, ordinal, deck_id, guid, ntid, flds, tags) in enumerate(rows):
        if done % _PROGRESS_EVERY == 0:
            progress(done, len(rows), "Reading cards")
        notetype = notetypes[ntid]
        fields = dict(zip(field_names[ntid], flds.split("\x1f"), strict=False))
        if tags not in tag_sets:
            tag_sets[tags] = _tags(tags)
        base = {
            "tags": tag_sets[tags],
            "deck": decks.get(deck_id, ""),
            "external_id": external_id(guid, ordinal),
        }
        layout = layouts[ntid].get(0 if notetype["type"] == 1 else ordinal)
        try:
            record = _card_record(col, card_id, ordinal, layout, fields, base)
        except (_Skip, RecordInvalid) as skip:
            problems.append(RecordProblem(str(skip), record=f"note {guid} card {ordinal + 1}"))
            continue
        records.append(record)
        card_ids[card_id] = record.external_id
        for text in (record.prompt, record.answer, record.explanation):
            if text and _MAY_NAME_MEDIA.search(text):  # cheap test first: most have no media
                for pattern in media_patterns:
                    for match in pattern.finditer(text):
                        media_refs[html.unescape(match.group("fname"))] = None
    progress(len(rows), len(rows), "Reading media")
    media = media_source(col, media_refs)
    reviews = _reviews(col, card_ids) if with_reviews else ()
    decks = tuple(sorted({record.deck for record in records if record.deck}))
    return ParsedSet(
        path=str(path),
        format=fmt,
        records=tuple(records),
        problems=tuple(problems),
        media=media,
        reviews=reviews,
        decks=decks,
    )


def _tags(stored: str) -> tuple[str, ...]:
    """A note's tags as Anki keeps them once imported: sorted and unique, ignoring case."""
    unique: dict[str, str] = {}
    for tag in stored.split():
        unique.setdefault(tag.casefold(), tag)
    return tuple(sorted(unique.values(), key=str.casefold))


class _Skip(Exception):
    """A card that cannot become a StudyApp record; the reason goes into the summary."""


def _card_record(
    col: Collection,
    card_id: int,
    ordinal: int,
    layout: anki_notes.CardLayout | None,
    fields: dict[str, str],
    base: dict[str, Any],
) -> QuestionRecord:
    """Map one Anki card to a validated, sanitised record according to its template's layout.

    Raises:
        _Skip: the card cannot be a StudyApp question (reason for the summary).
        RecordInvalid: the mapped record fails validation (empty front, oversized field).
    """
    if layout is None or layout.kind == "rendered":
        return _rendered_record(col, card_id, base)
    if layout.kind == "occlusion":
        raise _Skip("Image Occlusion card: its masks need scripts, which StudyApp never runs")
    if layout.kind == "cloze":
        number = ordinal + 1
        shown = [fields.get(name, "") for name in layout.context + layout.cloze]
        prompt = "<br>".join(text for text in shown if text.strip())
        answer = anki_notes.cloze_answer(prompt, number)
        if not answer.strip():
            raise _Skip(f"cloze card {number} has no {{{{c{number}::…}}}} deletion")
        extras = [fields.get(name, "") for name in layout.extra]
        explanation = "<br>".join(text for text in extras if text.strip())
        return make_record(
            "cloze", prompt, answer, payload={"cloze": number}, explanation=explanation, **base
        )
    prompt = fields.get(layout.front, "")
    answer = fields.get(layout.back, "")
    explanation = (
        "<br>".join(fields[name] for name in layout.extra if fields.get(name, "").strip())
        if layout.extra
        else ""
    )
    return make_record(layout.kind, prompt, answer, explanation=explanation, **base)


def _rendered_record(col: Collection, card_id: int, base: dict[str, Any]) -> QuestionRecord:
    """Custom templates: let the library render the card, keep its HTML without scripts."""
    output = col.get_card(card_id).render_output(reload=True, browser=False)
    error = anki_notes.template_error(output.question_text) or anki_notes.template_error(
        output.answer_text
    )
    if error:
        raise _Skip(f"Anki cannot render this card: {error}")
    q_files = [getattr(tag, "filename", None) for tag in output.question_av_tags]
    a_files = [getattr(tag, "filename", None) for tag in output.answer_av_tags]
    prompt = anki_notes.clean_rendered(output.question_text, q_files)
    answer = anki_notes.clean_rendered(
        anki_notes.rendered_back(output.answer_text, output.question_text), a_files
    )
    return make_record("basic", prompt, answer, **base)


def _read_media(folder: Path, names: dict[str, None]) -> tuple[MediaFile, ...]:
    """Files that imported cards refer to; names the deck refers to but lacks are skipped."""
    files: list[MediaFile] = []
    for name in names:
        if not _plain_name(name):
            continue
        candidate = folder / name
        if candidate.is_file():
            mime = mimetypes.guess_type(name)[0] or "application/octet-stream"
            files.append(MediaFile(name=name, data=candidate.read_bytes(), mime=mime))
    return tuple(files)


def _reviews(col: Collection, card_ids: dict[int, str]) -> tuple[ReviewRecord, ...]:
    """Answered reviews of imported cards; manual reschedules (ease 0) do not map."""
    reviews = []
    for review_id, card_id, ease, duration in col.db.execute(
        "select id, cid, ease, time from revlog where ease between 1 and 4 order by id"
    ):
        ext = card_ids.get(card_id)
        if ext is not None:
            # revlog ids are the review's epoch milliseconds.
            reviews.append(ReviewRecord(ext, review_id // 1000, ease, max(duration, 0)))
    return tuple(reviews)
