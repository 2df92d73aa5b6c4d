"""A scripted StudyApp session for the kill tests: review cards or import a file, reporting each commit.

Run as ``python driver.py review SEED``, ``import FILE``, ``backup``,
``migrate DB_FOLDER`` or ``restore BACKUP1 BACKUP2`` with
STUDYAPP_DATA_DIR set. Every line ``ACK ...`` is printed (and flushed) only after the
transaction it reports has committed, so the test knows what must survive a kill.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

DAY_MS = 86_400_000


def review(seed: int) -> None:
    from studyapp.services.learners import current_learner
    from studyapp.services.review import answer, next_card
    from studyapp.services.startup import open_data_folder

    bank = open_data_folder()
    learner = current_learner(bank)
    print("READY", flush=True)
    rng = random.Random(seed)
    # A simulated clock that jumps a day whenever today's queue is empty, so the session never ends.
    clock = time.time_ns() // 1_000_000
    while True:
        card = next_card(bank, learner.id, now_ms=clock)
        if card is None:
            clock += DAY_MS
            continue
        receipt = answer(bank, card.card_id, rng.randint(1, 4), duration_ms=1000, now_ms=clock)
        print(f"ACK {receipt.log_id} {card.card_id}", flush=True)
        clock += rng.randint(1_000, 60_000)


def import_one(file: Path) -> None:
    from studyapp.core.errors import StudyAppError
    from studyapp.services.startup import open_data_folder
    from studyapp.services.transfer import import_files

    bank = open_data_folder()
    print("READY", flush=True)
    try:
        (result,) = import_files(bank, [file])
    except StudyAppError as error:  # what the CLI and the import dialog show
        print(error, file=sys.stderr)
        raise SystemExit(2) from None
    assert result.questions is not None
    print(f"ACK import {result.questions.added}", flush=True)
    bank.close()


def restore_forever(first: Path, second: Path) -> None:
    from studyapp.services.backups import restore_backup

    print("READY", flush=True)
    for number in range(1_000_000):
        restore_backup(first if number % 2 == 0 else second)
        print(f"ACK restore {number % 2}", flush=True)


def backup_forever() -> None:
    from studyapp.services.backups import backup_now

    print("READY", flush=True)
    while True:
        print(f"ACK {backup_now().path}", flush=True)


def migrate(migrations_folder: Path) -> None:
    """Open the bank with a newer schema (an extra revision in ``migrations_folder``)."""
    from studyapp.bank import migrations
    from studyapp.services.startup import open_data_folder

    migrations.migrations_dir = lambda: migrations_folder  # this process's "newer app"
    print("READY", flush=True)
    bank = open_data_folder()
    print(f"ACK migrated {migrations.current_revision(bank.path)}", flush=True)
    bank.close()


def main() -> None:
    if sys.argv[1] == "review":
        review(int(sys.argv[2]))
    elif sys.argv[1] == "migrate":
        migrate(Path(sys.argv[2]))
    elif sys.argv[1] == "backup":
        backup_forever()
    elif sys.argv[1] == "restore":
        restore_forever(Path(sys.argv[2]), Path(sys.argv[3]))
    elif sys.argv[1] == "import":
        import_one(Path(sys.argv[2]))
    else:
        raise SystemExit(f"unknown mode {sys.argv[1]!r}")


if __name__ == "__main__":
    main()
