"""Several StudyApp processes on one bank at once: imports, backups and the running app.

Real processes on a real folder (or a server), started together on a new bank so that
first-start loading, migrations (once: the write lock, PostgreSQL's advisory lock),
pre-import backups and imports all race: every import lands whole, a waiting import says
why, and nobody ever sees a traceback.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from bank_locations import BankLocation

from studyapp.bank.integrity import check_integrity
from studyapp.bank.locks import import_lock

ROWS = 20_000
IMPORTS = 3
WAITING = "Waiting for another import into this bank to finish"


def _start(data: Path, *args: str, bank: list[str] | None = None) -> subprocess.Popen[str]:
    """``studyapp`` on the data folder, and on the server bank ``bank`` (--bank URL) if given."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("STUDYAPP_DATA_DIR", None)
    env.pop("STUDYAPP_BANK_URL", None)
    return subprocess.Popen(
        [sys.executable, "-m", "studyapp", "--data-dir", str(data), *(bank or []), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def _question_set(folder: Path, tag: str, rows: int = ROWS) -> Path:
    path = folder / f"set-{tag}.tsv"
    path.write_text(
        "".join(f"Question {tag}-{n}?\tAnswer {n}\n" for n in range(rows)), encoding="utf-8"
    )
    return path


def test_imports_and_the_app_on_one_new_bank_all_land(
    bank_location: BankLocation, tmp_path: Path
) -> None:
    if bank_location.server is not None:  # a new, empty database: everyone migrates it at once
        bank_location.location = bank_location.server.new_database(migrated=False)
    data, where = bank_location.data_dir, bank_location.cli_args()
    sources = [_question_set(tmp_path, f"s{n}") for n in range(IMPORTS)]
    app = _start(data, bank=where)  # the desktop app, opening (and first filling) the same bank
    try:
        imports = [_start(data, "import", str(source), bank=where) for source in sources]
        # The same file twice at once.
        imports.append(_start(data, "import", str(sources[0]), bank=where))
        outcomes = [process.communicate(timeout=300) for process in imports]
        for process, (_out, err) in zip(imports, outcomes, strict=True):
            assert "Traceback" not in err, err
            assert process.returncode == 0, err
            assert set(err.splitlines()) <= {f"{WAITING}…"}, err  # nothing else said
        assert sum("already imported" in out for out, _err in outcomes) == 1
        assert app.poll() is None, app.communicate()[1]
    finally:
        app.terminate()
        _out, app_err = app.communicate(timeout=60)
    assert "Traceback" not in app_err, app_err
    if bank_location.server is None:
        assert check_integrity(data / "studyapp.sqlite3").ok
    per_file = bank_location.rows(
        "SELECT b.path, count(q.id) FROM import_batch b JOIN question q"
        " ON q.import_batch_id = b.id WHERE b.finished_at IS NOT NULL GROUP BY b.path",
    )
    assert sorted(per_file) == sorted((str(source), ROWS) for source in sources)
    rows = bank_location.rows
    assert rows("SELECT count(*) FROM article") == [(2,)]  # bundled articles, once
    assert rows("SELECT count(*) FROM import_batch WHERE finished_at IS NULL") == [(0,)]
    assert rows("SELECT count(*) FROM alembic_version") == [(1,)]  # migrated once
    if bank_location.server is not None:
        bank_location.server.drop_database(str(bank_location.location))


def test_a_waiting_import_says_why_then_lands(bank_location: BankLocation, tmp_path: Path) -> None:
    data, where = bank_location.data_dir, bank_location.cli_args()
    source = _question_set(tmp_path, "wait", rows=50)
    first = _start(data, "stats", bank=where)  # creates the bank
    first.communicate(timeout=120)
    bank = bank_location.open()
    with import_lock(bank):  # another import is running
        process = _start(data, "import", str(source), bank=where)
        time.sleep(5)  # start-up, reading the file, then waiting well past TELL_AFTER
        assert process.poll() is None  # still waiting for the lock
    bank.close()
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    assert WAITING in err and "Traceback" not in err
    assert "50 added" in out


def test_backups_taken_at_once_are_all_kept(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _start(data, "stats").communicate(timeout=120)
    backups = [_start(data, "backup") for _ in range(4)]
    outcomes = [process.communicate(timeout=120) for process in backups]
    for process, (_out, err) in zip(backups, outcomes, strict=True):
        assert process.returncode == 0 and "Traceback" not in err, err
    written = {out.strip() for out, _err in outcomes}
    assert len(written) == 4 and all(Path(path).is_file() for path in written)
