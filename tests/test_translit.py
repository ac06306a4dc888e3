"""The shared Arabic → Latin transliteration (translit.py) behind discovered persons and places."""

from __future__ import annotations

import random
import re

import pytest

from syria_events import translit
from syria_events.extract.actors import LATIN_NAMES
from syria_events.extract.place_rules import new_row
from syria_events.gazetteer import load

_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوياأإآىةءئؤپگچڤ"
_MARKS = "\u064e\u064f\u0650\u0651\u0652\u0640"
_SLUG = re.compile(r"^[a-z0-9_]+$")


def _names(n: int, seed: int = 7) -> list[str]:
    """Random Arabic names of one to three words, some with diacritics, tatweel or digits."""
    rng = random.Random(seed)
    alphabet = _LETTERS * 3 + _MARKS + "12"
    return [
        " ".join(
            "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 8))) for _ in range(rng.randint(1, 3))
        )
        for _ in range(n)
    ]


_SAMPLE = [*_names(500), "محمود الحسن", "عبد الله الثاني", "كفر سجنة", "الحميدية", "ع", "ـ", ""]


@pytest.mark.parametrize("short_vowels", [False, True])
def test_romanize_is_deterministic_and_ascii(short_vowels: bool) -> None:
    for name in _SAMPLE:
        first = translit.romanize(name, short_vowels=short_vowels, names=LATIN_NAMES)
        assert first == translit.romanize(name, short_vowels=short_vowels, names=LATIN_NAMES)
        assert first.isascii(), (name, first)


def test_person_reading_never_empty() -> None:
    assert translit.romanize("") == "Unknown"
    assert all(translit.romanize(n, names=LATIN_NAMES) for n in _SAMPLE)


def test_slug_of_every_name_fits_the_id_pattern() -> None:
    for name in _SAMPLE:
        for short_vowels in (False, True):
            s = translit.slug(translit.romanize(name, short_vowels=short_vowels, names=LATIN_NAMES))
            assert _SLUG.match(s), (name, s)
            assert "__" not in s and not s.startswith("_") and not s.endswith("_")
            assert translit.slug(s) == s  # a slug is its own slug


@pytest.mark.parametrize(
    ("name", "latin", "slug"),
    [  # the known persons of tests/test_actors.py
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
def test_person_names(name: str, latin: str, slug: str) -> None:
    assert translit.romanize(name, names=LATIN_NAMES) == latin
    assert translit.slug(latin) == slug


def test_person_reading_spells_written_letters_only() -> None:
    # Without the list of known names: no short vowels, ع as ', diacritics and tatweel ignored.
    assert translit.romanize("غزوان درويش") == "Ghzwan Drwish"
    assert translit.romanize("كنان الزعبي") == "Knan al-Z'bi"
    assert translit.romanize("دَرْويـش") == translit.romanize("درويش")


@pytest.mark.parametrize(
    ("name", "latin"),
    [
        ("كفر سجنة", "Kafar Sajana"),
        ("تل الشرقية", "Tal Al-sharaqiyah"),
        ("بصرى الشام", "Basara Al-sham"),
        ("عين العرب", "In Al-arab"),
    ],
)
def test_place_names_guess_short_vowels(name: str, latin: str) -> None:
    assert translit.romanize(name, short_vowels=True) == latin
    # The list of known person names plays no part in place names.
    assert translit.romanize(name, short_vowels=True, names=LATIN_NAMES) == latin


def test_place_reading_matches_the_village_name_pattern_of_test_places() -> None:
    for name in _SAMPLE:
        latin = translit.romanize(name, short_vowels=True)
        assert latin == "" or re.fullmatch(r"[A-Z][A-Za-z' -]*", latin), (name, latin)


def test_slug_styles() -> None:
    # Persons: "_" and apostrophes dropped; places: "-", apostrophes separate, diacritics folded.
    assert translit.slug("Kinan al-Z'bi") == "kinan_al_zbi"
    assert translit.slug("Ma‘arrat an Nu‘man", "-", keep_apostrophes=True, empty="x") == "ma-arrat-an-nu-man"
    assert translit.slug("Ţarţūs Military Airport", "-", keep_apostrophes=True) == "tartus-military-airport"
    assert translit.slug("'") == "unknown"
    assert translit.slug("--", "-", empty="x") == "x"


def test_discovered_place_id_uses_the_place_slug() -> None:
    row = new_row(
        load(), "كفر سجنة", translit.romanize("كفر سجنة", short_vowels=True), "village", None, "test"
    )
    assert row["place_id"].endswith(":village:kafar-sajana")
    assert row["name_en"] == "Kafar Sajana"
