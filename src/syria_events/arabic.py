"""Arabic text handling shared by every extractor: normalisation, tokens, clitics, phrase matching.

Everything here is for *matching*: the article text is never modified, and every token or
match carries offsets into the original text, so `text[start:end]` is always what was written.

API (used by the place and actor extractors):
- `normalize(s)`: a matching key (alef/ta marbuta/ya folded, diacritics and marks removed, ...).
- `Token`, `tokenize(text)`: word tokens with original offsets and their normalised form.
- `strip_clitics(token)`: readings of a token without its proclitics (و ف ب ل ك, لل → ال).
- `PhraseMatcher(pairs).find(text)`: longest non-overlapping matches of multi-word phrases.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

__all__ = [
    "Match",
    "PhraseMatcher",
    "Token",
    "normalize",
    "normalize_char",
    "strip_clitics",
    "tokenize",
]

# Harakat, Quranic annotation marks, superscript alef: dropped for matching.
_DIACRITICS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed"
_TATWEEL = "\u0640"
# Zero-width, bidi and other invisible format characters that appear inside web text.
_INVISIBLE = "\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
_DROP_RE = re.compile(f"[{_DIACRITICS}{_TATWEEL}{_INVISIBLE}]")

_CHAR_MAP = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ٲ": "ا",
        "ٳ": "ا",
        "ة": "ه",
        "ى": "ي",
        # Quotation marks of every script become the ASCII ones.
        "«": '"',
        "»": '"',
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "″": '"',
        "〝": '"',
        "〞": '"',
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "‹": "'",
        "›": "'",
        "′": "'",
        **{chr(0x0660 + i): str(i) for i in range(10)},  # Arabic-Indic digits
        **{chr(0x06F0 + i): str(i) for i in range(10)},  # Persian (extended) digits
    }
)


def _fold(s: str) -> str:
    # NFKC first: presentation forms (ﻻ, ﷲ ...) decompose into letters plus marks we then drop.
    return _DROP_RE.sub("", unicodedata.normalize("NFKC", s)).translate(_CHAR_MAP)


# Memoised: a pure function of a short string (a token, a character, a phrase), called millions
# of times per thousand articles on a vocabulary of some tens of thousands of words.
@lru_cache(maxsize=1 << 17)
def normalize(s: str) -> str:
    """The matching key of `s`; idempotent, never used for display or offsets."""
    once = _fold(s)
    # A second pass catches characters that only compose once an invisible mark between
    # them has gone (NFKC cannot see across a zero-width joiner).
    return _fold(once)


def normalize_char(c: str) -> str:
    """The normalised form of one original character ('' when it is dropped)."""
    return normalize(c)


# ---------------------------------------------------------------------------------------------
# Tokens

_LETTER = r"[^\W_]"
_INNER = f"[{_DIACRITICS}{_TATWEEL}{_INVISIBLE}]"
_MARK = f"[{_DIACRITICS}]"
# A word: letters/digits, with diacritics, tatweel and invisible marks allowed *inside* (and
# diacritics at the end, since they belong to the last letter); never starting with a mark.
_TOKEN_RE = re.compile(f"{_LETTER}(?:(?:{_LETTER}|{_INNER})*(?:{_LETTER}|{_MARK}))?")


@dataclass(frozen=True)
class Token:
    """A word of the original text: `text == original[start:end]`; `norm` is its matching key."""

    text: str
    start: int
    end: int
    norm: str


def tokenize(text: str) -> list[Token]:
    """Word tokens of `text` with offsets into the original string."""
    return [Token(m.group(), m.start(), m.end(), normalize(m.group())) for m in _TOKEN_RE.finditer(text)]


# ---------------------------------------------------------------------------------------------
# Clitics

_CONJ = "وف"  # conjunctions: come first
_PREP = "بلك"  # prepositions: may follow a conjunction
_MIN_STEM = 2  # shortest remainder worth offering (no place name is one letter)


def _char_positions(token_text: str) -> list[tuple[int, str]]:
    """(original index, normalised output) for each original character that survives."""
    out = []
    for i, c in enumerate(token_text):
        n = normalize_char(c)
        if n:
            out.append((i, n))
    return out


def _skip_for(positions: list[tuple[int, str]], n_norm: int, length: int) -> int:
    """Original characters to skip so that the first `n_norm` normalised characters are gone."""
    seen = 0
    for idx, out in positions:
        if seen >= n_norm:
            return idx
        seen += len(out)
    return length


def strip_clitics(token: Token | str) -> list[tuple[int, str]]:
    """Candidate readings of a token after removing proclitics.

    Returns (original characters skipped, normalised remainder) pairs, the token itself first
    (skip 0). Offered readings: up to two leading clitics (و/ف, then ب/ل/ك: "وبحمص" → "حمص"),
    the ل+ال fusion ("للسلمية" → "السلميه", skipping only the preposition's lam; "للبنان" is
    also read ل + "لبنان"), and for every
    reading that starts with the article, the same reading without "ال" (so gazetteer keys with
    or without the article match; the skip is unchanged, keeping the article in the surface).
    """
    return list(_readings(token.text if isinstance(token, Token) else token))


@lru_cache(maxsize=1 << 16)
def _readings(text: str) -> tuple[tuple[int, str], ...]:
    """strip_clitics of a token's text (memoised: a pure function of the text)."""
    norm = normalize(text)
    positions = _char_positions(text)
    # Build normalised readings as (normalised chars removed, remainder).
    cuts: list[tuple[int, str]] = [(0, norm)]
    firsts = [(0, norm)]
    if len(norm) > _MIN_STEM and norm[0] in _CONJ:
        firsts.append((1, norm[1:]))
    for removed, rest in firsts:
        if removed:
            cuts.append((removed, rest))
        if rest.startswith("لل") and len(rest) >= 2 + _MIN_STEM:
            # "للسلمية" = ل + السلمية: the article's alef is elided after the preposition.
            cuts.append((removed + 1, "ا" + rest[1:]))
            # ... or ل before a name that itself starts with ل ("للبنان" = ل + لبنان).
            cuts.append((removed + 1, rest[1:]))
        elif len(rest) > _MIN_STEM and rest[0] in _PREP:
            cuts.append((removed + 1, rest[1:]))
    readings: list[tuple[int, str]] = []
    for removed, rest in cuts:
        skip = _skip_for(positions, removed, len(text)) if removed else 0
        readings.append((skip, rest))
        if rest.startswith("ال") and len(rest) > 2 + _MIN_STEM:
            readings.append((skip, rest[2:]))
    seen: set[tuple[int, str]] = set()
    unique = []
    for r in readings:
        if r[1] and r not in seen:
            seen.add(r)
            unique.append(r)
    return tuple(unique)


# ---------------------------------------------------------------------------------------------
# Phrase matching

# What may separate two words of one phrase: spaces and hyphens/dashes, not punctuation or
# line breaks (a phrase never runs across a sentence or a heading).
_GAP_RE = re.compile(f"[ \t\u00a0\u2009\u202f\\-\u2010-\u2015{_INVISIBLE}{_TATWEEL}]*")


@dataclass(frozen=True)
class Match:
    """A phrase found in text; `surface == text[start:end]` (clitic prefixes excluded)."""

    start: int
    end: int
    payload: Any
    surface: str


def _key(s: str) -> str:
    return normalize(s).casefold()


_HEADS_MAX = 1 << 17  # memoised token texts per matcher before the memo is reset


class PhraseMatcher:
    """Longest-match finder for a fixed set of (possibly multi-word) phrases.

    Phrases are normalised and tokenised once. The first word of a phrase may carry clitics in
    the text ("ولدير الزور" matches "دير الزور"); later words must match exactly (normalised,
    case-folded). Words of a match may be separated only by spaces or hyphens. When several
    pairs share a normalised phrase, the first payload is kept: callers that need every
    reading should group payloads themselves.
    """

    def __init__(self, pairs: Iterable[tuple[str, Any]]) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], Any]]] = {}
        seen: set[tuple[str, ...]] = set()
        for phrase, payload in pairs:
            words = tuple(t.norm.casefold() for t in tokenize(phrase))
            if not words or words in seen:
                continue
            seen.add(words)
            self._by_first.setdefault(words[0], []).append((words[1:], payload))
        for entries in self._by_first.values():
            entries.sort(key=lambda e: -len(e[0]))  # longest first
        # Token text -> the (skip, rest, payload) candidates its clitic readings open, in the
        # order match_at tries them (a pure function of the text: memoised, bounded).
        self._heads: dict[str, tuple[tuple[int, tuple[str, ...], Any], ...]] = {}

    def __len__(self) -> int:
        return sum(len(v) for v in self._by_first.values())

    def _rest_matches(self, text: str, tokens: Sequence[Token], i: int, rest: tuple[str, ...]) -> bool:
        if i + len(rest) >= len(tokens):
            return False
        for k, word in enumerate(rest, start=1):
            prev, tok = tokens[i + k - 1], tokens[i + k]
            if tok.norm.casefold() != word:
                return False
            if _GAP_RE.fullmatch(text, prev.end, tok.start) is None:
                return False
        return True

    def _candidates(self, token_text: str) -> tuple[tuple[int, tuple[str, ...], Any], ...]:
        heads = self._heads.get(token_text)
        if heads is None:
            heads = tuple(
                (skip, rest, payload)
                for skip, form in _readings(token_text)
                for rest, payload in self._by_first.get(form.casefold(), ())
            )
            if len(self._heads) >= _HEADS_MAX:
                self._heads.clear()
            self._heads[token_text] = heads
        return heads

    def match_at(self, text: str, tokens: Sequence[Token], i: int) -> Match | None:
        """The longest match starting at token i (any clitic reading), or None."""
        heads = self._candidates(tokens[i].text)
        if not heads:
            return None
        best: tuple[int, int, Match] | None = None
        # The next word, checked before the full test (most candidates fail on it).
        nxt = tokens[i + 1].norm.casefold() if i + 1 < len(tokens) else None
        for skip, rest, payload in heads:
            if rest and (rest[0] != nxt or not self._rest_matches(text, tokens, i, rest)):
                continue
            start, end = tokens[i].start + skip, tokens[i + len(rest)].end
            rank = (len(rest), -skip)
            if best is None or rank > best[:2]:
                best = (*rank, Match(start, end, payload, text[start:end]))
        return best[2] if best else None

    def find(self, text: str, tokens: Sequence[Token] | None = None) -> list[Match]:
        """Longest, non-overlapping matches, left to right."""
        toks = tokenize(text) if tokens is None else tokens
        found: list[Match] = []
        heads = self._heads
        i = 0
        while i < len(toks):
            # Most tokens start no phrase: skip them on the memo without a call.
            cands = heads.get(toks[i].text)
            if cands is None:
                cands = self._candidates(toks[i].text)
            if not cands:
                i += 1
                continue
            m = self.match_at(text, toks, i)
            if m is None:
                i += 1
                continue
            found.append(m)
            while i < len(toks) and toks[i].start < m.end:
                i += 1
        return found
