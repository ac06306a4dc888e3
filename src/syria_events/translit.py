"""Arabic → Latin transliteration for the names and ids of discovered entities.

One letter table (`LETTERS`) and two readings of a name, both deterministic and ASCII-only:

- `romanize(name)`: the letters as written, without the short vowels Arabic does not write
  ("غزوان درويش" → "Ghzwan Drwish"); known names from a list ("محمود الحسن" → "Mahmoud
  al-Hassan"). Used for discovered persons.
- `romanize(name, short_vowels=True)`: a short "a" guessed between consonants
  ("كفر سجنة" → "Kafar Sajana", "الحميدية" → "Al-hamidiyah"). Used for discovered places.

`slug` turns such a Latin name into the last part of an id ("Mahmoud al-Hassan" →
"mahmoud_al_hassan"). The two extractors differ in separator, in what an apostrophe does and in
the fallback; their ids are published, so each keeps its own through the arguments.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from syria_events.arabic import normalize, tokenize

# Consonants (and the letters read as one sound) → Latin. ع and hamza are "'".
LETTERS = {
    "ب": "b",
    "ت": "t",
    "ث": "th",
    "ج": "j",
    "ح": "h",
    "خ": "kh",
    "د": "d",
    "ذ": "dh",
    "ر": "r",
    "ز": "z",
    "س": "s",
    "ش": "sh",
    "ص": "s",
    "ض": "d",
    "ط": "t",
    "ظ": "z",
    "ع": "'",
    "غ": "gh",
    "ف": "f",
    "ق": "q",
    "ك": "k",
    "ل": "l",
    "م": "m",
    "ن": "n",
    "ه": "h",
    "ة": "a",
    "ى": "a",
    "ء": "'",
    "ؤ": "'",
    "ئ": "'",
    "پ": "p",
    "گ": "g",
    "چ": "ch",
    "ڤ": "v",
}
_VOWEL_LETTERS = "اأإآىوية"
_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")  # harakat, dagger alif, tatweel


def strip_marks(s: str) -> str:
    """The text without diacritics and tatweel (NFKC first)."""
    return "".join(
        c for c in unicodedata.normalize("NFKC", s) if not unicodedata.combining(c) and c != "\u0640"
    )


def ascii_name(text: str) -> str:
    """A Latin name without its diacritics ("Ţarţūs" → "Tartus"); ‘ and ’ become '."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return plain.replace("‘", "'").replace("’", "'")


def romanize(name_ar: str, *, short_vowels: bool = False, names: Mapping[str, str] | None = None) -> str:
    """A readable Latin form of an Arabic name, for display (the `name_en` of a new row).

    Default (persons): words from `names` (normalised Arabic → Latin) as listed, "عبد الله" →
    "Abdullah", ال → "al-", other words letter by letter (و/ي as u/i where they are written
    long vowels); every word capitalised; "Unknown" when nothing is left.
    short_vowels=True (places): each space-separated word with a short "a" guessed between
    consonants and a final -iya as "iyah", ع and hamza left out, `names` unused; only the first
    letter of a word is capitalised ("Al-hamidiyah").
    """
    if short_vowels:
        words = [_vowelled_word(w) for w in name_ar.split()]
        return " ".join(w[:1].upper() + w[1:] for w in words if w)
    names = names or {}
    parts = [strip_marks(t.text) for t in tokenize(name_ar)]
    out: list[str] = []
    i = 0
    while i < len(parts):
        w, key = parts[i], normalize(parts[i])
        if key == "عبد" and i + 1 < len(parts) and normalize(parts[i + 1]) == "الله":
            out.append("Abdullah")
            i += 2
            continue
        if key in names:
            latin = names[key]
        elif key.startswith("ال") and len(key) > 3:
            base = names.get(key[2:]) or _cap(_spelled_word(w[2:]))
            latin = "al-" + _cap(base)
        else:
            latin = _cap(_spelled_word(w))
        if latin:
            out.append(latin)
        i += 1
    if out:
        out[0] = _cap(out[0])
    return " ".join(out) or "Unknown"


def slug(latin: str, sep: str = "_", *, keep_apostrophes: bool = False, empty: str = "unknown") -> str:
    """The id form of a Latin name: ASCII-folded, lower case, runs of anything but [a-z0-9]
    as one `sep`, none at the ends ("Mahmoud al-Hassan" → "mahmoud_al_hassan").

    An apostrophe is dropped ("Z'bi" → "zbi") unless keep_apostrophes, where it separates like
    any other sign ("Ma'arrat" → "ma-arrat" with sep="-"). `empty` when nothing is left.
    """
    plain = ascii_name(latin).lower()
    if not keep_apostrophes:
        plain = plain.replace("'", "")
    return re.sub(r"[^a-z0-9]+", sep, plain).strip(sep) or empty


def _cap(word: str) -> str:
    """Capitalise the first letter (after a leading ' of ع/hamza)."""
    for i, c in enumerate(word):
        if c.isalpha():
            return word[:i] + c.upper() + word[i + 1 :]
    return word


def _spelled_word(w: str) -> str:
    """Letter by letter: consonants as digraphs, written long vowels as a/u/i, ع and hamza as '."""
    out: list[str] = []
    for i, ch in enumerate(w):
        prev = w[i - 1] if i else ""
        nxt = w[i + 1] if i + 1 < len(w) else ""
        prev_consonant = bool(out) and out[-1] in ("w", "y")
        if ch in "اآ":
            out.append("a")
        elif ch == "أ":
            out.append("a" if i == 0 else "'")
        elif ch == "إ":
            out.append("i")
        elif ch in "وي":
            consonant = "w" if ch == "و" else "y"
            # A consonant at the start, before a vowel letter or before another و/ي ("درويش" ->
            # "drwish"); a long vowel after a consonant otherwise.
            vowel = (
                i > 0
                and (prev not in _VOWEL_LETTERS or prev_consonant)
                and (not nxt or nxt not in _VOWEL_LETTERS)
            )
            out.append(("u" if ch == "و" else "i") if vowel else consonant)
        elif ch.isascii() and ch.isalnum():
            out.append(ch.lower())
        else:
            out.append(LETTERS.get(ch, ""))
    return "".join(out)


def _vowelled_word(word: str) -> str:
    """One word with short vowels guessed as 'a' between consonants; ع and hamza left out."""
    w = _MARKS.sub("", word)
    prefix = ""
    if w.startswith("ال") and len(w) > 3:
        prefix, w = "al-", w[2:]
    sounds: list[tuple[str, bool]] = []  # (letters, is_vowel)
    for k, c in enumerate(w):
        last = k == len(w) - 1
        prev_vowel = not sounds or sounds[-1][1]
        if c in "اأإآ":
            sounds.append(("a" if c != "إ" else "i", True))
        elif c == "ى":
            sounds.append(("a", True))
        elif c == "ة":
            sounds.append(("a" if not last or not sounds or sounds[-1][0] != "i" else "ah", True))
        elif c == "و":
            sounds.append(("w", False) if prev_vowel or k == 0 else ("u", True))
        elif c == "ي" and k == len(w) - 2 and w[-1] == "ة" and not prev_vowel:
            sounds.append(("iy", True))  # the -iya ending
        elif c == "ي":
            sounds.append(
                ("y", False) if prev_vowel or k == 0 or (not last and w[k + 1] in "اةه") else ("i", True)
            )
        elif c in LETTERS:
            sounds.append((LETTERS[c], False))
    out: list[str] = []
    for k, (s, vowel) in enumerate(sounds):
        out.append(s)
        # A short vowel between two consonants, except in the word's final cluster.
        final_cluster = k + 2 >= len(sounds) and any(v for _, v in sounds)
        if not vowel and k + 1 < len(sounds) and not sounds[k + 1][1] and not final_cluster:
            out.append("a")
    text = "".join(out).replace("'", "")
    if text.endswith("iya"):
        text += "h"
    return prefix + text
