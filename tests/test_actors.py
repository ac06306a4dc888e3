"""Actor codebook and extractor: real properties of real output."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from syria_events.codebook import ACTOR_TYPES, SIDES, check_codebook, codebook, parent_chain, seed_ids
from syria_events.evaluate.common import CORPUS_DIR
from syria_events.extract.actors import extract, romanize, transliterate
from syria_events.model import Article, Doc

SCHEMA_COLUMNS = {
    "actor_id",
    "name_ar",
    "name_en",
    "actor_type",
    "side",
    "aliases_ar",
    "parent_actor_id",
    "country_code",
    "wikidata_id",
    "origin",
}


def run(text: str) -> Doc:
    doc = Doc(Article("0" * 16, "t.txt", text, date(2024, 12, 7)))
    extract(doc)
    return doc


def found(text: str) -> list[tuple[str, str]]:
    return [(m["surface"], m["entity_id"]) for m in run(text).mentions]


# --- codebook integrity ------------------------------------------------------------------------


def test_codebook_is_sound() -> None:
    cb = codebook()
    assert check_codebook(cb) == []
    assert all(a.actor_type in ACTOR_TYPES and a.side in SIDES for a in cb.values())


def test_every_seed_id_is_kept() -> None:
    assert set(seed_ids()) <= set(codebook())


def test_parents_resolve_without_cycles() -> None:
    cb = codebook()
    for actor_id in cb:
        chain = parent_chain(actor_id, cb)
        assert len(chain) == len(set(chain)) and actor_id not in chain
        assert all(p in cb for p in chain)
    assert parent_chain("syr_air_force", cb)[:2] == ["syr_gov_forces", "syr_mod"]


# --- generic references ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "actor"),
    [
        ("انسحبت قوات النظام من المدينة", "قوات النظام", "syr_gov_forces"),
        ("وقال الجيش في بيان إن", "الجيش", "syr_gov_forces"),
        ("أقر جيش النظام السوري بخسارة حماة", "جيش النظام السوري", "syr_gov_forces"),
        ("سيطرت الفصائل على المدينة", "الفصائل", "opposition_factions"),
        ("دخلت فصائل المعارضة إلى حمص", "فصائل المعارضة", "opposition_factions"),
        ("وصل الثوار إلى الرستن", "الثوار", "opposition_factions"),
        ("وقصف طائرات روسية الجسر", "طائرات روسية", "russian_forces"),
        ("بمهاجمة مواقع للجيش", "لجيش", "syr_gov_forces"),
    ],
)
def test_generic_references(text: str, surface: str, actor: str) -> None:
    assert (surface, actor) in found(text)


def test_local_fighters_depend_on_the_governorate() -> None:
    assert ("مقاتلون محليون", "daraa_local_armed_groups") in found(
        "وفي ريف درعا الشمالي سيطر مقاتلون محليون على حاجزين"
    )
    assert ("مقاتلون محليون", "opposition_factions") in found("وفي ريف حمص سيطر مقاتلون محليون على حاجزين")
    assert ("الفصائل المحلية", "suwayda_local_factions") in found(
        "في السويداء طالبت الفصائل المحلية عناصر الشرطة بالانسحاب"
    )


def test_country_as_place_is_not_an_actor() -> None:
    assert found("توجه قسم منها إلى العراق وبقي آخرون في سوريا") == []
    assert ("روسيا", "russia") in found("وأشار إلى أن روسيا تقيم الوضع")
    assert ("الأردن", "jordan") in found("الأردن يغلق معبرا رئيسيا")


def test_nisba_alone_is_not_an_actor() -> None:
    assert found("عقد اجتماع بطلب روسي مع الجانب التركي") == []


# --- persons, titles, diacritics, overlaps -----------------------------------------------------


def test_known_person_with_and_without_diacritics() -> None:
    for name in ("أبو محمّد الجولاني", "أبو محمد الجولاني"):
        assert found(f"وأكد زعيم هيئة تحرير الشام {name} أن") == [
            ("هيئة تحرير الشام", "hts"),
            (name, "abu_mohammad_al_julani"),
        ]


def test_title_with_name_gives_only_the_name() -> None:
    assert found("وقال وزير الخارجية الروسي، سيرغي لافروف، إن") == [("سيرغي لافروف", "sergey_lavrov")]
    assert found("من المقرر أن يعقد وزير الخارجية التركي اجتماعا") == [
        ("وزير الخارجية التركي", "turkey_foreign_minister")
    ]


def test_unseen_person_becomes_a_discovered_row_with_parent() -> None:
    doc = run("وقال القيادي محمود الحسن من هيئة تحرير الشام إن القوات تقدمت")
    person = next(m for m in doc.mentions if m["entity_id"].startswith("person:"))
    assert person["surface"] == "محمود الحسن"
    row = doc.actors[person["entity_id"]]
    assert row["origin"] == "discovered" and row["parent_actor_id"] == "hts"
    assert row["actor_type"] in ("person", "state_official") and set(row) == SCHEMA_COLUMNS


def test_discovered_official_takes_the_state_of_the_nisba() -> None:
    doc = run("وقال وزير الخارجية القطري محمد بن عبد الرحمن آل ثاني إن")
    row = next(r for r in doc.actors.values() if r["origin"] == "discovered")
    assert row["name_ar"] == "محمد بن عبد الرحمن آل ثاني"
    assert row["parent_actor_id"] == "qatar" and row["actor_type"] == "foreign_official"
    assert row["actor_id"] == "person:" + transliterate(row["name_ar"])
    assert row["actor_id"].isascii()


def test_unnamed_spokesman_resolves_to_the_known_spokesman() -> None:
    assert found("وأفاد المتحدث باسم إدارة العمليات العسكرية بأن") == [
        ("المتحدث", "hassan_abdul_ghani"),
        ("إدارة العمليات العسكرية", "moc"),
    ]


def test_overlapping_names_resolve_to_the_longest() -> None:
    assert found("أعلنت قوات سوريا الديمقراطية انتشارها") == [("قوات سوريا الديمقراطية", "sdf")]
    assert found("وأعلن الجيش الإسرائيلي") == [("الجيش الإسرائيلي", "idf")]


def test_elliptical_conjunct() -> None:
    assert found("وحاول الطيران الحربي السوري والروسي إبطاء التقدم") == [
        ("الطيران الحربي السوري", "syr_air_force"),
        ("الروسي", "russian_forces"),
    ]


# --- output shape on the real corpus -------------------------------------------------------------


@pytest.mark.parametrize("path", sorted((CORPUS_DIR / "articles").glob("*.txt")), ids=lambda p: p.stem)
def test_corpus_output_is_consistent(path) -> None:
    text = path.read_text(encoding="utf-8")
    doc = run(text)
    spans = [(m["char_start"], m["char_end"]) for m in doc.mentions]
    assert spans == sorted(spans)
    for m in doc.mentions:
        assert text[m["char_start"] : m["char_end"]] == m["surface"]
        assert 0 < m["confidence"] <= 1
        assert m["entity_id"] in doc.actors
    for a, b in itertools.pairwise(spans):
        assert a[1] <= b[0], "mentions never overlap"
    for row in doc.actors.values():
        assert set(row) == SCHEMA_COLUMNS and isinstance(row["aliases_ar"], list)
        assert row["parent_actor_id"] is None or row["parent_actor_id"] in doc.actors
    again = run(text)
    assert again.mentions == doc.mentions and again.actors == doc.actors


# --- generic phrasings and new rules ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "actor"),
    [
        (
            "وأعلنت القيادة العامة للجيش والقوات المسلحة",
            "القيادة العامة للجيش والقوات المسلحة",
            "syr_gov_forces",
        ),
        ("انسحبت القوات الحكومية من المدينة", "القوات الحكومية", "syr_gov_forces"),
        ("وقال الحرس الثوري الإيراني إن", "الحرس الثوري الإيراني", "irgc"),
        ("وأفاد الدفاع المدني السوري بانتشال الجثث", "الدفاع المدني السوري", "white_helmets"),
        ("وانتشلت فرق الخوذ البيضاء الجثث", "الخوذ البيضاء", "white_helmets"),
        ("وحذرت الأمم المتحدة من موجة نزوح", "الأمم المتحدة", "un"),
        ("وذكرت وكالة رويترز أن", "وكالة رويترز", "reuters"),
        ("وشن الطيران الحربي غارات على المدينة", "الطيران الحربي", "syr_air_force"),
        ("وقال مقاتلو فيلق الشام إنهم تقدموا", "مقاتلو فيلق الشام", "sham_legion"),
    ],
)
def test_codebook_generic_phrasings(text: str, surface: str, actor: str) -> None:
    assert (surface, actor) in found(text)


def test_personnel_noun_joins_the_force() -> None:
    assert found("اعتقل عناصر قوات النظام عشرات الشبان") == [
        ("عناصر قوات النظام", "syr_gov_forces"),
        ("الشبان", "civilians"),  # the detained young men are civilians (ACLED's side)
    ]


def test_numbered_unit_acting_is_an_actor_but_a_base_is_not() -> None:
    # A numbered unit is a unit of the army: its own (discovered) row, whose parent is the army.
    assert ("الفرقة 30", "syr_30th_division") in found("وقصفت الفرقة 30 مواقع الفصائل")
    assert ("الفرقة التاسعة", "syr_9th_division") in found("وقصفت الفرقة التاسعة مواقع الفصائل")
    assert found("سيطرت الفصائل على اللواء 52 في ريف درعا") == [("الفصائل", "opposition_factions")]
    assert ("اللواء الثامن", "eighth_brigade") in found("وأعلن اللواء الثامن انسحابه")


@pytest.mark.parametrize(
    ("text", "surface", "actor"),
    [
        ("أعلنت دمشق رفضها للهجوم", "دمشق", "syr_gov"),
        ("دعت موسكو إلى وقف إطلاق النار", "موسكو", "russia"),
        ("قالت أنقرة إنها تتابع الوضع", "أنقرة", "turkey"),
        ("وطلبت بكين عقد جلسة", "بكين", "china"),
    ],
)
def test_capital_as_subject_is_the_government(text: str, surface: str, actor: str) -> None:
    assert found(text) == [(surface, actor)]


def test_capital_as_place_is_not_an_actor() -> None:
    assert found("وصل الوفد إلى موسكو أمس") == []


def test_name_before_title_with_parent_from_basm() -> None:
    doc = run("وقال سامر الحمصي، المتحدث باسم الجيش الوطني السوري، إن الفصائل تقدمت")
    person = next(m for m in doc.mentions if m["entity_id"].startswith("person:"))
    assert person["surface"] == "سامر الحمصي"
    assert doc.actors[person["entity_id"]]["parent_actor_id"] == "syrian_national_army"


def test_unlisted_first_name_after_title_and_complement() -> None:
    doc = run("وقال رئيس المكتب السياسي لحركة حماس غزوان درويش إن")
    person = next(m for m in doc.mentions if m["entity_id"].startswith("person:"))
    assert person["surface"] == "غزوان درويش"
    assert doc.actors[person["entity_id"]]["parent_actor_id"] == "hamas"


def test_military_field_commander_in_organisation() -> None:
    doc = run("وأكد القائد العسكري في هيئة تحرير الشام كنان الزعبي أن المعركة مستمرة")
    person = next(m for m in doc.mentions if m["entity_id"].startswith("person:"))
    assert person["surface"] == "كنان الزعبي"
    assert doc.actors[person["entity_id"]]["parent_actor_id"] == "hts"


def test_military_rank_takes_a_name_but_not_a_unit_or_adjective() -> None:
    assert [s for s, _ in found("وأوضح المقدم حسن عبد الله العلي أن")] == ["حسن عبد الله العلي"]
    assert not any(a.startswith("person:") for _, a in found("كان الدعم المقدم من روسيا كبيرا"))
    assert not any(a.startswith("person:") for _, a in found("وانسحب اللواء 52 نحو الشمال"))


def test_rank_with_nisba_belongs_to_that_states_forces() -> None:
    doc = run("وقال العميد الروسي ديمتري فاسيليف إن")
    row = next(r for r in doc.actors.values() if r["origin"] == "discovered")
    assert row["parent_actor_id"] == "russian_forces" and row["country_code"] == "RU"


def test_preposition_ala_is_not_the_name_ali() -> None:
    assert not any(a.startswith("person:") for _, a in found("وقال وزير الخارجية التركي على هامش المنتدى إن"))


def test_no_person_from_common_words_after_a_title() -> None:
    for text in (
        "وقال مسؤول أمني سوري لرويترز إن",
        "أعلن الرئيس الروسي استعداد بلاده للوساطة",
        "وقال المتحدث باسم شبكة أخبار محلية إن",
        "التقى وزير الخارجية نظيره الأردني",
    ):
        assert not any(a.startswith("person:") for _, a in found(text)), text


# A property: any invented name after a title pattern becomes a new actor row with exact offsets.
_FIRST = ("سامر", "كنان", "غزوان", "ماهر", "وسيم", "مؤيد")
_LAST = ("الدرويش", "العبيد", "الحمصي", "القاسم", "الزعبي", "النجار")
_FRAMES = (
    "وقال القيادي في هيئة تحرير الشام {name} إن القوات تقدمت",
    "وأكد المتحدث باسم الجيش الوطني السوري {name} أن",
    "وقال {name}، المتحدث باسم إدارة العمليات العسكرية، إن",
    "وأوضح العقيد {name} أن القوات انسحبت",
)


@pytest.mark.parametrize("frame", _FRAMES)
@pytest.mark.parametrize(("first", "last"), list(zip(_FIRST, _LAST, strict=True)))
def test_property_invented_person_after_title(frame: str, first: str, last: str) -> None:
    name = f"{first} {last}"
    text = frame.format(name=name)
    doc = run(text)
    persons = [m for m in doc.mentions if m["entity_id"].startswith("person:")]
    assert len(persons) == 1, (text, doc.mentions)
    m = persons[0]
    assert (m["char_start"], m["char_end"]) == (text.index(name), text.index(name) + len(name))
    row = doc.actors[m["entity_id"]]
    assert row["origin"] == "discovered" and row["name_ar"] == name and set(row) == SCHEMA_COLUMNS
    assert row["actor_id"] == "person:" + transliterate(name)


# --- transliteration -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "latin", "slug"),
    [
        ("محمود الحسن", "Mahmoud al-Hassan", "mahmoud_al_hassan"),
        ("عبد الله الثاني", "Abdullah al-Thani", "abdullah_al_thani"),
        (
            "محمد بن عبد الرحمن آل ثاني",
            "Mohammad bin Abd al-Rahman Al Thani",
            "mohammad_bin_abd_al_rahman_al_thani",
        ),
        ("غزوان درويش", "Ghzwan Drwish", "ghzwan_drwish"),
        ("كنان الزعبي", "Kinan al-Z'bi", "kinan_al_zbi"),
        ("خالد الشيخ", "Khaled al-Sheikh", "khaled_al_sheikh"),
    ],
)
def test_romanize_and_slug(name: str, latin: str, slug: str) -> None:
    assert romanize(name) == latin
    assert transliterate(name) == slug
    assert transliterate(name).isascii()


# --- rules added for the development sets (each with sentences of its own) ---------------------------


def test_title_words_of_listed_persons_are_not_first_names() -> None:
    from syria_events.extract.actors import _index

    given = _index().given_names
    assert not given & {"وزير", "مدير", "رئيس", "نائب", "ولي", "الرئيس"}
    assert "مظلوم" in given  # the first word of a listed person's real name still counts


def test_name_after_an_organisation_may_start_with_fa() -> None:
    doc = run("وقال مدير المكتب الإعلامي لـ«جيش العزة» فرزات الخطيب إن المعارك مستمرة")
    persons = [m for m in doc.mentions if m["entity_id"].startswith("person:")]
    assert [m["surface"] for m in persons] == ["فرزات الخطيب"]
    assert doc.actors[persons[0]["entity_id"]]["parent_actor_id"] == "jaish_al_izza"


def test_surname_alone_refers_back_to_a_discovered_person() -> None:
    pairs = found("قال القيادي في جيش العزة محمود الحموي إن الهجوم بدأ. وأضاف الحموي أن القوات تقدمت")
    ids = [a for s, a in pairs if s in ("محمود الحموي", "الحموي")]
    assert len(ids) == 2 and ids[0] == ids[1] and ids[0].startswith("person:")
    # An adjective after a definite noun is not the surname.
    pairs = found("وأكد الناطق باسم الفصائل أحمد الحوراني أن المعارك في السهل الحوراني مستمرة")
    assert [s for s, a in pairs if a.startswith("person:")] == ["أحمد الحوراني"]


def test_spokesman_named_after_a_comma_and_rank_is_not_the_listed_one() -> None:
    pairs = found("أعلن المتحدث باسم إدارة العمليات العسكرية، العقيد سامر الحمصي، أن القوات دخلت")
    assert ("المتحدث", "hassan_abdul_ghani") not in pairs
    assert any(s == "سامر الحمصي" and a.startswith("person:") for s, a in pairs)


def test_title_dropped_when_the_same_persons_name_follows_in_the_clause() -> None:
    assert found("وقال وزير الخارجية الأمريكي في مؤتمر صحفي أنتوني بلينكن إن") == [
        ("أنتوني بلينكن", "antony_blinken")
    ]


def test_name_after_nazir_is_the_counterpart_not_the_title_holder() -> None:
    assert found("التقى رئيس الدبلوماسية الروسية بنظيره التركي هاكان فيدان في الدوحة") == [
        ("رئيس الدبلوماسية الروسية", "sergey_lavrov"),
        ("هاكان فيدان", "turkey_foreign_minister"),
    ]


def test_commanders_forces_and_units_anaphora() -> None:
    assert ("قواته", "sdf") in found("وأكد مظلوم عبدي أن قواته لن تنسحب من الرقة")
    assert ("قواته", "hts") in found("وقال القائد في هيئة تحرير الشام كنان الزعبي إن قواته دخلت حماة")
    assert ("وحداتها", "syr_gov_forces") in found(
        "وأعلنت القيادة العامة للجيش، صباح الأحد، نقل وحداتها إلى حمص"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("دعت فرنسا وبريطانيا إلى وقف القتال", [("فرنسا", "france"), ("بريطانيا", "uk")]),
        ("وصل الوفد إلى فرنسا وبريطانيا أمس", []),
        ("وقال إن على تركيا أن توقف دعمها", [("تركيا", "turkey")]),
        ("وأكد أن موسكو لن تتخلى عن دمشق", [("موسكو", "russia"), ("دمشق", "syr_gov")]),
        ("وغادر القافلة إلى دمشق عن طريق حمص", []),
    ],
)
def test_country_conjuncts_obligation_and_party_objects(text: str, expected: list) -> None:
    assert found(text) == expected


def test_patron_is_part_of_an_armed_groups_phrase() -> None:
    assert found("وانسحب المقاتلين الموالين لإيران من البوكمال") == [
        ("المقاتلين الموالين لإيران", "iran_backed_militias")
    ]
    assert found("هاجمت الفصائل المدعومة من أنقرة مواقع في منبج") == [
        ("الفصائل المدعومة من أنقرة", "syrian_national_army")
    ]
    # "التابعة لـ" states a chain of command: both stay mentions.
    pairs = found("قصفت الفرقة 25 التابعة للنظام السوري القرية")
    assert ("لنظام السوري", "syr_gov") in pairs


@pytest.mark.parametrize(
    ("text", "surface", "actor"),
    [
        ("وشنت مقاتلات روسية غارات على أريحا", "مقاتلات روسية", "russian_forces"),
        ("وقال المسؤول إن حماة الديار يتصدون للهجوم", "حماة الديار", "syr_gov_forces"),
        (
            "وزار رئيس هيئة الأركان المشتركة الأردنية الحدود",
            "هيئة الأركان المشتركة الأردنية",
            "jordan_armed_forces",
        ),
        ("وصرح رئيس الدبلوماسية الإيرانية بأن", "رئيس الدبلوماسية الإيرانية", "iran_foreign_minister"),
        ("دعا إلى مفاوضات بين المعارضة السورية والحكومة في جنيف", "الحكومة", "syr_gov"),
    ],
)
def test_codebook_phrasings_added_for_the_development_sets(text: str, surface: str, actor: str) -> None:
    assert (surface, actor) in found(text)


def test_bare_government_needs_the_opposition_nearby() -> None:
    assert found("قالت الحكومة إنها سترفع أسعار الخبز") == []


def test_al_hal_net_footer_is_not_a_citation() -> None:
    assert found("انضم إلى قائمة من يقدّرون محتوى الحل نت واشترك بنشرتنا البريدية") == []
    assert ("الحل نت", "al_hal_net") in found("وقال مراسل الحل نت إن")


def test_discovered_journalist_and_doctor_are_not_armed() -> None:
    from syria_events.evaluate.actors import _armed_political

    for text, side in (
        ("قالت الصحفية ريم الأحمد إن القصف مستمر", "media"),
        ("وناشد الطبيب وسيم القاسم فتح ممرات آمنة", "civilian"),
        ("وقال القيادي في هيئة تحرير الشام كنان الزعبي إن", "opposition"),
    ):
        doc = run(text)
        row = next(r for r in doc.actors.values() if r["origin"] == "discovered")
        assert row["side"] == side, text
        assert _armed_political(row["actor_id"], doc.actors) is (side == "opposition")


def test_ensure_actor_handles_discovered_persons() -> None:
    from syria_events.extract.actors import ensure_actor

    doc = run("وقال القيادي في هيئة تحرير الشام كنان الزعبي إن القوات تقدمت")
    pid = next(a for a, r in doc.actors.items() if r["origin"] == "discovered")
    assert ensure_actor(doc, pid)
    # A row whose parent went missing gets its parent chain back.
    for p in ("hts", "moc"):
        doc.actors.pop(p, None)
    assert ensure_actor(doc, pid) and "hts" in doc.actors and "moc" in doc.actors
    # A discovered id that no mention of this Doc created cannot be made up.
    assert not ensure_actor(run("لا شيء هنا"), pid)
    assert ensure_actor(doc, "syr_air_force") and "syr_mod" in doc.actors


def test_every_actor_row_is_mentioned_or_a_parent() -> None:
    for path in sorted((CORPUS_DIR / "articles").glob("*.txt")):
        doc = run(path.read_text(encoding="utf-8"))
        mentioned = {m["entity_id"] for m in doc.mentions}
        parents = {r["parent_actor_id"] for r in doc.actors.values()}
        assert set(doc.actors) <= mentioned | parents, path.name


def test_bare_generic_with_a_nationality_is_another_actor() -> None:
    assert ("الحكومة", "syr_gov") not in found("رحبت المعارضة السورية بموقف الحكومة الفرنسية")


# --- rules added after the first blind set became a development set ---------------------------


def test_a_leading_armed_group_stays_its_own_mention_but_a_leading_state_joins() -> None:
    pairs = found("تقدمت الفصائل بقيادة هيئة تحرير الشام نحو مدينة حماة")
    assert ("الفصائل", "opposition_factions") in pairs and ("هيئة تحرير الشام", "hts") in pairs
    assert found("قصف التحالف الدولي بقيادة واشنطن مواقع التنظيم") == [
        ("التحالف الدولي بقيادة واشنطن", "us_led_coalition")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وقال الوزير إن موسكو ستدعم الحكومة السورية", [("موسكو", "russia"), ("الحكومة السورية", "syr_gov")]),
        ("وقال: «سترسل أنقرة وفداً إلى الدوحة»", [("أنقرة", "turkey")]),
        ("ونفى المتحدث أن تكون طهران وراء الهجوم", [("طهران", "iran")]),
        ("وأكد القائد أن الفصائل لن تدخل دمشق قبل الفجر", [("الفصائل", "opposition_factions")]),
        ("وتحدث التقرير عن سيطرة دمشق على المعبر", []),
    ],
)
def test_country_after_a_marked_present_tense_verb_is_its_subject(text: str, expected: list) -> None:
    assert found(text) == expected


def test_local_gunmen_take_the_next_place_of_their_sentence_when_none_precedes() -> None:
    text = "أعلنت الحكومة الأردنية إغلاق الحدود بعد سيطرة مسلحين محليين، فجر اليوم، على بلدة طفس."
    assert ("مسلحين محليين", "daraa_local_armed_groups") in found(text)
    # A place before the mention still decides first.
    assert ("مسلحين محليين", "opposition_factions") in found(
        "في ريف حمص هاجم مسلحين محليين، ليل أمس، حاجزاً قرب بلدة طفس"
    )


def test_kingdom_and_party_anaphora() -> None:
    pairs = found("أعلن الأردن رفع الجاهزية. وقال مسؤول إن المملكة لن تسمح بالتهديد.")
    assert ("المملكة", "jordan") in pairs
    assert ("المملكة", "jordan") not in found("أعلن الأردن فتح المعبر للعائدين إلى أراضي المملكة.")
    pairs = found("وقصفت إسرائيل مواقع حزب الله. ونفى مصدر أن يكون الحزب قد نقل سلاحاً.")
    assert ("الحزب", "hezbollah") in pairs


@pytest.mark.parametrize(
    ("text", "surface", "actor"),
    [
        ("بيروت – «النهار»\nقال مصدر لـ«النهار» إن", "النهار", "annahar"),
        ('وأفاد مراسل "الغد" بأن المعبر مغلق', "الغد", "al_ghad"),
        ("أنقرة – «الشرق الأوسط»", "الشرق الأوسط", "asharq_al_awsat"),
        ("ونقلت وكالة الأنباء العراقية (واع) عن مصدر", "واع", "iraqi_news_agency"),
        ("وحلقت مقاتلات إسرائيلية فوق القنيطرة", "مقاتلات إسرائيلية", "idf"),
        (
            "وأعلنت المديرية العامة للأمن العام اللبناني إغلاق المعبر",
            "المديرية العامة للأمن العام اللبناني",
            "lebanon_general_security",
        ),
        ("خرج مئات المحتجين في ساحة البلدة", "المحتجين", "civilians"),
        ("وتظاهر محتجون أمام مبنى المحافظة", "محتجون", "civilians"),
        ("واجتمع وجهاء البلدة مع الضباط", "وجهاء", "civilians"),
    ],
)
def test_codebook_rows_added_for_the_blind_set(text: str, surface: str, actor: str) -> None:
    assert (surface, actor) in found(text)


def test_common_words_that_name_outlets_need_quotes() -> None:
    assert found("ستعقد القمة في الغد ويستمر القتال طوال النهار في منطقة الشرق الأوسط") == []
    assert ("واع", "iraqi_news_agency") not in found("وقال إنه واع لخطورة الموقف")


def test_members_of_a_group_are_one_mention() -> None:
    text = "وفي ريف درعا، هاجم أبناء المحافظة من بقايا فصائل المعارضة حاجزاً للنظام"
    assert found(text)[0] == ("أبناء المحافظة من بقايا فصائل المعارضة", "daraa_local_armed_groups")


def test_place_names_are_not_read_as_persons() -> None:
    doc = run("انسحبت قوات النظام من بلدة الشيخ مسكين وقرية الشيخ سعد ومدينة إنخل أمس")
    assert not [a for a in doc.actors if a.startswith("person:")]
    doc = run("وقال الشيخ سالم حمص إن")  # a known place ends a name: one word is no name
    assert not [a for a in doc.actors if a.startswith("person:")]
    assert ("محمد الحسن", "person:mohammad_al_hassan") in found("وقال الشيخ محمد الحسن إن الأهالي بخير")


def test_ll_contraction_span_starts_at_the_article_lam() -> None:
    # Guidelines, rule 3: "للجيش" -> "لجيش" (the clitic lam is left out), also after و.
    for text, surface in (("سلّم أسلحته للجيش السوري", "لجيش السوري"), ("وللجيش دور", "لجيش")):
        m = next(m for m in run(text).mentions if m["entity_id"] == "syr_gov_forces")
        assert m["surface"] == surface and text[m["char_start"] : m["char_end"]] == surface


# --- second blind set, now a development set: general fixes with sentences written here ----------


@pytest.mark.parametrize(
    ("text", "surface", "actor"),
    [
        # "the latter" after a preposition, a verb or a noun in construct
        ("هاجمت الفصائل مواقع الجيش السوري وقتلت خمسة من الأخير قرب المطار.", "الأخير", "syr_gov_forces"),
        (
            "دخلت هيئة تحرير الشام البلدة بعد أن أخلتها قوات النظام، وقالت الأخيرة إنها انسحبت.",
            "الأخيرة",
            "syr_gov_forces",
        ),
        ("تفاوض الأهالي مع قيادة الفرقة الخامسة على خروج الأخيرة من المدينة.", "الأخيرة", "syr_5th_division"),
    ],
)
def test_the_latter_is_the_last_actor_of_its_gender(text: str, surface: str, actor: str) -> None:
    assert (surface, actor) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "قصف الطيران الروسي مواقع الفصائل خلال الأسابيع الأخيرة.",
        "تقدمت قوات النظام في الساعات الأخيرة نحو البلدة.",
        "عاش الأسد أيامه الأخيرة في دمشق.",
    ],
)
def test_the_latter_as_an_adjective_is_not_a_mention(text: str) -> None:
    assert not any(s in ("الأخير", "الأخيرة") for s, _ in found(text))


def test_our_forces_in_a_quote_are_the_speakers_organisation() -> None:
    text = (
        "أعلنت وزارة الدفاع السورية صد هجوم، لكن القيادي في هيئة تحرير الشام محمود الحسن "
        'قال إن "قواتنا تقدمت نحو المدينة".'
    )
    assert ("قواتنا", "hts") in found(text)


def test_a_quoted_group_after_its_kind_is_a_discovered_organisation() -> None:
    doc = run(
        'أعلن فصيل «أسود الشرقية» سيطرته على القرية، وقال قائد تجمع "فرسان الوادي" إن مقاتليه دخلوا البلدة.'
    )
    orgs = {m["surface"]: m["entity_id"] for m in doc.mentions if m["entity_id"].startswith("org:")}
    assert set(orgs) == {"أسود الشرقية", "فرسان الوادي"}
    for actor_id in orgs.values():
        row = doc.actors[actor_id]
        assert row["origin"] == "discovered" and row["actor_type"] == "local_armed_group"
        assert set(row) == SCHEMA_COLUMNS


def test_the_rank_or_a_quoted_place_is_not_a_discovered_organisation() -> None:
    assert not [
        s for s, a in found('سيطرت الفصائل على اللواء "82" وعلى حي "الزهراء".') if a.startswith("org:")
    ]


def test_a_quotation_after_a_title_is_not_a_name() -> None:
    text = 'انتشر الجيش العراقي قرب قضاء القائم "لمنع أي تسلل" عبر الحدود.'
    assert not [a for _, a in found(text) if a.startswith("person:")]


def test_a_destination_does_not_situate_local_fighters() -> None:
    text = "وفي ريف درعا الشرقي، انسحبت قوات النظام من بلدة بصرى نحو دمشق، وسلمت مواقعها لمقاتلين محليين."
    assert ("مقاتلين محليين", "daraa_local_armed_groups") in found(text)


@pytest.mark.parametrize(
    ("text", "surface", "actor"),
    [
        ("قالت الحكومة الكويتية إنها تتابع التطورات.", "الحكومة الكويتية", "kuwait"),
        ("نقلت وكالة الأنباء الكويتية (كونا) عن شهود أن الطريق مغلق.", "كونا", "kuna"),
        ("وبحسب «السومرية نيوز» فإن الحدود مغلقة.", "السومرية نيوز", "alsumaria"),
        ("نشرت صحيفة الأخبار تقريراً عن المعارك.", "صحيفة الأخبار", "al_akhbar"),
        ("أعلنت هيئة الحشد الشعبي رفع الجاهزية على الحدود.", "هيئة الحشد الشعبي", "iraq_pmf"),
        (
            "دعت السفارة الأمريكية في دمشق رعاياها إلى المغادرة.",
            "السفارة الأمريكية في دمشق",
            "us_embassy_damascus",
        ),
        ("ذكرت شبكة السويداء 24 أن المحتجين تجمعوا.", "شبكة السويداء 24", "suwayda_24"),
    ],
)
def test_codebook_rows_added_for_the_second_blind_set(text: str, surface: str, actor: str) -> None:
    assert (surface, actor) in found(text)


def test_news_as_a_common_word_is_not_an_outlet() -> None:
    assert not [a for _, a in found("تابع السكان الأخبار عن المعارك.") if a == "al_akhbar"]
    assert not [a for _, a in found("قالوا إنهم كونا مجموعة جديدة.") if a == "kuna"]


def test_the_latter_as_a_predicate_is_not_a_mention() -> None:
    text = "وجهت هيئة تحرير الشام نداء قالت إنه الأخير لقوات النظام في المدينة."
    assert not any(s == "الأخير" for s, _ in found(text))


def test_a_spokesman_named_basem() -> None:
    pairs = found("وقال المتحدث باسم الحكومة الأردنية باسم الطويسي إن الحدود مغلقة.")
    assert any(s == "باسم الطويسي" and a.startswith("person:") for s, a in pairs)
    assert ("الحكومة الأردنية", "jordan") in pairs


def test_numbered_units_are_rows_of_their_own_under_the_army() -> None:
    doc = run("وقصفت الفرقة التاسعة مواقع الفصائل، فيما استهدف الفوج 46 البلدة.")
    units = {m["surface"]: m["entity_id"] for m in doc.mentions}
    assert units["الفرقة التاسعة"] == "syr_9th_division"
    assert units["الفوج 46"] == "syr_46th_regiment"
    for aid in ("syr_9th_division", "syr_46th_regiment"):
        row = doc.actors[aid]
        assert (row["actor_type"], row["side"], row["parent_actor_id"]) == (
            "state_forces",
            "government",
            "syr_gov_forces",
        )
    assert found("واعتدت الفرقة الرابعة على المدنيين")[0][1] == "syr_4th_division"  # the codebook's row


def test_head_nouns_refer_back_and_dateline_outlets_are_media() -> None:
    text = (
        "حلب – روداو\nأعلنت إدارة العمليات العسكرية سيطرتها على المدينة، وأكدت الإدارة أن فرقها "
        "دخلت السجن. وقال مسؤول لروداو إن خلايا تنظيم داعش هاجمت حاجزاً، وإن التنظيم خسر عشرة عناصر."
    )
    got = found(text)
    assert ("روداو", "rudaw") in got  # a listed outlet
    assert ("الإدارة", "moc") in got and ("فرقها", "moc") in got
    assert ("التنظيم", "isis") in got
    new = found("أربيل – شبكة كردستان 24\nقالت قسد إن مقاتليها تقدموا. وأكد مصدر لكردستان 24 ذلك.")
    outlet = [aid for s, aid in new if "كردستان" in s]
    assert len(outlet) == 2 and outlet[0].startswith("media:") and len(set(outlet)) == 1


def test_the_family_is_not_the_president_and_datelines_are_not_states() -> None:
    assert all(
        aid != "bashar_al_assad" for _, aid in found("انتشرت القوات في القرداحة، مسقط رأس عائلة الأسد.")
    )
    assert all(aid != "uk" for _, aid in found("لندن: «الشرق الأوسط»\nدخلت الفصائل مدينة حمص."))


def test_gunmen_of_unknown_identity_and_a_possessive_joined_to_its_owner() -> None:
    got = found("صدّت القوات هجوماً شنّه مسلحون على موقع قرب بلدة حضر، من دون أن يكشف عن هويتهم.")
    assert ("مسلحون", "unidentified_armed_group") in got
    assert ("مسلحون", "opposition_factions") in found("هاجم مسلحون حاجزاً للجيش قرب بلدة حضر.")
    got = found('وقال عراقجي إن طهران "ستقف إلى جانب الدولة السورية وجيشها".')
    assert ("الدولة السورية", "syr_gov") in got and ("جيشها", "syr_gov_forces") in got
    assert ("سورية", "syr_air_force") in found("قُتل تسعة مدنيين جراء غارات شنتها طائرات روسية وسورية.")


def test_unseen_foreign_and_kurdish_officials_after_a_title() -> None:
    got = dict(found("وحمّل المندوب الروسي فاسيلي نيبينزيا الجماعات الإرهابية مسؤولية التصعيد."))
    assert got.get("فاسيلي نيبينزيا", "").startswith("person:")
    got = dict(found("وقال مدير المركز الإعلامي لقسد، فرهاد شامي، لروداو إن مسيّرة تركية استهدفت سيارة."))
    assert got.get("فرهاد شامي", "").startswith("person:")
    assert got.get("مسيّرة تركية") == "turkish_forces"


def test_tribes_israeli_soldiers_and_a_dateline_of_two_places() -> None:
    got = dict(found("وهاجم مقاتلو العشائر العربية حواجز قسد، فيما دخل جنود إسرائيليون بلدة حضر."))
    assert got.get("مقاتلو العشائر العربية") == "arab_tribes"
    assert got.get("جنود إسرائيليون") == "idf"
    assert all(not aid.startswith("media:") for _, aid in found("درعا – القنيطرة\nدخلت الفصائل مدينة البعث."))


def test_more_codebook_forms_undof_hebrew_state_syrian_soldiers() -> None:
    got = dict(
        found("وقالت قوة الأمم المتحدة لمراقبة فض الاشتباك (أندوف) إن الدولة العبرية أرسلت دبابات إسرائيلية.")
    )
    assert got.get("قوة الأمم المتحدة لمراقبة فض الاشتباك") == "undof"
    assert got.get("الدولة العبرية") == "israel"
    assert got.get("دبابات إسرائيلية") == "idf"
