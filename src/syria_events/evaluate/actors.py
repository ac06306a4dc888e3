"""Actor mentions against gold: precision/recall/F1 (span overlap and the same actor).

Gold rows carry `actor_id` (an id of the seed list, or "new:<x>" for an actor the annotator
could not name from the seed list) and `armed_political`. A gold "new:<x>" id is bound to one
predicted id outside the seed list for the whole set (`align_new_ids`): the predicted id that
most often overlaps its mentions. The span must overlap either way.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from syria_events.codebook import codebook, seed_ids
from syria_events.evaluate.common import (
    GoldCase,
    Score,
    align_new_ids,
    corpus_cases,
    discovered_units,
    match_spans,
    overlaps,
    run_extractors,
    same_actor_id,
)


def _armed_political(actor_id: str, rows: dict[str, dict[str, Any]] | None = None) -> bool:
    """Whether a predicted actor counts as armed/political (everything but media and civilians).

    A discovered row (not in the codebook) is judged by the side and type the extractor gave it
    in the Doc (`rows`), e.g. a journalist or a hospital doctor is not armed/political.
    """
    row = codebook().get(actor_id)
    if row is not None:
        side, actor_type = row.side, row.actor_type
    else:
        found = (rows or {}).get(actor_id) or {}
        side, actor_type = found.get("side"), found.get("actor_type")
    return side not in ("media", "civilian") and actor_type not in ("media", "civilians")


def score_case(
    predicted: list[dict[str, Any]],
    gold: list[dict[str, Any]],
    binding: dict[str, str],
    units: dict[str, str] | None = None,
) -> Score:
    """Greedy one-to-one matching in text order: overlap and same actor."""
    pred = sorted(predicted, key=lambda m: m["char_start"])
    score, _ = match_spans(
        [(p["char_start"], p["char_end"]) for p in pred],
        [(g["char_start"], g["char_end"]) for g in gold],
        same=lambda i, j: same_actor_id(pred[i]["entity_id"], gold[j]["actor_id"], binding, units),
    )
    return score


def overlapping_ids(pred: list[dict[str, Any]], gold: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """(predicted id, gold id) of every overlapping pair of mentions: the evidence for binding."""
    return [
        (p["entity_id"], g["actor_id"])
        for p in pred
        for g in gold
        if overlaps((p["char_start"], p["char_end"]), (g["char_start"], g["char_end"]))
    ]


def evaluate(cases: Iterable[GoldCase], details: bool = False) -> dict[str, Any]:
    """P/R/F1 over all actor mentions and over armed/political actors alone."""
    seed = set(seed_ids())
    runs = []
    for case in cases:
        doc = run_extractors(case.text, case.published, case.name)
        runs.append((case, doc, doc.mentions_of("actor")))
    binding = align_new_ids(
        [pair for case, _, pred in runs for pair in overlapping_ids(pred, case.gold)], seed
    )
    total, armed = Score(), Score()
    per_case = {}
    errors: list[dict[str, Any]] = []
    for case, doc, pred in runs:
        units = discovered_units(doc.actors)
        s = score_case(pred, case.gold, binding, units)
        total.add(s)
        pred_armed = [m for m in pred if _armed_political(m["entity_id"], doc.actors)]
        gold_armed = [g for g in case.gold if g.get("armed_political", True)]
        armed.add(score_case(pred_armed, gold_armed, binding, units))
        per_case[case.name] = s.as_dict()
        if details:
            errors += _errors(case, pred, binding, units)
    out: dict[str, Any] = {
        "cases": len(per_case),
        "all": total.as_dict(),
        "armed_political": armed.as_dict(),
        "per_case": per_case,
    }
    if details:
        out["errors"] = errors
        out["new_id_binding"] = binding
    return out


def _errors(
    case: GoldCase, pred: list[dict[str, Any]], binding: dict[str, str], units: dict[str, str]
) -> list[dict[str, Any]]:
    """Unmatched predictions and gold rows, for tuning."""
    out = []
    for p in pred:
        if not any(
            overlaps((p["char_start"], p["char_end"]), (g["char_start"], g["char_end"]))
            and same_actor_id(p["entity_id"], g["actor_id"], binding, units)
            for g in case.gold
        ):
            out.append({"case": case.name, "fp": p["surface"], "at": p["char_start"], "id": p["entity_id"]})
    for g in case.gold:
        if not any(
            overlaps((p["char_start"], p["char_end"]), (g["char_start"], g["char_end"]))
            and same_actor_id(p["entity_id"], g["actor_id"], binding, units)
            for p in pred
        ):
            out.append({"case": case.name, "fn": g["surface"], "at": g["char_start"], "id": g["actor_id"]})
    return out


def main() -> None:
    """Print the corpus and unseen scores as JSON."""
    from syria_events.evaluate.common import unseen_cases

    report = {"corpus": evaluate(corpus_cases("actors")), "unseen": evaluate(unseen_cases("actors"))}
    print(json.dumps(report, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
