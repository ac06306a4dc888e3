"""Sentence and clause segmentation with offsets into the original text.

News text scraped from the web is not well punctuated: section headings are glued to the next
sentence without a space or full stop ("استكمال السيطرةوأعلنت"), sentences chain several
actions with و / حيث / بينما / بعد أن, and one verb governs a list of places. The segmenter:

1. splits paragraphs at line breaks and sentences at . ! ? ؟ (also when the next sentence is
   glued to the stop, as in `".استكمال`);
2. splits a sentence before a glued heading join: a token that is `<word>و<opener>` where the
   word ends in ة (which never occurs inside a word) or the opener is a known sentence opener
   ("درعاوفي", "حمصوانتقل"); the text before the join, back to the sentence start, is a heading;
3. splits sentences into clauses before connectors (حيث، بينما، في حين، كما، ثم، بعد أن ...)
   and before "و" + a word the caller names as a clause opener (a trigger or reporting verb).

A list of places under one verb stays in one clause: the event extractor splits it.
Matching uses a normalised copy of the text (`NormText`) that maps back to original offsets.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate, compress

from syria_events.arabic import normalize_char

__all__ = ["Clause", "NormText", "Sentence", "clauses", "segment", "sentences"]


@dataclass(frozen=True)
class NormText:
    """A normalised copy of `text` (alef/ya/ta marbuta folded, marks dropped, digits ASCII).

    `starts[i]` is the original offset of normalised character i; `starts[len(norm)]` is
    `len(text)`, so `orig(i, j)` turns a normalised span into an original one.
    """

    text: str

    @cached_property
    def _built(self) -> tuple[str, list[int], list[int]]:
        text = self.text
        # Each character is normalised on its own, so each distinct one is normalised once.
        table = {ch: normalize_char(ch) for ch in set(text)}
        parts = list(map(table.__getitem__, text))
        norm = "".join(parts)
        if all(len(n) == 1 for n in table.values()):
            # One normalised character per original one: both maps are the identity.
            return norm, list(range(len(text) + 1)), list(range(len(text) + 1))
        # starts[i]: the original offset of normalised character i (one entry per output char).
        if all(len(n) <= 1 for n in table.values()):
            starts = list(compress(range(len(text)), parts))  # dropped characters have none
        else:
            starts = [k for k, n in enumerate(parts) for _ in n]
        starts.append(len(text))
        # to_norm[k]: the normalised index at or after original offset k.
        to_norm = [0, *accumulate(map(len, parts))]
        return norm, starts, to_norm

    @property
    def norm(self) -> str:
        return self._built[0]

    def orig(self, i: int, j: int) -> tuple[int, int]:
        """Original (start, end) of the normalised span [i, j)."""
        starts = self._built[1]
        if j <= i:
            return starts[i], starts[i]
        return starts[i], starts[j - 1] + 1 if j - 1 < len(starts) - 1 else starts[j]

    def to_norm(self, k: int) -> int:
        """The normalised index of original offset k."""
        return self._built[2][k]

    @property
    def norm_index(self) -> list[int]:
        """`to_norm` as a list indexed by original offset (0 to len(text)); do not modify."""
        return self._built[2]


@dataclass(frozen=True)
class Sentence:
    """A sentence or a heading: `text[start:end]`, stripped of surrounding spaces."""

    start: int
    end: int
    heading: bool = False


@dataclass(frozen=True)
class Clause:
    """A clause of a sentence; `connector` is the word that opened it ('' for the first)."""

    start: int
    end: int
    sentence: Sentence
    connector: str = ""


_STOP_RE = re.compile(r"[.!?؟]+")
_WORD_RE = re.compile(r"\w+")
# Sentence openers seen glued to a heading: prepositions and common reporting/action verbs.
_GLUE_OPENERS = frozenset(
    [
        "في",
        "الي",
        "علي",
        "من",
        "عن",
        "بعد",
        "عقب",
        "مع",
        "بحسب",
        "اعلن",
        "اعلنت",
        "انتقل",
        "انتقلت",
        "كان",
        "كانت",
        "قال",
        "قالت",
        "اكد",
        "اكدت",
        "اشار",
        "اشارت",
        "شهد",
        "شهدت",
        "سيطر",
        "سيطرت",
        "دخل",
        "دخلت",
        "تقدم",
        "تقدمت",
        "اضاف",
        "اضافت",
        "تمكن",
        "تمكنت",
        "افاد",
        "افادت",
        "بدات",
        "بدا",
    ]
)
# Words ending a heading line: a line this short without a final stop is a heading.
_HEADING_MAX_WORDS = 12
# Clause connectors (normalised), longest first so "في حين" wins over "في".
_CONNECTORS = (
    "في حين",
    # "…، بعد ساعات من إعلانها السيطرة على حمص": an earlier action told as a time adjunct.
    "بعد ساعات",
    "بعد ان",
    "بعدما",
    "قبل ان",
    "الا ان",
    "مؤكده ان",
    "مؤكدا ان",
    "مشيرا الي",
    "مؤكده",
    "مؤكدا",
    "مشيره الي",
    "بينما",
    "حيث",
    "فيما",
    "كما",
    "ثم",
    "لكن",
    "لكنه",
)
_CONNECTOR_RE = re.compile(
    r"(?:(?<=\s)|(?<=[،,]))(?:و)?(" + "|".join(re.escape(c) for c in _CONNECTORS) + r")(?=[\s،,])"
)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in "،,"):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _glued_joins(nt: NormText, start: int, end: int) -> list[int]:
    """Original offsets of the و that starts a sentence glued to a heading, in [start, end)."""
    joins = []
    a, b = nt.to_norm(start), nt.to_norm(end)
    norm = nt.norm
    if norm.find("و", a, b) < 0:
        return joins
    for m in _WORD_RE.finditer(norm, a, b):
        word = m.group()
        # Try every internal و: the left part must be a word, the right part an opener.
        k = word.find("و", 3, len(word) - 1)
        while k >= 0:
            left, right = word[:k], word[k + 1 :]
            if (left.endswith("ه") and _is_ta_marbuta(nt, m.start() + k - 1)) or right in _GLUE_OPENERS:
                joins.append(nt.orig(m.start() + k, m.start() + k + 1)[0])
                break
            k = word.find("و", k + 1, len(word) - 1)
    return joins


def _is_ta_marbuta(nt: NormText, i: int) -> bool:
    """Whether normalised character i was written as ة (not a plain ه)."""
    k = nt.orig(i, i + 1)[0]
    return nt.text[k] == "ة"


def sentences(text: str, nt: NormText | None = None) -> list[Sentence]:
    """Sentences and headings of `text`, in order, with original offsets."""
    nt = nt or NormText(text)
    out: list[Sentence] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        lstart, lend = pos, pos + len(line)
        pos = lend
        s, e = _strip(text, lstart, lend)
        if s >= e:
            continue
        pieces: list[tuple[int, int, bool]] = []
        cur = s
        for m in _STOP_RE.finditer(text, s, e):
            # A stop between digits is a decimal point, not a sentence end.
            if (
                m.start() > 0
                and m.end() < len(text)
                and text[m.start() - 1].isdigit()
                and text[m.end()].isdigit()
            ):
                continue
            pieces.append((cur, m.end(), False))
            cur = m.end()
        if cur < e:
            pieces.append((cur, e, False))
        line_has_stop = any(_STOP_RE.search(text, a, b) for a, b, _ in pieces)
        for a, b, _ in pieces:
            a, b = _strip(text, a, b)
            if a >= b:
                continue
            # A glued heading: split before each join; the part before the first join is a heading.
            cur = a
            for j in _glued_joins(nt, a, b):
                h0, h1 = _strip(text, cur, j)
                if h0 < h1:
                    out.append(Sentence(h0, h1, heading=True))
                cur = j
            c0, c1 = _strip(text, cur, b)
            if c0 < c1:
                words = len(_WORD_RE.findall(text[c0:c1]))
                heading = not line_has_stop and len(pieces) == 1 and words <= _HEADING_MAX_WORDS
                out.append(Sentence(c0, c1, heading=heading))
    return out


def clauses(
    text: str,
    sentence: Sentence,
    nt: NormText | None = None,
    opener: Callable[[str], bool] | None = None,
) -> list[Clause]:
    """Clauses of one sentence: split before connectors and before "و" + an opener word.

    `opener(word)` gets a normalised word without its leading و and says whether it opens a
    new clause (the event extractor passes its trigger and reporting-verb test).
    """
    nt = nt or NormText(text)
    a, b = nt.to_norm(sentence.start), nt.to_norm(sentence.end)
    norm = nt.norm
    cuts: list[tuple[int, str]] = []
    for m in _CONNECTOR_RE.finditer(norm, a, b):
        if m.start() > a:
            cuts.append((m.start(), m.group(1)))
    if opener is not None:
        for m in _WORD_RE.finditer(norm, a, b):
            w = m.group()
            preceded = m.start() > a and norm[m.start() - 1] in " ،,"
            if preceded and w.startswith("و") and len(w) > 3 and opener(w[1:]):
                cuts.append((m.start(), "و"))
    cuts.sort()
    out: list[Clause] = []
    prev, conn = a, ""
    for i, c in [*cuts, (b, "")]:
        if i <= prev and out:
            continue
        s, e = _strip(text, *nt.orig(prev, i))
        if s < e:
            out.append(Clause(s, e, sentence, conn))
        prev, conn = i, c
    return out


def segment(
    text: str, nt: NormText | None = None, opener: Callable[[str], bool] | None = None
) -> list[tuple[Sentence, list[Clause]]]:
    """Every sentence of `text` with its clauses."""
    nt = nt or NormText(text)
    return [(s, clauses(text, s, nt, opener)) for s in sentences(text, nt)]


def spans(items: Iterable[Sentence | Clause], text: str) -> list[str]:
    """The texts of sentences or clauses (a convenience for tests and debugging)."""
    return [text[x.start : x.end] for x in items]
