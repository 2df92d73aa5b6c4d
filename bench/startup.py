"""Start-up speed: process start to first paint of StudyApp's main window vs a bare QMainWindow.

Each figure is the wall time from launching a fresh Python process until the
window's first paint event, median of several runs. Prints both and the ratio.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

RUNS = 7

PAINT_PROBE = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            print("painted", flush=True)
            QTimer.singleShot(0, watched.close)
            watched.removeEventFilter(self)
        return False
"""

BARE = (
    PAINT_PROBE
    + """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow(); window.resize(1180, 780)
probe = FirstPaint(); window.installEventFilter(probe)
window.show()
app.exec()
"""
)

STUDYAPP = (
    PAINT_PROBE
    + """
from studyapp import paths
paths.set_data_dir(sys.argv[1])
from studyapp.ui.app import create_application, create_main_window
app = create_application(sys.argv[:1])
window = create_main_window()
probe = FirstPaint(); window.installEventFilter(probe)
window.show()
app.exec()
heavy = [name for name in ("spacy", "anki", "sqlalchemy") if name in sys.modules]
print("imported before quitting:", heavy, flush=True)
"""
)


def time_to_paint(code: str, *args: str) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", code, *args], stdout=subprocess.PIPE, text=True, env=env
    )
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith("painted"):
            elapsed = time.perf_counter() - started
            break
    else:
        raise RuntimeError("the window was never painted")
    process.wait(timeout=60)
    return elapsed


def main() -> None:
    with tempfile.TemporaryDirectory() as data:
        time_to_paint(STUDYAPP, data)  # first start creates the bank; measure warm starts
        bare = [time_to_paint(BARE) for _ in range(RUNS)]
        ours = [time_to_paint(STUDYAPP, data) for _ in range(RUNS)]
    bare_ms = statistics.median(bare) * 1000
    ours_ms = statistics.median(ours) * 1000
    print(f"bare QMainWindow   first paint: {bare_ms:7.1f} ms (median of {RUNS})")
    print(f"StudyApp main window first paint: {ours_ms:7.1f} ms (median of {RUNS})")
    print(f"ratio: {ours_ms / bare_ms:.2f}x (target <= 2x)")


if __name__ == "__main__":
    main()
