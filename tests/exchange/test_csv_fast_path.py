"""The CSV fast path (whole-body checks, chunked rows, direct records) reads what the full path reads."""

from __future__ import annotations

import io
import re
import tempfile
from pathlib import Path

import pytest
from exchange_helpers import quiet
from hypothesis import given, settings
from hypothesis import strategies as st

from studyapp.core.errors import InputError
from studyapp.core.questions import QuestionRecord
from studyapp.exchange import csv_text
from studyapp.exchange.csv_layout import _lines
from studyapp.exchange.csv_rows import _basic, body_is_clean
from studyapp.exchange.csv_text import CsvImporter

# The test the whole-body check replaced (a regex), kept here as the reference.
_BODY_CARE = re.compile(r'[<>&"\r\x00-\x08\x0b\x0c\x0e-\x1f]|\{\{c\d')
_TRICKY = list('ab1 \t\n\r"<>&{}c:;,é漢\u00a0\u2003\x0b\x1f\x7f')


@settings(max_examples=500, deadline=None)
@given(st.text(st.sampled_from(_TRICKY), max_size=30))
def test_body_is_clean_only_when_the_regex_finds_nothing(text: str) -> None:
    if body_is_clean(text):
        assert _BODY_CARE.search(text) is None
    elif "{{c" not in text:
        assert _BODY_CARE.search(text) is not None


@settings(max_examples=500, deadline=None)
@given(st.text(st.sampled_from(list('ab\n\r"\x85\u2028')), max_size=30))
def test_lines_split_like_stringio(text: str) -> None:
    assert list(_lines(text)) == list(io.StringIO(text))


def test_direct_record_equals_the_constructed_one() -> None:
    made = _basic("front", "back", ("t",), "Deck", "g1")
    built = QuestionRecord("basic", "front", "back", {}, "", 0.5, ("t",), "Deck", None, "g1")
    assert made == built and repr(made) == repr(built) and vars(made) == vars(built)
    assert made.payload is not _basic("x", "y", (), "", "").payload  # no shared dict
    with pytest.raises(AttributeError):
        made.prompt = "changed"  # type: ignore[misc]


_CELL = st.text(st.sampled_from(list('ab1 <>&"{}c:é\u00a0')), max_size=6) | st.sampled_from(
    ["{{c1::x}}", "  ", "", "a&amp;b", "<b>x</b>", "<script>x</script>"]
)


@settings(max_examples=150, deadline=None)
@given(
    rows=st.lists(st.lists(_CELL, min_size=1, max_size=4), min_size=1, max_size=12),
    separator=st.sampled_from(["\t", ";", ","]),
    header=st.booleans(),
    html=st.sampled_from(["", "#html:true\n", "#html:false\n"]),
)
def test_whole_file_reads_the_same_with_and_without_the_fast_path(
    rows: list[list[str]], separator: str, header: bool, html: str
) -> None:
    body = "\n".join(separator.join(row) for row in rows)
    head = f"#separator:{separator}\n{html}" + (f"Front{separator}Back\n" if header else "")
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patch:
        path = Path(folder) / "cards.txt"
        path.write_text(head + body, encoding="utf-8")
        try:
            fast = CsvImporter().read(path, quiet)
        except InputError as error:  # e.g. broken quoting: the full path refuses it alike
            patch.setattr(csv_text, "quick_builder", lambda *args, **kwargs: None)
            with pytest.raises(InputError) as again:
                CsvImporter().read(path, quiet)
            assert str(again.value) == str(error)
            return
        patch.setattr(csv_text, "quick_builder", lambda *args, **kwargs: None)
        assert fast == CsvImporter().read(path, quiet)


def test_progress_reports_per_chunk_and_cancel_stops(tmp_path: Path) -> None:
    from studyapp.core.errors import Cancelled

    path = tmp_path / "big.tsv"
    path.write_text("".join(f"q{i}\ta{i}\n" for i in range(10_000)), encoding="utf-8")
    calls: list[tuple[int, int]] = []
    CsvImporter().read(path, lambda done, total, message: calls.append((done, total)))
    assert 5 <= len(calls) <= 10_000 // csv_text.PROGRESS_EVERY + 2  # not one per row
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)

    seen: list[int] = []

    def cancel(done: int, total: int, message: str) -> None:
        seen.append(done)
        raise Cancelled()

    with pytest.raises(Cancelled):
        CsvImporter().read(path, cancel)
    assert seen == [csv_text.PROGRESS_EVERY]  # stopped at the first report


def test_problems_keep_their_line_numbers_on_the_fast_path(tmp_path: Path) -> None:
    lines = [f"q{i}\ta{i}" for i in range(5000)]
    lines[2500] = "only one field"
    lines[4999] = "<b>bold</b>\tanswer"
    path = tmp_path / "mixed.tsv"
    path.write_text("#separator:tab\n" + "\n".join(lines) + "\n", encoding="utf-8")
    parsed = CsvImporter().read(path, quiet)
    assert [(p.line, p.record) for p in parsed.problems] == [(2502, "2501")]
    # The first 200 rows hold no HTML, so the file is plain text and the tag is escaped.
    assert len(parsed.records) == 4999
    assert parsed.records[-1].prompt == "&lt;b&gt;bold&lt;/b&gt;"
