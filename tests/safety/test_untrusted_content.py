"""Hostile imported cards render inert: nothing fetched, nothing run, no local file read, UI responsive."""

from __future__ import annotations

import base64
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, QUrl
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import QLabel, QTextBrowser

# Qt refusing a decompression bomb says so on stderr: here that warning is the defence
# working, while any other Qt warning still fails these tests.
pytestmark = pytest.mark.qt_log_ignore("QImageIOHandler: Rejecting image as it exceeds")

# A hang guard, not a speed measure: a bomb or a quadratic layout takes far longer than this
# even on a loaded CI machine; a shown card takes milliseconds (tame_layout, test_sanitize).
RENDER_SECONDS = 5.0


class Recorder(BaseHTTPRequestHandler):
    """Records every request; answers with a tiny image so a fetch would look successful."""

    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        Recorder.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/gif")
        self.end_headers()
        self.wfile.write(
            base64.b64decode("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==")
        )

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    """A local web server on 127.0.0.1 that must receive no request at all."""
    Recorder.hits = []
    httpd = HTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def png_base64(width: int, height: int) -> str:
    """A PNG of the given size; a big blank one is a few KB that decodes to hundreds of MB."""
    image = QImage(width, height, QImage.Format.Format_Mono)
    image.fill(0)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return base64.b64encode(bytes(data)).decode()


def hostile_cards(host: str, secret: Path) -> list[tuple[str, str]]:
    """(front, back) pairs an attacker could put in a shared deck."""
    huge = png_base64(7900, 7900)  # just under Qt's 256 MB decode limit
    return [
        (f"<script>fetch('http://{host}/script')</script>Capital?", "<b>Paris</b>"),
        (
            f'<img src="http://{host}/remote.png">Remote image',
            f'<img src="//{host}/protocol-relative.png">',
        ),
        (f'<img src="file://{secret}">Local file', f'<a href="file://{secret}">open me</a>'),
        (f'<img src="{secret}">Absolute path', '<img src="../../../../etc/passwd">'),
        (
            f'<img src="x" onerror="fetch(\'http://{host}/onerror\')">',
            f"<svg onload=\"fetch('http://{host}/svg')\"></svg>",
        ),
        (
            f'<iframe src="http://{host}/frame"></iframe>',
            f'<object data="http://{host}/object"></object>',
        ),
        (
            f"<style>@import url(http://{host}/import.css); body {{background: url(http://{host}/bg)}}</style>S",
            f'<div style="background-image: url(http://{host}/style)">styled</div>',
        ),
        (
            f'<link rel="stylesheet" href="http://{host}/link.css">Linked',
            f"<a href=\"javascript:fetch('http://{host}/js')\">js</a>",
        ),
        (
            '<img src="JaVa\tScRiPt:alert(1)"><img src="data:text/html;base64,PHNjcmlwdD4=">',
            f'<a href="\\\\{host}\\share">unc</a>',
        ),
        (
            f'<img src="data:image/png;base64,{huge}">Huge image',
            '<img src="missing.png" width="60000" height="60000">',
        ),
        # Qt lays out one unbroken word in quadratic time: 50k characters take ~0.15 s.
        ("<b>" * 5000 + "deep" + "</b>" * 5000, "x" * 50_000 + " word" * 40_000),
    ]


class RecordingDocument(QTextDocument):
    """A document that records every resource it is asked to load."""

    def __init__(self) -> None:
        super().__init__()
        self.requests: list[str] = []

    def loadResource(self, kind: int, url: QUrl) -> object:  # noqa: N802 (Qt's name)
        self.requests.append(url.toString())
        return super().loadResource(kind, url)


def outside_requests(requests: list[str]) -> list[str]:
    """Requests for anything but inline data: images or plain media-folder names."""
    bad = []
    for url in requests:
        if url.startswith("data:image/"):
            continue
        parsed = QUrl(url)
        if (
            parsed.scheme()
            or url.startswith(("/", "\\"))
            or ".." in url.replace("\\", "/").split("/")
        ):
            bad.append(url)
    return bad


def render(qtbot, html: str) -> tuple[list[str], float]:  # type: ignore[no-untyped-def]
    """Show ``html`` in a QTextBrowser and a rich-text QLabel, as card views do; (requests, seconds)."""
    browser = QTextBrowser()
    browser.setOpenLinks(False)
    browser.setOpenExternalLinks(False)
    document = RecordingDocument()
    browser.setDocument(document)
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)
    qtbot.addWidget(browser)
    qtbot.addWidget(label)
    browser.resize(700, 500)
    started = time.perf_counter()
    browser.setHtml(html)
    browser.show()
    label.setText(html)
    label.show()
    browser.viewport().repaint()
    label.repaint()
    qtbot.wait(1)
    return document.requests, time.perf_counter() - started


def assert_inert(html: str) -> None:
    lowered = html.lower()
    for marker in (
        "<script",
        "onerror",
        "onload",
        "javascript",
        "http:",
        "file:",
        "<iframe",
        "<object",
        "<link",
        "@import",
        "url(",
        "<svg",
    ):
        assert marker not in lowered, (marker, html[:300])


def test_sanitised_imported_cards_fetch_and_run_nothing(qtbot, server: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from studyapp.exchange.sanitize import sanitize_html, tame_layout

    secret = tmp_path / "secret.txt"
    secret.write_text("private")
    for front, back in hostile_cards(server, secret):
        for side in (front, back):
            clean = sanitize_html(side)
            assert_inert(clean)
            requests, seconds = render(qtbot, tame_layout(clean))  # as the Review page shows it
            assert not outside_requests(requests), requests
            assert seconds < RENDER_SECONDS, f"{seconds:.2f}s to render {side[:80]!r}"
    time.sleep(0.2)  # any fetch a widget had started would have arrived by now
    assert Recorder.hits == []


def test_cards_from_an_imported_file_render_inert(qtbot, server: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from studyapp.core.progress import no_progress
    from studyapp.exchange.registry import read_file

    secret = tmp_path / "secret.txt"
    secret.write_text("private")
    lines = ["#separator:tab", "#html:true"]
    for front, back in hostile_cards(server, secret)[:-2]:  # the huge ones are covered above
        lines.append(f"{front}\t{back}".replace("\n", " "))
    source = tmp_path / "hostile.txt"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    parsed = read_file(source, no_progress)
    assert parsed.records, parsed.problems
    for record in parsed.records:
        for side in (record.prompt, record.answer):
            assert_inert(side)
            requests, seconds = render(qtbot, side)
            assert not outside_requests(requests), requests
            assert seconds < RENDER_SECONDS
    assert Recorder.hits == []


def test_review_service_shows_stored_hostile_html_inert(
    qtbot, server: str, tmp_path: Path, data_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    """Even HTML that reached the bank unsanitised (an old import, a bug) is made inert when shown."""
    from studyapp.bank.models import Deck, Question
    from studyapp.services.learners import current_learner, update_settings
    from studyapp.services.review import answer, ensure_cards, next_card
    from studyapp.services.startup import open_data_folder

    secret = tmp_path / "secret.txt"
    secret.write_text("private")
    cards = hostile_cards(server, secret)
    bank = open_data_folder()
    try:
        learner = current_learner(bank)
        update_settings(bank, learner.id, new_per_day=100)
        with bank.transaction() as session:
            deck = Deck(name="Shared deck")
            session.add(deck)
            session.flush()
            for number, (front, back) in enumerate(cards):
                session.add(
                    Question(
                        deck_id=deck.id,
                        kind="basic",
                        prompt=front,
                        answer=back,
                        origin="imported",
                        content_hash=f"hostile-{number}",
                    )
                )
        ensure_cards(bank, learner.id)
        shown = 0
        while (card := next_card(bank, learner.id)) is not None:
            for side in (card.front, card.back):
                assert_inert(side)
                requests, seconds = render(qtbot, side)
                assert not outside_requests(requests), requests
                assert seconds < RENDER_SECONDS
            answer(bank, card.card_id, 4)
            shown += 1
        assert shown == len(cards)
    finally:
        bank.close()
    assert Recorder.hits == []


def test_the_recorder_notices_what_unsanitised_html_would_load(
    qtbot, server: str, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """Control: without the sanitiser the same cards do ask for remote and local files."""
    secret = tmp_path / "secret.txt"
    secret.write_text("private")
    requests, _seconds = render(
        qtbot, f'<img src="http://{server}/x.png"><img src="file://{secret}">'
    )
    assert len(outside_requests(requests)) >= 2, requests


def test_review_page_shows_hostile_cards_inert_and_stays_responsive(  # type: ignore[no-untyped-def]
    qtbot, server: str, tmp_path: Path, data_dir: Path
) -> None:
    """The real Review page: every hostile card shown and revealed; nothing loaded from outside."""
    from PySide6.QtCore import QSettings

    from studyapp.bank.models import Deck, Question
    from studyapp.services.learners import current_learner, update_settings
    from studyapp.services.startup import open_data_folder
    from studyapp.ui.context import AppContext
    from studyapp.ui.pages import review as review_page
    from studyapp.ui.tasks import TaskRunner

    secret = tmp_path / "secret.txt"
    secret.write_text("private")
    cards = hostile_cards(server, secret)
    bank = open_data_folder()
    learner = current_learner(bank)
    update_settings(bank, learner.id, new_per_day=100)
    with bank.transaction() as session:
        deck = Deck(name="Shared deck")
        session.add(deck)
        session.flush()
        for number, (front, back) in enumerate(cards):
            session.add(
                Question(
                    deck_id=deck.id,
                    kind="basic",
                    prompt=front,
                    answer=back,
                    origin="imported",
                    content_hash=f"hostile-{number}",
                )
            )
    tasks = TaskRunner()
    context = AppContext(
        bank, QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat), tasks
    )
    context.learner_id = learner.id
    page = review_page.ReviewPage(context)
    qtbot.addWidget(page)
    document = RecordingDocument()
    document.setDefaultStyleSheet(page.card_view.document().defaultStyleSheet())
    page.card_view.setDocument(document)
    page.resize(900, 700)
    page.show()
    try:
        page.start_session()
        shown = 0
        while page.current is not None:
            started = time.perf_counter()
            page.reveal()
            page.card_view.viewport().repaint()
            qtbot.wait(1)
            assert time.perf_counter() - started < RENDER_SECONDS
            page.grade(4)
            shown += 1
        assert shown == len(cards)
        assert document.requests, "the recorder saw no resource request at all"
        assert not outside_requests(document.requests), document.requests
    finally:
        tasks.wait_for_all()
        bank.close()
    time.sleep(0.2)
    assert Recorder.hits == []
