"""The event extractor's fast paths give what the plain computations give.

- the trigger prefilter (`_candidates`) never drops a trigger whose pattern matches a clause;
- the memoised clause-opener test equals running every trigger pattern over the word;
- `NormText`'s offset maps equal the character-by-character construction.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from syria_events.arabic import normalize_char
from syria_events.extract import events as ev
from syria_events.segment import NormText, segment

TESTS = Path(__file__).parent
TEXTS = sorted(TESTS.glob("**/*.txt"))


def _reference_built(text: str) -> tuple[str, list[int], list[int]]:
    out: list[str] = []
    starts: list[int] = []
    to_norm: list[int] = []
    for k, ch in enumerate(text):
        to_norm.append(len(out))
        for c in normalize_char(ch):
            out.append(c)
            starts.append(k)
    starts.append(len(text))
    to_norm.append(len(out))
    return "".join(out), starts, to_norm


@pytest.mark.parametrize(
    "text",
    [
        "",
        "سيطرت الفصائل على مدينة حلب.",
        "قُتِلَ ثلاثةُ مدنيين",  # diacritics dropped
        "ﻻ إله",  # a ligature that expands to two letters
        "حمص\u200fوانتقل ـــ ١٢",  # invisible mark, tatweel, Arabic-Indic digits
    ],
)
def test_normtext_maps_equal_per_character_build(text: str) -> None:
    nt = NormText(text)
    assert nt._built == _reference_built(text)
    assert nt.norm_index == _reference_built(text)[2]


def test_normtext_of_every_test_text() -> None:
    assert TEXTS
    for path in TEXTS:
        text = path.read_text(encoding="utf-8")
        assert NormText(text)._built == _reference_built(text), path


def test_trigger_prefilter_and_opener_are_exact() -> None:
    triggers = ev.load_triggers()
    checked = 0
    for path in TEXTS:
        text = path.read_text(encoding="utf-8")
        nt = NormText(text)
        for _, clauses in segment(text, nt, ev._opener):
            for clause in clauses:
                seg = nt.norm[nt.to_norm(clause.start) : nt.to_norm(clause.end)]
                candidates = ev._candidates(seg)
                assert candidates == [t for t in triggers if t in candidates]  # lexicon order
                for t in triggers:
                    if t.pattern.search(seg):
                        assert t in candidates, (path, t.phrase, seg)
                for word in ev._WORDS_RE.findall(seg):
                    bare = word[1:] if word.startswith("و") else word
                    plain = bool(
                        ev._CLAIM_RE.fullmatch(bare)
                        or ev._DENY_RE.fullmatch(bare)
                        or any(t.role != "clash" and t.pattern.fullmatch(bare) for t in triggers)
                    )
                    assert ev._opener(bare) == plain, (path, bare)
                checked += 1
    assert checked > 100
