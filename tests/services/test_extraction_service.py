"""extract_file_json: the `studyapp extract FILE --json` document."""

from __future__ import annotations

from pathlib import Path

import pytest

from studyapp.core.errors import InputError
from studyapp.services.extraction import extract_file_json


def test_extract_file_json(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(
        "Coup in Phnom Penh\n\nOn March 18, 1970, Prince Sihanouk was deposed by Lon Nol while "
        "he was abroad; some 3,000 troops surrounded the National Assembly.\n",
        encoding="utf-8",
    )
    data = extract_file_json(path)
    assert [p["name"] for p in data["persons"]] == ["Sihanouk", "Lon Nol"]
    assert data["events"][0]["date"] == "1970-03-18"
    assert data["figures"] == [
        {"value": 3000, "unit": "troops", "sentence": data["events"][0]["sentence"]}
    ]


def test_bad_file_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("", encoding="utf-8")
    with pytest.raises(InputError, match="empty"):
        extract_file_json(path)
