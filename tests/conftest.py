"""Test-wide fixtures: offscreen Qt, the shared folder, a fresh data folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Set before any Qt import so every test, and every QApplication, is offscreen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

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
    return folder
