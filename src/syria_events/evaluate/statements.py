"""Evaluate the statements extractor against gold: span P/R/F1, speaker and quote-type accuracy.

A predicted and a gold statement match when their token overlap is at least half of the longer
of the two (tokens of the article text, so the measure ignores punctuation and quotation marks).
Matching is one-to-one, best overlap first. Among matched pairs:

- speaker accuracy: the actor ids agree; when gold has no id (unnamed source) or an id outside
  the codebook (`new:<slug>`, which the pipeline cannot produce), the speaker surfaces must
  share at least half of the shorter surface's words instead (and, for null, pred id is null);
- quote-type and stance accuracy: the labels agree.

Usage: python -m syria_events.evaluate.statements [corpus|unseen|both] [--details]
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from typing import Any

from syria_events.arabic import normalize, tokenize
from syria_events.evaluate.common import GoldCase, Score, corpus_cases, run_extractors, unseen_cases

MIN_OVERLAP = 0.5


def _token_ids(text: str, start: int, end: int, starts: list[int], ends: list[int]) -> set[int]:
    return {i for i, (s, e) in enumerate(zip(starts, ends, strict=True)) if s >= start and e <= end}


def match_statements(
    text: str, predicted: list[dict[str, Any]], gold: list[dict[str, Any]]
) -> tuple[Score, list[tuple[int, int]]]:
    """One-to-one matching by token overlap >= half of the longer span; (pred, gold) pairs."""
    toks = tokenize(text)
    starts, ends = [t.start for t in toks], [t.end for t in toks]
    p_ids = [_token_ids(text, p["char_start"], p["char_end"], starts, ends) for p in predicted]
    g_ids = [_token_ids(text, g["char_start"], g["char_end"], starts, ends) for g in gold]
    candidates = []
    for i, a in enumerate(p_ids):
        for j, b in enumerate(g_ids):
            longer = max(len(a), len(b))
            if not longer:
                continue
            ratio = len(a & b) / longer
            if ratio >= MIN_OVERLAP:
                candidates.append((-ratio, i, j))
    candidates.sort()
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, i, j in candidates:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        pairs.append((i, j))
    pairs.sort()
    score = Score(tp=len(pairs), fp=len(predicted) - len(pairs), fn=len(gold) - len(pairs))
    return score, pairs


def _words(s: str | None) -> set[str]:
    out = set()
    for t in tokenize(s or ""):
        w = t.norm
        out.add(w[2:] if w.startswith("ال") and len(w) > 4 else w)
    return out


def surfaces_agree(a: str | None, b: str | None) -> bool:
    """Two speaker surfaces name the same speaker: half of the shorter one's words are shared."""
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return not wa and not wb
    return len(wa & wb) >= MIN_OVERLAP * min(len(wa), len(wb))


def speaker_correct(pred: dict[str, Any], gold: dict[str, Any]) -> bool:
    gid, pid = gold.get("speaker_actor_id"), pred.get("speaker_actor_id")
    if gid is None:
        return pid is None and surfaces_agree(pred.get("speaker_surface"), gold.get("speaker_surface"))
    if str(gid).startswith("new:"):
        return surfaces_agree(pred.get("speaker_surface"), gold.get("speaker_surface"))
    return pid == gid


def evaluate(cases: Iterable[GoldCase], details: bool = False) -> dict[str, Any]:
    """Scores over a set of gold cases (optionally with every mismatch listed)."""
    total = Score()
    speaker_ok = type_ok = stance_ok = channel_ok = matched = 0
    errors: list[dict[str, Any]] = []
    n_cases = 0
    for case in cases:
        n_cases += 1
        doc = run_extractors(case.text, case.published, case.name)
        pred = doc.statements
        score, pairs = match_statements(case.text, pred, case.gold)
        total.add(score)
        hit_p = {i for i, _ in pairs}
        hit_g = {j for _, j in pairs}
        for i, j in pairs:
            p, g = pred[i], case.gold[j]
            matched += 1
            ok_s = speaker_correct(p, g)
            speaker_ok += ok_s
            type_ok += p["quote_type"] == g["quote_type"]
            stance_ok += p["stance"] == g["stance"]
            channel_ok += normalize(p.get("channel") or "") == normalize(g.get("channel") or "")
            if details and (not ok_s or p["quote_type"] != g["quote_type"] or p["stance"] != g["stance"]):
                errors.append({"case": case.name, "kind": "label", "pred": _brief(p), "gold": _brief(g)})
        if details:
            errors += [
                {"case": case.name, "kind": "fp", "pred": _brief(p)}
                for i, p in enumerate(pred)
                if i not in hit_p
            ]
            errors += [
                {"case": case.name, "kind": "fn", "gold": _brief(g)}
                for j, g in enumerate(case.gold)
                if j not in hit_g
            ]
    result: dict[str, Any] = {"cases": n_cases, **total.as_dict()}
    result["speaker_accuracy"] = round(speaker_ok / matched, 4) if matched else None
    result["quote_type_accuracy"] = round(type_ok / matched, 4) if matched else None
    result["stance_accuracy"] = round(stance_ok / matched, 4) if matched else None
    result["channel_accuracy"] = round(channel_ok / matched, 4) if matched else None
    if details:
        result["errors"] = errors
    return result


def _brief(r: dict[str, Any]) -> dict[str, Any]:
    keys = (
        "char_start",
        "char_end",
        "quote",
        "quote_type",
        "stance",
        "speaker_surface",
        "speaker_actor_id",
        "reporting_verb",
        "channel",
    )
    return {k: r.get(k) for k in keys}


def main(argv: list[str] | None = None) -> None:
    """Print the scores as JSON: corpus, unseen or both (the default)."""
    args = sys.argv[1:] if argv is None else argv
    which = next((a for a in args if not a.startswith("-")), "both")
    details = "--details" in args
    out: dict[str, Any] = {}
    if which in ("corpus", "both"):
        out["corpus"] = evaluate(corpus_cases("statements"), details)
    if which in ("unseen", "both"):
        out["unseen"] = evaluate(unseen_cases("statements"), details)
    print(json.dumps(out, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
