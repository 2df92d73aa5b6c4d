"""Use cases: own the transactions, return frozen dataclasses; the UI and CLI call these."""
