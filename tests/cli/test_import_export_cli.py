"""`studyapp import` / `studyapp export` as real processes: summaries, exit 2 with nothing written."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import sqlite3
import struct
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from bank_locations import BankLocation

TSV = "chat\tcat\nchien\tdog\n\tno front\n"
GIFT = (
    "::Capital:: What is the capital of France? {=Paris ~Lyon ~Nice}\n\n"
    "::Earth:: The earth is flat. {F}\n\n"
    "::Sum:: Two plus two equals {=four =4}\n"
)
PROSE = (
    "The Berlin Wall\n\n"
    "The Berlin Wall was a guarded concrete barrier that encircled West Berlin from 1961 to "
    "1989, separating it from East Berlin and the German Democratic Republic. Construction of "
    "the wall was commenced by the government of the GDR on 13 August 1961.\n\n"
    "On 9 November 1989, the East German government announced that all GDR citizens could "
    "visit West Germany and West Berlin, and crowds of East Germans crossed the wall.\n\n"
    "Walter Ulbricht, the leader of East Germany, had said in June 1961 that nobody intended "
    "to build a wall. About 140 people were killed at the wall between 1961 and 1989.\n"
)


def run(data: Path, *args: str, bank: str | None = None) -> subprocess.CompletedProcess[str]:
    """``studyapp`` on the data folder ``data`` (and on the server bank ``bank``, if given)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("STUDYAPP_DATA_DIR", None)
    env.pop("STUDYAPP_BANK_URL", None)
    where = ["--bank", bank] if bank else []
    return subprocess.run(
        [sys.executable, "-m", "studyapp", "--data-dir", str(data), *where, *args],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
    )


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


@contextlib.contextmanager
def bank_copy(data: Path) -> Iterator[sqlite3.Connection]:
    """A connection to a copy of the bank and its WAL.

    Even a read-only connection to the real file would leave an empty -wal beside it,
    which would spoil the byte comparisons.
    """
    bank = data / "studyapp.sqlite3"
    with tempfile.TemporaryDirectory() as folder:
        for name in (bank.name, bank.name + "-wal"):
            if (data / name).exists():
                shutil.copy(data / name, Path(folder) / name)
        connection = sqlite3.connect(Path(folder) / bank.name)
        try:
            yield connection
        finally:
            connection.close()


TABLES = ("article", "passage", "entity", "alias", "mention", "event", "figure", "deck",
          "import_batch", "question", "media", "learner", "card", "review_log")  # fmt: skip


@dataclass
class Cli:
    """A data folder, and the server bank the CLI is pointed at (None: the file inside)."""

    data: Path
    url: str | None = None

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return run(self.data, *args, bank=self.url)

    def query(self, sql: str) -> list[tuple[object, ...]]:
        if self.url is not None:
            return BankLocation(self.url, self.data).rows(sql)
        with bank_copy(self.data) as connection:
            return [tuple(row) for row in connection.execute(sql)]

    def fingerprint(self) -> tuple[str, ...]:
        """The bank's logical content; for a file also SHA-256 of it and of its -wal.

        The CLI closes the bank on exit, which checkpoints the WAL into the main file, so
        byte equality of both files is meaningful there.
        """
        content = hashlib.sha256(
            repr([self.query(f"SELECT * FROM {table} ORDER BY id") for table in TABLES]).encode()
        ).hexdigest()
        if self.url is not None:
            return (content,)
        bank = self.data / "studyapp.sqlite3"
        wal = bank.with_name(bank.name + "-wal")
        main_digest = hashlib.sha256(bank.read_bytes()).hexdigest()
        wal_digest = hashlib.sha256(wal.read_bytes()).hexdigest() if wal.exists() else "absent"
        return content, main_digest, wal_digest


def questions(cli: Cli) -> list[tuple[object, ...]]:
    """(kind, prompt, answer, deck) of the imported questions."""
    return cli.query(
        "SELECT q.kind, q.prompt, q.answer, d.name FROM question q "
        "JOIN deck d ON d.id = q.deck_id WHERE q.origin = 'imported' ORDER BY q.prompt",
    )


_BASES: dict[str, str] = {}  # engine: a data folder, or a database, after one import


@pytest.fixture
def data(
    bank_location: BankLocation, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Cli]:
    """A bank after one successful import (created, bundled articles loaded), on each engine:
    built once, then copied per test (the folder, or the database as a template)."""
    server = bank_location.server
    if server is None:
        if "sqlite" not in _BASES:
            folder = tmp_path_factory.mktemp("cli")
            result = run(folder / "data", "import", str(write(folder, "vocab.tsv", TSV)))
            assert result.returncode == 0, result.stderr
            _BASES["sqlite"] = str(folder / "data")
        shutil.copytree(_BASES["sqlite"], bank_location.data_dir,
                        ignore=shutil.ignore_patterns("backups"))  # fmt: skip
        yield Cli(bank_location.data_dir)
        return
    if "postgresql" not in _BASES:
        folder = tmp_path_factory.mktemp("cli")
        base = server.new_database(migrated=False)
        result = run(folder / "data", "import", str(write(folder, "vocab.tsv", TSV)), bank=base)
        assert result.returncode == 0, result.stderr
        _BASES["postgresql"] = base
    url = server.new_database(template=_BASES["postgresql"])
    try:
        yield Cli(bank_location.data_dir, url)
    finally:
        server.drop_database(url)


def test_import_prints_a_summary_and_reimport_adds_nothing(data: Cli, tmp_path: Path) -> None:
    path = write(tmp_path, "words.tsv", TSV.replace("chat", "maison").replace("cat", "house"))
    first = data.run("import", str(path))
    assert first.returncode == 0, first.stderr
    assert "2 added, 0 updated, 0 skipped, 1 rejected (deck: words)" in first.stdout
    assert f"{path}:3: rejected" in first.stdout and "question is empty" in first.stdout
    before = data.fingerprint()
    again = data.run("import", str(path))
    assert again.returncode == 0
    assert "already imported" in again.stdout
    assert data.fingerprint()[0] == before[0]  # the content; SQLite may lay it out anew
    assert ("basic", "maison", "house", "words") in questions(data)


def test_deck_and_duplicate_policy(data: Cli, tmp_path: Path) -> None:
    first = write(tmp_path, "a.txt", "#separator:tab\n#guid column:1\ng1\thello\tworld\n")
    second = write(tmp_path, "b.txt", "#separator:tab\n#guid column:1\ng1\tgoodbye\tworld\n")
    assert data.run("import", "--deck", "Greetings", str(first)).returncode == 0
    skipped = data.run("import", "--deck", "Greetings", str(second))
    assert "0 added, 0 updated, 1 skipped" in skipped.stdout
    third = write(tmp_path, "c.txt", "#separator:tab\n#guid column:1\ng1\tgoodbye\tworld\n\n")
    updated = data.run("import", "--deck", "Greetings", "--on-duplicate", "update", str(third))
    assert "0 added, 1 updated, 0 skipped" in updated.stdout, updated.stdout
    greetings = [row for row in questions(data) if row[3] == "Greetings"]
    assert [row[1] for row in greetings] == ["goodbye"]


def test_a_prose_text_file_is_imported_as_an_article(data: Cli, tmp_path: Path) -> None:
    article = write(tmp_path, "berlin.txt", PROSE)
    result = data.run("import", str(article))
    assert result.returncode == 0, result.stderr
    assert "article “The Berlin Wall” added" in result.stdout
    [(extracted,)] = data.query("SELECT extracted_at FROM article WHERE title = 'The Berlin Wall'")
    [(generated,)] = data.query(
        "SELECT count(*) FROM question q JOIN deck d ON d.id = q.deck_id "
        "JOIN article a ON a.id = d.article_id WHERE a.title = 'The Berlin Wall'",
    )
    assert extracted is not None and generated > 0
    assert "already imported" in data.run("import", str(article)).stdout


def _apkg(tmp_path: Path, data: Cli) -> bytes:
    out = tmp_path / "seed.apkg"
    assert data.run("export", "--format", "apkg", str(out)).returncode == 0
    return out.read_bytes()


def _zip(entries: dict[str, bytes]) -> bytes:
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _declared_gigabytes(entries: dict[str, bytes]) -> bytes:
    """A zip whose central directory says its collection inflates to 3 GiB."""
    data = bytearray(_zip(entries))
    central = data.rindex(b"PK\x01\x02")  # the last entry's central directory record
    data[central + 24 : central + 28] = struct.pack("<I", 3 * 1024**3)
    return bytes(data)


def _lying_header() -> bytes:
    """A zip whose entry inflates to 64 MiB while its headers claim 1 KiB."""
    data = bytearray(_zip({"collection.anki2": b"\0" * (64 * 1024**2)}))
    local = data.index(b"PK\x03\x04")
    data[local + 22 : local + 26] = struct.pack("<I", 1024)
    central = data.rindex(b"PK\x01\x02")
    data[central + 24 : central + 28] = struct.pack("<I", 1024)
    return bytes(data)


BAD_INPUTS = {
    "truncated zip": ("deck.apkg", lambda apkg: apkg[: len(apkg) // 2], None),
    "zip named .csv": ("cards.csv", lambda apkg: _zip({"notes.txt": b"a\tb\n"}), None),
    "GIFT named .apkg": ("quiz.apkg", lambda apkg: GIFT.encode(), None),
    "broken quoting": ("q.csv", lambda apkg: b'front,back\n"one,two\nthree,four\n', 2),
    "invalid UTF-8": ("u.tsv", lambda apkg: b"one\tun\ntwo\tdeux \xff\xfe\n", 2),
    "invalid UTF-8 tab .txt": ("u.txt", lambda apkg: b"one\tun\ntwo\td\xe9ux\n", 2),
    "GIFT syntax error": ("bad.gift", lambda apkg: (GIFT + "\n::Q:: broken {=a ~b\n").encode(), 7),
    "empty file": ("empty.tsv", lambda apkg: b"", None),
    "empty text file": ("empty.txt", lambda apkg: b"   \n", None),
    "zip bomb (declared)": (
        "bomb.apkg",
        lambda apkg: _declared_gigabytes({"collection.anki2": b"\0" * 4096}),
        None,
    ),
    "zip bomb (lying header)": ("lies.apkg", lambda apkg: _lying_header(), None),
    "../../x in archive": (
        "escape.apkg",
        lambda apkg: _zip({"collection.anki2": b"x", "../../x": b"evil"}),
        None,
    ),
    "only rejected rows": ("none.tsv", lambda apkg: b"\tno front\n\tnone either\n", 1),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_exits_2_and_leaves_the_bank_unchanged(
    case: str, data: Cli, tmp_path: Path
) -> None:
    name, make, line = BAD_INPUTS[case]
    path = write(tmp_path, name, make(_apkg(tmp_path, data)))
    good = write(tmp_path, "good.tsv", "uno\tone\ndos\ttwo\n")
    before = data.fingerprint()
    # The good file comes first: validating every file before writing means it is not imported.
    result = data.run("import", str(good), str(path))
    assert result.returncode == 2, (result.stdout, result.stderr)
    message = result.stderr.strip()
    assert message.startswith(f"{path}:"), message
    if line is not None:
        assert message.startswith(f"{path}:{line}: "), message
    assert "Traceback" not in result.stderr
    assert len(message.splitlines()) == 1
    assert data.fingerprint() == before
    assert not (data.data / "studyapp.sqlite3-wal").exists()
    assert ("basic", "uno", "one", "good") not in questions(data)


def test_missing_file_exits_2(data: Cli, tmp_path: Path) -> None:
    before = data.fingerprint()
    result = data.run("import", str(tmp_path / "nope.tsv"))
    assert result.returncode == 2
    assert result.stderr.startswith(f"{tmp_path / 'nope.tsv'}: ")
    assert data.fingerprint() == before


def test_bad_input_on_a_new_data_folder_creates_nothing(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.gift", "::Q:: broken {=a ~b\n")
    result = run(tmp_path / "fresh", "import", str(path))
    assert result.returncode == 2
    assert result.stderr.startswith(f"{path}:1: ")
    assert not (tmp_path / "fresh").exists()


def test_export_of_an_unknown_deck_exits_2_and_writes_no_file(data: Cli, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    result = data.run("export", "--format", "json", "--deck", "No such deck", str(out))
    assert result.returncode == 2
    assert "no deck named 'No such deck'" in result.stderr
    assert not out.exists()


FLASHCARDS = "chat\tcat\nchien\tdog\n"


def test_export_into_a_missing_folder_exits_2_and_creates_nothing(data: Cli, tmp_path: Path) -> None:
    out = tmp_path / "no such folder" / "out.json"
    result = data.run("export", "--format", "json", str(out))
    assert result.returncode == 2
    assert result.stderr.startswith(f"{out}: the folder {out.parent} does not exist")
    assert not out.parent.exists()


@pytest.mark.parametrize("format_name", ["apkg", "csv", "tsv", "json", "gift"])
def test_exported_files_follow_the_umask(format_name: str, data: Cli, tmp_path: Path) -> None:
    out = tmp_path / f"out.{format_name}"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    for umask, mode in ((0o022, 0o644), (0o027, 0o640)):
        result = subprocess.run(
            [sys.executable, "-m", "studyapp", "--data-dir", str(data.data),
             *(["--bank", data.url] if data.url else []), "export", "--format", format_name, str(out)],
            capture_output=True, text=True, timeout=180, env=env, umask=umask,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert out.stat().st_mode & 0o777 == mode


def test_csv_export_is_comma_separated_values(data: Cli, tmp_path: Path) -> None:
    import csv

    write(tmp_path, "animals.tsv", 'chat\tcat, "the pet"\nchien\tdog\n')
    assert data.run("import", "--deck", "Pets", str(tmp_path / "animals.tsv")).returncode == 0
    out = tmp_path / "pets.csv"
    assert data.run("export", "--format", "csv", "--deck", "Pets", str(out)).returncode == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("#separator:comma\n")
    rows = list(csv.reader(line for line in text.splitlines() if not line.startswith("#")))
    assert [(row[4], row[5]) for row in rows] == [("chat", 'cat, "the pet"'), ("chien", "dog")]
    assert {len(row) for row in rows} == {8}


@pytest.mark.parametrize("format_name", ["apkg", "csv", "tsv", "json", "gift"])
def test_export_then_import_round_trips(format_name: str, data: Cli, tmp_path: Path) -> None:
    sources = [write(tmp_path, "animals.tsv", FLASHCARDS)]
    if format_name != "apkg":  # Anki has no quiz kinds: choice/true-false become Basic cards
        sources.append(write(tmp_path, "quiz.gift", GIFT))
    assert data.run("import", "--deck", "RT", *map(str, sources)).returncode == 0
    out = tmp_path / f"out.{format_name}"
    exported = data.run("export", "--format", format_name, "--deck", "RT", str(out))
    assert exported.returncode == 0, exported.stderr
    expected = sorted(row for row in questions(data) if row[3] == "RT")
    assert f"{len(expected)} questions exported" in exported.stdout
    fresh = tmp_path / "fresh"
    imported = run(fresh, "import", str(out))
    assert imported.returncode == 0, imported.stderr
    assert sorted(questions(Cli(fresh))) == expected
    assert "already imported" in run(fresh, "import", str(out)).stdout
    assert sorted(questions(Cli(fresh))) == expected


def test_shared_fixtures_import(shared: Path, data: Cli) -> None:
    files = [
        shared / "fixtures" / "gift" / "moodle_examples.gift.txt",
        shared / "fixtures" / "anki" / "taaltuig_spanish-small_anki21.apkg",
        shared / "fixtures" / "aiken" / "moodle_questions.aiken.txt",
    ]
    result = data.run("import", *map(str, files))
    assert result.returncode == 0, result.stderr
    assert "Moodle GIFT" in result.stdout and "Anki deck package" in result.stdout
    assert "Moodle Aiken: 2 added" in result.stdout
    malformed = shared / "fixtures" / "aiken" / "malformed" / "moodle_aiken_errors.txt"
    before = data.fingerprint()
    refused = data.run("import", str(malformed))
    assert refused.returncode == 2 and refused.stderr.startswith(f"{malformed}:")
    assert data.fingerprint() == before
