"""Rule-based sentence splitting."""

from __future__ import annotations

import pytest

from studyapp.content.extraction.document import split_sentences


def _sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two.", ["One.", "Two."]),
        (
            "\"I'm tired of fighting. It's time,\" said Col. Sy Khon. He left.",
            ["\"I'm tired of fighting. It's time,\" said Col. Sy Khon.", "He left."],
        ),
        (
            "The U.S. Embassy and Lyndon B. Johnson agreed.",
            ["The U.S. Embassy and Lyndon B. Johnson agreed."],
        ),
        (
            "It was formed in 1940.[1] The movement grew.",
            ["It was formed in 1940.[1]", "The movement grew."],
        ),
        (
            "He fled in 1975. 9 days later he returned.",
            ["He fled in 1975.", "9 days later he returned."],
        ),
        ("Co-Defense Minister Tea Banh said so", ["Co-Defense Minister Tea Banh said so"]),
        (
            "They filtered past, headed toward Hue.6 Despite the warning, they went on.",
            ["They filtered past, headed toward Hue.6", "Despite the warning, they went on."],
        ),
        (  # old books and encyclopedias: "Lieut.", "Messrs.", "b." for born
            "Rassam and Lieut. W. F. Prideaux were detained. Theodore II, b. 1818, d. 1868, ruled. Messrs. Blanc and Rassam left.",
            ["Rassam and Lieut. W. F. Prideaux were detained.", "Theodore II, b. 1818, d. 1868, ruled.",
             "Messrs. Blanc and Rassam left."],
        ),
        ("", []),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert _sentences(text) == expected
