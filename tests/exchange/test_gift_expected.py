"""Our GIFT parse agrees with fixtures/gift/expected/*.json (another parser's schema), file by file.

The expected files describe every item, including categories (our decks), descriptions
and essays (our per-record problems). For questions we compare what both schemas hold:
question type, stem text, answers with their correctness/weight, feedback and general
feedback. Texts are compared as visible text, because we sanitise HTML (a remote link
loses its href, an entity becomes its character) while the content must stay the same.
True/false feedback is compared by position: the other parser calls the first one
"trueFeedback" and the second "falseFeedback"; Moodle shows the first for a wrong answer
and the second for a right one, and that is how we name them (feedback_wrong/right).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from exchange_helpers import plain, quiet

from studyapp.core.questions import QuestionRecord
from studyapp.exchange.gift import GiftImporter, category_deck

KIND = {"MC": ("choice", "multi"), "TF": ("true_false",), "Short": ("typed",), "Matching": ("match",),
        "Numerical": ("numerical",)}  # fmt: skip
NAMES = [
    "TFTwoFeedback", "category1", "description1", "escapeAll", "essay1", "giftFormatPhpExamples",
    "matching1", "mcHTMLComment", "multiLineFeedback1", "numerical1", "options1",
    "shortAnswerNotMatching", "tf2", "totara_moodle_match", "totara_moodle_multichoice_multi",
    "totara_moodle_numerical",
]  # fmt: skip


def text(value: dict[str, Any] | None) -> str:
    return plain(value["text"]) if value else ""


def weight_of(choice: dict[str, Any]) -> float:
    """The other parser leaves weight null for plain '=' (100) and '~' (0) answers."""
    if choice["weight"] is not None:
        return float(choice["weight"])
    return 100.0 if choice["isCorrect"] else 0.0


def check_choices(record: QuestionRecord, item: dict[str, Any]) -> None:
    p = record.payload
    assert [plain(c) for c in p["choices"]] == [text(c["text"]) for c in item["choices"]]
    weights = p.get("weights") or [
        100.0 if i in p["correct"] else 0.0 for i in range(len(p["choices"]))
    ]
    assert weights == [weight_of(c) for c in item["choices"]]
    feedback = p.get("feedback") or [""] * len(p["choices"])
    assert [plain(f) for f in feedback] == [text(c["feedback"]) for c in item["choices"]]


def check_short(record: QuestionRecord, item: dict[str, Any]) -> None:
    p = record.payload
    ours = [(plain(record.answer), 100.0)] + [(plain(a), 100.0) for a in p.get("accepted", [])]
    ours += [(plain(x["text"]), x["weight"]) for x in p.get("partial", [])]
    assert ours == [(text(c["text"]), weight_of(c)) for c in item["choices"]]
    feedback = {plain(f["text"]): plain(f["feedback"]) for f in p.get("feedback", [])}
    assert feedback == {
        text(c["text"]): text(c["feedback"]) for c in item["choices"] if c["feedback"]
    }


def check_numerical(record: QuestionRecord, item: dict[str, Any]) -> None:
    p, choices = record.payload, item["choices"]
    if isinstance(choices, dict):  # a single answer
        if choices["type"] == "high-low":
            assert p["range"] == [choices["numberLow"], choices["numberHigh"]]
        else:
            assert (p["value"], p["tolerance"]) == (choices["number"], choices.get("range", 0))
        return
    numeric = [c for c in choices if "number" in c["text"]]
    entries = p.get("answers") or [
        {"value": p["value"], "tolerance": p["tolerance"], "weight": 100.0, "feedback": ""}
    ]
    assert [(e["value"], e["tolerance"], e["weight"]) for e in entries] == [
        (c["text"]["number"], c["text"]["range"], weight_of(c)) for c in numeric
    ]
    assert [plain(e["feedback"]) for e in entries] == [text(c["feedback"]) for c in numeric]
    wrong = [c for c in choices if "number" not in c["text"]]
    assert plain(p.get("feedback_wrong", "")) == (text(wrong[0]["feedback"]) if wrong else "")


def check_item(record: QuestionRecord, item: dict[str, Any], deck: str) -> None:
    assert record.kind in KIND[item["type"]]
    stem = item["stem"]["text"]
    if item["stem"]["format"] == "markdown":
        stem = stem.replace("**", "")  # we render markdown; they keep its source
    assert plain(record.prompt) == plain(stem)
    assert record.external_id == (item["title"] or "")
    assert record.deck == deck
    if item.get("globalFeedback"):
        assert plain(record.explanation) == text(item["globalFeedback"])
    if item["type"] == "MC":
        check_choices(record, item)
    elif item["type"] == "TF":
        assert record.payload["answer"] is item["isTrue"]
        assert plain(record.payload.get("feedback_wrong", "")) == text(item["trueFeedback"])
        assert plain(record.payload.get("feedback_right", "")) == text(item["falseFeedback"])
    elif item["type"] == "Short":
        check_short(record, item)
    elif item["type"] == "Matching":
        pairs = [[plain(a), plain(b)] for a, b in record.payload["pairs"]]
        pairs += [["", plain(d)] for d in record.payload.get("distractors", [])]
        assert pairs == [[text(m["subquestion"]), m["subanswer"]] for m in item["matchPairs"]]
    else:
        check_numerical(record, item)


def test_every_gift_file_has_its_expected_parse(shared: Path) -> None:
    folder = shared / "fixtures" / "gift"
    assert sorted(
        p.name.removesuffix(".expected.json") for p in (folder / "expected").glob("*.json")
    ) == sorted(f"pegjs_{n}" for n in NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_gift_parse_agrees_with_expected(shared: Path, name: str) -> None:
    folder = shared / "fixtures" / "gift"
    expected = json.loads(
        (folder / "expected" / f"pegjs_{name}.expected.json").read_text(encoding="utf-8")
    )
    parsed = GiftImporter().read(folder / f"pegjs_{name}.gift", quiet)
    records = iter(parsed.records)
    problems = iter(parsed.problems)
    deck = ""
    for item in expected:
        if item["type"] == "Category":
            deck = category_deck(item["title"])
        elif item["type"] in ("Description", "Essay"):
            problem = next(problems)
            assert item["type"].lower() in problem.reason
            assert problem.record == item.get("title")
        else:
            check_item(next(records), item, deck)
    assert next(records, None) is None and next(problems, None) is None
