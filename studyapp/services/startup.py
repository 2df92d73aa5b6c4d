"""Opening the learner's bank at start-up: migrate, then load the bundled articles once."""

from __future__ import annotations

from pathlib import Path

from studyapp import paths
from studyapp.bank.database import Bank, open_bank
from studyapp.bank.outbox import Outbox
from studyapp.core.progress import Progress, no_progress
from studyapp.services.backups import backup_at_startup
from studyapp.services.library import ensure_bundled_articles
from studyapp.services.outbox import send_waiting


def open_data_folder(progress: Progress = no_progress) -> Bank:
    """Open (creating on first start) the learner's bank and prepare it for use.

    The bank is the SQLite file in the data folder, or the server chosen with --bank,
    STUDYAPP_BANK_URL or Settings → Bank…; answers kept while that server was away are
    sent now.

    Raises core.errors.DatabaseError, leaving the bank as it was, when it is damaged,
    unreadable, unreachable or from a newer version.
    """
    location = paths.bank_location()
    progress(0, 2, "Opening the question bank" if isinstance(location, Path)
             else "Connecting to the class's server")  # fmt: skip
    bank = open_bank(location)
    try:
        if bank.on_server:
            bank.outbox = Outbox(paths.outbox_path(), bank.location)
            send_waiting(bank)
        else:
            backup_at_startup(bank)  # at most once a day; never stops the app from opening
        progress(1, 2, "Loading the bundled articles")
        if bank.teacher:  # a learner's role cannot add articles: the teacher's app does
            ensure_bundled_articles(bank)
    except Exception:
        bank.close()
        raise
    progress(2, 2, "Ready")
    return bank


def prepare_content(bank: Bank, progress: Progress = no_progress) -> None:
    """Background start-up work: study sets for the bundled articles, then any article not yet
    analysed for its people, numbers and dates.

    Slow on first start (it loads the language model), nothing to do afterwards. First,
    an import a crash cut short is taken away (its rows were never shown).
    """
    from studyapp.services.extraction import analyse_articles, articles_to_analyse
    from studyapp.services.generation import ensure_generated_sets
    from studyapp.services.transfer import clean_up_after_crash

    if not bank.teacher:
        return  # the shared material is the teacher's to prepare
    clean_up_after_crash(bank)

    ensure_generated_sets(bank, progress)  # extracts, stores and generates in one pass
    pending = articles_to_analyse(bank)
    if pending:
        analyse_articles(bank, pending, progress)
