"""Article titles in multi-article tables are said once per run of rows."""

from studyapp.ui.widgets.tables import shown_once


def test_a_title_is_shown_where_its_run_starts() -> None:
    assert shown_once(["A", "A", "B", "A"]) == ["A", "", "B", "A"]
    assert shown_once(["A", "A", "A"], [1951, 1951, 1960]) == ["A", "", "A"]
    assert shown_once([]) == []
