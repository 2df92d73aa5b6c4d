"""Spaced repetition with FSRS, cloze rendering, quiz grading and progress statistics (Qt-free)."""
