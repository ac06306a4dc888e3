"""Every hand-made gold file (the corpus and every paragraph set under tests/) is well formed: each span
reproduces its text and every coded value is one the schema allows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import REPO
from syria_events.evaluate.common import paragraph_sets
from syria_events.schema import load_schema
from syria_events.validate import ACLED_TAXONOMY

TESTS = REPO / "tests"
CORPUS = REPO / "corpus" / "articles"
LAYERS = ("places", "actors", "events", "statements")
SPANS = {
    "places": [("surface", "char_start", "char_end")],
    "actors": [("surface", "char_start", "char_end")],
    "events": [
        ("evidence", "evidence_start", "evidence_end"),
        ("place_surface", "place_char_start", "place_char_end"),
    ],
    "statements": [("quote", "char_start", "char_end")],
}


def gold_files() -> list[tuple[str, Path, Path]]:
    found = []
    for layer in LAYERS:
        for gold in sorted((TESTS / "gold" / layer).glob("*.json")):
            found.append((layer, gold, CORPUS / f"{gold.stem}.txt"))
        for folder in paragraph_sets():
            for gold in sorted((TESTS / folder / layer).glob("*.json")):
                if gold.with_suffix(".txt").exists():
                    found.append((layer, gold, gold.with_suffix(".txt")))
    return found


FILES = gold_files()


def test_every_layer_has_gold_in_every_set() -> None:
    for layer in LAYERS:
        for folder in ("gold", "unseen", "heldout", "blind"):
            assert any(f[0] == layer and f"/{folder}/" in str(f[1]) for f in FILES), (layer, folder)


@pytest.mark.parametrize(
    ("layer", "gold", "text_path"),
    FILES,
    ids=[f"{f[1].parent.parent.name}/{f[0]}/{f[1].stem}" for f in FILES],
)
def test_gold_spans_reproduce_their_text_and_values_are_allowed(
    layer: str, gold: Path, text_path: Path
) -> None:
    text = text_path.read_text(encoding="utf-8")
    rows = json.loads(gold.read_text(encoding="utf-8"))
    assert isinstance(rows, list)
    schema = load_schema()
    kinds = set(schema["places"].field("kind").enum)
    actor_types = set(schema["actors"].field("actor_type").enum)
    sides = set(schema["actors"].field("side").enum)
    for row in rows:
        for value, start, end in SPANS[layer]:
            if row.get(start) is not None:
                assert text[row[start] : row[end]] == row[value], (gold.name, row)
        if layer == "places":
            assert row["kind"] in kinds
        elif layer == "actors":
            assert row["actor_type"] in actor_types and row["side"] in sides
        elif layer == "events":
            assert row["sub_event_type"] in ACLED_TAXONOMY[row["event_type"]]
            assert row["claim_status"] in ("reported", "claimed", "denied")
            assert row["date_precision"] in ("day", "approximate", "month")
        else:
            assert row["quote_type"] in ("direct", "indirect") and row["stance"] in ("assert", "deny")
