"""The build: complete articles, deterministic bytes, and a committed release in step with the code."""

from __future__ import annotations

import csv
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import polars as pl

from conftest import REPO, snapshot
from syria_events import build, load_package
from syria_events.schema import TABLES


def test_two_builds_in_a_row_are_byte_identical(release: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    build(out=again, progress=False)
    assert snapshot(again) == snapshot(release)


def test_committed_release_is_what_the_committed_code_builds(release: Path) -> None:
    committed = snapshot(REPO / "build")
    assert committed.keys() == snapshot(release).keys()
    assert committed == snapshot(release), "build/ is stale: run `make release` and commit it"
    root = json.loads((REPO / "datapackage.json").read_text(encoding="utf-8"))
    fresh = json.loads((release / "datapackage.json").read_text(encoding="utf-8"))
    for r_root, r_fresh in zip(root["resources"], fresh["resources"], strict=True):
        assert r_root["path"] == "build/" + r_fresh["path"]
        assert r_root["hash"] == r_fresh["hash"]


def test_every_article_is_kept_whole_with_its_metadata(release: Path) -> None:
    articles = load_package(release)["articles"]
    with open(REPO / "corpus" / "articles.csv", encoding="utf-8", newline="") as fh:
        meta = {r["file"]: r for r in csv.DictReader(fh)}
    assert sorted(articles["source_file"].to_list()) == sorted(meta)
    for row in articles.iter_rows(named=True):
        raw = (REPO / "corpus" / "articles" / row["source_file"]).read_bytes()
        assert row["text"] == raw.decode("utf-8")
        assert row["source_sha256"] == hashlib.sha256(raw).hexdigest()
        assert row["sha256"] == hashlib.sha256(row["text"].encode()).hexdigest()
        assert row["article_id"] == row["sha256"][:16]
        m = meta[row["source_file"]]
        assert str(row["published_date"]) == m["published_date"]
        assert row["published_date_basis"] == m["published_date_basis"]
        assert row["outlet"] == (m["outlet"] or None)


def test_every_table_exists_with_its_schema_even_when_empty(release: Path) -> None:
    from syria_events.schema import load_schema

    schema = load_schema()
    tables = load_package(release)
    assert list(tables) == list(TABLES)
    for name, df in tables.items():
        assert df.schema == pl.Schema(schema[name].polars_schema), name


def test_descriptor_carries_package_and_resource_metadata(release: Path) -> None:
    d = json.loads((release / "datapackage.json").read_text(encoding="utf-8"))
    for key in (
        "name",
        "title",
        "version",
        "description",
        "licenses",
        "sources",
        "contributors",
        "keywords",
        "created",
    ):
        assert d[key], key
    for r in d["resources"]:
        path = release / r["path"]
        assert r["format"] == "parquet" and r["mediatype"] == "application/vnd.apache.parquet"
        assert r["syria_events:bytes"] == path.stat().st_size
        assert r["hash"] == "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()
        assert r["schema"]["fields"]


def test_plain_frictionless_cli_reports_the_release_valid(release: Path) -> None:
    cli = Path(sys.executable).with_name("frictionless")
    for cwd in (release, REPO):
        run = subprocess.run(
            [str(cli), "validate", "datapackage.json"], cwd=cwd, capture_output=True, text=True
        )
        assert run.returncode == 0, run.stdout + run.stderr
        assert "INVALID" not in run.stdout
