"""UI fixtures: a main window on a fresh data folder, with the bank opened."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from studyapp import paths
from studyapp.ui.app import create_application, create_main_window
from studyapp.ui.main_window import MainWindow


@pytest.fixture
def main_window(qtbot, tmp_path: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    """The real main window on an empty data folder, after start-up work finished."""
    paths.set_data_dir(tmp_path / "data")
    create_application([])
    window = create_main_window()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.context is not None, timeout=60000)
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=120000)
    yield window
    window.close()
    paths.set_data_dir(None)
