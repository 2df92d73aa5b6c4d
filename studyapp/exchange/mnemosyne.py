"""Mnemosyne importers: 1.x XML exports and 2.x SQLite databases (read-only, as a file format)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from studyapp.core.errors import InputError
from studyapp.core.exchange import ParsedSet, RecordProblem, ReviewRecord
from studyapp.core.progress import Progress
from studyapp.core.questions import QuestionRecord
from studyapp.exchange.records import RecordInvalid, make_record
from studyapp.exchange.text import content_kind
from studyapp.exchange.xml_input import card_html, child_text, parse_xml, tag_name

DEFAULT_CATEGORY = "<default>"
SQLITE_MAGIC = b"SQLite format 3\x00"


def grade_to_rating(grade: int) -> int:
    """Mnemosyne grade 0–5 as an FSRS rating: 0–1 Again, 2 Hard, 3–4 Good, 5 Easy."""
    return 1 if grade <= 1 else 2 if grade == 2 else 3 if grade <= 4 else 4


class Mnemosyne1Importer:
    """Mnemosyne 1.x XML: every ``<item>`` is one card; ``.inv``/``.tr.1`` items are its partners.

    Reversed (``id.inv``) and three-sided (``id.tr.1``) items are written out as their own
    cards in the export, so each becomes one question, exactly as Mnemosyne showed it; a
    partner whose main item is missing or differs is still a valid card and imports alone.
    Categories become tags (as Mnemosyne 2 and Anki import them). The last grade of a
    reviewed item becomes one review record.
    """

    name = "mnemosyne1"
    label = "Mnemosyne 1.x XML export"
    extensions = (".xml", ".mem")

    def detect(self, path: Path, head: bytes) -> bool:
        """XML whose root element is ``<mnemosyne``."""
        return content_kind(head) == "xml" and b"<mnemosyne" in head[:4096]

    def read(self, path: Path, progress: Progress) -> ParsedSet:
        """Read every item.

        Raises:
            InputError: not well-formed XML, another root element, or core_version other than 1.
        """
        root = parse_xml(path)
        if root.tag != "mnemosyne":
            raise InputError(
                str(path), f"not a Mnemosyne export: the root element is <{root.tag}>", line=2
            )
        version = root.get("core_version")
        if version != "1":
            raise InputError(
                str(path), f"Mnemosyne core_version {version!r} is not supported (only 1)", line=2
            )
        start_text = root.get("time_of_start", "0") or "0"
        start = int(start_text) if start_text.strip().isdigit() else 0  # only used for review dates
        records: list[QuestionRecord] = []
        problems: list[RecordProblem] = []
        reviews: list[ReviewRecord] = []
        items = root.findall("item")
        for number, item in enumerate(items, start=1):
            item_id = item.get("id", "")
            category = child_text(item, "cat").strip()
            tags = [] if category in ("", DEFAULT_CATEGORY) else [tag_name(category)]
            try:
                record = make_record(
                    "basic",
                    card_html(child_text(item, "Q")),
                    card_html(child_text(item, "A")),
                    tags=tags,
                    external_id=item_id,
                )
            except RecordInvalid as error:
                problems.append(RecordProblem(str(error), record=item_id or f"item {number}"))
                continue
            records.append(record)
            review = _last_review(item, start)
            if review is not None:
                reviews.append(review)
        progress(len(items), len(items), f"{len(records)} cards read")
        return ParsedSet(
            path=str(path),
            format=self.name,
            records=tuple(records),
            problems=tuple(problems),
            reviews=tuple(reviews),
        )


def _last_review(item: object, start: int) -> ReviewRecord | None:
    """The item's last repetition, when it was seen and the export says when."""
    get = item.get  # type: ignore[attr-defined]
    try:
        reps = int(get("ac_rp", "0")) + int(get("rt_rp", "0"))
        grade, last_day = int(get("gr", "-1")), int(get("l_rp", "-1"))
    except ValueError:
        return None
    if not get("id") or get("u") == "1" or reps < 1 or grade < 0 or last_day < 0 or start <= 0:
        return None
    return ReviewRecord(
        external_id=get("id"), reviewed_at=start + last_day * 86400, rating=grade_to_rating(grade)
    )


class Mnemosyne2Importer:
    """Mnemosyne 2.x ``default.db``: cards with their rendered sides, tags and the review log."""

    name = "mnemosyne2"
    label = "Mnemosyne 2.x database"
    extensions = (".db",)

    def detect(self, path: Path, head: bytes) -> bool:
        """An SQLite file (the tables are checked when reading)."""
        return head.startswith(SQLITE_MAGIC)

    def read(self, path: Path, progress: Progress) -> ParsedSet:
        """Read cards, tags and repetitions without ever writing to the file.

        Raises:
            InputError: not an SQLite file, or not a Mnemosyne 2 database.
        """
        try:
            uri = path.resolve().as_uri() + "?mode=ro&immutable=1"
            connection = sqlite3.connect(uri, uri=True)
        except (sqlite3.Error, ValueError) as error:
            raise InputError(str(path), f"cannot open database: {error}") from error
        try:
            return self._read(connection, path, progress)
        except sqlite3.Error as error:
            raise InputError(str(path), f"not a readable Mnemosyne 2 database: {error}") from error
        except UnicodeDecodeError as error:
            raise InputError(
                str(path), "the database holds text that is not valid UTF-8 (damaged file?)"
            ) from error
        except (TypeError, ValueError, OverflowError) as error:
            raise InputError(
                str(path), f"the database holds a value of the wrong type: {error}"
            ) from error
        finally:
            connection.close()

    def _read(self, db: sqlite3.Connection, path: Path, progress: Progress) -> ParsedSet:
        tables = {row[0] for row in db.execute("select name from sqlite_master where type='table'")}
        if not {"cards", "facts", "tags", "tags_for_card", "global_variables"} <= tables:
            raise InputError(
                str(path), "an SQLite database, but not a Mnemosyne 2 one (no cards/facts tables)"
            )
        tags: dict[int, list[str]] = {}
        query = "select t._card_id, g.name from tags_for_card t join tags g on g._id = t._tag_id where g.id != '__UNTAGGED__'"
        for card_id, name in db.execute(query):
            tags.setdefault(card_id, []).append(tag_name(name))
        records: list[QuestionRecord] = []
        problems: list[RecordProblem] = []
        rows = db.execute(
            "select _id, id, question, answer from cards where active = 1 order by _id"
        ).fetchall()
        for number, (rowid, card_id, question, answer) in enumerate(rows, start=1):
            try:
                records.append(
                    make_record(
                        "basic",
                        card_html(question),
                        card_html(answer),
                        tags=tags.get(rowid, ()),
                        external_id=card_id,
                    )
                )
            except RecordInvalid as error:
                problems.append(RecordProblem(str(error), record=card_id or str(number)))
        reviews = []
        if "log" in tables:
            known = {r.external_id for r in records}
            # event_type 9 is a repetition; thinking_time is in seconds.
            log = "select object_id, timestamp, grade, thinking_time from log where event_type = 9 and grade >= 0"
            for card_id, when, grade, seconds in db.execute(log):
                if card_id in known and when:
                    reviews.append(
                        ReviewRecord(
                            card_id,
                            int(when),
                            grade_to_rating(int(grade)),
                            int(seconds or 0) * 1000,
                        )
                    )
        progress(len(rows), len(rows), f"{len(records)} cards read")
        return ParsedSet(
            path=str(path),
            format=self.name,
            records=tuple(records),
            problems=tuple(problems),
            reviews=tuple(reviews),
        )
