"""dlcards: terminal flashcards with SM-2 spaced repetition, built from your own study notes."""

__version__ = "0.1.0"
