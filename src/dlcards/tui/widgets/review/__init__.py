"""Widgets of the review screen: the card itself and the grade buttons."""
