"""StudyApp JSON: full-fidelity questions, decks, media and reviews, checked against the bundled schema."""

from __future__ import annotations

import base64
import binascii
import dataclasses
import json
import re
import time
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from studyapp import paths
from studyapp.core.errors import InputError
from studyapp.core.exchange import MediaFile, ParsedSet, RecordProblem, ReviewRecord
from studyapp.core.progress import Progress
from studyapp.core.questions import QuestionRecord, SourceSpan
from studyapp.exchange.output import write_atomically
from studyapp.exchange.records import RecordInvalid, make_record
from studyapp.exchange.schema_check import SchemaViolation, check_schema_keywords, validate
from studyapp.exchange.text import content_kind, decode_text, read_bytes

FORMAT_ID = "studyapp-questions"
VERSION = 1
MAX_MEDIA_BYTES = 64 * 1024 * 1024  # one media file; larger is refused as a likely bomb


@cache
def schema() -> dict[str, Any]:
    """The bundled JSON Schema (resources/schema/studyapp-questions.schema.json)."""
    path = paths.resources_dir() / "schema" / "studyapp-questions.schema.json"
    loaded = json.loads(path.read_text(encoding="utf-8"))
    check_schema_keywords(loaded)
    return loaded


def question_to_json(record: QuestionRecord) -> dict[str, Any]:
    """One record as its JSON object (every field, so nothing is lost)."""
    source = record.source
    return {
        "kind": record.kind,
        "prompt": record.prompt,
        "answer": record.answer,
        "payload": record.payload,
        "explanation": record.explanation,
        "difficulty": record.difficulty,
        "tags": list(record.tags),
        "deck": record.deck,
        "source": None
        if source is None
        else {
            "passage": source.passage,
            "start": source.start,
            "end": source.end,
            "text": source.text,
        },
        "external_id": record.external_id,
    }


def question_from_json(item: dict[str, Any]) -> QuestionRecord:
    """A schema-valid question object as a validated record."""
    source = item.get("source")
    span = (
        None
        if source is None
        else SourceSpan(source["passage"], source["start"], source["end"], source["text"])
    )
    return make_record(
        item["kind"],
        item["prompt"],
        item["answer"],
        payload=item.get("payload", {}),
        explanation=item.get("explanation", ""),
        difficulty=item.get("difficulty", 0.5),
        tags=item.get("tags", ()),
        deck=item.get("deck", ""),
        source=span,
        external_id=item.get("external_id", ""),
    )


class JsonImporter:
    """Reads files written by :class:`JsonExporter` (or by hand, following the schema)."""

    name = "json"
    label = "StudyApp JSON"
    extensions = (".json",)

    def detect(self, path: Path, head: bytes) -> bool:
        """A JSON object naming the StudyApp format (or any ``.json`` file: checked on read)."""
        return content_kind(head) == "json" and (
            b'"studyapp-questions"' in head or path.suffix.lower() == ".json"
        )

    def read(self, path: Path, progress: Progress) -> ParsedSet:
        """Parse, check against the schema, validate every question.

        Raises:
            InputError: invalid JSON (with its line), a schema violation, bad media.
        """
        text = decode_text(path, read_bytes(path))
        try:
            document = json.loads(text)
        except json.JSONDecodeError as error:
            raise InputError(
                str(path), f"not valid JSON: {error.msg}", line=error.lineno
            ) from error
        except RecursionError as error:
            raise InputError(str(path), "JSON nested too deeply") from error
        if not isinstance(document, dict) or document.get("format") != FORMAT_ID:
            raise InputError(
                str(path), f'not a StudyApp question file (no "format": "{FORMAT_ID}")'
            )
        if document.get("version") != VERSION:
            raise InputError(
                str(path),
                f"version {document.get('version')!r} is not supported (this StudyApp reads {VERSION})",
            )
        try:
            validate(document, schema())
        except SchemaViolation as error:
            found = re.match(r"questions\[(\d+)\]", error.where)
            record = str(int(found.group(1)) + 1) if found else None
            raise InputError(str(path), f"{error.where}: {error.reason}", record=record) from error
        records: list[QuestionRecord] = []
        problems: list[RecordProblem] = []
        questions = document["questions"]
        for index, item in enumerate(questions):
            try:
                records.append(question_from_json(item))
            except RecordInvalid as error:
                problems.append(RecordProblem(str(error), record=str(index + 1)))
            if index % 5000 == 4999:
                progress(index + 1, len(questions), f"{index + 1} questions read")
        media = tuple(_media(path, m) for m in document.get("media", ()))
        reviews = tuple(ReviewRecord(**r) for r in document.get("reviews", ()))
        progress(len(questions), len(questions), f"{len(records)} questions read")
        decks = tuple(
            dict.fromkeys([*document.get("decks", ()), *(r.deck for r in records if r.deck)])
        )
        return ParsedSet(
            path=str(path), format=self.name, records=tuple(records), problems=tuple(problems),
            media=media, reviews=reviews, decks=decks,
        )  # fmt: skip


def _media(path: Path, item: dict[str, Any]) -> MediaFile:
    name = item["name"]
    if name in (".", "..") or "\x00" in name:
        raise InputError(str(path), f"media name {name!r} is not a plain file name")
    if len(item["data"]) > MAX_MEDIA_BYTES * 4 // 3 + 4:
        raise InputError(str(path), f"media file {name!r} is larger than {MAX_MEDIA_BYTES} bytes")
    try:
        data = base64.b64decode(item["data"], validate=True)
    except (binascii.Error, ValueError) as error:
        raise InputError(str(path), f"media file {name!r} is not valid base64") from error
    return MediaFile(name=name, data=data, mime=item.get("mime", "application/octet-stream"))


class JsonExporter:
    """Writes every field of every record, the decks, media (base64) and nothing else."""

    name = "json"
    extension = ".json"

    def write(
        self,
        records: Sequence[QuestionRecord],
        media: Sequence[MediaFile],
        out: Path,
        progress: Progress,
        reviews: Sequence[ReviewRecord] = (),
    ) -> None:
        """Write ``out`` atomically (temporary file, then rename)."""
        document: dict[str, Any] = {
            "format": FORMAT_ID,
            "version": VERSION,
            "exported_at": int(time.time()),
            "decks": sorted({r.deck for r in records if r.deck}),
            "questions": [question_to_json(r) for r in records],
            "media": [
                {"name": m.name, "mime": m.mime, "data": base64.b64encode(m.data).decode("ascii")}
                for m in media
            ],
        }
        if reviews:
            document["reviews"] = [dataclasses.asdict(r) for r in reviews]
        progress(len(records), len(records), f"{len(records)} questions written")
        write_atomically(out, json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8"))
