"""Generic place rules for names the gazetteer lacks: discovered settlements and named sites.

Two patterns, both driven by data/gazetteer/place_rules.csv (descriptor words, toponym head
words, adjectives that belong to a name, and a stop-list of words that end or refuse a name):

- settlement descriptor + proper name(s): "قرية X", "بلدتي X وY", "قرى X، Y وZ" → a
  *discovered* place (kind from the descriptor, governorate from the context, no coordinates);
- site descriptor + (known place | proper name) + adjectives: "مطار X العسكري", "سد X",
  "معبر X", "قاعدة X الجوية" → a military_site / facility / border_crossing, whose parent is
  the known place when there is one.

A "proper name" here is a run of at most three tokens: a first token that is not a
stop-word, a nisba adjective (ends in ي/ية without the article), a clitic-led word ("بريف")
or a number; then the rest of the name when the first token is a toponym head word ("كفر",
"تل", "عين", "أم" ...); then one article-led word that belongs to names ("الشرقية",
"الكبيرة", or any ال-word that is neither a stop-word nor an -a/-i adjective, "بصرى الشام").

Discovered rows are deterministic: the id is `<governorate or country>:<kind>:<slug>`, where
the slug is that of a fixed Arabic→ASCII transliteration of the name as written (translit.py).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from syria_events.arabic import Match, Token, normalize, strip_clitics
from syria_events.gazetteer import Gazetteer
from syria_events.paths import data_dir
from syria_events.translit import ascii_name, romanize, slug

CONF_DISCOVERED = 0.5
CONF_SITE_KNOWN = 0.8
CONF_SITE_NEW = 0.55

_SPACE = re.compile(r"[ \t\u00a0\u200c-\u200f\u0640]+")
_LIST_SEP = re.compile(r"^[ \t\u00a0]*(?:[،,][ \t\u00a0]*)?(?:و[ \t\u00a0]+)?$")
_SENTENCE_END = re.compile(r"[.!?؟\n]")
_ARABIC_WORD = re.compile(r"^[\u0621-\u063a\u0641-\u064a]+$")
_TANWEEN = re.compile("[\u064b-\u064d]")
_NISBA_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")
_COMMA_OR_WAW = re.compile("[،,]|و")
_COMMA = re.compile("[،,]")
_CONNECTOR_GAP = re.compile(r"[ \t\u00a0]*(?:[،,][ \t\u00a0]*)?")
_MAX_NAME_TOKENS = 3
_MAX_ADJECTIVES = 2


@dataclass(frozen=True)
class Rules:
    settlement: dict[str, str]  # descriptor -> kind
    facility: dict[str, tuple[str, str]]  # descriptor -> (kind, English head)
    strict: frozenset[str]  # site descriptors that are also common words (قاعدة، سد، جسر)
    dual_sites: frozenset[str]  # dual site descriptors naming two sites (معبري)
    facility_adj: dict[str, str]  # adjective -> English
    direction: dict[str, str]
    name_adj: frozenset[str]
    head: frozenset[str]
    stop: frozenset[str]
    actor_prev: frozenset[str]
    actor_next: frozenset[str]
    not_verb: frozenset[str]
    org_head: frozenset[str] = frozenset()  # organisation heads: "مديرية صحة إدلب"
    motion: frozenset[str] = frozenset()  # "نحو", "باتجاه": a destination follows
    college: dict[str, tuple[str, str]] | None = None  # "كلية" -> (kind, English head)
    college_arm: dict[str, str] | None = None  # "المدفعية" -> "Artillery"


@cache
def rules() -> Rules:
    by_role: dict[str, dict[str, str]] = {}
    with open(data_dir() / "gazetteer" / "place_rules.csv", encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            by_role.setdefault(r["role"], {})[normalize(r["word"])] = r["value"]

    def words(role: str) -> frozenset[str]:
        return frozenset(by_role.get(role, {}))

    facility = {w: (v.split("|")[0], v.split("|")[1]) for w, v in by_role["facility"].items()}
    strict = frozenset(w for w, v in by_role["facility"].items() if v.endswith("|strict"))
    dual_sites = frozenset(w for w, v in by_role["facility"].items() if v.endswith("|dual"))
    return Rules(
        settlement=dict(by_role["settlement"]),
        facility=facility,
        strict=strict,
        dual_sites=dual_sites,
        facility_adj=dict(by_role["facility_adj"]),
        direction=dict(by_role["direction"]),
        name_adj=words("name_adj"),
        head=words("head"),
        stop=words("stop"),
        actor_prev=words("actor_prev"),
        actor_next=words("actor_next"),
        not_verb=words("not_verb"),
        org_head=words("org_head"),
        motion=words("motion"),
        college={w: (v.split("|")[0], v.split("|")[1]) for w, v in by_role.get("college", {}).items()},
        college_arm=dict(by_role.get("college_arm", {})),
    )


# ---------------------------------------------------------------------------------------------
# Token tests


def plain_reading(tok: Token) -> list[tuple[int, str]]:
    """Clitic readings of a token that keep any article ("بمطار" → مطار, "المطار" → nothing)."""
    return list(_plain_readings(tok.text))


@lru_cache(maxsize=1 << 16)
def _plain_readings(text: str) -> tuple[tuple[int, str], ...]:
    """plain_reading of a token's text (memoised: a pure function of the text)."""
    return tuple((skip, form) for skip, form in strip_clitics(text) if normalize(text[skip:]) == form)


# Memo of descriptor_at per table: id(table) -> (the table, {token text: result}). The table is
# kept so that its id cannot be reused; tables are the rules' read-only dicts.
_DESCRIPTOR_MEMO: dict[int, tuple[Any, dict[str, tuple[int, str] | None]]] = {}
_DESCRIPTOR_MEMO_TABLES = 32
_DESCRIPTOR_MEMO_TEXTS = 1 << 16


_UNSEEN: Any = object()


def _descriptor_memo(table: dict[str, Any]) -> dict[str, tuple[int, str] | None]:
    """The memo of descriptor_at results for `table`, keyed by token text."""
    entry = _DESCRIPTOR_MEMO.get(id(table))
    if entry is None or entry[0] is not table:
        if len(_DESCRIPTOR_MEMO) >= _DESCRIPTOR_MEMO_TABLES:
            _DESCRIPTOR_MEMO.clear()
        entry = _DESCRIPTOR_MEMO[id(table)] = (table, {})
    return entry[1]


def descriptor_at(tok: Token, table: dict[str, Any]) -> tuple[int, str] | None:
    """(clitic characters skipped, descriptor) when the token is a descriptor of `table`.

    Memoised per table and token text: `table` must not change after its first use."""
    memo = _descriptor_memo(table)
    text = tok.text
    found = memo.get(text, _UNSEEN)
    if found is _UNSEEN:
        found = next(((skip, form) for skip, form in _plain_readings(text) if form in table), None)
        if len(memo) >= _DESCRIPTOR_MEMO_TEXTS:
            memo.clear()
        memo[text] = found
    return found


def _is_nisba(tok: Token) -> bool:
    """An indefinite relative adjective ("عسكرية", "حدودي") rather than a name."""
    if _TANWEEN.search(tok.text):
        return True  # tanween: an indefinite word ("ميدانيًا", "عسكريةٌ"), never a name
    bare = _NISBA_MARKS.sub("", tok.text)
    return not bare.startswith("ال") and len(bare) >= 4 and (bare.endswith(("ية", "يه")) or bare[-1] == "ي")


def name_token(tok: Token, r: Rules, first: bool, after_head: bool = False) -> bool:
    """Can this token be (the start of) a proper name? `after_head`: it follows a head word."""
    n = tok.norm
    if len(n) < 2 or not _ARABIC_WORD.match(n) or n in r.stop or n in r.settlement or n in r.facility:
        return False
    if n.startswith(("بال", "لل", "كال", "وال", "فال")):
        return False
    for skip, form in strip_clitics(tok):
        if skip and (form in r.stop or form in r.settlement or form in r.facility):
            return False
    if first and n[0] == "و" and n not in r.head:
        return False
    if first and _is_nisba(tok):
        return False
    nisba_adj = n.startswith("ال") and n.endswith(("يه", "ي")) and n not in r.name_adj
    return first or after_head or not nisba_adj


def _adjacent(text: str, a: Token, b: Token) -> bool:
    return _SPACE.fullmatch(text, a.end, b.start) is not None


def parse_name(text: str, tokens: Sequence[Token], j: int, first_tok: Token, taken: set[int]) -> int | None:
    """Index of the last token of a proper name starting at j (first token `first_tok`)."""
    r = rules()
    if j in taken or not name_token(first_tok, r, True):
        return None
    end = j
    if first_tok.norm in r.head:
        nxt = j + 1
        if nxt >= len(tokens) or nxt in taken or not _adjacent(text, tokens[j], tokens[nxt]):
            return None
        if not name_token(tokens[nxt], r, False, after_head=True):
            return None
        end = nxt
    elif first_tok.norm in r.stop:
        return None
    # One article-led word that belongs to the name ("الغارية الشرقية", "بصرى الشام").
    nxt = end + 1
    if end - j + 1 < _MAX_NAME_TOKENS and nxt < len(tokens) and nxt not in taken:
        t = tokens[nxt]
        if _adjacent(text, tokens[end], t) and t.norm.startswith("ال"):
            part_of_name = t.norm in r.name_adj or t.norm in r.direction
            # Any other article-led word unless it looks like an adjective (-a / -i endings).
            other = (
                name_token(t, r, False) and not t.norm.endswith(("ه", "ي")) and t.norm not in r.facility_adj
            )
            if part_of_name or other:
                end = nxt
    return end


# ---------------------------------------------------------------------------------------------
# Context: which governorate (or country) a new place belongs to


@dataclass(frozen=True)
class Known:
    """An accepted gazetteer mention, as context for new places."""

    start: int
    end: int
    place_id: str
    admin1: str | None
    country: str | None
    kind: str


def _sentence(text: str, pos: int) -> tuple[int, int]:
    starts = [m.end() for m in _SENTENCE_END.finditer(text, 0, pos)]
    s = starts[-1] if starts else 0
    m = _SENTENCE_END.search(text, pos)
    return s, m.start() if m else len(text)


def context_place(text: str, start: int, end: int, known: Sequence[Known]) -> Known | None:
    """The place that locates a new name: the nearest place with a governorate (or abroad) in
    the same sentence, else the nearest such place before it in the article."""
    s, e = _sentence(text, start)

    def useful(k: Known) -> bool:
        return k.admin1 is not None or (k.country is not None and k.country != "SY")

    same = [k for k in known if s <= k.start < e and useful(k) and (k.end <= start or k.start >= end)]
    if same:
        # Governorate-level mentions ("بريف حماة", "محافظة درعا") first, then any place.
        level = [k for k in same if k.kind in {"governorate", "region"}] or same
        return min(level, key=lambda k: min(abs(k.start - end), abs(start - k.end)))
    before = [k for k in known if k.end <= start and useful(k)]
    return before[-1] if before else None


# ---------------------------------------------------------------------------------------------
# Rows for new places


def _precision(g: Gazetteer, parent: str | None) -> int:
    """ACLED scale, as for curated rows: 2 under a known settlement or site, 3 when only the
    governorate (or nothing) locates the place: a discovered village has no coordinates and
    nothing narrower than its governorate is known."""
    if parent is None or parent not in g.places:
        return 3
    return 3 if g.places[parent]["kind"] in {"country", "governorate", "region"} else 2


def _locate(g: Gazetteer, ctx: Known | None, kind: str) -> tuple[str | None, str, str | None, str]:
    """(admin1, country, parent id, id prefix) for a new place seen near `ctx`."""
    syria = next(
        pid for pid, row in g.places.items() if row["kind"] == "country" and row["country_code"] == "SY"
    )
    if ctx is None:
        return None, "SY", syria, "sy"
    if ctx.admin1 is None:
        country_id = next((p for p in g.with_parents(ctx.place_id) if g.places[p]["kind"] == "country"), None)
        return None, ctx.country or "SY", country_id, (ctx.country or "sy").lower()
    gov = g.governorate_ids.get(ctx.admin1)
    parent = gov
    # A neighbourhood or camp belongs to the city named next to it.
    if kind == "region" and g.places[ctx.place_id]["kind"] in {"city", "town"}:
        parent = ctx.place_id
    return ctx.admin1, "SY", parent, ctx.admin1.lower()


def new_row(
    g: Gazetteer,
    name_ar: str,
    name_en: str,
    kind: str,
    ctx: Known | None,
    source: str,
    parent: str | None = None,
) -> dict[str, Any]:
    admin1, country, ctx_parent, prefix = _locate(g, ctx, kind)
    parent = parent or ctx_parent
    if parent and parent in g.places:
        prow = g.places[parent]
        admin1 = prow["admin1_code"]
        country = prow["country_code"] or country
        prefix = (admin1 or country).lower()
    return {
        "place_id": f"{prefix}:{kind}:{slug(name_en, '-', keep_apostrophes=True, empty='x')}",
        "name_ar": name_ar,
        "name_en": name_en,
        "kind": kind,
        "admin1_code": admin1,
        "country_code": country,
        "latitude": None,
        "longitude": None,
        "geo_precision": _precision(g, parent),
        "geonames_id": None,
        "coord_source": None,
        "parent_place_id": parent,
        "gazetteer_source": source,
    }


# ---------------------------------------------------------------------------------------------
# Sites: descriptor + (known place | proper name) + adjectives


@dataclass(frozen=True)
class Site:
    start: int
    end: int
    desc_start: int  # token index of the descriptor
    kind: str
    head_en: str
    adjectives_en: tuple[str, ...]
    known: Match | None  # the gazetteer name inside, when there is one
    name_start: int  # char offsets of the name part
    name_end: int
    name_en: str | None = None  # English base name when the rule knows it (military colleges)


def trailing_adjectives(
    text: str, tokens: Sequence[Token], last: int, allowed: dict[str, str], limit: int = _MAX_ADJECTIVES
) -> tuple[int, list[str]]:
    """Extend over adjectives right after token `last`; returns (new last index, English)."""
    out: list[str] = []
    while len(out) < limit and last + 1 < len(tokens):
        t = tokens[last + 1]
        if t.norm not in allowed or not _adjacent(text, tokens[last], t):
            break
        out.append(allowed[t.norm])
        last += 1
    return last, out


def find_sites(
    g: Gazetteer,
    text: str,
    tokens: Sequence[Token],
    index: dict[int, int],
    known: Sequence[Match],
    blocked: Sequence[tuple[int, int]],
) -> list[Site]:
    """Site names built from a site descriptor; curated sites (a gazetteer match that starts
    at the descriptor) are left to the gazetteer."""
    r = rules()
    starts = {index[m.start]: m for m in known if m.start in index}
    known_tokens = {i for m in known for i in range(index[m.start], index[m.end - 1] + 1)}
    adjs = {**r.facility_adj, **r.direction}
    out: list[Site] = []
    college_memo = _descriptor_memo(r.college or {})
    facility_memo = _descriptor_memo(r.facility)
    i = 0
    while i < len(tokens) - 1:
        tok_text = tokens[i].text
        # Memo look-ups first: most tokens are neither a college nor a site descriptor.
        if i not in known_tokens and college_memo.get(tok_text, _UNSEEN) is not None:
            college = _college_at(text, tokens, i, blocked)
            if college is not None:
                out.append(college)
                i = index[college.end - 1] + 1
                continue
        d = facility_memo.get(tok_text, _UNSEEN)
        if d is _UNSEEN:
            d = descriptor_at(tokens[i], r.facility)
        nxt = tokens[i + 1]
        if d is None or i in known_tokens or not _adjacent(text, tokens[i], nxt):
            i += 1
            continue
        if any(s <= tokens[i].start < e for s, e in blocked):
            i += 1
            continue
        kind, head_en = r.facility[d[1]]
        m = starts.get(i + 1)
        if m is not None and m.start == nxt.start:
            last = index[m.end - 1]
            name_span = (m.start, m.end)
        else:
            end_tok = parse_name(text, tokens, i + 1, nxt, known_tokens)
            if end_tok is None:
                i += 1
                continue
            last, m = end_tok, None
            name_span = (nxt.start, tokens[end_tok].end)
            # "على قاعدة التفاهم", "سد الفراغ": a common word with a noun, unless an adjective
            # of site names follows the name (so a bare "سد البعث" is not taken).
            no_adjective = trailing_adjectives(text, tokens, end_tok, r.facility_adj)[0] == end_tok
            if d[1] in r.strict and nxt.norm.startswith("ال") and no_adjective:
                i += 1
                continue
        last, adj_en = trailing_adjectives(text, tokens, last, adjs)
        if d[1] == normalize("مطار") and "International" in adj_en:
            kind = "facility"
        out.append(
            Site(
                tokens[i].start + d[0],
                tokens[last].end,
                i,
                kind,
                head_en,
                tuple(adj_en),
                m,
                *name_span,
            )
        )
        i = last + 1
        # A dual descriptor names two sites: "معبري جوسية والعريضة".
        if d[1] in r.dual_sites and i < len(tokens) and _adjacent(text, tokens[last], tokens[i]):
            second = _without_conjunction(tokens[i])
            end2 = parse_name(text, tokens, i, second, known_tokens) if second is not None else None
            if second is not None and end2 is not None:
                out.append(
                    Site(
                        second.start,
                        tokens[end2].end,
                        i,
                        kind,
                        head_en,
                        (),
                        None,
                        second.start,
                        tokens[end2].end,
                    )
                )
                i = end2 + 1
    return out


def _college_at(
    text: str, tokens: Sequence[Token], i: int, blocked: Sequence[tuple[int, int]]
) -> Site | None:
    """A military college or school named by its arm: "كلية المدفعية", "مدرسة المشاة",
    "كلية الدفاع الجوي". Other colleges ("كلية الطب") are faculties, not sites."""
    r = rules()
    d = descriptor_at(tokens[i], r.college or {})
    if d is None or any(s <= tokens[i].start < e for s, e in blocked):
        return None
    arms = r.college_arm or {}
    for n in (2, 1):
        last = i + n
        if last >= len(tokens) or not all(_adjacent(text, tokens[k], tokens[k + 1]) for k in range(i, last)):
            continue
        words = " ".join(t.norm for t in tokens[i + 1 : last + 1])
        if words in arms:
            kind, head_en = (r.college or {})[d[1]]
            start = tokens[i].start + d[0]
            return Site(
                start,
                tokens[last].end,
                i,
                kind,
                head_en,
                (),
                None,
                tokens[i + 1].start,
                tokens[last].end,
                arms[words],
            )
    return None


def site_row(g: Gazetteer, text: str, site: Site, parent_id: str | None, ctx: Known | None) -> dict[str, Any]:
    name_ar = text[site.start : site.end]
    if parent_id is not None:
        base = ascii_name(re.sub(r" Governorate$", "", g.places[parent_id]["name_en"]))
        source = "rule 'site descriptor + known place' in extract/place_rules.py"
    else:
        base = site.name_en or romanize(text[site.name_start : site.name_end], short_vowels=True)
        source = "discovered:" + text[site.start : site.name_start].strip()
    name_en = " ".join([base, *site.adjectives_en, site.head_en])
    return new_row(g, name_ar, name_en, site.kind, ctx, source, parent=parent_id)


# ---------------------------------------------------------------------------------------------
# Settlements: descriptor + proper name(s)


@dataclass(frozen=True)
class NewPlace:
    start: int
    end: int
    kind: str
    descriptor: str  # the descriptor as written (without clitics)


def _without_conjunction(tok: Token) -> Token | None:
    """The token without a leading و ("وكفرنبل" → "كفرنبل"), or None."""
    if not tok.norm.startswith("و") or len(tok.norm) < 3:
        return None
    for skip, form in strip_clitics(tok):
        if skip and form == tok.norm[1:]:
            return Token(tok.text[skip:], tok.start + skip, tok.end, form)
    return None


_DUAL_DESCRIPTORS = frozenset(normalize(w) for w in ("حيي", "حيا"))
_PLURAL_DESCRIPTORS = frozenset(normalize(w) for w in ("قرى", "بلدات", "مدن", "أحياء"))


def find_settlements(
    text: str,
    tokens: Sequence[Token],
    index: dict[int, int],
    taken_spans: Sequence[tuple[int, int]],
) -> tuple[list[NewPlace], list[tuple[int, str]]]:
    """Unknown names after a settlement descriptor, including coordinated lists; also the
    (start, kind) of known names that are members of such a list."""
    r = rules()
    taken = {index[c] for s, e in taken_spans for c in range(s, e) if c in index}
    starts = {index[s] for s, _ in taken_spans if s in index}
    ends = {index[s]: index[e - 1] for s, e in taken_spans if s in index and e - 1 in index}
    out: list[NewPlace] = []
    members_known: list[tuple[int, str]] = []
    settlement_memo = _descriptor_memo(r.settlement)
    for i, tok in enumerate(tokens[:-1]):
        d = settlement_memo.get(tok.text, _UNSEEN)
        if d is _UNSEEN:
            d = descriptor_at(tok, r.settlement)
        if d is None or i in taken:
            continue
        kind = r.settlement[d[1]]
        desc_text = tok.text[d[0] :]
        # Duals ("قريتي", "بلدتا", "مدينتي") name two places, plurals up to eight; "حي" is neither.
        dual = d[1].endswith(("تي", "تا")) or d[1] in _DUAL_DESCRIPTORS
        plural = dual or d[1] in _PLURAL_DESCRIPTORS
        limit = 2 if dual else 8
        members = 0
        j, prev = i + 1, tok
        while j < len(tokens) and members < limit:
            cur = tokens[j]
            gap = text[prev.end : cur.start]
            if members == 0:
                if _SPACE.fullmatch(gap) is None:
                    break
                first: Token | None = cur
            elif not plural or not _LIST_SEP.match(gap):
                break
            elif _COMMA_OR_WAW.search(gap):
                first = cur
            else:
                first = _without_conjunction(cur)
            if j in starts and (first or cur).norm not in r.stop:
                # A known place is a member of the list: step over it.
                members_known.append((cur.start if first is None else first.start, kind))
                members += 1
                prev, j = tokens[ends.get(j, j)], ends.get(j, j) + 1
                continue
            if first is None or j in taken:
                break
            end_tok = parse_name(text, tokens, j, first, taken)
            if end_tok is None:
                break
            out.append(NewPlace(first.start, tokens[end_tok].end, kind, desc_text))
            members += 1
            prev, j = tokens[end_tok], end_tok + 1
    return out, members_known


def settlement_row(g: Gazetteer, text: str, place: NewPlace, ctx: Known | None) -> dict[str, Any]:
    name_ar = text[place.start : place.end]
    source = f"discovered:{place.descriptor}"
    return new_row(g, name_ar, romanize(name_ar, short_vowels=True), place.kind, ctx, source)


# ---------------------------------------------------------------------------------------------
# Countries as actors


_IMPERFECT = re.compile(r"^[يتن][\u0621-\u064a]{2,}$")
_PAST_3FS = re.compile(r"^[\u0621-\u064a]{2,5}ت$")


def actor_context(prev: str, prev2: str, next_word: str, prefix: str) -> bool:
    """True when the words around a country make it a political actor, not a location:
    "وزير خارجية روسيا", "مدعومة من إيران", "لدى روسيا", "روسيا تقيم", "وروسيا حليف".
    `next_word` is the normalised word right after the name ("" across punctuation)."""
    r = rules()
    prev_forms = {
        prev,
        prev[1:] if prev[:1] in "وفبل" else prev,
        prev[2:] if prev[:2] in {"وب", "ول", "فب"} else prev,
    }
    if prev_forms & r.actor_prev or (prev in {normalize("من"), normalize("قبل")} and prev2 in r.actor_prev):
        return True
    if prev_forms & {"في"}:
        return False  # "اجتماع في عمّان يوم الثلاثاء": after "في" it is where, whatever follows
    if next_word in r.actor_next or (_IMPERFECT.match(next_word) and next_word not in r.stop):
        return True
    # Clitics are stripped before the not-a-verb test: "وبيروت وأنقرة" is a list of places.
    if _PAST_3FS.match(prev) and not prev_forms & r.not_verb and not prev.endswith("ات"):
        return True  # verb-subject order: "أرسلت روسيا", "دعت قطر"
    return prefix.endswith("ل")


# ---------------------------------------------------------------------------------------------
# Organisation names that contain a place ("مديرية صحة إدلب", "مجلس محافظة القنيطرة")


_ORG_TABLE: list[tuple[Rules, dict[str, str]]] = []


def _org_table(r: Rules) -> dict[str, str]:
    """The organisation heads as a descriptor table, one dict per Rules (stable for the memo)."""
    if not _ORG_TABLE or _ORG_TABLE[0][0] is not r:
        _ORG_TABLE[:] = [(r, dict.fromkeys(r.org_head, ""))]
    return _ORG_TABLE[0][1]


def org_spans(
    text: str, tokens: Sequence[Token], index: dict[int, int], names: Sequence[Match]
) -> list[tuple[int, int]]:
    """Spans "<organisation head> [one noun] <place>": the place names the organisation, not
    a location. The noun in between must not be a preposition or other stop-word
    ("مجلس في حلب" is not a name); quotation marks may open before the head."""
    r = rules()
    org_table = _org_table(r)
    out = []
    for m in names:
        if m.start not in index:
            continue
        i = index[m.start]
        if tokens[i].start != m.start:
            continue  # a clitic on the name ("لإدلب") breaks the construct chain
        for back in (1, 2):
            h = i - back
            if h < 0 or not all(_adjacent(text, tokens[k], tokens[k + 1]) for k in range(h, i)):
                break
            if back == 2 and (tokens[h + 1].norm in r.stop or not _ARABIC_WORD.match(tokens[h + 1].norm)):
                break
            if descriptor_at(tokens[h], org_table) is not None:
                out.append((tokens[h].start, m.end))
                break
    return out


# ---------------------------------------------------------------------------------------------
# Unknown names listed with known settlements ("القامشلي والدرباسية وتل براك ورميلان")

_LIST_END = re.compile(r"^[ \t\u00a0]*(?:$|[.،,؛;:!?؟\n)\"'»”])")
_LEAD_WORDS = frozenset(normalize(w) for w in ["في", "إلى", "الى", "نحو", "باتجاه", "من", "بين"])
_AREA_DESCRIPTORS = dict.fromkeys((normalize(w) for w in ["محافظة", "منطقة", "ناحية"]), "")
_IMPERFECT_NAME = re.compile(r"^[يتن][\u0621-\u064a]{3,}$")


def _connector(text: str, prev: Token, tok: Token) -> Token | None:
    """The list member that `tok` starts after a separator from `prev` (و/ف attached, or a
    comma): "والدرباسية" → "الدرباسية", "فصحنايا" → "صحنايا"; None when not a list step."""
    gap = text[prev.end : tok.start]
    if not _CONNECTOR_GAP.fullmatch(gap):
        return None
    if tok.norm[:1] in "وف" and len(tok.norm) >= 3:
        for skip, form in strip_clitics(tok):
            if skip and form == tok.norm[1:]:
                return Token(tok.text[skip:], tok.start + skip, tok.end, form)
    return tok if _COMMA.search(gap) else None


def _list_candidate(text: str, tokens: Sequence[Token], j: int, first: Token, taken: set[int]) -> int | None:
    """Last token of an unknown list member starting at token j, or None. Stricter than a
    name after a descriptor: no article (common nouns: "والمعارضة"), no verb shapes (past
    -ت "وسيطرت", imperfect "وتقدم"), at most a head word and one more word."""
    r = rules()
    n = first.norm
    if n.startswith("ال") or n in r.stop or (len(n) < 3 and n not in r.head):
        return None
    verb_like = n.endswith(("ت", "وا")) or _IMPERFECT_NAME.match(n)  # "وسيطرت", "وقالوا", "وتقدم"
    if n not in r.head and (verb_like or _is_nisba(first)):
        return None
    end = parse_name(text, tokens, j, first, taken)
    if end is None or end - j > 1 or (end > j and n not in r.head):
        return None
    return end


def _list_end_ok(text: str, tokens: Sequence[Token], last: int, starts: dict[int, Known]) -> bool:
    """Does the list close after token `last`: punctuation, the end of the text, or an area
    phrase with ب ("وعرمان بريف السويداء", "بمحافظة درعا")?"""
    if _LIST_END.match(text[tokens[last].end :]):
        return True
    nxt = last + 1
    if nxt < len(tokens) and _SPACE.fullmatch(text, tokens[last].end, tokens[nxt].start):
        k = starts.get(nxt)
        if k is not None:
            return k.kind in {"region", "governorate"} and normalize(text[tokens[nxt].start : k.start]) == "ب"
        # "بمحافظة السويداء": ب + a descriptor + a governorate.
        desc = descriptor_at(tokens[nxt], _AREA_DESCRIPTORS)
        k = starts.get(nxt + 1)
        return desc is not None and desc[0] > 0 and k is not None and k.kind in {"region", "governorate"}
    return False


def find_list_members(
    text: str,
    tokens: Sequence[Token],
    index: dict[int, int],
    known: Sequence[Known],
    taken_spans: Sequence[tuple[int, int]],
) -> list[NewPlace]:
    """Unknown names coordinated (و، ف، comma) with known Syrian settlements. A member
    between two known settlements is kept; a member after the last known one only when the
    list closes (punctuation, or "بريف X"); a member before the first known one only after
    a locative word ("من قطنا إلى عرطوز فصحنايا")."""
    settle = {"city", "town", "village"}
    taken = {index[c] for s, e in taken_spans for c in range(s, e) if c in index}
    starts = {index[k.start]: k for k in known if k.start in index}
    ends = {index[k.start]: index[k.end - 1] for k in known if k.start in index and k.end - 1 in index}
    anchors = {i for i, k in starts.items() if k.country == "SY" and k.kind in settle}
    out: dict[int, NewPlace] = {}
    for a in sorted(anchors):
        # Rightwards: known and unknown members until the list stops.
        pending: list[NewPlace] = []
        prev = ends[a]
        j = prev + 1
        while j < len(tokens):
            member = _connector(text, tokens[prev], tokens[j])
            if member is None:
                break
            if j in starts and starts[j].kind in settle and starts[j].country == "SY":
                for p in pending:
                    out.setdefault(p.start, p)  # between two known settlements
                pending = []
                prev = ends[j]
                j = prev + 1
                continue
            if j in taken:
                break
            end = _list_candidate(text, tokens, j, member, taken)
            if end is None:
                break
            pending.append(NewPlace(member.start, tokens[end].end, "village", "list"))
            prev, j = end, end + 1
        # Keep the trailing members up to the last one after which the list can close
        # ("وخان العسل، ما أدى": "ما" is not a member, the comma before it ends the list).
        while pending and not _list_end_ok(text, tokens, index[pending[-1].end - 1], starts):
            pending.pop()
        for p in pending:
            out.setdefault(p.start, p)
        # Leftwards: one unknown member joined by و/ف to the anchor, after a locative word.
        tok = tokens[a]
        if normalize(text[tok.start : starts[a].start]) in {"و", "ف"} and a >= 2:
            for first_idx in (a - 1, a - 2):
                if first_idx < 1 or first_idx in taken:
                    break
                if not _SPACE.fullmatch(text, tokens[a - 1].end, tok.start):
                    break
                end = _list_candidate(text, tokens, first_idx, tokens[first_idx], taken)
                lead = tokens[first_idx - 1]
                if (
                    end == a - 1
                    and lead.norm in _LEAD_WORDS
                    and _SPACE.fullmatch(text, lead.end, tokens[first_idx].start)
                ):
                    p = NewPlace(tokens[first_idx].start, tokens[end].end, "village", "list")
                    out.setdefault(p.start, p)
                    break
    return [out[k] for k in sorted(out)]


# ---------------------------------------------------------------------------------------------
# Vocalised verbs that are spelt like places ("تُدمِّر" 'destroys' vs تدمر Palmyra)

_VOCALISED_IMPERFECT = re.compile("^[يتن]\u064f[^\\s]*\u0650")


def vocalised_verb(surface: str) -> bool:
    """True when the written vowels make a one-word name an imperfect verb: a damma on the
    prefix ي/ت/ن and a kasra later (يُفعِّل, يُفعِل, يُفاعِل: "تُدمِّر" 'destroys', not Tadmur)."""
    return " " not in surface.strip() and _VOCALISED_IMPERFECT.match(surface) is not None
