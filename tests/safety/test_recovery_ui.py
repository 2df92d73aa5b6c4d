"""The window offers the newest good backup for a damaged bank; the Backups dialog works."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from studyapp import paths
from studyapp.services import backups as service
from studyapp.services.startup import open_data_folder


def learners(path: Path) -> list[str]:
    with sqlite3.connect(path) as connection:
        return [row[0] for row in connection.execute("SELECT name FROM learner ORDER BY id")]


def add_learner(path: Path, name: str) -> None:
    connection = sqlite3.connect(path)
    with connection:
        connection.execute(
            "INSERT INTO learner (name, settings, created_at) VALUES (?, '{}', 0)", (name,)
        )
    connection.close()


def wreck(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for offset in range(4096 * 2, len(data), 89):
        data[offset] ^= 0xFF
    path.write_bytes(bytes(data))


@pytest.fixture
def folder(tmp_path: Path):  # type: ignore[no-untyped-def]
    data = tmp_path / "data"
    paths.set_data_dir(data)
    try:
        bank = open_data_folder()
        bank.close()
        add_learner(bank.path, "Ada")
        yield data
    finally:
        paths.set_data_dir(None)


def test_damaged_bank_offers_restore_and_the_app_opens_it(qtbot, folder: Path) -> None:  # type: ignore[no-untyped-def]
    from studyapp.ui.app import create_application, create_main_window

    good = service.backup_now()
    add_learner(folder / paths.BANK_FILE, "Lost after the backup")
    wreck(folder / paths.BANK_FILE)
    create_application([])
    window = create_main_window()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: getattr(window, "recovery_panel", None) is not None, timeout=30000)
    panel = window.recovery_panel
    qtbot.waitUntil(lambda: panel.restore_button.isVisible(), timeout=30000)
    assert panel.candidate is not None and panel.candidate.path == good.path
    assert str(folder / paths.BANK_FILE) in panel.message.text()
    panel.restore_button.click()
    qtbot.waitUntil(lambda: window.context is not None, timeout=60000)
    assert learners(folder / paths.BANK_FILE)[-1] == "Ada"
    kinds = [info.kind for info in service.list_backups()]
    assert "damaged" in kinds  # the damaged file is kept, byte for byte
    window.close()


def test_no_backup_means_no_button_but_a_clear_note(qtbot, folder: Path) -> None:  # type: ignore[no-untyped-def]
    from studyapp.ui.app import create_application, create_main_window

    for info in service.list_backups():
        info.path.unlink()
    wreck(folder / paths.BANK_FILE)
    create_application([])
    window = create_main_window()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: getattr(window, "recovery_panel", None) is not None, timeout=30000)
    panel = window.recovery_panel
    qtbot.waitUntil(lambda: "No healthy backup" in panel.note.text(), timeout=30000)
    assert not panel.restore_button.isVisible()
    window.close()


def test_backups_dialog_backs_up_checks_and_restores(qtbot, folder: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from studyapp.bank.database import open_bank
    from studyapp.ui.dialogs.backups_dialog import BackupsDialog
    from studyapp.ui.tasks import TaskRunner

    bank = open_bank(folder / paths.BANK_FILE)
    tasks = TaskRunner()
    restored = []
    dialog = BackupsDialog(tasks, bank, on_restored=lambda: restored.append(True))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=10000)  # the daily backup
    dialog.backup_button.click()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 2, timeout=10000)
    assert dialog.table.item(0, 1).text() == "Made by you"
    dialog.check_button.click()
    qtbot.waitUntil(lambda: "passed" in dialog.status.text(), timeout=10000)

    add_learner(bank.path, "Grace")
    dialog.table.selectRow(0)  # the manual backup, made before Grace
    monkeypatch.setattr(
        QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.Yes
    )
    dialog.restore_button.click()
    qtbot.waitUntil(lambda: bool(restored), timeout=10000)
    assert "Grace" not in learners(bank.path)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 3, timeout=10000)  # + "Before a restore"
    assert "Grace" in learners(service.list_backups()[0].path)
    with bank.engine.connect() as connection:  # the app's open bank sees the restored data
        assert connection.exec_driver_sql("SELECT count(*) FROM learner").scalar() == 1
    tasks.wait_for_all()
    bank.close()
