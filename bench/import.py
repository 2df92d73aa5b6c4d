"""Import speed: StudyApp against the anki library, 100,000-row TSV and 10,000-note .apkg.

Both sides start from nothing that holds the data: StudyApp from a fresh, migrated bank in
an empty data folder, Anki from a fresh collection. The timed part is the import itself
(file to committed rows); opening the bank or collection is reported separately. Run:

    python bench/import.py [--rows 100000] [--notes 10000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

TARGET_RATIO = 0.5  # StudyApp should take at most half of Anki's time on the TSV


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
    """(seconds to open a fresh bank, seconds to import, questions added) via the services."""
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
    """(seconds to open a fresh collection, seconds to import, notes added) in the anki library."""
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


def run(
    label: str, path: Path, root: Path, how: Callable[[object, Path], int], repeat: int
) -> float:
    """Time both sides on one file (best of ``repeat``, each into a fresh store); return ratio."""
    ours_runs, anki_runs = [], []
    for attempt in range(repeat):
        ours_dir, anki_dir = root / f"{label}-studyapp-{attempt}", root / f"{label}-anki-{attempt}"
        ours_dir.mkdir()
        anki_dir.mkdir()
        ours_runs.append(studyapp_import(path, ours_dir))
        anki_runs.append(anki_import(path, anki_dir, how))
    open_s, ours, ours_added = min(ours_runs, key=lambda run: run[1])
    anki_open, theirs, anki_added = min(anki_runs, key=lambda run: run[1])
    ratio = ours / theirs
    print(f"{label}: {path.name} ({path.stat().st_size / 1e6:.1f} MB), best of {repeat}")
    print(
        f"  StudyApp  import {ours:7.3f} s  ({ours_added} added; fresh bank opened in {open_s:.3f} s)"
    )
    print(
        f"  Anki      import {theirs:7.3f} s  ({anki_added} added; fresh collection in {anki_open:.3f} s)"
    )
    print(f"  ratio StudyApp/Anki {ratio:.2f}")
    if repeat > 1:
        # On a busy machine the best times may come from different moments; each attempt
        # ran both sides back to back, so its own ratio is the fairer comparison.
        paired = sorted(o[1] / a[1] for o, a in zip(ours_runs, anki_runs, strict=True))
        shown = ", ".join(f"{r:.2f}" for r in paired)
        print(f"  ratio per attempt (sorted) {shown}; median {paired[len(paired) // 2]:.2f}")
    return ratio


def main() -> int:
    """Generate the inputs in a temporary folder, time both importers, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--notes", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=1, help="best of N runs per side")
    args = parser.parse_args()
    # Warm both libraries' imports so neither side pays module loading inside its timing.
    import anki.collection  # noqa: F401

    import studyapp.services.transfer  # noqa: F401

    with tempfile.TemporaryDirectory(prefix="studyapp-bench-") as folder:
        root = Path(folder)
        tsv = make_tsv(root, args.rows)
        ratio = run(f"TSV {args.rows} rows", tsv, root, anki_csv, args.repeat)
        verdict = "meets" if ratio <= TARGET_RATIO else "MISSES"
        print(f"  target: StudyApp <= {TARGET_RATIO:.0%} of Anki's time -> {verdict}")
        apkg = make_apkg(root, args.notes)
        run(f"APKG {args.notes} notes", apkg, root, anki_apkg, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
