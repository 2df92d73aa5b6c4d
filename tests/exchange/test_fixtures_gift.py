"""Every file in fixtures/gift imports with the right questions; essays and descriptions are skipped."""

from __future__ import annotations

from pathlib import Path

import pytest
from exchange_helpers import Expect, check, listed, plain, quiet

from studyapp.exchange.gift import GiftImporter

C, M, TF, T, N, MA = "choice", "multi", "true_false", "typed", "numerical", "match"
TOMB = "Who's buried in Grant's tomb?"

IMPORTS = {
    "moodle_examples.gift.txt": Expect(
        43,
        kinds=(C, C, TF, T, N, C, C, C, C, T, T, TF, TF, MA, MA, N, N, N, N, N, T, C, C, T, T, TF, C, C, T,
               M, M, C, C, C, C, TF, T, N, MA, C, C, T, N),
        samples={0: (TOMB, "no one"), 1: ("Grant is _____ in Grant's tomb.", "entombed"),
                 20: ("Japanese characters originally came from what country?", "China"),
                 24: ("Who's buried in Grant's tomb?", "no one"), 32: ("Which of the following is NOT a control "
                 "character for the GIFT import format?", "\\")},
        ids={20: "Kanji Origins", 21: "Thanksgiving Date"},
    ),
    # Moodle's own fixture: the essay is skipped as a problem; the stray '";' after two
    # questions is text after the answer block, kept as Moodle keeps it.
    "moodle_questions.gift.txt": Expect(
        8, problems=1, kinds=(MA, C, M, N, T, TF, TF, TF),
        samples={1: ("What's between orange and green in the spectrum?", "yellow"),
                 3: ('What is a number from 1 to 5? _____ ";', "3")},
        ids={0: "Moodle activities", 4: "Shortanswer"},
    ),
    "moodle_questions_in_category.gift.txt": Expect(
        4, kinds=(MA, C, T, TF),
        samples={1: ("Listen to this greeting: What language is being spoken?", "French"),
                 2: ("Anyone who uses Moodle is a ...", "Moodler")},
        decks={0: "Default for New Features", 3: "Default for New Features"},
    ),
    "pegjs_TFTwoFeedback.gift": Expect(3, kinds=(TF, TF, TF), samples={0: ("Grant is buried in Grant's tomb.", "False")}),
    "pegjs_category1.gift": Expect(0),  # only a category switch: nothing to import, not an error
    "pegjs_description1.gift": Expect(1, problems=1, kinds=(TF,), samples={0: ("True or false?", "True")}),
    "pegjs_escapeAll.gift": Expect(1, kinds=(C,), samples={0: ("Which of the following is NOT a control character "
                                                               "for the GIFT import format?", "\\")}),
    "pegjs_essay1.gift": Expect(0, problems=1),
    "pegjs_giftFormatPhpExamples.gift": Expect(10, kinds=(C, C, TF, T, N, MA, C, C, T, N)),
    "pegjs_matching1.gift": Expect(2, kinds=(MA, MA)),
    "pegjs_mcHTMLComment.gift": Expect(1, kinds=(C,), samples={0: (
        "¿En qué supuestos podría el Fiscal autorizar a la Policía Judicial la práctica de una diligencia de "
        "entrada y registro?", "Nunca.")}),
    "pegjs_multiLineFeedback1.gift": Expect(2, kinds=(C, C)),
    "pegjs_numerical1.gift": Expect(10, kinds=(N,) * 10),
    "pegjs_options1.gift": Expect(14, kinds=(N, T, C, C, T, T, TF, C, C, T, M, M, C, C)),
    "pegjs_shortAnswerNotMatching.gift": Expect(2, kinds=(C, C), samples={
        0: ("How to make coffee?", "get coffee powder -> add water")}),
    "pegjs_tf2.gift": Expect(2, kinds=(TF, TF), samples={1: ("The sun rises in the east.", "True")}),
    "pegjs_totara_moodle_match.gift": Expect(1, kinds=(MA,)),
    "pegjs_totara_moodle_multichoice_multi.gift": Expect(1, kinds=(M,), samples={0: (
        "What's between orange and green in the spectrum?", "yellow; off-beige")}),
    "pegjs_totara_moodle_numerical.gift": Expect(1, kinds=(N,), samples={0: ("What is a number from 1 to 5?", "3")}),
}  # fmt: skip


def test_every_gift_fixture_has_a_case(shared: Path) -> None:
    assert listed(shared / "fixtures" / "gift") == set(IMPORTS)


@pytest.mark.parametrize("name", sorted(IMPORTS))
def test_gift_fixture_imports(shared: Path, name: str) -> None:
    check(GiftImporter().read(shared / "fixtures" / "gift" / name, quiet), IMPORTS[name])


def test_skipped_items_say_why(shared: Path) -> None:
    essay = (
        GiftImporter()
        .read(shared / "fixtures" / "gift" / "moodle_questions.gift.txt", quiet)
        .problems[0]
    )
    assert (essay.line, essay.record) == (2, "Q8") and "essay" in essay.reason
    description = (
        GiftImporter()
        .read(shared / "fixtures" / "gift" / "pegjs_description1.gift", quiet)
        .problems[0]
    )
    assert description.record == "Description Title" and "description" in description.reason


def test_moodle_examples_payloads(shared: Path) -> None:
    records = (
        GiftImporter()
        .read(shared / "fixtures" / "gift" / "moodle_examples.gift.txt", quiet)
        .records
    )
    assert records[3].payload == {"accepted": ["nobody"]}
    assert records[4].payload == {"value": 1822.0, "tolerance": 1.0}
    assert records[17].payload == {"value": 3.1415, "tolerance": 0.0005, "range": [3.141, 3.142]}
    assert records[13].payload["pairs"][0] == ["subquestion1", "subanswer1"]
    assert records[29].payload["correct"] == [1, 2]  # multiple answers by weight
    assert records[26].payload["weights"] == [0.0, 50.0, 100.0]
    assert records[25].payload == {
        "answer": False,
        "feedback_wrong": "No one is buried in Grant's tomb.",
    }
    assert (
        plain(records[24].prompt) == TOMB and "<strong>Grant's tomb</strong>" in records[24].prompt
    )  # [markdown]
    assert records[32].payload["choices"] == ["~", "=", "#", "{", "}", "\\"]


def test_matching_distractor_and_html_sanitised(shared: Path) -> None:
    records = (
        GiftImporter()
        .read(shared / "fixtures" / "gift" / "moodle_questions_in_category.gift.txt", quiet)
        .records
    )
    assert records[0].payload["distractors"] == ["Chat"]
    assert len(records[0].payload["pairs"]) == 4
    assert "http" not in records[1].prompt  # the remote mp3 link is dropped, its text kept
