"""The Decks page lists decks with today's counts and opens Review on the one chosen."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt

sys.path.insert(0, str(Path(__file__).resolve().parent))
from study_context import study_context  # noqa: E402

from studyapp.services import review  # noqa: E402
from studyapp.ui.pages.decks import DecksPage  # noqa: E402
from studyapp.ui.pages.review import ReviewPage  # noqa: E402


def _rows(page: DecksPage) -> dict[str, list[str]]:
    return {item.toolTip(0): [item.text(c) for c in range(4)] for item in page._items()}


def test_decks_show_new_learning_and_due_and_open_review(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    context, ids = study_context(tmp_path)
    decks, reviewing = DecksPage(context), ReviewPage(context)
    for widget in (decks, reviewing):
        qtbot.addWidget(widget)
    decks.show()
    assert _rows(decks) == {
        "Geography": ["Geography", "0", "0", "0"],
        "History": ["History", "6", "0", "0"],  # with its sub-deck
        "History › Civil rights": ["Civil rights", "2", "0", "0"],
    }
    assert decks.summary.text() == "3 decks · 6 cards to study today"
    card = review.next_card(context.bank, context.learner_id)
    review.answer(context.bank, card.card_id, 1)  # Again: now in learning
    decks.activated()
    learning = int(_rows(decks)["History"][2])
    assert learning == 1 and int(_rows(decks)["History"][1]) == 5
    child = next(item for item in decks._items() if item.text(0) == "Civil rights")
    decks.tree.setCurrentItem(child)
    with qtbot.waitSignal(context.page_requested) as shown:
        qtbot.keyClick(decks.tree, Qt.Key.Key_Return)
    assert shown.args == ["review"]
    assert reviewing.deck_id() == ids["decks"]["History::Civil rights"]
    assert reviewing.current is not None and reviewing.current.kind in ("cloze", "typed")
    context.bank.close()


def test_emptied_decks_are_no_longer_listed(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A deck whose questions were all deleted, or whose article was, leaves the Decks page
    and every deck picker (it stays in the bank, ready to be filled again, as in Anki)."""
    import sqlite3

    from studyapp.services import library, question_bank
    from studyapp.ui.pages.question_bank import QuestionBankPage

    context, ids = study_context(tmp_path)
    decks, reviewing, browser = DecksPage(context), ReviewPage(context), QuestionBankPage(context)
    for widget in (decks, reviewing, browser):
        qtbot.addWidget(widget)
    decks.show()

    def pickers() -> tuple[list[str], list[str]]:
        review_combo, browser_combo = reviewing.deck_combo, browser.deck_filter
        return (
            [review_combo.itemText(row) for row in range(review_combo.count())],
            [browser_combo.itemText(row).strip() for row in range(browser_combo.count())],
        )

    reviewing.start_session()
    assert pickers() == (
        ["All decks", "History", "History › Civil rights"],  # Geography: quiz kinds only, no cards
        ["All decks", "Geography  (1)", "History  (11)", "Civil rights  (7)"],
    )
    # Deleting the article takes its deck "History" with it; "History › Civil rights" (made by
    # hand, its questions all from the article's passages) is left with nothing in it.
    library.delete_article(context.bank, ids["article"])
    context.articles_changed.emit()
    context.questions_changed.emit()
    assert _rows(decks) == {"Geography": ["Geography", "0", "0", "0"]}  # quiz kinds: not empty
    assert decks.summary.text() == "1 deck · 0 cards to study today"
    assert pickers() == (["All decks"], ["All decks", "Geography  (1)"])
    with sqlite3.connect(context.bank.path) as connection:
        kept = connection.execute("SELECT name FROM deck ORDER BY name").fetchall()
    assert kept == [("Geography",), ("History::Civil rights",)]  # hidden, not deleted

    question_bank.delete_questions(context.bank, [ids["questions"]["numerical"]])
    context.questions_changed.emit()
    assert _rows(decks) == {}
    assert decks.summary.text() == (
        "No decks yet: generate a study set in the Library, or import a deck."
    )
    assert pickers() == (["All decks"], ["All decks"])
    context.bank.close()
