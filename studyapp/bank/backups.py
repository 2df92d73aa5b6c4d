"""Rolling backups of the bank with SQLite's online backup API, and restoring one safely."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import shutil
import sqlite3
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from studyapp import paths
from studyapp.bank.integrity import check_integrity, connect_read_only, studyapp_bank_problem
from studyapp.core.errors import DatabaseError, StudyAppError

# daily: the automatic start-up copy; manual: "Back up now"; import/migration: taken just
# before one; restore: the bank as it was just before a restore; damaged: a raw copy of a
# bank SQLite could not read, kept so that nothing is ever thrown away.
KINDS = ("daily", "manual", "import", "migration", "restore", "damaged")
# How many of each event-driven kind to keep; daily copies follow DAILY_KEEP/WEEKLY_KEEP.
KEEP_LAST = {"manual": 10, "import": 5, "migration": 3, "restore": 3, "damaged": 2}
DAILY_KEEP = 7  # the newest copy of each of the last 7 days that have one
WEEKLY_KEEP = 4  # and the newest of each of the 4 weeks before those
STALE_PARTIAL_SECONDS = 3600
_NAME = re.compile(r"^studyapp-(\d{8}-\d{6}-\d{3})-(" + "|".join(KINDS) + r")(?:-\d+)?\.sqlite3$")
_STAMP = "%Y%m%d-%H%M%S-%f"


class BackupError(StudyAppError):
    """A backup or restore could not be made; the bank was left as it was."""


@dataclass(frozen=True)
class BackupInfo:
    """One backup file: where it is, when (UTC) and why it was made, and its size in bytes."""

    path: Path
    created: datetime
    kind: str
    size: int


def default_backups_dir(bank_path: Path) -> Path:
    """The backup folder of ``bank_path``: paths.backups_dir() for the learner's bank, else beside it."""
    bank_path = Path(bank_path).resolve()
    if bank_path == paths.bank_path().resolve():
        return paths.backups_dir()
    return bank_path.parent / paths.backups_dir().name


def parse_backup_name(path: Path) -> BackupInfo | None:
    """The BackupInfo a backup file's name describes, or None for any other file."""
    try:
        size = path.stat().st_size
    except OSError:
        return None
    return _described(path, size)


def _described(path: Path, size: int) -> BackupInfo | None:
    match = _NAME.match(path.name)
    if match is None:
        return None
    created = datetime.strptime(match.group(1) + "000", _STAMP).replace(tzinfo=UTC)
    return BackupInfo(path, created, match.group(2), size)


def list_backups(folder: Path) -> list[BackupInfo]:
    """Every backup in ``folder``, newest first."""
    if not folder.is_dir():
        return []
    found = [info for path in folder.iterdir() if (info := parse_backup_name(path)) is not None]
    return sorted(found, key=lambda info: (info.created, info.path.name), reverse=True)


def _fsync_dir(folder: Path) -> None:
    # The rename is durable only once the directory entry is on disk (POSIX).
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _fsync_file(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def _remove_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


def _reason(error: BaseException) -> str:
    """What went wrong, in words: OSError errno or SQLite's extended result code."""
    code = getattr(error, "errno", None)
    sqlite_name = getattr(error, "sqlite_errorname", "") or ""
    if code in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT) or sqlite_name == "SQLITE_FULL":
        return "the disk is full"
    if code == errno.EROFS or sqlite_name.startswith("SQLITE_READONLY"):
        return "the folder is read-only"
    if sqlite_name in ("SQLITE_IOERR_WRITE", "SQLITE_IOERR_FSYNC", "SQLITE_IOERR_TRUNCATE"):
        return "the disk refused the write (it may be full or failing)"
    return getattr(error, "strerror", None) or str(error)


def _new_name(folder: Path, kind: str, when: datetime) -> Path:
    stamp = when.astimezone(UTC).strftime(_STAMP)[:-3]
    candidate = folder / f"studyapp-{stamp}-{kind}.sqlite3"
    counter = 1
    while candidate.exists():
        candidate = folder / f"studyapp-{stamp}-{kind}-{counter}.sqlite3"
        counter += 1
    return candidate


def _problem_of_copy(copy: Path, full: bool) -> str | None:
    """What is wrong with a fresh copy: quick_check's first finding, or that it is no bank."""
    if full:
        report = check_integrity(copy, quick=True)
        return None if report.ok else report.problems[0]
    return studyapp_bank_problem(copy)


def _claim(temporary: Path, folder: Path, kind: str, when: datetime) -> Path:
    """Give the finished copy its name; a name another process took meanwhile is skipped.

    A hard link fails when the name exists, so two processes never replace each other's
    backup; where links are not supported the name is checked, then replaced.
    """
    while True:
        final = _new_name(folder, kind, when)
        try:
            os.link(temporary, final)
        except FileExistsError:
            continue
        except OSError:
            os.replace(temporary, final)
            return final
        temporary.unlink()
        return final


def copy_database(source: Path, target: Path) -> None:
    """Copy the SQLite database ``source`` (with its WAL) to a new self-contained file ``target``.

    Uses the online backup API, so the copy is a consistent snapshot even while
    other connections write; the copy is in rollback-journal mode (one file).
    """
    source_connection = connect_read_only(source)
    try:
        target_connection = sqlite3.connect(target)
        try:
            source_connection.backup(target_connection)
            target_connection.execute("PRAGMA journal_mode=DELETE")
        finally:
            target_connection.close()
    finally:
        source_connection.close()


def make_backup(source: Path, folder: Path, kind: str, when: datetime | None = None) -> BackupInfo:
    """Back up the bank at ``source`` into ``folder`` as a verified, timestamped file.

    Written to a temporary file, checked, flushed to disk and only then renamed into
    place, so a backup file that exists is complete. Every kind but "import" is checked
    page by page (quick_check); the copy taken before each import is checked to open as
    a StudyApp bank only: quick_check of a 100 MB bank took 1.5 s of every import, and
    the daily copy is checked in full anyway.

    Raises:
        BackupError: When the copy cannot be written (disk full, read-only folder)
            or the copy fails its check (the bank itself is then damaged).
    """
    if kind not in KINDS:
        raise ValueError(f"unknown backup kind {kind!r}")
    when = when or datetime.now(UTC)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BackupError(f"{folder}: cannot create the backup folder: {_reason(error)}") from None
    if not os.access(folder, os.W_OK):
        raise BackupError(f"{folder}: the backup folder is read-only; nothing was backed up")
    final = _new_name(folder, kind, when)
    # Unique to this process and call: two processes backing up in the same millisecond
    # (two imports, an import and the app's daily copy) never write the same file.
    temporary = folder / f".{final.name}.{os.getpid()}-{secrets.token_hex(4)}.partial"
    try:
        copy_database(source, temporary)
        problem = _problem_of_copy(temporary, full=kind != "import")
        if problem is not None:
            raise BackupError(f"{source}: the bank failed its check while being backed up: {problem}")
        _fsync_file(temporary)
        size = temporary.stat().st_size
        final = _claim(temporary, folder, kind, when)
        _fsync_dir(folder)
    except BackupError:
        _remove_quietly(temporary)
        raise
    except UnicodeDecodeError:  # SQLite quoted non-UTF-8 bytes of a damaged schema
        _remove_quietly(temporary)
        raise BackupError(f"{source}: the bank is damaged and cannot be backed up") from None
    except (OSError, sqlite3.Error) as error:
        _remove_quietly(temporary)
        raise BackupError(f"{final}: cannot write the backup: {_reason(error)}") from None
    # Described from its name, not read back: another process may already have pruned it.
    info = _described(final, size)
    assert info is not None
    return info


def copy_damaged(source: Path, folder: Path) -> BackupInfo | None:
    """Keep a byte-for-byte copy of a bank SQLite cannot read (and its WAL) before replacing it."""
    if not source.exists():
        return None
    folder.mkdir(parents=True, exist_ok=True)
    final = _new_name(folder, "damaged", datetime.now(UTC))
    try:
        shutil.copyfile(source, final)
        wal = Path(f"{source}-wal")
        if wal.exists():
            shutil.copyfile(wal, Path(f"{final}-wal"))
    except OSError as error:
        _remove_quietly(final)
        raise BackupError(f"{final}: cannot copy the damaged bank: {_reason(error)}") from None
    return parse_backup_name(final)


def backups_to_prune(backups: list[BackupInfo]) -> list[BackupInfo]:
    """The backups the rolling policy no longer keeps (see KEEP_LAST, DAILY_KEEP, WEEKLY_KEEP)."""
    keep: set[Path] = set()
    for kind, count in KEEP_LAST.items():
        keep.update(info.path for info in [b for b in backups if b.kind == kind][:count])
    days: dict[object, BackupInfo] = {}
    weeks: dict[object, BackupInfo] = {}
    for info in (b for b in backups if b.kind == "daily"):  # newest first
        local = info.created.astimezone()
        day = local.date()
        if day not in days and len(days) < DAILY_KEEP:
            days[day] = info
            continue
        if day in days:
            continue
        week = local.isocalendar()[:2]
        week_taken = any(b.created.astimezone().isocalendar()[:2] == week for b in days.values())
        if not week_taken and week not in weeks and len(weeks) < WEEKLY_KEEP:
            weeks[week] = info
    keep.update(info.path for info in days.values())
    keep.update(info.path for info in weeks.values())
    return [info for info in backups if info.path not in keep]


def prune_backups(folder: Path) -> list[Path]:
    """Delete the backups the rolling policy no longer keeps; return their paths."""
    removed = []
    # Left by a backup that was killed half-way; a live one is minutes old at most.
    for partial in folder.glob(".studyapp-*.partial*"):  # and its -journal
        with contextlib.suppress(OSError):
            if partial.stat().st_mtime < time.time() - STALE_PARTIAL_SECONDS:
                partial.unlink()
                removed.append(partial)
    for info in backups_to_prune(list_backups(folder)):
        _remove_quietly(info.path)
        _remove_quietly(Path(f"{info.path}-wal"))
        removed.append(info.path)
    return removed


def validate_bank_file(path: Path) -> str | None:
    """Why ``path`` cannot be restored (not a healthy StudyApp bank), or None if it can."""
    if not path.is_file():
        return "no such file"
    report = check_integrity(path)
    if not report.ok:
        return report.problems[0] if report.problems else "the file is damaged"
    return studyapp_bank_problem(path)


def checkpoint(path: Path) -> None:
    """Fold the WAL into the bank file (no-op when SQLite cannot read it)."""
    with contextlib.suppress(sqlite3.Error, UnicodeDecodeError):
        connection = sqlite3.connect(path)
        try:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            connection.close()


def replace_bank(bank_path: Path, backup: Path) -> None:
    """Make ``bank_path`` a copy of the healthy bank ``backup``; every connection must be closed.

    The copy is written beside the bank, flushed, and renamed over it, so a crash
    at any moment leaves either the old bank or the restored one, never a mix;
    the old bank's -wal and -shm are removed first so SQLite cannot replay them
    into the restored file.
    """
    temporary = bank_path.with_name(f".{bank_path.name}.restoring")
    for stale in (temporary, Path(f"{temporary}-journal")):  # left by a restore that was killed
        _remove_quietly(stale)
    try:
        copy_database(backup, temporary)
        _fsync_file(temporary)
        if bank_path.exists():
            checkpoint(bank_path)
        for suffix in ("-wal", "-shm", "-journal"):
            _remove_quietly(Path(f"{bank_path}{suffix}"))
        os.replace(temporary, bank_path)
        _fsync_dir(bank_path.parent)
    except (OSError, sqlite3.Error, UnicodeDecodeError) as error:
        _remove_quietly(temporary)
        raise BackupError(f"{bank_path}: cannot restore from {backup}: {_reason(error)}") from None


def backup_before_migration(bank_path: Path) -> None:
    """The hook open_bank gives the migration runner: a verified copy before any schema change.

    Raises:
        DatabaseError: When no backup can be made; the bank is then not upgraded.
    """
    folder = default_backups_dir(bank_path)
    try:
        make_backup(bank_path, folder, "migration")
    except BackupError as error:
        raise DatabaseError(str(bank_path), f"not upgrading it without a backup: {error}") from None
    prune_backups(folder)
