"""The actor codebook (data/actors.csv): loading, context rules and integrity checks.

The codebook is data reviewed like code: one row per actor, every alias it may be written as,
and an optional `context` column of rules (separated by ";") that restrict some aliases:

- `near:CUE|CUE[=>ALIAS|ALIAS]`  the alias counts for this actor only when one of the cue words
  is the nearest place cue around it (e.g. "مقاتلون محليون" is the Daraa groups only in Daraa);
  without `=>` the rule covers every alias of the row.
- `after_full_name=>ALIAS|...`   a bare surname ("العودة") counts only after a longer alias of
  the same actor appeared earlier in the article (it is an ordinary word otherwise).
- `quoted=>ALIAS|...`            an outlet whose name is a common word ("المدن") counts only when
  written between quotation marks or after an outlet noun (صحيفة, موقع, ...).
- `country_actor[=>ALIAS|...]`   a country or capital name is an actor only when used as one
  (subject of a verb, "لدى روسيا"), not as a place ("في سوريا").
- `role:spokesman`               the person is the spokesman of `parent_actor_id` (resolves an
  unnamed "المتحدث باسم <parent>").
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from syria_events.paths import data_dir

ACTOR_TYPES = frozenset(
    {
        "state_forces",
        "state_security",
        "government",
        "state_official",
        "rebel_group",
        "rebel_coalition",
        "local_armed_group",
        "militia",
        "foreign_state",
        "foreign_forces",
        "foreign_official",
        "international_coalition",
        "jihadist_group",
        "media",
        "civilians",
        "person",
    }
)
SIDES = frozenset({"government", "opposition", "sdf", "foreign", "isis", "media", "civilian", "neutral"})
PERSON_TYPES = frozenset({"person", "state_official", "foreign_official"})
COLUMNS = (
    "actor_id",
    "name_ar",
    "name_en",
    "aliases_ar",
    "actor_type",
    "side",
    "parent_actor_id",
    "country_code",
    "wikidata_id",
    "context",
    "source",
)
RULE_KINDS = frozenset({"near", "after_full_name", "quoted", "country_actor", "role"})


class CodebookError(ValueError):
    """The codebook breaks one of its rules; the message names the row."""


@dataclass(frozen=True)
class Rule:
    """One context rule; `aliases` empty means it covers every alias of the row."""

    kind: str
    values: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()

    def covers(self, alias: str) -> bool:
        return not self.aliases or alias in self.aliases


@dataclass(frozen=True)
class Actor:
    """One codebook row."""

    actor_id: str
    name_ar: str
    name_en: str
    aliases_ar: tuple[str, ...]
    actor_type: str
    side: str
    parent_actor_id: str | None
    country_code: str | None
    wikidata_id: str | None
    rules: tuple[Rule, ...] = field(default=())
    source: str = ""

    def rules_for(self, alias: str) -> list[Rule]:
        return [r for r in self.rules if r.covers(alias)]

    @property
    def is_person(self) -> bool:
        return self.actor_type in PERSON_TYPES

    @property
    def role(self) -> str | None:
        return next((r.values[0] for r in self.rules if r.kind == "role"), None)

    def row(self, origin: str = "codebook") -> dict[str, object]:
        """The row of the `actors` table (schema.yaml columns)."""
        return {
            "actor_id": self.actor_id,
            "name_ar": self.name_ar,
            "name_en": self.name_en,
            "actor_type": self.actor_type,
            "side": self.side,
            "aliases_ar": list(self.aliases_ar),
            "parent_actor_id": self.parent_actor_id,
            "country_code": self.country_code,
            "wikidata_id": self.wikidata_id,
            "origin": origin,
        }


def parse_context(text: str, where: str) -> tuple[Rule, ...]:
    """Parse the `context` column (see the module docstring)."""
    rules = []
    for part in filter(None, (p.strip() for p in text.split(";"))):
        head, _, aliases = part.partition("=>")
        kind, _, values = head.partition(":")
        kind = kind.strip()
        if kind not in RULE_KINDS:
            raise CodebookError(f"{where}: unknown context rule {kind!r}")
        vals = tuple(v.strip() for v in values.split("|") if v.strip())
        if kind in ("near", "role") and not vals:
            raise CodebookError(f"{where}: rule {kind!r} needs values")
        rules.append(Rule(kind, vals, tuple(a.strip() for a in aliases.split("|") if a.strip())))
    return tuple(rules)


def _opt(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def load_codebook(path: Path | None = None) -> dict[str, Actor]:
    """Read and validate the codebook; actors keyed by id, in file order."""
    path = path or data_dir() / "actors.csv"
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise CodebookError(f"{path}: columns must be {', '.join(COLUMNS)}")
        actors: dict[str, Actor] = {}
        for line, raw in enumerate(reader, start=2):
            where = f"{path.name}:{line}"
            actor_id = raw["actor_id"].strip()
            if actor_id in actors:
                raise CodebookError(f"{where}: duplicate actor_id {actor_id!r}")
            actors[actor_id] = Actor(
                actor_id=actor_id,
                name_ar=raw["name_ar"].strip(),
                name_en=raw["name_en"].strip(),
                aliases_ar=tuple(a.strip() for a in raw["aliases_ar"].split("|") if a.strip()),
                actor_type=raw["actor_type"].strip(),
                side=raw["side"].strip(),
                parent_actor_id=_opt(raw["parent_actor_id"]),
                country_code=_opt(raw["country_code"]),
                wikidata_id=_opt(raw["wikidata_id"]),
                rules=parse_context(raw["context"] or "", where),
                source=raw["source"].strip(),
            )
    problems = check_codebook(actors)
    if problems:
        raise CodebookError(f"{path}: " + "; ".join(problems))
    return actors


def check_codebook(actors: dict[str, Actor]) -> list[str]:
    """Every integrity problem of a codebook (empty when it is sound)."""
    import re

    from syria_events.arabic import normalize

    problems = []
    for a in actors.values():
        if not re.fullmatch(r"[a-z0-9_]+(:[a-z0-9_]+)?", a.actor_id):
            problems.append(f"{a.actor_id}: bad id")
        if a.actor_type not in ACTOR_TYPES:
            problems.append(f"{a.actor_id}: unknown actor_type {a.actor_type!r}")
        if a.side not in SIDES:
            problems.append(f"{a.actor_id}: unknown side {a.side!r}")
        if not a.name_ar or not a.name_en or not a.source:
            problems.append(f"{a.actor_id}: name_ar, name_en and source are required")
        if not a.aliases_ar:
            problems.append(f"{a.actor_id}: no aliases")
        if normalize(a.name_ar) not in {normalize(x) for x in a.aliases_ar}:
            problems.append(f"{a.actor_id}: name_ar is not among its aliases")
        keys = [normalize(x) for x in a.aliases_ar]
        if len(keys) != len(set(keys)):
            problems.append(f"{a.actor_id}: duplicate aliases")
        if a.country_code and not re.fullmatch(r"[A-Z]{2}", a.country_code):
            problems.append(f"{a.actor_id}: bad country_code")
        if a.wikidata_id and not re.fullmatch(r"Q[0-9]+", a.wikidata_id):
            problems.append(f"{a.actor_id}: bad wikidata_id")
        if a.parent_actor_id and a.parent_actor_id not in actors:
            problems.append(f"{a.actor_id}: parent {a.parent_actor_id!r} is not in the codebook")
        for rule in a.rules:
            missing = [x for x in rule.aliases if x not in a.aliases_ar]
            if missing:
                problems.append(f"{a.actor_id}: context names unknown aliases {missing}")
            if rule.kind == "role" and not a.parent_actor_id:
                problems.append(f"{a.actor_id}: a role needs a parent")
    for a in actors.values():
        seen = {a.actor_id}
        parent = a.parent_actor_id
        while parent and parent in actors:
            if parent in seen:
                problems.append(f"{a.actor_id}: parent chain has a cycle")
                break
            seen.add(parent)
            parent = actors[parent].parent_actor_id
    return problems


def parent_chain(actor_id: str, actors: dict[str, Actor]) -> list[str]:
    """The ids above an actor, nearest first."""
    chain: list[str] = []
    parent = actors[actor_id].parent_actor_id if actor_id in actors else None
    while parent and parent in actors and parent not in chain:
        chain.append(parent)
        parent = actors[parent].parent_actor_id
    return chain


def seed_ids(path: Path | None = None) -> list[str]:
    """The agreed actor ids (data/actor_ids_seed.txt) that gold annotators use."""
    path = path or data_dir() / "actor_ids_seed.txt"
    ids = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            ids.append(line.split("|")[0].strip())
    return ids


@lru_cache(maxsize=1)
def codebook() -> dict[str, Actor]:
    """The shipped codebook, loaded once."""
    return load_codebook()
