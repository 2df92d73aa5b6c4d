"""A throwaway PostgreSQL cluster in a temporary folder, listening on a Unix socket only.

Used by the tests (one per test session, unless STUDYAPP_TEST_POSTGRES names a server),
by the kill tests (one they may stop and start), by bench/class.py and by .ci/run. Never
a system service: ``initdb`` into a folder of ours, ``pg_ctl`` to start and stop it, the
socket inside that folder, no TCP port. Standard library only, so .ci/run can start one
before the virtual environment exists:

    python3 tests/throwaway_postgres.py start DIR   # prints the admin URL
    python3 tests/throwaway_postgres.py stop DIR
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys
from pathlib import Path

ADMIN = "studyapp_admin"  # the cluster's superuser; tests make ordinary roles beside it
SERVICE_USER = "postgres"  # PostgreSQL refuses to run as root: as root, run it as this user
# Tests need no durability across power cuts: fsync off. Commits still wait for the WAL
# write (synchronous_commit stays on), so a killed server keeps every committed answer.
FAST = {"fsync": "off", "full_page_writes": "off"}


class Unavailable(RuntimeError):
    """No cluster can be started here; the message says why."""


def binaries() -> Path:
    """The folder holding initdb and pg_ctl (the newest installed PostgreSQL)."""
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).parent
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"),
        key=lambda path: int(Path(path).parent.parent.name),
    )
    if not candidates:
        raise Unavailable(
            "PostgreSQL is not installed (no pg_ctl on PATH or in /usr/lib/postgresql);"
            " apt-get install postgresql"
        )
    return Path(candidates[-1]).parent


def _as_service_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    if shutil.which("runuser") is None:
        raise Unavailable("running as root without runuser: cannot start PostgreSQL as postgres")
    try:
        import pwd

        pwd.getpwnam(SERVICE_USER)
    except KeyError:
        raise Unavailable(f"running as root and there is no {SERVICE_USER!r} user") from None
    return ["runuser", "-u", SERVICE_USER, "--", *command]


def _run(command: list[str], log: Path | None = None) -> None:
    result = subprocess.run(
        _as_service_user(command), capture_output=True, text=True, check=False, timeout=120
    )
    if result.returncode != 0:
        tail = (log.read_text(errors="replace")[-2000:] if log and log.exists() else "")
        raise Unavailable(
            f"{Path(command[0]).name} failed ({result.returncode}): "
            f"{(result.stderr or result.stdout).strip()[-2000:]} {tail}".strip()
        )


def url(folder: Path, user: str = ADMIN, database: str = "postgres", password: str = "") -> str:
    """A SQLAlchemy URL for ``user`` on the cluster in ``folder`` (through its socket)."""
    secret = f":{password}" if password else ""
    return f"postgresql+psycopg://{user}{secret}@/{database}?host={folder / 'socket'}"


def start(folder: Path, settings: dict[str, str] | None = None) -> str:
    """Create (first time) and start a cluster in ``folder``; return the superuser's URL.

    Raises:
        Unavailable: PostgreSQL is missing or would not start; the message says why.
    """
    folder = Path(folder).resolve()
    bin_dir = binaries()
    data, socket, log = folder / "data", folder / "socket", folder / "server.log"
    if not (data / "PG_VERSION").exists():
        folder.mkdir(parents=True, exist_ok=True)
        socket.mkdir(exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(folder, SERVICE_USER)
            shutil.chown(socket, SERVICE_USER)
        _run([str(bin_dir / "initdb"), "-D", str(data), "-U", ADMIN, "--auth=trust",
              "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"])  # fmt: skip
    options = {"listen_addresses": "''", "unix_socket_directories": f"'{socket}'",
               "max_connections": "200", **FAST, **(settings or {})}  # fmt: skip
    flags = " ".join(f"-c {name}={value}" for name, value in options.items())
    _run([str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", flags, "-w", "-t", "60",
          "start"], log)  # fmt: skip
    return url(folder)


def stop(folder: Path, mode: str = "fast") -> None:
    """Stop the cluster in ``folder`` (``immediate`` is a crash: no shutdown checkpoint)."""
    data = Path(folder).resolve() / "data"
    if (data / "postmaster.pid").exists():
        _run([str(binaries() / "pg_ctl"), "-D", str(data), "-m", mode, "-w", "stop"])


def remove(folder: Path) -> None:
    """Stop the cluster and delete its folder."""
    try:
        stop(folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("start", "stop", "remove"):
        sys.exit(f"usage: {sys.argv[0]} start|stop|remove DIR")
    try:
        if sys.argv[1] == "start":
            print(start(Path(sys.argv[2])))
        elif sys.argv[1] == "stop":
            stop(Path(sys.argv[2]))
        else:
            remove(Path(sys.argv[2]))
    except Unavailable as error:
        sys.exit(f"PostgreSQL: {error}")
