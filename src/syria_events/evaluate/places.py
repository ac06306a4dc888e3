"""Score place mentions against gold: precision, recall and F1 with overlap and exact spans.

Run `python -m syria_events.evaluate.places` to print the corpus and unseen scores as JSON.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from syria_events.evaluate.common import (
    GoldCase,
    Score,
    corpus_cases,
    match_spans,
    run_extractors,
    unseen_cases,
)


def predicted_spans(case: GoldCase) -> list[tuple[int, int]]:
    """The place mention spans the pipeline finds in a case's text, in text order."""
    doc = run_extractors(case.text, case.published, case.name)
    return sorted((m["char_start"], m["char_end"]) for m in doc.mentions_of("place"))


def gold_spans(case: GoldCase) -> list[tuple[int, int]]:
    return sorted((g["char_start"], g["char_end"]) for g in case.gold)


def evaluate(cases: Iterable[GoldCase], details: bool = False) -> dict[str, Any]:
    """Micro-averaged P/R/F1 over all cases, with overlap and exact span matching."""
    overlap, exact = Score(), Score()
    errors: list[dict[str, Any]] = []
    n = 0
    for case in cases:
        n += 1
        pred, gold = predicted_spans(case), gold_spans(case)
        s_overlap, pairs = match_spans(pred, gold)
        s_exact, _ = match_spans(pred, gold, exact=True)
        overlap.add(s_overlap)
        exact.add(s_exact)
        if details:
            errors.extend(_errors(case, pred, gold, pairs))
    result: dict[str, Any] = {"cases": n, "overlap": overlap.as_dict(), "exact": exact.as_dict()}
    if details:
        result["errors"] = errors
    return result


def _errors(
    case: GoldCase, pred: list[tuple[int, int]], gold: list[tuple[int, int]], pairs: list[tuple[int, int]]
) -> list[dict[str, Any]]:
    """False positives, false negatives and boundary mismatches, for error analysis."""
    matched_p = {i for i, _ in pairs}
    matched_g = {j for _, j in pairs}
    out: list[dict[str, Any]] = []
    for i, (s, e) in enumerate(pred):
        if i not in matched_p:
            out.append({"case": case.name, "type": "fp", "span": [s, e], "surface": case.text[s:e]})
    for j, (s, e) in enumerate(gold):
        if j not in matched_g:
            out.append({"case": case.name, "type": "fn", "span": [s, e], "surface": case.text[s:e]})
    for i, j in pairs:
        if pred[i] != gold[j]:
            p, g = pred[i], gold[j]
            out.append(
                {
                    "case": case.name,
                    "type": "boundary",
                    "pred": case.text[p[0] : p[1]],
                    "gold": case.text[g[0] : g[1]],
                }
            )
    return out


def main() -> None:
    report = {"corpus": evaluate(corpus_cases("places")), "unseen": evaluate(unseen_cases("places"))}
    print(json.dumps(report, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
