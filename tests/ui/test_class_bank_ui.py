"""The app on a class's server: Settings → Bank…, a learner's window, the server going away."""

from __future__ import annotations

from pathlib import Path

import pytest
import throwaway_postgres
from bank_locations import BankLocation, PostgresServer, private_server
from sqlalchemy import make_url
from study_factory import build_bank

from studyapp import paths
from studyapp.ui.app import create_application, create_main_window
from studyapp.ui.dialogs.bank_dialog import BankDialog
from studyapp.ui.pages.learners import LearnerSwitcher
from studyapp.ui.tasks import TaskRunner


@pytest.fixture
def chosen_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.delenv(paths.BANK_URL_ENV, raising=False)
    paths.set_data_dir(tmp_path / "data")
    yield tmp_path / "data"
    paths.set_data_dir(None)
    paths.set_bank_url(None)


def test_the_bank_dialog_tests_a_connection_and_keeps_the_choice(
    qtbot, postgres: PostgresServer, chosen_nothing: Path
) -> None:  # type: ignore[no-untyped-def]
    create_application([])
    dialog = BankDialog(TaskRunner())
    qtbot.addWidget(dialog)
    assert dialog.local_button.isChecked() and not dialog.test_button.isEnabled()
    assert "studyapp.sqlite3" in dialog.current.text()
    dialog.server_button.setChecked(True)

    def tested(url: str) -> str:
        dialog.url_edit.setText(url)
        dialog.test_button.click()
        qtbot.waitUntil(lambda: dialog.result.text() not in ("", "Connecting…"), timeout=20000)
        text = dialog.result.text()
        dialog.result.setText("")
        return text

    assert tested("school-server/class").startswith("✗ Not a server URL; write it like")
    assert tested("mysql://teacher@server/class").startswith("✗ A shared bank lives on a Post")
    url = postgres.new_database()
    assert tested(url) == (
        "✓ Signed in as studyapp_teacher, the teacher: sees the class and changes the questions"
    )
    empty = postgres.new_database(migrated=False)
    assert "an empty database; StudyApp sets it up on first start" in tested(empty)
    gone = url.replace("socket", "no-such-socket")
    assert tested(gone).startswith("✗ The server cannot be reached (")
    dialog.url_edit.setText(url)
    dialog.save()
    assert paths.bank_url() == url and paths.bank_url_source()[1] == "Settings"
    again = BankDialog(TaskRunner())
    qtbot.addWidget(again)
    assert again.server_button.isChecked() and again.url_edit.text() == url
    again.local_button.setChecked(True)
    again.save()
    assert paths.bank_url() is None


def test_a_learner_studies_through_an_outage_and_nothing_is_lost(
    qtbot, chosen_nothing: Path
) -> None:  # type: ignore[no-untyped-def]
    with private_server() as (folder, server):
        url = server.new_database()
        teacher, _ids = build_bank(BankLocation(url, chosen_nothing, server), basic_count=10)
        teacher.close()
        server.learner_role("dora")
        paths.set_bank_url(server.url(make_url(url).database or "", "dora"))
        create_application([])
        window = create_main_window()
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.context is not None, timeout=60000)
        qtbot.waitUntil(lambda: not window.tasks.busy, timeout=60000)
        switcher = window.findChild(LearnerSwitcher)
        assert switcher.combo.currentText() == "dora" and not switcher.combo.isEnabled()
        assert not window.import_action.isEnabled()  # a learner's role adds no material
        window.show_page("review")
        page = window.pages["review"]
        qtbot.waitUntil(lambda: page.current is not None, timeout=10000)
        page.reveal()
        page.grade(3)
        throwaway_postgres.stop(folder, "immediate")
        page.reveal()
        page.grade(3)  # kept: the server is away
        assert "Waiting for the class's server" in page.card_view.toPlainText()
        assert "1 answer waits" in page.card_view.toPlainText()
        assert window.waiting_label.isVisible()
        assert window.waiting_label.text() == "⏳ 1 answer waits for the class's server"
        page.grade(3)  # nothing shown to grade: the kept answer cannot be given twice
        throwaway_postgres.start(folder)
        window._send_waiting_answers()  # the window's timer, without waiting for it
        qtbot.waitUntil(lambda: not window.waiting_label.isVisible(), timeout=20000)
        qtbot.waitUntil(lambda: page.current is not None, timeout=10000)  # reviews go on
        assert BankLocation(url, chosen_nothing).rows(
            "SELECT count(*), count(DISTINCT answer_id) FROM review_log"
        ) == [(2, 2)]
        window.close()


def test_the_class_view_lists_every_learner_and_exports_csv(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from study_context import study_context

    from studyapp.services import learners, review
    from studyapp.ui.dialogs.class_dialog import ClassDialog

    context, _ids = study_context(tmp_path)
    card = review.next_card(context.bank, context.learner_id)
    review.answer(context.bank, card.card_id, 3)
    learners.create_learner(context.bank, "Zoe")
    dialog = ClassDialog(context)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 2, timeout=20000)
    assert dialog.status.text() == "2 learners: every learner on this computer."
    names = [dialog.table.item(row, 0).text() for row in range(2)]
    assert names[1] == "Zoe" and dialog.table.item(0, 1).text() == "1"
    assert dialog.detail.item(0, 1).text() == "Civil rights"  # the first learner's mastery
    dialog.export_to(tmp_path / "class.csv")
    # The first learner: a summary, an article, two people; Zoe: a summary.
    assert dialog.status.text() == f"Exported 5 rows to {tmp_path / 'class.csv'}"
    assert (tmp_path / "class.csv").read_text(encoding="utf-8").startswith("learner,row,name,")
    context.bank.close()


def test_a_server_that_stops_answering_never_freezes_the_window(
    qtbot, chosen_nothing: Path
) -> None:  # type: ignore[no-untyped-def]
    """The server is replaced by a socket that takes connections and never answers (a machine
    gone from the network: every connection waits for the 5 s connect timeout). Switching
    pages and answering a card still return at once, under the "cannot be reached" banner;
    the answer is kept, and sent once the server is back."""
    import socket
    import time

    from studyapp.bank.server_store import CONNECT_TIMEOUT

    with private_server() as (folder, server):
        url = server.new_database()
        teacher, _ids = build_bank(BankLocation(url, chosen_nothing, server), basic_count=10)
        teacher.close()
        paths.set_bank_url(url)
        app = create_application([])
        window = create_main_window()
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.context is not None, timeout=60000)
        qtbot.waitUntil(lambda: len(window.pages.built) == len(window.pages), timeout=60000)
        qtbot.wait(300)  # then the articles are prepared, in the background
        qtbot.waitUntil(lambda: not window.tasks.busy, timeout=120000)
        window.show_page("review")
        review_page = window.pages["review"]
        qtbot.waitUntil(lambda: review_page.current is not None, timeout=10000)
        review_page.reveal()

        throwaway_postgres.stop(folder, "immediate")
        socket_path = folder / "socket" / ".s.PGSQL.5432"
        socket_path.unlink(missing_ok=True)
        silent = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        silent.bind(str(socket_path))
        silent.listen(128)  # connections are taken (by the kernel) and never answered
        try:
            started = time.perf_counter()
            review_page.grade(3)  # the answer is kept on this computer, at once
            answered = time.perf_counter() - started
            assert "1 answer waits" in review_page.card_view.toPlainText()
            switches: list[tuple[str, float]] = []
            for name in [*window.pages.names, *window.pages.names]:
                started = time.perf_counter()
                window.show_page(name)
                app.processEvents()
                switches.append((name, time.perf_counter() - started))
                assert window.stack.currentWidget() is window.pages[name]
                assert window.away_banner.isVisible()
            print(f"answer kept in {answered * 1000:.0f} ms; page switches (ms):",
                  ", ".join(f"{name} {seconds * 1000:.0f}" for name, seconds in switches))  # fmt: skip
            # Bounds that tell "waited INTERACTIVE_CONNECT" from "froze for CONNECT_TIMEOUT (5 s)"
            # on a loaded CI machine; the figures themselves are bench/class.py's.
            assert answered < 1.5
            assert max(seconds for _name, seconds in switches) < 1.5, switches
            assert "cannot be reached" in window.away_banner.text()
            assert "did not answer" in window.away_banner.toolTip()
            assert window.waiting_label.text() == "⏳ 1 answer waits for the class's server"
            # The background check waits for the server as long as it takes, off the UI thread.
            started = time.perf_counter()
            window._send_waiting_answers()
            qtbot.waitUntil(lambda: not window._checking, timeout=3 * CONNECT_TIMEOUT * 1000)
            assert window.away_banner.isVisible() and window.waiting_label.isVisible()
        finally:
            silent.close()
            socket_path.unlink(missing_ok=True)
        throwaway_postgres.start(folder)
        window._send_waiting_answers()
        qtbot.waitUntil(lambda: not window.away_banner.isVisible(), timeout=20000)
        qtbot.waitUntil(lambda: not window.waiting_label.isVisible(), timeout=20000)
        window.show_page("review")
        qtbot.waitUntil(lambda: review_page.current is not None, timeout=10000)  # reviews go on
        assert BankLocation(url, chosen_nothing).rows(
            "SELECT count(*), count(DISTINCT answer_id) FROM review_log"
        ) == [(1, 1)]
        window.close()
