"""A class on one bank: 30 learners answering at once while the teacher imports 10,000 questions.

Each learner is a process of its own, as each sits at a computer of their own: it opens
the bank, then for the whole run shows its next card, thinks, and answers it through the
app's services (``review.next_card``, ``review.answer``), timing each answer's commit.
Five seconds in, the teacher imports a 10,000-question TSV (``transfer.import_files``).
Afterwards every acknowledged answer is looked up: none may be missing (lost) or stored
twice (doubled), and the import must have landed whole.

The same run goes against a local PostgreSQL server (a throwaway cluster with its
default durability: fsync on), each learner signing in as a role of their own under
row-level security, and against one shared SQLite file (the learners as profiles).

    python bench/class.py [--learners 30] [--seconds 60] [--think 0.5 2.0] [--only sqlite]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))

from machine import machine  # noqa: E402

STUDY_QUESTIONS = 2_000  # in the bank before the run: every learner has cards to answer
IMPORT_QUESTIONS = 10_000
IMPORT_AT = 5.0  # seconds into the run
P99_TARGET_MS = 20.0
TEACHER, GROUP = "bench_teacher", "studyapp_learner"


def _tsv(folder: Path, name: str, rows: int) -> Path:
    path = folder / f"{name}.tsv"
    path.write_text("".join(f"{name} question {n}?\t{name} answer {n}\n" for n in range(rows)),
                    encoding="utf-8")  # fmt: skip
    return path


# -- one learner at one computer -----------------------------------------------------------
def learner(location: str, name: str, start_at: float, seconds: float,
            think: tuple[float, float], result_path: str) -> None:  # fmt: skip
    """Answer cards from ``start_at`` for ``seconds``; write what was acknowledged, and when."""
    from studyapp.bank.database import open_bank
    from studyapp.core.errors import StudyAppError
    from studyapp.services import learners, review

    bank = open_bank(location, migrate=False)
    if bank.role is None:  # a profile in the shared file
        me = next(info for info in learners.list_learners(bank) if info.name == name).id
    else:  # a role on the server: the learner it signs in as
        me = learners.current_learner(bank).id
    rng = random.Random(name)
    acknowledged: list[tuple[str, float, float]] = []  # answer id, commit (s), when (s in)
    refused: list[str] = []
    time.sleep(max(0.0, start_at - time.time()))
    end = start_at + seconds
    while time.time() < end:
        try:
            card = review.next_card(bank, me)
        except StudyAppError as error:
            refused.append(f"next card: {error}")
            time.sleep(0.5)
            continue
        time.sleep(rng.uniform(*think))  # reading the card, recalling the answer
        if card is None or time.time() >= end:
            continue
        answer_id = str(uuid.uuid4())
        started = time.perf_counter()
        try:
            review.answer(bank, card.card_id, rng.choice((1, 3, 3, 3, 4)), 1000, answer_id=answer_id)
        except StudyAppError as error:  # told so: not acknowledged, not counted as lost
            refused.append(str(error))
            continue
        acknowledged.append((answer_id, time.perf_counter() - started, time.time() - start_at))
    bank.close()
    Path(result_path).write_text(json.dumps({"me": me, "acknowledged": acknowledged,
                                             "refused": refused}))  # fmt: skip


def teacher(location: str, source: str, start_at: float, result_path: str) -> None:
    """Import the question set IMPORT_AT seconds into the run; write when and how long."""
    from studyapp.bank.database import open_bank
    from studyapp.services import transfer

    bank = open_bank(location, migrate=False)
    plans = transfer.plan_files([Path(source)])
    time.sleep(max(0.0, start_at + IMPORT_AT - time.time()))
    started = time.perf_counter()
    results = transfer.import_files(bank, plans)
    took = time.perf_counter() - started
    bank.close()
    summary = results[0].questions
    assert summary is not None
    Path(result_path).write_text(json.dumps({"seconds": took, "added": summary.added,
                                             "began": time.time() - start_at - took}))  # fmt: skip


# -- a run ---------------------------------------------------------------------------------
def run(engine: str, owner: str, places: dict[str, str], source: Path, folder: Path,
        seconds: float, think: tuple[float, float]) -> dict[str, Any]:  # fmt: skip
    """All learners and the teacher at once; then every acknowledged answer looked up."""
    context = multiprocessing.get_context("spawn")
    start_at = time.time() + 15.0  # every process opened its bank and is waiting
    processes = [
        context.Process(target=learner, args=(location, name, start_at, seconds, think,
                                              str(folder / f"{engine}-{name}.json")))
        for name, location in places.items()
    ]  # fmt: skip
    processes.append(context.Process(
        target=teacher, args=(owner, str(source), start_at, str(folder / f"{engine}-import.json"))
    ))  # fmt: skip
    for process in processes:
        process.start()
    for process in processes:
        process.join()
        if process.exitcode != 0:
            raise SystemExit(f"{engine}: a process failed ({process.exitcode})")
    results = {name: json.loads((folder / f"{engine}-{name}.json").read_text()) for name in places}
    imported = json.loads((folder / f"{engine}-import.json").read_text())
    return check(engine, owner, results, imported, source)


def check(engine: str, owner: str, results: dict[str, Any], imported: dict[str, Any],
          source: Path) -> dict[str, Any]:  # fmt: skip
    """Look every acknowledged answer up in the bank; the import's questions counted."""
    from studyapp.bank.database import open_bank
    from studyapp.bank.queries.imports import questions_imported_from
    from studyapp.bank.queries.review import answer_copies

    bank = open_bank(owner, migrate=False)
    lost = doubled = 0
    latencies: list[float] = []
    during: list[float] = []  # answers committed while the import ran
    later: list[float] = []  # each learner's answers after their first (warm: no first-use costs)
    import_from, import_to = imported["began"], imported["began"] + imported["seconds"]
    with bank.reading() as session:
        for result in results.values():
            stored = answer_copies(session, result["me"])
            for number, (answer_id, seconds, at) in enumerate(result["acknowledged"]):
                count = stored.get(answer_id, 0)
                lost += count == 0
                doubled += count > 1
                latencies.append(seconds * 1000)
                if import_from <= at and at - seconds <= import_to:
                    during.append(seconds * 1000)
                if number:
                    later.append(seconds * 1000)
        whole = questions_imported_from(session, str(source))
    bank.close()
    latencies.sort()
    refused = sum(len(result["refused"]) for result in results.values())

    def p99(samples: list[float]) -> float:
        ordered = sorted(samples)
        return ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))] if ordered else 0.0

    return {
        "engine": engine, "answers": len(latencies), "lost": lost, "doubled": doubled,
        "refused": refused, "p50": statistics.median(latencies),
        "p99": p99(latencies), "p99_later": p99(later), "during": len(during),
        "p99_during": p99(during), "max_during": max(during, default=0.0),
        "max": latencies[-1], "import_s": imported["seconds"],
        "import_whole": whole == IMPORT_QUESTIONS == imported["added"],
        "examples": [r for result in results.values() for r in result["refused"]][:3],
    }


# -- setting up each engine ----------------------------------------------------------------
def prepare_postgres(folder: Path, count: int, study: Path) -> tuple[str, dict[str, str], str]:
    """A throwaway cluster; the teacher's database with questions; one role per learner;
    returns the teacher's URL, each learner's, and the server's version."""
    import psycopg
    import throwaway_postgres

    from studyapp.bank.database import open_bank
    from studyapp.services import learners, review, transfer

    cluster = folder / "cluster"
    admin = throwaway_postgres.start(cluster, {"fsync": "on", "full_page_writes": "on"})
    socket = str(cluster / "socket")
    with psycopg.connect(host=socket, user=throwaway_postgres.ADMIN, dbname="postgres",
                         autocommit=True) as connection:  # fmt: skip
        connection.execute(f"CREATE ROLE {TEACHER} LOGIN CREATEROLE")
        connection.execute(f"CREATE DATABASE class OWNER {TEACHER}")
        row = connection.execute("SHOW server_version").fetchone()
        version = f"PostgreSQL {row[0] if row else '?'}"
    owner = throwaway_postgres.url(cluster, TEACHER, "class")
    bank = open_bank(owner)  # migrations: the learner group, privileges, row-level security
    transfer.import_files(bank, [study])
    bank.close()
    places = {}
    with psycopg.connect(host=socket, user=throwaway_postgres.ADMIN, dbname="class",
                         autocommit=True) as connection:  # fmt: skip
        for n in range(1, count + 1):
            role = f"learner{n:02}"
            connection.execute(f"CREATE ROLE {role} LOGIN IN ROLE {GROUP}")
            places[role] = throwaway_postgres.url(cluster, role, "class")
    for location in places.values():  # each learner's first start: profile and cards
        own = open_bank(location, migrate=False)
        me = learners.current_learner(own).id
        learners.update_settings(own, me, new_per_day=10_000)
        review.ensure_cards(own, me)
        own.close()
    del admin
    return owner, places, f"{version}, psycopg {psycopg.__version__}"


def prepare_sqlite(folder: Path, count: int, study: Path) -> tuple[str, dict[str, str]]:
    """One shared file; the learners as profiles in it, with their cards."""
    from studyapp.bank.database import open_bank
    from studyapp.services import learners, review, transfer

    path = folder / "class.sqlite3"
    bank = open_bank(path)
    transfer.import_files(bank, [study])
    places = {}
    for n in range(1, count + 1):
        name = f"learner{n:02}"
        me = learners.create_learner(bank, name).id
        learners.update_settings(bank, me, new_per_day=10_000)
        review.ensure_cards(bank, me)
        places[name] = str(path)
    bank.close()
    return str(path), places


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--learners", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--think", type=float, nargs=2, default=(0.5, 2.0), metavar=("MIN", "MAX"),
                        help="seconds a learner spends on a card before answering")  # fmt: skip
    parser.add_argument("--only", choices=("postgresql", "sqlite"))
    args = parser.parse_args()
    think = (args.think[0], args.think[1])
    rows = []
    with tempfile.TemporaryDirectory(prefix="studyapp-bench-class-") as name:
        folder = Path(name)
        study = _tsv(folder, "study", STUDY_QUESTIONS)
        source = _tsv(folder, "import", IMPORT_QUESTIONS)
        server_version = ""
        if args.only != "sqlite":
            import throwaway_postgres

            folder.chmod(0o755)  # the server runs as the postgres user when we are root
            owner, places, server_version = prepare_postgres(folder, args.learners, study)
            try:
                rows.append(run("postgresql", owner, places, source, folder, args.seconds, think))
            finally:
                throwaway_postgres.remove(folder / "cluster")
        if args.only != "postgresql":
            owner, places = prepare_sqlite(folder, args.learners, study)
            rows.append(run("sqlite", owner, places, source, folder, args.seconds, think))
    print(f"bench/class.py: {args.learners} learners (one process each) answering for"
          f" {args.seconds:.0f} s, {think[0]}-{think[1]} s on each card; the teacher imports"
          f" {IMPORT_QUESTIONS:,} questions {IMPORT_AT:.0f} s in")
    print(machine() + (f"; {server_version}" if server_version else ""))
    print(f"{'bank':<22}{'answers':>8}{'lost':>6}{'doubled':>9}{'refused':>9}{'p50 ms':>8}"
          f"{'p99 ms':>8}{'max ms':>8}{'import s':>10}  import whole")
    for row in rows:
        label = "PostgreSQL (roles)" if row["engine"] == "postgresql" else "SQLite (one file)"
        verdict = "yes" if row["import_whole"] else "NO"
        print(f"{label:<22}{row['answers']:>8}{row['lost']:>6}{row['doubled']:>9}"
              f"{row['refused']:>9}{row['p50']:>8.1f}{row['p99']:>8.1f}{row['max']:>8.1f}"
              f"{row['import_s']:>10.2f}  {verdict}")
        print(f"    p99 without each learner's first answer {row['p99_later']:.1f} ms;"
              f" {row['during']} answers while the import ran: p99 {row['p99_during']:.1f} ms,"
              f" max {row['max_during']:.1f} ms")
        for example in row["examples"]:
            print(f"    refused: {example}")
    for row in rows:
        if row["engine"] == "postgresql":
            met = row["lost"] == row["doubled"] == 0 and row["p99"] <= P99_TARGET_MS
            met = met and row["import_whole"]
            print(f"target (PostgreSQL): 0 lost, 0 doubled, p99 <= {P99_TARGET_MS:.0f} ms,"
                  f" import whole: {'met' if met else 'MISSED'}")


if __name__ == "__main__":
    main()
