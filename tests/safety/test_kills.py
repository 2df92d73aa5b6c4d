"""SIGKILL a real StudyApp process at random moments: no acknowledged review is ever lost."""

from __future__ import annotations

import os
import random
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from safety_support import copy_folder, count, run_and_kill

from studyapp.bank.backups import list_backups
from studyapp.bank.database import open_bank
from studyapp.bank.integrity import check_integrity

# Kills per lane; two lanes run side by side. SAFETY_KILLS raises it for a longer local run.
KILLS_PER_LANE = int(os.environ.get("SAFETY_KILLS", "20"))
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
    import sqlite3

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
IMPORT_ROWS = 4000


def write_import_file(folder: Path, tag: int) -> Path:
    """A tab-separated question set of IMPORT_ROWS cards, distinct per ``tag``."""
    path = folder / f"set-{tag}.txt"
    path.write_text(
        "".join(f"Question {tag}-{row}?\tAnswer {row}\n" for row in range(IMPORT_ROWS)),
        encoding="utf-8",
    )
    return path


def test_killed_imports_are_all_or_nothing(template_folder: Path, tmp_path: Path) -> None:
    pytest.importorskip("studyapp.services.imports", reason="the import service is not built yet")
    rng = random.Random(99)
    outcomes = {"before": 0, "after": 0}
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
            after_ready=rng.uniform(0.0, 1.5),
        )
        assert "Traceback" not in run.stderr, run.stderr
        now_questions = count(bank, "SELECT count(*) FROM question")
        now_batches = count(bank, "SELECT count(*) FROM import_batch")
        if now_batches == batches:
            assert now_questions == questions, f"kill {number}: half an import is in the bank"
            assert not run.acks, f"kill {number}: an acknowledged import is missing"
            outcomes["before"] += 1
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
        report = check_integrity(bank)
        assert report.ok, f"kill {number}: {report.problems}"
        shutil.rmtree(folder)
    print(f"\nimport kills survived: {IMPORT_KILLS} (left before: {outcomes['before']},"
          f" after: {outcomes['after']})")
    assert outcomes["before"] and outcomes["after"], outcomes  # kills landed on both sides
