"""syria-events: build, validate, load and release the syria-events dataset.

>>> import syria_events
>>> events = syria_events.load("events")          # a polars DataFrame
>>> tables = syria_events.load_package()          # every table, by name
>>> report = syria_events.validate("build")       # report.ok, report.text()
"""

from __future__ import annotations

from pathlib import Path

from syria_events.load import load, load_package
from syria_events.pipeline import BuildResult, build
from syria_events.schema import TABLES, load_schema
from syria_events.validate import Report, validate_release

__version__ = "0.2.0"


def validate(release: Path | str = "build") -> Report:
    """Validate a release directory: frictionless, pandera and cross-table checks."""
    return validate_release(release)


__all__ = ["TABLES", "BuildResult", "Report", "build", "load", "load_package", "load_schema", "validate"]
