"""Actor mentions: codebook aliases, context rules, titles, unseen persons and simple anaphora.

Steps, in order (each later step sees the earlier findings):
1. Longest alias matches (clitics stripped; quotes allowed inside a name: 'غرفة عمليات "ردع العدوان"'),
   each resolved to one codebook row by the row's context rules (codebook.py).
2. Elliptical conjuncts: "الطيران الحربي السوري والروسي" -> the Russian air force for "الروسي".
3. Titles: a title directly followed by a name is not a mention of its own (the name is); a
   title pattern before an unknown name creates a discovered person row.
   A discovered person's surname alone later on ("وقال الحمادي") refers back to them.
4. Unnamed spokesmen ("المتحدث باسم X") and anaphora ("قواتها", "المجموعات", "اللواء"; "قواته"
   after a commander is his organisation's forces).
Between 1 and 3, a patron joins an armed group's phrase ("الميليشيات ... الموالية لطهران").
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

from syria_events import translit
from syria_events.arabic import PhraseMatcher, Token, normalize, strip_clitics, tokenize
from syria_events.codebook import Actor, Rule, codebook, parent_chain
from syria_events.gazetteer import DESCRIPTOR_WORDS
from syria_events.model import Doc, Row
from syria_events.paths import data_dir

# What may separate the words of one name: spaces, hyphens, tatweel and quotation marks (outlets
# and operations are often quoted inside a longer name). Never sentence punctuation.
_GAP = re.compile(r"[\s\u00a0\-\u2010-\u2015\u0640\"'«»“”„‘’]*")
_QUOTES = "\"'«»“”„‘’″"
_SENTENCE_END = re.compile(r"[.!?؟\n]")
# A gap that opens a quotation (a quote mark after a space, or an opening guillemet).
_OPEN_QUOTE_AT = re.compile(r"(?:(?<=^)|(?<=[\s\u00a0]))[\"“„«]|«")
_OPEN_QUOTE = re.compile(r"(?:^|[\s\u00a0])[\"'“„‘]\s*$|«\s*$")
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
CUE_SENTENCE_AHEAD = 120  # with no cue before a mention, the next one in its sentence decides

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
RANK_HEADS = _LEXICON["rank_heads"]
_RANK_MODIFIERS = _LEXICON["rank_modifiers"]
# Words that continue a title's complement before the name ("رئيس مجلس ...", "باسم ...").
_DESCRIPTORS = _LEXICON["title_descriptors"]
# Common words that never belong to a person's name (the stop list of name discovery).
NAME_STOPWORDS = STOPWORDS | _LEXICON["name_stopwords"]
_PERSONNEL = _LEXICON["personnel_nouns"]
_UNIT_HEADS = _LEXICON["unit_heads"]
_ORDINALS = _LEXICON["ordinals"]
_UNIT_PLACE_BEFORE = _LEXICON["unit_place_before"]
_UNIT_ACTOR_BEFORE = _LEXICON["unit_actor_before"]
_SPEECH_VERBS = _LEXICON["speech_verbs"]
_NAME_LINK = frozenset(normalize(w) for w in ("في", "من", "لدى"))
# Latin spellings of common names ("arabic=latin"), by normalised Arabic.
LATIN_NAMES = dict(w.split("=", 1) for w in _LEXICON["latin_names"] if "=" in w)
# Nationality adjectives -> the state a titled official belongs to.
NISBA_STATE = {
    normalize(k + ending): v
    for ending in ("", "ة")
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
        "الألماني": "germany",
        "الصيني": "china",
        "الكويتي": "kuwait",
        "الأممي": "un",
        "الأوروبي": "eu",
    }.items()
}
# Country names are places after these words ("في سوريا", "إلى العراق").
_PLACE_BEFORE = _LEXICON["place_before"]
# ... and actors after these (subordinators, "لدى", and offices whose holder the state is).
_ACTOR_BEFORE = _LEXICON["actor_before"]
_BORDER_WORDS = _LEXICON["border_words"]
# Words of direction: the place after them is where a movement heads, not where it happens.
_BASM = normalize("باسم")
_DIRECTION_WORDS = frozenset(normalize(w) for w in ("نحو", "باتجاه", "اتجاه", "صوب", "تجاه"))
# "على X أن/ألا ...": X is obliged to act, an actor.
_OBLIGATION = frozenset({normalize("على")})
_THAT = frozenset(normalize(w) for w in ("أن", "ألا", "ان"))
# "تتخلى عن X", "تقف إلى جانب X": verbs whose object after the preposition is a party.
_PARTY_PREPS = frozenset(normalize(w) for w in ("عن", "جانب"))
_PARTY_VERBS = _LEXICON["party_verbs"]
_SUPPORT_WORDS = _LEXICON["support_words"]
_PAST_VERBS = _LEXICON["past_verbs"]
_OUTLET_NOUNS = _LEXICON["outlet_nouns"]
_VERB_PARTICLES = _LEXICON["verb_particles"]
_PLACE_VERBS = _LEXICON["place_verbs"]
# Heads of anaphoric noun phrases and the stem their antecedent's surface starts with.
_HEAD_ANAPHORA = {
    normalize("المجموعات"): "مجموعات",
    normalize("اللواء"): "لواء",
    normalize("السفارة"): "سفاره",
    normalize("الحزب"): "حزب",
    # A body named in full once and then by its head noun alone ("أعلنت إدارة العمليات
    # العسكرية … وأكدت الإدارة", "مجلس دير الزور العسكري … مقاتلي المجلس", "خلايا التنظيم").
    normalize("الإدارة"): "ادار",
    normalize("المجلس"): "مجلس",
    normalize("التنظيم"): "تنظيم",
    normalize("الهيئة"): "هيئ",
    normalize("الغرفة"): "غرف",
    normalize("الحركة"): "حرك",
    normalize("الجبهة"): "جبه",
    normalize("الوزارة"): "وزار",
    normalize("الوكالة"): "وكال",
    normalize("المرصد"): "مرصد",
    normalize("الشبكة"): "شبك",
    normalize("المركز"): "مركز",
    normalize("الفصيل"): "فصيل",
}
# "المملكة" alone is the kingdom last named (or the state of an official or force last named).
_KINGDOM_HEAD = normalize("المملكة")
_KINGDOMS = frozenset({"jordan", "saudi_arabia", "morocco", "bahrain", "uk"})
_FORCES_STEMS = ("قوات", "مقاتلي", "جنود", "وحدات", "فرق", "جيش", "طائرات", "مقاتلات")
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
_MEDIA_TITLES = _LEXICON["media_titles"]
_CIVILIAN_TITLES = _LEXICON["civilian_titles"]
# Phrases that contain an alias but are not actors.
BLOCKERS = (
    "المجتمع المدني",
    "مجلس الأمن القومي",
    "الطيران المدني",
    "العصيان المدني",
    "النظام الداخلي",
    "النظام العام",
    "النظام الدولي",
    "السلم الأهلي",
    "مصادر محلية",
    "مصدر محلي",
    # The family, not the man: "مسقط رأس عائلة الأسد".
    "عائلة الأسد",
    "آل الأسد",
    # The subscription footer of every Al-Hal Net article, not a citation (guidelines, 1).
    "محتوى الحل نت",
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
        # Rule groups of foreign actors ("الأردن" for the Jordanian army): no Syrian place.
        self.foreign_groups = frozenset(
            g for (aid, _), g in self.rule_group.items() if actors[aid].side == "foreign"
        )
        # A cue word may belong to a governorate and a rule ("درعا"): keep every group.
        grouped: dict[str, set[str]] = {}
        for cue, group in cue_pairs:
            grouped.setdefault(cue, set()).add(group)
        self.cues = PhraseMatcher((cue, frozenset(groups)) for cue, groups in grouped.items())
        # First words of listed persons' names ("مظلوم عبدي"), but not of their titles
        # ("وزير الخارجية الروسي", "ولي العهد السعودي", "مدير المرصد السوري").
        self.given_names = GIVEN_NAMES | {
            w[0]
            for x in actors.values()
            if x.is_person
            for w in (_words(a) for a in x.aliases_ar)
            if len(w) > 1
            and w[0] not in TITLE_HEADS
            and not w[0].startswith("ال")
            and not (len(w) >= 3 and _is_nisba(w[-1]))
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
        self.country_ends: set[int] = set()  # where a country read as an actor ends

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
                if c[2] <= self.index.foreign_groups and not c[2] & groups:
                    continue  # "أغلق الأردن ...": a foreign state does not situate a local group
                if self.heading_to(c[0]):
                    continue  # "انسحبت ... نحو دمشق": a destination does not situate a local group
                own = c[2] & groups
                return next(iter(sorted(own))) if own else None
        # A cue inside the phrase itself ("الفصائل المحلية في السويداء").
        inside = [c for c in self.cues if c[0] >= start and c[1] <= end]
        for c in inside:
            if c[2] & groups:
                return next(iter(sorted(c[2] & groups)))
        # No cue before it: the first one later in the same sentence ("بعد سيطرة مسلحين محليين،
        # ليل الخميس، على معبر نصيب").
        stop = _SENTENCE_END.search(self.text, end)
        limit = min(stop.start() if stop else len(self.text), end + CUE_SENTENCE_AHEAD)
        later = next((c for c in self.cues if end <= c[0] and c[1] <= limit), None)
        if later is not None:
            own = later[2] & groups
            return next(iter(sorted(own))) if own else None
        return None

    def heading_to(self, pos: int) -> bool:
        """Whether the place at `pos` follows a word of direction ("نحو", "باتجاه")."""
        k = self.tok_at.get(pos)
        if not k:
            return False
        prev = self.toks[k - 1]
        return not _CLAUSE_END.search(self.text, prev.end, pos) and bool(
            {f for _, f in strip_clitics(prev)} & _DIRECTION_WORDS
        )

    def context_ok(self, actor: Actor, rule: Rule, start: int, end: int) -> bool:
        k = self.tok_at.get(start, _tok_index(self.toks, start))
        last = _tok_index(self.toks, end - 1)
        if k is not None and k == last and last + 1 < len(self.toks):
            nxt = self.toks[last + 1]
            if _is_nisba(nxt.norm) and re.fullmatch(r"[ \u00a0]+", self.text[end : nxt.start]):
                return False  # a one-word generic with its own nationality: "الحكومة الفرنسية"
        group = self.index.rule_group[(actor.actor_id, rule)]
        inside = [c for c in self.cues if c[0] >= start and c[1] <= end and group in c[2]]
        return bool(inside) or self.nearest_group(start, end, {group}) == group

    def quoted_ok(self, start: int, end: int) -> bool:
        before = self.text[max(0, start - 2) : start].strip()
        after = self.text[end : end + 1]
        if before and before[-1] in _QUOTES and after and after in _QUOTES:
            return True
        if before.endswith("(") and after == ")":
            return True  # an abbreviation in parentheses: "(كونا)"
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
        if re.match(r"\s*(?:\([^()\n]{1,30}\)\s*)?(?:[-–—]|ـ{1,3})", text[end : end + 40]):
            return False  # a dateline ("دمشق – ...", "أنقرة (الأناضول) - ...")
        if not text[:start].strip() and re.match(r"[ \t]*:", text[end : end + 3]):
            return False  # "لندن: «الشرق الأوسط»"
        prev = toks[k - 1] if k > 0 and not _CLAUSE_END.search(text, toks[k - 1].end, toks[k].start) else None
        prev_forms = {f for _, f in strip_clitics(prev)} if prev else set()
        if normalize(clitic)[-1:] == "ل":
            return bool(prev_forms & _SUPPORT_WORDS) or (prev is not None and prev.norm.endswith("يه"))
        if (
            normalize(clitic) == "و"
            and k > 0
            and toks[k - 1].end in self.country_ends
            and re.fullmatch(r"[\s\u00a0،,]*", text[toks[k - 1].end : toks[k].start])
        ):
            return True  # a conjunct of a country actor is one too ("دعت تركيا وروسيا وإيران")
        nxt = toks[last + 1] if last + 1 < len(toks) else None
        if prev is not None and prev.norm in _OBLIGATION and nxt is not None and nxt.norm in _THAT:
            return True  # "على الولايات المتحدة ألا تتدخل": the state is the one obliged
        if (
            prev is not None
            and prev.norm in _PARTY_PREPS
            and k > 1
            and {f for _, f in strip_clitics(toks[k - 2])} & _PARTY_VERBS
        ):
            return True  # "لن تتخلى عن دمشق", "وقفت إلى جانب": the party abandoned or backed
        if prev_forms & _PLACE_BEFORE:
            return False
        marked = _marked_verb(text, toks, k) if prev is not None else set()
        if marked:
            # "ستقدم طهران", "أن تكون أنقرة": the subject; "لن تدخل دمشق": the place entered.
            return not marked & _PLACE_VERBS
        if prev_forms & _ACTOR_BEFORE or prev_forms & _PAST_VERBS:
            return True
        if prev is not None and prev.norm == "مع":
            before = toks[k - 2] if k > 1 else None
            return before is None or not ({f for _, f in strip_clitics(before)} & _BORDER_WORDS)
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
            if kind == "country_actor":
                self.country_ends.add(end)
            return c.actor_id, CONF_COUNTRY if kind == "country_actor" else CONF_CONTEXT
        if plain:
            c = plain[0]
            generic = normalize(c.alias) not in {normalize(self.index.actors[c.actor_id].name_ar)}
            return c.actor_id, CONF_GENERIC if generic and len(_words(c.alias)) == 1 else CONF_NAME
        return None


def _marked_verb(text: str, toks: list[Token], k: int) -> set[str]:
    """The readings of a present-tense verb right before token k, or an empty set.

    The verb must be marked as one: by the future prefix س ("ستقدّم", read as "تقدم") or by a
    particle before it (أن, لن, لم, قد). A country after it is its subject ("ستقدّم طهران",
    "أن تكون أنقرة طرفاً") unless the verb is one of reaching or striking ("لن تدخل دمشق").
    """
    verb = toks[k - 1]
    if _CLAUSE_END.search(text, verb.end, toks[k].start):
        return set()
    forms = {f for _, f in strip_clitics(verb)}
    # "ستقدم", not a noun such as "سيطرة", "سياسة", "سيارات" (ة and ات end nouns).
    future = {
        f[1:]
        for f in forms
        if f.startswith("س") and len(f) >= 5 and f[1] in "يتن" and not f.endswith(("ه", "ات"))
    }
    if future:
        return future
    present = {f for f in forms if _looks_imperfect(f)}
    if not present or k < 2:
        return set()
    particle = toks[k - 2]
    if _CLAUSE_END.search(text, particle.end, verb.start):
        return set()
    return present if {f for _, f in strip_clitics(particle)} & _VERB_PARTICLES else set()


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
    found = _personnel(text, toks, index, found)
    found = _members_of(text, toks, index, found)
    discovered: dict[str, Row] = {}
    found += _numbered_units(text, toks, found, discovered)
    found = _affiliation(text, toks, index, found)
    found += _quoted_orgs(text, toks, found, discovered)
    found = _titles_and_persons(text, toks, index, found, discovered)
    found += _surnames(text, toks, found)
    found += _spokesmen(text, toks, index, found)
    found = [_unknown_gunmen(text, f) for f in found]
    found += _dateline_outlet(text, toks, found, discovered)
    # Head nouns first ("وأكدت الإدارة"), so that a possessive after them ("أن فرقها") can
    # refer back to them.
    found += _anaphora(text, toks, index, found, discovered, heads_only=True)
    found += _anaphora(text, toks, index, found, discovered)
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


def ensure_actor(doc: Doc, actor_id: str) -> bool:
    """Make sure an actor a later extractor refers to has its row (and parents) in the Doc.

    Returns False when the id is neither in the Doc nor in the codebook, so the caller can drop
    the reference instead of leaving a foreign key that does not resolve.
    """
    index = _index()
    if actor_id in doc.actors:
        # A discovered person (or any row already there): make sure its parents are there too.
        parent = doc.actors[actor_id].get("parent_actor_id")
        if parent and parent not in doc.actors:
            if parent not in index.actors:
                return False
            _add_row(doc, parent, index, {})
        return True
    if actor_id not in index.actors:
        return False  # e.g. a discovered "person:..." id that no mention of this Doc created
    _add_row(doc, actor_id, index, {})
    return True


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
            # Only nationality adjectives are elided ("السوري والروسي"), never nouns
            # ("عناصر الحاجز والفصائل" is two actors, not "عناصر الفصائل").
            nisba = (_is_nisba(form) and _is_nisba(key[-1])) or (
                # "طائرات روسية وسورية": indefinite adjectives after و
                conj and _is_nisba("ال" + form) and _is_nisba("ال" + key[-1]) and not form.startswith("ال")
            )
            states = conj and _is_state_word(key[-1], index) and _is_state_word(form, index)
            if not ((nisba and (conj or skip == 0)) or states):
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


def _is_state_word(word: str, index: _Index) -> bool:
    """A one-word name of a state ("روسيا", "إيران"): "وزيري خارجية روسيا وإيران" elides."""
    return any(index.actors[c.actor_id].actor_type == "foreign_state" for c in index.by_key.get((word,), ()))


def _tok_index(toks: list[Token], pos: int) -> int | None:
    return next((j for j, t in enumerate(toks) if t.start <= pos < t.end), None)


def _titles_and_persons(
    text: str, toks: list[Token], index: _Index, found: list[Found], discovered: dict[str, Row]
) -> list[Found]:
    """Drop titles that introduce a name; discover unknown persons named next to a title.

    Two shapes: TITLE [complement] NAME ("القيادي في هيئة تحرير الشام محمود الحسن") and
    NAME، TITLE [complement] ("محمود الحسن، المتحدث باسم ..."). A name is 2-4 proper-name
    tokens (particles such as بن/عبد/أبو do not count) ending at a stop word, punctuation or
    after a surname with the article.
    """
    persons = [f for f in found if f.kind == "alias" and index.actors[f.actor_id].is_person]
    covered = [(f.start, f.end) for f in found]
    new: list[Found] = []
    for k, tok in enumerate(toks):
        forms = {f for _, f in strip_clitics(tok)}
        if not forms & TITLE_HEADS or any(s <= tok.start < e and not _title_at(found, s) for s, e in covered):
            continue
        if (
            k > 0
            and re.fullmatch(r"[ \u00a0]+", text[toks[k - 1].end : tok.start])
            and any(f in DESCRIPTOR_WORDS for _, f in strip_clitics(toks[k - 1]))
        ):
            continue  # "بلدة الشيخ مسكين", "قرية الشيخ سعد": the title word is part of a place name
        for name, after in (
            (_name_after_title(text, toks, k, index, found), True),
            (_name_before_title(text, toks, k, index, found), False),
        ):
            if name is None:
                continue
            s, e, first, last = name
            if any(p.start < e and s < p.end for p in persons) or any(
                f.start < e and s < f.end and f.kind != "title" for f in found + new
            ):
                continue
            if after:
                role = next((f for f in found if f.kind == "title" and tok.start <= f.start < s), None)
            else:
                role = next((f for f in found if f.kind == "title" and f.start == tok.start), None)
            if role is not None:
                # A known office ("وزير الخارجية التركي") next to a new name: the office holder.
                new.append(Found(s, e, role.actor_id, CONF_CONTEXT, "alias", ""))
                break
            row = _discovered_row(text, toks, k, first, last, index, found, after)
            discovered.setdefault(row["actor_id"], row)
            new.append(Found(s, e, row["actor_id"], CONF_DISCOVERED, "discovered", ""))
            break
    found = found + new
    keep = []
    for f in found:
        if f.kind == "title" and _name_follows(text, toks, f, found, index):
            continue
        keep.append(f)
    return keep


def _surnames(text: str, toks: list[Token], found: list[Found]) -> list[Found]:
    """A discovered person's surname alone after the full name: "يوسف الحمّادي ... وقال الحمّادي".

    Only a surname with the article counts, and not in the slot of an adjective (right after a
    definite noun: "السهل الحوراني").
    """
    surnames: dict[str, tuple[int, str]] = {}
    for f in sorted(found, key=lambda f: f.start):
        if f.kind != "discovered":
            continue
        last = toks[_tok_index(toks, f.end - 1)].norm
        if last.startswith("ال") and len(last) >= 5 and last not in NAME_STOPWORDS:
            surnames.setdefault(last, (f.end, f.actor_id))
    out: list[Found] = []
    if not surnames:
        return out
    for k, tok in enumerate(toks):
        if _span_at(found, tok.start) is not None:
            continue
        for skip, form in strip_clitics(tok):
            hit = surnames.get(form)
            if hit is None or tok.start < hit[0]:
                continue
            prev = toks[k - 1] if k > 0 else None
            if (
                skip == 0
                and prev is not None
                and prev.norm.startswith("ال")
                and not _CLAUSE_END.search(text, prev.end, tok.start)
            ):
                break
            out.append(Found(tok.start + skip, tok.end, hit[1], CONF_ANAPHORA, "surname"))
            break
    return out


def _title_at(found: list[Found], start: int) -> bool:
    return any(f.start == start and f.kind == "title" for f in found)


def _head_form(tok: Token) -> str:
    return next((f for _, f in strip_clitics(tok) if f in TITLE_HEADS), tok.norm)


def _span_at(found: list[Found], pos: int) -> Found | None:
    return next((f for f in found if f.start <= pos < f.end), None)


# Words whose normalised form is a first name but which are written differently ("على" is
# "on", not "علي").
_NOT_NAMES = frozenset({"على", "وعلى", "فعلى"})


def _given(tok: Token, index: _Index) -> bool:
    """A listed first name, as written (not a preposition that normalises to one)."""
    return tok.norm in index.given_names and translit.strip_marks(tok.text) not in _NOT_NAMES


def _is_nisba(norm: str) -> bool:
    """A definite nationality/relational adjective: "السوري", "الروسية"."""
    return norm.startswith("ال") and len(norm) > 4 and (norm.endswith("ي") or norm.endswith("يه"))


def _arabic_word(s: str) -> bool:
    return all("\u0621" <= c <= "\u064a" or c in "\u0671\u067e\u0686\u06a4\u06af" for c in s)


@lru_cache(maxsize=1)
def _place_words() -> frozenset[str]:
    """One-word gazetteer names that need no cue ("إنخل", "حمص"): never part of a person's name."""
    from syria_events import gazetteer

    return frozenset(
        k for k, v in gazetteer.load().names.items() if " " not in k and any(not c.cue_required for c in v)
    )


def _place_token(tok: Token) -> bool:
    """A place descriptor ("وبلدة", "مدينة") or a known place name ("إنخل", "وحمص")."""
    return any(f in DESCRIPTOR_WORDS or f.casefold() in _place_words() for _, f in strip_clitics(tok))


def _name_token_ok(tok: Token, index: _Index) -> bool:
    """Whether a token can be part of a person's name (after its first word)."""
    norm = tok.norm
    if _given(tok, index) or norm in _PARTICLES or norm == "الله":
        return True
    if translit.strip_marks(tok.text) in _NOT_NAMES or _place_token(tok):
        return False
    return (
        len(norm) >= 2
        and _arabic_word(norm)
        and norm not in NAME_STOPWORDS
        and norm not in TITLE_HEADS
        and norm not in _DESCRIPTORS
        and norm not in _PAST_VERBS
        and not norm.startswith(("لل", "بال", "وال", "فال", "كال"))
        # Imperfect verbs ("يزور", "تؤكد") and pronoun suffixes ("بلاده", "نظيرها").
        and not (len(norm) >= 4 and norm[0] in "يت")
        and not tok.text.endswith(("ه", "هم", "هما", "ها"))
    )


def _unknown_name_start(tok: Token | str, index: _Index | None = None, loose: bool = False) -> bool:
    """Whether an unlisted word may be a first name: no article, no feminine or accusative ending.

    `loose` (a slot where only a name can stand, right after an organisation's name) also
    accepts a word starting with ف/و ("فرهاد", "وسيم"), otherwise read as a conjunction.
    """
    if isinstance(tok, str):
        tok = Token(tok, 0, len(tok), normalize(tok))
    norm = tok.norm
    return (
        len(norm) >= 3
        # The article, not a name written with hamza ("ألكسندر").
        and not translit.strip_marks(tok.text).startswith("ال")
        # Present-tense verbs and conjunction-prefixed words ("يتبع", "ومبنى") are not names.
        and norm[0] not in ("يت" if loose and len(norm) >= 4 else "يتوف")
        and norm not in _PAST_VERBS
        and not norm.endswith(("ه", "ا"))
        # An indefinite relational adjective ("أمني", "عسكري") describes, it does not name.
        and not (norm.endswith("ي") and len(norm) >= 4)
        and not norm.isdigit()
        and norm not in STOPWORDS
        and norm not in NAME_STOPWORDS
        and norm not in TITLE_HEADS
        and norm not in _DESCRIPTORS
        and _name_token_ok(tok, index or _index())
    )


def _extend_name(text: str, toks: list[Token], first: int, index: _Index, found: list[Found]) -> int | None:
    """The last token of a name starting at `first` (2-4 name words plus particles), or None."""
    last, content = first, 0 if toks[first].norm in _PARTICLES else 1
    while last + 1 < len(toks):
        nxt = toks[last + 1]
        if not re.fullmatch(r"[ \u00a0]+", text[toks[last].end : nxt.start]):
            break
        if _span_at(found, nxt.start) is not None or not _name_token_ok(nxt, index):
            break
        cur = toks[last].norm
        after_particle = cur in _PARTICLES
        if not after_particle and nxt.norm not in _PARTICLES:
            if cur.startswith("ال") and last > first and toks[last - 1].norm not in _PARTICLES:
                break  # a surname with the article ends the name
            if content >= 4:
                break
        if nxt.norm in _PARTICLES and content >= 4:
            break
        last += 1
        if nxt.norm not in _PARTICLES:
            content += 1
    while last > first and toks[last].norm in _PARTICLES:
        last -= 1
    if last == first or content < 2:
        return None
    return last


def _name_after_title(
    text: str, toks: list[Token], k: int, index: _Index, found: list[Found]
) -> tuple[int, int, int, int] | None:
    """(start, end, first, last token) of a person's name following the title at token k.

    The title's complement may come first: organisations already found ("المتحدث باسم
    الجيش الوطني"), definite words and nationality adjectives ("القائد العسكري"), institutional
    nouns ("رئيس مجلس ..."), "في/من X". The name starts at a listed first name, or at an unlisted
    proper-name-like word right after the head, a definite word or an organisation. A rank
    ("العميد", "اللواء") takes its name at once; a number or ordinal after it is a unit.
    """
    head = _head_form(toks[k])
    rank = head in RANK_HEADS
    if rank and k + 1 < len(toks) and (toks[k + 1].norm.isdigit() or toks[k + 1].norm in _ORDINALS):
        return None
    if rank and head in (normalize("المقدم"), normalize("الرائد")) and k > 0:
        # "الدعم المقدم", "الدور الرائد": an adjective after a definite noun, not a rank.
        prev = toks[k - 1].norm
        if prev.startswith("ال") and not _CLAUSE_END.search(text, toks[k - 1].end, toks[k].start):
            return None
    j, allow_unknown, after_org, seen_basm = k + 1, True, False, False
    limit = k + (3 if rank else 10)
    while j < len(toks) and j <= limit:
        gap = text[toks[j - 1].end : toks[j].start]
        if _SENTENCE_END.search(gap) or ":" in gap or "(" in gap:
            return None
        tok = toks[j]
        span = _span_at(found, tok.start)
        if span is not None:
            if span.kind != "title" and _is_person_id(span.actor_id, index):
                return None
            while j < len(toks) and toks[j].start < span.end:
                j += 1
            allow_unknown, after_org = True, True
            continue
        after_org, was_after_org = False, after_org
        norm = tok.norm
        if _given(tok, index):
            break
        if rank:
            if norm in _RANK_MODIFIERS or _is_nisba(norm):  # "العميد الركن", "العميد الروسي"
                j += 1
                continue
            if _unknown_name_start(tok, index):
                break
            return None
        if norm in STOPWORDS and norm not in _NAME_LINK:
            return None
        readings = {f for _, f in strip_clitics(tok)}
        if norm == _BASM and seen_basm and _extend_name(text, toks, j, index, found) is not None:
            break  # "المتحدث باسم الحكومة باسم العوادي": the second "باسم" is the first name Basem
        if norm in _NAME_LINK or readings & _DESCRIPTORS:
            seen_basm = seen_basm or norm == _BASM
            j, allow_unknown = j + 1, False
            continue
        if norm.startswith("ال") or _is_nisba(norm) or any(r.startswith("ال") for r in readings):
            j, allow_unknown = j + 1, True
            continue
        if _OPEN_QUOTE.search(gap):
            return None  # 'قرب قضاء القائم "لمنع أي خرق"': a quotation starts, not a name
        if allow_unknown and _unknown_name_start(tok, index) and _extend_name(text, toks, j, index, found):
            break
        if (
            was_after_org
            and _unknown_name_start(tok, index, loose=True)
            and _name_then_boundary(text, toks, j, index, found)
        ):
            break
        if norm in NAME_STOPWORDS or not _arabic_word(norm) or norm.isdigit():
            return None
        # An indefinite noun of the complement ("شبكة أخبار ..."): keep looking.
        j, allow_unknown = j + 1, False
    else:
        return None
    if j >= len(toks):
        return None
    last = _extend_name(text, toks, j, index, found)
    if last is None:
        return None
    return toks[j].start, toks[last].end, j, last


def _name_then_boundary(text: str, toks: list[Token], j: int, index: _Index, found: list[Found]) -> bool:
    """A 2-4 word name starting at token j that ends at punctuation, a stop word or the text's end."""
    last = _extend_name(text, toks, j, index, found)
    if last is None:
        return False
    if last + 1 >= len(toks) or not re.fullmatch(r"[ \u00a0]+", text[toks[last].end : toks[last + 1].start]):
        return True
    return toks[last + 1].norm in STOPWORDS


def _name_before_title(
    text: str, toks: list[Token], k: int, index: _Index, found: list[Found]
) -> tuple[int, int, int, int] | None:
    """A name right before its title: "وقال محمود الحسن، المتحدث باسم ...".

    The name must start with a listed first name, or follow a verb of saying.
    """
    if k < 2 or toks[k].norm in RANK_HEADS:
        return None
    gap = text[toks[k - 1].end : toks[k].start]
    if not re.fullmatch(r"[ \u00a0]*[،,]?[ \u00a0]*", gap) or not gap:
        return None
    i = k - 1
    while i >= 0 and k - i <= 6:
        tok = toks[i]
        if _span_at(found, tok.start) is not None or not _name_token_ok(tok, index):
            break
        if i < k - 1 and not re.fullmatch(r"[ \u00a0]+", text[tok.end : toks[i + 1].start]):
            break
        i -= 1
    run = list(range(i + 1, k))
    if len(run) < 2:
        return None
    boundary = toks[i] if i >= 0 else None
    speech = (
        boundary is not None
        and re.fullmatch(r"[ \u00a0]+", text[boundary.end : toks[i + 1].start]) is not None
        and bool({f for _, f in strip_clitics(boundary)} & _SPEECH_VERBS)
    )
    first = None
    if speech and (_given(toks[run[0]], index) or _unknown_name_start(toks[run[0]], index)):
        first = run[0]
    else:
        first = next((j for j in run if _given(toks[j], index) and toks[j].norm not in _PARTICLES), None)
        if first is not None and first > run[0] and toks[first - 1].norm in _PARTICLES:
            first -= 1
    if first is None or k - first < 2:
        return None
    last = k - 1
    content = sum(1 for j in range(first, k) if toks[j].norm not in _PARTICLES)
    if toks[last].norm in _PARTICLES or not 2 <= content <= 4:
        return None
    return toks[first].start, toks[last].end, first, last


def _name_follows(text: str, toks: list[Token], title: Found, found: list[Found], index: _Index) -> bool:
    """A title whose name follows within a few words (the name is the mention, not the title)."""
    k = _tok_index(toks, title.end - 1)
    if k is None:
        return False
    for j in range(k + 1, min(k + 4, len(toks))):
        if _SENTENCE_END.search(text, toks[j - 1].end, toks[j].start):
            return False
        if any(f.startswith("نظير") for _, f in strip_clitics(toks[j])):
            return False  # "التقى X بنظيره الروسي سيرغي لافروف": the name is the counterpart's
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
    # The same person's name a little further on, in the same clause ("المبعوث الأممي الخاص إلى
    # سوريا غير بيدرسون"): the name is the mention.
    for j in range(k + 1, min(k + 8, len(toks))):
        if _CLAUSE_END.search(text, toks[j - 1].end, toks[j].start):
            return False
        if any(
            f.start == toks[j].start and f.kind == "alias" and f.actor_id == title.actor_id for f in found
        ):
            return True
    return False


def _is_person_id(actor_id: str, index: _Index) -> bool:
    return actor_id.startswith("person:") or (actor_id in index.actors and index.actors[actor_id].is_person)


_OFFICIAL_PARENT_TYPES = frozenset(
    {"government", "foreign_state", "state_forces", "state_security", "foreign_forces"}
)


def _discovered_row(
    text: str,
    toks: list[Token],
    k: int,
    first: int,
    last: int,
    index: _Index,
    found: list[Found],
    after: bool = True,
) -> Row:
    """A new person row from a title pattern.

    The parent is the organisation of the title's complement ("المتحدث باسم X", "القيادي في X",
    "رئيس X"), else one right after the name ("فلان من X"), else the state of a nationality
    adjective ("وزير الخارجية القطري", "العميد الروسي"; a rank belongs to that state's forces).
    """
    name_ar = text[toks[first].start : toks[last].end]
    head = _head_form(toks[k])
    orgs = [f for f in found if not _is_person_id(f.actor_id, index) and f.kind != "title"]
    # The title's complement: between the head and the name, or after the head up to the clause end.
    if after:
        lo, hi = toks[k].end, toks[first].start
    else:
        lo = toks[k].end
        stop = _CLAUSE_END.search(text, lo)
        hi = min(stop.start() if stop else len(text), toks[min(k + 10, len(toks) - 1)].end)
    complement = [f for f in orgs if lo <= f.start and f.end <= hi]
    parent = complement[0].actor_id if complement else None
    if parent is None and after:
        # "القيادي X من إدارة العمليات": the organisation right after the name.
        nxt = [f for f in orgs if toks[last].end <= f.start <= toks[last].end + 6]
        if nxt and normalize(text[toks[last].end : nxt[0].start]).strip() in ("من", "في", "ب", ""):
            parent = nxt[0].actor_id
    nisba_state = None
    for j in range(k + 1, len(toks)):
        if toks[j].start >= hi:
            break
        nisba_state = nisba_state or NISBA_STATE.get(toks[j].norm)
    if nisba_state not in index.actors:
        nisba_state = None
    if parent is None and nisba_state and (head in OFFICE_HEADS or head in RANK_HEADS):
        parent = (_forces_of(nisba_state, index) or nisba_state) if head in RANK_HEADS else nisba_state
    parent_row = index.actors.get(parent) if parent else None
    if parent_row is not None:
        official = parent_row.actor_type in ("government", "foreign_state") or (
            head in OFFICE_HEADS and parent_row.actor_type in _OFFICIAL_PARENT_TYPES
        )
    else:
        official = head in OFFICE_HEADS
    foreign = parent_row is not None and parent_row.side == "foreign"
    side = parent_row.side if parent_row and parent_row.side not in ("civilian",) else "neutral"
    if parent_row is None and not official:
        # A doctor or a journalist with no organisation found: a civilian or a media person.
        words = {
            f for j in range(k, first if after else k + 4) if j < len(toks) for _, f in strip_clitics(toks[j])
        }
        if words & _MEDIA_TITLES:
            side = "media"
        elif words & _CIVILIAN_TITLES:
            side = "civilian"
    country = parent_row.country_code if parent_row else None
    if country is None and nisba_state:
        country = index.actors[nisba_state].country_code
    return {
        "actor_id": f"person:{transliterate(name_ar)}",
        "name_ar": name_ar,
        "name_en": romanize(name_ar),
        "actor_type": ("foreign_official" if foreign else "state_official") if official else "person",
        "side": side,
        "aliases_ar": [name_ar],
        "parent_actor_id": parent,
        "country_code": country,
        "wikidata_id": None,
        "origin": "discovered",
    }


# Indefinite heads of an armed or political group that take a quoted name ('فصيل «درع الجبل»').
_ORG_HEADS = {
    normalize(w): t
    for w, t in (
        ("فصيل", "local_armed_group"),
        ("لواء", "local_armed_group"),
        ("تجمع", "local_armed_group"),
        ("جبهة", "rebel_group"),
        ("حركة", "rebel_group"),
        ("كتائب", "local_armed_group"),
        ("كتيبة", "local_armed_group"),
        ("تشكيل", "local_armed_group"),
    )
}
_OPEN_QUOTES = "\"'«“„‘"
_CLOSE_QUOTES = "\"'»”‘’″"
ORG_NAME_MAX_WORDS = 4


def _quoted_orgs(text: str, toks: list[Token], found: list[Found], discovered: dict[str, Row]) -> list[Found]:
    """An unlisted group introduced by its kind and a quoted name: 'فصيل «درع الجبل»'.

    The head (فصيل, لواء, تجمع, جبهة, حركة, كتائب, كتيبة, تشكيل; indefinite, so not the rank
    "اللواء") must be directly followed by a quotation of 1-4 words that closes before any
    sentence or clause punctuation. The mention is the quoted name without its quotes (guidelines,
    2); the row is discovered with side "opposition" and no parent.
    """
    out: list[Found] = []
    taken = [(f.start, f.end) for f in found]
    for k, tok in enumerate(toks[:-1]):
        nxt = toks[k + 1]
        gap = text[tok.end : nxt.start].strip()
        if len(gap) != 1 or gap not in _OPEN_QUOTES:
            continue
        kind = next(
            (
                _ORG_HEADS[f]
                for _, f in strip_clitics(tok)
                if f in _ORG_HEADS and not tok.norm.removesuffix(f).endswith("ال")  # not "اللواء"
            ),
            None,
        )
        if kind is None or any(s <= tok.start < e for s, e in taken):
            continue
        close = next(
            (i for i in range(nxt.start, min(len(text), nxt.start + 60)) if text[i] in _CLOSE_QUOTES), None
        )
        if close is None or _CLAUSE_END.search(text, nxt.start, close):
            continue
        words = [t for t in toks[k + 1 : k + 2 + ORG_NAME_MAX_WORDS] if t.end <= close]
        if (
            not 1 <= len(words) <= ORG_NAME_MAX_WORDS
            or not all(_arabic_word(t.norm) for t in words)
            or any(s < close and nxt.start < e for s, e in taken)
        ):
            continue
        start, end = nxt.start, words[-1].end
        name_ar = text[start:end]
        actor_id = f"org:{transliterate(name_ar)}"
        discovered.setdefault(
            actor_id,
            {
                "actor_id": actor_id,
                "name_ar": name_ar,
                "name_en": romanize(name_ar),
                "actor_type": kind,
                "side": "opposition",
                "aliases_ar": [name_ar],
                "parent_actor_id": None,
                "country_code": "SY",
                "wikidata_id": None,
                "origin": "discovered",
            },
        )
        out.append(Found(start, end, actor_id, CONF_DISCOVERED, "discovered"))
    return out


_BARE_GUNMEN = frozenset(normalize(w) for w in ("مسلحون", "مسلحين", "المسلحون", "المسلحين", "مسلحو", "مسلحي"))
_IDENTITY_UNKNOWN = re.compile(r"(?:يكشف|تكشف|تعرف|يعرف|تحدد|يحدد|تتضح|يتضح)\w*\s+(?:عن\s+)?هوي|مجهول")


def _unknown_gunmen(text: str, f: Found) -> Found:
    """ "شنّه مسلحون … من دون أن يكشف عن هويتهم": bare gunmen whose identity the sentence says
    is unknown are an unidentified armed group, not the opposition."""
    if f.actor_id != "opposition_factions" or normalize(text[f.start : f.end]) not in _BARE_GUNMEN:
        return f
    stop = _SENTENCE_END.search(text, f.end)
    tail = normalize(text[f.end : stop.start() if stop else len(text)])
    if not _IDENTITY_UNKNOWN.search(tail[:120]):
        return f
    return Found(f.start, f.end, "unidentified_armed_group", CONF_CONTEXT, f.kind, f.alias)


# "حلب – روداو", "دمشق ــ العربي الجديد:", "أنقرة (الأناضول) -", "بيروت – «النهار»": the
# outlet of a dateline at the very start of an article.
_DATELINE_OUTLET = re.compile(
    r"\A[ \t]*[^\W\d_][^\n:()«»\"–—-]{0,24}?[ \t]*"
    r"(?:(?:[-–—]|ـ{1,3})[ \t]*[«\"]?(?P<a>[^\n:«»\"()،,.]{2,30}?)[»\"]?[ \t]*(?::|\n)"
    r"|\([ \t]*(?P<b>[^\n()]{2,30}?)[ \t]*\)[ \t]*(?:[-–—]|ـ{1,3})"
    r"|:[ \t]*[«\"]?(?P<c>[^\n:«»\"()،,.]{2,30}?)[»\"]?[ \t]*\n)"
)


def _is_place_name(name: str) -> bool:
    """Whether a whole string is a gazetteer place name ("القنيطرة")."""
    from syria_events.extract.places import find_places

    return any(s == 0 and e == len(name) for s, e, _, _ in find_places(name))


def _dateline_outlet(
    text: str, toks: list[Token], found: list[Found], discovered: dict[str, Row]
) -> list[Found]:
    """The news outlet of a dateline; one the codebook lacks becomes a discovered media row
    (`media:<slug>`), so that new outlets are actors like the listed ones."""
    m = _DATELINE_OUTLET.match(text)
    if not m:
        return []
    group = next(g for g in ("a", "b", "c") if m.group(g))
    start, end = m.span(group)
    while end > start and not text[end - 1].strip():
        end -= 1
    if any(f.start < end and start < f.end for f in found):
        return []  # a listed outlet ("العربية.نت", "الأناضول") is already a mention
    name_ar = text[start:end]
    if not re.search(r"[\u0621-\u064a]", name_ar) or len(name_ar.split()) > 4:
        return []
    if _is_place_name(name_ar):
        return []  # "درعا – القنيطرة": two places, no outlet
    actor_id = f"media:{transliterate(name_ar)}"
    discovered.setdefault(
        actor_id,
        {
            "actor_id": actor_id,
            "name_ar": name_ar,
            "name_en": romanize(name_ar),
            "actor_type": "media",
            "side": "media",
            "aliases_ar": [name_ar],
            "parent_actor_id": None,
            "country_code": None,
            "wikidata_id": None,
            "origin": "discovered",
        },
    )
    out = [Found(start, end, actor_id, CONF_DISCOVERED, "discovered")]
    # Later citations of the same outlet ("وقال … لروداو إن").
    taken = [(f.start, f.end) for f in found] + [(start, end)]
    # The name with and without its kind ("شبكة كردستان 24" … "لكردستان 24").
    bare = re.sub(r"^(?:شبكة|شبكه|قناة|قناه|موقع|صحيفة|صحيفه|وكالة|وكاله|إذاعة|اذاعه)\s+", "", name_ar)
    for rep in PhraseMatcher([(name_ar, actor_id), (bare, actor_id)]).find(text, toks):
        if not any(s < rep.end and rep.start < e for s, e in taken):
            out.append(Found(rep.start, rep.end, actor_id, CONF_DISCOVERED, "discovered"))
    return out


def _personnel(text: str, toks: list[Token], index: _Index, found: list[Found]) -> list[Found]:
    """ "عناصر قوات النظام", "مقاتلو هيئة تحرير الشام": the personnel noun joins the force's mention."""
    starts = {t.start: j for j, t in enumerate(toks)}
    out = []
    for f in found:
        j = starts.get(f.start)
        actor = index.actors.get(f.actor_id)
        if (
            j is None
            or j == 0
            or actor is None
            or actor.is_person
            or actor.actor_type not in _ARMED_TYPES | {"government", "state_security"}
        ):
            out.append(f)
            continue
        prev = toks[j - 1]
        skip = next((sk for sk, form in strip_clitics(prev) if form in _PERSONNEL), None)
        if (
            skip is None
            or not re.fullmatch(r"[ \u00a0]+", text[prev.end : f.start])
            or any(g is not f and g.start < f.start and prev.start < g.end for g in found)
        ):
            out.append(f)
            continue
        out.append(Found(prev.start + skip, f.end, f.actor_id, f.confidence, f.kind, f.alias))
    return out


_MEMBERS_HEADS = frozenset(normalize(w) for w in ("أبناء", "ابناء"))
_FROM = normalize("من")


def _members_of(text: str, toks: list[Token], index: _Index, found: list[Found]) -> list[Found]:
    """ "أبناء المحافظة الجنوبية من بقايا فصائل المعارضة": the group's members are one mention.

    "أبناء" + up to three words (where they come from) + "من" + an armed group found there: the
    span starts at "أبناء" and keeps the group's id (guidelines 2, longest actor phrase).
    """
    starts = {t.start: j for j, t in enumerate(toks)}
    out = []
    for f in found:
        j = starts.get(f.start)
        actor = index.actors.get(f.actor_id)
        new = f
        if (
            j is not None
            and j >= 3
            and actor is not None
            and actor.actor_type in _ARMED_TYPES
            and toks[j - 1].norm == _FROM
            and not _CLAUSE_END.search(text, toks[j - 2].end, f.start)
        ):
            for i in range(j - 3, max(-1, j - 6), -1):
                if _CLAUSE_END.search(text, toks[i].end, toks[i + 1].start):
                    break
                skip = next((sk for sk, form in strip_clitics(toks[i]) if form in _MEMBERS_HEADS), None)
                if skip is None:
                    continue
                if not any(g is not f and g.end > toks[i].start and g.start < f.start for g in found):
                    new = Found(toks[i].start + skip, f.end, f.actor_id, f.confidence, f.kind, f.alias)
                break
        out.append(new)
    return out


# "X الموالية لـY", "X المدعومة من Y", "X بقيادة Y": the backer is part of the armed actor's phrase
# ("التابعة لـY" states a chain of command and keeps both mentions).
_AFFILIATION = re.compile(
    r"[ \u00a0]+(?:ال)?(?:موال|مدعوم)(?:ية|ين|ون|ي|ة)?[ \u00a0]+(?:من[ \u00a0]+)?|[ \u00a0]+بقيادة[ \u00a0]+"
)


# Generic "fighters loyal to X" by patron: Iran's militias, Turkey's Syrian National Army.
_PROXIES = {"iran": "iran_backed_militias", "turkey": "syrian_national_army"}


def _patron_at(text: str, toks: list[Token], index: _Index, pos: int) -> Found | None:
    """A state named right at `pos` that was not read as an actor ("المدعومة من أنقرة")."""
    k = _tok_index(toks, pos)
    if k is None:
        return None
    for start, end, _, key in _alias_matches(text, toks, k, index):
        states = [c for c in index.by_key[key] if index.actors[c.actor_id].actor_type == "foreign_state"]
        if states and start <= pos + 3:
            return Found(start, end, states[0].actor_id, CONF_COUNTRY, "alias", states[0].alias)
    return None


def _affiliation(text: str, toks: list[Token], index: _Index, found: list[Found]) -> list[Found]:
    """ "الميليشيات العراقية الموالية لطهران" is one mention (the militias), not two.

    The patron (a state or organisation found right after the link word, its clitic ل or a
    quote aside) joins the armed group's span instead of being a mention of its own.
    """
    drop: set[int] = set()
    out = []
    for f in sorted(found, key=lambda f: f.start):
        if id(f) in drop:
            continue
        actor = index.actors.get(f.actor_id)
        m = _AFFILIATION.match(text, f.end) if actor and actor.actor_type in _ARMED_TYPES else None
        if m is not None:
            patron = next(
                (
                    g
                    for g in found
                    if m.end() <= g.start <= m.end() + 3
                    and re.fullmatch(r"(?:لـ?|ل)?[\s\"'«»“”„‘’″]*", text[m.end() : g.start])
                ),
                None,
            )
            if patron is None:
                patron = _patron_at(text, toks, index, m.end())
            led = "بقيادة" in m.group()
            patron_row = index.actors.get(patron.actor_id) if patron is not None else None
            if led and patron_row is not None and patron_row.actor_type in _ARMED_TYPES:
                # "الفصائل بقيادة هيئة تحرير الشام": a leading armed group is an actor of its own;
                # only a state leads as a patron ("التحالف الدولي بقيادة واشنطن").
                patron = None
            if patron is not None and not _is_person_id(patron.actor_id, index):
                drop.add(id(patron))
                # Generic fighters loyal to a patron are that patron's proxies.
                proxy = _PROXIES.get(patron.actor_id) if f.actor_id == "opposition_factions" else None
                f = Found(f.start, patron.end, proxy or f.actor_id, f.confidence, f.kind, f.alias)
        out.append(f)
    return out


def _numbered_units(
    text: str, toks: list[Token], found: list[Found], discovered: dict[str, Row]
) -> list[Found]:
    """ "مصدره اللواء 61": a numbered unit acting as an actor is a unit of the government's forces
    (its own row: `_unit_row`).

    After a place word ("على اللواء 52", "مقر الفرقة 17") it is a base, not an actor; the
    codebook's own units ("الفرقة 25", "اللواء 8") were matched before this step.
    """
    out = []
    for k, tok in enumerate(toks[:-1]):
        if _span_at(found, tok.start) is not None:
            continue
        reading = next(((sk, f) for sk, f in strip_clitics(tok) if f in _UNIT_HEADS), None)
        if reading is None:
            continue
        skip, head = reading
        clitic = normalize(tok.text[:skip])
        if clitic.endswith(("ب", "ك")):
            continue
        nxt = toks[k + 1]
        if not re.fullmatch(r"[ \u00a0]+", text[tok.end : nxt.start]):
            continue
        numbered = nxt.norm.isdigit() or (head != normalize("اللواء") and nxt.norm in _ORDINALS)
        if not numbered or _span_at(found, nxt.start) is not None:
            continue
        prev = toks[k - 1] if k > 0 and not _CLAUSE_END.search(text, toks[k - 1].end, tok.start) else None
        prev_forms = {f for _, f in strip_clitics(prev)} if prev else set()
        if prev_forms & _UNIT_PLACE_BEFORE:
            continue
        after = (
            toks[k + 2]
            if k + 2 < len(toks) and not _CLAUSE_END.search(text, nxt.end, toks[k + 2].start)
            else None
        )
        acting = (
            clitic.endswith("ل")  # "التابعة للفرقة 30"
            or bool(prev_forms & (_UNIT_ACTOR_BEFORE | _PAST_VERBS))
            or (after is not None and (after.norm in _PAST_VERBS or _looks_imperfect(after.norm)))
        )
        if not acting:
            continue
        actor_id = _unit_row(text[tok.start + skip : nxt.end], head, nxt.norm, discovered)
        out.append(Found(tok.start + skip, nxt.end, actor_id, CONF_CONTEXT, "unit", ""))
    return out


_UNIT_EN = {
    normalize("الفرقة"): "division",
    normalize("اللواء"): "brigade",
    normalize("الفوج"): "regiment",
    normalize("الكتيبة"): "battalion",
    normalize("الفيلق"): "corps",
}
_ORDINAL_VALUE = {
    "اول": 1, "اولي": 1, "ثاني": 2, "ثالث": 3, "رابع": 4, "خامس": 5,
    "سادس": 6, "سابع": 7, "ثامن": 8, "تاسع": 9, "عاشر": 10,
}  # fmt: skip


def _unit_row(name_ar: str, head: str, number: str, discovered: dict[str, Row]) -> str:
    """A numbered army unit ("الفرقة التاسعة", "الفوج 46") as a unit of the government's forces:
    the codebook row when it has one (syr_4th_division), else a discovered row with that id."""
    stem = number.removeprefix("ال").removesuffix("ه")
    n = int(number) if number.isdigit() else _ORDINAL_VALUE.get(stem)
    unit = _UNIT_EN.get(head)
    if n is None or unit is None:
        return "syr_gov_forces"
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    actor_id = f"syr_{n}{suffix}_{unit}"
    if actor_id in _index().actors:
        return actor_id
    discovered.setdefault(
        actor_id,
        {
            "actor_id": actor_id,
            "name_ar": name_ar,
            "name_en": f"Syrian Army {n}{suffix} {unit.title()}",
            "actor_type": "state_forces",
            "side": "government",
            "aliases_ar": [name_ar],
            "parent_actor_id": "syr_gov_forces",
            "country_code": "SY",
            "wikidata_id": None,
            "origin": "discovered",
        },
    )
    return actor_id


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
            org.end <= f.start
            and _is_person_id(f.actor_id, index)
            and _only_rank_between(text, org.end, f.start)
            for f in found
        )
        if named_before or named_after:
            continue
        candidates = [org.actor_id, *parent_chain(org.actor_id, index.actors)]
        person = next((index.spokesman_of[c] for c in candidates if c in index.spokesman_of), None)
        if person:
            out.append(Found(tok.start + skip, tok.end, person, CONF_ANAPHORA, "spokesman"))
    return out


def _only_rank_between(text: str, lo: int, hi: int) -> bool:
    """Only quotes, a comma and rank words between an organisation and a name ("»، المقدّم")."""
    if hi - lo > 40:
        return False
    words = [normalize(w) for w in re.split(r"[\s\u00a0،,\"'«»“”„‘’″]+", text[lo:hi]) if w]
    return len(words) <= 3 and all(w in RANK_HEADS or w in _RANK_MODIFIERS for w in words)


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


def _anaphora(
    text: str,
    toks: list[Token],
    index: _Index,
    found: list[Found],
    discovered: dict[str, Row] | None = None,
    heads_only: bool = False,
) -> list[Found]:
    """Possessive 'قواتها/قواتنا' and definite heads ('المجموعات', 'اللواء', 'السفارة');
    with `heads_only`, the definite heads alone."""
    out: list[Found] = []
    covered = bytearray(len(text) + 1)  # characters inside a mention already found
    for f in found:
        covered[f.start : f.end] = b"\x01" * (f.end - f.start)
    ordered = sorted(found, key=lambda f: f.start)
    for k, tok in enumerate(toks):
        if covered.find(1, tok.start, tok.end) != -1:
            continue
        if heads_only and not any(form in _HEAD_ANAPHORA for _, form in strip_clitics(tok)):
            continue
        for skip, form in strip_clitics(tok):
            start = tok.start + skip
            target = None
            conf = CONF_ANAPHORA
            stem = next((s for s in _FORCES_STEMS if form.startswith(s) and len(form) > len(s)), None)
            if heads_only and form not in _HEAD_ANAPHORA:
                continue
            if stem and form[len(stem) :] in ("ها", "ه", "نا", "يها", "يه", "ينا"):
                suffix = form[len(stem) :].lstrip("ي")
                ante = _antecedent(text, ordered, start, suffix, index)
                owner = ante.actor_id if ante else None
                if owner in (discovered or {}):  # a discovered commander: his organisation's forces
                    owner = (discovered or {})[owner]["parent_actor_id"]
                target = _forces_of(owner, index) if owner else None
            elif (form in _HEAD_ANAPHORA and skip == 0) or (form in _HEAD_ANAPHORA and skip):
                nxt = toks[k + 1] if k + 1 < len(toks) else None
                if (
                    form == normalize("اللواء")
                    and nxt is not None
                    and (nxt.norm.isdigit() or nxt.norm in index.given_names)
                ):
                    break  # "اللواء 52", "اللواء محمد …": a unit or a rank, not the brigade again
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
            elif form == _KINGDOM_HEAD:
                target = _kingdom_before(text, toks, k, ordered, start, index, discovered or {})
            elif form in _LATTER and skip == 0:
                target = _latter(text, toks, k, ordered, index, form == _LATTER_FEM)
            if target:
                out.append(Found(start, tok.end, target, conf, "anaphora"))
                break
    return out


def _kingdom_before(
    text: str,
    toks: list[Token],
    k: int,
    ordered: list[Found],
    pos: int,
    index: _Index,
    discovered: dict[str, Row],
) -> str | None:
    """The kingdom "المملكة" (token k) refers to, unless it is a place ("إلى أراضي المملكة")."""
    if (
        k > 0
        and not _CLAUSE_END.search(text, toks[k - 1].end, toks[k].start)
        and {f for _, f in strip_clitics(toks[k - 1])} & _PLACE_BEFORE
    ):
        return None
    if normalize(text[toks[k].start : pos])[-1:] in ("ب", "ك"):
        return None  # "بالمملكة": in the kingdom
    for f in reversed([f for f in ordered if f.end <= pos]):
        chain = [f.actor_id, *parent_chain(f.actor_id, index.actors)]
        if f.actor_id in discovered and discovered[f.actor_id]["parent_actor_id"]:
            parent = discovered[f.actor_id]["parent_actor_id"]
            chain += [parent, *parent_chain(parent, index.actors)]
        kingdom = next((a for a in chain if a in _KINGDOMS and a in index.actors), None)
        if kingdom:
            return kingdom
    return None


_LATTER_FEM = normalize("الأخيرة")
_LATTER = frozenset({normalize("الأخير"), _LATTER_FEM})
# Nouns that "الأخير/الأخيرة" qualifies as an adjective even with a pronoun suffix ("أيامه الأخيرة").
_LATTER_NOUN_STEMS = ("ايام", "ساعات", "اشهر", "سنوات", "اعوام", "لحظات", "اسابيع", "مراحل", "ايام")
# After these the word is a predicate ("إنه الأخير", "كانت الأخيرة"), not a reference.
_COPULAS = frozenset(
    normalize(w)
    for w in (
        "إنه",
        "إنها",
        "أنه",
        "أنها",
        "هو",
        "هي",
        "كان",
        "كانت",
        "يكون",
        "تكون",
        "ليس",
        "ليست",
        "باتت",
        "بات",
    )
)
LATTER_BACK = 2  # sentences searched back for the antecedent of "الأخير"


def _latter(
    text: str, toks: list[Token], k: int, ordered: list[Found], index: _Index, fem: bool
) -> str | None:
    """The word "الأخير/الأخيرة" alone ("the latter"): the last actor of the same gender before it.

    It is an adjective, not a mention, after a definite noun ("الأسابيع الأخيرة", "أيامه الأخيرة")
    or before a noun it qualifies; it is a noun phrase after a verb ("أخلتها الأخيرة"), a
    preposition ("من الأخير") or an indefinite noun in construct ("بانسحاب الأخيرة").
    """
    if k == 0:
        return None
    prev = toks[k - 1]
    if not _CLAUSE_END.search(text, prev.end, toks[k].start):
        forms = {f for _, f in strip_clitics(prev)}
        if any(f.startswith("ال") for f in forms) or _is_nisba(prev.norm) or prev.norm.isdigit():
            return None
        if any(f.startswith(_LATTER_NOUN_STEMS) for f in forms) or forms & _COPULAS:
            return None  # "أيامه الأخيرة"; "نداء قالت إنه الأخير": "the last", a predicate
        if prev.norm.endswith(("ه", "هم")) and any(f.endswith(("اته", "اتها", "اتهم")) for f in forms):
            return None
    pos = toks[k].start
    lo = pos
    for _ in range(LATTER_BACK):
        m = [x.end() for x in _SENTENCE_END.finditer(text, 0, max(0, lo - 1))]
        lo = m[-1] if m else 0
    for f in reversed([f for f in ordered if lo <= f.start and f.end <= pos and f.kind != "title"]):
        if _feminine(text[f.start : f.end]) == fem:
            return f.actor_id
    return None


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
        # Inside a quotation: the speaker, the last person named before the quote opened
        # ('قال القيادي في X فلان إن "قواتنا ..."').
        opened = max((m.start() for m in _OPEN_QUOTE_AT.finditer(text, sent_start, pos)), default=None)
        if opened is not None and not any(c in _CLOSE_QUOTES for c in text[opened + 1 : pos]):
            speakers = [
                f
                for f in ordered
                if sent_start <= f.start
                and f.end <= opened
                and f.kind != "title"
                and _is_person_id(f.actor_id, index)
            ]
            if speakers:
                return speakers[-1]
        prev_sent = max((m.end() for m in _SENTENCE_END.finditer(text, 0, max(0, sent_start - 1))), default=0)
        for lo in (sent_start, prev_sent):
            cands = [f for f in ordered if lo <= f.start < pos and f.kind != "title"]
            if cands:
                return cands[0]
        return None

    # "إلى جانب الدولة السورية وجيشها": a possessive joined by و to an actor is that actor's.
    joined = [f for f in ordered if f.end <= pos and re.fullmatch(r"\s*و", text[f.end : pos])]
    if suffix != "نا" and joined:
        return joined[-1]

    def agrees(f: Found) -> bool:
        actor = index.actors.get(f.actor_id)
        if actor is None or actor.is_person:
            # A commander stands for his forces ("قال مظلوم عبدي إن قواته"); never a title alone.
            return (
                suffix == "ه"
                and f.kind != "title"
                and _is_person_id(f.actor_id, index)
                and not _feminine(text[f.start : f.end])
            )
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
# Names and ids of discovered persons (syria_events.translit, with the [latin_names] list)


def romanize(name_ar: str) -> str:
    """The English name of a discovered person ("محمود الحسن" -> "Mahmoud al-Hassan")."""
    return translit.romanize(name_ar, names=LATIN_NAMES)


def transliterate(name_ar: str) -> str:
    """The id slug of a discovered person ("حسن عبد الغني" -> "hassan_abd_al_ghni")."""
    return translit.slug(romanize(name_ar))
