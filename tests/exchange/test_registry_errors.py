"""Detection by content, and bad input refused with FILE:LINE: reason."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from exchange_helpers import quiet

from studyapp.core.errors import InputError
from studyapp.exchange.csv_text import CsvImporter
from studyapp.exchange.gift import GiftImporter
from studyapp.exchange.json_format import JsonImporter
from studyapp.exchange.registry import (
    EXPORTERS,
    IMPORTERS,
    detect_format,
    exporter_named,
    read_file,
)


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def test_registry_lists_are_explicit_and_complete() -> None:
    names = [i.name for i in IMPORTERS]
    assert {"csv", "gift", "aiken", "mnemosyne1", "mnemosyne2", "supermemo", "json"} <= set(names)
    assert len(names) == len(set(names))
    assert names[-1] == "csv"  # the catch-all text format is asked last
    for importer in IMPORTERS:
        assert (
            importer.label
            and importer.extensions
            and callable(importer.detect)
            and callable(importer.read)
        )
    assert {e.name for e in EXPORTERS} >= {"csv", "json", "gift"}
    for exporter in EXPORTERS:
        assert exporter.extension.startswith(".") and callable(exporter.write)
    assert exporter_named("gift").extension == ".gift"


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("a.gift", "Q? {T}\n", "gift"),
        ("questions.txt", "::a:: Q? {=x ~y}\n\nR? {F}\n", "gift"),
        ("aiken.txt", "Q?\nA) a\nB) b\nANSWER: A\n", "aiken"),
        ("cards.txt", "q\ta\n", "csv"),
        ("cards.csv", "Front,Back\nq,a\n", "csv"),
        ("set.json", '{"format": "studyapp-questions", "version": 1, "questions": []}', "json"),
        (
            "export.xml",
            '<?xml version="1.0"?><mnemosyne core_version="1"></mnemosyne>',
            "mnemosyne1",
        ),
        ("sm.xml", "<SuperMemoCollection></SuperMemoCollection>", "supermemo"),
        ("misnamed.csv", '{"format": "studyapp-questions", "version": 1, "questions": []}', "json"),
        (
            "misnamed.txt",
            '<?xml version="1.0"?><mnemosyne core_version="1"></mnemosyne>',
            "mnemosyne1",
        ),
    ],
)
def test_detect_by_content(tmp_path: Path, name: str, content: str, expected: str) -> None:
    assert detect_format(write(tmp_path, name, content)).name == expected


def test_zip_named_csv_is_not_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "deck.csv"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", b"q\ta\n" * 10)
    assert not CsvImporter().detect(path, path.read_bytes()[:100])
    with pytest.raises(InputError) as caught:
        read_file(
            path
        )  # a ZIP importer may claim it (and refuse it: no collection), text never does
    assert str(caught.value).startswith(str(path))
    zip_importers = [i for i in IMPORTERS if i.detect(path, path.read_bytes()[:100])]
    if not zip_importers:
        assert "named .csv but the content is a ZIP archive" in caught.value.reason


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "file is empty"),
        ("blank.gift", b"  \n\n \t\n", "file is empty"),
        ("picture.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary file"),
        ("folder", None, "is a folder"),
        ("missing.csv", "missing", "cannot read file"),
    ],
)
def test_unreadable_inputs(
    tmp_path: Path, name: str, data: bytes | str | None, reason: str
) -> None:
    path = tmp_path / name
    if data is None:
        path.mkdir()
    elif data != "missing":
        path.write_bytes(data)  # type: ignore[arg-type]
    with pytest.raises(InputError, match=reason) as caught:
        read_file(path)
    assert str(caught.value).startswith(str(path))


def test_broken_quoting_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "cards.txt", 'q1\ta1\nq2\t"never closed\nq3\ta3\n')
    with pytest.raises(InputError) as caught:
        read_file(path)
    assert caught.value.line == 2
    assert (
        str(caught.value)
        == f'{path}:2: a quoted field starting on this line is never closed (missing closing ")'
    )


def test_text_after_closing_quote_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "cards.txt", 'q1\ta1\nq2\ta2\n"q3"x\ta3\n')
    with pytest.raises(InputError, match="text follows a closing quote") as caught:
        CsvImporter().read(path, quiet)
    assert caught.value.line == 3


def test_invalid_utf8_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "cards.tsv", b"q1\ta1\nq2\ta2\nq3\t\xff\xfe broken\n")
    with pytest.raises(InputError, match="not valid UTF-8 text: byte 0xFF") as caught:
        read_file(path)
    assert caught.value.line == 3


def test_utf16_le_with_bom(tmp_path: Path) -> None:
    path = write(tmp_path, "cards.txt", "\ufeffq1\ta1\r\nq2\tä\r\n".encode("utf-16-le"))
    parsed = read_file(path)
    assert [(r.prompt, r.answer) for r in parsed.records] == [("q1", "a1"), ("q2", "ä")]


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        (
            "Good? {=yes}\n\nBad? {=no ~maybe\n\nNext? {T}\n",
            3,
            "not closed before another '{' on line 5",
        ),
        ("Q1? {T}\n\n// comment\nQ2? {=a ~b\n", 4, "never closed"),
        ("Q1? {T}\n\nStray } brace\n", 3, "'}' without an opening '{'"),
        ("::Title without end Q? {T}\n", 1, "title is not closed"),
        ("Q? {#abc}\n", 1, "is not a number"),
        ("Q? {=a} and {=b}\n", 1, "second answer block"),
        ("Q? {just text}\n", 1, "no '=' or '~' answer"),
    ],
)
def test_gift_syntax_errors_name_the_line(
    tmp_path: Path, text: str, line: int, reason: str
) -> None:
    path = write(tmp_path, "q.gift", text)
    with pytest.raises(InputError) as caught:
        GiftImporter().read(path, quiet)
    assert caught.value.line == line, str(caught.value)
    assert reason in caught.value.reason


def test_gift_only_comments_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no questions"):
        GiftImporter().read(write(tmp_path, "c.gift", "// nothing\n// here\n"), quiet)


@pytest.mark.parametrize(
    ("text", "reason", "line", "record"),
    [
        ('{"format": "studyapp-questions", "version": 1,\n "questions": [}', "not valid JSON", 2, None),
        ('{"format": "other"}', "not a StudyApp question file", None, None),
        ('{"format": "studyapp-questions", "version": 2, "questions": []}', "version 2 is not supported", None, None),
        ('{"format": "studyapp-questions", "version": 1, "questions": [{"kind": "basic", "prompt": "p", '
         '"answer": "a"}, {"kind": "bogus", "prompt": "p", "answer": "a"}]}', "questions[1].kind", None, "2"),
        ('{"format": "studyapp-questions", "version": 1, "questions": [], "extra": 1}', "unknown field 'extra'",
         None, None),
        ('{"format": "studyapp-questions", "version": 1, "questions": [], "media": [{"name": "a/b.png", '
         '"data": "AA=="}]}', "media[0].name", None, None),
    ],
)  # fmt: skip
def test_json_errors(
    tmp_path: Path, text: str, reason: str, line: int | None, record: str | None
) -> None:
    with pytest.raises(InputError, match=None) as caught:
        JsonImporter().read(write(tmp_path, "set.json", text), quiet)
    assert reason in str(caught.value)
    assert (caught.value.line, caught.value.record) == (line, record)


def test_json_record_problems_do_not_refuse_the_file(tmp_path: Path) -> None:
    text = (
        '{"format": "studyapp-questions", "version": 1, "questions": ['
        '{"kind": "choice", "prompt": "p", "answer": "a", "payload": {"choices": ["a"], "correct": [0]}},'
        '{"kind": "basic", "prompt": "<script>x</script>ok", "answer": "a"}]}'
    )
    parsed = JsonImporter().read(write(tmp_path, "set.json", text), quiet)
    assert [r.prompt for r in parsed.records] == ["ok"]
    assert [(p.record, p.reason) for p in parsed.problems] == [
        ("1", "a choice question needs at least two choices")
    ]


def test_prose_txt_is_not_a_question_set(tmp_path: Path) -> None:
    from studyapp.exchange.registry import is_question_set

    prose = (
        "In 1963, after months of planning, the march went ahead, and more than 200,000 people came.\n"
        "Speakers, singers and organisers, many of them young, addressed the crowd, which filled"
        " the Mall from the Lincoln Memorial to the Washington Monument.\n\n"
        "It was, by any measure, the largest gathering of its kind.\n"
    ) * 3
    article = write(tmp_path, "article.txt", prose)
    assert not is_question_set(article)
    with pytest.raises(InputError, match="not a question set"):
        detect_format(article)
    assert is_question_set(write(tmp_path, "cards.txt", "chat\tcat\nchien\tdog\n"))
    assert is_question_set(write(tmp_path, "sheet.txt", "front,back\nchat,cat\nchien,dog\n"))


def test_utf16_without_bom_gets_a_helpful_message(tmp_path: Path) -> None:
    path = write(tmp_path, "cards.txt", "front\tback\nchat\tcat\n".encode("utf-16-le"))
    with pytest.raises(InputError, match="UTF-16 text without a byte-order mark"):
        detect_format(path)
