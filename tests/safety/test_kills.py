"""SIGKILL a real StudyApp process at random moments: no acknowledged review is ever lost."""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from safety_support import copy_folder, count, run_and_kill

from studyapp.bank.backups import list_backups
from studyapp.bank.database import open_bank
from studyapp.bank.integrity import check_integrity

# Kills per lane; two lanes run side by side. SAFETY_KILLS raises it for a longer local run.
KILLS_PER_LANE = int(os.environ.get("SAFETY_KILLS", "25"))
LANES = 2


def review_lane(template: Path, folder: Path, seed: int) -> dict[str, int]:
    """Kill a reviewing driver KILLS_PER_LANE times on one bank, checking after every kill."""
    bank = copy_folder(template, folder)
    rng = random.Random(seed)
    acknowledged: set[int] = set()
    figures = {"kills": 0, "during_startup": 0, "acknowledged": 0, "backup_partials": 0}
    for number in range(KILLS_PER_LANE):
        during_startup = rng.random() < 0.25
        if during_startup and rng.random() < 0.5:
            # No backup today: the start-up backup runs, so the kill may land inside it.
            for info in list_backups(folder / "backups"):
                info.path.unlink()
        run = run_and_kill(
            folder,
            ["review", str(seed * 1000 + number)],
            before_ready=rng.uniform(0.05, 0.6) if during_startup else None,
            after_ready=rng.uniform(0.0, 0.4),
        )
        assert not run.finished, f"the driver stopped by itself: {run.stderr}"
        assert "Traceback" not in run.stderr, run.stderr
        acked = {int(ack.split()[0]) for ack in run.acks}
        acknowledged |= acked
        stored = {int(row) for row in _review_ids(bank)}
        missing = acknowledged - stored
        assert not missing, f"kill {number}: acknowledged reviews lost: {sorted(missing)[:10]}"
        report = check_integrity(bank, quick=True)
        assert report.ok, f"kill {number}: {report.problems}"
        for info in list_backups(folder / "backups"):  # a backup that exists is whole
            assert check_integrity(info.path, quick=True).ok, info.path
        figures["kills"] += 1
        figures["during_startup"] += during_startup
        figures["backup_partials"] += len(list((folder / "backups").glob(".*.partial")))
    figures["acknowledged"] = len(acknowledged)
    report = check_integrity(bank)
    assert report.ok, report.problems
    open_bank(bank).close()  # and the app opens it again
    return figures


def _review_ids(bank: Path) -> list[int]:
    connection = sqlite3.connect(bank)
    try:
        return [row[0] for row in connection.execute("SELECT id FROM review_log")]
    finally:
        connection.close()


def test_killed_review_sessions_lose_no_acknowledged_answer(
    template_folder: Path, tmp_path: Path
) -> None:
    with ThreadPoolExecutor(LANES) as pool:
        results = list(
            pool.map(
                lambda lane: review_lane(template_folder, tmp_path / f"lane{lane}", 17 + lane),
                range(LANES),
            )
        )
    kills = sum(r["kills"] for r in results)
    acknowledged = sum(r["acknowledged"] for r in results)
    print(
        f"\nreview kills survived: {kills} ({sum(r['during_startup'] for r in results)} during"
        f" start-up), acknowledged answers kept: {acknowledged},"
        f" half-written backups left (ignored): {sum(r['backup_partials'] for r in results)}"
    )
    assert kills == LANES * KILLS_PER_LANE
    assert acknowledged > kills  # most kills land mid-session, after some answers


# -- imports ------------------------------------------------------------------------------

IMPORT_KILLS = int(os.environ.get("SAFETY_IMPORT_KILLS", "16"))
IMPORT_ROWS = 6000


def write_import_file(folder: Path, tag: int) -> Path:
    """A tab-separated question set of IMPORT_ROWS cards, distinct per ``tag``."""
    path = folder / f"set-{tag}.txt"
    path.write_text(
        "".join(f"Question {tag}-{row}?\tAnswer {row}\n" for row in range(IMPORT_ROWS)),
        encoding="utf-8",
    )
    return path


def import_duration(template: Path, tmp_path: Path) -> float:
    """Seconds from READY to the acknowledged import in one uninterrupted run of the driver."""
    import subprocess
    import sys
    import time

    from safety_support import DRIVER, REPO_ROOT

    folder = tmp_path / "calibrate"
    copy_folder(template, folder)
    source = write_import_file(tmp_path, -1)
    env = dict(os.environ, STUDYAPP_DATA_DIR=str(folder), PYTHONPATH=str(REPO_ROOT))
    process = subprocess.Popen(
        [sys.executable, str(DRIVER), "import", str(source)],
        stdout=subprocess.PIPE,
        env=env,
        cwd=REPO_ROOT,
    )
    assert process.stdout is not None
    ready = time.perf_counter()
    for line in process.stdout:
        if line.startswith(b"READY"):
            ready = time.perf_counter()
        elif line.startswith(b"ACK"):
            break
    duration = time.perf_counter() - ready
    process.wait()
    shutil.rmtree(folder)
    return max(0.1, duration)


VISIBLE_QUESTIONS = (
    "SELECT count(*) FROM question WHERE import_batch_id IS NULL OR import_batch_id IN"
    " (SELECT id FROM import_batch WHERE finished_at IS NOT NULL)"
)


def recover(bank: Path) -> None:
    """What the next start does: take away an import the kill cut short (it was never shown)."""
    from studyapp.services.transfer import clean_up_after_crash

    opened = open_bank(bank)
    try:
        clean_up_after_crash(opened)
    finally:
        opened.close()


def test_killed_imports_are_all_or_nothing(template_folder: Path, tmp_path: Path) -> None:
    rng = random.Random(99)
    outcomes = {"before": 0, "after": 0, "left_for_the_next_start": 0}
    # The kill window adapts: it shrinks after a kill that came too late (import done) and
    # grows after one that came early, so kills keep landing around the commit itself.
    window = 2.0 * import_duration(template_folder, tmp_path)
    for number in range(IMPORT_KILLS):
        folder = tmp_path / f"import{number}"
        bank = copy_folder(template_folder, folder)
        source = write_import_file(tmp_path, number)
        questions = count(bank, "SELECT count(*) FROM question")
        batches = count(bank, "SELECT count(*) FROM import_batch")
        run = run_and_kill(
            folder,
            ["import", str(source)],
            before_ready=None,
            after_ready=rng.uniform(0.0, window),  # anywhere in read, backup, write
        )
        assert "Traceback" not in run.stderr, run.stderr
        # What every page sees straight after the kill: all of the import or none of it.
        visible = count(bank, VISIBLE_QUESTIONS)
        assert visible in (questions, questions + IMPORT_ROWS), f"kill {number}: {visible}"
        if count(bank, "SELECT count(*) FROM question") != visible:
            outcomes["left_for_the_next_start"] += 1  # committed chunks, never published
        recover(bank)
        now_questions = count(bank, "SELECT count(*) FROM question")
        now_batches = count(bank, "SELECT count(*) FROM import_batch")
        if now_batches == batches:
            assert now_questions == questions, f"kill {number}: half an import is in the bank"
            assert not run.acks, f"kill {number}: an acknowledged import is missing"
            outcomes["before"] += 1
            window *= 1.3
        else:
            assert now_batches == batches + 1
            assert now_questions == questions + IMPORT_ROWS, f"kill {number}: partial import"
            batch_rows = count(
                bank,
                "SELECT count(*) FROM question WHERE import_batch_id ="
                " (SELECT max(id) FROM import_batch)",
            )
            assert batch_rows == IMPORT_ROWS
            outcomes["after"] += 1
            window *= 0.75
        report = check_integrity(bank)
        assert report.ok, f"kill {number}: {report.problems}"
        shutil.rmtree(folder)
    print(
        f"\nimport kills survived: {IMPORT_KILLS} (left before: {outcomes['before']},"
        f" after: {outcomes['after']}, unpublished chunks removed at the next start:"
        f" {outcomes['left_for_the_next_start']})"
    )
    assert outcomes["before"] and outcomes["after"], outcomes  # kills landed on both sides


# -- restores -----------------------------------------------------------------------------

RESTORE_KILLS = int(os.environ.get("SAFETY_RESTORE_KILLS", "12"))


def learner_names(bank: Path) -> tuple[str, ...]:
    connection = sqlite3.connect(bank)
    try:
        return tuple(row[0] for row in connection.execute("SELECT name FROM learner ORDER BY id"))
    finally:
        connection.close()


def test_killed_restores_leave_one_whole_bank(template_folder: Path, tmp_path: Path) -> None:
    """A kill mid-restore leaves the old bank or the restored one, never a mix or a wreck."""
    from studyapp.bank.backups import make_backup

    folder = tmp_path / "restore"
    bank = copy_folder(template_folder, folder)
    snapshots = []
    for name in ("First", "Second"):
        connection = sqlite3.connect(bank)
        with connection:
            connection.execute(
                "INSERT INTO learner (name, settings, created_at) VALUES (?, '{}', 0)", (name,)
            )
        connection.close()
        snapshots.append(make_backup(bank, tmp_path / "sources", "manual").path)
    states = {learner_names(path) for path in snapshots}
    rng = random.Random(5)
    restored = 0
    for number in range(RESTORE_KILLS):
        run = run_and_kill(
            folder,
            ["restore", str(snapshots[0]), str(snapshots[1])],
            before_ready=None,
            after_ready=rng.uniform(0.0, 0.5),
        )
        assert "Traceback" not in run.stderr, run.stderr
        restored += len(run.acks)
        report = check_integrity(bank)
        assert report.ok, f"kill {number}: {report.problems}"
        assert learner_names(bank) in states, f"kill {number}: {learner_names(bank)}"
        open_bank(bank).close()
    print(f"\nrestore kills survived: {RESTORE_KILLS} ({restored} restores acknowledged)")
    assert restored > 0


# -- backups ------------------------------------------------------------------------------

BACKUP_KILLS = int(os.environ.get("SAFETY_BACKUP_KILLS", "10"))


def test_killed_backups_never_leave_a_broken_backup(template_folder: Path, tmp_path: Path) -> None:
    """A backup file that exists under its name is complete, whenever the process dies."""
    from safety_support import build_data_folder

    folder = tmp_path / "backup"
    build_data_folder(folder, questions=3000)  # big enough that a copy takes a while
    rng = random.Random(11)
    acknowledged = 0
    for number in range(BACKUP_KILLS):
        run = run_and_kill(folder, ["backup"], before_ready=None, after_ready=rng.uniform(0, 0.4))
        assert "Traceback" not in run.stderr, run.stderr
        acknowledged += len(run.acks)
        for info in list_backups(folder / "backups"):
            assert check_integrity(info.path, quick=True).ok, f"kill {number}: {info.path}"
        if run.acks:
            assert Path(run.acks[-1]).is_file()  # the newest acknowledged one is never pruned
    partials = list((folder / "backups").glob(".*.partial*"))
    print(
        f"\nbackup kills survived: {BACKUP_KILLS} ({acknowledged} backups acknowledged,"
        f" {len(partials)} half-written copies left unlisted)"
    )
    assert acknowledged > 0


# -- migrations ---------------------------------------------------------------------------

MIGRATION_KILLS = int(os.environ.get("SAFETY_MIGRATION_KILLS", "10"))
# A newer schema that rebuilds the biggest tables (SQLite batch mode: copy, drop, rename).
REBUILD_REVISION = '''"""rebuild card and review_log"""
import sqlalchemy as sa
from alembic import op

revision = "9999rebuild"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("learner", "card", "review_log"):
        with op.batch_alter_table(table, recreate="always") as batch:
            batch.add_column(sa.Column("probe_note", sa.Text(), nullable=True))


def downgrade() -> None:
    pass
'''


def fill_reviews(bank: Path, count_per_card: int) -> int:
    """Give every card ``count_per_card`` logged reviews; return how many rows review_log has."""
    connection = sqlite3.connect(bank)
    with connection:
        connection.execute(
            "INSERT INTO review_log (card_id, learner_id, rating, reviewed_at, duration_ms,"
            " state_before, card_before) SELECT c.id, c.learner_id, 1 + (c.id + n.value) % 4,"
            " 1700000000000 + n.value, 1000, 0, '{}' FROM card c,"
            " (WITH RECURSIVE k(value) AS (SELECT 0 UNION ALL SELECT value + 1 FROM k"
            f" WHERE value < {count_per_card - 1}) SELECT value FROM k) n"
        )
    total = connection.execute("SELECT count(*) FROM review_log").fetchone()[0]
    connection.close()
    return int(total)


def test_killed_migrations_leave_the_old_or_the_new_schema(
    template_folder: Path, tmp_path: Path
) -> None:
    from studyapp.bank import migrations

    head = migrations.head_revision()
    schema = tmp_path / "db"
    shutil.copytree(
        migrations.migrations_dir(), schema, ignore=shutil.ignore_patterns("__pycache__")
    )
    (schema / "versions" / "9999_rebuild.py").write_text(REBUILD_REVISION.format(head=head))
    rng = random.Random(23)
    outcomes = {"old": 0, "new": 0}
    window = 1.0
    for number in range(MIGRATION_KILLS):
        folder = tmp_path / f"migrate{number}"
        bank = copy_folder(template_folder, folder)
        reviews = fill_reviews(bank, 100)
        run = run_and_kill(folder, ["migrate", str(schema)], None, rng.uniform(0.0, window))
        assert "Traceback" not in run.stderr, run.stderr
        revision = migrations.current_revision(bank)
        assert revision in (head, "9999rebuild"), revision
        assert count(bank, "SELECT count(*) FROM review_log") == reviews, f"kill {number}"
        report = check_integrity(bank)
        assert report.ok, f"kill {number}: {report.problems}"
        tables = set(_table_names(bank))
        assert not any(name.startswith("_alembic_tmp") for name in tables), tables
        rebuilt = {
            t for t in ("learner", "card", "review_log") if "probe_note" in _columns(bank, t)
        }
        assert rebuilt == (set() if revision == head else {"learner", "card", "review_log"})
        if revision == head:
            assert not run.acks
            outcomes["old"] += 1
            window *= 1.3
        else:
            outcomes["new"] += 1
            window *= 0.75
            kinds = [info.kind for info in list_backups(folder / "backups")]
            assert "migration" in kinds  # the upgrade only ran after its backup
        shutil.rmtree(folder)
    print(
        f"\nmigration kills survived: {MIGRATION_KILLS} (old schema: {outcomes['old']},"
        f" new schema: {outcomes['new']})"
    )
    assert outcomes["old"] and outcomes["new"], outcomes


def _columns(bank: Path, table: str) -> set[str]:
    connection = sqlite3.connect(bank)
    try:
        return {row[1] for row in connection.execute(f"PRAGMA table_info({table})")}
    finally:
        connection.close()


def _table_names(bank: Path) -> list[str]:
    connection = sqlite3.connect(bank)
    try:
        return [row[0] for row in connection.execute("SELECT name FROM sqlite_master")]
    finally:
        connection.close()


# -- the desktop app itself -----------------------------------------------------------------

APP_KILLS = int(os.environ.get("SAFETY_APP_KILLS", "8"))


def test_killed_desktop_app_during_first_start_leaves_a_sound_bank(tmp_path: Path) -> None:
    """`python -m studyapp` killed while it migrates, loads and analyses the bundled articles."""
    import subprocess
    import sys
    import time

    from safety_support import REPO_ROOT

    folder = tmp_path / "app"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO_ROOT))
    rng = random.Random(3)
    for number in range(APP_KILLS):
        app = subprocess.Popen(
            [sys.executable, "-m", "studyapp", "--data-dir", str(folder)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=env,
            cwd=REPO_ROOT,
        )
        time.sleep(rng.uniform(0.2, 3.0))
        assert app.poll() is None, app.stderr.read().decode() if app.stderr else ""
        app.kill()
        app.wait()
        stderr = app.stderr.read().decode() if app.stderr else ""
        assert "Traceback" not in stderr, stderr
        bank = folder / "studyapp.sqlite3"
        if not bank.exists():
            continue
        report = check_integrity(bank)
        assert report.ok, f"kill {number}: {report.problems}"
        if not count(bank, "SELECT count(*) FROM sqlite_master WHERE name = 'article'"):
            continue  # killed inside its first migration, which is one transaction: no tables yet
        articles = count(bank, "SELECT count(*) FROM article")
        without_passages = count(
            bank,
            "SELECT count(*) FROM article a WHERE NOT EXISTS"
            " (SELECT 1 FROM passage p WHERE p.article_id = a.id)",
        )
        assert articles <= 2 and without_passages == 0, (number, articles, without_passages)
    open_bank(folder / "studyapp.sqlite3").close()
    print(f"\ndesktop app kills survived: {APP_KILLS}")
