"""Extractors: each is a callable `extract(doc: Doc) -> None` that appends rows to the Doc.

They run in the order of EXTRACTORS, so later ones may use earlier findings (events use
places and actors; statements use actors and events). Adding one touches no other.
"""

from __future__ import annotations

from collections.abc import Callable

from syria_events.model import Doc

Extractor = Callable[[Doc], None]


def extractors() -> list[Extractor]:
    """The pipeline's extractors, in order."""
    found: list[Extractor] = []
    # Imported here so that a module's import cost is paid only by a build.
    for name in ("places", "actors", "events", "statements"):
        try:
            module = __import__(f"syria_events.extract.{name}", fromlist=["extract"])
        except ModuleNotFoundError as e:
            if e.name != f"syria_events.extract.{name}":
                raise
            continue
        found.append(module.extract)
    return found
