"""`syria-events validate` fails, precisely, on each kind of damage to a release."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from syria_events.cli import app
from syria_events.release import file_digest, write_parquet
from syria_events.validate import validate_release


def rewrite(release: Path, table: str, change: Callable[[pl.DataFrame], pl.DataFrame]) -> None:
    """Change one table and refresh the descriptor's size and hash, so only `change` is wrong."""
    path = release / f"{table}.parquet"
    write_parquet(change(pl.read_parquet(path)), path)
    descriptor_path = release / "datapackage.json"
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    for r in descriptor["resources"]:
        size, sha = file_digest(release / r["path"])
        r["syria_events:bytes"], r["hash"] = size, f"sha256:{sha}"
    descriptor_path.write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")


def add_row(df: pl.DataFrame, **values: object) -> pl.DataFrame:
    row = pl.DataFrame([{c: values.get(c) for c in df.columns}], schema=df.schema)
    return pl.concat([df, row])


def first_article(release: Path) -> tuple[str, str]:
    a = pl.read_parquet(release / "articles.parquet").row(0, named=True)
    return a["article_id"], a["text"]


def place(**over: object) -> dict[str, object]:
    base = dict(
        place_id="test:place",
        name_ar="مكان",
        name_en="Place",
        kind="town",
        country_code="SY",
        geo_precision=3,
        gazetteer_source="test",
    )
    return {**base, **over}


def problems(report, stage: str, table: str, column: str | None = None) -> list:
    return [
        p
        for p in report.problems
        if p.stage == stage and p.table == table and (column is None or p.column == column)
    ]


def test_the_fresh_release_is_valid(release: Path) -> None:
    report = validate_release(release)
    assert report.ok, report.text()


def test_a_removed_column_is_reported(release_copy: Path) -> None:
    rewrite(release_copy, "articles", lambda df: df.drop("sha256"))
    report = validate_release(release_copy)
    assert not report.ok
    assert any(
        "sha256" in (p.column or "") + p.rule + " ".join(p.examples)
        for p in problems(report, "pandera", "articles")
    )


def test_a_wrong_dtype_is_reported(release_copy: Path) -> None:
    rewrite(release_copy, "articles", lambda df: df.with_columns(pl.col("n_chars").cast(pl.String)))
    report = validate_release(release_copy)
    found = problems(report, "pandera", "articles", "n_chars")
    assert found and "dtype" in found[0].rule


def test_a_value_outside_an_enum_is_reported(release_copy: Path) -> None:
    rewrite(release_copy, "places", lambda df: add_row(df, **place(kind="planet")))
    report = validate_release(release_copy)
    found = problems(report, "pandera", "places", "kind")
    assert found and "isin" in found[0].rule and "planet" in found[0].examples[0]
    assert problems(report, "frictionless", "places", "kind")


def test_a_duplicate_primary_key_is_reported(release_copy: Path) -> None:
    rewrite(release_copy, "articles", lambda df: pl.concat([df, df.head(1)]))
    report = validate_release(release_copy)
    found = problems(report, "integrity", "articles", "article_id")
    assert found and found[0].rule == "primary key not unique" and found[0].count == 1


def test_a_dangling_foreign_key_is_reported(release_copy: Path) -> None:
    aid, text = first_article(release_copy)
    mention = dict(
        mention_id=f"{aid}-p-0-3",
        article_id=aid,
        entity_type="place",
        entity_id="nowhere:0",
        surface=text[0:3],
        char_start=0,
        char_end=3,
        confidence=1.0,
    )
    rewrite(release_copy, "mentions", lambda df: add_row(df, **mention))
    report = validate_release(release_copy)
    found = problems(report, "integrity", "mentions", "entity_id")
    assert found and "does not resolve" in found[0].rule and found[0].examples == ["nowhere:0"]


def test_an_offset_that_does_not_reproduce_its_text_is_reported(release_copy: Path) -> None:
    aid, text = first_article(release_copy)
    rewrite(release_copy, "places", lambda df: add_row(df, **place()))
    mention = dict(
        mention_id=f"{aid}-p-1-4",
        article_id=aid,
        entity_type="place",
        entity_id="test:place",
        surface=text[0:3],
        char_start=1,
        char_end=4,
        confidence=1.0,
    )
    assert text[1:4] != text[0:3]
    rewrite(release_copy, "mentions", lambda df: add_row(df, **mention))
    report = validate_release(release_copy)
    found = problems(report, "integrity", "mentions", "surface")
    assert found and found[0].count == 1 and f"{aid}[1:4]" in found[0].examples[0]


def test_one_flipped_byte_is_reported(release_copy: Path) -> None:
    path = release_copy / "articles.parquet"
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    report = validate_release(release_copy)
    found = problems(report, "integrity", "articles")
    assert found and found[0].rule == "sha256 differs from the descriptor"


@pytest.mark.parametrize("as_json", [False, True])
def test_the_cli_exits_non_zero_with_a_readable_report(release_copy: Path, as_json: bool) -> None:
    rewrite(release_copy, "articles", lambda df: pl.concat([df, df.head(1)]))
    args = ["validate", str(release_copy)] + (["--json"] if as_json else [])
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1
    if as_json:
        data = json.loads(result.stdout)
        assert data["valid"] is False
        keys = [(p["stage"], p["table"], p["column"], p["rule"]) for p in data["problems"]]
        assert ("integrity", "articles", "article_id", "primary key not unique") in keys
    else:
        assert "articles.article_id: primary key not unique (1 row)" in result.stdout


def test_the_cli_exits_zero_on_a_valid_release(release: Path) -> None:
    result = CliRunner().invoke(app, ["validate", str(release), "--json"])
    assert result.exit_code == 0 and json.loads(result.stdout)["valid"] is True
