"""A full disk (tmpfs or RLIMIT_FSIZE) and a read-only data folder: clear messages, bank intact."""

from __future__ import annotations

import contextlib
import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from safety_support import DRIVER, REPO_ROOT, copy_folder, count

from studyapp.bank.integrity import check_integrity

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="uses Linux mounts and rlimits")
ROWS = 4000


def run_cli(
    data_dir: Path, *args: str, file_size_limit: int | None = None
) -> subprocess.CompletedProcess[str]:
    """``python -m studyapp --data-dir DIR ARGS`` in a child, optionally with RLIMIT_FSIZE."""

    def limit() -> None:
        # Ignored, SIGXFSZ no longer kills the process: the write fails with EFBIG instead,
        # which is what a full disk looks like to SQLite.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        if file_size_limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size_limit, file_size_limit))

    return subprocess.run(
        [sys.executable, "-m", "studyapp", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        env=dict(os.environ, PYTHONPATH=str(REPO_ROOT)),
        preexec_fn=limit,
        timeout=120,
    )


def grow_bank(bank: Path, megabytes: float) -> None:
    """Add about ``megabytes`` of question text, so a copy of the bank needs that much room."""
    connection = sqlite3.connect(bank)
    with connection:
        deck = connection.execute("SELECT min(id) FROM deck").fetchone()[0]
        filler = "x" * 1000
        connection.executemany(
            "INSERT INTO question (deck_id, kind, prompt, answer, payload, explanation, difficulty,"
            " tags, origin, content_hash, external_id, suspended, created_at, updated_at)"
            " VALUES (?, 'basic', ?, ?, '{}', '', 0.5, '', 'generated', ?, '', 0, 0, 0)",
            [(deck, f"Filler {n}", filler, f"filler-{n}") for n in range(int(megabytes * 1000))],
        )
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()


def assert_clear_failure(result: subprocess.CompletedProcess[str], *words: str) -> None:
    """Exit status 2 and a one-line message naming the problem; never a traceback."""
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    message = result.stderr.strip()
    assert message and len(message.splitlines()) <= 2, message
    assert any(word in message for word in words), message


def snapshot(bank: Path) -> tuple[bytes, int]:
    """The bank's bytes after a checkpoint, and its question count."""
    return bank.read_bytes(), count(bank, "SELECT count(*) FROM question")


def backup_files(folder: Path) -> set[str]:
    return (
        {path.name for path in (folder / "backups").iterdir()}
        if (folder / "backups").exists()
        else set()
    )


@contextlib.contextmanager
def small_disk(mount_point: Path, size: str) -> Iterator[Path]:
    """A tmpfs of ``size`` mounted at ``mount_point``; skips when mounting is not permitted."""
    mount_point.mkdir(parents=True, exist_ok=True)
    if shutil.which("mount") is None:
        pytest.skip("no mount command on this system")
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mount_point)],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs (needs root or CAP_SYS_ADMIN): {result.stderr.strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def fill_disk(folder: Path, leave: int) -> Path:
    """Write a filler file so only about ``leave`` bytes stay free on ``folder``'s file system."""
    free = shutil.disk_usage(folder).free
    filler = folder / "filler.bin"
    with filler.open("wb") as handle:
        remaining = max(0, free - leave)
        while remaining > 0:
            chunk = min(remaining, 1 << 20)
            handle.write(b"\0" * chunk)
            remaining -= chunk
    return filler


# -- backup ---------------------------------------------------------------------------------


def test_backup_on_a_full_disk_says_so_and_keeps_the_bank(
    template_folder: Path, tmp_path: Path
) -> None:
    with small_disk(tmp_path / "disk", "6m") as disk:
        bank = copy_folder(template_folder, disk / "data")
        grow_bank(bank, 2.0)
        fill_disk(disk, leave=bank.stat().st_size // 2)
        before, backups = snapshot(bank), backup_files(disk / "data")
        result = run_cli(disk / "data", "backup")
        assert_clear_failure(result, "disk is full")
        assert snapshot(bank) == before and backup_files(disk / "data") == backups
        assert check_integrity(bank).ok


def test_backup_past_the_file_size_limit_says_so_and_keeps_the_bank(
    template_folder: Path, tmp_path: Path
) -> None:
    bank = copy_folder(template_folder, tmp_path / "data")
    grow_bank(bank, 1.0)
    before, backups = snapshot(bank), backup_files(tmp_path / "data")
    result = run_cli(tmp_path / "data", "backup", file_size_limit=bank.stat().st_size // 2)
    # SQLite reports EFBIG as a failed write (SQLITE_IOERR_WRITE), not as SQLITE_FULL.
    assert_clear_failure(result, "disk is full", "may be full")
    assert snapshot(bank) == before and backup_files(tmp_path / "data") == backups
    assert check_integrity(bank).ok


# -- import ---------------------------------------------------------------------------------


def import_file(folder: Path, tag: str) -> Path:
    path = folder / f"import-{tag}.txt"
    path.write_text("".join(f"Disk {tag} question {n}?\tAnswer {n}\n" for n in range(ROWS)))
    return path


def require_import_command(data_dir: Path) -> None:
    """The command exists and starts: a broken CLI fails these tests, it never skips them."""
    result = run_cli(data_dir, "import", "--help")
    assert result.returncode == 0, result.stderr


def test_import_on_a_full_disk_says_so_and_adds_nothing(
    template_folder: Path, tmp_path: Path
) -> None:
    with small_disk(tmp_path / "disk", "4m") as disk:
        bank = copy_folder(template_folder, disk / "data")
        require_import_command(disk / "data")
        source = import_file(tmp_path, "full")
        # Room for the pre-import backup (a copy of the bank) and little else.
        filler = fill_disk(disk, leave=bank.stat().st_size + 96 * 1024)
        questions = count(bank, "SELECT count(*) FROM question")
        batches = count(bank, "SELECT count(*) FROM import_batch")
        result = run_cli(disk / "data", "import", str(source))
        assert_clear_failure(result, "full", "space", "disk")
        assert count(bank, "SELECT count(*) FROM question") == questions
        assert count(bank, "SELECT count(*) FROM import_batch") == batches
        assert check_integrity(bank).ok
        filler.unlink()  # with room again, the same import works
        result = run_cli(disk / "data", "import", str(source))
        assert result.returncode == 0, result.stderr
        assert count(bank, "SELECT count(*) FROM question") == questions + ROWS


def test_import_past_the_file_size_limit_says_so_and_adds_nothing(
    template_folder: Path, tmp_path: Path
) -> None:
    bank = copy_folder(template_folder, tmp_path / "data")
    require_import_command(tmp_path / "data")
    source = import_file(tmp_path, "limit")
    questions = count(bank, "SELECT count(*) FROM question")
    # The backup (the bank's size) fits; the import's write-ahead log does not.
    result = run_cli(
        tmp_path / "data", "import", str(source), file_size_limit=bank.stat().st_size + 64 * 1024
    )
    assert_clear_failure(result, "full", "space", "disk", "large")
    assert count(bank, "SELECT count(*) FROM question") == questions
    assert check_integrity(bank).ok


def run_driver_import(
    data_dir: Path, source: Path, file_size_limit: int | None = None
) -> subprocess.CompletedProcess[str]:
    """The import service in a child (tests/safety/driver.py), optionally with RLIMIT_FSIZE."""
    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        if file_size_limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size_limit, file_size_limit))

    return subprocess.run(
        [sys.executable, str(DRIVER), "import", str(source)],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        env=dict(os.environ, PYTHONPATH=str(REPO_ROOT), STUDYAPP_DATA_DIR=str(data_dir)),
        preexec_fn=limit,
        timeout=120,
    )


def test_import_service_on_a_full_disk_raises_a_clear_error(
    template_folder: Path, tmp_path: Path
) -> None:
    with small_disk(tmp_path / "disk", "4m") as disk:
        bank = copy_folder(template_folder, disk / "data")
        source = import_file(tmp_path, "service-full")
        filler = fill_disk(disk, leave=bank.stat().st_size + 96 * 1024)
        questions = count(bank, "SELECT count(*) FROM question")
        result = run_driver_import(disk / "data", source)
        assert_clear_failure(result, "disk is full", "may be full")
        assert count(bank, "SELECT count(*) FROM question") == questions
        assert count(bank, "SELECT count(*) FROM import_batch") == 0
        assert check_integrity(bank).ok
        filler.unlink()
        assert run_driver_import(disk / "data", source).returncode == 0
        assert count(bank, "SELECT count(*) FROM question") == questions + ROWS


def test_import_service_past_the_file_size_limit_raises_a_clear_error(
    template_folder: Path, tmp_path: Path
) -> None:
    bank = copy_folder(template_folder, tmp_path / "data")
    source = import_file(tmp_path, "service-limit")
    questions = count(bank, "SELECT count(*) FROM question")
    result = run_driver_import(tmp_path / "data", source, bank.stat().st_size + 64 * 1024)
    assert_clear_failure(result, "disk is full", "may be full")
    assert count(bank, "SELECT count(*) FROM question") == questions
    assert check_integrity(bank).ok


def test_backup_before_import_on_a_full_disk_stops_the_import(
    template_folder: Path, tmp_path: Path
) -> None:
    with small_disk(tmp_path / "disk", "4m") as disk:
        bank = copy_folder(template_folder, disk / "data")
        source = import_file(tmp_path, "no-backup")
        fill_disk(disk, leave=bank.stat().st_size // 2)  # not even room for the backup
        before = snapshot(bank)
        result = run_driver_import(disk / "data", source)
        assert_clear_failure(result, "disk is full")
        assert snapshot(bank) == before
        assert check_integrity(bank).ok


# -- read-only data folder -------------------------------------------------------------------


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[Path]:
    """``folder`` made read-only: chmod for a normal user, a read-only bind mount for root.

    Root ignores permission bits, so for root only a read-only mount makes writes fail.
    """
    if os.geteuid() != 0:
        mode = folder.stat().st_mode
        folder.chmod(0o555)
        try:
            yield folder
        finally:
            folder.chmod(mode)
        return
    if shutil.which("mount") is None:
        pytest.skip("no mount command on this system")
    steps = [
        ["mount", "--bind", str(folder), str(folder)],
        ["mount", "-o", "remount,ro,bind", str(folder)],
    ]
    mounted = False
    try:
        for step in steps:
            result = subprocess.run(step, capture_output=True, text=True)
            if result.returncode != 0:
                pytest.skip(f"cannot make a read-only bind mount: {result.stderr.strip()}")
            mounted = True
        yield folder
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(folder)], check=False)


def test_read_only_data_folder_gives_a_clear_message(template_folder: Path, tmp_path: Path) -> None:
    bank = copy_folder(template_folder, tmp_path / "data")
    before = bank.read_bytes()
    with read_only(tmp_path / "data") as folder:
        result = run_cli(folder, "backup")
        assert_clear_failure(result, "read-only")
        # The desktop app: the window stays up with the message; stderr names the folder.
        env = dict(os.environ, PYTHONPATH=str(REPO_ROOT), QT_QPA_PLATFORM="offscreen")
        app = subprocess.Popen(
            [sys.executable, "-m", "studyapp", "--data-dir", str(folder)],
            stderr=subprocess.PIPE,
            text=True,
            cwd=REPO_ROOT,
            env=env,
        )
        try:
            assert app.stderr is not None
            line = app.stderr.readline()
            time.sleep(0.3)
            assert app.poll() is None, "the app quit instead of showing the message"
        finally:
            app.kill()
            app.wait()
        assert "read-only" in line and str(folder) in line, line
        assert "Traceback" not in line
    assert bank.read_bytes() == before
