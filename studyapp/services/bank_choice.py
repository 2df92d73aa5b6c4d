"""Which bank the app opens: the local SQLite file, or a class's PostgreSQL server.

--bank and STUDYAPP_BANK_URL win for the process they start; otherwise the app opens the
server chosen in Settings → Bank…, which is kept in the data folder, or else the file.
"Test connection" looks at a server without changing anything on it.
"""

from __future__ import annotations

from dataclasses import dataclass

from studyapp import paths
from studyapp.bank.database import is_server_url, probe_server, shown_location
from studyapp.bank.migrations import head_revision, known_revisions
from studyapp.core.errors import DatabaseError, InputError

EXAMPLE_URL = "postgresql+psycopg://alice@school-server/history_class"


@dataclass(frozen=True)
class BankChoice:
    """The bank in use, where that choice comes from, and whether the dialog can change it."""

    location: str  # the server's URL (password hidden) or the file
    on_server: bool
    source: str  # "--bank", "STUDYAPP_BANK_URL", "Settings" or "default"
    chosen_url: str  # what Settings → Bank… keeps ("" for the local file)


@dataclass(frozen=True)
class ConnectionCheck:
    """What Test connection found: a verdict line to show, and whether the bank can be used."""

    usable: bool
    message: str


def current_choice() -> BankChoice:
    """The bank this process opens, and why."""
    url, source = paths.bank_url_source()
    if url is None:
        return BankChoice(str(paths.bank_path()), False, source, "")
    return BankChoice(shown_location(url), True, source, paths.chosen_bank_url())


def check_connection(url: str) -> ConnectionCheck:
    """Connect to ``url`` and say what the app would find there; changes nothing."""
    url = url.strip()
    if not is_server_url(url):
        return ConnectionCheck(False, f"Not a server URL; write it like {EXAMPLE_URL}")
    try:
        probe = probe_server(url)
    except DatabaseError as error:
        return ConnectionCheck(False, error.reason[:1].upper() + error.reason[1:])
    who = f"Signed in as {probe.role}"
    if probe.revision is None:
        if not probe.teacher:
            return ConnectionCheck(False, f"{who}: the database is empty, and only the teacher's"
                                          " role (its owner) can set it up")  # fmt: skip
        return ConnectionCheck(True, f"{who}: an empty database; StudyApp sets it up on first"
                                     " start, as the class's bank")  # fmt: skip
    if probe.revision not in known_revisions():
        return ConnectionCheck(False, f"{who}: this bank was set up by a newer StudyApp (schema"
                                      f" {probe.revision}); update the app first")  # fmt: skip
    role = "the teacher: sees the class and changes the questions" if probe.teacher else (
        "a learner: studies the shared questions, answers stay their own")  # fmt: skip
    upgrade = "" if probe.revision == head_revision() else (
        "; the teacher's app upgrades its schema on next start")  # fmt: skip
    return ConnectionCheck(True, f"{who}, {role}{upgrade}")


def save_choice(url: str | None) -> None:
    """Open the server at ``url`` from the next start on (None or "": the local file).

    Raises:
        InputError: the URL is not a server's, or the data folder cannot be written.
    """
    target = paths.bank_choice_file()
    url = (url or "").strip()
    if url and not is_server_url(url):
        raise InputError(url, f"not a server URL; write it like {EXAMPLE_URL}")
    try:
        if not url:
            target.unlink(missing_ok=True)
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(url + "\n", encoding="utf-8")
    except OSError as error:
        raise InputError(str(target), f"cannot keep the choice: {error.strerror}") from None
