"""Shared pieces of every evaluation: running extractors on one text, gold files, P/R/F1."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from syria_events.extract import extractors
from syria_events.ingest import article_id_for
from syria_events.model import Article, Doc
from syria_events.paths import PROJECT_ROOT

GOLD_DIR = PROJECT_ROOT / "tests" / "gold"
UNSEEN_DIR = PROJECT_ROOT / "tests" / "unseen"
# A second blind set, written after the first unseen figures had been seen (see its README).
HELDOUT_DIR = PROJECT_ROOT / "tests" / "heldout"
# The final blind set: written last, never opened during development, measured once.
BLIND_DIR = PROJECT_ROOT / "tests" / "blind"
CORPUS_DIR = PROJECT_ROOT / "corpus"


def run_extractors(text: str, published: date, source_file: str = "text.txt") -> Doc:
    """Run the whole extraction pipeline over one text and return its Doc."""
    article = Article(
        article_id=article_id_for(text), source_file=source_file, text=text, published_date=published
    )
    doc = Doc(article)
    for extract in extractors():
        extract(doc)
    return doc


@dataclass(frozen=True)
class GoldCase:
    name: str
    text: str
    published: date
    gold: list[dict[str, Any]]


def corpus_cases(layer: str) -> Iterator[GoldCase]:
    """The corpus articles with their gold for one layer (places, actors, events, statements)."""
    import csv

    with open(CORPUS_DIR / "articles.csv", encoding="utf-8", newline="") as fh:
        dates = {r["file"]: date.fromisoformat(r["published_date"]) for r in csv.DictReader(fh)}
    for gold_path in sorted((GOLD_DIR / layer).glob("*.json")):
        file = gold_path.stem + ".txt"
        text = (CORPUS_DIR / "articles" / file).read_text(encoding="utf-8")
        yield GoldCase(file, text, dates[file], json.loads(gold_path.read_text(encoding="utf-8")))


def unseen_cases(
    layer: str, default_date: date = date(2024, 12, 7), root: Path = UNSEEN_DIR
) -> Iterator[GoldCase]:
    """Paragraphs written for testing and never used for tuning, with their gold."""
    folder = root / layer
    dates_file = folder / "dates.json"
    dates = json.loads(dates_file.read_text(encoding="utf-8")) if dates_file.exists() else {}
    for text_path in sorted(folder.glob("*.txt")):
        gold_path = text_path.with_suffix(".json")
        if not gold_path.exists():
            continue
        published = dates.get(text_path.name) or dates.get(text_path.stem)
        yield GoldCase(
            text_path.name,
            text_path.read_text(encoding="utf-8"),
            date.fromisoformat(published) if published else default_date,
            json.loads(gold_path.read_text(encoding="utf-8")),
        )


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def as_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def match_spans(
    predicted: list[tuple[int, int]],
    gold: list[tuple[int, int]],
    exact: bool = False,
    same: Callable[[int, int], bool] | None = None,
) -> tuple[Score, list[tuple[int, int]]]:
    """Greedy one-to-one matching of spans; returns the score and the (pred, gold) index pairs.

    Each prediction, in the given order, takes the first unused gold span it overlaps (equals,
    with `exact`) and, when `same` is given, for which `same(pred index, gold index)` holds.
    """
    used: set[int] = set()
    pairs = []
    for i, p in enumerate(predicted):
        for j, g in enumerate(gold):
            if j in used:
                continue
            if ((p == g) if exact else overlaps(p, g)) and (same is None or same(i, j)):
                used.add(j)
                pairs.append((i, j))
                break
    score = Score(tp=len(pairs), fp=len(predicted) - len(pairs), fn=len(gold) - len(pairs))
    return score, pairs


def align_new_ids(pairs: Iterable[tuple[str, str]], seed: set[str]) -> dict[str, str]:
    """Bind each gold `new:<slug>` id to one predicted id outside the seed list.

    Annotators only had the seed list, so a body missing from it got a made-up `new:` id while
    the extractor may know it under a codebook id. `pairs` are (predicted id, gold id) pairs that
    refer to the same thing (overlapping mentions, or the same role of matched events). The
    binding is one-to-one over the whole set: the most frequent pairing wins (ties by id), so an
    extractor that splits one body over two ids, or merges two bodies, is only credited once.
    """
    counts = Counter(
        (gold_id, pred_id)
        for pred_id, gold_id in pairs
        if gold_id.startswith("new:") and pred_id and pred_id not in seed
    )
    binding: dict[str, str] = {}
    taken: set[str] = set()
    # A predicted id spelt like the annotator's slug ("new:us_forces" → "us_forces") is that body.
    for gold_id, pred_id in sorted(counts):
        if gold_id.removeprefix("new:") == pred_id and gold_id not in binding:
            binding[gold_id] = pred_id
            taken.add(pred_id)
    for (gold_id, pred_id), _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        if gold_id not in binding and pred_id not in taken:
            binding[gold_id] = pred_id
            taken.add(pred_id)
    return binding


def same_actor_id(
    pred_id: str | None,
    gold_id: str | None,
    binding: dict[str, str],
    units: dict[str, frozenset[str]] | None = None,
) -> bool:
    """A predicted id is right when it equals the gold seed id or the id bound to a gold `new:` id,
    or when it is a military unit or command of that force.

    `units` maps military units and commands (actor_type state_forces or foreign_forces) to the
    forces above them: where a gold file codes "اللواء 61" as the army itself or CENTCOM as the US
    forces, the more specific unit is not wrong (ACLED codes both as the state's military forces).
    """
    target = binding.get(gold_id) if gold_id is not None and gold_id.startswith("new:") else gold_id
    if gold_id is not None and gold_id.startswith("new:") and target is None:
        return False
    return pred_id == target or (pred_id is not None and target in (units or {}).get(pred_id, frozenset()))


def discovered_units(actors: dict[str, dict[str, Any]]) -> dict[str, frozenset[str]]:
    """Military units and commands among a Doc's actor rows, with every force above them."""
    out: dict[str, frozenset[str]] = {}
    for aid, row in actors.items():
        if row.get("actor_type") not in {"state_forces", "foreign_forces"}:
            continue
        above: set[str] = set()
        parent = row.get("parent_actor_id")
        while parent and parent not in above and parent in actors:
            if actors[parent].get("actor_type") not in {"state_forces", "foreign_forces"}:
                break  # a ministry or government above the forces is not the forces
            above.add(str(parent))
            parent = actors[parent].get("parent_actor_id")
        if above:
            out[aid] = frozenset(above)
    return out


TESTS_DIR = PROJECT_ROOT / "tests"


def paragraph_sets() -> list[str]:
    """Names of the paragraph sets written for testing (tests/<name>/ with a README or layers)."""
    names = []
    for folder in sorted(TESTS_DIR.iterdir()):
        if (
            folder.is_dir()
            and folder.name not in ("gold", "__pycache__")
            and any((folder / layer).is_dir() for layer in ("places", "actors", "events", "statements"))
        ):
            names.append(folder.name)
    return names


def set_cases(name: str, layer: str) -> Iterator[GoldCase]:
    """The cases of one set: "corpus" (the five articles) or a folder under tests/."""
    if name == "corpus":
        return corpus_cases(layer)
    return unseen_cases(layer, root=TESTS_DIR / name)


def heldout_cases(layer: str) -> Iterator[GoldCase]:
    """The second blind set (tests/heldout/<layer>)."""
    return unseen_cases(layer, root=HELDOUT_DIR)


def blind_cases(layer: str) -> Iterator[GoldCase]:
    """The final blind set (tests/blind/<layer>)."""
    return unseen_cases(layer, root=BLIND_DIR)
