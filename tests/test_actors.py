"""Actor codebook and extractor: real properties of real output."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from syria_events.codebook import ACTOR_TYPES, SIDES, check_codebook, codebook, parent_chain, seed_ids
from syria_events.evaluate.common import CORPUS_DIR
from syria_events.extract.actors import extract, transliterate
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
    assert row["parent_actor_id"] == "qatar" and row["actor_type"] == "state_official"
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
