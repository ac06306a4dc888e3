"""Statements: direct quotations and reported speech, with speaker, channel and stance.

Runs after the actor and event extractors and reads their findings from the Doc. The unit of
work is a *reporting cue* (a verb such as قال/أعلنت/نفت, a participle such as مؤكدًا, نقلت
... عن, or a fronted بحسب X، فإن). For each cue the extractor finds

- the complement: a quotation (direct), an إن/أن clause or a verbal-noun object (indirect);
- the speaker: the subject after the cue, a subject before it, or the previous speaker for a
  continuation (وأضاف:, مضيفًا); an outlet that relays a source becomes the channel;
- the channel the text names (بيان, تلغرام, مقابلة مع ..., تصريح لـ ..., للصحفيين).

Quoted names and scare quotes are never statements by themselves: a quotation becomes one only
as the complement of a cue. Conventions follow tests/gold/statements/GUIDELINES.md: an indirect
span starts at the token carrying the complementizer or verbal noun and ends before the
clause's final punctuation; quotation spans exclude the marks.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

from syria_events.arabic import Token, normalize, tokenize
from syria_events.model import Doc, Row
from syria_events.paths import data_dir
from syria_events.quotes import QUOTE_MARKS, QuotePair, scan_quotes

# --------------------------------------------------------------------------------------------
# Lexicon


@dataclass(frozen=True)
class Cue:
    """One reporting form of reporting_verbs.csv."""

    form: str
    lemma: str
    kind: str  # finite | participle | through | absorbed | according
    stance: str  # assert | deny
    object: str  # clause | noun | prep | describe


@cache
def reporting_cues() -> dict[str, Cue]:
    """The reporting forms keyed by their normalised spelling."""
    cues: dict[str, Cue] = {}
    with open(data_dir() / "reporting_verbs.csv", encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            cue = Cue(r["form"], r["lemma"], r["kind"], r["stance"], r["object"])
            cues.setdefault(normalize(r["form"]), cue)
    return cues


def _norms(words: str) -> frozenset[str]:
    return frozenset(normalize(w) for w in words.split())


COMPLEMENTIZERS = _norms("إن أن إنه أنه إنها أنها إنهم أنهم إننا أننا بأن بأنه بأنها فإن فإنه فإنها")
FA_INNA = _norms("فإن فإنه فإنها فإنهم")
# أن after these is temporal/final ("بعد أن"), not a reported clause.
NOT_COMPLEMENTIZER_AFTER = _norms("بعد قبل منذ دون من ريثما بمجرد إلى_حين")
# A separate preposition between a cue and its verbal noun is left out of the span.
SEPARATE_PREPS = _norms("إلى الى على عن في من")
# Cues preceded by these report someone else's framing: "وفق ما ذكرت", "من وصفتهم".
SKIP_AFTER = _norms("ما حسبما من")
RELATIVES = _norms("الذي التي والتي والذي الذين اللذين اللتين")
# Heads of unnamed-source phrases; their speaker id is always null (guidelines rule 5).
SOURCE_HEADS = _norms(
    "مصدر مصادر المصدر المصادر مراسل المراسل مراسلو مراسلة مسؤول مسؤولون المسؤول ناشطون ناشط شهود"
    " سكان مصدرا مصدران"
)
SPOKESMAN_HEADS = _norms("المتحدث المتحدثة الناطق الناطقة متحدث ناطق")
# Heads of title phrases ("المتحدث باسم ...", "وزير الخارجية ..."), followed or not by a name.
TITLE_HEADS = _norms(
    "المتحدث المتحدثة الناطق الناطقة متحدث ناطق وزير وزيرة الرئيس رئيس زعيم قائد القيادي القائد"
    " السفير سفير نائب مدير المدير الأمين المبعوث محافظ العميد العقيد المقدم العماد الشيخ الصحافي"
    " الصحفي المستشار مستشار أمين عضو"
)
TIME_WORDS = _norms(
    "أمس اليوم غدا الخميس الجمعة السبت الأحد الاثنين الثلاثاء الأربعاء صباح مساء ليلة ظهر فجر"
    " خلال الساعات الماضية الأخيرة لاحقا لاحقاً أيضا أيضًا بدوره بدورها بدورهم مجددا عقب"
)
# Words after which a mention is not a subject (object of a preposition or of a noun).
PREPOSITIONS = _norms("في من إلى الى على عن مع بعد قبل حول ضد بين عبر لدى نحو منذ خلال عند باسم")
CUT_AFTER_COMMA = _norms("كما وفق وفقا بحسب حسب حسبما متعهدة متعهدا بينما")
# Main verbs of directives and pledges (out of scope): a new clause that ends the content.
NEW_CLAUSE_VERBS = _norms(
    "وتعهدت وتعهد تعهدت تعهد ودعت ودعا دعت دعا وطالبت وطالب طالبت وحثت وحث حثت وبثت وبث بثت"
    " ووجهت ووجه وناشدت وناشد"
)
PLATFORMS = {normalize(w): w for w in ("تلغرام", "تليغرام", "تيليغرام", "تويتر", "فيسبوك", "إكس")}
STATEMENT_WORDS = _norms("بيان بيانا بيانه بيانها")
JOURNALISTS = _norms("للصحفيين للصحافيين لصحافيين لصحفيين")
OUTLET_HEADS = _norms("وكالة شبكة قناة صحيفة موقع إذاعة اذاعة تلفزيون")
DENIAL_OPENINGS = ("لا صحه", "عدم صحه", "لا اساس", "غير صحيح", "عار عن الصحه")
# Verbal nouns that commonly open an announced object (أعلنت X إحكام/سيطرتها/انسحاب ...).
VERBAL_NOUNS = _norms(
    "سيطرة إحكام تقدم انسحاب استيلاء انتشار إغلاق أسر مقتل إسقاط تدمير دخول إجراء ضرورة خسارة"
    " استعداد رفض تشكيل وصول استعادة تحرير إعادة فتح بدء استهداف قصف هجوم تعزيز نشر إرسال حصار"
    " فرض وقف إطلاق الإفراج انهيار فشل نجاح التزام استمرار بسط تمكن مواصلة تصدي إفشال صد"
)
PERSON_TYPES = frozenset({"person", "state_official", "foreign_official"})
_PRONOUN_SUFFIXES = ("هما", "هم", "ها", "نا", "كم", "ه")

MAX_FRAME_WORDS = 22  # how far after a cue its complementizer or colon may stand
MAX_SPAN_WORDS = 90
MAX_NP_WORDS = 12


def _stem(norm: str) -> str:
    """A verbal-noun key: article and one pronoun suffix removed ("سيطرتها" -> "سيطره")."""
    w = norm
    for p in ("وال", "فال", "بال", "لل", "ال"):
        if w.startswith(p) and len(w) > len(p) + 2:
            w = w[len(p) :]
            break
    for s in _PRONOUN_SUFFIXES:
        if w.endswith(s) and len(w) > len(s) + 2:
            w = w[: -len(s)]
            if w.endswith("ت"):
                w = w[:-1] + "ه"
            break
    return w


_VERBAL_NOUN_STEMS = VERBAL_NOUNS | frozenset(_stem(w) for w in VERBAL_NOUNS)


def _is_verbal_noun(norm: str) -> bool:
    """A known verbal noun, with or without article, pronoun suffix or attached ل."""
    forms = {norm, _stem(norm)}
    if len(norm) > 4 and norm[0] == "ل":
        forms |= {norm[1:], _stem(norm[1:])}
    return any(f in VERBAL_NOUNS or f in _VERBAL_NOUN_STEMS for f in forms)


# --------------------------------------------------------------------------------------------
# The analysed text


@dataclass
class _Speaker:
    surface: str | None
    actor_id: str | None
    channel: str | None
    head: str  # "source" | "title" | "actor" | "generic" | "" (none)


class _Text:
    """Tokens, quotations, sentences and actor mentions of one article, with lookups."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = text = doc.text
        self.toks: list[Token] = tokenize(text)
        self.quotes: list[QuotePair] = scan_quotes(text)
        self.quote_by_open = {q.open: q for q in self.quotes}
        # Characters inside some quotation's content: no sentence ends there, no cue counts there.
        inside = bytearray(len(text) + 1)
        for q in self.quotes:
            inside[q.open + 1 : q.close] = b"\x01" * (q.close - q.open - 1)
        self.inside = inside
        self.sent = self._sentences()
        self.mentions = sorted(
            (m for m in doc.mentions if m.get("entity_type") == "actor" and m.get("entity_id") in doc.actors),
            key=lambda m: (m["char_start"], -m["char_end"]),
        )
        # Mention starting inside each token (clitics such as ل/و may precede it).
        self.mention_at: dict[int, Row] = {}
        ti = 0
        for m in self.mentions:
            while ti < len(self.toks) and self.toks[ti].end <= m["char_start"]:
                ti += 1
            if ti < len(self.toks) and self.toks[ti].start <= m["char_start"] < self.toks[ti].end:
                self.mention_at.setdefault(ti, m)

    # ---- tokens
    def gap(self, k: int) -> str:
        """The text between token k-1 and token k (punctuation, spaces, quotation marks)."""
        start = self.toks[k - 1].end if k > 0 else 0
        return self.text[start : self.toks[k].start]

    def norm(self, k: int) -> str:
        return self.toks[k].norm

    def tok_at(self, pos: int) -> int:
        """Index of the first token ending after pos."""
        lo, hi = 0, len(self.toks)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.toks[mid].end <= pos:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def _sentences(self) -> list[int]:
        """Sentence number of every token; sentences end at . ! ? ؟ or a line break outside quotes."""
        text, out, n = self.text, [], 0
        prev_end = 0
        for t in self.toks:
            for p in range(prev_end, t.start):
                c = text[p]
                if self.inside[p]:
                    continue
                if c in "!?؟\n" or (
                    c == "." and not (p > 0 and text[p - 1].isdigit() and text[p + 1 : p + 2].isdigit())
                ):
                    n += 1
                    break
            out.append(n)
            prev_end = t.end
        return out

    def in_quote(self, k: int) -> bool:
        return bool(self.inside[self.toks[k].start])

    def quote_in_gap(self, k: int) -> QuotePair | None:
        """A quotation whose opening mark stands right before token k."""
        start = self.toks[k - 1].end if k > 0 else 0
        for p in range(self.toks[k].start - 1, start - 1, -1):
            q = self.quote_by_open.get(p)
            if q is not None:
                return q
        # "لـ”القدس العربي”", "بـ"الإجراء": the mark is glued after a one-letter clitic token.
        return None

    def last_tok_before(self, end: int) -> int:
        """Index of the last token that starts before char `end`."""
        i = self.tok_at(end)
        return i if i < len(self.toks) and self.toks[i].start < end else i - 1

    def quote_of(self, k: int) -> QuotePair | None:
        """The innermost quotation whose content holds token k."""
        pos = self.toks[k].start
        inner = None
        for q in self.quotes:
            if q.open < pos < q.close and (inner is None or q.open > inner.open):
                inner = q
        return inner

    def quote_opening_in(self, start: int, end: int) -> QuotePair | None:
        for p in range(start, end):
            q = self.quote_by_open.get(p)
            if q is not None:
                return q
        return None

    def quote_words(self, q: QuotePair) -> list[int]:
        return [k for k in range(self.tok_at(q.start), len(self.toks)) if self.toks[k].end <= q.end]


# --------------------------------------------------------------------------------------------
# Noun phrases: speakers and outlets


@dataclass
class _NP:
    first: int  # first token
    last: int  # last token (inclusive)
    start: int  # char span (may include quotation marks or a parenthesis)
    end: int
    head: str  # source | title | actor | generic
    mentions: list[Row]


def _cue_at(tx: _Text, k: int) -> tuple[Cue, int] | None:
    """The reporting cue carried by token k and the offset where it starts in the token."""
    cues = reporting_cues()
    n = tx.norm(k)
    cue = cues.get(n)
    if cue is not None:
        return cue, 0
    if len(n) > 3 and n[0] in "وف" and n[1:] in cues:
        return cues[n[1:]], 0
    # Headings glued to the next sentence ("السيطرةوأعلنت"): a finite cue after و at the end.
    word = tx.toks[k].text
    for i in range(2, len(word) - 3):
        if word[i] == "و" and normalize(word[i + 1 :]) in cues:
            c = cues[normalize(word[i + 1 :])]
            if c.kind == "finite" and len(normalize(word[i + 1 :])) >= 3:
                return c, i
    return None


def _is_cue(tx: _Text, k: int) -> bool:
    return _cue_at(tx, k) is not None


def _mention_span_end(tx: _Text, m: Row) -> int:
    """Index of the last token of mention m."""
    return max(tx.last_tok_before(m["char_end"]), tx.tok_at(m["char_start"]))


def _parse_np(tx: _Text, j: int, limit: int) -> _NP | None:
    """The noun phrase (speaker or outlet) that starts at token j, or None.

    Stops at complementizers, cues, verbal nouns, time words, channel phrases and separate
    prepositions that follow a name, so that "وقال الجيش في بيان:" gives "الجيش".
    """
    if j >= limit:
        return None
    n = tx.norm(j)
    if n == "ما" and j + 2 < limit and tx.norm(j + 1) in _norms("تعرف يعرف يسمى تسمى"):
        # "ما تعرف بقوات سوريا الديمقراطية": the phrase is the name after the hedge.
        j += 2
        n = tx.norm(j)
    q0 = tx.quote_in_gap(j)
    first_mention = tx.mention_at.get(j)
    if n in COMPLEMENTIZERS or n in TIME_WORDS or _is_cue(tx, j) or n in JOURNALISTS:
        return None
    if ":" in tx.gap(j):
        return None  # "وأضاف: “قوات ...”": what follows the colon is speech, not a subject
    qj = tx.quote_of(j) if tx.in_quote(j) else None
    if qj is not None and len(tx.quote_words(qj)) > 4:
        return None
    if n in PREPOSITIONS or n in SEPARATE_PREPS or n in STATEMENT_WORDS:
        return None
    if _is_verbal_noun(n) and first_mention is None:
        return None
    if n in SOURCE_HEADS:
        head = "source"
    elif n in TITLE_HEADS:
        head = "title"
    elif first_mention is not None:
        head = "actor"
    elif n.startswith("ال") and not n.startswith("الل"):
        head = "generic"  # a definite noun phrase the actor list does not know
    else:
        return None
    start = q0.open if q0 is not None and tx.toks[j].start <= q0.start + 1 else tx.toks[j].start
    if head == "actor" and first_mention is not None:
        start = max(start, first_mention["char_start"])  # leave a clitic (ب/ل) out
    k = j
    last = j
    named = head == "actor" and _is_person(tx, first_mention)
    gap_from: int | None = None  # where the gap before token k starts, after an absorbed quote
    while k < limit:
        # Extend over a mention that starts here.
        m = tx.mention_at.get(k)
        if m is not None:
            last = max(last, _mention_span_end(tx, m))
            if _is_person(tx, m):
                named = True
            k = last + 1
        else:
            last = k
            k += 1
        # A quotation inside the phrase ("عمليات "ردع العدوان"", "شبكة “الشرق نيوز”") is taken whole.
        q = _quote_covering_next(tx, last)
        gap_from = None
        if q is not None:
            last = max(last, tx.last_tok_before(q.end))
            k = last + 1
            gap_from = q.close + 1
        else:
            m_end = max(
                (
                    mm["char_end"]
                    for mm in tx.mentions
                    if mm["char_start"] < tx.toks[last].end and mm["char_end"] > tx.toks[last].end
                ),
                default=None,
            )
            gap_from = m_end
        if k >= limit or tx.sent[k] != tx.sent[j] or last - j >= MAX_NP_WORDS:
            break
        g = tx.text[gap_from : tx.toks[k].start] if gap_from is not None else tx.gap(k)
        nk = tx.norm(k)
        if ":" in g or "." in g or "؛" in g:
            break
        if "(" in g and ")" in tx.text[tx.toks[k].end : tx.toks[k].end + 40]:
            # A parenthesis directly after the phrase names it ("(قسد)", "(سانا)").
            close = tx.text.index(")", tx.toks[k].end)
            last = tx.tok_at(close) - 1
            end_paren = close + 1
            return _finish_np(tx, j, last, start, end_paren, head)
        if "،" in g or "," in g:
            # Apposition: "الرئيس التركي، رجب طيب اردوغان، ..." (title, then the name).
            m2 = tx.mention_at.get(k)
            if head == "title" and not named and m2 is not None and _is_person(tx, m2):
                continue
            break
        if any(c in QUOTE_MARKS for c in g) and tx.quote_in_gap(k) is None:
            break  # a closing mark: the phrase was inside a quotation
        if nk in COMPLEMENTIZERS or _is_cue(tx, k) or nk in TIME_WORDS or nk in JOURNALISTS:
            break
        if nk in STATEMENT_WORDS or nk in PLATFORMS or nk in _norms("عبر قوله قولها عن"):
            break
        if (_is_verbal_noun(nk) or nk in _norms("ل لـ")) and tx.mention_at.get(k) is None:
            break
        if (
            nk in _norms("في على")
            and k + 1 < limit
            and (
                tx.norm(k + 1) in STATEMENT_WORDS
                or tx.norm(k + 1) in _norms("تصريح تصريحات مقابلة مؤتمر تطبيق منصة حساب صفحة تغريدة كلمة")
            )
        ):
            break
        if (nk.startswith("ل") or nk.startswith("لل")) and (tx.quote_in_gap(k) or _outlet_after_lam(tx, k)):
            break  # "لـ “القدس العربي”": the outlet told, a channel
        if "-" in g or "–" in g:
            break  # a dash parenthesis: "إدارة العمليات العسكرية -التي تقود ...-"
        if named and head != "source" and tx.mention_at.get(k) is None:
            break  # "القيادي حسن عبد الغني من ...", "دميتري بيسكوف المتحدث ...": the name ends it
        # A known actor's name is the whole phrase, but for a trailing adjective ("الخاصة").
        if (
            head == "actor"
            and tx.mention_at.get(k) is None
            and nk not in _norms("في")
            and not (_is_adjective_like(nk) and last - j < 6 and not g.strip())
        ):
            break
        if head == "source" and nk in _norms("إلى الى على عن"):
            break
        if head == "generic" and tx.mention_at.get(k) is None and not named and k - j >= 4:
            break
    return _finish_np(tx, j, last, start, None, head)


def _is_adjective_like(norm: str) -> bool:
    """A definite word that is neither a verbal noun nor a speaker head ("الخاصة", "العبرية")."""
    return (
        norm.startswith("ال")
        and not _is_verbal_noun(norm)
        and norm not in TITLE_HEADS
        and norm not in SOURCE_HEADS
    )


def _quote_covering_next(tx: _Text, last: int) -> QuotePair | None:
    """A quotation that opens right after token `last` is in its phrase (glued or spaced)."""
    if last + 1 >= len(tx.toks):
        return None
    q = tx.quote_in_gap(last + 1)
    if q is None:
        return None
    between = tx.text[tx.toks[last].end : q.open]
    if between.strip(" \u00a0ـ"):
        return None
    # Only short labels are phrase-internal; a long quotation is speech.
    words = tx.quote_words(q)
    if len(words) > 4:
        return None
    after = tx.text[q.close + 1 : q.close + 3]
    if after.lstrip().startswith(":"):
        return None
    return q


def _outlet_after_lam(tx: _Text, k: int) -> bool:
    """Token k is ل + an outlet ("لـ “الحل نت”", "للتلفزيون العربي")."""
    if tx.toks[k].text in ("ل", "لـ"):
        return True
    m = tx.mention_at.get(k)
    if m is None:
        return False
    return _actor_type(tx, m["entity_id"]) == "media" and tx.toks[k].start < m["char_start"]


def _finish_np(tx: _Text, j: int, last: int, start: int, end: int | None, head: str) -> _NP:
    if end is None:
        end = tx.toks[last].end
        # Include the closing mark of a quotation the phrase opened ("غرفة عمليات "ردع العدوان"").
        tail = tx.text[end : end + 2]
        for i, c in enumerate(tail):
            if c in QUOTE_MARKS:
                q = next((q for q in tx.quotes if q.close == end + i), None)
                if q is not None and q.open >= start:
                    end = end + i + 1
                break
            if not c.isspace():
                break
    ms = [m for m in tx.mentions if start <= m["char_start"] and m["char_end"] <= end]
    return _NP(j, last, start, end, head, ms)


def _actor_type(tx: _Text, actor_id: str) -> str:
    return str(tx.doc.actors.get(actor_id, {}).get("actor_type") or "")


def _is_person(tx: _Text, m: Row | None) -> bool:
    if m is None or normalize(str(m["surface"])) in TITLE_HEADS:
        return False  # a bare title ("المتحدث") resolved by coreference does not name anyone
    row = tx.doc.actors.get(m["entity_id"], {})
    return row.get("actor_type") in PERSON_TYPES or row.get("origin") == "discovered"


def _np_actor(tx: _Text, np: _NP) -> str | None:
    """The actor a speaker phrase names: its person, else the body it starts with."""
    if np.head == "source":
        return None  # unnamed sources keep their surface only
    people = [m for m in np.mentions if _is_person(tx, m)]
    if np.head == "title" and tx.norm(np.first) in SPOKESMAN_HEADS:
        # "المتحدث باسم إدارة العمليات": a person only when named after the title.
        people = [
            m
            for m in people
            if m["char_start"] > tx.toks[np.first].end + 1
            and not normalize(str(m["surface"])).startswith(tx.norm(np.first))
        ]
    if people:
        return str(people[-1]["entity_id"])
    if np.head == "title" and tx.norm(np.first) in SPOKESMAN_HEADS:
        return None
    if np.head == "title":
        # "المتحدث باسم إدارة العمليات": an unnamed official of a named body is not that body.
        at_start = [m for m in np.mentions if m["char_start"] <= tx.toks[np.first].end]
        return str(at_start[0]["entity_id"]) if at_start else None
    return str(np.mentions[0]["entity_id"]) if np.mentions else None


def _outlet_name(tx: _Text, np: _NP) -> str:
    """A short channel label for an outlet phrase: "وكالة بلومبيرغ" -> "بلومبيرغ"."""
    surface = tx.text[np.start : np.end]
    if "(" in surface:
        # "وكالة الأنباء السورية الرسمية (سانا)": the short name in the parenthesis.
        return surface[surface.rindex("(") + 1 :].strip(") ")
    words = surface
    for c in QUOTE_MARKS:
        words = words.replace(c, "")
    parts = words.split()
    while len(parts) > 1 and normalize(parts[0]) in OUTLET_HEADS | _norms("أخبار"):
        parts = parts[1:]
    return " ".join(parts).strip("ـ ")


def _quoted_or_mention_after(tx: _Text, k: int, limit: int) -> str | None:
    """The first quoted label or actor mention within a few tokens from k (an outlet name)."""
    for i in range(k, min(limit, k + 5)):
        q = tx.quote_in_gap(i)
        if q is not None and len(tx.quote_words(q)) <= 4:
            return q.content(tx.text)
        m = tx.mention_at.get(i)
        if m is not None:
            return str(m["surface"])
    return None


# --------------------------------------------------------------------------------------------
# Channels


def _channel(tx: _Text, lo: int, hi: int) -> str | None:
    """The medium named between tokens lo and hi (exclusive), as a short label."""
    found: list[str] = []
    platform: tuple[str, str] | None = None
    k = lo
    while k < hi:
        n = tx.norm(k)
        if n in PLATFORMS or (tx.quote_in_gap(k) and n in PLATFORMS):
            prep = (
                tx.norm(k - 2) if k >= 2 and tx.norm(k - 1) in _norms("تطبيق منصة موقع") else tx.norm(k - 1)
            )
            platform = (
                PLATFORMS[n] if n != normalize("تليغرام") else "تلغرام",
                "على" if prep == "علي" else "عبر",
            )
            if prep not in _norms("على عبر"):
                platform = (platform[0], "عبر")
            if normalize(tx.toks[k].text) == normalize("تيليغرام"):
                platform = ("تلغرام", platform[1])
        elif n in STATEMENT_WORDS:
            found.append("بيان")
        elif n == normalize("مقطع") and k + 1 < hi and tx.norm(k + 1) in _norms("فيديو مصور"):
            found.append("مقطع فيديو")
        elif n == normalize("مقابلة"):
            who = None
            for i in range(k + 1, min(hi, k + 7)):
                m = tx.mention_at.get(i)
                q = tx.quote_in_gap(i)
                if q is not None and len(tx.quote_words(q)) <= 4:
                    who = q.content(tx.text)
                    break
                if m is not None and tx.norm(i) not in _norms("له لها"):
                    who = str(m["surface"])
                    break
            found.append(f"مقابلة مع {_label(who)}" if who else "مقابلة")
        elif n in _norms("تصريح تصريحات") and k + 1 < hi and tx.norm(k + 1).startswith("ل"):
            who = _quoted_or_mention_after(tx, k + 1, hi)
            found.append(f"تصريح لـ {_label(who)}" if who else "تصريح")
            k += 2
            continue
        elif n == normalize("مؤتمر") and k + 1 < hi and tx.norm(k + 1).startswith(normalize("صحف")):
            found.append("مؤتمر صحفي")
        elif n in JOURNALISTS:
            found.append(tx.toks[k].text)
        k += 1
    if platform is not None:
        if found and found[0] in ("بيان", "مقطع فيديو"):
            return f"{found[0]} {platform[1]} {platform[0]}"
        return platform[0]
    return found[0] if found else None


def _label(name: str) -> str:
    """A short outlet label: quotation marks and generic heads removed ("شبكة “سي إن إن”")."""
    for c in QUOTE_MARKS:
        name = name.replace(c, " ")
    parts = name.split()
    while len(parts) > 1 and normalize(parts[0]) in OUTLET_HEADS | _norms("أخبار"):
        parts = parts[1:]
    return " ".join(parts).strip("ـ ")


def _recipient_channel(tx: _Text, lo: int, hi: int) -> str | None:
    """ "لـ “القدس العربي”" after a speaker: the outlet that was told."""
    for k in range(lo, hi):
        if tx.toks[k].text in ("ل", "لـ") or (tx.norm(k).startswith("ل") and tx.quote_in_gap(k) is None):
            q = tx.quote_in_gap(k + 1) if k + 1 < len(tx.toks) else None
            between = tx.text[tx.toks[k].end : q.open] if q is not None else "x"
            if q is not None and not between.strip(" ـ"):
                return _label(q.content(tx.text))
            m = tx.mention_at.get(k)
            if m is not None and _actor_type(tx, m["entity_id"]) == "media":
                return _label(str(m["surface"]))
    return None


# --------------------------------------------------------------------------------------------
# Complements


@dataclass
class _Complement:
    start: int
    end: int
    quote_type: str
    quote: QuotePair | None = None


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and (text[end - 1].isspace() or text[end - 1] in "،,.:؛;-–—"):
        end -= 1
    return end


def _clause_end(tx: _Text, j: int) -> int:
    """End (char) of the reported content that starts at token j."""
    k = j + 1
    n = len(tx.toks)
    while k < n and k - j < MAX_SPAN_WORDS:
        if tx.sent[k] != tx.sent[j]:
            break
        g = tx.gap(k)
        gap_start = tx.toks[k - 1].end
        if not tx.in_quote(k):
            colon = any(c == ":" and not tx.inside[gap_start + i] for i, c in enumerate(g))
            if colon:
                break
            nk = tx.norm(k)
            comma = "،" in g or "," in g
            if comma and (
                nk in CUT_AFTER_COMMA
                or (nk == normalize("في") and k + 1 < n and tx.norm(k + 1) in _norms("إشارة حين"))
            ):
                break
            if comma and nk in NEW_CLAUSE_VERBS:
                break
            if _is_cue(tx, k) and tx.norm(k - 1) not in RELATIVES and not tx.in_quote(k):
                cue = _cue_at(tx, k)
                if cue is not None and cue[0].kind in ("finite", "participle", "through"):
                    break
        k += 1
    end = tx.toks[k - 1].end
    # Keep a closing mark when its quotation opened inside the span ("... “ضرورة ...”").
    if end < len(tx.text) and tx.text[end] in QUOTE_MARKS:
        q = next((q for q in tx.quotes if q.close == end), None)
        if q is not None and q.open >= tx.toks[j].start:
            end += 1
    return _trim_end(tx.text, tx.toks[j].start, end)


def _direct_after(tx: _Text, k: int) -> QuotePair | None:
    """A quotation that opens right after token k (only spaces between): a fully quoted complement."""
    if k + 1 >= len(tx.toks):
        return None
    q = tx.quote_in_gap(k + 1)
    if q is None:
        return None
    if tx.text[tx.toks[k].end : q.open].strip():
        return None
    return q


def _is_name_quote(tx: _Text, q: QuotePair) -> bool:
    """The quotation is a name the actor extractor knows ("“قوات سوريا الديمقراطية” تستعد")."""
    content = normalize(q.content(tx.text))
    return any(
        normalize(str(m["surface"])).strip('" ') == content
        or (q.start <= m["char_start"] and m["char_end"] >= q.end)
        for m in tx.mentions
        if m["char_start"] < q.close and m["char_end"] > q.open
    )


def _is_frame_quote(tx: _Text, q: QuotePair, prev_tok: int) -> bool:
    """A quotation inside a cue's frame (a name, a platform), not its complement."""
    words = tx.quote_words(q)
    after = tx.text[q.close + 1 : q.close + 4].lstrip()
    if after.startswith(":"):
        return True
    nxt = tx.tok_at(q.close + 1)
    if nxt < len(tx.toks) and tx.norm(nxt) in COMPLEMENTIZERS:
        return True
    before = tx.text[tx.toks[prev_tok].end : q.open]
    if "،" not in before and "," not in before:
        return True  # glued to a noun: "عمليات "ردع العدوان""
    if len(words) < 2:
        return True
    return _is_name_quote(tx, q)


def _find_complement(tx: _Text, v: int, cue: Cue, frame_start: int) -> tuple[_Complement | None, int]:
    """The complement of the cue at token v; also returns the last token of the frame.

    Searches forward for a colon, a complementizer or a quotation that is not part of the
    frame; failing those, a verbal-noun object (for cues that take one).
    """
    n = len(tx.toks)
    k = frame_start
    words = 0
    while k < n and words < MAX_FRAME_WORDS and tx.sent[k] == tx.sent[v]:
        g = tx.gap(k)
        gstart = tx.toks[k - 1].end
        colon_at = next((gstart + i for i, c in enumerate(g) if c == ":" and not tx.inside[gstart + i]), None)
        if colon_at is not None and k > v + 0:
            q = tx.quote_opening_in(colon_at, tx.toks[k].start)
            if q is not None:
                return _Complement(q.start, q.end, "direct", q), k - 1
            return _Complement(tx.toks[k].start, _clause_end(tx, k), "direct"), k - 1
        q = tx.quote_in_gap(k)
        if q is not None and k > v:
            if cue.object == "describe" and tx.text[q.open - 1 : q.open] in ("ب", "ـ"):
                return None, k  # handled by the verbal-noun path (the label stays inside)
            if not _is_frame_quote(tx, q, k - 1):
                return _Complement(q.start, q.end, "direct", q), k - 1
            k = tx.tok_at(q.close + 1)
            words += 1
            continue
        nk = tx.norm(k)
        if nk in COMPLEMENTIZERS and tx.norm(k - 1) not in NOT_COMPLEMENTIZER_AFTER:
            if cue.kind == "according" and nk not in FA_INNA:
                return None, k
            q = _direct_after(tx, k)
            if q is not None and not _is_name_quote(tx, q):
                return _Complement(q.start, q.end, "direct", q), k
            return _Complement(tx.toks[k].start, _clause_end(tx, k), "indirect"), k
        if k > v and _is_cue(tx, k) and not tx.in_quote(k):
            c2 = _cue_at(tx, k)
            if c2 is not None and c2[0].kind == "absorbed":
                k += 1
                words += 1
                continue
            if c2 is not None and c2[0].kind == "participle" and c2[0].lemma == "قال" and k == v + 1:
                k += 1
                continue
            break
        k += 1
        words += 1
    return None, k


def _verbal_noun_object(tx: _Text, v: int, cue: Cue, after_subject: int) -> _Complement | None:
    """A verbal-noun object: "أعلنت الفصائل إحكام سيطرتها ..." -> "إحكام سيطرتها ...".

    Starts at the first verbal noun after the subject (skipping time phrases, commas and a
    relative clause), or right after the subject when none is recognised.
    """
    n = len(tx.toks)
    k = after_subject
    if k >= n or tx.sent[k] != tx.sent[v]:
        return None
    # The first known verbal noun within the next words of the clause.
    start = None
    for i in range(k, min(n, k + 12)):
        if tx.sent[i] != tx.sent[v] or tx.in_quote(i) or (i > k and _is_cue(tx, i)):
            break
        if ":" in tx.gap(i):
            break
        if _is_verbal_noun(tx.norm(i)):
            start = i
            break
    if start is None:
        start = k
        while start < n and (tx.norm(start) in TIME_WORDS or tx.norm(start) in SEPARATE_PREPS):
            start += 1
        if start >= n or tx.sent[start] != tx.sent[v]:
            return None
    if tx.norm(start) in SEPARATE_PREPS:
        start += 1
    if start >= n or _is_cue(tx, start) or tx.in_quote(start):
        return None
    end = _clause_end(tx, start)
    if cue.object == "describe":
        # Only a characterisation with a quoted label counts (not "من وصفتهم بالإرهابيين").
        q = next((q for q in tx.quotes if tx.toks[start].start < q.open < end), None)
        if q is None:
            return None
        end = q.close + 1
    if end <= tx.toks[start].start:
        return None
    return _Complement(tx.toks[start].start, end, "indirect")


def _is_predicate_quote(tx: _Text, q: QuotePair) -> bool:
    """A quoted predicate inside an indirect clause ("و"على تواصل ..."", "“في حالة ...”")."""
    words = tx.quote_words(q)
    if len(words) < 2:
        return False
    glued_wa = tx.text[q.open - 1 : q.open] == "و" and (q.open < 2 or not tx.text[q.open - 2].isalpha())
    return glued_wa or tx.norm(words[0]) in _norms("في على من عن مع")


# --------------------------------------------------------------------------------------------
# The extractor


def _subject_before(tx: _Text, v: int) -> _NP | None:
    """A subject that opens the clause and ends right before the cue ("لكن المصادر أشارت")."""
    k = v - 1
    s = tx.sent[v]
    while k >= 0 and tx.sent[k] == s and not any(c in "،,؛:" for c in tx.gap(k + 1)):
        k -= 1
    first = k + 1
    while first < v and tx.norm(first) in _norms("و ف لكن لكنه وقد فقد قد بينما فيما كما"):
        first += 1
    if first >= v:
        return None
    n0 = tx.norm(first)
    if tx.mention_at.get(first) is None and n0 not in SOURCE_HEADS and n0 not in TITLE_HEADS:
        return None
    np = _parse_np(tx, first, v)
    if np is None:
        return None
    # The phrase must run up to the cue; allow a source phrase with a long من-modifier.
    if np.last != v - 1 and np.head != "source":
        return None
    if np.head == "source" and np.last != v - 1:
        np = _finish_np(tx, first, v - 1, np.start, None, "source")
    return np


def _subject_in_sentence(tx: _Text, v: int, after: int) -> _NP | None:
    """The nearest actor mention before the cue that reads as a clause subject."""
    s = tx.sent[v]
    for k in range(v - 1, -1, -1):
        if tx.sent[k] != s or tx.toks[k].end <= after:
            break
        m = tx.mention_at.get(k)
        if m is None or tx.in_quote(k):
            continue
        prev = k - 1
        if tx.toks[k].start < m["char_start"]:
            continue  # a clitic preposition (ل/ب) governs it
        if prev >= 0 and tx.sent[prev] == s:
            if tx.norm(prev) in PREPOSITIONS:
                continue
            if tx.mention_at.get(prev) is not None or any(
                mm["char_end"] == tx.toks[prev].end for mm in tx.mentions
            ):
                continue  # an object right after another mention: "خاطب الجولاني أهالي المدينة"
        end_tok = _mention_span_end(tx, m)
        return _finish_np(tx, k, end_tok, m["char_start"], m["char_end"], "actor")
    return None


def _speaker_from_np(tx: _Text, np: _NP, history: list[Row]) -> tuple[str, str | None]:
    surface = tx.text[np.start : np.end]
    actor = _np_actor(tx, np)
    if actor is None and np.head in ("title", "generic"):
        # A title or bare name used again ("وزير الداخلية", "بيسكوف"): the earlier speaker.
        key = normalize(surface)
        for r in reversed(history):
            if r["speaker_actor_id"] and key and key in normalize(r["speaker_surface"] or ""):
                actor = r["speaker_actor_id"]
                break
    return surface, actor


def extract(doc: Doc) -> None:
    """Append the article's statements to doc.statements (see the module docstring)."""
    tx = _Text(doc)
    rows: list[Row] = []
    n = len(tx.toks)
    covered_until = -1  # end of the last emitted span: cues inside it are nested, not new
    prev_speaker: _Speaker | None = None
    source_channels: dict[str, str] = {}  # "مصدر"/"مراسل" -> the outlet last named with it
    k = 0
    while k < n:
        found = _cue_at(tx, k)
        if found is None or tx.in_quote(k) or tx.toks[k].start < covered_until:
            k += 1
            continue
        cue, offset = found
        v = k
        vstart = tx.toks[v].start + offset
        if v > 0 and tx.norm(v - 1) in SKIP_AFTER:
            # "وفق ما ذكر مصدر محلي لـ “الحل نت”": no statement, but a later "المصدر" has this outlet.
            np_skip = _parse_np(tx, v + 1, n)
            if np_skip is not None and np_skip.head == "source":
                ch = _recipient_channel(tx, np_skip.last + 1, min(n, np_skip.last + 4))
                if ch:
                    source_channels[tx.norm(np_skip.first).removeprefix("ال")] = ch
            k += 1
            continue
        if cue.kind == "absorbed":
            k += 1
            continue
        verb_text = tx.text[vstart : tx.toks[v].end]
        frame_start = v + 1
        # "وأردف قائلاً", "وتابع قائلًا": the compound is the reporting verb.
        if v + 1 < n and not tx.gap(v + 1).strip():
            c2 = _cue_at(tx, v + 1)
            if c2 is not None and c2[0].kind == "participle" and c2[0].lemma == "قال" and cue.lemma != "قال":
                verb_text = tx.text[vstart : tx.toks[v + 1].end]
                frame_start = v + 2

        channel: str | None = None
        subject: _NP | None = None
        relayed_by: str | None = None
        if cue.kind == "according":
            # Only fronted: "بحسب مراسل “الحل نت”، فإن ...", "وفق المصدر، فإن ...".
            sentence_first = v == 0 or tx.sent[v - 1] != tx.sent[v] or "\n" in tx.gap(v)
            if not sentence_first:
                k += 1
                continue
            subject = _parse_np(tx, v + 1, n)
        elif cue.kind == "through":
            # "نقلت سانا عن مصدر عسكري ...", "علمت "المدن" من مصادر متابعة أن ...".
            outlet = _parse_np(tx, v + 1, n)
            if outlet is None or (outlet.last + 1 < n and tx.norm(outlet.last + 1) not in _norms("عن من")):
                # An outlet the actor list does not know: everything up to عن/من names it.
                for i in range(v + 1, min(n, v + 10)):
                    if tx.sent[i] != tx.sent[v] or tx.norm(i) in COMPLEMENTIZERS or _is_cue(tx, i):
                        break
                    if tx.norm(i) in _norms("عن من") and i > v + 1:
                        outlet = _finish_np(tx, v + 1, i - 1, tx.toks[v + 1].start, None, "generic")
                        break
            nxt = outlet.last + 1 if outlet else v + 1
            if outlet is not None and nxt < n and tx.norm(nxt) in _norms("عن من"):
                relayed_by = _outlet_name(tx, outlet)
                subject = _parse_np(tx, nxt + 1, n)
                channel = relayed_by
            elif outlet is not None:
                subject = outlet
        elif cue.kind == "finite":
            subject = _parse_np(tx, frame_start, n)
            if (
                subject is not None
                and subject.head == "generic"
                and subject.mentions == []
                and (_is_verbal_noun(tx.norm(subject.first)))
            ):
                subject = None

        search_from = subject.last + 1 if subject is not None else frame_start
        comp, _ = _find_complement(tx, v, cue, search_from)
        if (
            comp is None
            and cue.object in ("noun", "prep", "describe")
            and cue.kind in ("finite", "participle")
        ):
            after = search_from
            # Skip the frame's adjuncts: "... خلال الساعات الماضية، إحكام", "، التي ...، سيطرتها".
            comp = _verbal_noun_object(tx, v, cue, after)
        if comp is None:
            # Remember who the outlet of a source is, for a later "المصدر" (guidelines rule 5).
            if subject is not None and subject.head == "source":
                ch = _recipient_channel(tx, subject.first, min(n, subject.last + 4)) or channel
                if ch:
                    source_channels[tx.norm(subject.first).removeprefix("ال")] = ch
            k += 1
            continue

        # ---- speaker
        speaker: _Speaker
        if subject is None and cue.kind == "finite":
            subject = _subject_before(tx, v)
        if subject is None and v > 1 and tx.norm(v - 1) in RELATIVES:
            # "... من الفصائل المحلية والتي أعلنت": the antecedent right before the pronoun.
            m = next(
                (
                    m
                    for m in reversed(tx.mentions)
                    if m["char_end"] <= tx.toks[v - 1].start
                    and not tx.text[m["char_end"] : tx.toks[v - 1].start].strip(' ،,"”“')
                ),
                None,
            )
            if m is not None:
                subject = _finish_np(
                    tx,
                    tx.tok_at(m["char_start"]),
                    _mention_span_end(tx, m),
                    m["char_start"],
                    m["char_end"],
                    "actor",
                )
        if subject is not None:
            surface, actor = _speaker_from_np(tx, subject, rows)
            speaker = _Speaker(surface, actor, channel, subject.head)
        else:
            same_sentence_prev = bool(rows) and tx.sent[tx.tok_at(rows[-1]["char_start"])] == tx.sent[v]
            np_here = None
            if not (cue.kind == "participle" and same_sentence_prev):
                after = rows[-1]["char_end"] if same_sentence_prev else -1
                np_here = _subject_in_sentence(tx, v, after)
            if np_here is not None:
                surface, actor = _speaker_from_np(tx, np_here, rows)
                speaker = _Speaker(surface, actor, None, "actor")
            elif prev_speaker is not None:
                speaker = _Speaker(prev_speaker.surface, prev_speaker.actor_id, prev_speaker.channel, "")
            else:
                speaker = _Speaker(None, None, None, "")

        # ---- channel
        if speaker.channel is None or subject is not None:
            lo = v
            s = tx.sent[v]
            while (
                lo > 0
                and tx.sent[lo - 1] == s
                and (not rows or tx.toks[lo - 1].start >= rows[-1]["char_end"])
            ):
                lo -= 1
            hi = tx.tok_at(comp.start) if comp.quote is None else tx.tok_at(comp.quote.open)
            ch = channel or _channel(tx, lo, max(hi, v + 1))
            if ch is None and subject is not None:
                ch = _recipient_channel(tx, subject.last + 1, max(hi, subject.last + 1))
                if ch is None and tx.norm(subject.first).removeprefix("ال") in ("مراسل",):
                    # An outlet's own correspondent: the outlet is the channel.
                    ch = _outlet_in(tx, subject)
                if ch is None and subject.head == "source":
                    ch = source_channels.get(tx.norm(subject.first).removeprefix("ال"))
            if ch is None and subject is None:
                ch = speaker.channel
            speaker.channel = ch
        if subject is not None and subject.head == "source" and speaker.channel:
            source_channels[tx.norm(subject.first).removeprefix("ال")] = speaker.channel

        stance = cue.stance
        # ---- rows (a quoted predicate inside an indirect clause becomes its own direct row)
        pieces: list[_Complement] = [comp]
        if comp.quote_type == "indirect":
            inner = [
                q
                for q in tx.quotes
                if comp.start < q.open and q.close < comp.end + 1 and _is_predicate_quote(tx, q)
            ]
            if inner:
                q = inner[0]
                wa = tx.text[q.open - 1 : q.open] == "و"
                pre_end = _trim_end(tx.text, comp.start, q.open - 1 if wa else q.open)
                pieces = [_Complement(q.start, q.end, "direct", q)]
                if wa and pre_end > comp.start:
                    pieces.insert(0, _Complement(comp.start, pre_end, "indirect"))
        for piece in pieces:
            quote = tx.text[piece.start : piece.end]
            if not quote.strip():
                continue
            st = stance
            if piece.quote_type == "indirect":
                body = normalize(quote)
                words = body.split()
                if words and words[0] in COMPLEMENTIZERS:
                    body = " ".join(words[1:])
                if body.startswith(DENIAL_OPENINGS):
                    st = "deny"
            rows.append(
                {
                    "article_id": doc.article.article_id,
                    "speaker_actor_id": speaker.actor_id,
                    "speaker_surface": speaker.surface,
                    "quote": quote,
                    "quote_type": piece.quote_type,
                    "stance": st,
                    "reporting_verb": verb_text if cue.kind != "according" else tx.toks[v].text,
                    "channel": speaker.channel,
                    "char_start": piece.start,
                    "char_end": piece.end,
                }
            )
        covered_until = max(covered_until, comp.end)
        prev_speaker = speaker
        k = max(k + 1, tx.tok_at(comp.end))
    _link_events(doc, rows)
    doc.statements.extend(rows)


def _outlet_in(tx: _Text, np: _NP) -> str | None:
    """The outlet named inside a correspondent phrase ("مراسل “الحل نت”")."""
    surface = tx.text[np.start : np.end]
    for q in tx.quotes:
        if np.start <= q.open and q.close < np.end:
            return q.content(tx.text)
    words = surface.split()
    return " ".join(words[1:]) or None


def _link_events(doc: Doc, rows: list[Row]) -> None:
    """Set event_key on a statement that is the claim behind an event row.

    A claim is linked when the event's evidence overlaps the statement and the statement's
    speaker is the event's claimed_by actor (or, for unnamed sources, when the event is a
    claim or denial with no claimant). The largest overlap wins; ties go to the first event.
    """
    for r in rows:
        best: tuple[int, int] | None = None
        for i, ev in enumerate(doc.events):
            s, e = ev.get("char_start"), ev.get("char_end")
            if s is None or e is None:
                continue
            overlap = min(e, r["char_end"]) - max(s, r["char_start"])
            if overlap <= 0:
                continue
            claimant = ev.get("claimed_by_actor_id")
            same = claimant is not None and claimant == r["speaker_actor_id"]
            unnamed = (
                claimant is None
                and r["speaker_actor_id"] is None
                and ev.get("claim_status")
                in (
                    "claimed",
                    "denied",
                )
            )
            if not (same or unnamed):
                continue
            if best is None or overlap > best[0]:
                best = (overlap, i)
        if best is not None:
            r["event_key"] = best[1]
