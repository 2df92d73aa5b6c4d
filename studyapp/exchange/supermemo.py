"""SuperMemo XML importer: SuperMemo collection exports and smconv ("smconv_pl") card lists."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from studyapp.core.errors import InputError
from studyapp.core.exchange import ParsedSet, RecordProblem
from studyapp.core.progress import Progress
from studyapp.core.questions import QuestionRecord
from studyapp.exchange.records import RecordInvalid, make_record
from studyapp.exchange.text import content_kind
from studyapp.exchange.xml_input import card_html, child_text, parse_xml, tag_name


class SuperMemoImporter:
    """Items become basic questions; topics are skipped and name the items' tags, as in Anki.

    SuperMemo's ``<LearningData>`` holds scheduling state (interval, A-factor, last
    repetition) but not the grades given, so no review history is imported from it.
    """

    name = "supermemo"
    label = "SuperMemo XML"
    extensions = (".xml",)

    def detect(self, path: Path, head: bytes) -> bool:
        """XML whose root is ``<SuperMemoCollection>`` or ``<smconv_pl>``."""
        return content_kind(head) == "xml" and (
            b"<SuperMemoCollection" in head[:4096] or b"<smconv_pl" in head[:4096]
        )

    def read(self, path: Path, progress: Progress) -> ParsedSet:
        """Read every item.

        Raises:
            InputError: not well-formed XML, or another root element.
        """
        root = parse_xml(path)
        records: list[QuestionRecord] = []
        problems: list[RecordProblem] = []
        if root.tag == "SuperMemoCollection":
            for element in root.findall("SuperMemoElement"):
                _walk(element, [], records, problems)
        elif root.tag == "smconv_pl":
            _smconv(root, records, problems)
        else:
            raise InputError(str(path), f"not a SuperMemo export: the root element is <{root.tag}>")
        progress(1, 1, f"{len(records)} items read")
        return ParsedSet(
            path=str(path), format=self.name, records=tuple(records), problems=tuple(problems)
        )


def _walk(
    element: ET.Element,
    topics: list[str],
    records: list[QuestionRecord],
    problems: list[RecordProblem],
) -> None:
    """Depth-first over nested elements, carrying the titles of the topics above."""
    kind = child_text(element, "Type").strip().lower()
    title = child_text(element, "Title").strip()
    element_id = child_text(element, "ID").strip()
    if kind == "item":
        content = element.find("Content")
        question = child_text(content, "Question") if content is not None else ""
        answer = child_text(content, "Answer") if content is not None else ""
        try:
            records.append(
                make_record(
                    "basic",
                    card_html(question),
                    card_html(answer),
                    tags=[tag_name(t) for t in topics],
                    external_id=element_id,
                )
            )
        except RecordInvalid as error:
            problems.append(RecordProblem(str(error), record=element_id or None))
    below = topics + [title] if kind == "topic" and title else topics
    for child in element.findall("SuperMemoElement"):
        _walk(child, below, records, problems)


def _smconv(root: ET.Element, records: list[QuestionRecord], problems: list[RecordProblem]) -> None:
    """smconv.pl output: ``<card category=…>`` with fields idx 1 (question) and 2 (answer)."""
    header = root.find("header")
    deck = header.get("name", "") if header is not None else ""
    for number, card in enumerate(root.iter("card"), start=1):
        fields = {f.get("idx"): "".join(f.itertext()) for f in card.iter("card_field")}
        category = card.get("category", "")
        tags = [] if category in ("", "Unfiled") else [tag_name(category)]
        try:
            records.append(
                make_record(
                    "basic",
                    card_html(fields.get("1")),
                    card_html(fields.get("2")),
                    tags=tags,
                    deck=deck,
                )
            )
        except RecordInvalid as error:
            problems.append(RecordProblem(str(error), record=f"card {number}"))
