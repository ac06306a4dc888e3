"""Place mentions: gazetteer names found in the article, checked against context.

Steps: tokenise (splitting headings fused to the next sentence), find the longest gazetteer
names, drop those inside organisation/outlet names, accept names that are also common words
only with a cue (a descriptor such as "بلدة" or membership of a list of places), keep foreign
countries only where they are locations rather than actors, and resolve names shared by
several places (a governorate and its capital, or villages in different governorates) from
descriptors and the governorates named elsewhere in the article.

Names the gazetteer lacks come from generic rules (extract/place_rules.py): a site
descriptor with a known place or a proper name ("مطار X العسكري", "سد X"), and a settlement
descriptor with proper names ("قرية X", "بلدتي X وY"), which yields *discovered* places.
"""

from __future__ import annotations

import csv
import itertools
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from syria_events.arabic import Match, PhraseMatcher, Token, normalize, strip_clitics, tokenize
from syria_events.extract import place_rules as pr
from syria_events.gazetteer import Candidate, Gazetteer, load
from syria_events.model import Doc
from syria_events.paths import data_dir

# Descriptor word (normalised) -> the kind it announces (None: a cue without a kind).
DESCRIPTORS: dict[str, str | None] = {
    normalize(w): k
    for words, k in (
        ("مدينة مدينتي مدن", "city"),
        ("بلدة بلدتي بلدات", "town"),
        ("قرية قريتي قرى", "village"),
        ("محافظة محافظتي محافظات", "governorate"),
        ("حي أحياء", "region"),
        ("مطار", "military_site"),
        ("سجن", "facility"),
        ("معبر", "border_crossing"),
        ("طريق", "road"),
        ("نهر", "river"),
        ("جبل", "mountain"),
        ("ريف منطقة مناطق ناحية مخيم حاجز حاجزي أطراف مركز", None),
    )
    for w in words.split()
}
# Words before a country that show it is a location, not an actor ("في الأردن", "إلى العراق").
LOCATIVE = frozenset(
    normalize(w)
    for w in [
        "في",
        "إلى",
        "الى",
        "نحو",
        "باتجاه",
        "عبر",
        "داخل",
        "خارج",
        "حدود",
        "الحدود",
        "الحدودي",
        "الحدودية",
        "أراضي",
        "شمال",
        "جنوب",
        "شرق",
        "غرب",
        "شمالي",
        "جنوبي",
        "شرقي",
        "غربي",
        "وسط",
        "قرب",
    ]
)
_WITH = normalize("مع")
BORDER_WORDS = frozenset(normalize(w) for w in ["حدود", "الحدود", "الحدودي", "الحدودية", "حدودها", "معبر"])
_LIST_GAP = re.compile(r"^[\s،,؛\-–—]*(?:و\s*)?$")
_CLOSE = re.compile(r"^\s*(?:-|–|—)?\s*$")
_BRIGADE_WORD = normalize("اللواء")
_BRIGADE_GAP = re.compile(r"[ \-]?")
_NEXT_GAP = re.compile(r"[ \t\u00a0\"'«»“”]+")
_FUSED_MIN = 3  # shortest place name accepted at the start of a fused heading token

CONF_DESCRIPTOR = 0.95
CONF_PLAIN = 0.85
CONF_LIST = 0.75
CONF_PATTERN = 0.6
CONF_WEAK_COUNTRY = 0.7  # a country with neither a locative cue nor an actor context
AMBIGUITY_PENALTY = 0.15


@dataclass(frozen=True)
class Found:
    """A candidate mention before acceptance."""

    start: int
    end: int
    candidates: tuple[Candidate, ...]
    descriptor: str | None  # kind announced by the preceding word, "" for a kindless cue
    prefix: str  # normalised clitic letters attached before the name
    prev_word: str  # normalised word before the name
    prev_word2: str  # and the one before that
    article_stripped: bool
    next_word: str = ""  # normalised word right after the name ("" across punctuation)
    accepted: bool = False
    via_list: bool = False
    vetoed: bool = False  # a country read as an actor: never accepted through a list
    weak: bool = False  # a country accepted without a locative cue


def _replace(f: Found, **changes: Any) -> Found:
    """dataclasses.replace for Found, without its per-call field introspection."""
    return Found(**{**f.__dict__, **changes})


@cache
def _blockers() -> PhraseMatcher:
    with open(data_dir() / "gazetteer" / "blockers.csv", encoding="utf-8", newline="") as fh:
        return PhraseMatcher((r["phrase"], r["reason"]) for r in csv.DictReader(fh))


@cache
def _single_word_names() -> frozenset[str]:
    """Names usable to split a fused heading: single words that need no cue."""
    g = load()
    return frozenset(
        k for k, cands in g.names.items() if " " not in k and not any(c.cue_required for c in cands)
    )


def _split_fused(tokens: list[Token]) -> list[Token]:
    """Split "حمصوانتقل" (a heading glued to the next sentence) into "حمص" + "وانتقل"."""
    out: list[Token] = []
    for t in tokens:
        cut = _fused_cut(t.text, t.norm)
        if cut is None:
            out.append(t)
            continue
        out.append(Token(t.text[:cut], t.start, t.start + cut, t.norm[:cut]))
        out.append(Token(t.text[cut:], t.start + cut, t.end, t.norm[cut:]))
    return out


@lru_cache(maxsize=1 << 16)
def _fused_cut(text: str, norm: str) -> int | None:
    """Where _split_fused cuts a token (a pure function of its text and normalised form)."""
    if len(text) != len(norm) or len(norm) < _FUSED_MIN + 3:
        return None  # no cut is possible in range(_FUSED_MIN, len(norm) - 2)
    names = _single_word_names()
    if any(form in names for _, form in strip_clitics(text)):
        return None
    return next(
        (i for i in range(_FUSED_MIN, len(norm) - 2) if norm[i] == "و" and norm[:i] in names),
        None,
    )


def _word_before(tokens: list[Token], idx: int) -> Token | None:
    return tokens[idx - 1] if idx > 0 else None


def _descriptor(tok: Token | None, text: str, start: int) -> str | None:
    """The kind a descriptor right before the name announces ('' for a kindless cue)."""
    if tok is None or not _CLOSE.match(text[tok.end : start]):
        return None
    for _, form in strip_clitics(tok):
        if form in DESCRIPTORS:
            return DESCRIPTORS[form] or ""
    return None


def _token_index(tokens: list[Token]) -> dict[int, int]:
    """Character offset -> index of the token covering it (token starts and interiors)."""
    index = {}
    for i, t in enumerate(tokens):
        for c in range(t.start, t.end):
            index[c] = i
    return index


def _article_stripped(g: Gazetteer, surface: str) -> bool:
    """True when the name matched only after dropping its article ("السورية" → "سوريه")."""
    key = _surface_key(surface)
    if key in g.names:
        return False
    return not (key.startswith("ل") and "ا" + key in g.names)


@lru_cache(maxsize=1 << 15)
def _surface_key(surface: str) -> str:
    """The gazetteer key of a matched surface (memoised: a pure function of the surface)."""
    return " ".join(t.norm.casefold() for t in tokenize(surface))


def _brigades(text: str, tokens: list[Token], taken: list[tuple[int, int]]) -> list[Match]:
    """Numbered brigade bases not in the gazetteer ("اللواء 93"): a pattern, not a list."""
    out = []
    for a, b in itertools.pairwise(tokens):
        if not b.norm.isdigit() or not _BRIGADE_GAP.fullmatch(text, a.end, b.start):
            continue
        for skip, form in strip_clitics(a):
            if form == _BRIGADE_WORD:
                span = (a.start + skip, b.end)
                if not any(s < span[1] and span[0] < e for s, e in taken):
                    out.append(Match(span[0], span[1], ("brigade", b.norm), text[span[0] : span[1]]))
                break
    return out


def _found(g: Gazetteer, text: str, tokens: list[Token], m: Match, index: dict[int, int]) -> Found:
    i = index[m.start]
    tok = tokens[i]
    prefix = normalize(text[tok.start : m.start])
    prev = _word_before(tokens, i)
    # A preposition glued to the name ("مدينة بحمص") breaks the descriptor-name pair.
    desc = None if prefix.strip("وف") else _descriptor(prev, text, tok.start)
    last = index[m.end - 1]
    nxt = tokens[last + 1] if last + 1 < len(tokens) else None
    next_word = nxt.norm if nxt is not None and _NEXT_GAP.fullmatch(text, m.end, nxt.start) else ""
    return Found(
        m.start,
        m.end,
        tuple(m.payload),
        desc,
        prefix,
        prev.norm if prev else "",
        tokens[i - 2].norm if i >= 2 else "",
        _article_stripped(g, m.surface),
        next_word,
    )


def _initial_accept(g: Gazetteer, f: Found, text: str) -> Found:
    kinds = {g.place(c.place_id)["kind"] for c in f.candidates}
    if f.article_stripped and ("country" in kinds or normalize(text[f.start : f.end]).endswith(("يه", "ي"))):
        return f  # a nisba adjective (السورية، الروسية) is not a place
    if "country" in kinds and f.prefix == "و" and f.prev_word.endswith(("يه", "يه")) and len(f.prev_word) > 4:
        return f  # "طائرات روسية وسورية": coordinated with a nisba, "سورية" is one too
    if "country" in kinds:
        where = _country_reading(g, f)
        if where == "actor":
            return _replace(f, vetoed=True)
        if where == "weak":
            f = _replace(f, weak=True)
    elif _foreign(g, f) and _settlement(g, f) and _actor(f, lenient=True):
        return _replace(f, vetoed=True)  # a city ("لأنقرة" is a destination); never a crossing
    if pr.vocalised_verb(text[f.start : f.end]):
        return f  # "تُدمِّر" (destroys), not Tadmur
    if _capital_as_actor(g, f):
        return f
    needs_cue = all(c.cue_required for c in f.candidates)
    if needs_cue and (f.descriptor is None or normalize(text[f.start : f.end]) in pr.rules().stop):
        return f  # a common word, even after a descriptor ("قرية جديدة": a new village)
    return _replace(f, accepted=True)


def _foreign(g: Gazetteer, f: Found) -> bool:
    return all(g.place(c.place_id)["country_code"] not in (None, "SY") for c in f.candidates)


def _settlement(g: Gazetteer, f: Found) -> bool:
    """Only a city can stand for a government ("موسكو تقول"); a crossing or site cannot."""
    return any(g.place(c.place_id)["kind"] in {"city", "town", "village"} for c in f.candidates)


def _actor(f: Found, lenient: bool) -> bool:
    # "لسوريا" and "مع سوريا" are locations in the gold; for other countries ل/مع mean an actor.
    return pr.actor_context(f.prev_word, f.prev_word2, f.next_word, "" if lenient else f.prefix)


def _country_reading(g: Gazetteer, f: Found) -> str:
    """'location' after a locative word or ب; 'actor' in a political context ("روسيا تقيم",
    "وزير خارجية روسيا", "مدعومة من إيران", "سوريا تستحق"); else 'weak' (kept)."""
    if f.prev_word in LOCATIVE or f.prefix.endswith("ب") or f.descriptor is not None:
        return "location"
    syria = any(g.place(c.place_id)["country_code"] == "SY" for c in f.candidates)
    if f.prev_word == _WITH and not syria:
        # "الحدودي مع الأردن" (the border with Jordan) is a location; "مع روسيا" is not.
        return "location" if f.prev_word2 in BORDER_WORDS else "actor"
    return "actor" if _actor(f, syria) else "weak"


def _actor_lists(found: list[Found], text: str) -> list[Found]:
    """A country listed next to a country read as an actor is an actor too ("روسيا وإيران")."""
    changed = True
    while changed:
        changed = False
        for i, f in enumerate(found):
            if not f.weak or not f.accepted:
                continue
            for j in (i - 1, i + 1):
                if 0 <= j < len(found) and found[j].vetoed:
                    left, right = (found[j], f) if j < i else (f, found[j])
                    if _LIST_GAP.match(text[left.end : right.start]):
                        found[i] = _replace(f, accepted=False, vetoed=True)
                        changed = True
                        break
    return found


def _capital_as_actor(g: Gazetteer, f: Found) -> bool:
    """'مع دمشق' / 'لدمشق': the capital standing for its government."""
    capital = {g.governorate_ids["SY-DI"], "geonames:170654"}
    if not any(c.place_id in capital for c in f.candidates):
        return False
    return f.prev_word == _WITH or f.prefix.endswith("ل")


def _propagate_lists(found: list[Found], text: str) -> list[Found]:
    """Accept cue-needing names joined by و/،/- to an accepted neighbour; share descriptors."""
    changed = True
    while changed:
        changed = False
        for i, f in enumerate(found):
            for j in (i - 1, i + 1):
                if not 0 <= j < len(found) or not found[j].accepted:
                    continue
                left, right = (found[j], f) if j < i else (f, found[j])
                gap = text[left.end : right.start]
                if not _LIST_GAP.match(gap):
                    continue
                desc = f.descriptor if f.descriptor is not None else found[j].descriptor
                if not f.accepted and not f.vetoed and f.prefix in {"", "و"}:
                    found[i] = f = _replace(f, accepted=True, via_list=True, descriptor=desc)
                    changed = True
                elif f.accepted and f.descriptor is None and desc is not None and j < i:
                    found[i] = f = _replace(f, descriptor=desc)
                    changed = True
    return found


_FROM = normalize("من")


def _frames(g: Gazetteer, found: list[Found]) -> list[Found]:
    """Names that need a cue, accepted in a frame that makes them places:
    - a destination or origin of movement: "باتجاه الكسوة", "من القصير نحو حمص";
    - a macro-region (every reading a region) after a locative word: "في البادية"."""
    r = pr.rules()
    for i, f in enumerate(found):
        if f.accepted or f.vetoed or f.prefix not in {"", "و", "ب", "وب"}:
            continue
        regions = all(g.place(c.place_id)["kind"] == "region" for c in f.candidates)
        bare = f.prefix in {"", "و"}
        # Only towns and cities: a village spelt like an abstract noun ("نحو الكرامة",
        # 'towards dignity') stays out.
        sized = any(g.place(c.place_id)["kind"] in {"city", "town"} for c in f.candidates)
        motion = (
            bare and sized and (f.prev_word in r.motion or (f.prev_word == _FROM and f.next_word in r.motion))
        )
        prev = f.prev_word[1:] if f.prev_word[:1] in "وف" and f.prev_word[1:] in LOCATIVE else f.prev_word
        locative = regions and (prev in LOCATIVE or f.prefix.endswith("ب"))
        if motion or locative:
            found[i] = _replace(f, accepted=True, descriptor="")
    return found


_AREA_WORDS = frozenset(normalize(w) for w in ["أنحاء", "انحاء", "عموم", "مناطق", "محافظات"])
_MIN_GOV_LIST = 3


def _governorate_lists(g: Gazetteer, found: list[Found], text: str) -> list[Found]:
    """Names that are both a governorate and its capital read as governorates in a list of
    three or more governorate names ("في حمص والرقة ودير الزور") or after an area word."""

    def gov_capable(f: Found) -> bool:
        return any(g.place(c.place_id)["kind"] == "governorate" for c in f.candidates)

    groups: list[list[int]] = []
    for i, f in enumerate(found):
        if not f.accepted:
            continue
        if groups and groups[-1][-1] == i - 1 and _LIST_GAP.match(text[found[i - 1].end : f.start]):
            groups[-1].append(i)
        else:
            groups.append([i])
    for group in groups:
        members = [found[i] for i in group]
        area = members[0].prev_word in _AREA_WORDS
        if (len(members) >= _MIN_GOV_LIST or area) and all(gov_capable(f) for f in members):
            for i in group:
                if found[i].descriptor is None:
                    found[i] = _replace(found[i], descriptor="governorate")
    return found


def _admin1_votes(g: Gazetteer, found: list[Found]) -> Counter[str]:
    votes: Counter[str] = Counter()
    for f in found:
        codes = {g.place(c.place_id)["admin1_code"] for c in f.candidates}
        if f.accepted and len(codes) == 1 and None not in codes:
            votes[codes.pop()] += 1
    return votes


def _choose(g: Gazetteer, f: Found, votes: Counter[str], recent: list[str]) -> tuple[str, bool]:
    """Pick one candidate; returns (place_id, was the choice ambiguous)."""
    cands = [c.place_id for c in f.candidates]
    if len(cands) == 1:
        return cands[0], False
    kinds = {pid: g.place(pid)["kind"] for pid in cands}
    govs = [p for p in cands if kinds[p] == "governorate"]
    others = [p for p in cands if kinds[p] != "governorate"]
    # A governorate and its capital share a name: the descriptor decides, else the city.
    if govs and others and len({g.place(p)["admin1_code"] for p in cands}) == 1:
        return (govs[0] if f.descriptor == "governorate" else others[0]), False
    if f.descriptor:
        fitting = [p for p in cands if kinds[p] == f.descriptor]
        if len(fitting) == 1:
            return fitting[0], False

    def rank(pid: str) -> tuple[int, int, str]:
        code = g.place(pid)["admin1_code"]
        last = max((k for k, c in enumerate(recent) if c == code), default=-1)
        return (votes.get(code, 0), last, pid)

    return max(cands, key=rank), True


def _confidence(f: Found, ambiguous: bool) -> float:
    conf = CONF_LIST if f.via_list else CONF_DESCRIPTOR if f.descriptor is not None else CONF_PLAIN
    if f.weak:
        conf = min(conf, CONF_WEAK_COUNTRY)
    return round(conf - (AMBIGUITY_PENALTY if ambiguous else 0.0), 2)


def _brigade_row(number: str) -> dict[str, object]:
    return {
        "place_id": f"sy:brigade-{number}",
        "name_ar": f"اللواء {number}",
        "name_en": f"Brigade {number} base",
        "kind": "military_site",
        "admin1_code": None,
        "country_code": "SY",
        "latitude": None,
        "longitude": None,
        "geo_precision": 3,
        "geonames_id": None,
        "coord_source": None,
        "parent_place_id": "geonames:163843",
        "gazetteer_source": "pattern 'اللواء <number>' in extract/places.py (numbered brigade base)",
    }


def _add_place(doc: Doc, g: Gazetteer, place_id: str) -> None:
    for pid in g.with_parents(place_id):
        doc.places.setdefault(pid, dict(g.place(pid)))


def _mention(doc: Doc, place_id: str, start: int, end: int, confidence: float) -> None:
    doc.mentions.append(
        {
            "entity_type": "place",
            "entity_id": place_id,
            "surface": doc.text[start:end],
            "char_start": start,
            "char_end": end,
            "confidence": confidence,
        }
    )


def _site_parent(g: Gazetteer, m: Match) -> str:
    """The place a site is named after: a settlement rather than its governorate."""
    cands = [c.place_id for c in m.payload]
    return next((p for p in cands if g.place(p)["kind"] != "governorate"), cands[0])


def _extend(
    g: Gazetteer, text: str, tokens: list[Token], index: dict[int, int], start: int, end: int, pid: str
) -> int:
    """A curated site keeps its trailing adjectives ("قاعدة حميميم الجوية"); a named region its
    direction ("القلمون الشرقي")."""
    r = pr.rules()
    kind = g.place(pid)["kind"]
    if kind in {"military_site", "facility", "border_crossing"}:
        allowed = {**r.facility_adj, **r.direction}
    elif kind in {"region", "mountain"} and ":rural" not in pid and pid != "sy-rd":
        allowed = r.direction
    else:
        return end
    last, _ = pr.trailing_adjectives(
        text, tokens, index[end - 1], allowed, limit=1 if kind != "military_site" else 2
    )
    return tokens[last].end


def find_places_and_rows(text: str) -> tuple[list[tuple[int, int, str, float]], dict[str, dict[str, Any]]]:
    """(start, end, place_id, confidence) of every accepted place mention, in text order, and
    the rows of places the rules created (discovered settlements, sites) keyed by id."""
    g = load()
    tokens = _split_fused(tokenize(text))
    blocked = [(m.start, m.end) for m in _blockers().find(text, tokens)]
    index = _token_index(tokens)
    matches = [m for m in g.matcher.find(text, tokens) if not any(s <= m.start < e for s, e in blocked)]
    # Organisation names built on a place ("مديرية صحة إدلب") block it like the curated list.
    blocked += pr.org_spans(text, tokens, index, matches)
    matches = [m for m in matches if not any(s <= m.start < e for s, e in blocked)]
    sites = pr.find_sites(g, text, tokens, index, matches, blocked)
    matches = [m for m in matches if not any(s.start <= m.start < s.end for s in sites)]
    found = [_initial_accept(g, _found(g, text, tokens, m, index), text) for m in matches]
    found = _frames(g, found)
    found = _propagate_lists(found, text)
    found = _actor_lists(found, text)
    found = _governorate_lists(g, found, text)
    votes = _admin1_votes(g, found)
    results: list[tuple[int, int, str, float]] = []
    recent: list[str] = []
    for f in found:
        if not f.accepted:
            continue
        pid, ambiguous = _choose(g, f, votes, recent)
        code = g.place(pid)["admin1_code"]
        if code:
            recent.append(code)
        end = _extend(g, text, tokens, index, f.start, f.end, pid)
        results.append((f.start, end, pid, _confidence(f, ambiguous)))
    known = [
        pr.Known(s, e, pid, g.place(pid)["admin1_code"], g.place(pid)["country_code"], g.place(pid)["kind"])
        for s, e, pid, _ in results
    ]
    rows: dict[str, dict[str, Any]] = {}
    for site in sites:
        parent = _site_parent(g, site.known) if site.known else None
        ctx = None if parent else pr.context_place(text, site.start, site.end, known)
        row = pr.site_row(g, text, site, parent, ctx)
        rows.setdefault(row["place_id"], row)
        conf = pr.CONF_SITE_KNOWN if parent else pr.CONF_SITE_NEW
        results.append((site.start, site.end, row["place_id"], conf))
    taken = [(s, e) for s, e, *_ in results] + blocked + [(m.start, m.end) for m in matches]
    new_places, members = pr.find_settlements(text, tokens, index, taken)
    # Names that need a cue are accepted as members of a descriptor's list ("قرى X، الزربة").
    listed = {start for start, _ in members}
    for f in found:
        if not f.accepted and not f.vetoed and f.start in listed and f.prefix in {"", "و"}:
            f2 = _replace(f, accepted=True, via_list=True, descriptor=dict(members)[f.start])
            pid, ambiguous = _choose(g, f2, votes, recent)
            results.append((f.start, f.end, pid, _confidence(f2, ambiguous)))
    taken = [(s, e) for s, e, *_ in results] + blocked + [(m.start, m.end) for m in matches]
    taken += [(p.start, p.end) for p in new_places]
    new_places += pr.find_list_members(text, tokens, index, known, taken)
    repeated: dict[str, str] = {}
    first_at: dict[str, int] = {}
    # A gazetteer name that is also a common word, once a cue made it a place ("بلدتي العيس
    # والحاضر"), stays that place when repeated bare ("في محيط الحاضر").
    by_start = {s: pid for s, _, pid, _ in results}
    for f in found:
        if f.start in by_start and f.candidates and all(c.cue_required for c in f.candidates):
            repeated.setdefault(text[f.start : f.end], by_start[f.start])
            first_at.setdefault(text[f.start : f.end], f.start)
    same_name: dict[str, str] = {}  # one discovered name, one place in an article
    for place in new_places:
        name = normalize(text[place.start : place.end])
        if name in same_name:
            results.append((place.start, place.end, same_name[name], pr.CONF_DISCOVERED))
            continue
        ctx = pr.context_place(text, place.start, place.end, known)
        row = pr.settlement_row(g, text, place, ctx)
        rows.setdefault(row["place_id"], row)
        same_name[name] = row["place_id"]
        results.append((place.start, place.end, row["place_id"], pr.CONF_DISCOVERED))
        repeated.setdefault(text[place.start : place.end], row["place_id"])
        first_at.setdefault(text[place.start : place.end], place.start)
    # A settlement discovered once is the same place where the article repeats its name bare
    # ("دخلوا قريتي الهوتة وأورم الصغرى، وأسروا … على أطراف الهوتة").
    taken = [(s, e) for s, e, *_ in results] + blocked
    for m in PhraseMatcher(repeated.items()).find(text, tokens) if repeated else []:
        first = min((at for name, at in first_at.items() if repeated[name] == m.payload), default=m.start)
        prev = _word_before(tokens, index[m.start]) if m.start in index else None
        if (
            len(normalize(m.surface)) >= 4
            and m.start > first  # only after the name was established
            and not (prev is not None and prev.norm in _OUTLET_WORDS)  # "قناة الجزيرة"
            and not any(s < m.end and m.start < e for s, e in taken)
        ):
            results.append((m.start, m.end, m.payload, pr.CONF_DISCOVERED))
            taken.append((m.start, m.end))
    taken = [(s, e) for s, e, *_ in results] + blocked
    for m in _brigades(text, tokens, taken):
        results.append((m.start, m.end, f"sy:brigade-{m.payload[1]}", CONF_PATTERN))
    return sorted(results), rows


_OUTLET_WORDS = frozenset(
    normalize(w) for w in ("قناة", "صحيفة", "شبكة", "موقع", "وكالة", "إذاعة", "تلفزيون")
)


def find_places(text: str) -> list[tuple[int, int, str, float]]:
    """(start, end, place_id, confidence) of every accepted place mention, in text order."""
    return find_places_and_rows(text)[0]


def extract(doc: Doc) -> None:
    """Add every place mention of the article (and the places, with their parents) to the Doc."""
    g = load()
    results, rows = find_places_and_rows(doc.text)
    for start, end, pid, conf in results:
        if pid in rows:
            doc.places.setdefault(pid, dict(rows[pid]))
            if rows[pid]["parent_place_id"]:
                _add_place(doc, g, rows[pid]["parent_place_id"])
        elif pid.startswith("sy:brigade-") and pid not in g.places:
            doc.places.setdefault(pid, _brigade_row(pid.split("-")[-1]))
            _add_place(doc, g, "geonames:163843")
        else:
            _add_place(doc, g, pid)
        _mention(doc, pid, start, end, conf)
