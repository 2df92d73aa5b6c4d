"""Export → import gives back equal questions: CSV, GIFT and JSON (property tests)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from exchange_helpers import quiet
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import records

from studyapp.core.exchange import MediaFile
from studyapp.core.questions import QuestionRecord
from studyapp.exchange.csv_export import CsvExporter
from studyapp.exchange.csv_text import CsvImporter
from studyapp.exchange.gift import GiftImporter
from studyapp.exchange.gift_export import GiftExporter
from studyapp.exchange.json_format import JsonExporter, JsonImporter
from studyapp.exchange.registry import read_file

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
RECORD_LISTS = st.lists(records(), min_size=1, max_size=8)


def _round_trip(
    exporter: object, importer: object, items: list[QuestionRecord], name: str
) -> tuple:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / name
        exporter.write(items, [], out, quiet)  # type: ignore[attr-defined]
        parsed = importer.read(out, quiet)  # type: ignore[attr-defined]
        assert parsed.problems == ()
        assert read_file(out).format == parsed.format  # detection finds the same format
        return parsed.records


@SETTINGS
@given(RECORD_LISTS)
def test_csv_round_trip(items: list[QuestionRecord]) -> None:
    comma, tab = CsvExporter("csv", ",", ".csv"), CsvExporter("tsv", "\t", ".txt")
    assert _round_trip(comma, CsvImporter(), items, "out.csv") == tuple(items)
    assert _round_trip(tab, CsvImporter(), items, "out.txt") == tuple(items)


@SETTINGS
@given(RECORD_LISTS)
def test_gift_round_trip(items: list[QuestionRecord]) -> None:
    assert _round_trip(GiftExporter(), GiftImporter(), items, "out.gift") == tuple(items)


@SETTINGS
@given(RECORD_LISTS, st.lists(st.binary(max_size=64), max_size=3))
def test_json_round_trip(items: list[QuestionRecord], blobs: list[bytes]) -> None:
    media = [MediaFile(f"m{i}.png", blob, "image/png") for i, blob in enumerate(blobs)]
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "out.json"
        JsonExporter().write(items, media, out, quiet)
        parsed = JsonImporter().read(out, quiet)
    assert parsed.records == tuple(items)
    assert parsed.media == tuple(media)


GIFT_KINDS = ("choice", "true_false", "typed", "match", "numerical")


@SETTINGS
@given(st.lists(records(GIFT_KINDS, full=False), min_size=1, max_size=6))
def test_plain_gift_round_trip(items: list[QuestionRecord]) -> None:
    """Without StudyApp's metadata comments, the GIFT text alone carries these kinds whole."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "plain.gift"
        GiftExporter(with_metadata=False).write(items, [], out, quiet)
        assert "// studyapp:" not in out.read_text(encoding="utf-8")
        parsed = GiftImporter().read(out, quiet)
    assert parsed.problems == ()
    for before, after in zip(items, parsed.records, strict=True):
        assert (after.kind, after.prompt) == (before.kind, before.prompt)
        if before.kind != "match":  # a matching answer is derived from its pairs on import
            assert after.answer == before.answer
        for key, value in before.payload.items():
            assert after.payload[key] == value, key
