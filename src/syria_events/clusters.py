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
    """A cluster id for each row, in input order (see the module docstring for the rule).

    Near-linear, with the same result as comparing each row with every member of every
    cluster: place_score is 0 unless the member's place is the row's place, its parent or one
    of its children, and `compatible` is False unless type family and plan status are equal and
    the days are close, so members are indexed by (place, family, planned, day) and by
    (parent place, family, planned, day), and a row looks up only its few candidate keys. In
    each key a cluster keeps its distinct (sub_event_type, event_date) pairs, all that the
    ranking reads of a member, so a large cluster costs no more than a small one.
    """
    parents: dict[str, Any] = {pid: row.get("parent_place_id") for pid, row in (places or {}).items()}
    order = sorted(
        range(len(events)),
        key=lambda i: (
            str(events[i]["event_date"]), str(events[i].get("article_id")), events[i].get("char_start") or 0,
            events[i]["sub_event_type"], str(events[i].get("place_id")), str(events[i].get("event_id")),
        ),
    )  # fmt: skip
    cluster_ids: list[str] = []
    cluster_articles: list[set[Any]] = []
    Key = tuple[Any, str, bool, int]
    Members = dict[int, set[tuple[str, Any]]]  # cluster index -> {(sub_event_type, event_date)}
    by_place: dict[Key, Members] = {}  # key: (the member's place_id, family, planned, day)
    by_parent: dict[Key, Members] = {}  # key: (the parent of the member's place, ...)
    # Days to look up: one more than the tolerance on each side, so that the exact test below
    # (the one in `compatible`) decides, whatever the type of event_date.
    window = range(-TOLERANCE_DAYS - 1, TOLERANCE_DAYS + 2)
    out: list[str] = [""] * len(events)
    for i in order:
        row = events[i]
        place = row.get("place_id")
        sub = row["sub_event_type"]
        family = _family(sub)
        planned = bool(row.get("planned"))
        article = row.get("article_id")
        row_date = _as_date(row["event_date"]) if place is not None else None
        best: tuple[tuple[int, int, int, str], int] | None = None
        if row_date is not None:
            day = row_date.toordinal()
            parent = parents.get(place)
            # (index, place in the key, place_score): the same place; the row's parent; places
            # whose parent is the row's place (its children).
            lookups = [(by_place, place, 2), (by_parent, place, 1)]
            if parent is not None:
                lookups.append((by_place, parent, 1))
            for index, key_place, ps in lookups:
                for delta in window:
                    bucket = index.get((key_place, family, planned, day + delta))
                    if not bucket:
                        continue
                    for c, pairs in bucket.items():
                        if article in cluster_articles[c]:
                            continue
                        for other_sub, other_date in pairs:
                            gap = abs((row_date - _as_date(other_date)).days)
                            if gap > TOLERANCE_DAYS:
                                continue
                            rank = (-ps, -(sub == other_sub), gap, cluster_ids[c])
                            # Ties go to the oldest cluster, as when scanning clusters in order.
                            if best is None or (rank, c) < best:
                                best = (rank, c)
        if best is None:
            c = len(cluster_ids)
            cluster_ids.append(_cluster_id(row))
            cluster_articles.append(set())
        else:
            c = best[1]
        cluster_articles[c].add(article)
        out[i] = cluster_ids[c]
        if row_date is not None:
            pair = (sub, row["event_date"])
            day = row_date.toordinal()
            by_place.setdefault((place, family, planned, day), {}).setdefault(c, set()).add(pair)
            parent = parents.get(place)
            if parent is not None:
                by_parent.setdefault((parent, family, planned, day), {}).setdefault(c, set()).add(pair)
    return out
