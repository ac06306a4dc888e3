"""Statements extractor: quotation styles, scare quotes, continuations, relays, denials, offsets."""

from __future__ import annotations

import itertools
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from syria_events.evaluate.statements import match_statements, speaker_correct
from syria_events.extract.statements import extract
from syria_events.model import Article, Doc, Row
from syria_events.quotes import scan_quotes

# (surface, actor_id, actor_type) the fixture Docs know; mentions are found by plain search, so
# these tests do not depend on the actor extractor.
ACTORS = [
    ("وزارة الدفاع السورية", "syr_mod", "government"),
    ("الجيش الإسرائيلي", "idf", "foreign_forces"),
    ("دميتري بيسكوف", "dmitry_peskov", "foreign_official"),
    ("بيسكوف", "dmitry_peskov", "foreign_official"),
    ("الكرملين", "kremlin", "government"),
    ("سانا", "sana", "media"),
    ("هيئة تحرير الشام", "hts", "rebel_group"),
    ("الجولاني", "abu_mohammad_al_julani", "person"),
    ('غرفة عمليات "ردع العدوان"', "moc", "rebel_coalition"),
    ("المعارضة", "opposition_factions", "rebel_coalition"),
]


def make_doc(text: str, events: list[Row] | None = None) -> Doc:
    doc = Doc(Article(article_id="0" * 16, source_file="t.txt", text=text, published_date=date(2024, 12, 7)))
    taken: list[tuple[int, int]] = []
    for surface, actor_id, actor_type in sorted(ACTORS, key=lambda a: -len(a[0])):
        start = text.find(surface)
        while start != -1:
            end = start + len(surface)
            if not any(s < end and start < e for s, e in taken):
                taken.append((start, end))
                doc.mentions.append(
                    {
                        "entity_type": "actor",
                        "entity_id": actor_id,
                        "surface": surface,
                        "char_start": start,
                        "char_end": end,
                        "confidence": 0.95,
                    }
                )
                doc.actors[actor_id] = {"actor_id": actor_id, "actor_type": actor_type, "origin": "codebook"}
            start = text.find(surface, end)
    doc.events.extend(events or [])
    extract(doc)
    return doc


def quotes_of(doc: Doc) -> list[str]:
    return [s["quote"] for s in doc.statements]


def check_offsets(doc: Doc) -> None:
    for s in doc.statements:
        assert doc.text[s["char_start"] : s["char_end"]] == s["quote"]
        assert s["speaker_actor_id"] is None or s["speaker_actor_id"] in doc.actors


# ---- quotation styles


def test_ascii_quote_after_colon() -> None:
    doc = make_doc('وقال الجيش الإسرائيلي في بيان: "قواتنا منتشرة في المنطقة الحدودية".')
    [s] = doc.statements
    assert s["quote"] == "قواتنا منتشرة في المنطقة الحدودية"
    assert (s["quote_type"], s["speaker_actor_id"], s["channel"]) == ("direct", "idf", "بيان")
    assert s["reporting_verb"] == "وقال"
    check_offsets(doc)


def test_curly_reversed_and_guillemet_quotes() -> None:
    for open_, close in (("“", "”"), ("”", "“"), ("«", "»"), ("“", "″")):
        text = f"وقال بيسكوف للصحفيين: {open_}نتابع عن كثب ما يحدث في سوريا{close}."
        doc = make_doc(text)
        assert quotes_of(doc) == ["نتابع عن كثب ما يحدث في سوريا"], (open_, close)
        assert doc.statements[0]["channel"] == "للصحفيين"
        check_offsets(doc)


def test_quote_across_sentences_and_nested_marks() -> None:
    text = 'وقال الجولاني: «نحن نتحدث عن بناء سوريا. "هيئة تحرير الشام" مجرد جزء من هذا الحوار».'
    doc = make_doc(text)
    assert quotes_of(doc) == ['نحن نتحدث عن بناء سوريا. "هيئة تحرير الشام" مجرد جزء من هذا الحوار']
    assert doc.statements[0]["speaker_actor_id"] == "abu_mohammad_al_julani"
    pairs = scan_quotes(text)
    assert [p.depth for p in pairs] == [0, 1]


def test_scare_quotes_and_names_are_not_statements() -> None:
    text = (
        'سيطرت الفصائل على مطار حماة العسكري و"اللواء-87" على طريق "الإم-5"، '
        'وهاجم مقاتلون حاجز “المخابرات الجوية”.\nروسيا "تقيم الوضع"\n'
        'وأعلنت غرفة عمليات "ردع العدوان" إحكام قبضتها على مدينة حماة.'
    )
    doc = make_doc(text)
    assert quotes_of(doc) == ["إحكام قبضتها على مدينة حماة"]
    assert doc.statements[0]["speaker_actor_id"] == "moc"
    assert doc.statements[0]["quote_type"] == "indirect"


# ---- indirect speech, continuations, relays, denials


def test_inna_clause_and_continuations() -> None:
    text = (
        "لفت دميتري بيسكوف اليوم الخميس إلى أن روسيا تقيم الوضع في سوريا. "
        "وأضاف أن نطاق المساعدة سيعتمد على هذا التقييم. "
        'وتابع قائلًا: "سنتمكن من الحديث عن مستوى المساعدة".'
    )
    doc = make_doc(text)
    assert quotes_of(doc) == [
        "أن روسيا تقيم الوضع في سوريا",
        "أن نطاق المساعدة سيعتمد على هذا التقييم",
        "سنتمكن من الحديث عن مستوى المساعدة",
    ]
    assert {s["speaker_actor_id"] for s in doc.statements} == {"dmitry_peskov"}
    assert len({s["speaker_surface"] for s in doc.statements}) == 1  # continuations copy it
    assert [s["reporting_verb"] for s in doc.statements] == ["لفت", "وأضاف", "وتابع قائلًا"]
    assert [s["quote_type"] for s in doc.statements] == ["indirect", "indirect", "direct"]
    check_offsets(doc)


def test_quoted_through_an_outlet_with_denial() -> None:
    text = (
        "كما نقلت وكالة الأنباء السورية الرسمية (سانا) عن مصدر عسكري قوله إنه لا صحة للأنباء "
        "حول انسحاب الجيش من حمص."
    )
    doc = make_doc(text)
    [s] = doc.statements
    assert s["quote"] == "إنه لا صحة للأنباء حول انسحاب الجيش من حمص"
    assert (s["speaker_surface"], s["speaker_actor_id"], s["channel"]) == ("مصدر عسكري", None, "سانا")
    assert (s["stance"], s["reporting_verb"]) == ("deny", "نقلت")


def test_denial_with_verbal_noun_then_new_verb() -> None:
    text = "في حين نفت وزارة الدفاع السورية انسحاب قواتها من حمص وقالت إنها تستهدف تجمعات المسلحين."
    doc = make_doc(text)
    assert quotes_of(doc) == ["انسحاب قواتها من حمص", "إنها تستهدف تجمعات المسلحين"]
    assert [s["stance"] for s in doc.statements] == ["deny", "assert"]
    assert {s["speaker_actor_id"] for s in doc.statements} == {"syr_mod"}


def test_mixed_quote_splits_predicate() -> None:
    text = 'لفت بيسكوف إلى أن روسيا تقيم الوضع في سوريا و"على تواصل دائم مع السلطات في دمشق".'
    doc = make_doc(text)
    assert quotes_of(doc) == ["أن روسيا تقيم الوضع في سوريا", "على تواصل دائم مع السلطات في دمشق"]
    assert [s["quote_type"] for s in doc.statements] == ["indirect", "direct"]


def test_trailing_attribution_and_directives_are_out_of_scope() -> None:
    text = "انسحبت قوات النظام من القرى، وفق ما ذكر مصدر محلي. ودعت المعارضة العناصر إلى الانشقاق."
    assert make_doc(text).statements == []


def test_event_link_when_speaker_claims_the_event() -> None:
    text = 'وأعلنت غرفة عمليات "ردع العدوان" إحكام قبضتها على مدينة حماة.'
    start = text.index("إحكام")
    event = {
        "char_start": start,
        "char_end": len(text) - 1,
        "claim_status": "claimed",
        "claimed_by_actor_id": "moc",
    }
    other = {
        "char_start": start,
        "char_end": len(text) - 1,
        "claim_status": "claimed",
        "claimed_by_actor_id": "hts",
    }
    doc = make_doc(text, events=[other, event])
    assert doc.statements[0]["event_key"] == 1
    assert "event_id" not in doc.statements[0]


def test_statement_columns() -> None:
    doc = make_doc('وقال الجيش الإسرائيلي: "قواتنا منتشرة في المنطقة".')
    assert set(doc.statements[0]) == {
        "article_id",
        "speaker_actor_id",
        "speaker_surface",
        "quote",
        "quote_type",
        "stance",
        "reporting_verb",
        "channel",
        "char_start",
        "char_end",
    }


# ---- offsets and determinism over generated texts

FRAGMENTS = [
    'وقال بيسكوف: "نتابع الوضع".',
    "وأضاف أن المساعدة مستمرة.",
    "أعلنت المعارضة السيطرة على المدينة.",
    "سيطرت الفصائل على طريق “الإم-5”.",
    "ونفت وزارة الدفاع السورية انسحاب قواتها.",
    "قال مصدر محلي، إن العناصر انسحبوا.",
    "«اللواء الثامن»",
    "\n",
    "وتابع قائلًا: ”المنطقة في مأزق“.",
    "نقلت سانا عن مصدر عسكري أنه “لا يوجد انسحاب”.",
    '"',
    "،",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=12))
def test_offsets_reproduce_every_quote(parts: list[str]) -> None:
    text = " ".join(parts)
    doc = make_doc(text)
    check_offsets(doc)
    again = make_doc(text)
    assert doc.statements == again.statements  # deterministic
    spans = sorted((s["char_start"], s["char_end"]) for s in doc.statements)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))  # no overlaps


# ---- evaluation


def test_matching_needs_half_of_the_longer_span() -> None:
    text = "قال الجيش إن القوات انسحبت من المدينة بعد معارك عنيفة"
    gold = [{"char_start": text.index("إن"), "char_end": len(text)}]
    short = [{"char_start": text.index("إن"), "char_end": text.index("من")}]  # 3 of 9 tokens
    assert match_statements(text, short, gold)[0].tp == 0
    half = [{"char_start": text.index("إن"), "char_end": text.index("بعد") - 1}]  # 6 of 9
    assert match_statements(text, half, gold)[0].tp == 1


def test_speaker_scoring() -> None:
    assert speaker_correct({"speaker_actor_id": "idf"}, {"speaker_actor_id": "idf"})
    assert speaker_correct(
        {"speaker_actor_id": None, "speaker_surface": "المصدر"},
        {"speaker_actor_id": None, "speaker_surface": "مصدر عسكري"},
    )
    assert not speaker_correct(
        {"speaker_actor_id": "moc", "speaker_surface": "مصدر"},
        {"speaker_actor_id": None, "speaker_surface": "مصدر"},
    )
    assert speaker_correct(
        {"speaker_actor_id": None, "speaker_surface": "العقيد سامر الخطيب"},
        {"speaker_actor_id": "new:samer_al_khatib", "speaker_surface": "سامر الخطيب"},
    )
