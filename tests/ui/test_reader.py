"""The Reader's highlights cover the words they name, whichever way an article was opened."""

from __future__ import annotations

from bisect import bisect_right

from PySide6.QtCore import Qt

from studyapp.services.knowledge import list_people
from studyapp.services.library import get_article, list_articles


def shown_highlights(reader) -> list[tuple[int, int, int, str, str]]:  # type: ignore[no-untyped-def]
    """(passage ordinal, start, end, link, text) of every highlighted run in the Reader."""
    runs: list[list] = []  # type: ignore[type-arg]
    block = reader.browser.document().begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            link = fragment.charFormat().anchorHref()
            if link:
                if runs and runs[-1][1] == fragment.position() and runs[-1][2] == link:
                    runs[-1][1] += fragment.length()  # one highlight split by formatting
                    runs[-1][3] += fragment.text()
                else:
                    end = fragment.position() + fragment.length()
                    runs.append([fragment.position(), end, link, fragment.text()])
            fragments += 1
        block = block.next()
    found = []
    for start, end, link, text in runs:
        ordinal = bisect_right(reader.passage_positions, start) - 1
        base = reader.passage_positions[ordinal]
        found.append((ordinal, start - base, end - base, link, text))
    return found


def assert_highlights_name_their_words(bank, reader) -> None:  # type: ignore[no-untyped-def]
    article = get_article(bank, reader.article.id)
    people = {p.name.casefold(): p for p in list_people(bank, article.id)}
    highlights = shown_highlights(reader)
    assert len(highlights) > 20
    for ordinal, start, end, link, text in highlights:
        assert text == article.passages[ordinal].text[start:end], (link, text)
        kind, _, target = link.partition(":")
        if kind == "person":
            person = people[target]
            words = {w for name in (person.name, *person.aliases) for w in name.casefold().split()}
            assert set(text.casefold().split()) <= words, (text, person.name, person.aliases)
        else:  # a key number or a date shows digits or a number word
            assert any(c.isdigit() for c in text) or text.split()[0].isalpha(), text


def test_highlights_follow_the_article_picked(qtbot, main_window) -> None:  # type: ignore[no-untyped-def]
    bank = main_window.context.bank
    reader = main_window.pages["reader"]
    main_window.show_page("reader")
    if not reader.highlights_button.isChecked():
        reader.highlights_button.click()
    first, second = list_articles(bank)[:2]
    for article in (first, second, first):
        index = reader.article_picker.findData(article.id)
        reader.article_picker.setCurrentIndex(index)
        reader.article_picker.activated.emit(index)
        assert reader.article.id == article.id
        assert_highlights_name_their_words(bank, reader)


def test_highlights_follow_the_article_opened_from_the_library(qtbot, main_window) -> None:  # type: ignore[no-untyped-def]
    bank = main_window.context.bank
    library, reader = main_window.pages["library"], main_window.pages["reader"]
    for row in (1, 0):
        main_window.show_page("library")
        library.table.setCurrentItem(library.table.topLevelItem(row))
        qtbot.mouseClick(library.open_button, Qt.MouseButton.LeftButton)
        assert main_window.stack.currentWidget() is reader
        assert_highlights_name_their_words(bank, reader)
