"""The `studyapp` command: the desktop app by default, subcommands for scripting."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from studyapp import __version__, paths
from studyapp.core.errors import StudyAppError


def _print_json(data: object) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _extract(args: argparse.Namespace) -> int:
    from studyapp.services.extraction import extract_file_json

    _print_json(extract_file_json(Path(args.article)))
    return 0


def _generate(args: argparse.Namespace) -> int:
    from studyapp.services.generation import generate_file_json

    _print_json(generate_file_json(Path(args.article)))
    return 0


def _tell(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _import(args: argparse.Namespace) -> int:
    from studyapp.services import transfer
    from studyapp.services.startup import open_data_folder

    # Every file is validated before the bank is even opened: bad input writes nothing.
    plans = transfer.plan_files([Path(name) for name in args.paths])
    bank = open_data_folder()
    try:
        results = transfer.import_files(
            bank, plans, args.deck, args.on_duplicate, waiting=_tell
        )
    finally:
        bank.close()
    for result in results:
        print("\n".join(transfer.summary_lines(result)))
    return 0


def _export(args: argparse.Namespace) -> int:
    from studyapp.services import transfer
    from studyapp.services.startup import open_data_folder

    bank = open_data_folder()
    try:
        count = transfer.export_questions(bank, args.format, Path(args.out), deck=args.deck)
    finally:
        bank.close()
    print(f"{args.out}: {count} questions exported")
    return 0


def _backup(args: argparse.Namespace) -> int:
    from studyapp.services.backups import backup_now

    print(backup_now().path)
    return 0


def _restore(args: argparse.Namespace) -> int:
    from studyapp.services.backups import restore_backup

    result = restore_backup(Path(args.file))
    if result.previous is not None:
        print(f"The bank as it was is kept in {result.previous.path}", file=sys.stderr)
    print(f"Restored {result.restored_from}: {result.report.summary}")
    return 0


def _stats(args: argparse.Namespace) -> int:
    from studyapp.services.startup import open_data_folder
    from studyapp.services.stats import stats_for, stats_json, summary_text

    bank = open_data_folder()
    try:
        figures = stats_for(bank, args.learner)
    finally:
        bank.close()
    if args.json:
        _print_json(stats_json(figures))
    else:
        print(summary_text(figures))
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser; each subcommand sets ``handler``."""
    parser = argparse.ArgumentParser(
        prog="studyapp",
        description="Offline study and quiz app. Without a command, opens the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"StudyApp {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=f"use DIR as the data folder (default: ${paths.DATA_DIR_ENV} or the user data folder)",
    )
    parser.add_argument(
        "--bank",
        metavar="URL",
        help="use the question bank on a PostgreSQL server, postgresql+psycopg://USER@HOST/DB"
        f" (default: ${paths.BANK_URL_ENV}, else the SQLite file in the data folder)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    extract = commands.add_parser(
        "extract", help="print the people, events and figures in an article"
    )
    extract.add_argument("article", metavar="ARTICLE")
    extract.add_argument("--json", action="store_true", help="print JSON (the only output format)")
    extract.set_defaults(handler=_extract)
    generate = commands.add_parser(
        "generate", help="print the questions that would be generated from an article (not stored)"
    )
    generate.add_argument("article", metavar="ARTICLE")
    generate.add_argument("--json", action="store_true", help="print JSON (the only output format)")
    generate.set_defaults(handler=_generate)

    importing = commands.add_parser(
        "import", help="import question sets or articles (format detected; all checked first)"
    )
    importing.add_argument("paths", metavar="PATH", nargs="+")
    importing.add_argument(
        "--deck",
        metavar="NAME",
        help="put every question of the question sets in NAME (articles keep their own deck)",
    )
    importing.add_argument(
        "--on-duplicate",
        choices=("skip", "update", "keep"),
        default="skip",
        help="a question already in the deck: skip it (default), update it, or keep both",
    )
    importing.set_defaults(handler=_import)
    exporting = commands.add_parser("export", help="export questions to a file")
    exporting.add_argument(
        "--format", required=True, choices=("apkg", "csv", "tsv", "json", "gift"),
        help="csv: comma-separated, tsv: tab-separated (both with Anki's header lines)",
    )
    exporting.add_argument("--deck", metavar="NAME", help="only this deck and its sub-decks")
    exporting.add_argument("out", metavar="OUT")
    exporting.set_defaults(handler=_export)

    backup = commands.add_parser("backup", help="back up the question bank now; prints the file")
    backup.set_defaults(handler=_backup)
    restore = commands.add_parser(
        "restore", help="replace the question bank with a backup (the current one is kept)"
    )
    restore.add_argument("file", metavar="FILE")
    restore.set_defaults(handler=_restore)
    stats = commands.add_parser("stats", help="print a progress summary")
    stats.add_argument("--json", action="store_true", help="print the figures as JSON")
    stats.add_argument("--learner", metavar="NAME", help="another learner than the current one")
    stats.set_defaults(handler=_stats)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 2 bad input)."""
    args = build_parser().parse_args(argv)
    if args.data_dir:
        paths.set_data_dir(args.data_dir)
    if args.bank:
        paths.set_bank_url(args.bank)
    handler = getattr(args, "handler", None)
    if handler is None:
        from studyapp.ui.app import run

        return run()
    try:
        return int(handler(args))
    except StudyAppError as error:
        print(str(error), file=sys.stderr)
        return 2
