"""The place extractor's fast paths give what the plain computations give.

- `PhraseMatcher.find` (candidates memoised by token text, next-word check first) equals the
  plain longest-match scan over every clitic reading;
- the memoised `descriptor_at` / `plain_reading` equal the plain loops over `strip_clitics`;
- `_split_fused` (cut memoised by token text) equals the plain per-token search;
- `_article_stripped` (surface key memoised) equals re-tokenising the surface;
- a second extraction of the same text (warm memos) equals the first.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import Any

import pytest

from syria_events.arabic import _GAP_RE, Match, PhraseMatcher, Token, normalize, strip_clitics, tokenize
from syria_events.extract import place_rules as pr
from syria_events.extract import places
from syria_events.gazetteer import load
from syria_events.synth import generate_corpus

TESTS = Path(__file__).parent
TEXTS = sorted(TESTS.glob("**/*.txt"))


@pytest.fixture(scope="module")
def texts(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    out = [p.read_text(encoding="utf-8") for p in TEXTS]
    corpus = generate_corpus(tmp_path_factory.mktemp("synth") / "c", 40, seed=11)
    out += [p.read_text(encoding="utf-8") for p in sorted((corpus / "articles").glob("*.txt"))]
    out += [
        "",
        "حمصوانتقل الجيش إلى مطار حماة العسكري وقرية كفرنبل.",
        "ولدير الزور وللسلمية وللبنان، كلية المدفعية ومديرية صحة إدلب.",
        "قرى الزربة، تل حدية وعين عيسى في ريف حلب الجنوبي - اللواء 93",
    ]
    return out


# --- plain reference implementations (the code before memoisation) ---------------------------


def _ref_match_at(pm: PhraseMatcher, text: str, tokens: list[Token], i: int) -> Match | None:
    best: tuple[int, int, Match] | None = None
    for skip, form in strip_clitics(tokens[i]):
        for rest, payload in pm._by_first.get(form.casefold(), ()):
            if i + len(rest) >= len(tokens):
                continue
            ok = all(
                tokens[i + k].norm.casefold() == word
                and _GAP_RE.fullmatch(text, tokens[i + k - 1].end, tokens[i + k].start) is not None
                for k, word in enumerate(rest, start=1)
            )
            if not ok:
                continue
            start, end = tokens[i].start + skip, tokens[i + len(rest)].end
            rank = (len(rest), -skip)
            if best is None or rank > best[:2]:
                best = (*rank, Match(start, end, payload, text[start:end]))
    return best[2] if best else None


def _ref_find(pm: PhraseMatcher, text: str, tokens: list[Token]) -> list[Match]:
    found: list[Match] = []
    i = 0
    while i < len(tokens):
        m = _ref_match_at(pm, text, tokens, i)
        if m is None:
            i += 1
            continue
        found.append(m)
        while i < len(tokens) and tokens[i].start < m.end:
            i += 1
    return found


def _ref_descriptor_at(tok: Token, table: dict[str, Any]) -> tuple[int, str] | None:
    for skip, form in strip_clitics(tok):
        if normalize(tok.text[skip:]) == form and form in table:
            return skip, form
    return None


def _ref_split_fused(tokens: list[Token]) -> list[Token]:
    names = places._single_word_names()
    out: list[Token] = []
    for t in tokens:
        if len(t.text) != len(t.norm) or any(form in names for _, form in strip_clitics(t)):
            out.append(t)
            continue
        cut = next(
            (
                i
                for i in range(places._FUSED_MIN, len(t.norm) - 2)
                if t.norm[i] == "و" and t.norm[:i] in names
            ),
            None,
        )
        if cut is None:
            out.append(t)
            continue
        out.append(Token(t.text[:cut], t.start, t.start + cut, t.norm[:cut]))
        out.append(Token(t.text[cut:], t.start + cut, t.end, t.norm[cut:]))
    return out


# --- tests -------------------------------------------------------------------------------------


def test_split_fused_equals_plain_search(texts: list[str]) -> None:
    for text in texts:
        tokens = tokenize(text)
        assert places._split_fused(tokens) == _ref_split_fused(tokens)


def test_phrase_matchers_equal_plain_scan(texts: list[str]) -> None:
    g = load()
    for text in texts:
        tokens = places._split_fused(tokenize(text))
        for pm in (g.matcher, places._blockers()):
            for _ in range(2):  # cold, then warm memo
                assert pm.find(text, tokens) == _ref_find(pm, text, tokens)
            for i in range(len(tokens)):
                assert pm.match_at(text, tokens, i) == _ref_match_at(pm, text, tokens, i)


def test_phrase_matcher_without_tokens_and_with_clitics() -> None:
    pm = PhraseMatcher([("دير الزور", 1), ("دير", 2), ("ريف دمشق الغربي", 3), ("ريف دمشق", 4)])
    for text in ["ولدير الزور ودير", "بريف دمشق الغربي، ريف دمشق", "دير", "ريف", "ريف  -  دمشق"]:
        tokens = tokenize(text)
        assert pm.find(text) == _ref_find(pm, text, tokens)


def test_descriptor_tables_equal_plain_loop(texts: list[str]) -> None:
    r = pr.rules()
    tables: list[dict[str, Any]] = [
        r.settlement,
        r.facility,
        r.college or {},
        pr._org_table(r),
        pr._AREA_DESCRIPTORS,
        places.DESCRIPTORS,
    ]
    for text in texts:
        for tok in places._split_fused(tokenize(text)):
            expected_plain = [
                (skip, form) for skip, form in strip_clitics(tok) if normalize(tok.text[skip:]) == form
            ]
            assert pr.plain_reading(tok) == expected_plain
            for table in tables:
                for _ in range(2):
                    assert pr.descriptor_at(tok, table) == _ref_descriptor_at(tok, table)


def test_descriptor_memo_is_per_table() -> None:
    tok = tokenize("بمطار")[0]
    a = {normalize("مطار"): "x"}
    b: dict[str, str] = {}
    assert pr.descriptor_at(tok, a) == (1, normalize("مطار"))
    assert pr.descriptor_at(tok, b) is None
    assert pr.descriptor_at(tok, a) == (1, normalize("مطار"))


def test_article_stripped_equals_retokenising(texts: list[str]) -> None:
    g = load()
    for text in texts[:40]:
        for m in g.matcher.find(text, places._split_fused(tokenize(text))):
            key = " ".join(t.norm.casefold() for t in tokenize(m.surface))
            expected = key not in g.names and not (key.startswith("ل") and "ا" + key in g.names)
            assert places._article_stripped(g, m.surface) == expected


def test_precompiled_gaps_equal_sliced_fullmatch(texts: list[str]) -> None:
    for text in texts[:40]:
        tokens = tokenize(text)
        for a, b in itertools.pairwise(tokens):
            gap = text[a.end : b.start]
            assert (places._BRIGADE_GAP.fullmatch(text, a.end, b.start) is None) == (
                re.fullmatch(r"[ \-]?", gap) is None
            )
            assert (places._NEXT_GAP.fullmatch(text, a.end, b.start) is None) == (
                re.fullmatch(r"[ \t\u00a0\"'«»“”]+", gap) is None
            )


def test_extraction_is_stable_across_warm_memos(texts: list[str]) -> None:
    first = [places.find_places_and_rows(t) for t in texts]
    second = [places.find_places_and_rows(t) for t in texts]
    assert first == second
