"""Relative and explicit dates (dates.py)."""

from __future__ import annotations

from datetime import date

import pytest

from syria_events.dates import resolve_relative_date

SAT = date(2024, 12, 7)  # a Saturday
THU = date(2024, 12, 5)


@pytest.mark.parametrize(
    ("phrase", "published", "expected"),
    [
        ("دخلت الفصائل اليوم الجمعة", date(2024, 12, 6), (date(2024, 12, 6), "day", False)),
        ("صباح اليوم الجمعة", date(2024, 12, 6), (date(2024, 12, 6), "day", False)),
        ("أعلن الوزير أمس", SAT, (date(2024, 12, 6), "day", False)),
        ("ليلة أمس الخميس", date(2024, 12, 6), (date(2024, 12, 5), "day", False)),
        ("قد تبدأ غداً الجمعة", THU, (date(2024, 12, 6), "day", True)),
        ("والجمعة دخلت مدينة حلب", THU, (date(2024, 11, 29), "day", False)),
        ("والسبت بسطت سيطرتها", THU, (date(2024, 11, 30), "day", False)),
        ("خلال الساعات الماضية", THU, (THU, "approximate", False)),
        ("في 5 ديسمبر/كانون الأول 2024", SAT, (date(2024, 12, 5), "day", False)),
        ("منذ 27 نوفمبر/تشرين الثاني الماضي", THU, (date(2024, 11, 27), "day", False)),
        ("في ٥ كانون الأول", SAT, (date(2024, 12, 5), "day", False)),
        ("الأحد المقبل", SAT, (date(2024, 12, 8), "day", True)),
        ("ديسمبر 2024", SAT, (date(2024, 12, 1), "month", False)),
        ("السبت الماضي", SAT, (date(2024, 11, 30), "day", False)),
        ("الجمعة الماضية", SAT, (date(2024, 12, 6), "day", False)),
        ("قبل يومين", SAT, (date(2024, 12, 5), "day", False)),
        ("قبل أيام", SAT, (date(2024, 12, 4), "approximate", False)),
        # "ليلة الجمعة" is the night before Friday; "ليل الخميس" and a pair name Thursday's night.
        ("انسحبت ليلة الجمعة", date(2024, 12, 6), (date(2024, 12, 5), "day", False)),
        ("ليلة الخميس-الجمعة", date(2024, 12, 6), (date(2024, 12, 5), "day", False)),
        ("ليل الخميس", date(2024, 12, 6), (date(2024, 12, 5), "day", False)),
        # Without the text before it, "في اليوم ذاته" falls back to the publication day.
        ("وفي اليوم ذاته", SAT, (SAT, "day", False)),
    ],
)
def test_resolve(phrase: str, published: date, expected: tuple[date, str, bool]) -> None:
    assert resolve_relative_date(phrase, published) == expected


def test_planned_meeting_may_be_after_publication() -> None:
    got = resolve_relative_date("سيجتمع المجلس مساء غد الأحد", SAT)
    assert got == (date(2024, 12, 8), "day", True)
    got = resolve_relative_date("من المقرر أن يعقد الوزير اجتماعا، اليوم السبت", SAT)
    assert got == (SAT, "day", True)


def test_future_date_without_plan_is_clamped_to_publication() -> None:
    # "5 December" in a text published on 1 December is not planned: never after publication.
    got = resolve_relative_date("دخلت الفصائل في 5 ديسمبر 2024", date(2024, 12, 1))
    assert got is not None and got[0] == date(2024, 12, 1) and got[2] is False


def test_background_years_and_no_date() -> None:
    assert resolve_relative_date("بنهاية 2017", SAT)[0] < date(2024, 11, 27)  # type: ignore[index]
    assert resolve_relative_date("عقب صلاة الجمعة", SAT) is None
    assert resolve_relative_date("سيطرت الفصائل على البلدة", SAT) is None
