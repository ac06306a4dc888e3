"""Errors a user can act on: each names the file, the row and the rule."""

from __future__ import annotations

from pathlib import Path


class SyriaEventsError(Exception):
    """Base class of the errors the CLI reports without a traceback."""


class InputError(SyriaEventsError):
    """Bad input: a corpus file or metadata row that breaks a rule."""

    def __init__(self, file: Path | str, row: int | None, rule: str, message: str) -> None:
        self.file = str(file)
        self.row = row
        self.rule = rule
        self.message = message
        where = self.file + (f", row {row}" if row is not None else "")
        super().__init__(f"{where}: [{rule}] {message}")

    def as_dict(self) -> dict[str, object]:
        return {"file": self.file, "row": self.row, "rule": self.rule, "message": self.message}


class ReleaseError(SyriaEventsError):
    """The release could not be written or failed validation; nothing was replaced."""
