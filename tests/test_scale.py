"""Scale: parallel builds equal in-process ones, the synthetic corpus, the distribution seam."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from conftest import snapshot
from syria_events.assemble import assemble
from syria_events.ingest import read_corpus
from syria_events.pipeline import build, combine_batches, extract_all, extract_batch, resolve_workers
from syria_events.release import DESCRIPTOR, build_descriptor, write_json, write_parquet
from syria_events.schema import load_schema
from syria_events.synth import generate_corpus

N_ARTICLES = 60  # over MIN_PARALLEL_ARTICLES, so the default would use a pool too


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate_corpus(tmp_path_factory.mktemp("synth") / "corpus", N_ARTICLES, seed=7)


def test_generator_is_deterministic_and_texts_are_distinct(tmp_path: Path) -> None:
    a = snapshot(generate_corpus(tmp_path / "a", 25, seed=3))
    b = snapshot(generate_corpus(tmp_path / "b", 25, seed=3))
    c = snapshot(generate_corpus(tmp_path / "c", 25, seed=4))
    assert a == b
    assert a != c
    texts = [v for k, v in a.items() if k.startswith("articles/")]
    assert len(texts) == 25 and len(set(texts)) == 25
    corpus = read_corpus(tmp_path / "a")  # ingest accepts it: dates, layout, UTF-8
    assert len(corpus.articles) == 25 and not corpus.warnings


def test_parallel_build_is_byte_identical_to_in_process(synthetic: Path, tmp_path: Path) -> None:
    # Full build in a pool of two: the synthetic corpus builds and validates.
    out = tmp_path / "parallel"
    timings: dict[str, float] = {}
    result = build(synthetic, out, progress=False, workers=2, timings=timings)
    assert timings["workers"] == 2
    assert {"ingest", "extract", "assemble", "publish"} <= timings.keys()
    assert result.rows["articles"] == N_ARTICLES and result.rows["mentions"] > 0
    # The same release written from an in-process extraction (validation skipped: the
    # build above has just validated these very bytes).
    articles = read_corpus(synthetic).articles
    tables = assemble(extract_all(articles, workers=1))
    ref = tmp_path / "in_process"
    ref.mkdir()
    files = {}
    for name, df in tables.items():
        files[name] = ref / f"{name}.parquet"
        write_parquet(df, files[name])
    write_json(ref / DESCRIPTOR, build_descriptor(files, articles, load_schema()))
    assert snapshot(out) == snapshot(ref)


def test_worker_count_resolution() -> None:
    assert resolve_workers(None, 10) == 1  # a small corpus stays in-process
    assert resolve_workers(4, 3) == 3  # never more workers than articles
    assert resolve_workers(1, 10_000) == 1
    with pytest.raises(ValueError):
        resolve_workers(0, 10)


def test_extract_batch_gives_the_schemas_columns_and_combines_to_assemble(synthetic: Path) -> None:
    schema = load_schema()
    articles = read_corpus(synthetic).articles[:12]
    batches = [extract_batch(articles[:5]), extract_batch(articles[5:])]
    for batch in batches:
        assert list(batch) == list(schema.tables)
        for name, table in batch.items():
            assert table.column_names == schema[name].columns, name
            assert pl.from_arrow(table).schema == pl.Schema(schema[name].polars_schema), name
    ids = {a.article_id for a in articles[:5]}
    assert set(batches[0]["mentions"].column("article_id").to_pylist()) <= ids
    assert batches[0]["articles"].num_rows == 5
    combined = combine_batches(batches)
    whole = assemble(extract_all(articles, workers=1))
    for name in schema.tables:
        assert combined[name].equals(whole[name], null_equal=True), name


# --- validation at scale: the vectorised checks report what the row-by-row ones did ----------


def _spans_reference(frames: dict[str, pl.DataFrame]) -> list[tuple[str, str, int, list[str]]]:
    """The former row-by-row span check (Python slicing), as (table, column, count, examples)."""
    texts = dict(
        zip(frames["articles"]["article_id"].to_list(), frames["articles"]["text"].to_list(), strict=True)
    )
    out = []
    for table in load_schema().tables.values():
        df = frames.get(table.name)
        for span in table.spans:
            if df is None:
                continue
            bad = []
            for r in df.iter_rows(named=True):
                text = texts.get(r["article_id"])
                s, e = r[span.start], r[span.end]
                if text is None or s is None or e is None:
                    continue
                if not (0 <= s < e <= len(text)) or text[s:e] != r[span.text]:
                    got = text[s:e] if 0 <= s <= e <= len(text) else "<out of range>"
                    bad.append(f"{r['article_id']}[{s}:{e}] is {got!r}, stored {r[span.text]!r}")
            if bad:
                out.append((table.name, span.text, len(bad), bad[:3]))
    return out


def test_span_check_counts_code_points_like_python_on_non_bmp_text() -> None:
    from syria_events.validate import Report, _check_spans

    # Astral characters (emoji, a flag's two regional indicators, mathematical letters), a
    # combining mark, Arabic with harakat and a zero-width joiner: one code point each in
    # Python and in polars' str.slice, but two UTF-16 units or several UTF-8 bytes.
    text = "a😀bé\u0301c𝔸d\U0001f1f8\U0001f1fez قَصفٌ\u200dعلى 𝐇𝐨𝐦𝐬 end"
    other = "نص آخر 🙂"
    spans = [(0, 3), (1, 4), (5, 9), (6, 9), (10, 18), (len(text) - 3, len(text)), (0, len(text))]
    rows = [(s, e, text[s:e]) for s, e in spans]  # right
    rows += [(s, e, text[s + 1 : e + 1]) for s, e in spans[:4]]  # off by one code point
    rows += [(1, 3, text[1:3].encode("utf-16-le")[:4].decode("utf-16-le"))]  # cut by UTF-16 units
    rows += [(3, 3, ""), (-1, 2, "x"), (len(text) - 1, len(text) + 1, "z"), (4, 2, "")]  # out of range
    rows += [(0, 3, None), (None, 3, "a😀b")]  # no stored text; no start (skipped)
    mentions = pl.DataFrame(
        {
            "article_id": ["A"] * len(rows) + ["B", "B", "nowhere", None],
            "surface": [r[2] for r in rows] + [other[0:2], other[3:8], "x", "y"],
            "char_start": [r[0] for r in rows] + [0, 3, 0, 0],
            "char_end": [r[1] for r in rows] + [2, 7, 1, 1],  # B's second cuts the emoji off
        },
        schema={"article_id": pl.String, "surface": pl.String, "char_start": pl.Int64, "char_end": pl.Int64},
    )
    frames = {
        "articles": pl.DataFrame({"article_id": ["A", "B"], "text": [text, other]}),
        "mentions": mentions,
    }
    report = Report("x")
    _check_spans(frames, load_schema(), report)
    got = [(p.table, p.column, p.count, p.examples) for p in report.problems]
    expected = _spans_reference(frames)
    assert got == expected
    assert expected[0][2] == 4 + 1 + 4 + 1 + 1  # the wrong rows, and only they


def test_sampled_frictionless_reports_what_frictionless_reports_on_the_whole_files(
    release_copy: Path,
) -> None:
    """With a row limit below every table's size, each resource is validated against stand-in
    files (its first rows, and the rows its foreign keys reach); the findings must be those of
    frictionless on the real files with the same limit, including keys that resolve only to
    rows beyond the limit."""
    from syria_events.validate import Report, _frictionless, _read_tables
    from test_validate import rewrite

    limit = 3
    events = pl.read_parquet(release_copy / "events.parquet")
    places = pl.read_parquet(release_copy / "places.parquet")
    late_event, late_place = events["event_id"][-1], places["place_id"][-1]

    def statements(df: pl.DataFrame) -> pl.DataFrame:
        ids = df["event_id"].to_list()
        ids[0], ids[1] = late_event, "ev_missing"  # resolves beyond the limit; does not resolve
        return df.with_columns(pl.Series("event_id", ids, dtype=pl.String))

    def place_rows(df: pl.DataFrame) -> pl.DataFrame:
        parents, kinds = df["parent_place_id"].to_list(), df["kind"].to_list()
        parents[0], parents[1], kinds[2] = late_place, "nowhere", "planet"
        kinds[-1] = "planet"  # beyond the limit: neither reports it
        return df.with_columns(pl.Series("parent_place_id", parents), pl.Series("kind", kinds))

    def mention_rows(df: pl.DataFrame) -> pl.DataFrame:
        ids = df["article_id"].to_list()
        ids[1] = "0000000000000000"
        return df.with_columns(pl.Series("article_id", ids))

    rewrite(release_copy, "statements", statements)
    rewrite(release_copy, "places", place_rows)
    rewrite(release_copy, "mentions", mention_rows)
    frames = _read_tables({n: release_copy / f"{n}.parquet" for n in load_schema().tables}, Report("x"))
    assert all(df.height > limit for df in frames.values())

    sampled, whole = Report("x"), Report("x")
    _frictionless(release_copy, sampled, limit, frames)
    _frictionless(release_copy, whole, limit, None)  # frictionless alone on the real files
    assert [p.line() for p in sampled.problems] == [p.line() for p in whole.problems]
    found = {(p.table, p.rule) for p in sampled.problems}
    assert {("statements", "foreign-key"), ("places", "foreign-key"), ("mentions", "foreign-key")} <= found
    assert ("places", "constraint-error") in found
    fk = next(p for p in sampled.problems if p.table == "statements" and p.rule == "foreign-key")
    assert fk.count == 1 and "ev_missing" in fk.examples[0]
