"""Clusters: one id for the rows that report the same real-world event in different articles.

Rule (deterministic, order-independent of the input list):

1. Rows are visited in a canonical order: event_date, article_id, char_start, sub_event_type,
   place_id (then event_id when present).
2. A row joins an existing cluster when, against at least one member, all of these hold:
   - **compatible type**: both take ground (overtakes / non-violent transfer / government
     regains: the same capture is typed by whatever cue each article gives), or both have the
     same sub_event_type otherwise (an air strike and a shelling are different events);
   - **same place**: the same place_id; with `places` given, a site and the town it belongs to
     (parent_place_id) also count, at a lower preference;
   - **close dates**: at most `TOLERANCE_DAYS` apart (most rows are dated by publication, and
     reports of one capture appear over two or three days);
   - **same plan status**: a planned event never merges with one that happened;
   - **another article**: an article reports each event once (the extractor merges repeats),
     so two rows of one article are two events.
   Among candidate clusters the best is taken: same place over parent place, same
   sub_event_type, then the smallest date gap, then the smallest cluster id.
3. Otherwise the row starts a cluster. Rows without place never merge.

The id is `cl_` + 16 hex digits of sha256 over the first member's key (article, offsets,
type, place, date), so it depends only on content.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

__all__ = ["TOLERANCE_DAYS", "assign_clusters", "compatible"]

TOLERANCE_DAYS = 2
_TERRITORY = frozenset(
    {
        "Non-state actor overtakes territory",
        "Non-violent transfer of territory",
        "Government regains territory",
    }
)


def _as_date(v: Any) -> date:
    return v if isinstance(v, date) else date.fromisoformat(str(v))


def _family(sub: str) -> str:
    return "territory" if sub in _TERRITORY else sub


def compatible(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Whether two rows could be the same event (type, plan status and dates; not place)."""
    if _family(a["sub_event_type"]) != _family(b["sub_event_type"]):
        return False
    if bool(a.get("planned")) != bool(b.get("planned")):
        return False
    return abs((_as_date(a["event_date"]) - _as_date(b["event_date"])).days) <= TOLERANCE_DAYS


def _key(r: Mapping[str, Any]) -> str:
    parts = (
        r.get("article_id"), r.get("char_start"), r.get("char_end"), r.get("sub_event_type"),
        r.get("place_id"), r.get("event_date"), r.get("event_id"),
    )  # fmt: skip
    return "\x1f".join("" if p is None else str(p) for p in parts)


def _cluster_id(r: Mapping[str, Any]) -> str:
    return "cl_" + hashlib.sha256(_key(r).encode("utf-8")).hexdigest()[:16]


def assign_clusters(
    events: Sequence[Mapping[str, Any]], places: Mapping[str, Mapping[str, Any]] | None = None
) -> list[str]:
    """A cluster id for each row, in input order (see the module docstring for the rule)."""
    parents = {pid: row.get("parent_place_id") for pid, row in (places or {}).items()}

    def place_score(a: str | None, b: str | None) -> int:
        if a is None or b is None:
            return 0
        if a == b:
            return 2
        return 1 if parents.get(a) == b or parents.get(b) == a else 0

    order = sorted(
        range(len(events)),
        key=lambda i: (
            str(events[i]["event_date"]), str(events[i].get("article_id")), events[i].get("char_start") or 0,
            events[i]["sub_event_type"], str(events[i].get("place_id")), str(events[i].get("event_id")),
        ),
    )  # fmt: skip
    clusters: list[tuple[str, list[int]]] = []
    out: list[str] = [""] * len(events)
    for i in order:
        row = events[i]
        best: tuple[tuple[int, int, int, str], int] | None = None
        for c, (cid, members) in enumerate(clusters):
            if any(events[m].get("article_id") == row.get("article_id") for m in members):
                continue
            for m in members:
                other = events[m]
                ps = place_score(row.get("place_id"), other.get("place_id"))
                if ps == 0 or not compatible(row, other):
                    continue
                gap = abs((_as_date(row["event_date"]) - _as_date(other["event_date"])).days)
                rank = (-ps, -(row["sub_event_type"] == other["sub_event_type"]), gap, cid)
                if best is None or rank < best[0]:
                    best = (rank, c)
        if best is None:
            clusters.append((_cluster_id(row), [i]))
            out[i] = clusters[-1][0]
        else:
            clusters[best[1]][1].append(i)
            out[i] = clusters[best[1]][0]
    return out
