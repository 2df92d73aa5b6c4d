"""Every path StudyApp uses: the learner's data folder and the bundled folders."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "StudyApp"
DATA_DIR_ENV = "STUDYAPP_DATA_DIR"
BANK_URL_ENV = "STUDYAPP_BANK_URL"
BANK_FILE = "studyapp.sqlite3"
BANK_CHOICE_FILE = "bank-url.txt"  # Settings → Bank…: the server chosen in the app
OUTBOX_FILE = "outbox.sqlite3"  # answers waiting for an unreachable server

_PACKAGE_DIR = Path(__file__).resolve().parent
_override: Path | None = None
_bank_url_override: str | None = None


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


def set_bank_url(url: str | None) -> None:
    """Use the server at ``url`` for this process (the --bank option)."""
    global _bank_url_override
    _bank_url_override = url.strip() if url and url.strip() else None


def bank_choice_file() -> Path:
    """Where Settings → Bank… keeps the chosen server's URL (absent: the local file)."""
    return data_dir() / BANK_CHOICE_FILE


def chosen_bank_url() -> str:
    """The server chosen in Settings → Bank… ("" for the local file)."""
    try:
        return bank_choice_file().read_text(encoding="utf-8").strip()
    except OSError:
        return ""


def bank_url_source() -> tuple[str | None, str]:
    """The server bank's URL and where it comes from: "--bank", STUDYAPP_BANK_URL, or
    "Settings" (Settings → Bank…); (None, "default") means the SQLite file in the data folder."""
    if _bank_url_override is not None:
        return _bank_url_override, "--bank"
    env = os.environ.get(BANK_URL_ENV, "").strip()
    if env:
        return env, BANK_URL_ENV
    chosen = chosen_bank_url()
    return (chosen, "Settings") if chosen else (None, "default")


def bank_url() -> str | None:
    """The server bank's URL (see bank_url_source); None means the SQLite file."""
    return bank_url_source()[0]


def bank_location() -> Path | str:
    """The bank to open: a server's URL, or the SQLite file in the data folder."""
    return bank_url() or bank_path()


def outbox_path() -> Path:
    """Answers given while the server bank could not be reached, until they are sent."""
    return data_dir() / OUTBOX_FILE


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
