"""Plain dataclasses, errors and the progress type shared by every package."""
