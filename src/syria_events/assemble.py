"""Assemble: turn the Docs of all articles into the six release tables.

Ids that depend on several rows (mention, event, statement and cluster ids) are derived here,
from content only, so that the same inputs always give the same ids. Rows are sorted by their
keys so that the Parquet files are byte-identical from one build to the next.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

import polars as pl
import pyarrow as pa

from syria_events.errors import ReleaseError
from syria_events.model import Doc, Row
from syria_events.schema import Schema, Table, load_schema

SORT_KEYS = {
    "articles": ["published_date", "source_file"],
    "places": ["place_id"],
    "actors": ["actor_id"],
    "mentions": ["article_id", "char_start", "char_end", "entity_type", "entity_id"],
    "events": ["article_id", "char_start", "char_end", "event_id"],
    "statements": ["article_id", "char_start", "char_end", "statement_id"],
}


def digest(*parts: Any, length: int = 16) -> str:
    """A short, stable hex digest of the parts (None spelled as the empty string)."""
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:length]


def frame(table: Table, rows: Iterable[Row]) -> pl.DataFrame:
    """A DataFrame with exactly the table's columns and dtypes, sorted by its keys."""
    cols = table.columns
    data = {c: [r.get(c) for r in rows] for c in cols} if rows else {c: [] for c in cols}
    df = pl.DataFrame(data, schema=table.polars_schema, strict=False)
    return df.sort(SORT_KEYS[table.name], nulls_last=True, maintain_order=True)


def _merge_entities(docs: list[Doc], attr: str, key: str) -> list[Row]:
    """Union of the per-article entity rows; the same id must describe the same entity."""
    merged: dict[str, Row] = {}
    for doc in docs:
        for entity_id, row in getattr(doc, attr).items():
            if entity_id != row.get(key):
                raise ReleaseError(f"{attr}: row stored under {entity_id!r} has {key}={row.get(key)!r}")
            # Extractors build rows from the same reference data, so differences are bugs:
            # keep the first by article order and let validation catch broken references.
            merged.setdefault(entity_id, row)
    return [merged[k] for k in sorted(merged)]


def _mentions(docs: list[Doc]) -> list[Row]:
    rows = []
    for doc in docs:
        aid = doc.article.article_id
        seen: set[str] = set()
        for m in doc.mentions:
            mention_id = f"{aid}-{m['entity_type'][0]}-{m['char_start']}-{m['char_end']}"
            if mention_id in seen:
                continue
            seen.add(mention_id)
            rows.append({**m, "article_id": aid, "mention_id": mention_id})
    return rows


def _events(docs: list[Doc], places: list[Row]) -> tuple[list[Row], dict[tuple[int, int], str]]:
    """Event rows with ids; also (doc index, event index) → event_id, for statements."""
    rows: list[Row] = []
    ids: dict[tuple[int, int], str] = {}
    seen: set[str] = set()
    for d, doc in enumerate(docs):
        aid = doc.article.article_id
        for i, e in enumerate(doc.events):
            event_id = "ev_" + digest(
                aid,
                e.get("char_start"),
                e.get("char_end"),
                e.get("sub_event_type"),
                e.get("place_id"),
                e.get("actor1_id"),
                e.get("actor2_id"),
                e.get("trigger"),
                e.get("event_date"),
            )
            ids[(d, i)] = event_id
            if event_id in seen:  # the same event found twice in one clause
                continue
            seen.add(event_id)
            rows.append({**e, "article_id": aid, "event_id": event_id})
    assign_cluster_ids(rows, {p["place_id"]: p for p in places})
    return rows, ids


def assign_cluster_ids(rows: list[Row], places: dict[str, Row]) -> None:
    """Set cluster_id on every event row (the rule is in syria_events.clusters)."""
    try:
        from syria_events.clusters import assign_clusters
    except ModuleNotFoundError:
        # Without a clustering rule every event is its own cluster.
        for r in rows:
            r["cluster_id"] = "cl_" + digest(r["event_id"])
        return
    ordered = sorted(rows, key=lambda r: r["event_id"])
    # The place hierarchy lets a strike on a bridge match a strike on its town.
    for r, cluster_id in zip(ordered, assign_clusters(ordered, places), strict=True):
        r["cluster_id"] = cluster_id


def _statements(docs: list[Doc], event_ids: dict[tuple[int, int], str]) -> list[Row]:
    rows = []
    seen: set[str] = set()
    for d, doc in enumerate(docs):
        aid = doc.article.article_id
        for s in doc.statements:
            statement_id = "st_" + digest(aid, s["char_start"], s["char_end"], s.get("quote_type"))
            if statement_id in seen:
                continue
            seen.add(statement_id)
            key = s.get("event_key")
            event_id = event_ids.get((d, key)) if key is not None else s.get("event_id")
            rows.append({**s, "article_id": aid, "statement_id": statement_id, "event_id": event_id})
    return rows


def assemble(docs: list[Doc], schema: Schema | None = None) -> dict[str, pl.DataFrame]:
    """The six tables of a release, from the Docs of every article."""
    schema = schema or load_schema()
    places = _merge_entities(docs, "places", "place_id")
    events, event_ids = _events(docs, places)
    rows = {
        "articles": [doc.article.row() for doc in docs],
        "places": places,
        "actors": _merge_entities(docs, "actors", "actor_id"),
        "mentions": _mentions(docs),
        "events": events,
        "statements": _statements(docs, event_ids),
    }
    return {name: frame(schema[name], rows[name]) for name in schema.tables}


def combine_batches(batches: Iterable[dict[str, pa.Table]]) -> dict[str, pl.DataFrame]:
    """The corpus-wide step over `extract_batch` outputs given in article order.

    Gives the same tables as `assemble` over all articles: entities deduplicated by id (the
    first by article order wins, as in assemble), clusters reassigned over every event, rows
    sorted by their keys.
    """
    schema = load_schema()
    parts: dict[str, list[pl.DataFrame]] = {name: [] for name in schema.tables}
    for batch in batches:
        for name in schema.tables:
            parts[name].append(pl.from_arrow(batch[name]))  # type: ignore[arg-type]
    out: dict[str, pl.DataFrame] = {}
    for name, table in schema.tables.items():
        df = pl.concat(parts[name]) if parts[name] else table.empty_frame()
        if name in ("places", "actors"):
            df = df.unique(subset=[table.primary_key[0]], keep="first", maintain_order=True)
        out[name] = df
    if out["events"].height:
        # Clusters span articles, so the batch-local ids are recomputed over every event.
        rows = out["events"].to_dicts()
        places = {p["place_id"]: p for p in out["places"].to_dicts()}
        assign_cluster_ids(rows, places)
        out["events"] = pl.DataFrame(rows, schema=schema["events"].polars_schema)
    return {name: df.sort(SORT_KEYS[name], nulls_last=True, maintain_order=True) for name, df in out.items()}
