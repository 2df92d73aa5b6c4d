"""Every path StudyApp uses: the learner's data folder and the bundled folders."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "StudyApp"
DATA_DIR_ENV = "STUDYAPP_DATA_DIR"
BANK_FILE = "studyapp.sqlite3"

_PACKAGE_DIR = Path(__file__).resolve().parent
_override: Path | None = None


def set_data_dir(path: str | os.PathLike[str] | None) -> None:
    """Use ``path`` as the data folder for this process (the --data-dir option)."""
    global _override
    _override = Path(path).expanduser().resolve() if path else None


def data_dir() -> Path:
    """The learner's data folder: --data-dir, else STUDYAPP_DATA_DIR, else appdirs' user data dir."""
    if _override is not None:
        return _override
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser().resolve()
    import appdirs  # only here: appdirs has one home

    return Path(appdirs.user_data_dir(APP_NAME, appauthor=False))


def bank_path() -> Path:
    """The SQLite question bank inside the data folder."""
    return data_dir() / BANK_FILE


def backups_dir() -> Path:
    """Rolling backups of the bank."""
    return data_dir() / "backups"


def _bundled(name: str) -> Path:
    # Installed wheel: hatchling force-includes the folder inside the package.
    # Checkout: the folder sits beside the package at the repository root.
    inside = _PACKAGE_DIR / name
    return inside if inside.is_dir() else _PACKAGE_DIR.parent / name


def resources_dir() -> Path:
    """Bundled articles, domain data tables, icons and schemas."""
    return _bundled("resources")


def migrations_dir() -> Path:
    """The Alembic environment (env.py and versions/)."""
    return _bundled("db")
