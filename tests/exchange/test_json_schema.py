"""The bundled JSON Schema is the contract: exports satisfy it and the checker enforces all it says."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from exchange_helpers import quiet
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import records

from studyapp import paths
from studyapp.core.exchange import MediaFile, ReviewRecord
from studyapp.exchange.json_format import JsonExporter, JsonImporter, schema
from studyapp.exchange.schema_check import SchemaViolation, check_schema_keywords, validate

SCHEMA_FILE = paths.resources_dir() / "schema" / "studyapp-questions.schema.json"


def test_schema_file_is_bundled_and_fully_enforced() -> None:
    loaded = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    check_schema_keywords(loaded)  # no keyword the checker would silently ignore
    assert loaded["properties"]["version"] == {"const": 1}
    kinds = loaded["$defs"]["question"]["properties"]["kind"]["enum"]
    from studyapp.core.questions import KINDS

    assert tuple(kinds) == KINDS


def test_checker_refuses_unknown_keywords() -> None:
    with pytest.raises(ValueError, match="unsupported"):
        check_schema_keywords({"type": "object", "patternProperties": {}})


@settings(max_examples=60, deadline=None)
@given(st.lists(records(), max_size=5))
def test_exports_satisfy_the_schema(items: list) -> None:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "x.json"
        JsonExporter().write(
            items,
            [MediaFile("a.png", b"\x89PNG")],
            out,
            quiet,
            reviews=[ReviewRecord("e", 5, 3, 10)],
        )
        document = json.loads(out.read_text(encoding="utf-8"))
        validate(document, schema())
        assert JsonImporter().read(out, quiet).reviews == (ReviewRecord("e", 5, 3, 10),)


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda d: d["questions"][0].update(difficulty=1.5), "questions[0].difficulty"),
        (lambda d: d["questions"][0].update(tags=["two words"]), "questions[0].tags[0]"),
        (lambda d: d["questions"][0].update(source={"passage": 0}), "questions[0].source"),
        (lambda d: d["questions"][0].pop("prompt"), "questions[0]"),
        (lambda d: d["questions"][0].update(prompt=""), "questions[0].prompt"),
        (
            lambda d: d.update(reviews=[{"external_id": "x", "reviewed_at": 1, "rating": 5}]),
            "reviews[0].rating",
        ),
        (lambda d: d.update(media=[{"name": "a.png", "data": "not base64!"}]), "media[0].data"),
        (lambda d: d.update(version=True), "version"),
    ],
)
def test_schema_violations_are_located(change, where: str) -> None:  # noqa: ANN001
    document = {
        "format": "studyapp-questions",
        "version": 1,
        "questions": [
            {"kind": "basic", "prompt": "p", "answer": "a", "tags": ["t"], "source": None}
        ],
    }
    change(document)
    with pytest.raises(SchemaViolation) as caught:
        validate(document, schema())
    assert caught.value.where == where


def test_agrees_with_jsonschema_when_installed(tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    out = tmp_path / "x.json"
    JsonExporter().write([], [], out, quiet)
    jsonschema.validate(json.loads(out.read_text(encoding="utf-8")), schema())
