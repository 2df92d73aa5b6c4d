"""Anki .apkg exporter: StudyApp records become notes in a scratch collection, then a package.

Flashcards keep their shape (Basic, Basic and reversed, typed answer, Cloze); quiz kinds
become Basic notes with a readable front and back. Planning is plain Python; the anki
library is only imported inside ``ApkgExporter.write``.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from studyapp.core.exchange import MediaFile
from studyapp.core.progress import Progress
from studyapp.core.questions import QuestionRecord
from studyapp.exchange import anki_notes
from studyapp.exchange.output import publish

if TYPE_CHECKING:
    from anki.collection import Collection

BASIC = "Basic"
REVERSED = "Basic (and reversed card)"
TYPED = "Basic (type in the answer)"
CLOZE = "Cloze"
EXPLANATION = "Explanation"  # field our exporter adds to the Basic types
_CARD_SUFFIX = re.compile(r"^(.*)#(\d+)$")
_BLANK = re.compile(r"_{3,}")


@dataclass
class NotePlan:
    """One Anki note to create: note type name, field values, tags, deck, guid."""

    notetype: str
    fields: dict[str, str]
    deck: str
    guid: str
    tags: list[str] = field(default_factory=list)


def plan_notes(records: Sequence[QuestionRecord]) -> list[NotePlan]:
    """Group records into Anki notes.

    Cloze records sharing a text become one Cloze note (deletions of other notes' numbers
    are turned back into plain text); a basic record and its reverse (``guid``/``guid#1``
    with prompt and answer swapped) become one "Basic (and reversed card)" note.

    Args:
        records: What to export.

    Returns:
        Notes in the order of their first record.
    """
    used: set[str] = set()
    reverses = _reverse_pairs(records)
    paired = set(reverses.values())
    # Cloze groups are planned once all their records are known; keep their place meanwhile.
    slots: list[NotePlan | tuple[str, str, str]] = []
    clozes: dict[tuple[str, str, str], list[QuestionRecord]] = {}
    for index, record in enumerate(records):
        if index in paired:
            continue
        if record.kind == "cloze":
            key = (record.deck, record.prompt, record.explanation)
            if key not in clozes:
                clozes[key] = []
                slots.append(key)
            clozes[key].append(record)
        elif index in reverses:
            slots.append(_basic_plan(record, REVERSED, used))
        else:
            slots.append(_flashcard_plan(record, used))
    return [
        slot if isinstance(slot, NotePlan) else _cloze_plan(clozes[slot], used) for slot in slots
    ]


def _reverse_pairs(records: Sequence[QuestionRecord]) -> dict[int, int]:
    """Index of each basic record whose reverse card is also exported -> index of that reverse."""
    positions = {r.external_id: i for i, r in enumerate(records) if r.kind == "basic"}
    pairs = {}
    for index, record in enumerate(records):
        if record.kind != "basic" or not record.external_id:
            continue
        other = positions.get(f"{record.external_id}#1")
        if other is not None and _is_reverse(record, records[other]):
            pairs[index] = other
    return pairs


def _is_reverse(record: QuestionRecord, other: QuestionRecord) -> bool:
    return (
        other.prompt == record.answer
        and other.answer == record.prompt
        and other.deck == record.deck
        and other.explanation == record.explanation
    )


def _flashcard_plan(record: QuestionRecord, used: set[str]) -> NotePlan:
    """Basic and typed records keep their type; quiz kinds are written out as Basic."""
    if record.kind == "typed":
        return _basic_plan(record, TYPED, used)
    if record.kind == "basic":
        return _basic_plan(record, BASIC, used)
    front, back = quiz_sides(record)
    return NotePlan(
        BASIC,
        {"Front": front, "Back": back, EXPLANATION: record.explanation},
        record.deck,
        _guid(record, used),
        _tags(record),
    )


def _basic_plan(record: QuestionRecord, notetype: str, used: set[str]) -> NotePlan:
    fields = {"Front": record.prompt, "Back": record.answer, EXPLANATION: record.explanation}
    return NotePlan(notetype, fields, record.deck, _guid(record, used), _tags(record))


def _cloze_plan(group: list[QuestionRecord], used: set[str]) -> NotePlan:
    """One Cloze note for every record of a text; only their own deletions stay active."""
    first = group[0]
    text = first.prompt
    numbers = set()
    for record in group:
        number = int(record.payload.get("cloze", 1))
        numbers.add(number)
        if number not in anki_notes.cloze_ordinals(text):
            text = _add_deletion(text, record.answer, number)
    text = anki_notes.strip_cloze(text, keep=frozenset(numbers))
    tags = sorted({tag for record in group for tag in _tags(record)})
    fields = {"Text": text, "Back Extra": first.explanation}
    return NotePlan(CLOZE, fields, first.deck, _guid(first, used), tags)


def _add_deletion(text: str, answer: str, number: int) -> str:
    """Mark ``answer`` as deletion ``number`` in a prompt written with a blank or the answer."""
    deletion = f"{{{{c{number}::{answer}}}}}"
    if _BLANK.search(text):
        return _BLANK.sub(lambda _: deletion, text, count=1)
    if answer and answer in text:
        return text.replace(answer, deletion, 1)
    return f"{text}<br>{deletion}"


def quiz_sides(record: QuestionRecord) -> tuple[str, str]:
    """Readable front and back HTML for a quiz question on a Basic card."""
    payload = record.payload
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    if record.kind in ("choice", "multi") and isinstance(payload.get("choices"), list):
        choices = payload["choices"]
        # Letters written out: list numbering attributes do not survive every sanitiser.
        items = "".join(f"<br>{letters[i % 26]}. {choice}" for i, choice in enumerate(choices))
        front = f"{record.prompt}{items}"
        correct = [i for i in payload.get("correct", []) if 0 <= i < len(choices)]
        back = "<br>".join(f"{letters[i % 26]}. {choices[i]}" for i in correct)
        return front, back or record.answer
    if record.kind == "true_false":
        truth = payload.get("answer")
        back = record.answer if truth is None else ("True" if truth else "False")
        return f"{record.prompt}<br><i>True or false?</i>", back
    if record.kind == "order" and isinstance(payload.get("items"), list):
        ordered = [str(item) for item in payload["items"]]
        shuffled = "".join(f"<li>{item}</li>" for item in sorted(ordered, key=str.casefold))
        listed = "".join(f"<li>{item}</li>" for item in ordered)
        return f"{record.prompt}<br><i>Put in order:</i><ul>{shuffled}</ul>", f"<ol>{listed}</ol>"
    if record.kind == "match" and isinstance(payload.get("pairs"), list):
        pairs = [(str(left), str(right)) for left, right in payload["pairs"]]
        lefts = "".join(f"<li>{left}</li>" for left, _ in pairs)
        rights = "".join(f"<li>{r}</li>" for r in sorted((r for _, r in pairs), key=str.casefold))
        front = f"{record.prompt}<br><i>Match:</i><ul>{lefts}</ul><i>with:</i><ul>{rights}</ul>"
        return front, "<br>".join(f"{left} → {right}" for left, right in pairs)
    if record.kind == "numerical" and "value" in payload:
        tolerance = payload.get("tolerance") or 0
        back = f"{payload['value']}" + (f" ± {tolerance}" if tolerance else "")
        return record.prompt, back
    return record.prompt, record.answer


def _tags(record: QuestionRecord) -> list[str]:
    # Anki tags cannot hold spaces.
    return ["_".join(tag.split()) for tag in record.tags if tag.strip()]


def _guid(record: QuestionRecord, used: set[str]) -> str:
    """The note's guid: from the record's external id when it has one, else from content.

    A content-derived guid is stable, so exporting the same questions twice and importing
    both into Anki updates notes instead of duplicating them.
    """
    match = _CARD_SUFFIX.match(record.external_id)
    guid = match.group(1) if match else record.external_id
    if not guid:
        content = json.dumps(
            [record.kind, record.prompt, record.answer, record.payload, record.deck],
            sort_keys=True,
            ensure_ascii=False,
        )
        guid = "sa" + hashlib.sha1(content.encode()).hexdigest()[:18]
    while guid in used:
        guid = "sa" + hashlib.sha1(f"{guid}\x1f{record.prompt}".encode()).hexdigest()[:18]
    used.add(guid)
    return guid


class ApkgExporter:
    """Writes an Anki deck package that current and older Anki versions open."""

    name = "apkg"
    extension = ".apkg"

    def write(
        self,
        records: Sequence[QuestionRecord],
        media: Sequence[MediaFile],
        out: Path,
        progress: Progress,
    ) -> None:
        """Build the notes in a scratch collection and export it atomically to ``out``."""
        from anki.collection import AddNoteRequest, Collection, ExportAnkiPackageOptions

        out = Path(out)
        plans = plan_notes(records)
        progress(0, len(plans), "Preparing Anki notes")
        with tempfile.TemporaryDirectory(prefix="studyapp-apkg-") as scratch:
            col = Collection(str(Path(scratch) / "collection.anki2"))
            try:
                renamed = _write_media(col, media)
                notetypes = _prepare_notetypes(col)
                requests = []
                for done, plan in enumerate(plans):
                    if done % 1000 == 0:
                        progress(done, len(plans), "Preparing Anki notes")
                    note = col.new_note(notetypes[plan.notetype])
                    for name, value in plan.fields.items():
                        note[name] = _rename_media(value, renamed)
                    note.tags = plan.tags
                    note.guid = plan.guid
                    deck_id = col.decks.id(plan.deck or "Default", create=True)
                    requests.append(AddNoteRequest(note=note, deck_id=deck_id))
                col.add_notes(requests)
                progress(len(plans), len(plans), "Writing package")
                options = ExportAnkiPackageOptions(
                    with_scheduling=False, with_deck_configs=False, with_media=True, legacy=True
                )
                handle, partial = tempfile.mkstemp(
                    prefix=f".{out.name}.", suffix=".partial", dir=out.parent
                )
                os.close(handle)
                try:
                    col.export_anki_package(out_path=partial, options=options, limit=None)
                    publish(Path(partial), out)
                finally:
                    if os.path.exists(partial):
                        os.unlink(partial)
            finally:
                col.close(downgrade=False)


def _prepare_notetypes(col: Collection) -> dict[str, dict[str, Any]]:
    """Stock note types, the Basic ones with an Explanation field shown under the answer."""
    models = col.models
    prepared = {}
    for name in (BASIC, REVERSED, TYPED, CLOZE):
        notetype = models.by_name(name)
        if name != CLOZE:
            models.add_field(notetype, models.new_field(EXPLANATION))
            for template in notetype["tmpls"]:
                template["afmt"] += (
                    f"\n\n{{{{#{EXPLANATION}}}}}<hr>{{{{{EXPLANATION}}}}}{{{{/{EXPLANATION}}}}}"
                )
            models.update_dict(notetype)
            notetype = models.by_name(name)
        prepared[name] = notetype
    return prepared


def _write_media(col: Collection, media: Sequence[MediaFile]) -> dict[str, str]:
    """Add media files; return names the library had to change (old -> new)."""
    renamed = {}
    for item in media:
        stored = col.media.write_data(item.name, item.data)
        if stored != item.name:
            renamed[item.name] = stored
    return renamed


def _rename_media(value: str, renamed: dict[str, str]) -> str:
    for old, new in renamed.items():
        value = value.replace(f'src="{html.escape(old)}"', f'src="{html.escape(new)}"')
        value = value.replace(f"[sound:{old}]", f"[sound:{new}]")
    return value
