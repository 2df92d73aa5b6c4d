"""Several StudyApp processes on one data folder at once: imports, backups and the running app.

Real processes on a real folder, started together on a new folder so that first-start
loading, migrations, pre-import backups and imports all race: every import lands whole,
a waiting import says why, and nobody ever sees a traceback.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from studyapp.bank.integrity import check_integrity
from studyapp.bank.locks import import_lock

ROWS = 20_000
IMPORTS = 3
WAITING = "Waiting for another import into this bank to finish"


def _start(data: Path, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("STUDYAPP_DATA_DIR", None)
    return subprocess.Popen(
        [sys.executable, "-m", "studyapp", "--data-dir", str(data), *args],
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


def _rows(bank: Path, sql: str) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(f"{bank.as_uri()}?mode=ro", uri=True)
    try:
        return [tuple(row) for row in connection.execute(sql)]
    finally:
        connection.close()


def test_imports_and_the_app_on_one_new_folder_all_land(tmp_path: Path) -> None:
    data = tmp_path / "data"
    sources = [_question_set(tmp_path, f"s{n}") for n in range(IMPORTS)]
    app = _start(data)  # the desktop app, opening (and first filling) the same folder
    try:
        imports = [_start(data, "import", str(source)) for source in sources]
        imports.append(_start(data, "import", str(sources[0])))  # the same file twice at once
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
    bank = data / "studyapp.sqlite3"
    assert check_integrity(bank).ok
    per_file = _rows(
        bank,
        "SELECT b.path, count(q.id) FROM import_batch b JOIN question q"
        " ON q.import_batch_id = b.id WHERE b.finished_at IS NOT NULL GROUP BY b.path",
    )
    assert sorted(per_file) == sorted((str(source), ROWS) for source in sources)
    assert _rows(bank, "SELECT count(*) FROM article") == [(2,)]  # bundled articles, once
    assert _rows(bank, "SELECT count(*) FROM import_batch WHERE finished_at IS NULL") == [(0,)]


def test_a_waiting_import_says_why_then_lands(tmp_path: Path) -> None:
    data = tmp_path / "data"
    source = _question_set(tmp_path, "wait", rows=50)
    first = _start(data, "stats")  # creates the bank
    first.communicate(timeout=120)
    bank = data / "studyapp.sqlite3"
    with import_lock(bank):  # another import is running
        process = _start(data, "import", str(source))
        time.sleep(5)  # start-up, reading the file, then waiting well past TELL_AFTER
        assert process.poll() is None  # still waiting for the lock
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
