"""Background work: a QRunnable that runs a Qt-free function and reports through signals."""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from studyapp.core.errors import Cancelled


class TaskSignals(QObject):
    """Signals of one task; a separate QObject because QRunnable cannot emit (git-cola's shape)."""

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)  # the exception
    cancelled = Signal()
    finished = Signal()


class Task(QRunnable):
    """Runs ``function(progress)`` off the UI thread; ``progress`` raises Cancelled once cancelled."""

    def __init__(self, title: str, function: Callable[[Callable[[int, int, str], None]], Any]):
        super().__init__()
        self.setAutoDelete(False)  # the runner keeps us alive until finished
        self.title = title
        self.signals = TaskSignals()
        self._function = function
        self._cancel = threading.Event()

    def cancel(self) -> None:
        """Ask the work to stop at its next progress report."""
        self._cancel.set()

    @property
    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def _progress(self, done: int, total: int, message: str) -> None:
        if self._cancel.is_set():
            raise Cancelled(message or self.title)
        self.signals.progressed.emit(done, total, message)

    def run(self) -> None:
        try:
            result = self._function(self._progress)
        except Cancelled:
            self.signals.cancelled.emit()
        except Exception as error:  # reported to the UI, never swallowed
            error.traceback_text = traceback.format_exc()  # type: ignore[attr-defined]
            self.signals.failed.emit(error)
        else:
            self.signals.succeeded.emit(result)
        finally:
            self.signals.finished.emit()


class TaskRunner(QObject):
    """Starts tasks and keeps them alive until they finish.

    Work that writes to the bank uses the single-thread ``writer`` pool so two
    writers never contend for SQLite's lock; read-only work may use ``reader``.
    """

    task_started = Signal(object)  # Task

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.writer = QThreadPool(self)
        self.writer.setMaxThreadCount(1)
        self.reader = QThreadPool(self)
        self.reader.setMaxThreadCount(2)
        self._running: set[Task] = set()

    def start(
        self,
        title: str,
        function: Callable[[Callable[[int, int, str], None]], Any],
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        writes: bool = True,
    ) -> Task:
        """Run ``function(progress)`` in the background and call back on the UI thread."""
        task = Task(title, function)
        if on_success is not None:
            task.signals.succeeded.connect(on_success)
        if on_failure is not None:
            task.signals.failed.connect(on_failure)
        task.signals.finished.connect(lambda: self._running.discard(task))
        self._running.add(task)
        self.task_started.emit(task)
        (self.writer if writes else self.reader).start(task)
        return task

    def cancel_all(self) -> None:
        """Ask every running task to stop at its next progress report."""
        for task in list(self._running):
            task.cancel()

    def wait_for_all(self, msecs: int = 30000) -> bool:
        """Block until every task finished (used on quit and in tests)."""
        return self.writer.waitForDone(msecs) and self.reader.waitForDone(msecs)

    @property
    def busy(self) -> bool:
        return bool(self._running)
