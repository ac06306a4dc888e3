"""Properties of the whole extraction pipeline over arbitrary text (hypothesis)."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from syria_events.assemble import assemble
from syria_events.ingest import article_id_for
from syria_events.model import Article
from syria_events.paths import default_corpus
from syria_events.pipeline import extract_article

CORPUS_TEXT = "".join(
    p.read_text(encoding="utf-8") for p in sorted((default_corpus() / "articles").glob("*.txt"))
)

# Pieces of real articles, re-cut at random, mixed with arbitrary Unicode (presentation forms,
# bidi and zero-width marks, quotes, digits) so that extractors meet both likely and hostile text.
fragments = st.integers(0, len(CORPUS_TEXT) - 1).flatmap(
    lambda i: st.integers(1, 300).map(lambda n: CORPUS_TEXT[i : i + n])
)
MARKS = "\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u2066\u2069\ufeff"
MARKS += " «»“”\"'()[]:،.؟!\n\r\t-–0123456789٠١٢٣"
hostile = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
        st.characters(min_codepoint=0xFB50, max_codepoint=0xFEFF),
        st.sampled_from(list(MARKS)),
        st.characters(codec="utf-8"),
    ),
    max_size=200,
)
texts = st.lists(st.one_of(fragments, hostile), min_size=1, max_size=6).map("".join).filter(str.strip)


def article(text: str) -> Article:
    return Article(
        article_id=article_id_for(text), source_file="t.txt", text=text, published_date=date(2024, 12, 6)
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_extractors_never_raise_and_every_span_reproduces_its_text(text: str) -> None:
    doc = extract_article(article(text))
    for m in doc.mentions:
        assert text[m["char_start"] : m["char_end"]] == m["surface"]
    for e in doc.events:
        assert text[e["char_start"] : e["char_end"]] == e["evidence"]
    for s in doc.statements:
        assert text[s["char_start"] : s["char_end"]] == s["quote"]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_tables_and_ids_are_deterministic(text: str) -> None:
    first = assemble([extract_article(article(text))])
    second = assemble([extract_article(article(text))])
    for name in first:
        assert first[name].equals(second[name]), name
