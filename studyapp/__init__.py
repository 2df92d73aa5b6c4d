"""StudyApp: an offline desktop study and quiz application."""

__version__ = "0.1.0"
