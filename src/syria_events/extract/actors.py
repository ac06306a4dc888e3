"""Actor mentions: codebook aliases, context rules, titles, unseen persons and simple anaphora.

Steps, in order (each later step sees the earlier findings):
1. Longest alias matches (clitics stripped; quotes allowed inside a name: 'غرفة عمليات "ردع العدوان"'),
   each resolved to one codebook row by the row's context rules (codebook.py).
2. Elliptical conjuncts: "الطيران الحربي السوري والروسي" -> the Russian air force for "الروسي".
3. Titles: a title directly followed by a name is not a mention of its own (the name is); a
   title pattern before an unknown name creates a discovered person row.
4. Unnamed spokesmen ("المتحدث باسم X") and anaphora ("قواتها", "المجموعات", "اللواء").
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from syria_events.arabic import PhraseMatcher, Token, normalize, strip_clitics, tokenize
from syria_events.codebook import Actor, Rule, codebook, parent_chain
from syria_events.model import Doc, Row
from syria_events.paths import data_dir

# What may separate the words of one name: spaces, hyphens, tatweel and quotation marks (outlets
# and operations are often quoted inside a longer name). Never sentence punctuation.
_GAP = re.compile(r"[\s\u00a0\-\u2010-\u2015\u0640\"'«»“”„‘’]*")
_QUOTES = "\"'«»“”„‘’″"
_SENTENCE_END = re.compile(r"[.!?؟\n]")
_CLAUSE_END = re.compile(r"[.!?؟\n،,؛;:]")

# Confidence by how a mention was found.
CONF_NAME = 0.95  # a proper name or full alias
CONF_GENERIC = 0.85  # a generic phrase ("الفصائل", "الجيش")
CONF_CONTEXT = 0.75  # resolved by a nearby place ("مقاتلون محليون" in Daraa)
CONF_COUNTRY = 0.75  # a country name read as an actor
CONF_DISCOVERED = 0.7
CONF_ANAPHORA = 0.6


def _load_lexicon() -> dict[str, frozenset[str]]:
    """The word lists of data/actor_patterns.txt, normalised, by section."""
    out: dict[str, set[str]] = {}
    current = None
    for line in (data_dir() / "actor_patterns.txt").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = out.setdefault(line[1:-1], set())
        elif current is not None:
            current.update(normalize(w) for w in line.split())
    return {k: frozenset(v) for k, v in out.items()}


_LEXICON = _load_lexicon()

# Places that decide which local group a generic phrase refers to; the nearest one wins.
GOVERNORATE_CUES = {
    "aleppo": ["حلب"],
    "idlib": ["إدلب"],
    "hama": ["حماة", "السلمية", "محردة", "السقيلبية", "مصياف"],
    "homs": ["حمص", "الرستن", "تلبيسة"],
    "damascus": ["دمشق", "ريف دمشق"],
    "latakia": ["اللاذقية"],
    "tartus": ["طرطوس"],
    "raqqa": ["الرقة"],
    "deir_ez_zor": ["دير الزور", "البوكمال", "الميادين"],
    "hasakah": ["الحسكة", "القامشلي"],
    "quneitra": ["القنيطرة"],
    "suwayda": ["السويداء"],
    "daraa": ["درعا"],
}
CUE_BACK = 500  # characters searched before a mention for its nearest place cue
CUE_AHEAD = 22  # "... في ريف درعا" right after the phrase takes precedence

# Title heads (normalised) that can introduce a person's name.
TITLE_HEADS = _LEXICON["title_heads"]
# Titles of public office: the person becomes a state_official.
OFFICE_HEADS = _LEXICON["office_heads"]
SPOKESMAN_HEADS = _LEXICON["spokesman_heads"]
# Common first names: where a name starts after a title and its descriptors.
GIVEN_NAMES = _LEXICON["given_names"]
_PARTICLES = _LEXICON["particles"]
# Words that end a name (or show there is none): verbs of saying, function and time words.
STOPWORDS = _LEXICON["stopwords"]
# Nationality adjectives -> the state a titled official belongs to.
NISBA_STATE = {
    normalize(k): v
    for k, v in {
        "السوري": "syr_gov",
        "الروسي": "russia",
        "الإيراني": "iran",
        "التركي": "turkey",
        "الإسرائيلي": "israel",
        "الأردني": "jordan",
        "الأمريكي": "usa",
        "الأميركي": "usa",
        "العراقي": "iraq",
        "اللبناني": "lebanon",
        "القطري": "qatar",
        "السعودي": "saudi_arabia",
        "الإماراتي": "uae",
        "المصري": "egypt",
        "الفرنسي": "france",
        "البريطاني": "uk",
    }.items()
}
# Country names are places after these words ("في سوريا", "إلى العراق").
_PLACE_BEFORE = _LEXICON["place_before"]
# ... and actors after these (subordinators, "لدى", and offices whose holder the state is).
_ACTOR_BEFORE = _LEXICON["actor_before"]
_BORDER_WORDS = _LEXICON["border_words"]
_SUPPORT_WORDS = _LEXICON["support_words"]
_PAST_VERBS = _LEXICON["past_verbs"]
_OUTLET_NOUNS = _LEXICON["outlet_nouns"]
# Heads of anaphoric noun phrases and the stem their antecedent's surface starts with.
_HEAD_ANAPHORA = {
    normalize("المجموعات"): "مجموعات",
    normalize("اللواء"): "لواء",
    normalize("السفارة"): "سفاره",
}
_FORCES_STEMS = ("قوات", "مقاتلي", "جنود")
_FORCE_TYPES = frozenset({"state_forces", "foreign_forces"})
_ARMED_TYPES = frozenset(
    {
        "state_forces",
        "foreign_forces",
        "rebel_group",
        "rebel_coalition",
        "local_armed_group",
        "militia",
        "jihadist_group",
        "international_coalition",
    }
)
_FEMININE_NAMES = _LEXICON["feminine_names"]
# Phrases that contain an alias but are not actors.
BLOCKERS = (
    "الدفاع المدني",
    "الدفاع المدني السوري",
    "المجتمع المدني",
    "الطيران المدني",
    "العصيان المدني",
    "النظام الداخلي",
    "النظام العام",
    "النظام الدولي",
    "السلم الأهلي",
    "مصادر محلية",
    "مصدر محلي",
)


@dataclass(frozen=True)
class Candidate:
    actor_id: str
    alias: str


@dataclass
class Found:
    """A mention being built; `kind` records how it was found (for later steps)."""

    start: int
    end: int
    actor_id: str
    confidence: float
    kind: str  # alias | title | country | ellipsis | discovered | spokesman | anaphora
    alias: str = ""


class _Index:
    """Alias lookups built once from the codebook."""

    def __init__(self, actors: dict[str, Actor]) -> None:
        self.actors = actors
        by_key: dict[tuple[str, ...], list[Candidate]] = {}
        for actor in actors.values():
            for alias in actor.aliases_ar:
                by_key.setdefault(_words(alias), []).append(Candidate(actor.actor_id, alias))
        for phrase in BLOCKERS:
            by_key.setdefault(_words(phrase), [])
        self.by_key = by_key
        self.by_first: dict[str, list[tuple[str, ...]]] = {}
        for key in by_key:
            self.by_first.setdefault(key[0], []).append(key)
        for keys in self.by_first.values():
            keys.sort(key=lambda k: -len(k))
        # Place cues: group name per cue phrase; codebook `near` rules add their own groups.
        cue_pairs: list[tuple[str, str]] = []
        for group, cues in GOVERNORATE_CUES.items():
            cue_pairs += [(c, group) for c in cues]
        self.rule_group: dict[tuple[str, Rule], str] = {}
        for actor in actors.values():
            for rule in actor.rules:
                if rule.kind == "near":
                    group = f"rule:{actor.actor_id}"
                    self.rule_group[(actor.actor_id, rule)] = group
                    cue_pairs += [(c, group) for c in rule.values]
        # A cue word may belong to a governorate and a rule ("درعا"): keep every group.
        grouped: dict[str, set[str]] = {}
        for cue, group in cue_pairs:
            grouped.setdefault(cue, set()).add(group)
        self.cues = PhraseMatcher((cue, frozenset(groups)) for cue, groups in grouped.items())
        self.given_names = GIVEN_NAMES | {
            _words(a)[0] for x in actors.values() if x.is_person for a in x.aliases_ar if len(_words(a)) > 1
        }
        self.spokesman_of = {
            a.parent_actor_id: a.actor_id
            for a in actors.values()
            if a.role == "spokesman" and a.parent_actor_id
        }


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(t.norm for t in tokenize(phrase))


@lru_cache(maxsize=1)
def _index() -> _Index:
    return _Index(codebook())


# ---------------------------------------------------------------------------------------------
# Matching


def _gap_ok(text: str, a: Token, b: Token) -> bool:
    return _GAP.fullmatch(text, a.end, b.start) is not None


def _alias_matches(text: str, toks: list[Token], i: int, index: _Index) -> list[tuple[int, int, int, tuple]]:
    """Every alias match starting at token i: (start, end, last token index, key), longest first."""
    out = []
    for skip, form in strip_clitics(toks[i]):
        for key in index.by_first.get(form, ()):
            n = len(key)
            if i + n > len(toks):
                continue
            if all(
                toks[i + k].norm == key[k] and _gap_ok(text, toks[i + k - 1], toks[i + k])
                for k in range(1, n)
            ):
                out.append((toks[i].start + skip, toks[i + n - 1].end, i + n - 1, key))
    # Longest first; for equal length prefer the reading that keeps more of the token.
    out.sort(key=lambda m: (-len(m[3]), m[0]))
    return out


def _extend_quote(text: str, start: int, end: int) -> int:
    """Include a closing quote when the name opened one inside ('عمليات "ردع العدوان"')."""
    inner = sum(text[start:end].count(q) for q in _QUOTES)
    if inner % 2 == 1 and end < len(text) and text[end] in _QUOTES:
        return end + 1
    return end


class _Resolver:
    """Applies codebook context rules to alias matches within one article."""

    def __init__(self, text: str, toks: list[Token], index: _Index) -> None:
        self.text, self.toks, self.index = text, toks, index
        self.cues = [(m.start, m.end, m.payload) for m in index.cues.find(text, toks)]
        self.tok_at = {t.start: k for k, t in enumerate(toks)}

    def nearest_group(self, start: int, end: int, groups: set[str]) -> str | None:
        """Which of `groups` (or a competing governorate) is the nearest place cue."""
        ahead = [c for c in self.cues if end <= c[0] <= end + CUE_AHEAD]
        if ahead:
            hit = {g for c in ahead for g in c[2]}
            own = hit & groups
            others = {g for g in hit if not g.startswith("rule:")} - {
                g for c in ahead if c[2] & groups for g in c[2]
            }
            if own and not others:
                return next(iter(sorted(own)))
            if others or len(ahead) > 1:
                return None
        for c in reversed(self.cues):
            if c[1] <= end and c[0] >= start - CUE_BACK and not (c[0] >= start and c[1] <= end):
                if c[0] >= start:
                    continue
                own = c[2] & groups
                return next(iter(sorted(own))) if own else None
        # A cue inside the phrase itself ("الفصائل المحلية في السويداء").
        inside = [c for c in self.cues if c[0] >= start and c[1] <= end]
        for c in inside:
            if c[2] & groups:
                return next(iter(sorted(c[2] & groups)))
        return None

    def context_ok(self, actor: Actor, rule: Rule, start: int, end: int) -> bool:
        group = self.index.rule_group[(actor.actor_id, rule)]
        inside = [c for c in self.cues if c[0] >= start and c[1] <= end and group in c[2]]
        return bool(inside) or self.nearest_group(start, end, {group}) == group

    def quoted_ok(self, start: int, end: int) -> bool:
        before = self.text[max(0, start - 2) : start].strip()
        after = self.text[end : end + 1]
        if before and before[-1] in _QUOTES and after and after in _QUOTES:
            return True
        k = self.tok_at.get(start)
        if k is None:
            k = next((j for j, t in enumerate(self.toks) if t.start <= start < t.end), None)
        return k is not None and k > 0 and any(r[1] in _OUTLET_NOUNS for r in strip_clitics(self.toks[k - 1]))

    def country_ok(self, start: int, end: int) -> bool:
        """A country/capital name used as an actor rather than a place."""
        toks, text = self.toks, self.text
        k = next(j for j, t in enumerate(toks) if t.start <= start < t.end)
        last = next(j for j, t in enumerate(toks) if t.start < end <= t.end)
        clitic = text[toks[k].start : start]
        if normalize(clitic)[-1:] in ("ب", "ك"):
            return False
        if re.match(r"\s*[-–—]", text[end : end + 3]):
            return False  # a dateline ("دمشق – ...")
        prev = toks[k - 1] if k > 0 and not _CLAUSE_END.search(text, toks[k - 1].end, toks[k].start) else None
        prev_forms = {f for _, f in strip_clitics(prev)} if prev else set()
        if normalize(clitic)[-1:] == "ل":
            return bool(prev_forms & _SUPPORT_WORDS) or (prev is not None and prev.norm.endswith("يه"))
        if prev_forms & _PLACE_BEFORE:
            return False
        if prev_forms & _ACTOR_BEFORE or prev_forms & _PAST_VERBS:
            return True
        if prev is not None and prev.norm == "مع":
            before = toks[k - 2] if k > 1 else None
            return before is None or not ({f for _, f in strip_clitics(before)} & _BORDER_WORDS)
        nxt = toks[last + 1] if last + 1 < len(toks) else None
        if (
            nxt is not None
            and not _CLAUSE_END.search(text, end, nxt.start)
            and (nxt.norm in _PAST_VERBS or _looks_imperfect(nxt.norm))
        ):
            return True
        # Sentence-initial subject ("وروسيا حليف رئيسي ...").
        return prev is None and (
            start == 0 or _SENTENCE_END.search(text, max(0, toks[k].start - 3), toks[k].start)
        )

    def resolve(
        self, cands: list[Candidate], start: int, end: int, seen: set[str]
    ) -> tuple[str, float] | None:
        """The codebook row a match refers to, or None when no row's rules allow it."""
        contextual, plain = [], []
        for c in cands:
            actor = self.index.actors[c.actor_id]
            rules = actor.rules_for(c.alias)
            ok, used_context = True, False
            for rule in rules:
                if rule.kind == "near":
                    ok = ok and self.context_ok(actor, rule, start, end)
                    used_context = True
                elif rule.kind == "quoted":
                    ok = ok and self.quoted_ok(start, end)
                elif rule.kind == "after_full_name":
                    ok = ok and c.actor_id in seen
                elif rule.kind == "country_actor":
                    ok = ok and self.country_ok(start, end)
                    used_context = True
            if ok:
                (contextual if used_context else plain).append(c)
        if contextual:
            c = contextual[0]
            kind = next(r.kind for r in self.index.actors[c.actor_id].rules_for(c.alias))
            return c.actor_id, CONF_COUNTRY if kind == "country_actor" else CONF_CONTEXT
        if plain:
            c = plain[0]
            generic = normalize(c.alias) not in {normalize(self.index.actors[c.actor_id].name_ar)}
            return c.actor_id, CONF_GENERIC if generic and len(_words(c.alias)) == 1 else CONF_NAME
        return None


def _looks_imperfect(norm: str) -> bool:
    # Present-tense verbs start with ي/ت ("تقيم", "يتابع"); nouns starting so are rarer in
    # the slot right after a subject.
    return len(norm) >= 4 and norm[0] in "يت" and not norm.startswith("تم")


# ---------------------------------------------------------------------------------------------
# The extractor


def extract(doc: Doc) -> None:
    """Append actor mentions to doc.mentions and their rows (with parent chains) to doc.actors."""
    text = doc.text
    index = _index()
    toks = tokenize(text)
    resolver = _Resolver(text, toks, index)
    found = _match_aliases(text, toks, index, resolver)
    found = _ellipses(text, toks, index, found)
    discovered: dict[str, Row] = {}
    found = _titles_and_persons(text, toks, index, found, discovered)
    found += _spokesmen(text, toks, index, found)
    found += _anaphora(text, toks, index, found)
    found.sort(key=lambda f: (f.start, f.end))
    for f in found:
        doc.mentions.append(
            {
                "entity_type": "actor",
                "entity_id": f.actor_id,
                "surface": text[f.start : f.end],
                "char_start": f.start,
                "char_end": f.end,
                "confidence": f.confidence,
            }
        )
        _add_row(doc, f.actor_id, index, discovered)


def _add_row(doc: Doc, actor_id: str, index: _Index, discovered: dict[str, Row]) -> None:
    if actor_id in discovered:
        doc.actors.setdefault(actor_id, discovered[actor_id])
        parent = discovered[actor_id]["parent_actor_id"]
        if parent:
            _add_row(doc, parent, index, discovered)
        return
    for aid in [actor_id, *parent_chain(actor_id, index.actors)]:
        if aid not in doc.actors:
            doc.actors[aid] = index.actors[aid].row()


def _match_aliases(text: str, toks: list[Token], index: _Index, resolver: _Resolver) -> list[Found]:
    found: list[Found] = []
    seen: set[str] = set()
    i = 0
    while i < len(toks):
        hit = None
        for start, end, last, key in _alias_matches(text, toks, i, index):
            cands = index.by_key[key]
            if not cands:  # a blocker phrase: consume it, no mention
                hit = (None, start, end, last, "")
                break
            resolved = resolver.resolve(cands, start, end, seen)
            if resolved:
                actor_id, conf = resolved
                alias = next(c.alias for c in cands if c.actor_id == actor_id)
                hit = ((actor_id, conf), start, _extend_quote(text, start, end), last, alias)
                break
        if hit is None:
            i += 1
            continue
        resolved, start, end, last, alias = hit
        if resolved:
            actor_id, conf = resolved
            kind = "title" if _is_title(alias, index.actors[actor_id]) else "alias"
            found.append(Found(start, end, actor_id, conf, kind, alias))
            seen.add(actor_id)
        i = last + 1
    return found


def _is_title(alias: str, actor: Actor) -> bool:
    return actor.is_person and _words(alias)[0] in TITLE_HEADS


def _ellipses(text: str, toks: list[Token], index: _Index, found: list[Found]) -> list[Found]:
    """'وزيري الخارجية الإيراني والروسي': the second conjunct is the Russian minister."""
    by_start = {f.start: f for f in found}
    out = list(found)
    for f in found:
        key = _words(f.alias)
        if len(key) < 2:
            continue
        k = next((j for j, t in enumerate(toks) if t.start < f.end <= t.end), None)
        if k is None or k + 1 >= len(toks) or not _gap_ok(text, toks[k], toks[k + 1]):
            continue
        nxt = toks[k + 1]
        for skip, form in strip_clitics(nxt):
            conj = skip > 0 and normalize(nxt.text[:skip]) == "و"
            nisba = form.startswith("ال") and form.endswith("ي") and key[-1].endswith("ي")
            if not (conj or (skip == 0 and nisba)):
                continue
            cands = index.by_key.get((*key[:-1], form))
            if cands and cands[0].actor_id != f.actor_id:
                start = nxt.start + skip
                old = by_start.get(start) or next((g for g in out if g.start <= start < g.end), None)
                if old is not None:
                    out.remove(old)
                out.append(Found(start, nxt.end, cands[0].actor_id, CONF_CONTEXT, "ellipsis", ""))
                break
    return out


def _tok_index(toks: list[Token], pos: int) -> int | None:
    return next((j for j, t in enumerate(toks) if t.start <= pos < t.end), None)


def _titles_and_persons(
    text: str, toks: list[Token], index: _Index, found: list[Found], discovered: dict[str, Row]
) -> list[Found]:
    """Drop titles that introduce a name; discover unknown persons named after a title."""
    persons = [f for f in found if index.actors[f.actor_id].is_person and f.kind == "alias"]
    covered = [(f.start, f.end) for f in found]
    new: list[Found] = []
    for k, tok in enumerate(toks):
        forms = {f for _, f in strip_clitics(tok)}
        if not forms & TITLE_HEADS or any(s <= tok.start < e and not _title_at(found, s) for s, e in covered):
            continue
        name = _name_after_title(text, toks, k, index)
        if name is None:
            continue
        s, e, first, last = name
        if any(p.start < e and s < p.end for p in persons) or any(
            f.start < e and s < f.end and f.kind != "title" for f in found
        ):
            continue
        role = next((f for f in found if f.kind == "title" and tok.start <= f.start < s), None)
        if role is not None:
            # A known office ("وزير الخارجية التركي") followed by a new name: the office holder.
            new.append(Found(s, e, role.actor_id, CONF_CONTEXT, "alias", ""))
            continue
        if any(n.start == s for n in new):
            continue
        row = _discovered_row(text, toks, k, first, last, index, found)
        discovered.setdefault(row["actor_id"], row)
        new.append(Found(s, e, row["actor_id"], CONF_DISCOVERED, "discovered", ""))
    found = found + new
    keep = []
    for f in found:
        if f.kind == "title" and _name_follows(text, toks, f, found, index):
            continue
        keep.append(f)
    return keep


def _title_at(found: list[Found], start: int) -> bool:
    return any(f.start == start and f.kind == "title" for f in found)


def _name_after_title(
    text: str, toks: list[Token], k: int, index: _Index
) -> tuple[int, int, int, int] | None:
    """(start, end, first, last token) of a person's name following the title at token k.

    The name starts at a known first name, or at an unknown word right after the title head or
    a nationality adjective ("الباحث السوري سامر ..."); it ends at punctuation, a function word,
    or after a surname with the article, and has at least two words.
    """
    j = k + 1
    while j < len(toks) and j <= k + 9:
        gap = text[toks[j - 1].end : toks[j].start]
        if _SENTENCE_END.search(gap) or ":" in gap:
            return None
        norm = toks[j].norm
        if norm in STOPWORDS and norm not in ("في", "من"):
            return None
        if norm in index.given_names:
            break
        prev = toks[j - 1].norm
        after_head = j == k + 1 or (prev.startswith("ال") and prev.endswith("ي"))
        if after_head and _unknown_name_start(norm):
            break
        j += 1
    else:
        return None
    first = last = j
    while last + 1 < len(toks) and last - first < 6:
        nxt = toks[last + 1]
        if not re.fullmatch(r"[ \u00a0]+", text[toks[last].end : nxt.start]):
            break
        if nxt.norm in STOPWORDS or nxt.norm.isdigit() or nxt.norm in TITLE_HEADS:
            break
        cur = toks[last].norm
        if cur in _PARTICLES or nxt.norm in _PARTICLES:
            last += 1
            continue
        if cur.startswith("ال") and last > first:
            break  # a surname with the article ends the name
        if last - first >= 2 and nxt.norm not in _PARTICLES:
            break
        last += 1
    if toks[last].norm in _PARTICLES or last == first:
        return None
    return toks[first].start, toks[last].end, first, last


def _unknown_name_start(norm: str) -> bool:
    # Not a name: words with the article, feminine or accusative endings ("اجتماعا"), digits.
    return (
        len(norm) >= 3
        and not norm.startswith("ال")
        # Present-tense verbs and conjunction-prefixed words ("يتبع", "ومبنى") are not names.
        and norm[0] not in "يتوف"
        and not norm.endswith(("ه", "ا"))
        and not norm.isdigit()
        and norm not in STOPWORDS
        and norm not in TITLE_HEADS
    )


def _name_follows(text: str, toks: list[Token], title: Found, found: list[Found], index: _Index) -> bool:
    """A title whose name follows within a few words (the name is the mention, not the title)."""
    k = _tok_index(toks, title.end - 1)
    if k is None:
        return False
    for j in range(k + 1, min(k + 4, len(toks))):
        if _SENTENCE_END.search(text, toks[j - 1].end, toks[j].start):
            return False
        if any(f.start == toks[j].start and index.actors.get(f.actor_id) is None for f in found):
            return True
        if any(
            f.start <= toks[j].start < f.end
            and f.kind in ("alias", "discovered")
            and _is_person_id(f.actor_id, index)
            for f in found
        ):
            return True
        if j == k + 1 and toks[j].norm in index.given_names:
            return True
    return False


def _is_person_id(actor_id: str, index: _Index) -> bool:
    return actor_id.startswith("person:") or (actor_id in index.actors and index.actors[actor_id].is_person)


def _discovered_row(
    text: str, toks: list[Token], k: int, first: int, last: int, index: _Index, found: list[Found]
) -> Row:
    """A new person row from a title pattern: parent from 'من ORG', an organisation or a nisba."""
    name_ar = text[toks[first].start : toks[last].end]
    head = next(f for _, f in strip_clitics(toks[k]) if f in TITLE_HEADS)
    orgs = [f for f in found if not _is_person_id(f.actor_id, index) and f.kind != "title"]
    parent = None
    # "القيادي X من إدارة العمليات": the organisation right after the name.
    after = [f for f in orgs if toks[last].end <= f.start <= toks[last].end + 6]
    if after and normalize(text[toks[last].end : after[0].start]).strip() in ("من", "في", "ب", ""):
        parent = after[0].actor_id
    if parent is None:
        inside = [f for f in orgs if toks[k].end <= f.start and f.end <= toks[first].start]
        if inside:
            parent = inside[-1].actor_id
    if parent is None and head in OFFICE_HEADS:
        for j in range(k + 1, first):
            state = NISBA_STATE.get(toks[j].norm)
            if state:
                parent = state
                break
    official = head in OFFICE_HEADS or (
        parent is not None and index.actors[parent].actor_type in ("government", "foreign_state")
    )
    parent_row = index.actors.get(parent) if parent else None
    slug = transliterate(name_ar)
    return {
        "actor_id": f"person:{slug}",
        "name_ar": name_ar,
        "name_en": " ".join(w.capitalize() for w in slug.split("_")),
        "actor_type": "state_official" if official else "person",
        "side": parent_row.side if parent_row and parent_row.side not in ("civilian",) else "neutral",
        "aliases_ar": [name_ar],
        "parent_actor_id": parent,
        "country_code": parent_row.country_code if parent_row else None,
        "wikidata_id": None,
        "origin": "discovered",
    }


def _spokesmen(text: str, toks: list[Token], index: _Index, found: list[Found]) -> list[Found]:
    """An unnamed 'المتحدث باسم X' is X's spokesman when the codebook knows who that is."""
    out = []
    for k, tok in enumerate(toks[:-2]):
        skip, form = next(((s, f) for s, f in strip_clitics(tok) if f in SPOKESMAN_HEADS), (None, None))
        if form is None or toks[k + 1].norm != normalize("باسم"):
            continue
        org = next((f for f in found if toks[k + 1].end < f.start <= toks[k + 1].end + 25), None)
        if org is None or _is_person_id(org.actor_id, index):
            continue
        named_before = any(
            f.end <= tok.start and tok.start - f.end <= 2 and _is_person_id(f.actor_id, index) for f in found
        )
        named_after = any(
            org.end <= f.start <= org.end + 3 and _is_person_id(f.actor_id, index) for f in found
        )
        if named_before or named_after:
            continue
        candidates = [org.actor_id, *parent_chain(org.actor_id, index.actors)]
        person = next((index.spokesman_of[c] for c in candidates if c in index.spokesman_of), None)
        if person:
            out.append(Found(tok.start + skip, tok.end, person, CONF_ANAPHORA, "spokesman"))
    return out


def _forces_of(actor_id: str, index: _Index) -> str | None:
    """The armed body an actor's 'forces' are: itself when armed, else its forces below it."""
    actor = index.actors.get(actor_id)
    if actor is None:
        return None
    if actor.is_person:
        return _forces_of(actor.parent_actor_id, index) if actor.parent_actor_id else None
    if actor.actor_type in _ARMED_TYPES:
        return actor_id
    frontier = [actor_id]
    while frontier:
        children = [a.actor_id for a in index.actors.values() if a.parent_actor_id in frontier]
        for c in children:
            if index.actors[c].actor_type in _FORCE_TYPES:
                return c
        frontier = children
    return None


def _feminine(surface: str) -> bool:
    head = normalize(surface).split()[0] if surface.strip() else ""
    for _, form in strip_clitics(head):
        if form.endswith("ه") or form.endswith("ات") or form in _FEMININE_NAMES:
            return True
        if form.removeprefix("ال") in ("فصائل", "كتائب", "ميليشيات", "قوات", "معارضه"):
            return True
    return False


def _anaphora(text: str, toks: list[Token], index: _Index, found: list[Found]) -> list[Found]:
    """Possessive 'قواتها/قواتنا' and definite heads ('المجموعات', 'اللواء', 'السفارة')."""
    out: list[Found] = []
    taken = [(f.start, f.end) for f in found]
    ordered = sorted(found, key=lambda f: f.start)
    for k, tok in enumerate(toks):
        if any(s <= tok.start < e for s, e in taken):
            continue
        for skip, form in strip_clitics(tok):
            start = tok.start + skip
            target = None
            conf = CONF_ANAPHORA
            stem = next((s for s in _FORCES_STEMS if form.startswith(s) and len(form) > len(s)), None)
            if stem and form[len(stem) :] in ("ها", "ه", "نا", "يها", "يه", "ينا"):
                suffix = form[len(stem) :].lstrip("ي")
                ante = _antecedent(text, ordered, start, suffix, index)
                target = _forces_of(ante.actor_id, index) if ante else None
            elif (form in _HEAD_ANAPHORA and skip == 0) or (form in _HEAD_ANAPHORA and skip):
                nxt = toks[k + 1] if k + 1 < len(toks) else None
                if nxt is not None and (nxt.norm.isdigit() or nxt.norm in index.given_names):
                    break
                want = _HEAD_ANAPHORA[form]
                prior = [
                    f
                    for f in ordered
                    if f.end <= start
                    and any(
                        r.removeprefix("ال").startswith(want) for _, r in strip_clitics(_first_tok(text, f))
                    )
                ]
                target = prior[-1].actor_id if prior else None
            if target:
                out.append(Found(start, tok.end, target, conf, "anaphora"))
                break
    return out


def _first_tok(text: str, f: Found) -> str:
    m = re.match(r"\S+", text[f.start : f.end])
    return m.group() if m else ""


def _antecedent(text: str, ordered: list[Found], pos: int, suffix: str, index: _Index) -> Found | None:
    """The actor a possessive suffix refers to: the first actor of the nearest clause before it.

    'ها' wants a feminine antecedent, 'ه' a masculine one; 'نا' (a quoted speaker) the first
    actor of the sentence, a person standing for their organisation.
    """
    sent_start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, pos)), default=0)
    if suffix == "نا":
        prev_sent = max((m.end() for m in _SENTENCE_END.finditer(text, 0, max(0, sent_start - 1))), default=0)
        for lo in (sent_start, prev_sent):
            cands = [f for f in ordered if lo <= f.start < pos and f.kind != "title"]
            if cands:
                return cands[0]
        return None

    def agrees(f: Found) -> bool:
        if index.actors.get(f.actor_id) is None or index.actors[f.actor_id].is_person:
            return False
        fem = _feminine(text[f.start : f.end])
        return fem if suffix == "ها" else not fem

    # Clause boundaries back to the previous sentence.
    prev_sent = max((m.end() for m in _SENTENCE_END.finditer(text, 0, max(0, sent_start - 1))), default=0)
    bounds = [prev_sent, *(m.end() for m in _CLAUSE_END.finditer(text, prev_sent, pos)), pos]
    for lo, hi in reversed(list(itertools.pairwise(bounds))):
        cands = [f for f in ordered if lo <= f.start < hi and f.end <= pos and agrees(f)]
        if cands:
            return cands[0]
    return None


# ---------------------------------------------------------------------------------------------
# Transliteration for discovered ids

_TRANSLIT = {
    "ا": "a",
    "أ": "a",
    "إ": "i",
    "آ": "a",
    "ب": "b",
    "ت": "t",
    "ث": "th",
    "ج": "j",
    "ح": "h",
    "خ": "kh",
    "د": "d",
    "ذ": "dh",
    "ر": "r",
    "ز": "z",
    "س": "s",
    "ش": "sh",
    "ص": "s",
    "ض": "d",
    "ط": "t",
    "ظ": "z",
    "ع": "",
    "غ": "gh",
    "ف": "f",
    "ق": "q",
    "ك": "k",
    "ل": "l",
    "م": "m",
    "ن": "n",
    "ه": "h",
    "ة": "a",
    "ى": "a",
    "ء": "",
    "ؤ": "u",
    "ئ": "i",
    "پ": "p",
    "گ": "g",
    "چ": "ch",
    "ڤ": "v",
}


def transliterate(name_ar: str) -> str:
    """A deterministic ASCII slug of an Arabic name ('حسن عبد الغني' -> 'hasan_abd_alghani').

    Long vowels are written (و -> w/u, ي -> y/i by position); short vowels are not in the script,
    so a vowel-less consonant pair gets none: the slug is an id, not a scholarly transliteration.
    """
    words = []
    for word in tokenize(name_ar):
        w = _strip_marks(word.text)
        out = []
        for i, ch in enumerate(w):
            nxt = w[i + 1] if i + 1 < len(w) else ""
            if ch == "و":
                out.append("w" if i == 0 or nxt in "اوي" else "u")
            elif ch == "ي":
                out.append("y" if i == 0 or nxt in "اوي" else "i")
            elif ch.isascii() and ch.isalnum():
                out.append(ch.lower())
            else:
                out.append(_TRANSLIT.get(ch, ""))
        slug = "".join(out)
        if slug:
            words.append(slug)
    return "_".join(words) or "unknown"


def _strip_marks(s: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFKC", s) if not unicodedata.combining(c) and c != "\u0640"
    )
