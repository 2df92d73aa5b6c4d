"""UI fixtures: a main window on a data folder prepared once per session and copied per test."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from studyapp import paths
from studyapp.services.startup import open_data_folder, prepare_content
from studyapp.ui.app import create_application, create_main_window
from studyapp.ui.main_window import MainWindow


@pytest.fixture(scope="session")
def prepared_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder after first start: bank migrated, articles loaded and analysed.

    Built once (the language model is slow to load); each test gets its own copy.
    """
    folder = tmp_path_factory.mktemp("prepared") / "data"
    paths.set_data_dir(folder)
    try:
        bank = open_data_folder()
        prepare_content(bank)
        with bank.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        bank.close()
    finally:
        paths.set_data_dir(None)
    return folder


@pytest.fixture
def main_window(qtbot, tmp_path: Path, prepared_data: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    """The real main window on a copy of the prepared data folder, after start-up work."""
    data = tmp_path / "data"
    shutil.copytree(prepared_data, data)
    paths.set_data_dir(data)
    create_application([])
    window = create_main_window()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.context is not None, timeout=60000)
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=120000)
    yield window
    window.close()
    paths.set_data_dir(None)
