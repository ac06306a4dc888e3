"""Evaluate the event extractor against gold events (tests/gold/events, tests/unseen/events).

A predicted event matches a gold one when event_type agrees and the place agrees. Places are
compared through the place mention: the predicted place_id equals the place_id of a predicted
place mention overlapping the gold place span, or the normalised names agree (Arabic name vs
the gold surface, or English names without parenthesised detail). A gold event without place
matches a prediction without place. Matching is one-to-one and greedy, preferring a candidate
with the same sub-event type, then the same date.

Among matches it reports the accuracy of sub_event_type, actor1, actor2, date, fatalities and
claim status. `main()` prints JSON for the corpus and the unseen paragraphs; `--oracle` fills place
and actor mentions from their gold (when present) to measure the event layer alone.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Iterable
from datetime import date
from typing import Any

from syria_events.arabic import normalize
from syria_events.codebook import seed_ids
from syria_events.evaluate.common import (
    GoldCase,
    Score,
    align_new_ids,
    corpus_cases,
    discovered_units,
    overlaps,
    run_extractors,
    same_actor_id,
    unseen_cases,
)
from syria_events.model import Doc, Row

ATTRIBUTES = ("sub_event_type", "actor1_id", "actor2_id", "event_date", "fatalities", "claim_status")
_DESIGNATORS = ("مدينه", "بلده", "قريه", "منطقه", "محافظه", "معبر", "سريه", "مدينتي")


def _ar_key(s: str | None) -> str:
    if not s:
        return ""
    words = [w for w in normalize(s).split() if w not in _DESIGNATORS]
    key = "".join(words)
    return key[2:] if key.startswith("ال") else key


def _en_key(s: str | None) -> str:
    if not s:
        return ""
    s = re.sub(r"\(.*?\)", "", s).lower()
    s = re.sub(r"\b(?:al|as|ad|ar|ash|az|el)[-\s]", "", s)
    return re.sub(r"[^a-z0-9]", "", s)


def place_matches(doc: Doc, pred: Row, gold: dict[str, Any]) -> bool:
    """Whether a predicted event's place is the gold event's place (see module docstring)."""
    pid = pred.get("place_id")
    if gold.get("place_char_start") is None:
        return pid is None
    if pid is None:
        return False
    span = (gold["place_char_start"], gold["place_char_end"])
    for m in doc.mentions_of("place"):
        if m["entity_id"] == pid and overlaps(span, (m["char_start"], m["char_end"])):
            return True
    row = doc.places.get(pid, {})
    ar = _ar_key(row.get("name_ar"))
    en = _en_key(row.get("name_en"))
    return bool(ar and ar == _ar_key(gold.get("place_surface"))) or bool(
        en and en == _en_key(gold.get("place_name_en"))
    )


def _same(attr: str, p: Any, g: Any) -> bool:
    if attr == "event_date":
        return str(p) == str(g)
    return p == g


def match_events(doc: Doc, predicted: list[Row], gold: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """One-to-one (pred index, gold index) pairs: first pairs agreeing on sub-event type and
    date, then on sub-event type, then any remaining pairs of the same type and place."""
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for level in (2, 1, 0):
        for j, g in enumerate(gold):
            if j in used_g:
                continue
            for i, p in enumerate(predicted):
                if i in used_p or p["event_type"] != g["event_type"]:
                    continue
                same_sub = p["sub_event_type"] == g["sub_event_type"]
                rank = (
                    2 if same_sub and _same("event_date", p["event_date"], g["event_date"]) else int(same_sub)
                )
                if rank >= level and place_matches(doc, p, g):
                    used_p.add(i)
                    used_g.add(j)
                    pairs.append((i, j))
                    break
    return sorted(pairs, key=lambda x: x[1])


_ACTOR_ROLES = ("actor1_id", "actor2_id", "claimed_by_actor_id")


def evaluate_cases(cases: Iterable[GoldCase], oracle: bool = False, verbose: bool = False) -> dict[str, Any]:
    """Scores over a set of cases: P/R/F1 and attribute accuracy among matches.

    Actor roles are compared through `same_actor_id`: a gold `new:` id is bound, over the whole
    set, to the predicted non-seed id that fills the same role of matched events most often.
    """
    runs = []
    for case in cases:
        doc = _oracle_doc(case) if oracle else run_extractors(case.text, case.published, case.name)
        runs.append((case, doc, doc.events, match_events(doc, doc.events, case.gold)))
    role_pairs = [
        (pred[i].get(role) or "", case.gold[j].get(role) or "")
        for case, _, pred, pairs in runs
        for i, j in pairs
        for role in _ACTOR_ROLES
    ]
    binding = align_new_ids(role_pairs, set(seed_ids()))
    total = Score()
    correct = dict.fromkeys(ATTRIBUTES, 0)
    errors: list[dict[str, Any]] = []
    for case, doc, pred, pairs in runs:
        total.add(Score(tp=len(pairs), fp=len(pred) - len(pairs), fn=len(case.gold) - len(pairs)))
        units = discovered_units(doc.actors)
        for i, j in pairs:
            for attr in ATTRIBUTES:
                p_val, g_val = pred[i].get(attr), case.gold[j].get(attr)
                ok = (
                    same_actor_id(p_val, g_val, binding, units)
                    if attr in _ACTOR_ROLES
                    else _same(attr, p_val, g_val)
                )
                if ok:
                    correct[attr] += 1
                elif verbose:
                    errors.append(
                        {"case": case.name, "attr": attr, "pred": str(p_val),
                         "gold": str(g_val), "evidence": case.gold[j]["evidence"][:70]}
                    )  # fmt: skip
        if verbose:
            errors += _unmatched(case, doc, pred, pairs)
    out: dict[str, Any] = {"cases": len(runs), **total.as_dict()}
    out["accuracy"] = {a: round(correct[a] / total.tp, 4) if total.tp else None for a in ATTRIBUTES}
    if verbose:
        out["errors"] = errors
        out["new_id_binding"] = binding
    return out


def _unmatched(
    case: GoldCase, doc: Doc, pred: list[Row], pairs: list[tuple[int, int]]
) -> list[dict[str, Any]]:
    """Predicted events without a gold partner and gold events without a prediction."""
    matched_p = {i for i, _ in pairs}
    matched_g = {j for _, j in pairs}
    out: list[dict[str, Any]] = []
    for i, p in enumerate(pred):
        if i not in matched_p:
            name = doc.places.get(p["place_id"], {}).get("name_en")
            out.append(
                {"case": case.name, "fp": f"{p['sub_event_type']} @ {name}", "evidence": p["evidence"][:70]}
            )
    for j, g in enumerate(case.gold):
        if j not in matched_g:
            out.append(
                {
                    "case": case.name,
                    "fn": f"{g['sub_event_type']} @ {g['place_name_en']}",
                    "evidence": g["evidence"][:70],
                }
            )
    return out


def evaluate(cases: Iterable[GoldCase], details: bool = False) -> dict[str, Any]:
    """The CLI entry point (`syria-events evaluate events`): the full pipeline over `cases`."""
    return evaluate_cases(cases, oracle=False, verbose=details)


# --- oracle mentions (development aid) ----------------------------------------------------------

_GEO_PRECISION = {"governorate": 3, "country": 3, "region": 2}


def _slug(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", s.lower()).strip("_") or "place"


def _oracle_doc(case: GoldCase) -> Doc:
    """A Doc whose place/actor mentions come from their gold files, then the event extractor."""
    from syria_events.evaluate.common import GOLD_DIR, UNSEEN_DIR
    from syria_events.extract import events
    from syria_events.ingest import article_id_for
    from syria_events.model import Article

    stem = case.name.rsplit(".", 1)[0]
    doc = Doc(Article(article_id_for(case.text), case.name, case.text, case.published))
    for base in (GOLD_DIR, UNSEEN_DIR):
        places = base / "places" / f"{stem}.json"
        if places.exists():
            for g in json.loads(places.read_text(encoding="utf-8")):
                pid = _slug(g["name_en"])
                row = {"place_id": pid, "name_ar": g["surface"], "name_en": g["name_en"], "kind": g["kind"]}
                doc.places.setdefault(pid, {**row, "geo_precision": _GEO_PRECISION.get(g["kind"], 1)})
                doc.mentions.append(_mention("place", pid, g))
        actors = base / "actors" / f"{stem}.json"
        if actors.exists():
            for g in json.loads(actors.read_text(encoding="utf-8")):
                doc.actors.setdefault(
                    g["actor_id"],
                    {"actor_id": g["actor_id"], "side": g.get("side"), "actor_type": g.get("actor_type")},
                )
                doc.mentions.append(_mention("actor", g["actor_id"], g))
    events.extract(doc)
    return doc


def _mention(kind: str, entity_id: str, g: dict[str, Any]) -> Row:
    return {
        "entity_type": kind, "entity_id": entity_id, "surface": g["surface"],
        "char_start": g["char_start"], "char_end": g["char_end"], "confidence": 1.0,
    }  # fmt: skip


def main(argv: list[str] | None = None) -> None:
    """Print the evaluation as JSON: {"corpus": ..., "unseen": ...}."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--oracle", action="store_true", help="take place/actor mentions from gold")
    parser.add_argument("--verbose", action="store_true", help="list mismatches")
    parser.add_argument("--corpus-only", action="store_true", help="skip the unseen paragraphs")
    args = parser.parse_args(argv)
    result = {"corpus": evaluate_cases(corpus_cases("events"), args.oracle, args.verbose)}
    if not args.corpus_only:
        result["unseen"] = evaluate_cases(
            unseen_cases("events", date(2024, 12, 7)), args.oracle, args.verbose
        )
    print(json.dumps(result, ensure_ascii=False, indent=1, default=str))


if __name__ == "__main__":
    main()
