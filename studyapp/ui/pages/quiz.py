"""The Quiz page: choose a scope, answer one question at a time, see the score and retry the missed."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QElapsedTimer, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from studyapp.core.errors import AnswerKept, StudyAppError
from studyapp.core.questions import KIND_NAMES
from studyapp.core.study import Grade, QuizItem, QuizResult, QuizScope, QuizSession
from studyapp.services import quiz
from studyapp.ui.context import AppContext
from studyapp.ui.icons import glyph_icon
from studyapp.ui.pages.quiz_answers import AnswerWidget, answer_widget
from studyapp.ui.pages.quiz_results import QuizResults
from studyapp.ui.pages.quiz_setup import QuizSetup

PAGE_CSS = """
QLabel#quizPrompt { font-size: 20px; }
QLabel#scoreBig { font-size: 34px; font-weight: 600; }
QFrame#feedback { border-radius: 8px; padding: 8px; }
QFrame#feedback[correct="true"] { background: rgba(46, 157, 87, 0.14); border: 1px solid #2e9d57; }
QFrame#feedback[correct="false"] { background: rgba(214, 69, 65, 0.12); border: 1px solid #d64541; }
QLabel#clock { font-size: 15px; font-weight: 600; }
QFrame#quizSettings { border: 1px solid palette(mid); border-radius: 10px; background: palette(base); }
QLabel#panelTitle { font-size: 15px; font-weight: 600; }
QTabWidget::pane { border: 1px solid palette(mid); border-radius: 6px; }
QListWidget::item { padding: 4px; }
"""


class QuizPage(QWidget):
    """Setup → questions → results; attempts and every answer are stored as they happen."""

    name = "quiz"
    title = "Quiz"

    def __init__(self, context: AppContext):
        super().__init__()
        self.context = context
        self.setWindowIcon(glyph_icon("✓"))
        self.setStyleSheet(PAGE_CSS)
        self.session: QuizSession | None = None
        self.index = 0
        self.checked = False
        self.answer: AnswerWidget | None = None
        self.responses: dict[int, Any] = {}  # by question id, as answered
        self.grades: dict[int, Grade] = {}
        self.flagged: set[int] = set()  # question ids the learner wants to come back to
        self.result: QuizResult | None = None
        self.clock = QTimer(self)
        self.clock.setInterval(250)
        self.clock.timeout.connect(self._on_tick)
        self.elapsed = QElapsedTimer()
        self.views = QStackedWidget()
        self.setup = QuizSetup(context)
        self.setup.start_requested.connect(lambda: self.start())
        self.results = QuizResults()
        self.results.retry_requested.connect(self.retry_missed)
        self.results.new_requested.connect(self.new_quiz)
        self.results.source_requested.connect(self._open_source)
        self.views.addWidget(self.setup)
        self.views.addWidget(self._build_question())
        self.views.addWidget(self.results)
        heading = QLabel("Quiz")
        heading.setObjectName("pageTitle")
        self.subtitle = QLabel("Test yourself on articles, people, periods or decks.")
        self.subtitle.setObjectName("pageSubtitle")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.addWidget(heading)
        layout.addWidget(self.subtitle)
        layout.addSpacing(8)
        layout.addWidget(self.views, 1)
        for key, slot in (("Return", self._on_enter), ("Enter", self._on_enter),
                          ("Ctrl+Return", self._on_enter), ("Alt+Left", self.go_back),
                          ("Ctrl+M", self.flag_button.click)):  # fmt: skip
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        context.questions_changed.connect(self._on_questions_changed)
        context.knowledge_changed.connect(self._on_questions_changed)

    def activated(self) -> None:
        """Called when the page is shown: refresh the scope lists on the setup view."""
        if self.views.currentIndex() == 0:
            self.setup.fill_scope()

    def _on_questions_changed(self) -> None:
        if self.views.currentIndex() == 0:
            self.setup.fill_scope()

    def start(self, scope: QuizScope | None = None) -> None:
        """Start a quiz over ``scope`` (default: the setup view's)."""
        if self.context.learner_id is None:
            return
        try:
            session = quiz.start_quiz(
                self.context.bank, self.context.learner_id, scope or self.setup.scope()
            )
        except StudyAppError as error:  # also DatabaseError: disk full, read-only
            QMessageBox.information(self, "Cannot start the quiz", str(error))
            return
        self._begin(session)

    def _begin(self, session: QuizSession) -> None:
        self.session, self.index, self.result = session, 0, None
        self.responses, self.grades, self.flagged = {}, {}, set()
        self.elapsed.start()
        if session.scope.time_limit_s:
            self.clock.start()
        self.clock_label.setVisible(bool(session.scope.time_limit_s))
        self.views.setCurrentIndex(1)
        self._show_item()
        self._on_tick()

    # -- questions ------------------------------------------------------------------------
    def _build_question(self) -> QWidget:
        self.position_label = QLabel()
        self.position_label.setObjectName("pageSubtitle")
        self.clock_label = QLabel()
        self.clock_label.setObjectName("clock")
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(6)
        self.prompt_label = QLabel()
        self.prompt_label.setObjectName("quizPrompt")
        self.prompt_label.setWordWrap(True)
        # Escaped text shown as rich text: quotes and ampersands appear as themselves.
        self.prompt_label.setTextFormat(Qt.TextFormat.RichText)
        self.prompt_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.answer_holder = QVBoxLayout()
        self.feedback = QFrame()
        self.feedback.setObjectName("feedback")
        self.feedback_label = QLabel()
        self.feedback_label.setWordWrap(True)
        self.feedback_label.setTextFormat(Qt.TextFormat.RichText)
        self.source_button = QPushButton("Show in article")
        self.source_button.clicked.connect(self._show_current_source)
        feedback_layout = QHBoxLayout(self.feedback)
        feedback_layout.addWidget(self.feedback_label, 1)
        feedback_layout.addWidget(self.source_button, 0, Qt.AlignmentFlag.AlignTop)
        self.check_button = QPushButton("Check")
        self.check_button.setToolTip("Enter")
        self.check_button.clicked.connect(self._on_enter)
        self.quit_button = QPushButton("End quiz")
        self.quit_button.setAutoDefault(False)  # Enter never ends a quiz by accident
        self.quit_button.clicked.connect(self.end_quiz)
        self.back_button = QPushButton("Back")
        self.back_button.setToolTip("The previous question (Alt+Left)")
        self.back_button.setAutoDefault(False)
        self.back_button.clicked.connect(self.go_back)
        self.flag_button = QPushButton("Flag for later")
        self.flag_button.setToolTip(
            "Come back to this question before the results; a flagged question can be "
            "skipped for now (Ctrl+M)"
        )
        self.flag_button.setCheckable(True)
        self.flag_button.setAutoDefault(False)
        self.flag_button.toggled.connect(self._on_flag_toggled)
        top = QHBoxLayout()
        top.addWidget(self.position_label)
        top.addStretch(1)
        top.addWidget(self.clock_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.quit_button)
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.flag_button)
        buttons.addWidget(self.check_button)
        column = QWidget()
        column.setMaximumWidth(860)
        page = QWidget()
        outer = QHBoxLayout(page)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addStretch(1)
        outer.addWidget(column, 8)
        outer.addStretch(1)
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.progress)
        layout.addSpacing(12)
        layout.addWidget(self.prompt_label)
        layout.addSpacing(12)
        layout.addLayout(self.answer_holder)
        layout.addSpacing(8)
        layout.addWidget(self.feedback)
        layout.addStretch(1)
        layout.addLayout(buttons)
        return page

    @property
    def item(self) -> QuizItem | None:
        if self.session is None or self.index >= len(self.session.items):
            return None
        return self.session.items[self.index]

    def _show_item(self) -> None:
        item = self.item
        assert self.session is not None and item is not None
        total = len(self.session.items)
        self.progress.setRange(0, total)
        self.progress.setValue(len(self.responses))
        self._show_prompt(item)
        if self.answer is not None:
            # Off the screen at once: deleteLater alone would leave it there until the next loop.
            self.answer_holder.removeWidget(self.answer)
            self.answer.hide()
            self.answer.setParent(None)
            self.answer.deleteLater()
        self.answer = answer_widget(item)
        self.answer.submitted.connect(self._on_enter)
        self.answer_holder.addWidget(self.answer)
        self.answer.show()  # at once: the layout would only show it on the next event loop pass
        self.checked = item.question_id in self.responses
        self.feedback.hide()
        self.back_button.setEnabled(self.index > 0)
        self.flag_button.blockSignals(True)
        self.flag_button.setChecked(item.question_id in self.flagged)
        self.flag_button.blockSignals(False)
        self.flag_button.setEnabled(not self.checked)
        self._update_position()
        if self.checked:  # come back to: shown as answered, with its feedback
            self.answer.set_response(self.responses[item.question_id])
            self._show_checked(item, self.grades[item.question_id])
            return
        self._update_check_button()
        self.answer.setFocus()
        focus = self.answer.findChild(QWidget)
        if focus is not None:
            focus.setFocus()

    def _show_prompt(self, item: QuizItem, changed: str = "") -> None:
        """The prompt, with ``changed`` (the altered words of a false statement) marked."""
        text = html.escape(item.prompt)
        if changed:
            mark = html.escape(changed)
            text = text.replace(
                mark, f'<span style="background: rgba(214, 69, 65, 0.28);"><u>{mark}</u></span>', 1
            )
        self.prompt_label.setText(text.replace("\n", "<br/>"))

    def _update_position(self) -> None:
        item, session = self.item, self.session
        assert item is not None and session is not None
        parts = [f"Question {self.index + 1} of {len(session.items)}",
                 KIND_NAMES.get(item.kind, item.kind)]  # fmt: skip
        if self.flagged:
            parts.append(f"⚑ {len(self.flagged)} flagged")
        self.position_label.setText(" · ".join(parts))

    def _update_check_button(self) -> None:
        item, session = self.item, self.session
        if item is None or session is None:
            return
        if self.checked:
            last = self._next_index() is None
            self.check_button.setText("See results" if last else "Next")
        elif item.question_id in self.flagged:
            self.check_button.setText("Check or skip")
        else:
            self.check_button.setText("Check")

    def _on_flag_toggled(self, flagged: bool) -> None:
        item = self.item
        if item is None or self.checked:
            return
        if flagged:
            self.flagged.add(item.question_id)
        else:
            self.flagged.discard(item.question_id)
        self._update_position()
        self._update_check_button()

    def _next_index(self) -> int | None:
        """Where Next goes: the next unanswered question, then back to ones skipped for later."""
        assert self.session is not None
        items = self.session.items
        for index in range(self.index + 1, len(items)):
            if items[index].question_id not in self.responses:
                return index
        for index, item in enumerate(items):  # skipped for later, before this one
            if index != self.index and item.question_id not in self.responses:
                return index
        return None  # every question answered: the results

    def _on_enter(self) -> None:
        view = self.views.currentIndex()
        if view == 0 and self.setup.start_button.isEnabled():
            self.start()
        elif view == 1:
            item, answer = self.item, self.answer
            skipping = (
                item is not None and answer is not None and item.question_id in self.flagged
                and not answer.is_complete()
            )  # fmt: skip
            self.next_item() if self.checked or skipping else self.check()
        else:
            self.results.open_selected_source()

    def check(self) -> None:
        """Grade and store the current answer; show feedback now or move on."""
        item, answer, session = self.item, self.answer, self.session
        if item is None or answer is None or session is None or self.checked:
            return
        if not answer.is_complete():
            self.feedback_label.setText("Answer first — or press <b>End quiz</b> to stop here.")
            self.feedback.setProperty("correct", None)
            self._repolish(self.feedback)
            self.feedback.show()
            return
        response = answer.response()
        try:
            grade = quiz.answer_question(
                self.context.bank, session.attempt_id, item.question_id, response
            )
        except AnswerKept as kept:  # graded when the server is back; never answered twice
            self.context.answers_waiting.emit(kept.waiting)
            self.responses[item.question_id] = response
            self.checked = True
            answer.lock()
            self.feedback_label.setText(html.escape(str(kept)))
            self.feedback.setProperty("correct", None)
            self._repolish(self.feedback)
            self.feedback.show()
            self.check_button.setFocus()
            return
        except StudyAppError as error:  # disk full, read-only data folder
            QMessageBox.warning(self, "Could not record the answer", str(error))
            return
        self.responses[item.question_id] = response
        self.grades[item.question_id] = grade
        self.flagged.discard(item.question_id)
        self.checked = True
        if not session.scope.immediate_feedback:
            self.next_item()
            return
        self._show_checked(item, grade)

    def _show_checked(self, item: QuizItem, grade: Grade) -> None:
        """An answered question: locked, and with feedback unless that waits for the end."""
        answer, session = self.answer, self.session
        assert answer is not None and session is not None
        answer.lock()
        self.flag_button.setEnabled(False)
        self._update_position()
        self._update_check_button()
        self.check_button.setFocus()  # Enter now means Next, wherever the focus was
        if not session.scope.immediate_feedback:
            return
        answer.show_truth(grade)
        if grade.changed:
            self._show_prompt(item, grade.changed)
        verdict = "✓ Correct" if grade.correct else "✗ Not quite"
        parts = [f"<b>{verdict}</b>"]
        if not grade.correct:
            parts.append(f"The answer: <b>{html.escape(grade.expected)}</b>")
        if grade.note:
            parts.append(f"<i>{html.escape(grade.note)}</i>")
        if item.explanation:
            parts.append(html.escape(item.explanation))
        self.feedback_label.setText("<br/>".join(parts))
        self.feedback.setProperty("correct", "true" if grade.correct else "false")
        self._repolish(self.feedback)
        self.source_button.setVisible(item.source is not None)
        self.feedback.show()

    def next_item(self) -> None:
        """The next question (or a flagged one left behind); the results after the last."""
        if self.session is None:
            return
        following = self._next_index()
        if following is None:
            self.finish()
        else:
            self.index = following
            self._show_item()

    def go_back(self) -> None:
        """Show the previous question again (answered ones as they were answered)."""
        if self.session is not None and self.views.currentIndex() == 1 and self.index > 0:
            self.index -= 1
            self._show_item()

    def end_quiz(self) -> None:
        """End now, after asking when questions are still unanswered (they count as missed)."""
        if self.session is None:
            return
        left = len(self.session.items) - len(self.responses)
        if left:
            what = "1 question is" if left == 1 else f"{left} questions are"
            answer = QMessageBox.question(
                self,
                "End the quiz?",
                f"{what} not answered yet; they will count as missed.",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.finish()

    def _on_tick(self) -> None:
        session = self.session
        if session is None or not session.scope.time_limit_s:
            return
        left = session.scope.time_limit_s - self.elapsed.elapsed() // 1000
        minutes, seconds = divmod(max(0, left), 60)
        self.clock_label.setText(f"Time left  {minutes}:{seconds:02d}")
        if left <= 0:
            self.finish()  # time is up: what was not answered counts as missed

    def _show_current_source(self) -> None:
        item = self.item
        if item is not None and item.source is not None:
            self._open_source(item)

    def _open_source(self, item: QuizItem) -> None:
        source = item.source
        if source is not None:
            self.context.show_passage(source.article_id, source.ordinal, source.start, source.end)

    @staticmethod
    def _repolish(widget: QWidget) -> None:
        widget.style().unpolish(widget)
        widget.style().polish(widget)

    def finish(self) -> None:
        """Close the attempt and show the score with a per-question review."""
        if self.session is None:
            return
        self.clock.stop()
        self.result = quiz.finish_quiz(self.context.bank, self.session.attempt_id)
        self.results.show_result(self.result, self.elapsed.elapsed() // 1000)
        self.views.setCurrentIndex(2)
        self.results.review_table.setFocus()

    def retry_missed(self) -> None:
        """A new attempt with just the questions missed in this one."""
        if self.result is None:
            return
        try:
            session = quiz.retry_missed(self.context.bank, self.result.attempt_id)
        except StudyAppError as error:  # also DatabaseError: disk full, read-only
            QMessageBox.information(self, "Nothing to retry", str(error))
            return
        self._begin(session)

    def new_quiz(self) -> None:
        self.session = None
        self.views.setCurrentIndex(0)
        self.setup.fill_scope()
        self.setup.start_button.setFocus()
