"""Events: ACLED-coded events from trigger words, with place, actors, date, fatalities and claim.

Runs after the place and actor extractors and reads their mentions from the Doc. For every
clause (see segment.py) it finds trigger phrases (data/event_triggers.csv), decides the
sub-event type by context, and emits one row per action per named place:

- taking ground (`territory`): after fighting → "Non-state actor overtakes territory"; without
  it ("دون قتال", "بعد انسحاب قوات النظام") → "Non-violent transfer of territory"; by the
  government's side → "Government regains territory";
- bombardment (`attack`): aircraft in the clause → "Air/drone strike", artillery/rockets →
  "Shelling/artillery/missile attack", else "Armed clash";
- clashes (`clash`) in a clause that also takes ground are the fighting cue, not an event;
- `withdrawal`: a force leaving ground → "Non-violent transfer of territory";
- `fixed`: the lexicon's type, optionally gated by a cue word the clause must contain.

Places: the objects of the trigger (places after it that are not locators such as "في ريف
حمص", "قرب", "شمال"), each its own event; else the most specific place before it in the
clause. Actor1 is the subject of the trigger (after it, VSO, or before it, SVO) or the claimant
of a claim ("أعلنت غرفة العمليات … سيطرتها"); actor2 the opponent after مع/ضد/من/ل, or the
implied one (ground taken from government forces, civilians killed by shelling).
Dates come from the nearest date phrase in the clause (dates.py); clauses dated before the
offensive (2024-11-27) are background and skipped. Within one article an action at a place
is reported once: repeated mentions are merged into the first.

Further rules (lexicon broadening):
- place: with no object after the trigger, the more specific of the setting before it ("وفي
  سهل الغاب") and a locator after it ("سيارة في بلدة X") wins; places in a relative clause
  after the objects ("اللتين تعدّان بوابتي حمص") only describe them; an advance ("تقدمت")
  towards a place ("إلى", "نحو") takes no ground there;
- no place: an event is still emitted (place_id and geo_precision null) when its actor is
  named in the clause or is the combatant claiming it, except takeovers (unless of a road)
  and withdrawals, and except definite nouns ("المعارك") and aims ("للقاء");
- actors: unattributed aircraft stay without actor1 (the Syrian air force only when the text
  says "الطيران السوري" / "طائرات النظام"); no actor is carried over from earlier sentences;
- fatalities (_fatalities): the killing phrase after the trigger, else before it in the same
  clause; digits and number words (واحد…عشرة, teens, tens) count, split counts are summed
  ("أربعة مدنيين وعنصر" → 5), vague counts ("عشرات", "عدد من") give null with the phrase kept;
- an attack or clash whose object is civilians only, with no weapon, is Violence against
  civilians / Attack; "هجوم بطائرة مسيّرة" is the strike of that weapon;
- "تزامن ذلك", "بعد ساعات من", "في غضون ذلك" at a sentence start inherit the previous
  sentence's date (approximate), along a chain of such sentences; "في اليوم ذاته/نفسه" takes
  the last date told before it; "قد" before a perfect verb ("كانت … قد انتزعت") is no plan.

Actor and place refinements (dev-set error study):
- a subject after a title of a few words ("التقى وزير الخارجية الروسي سيرغي لافروف"), never
  after a preposition ("محادثات مع نظيره") or after the object place ("انتزاع بلدة X من قبضة
  القوات"); "الأخيرة" is the actor named last; units "تابعة لـ X" act for X; an agent right
  after a verbal noun ("لإسقاط الأهالي التمثال") beats the claimant; before a second trigger
  of a clause, actors before the comma closing the first belong to it; a fronted "بعد …،"
  shares the main clause's subject; "المدفعية الحكومية" → government forces, "مقاتلات روسية"
  → Russian forces;
- a dateline ("إدلب – …") is no event place; "بمنطقة X" and "الطريق المؤدي إلى X" locate;
  a sentence frame ("وفي مدينة X، … وخرج العناصر") places a withdrawal;
- "وأسفر القصف عن …" is the consequence of the strike just told, not a new one; an advance
  with no place right after it ("تتقدم على أكثر من محور") takes no ground.
"""

from __future__ import annotations

import csv
import itertools
import re
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from syria_events.arabic import normalize
from syria_events.dates import DateExpr, find_dates, is_future_marked
from syria_events.extract.actors import ensure_actor
from syria_events.model import Doc, Row
from syria_events.paths import data_dir
from syria_events.segment import Clause, NormText, Sentence, segment

__all__ = ["OFFENSIVE_START", "Trigger", "extract", "load_triggers"]

# Events dated before the offensive began are background ("بنهاية 2017").
OFFENSIVE_START = date(2024, 11, 27)

_W = r"[^\W\d_]"  # one letter
_WORDS_RE = re.compile(r"\w+")
# Proclitics a trigger word may carry: conjunction, preposition or imperfect prefix, article.
_PROCLITICS = r"(?:[وف])?(?:لل|ل[يتن]|[بلكيتن])?(?:ال)?"
_SUFFIX_PRONOUNS = r"(?:ها|هم|هما|ه|وا|ت|ا|ن|تها|تهم|ته)?"


@dataclass(frozen=True)
class Trigger:
    """One row of the trigger lexicon, with its compiled pattern (over normalised text)."""

    phrase: str
    match: str  # prefix: any ending; word: the word with clitic pronouns only
    role: str  # territory | deploy | withdrawal | attack | clash | fixed
    group: str  # for fixed "Other" triggers: what kind of act (release, meeting, call ...)
    event_type: str
    sub_event_type: str
    requires: re.Pattern[str] | None
    notes: str
    source: str
    pattern: re.Pattern[str]
    # Normalised literals every match contains (its words; for a derived verb, the stem after
    # its alif): a clause lacking one cannot match, so the pattern is not run over it.
    anchors: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def load_triggers() -> tuple[Trigger, ...]:
    """The trigger lexicon (data/event_triggers.csv), longest phrases first."""
    rows = []
    with open(data_dir() / "event_triggers.csv", encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            # "أطلق … النار": the words after "…" follow within a few words (the subject between).
            phrase, _, later = (
                x.strip() for x in normalize(r["trigger"].replace("…", "...")).partition("...")
            )
            first, *rest = phrase.split()
            # Derived verbs (forms VII, VIII, X: انسحب، اقتحم، استعاد) drop their alif in the
            # imperfect: ينسحب، تقتحم، يستعيد.
            if r["match"] == "prefix" and re.match(r"ا(?:ست|ن|\wت)", first):
                head = "(?:" + re.escape(first) + "|[يتن]" + re.escape(first[1:]) + ")"
                anchors = [first[1:]]
            else:
                head = re.escape(first)
                anchors = [first]
            anchors += rest + later.split()
            # Later words may carry the article: "القصف الجوي", "الضربات الجوية".
            # The first word may carry the accusative alif: "قصفاً مدفعياً", "ضربةً جوية".
            body = "".join([head + ("ا?" if rest else "")] + [r"\s+(?:ال)?" + re.escape(w) for w in rest])
            tail = r"\w*" if r["match"] == "prefix" else _SUFFIX_PRONOUNS
            ahead = ""
            if later:
                words = r"\s+".join(re.escape(w) for w in later.split())
                ahead = r"(?=(?:\s+\S+){1,5}?\s+" + words + r"(?!\w))"
            pattern = re.compile(r"(?<!\w)" + _PROCLITICS + body + tail + r"(?!\w)" + ahead)
            requires = re.compile(normalize(r["requires"])) if r["requires"] else None
            rows.append(
                Trigger(
                    r["trigger"], r["match"], r["role"], r["group"], r["event_type"], r["sub_event_type"],
                    requires, r["notes"], r["source"], pattern, tuple(a for a in anchors if a),
                )
            )  # fmt: skip
    rows.sort(key=lambda t: -len(t.phrase))
    return tuple(rows)


# --- context cues (normalised text) -------------------------------------------------------------

_NO_FIGHT_RE = re.compile(
    # "دون قتال", "من دون أن تخوض أي مواجهة", "دون أي مقاومة تذكر", "من دون أن تطلق رصاصة واحدة"
    r"(?:دون|بدون|من\s+دون)\s+(?:ان\s+\S+\s+)?(?:(?:اي|ايه|حصول|وقوع)\s+)?"
    r"(?:قتال|اشتباك\w*|مواجه\w*|اطلاق\s+(?:نار|النار|رصاص\w*)|رصاص\w*|مقاومه|معارك)"
    r"|(?<!\w)(?:و)?لم\s+(?:[تي]طلق|يطلق|تسجل|يسجل)\s+(?:اي\s+)?(?:رصاص\w*|اشتباك\w*|مواجه\w*)"
    # "بعد انسحاب قوات النظام", "عقب انسحاب مقاتلي قسد منها", "إثر خروج مسلحي الفصائل": whoever
    # withdrew, the place changed hands without a fight.
    r"|(?:بعد|عقب|اثر)\s+(?:ان\s+)?(?:انسحاب|انسحبت|انسحب|خرجت|خرج|خروج|اخلاء|اخلت|ترك\w*|فرار|هروب|فر|فرت|فروا|هربت|هرب|هربوا)\s+"
    r"[«\"]?(?:ال)?(?:قوات|عناصر|جيش|مقاتل\w*|مسلح\w*|فصائل|وحدات|ميليشي\w*|مليشي\w*|حامي\w*|جنود|حراس\w*"
    r"|شرطه|الشرطه|قسد|النظام|داعش|التنظيم|حزب)"
    r"|بعد\s+تسليم"
    # "سيطرت على مواقع مهجورة للجيش": positions left empty
    r"|(?:مواقع|نقاط|ثكنات|مقرات|مراكز)\s+(?:\S+\s+)?(?:مهجوره|خاليه|اخلاها|تركها)"
)
# Clitics and article that may stand before a weapon word ("وبالطائرات", "للمدفعية").
_CLITICS = r"(?<!\w)(?:[وفبل]|ال|بال|وال)*"
_FIGHT_RE = re.compile(
    r"(?<!\w)(?:ب|ل)?(?:اشتباك\w*|مواجهات|معارك|معركه|قتال|هجوم|هجمات|طرد|اقتحام|عنيف\w*|محتدم\w*)(?!\w)"
)
_AIR_RE = re.compile(
    _CLITICS + r"(?:طائر\w*|طيران|غار(?:ه|ات)|مسير\w*|مروحي\w*|برميل\w*|براميل|"
    r"مقاتلات|جوي\w*|سلاح\s+الجو)"
)
_NOT_AIR_RE = re.compile(r"(?:المخابرات|الاستخبارات|مخابرات|الدفاع|الدفاعات|دفاعات)\s+(?:ال)?جوي\w*")
# Aircraft the text itself calls Syrian or the regime's.
_SYRIAN_AIR_RE = re.compile(
    _CLITICS + r"(?:طائر\w*|طيران|مقاتلات|مروحي\w*|سلاح\s+الجو)(?:\s+(?:ال)?(?:حربي\w*|مسير\w*))?"
    r"\s+(?:ال)?(?:سوري\w*|نظام|حكومي\w*|جيش\s+السوري)(?!\w)|(?<!\w)(?:ب|و)?سلاح\s+الجو\s+السوري"
)
_ARTILLERY_RE = re.compile(_CLITICS + r"(?:مدفع\w*|قذائف|قذيفه|صاروخ\w*|صواريخ|راجم\w*|هاون)")
_CIVILIAN_TARGET_RE = re.compile(r"(?<!\w)\w{0,3}(?:مدني\w*|احياء|منازل|سكان|الاهالي|اهالي|مدرس\w*|سوق)")
_ARMED_TARGET_RE = re.compile(
    r"(?<!\w)\w{0,3}(?:مجموع\w*\s+مسلح\w*|تجمعات|ارهابي\w*|مقاتل\w*|مسلحين|رتل\w*|مواقع|ثكن\w*|حاجز\w*|اليات)"
)
# Verbs of saying/announcing (normalised), and of denying.
_CLAIM_RE = re.compile(
    r"(?<!\w)(?:[وف])?(?:اعلن|اعلنت|اعلان|اعلانها|اعلانه|قال|قالت|اكد|اكدت|تاكيد|اشار|اشارت|افاد|افادت|اضاف|اضافت|"
    r"ذكر|ذكرت|اوضح|اوضحت|اقر|اقرت|بث|بثت|نقلت|نقل|تبنت|تبني|زعم|زعمت|مؤكده|مؤكدا|"
    # the present tense of agency style ("تعلن وزارة الدفاع في بيان أن …")
    r"تعلن|يعلن|تقول|يقول|تؤكد|يؤكد|تفيد|يفيد|تذكر|يذكر)(?!\w)"
)
# "أنباء انسحاب …", "التقارير عن سقوط …": news of an act, told as such right before it …
_REPORTS_BEFORE_RE = re.compile(r"(?<!\w)(?:[وب])?(?:ال)?(?:انباء|انبا|تقارير|انباءا)(?:\s+(?:عن|حول))?\s*$")
# … and called false after it ("بأنها عارية عن الصحة", "لا أساس لها من الصحة", "غير صحيحة").
_FALSE_AFTER_RE = re.compile(
    r"(?<!\w)(?:عار\w*\s+(?:تماما\s+)?(?:عن|من)\s+الصحه|لا\s+اساس\s+لها|غير\s+صحيح\w*|مفبرك\w*|كاذب\w*)"
)
_DENY_RE = re.compile(r"(?<!\w)(?:[وف])?(?:نفت|نفي|نفى|تنفي|ينفي|لا\s+صحه|عدم\s+صحه|كذبت)(?!\w)")
# Right before a trigger: not an event at all (aim, discussion, someone else's purpose).
_NOT_EVENT_BEFORE_RE = re.compile(
    r"(?<!\w)[وف]?(?:نحو|بهدف|بانتظار|تمهيدا|تحسبا|خشيه|تفاديا|من\s+اجل|لمنع|تعطيل\s+تقدم\s+\S+|ناقش|لمناقشه|بحث|ضروره|عدم|"
    r"مقابل|صدي|(?:و|ف)?لم|لن|لا|تجنيب\w*|تحييد\w*|اعاده|خسارته|خسارتها|"
    # "دون قتال" (a no-fighting cue), "تحييدها عن القتال", "التطورات في القتال" (a topic),
    # "منع دخول", "دعت إلى وقف إطلاق النار" (a call, not the act), "للتوصل إلى اتفاق".
    r"(?:من\s+)?دون|بدون|منع|يمنع|تمنع|(?:تحييد|ابعاد|ابتعاد|بعيدا)\w*\s+عن|"
    r"(?:التطورات|الوضع|الاوضاع|المستجدات)(?:\s+\S+)?\s+(?:في|حول)|"
    r"(?:دعا|دعت|يدعو|تدعو|دعوه|دعوات|طالب\w*|يطالب\w*|تطالب\w*)\s+(?:الي|ب)|للتوصل\s+الي|"
    r"(?:لل|ل|ال)?مطالب\w*|طالب\w*|يطالب\w*|تطالب\w*|"
    # "أن تكون أنقرة طرفاً في الهجوم": taking part as a topic; "خشية وصول المعارك إليها": a fear;
    # "لن نتوقف قبل تحرير آخر شبر": a goal.
    r"طرف\w*\s+(?:في|ب)|(?:خشيه|خوفا\s+من|تحسبا\s+(?:ل|من)|مخاوف\s+من|تخوف\w*\s+من)(?:\s+\S+)?|"
    r"(?:لن|لا|لم)\s+\S+\s+(?:قبل|حتي)(?:\s+\S+)?)\s*$"
)
# Right before a trigger: a planned or prepared action.
_PLANNED_BEFORE_RE = re.compile(
    r"(?<!\w)(?:تستعد|يستعد|تستعدان|للبدء\s+في(?:\s+\S+)?|لقياده|من\s+المقرر\s+ان\s+\S+(?:\s+\S+){0,4}|يعتزم|تعتزم|قد|سوف)\s*$"
)
_NEGATED_RE = re.compile(
    r"(?<!\w)(?:(?:من\s+)?(?:دون|بدون)\s+(?:ان\s+\S+\s+)?|لم\s+(?:[تي](?:سجل|قع|حدث|حصل|خض|طلق))\s+)(?:(?:ان|حصول|وقوع|اي|ايه)\s+)*$"
)
# Trigger words that are part of a name, not an act.
_NOT_TRIGGER_RE = re.compile(r"(?:[وفبل]|ال|لل)*(?:تحرير\s+الشام|التحرير\s+الوطني|تحرير\s+سوريا)")
_MOTION_RE = re.compile(r"(?<!\w)(?:[وف])?(?:ال)?(?:س?[يت])?(?:توجه\w*|اتجه\w*|تجه|تقدم\w*|زحف\w*)(?!\w)")
# "الاجتماع": the definite form refers back to a meeting already reported.
_DEFINITE_REPEAT = frozenset({"الاجتماع", "والاجتماع", "الاتفاق", "والاتفاق"})
# Calls and demands are events in themselves, reported rather than claimed.
_SPEECH_ACTS = frozenset({"دعت", "دعا", "نداء", "حثت", "حث", "طالب"})
# Sentences that attach to the previous one's time ("تزامن ذلك مع …", "وجاء ذلك بعد …").
_SAME_TIME_RE = re.compile(
    r"^(?:و)?(?:(?:تزامن|جاء|ياتي|يجيء|ترافق|يتزامن)\s+ذلك|بالتزامن|في\s+غضون\s+ذلك|في\s+الاثناء|"
    r"في\s+(?:الوقت|الاثناء)\s+(?:ذاته|نفسه)|(?:بعد|قبل)\s+(?:ساعات|ساعه|ساعتين)(?:\s+\S+)?\s+(?:من|علي))"
)
_ANAPHORA_RE = re.compile(
    r"(?<!\w)(?:[وف])?(?:عليها|عليهما|منها|منهما|منه|اليها|اليهما|فيها|فيهما|محيطها|اطرافها|المدينه|البلده|القريه|"
    r"داخلها|دخولها|\w+ها)(?!\w)"
)
_FRAME_RE = re.compile(r"^(?:و)?(?:اما\s+)?(?:في|وفي|الي)\s+")
# Fatalities (see _fatalities): a killing word, a number, the victims' noun, and split counts.
_UNITS = {
    "واحد": 1, "واحده": 1, "احد": 1, "احدي": 1, "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2,
    "اثنا": 2, "اثني": 2, "ثلاث": 3, "ثلاثه": 3, "اربع": 4, "اربعه": 4, "خمس": 5, "خمسه": 5,
    "ست": 6, "سته": 6, "سبع": 7, "سبعه": 7, "ثمان": 8, "ثماني": 8, "ثمانيه": 8, "تسع": 9, "تسعه": 9,
    "عشر": 10, "عشره": 10,
}  # fmt: skip
_TENS = {
    "عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "اربعون": 40, "اربعين": 40,
    "خمسون": 50, "خمسين": 50, "ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70,
    "ثمانون": 80, "ثمانين": 80, "تسعون": 90, "تسعين": 90, "مئه": 100, "مائه": 100,
}  # fmt: skip
_NUMBER_WORDS = {**_UNITS, **_TENS}
_U = "|".join(sorted(_UNITS, key=len, reverse=True))
_T = "|".join(sorted(_TENS, key=len, reverse=True))
# "13", "ثلاثة عشر" (13), "خمسة وعشرون" (25), "عشرون", "أربعة".
_FATALITY_NUMBER = rf"\d+|(?:{_U})\s+و(?:{_T})|(?:{_U})\s+(?:عشر|عشره)|{_T}|{_U}"
_VAGUE = r"عشرات|العشرات|مئات|المئات|الاف|العديد|عدد|عددا|بعض"
_KILL = r"مقتل|قتل|قتلت|قتلوا|مصرع|استشهاد|استشهد|وفاه|سقوط|لقي|لقيت|لقوا|اوقع\w*|خلف\w*|حصيله"
_QUALIFIER = r"(?:(?:نحو|حوالي|قرابه|اكثر\s+من|ما\s+لا\s+يقل\s+عن)\s+)?"
# A victim counted as one ("وعنصر", "ومدني واحد") or two (a dual: "وطفلين").
_ONE = (
    r"(?:مدني|مدنيا|عنصر|عنصرا|جندي|جنديا|مقاتل|مقاتلا|طفل|طفلا|طفله|امراه|شخص|شخصا|ضابط|ضابطا|مسلح"
    r"|مسلحا|رجل|رجلا|شاب|شابا|سيده|فتاه|زوجته|زوجها|ابنه|ابنها|ابنته|ابنتها|طفلته|طفلها)"
)
# A dual in any case: "مقتل طفلين", "قُتل مدنيان".
_TWO = (
    r"(?:شخصين|طفلين|عنصرين|جنديين|ضابطين|مسلحين\s+اثنين|مدنيين\s+اثنين|مقاتلين\s+اثنين|قتيلين|شهيدين"
    r"|شخصان|طفلان|عنصران|جنديان|ضابطان|مدنيان|مقاتلان|قتيلان|شهيدان|شابان|شابين)"
)
# An adjective of the victims' noun ("أربعة مقاتلين محليين ومدني واحد"): a nisba form.
_ADJ = r"(?!و)\w+(?:يين|يون|يات|يه)(?!\w)"
# "أودت، مساء أمس، بحياة أربعة مدنيين": the killing verb, an aside between commas, then بحياة.
_TOOK_LIVES = r"اود(?:ت|ي|ا|وا)?\s*(?:،[^،]{0,40}،\s*)?بحياه(?:\s+عائله\s+من)?"
_FATALITIES_RE = re.compile(
    # "بعد معارك قُتل فيها 12 عنصراً": "فيها" (in them) between the verb and the count.
    rf"(?<!\w)(?:ب|و|ل|ف)?(?:{_KILL}|{_TOOK_LIVES})\s+(?:(?:فيها|فيه|خلالها|خلاله|جراءها|جراءه)\s+)?{_QUALIFIER}"
    rf"(?:(?P<dual>{_TWO})|(?P<n>{_FATALITY_NUMBER}|{_VAGUE})(?!\w)(?:\s+(?P<noun>\w+)(?:\s+{_ADJ})?)?)"
    rf"|(?<!\w)(?P<n2>{_FATALITY_NUMBER}|{_VAGUE})\s+(?:من\s+)?(?P<noun2>قتلي|القتلي|قتيلا|قتيل|شهيدا|شهداء)(?!\w)"
    # "ثلاثة من مقاتليها قُتلوا": the count before a passive or intransitive killing verb.
    rf"|(?<!\w)(?P<n3>{_FATALITY_NUMBER})\s+(?:من\s+)?\w+(?:\s+\w+){{0,3}}?\s+(?:قد\s+)?(?:قتلوا|قتلا|استشهدوا|لقوا\s+حتفهم|لقوا\s+مصرعهم)(?!\w)"
    # "مقتل رجل وزوجته", "استشهاد طفل": one victim named by a singular noun.
    rf"|(?<!\w)(?:ب|و|ل|ف)?(?:مقتل|قتل|مصرع|استشهاد|استشهد)\s+(?P<one>{_ONE})(?!\w)"
)
# A further part of a split count right after the first: "أربعة مدنيين وعنصر من الفصائل".
_MORE_RE = re.compile(
    rf"\s*(?:،\s*)?و(?:(?P<dual>{_TWO})|(?P<n>{_FATALITY_NUMBER})\s+\w+|(?P<one>{_ONE})(?:\s+(?:واحد|اخر))?)(?!\w)"
)
# Words between a designator and a place name, skipped when looking for a preposition.
_DESIGNATORS = frozenset(
    [
        "مدينه",
        "مدينتي",
        "مدن",
        "بلده",
        "بلدتي",
        "بلدات",
        "قريه",
        "قري",
        "قريتي",
        "منطقه",
        "مناطق",
        "محافظه",
        "محافظتي",
        "حي",
        "احياء",
        "ناحيه",
        "حاجز",
        "حاجزي",
        "مطار",
        "معبر",
        "كتيبه",
        "مخيم",
        "جسر",
        "سجن",
        "العاصمه",
        # "في سهل الحولة", "في سهول حوران": a plain named by the place it holds.
        "سهل",
        "سهول",
    ]
)
# Prepositions and spatial nouns that make a place the setting, not the object, of an action.
_LOCATORS = frozenset(
    [
        "في",
        "عبر",
        "قرب",
        "شمال",
        "جنوب",
        "شرق",
        "غرب",
        "شمالي",
        "جنوبي",
        "شرقي",
        "غربي",
        "اطراف",
        "محيط",
        "عند",
        "داخل",
        "تخوم",
        "مشارف",
        "ضواحي",
        "بين",
        "بمحيط",
        "باطراف",
        "بالقرب",
        "ريف",
        "ارياف",
        "الواقعه",
        "الواقع",
        "التابعه",
        "التابع",
        "ابناء",
        "من",
        "عن",
        "بعد",
        "خارج",
    ]
)
_RELATIVE = r"(?<!\w)(?:الذي|التي|اللذين|اللتين|اللذان|اللتان|الذين|اللواتي)(?!\w)"
_DESTINATIONS = frozenset(["نحو", "باتجاه", "تجاه", "صوب", "عبر"])
_SOURCES = frozenset(["مصدره", "مصدرها", "انطلاقا"])
# "في المدينة", "داخل البلدة": a place named before, referred to by its designator alone.
_DEFINITE_TOWN_RE = re.compile(r"(?<!\w)(?:في|داخل|وسط)\s+(?:المدينه|البلده|القريه)(?!\w)")
_EXCEPTIONS = frozenset(["باستثناء", "عدا", "سوى", "سوي", "ماعدا", "خلا"])
# Prepositions marking an actor as object/opponent rather than subject, and nouns owning a post.
# "الفصائل بقيادة هيئة تحرير الشام": the leader named after a subject describes it.
_LEADER_RE = re.compile(
    r"(?<!\w)(?:ب|و)?(?:قياده|بزعامه|زعامه|تقودها|يقودها|تتزعمها|يتزعمها)(?!\w)"
    r"|(?<!\w)و?في\s+(?:طليعتها|مقدمتها|طليعتهم|مقدمتهم)(?!\w)"
)
_ACTOR_PREPS = frozenset(["مع", "ضد", "من", "علي", "عن", "الي", "ل", "ب", "لصالح", "بين"])
_PARTITIVES = frozenset(
    [
        "مجموعات",
        "مجموعه",
        "عدد",
        "عناصر",
        "مئات",
        "عشرات",
        "الاف",
        "مقاتلون",
        "مقاتلين",
        "مسلحون",
        "مسلحين",
        "افراد",
    ]
)
_POSSESSORS = frozenset(
    [
        "حاجز", "حاجزا", "حاجزي", "مفرزه", "فرع", "مبني", "مقر", "مقرات", "ثكنه", "سجن", "مخفر",
        "نقاط", "رتلا", "قبضه", "مواقع", "موقع", "تجمعات", "رتل", "ارتال", "دوريه", "اليات",
    ]
)  # fmt: skip
_PLACE_RANK = {
    "facility": 0, "military_site": 0, "border_crossing": 0, "road": 1, "village": 1, "town": 1,
    "mountain": 1, "river": 3, "city": 2, "region": 4, "governorate": 5, "country": 6,
}  # fmt: skip
_BROAD = frozenset({"region", "governorate", "country"})
_COMBATANT_SIDES = frozenset({"government", "opposition", "sdf", "foreign", "isis"})
_STATE_MEDIA = frozenset({"sana", "syr_state_media"})
# Neutral in side only because nobody knows whose they are: gunmen of unknown affiliation act.
_UNKNOWN_ARMED = frozenset({"unidentified_armed_group"})
# "تصدّى لهجوم", "صدّت هجوماً", "أحبطت محاولة تسلل": the subject defended.
_REPELLED_RE = re.compile(r"(?<!\w)[وف]?(?:تصد\w*|صد|صدت|صدوا|يصد\w*|احبط\w*|افشل\w*)\s*(?:ل|ال)?\s*$")
_PART_OF_RE = re.compile(r"(?<!\w)(?:خلالها|خلاله|فيها|فيه|لاجراء|لعقد|للقاء|لبحث|للتشاور)(?!\w)")
_CIVILIAN_DEAD_RE = re.compile(r"مدني|اطفال|طفل|نساء|امراه|رجل\s+وزوجته|عائله")
_CLOSE_QUOTE_RE = re.compile('["”»]')
_NEEDS_PLACE = frozenset({"Armed clash", "Arrests"})
_SURRENDER_RE = re.compile(r"انفسهم|استسلم")
_PATRON_RE = re.compile(r"(?<!\w)(?:ال)?(?:مدعوم|موالي|مقرب)\w*\s+(?:من\s+)?ل?$")
_TOLD_OF_RE = re.compile(
    r"(?<!\w)[وف]?(?:تحدث|تحدثت|افاد|افادت|سجل|وسجل|رصد|رصدت)\w*\s+(?:\S+\s+){0,2}(?:عن\s+)?$"
)
_TERMS_RE = re.compile(r"(?<!\w)(?:يقضي|تقضي|ينص|تنص|بموجبه|بموجبها|يتضمن|تتضمن|مقابل)(?!\w)")
_COMPLEMENTISER_RE = re.compile(r"(?<![\u0621-\u064a])(?:أن|إن|بأن|أنه|إنه|أنها|إنها)(?![\u0621-\u064a])")
_REPEL_WORD_RE = re.compile(r"[وف]?(?:تصدي|تصدت|تصدوا|صد|صدت|صدوا|احبط|احبطت|احبطوا)")
# "صدّوا هجوماً لخلايا التنظيم": the attackers after the repelled attack.
_ATTACK_OF_RE = re.compile(
    r"\s*(?:هجوما|هجمات|هجوم)?\s*(?:شنه|شنته|شنها|نفذه|نفذته|نفذها)?\s*ل?"
    r"(?:خلايا|خليه|عناصر|مقاتلي|مسلحي)?\s*"
)
# "نفت قيادة الشرطة، في بيان نقلته وكالة سانا، …": the agency relays, the police deny.
_RELAY_RE = re.compile(
    r"(?<!\w)(?:بيان|تصريح|تصريحات|رساله|كلمه|خطاب|تسجيل|مقطع)\s+(?:\w+\s+)?"
    r"(?:نقلته|نقلها|نقله|اوردته|اوردها|بثته|بثها|نشرته|نشرها|اوردتها|تناقلته|تناقلتها)$"
)
# "هجوم شنّته / نفّذته / شنّه": the verb between an attack noun and its agent.
_LAUNCHED_RE = re.compile(
    r"\s*(?:شنت|شنه|شنته|شنها|نفذت|نفذه|نفذته|نفذها|تبنته|تبنت|اطلقها|اطلقه|اطلقتها|مصدره|مصدرها)"
    r"(?:\s+(?:مواقع|مدفعيه|منصات))?"
    r"(?:\s+(?:خلايا|خليه|عناصر|مقاتلو|مقاتلي|مسلحو|مسلحي|مجموعه|مجموعات))?\s*"
)
_PERSON_TYPES = frozenset({"person", "state_official", "foreign_official"})
_GENERIC_ACTORS = frozenset({"opposition_factions"})
# "طائرة مسيّرة تابعة لقوات النظام", "راجمات الصواريخ التابعة للجيش": the owner acts.
_OWNED_BY_RE = re.compile(r"(?<!\w)(?:ال)?تابع(?:ه|ين|ون)?\s+(?:ل|لل|ل\W+|لل\W+)?$")
# "الأخيرة" right after a verb: the actor named last ("فيما انسحبت الأخيرة").
_LATTER_RE = re.compile(r"\s*(?:ال)?اخير(?:ه|ان|ون|ين)?(?!\w)")
# Weapons and aircraft called by their owner's adjective, when no actor is tagged there.
_GOV_WEAPON_RE = re.compile(
    _CLITICS + r"(?:مدفعي\w*|راجم\w*|دبابات|مدرعات|صواريخ|قذائف)\s+"
    r"(?:ال)?(?:حكومي\w*|النظام|السوري\w*|الجيش)(?!\w)"
)
# Aircraft a nationality adjective attributes ("طائرة مسيّرة تركية", "الطيران الإسرائيلي").
_FOREIGN_AIR = {
    "روسي": "russian_forces",
    "ترك": "turkish_forces",
    "اسرائيلي": "idf",
    "امريكي": "us_forces",
    "اميركي": "us_forces",
    "اردني": "jordan_armed_forces",
}
_FOREIGN_AIR_RE = re.compile(
    r"(?<!\w)(?<!مع\s)(?:[وفبل]|ال|بال|وال)*(?:طائر\w*|طيران|مقاتلات|مروحي\w*|مسير\w*|غاره|غارات|ضربه|ضربات)"
    r"(?:\s+(?:ال)?(?:حربي\w*|مسير\w*|جوي\w*))?"
    r"\s+(?:ال)?(?P<nat>روسي|ترك|اسرائيلي|امريكي|اميركي|اردني)\w*(?!\w)"
)
_CONTRAST = frozenset({"بينما", "في حين", "فيما", "لكن", "لكنه", "الا ان"})
# Clauses telling another action than their neighbours: contrasts, and "بعد ساعات من إعلانها
# السيطرة على حمص" (an earlier action told as a time adjunct).
_APART = _CONTRAST | {"بعد ساعات"}
_VIOLENT = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
_TAKEOVER = frozenset({"Non-state actor overtakes territory", "Non-violent transfer of territory"})
_EVENT_TYPE = {
    "Armed clash": "Battles",
    "Government regains territory": "Battles",
    "Non-state actor overtakes territory": "Battles",
    "Air/drone strike": "Explosions/Remote violence",
    "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Non-violent transfer of territory": "Strategic developments",
    "Attack": "Violence against civilians",
    "Peaceful protest": "Protests",
    "Protest with intervention": "Protests",
    "Excessive force against protesters": "Protests",
}
# A weapon right after an attack word: "هجوم بطائرة مسيّرة", "استهدفوا بقذائف الهاون".
_INSTRUMENT_RE = re.compile(r"^\W*(?:\S+\s+){0,3}?(?:ب|بواسطه\s+)(?:ال)?\S")
_INTERVENTION_RE = re.compile(
    r"(?<!\w)(?:[وف])?(?:تفريق|فرقت|فرق|قمع|قمعت|اعتقلت|اعتقال|الغاز\s+المسيل|الرصاص\s+الحي|(?:ال)?هراوات|"
    r"اطلقت\s+النار|اطلقوا\s+النار|اطلاق\s+النار)"
)


# --- per-article state --------------------------------------------------------------------------


@dataclass
class _Ctx:
    """Per-article state: the text in both forms, the entity mentions, and running context."""

    doc: Doc
    nt: NormText
    places: list[Row]
    actors: list[Row]
    last_speaker: str | None = None
    prev_sentence_date: DateExpr | None = None

    def __post_init__(self) -> None:
        # Hot paths: the normalised text and offset map held directly, and dates memoised.
        self._norm = self.nt.norm
        self._index = self.nt.norm_index
        self._dates: dict[tuple[str, date], list[DateExpr]] = {}

    @property
    def norm(self) -> str:
        return self._norm

    def n(self, k: int) -> int:
        return self._index[k]

    def ntext(self, s: int, e: int) -> str:
        """Normalised text of the original span [s, e)."""
        index = self._index
        return self._norm[index[s] : index[e]]

    def find_dates(self, text: str, published: date) -> list[DateExpr]:
        """`dates.find_dates`, memoised per article (a pure function; do not modify the list)."""
        key = (text, published)
        found = self._dates.get(key)
        if found is None:
            found = self._dates[key] = find_dates(text, published)
        return found

    def words_before(self, k: int, limit: int, floor: int = 0) -> list[str]:
        """Up to `limit` normalised words before original offset k (nearest last)."""
        return _WORDS_RE.findall(self.ntext(floor, k))[-limit:]

    def glued(self, k: int, letters: str) -> bool:
        """Whether the mention at k carries a one-letter proclitic from `letters` ("بريف")."""
        t = self.doc.text
        return k > 0 and t[k - 1] in letters and (k < 2 or not t[k - 2].isalpha())

    def actor_row(self, actor_id: str | None) -> Row:
        return self.doc.actors.get(actor_id or "", {})

    def side(self, actor_id: str | None) -> str | None:
        if actor_id is None:
            return None
        side = self.actor_row(actor_id).get("side")
        if side:
            return str(side)
        if actor_id.startswith("syr_") or actor_id in {"bashar_al_assad", "ali_mahmoud_abbas"}:
            return "government"
        return "civilian" if actor_id == "civilians" else None

    def kind(self, place_id: str) -> str:
        return str(self.doc.places.get(place_id, {}).get("kind") or "city")


@dataclass
class _Hit:
    trigger: Trigger
    start: int  # original offsets of the whole trigger word(s)
    end: int


@dataclass
class _Event:
    """An event under construction, with where it came from (for article-level merging)."""

    row: Row
    sentence: int
    clause: int
    place_span: tuple[int, int] | None
    group: str = ""  # what kind of act, for "Other" events at one place
    cue: str = ""  # for takeovers: "fight", "calm" or "" (typed by default)
    apart: bool = False  # told in a clause of its own ("فيما …", "بعد ساعات من …")


@lru_cache(maxsize=1 << 16)
def _opener(word: str) -> bool:
    """Whether a word (after its و) opens a new clause: a trigger or a verb of saying
    (memoised: a pure function of the word)."""
    if _CLAIM_RE.fullmatch(word) or _DENY_RE.fullmatch(word):
        return True
    return any(t.role != "clash" and t.pattern.fullmatch(word) for t in _candidates(word))


def _candidates(seg: str) -> list[Trigger]:
    """The triggers (in lexicon order) whose literal words all occur in `seg`: only these can
    match there. An anchor is all letters, so it occurs in `seg` only inside one of its words."""
    present: set[str] = set()
    for word in set(_WORDS_RE.findall(seg)):
        present |= _anchors_in(word)
    if not present:
        return []
    triggers, by_anchor = _anchor_index()
    found = sorted({i for x in present for i in by_anchor.get(x, ())})
    return [t for t in (triggers[i] for i in found) if all(x in present for x in t.anchors)]


@lru_cache(maxsize=1)
def _anchor_index() -> tuple[tuple[Trigger, ...], dict[str, tuple[int, ...]]]:
    """The lexicon, and for each trigger's first anchor the positions of its triggers."""
    triggers = load_triggers()
    by_anchor: dict[str, list[int]] = {}
    for i, t in enumerate(triggers):
        by_anchor.setdefault(t.anchors[0], []).append(i)
    return triggers, {x: tuple(ix) for x, ix in by_anchor.items()}


@lru_cache(maxsize=1 << 16)
def _anchors_in(word: str) -> frozenset[str]:
    """The lexicon's anchors occurring in a word (memoised: a pure function of the word)."""
    return frozenset(x for t in load_triggers() for x in t.anchors if x in word)


def _find_triggers(ctx: _Ctx, clause: Clause) -> list[_Hit]:
    """Trigger matches in a clause, longest first then left to right, without overlaps."""
    a = ctx.n(clause.start)
    seg = ctx.ntext(clause.start, clause.end)  # sliced so that look-behinds stop at the clause
    taken: list[tuple[int, int]] = []
    hits: list[_Hit] = []
    for t in _candidates(seg):
        for m in t.pattern.finditer(seg):
            if any(m.start() < y and x < m.end() for x, y in taken):
                continue
            if t.requires is not None and not t.requires.search(seg):
                continue
            if _NOT_TRIGGER_RE.match(seg, m.start()):
                continue  # "هيئة تحرير الشام": a name, not an act
            if t.role == "clash" and _NEGATED_RE.search(seg, 0, m.start()):
                continue  # "دون قتال", "من دون إطلاق النار": a no-fighting cue, not a clash
            s, e = ctx.nt.orig(a + m.start(), a + m.end())
            if any(x["char_start"] <= s and e <= x["char_end"] for x in ctx.actors):
                continue  # inside an actor's name ("غرفة عمليات ردع العدوان")
            taken.append(m.span())
            hits.append(_Hit(t, s, e))
    hits.sort(key=lambda h: h.start)
    return _merge_adjacent(hits, ctx)


def _vague_advance(ctx: _Ctx, hit: _Hit, clause: Clause) -> bool:
    """Whether an advance ("تقدمت", "تتقدم") is not followed closely by the place it reached:
    more than three words (besides actor names) or a comma before the next place."""
    nxt = next((m for m in ctx.places if hit.end <= m["char_start"] < clause.end), None)
    if nxt is None:
        return True
    gap = ctx.ntext(hit.end, nxt["char_start"])
    for a in ctx.actors:
        if hit.end <= a["char_start"] and a["char_end"] <= nxt["char_start"]:
            gap = gap.replace(normalize(a["surface"]), " ")
    return "،" in gap or len(_WORDS_RE.findall(gap)) > 3


def _family(t: Trigger) -> str:
    if t.role in {"territory", "deploy"}:
        return "territory"
    if t.role in {"attack", "clash"} or t.event_type == "Explosions/Remote violence":
        return "violence"
    return t.role + ":" + t.sub_event_type


def _merge_adjacent(hits: list[_Hit], ctx: _Ctx) -> list[_Hit]:
    """ "بسطت سيطرتها", "غارات استهدفت": two trigger words for one action become one hit
    (the more specific of the two kept)."""
    out: list[_Hit] = []
    for h in hits:
        if out:
            p = out[-1]
            # Words of actor mentions in between do not separate them ("بسطت الفصائل سيطرتها").
            gap = ctx.ntext(p.end, h.start)
            for a in ctx.actors:
                if p.end <= a["char_start"] and a["char_end"] <= h.start:
                    gap = gap.replace(normalize(a["surface"]), " ")
            # Nor does a date ("استعادت قوات النظام، فجر اليوم الأربعاء، السيطرة على").
            for d in ctx.find_dates(gap, ctx.doc.article.published_date):
                gap = gap[: d.start] + " " * (d.end - d.start) + gap[d.end :]
            # Nor does the leader of the subject ("بسطت الفصائل بقيادة هيئة تحرير الشام سيطرتها").
            gap = _LEADER_RE.sub(" ", gap)
            # Nor adjectives of the first ("غارة جوية روسية استهدفت").
            gap = re.sub(r"(?<!\w)\w{2,}(?:يه|ي)(?!\w)", " ", gap)
            # Nor the preposition left of an owner ("قصفاً مدفعياً لقوات الجيش استهدف").
            gap = re.sub(r"(?<!\w)(?:ل|لل)(?:قوات|عناصر|وحدات)?(?!\w)", " ", gap)
            if _family(p.trigger) == _family(h.trigger) and not _WORDS_RE.findall(gap):
                if p.trigger.role in {"attack", "clash"} and h.trigger.role == "fixed":
                    out[-1] = _Hit(h.trigger, p.start, h.end)
                continue
            # "خرج مئات المحتجين … في مظاهرة": one protest however many protest words.
            if p.trigger.group == "protest" and h.trigger.group == "protest":
                continue
            # "عزّز الجيش اللبناني انتشاره": the deployment is what was reinforced.
            if p.trigger.group == "call-up" and h.trigger.role == "deploy" and not _WORDS_RE.findall(gap):
                continue
        out.append(h)
    return out


def _perfect(word: str) -> bool:
    """Whether a (normalised) verb looks perfect: no imperfect prefix, or the feminine -ت."""
    bare = word[1:] if word[:1] in "وف" else word
    return not re.match(r"[يتن]", bare) or bare.endswith("ت")


def _modality(ctx: _Ctx, clause: Clause, hit: _Hit) -> str:
    """'real', 'planned' or 'none' (an aim or a discussion, not an event)."""
    word = ctx.ntext(hit.start, hit.end)
    before = ctx.ntext(max(clause.start, hit.start - 40), hit.start)
    if _NOT_EVENT_BEFORE_RE.search(before):
        return "none"
    plan = _PLANNED_BEFORE_RE.search(before)
    # "قد" before a perfect verb is "has/had done" ("كانت الفصائل قد انتزعت"), not "may".
    if plan and plan.group().split() == ["قد"] and _perfect(word):
        plan = None
    if plan or is_future_marked(word):
        return "planned"
    bare = word[1:] if word[:1] in "وف" else word
    purpose = bare.startswith("لل") or (bare.startswith("ل") and not bare.startswith(("لت", "لي", "لن")))
    if purpose and hit.trigger.role != "fixed":
        # "توجهت إلى البوكمال للسيطرة عليها": heading somewhere to take it is a plan.
        return "planned" if _MOTION_RE.search(ctx.ntext(clause.start, hit.start)) else "none"
    return "real"


# --- places -------------------------------------------------------------------------------------


def _place_role(ctx: _Ctx, m: Row, floor: int, withdrawal: bool, motion: bool = False) -> str:
    """object | locator | destination | source | road, from the words before a place mention."""
    k = m["char_start"]
    if ctx.glued(k, "بل"):
        return "locator"  # "بريف درعا": a clitic preposition
    words = ctx.words_before(k, 6, floor)
    joined = " ".join(words)
    while words and words[-1] in _DESIGNATORS:
        words.pop()
    if not words:
        return "object"
    if words[-1][:1] in "بل" and words[-1][1:] in _DESIGNATORS:
        return "locator"  # "في بلدة تلدو بمنطقة الحولة": the wider area the site is in
    # "على الطريق المؤدي إلى بلدة مورك": the town the road leads to locates the event.
    if re.search(
        r"(?:طريق|اتستراد|اوتستراد|السريع)\S*\s+(?:ال)?(?:مؤدي|واصل|موصل)\S*\s+(?:الي|ل)$", " ".join(words)
    ):
        return "locator"
    w = words[-1]
    bare = w[1:] if w[:1] in "وف" and len(w) > 2 else w
    if bare in _SOURCES:
        return "source"
    if bare == "مع" and ctx.kind(m["entity_id"]) == "country":
        return "partner"  # "إغلاق المعابر مع سوريا", "الحدودية مع العراق": the other side of a border
    if bare in _EXCEPTIONS or (len(words) >= 2 and words[-2] == "ما" and bare == "عدا"):
        return "excluded"  # "إغلاق جميع المعابر باستثناء معبر المصنع": the one place left out
    if len(words) >= 2 and words[-2] in {"الوضع", "التطورات", "الاوضاع", "الحرب", "القتال"}:
        return "source"  # "الوضع في سوريا": the topic, not where it happens
    if any(x in {"الواقع", "الواقعه"} for x in words[-3:]):
        return "locator"
    if bare in _DESTINATIONS:
        return "destination"
    if bare == "الي" and (withdrawal or motion or any(_MOTION_RE.fullmatch(x) for x in words[-4:-1])):
        return "destination"
    if (
        len(words) >= 2
        and words[-2] in {"الي", "نحو", "باتجاه", "صوب"}
        and re.fullmatch(r"(?:شرق|غرب|شمال|جنوب)\w*", bare)
        and (withdrawal or motion)
    ):
        return "destination"  # "انسحبوا إلى شرق الفرات"
    if bare == "من":
        return "object" if withdrawal else "locator"
    if bare in _LOCATORS:
        return "locator"
    # "طريق سملين – زمرين", "أتستراد درعا – دمشق": names inside a road name are endpoints.
    if re.search(r"(?:طريق|اتستراد|اوتستراد|السريع)\S*(?:\s+\S+){0,3}$", joined):
        return "road"
    return "object"


def _roles(
    ctx: _Ctx, mentions: list[Row], floor: int, withdrawal: bool, motion: bool = False
) -> dict[int, str]:
    """Roles of a clause's place mentions; a list member ("X وY، Z") shares its head's role."""
    roles: dict[int, str] = {}
    prev: Row | None = None
    for m in mentions:
        role = None
        if prev is not None and m["char_start"] - prev["char_end"] <= 25:
            gap = _WORDS_RE.findall(ctx.ntext(prev["char_end"], m["char_start"]))
            gap_ok = all(
                g == "و" or g in _DESIGNATORS or (g[:1] == "و" and g[1:] in _DESIGNATORS) for g in gap
            )
            raw = ctx.doc.text[prev["char_end"] : m["char_start"]]
            if gap_ok and re.search(r"[،,و–-]", raw):
                role = roles[id(prev)]
        roles[id(m)] = role or _place_role(ctx, m, floor, withdrawal, motion)
        prev = m
    return roles


def _coordinated(ctx: _Ctx, prev: Row, m: Row) -> bool:
    """Whether mention m follows prev as the next member of a list ("X وY", "X، Y")."""
    if m["char_start"] - prev["char_end"] > 25 or m["char_start"] < prev["char_end"]:
        return False
    gap = _WORDS_RE.findall(ctx.ntext(prev["char_end"], m["char_start"]))
    gap_ok = all(g == "و" or g in _DESIGNATORS or (g[:1] == "و" and g[1:] in _DESIGNATORS) for g in gap)
    return gap_ok and bool(re.search(r"[،,و–-]", ctx.doc.text[prev["char_end"] : m["char_start"]]))


def _with_list(ctx: _Ctx, chosen: list[Row], cands: list[Row]) -> list[Row]:
    """The chosen place and the members of a list it heads (all broad areas or none)."""
    if not chosen or ctx.words_before(chosen[0]["char_start"], 2)[:1] == ["بين"]:
        return chosen  # "بين بلدتي المسيفرة وأم ولد": one location between two places
    out = list(chosen)
    broad = ctx.kind(chosen[0]["entity_id"]) in _BROAD
    for m in cands:
        if m["char_start"] > out[-1]["char_start"] and _coordinated(ctx, out[-1], m):
            if (ctx.kind(m["entity_id"]) in _BROAD) != broad:
                break
            out.append(m)
        elif m["char_start"] > out[-1]["char_start"]:
            break
    return out


def _containing_town(ctx: _Ctx, m: Row, clause: Clause, in_clause: list[Row]) -> Row:
    """A site located relative to a town ("كتيبة الهندسة في شمال مدينة الرستن") or inside a
    city ("سجن حماة المركزي") is coded at that town (gold guidelines: sites merge into it)."""
    kind = ctx.kind(m["entity_id"])
    if kind not in {"facility", "military_site"}:
        return m
    # An airport lies outside its city and is a location of its own, even when located by it
    # ("مطار كويرس العسكري شرقي حلب", "سيطرت على مدينة حلب وعلى مطار حلب الدولي": two events).
    airport = bool(re.search(r"(?<!\w)(?:[وبل])?(?:ال)?(?:مطار|ميناء|مرفا)", normalize(m["surface"])))
    if airport:
        return m
    for nxt in in_clause:
        if nxt["char_start"] < m["char_end"] or nxt["char_start"] - m["char_end"] > 45:
            continue
        gap = _WORDS_RE.findall(ctx.ntext(m["char_end"], nxt["char_start"]))
        if ctx.kind(nxt["entity_id"]) in {"city", "town", "village"} and all(
            g in _LOCATORS or g in _DESIGNATORS or g in {"الواقعه", "الواقع"} for g in gap
        ):
            return nxt
        break
    # A prison or barracks merges into its town only when the article tells of that town itself
    # ("سجن صيدنايا" alone stays the prison).
    if kind == "facility":
        parent = ctx.doc.places.get(m["entity_id"], {}).get("parent_place_id")
        told = {
            x["entity_id"] for x in ctx.places if not (m["char_start"] <= x["char_start"] < m["char_end"])
        }
        if parent and ctx.kind(parent) in {"city", "town", "village"} and parent in told:
            return {**m, "entity_id": parent}
        surface = normalize(m["surface"])
        for pid, row in ctx.doc.places.items():
            name = normalize(str(row.get("name_ar") or ""))
            if (
                row.get("kind") in {"city", "town"}
                and name
                and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", surface)
                and pid in told
            ):
                return {**m, "entity_id": pid}
    return m


def _frame_place(ctx: _Ctx, sentence: Sentence) -> Row | None:
    """The place a sentence is framed by: "أما في الرستن، …", "وفي درعا، …"."""
    head = ctx.ntext(sentence.start, min(sentence.end, sentence.start + 40))
    if not _FRAME_RE.match(head):
        return None
    for m in ctx.places:
        if sentence.start <= m["char_start"] < sentence.start + 30:
            return m
    return None


_TRAVEL_RE = re.compile(r"[وف]?(?:وصل|وصلت|يصل|تصل|سيصل|زياره|يتوجه|سيتوجه|توجه|يزور|سيزور|زار)")
_VENUE_KINDS = frozenset({"city", "town", "village", "facility", "region"})


def _in_clause(ctx: _Ctx, clause: Clause) -> list[Row]:
    return [m for m in ctx.places if clause.start <= m["char_start"] and m["char_end"] <= clause.end]


def _venue(ctx: _Ctx, sentence: Sentence, clause: Clause, hit: _Hit, in_clause: list[Row]) -> Row | None:
    """Where a meeting, call or visit took place, in this order: a town after "في" (or glued
    ب) next to the trigger, with no comma between ("جلسة طارئة في نيويورك", "يشارك في الدوحة
    في اجتماع"); the destination of a journey ("يصل عراقجي إلى أنقرة"); the sentence's frame
    ("وفي دمشق، عقد … اجتماعاً"); the nearest town after "في" in the clause. Countries named as
    participants ("إلى جانب تركيا وإيران") and topics ("التصعيد في الشمال السوري") are no venue."""

    def prep(m: Row) -> str:
        """The word before a place, past designators ("في مدينة حماة" → في)."""
        words = ctx.words_before(m["char_start"], 4, clause.start)
        while words and words[-1] in _DESIGNATORS:
            words.pop()
        return words[-1] if words else ""

    def after_fi(m: Row) -> bool:
        return prep(m) == "في" or ctx.glued(m["char_start"], "ب")

    def gap(m: Row) -> str:
        lo, hi = (hit.end, m["char_start"]) if m["char_start"] >= hit.end else (m["char_end"], hit.start)
        return ctx.doc.text[lo:hi]

    towns = [
        m for m in in_clause
        if after_fi(m) and ctx.kind(m["entity_id"]) in _VENUE_KINDS - {"region"}
    ]  # fmt: skip
    near = [m for m in towns if len(gap(m)) <= 40 and not re.search(r"[،,:؛]", gap(m))]
    if near:
        return min(near, key=lambda m: len(gap(m)))
    if re.fullmatch(r"[وف]?س?(?:تستضيف|يستضيف|استضافت|استضاف|تحتضن|احتضنت)", ctx.ntext(hit.start, hit.end)):
        host = [m for m in in_clause if m["char_end"] <= hit.start and len(gap(m)) <= 12]
        if host:
            return host[-1]  # "أن مدينة العقبة ستستضيف اجتماعاً": the host city
    if _TRAVEL_RE.fullmatch(ctx.ntext(hit.start, hit.end)):
        to = [
            m for m in in_clause
            if m["char_start"] >= hit.end and prep(m) == "الي"
        ]  # fmt: skip
        if to:
            return to[0]
    frame = _frame_place(ctx, sentence)
    if frame is not None and ctx.kind(frame["entity_id"]) in _VENUE_KINDS and frame["char_end"] <= hit.start:
        return frame
    if towns:
        return min(towns, key=lambda m: len(gap(m)))
    return None


def _places_for(
    ctx: _Ctx,
    sentence: Sentence,
    clause: Clause,
    hit: _Hit,
    region: tuple[int, int],
    prior: list[_Event],
    where: tuple[int, int],
) -> list[Row]:
    """The place mentions an action happened at (one event each)."""
    role = hit.trigger.role
    si, ci = where
    word = ctx.ntext(hit.start, hit.end)
    # "طردوا قوات النظام من بلدة X", "انتزعت … من قبضة": the place after من is the object.
    withdrawal = role == "withdrawal" or (role == "territory" and bool(re.search(r"طرد|انتزا?ع", word)))
    # "تقدمت الفصائل إلى محافظة حمص": an advance towards a place takes no ground there.
    motion = role == "territory" and bool(_MOTION_RE.fullmatch(word))
    takes_ground = role in {"territory", "withdrawal", "deploy"}
    in_clause = [m for m in ctx.places if clause.start <= m["char_start"] and m["char_end"] <= clause.end]
    roles = _roles(ctx, in_clause, clause.start, withdrawal, motion)
    after = [m for m in in_clause if hit.end <= m["char_start"] < region[1]]
    # "أعلن المركز الروسي للمصالحة في حميميم أن الطيران دمّر …": places before the complementiser
    # describe the speaker, not the act.
    # Unless no other place is left ("قالت فصائل محلية في السويداء إنها سيطرت على مقرات").
    comp = _COMPLEMENTISER_RE.search(ctx.doc.text, max(region[0], clause.start), hit.start)
    floor = comp.end() if comp else region[0]
    before = [m for m in in_clause if floor <= m["char_start"] and m["char_end"] <= hit.start]
    if not before and not after:
        before = [m for m in in_clause if region[0] <= m["char_start"] and m["char_end"] <= hit.start]
    if hit.trigger.group == "meeting":
        venue = _venue(ctx, sentence, clause, hit, in_clause)
        if venue is not None:
            return [venue]
    objects = [m for m in after if roles[id(m)] == "object"]
    if hit.trigger.group == "meeting":
        # People are met, places are met *in*: "التقى الوزير، أمس في أنقرة، المبعوث الخاص إلى
        # سوريا" happened in Ankara; a place after a preposition other than "في" is a title's.
        # A country after "في" is more often the topic ("لبحث التطورات في سوريا") than the venue.
        met_in = [
            m
            for m in after
            if roles[id(m)] == "locator"
            and ctx.kind(m["entity_id"]) != "country"
            and ctx.words_before(m["char_start"], 1)[-1:] == ["في"]
        ]
        objects = met_in[:1] or objects
    # "دخول قواتها إلى مدينتي الرستن وتلبيسة اللتين تعدّان بوابتي حمص": places in a relative
    # clause after the objects describe them.
    if objects:
        rel = re.search(_RELATIVE, ctx.ntext(objects[0]["char_end"], region[1]))
        if rel:
            cut = ctx.nt.orig(
                ctx.n(objects[0]["char_end"]) + rel.start(), ctx.n(objects[0]["char_end"]) + rel.end()
            )[0]
            objects = [m for m in objects if m["char_start"] < cut]
            after = [m for m in after if m["char_start"] < cut]
    if motion:
        locs = [m for m in after if roles[id(m)] == "locator" and ctx.kind(m["entity_id"]) not in _BROAD]
        return _dedupe(ctx, _most_specific(ctx, objects or locs[:1]))
    # "بين بلدتي المسيفرة وأم ولد": one location between two places, coded at the first.
    if objects and ctx.words_before(objects[0]["char_start"], 1, clause.start)[-1:] == ["بين"]:
        objects = objects[:1]
    if not objects and _MOTION_RE.search(ctx.ntext(clause.start, hit.start)):
        # "وتوجهت إلى مدينة البوكمال … للسيطرة عليها": the plan is about the destination.
        objects = [m for m in before if roles[id(m)] == "destination"][-1:]
    if not objects:
        # The setting: a place before the trigger ("وفي سهل الغاب، قصفت …") or a locator after
        # it ("استهدفت … سيارة في بلدة X"); the more specific wins, the earlier on a tie.
        # Places that were the objects of an earlier act in the clause are not this one's setting
        # ("انتزعت بلدتي العيس والحاضر، وإن مقاتليها أسروا في محيط الحاضر …").
        locs = [m for m in after if roles[id(m)] == "locator"]
        used = {e.place_span for e in prior if e.sentence == si and e.clause == ci} if locs else set()
        cands = [
            m for m in before
            if roles[id(m)] in {"object", "locator"} and (m["char_start"], m["char_end"]) not in used
        ]  # fmt: skip
        if takes_ground:
            cands = [m for m in cands if ctx.kind(m["entity_id"]) not in _BROAD]
            locs = [m for m in locs if ctx.kind(m["entity_id"]) not in _BROAD]
        first = sorted(_most_specific(ctx, cands), key=lambda m: _rank(ctx, m))[:1]
        second = _most_specific(ctx, locs)[:1]
        use_after = bool(second) and (not first or _rank(ctx, second[0]) < _rank(ctx, first[0]))
        # "أخلت مواقعها في بلدتي جباتا الخشب والقحطانية": a listed setting is one event each.
        objects = _with_list(ctx, second, locs) if use_after else first
    # "وصل الوزير إلى أنقرة قادماً من دمشق، حيث التقى الرئيس": "حيث" (where) refers back to
    # the place told last before it.
    if not objects and not in_clause and clause.connector == "حيث":
        earlier = [
            m for m in ctx.places if sentence.start <= m["char_start"] and m["char_end"] <= clause.start
        ]
        objects = earlier[-1:]
    if not objects and _DEFINITE_TOWN_RE.search(ctx.ntext(hit.end, region[1])):
        # "… بعد ساعات من سيطرة الفصائل على مبنى قيادة الشرطة في المدينة": the town told last.
        # The town named earlier in the sentence, else the place of the article's last event.
        towns = {"city", "town", "village"}
        earlier = [
            m
            for m in ctx.places
            if sentence.start <= m["char_start"]
            and m["char_end"] <= hit.start
            and ctx.kind(m["entity_id"]) in towns
        ] or [{"entity_id": e.row["place_id"], "char_start": -1} for e in prior if e.row["place_id"]]
        # "قواته انتشرت في المدينة": a town whose change of hands is already told is a repeat.
        same_kind = (
            (lambda r: r["sub_event_type"] in _TAKEOVER)
            if takes_ground
            else (lambda r: r["event_type"] == hit.trigger.event_type)
        )
        told = {e.row["place_id"] for e in prior if same_kind(e.row)}
        objects = [m for m in earlier[-1:] if m["entity_id"] not in told]
    if not objects:
        # "وأطلقت منه", "بقصف أحياء المدينة", "واعتقلوا جميع العناصر": the previous event's place.
        tail = ctx.ntext(hit.start, region[1])
        anaphoric = bool(_ANAPHORA_RE.search(tail))
        in_bad = takes_ground and re.search(
            r"(?<!\w)(?:بعد|عقب)\s+(?!ان(?!\w))", ctx.ntext(clause.start, hit.start)
        )
        recent = [e for e in prior if e.sentence == si and e.clause >= ci - 1]
        # A strike or clash takes the previous event's place only when the text points back to
        # it ("بقصف أحياء المدينة"); an arrest or release right after a takeover is there.
        if recent and (anaphoric or role == "fixed") and not in_bad:
            last = recent[-1]
            same = [e for e in recent if e.clause == last.clause and e.row["trigger"] == last.row["trigger"]]
            objects = [{"entity_id": e.row["place_id"], "char_start": -1} for e in same if e.row["place_id"]]
    if not objects and hit.trigger.group == "release":
        # "فتحت أبواب سجن صيدنايا وأطلقت سراح المعتقلين": released from the prison just named.
        prisons = [
            m for m in ctx.places
            if sentence.start <= m["char_start"] < hit.start and ctx.kind(m["entity_id"]) == "facility"
        ]  # fmt: skip
        objects = prisons[-1:]
    # "وفي مدينة طفس، … وخرج العناصر نحو دمشق": a sentence's frame is where forces left from.
    if not objects and role not in {"territory", "deploy"}:
        frame = _frame_place(ctx, sentence)
        objects = [frame] if frame else []
    if role in {"territory", "fixed", "deploy"}:
        objects = [
            _containing_town(ctx, m, clause, in_clause) if m["char_start"] >= 0 else m for m in objects
        ]
    objects = [m for m in objects if ctx.kind(m["entity_id"]) not in {"country", "river"}] or objects
    return _dedupe(ctx, _most_specific(ctx, objects))


def _dedupe(ctx: _Ctx, objects: list[Row]) -> list[Row]:
    seen: set[str] = set()
    out = []
    for m in objects:
        if m["entity_id"] not in seen:
            seen.add(m["entity_id"])
            out.append(m)
    return out


def _rank(ctx: _Ctx, m: Row) -> int:
    """How broad a place is (0: a site, 6: a country)."""
    return _PLACE_RANK.get(ctx.kind(m["entity_id"]), 2)


_NO_PLACE: Row = {"entity_id": None, "char_start": -1}


def _placeless(ctx: _Ctx, sentence: Sentence, clauses: list[Clause], ci: int, hit: _Hit) -> list[Row]:
    """An event whose text names no place ("قالت إنها تستهدف مع الطيران الروسي تجمعات …") is
    still one when its actor is named: in the clause, or as the speaker who claims it. Ground
    is always taken somewhere, so a takeover without a place is kept only for a road ("سيطرت
    على الطريق السريع"), which the gazetteer does not hold; withdrawals need their place."""
    clause = clauses[ci]
    t = hit.trigger
    if t.role in {"withdrawal", "deploy"}:
        return []
    word = ctx.ntext(hit.start, hit.end)
    bare = word[1:] if word[:1] in "وف" else word
    if bare.startswith(("ال", "لل")):
        return []  # "المعارك", "الهجوم": fighting in general or told before; "للقاء": an aim
    tail = ctx.ntext(hit.end, clause.end)
    if t.role == "territory" and not re.match(r"\s*(?:علي\s+)?(?:ال)?(?:طريق|اتستراد|اوتستراد)", tail):
        return []
    for m in ctx.actors:
        inside = clause.start <= m["char_start"] < clause.end
        if inside and ctx.side(m["entity_id"]) not in {"media", "neutral"}:
            return [_NO_PLACE]
    saved = ctx.last_speaker
    claim = _claim_for(ctx, sentence, clauses, ci, hit)
    ctx.last_speaker = saved
    if claim is not None and ctx.side(claim.speaker) in _COMBATANT_SIDES:
        return [_NO_PLACE]
    return []


def _most_specific(ctx: _Ctx, ms: list[Row]) -> list[Row]:
    """Drop governorates and countries when a more specific place is among the candidates."""
    if any(ctx.kind(m["entity_id"]) not in {"governorate", "country"} for m in ms):
        return [m for m in ms if ctx.kind(m["entity_id"]) not in {"governorate", "country"}]
    return ms


# --- actors -------------------------------------------------------------------------------------


def _acting(ctx: _Ctx, m: Row, floor: int, allow_civilians: bool) -> bool:
    """Whether an actor mention can be a subject: not media, not after a preposition/owner noun."""
    side = ctx.side(m["entity_id"])
    if side in {"media", "neutral"} and m["entity_id"] not in _STATE_MEDIA | _UNKNOWN_ARMED:
        return False
    if side == "civilian" and not allow_civilians:
        return False
    words = ctx.words_before(m["char_start"], 2, floor)
    lo = max(floor, m["char_start"] - 14)
    owned = _OWNED_BY_RE.search(ctx.ntext(lo, m["char_start"]))
    if owned:
        # "دوريات تابعة لفرع الأمن العسكري": the actor's own units act; but in "إدارة العمليات
        # التابعة للمعارضة" the owner only describes an actor already named.
        at = ctx.nt.orig(ctx.n(lo) + owned.start(), ctx.n(lo) + owned.start())[0]
        return not any(at - 3 <= a["char_end"] <= at for a in ctx.actors)
    if ctx.glued(m["char_start"], "لب"):
        return False
    if words[-2:-1] and words[-2] in _PARTITIVES and words[-1] == "من":
        return True  # "دخول مجموعات من المسلحين": a part of the group acts
    if words and _LEADER_RE.fullmatch(words[-1]):
        return False  # "الفصائل بقيادة هيئة تحرير الشام": the leader describes the subject
    return not (words and (words[-1] in _ACTOR_PREPS or words[-1] in _POSSESSORS))


def _subject(
    ctx: _Ctx,
    sentence: Sentence,
    clause: Clause,
    hit: _Hit,
    allow_civ: bool,
    sentence_actor: str | None,
    floor: int | None = None,
) -> str | None:
    """The actor that is the subject of a trigger. Before it (SVO) only actors after the
    previous trigger of the clause (`floor`) and the comma that closes it count: those before
    belong to that action ("التقى الوزير الرئيس في دمشق، ومن المقرر أن يتوجه إلى أنقرة لإجراء
    محادثات" → the minister, the sentence's running subject)."""
    floor = clause.start if floor is None else floor
    if floor > clause.start:
        # After another trigger, the comma before this one closes that action's arguments.
        floor = max(floor, ctx.doc.text.rfind("،", floor, hit.start) + 1)
    actors = [m for m in ctx.actors if sentence.start <= m["char_start"] < sentence.end]
    word = ctx.ntext(hit.start, hit.end)
    before = [m for m in actors if m["char_end"] <= hit.start]
    # "قبل انسحابهم": a verbal noun with a pronoun refers to the last actor named.
    phrase = normalize(hit.trigger.phrase)
    suffixed = re.search(r"(?:هم|هما)$", word) and not phrase.endswith("هم") and len(word) >= len(phrase) + 2
    if suffixed and (hit.trigger.role in {"territory", "withdrawal"} or word.startswith(("ا", "ال"))):
        for m in reversed(before):
            if ctx.side(m["entity_id"]) not in {"media", "neutral", "civilian"}:
                return str(m["entity_id"])
    vso = _vso(ctx, actors, clause, hit, allow_civ, titled=False)
    if vso is not None:
        return vso
    # SVO: the nearest acting actor before the verb in the clause; of "X و Y" the first named.
    svo = [m for m in before if m["char_start"] >= floor]
    for k in range(len(svo) - 1, -1, -1):
        m = svo[k]
        if _acting(ctx, m, clause.start, allow_civ):
            while k > 0 and re.fullmatch(
                r"[\s\"'«»“”]*و[\s\"'«»“”]*", ctx.doc.text[svo[k - 1]["char_end"] : m["char_start"]]
            ):
                k -= 1
                m = svo[k]
            return str(m["entity_id"])
    vso = _vso(ctx, actors, clause, hit, allow_civ)
    if vso is not None:
        return vso
    if sentence_actor is not None:
        return sentence_actor
    # "بعد السيطرة على X، باتت الفصائل …": a fronted adverbial shares the main clause's subject.
    if re.fullmatch(r"\W*[وف]?(?:بعد|عقب|اثر)\s*", ctx.ntext(sentence.start, hit.start)):
        comma = ctx.doc.text.find("،", hit.end, sentence.end)
        for m in actors:
            if comma >= 0 and m["char_start"] > comma:
                return str(m["entity_id"]) if _acting(ctx, m, comma, allow_civ) else None
    for m in reversed(before):
        if _acting(ctx, m, sentence.start, allow_civ):
            return str(m["entity_id"])
    return None  # no actor in the sentence: leave it unknown rather than guess from earlier ones


def _vso(
    ctx: _Ctx, actors: list[Row], clause: Clause, hit: _Hit, allow_civ: bool, titled: bool = True
) -> str | None:
    """The subject right after a verb (VSO: "سيطر مقاتلون محليون", "بسطت الفصائل", "التقى وزير
    الخارجية الإيراني عباس عراقجي"), or "الأخيرة" (the actor named last). A verb carrying its
    own plural subject ("اعتقلوا جميع العناصر") is followed by its object, and an actor after
    the object place ("انتزاع بلدة X من قبضة القوات") is no subject. A post that withdraws is
    named by its owner ("انسحب حاجز لـ'المخابرات الجوية'"). With `titled` False only a subject
    right after the verb counts, not one after a title of a few words."""
    word = ctx.ntext(hit.start, hit.end)
    if word.endswith("وا"):
        return None
    if _LATTER_RE.match(ctx.ntext(hit.end, clause.end)):
        for m in reversed([m for m in ctx.actors if m["char_end"] <= hit.start]):
            if ctx.side(m["entity_id"]) not in {"media", "neutral", "civilian", None}:
                return str(m["entity_id"])
    withdrawal = hit.trigger.role == "withdrawal"
    m = next((m for m in actors if m["char_start"] >= hit.end), None)
    if m is None or m["char_start"] >= clause.end:
        return None
    gap = ctx.doc.text[hit.end : m["char_start"]]
    near = len(gap) <= (30 if withdrawal else 20)
    # A title before a name ("وزير الخارجية الإيراني عباس عراقجي"): a few words, no punctuation.
    words = _WORDS_RE.findall(ctx.ntext(hit.end, m["char_start"]))
    if len(words) == 2 and words[1] == "من" and words[0] in _PARTITIVES:
        words = []  # "أسقط عشرات من الأهالي", "اعتقل مقاتلون من الإدارة": a part of them acts
    titled = titled and len(words) <= 4 and not re.search(r"[،,:\"«»“”()]", gap)
    if not (near or titled) or set(words) & (_ACTOR_PREPS - {"ل"}):
        return None  # "محادثات مع نظيره التركي": a partner, not the subject
    if set(words) & {"بعد", "قبل", "عقب", "اثر", "منذ"}:
        return None  # "تعرّض محيطها لقصف بعد إعلان المعارضة سيطرتها": another action's agent
    if (
        word.endswith("ا")  # an accusative noun ("كميناً"), the object of another verb
        and len(words) >= 2
        and re.fullmatch(r"تابع\w*", words[-2] if words[-1] == "ل" else words[-1])
    ):
        return None  # "نصبوا كميناً لرتل تابع لقوات النظام": the owner of the target, not the agent
    if set(words) & {"يقضي", "تقضي", "ينص", "تنص", "بموجبه", "يتضمن", "تتضمن"}:
        return None  # "اتفاق يقضي بخروج المدنيين": the terms of a deal, not its parties
    if any(hit.end <= p["char_start"] < m["char_start"] for p in ctx.places):
        return None
    if withdrawal and ctx.side(m["entity_id"]) not in {"media", "neutral", None}:
        return str(m["entity_id"])
    return str(m["entity_id"]) if _acting(ctx, m, clause.start, allow_civ) else None


def _agent_next(ctx: _Ctx, actors: list[Row], hit: _Hit, allow_civ: bool, clause: Clause) -> bool:
    """Whether an acting actor follows the trigger word directly as its agent ("لإسقاط الأهالي").
    After a verb of expelling, targeting or capturing the actor is the patient ("طرد قوات")."""
    t = hit.trigger
    if t.role in {"attack", "clash"} or t.sub_event_type == "Arrests":
        return False
    if re.search(r"طرد|انتزا?ع|استهداف", ctx.ntext(hit.start, hit.end)):
        return False
    m = next((m for m in actors if m["char_start"] >= hit.end), None)
    return (
        m is not None
        and not re.search(r"\w", ctx.doc.text[hit.end : m["char_start"]])
        and _acting(ctx, m, clause.start, allow_civ)
    )


def _between_pair(ctx: _Ctx, clause: Clause, hit: _Hit) -> tuple[str, str] | None:
    """ "بين A و B" after a trigger: the two parties (a meeting, a deal, a clash)."""
    seg_start = ctx.n(hit.end)
    m = re.search(r"(?<!\w)بين(?!\w)", ctx.norm[seg_start : ctx.n(clause.end)])
    if not m:
        return None
    k = ctx.nt.orig(seg_start + m.end(), seg_start + m.end())[0]
    found: list[str] = []
    for a in ctx.actors:
        if k <= a["char_start"] < clause.end and a["entity_id"] not in found:
            found.append(str(a["entity_id"]))
    return (found[0], found[1]) if len(found) >= 2 else None


# Fighters named by a bare noun ("المقاتلين", "المسلحون"), not by a name ("كتائب المعارضة").
_BARE_FIGHTERS_RE = re.compile(r"[وفبل]?(?:ال)?(?:مقاتل\w*|مسلح\w*|عناصر|الثوار|ثوار)")
_LEFT_RE = re.compile(
    r"(?<!\w)(?:بعد|عقب|اثر)\s+(?:ان\s+)?(?:انسحاب|انسحبت|انسحب|خرجت|خرج|خروج|اخلاء|اخلت|ترك\w*)(?!\w)"
)
_CIVILIAN_DETAINEES_RE = re.compile(
    r"(?<!\w)\w{0,3}(?:شاب|شبان|الشبان|شابا|مدني\w*|ناشط\w*|اشخاص|شخصا|مواطن\w*|رجال|نساء|طلاب)(?!\w)"
)


def _left_by(ctx: _Ctx, sentence: Sentence, actor1: str | None) -> str | None:
    """The party whose departure handed the ground over: the actor right after "بعد انسحاب" /
    "عقب خروج" / "بعد أن تركه" in the sentence."""
    base = ctx.n(sentence.start)
    for m in _LEFT_RE.finditer(ctx.ntext(sentence.start, sentence.end)):
        at = ctx.nt.orig(base + m.end(), base + m.end())[0]
        for a in ctx.actors:
            if at <= a["char_start"] <= at + 25 and a["entity_id"] != actor1:
                return str(a["entity_id"])
    return None


def _joined_parties(ctx: _Ctx, clause: Clause, hit: _Hit) -> tuple[str, str] | None:
    """ "توصلت قسد والجيش الوطني إلى اتفاق": two actors joined by و before a deal are its parties."""
    before = [m for m in ctx.actors if clause.start <= m["char_start"] and m["char_end"] <= hit.start]
    for a, b in itertools.pairwise(before):
        gap = ctx.doc.text[a["char_end"] : b["char_start"]]
        if re.fullmatch(r"[\s\"'«»“”]*و[\s\"'«»“”]*", gap) and a["entity_id"] != b["entity_id"]:
            return str(a["entity_id"]), str(b["entity_id"])
    return None


def _opponent(ctx: _Ctx, clause: Clause, hit: _Hit, actor1: str | None) -> str | None:
    """An actor after مع/ضد/من/ل or owning a post in the clause, on another side than actor1."""
    for m in ctx.actors:
        if not (clause.start <= m["char_start"] < clause.end) or m["entity_id"] == actor1:
            continue
        if ctx.side(m["entity_id"]) in {"media", "neutral"}:
            continue
        if ctx.side(actor1) == "government" and ctx.side(m["entity_id"]) == "foreign":
            continue  # "بمساندة الطيران الروسي": the government's foreign backers are no opponent
        if _PATRON_RE.search(ctx.ntext(max(clause.start, m["char_start"] - 20), m["char_start"])):
            continue  # "الجيش الوطني المدعوم من تركيا": a patron, not the opponent
        words = ctx.words_before(m["char_start"], 1, clause.start)
        marked = ctx.glued(m["char_start"], "ل") or (
            words and (words[-1] in {"مع", "ضد", "من", "عن", "لقوات"} or words[-1] in _POSSESSORS)
        )
        if marked and (actor1 is None or ctx.side(m["entity_id"]) != ctx.side(actor1)):
            return str(m["entity_id"])
    return None


_PARTNER_TYPES = frozenset({"person", "state_official", "foreign_official", "government", "foreign_state"})


def _partner(ctx: _Ctx, clause: Clause, hit: _Hit, actor1: str | None) -> str | None:
    """Whom a meeting or call was with: the first official or government named after the
    trigger ("التقى الوزير نظيره السوري بسام صباغ", "اتصالاً هاتفياً من نظيره", "مع فيدان")."""
    for m in ctx.actors:
        if not (hit.end <= m["char_start"] < clause.end) or m["entity_id"] == actor1:
            continue
        if ctx.actor_row(str(m["entity_id"])).get("actor_type") in _PARTNER_TYPES:
            return str(m["entity_id"])
    return None


def _handed_to(ctx: _Ctx, sentence: Sentence, hit: _Hit, actor1: str | None) -> str | None:
    """The actor that received posts or weapons: "سلّموا أسلحتهم لـX", "تسليمها إلى X"."""
    for m in ctx.actors:
        if not (hit.end <= m["char_start"] < sentence.end) or m["entity_id"] == actor1:
            continue
        between = ctx.ntext(hit.end, m["char_start"])
        to = ctx.glued(m["char_start"], "ل") or re.search(r"(?<!\w)(?:الي|ل)\s*$", between)
        if to and re.search(r"(?<!\w)\w{0,3}سلم\w*", between) and len(between) < 60:
            return str(m["entity_id"])
        # "أخلت الفرقة الرابعة مقراتها، وتسلّمها مسلحون محليون": the subject of "took over".
        if re.search(r"(?<!\w)[وف]?(?:تسلم|تسلمت|تسلمها|تسلمه|تسلموها|استلم\w*)\s*$", between):
            return str(m["entity_id"])
    return None


def _organisation(ctx: _Ctx, actor_id: str) -> str:
    """A person acts for their organisation ("حسن عبد الغني" → the operations command)."""
    row = ctx.actor_row(actor_id)
    if row.get("actor_type") in _PERSON_TYPES and row.get("parent_actor_id"):
        return str(row["parent_actor_id"])
    return actor_id


# --- claims -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Claim:
    status: str  # claimed | denied
    speaker: str | None
    start: int  # original offset of the verb


def _claim_for(ctx: _Ctx, sentence: Sentence, clauses: list[Clause], ci: int, hit: _Hit) -> _Claim | None:
    """The claim governing a trigger: a saying/denying verb earlier in its clause, or in an
    earlier clause of the sentence that is not cut off by a contrast or subordinate connector.
    News of an act called false afterwards ("وصفت أنباء انسحاب قواتها بأنها عارية عن الصحة")
    is denied."""
    if _REPORTS_BEFORE_RE.search(ctx.ntext(clauses[ci].start, hit.start)) and _FALSE_AFTER_RE.search(
        ctx.ntext(hit.end, sentence.end)
    ):
        return _Claim("denied", None, hit.start)
    for j in range(ci, -1, -1):
        cl = clauses[j]
        end = hit.start if j == ci else cl.end
        seg = ctx.ntext(cl.start, end)
        base = ctx.n(cl.start)
        verbs = [(m, "denied") for m in _DENY_RE.finditer(seg)]
        verbs += [(m, "claimed") for m in _CLAIM_RE.finditer(seg) if not _RELAY_RE.search(seg, 0, m.end())]
        if verbs:
            m, status = max(verbs, key=lambda v: v[0].start())
            vs, ve = ctx.nt.orig(base + m.start(), base + m.end())
            speaker = _speaker(ctx, cl, vs, ve)
            if speaker is None:
                speaker = _earlier_speaker(ctx, sentence, clauses, j, vs)
            if speaker is None and re.fullmatch(
                r"[وف]?(?:اضاف|اضافت|تابع|تابعت|تابعا|اردف|اردفت)", m.group()
            ):
                speaker = ctx.last_speaker  # "وأضافت أن …": the previous sentence's speaker goes on
            if speaker is not None:
                ctx.last_speaker = speaker
            return _Claim(status, speaker, vs)
        if j == 0 or cl.connector in _CONTRAST or cl.connector in {"حيث", "بعد ان", "قبل ان", "بعدما"}:
            break
    return _attributed_after(ctx, sentence, hit)


# "…، بحسب ما أكده قيادي في اللواء", "…، وفق بيان أصدره الفصيل": a source named after the act.
_AFTER_SOURCE_RE = re.compile(
    r"(?<!\w)(?:بحسب|حسب|وفق|وفقا\s+ل|طبقا\s+ل)\s*(?:ما\s+)?"
    r"(?:بيان\w*|اعلن\w*|اكد\w*|قال\w*|افاد\w*|ذكر\w*|اوضح\w*|صرح\w*|نشر\w*|اورد\w*)"
)


def _attributed_after(ctx: _Ctx, sentence: Sentence, hit: _Hit) -> _Claim | None:
    """A claim whose source is named after the act, at the end of its sentence."""
    base = ctx.n(hit.end)
    m = _AFTER_SOURCE_RE.search(ctx.ntext(hit.end, sentence.end))
    if not m:
        return None
    vs, ve = ctx.nt.orig(base + m.start(), base + m.end())
    speaker = next(
        (
            str(a["entity_id"])
            for a in ctx.actors
            if ve <= a["char_start"] <= ve + 40 and a["char_start"] < sentence.end
        ),
        None,
    )
    return _Claim("claimed", speaker, vs) if speaker else None


def _speaker(ctx: _Ctx, clause: Clause, vs: int, ve: int) -> str | None:
    """Who says: an actor right after the verb (VSO), else the nearest before it in the clause."""
    # The subject comes before the complementiser ("قالت مصدر محلي، إن عناصر محليين …").
    comp = re.search(r"(?<!\w)(?:ان|انه|انها|انهم|بان)(?!\w)", ctx.ntext(ve, clause.end))
    limit = ve + 25
    if comp:
        limit = min(limit, ctx.nt.orig(ctx.n(ve) + comp.start(), ctx.n(ve) + comp.start())[0])
    after = [
        m
        for m in ctx.actors
        if ve <= m["char_start"] <= limit
        and m["char_start"] < clause.end
        and not (ctx.glued(m["char_start"], "ل") or ctx.words_before(m["char_start"], 1, ve)[-1:] == ["ل"])
    ]  # fmt: skip  ("قال لـ'القدس العربي'": the addressee)
    if after:
        # "قال رئيس الحكومة محمد غازي الجلالي": the person, not the body inside the title.
        person = next(
            (
                m for m in after[1:]
                if ctx.actor_row(str(m["entity_id"])).get("actor_type") in _PERSON_TYPES
                and not re.search(r"[،,:]", ctx.doc.text[after[0]["char_end"] : m["char_start"]])
            ),
            None,
        )  # fmt: skip
        return str((person or after[0])["entity_id"])
    verb = ctx.ntext(vs, ve)
    lo = clause.start if not re.search(r"(?:ها|هم|ه)$", verb) else 0
    # "من إعلانها السيطرة": a verbal noun with a pronoun refers back to the last actor, not to
    # one after a preposition ("دخلت الفصائل دمشق دون مقاومة من قوات النظام، بعد ساعات من
    # إعلانها السيطرة على حمص" → the factions).
    before = [
        m for m in ctx.actors
        if lo <= m["char_start"] and m["char_end"] <= vs and ctx.side(m["entity_id"]) not in {"media", None}
        and (lo == clause.start or _acting(ctx, m, 0, False))
    ]  # fmt: skip
    return str(before[-1]["entity_id"]) if before else None


def _note_speaker(ctx: _Ctx, clauses: list[Clause]) -> None:
    """Remember the last speaker named in a sentence, with or without an event in it, for a
    following "وأضاف أن …" ("وقال القائد حسن عبد الغني: … وأضاف أن مقاتليه أسروا …")."""
    for cl in clauses:
        base = ctx.n(cl.start)
        for m in _CLAIM_RE.finditer(ctx.ntext(cl.start, cl.end)):
            vs, ve = ctx.nt.orig(base + m.start(), base + m.end())
            speaker = _speaker(ctx, cl, vs, ve)
            if speaker is not None:
                ctx.last_speaker = speaker


def _earlier_speaker(ctx: _Ctx, sentence: Sentence, clauses: list[Clause], j: int, vs: int) -> str | None:
    """ "كما أعلنت السيطرة …": a verb without a subject continues the sentence's last speaker."""
    for i in range(j, -1, -1):
        cl = clauses[i]
        seg = ctx.ntext(cl.start, min(cl.end, vs))
        base = ctx.n(cl.start)
        verbs = sorted([*_CLAIM_RE.finditer(seg), *_DENY_RE.finditer(seg)], key=lambda v: v.start())
        for m in reversed(verbs):
            s, e = ctx.nt.orig(base + m.start(), base + m.end())
            found = _speaker(ctx, cl, s, e)
            if found is not None:
                return found
        if cl.connector in _CONTRAST:
            break
    return None


# --- dates, fatalities --------------------------------------------------------------------------


def _dates_in(ctx: _Ctx, s: int, e: int, published: date) -> list[tuple[int, int, DateExpr]]:
    """Date expressions in an original span, with their normalised absolute offsets."""
    a = ctx.n(s)
    return [(d.start + a, d.end + a, d) for d in ctx.find_dates(ctx.ntext(s, e), published)]


def _date_for(
    ctx: _Ctx,
    sentence: Sentence,
    clauses: list[Clause],
    ci: int,
    hit: _Hit,
    published: date,
    prior: list[_Event] | None = None,
) -> DateExpr | None:
    """The date phrase nearest the trigger in its clause; else the date of the event told last
    in an earlier clause of the sentence ("سيطرت … اليوم السبت …، فيما انسحبت قوات النظام من
    سراقب": the same day, not a date inside an aside of the first clause); else the last date
    earlier in the sentence."""
    clause = clauses[ci]
    t0, t1 = ctx.n(hit.start), ctx.n(hit.end)
    candidates = []
    for s, e, d in _dates_in(ctx, clause.start, clause.end, published):
        between = ctx.norm[t1:s] if s >= t1 else ""
        # A date inside a relative clause ("الذي أعيد بناؤه عام 2018") dates something else.
        if re.search(r"(?<!\w)(?:الذي|التي|اللذين|اللتين|الذين)(?!\w)", between):
            continue
        # A comma between the phrase and the trigger ("خلال الساعات الماضية، إذ سيطرت … ليل
        # الجمعة") puts it in another part of the sentence: prefer one on the trigger's side.
        lo, hi = (t1, s) if s >= t1 else (e, t0)
        apart = "،" in ctx.norm[lo:hi] or "," in ctx.norm[lo:hi]
        candidates.append((apart, min(abs(s - t1), abs(t0 - e)), s, d))
    if candidates:
        _, _, s, d = min(candidates, key=lambda c: (c[0], c[1]))
        return _anchor(ctx, s, d, published)
    told = [e.row for e in prior or [] if e.clause < ci and not e.row["planned"]]
    if told:
        row = told[-1]
        return DateExpr(-1, -1, "inherited", row["event_date"], row["date_precision"], False)
    earlier = _dates_in(ctx, sentence.start, clause.start, published)
    return _anchor(ctx, earlier[-1][0], earlier[-1][2], published) if earlier else None


def _anchor(ctx: _Ctx, at: int, d: DateExpr, published: date) -> DateExpr:
    """ "في اليوم ذاته", "في وقت سابق من اليوم نفسه" (at: its normalised offset): the day of the
    last date told before it in the article; dates.py, not seeing that text, gives the
    publication day."""
    if d.kind != "same_day":
        return d
    earlier = [x for s, _, x in _dates_in(ctx, 0, len(ctx.doc.text), published) if s < at]
    earlier = [x for x in earlier if x.kind != "same_day"]
    return replace(earlier[-1], start=d.start, end=d.end) if earlier else d


def _later_future_date(ctx: _Ctx, sentence: Sentence, clause: Clause, published: date) -> DateExpr | None:
    """For a plan: a future date later in the sentence ("… مؤكدة أن العمليات قد تبدأ غداً")."""
    for _, _, d in _dates_in(ctx, clause.end, sentence.end, published):
        if d.planned:
            return d
    return None


def _number(words: str) -> int | None:
    """The value of a number phrase ("13", "ثلاثة عشر", "خمسة وعشرون"); None when vague."""
    words = words.strip()
    if words.isdigit():
        return int(words)
    parts = _WORDS_RE.findall(words)
    if len(parts) == 2 and parts[1] in {"عشر", "عشره"}:
        return _UNITS.get(parts[0], 0) + 10
    if len(parts) == 2 and parts[1].startswith("و"):
        return _UNITS.get(parts[0], 0) + _TENS.get(parts[1][1:], 0)
    return _NUMBER_WORDS.get(words)


def _fatalities(ctx: _Ctx, clause: Clause, hit: _Hit) -> tuple[int | None, str | None]:
    """Deaths stated in the trigger's clause: after the trigger ("ما أدى إلى مقتل 3 مدنيين"),
    else before it ("قُتل أربعة مدنيين جراء قذائف …"). Number words count ("خمسة", "ثلاثة
    عشر"); split counts are added up ("أربعة مدنيين وعنصر" → 5, "مقاتلين اثنين وطفل" → 3);
    vague counts ("عشرات", "عدد من") give None with their phrase kept."""
    for lo, hi in ((hit.start, clause.end), (clause.start, hit.start)):
        a = ctx.n(lo)
        seg = ctx.ntext(lo, hi)
        m = _FATALITIES_RE.search(seg)
        if m:
            break
    else:
        return None, None
    if m.group("dual"):
        value: int | None = 2
    elif m.group("one"):
        value = 1
    else:
        value = _number(m.group("n") or m.group("n2") or m.group("n3"))
    end = m.end()
    if value is not None:
        while (more := _MORE_RE.match(seg, end)) is not None:
            if more.group("dual"):
                value += 2
            elif more.group("n"):
                value += _number(more.group("n")) or 0
            else:
                value += 1
            end = more.end()
    s, e = ctx.nt.orig(a + m.start(), a + end)
    return value, ctx.doc.text[s:e]


# --- the extractor ------------------------------------------------------------------------------


def _sub_events(
    ctx: _Ctx, sentence: Sentence, clauses: list[Clause], ci: int, hit: _Hit, actor1: str | None
) -> list[str]:
    """The sub-event type(s) of a hit; a bombardment "بالمدفعية والطيران" gives two."""
    t = hit.trigger
    clause = clauses[ci]
    cl = ctx.ntext(clause.start, clause.end)
    after = ctx.ntext(hit.start, clause.end)
    if t.role in {"territory", "deploy"}:
        if t.role == "territory" and ctx.side(actor1) == "government":
            return ["Government regains territory"]
        if t.role == "deploy" or _NO_FIGHT_RE.search(cl):
            return ["Non-violent transfer of territory"]
        if _FIGHT_RE.search(cl):
            return ["Non-state actor overtakes territory"]
        if _calm(_contrast_span(ctx, sentence, clauses, ci)):
            return ["Non-violent transfer of territory"]
        return ["Non-state actor overtakes territory"]
    if t.role == "withdrawal":
        # "انسحبت … بعد تعرض نقاطها لهجمات": a withdrawal under attack is a clash.
        if re.search(
            r"(?:بعد|اثر|عقب)\s+(?:تعرض\w*\s+\S+\s+)?(?:ل)?(?:هجم\w*|هجوم|اشتباك\w*|مواجهات|قصف)", after
        ):
            return ["Armed clash"]
        return [t.sub_event_type]
    tail = ctx.ntext(hit.end, clause.end)
    if t.role == "clash":
        # "أطلق عناصر الحاجز النار على سيارة مدنية": the target follows "النار على".
        fired = re.search(r"(?:النار|الرصاص)\s+(?:علي|باتجاه|نحو)\s+", tail[:80])
        if fired:
            tail = tail[fired.end() :]
        # "هجوم بطائرة مسيّرة": an attack with a remote weapon is that strike.
        instrument = _INSTRUMENT_RE.match(tail)
        if instrument:
            near = tail[: instrument.end() + 12]
            if _air(near):
                return ["Air/drone strike"]
            if _ARTILLERY_RE.search(near):
                return ["Shelling/artillery/missile attack"]
        if _civilian_object(tail):
            return ["Attack"]
        return [t.sub_event_type]
    if t.sub_event_type == "Peaceful protest" and _INTERVENTION_RE.search(cl):
        killed = _FATALITIES_RE.search(cl)
        return ["Excessive force against protesters" if killed else "Protest with intervention"]
    if t.role == "attack":
        subs = []
        if _air(after) or _air(cl[: max(0, len(cl) - len(after))][-30:]):
            subs.append("Air/drone strike")
        if _ARTILLERY_RE.search(after):
            subs.append("Shelling/artillery/missile attack")
        if not subs:
            word = ctx.ntext(hit.start, hit.end)
            if "قصف" in word or t.event_type == "Explosions/Remote violence":
                subs.append(t.sub_event_type if "قصف" not in word else "Shelling/artillery/missile attack")
            elif _civilian_object(tail):
                subs.append("Attack")  # "استهدف مسلحون مدنيين": no weapon, civilians the target
            else:
                subs.append("Armed clash")
        return subs
    return [t.sub_event_type]


def _air(text: str) -> bool:
    """Whether (normalised) text speaks of aircraft, not of Air Force Intelligence."""
    return _AIR_RE.search(_NOT_AIR_RE.sub(" ", text)) is not None


def _civilian_object(tail: str) -> bool:
    """Whether the words right after an attack name civilians and no armed target."""
    near = tail[:45]
    return bool(_CIVILIAN_TARGET_RE.search(near)) and not _ARMED_TARGET_RE.search(near)


def _air_actor(ctx: _Ctx, clause: Clause) -> str | None:
    """The air force named in a clause ("الطيران الحربي السوري", "طائرات روسية"), not a
    partner after "مع" ("تستهدف مع الطيران الروسي")."""
    for m in ctx.actors:
        if clause.start <= m["char_start"] < clause.end and _AIR_RE.search(normalize(m["surface"])):
            if ctx.words_before(m["char_start"], 1, clause.start)[-1:] == ["مع"]:
                continue
            return str(m["entity_id"])
    return None


def _named(ctx: _Ctx, sentence: Sentence, actor_id: str | None) -> bool:
    """Whether the sentence names an actor (or, for government forces, their ministry)."""
    if actor_id is None:
        return False
    ids = {m["entity_id"] for m in ctx.actors if sentence.start <= m["char_start"] < sentence.end}
    return actor_id in ids or (actor_id == "syr_gov_forces" and bool(ids & {"syr_mod", "syr_gov"}))


def _clause_events(
    ctx: _Ctx,
    sentence: Sentence,
    clauses: list[Clause],
    ci: int,
    si: int,
    published: date,
    prior: list[_Event],
) -> list[_Event]:
    clause = clauses[ci]
    # Aims, topics and negated acts ("تمهيدا لدخولها", "دون قتال") are no events: they neither
    # bound another trigger's places nor make a clash the context of a takeover.
    hits = _find_triggers(ctx, clause)
    roles = {h.trigger.role for h in hits if _modality(ctx, clause, h) != "none"}
    out: list[_Event] = []
    for hi, hit in enumerate(hits):
        sentence_actor = next((e.row["actor1_id"] for e in reversed(prior) if e.sentence == si), None)
        t = hit.trigger
        word = ctx.ntext(hit.start, hit.end)
        before = ctx.ntext(clause.start, hit.start)
        if t.role == "clash" and roles & {"territory", "withdrawal"}:
            continue  # fighting that took or cost ground is the context of that action
        if word in _DEFINITE_REPEAT:
            continue
        bare = word[1:] if word[:1] in "وف" else word
        if (
            bare.startswith("ال")
            and re.search(r"(?<!\w)[وف]?(?:اسفر|ادي|ادت|خلف|تسبب|اوقع)\w*\s*$", before)
            and _family(t) == "violence"
            and any(e.sentence == si and e.row["event_type"] in _VIOLENT for e in prior)
        ):
            continue  # "دكّت المدفعية القرية …، وأسفر القصف عن مقتل …": its consequences
        if t.role == "territory" and _MOTION_RE.fullmatch(word) and _vague_advance(ctx, hit, clause):
            continue  # "قواتنا تتقدم على أكثر من محور": no place taken
        if t.role == "withdrawal":
            if re.search(r"(?<!\w)(?:بعد|عقب|اثر)\s*$", before):
                continue  # "بعد انسحاب قوات النظام" is the context of another action
            if "انسحاب" in word and not (
                re.search(r"(?:ادي|ادت)\s+(?:الي|ل)\s*$|(?<!\w)قبل\s*$", before)
                # "بعد ساعات من انسحاب قوات النظام": an earlier act told as a time; "بدؤوا الانسحاب"
                or re.search(
                    r"(?<!\w)(?:بعد|منذ)\s+(?:ساعات|ساعه|ساعتين|يوم|يومين|ايام|اسابيع)\s+من\s*$", before
                )
                or re.search(
                    r"(?<!\w)[وف]?(?:بدا|بدات|بداوا|بدوا|بدؤوا|شرع|شرعت|شرعوا|اكملت|اتمت)\s*$", before
                )
                # "وتحدث ناشطون عن انسحاب وحدات من الجيش": told as news, not as a time
                or _TOLD_OF_RE.search(before)
                or _DENY_RE.search(before)
                or _REPORTS_BEFORE_RE.search(before)
            ):
                continue  # a bare verbal noun ("في حالة تقهقر وانسحاب") reports no event
        modality = _modality(ctx, clause, hit)
        if modality == "none":
            continue
        if any(
            h.trigger.sub_event_type == "Agreement"
            and h.end <= hit.start
            and _TERMS_RE.search(ctx.ntext(h.end, hit.start))
            for h in hits[:hi]
        ):
            continue  # "اتفاق يقضي بتجنيب المدينة أي مواجهات": the terms of a deal, not events
        region = (
            hits[hi - 1].end if hi > 0 else clause.start,
            hits[hi + 1].start if hi + 1 < len(hits) else clause.end,
        )
        places = _places_for(ctx, sentence, clause, hit, region, prior, (si, ci)) or _placeless(
            ctx, sentence, clauses, ci, hit
        )
        if not places:
            continue
        if t.group == "meeting" and any(
            h.trigger.group == "meeting"
            and _PART_OF_RE.search(ctx.ntext(max(h.end, hit.start - 20), hit.start))
            for h in hits[:hi]
        ):
            # "يصل الوزير إلى أنقرة … يجري خلالها مباحثات", "يتوجه إلى أنقرة لإجراء محادثات":
            # talks held during or for the visit are the visit.
            continue
        dated = _date_for(ctx, sentence, clauses, ci, hit, published, [e for e in prior if e.sentence == si])
        if (
            dated is None
            and modality == "real"
            and ctx.prev_sentence_date
            and _SAME_TIME_RE.match(ctx.ntext(sentence.start, sentence.end))
        ):
            dated = replace(ctx.prev_sentence_date, precision="approximate")
        if dated is not None and dated.date < OFFENSIVE_START:
            continue  # background ("بنهاية 2017")
        planned = modality == "planned" or (dated is not None and dated.planned)
        if planned and (dated is None or not dated.planned):
            dated = _later_future_date(ctx, sentence, clause, published)
        claim = _claim_for(ctx, sentence, clauses, ci, hit)
        allow_civ = t.sub_event_type in {"Agreement", "Looting/property destruction", "Peaceful protest"}
        actor1 = _subject(ctx, sentence, clause, hit, allow_civ, sentence_actor, region[0])
        sentence_actors = [m for m in ctx.actors if hit.end <= m["char_start"] < sentence.end]
        actor2: str | None = None
        pair = _between_pair(ctx, clause, hit) if t.role in {"fixed", "clash"} else None
        if (
            pair is None
            and t.group == "meeting"
            and clause.connector == "حيث"
            and sentence_actor is not None
            and actor1 not in {None, sentence_actor}
        ):
            # "وصل الوزير عراقجي إلى أنقرة قادماً من دمشق، حيث التقى الرئيس بشار الأسد": the
            # traveller of the sentence met the person named after the verb.
            pair = (sentence_actor, actor1)
        if pair is None and t.sub_event_type == "Agreement":
            pair = _joined_parties(ctx, clause, hit)
        if pair is not None:
            actor1, actor2 = pair
            if t.role == "clash" and ctx.side(actor1) == "government":
                actor1, actor2 = actor2, actor1  # the non-state side attacks the post
        elif claim is not None and claim.speaker is not None:
            # "أعلنت غرفة العمليات … سيطرتها": the claimant did it, unless another actor is
            # named as the subject between the verb and the trigger ("قالت سانا إن الجيش قصف").
            # After the complementiser only the reported subject is left, even when it is the
            # speaker again ("ذكر مصدر في مجلس دير الزور العسكري أن مقاتلي المجلس صدّوا …").
            comp = _COMPLEMENTISER_RE.search(ctx.doc.text, claim.start, hit.start)
            lo = comp.end() if comp else claim.start
            between = [
                m for m in ctx.actors
                if lo < m["char_start"] < hit.start and (comp or m["entity_id"] != claim.speaker)
                and _acting(ctx, m, clause.start, allow_civ) and ctx.side(m["entity_id"]) != "media"
                # not inside a quotation closed before the act ('أعلنت "سقوط الطاغية بشار الأسد"')
                and not _CLOSE_QUOTE_RE.search(ctx.doc.text, m["char_end"], hit.start)
            ]  # fmt: skip
            if between:
                actor1 = str(between[-1]["entity_id"])
                # "قال المتحدث باسم إدارة العمليات إن المقاتلين دخلوا": generic fighters in a
                # spokesman's account are his organisation's.
                org = _organisation(ctx, claim.speaker)
                if (
                    actor1 in _GENERIC_ACTORS
                    and _BARE_FIGHTERS_RE.fullmatch(normalize(between[-1]["surface"]))
                    and org != actor1
                    and ctx.side(org) == ctx.side(actor1)
                ):
                    actor1 = org
            elif ctx.side(claim.speaker) in _COMBATANT_SIDES and (
                actor1 is None or not _agent_next(ctx, sentence_actors, hit, allow_civ, clause)
            ):
                # The agent right after a verbal noun is the actor ("وبثت المعارضة صورا لإسقاط
                # الأهالي التمثال"); otherwise the combatant claiming it did it.
                actor1 = _organisation(ctx, claim.speaker)
        # "نفت وزارة الدفاع انسحاب قواتها", "قصفت مدفعية النظام": a government or its ministry
        # does not fight, shell or hand over ground; its forces do.
        if (actor1 in {"syr_mod", "syr_gov"} and t.role in {"withdrawal", "territory"}) or (
            actor1 == "syr_gov" and t.event_type in _VIOLENT
        ):
            actor1 = "syr_gov_forces"
        if claim is None or t.phrase in _SPEECH_ACTS:
            status, claimed_by = "reported", None
        elif claim.status == "denied":
            status, claimed_by = "denied", claim.speaker
        elif ctx.side(claim.speaker) in _COMBATANT_SIDES or claim.speaker in _STATE_MEDIA:
            status, claimed_by = "claimed", claim.speaker
        else:
            status, claimed_by = "reported", None
        if planned:
            when, precision = (dated.date, dated.precision) if dated else (published, "approximate")
        else:
            when, precision = (dated.date, dated.precision) if dated else (published, "approximate")
            when = min(when, published)
        for sub in _sub_events(ctx, sentence, clauses, ci, hit, actor1):
            event_type = _EVENT_TYPE.get(sub, t.event_type)
            a1, a2 = actor1, actor2 or _opponent(ctx, clause, hit, actor1)
            if sub == "Air/drone strike":
                # The air force named in the clause, else "الطيران السوري" / "طائرات النظام", else
                # the named subject or claimant; unattributed "طائرات حربية" stay without actor.
                cl_text = ctx.ntext(clause.start, clause.end)
                foreign = _FOREIGN_AIR_RE.search(cl_text)
                a1 = (
                    _air_actor(ctx, clause)
                    or ("syr_air_force" if _SYRIAN_AIR_RE.search(cl_text) else None)
                    or (_FOREIGN_AIR[foreign.group("nat")] if foreign else None)
                    or (a1 if _named(ctx, sentence, a1) else None)
                )
            elif event_type == "Explosions/Remote violence":
                # "قصف مدفعي لقوات النظام": the agent in the genitive after the noun.
                agent = next(
                    (
                        m
                        for m in ctx.actors
                        if (hit.end <= m["char_start"] <= hit.end + 15 and ctx.glued(m["char_start"], "ل"))
                        # "قصف مدفعي مصدره مواقع الجيش": the source of the fire
                        or (
                            hit.end < m["char_start"] <= hit.end + 30
                            and _LAUNCHED_RE.fullmatch(ctx.ntext(hit.end, m["char_start"]))
                        )
                    ),
                    None,
                )
                if agent is not None:
                    a1 = str(agent["entity_id"])
                elif a1 is None and _GOV_WEAPON_RE.search(ctx.ntext(clause.start, clause.end)):
                    a1 = "syr_gov_forces"  # "دكّت المدفعية الحكومية", "راجمات النظام"
                row_a1 = ctx.actor_row(a1)
                if (
                    sub == "Shelling/artillery/missile attack"
                    and row_a1.get("parent_actor_id")
                    and _AIR_RE.search(normalize(str(row_a1.get("name_ar") or "")))
                ):
                    # "وكان الطيران الحربي قصف الجسر …، كما تعرّض محيطها لقصف مدفعي": an air force
                    # fires no artillery; the shelling is its parent forces'.
                    a1 = str(row_a1["parent_actor_id"])
            elif t.role in {"clash", "attack"}:
                # "قُتل خمسة من عناصر قسد بهجوم لخلايا تنظيم الدولة": the attacker is the genitive
                # right after the noun; the actor named before it is the victim.
                agent = next(
                    (
                        m for m in ctx.actors
                        if hit.end < m["char_start"] <= hit.end + 3 and ctx.glued(m["char_start"], "ل")
                        and not ctx.doc.text[hit.end : m["char_start"] - 1].strip()
                    ),
                    None,
                )  # fmt: skip
                if agent is None:
                    # "في هجوم شنّته خلايا تنظيم داعش": the agent after "launched/carried it out".
                    agent = next(
                        (
                            m for m in ctx.actors
                            if hit.end < m["char_start"] <= hit.end + 16
                            and _LAUNCHED_RE.fullmatch(ctx.ntext(hit.end, m["char_start"]))
                        ),
                        None,
                    )  # fmt: skip
                if agent is not None and agent["entity_id"] != a1:
                    a1, a2 = str(agent["entity_id"]), a1 if ctx.side(a1) in _COMBATANT_SIDES else a2
            if t.role in {"clash", "attack"} and (
                _REPELLED_RE.search(ctx.ntext(clause.start, hit.start)[-20:])
                or _REPEL_WORD_RE.fullmatch(ctx.ntext(hit.start, hit.end))
            ):
                # "أن الجيش تصدّى لهجوم شنّه …": the subject defended; the attackers are the
                # agent of the attack, else the other camp.
                defender = a1
                attacker = next(
                    (
                        m for m in ctx.actors
                        if hit.end < m["char_start"] <= hit.end + 30 and m["entity_id"] != defender
                        and (
                            _LAUNCHED_RE.fullmatch(ctx.ntext(hit.end, m["char_start"]))
                            or _ATTACK_OF_RE.fullmatch(ctx.ntext(hit.end, m["char_start"]))
                        )
                    ),
                    None,
                )  # fmt: skip
                a1 = str(attacker["entity_id"]) if attacker else _opponent(ctx, clause, hit, defender)
                if a1 is None and ctx.side(defender) == "government":
                    a1 = "opposition_factions"
                elif a1 is None and ctx.side(defender) in {"opposition", "sdf"}:
                    a1 = "syr_gov_forces" if ctx.side(defender) == "opposition" else None
                a2 = defender
            if sub == "Remote explosive/landmine/IED":
                # "انفجرت عبوة ناسفة بسيارة عسكرية تابعة لقسد": the owner of the hit vehicle is the
                # target; the bomber is only known from a claim ("تبنّى التنظيم").
                owner = next(
                    (
                        m for m in ctx.actors
                        if hit.end <= m["char_start"] < clause.end
                        and re.search(r"تابع\w*\s*ل?\s*$", ctx.ntext(hit.end, m["char_start"]))
                    ),
                    None,
                )  # fmt: skip
                if owner is not None and owner["entity_id"] == a1:
                    a1, a2 = (
                        (claimed_by if claimed_by != owner["entity_id"] else None),
                        str(owner["entity_id"]),
                    )
            if sub == "Armed clash" and t.role == "withdrawal":
                # The withdrawing side is the target; the attacker follows "من".
                a1, a2 = _opponent(ctx, clause, hit, actor1) or a1, actor1
            fatalities, fatalities_text = (
                _fatalities(ctx, clause, hit) if event_type in _VIOLENT else (None, None)
            )
            civilian = False
            tail = ctx.ntext(hit.end, clause.end)
            # Civilians are the target when they are hit and no armed target is named.
            if (
                event_type == "Explosions/Remote violence"
                and fatalities_text
                and _CIVILIAN_TARGET_RE.search(tail)
                and not _ARMED_TARGET_RE.search(tail)
            ) or (
                # "قُتل سبعة مدنيين جراء غارات …": the dead are civilians and no armed target is named
                event_type == "Explosions/Remote violence"
                and fatalities_text
                and _CIVILIAN_DEAD_RE.search(normalize(fatalities_text))
                and not _ARMED_TARGET_RE.search(tail)
            ):
                civilian = True
                a2 = "civilians"
            if event_type == "Protests" and (a1 is None or ctx.side(a1) == "government"):
                a1 = "civilians"  # "مظاهرة طالبوا فيها بإسقاط النظام": the regime is the target
            if event_type == "Violence against civilians":
                civilian = True
                a2 = a2 or "civilians"  # ACLED's victims of this type are civilians by definition
            # Ground taken after a named party left is taken from that party ("بعد انسحاب مقاتلي
            # قسد منها"); otherwise ground the opposition or the SDF takes is the government's,
            # and ground the government retakes is the opposition's.
            if a2 is None and sub in _TAKEOVER and t.role in {"territory", "deploy"}:
                a2 = _left_by(ctx, sentence, a1)
                if a2 is None and ctx.side(a1) in {"opposition", "sdf"}:
                    a2 = "syr_gov_forces"
            if a2 is None and t.group == "meeting":
                a2 = _partner(ctx, clause, hit, a1)
            if a2 is None and sub == "Government regains territory":
                a2 = "opposition_factions"
            if a2 is None and sub == "Arrests" and _CIVILIAN_DETAINEES_RE.search(tail):
                a2 = "civilians"  # "اعتقل خلالها نحو ثلاثين شاباً"
            if _SURRENDER_RE.search(ctx.ntext(hit.start, hit.end)):
                # "سلّم ثلاثون عنصراً من الجيش أنفسهم إلى مقاتلي الفصائل": captured by the
                # party after إلى; the ones who gave themselves up are the target.
                taker = next(
                    (
                        m for m in ctx.actors
                        if hit.end <= m["char_start"] < clause.end
                        and (
                            ctx.glued(m["char_start"], "ل")
                            or "الي" in ctx.words_before(m["char_start"], 2, hit.end)
                        )
                    ),
                    None,
                )  # fmt: skip
                if taker is not None:
                    a1, a2 = str(taker["entity_id"]), (a1 if a1 != taker["entity_id"] else a2)
            if a2 is None and t.role == "withdrawal" and sub == "Non-violent transfer of territory":
                # "أخلوا مواقعهم بعد أن سلّموا أسلحتهم لمسلحين محليين": the group handed to.
                a2 = _handed_to(ctx, sentence, hit, a1)
            if a2 is None and sub == "Arrests" and ctx.side(a1) == "opposition":
                a2 = "syr_gov_forces"
            for m in places:
                pid = m["entity_id"]  # None: the text names no place
                row = {
                    "article_id": ctx.doc.article.article_id,
                    "event_type": event_type,
                    "sub_event_type": sub,
                    "event_date": when,
                    "date_precision": precision,
                    "planned": planned,
                    "place_id": pid,
                    "geo_precision": ctx.doc.places.get(pid, {}).get("geo_precision"),
                    "actor1_id": a1,
                    "actor2_id": a2 if a2 != a1 else None,
                    "civilian_targeting": civilian,
                    "fatalities": fatalities,
                    "fatalities_text": fatalities_text,
                    "claim_status": status,
                    "claimed_by_actor_id": claimed_by,
                    "trigger": ctx.doc.text[hit.start : hit.end],
                    "evidence": ctx.doc.text[clause.start : clause.end],
                    "char_start": clause.start,
                    "char_end": clause.end,
                }
                span = (m["char_start"], m["char_end"]) if m["char_start"] >= 0 else None
                out.append(
                    _Event(
                        row, si, ci, span, t.group, _cue(ctx, sentence, clauses, ci),
                        clause.connector in _APART,
                    )
                )  # fmt: skip
                prior.append(out[-1])
    return out


def _contrast_span(ctx: _Ctx, sentence: Sentence, clauses: list[Clause], ci: int) -> str:
    """The (normalised) part of a sentence a clause belongs to: clauses opened by a contrast
    ("فيما انسحبت قوات النظام من سراقب من دون أي مواجهة") tell another action, so their
    no-fighting cue does not type the takeover in the main clause."""
    lo = ci
    while lo > 0 and clauses[lo].connector not in _APART:
        lo -= 1
    hi = ci + 1
    while hi < len(clauses) and clauses[hi].connector not in _APART:
        hi += 1
    start = clauses[lo].start if clauses else sentence.start
    end = clauses[hi - 1].end if clauses else sentence.end
    return ctx.ntext(start, end)


def _cue(ctx: _Ctx, sentence: Sentence, clauses: list[Clause], ci: int) -> str:
    """Whether a clause (else its sentence) says there was fighting ("fight") or none ("calm")."""
    cl = ctx.ntext(clauses[ci].start, clauses[ci].end)
    if _NO_FIGHT_RE.search(cl):
        return "calm"
    if _FIGHT_RE.search(cl):
        return "fight"
    if _calm(_contrast_span(ctx, sentence, clauses, ci)):
        return "calm"
    return ""


def _calm(text: str) -> bool:
    """Whether a (normalised) sentence says there was no fighting and speaks of none: a cue
    elsewhere in it ("… بعد انسحاب قوات النظام دون حصول اشتباكات") may belong to another
    clause's action, so any fighting word keeps the default."""
    return bool(_NO_FIGHT_RE.search(text)) and not _FIGHT_RE.search(text)


def _propagate_calm(ctx: _Ctx, events: list[_Event]) -> None:
    """A takeover typed only by default becomes a non-violent transfer when the same article
    reports the place changing hands without fighting (same place or same name), or when the
    same actor's previous takeover in the sentence was non-violent ("ثم دخلت … وتوجهت …")."""
    nv = "Non-violent transfer of territory"

    def name(pid: str) -> str:
        return normalize(str(ctx.doc.places.get(pid, {}).get("name_ar") or pid))

    calm_places = {e.row["place_id"] for e in events if e.row["sub_event_type"] == nv} - {None}
    calm_names = {name(p) for p in calm_places}
    for e in events:
        r = e.row
        if r["sub_event_type"] == "Non-state actor overtakes territory" and not e.cue:
            same_actor = not e.apart and any(
                o.sentence == e.sentence and o is not e and o.row["sub_event_type"] == nv
                and o.row["actor1_id"] == r["actor1_id"] and o.row["char_start"] <= r["char_start"]
                for o in events
            )  # fmt: skip
            if r["place_id"] in calm_places or name(r["place_id"]) in calm_names or same_actor:
                r["sub_event_type"], r["event_type"] = nv, "Strategic developments"


def _merge(events: list[_Event]) -> list[Row]:
    """One event per action per place in an article (gold guidelines §1).

    Later mentions fill gaps; a specific party's own claim replaces a generic one; a clash
    reported in the same sentence as the capture of its place is that capture's fighting.
    """
    taken = {(e.sentence, e.row["place_id"]) for e in events if e.row["sub_event_type"] in _TAKEOVER}
    merged: dict[tuple[str, str, str, bool, str], Row] = {}
    for e in events:
        row = e.row
        if row["sub_event_type"] == "Armed clash" and (e.sentence, row["place_id"]) in taken:
            continue
        # Placeless events are told apart by their actor.
        who = row["actor1_id"] if row["place_id"] is None else ""
        key = (
            row["event_type"],
            row["sub_event_type"],
            row["place_id"],
            row["planned"],
            e.group + (who or ""),
        )
        first = merged.get(key)
        if first is None:
            merged[key] = row
            continue
        if (
            first["actor1_id"] in _GENERIC_ACTORS
            and first["claim_status"] == "claimed"
            and row["claim_status"] == "claimed"
            and row["actor1_id"] not in _GENERIC_ACTORS
        ):
            for col in ("actor1_id", "claim_status", "claimed_by_actor_id"):
                first[col] = row[col]
        for col in ("actor1_id", "actor2_id", "fatalities", "fatalities_text"):
            if first.get(col) is None and row.get(col) is not None:
                first[col] = row[col]
    return list(merged.values())


def extract(doc: Doc) -> None:
    """Append the article's events to doc.events."""
    # "إدلب – قُتل …": a dateline names where the report was filed, not where events happened.
    dateline = re.match(r"\s*[^\W\d_][^\n–—:-]{0,25}?\s*(?:[–—-]|ـ{1,3}|:)\s", doc.text)
    ctx = _Ctx(
        doc=doc,
        nt=NormText(doc.text),
        places=sorted(
            (m for m in doc.mentions_of("place") if not (dateline and m["char_end"] <= dateline.end())),
            key=lambda m: (m["char_start"], -m["char_end"]),
        ),
        actors=sorted(doc.mentions_of("actor"), key=lambda m: (m["char_start"], -m["char_end"])),
    )
    published = doc.article.published_date
    found: list[_Event] = []
    for si, (sentence, clauses) in enumerate(segment(doc.text, ctx.nt, _opener)):
        if sentence.heading:
            continue  # headings repeat the body
        for ci in range(len(clauses)):
            _clause_events(ctx, sentence, clauses, ci, si, published, found)
        _note_speaker(ctx, clauses)
        dates = _dates_in(ctx, sentence.start, sentence.end, published)
        if dates:
            ctx.prev_sentence_date = _anchor(ctx, dates[0][0], dates[0][2], published)
        elif not (ctx.prev_sentence_date and _SAME_TIME_RE.match(ctx.ntext(sentence.start, sentence.end))):
            ctx.prev_sentence_date = None  # a chain "تزامن ذلك … بعد ساعات من ذلك" keeps the date
    _propagate_calm(ctx, found)
    _propagate_calm(ctx, found)  # twice: a chain "دخلت … ثم … للسيطرة عليها" needs two steps
    # A clash or an arrest the text does not locate at all cannot be coded (ACLED codes every
    # event at a location); strikes, statements and other acts keep a null place.
    rows = [r for r in _merge(found) if r["place_id"] is not None or r["sub_event_type"] not in _NEEDS_PLACE]
    # An event may name an actor that was implied rather than mentioned (territory taken from
    # government forces): its row must be in the release for the foreign key to resolve.
    for row in rows:
        for col in ("actor1_id", "actor2_id", "claimed_by_actor_id"):
            if row[col] is not None and not ensure_actor(doc, row[col]):
                row[col] = None
    doc.events.extend(rows)
