"""Sentence and clause segmentation (segment.py)."""

from __future__ import annotations

from syria_events.segment import NormText, clauses, segment, sentences, spans


def test_glued_heading_is_split_before_the_waw() -> None:
    text = 'وصف الانسحاب بـ"الإجراء التكتيكي".استكمال السيطرةوأعلنت غرفة العمليات السيطرة على البلدة.'
    got = sentences(text)
    assert spans(got, text) == [
        'وصف الانسحاب بـ"الإجراء التكتيكي".',
        "استكمال السيطرة",
        "وأعلنت غرفة العمليات السيطرة على البلدة.",
    ]
    assert [s.heading for s in got] == [False, True, False]


def test_glued_heading_without_ta_marbuta() -> None:
    text = "انتهى الخبر هنا.ريف حمصوانتقل صدى المعارك إلى الريف.درعاوفي درعا اتفقت المجموعات."
    assert spans(sentences(text), text) == [
        "انتهى الخبر هنا.",
        "ريف حمص",
        "وانتقل صدى المعارك إلى الريف.",
        "درعا",
        "وفي درعا اتفقت المجموعات.",
    ]


def test_ordinary_words_with_waw_are_not_split() -> None:
    text = "انسحبت قوات النظام من المواقع الدولية والمحافظة."
    assert spans(sentences(text), text) == [text]


def test_short_line_without_stop_is_a_heading() -> None:
    text = "التقدم نحو حمص\n\nدخلت الفصائل مدينة الرستن."
    got = sentences(text)
    assert [(text[s.start : s.end], s.heading) for s in got] == [
        ("التقدم نحو حمص", True),
        ("دخلت الفصائل مدينة الرستن.", False),
    ]


def test_clauses_split_at_connectors_and_keep_lists_together() -> None:
    text = (
        "وسيطرت الفصائل على تير معلة، الزعفرانة، غرناطة والدار الكبيرة، بعد اشتباكات مع قوات النظام، "
        "بينما أصبحت على بعد 5 كيلومترات من مدينة حمص، حيث انسحبت قوات النظام."
    )
    s = sentences(text)[0]
    got = spans(clauses(text, s), text)
    assert got[0].startswith("وسيطرت الفصائل") and got[0].endswith("مع قوات النظام،")
    assert got[1].startswith("بينما")
    assert got[2].startswith("حيث")


def test_clauses_split_before_waw_and_an_opener_word() -> None:
    text = "اقتحموا مبنى القيادة واعتقلوا جميع العناصر."
    s = sentences(text)[0]
    got = spans(clauses(text, s, opener=lambda w: w == "اعتقلوا"), text)
    assert got == ["اقتحموا مبنى القيادة", "واعتقلوا جميع العناصر."]


def test_offsets_survive_tatweel_and_diacritics() -> None:
    text = "داهم مسـلحون محليـون حاجزاً، ثم غادروا."
    nt = NormText(text)
    assert "مسلحون" in nt.norm
    for sentence, cls in segment(text, nt):
        for c in cls:
            assert text[c.start : c.end] == text[c.start : c.end].strip()
            assert sentence.start <= c.start < c.end <= sentence.end
    assert spans(segment(text)[0][1], text) == ["داهم مسـلحون محليـون حاجزاً،", "ثم غادروا."]


def test_hours_after_opens_a_clause_of_its_own() -> None:
    text = "دخلت الفصائل مدينة الرستن دون قتال، بعد ساعات من إعلانها السيطرة على تلبيسة."
    s = sentences(text)[0]
    got = spans(clauses(text, s), text)
    assert got == ["دخلت الفصائل مدينة الرستن دون قتال،", "بعد ساعات من إعلانها السيطرة على تلبيسة."]
    assert clauses(text, s)[1].connector == "بعد ساعات"
