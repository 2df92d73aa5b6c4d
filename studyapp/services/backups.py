"""Backups of the learner's bank: daily at start-up, before imports, on request; restore; checks."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from studyapp import paths
from studyapp.bank import backups as store
from studyapp.bank.backups import BackupError, BackupInfo
from studyapp.bank.database import Bank, open_bank
from studyapp.bank.integrity import IntegrityReport, check_integrity
from studyapp.bank.migrations import head_revision, known_revisions
from studyapp.core.errors import InputError

__all__ = [
    "BackupError",
    "BackupInfo",
    "IntegrityReport",
    "RestoreResult",
    "backup_at_startup",
    "backup_before",
    "backup_now",
    "check_bank",
    "list_backups",
    "newest_good_backup",
    "recovery_candidate",
    "restore_backup",
]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RestoreResult:
    """What a restore did: the file restored, the copy of the bank it replaced, the check after."""

    restored_from: Path
    previous: BackupInfo | None
    report: IntegrityReport


SERVER_BACKUPS = (
    "a bank on a PostgreSQL server is backed up by the server, not by StudyApp:"
    " pg_dump --format=custom --file=class.dump DATABASE (see the README)"
)


def _on_server(bank: Bank | Path | None) -> bool:
    if isinstance(bank, Bank):
        return bank.on_server
    return bank is None and paths.bank_url() is not None


def _bank_path(bank: Bank | Path | None) -> Path:
    """The SQLite file to back up or restore; a server bank raises BackupError."""
    if _on_server(bank):
        raise BackupError(SERVER_BACKUPS)
    if bank is None:
        return paths.bank_path()
    if isinstance(bank, Bank):
        assert bank.path is not None
        return bank.path
    return Path(bank)


def _has_data(path: Path) -> bool:
    return path.is_file() and path.stat().st_size > 0


def list_backups(bank: Bank | Path | None = None) -> list[BackupInfo]:
    """The backups of the learner's bank (or of ``bank``), newest first."""
    return store.list_backups(store.default_backups_dir(_bank_path(bank)))


def backup_now(bank: Bank | Path | None = None, kind: str = "manual") -> BackupInfo:
    """Back up the bank now and prune old backups; return the new backup.

    Raises:
        BackupError: When the backup cannot be written; the bank is untouched.
    """
    path = _bank_path(bank)
    if not _has_data(path):
        raise BackupError(f"{path}: there is no question bank to back up yet")
    folder = store.default_backups_dir(path)
    info = store.make_backup(path, folder, kind)
    store.prune_backups(folder)
    return info


def backup_before(reason: str, bank: Bank | Path | None = None) -> BackupInfo | None:
    """Back up the bank before a risky change (``reason`` "import" or "migration").

    Returns None when there is no bank yet (nothing to lose).

    Raises:
        BackupError: When the backup cannot be made: the caller must not go ahead.
    """
    if reason not in ("import", "migration"):
        raise ValueError(f"unknown backup reason {reason!r}")
    if _on_server(bank):
        return None  # the server's own backups (pg_dump) cover it
    path = _bank_path(bank)
    if not _has_data(path):
        return None
    return backup_now(path, kind=reason)


def backup_at_startup(bank: Bank | Path | None = None) -> BackupInfo | None:
    """Make the daily backup unless one was made today (local time); never raises.

    A failure (disk full, read-only folder) is logged and the app carries on:
    the learner can still study, and the next start tries again.
    """
    if _on_server(bank):
        return None
    path = _bank_path(bank)
    if not _has_data(path):
        return None
    today = datetime.now(UTC).astimezone().date()
    for info in list_backups(path):
        if info.kind == "daily" and info.created.astimezone().date() == today:
            return None
    try:
        return backup_now(path, kind="daily")
    except BackupError as error:
        log.warning("daily backup skipped: %s", error)
        return None


def check_bank(bank: Bank | Path | None = None) -> IntegrityReport:
    """PRAGMA integrity_check and foreign_key_check of the bank, on request."""
    return check_integrity(_bank_path(bank))


def newest_good_backup(bank: Bank | Path | None = None) -> BackupInfo | None:
    """The newest backup that passes its check and that this StudyApp can open."""
    known = known_revisions()
    for info in list_backups(bank):
        if info.kind == "damaged":
            continue
        if store.validate_bank_file(info.path) is None:
            revision = check_integrity(info.path, quick=True).revision
            if revision in known:
                return info
    return None


def _refuse_unusable(file: Path) -> None:
    problem = store.validate_bank_file(file)
    if problem is not None:
        raise InputError(str(file), problem)
    revision = check_integrity(file, quick=True).revision
    if revision not in known_revisions():
        raise InputError(
            str(file),
            f"written by a newer StudyApp (schema {revision}, this one knows up to {head_revision()})",
        )


def restore_backup(file: Path, bank: Bank | Path | None = None) -> RestoreResult:
    """Replace the bank with the backup ``file``, after backing up the bank as it is.

    Closes ``bank``'s connections first (a Bank object stays usable: its engine
    reconnects to the restored file on next use). A bank SQLite cannot read is
    kept as a byte-for-byte "damaged" copy instead. A backup from an older
    schema is upgraded right away, so an open app can go on using it.

    Raises:
        InputError: ``file`` is not a healthy StudyApp bank (nothing was changed).
        BackupError: The current state could not be saved or the copy failed.
    """
    file = Path(file).resolve()
    path = _bank_path(bank)
    _refuse_unusable(file)
    if file == path.resolve():
        raise InputError(str(file), "this is the question bank itself, not a backup of it")
    folder = store.default_backups_dir(path)
    if isinstance(bank, Bank):
        bank.close()
    previous = None
    if _has_data(path):
        if check_integrity(path, quick=True).ok:
            previous = store.make_backup(path, folder, "restore")
        else:
            previous = store.copy_damaged(path, folder)
    store.replace_bank(path, file)
    if isinstance(bank, Bank):
        bank.close()  # drop any connection a reader thread opened meanwhile
    report = check_integrity(path)
    if not report.ok:
        raise BackupError(f"{path}: the restored bank failed its check: {report.summary}")
    if report.revision != head_revision():
        open_bank(path).close()  # an older backup: upgrade it now (after its own backup)
    store.prune_backups(folder)
    return RestoreResult(file, previous, report)


def recovery_candidate(bank: Bank | Path | None = None) -> BackupInfo | None:
    """The backup to offer when the bank is damaged: the newest good one; None if the bank is fine."""
    if _on_server(bank):
        return None  # a server that cannot be reached is not a damaged file
    path = _bank_path(bank)
    if not path.exists() or not os.access(path.parent, os.W_OK):
        return None  # a read-only folder is not damage, and a restore could not write anyway
    if check_integrity(path, quick=True).ok:
        return None
    return newest_good_backup(path)
