"""Start-up speed: process start to first paint of StudyApp's main window vs a bare QMainWindow,
and to the moment StudyApp is usable (bank open, Library listed, Review ready with a card).

Each figure is the wall time from launching a fresh Python process, median of several
runs, measured in the same run as the bare window. Prints the figures and the ratios.
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
    def __init__(self, close=True):
        super().__init__()
        self.close = close
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            print("painted", flush=True)
            if self.close:
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
probe = FirstPaint(close=False); window.installEventFilter(probe)

def usable():
    # Usable: the bank is open, the Library lists the articles, Review has its first card.
    library = window.pages.get("library")
    if window.context is None or library is None or not library.table.topLevelItemCount():
        QTimer.singleShot(2, usable)
        return
    review = window.pages["review"]
    review.start_session()
    assert review.current is not None or review.views.currentIndex() == 1
    print("usable", flush=True)
    window.close()

QTimer.singleShot(0, usable)
window.show()
app.exec()
heavy = [name for name in ("spacy", "anki") if name in sys.modules]
print("imported before quitting:", heavy, flush=True)
"""
)


def timings(code: str, *args: str) -> dict[str, float]:
    """Seconds from launching the process to each line it prints ("painted", "usable")."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    # An installed app has its bytecode compiled; a checkout run with this set would compile
    # every module on every start and measure the compiler.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", code, *args], stdout=subprocess.PIPE, text=True, env=env
    )
    assert process.stdout is not None
    seen = {}
    for line in process.stdout:
        seen.setdefault(line.split()[0], time.perf_counter() - started)
    if process.wait(timeout=300) != 0 or "painted" not in seen:
        raise RuntimeError("the window was never painted")
    return seen


def main() -> None:
    with tempfile.TemporaryDirectory() as data:
        first = timings(STUDYAPP, data)  # first start creates the bank and its study sets
        bare = [timings(BARE)["painted"] for _ in range(RUNS)]
        ours = [timings(STUDYAPP, data) for _ in range(RUNS)]
    bare_ms = statistics.median(bare) * 1000
    paint_ms = statistics.median(run["painted"] for run in ours) * 1000
    usable_ms = statistics.median(run["usable"] for run in ours) * 1000
    print(f"bare QMainWindow     first paint: {bare_ms:7.1f} ms (median of {RUNS})")
    print(f"StudyApp main window first paint: {paint_ms:7.1f} ms  {paint_ms / bare_ms:.2f}x"
          " (target <= 2x)")
    print(f"StudyApp usable (bank open, Library listed, Review ready): {usable_ms:7.1f} ms  "
          f"{usable_ms / bare_ms:.2f}x the bare window's first paint (target <= 3x)")
    print(f"first start (new data folder) usable after {first['usable']:.1f} s")


if __name__ == "__main__":
    main()
