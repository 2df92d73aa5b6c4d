"""fixtures/aiken: the valid file imports with escaped HTML; Moodle's error file is refused at its first error."""

from __future__ import annotations

from pathlib import Path

import pytest
from exchange_helpers import Expect, check, listed, quiet

from studyapp.core.errors import InputError
from studyapp.exchange.aiken import AikenImporter


def test_every_aiken_fixture_has_a_case(shared: Path) -> None:
    assert listed(shared / "fixtures" / "aiken") == {
        "moodle_questions.aiken.txt",
        "malformed/moodle_aiken_errors.txt",
    }


def test_aiken_questions_import(shared: Path) -> None:
    parsed = AikenImporter().read(
        shared / "fixtures" / "aiken" / "moodle_questions.aiken.txt", quiet
    )
    check(
        parsed,
        Expect(
            2,
            kinds=("choice", "choice"),
            samples={0: ("The Moodle project was started by:", "Martin Dougiamas")},
        ),
    )
    first, second = parsed.records
    assert first.payload == {
        "choices": ["Petr Skoda", "Martin Dougiamas", "Eloy Lafuente", "Tim Hunt"],
        "correct": [1],
    }
    # The stem's "<html ...> &" is text to show, not markup to parse.
    assert (
        second.prompt
        == 'Moodle\'s abilities include handling user input that includes &lt;html class="cool"&gt; &amp; images:'
    )
    assert second.payload["correct"] == [0] and second.answer == "True"


def test_aiken_errors_refused_at_first_error(shared: Path) -> None:
    path = shared / "fixtures" / "aiken" / "malformed" / "moodle_aiken_errors.txt"
    with pytest.raises(InputError) as caught:
        AikenImporter().read(path, quiet)
    assert caught.value.line == 1
    assert "1 option" in caught.value.reason
    assert str(caught.value).startswith(f"{path}:1: ")


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ("A) Question not started\n\nANSWER: A\n", 1, "option line without a question"),
        ("Good?\nA) yes\nB) no\nANSWER: Question\n", 4, "one option letter"),
        ("Good?\nA) yes\nB) no\nANSWER: C\n", 4, "names no option"),
        ("Started?\nA) yes\nB) no\n\nNext question\nA) x\nB) y\nANSWER: A\n", 1, "not finished"),
        ("Q?\nA)Incorrect (No space)\nB)Correct\nANSWER: B", 1, "has 0 option(s)"),
        ("Q?\nA) one\nB) two\n", 1, "not finished"),
    ],
)
def test_aiken_error_lines(tmp_path: Path, text: str, line: int, reason: str) -> None:
    path = tmp_path / "q.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        AikenImporter().read(path, quiet)
    assert (caught.value.line, reason in caught.value.reason) == (line, True), str(caught.value)
