"""Backups: consistent copies, verified before kept, rolling retention, safe restore, the CLI."""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from studyapp.bank import backups as store
from studyapp.bank.backups import BackupError, BackupInfo
from studyapp.bank.database import open_bank
from studyapp.bank.integrity import check_integrity
from studyapp.cli import main
from studyapp.core.errors import InputError
from studyapp.services import backups as service
from studyapp.services.startup import open_data_folder


def learner_count(path: Path) -> int:
    with sqlite3.connect(path) as connection:
        return connection.execute("SELECT count(*) FROM learner").fetchone()[0]


def add_learner(path: Path, name: str) -> None:
    connection = sqlite3.connect(path)
    with connection:
        connection.execute(
            "INSERT INTO learner (name, settings, created_at) VALUES (?, '{}', 0)", (name,)
        )
    connection.close()


@pytest.fixture
def bank_path(data_dir: Path) -> Path:
    bank = open_data_folder()
    bank.close()
    add_learner(bank.path, "Ada")
    return bank.path


def test_backup_is_a_verified_self_contained_copy(bank_path: Path) -> None:
    info = service.backup_now()
    assert info.kind == "manual" and info.path.parent == bank_path.parent / "backups"
    assert info.path.name.startswith("studyapp-") and info.path.suffix == ".sqlite3"
    assert check_integrity(info.path).ok
    assert learner_count(info.path) == 1
    assert not Path(f"{info.path}-wal").exists()
    with sqlite3.connect(info.path) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert not list(info.path.parent.glob(".*partial"))


def test_backup_while_another_connection_writes_is_consistent(bank_path: Path) -> None:
    bank = open_bank(bank_path)
    stop = threading.Event()

    def write() -> None:
        number = 0
        while not stop.is_set():
            with bank.engine.begin() as connection:
                connection.exec_driver_sql(
                    "INSERT INTO learner (name, settings, created_at) VALUES (?, '{}', 0)",
                    (f"writer {number}",),
                )
            number += 1

    writer = threading.Thread(target=write)
    writer.start()
    try:
        copies = [service.backup_now(bank) for _ in range(5)]
    finally:
        stop.set()
        writer.join()
        bank.close()
    counts = [learner_count(info.path) for info in copies]
    assert all(check_integrity(info.path).ok for info in copies)
    assert counts == sorted(counts) and counts[-1] <= learner_count(bank_path)


def test_no_bank_yet_cannot_be_backed_up_but_backup_before_is_a_no_op(data_dir: Path) -> None:
    with pytest.raises(BackupError, match="no question bank"):
        service.backup_now()
    assert service.backup_before("import") is None


def test_backup_before_import_and_at_startup_once_a_day(bank_path: Path) -> None:
    info = service.backup_before("import")
    assert info is not None and info.kind == "import"
    kinds = [b.kind for b in service.list_backups()]
    assert kinds.count("daily") == 1  # made by open_data_folder
    assert service.backup_at_startup() is None  # already one today
    open_data_folder().close()
    assert [b.kind for b in service.list_backups()].count("daily") == 1
    with pytest.raises(ValueError):
        service.backup_before("whim")


def test_damaged_bank_is_not_kept_as_a_backup(bank_path: Path, tmp_path: Path) -> None:
    data = bytearray(bank_path.read_bytes())
    # Wreck every page after the schema so the copy fails quick_check.
    for offset in range(4096 * 2, len(data), 97):
        data[offset] = 0xA5
    bank_path.write_bytes(bytes(data))
    folder = tmp_path / "copies"
    with pytest.raises(BackupError):
        store.make_backup(bank_path, folder, "manual")
    assert [p.name for p in folder.iterdir()] == []


def test_backup_into_a_folder_that_cannot_be_created(bank_path: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(BackupError, match="cannot create the backup folder"):
        store.make_backup(bank_path, blocker / "backups", "manual")


def info(folder: Path, when: datetime, kind: str) -> BackupInfo:
    path = folder / f"studyapp-{when.strftime('%Y%m%d-%H%M%S')}-000-{kind}.sqlite3"
    return BackupInfo(path, when, kind, 1)


def test_retention_keeps_7_days_4_weeks_and_the_last_of_each_kind(tmp_path: Path) -> None:
    start = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
    backups = [info(tmp_path, start - timedelta(days=day), "daily") for day in range(60)]
    # Two on the newest day: only the newer one is kept for that day.
    backups.insert(0, info(tmp_path, start + timedelta(hours=1), "daily"))
    backups += [info(tmp_path, start - timedelta(minutes=m), "import") for m in range(1, 9)]
    backups += [info(tmp_path, start - timedelta(minutes=m), "migration") for m in range(1, 6)]
    backups.sort(key=lambda b: b.created, reverse=True)
    pruned = {b.path for b in store.backups_to_prune(backups)}
    kept = [b for b in backups if b.path not in pruned]
    daily = [b for b in kept if b.kind == "daily"]
    days = {b.created.astimezone().date() for b in daily}
    assert len(daily) == 7 + 4 and len(days) == 11
    weeks = {b.created.astimezone().isocalendar()[:2] for b in daily}
    assert len(weeks) >= 5  # the 7 days span 1-2 weeks, then 4 more weeks
    assert backups[0] in kept and backups[1] in daily + [backups[1]]
    assert sum(b.kind == "import" for b in kept) == store.KEEP_LAST["import"]
    assert sum(b.kind == "migration" for b in kept) == store.KEEP_LAST["migration"]
    newest_import = max((b for b in backups if b.kind == "import"), key=lambda b: b.created)
    assert newest_import in kept


def test_prune_deletes_files_and_ignores_other_files(bank_path: Path) -> None:
    for _ in range(store.KEEP_LAST["import"] + 3):
        service.backup_before("import")
    folder = bank_path.parent / "backups"
    (folder / "notes.txt").write_text("mine")
    store.prune_backups(folder)
    kinds = [b.kind for b in service.list_backups()]
    assert kinds.count("import") == store.KEEP_LAST["import"]
    assert (folder / "notes.txt").exists()


def test_restore_backs_up_first_then_replaces_and_checks(bank_path: Path) -> None:
    saved = service.backup_now()
    add_learner(bank_path, "Grace")
    bank = open_bank(bank_path)  # an open app: connections and a WAL exist
    with bank.engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO learner (name, settings, created_at) VALUES ('Lin', '{}', 0)"
        )
    result = service.restore_backup(saved.path, bank)
    assert result.report.ok and result.restored_from == saved.path
    assert result.previous is not None and result.previous.kind == "restore"
    assert learner_count(result.previous.path) == 3  # nothing lost: the replaced state is kept
    assert learner_count(bank_path) == 1
    with bank.engine.connect() as connection:  # the same Bank object now sees the restored file
        assert connection.exec_driver_sql("SELECT count(*) FROM learner").scalar() == 1
    bank.close()
    assert not list(bank_path.parent.glob(".*restoring"))


def test_restore_refuses_files_that_are_not_healthy_banks(bank_path: Path, tmp_path: Path) -> None:
    before = bank_path.read_bytes()
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"hello" * 100)
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE t (x)")
    for file, reason in (
        (junk, "damaged"),
        (other, "not a StudyApp"),
        (tmp_path / "no", "no such"),
    ):
        with pytest.raises(InputError, match=reason) as raised:
            service.restore_backup(file)
        assert str(raised.value).startswith(str(file))
    with pytest.raises(InputError, match="the question bank itself"):
        service.restore_backup(bank_path)
    assert bank_path.read_bytes() == before
    assert not [b for b in service.list_backups() if b.kind == "restore"]


def test_restore_refuses_a_backup_from_a_newer_app(bank_path: Path) -> None:
    saved = service.backup_now()
    with sqlite3.connect(saved.path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'fffffffff'")
    with pytest.raises(InputError, match="newer StudyApp"):
        service.restore_backup(saved.path)


def test_damaged_bank_offers_the_newest_good_backup_and_keeps_a_copy(bank_path: Path) -> None:
    good = service.backup_now()
    assert service.recovery_candidate() is None  # the bank is fine: nothing to offer
    wrecked = bytearray(bank_path.read_bytes())
    for offset in range(4096 * 2, len(wrecked), 89):
        wrecked[offset] ^= 0xFF
    bank_path.write_bytes(bytes(wrecked))
    candidate = service.recovery_candidate()
    assert candidate is not None and candidate.path == good.path
    result = service.restore_backup(candidate.path)
    assert result.previous is not None and result.previous.kind == "damaged"
    assert result.previous.path.read_bytes() == bytes(wrecked)
    assert check_integrity(bank_path).ok and learner_count(bank_path) == 1
    open_data_folder().close()  # and the app opens it again


def test_cli_backup_and_restore(bank_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["backup"]) == 0
    printed = Path(capsys.readouterr().out.strip())
    assert printed.is_file() and check_integrity(printed).ok
    add_learner(bank_path, "Grace")
    assert main(["restore", str(printed)]) == 0
    assert learner_count(bank_path) == 1
    assert main(["restore", str(bank_path.parent / "missing.sqlite3")]) == 2
    assert capsys.readouterr().err.strip().endswith("missing.sqlite3: no such file")


def test_integrity_report_names_foreign_key_problems(bank_path: Path) -> None:
    connection = sqlite3.connect(bank_path)
    with connection:
        connection.execute(
            "INSERT INTO card (learner_id, question_id, state, due, reps, lapses, suspended)"
            " VALUES (999, 999, 0, 0, 0, 0, 0)"
        )
    connection.close()
    report = service.check_bank()
    assert not report.ok and report.foreign_key_problems == 2
    assert "card" in report.summary
