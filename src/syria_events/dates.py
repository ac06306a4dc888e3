"""Dates in Arabic news text, resolved against the publication date.

`find_dates(text, published)` returns every date expression in a text with its resolution;
`resolve_relative_date(phrase, published)` resolves the first one. Handled:

- explicit dates in either month naming, with or without the other naming after a slash and
  with or without the year: "5 ديسمبر/كانون الأول 2024", "27 نوفمبر/تشرين الثاني" (day);
- "اليوم" / "صباح اليوم" / "مساء اليوم الجمعة" (the publication day), "أمس" / "ليلة أمس" /
  "أمس الخميس" (the day before), "أول أمس" (two days before), "غداً" / "مساء غد الأحد" (the
  day after, planned);
- a bare weekday: the latest such day on or before publication, or the next one when the
  phrase is marked as future ("المقبل", "القادم"), or the latest strictly before it when
  marked as past ("الأحد الماضي");
- "ليلة الجمعة": the eve of that weekday (the night before it, Thursday night), while
  "ليل الخميس" and "ليلة الخميس-الجمعة" are that (first) weekday's night;
- "اليوم نفسه", "في اليوم ذاته", "في وقت سابق من اليوم نفسه": kind `same_day`, the day of the
  date told before it. `find_dates` cannot see that date and resolves it to the publication
  day; the event extractor replaces it with the previous date in the article;
- "قبل يومين" (two days before), "قبل أيام" (approximate, three days before);
- "خلال الساعات الماضية" and similar (approximate, the publication day), "الأسبوع الماضي"
  (approximate), a month and year (month), a bare year ("بنهاية 2017", approximate).

Text is matched in normalised form (see segment.NormText), so Arabic-Indic digits, hamza and
ta-marbuta variants need no special cases. Offsets returned are into the normalised string
given; callers map them back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from syria_events.arabic import normalize

__all__ = ["DateExpr", "find_dates", "is_future_marked", "resolve_relative_date"]

# Month names normalised (ة→ه, أ→ا); both the Gregorian and the Levantine (Syriac) naming.
_MONTHS: dict[str, int] = {
    "يناير": 1, "كانون الثاني": 1, "فبراير": 2, "شباط": 2, "مارس": 3, "اذار": 3,
    "ابريل": 4, "نيسان": 4, "مايو": 5, "ايار": 5, "يونيو": 6, "حزيران": 6,
    "يوليو": 7, "تموز": 7, "اغسطس": 8, "اب": 8, "سبتمبر": 9, "ايلول": 9,
    "اكتوبر": 10, "تشرين الاول": 10, "نوفمبر": 11, "تشرين الثاني": 11,
    "ديسمبر": 12, "كانون الاول": 12,
}  # fmt: skip
# Python's weekday(): Monday is 0.
_WEEKDAYS: dict[str, int] = {
    "الاثنين": 0, "الثلاثاء": 1, "الاربعاء": 2, "الخميس": 3, "الجمعه": 4, "السبت": 5, "الاحد": 6,
}  # fmt: skip

_MONTH_RE = "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True))
_WEEKDAY_RE = "|".join(_WEEKDAYS)
_B = r"(?<![\w])"  # word start
_E = r"(?![\w])"  # word end
_TIME_OF_DAY = r"(?:(?:صباح|مساء|ظهر|فجر|ليله|ليل|عصر|يوم)\s+)?"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # 5 ديسمبر/كانون الأول 2024 ; 27 نوفمبر/تشرين الثاني ; 5 كانون الاول
    (
        "explicit",
        re.compile(
            _B + r"(?P<day>[0-3]?\d)\s+(?P<month>" + _MONTH_RE + r")"
            r"(?:\s*[/(-]\s*(?:" + _MONTH_RE + r")\s*\)?)?"
            r"(?:\s+(?:عام\s+)?(?P<year>(?:19|20)\d\d))?" + _E
        ),
    ),
    # ديسمبر 2024 (a month without a day)
    ("month", re.compile(_B + r"(?:شهر\s+)?(?P<month>" + _MONTH_RE + r")\s+(?P<year>(?:19|20)\d\d)" + _E)),
    ("day_before_yesterday", re.compile(_B + r"(?:اول\s+امس|امس\s+الاول|قبل\s+يومين)" + _E)),
    # "قبل أيام", "قبل ثلاثة أيام": some days before publication
    ("days_ago", re.compile(_B + r"قبل\s+(?:بضعه\s+|عده\s+|ثلاثه\s+|اربعه\s+)?ايام" + _E)),
    ("yesterday", re.compile(_B + _TIME_OF_DAY + r"(?:ب|و)?امس(?:\s+(?P<wd>" + _WEEKDAY_RE + r"))?" + _E)),
    (
        "tomorrow",
        re.compile(_B + _TIME_OF_DAY + r"(?:ب|و)?(?:غدا|غد)(?:\s+(?P<wd>" + _WEEKDAY_RE + r"))?" + _E),
    ),
    # "في اليوم ذاته", "في وقت سابق من اليوم نفسه", "في نفس اليوم": the day told before.
    (
        "same_day",
        re.compile(
            _B + r"(?:(?:و|ف)?في\s+)?(?:وقت\s+(?:سابق|لاحق|متاخر|مبكر)\s+من\s+)?"
            r"(?:(?:اليوم|الليله)\s+(?:ذاته|نفسه|عينه)|(?:نفس|ذات)\s+(?:اليوم|الليله))" + _E
        ),
    ),
    ("today", re.compile(_B + _TIME_OF_DAY + r"(?:و)?اليوم(?:\s+(?P<wd>" + _WEEKDAY_RE + r"))?" + _E)),
    (
        "recent",
        re.compile(
            _B + r"(?:خلال|في|منذ)\s+(?:ال)?(?:ساعات|الساعات|الايام|ايام)\s+(?:القليله\s+)?"
            r"(?:الماضيه|الاخيره|الفائته|السابقه)" + _E
        ),
    ),
    ("last_week", re.compile(_B + r"(?:الاسبوع|الاسابيع)\s+(?:الماضي|الفائت|الماضيه)" + _E)),
    (
        "weekday",
        re.compile(
            _B
            + r"(?:(?P<eve>ليله)\s+|(?:يوم|صباح|مساء|ظهر|فجر|عصر|ليل)\s+)?(?:[وفب])?(?P<wd>"
            + _WEEKDAY_RE
            + r")(?P<pair>\s*(?:[-–/]|علي|الي)\s*(?:"
            + _WEEKDAY_RE
            + r"))?(?:(?P<fut>\s+(?:المقبل|القادم))"
            + r"|(?P<past>\s+(?:الماضيه|الماضي|المنصرمه|المنصرم|الفائته|الفائت)))?"
            + _E
        ),
    ),
    (
        "year",
        re.compile(
            _B
            + r"(?:عام|العام|سنه|منذ|بنهايه|نهايه|مطلع|اواخر|اوائل|بدايه|في)?\s*(?P<year>(?:19|20)\d\d)"
            + _E
        ),
    ),
]
# "صلاة الجمعة" names the prayer, not a day; "يوم" alone is no date.
_NOT_A_DATE_RE = re.compile(r"صلاه\s+$")
# Future markers: announced or expected events. Future verbs are listed rather than guessed
# from the س prefix, which also starts سيطرة, سياسي, سيارة ...
_FUTURE_VERBS = [
    "سيجتمع",
    "ستجتمع",
    "سيتم",
    "سيكون",
    "ستكون",
    "سيعقد",
    "ستعقد",
    "ستبدا",
    "سيبدا",
    "سيزور",
    "ستزور",
    "سيصل",
    "ستصل",
    "سيلتقي",
    "ستلتقي",
    "سيتوجه",
    "ستتوجه",
    "سيشارك",
    "ستشارك",
    "سيبحث",
    "ستبحث",
    "سيناقش",
    "ستناقش",
    "ستمنع",
    "سيسمح",
    "ستسمح",
    "ستنطلق",
    "سينطلق",
]
_FUTURE_RE = re.compile(
    _B
    + r"(?:[وف])?(?:غدا|غد|من\s+المقرر|من\s+المتوقع|المقبل|المقبله|القادم|القادمه|قد\s+تبدا|قد\s+يبدا|"
    + r"يعتزم|تعتزم|تستعد|يستعد|"
    + "|".join(_FUTURE_VERBS)
    + r")"
    + _E
)


@dataclass(frozen=True)
class DateExpr:
    """A date expression found in (normalised) text, with its resolution."""

    start: int
    end: int
    kind: str
    date: date
    precision: str  # day | approximate | month
    planned: bool


def _weekday_on_or_before(published: date, wd: int) -> date:
    return published - timedelta(days=(published.weekday() - wd) % 7)


def _weekday_after(published: date, wd: int) -> date:
    return published + timedelta(days=(wd - published.weekday()) % 7 or 7)


def _resolve(kind: str, m: re.Match[str], published: date) -> tuple[date, str, bool] | None:
    g = m.groupdict()
    if kind == "explicit":
        month = _MONTHS[g["month"]]
        year = int(g["year"]) if g.get("year") else published.year
        try:
            d = date(year, month, int(g["day"]))
        except ValueError:
            return None
        if not g.get("year") and d > published + timedelta(days=31):
            # "27 نوفمبر" written in January means last year's November.
            d = d.replace(year=year - 1)
        return d, "day", False  # after publication only when the context marks a plan
    if kind == "month":
        return date(int(g["year"]), _MONTHS[g["month"]], 1), "month", False
    if kind == "day_before_yesterday":
        return published - timedelta(days=2), "day", False
    if kind == "days_ago":
        return published - timedelta(days=3), "approximate", False
    if kind == "yesterday":
        return published - timedelta(days=1), "day", False
    if kind == "tomorrow":
        return published + timedelta(days=1), "day", True
    if kind in {"today", "same_day"}:
        return published, "day", False
    if kind == "recent":
        return published, "approximate", False
    if kind == "last_week":
        return published - timedelta(days=7), "approximate", False
    if kind == "weekday":
        wd = _WEEKDAYS[g["wd"]]
        # "ليلة الجمعة" is the night before Friday; "ليلة الخميس-الجمعة" names Thursday's night.
        eve = timedelta(days=1 if g.get("eve") and not g.get("pair") else 0)
        if g.get("fut"):
            return _weekday_after(published, wd) - eve, "day", True
        if g.get("past"):  # "الجمعة الماضية" on a Friday is a week ago
            return published - timedelta(days=(published.weekday() - wd) % 7 or 7) - eve, "day", False
        return _weekday_on_or_before(published, wd) - eve, "day", False
    if kind == "year":
        year = int(g["year"])
        if year == published.year:
            return None  # "this year" dates nothing precisely
        return date(year, 12, 31) if "نهاي" in m.group() else date(year, 1, 1), "approximate", False
    return None


def find_dates(norm_text: str, published: date) -> list[DateExpr]:
    """Date expressions in normalised text, left to right, without overlaps."""
    found: list[DateExpr] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(norm_text):
            s, e = m.span()
            while s < e and norm_text[s].isspace():
                s += 1
            if any(s < b and a < e for a, b in taken):
                continue
            if kind == "weekday" and _NOT_A_DATE_RE.search(norm_text, max(0, s - 8), s):
                continue
            resolved = _resolve(kind, m, published)
            if resolved is None:
                continue
            taken.append((s, e))
            found.append(DateExpr(s, e, kind, *resolved))
    return sorted(found, key=lambda d: d.start)


def is_future_marked(norm_text: str) -> bool:
    """Whether a (normalised) clause speaks of a planned or expected future event."""
    return _FUTURE_RE.search(norm_text) is not None


def resolve_relative_date(phrase_context: str, published: date) -> tuple[date, str, bool] | None:
    """(date, precision, planned) of the first date expression in the text, or None.

    A future-marked context ("من المقرر", "سيجتمع", "غداً") makes the result planned; a date
    after publication in a context that is not planned is clamped to the publication date,
    since only planned events may be dated after it.
    """
    norm = normalize(phrase_context)
    found = find_dates(norm, published)
    if not found:
        return None
    d = found[0]
    planned = d.planned or is_future_marked(norm)
    when = d.date
    if when > published and not planned:
        when = published
    return when, d.precision, planned
