"""Widgets of the review screen: the card itself, the grade buttons, the progress line."""
