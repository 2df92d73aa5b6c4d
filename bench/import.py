"""Import speed: StudyApp against the anki library, 100,000-row TSV and 10,000-note .apkg.

Twice: into stores that hold nothing yet (StudyApp a fresh, migrated bank in an empty data
folder, Anki a fresh collection), then into stores that already hold 100,000 questions
(notes) and 1,000,000 reviews, built as bench/study.py builds them. The timed part is
the import itself, file to committed rows: for StudyApp the entry point the CLI and the
dialog use, with its safety backup of the bank; opening the bank or collection is
reported separately. Run:

    python bench/import.py [--rows 100000] [--notes 10000] [--repeat 3] [--big-cards 100000]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from machine import machine  # noqa: E402

TSV_TARGET = 0.5  # StudyApp at most half of Anki's time on the TSV (into a fresh store)
APKG_TARGET = 1.5  # and at most one and a half times on the deck package


def make_tsv(folder: Path, rows: int) -> Path:
    """A plain two-column front/back TSV with distinct rows, like a spreadsheet export."""
    path = folder / f"bench_{rows}.tsv"
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for i in range(rows):
            out.write(f"question number {i} about item {i * 7 % 1000}\tanswer {i}\n")
    return path


def make_apkg(folder: Path, notes: int) -> Path:
    """A deck package of ``notes`` Basic notes, written by StudyApp's exporter (anki library)."""
    from studyapp.core.progress import no_progress
    from studyapp.core.questions import QuestionRecord
    from studyapp.exchange.anki_export import ApkgExporter

    records = [
        QuestionRecord("basic", f"front {i}", f"back <b>{i}</b>", tags=("bench",), deck="Bench")
        for i in range(notes)
    ]
    path = folder / f"bench_{notes}.apkg"
    ApkgExporter().write(records, [], path, no_progress)
    return path


def studyapp_import(path: Path, scratch: Path) -> tuple[float, float, int]:
    """(seconds to open the bank, seconds to import, questions added) via the entry point."""
    os.environ["STUDYAPP_DATA_DIR"] = str(scratch)
    from studyapp.services.startup import open_data_folder
    from studyapp.services.transfer import import_files

    started = time.perf_counter()
    bank = open_data_folder()
    opened = time.perf_counter()
    try:
        (result,) = import_files(bank, [path])
    finally:
        finished = time.perf_counter()
        bank.close()
    assert result.questions is not None
    return opened - started, finished - opened, result.questions.added


def anki_import(
    path: Path, scratch: Path, how: Callable[[object, Path], int]
) -> tuple[float, float, int]:
    """(seconds to open the collection, seconds to import, notes added) in the anki library."""
    from anki.collection import Collection

    started = time.perf_counter()
    col = Collection(str(scratch / "collection.anki2"))
    opened = time.perf_counter()
    try:
        added = how(col, path)
    finally:
        finished = time.perf_counter()
        col.close()
    return opened - started, finished - opened, added


def anki_csv(col: object, path: Path) -> int:
    """The anki library's own CSV import, as its import dialog drives it."""
    from anki.collection import ImportCsvRequest
    from anki.import_export_pb2 import CsvMetadata

    metadata = col.get_csv_metadata(str(path), CsvMetadata.Delimiter.TAB)  # type: ignore[attr-defined]
    log = col.import_csv(ImportCsvRequest(path=str(path), metadata=metadata))  # type: ignore[attr-defined]
    return len(log.log.new)


def anki_apkg(col: object, path: Path) -> int:
    """The anki library's own .apkg import."""
    from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest

    request = ImportAnkiPackageRequest(
        package_path=str(path), options=ImportAnkiPackageOptions(with_scheduling=False)
    )
    log = col.import_anki_package(request)  # type: ignore[attr-defined]
    return len(log.log.new)


Seed = Callable[[Path, Path], None]  # fills a StudyApp folder and an Anki folder


def run(
    label: str, path: Path, root: Path, how: Callable[[object, Path], int], repeat: int,
    seed: Seed | None = None,
) -> float:  # fmt: skip
    """Time both sides on one file (best of ``repeat``, each into its own copy); return ratio."""
    ours_runs, anki_runs = [], []
    for attempt in range(repeat):
        ours_dir, anki_dir = root / f"{label}-studyapp-{attempt}", root / f"{label}-anki-{attempt}"
        ours_dir.mkdir()
        anki_dir.mkdir()
        if seed is not None:
            seed(ours_dir, anki_dir)
        ours_runs.append(studyapp_import(path, ours_dir))
        anki_runs.append(anki_import(path, anki_dir, how))
        shutil.rmtree(ours_dir)
        shutil.rmtree(anki_dir)
    open_s, ours, ours_added = min(ours_runs, key=lambda run: run[1])
    anki_open, theirs, anki_added = min(anki_runs, key=lambda run: run[1])
    ratio = ours / theirs
    into = "into the big stores" if seed is not None else "into fresh stores"
    print(f"{label} {into}: {path.name} ({path.stat().st_size / 1e6:.1f} MB), best of {repeat}")
    print(f"  StudyApp  import {ours:7.3f} s  ({ours_added} added; bank opened in {open_s:.3f} s)")
    print(
        f"  Anki      import {theirs:7.3f} s  ({anki_added} added; collection in {anki_open:.3f} s)"
    )
    print(f"  ratio StudyApp/Anki {ratio:.2f}")
    if repeat > 1:
        # On a busy machine the best times may come from different moments; each attempt
        # ran both sides back to back, so its own ratio is the fairer comparison.
        paired = sorted(o[1] / a[1] for o, a in zip(ours_runs, anki_runs, strict=True))
        shown = ", ".join(f"{r:.2f}" for r in paired)
        print(f"  ratio per attempt (sorted) {shown}; median {paired[len(paired) // 2]:.2f}")
    return ratio


def big_stores(root: Path, cards: int, reviews: int) -> Seed:
    """Build a StudyApp bank and an Anki collection of ``cards`` and ``reviews`` once.

    Returns a seed that copies them into each attempt's folders.
    """
    import study

    rng = random.Random(1)
    now = int(time.time())
    plan = study._card_plan(rng, cards, now)
    log = study._log_times(rng, reviews, now - study.DAY)
    bank, collection = root / "big-bank.sqlite3", root / "big.anki2"
    started = time.perf_counter()
    study.build_studyapp(bank, plan, log, now)
    study.build_anki(collection, plan, log, now)
    print(f"big stores: {cards:,} questions/notes, {reviews:,} reviews each,"
          f" built in {time.perf_counter() - started:.0f} s")  # fmt: skip

    def seed(ours: Path, theirs: Path) -> None:
        shutil.copy(bank, ours / "studyapp.sqlite3")
        shutil.copy(collection, theirs / "collection.anki2")

    return seed


def verdict(ratio: float, target: float) -> str:
    return f"  target: StudyApp <= {target:g}x Anki's time -> {'meets' if ratio <= target else 'MISSES'}"


def main() -> int:
    """Generate the inputs in a temporary folder, time both importers, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--notes", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=1, help="best of N runs per side")
    parser.add_argument("--big-cards", type=int, default=100_000)
    parser.add_argument("--big-reviews", type=int, default=1_000_000)
    args = parser.parse_args()
    print(machine())
    # Warm both libraries' imports so neither side pays module loading inside its timing.
    import anki.collection  # noqa: F401

    import studyapp.services.transfer  # noqa: F401

    with tempfile.TemporaryDirectory(prefix="studyapp-bench-") as folder:
        root = Path(folder)
        tsv = make_tsv(root, args.rows)
        apkg = make_apkg(root, args.notes)
        print(verdict(run(f"TSV {args.rows} rows", tsv, root, anki_csv, args.repeat), TSV_TARGET))
        print(verdict(run(f"APKG {args.notes} notes", apkg, root, anki_apkg, args.repeat),
                      APKG_TARGET))  # fmt: skip
        if args.big_cards:
            seed = big_stores(root, args.big_cards, args.big_reviews)
            run(f"TSV {args.rows} rows", tsv, root, anki_csv, args.repeat, seed)
            run(f"APKG {args.notes} notes", apkg, root, anki_apkg, args.repeat, seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
