"""Test-wide fixtures: offscreen Qt, the shared folder, a fresh data folder, and the bank on
both engines (``bank_location``: an SQLite file, then a database on a PostgreSQL server)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# Set before any Qt import so every test, and every QApplication, is offscreen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# With --import-mode=importlib pytest no longer puts test folders on sys.path.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bank_locations import (  # noqa: E402
    BankLocation,
    PostgresServer,
    postgres_server,
)

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED = REPO_ROOT.parent / "shared"


def shared_dir() -> Path:
    """Return ../shared beside the repository, or skip the test when it is absent."""
    if not (SHARED / "fixtures").is_dir():
        pytest.skip(
            f"{SHARED} is absent: shared fixtures and gold files live outside the repository"
        )
    return SHARED


@pytest.fixture
def shared() -> Path:
    """The ../shared folder (fixtures, gold, seeds); skips when absent."""
    return shared_dir()


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh, empty StudyApp data folder used through STUDYAPP_DATA_DIR."""
    folder = tmp_path / "data"
    monkeypatch.setenv("STUDYAPP_DATA_DIR", str(folder))
    monkeypatch.delenv("STUDYAPP_BANK_URL", raising=False)
    return folder


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """A PostgreSQL server for the session: $STUDYAPP_TEST_POSTGRES, else a throwaway
    cluster in a temporary folder; skips (saying why) when neither can be had."""
    with postgres_server() as server:
        yield server


@pytest.fixture(params=["sqlite", "postgresql"])
def bank_location(
    request: pytest.FixtureRequest, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[BankLocation]:
    """Where a test's bank lives, once per engine: the SQLite file in the data folder, then a
    fresh database on the PostgreSQL server, owned by the teacher's role.

    STUDYAPP_BANK_URL is set for the server, so ``open_data_folder`` and the CLI use it too.
    """
    if request.param == "sqlite":
        yield BankLocation(data_dir / "studyapp.sqlite3", data_dir)
        return
    server: PostgresServer = request.getfixturevalue("postgres")
    url = server.new_database()
    monkeypatch.setenv("STUDYAPP_BANK_URL", url)
    try:
        yield BankLocation(url, data_dir, server)
    finally:
        server.drop_database(url)
