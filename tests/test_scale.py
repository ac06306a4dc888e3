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
