"""Scoring extractors against hand-made gold files (tests/gold/, tests/unseen/)."""
