"""The two objects every stage passes along: an Article and the Doc of findings about it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

Row = dict[str, Any]


@dataclass(frozen=True)
class Article:
    """One ingested article; `text` is never modified after ingest (offsets point into it)."""

    article_id: str
    source_file: str
    text: str
    published_date: date
    outlet: str | None = None
    outlet_ar: str | None = None
    url: str | None = None
    published_date_basis: str | None = None
    language: str = "ar"
    title: str | None = None
    sha256: str = ""
    source_sha256: str = ""
    bom_stripped: bool = False

    def row(self) -> Row:
        return {
            "article_id": self.article_id,
            "source_file": self.source_file,
            "outlet": self.outlet,
            "outlet_ar": self.outlet_ar,
            "url": self.url,
            "published_date": self.published_date,
            "published_date_basis": self.published_date_basis,
            "language": self.language,
            "title": self.title,
            "text": self.text,
            "sha256": self.sha256,
            "source_sha256": self.source_sha256,
            "bom_stripped": self.bom_stripped,
            "n_chars": len(self.text),
        }


@dataclass
class Doc:
    """An article and what the extractors found in it so far.

    Every extractor takes a Doc, reads the article and the earlier findings, and appends rows
    (with the columns of schema.yaml, ids left out where assembly assigns them):
    - places / actors: entity rows keyed by their stable id (deduplicated corpus-wide later);
    - mentions: entity_type, entity_id, surface, char_start, char_end, confidence;
    - events, statements: their columns except event_id / statement_id / cluster_id, which
      assembly derives. A statement may carry `event_key` (an index into `events`) to link it.
    """

    article: Article
    places: dict[str, Row] = field(default_factory=dict)
    actors: dict[str, Row] = field(default_factory=dict)
    mentions: list[Row] = field(default_factory=list)
    events: list[Row] = field(default_factory=list)
    statements: list[Row] = field(default_factory=list)
    # Scratch space extractors may share (e.g. a tokenisation), keyed by name.
    cache: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.article.text

    def mentions_of(self, entity_type: str) -> list[Row]:
        return [m for m in self.mentions if m["entity_type"] == entity_type]
