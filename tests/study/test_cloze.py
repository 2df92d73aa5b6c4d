"""Cloze rendering follows Anki: the active deletion is hidden, the others show as text."""

from __future__ import annotations

from studyapp.study.cloze import cloze_answers, cloze_numbers, render_back, render_front

PROMPT = "{{c1::Rosa Parks}} refused in {{c2::1955::year}}; {{c1::she}} was arrested."


def test_front_hides_only_the_active_deletion() -> None:
    assert render_front(PROMPT, 1, html=False) == "[...] refused in 1955; [...] was arrested."
    assert render_front(PROMPT, 2, html=False) == "Rosa Parks refused in [year]; she was arrested."


def test_back_shows_everything_and_highlights_the_active_one() -> None:
    assert render_back(PROMPT, 2, html=False) == "Rosa Parks refused in 1955; she was arrested."
    back = render_back(PROMPT, 1)
    assert back.count('<span class="cloze">') == 2
    assert '<span class="cloze">Rosa Parks</span>' in back
    assert render_front(PROMPT, 2).count("[year]") == 1


def test_numbers_and_answers() -> None:
    assert cloze_numbers(PROMPT) == (1, 2)
    assert cloze_answers(PROMPT, 1) == ("Rosa Parks", "she")
    assert cloze_answers(PROMPT, 3) == ()
    assert render_front("no deletions", 1) == "no deletions"


def test_multiline_and_adjacent_deletions() -> None:
    text = "{{c1::a}}{{c2::b}}\n{{c3::c\nd}}"
    assert render_front(text, 3, html=False) == "ab\n[...]"
    assert cloze_answers(text, 3) == ("c\nd",)
