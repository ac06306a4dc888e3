"""One source of truth: schema.yaml, and everything generated from it, agree with the contract."""

from __future__ import annotations

import yaml
from typer.testing import CliRunner

from conftest import REPO
from syria_events.cli import app
from syria_events.schema import TABLES, load_schema, pandera_schema, table_schema
from syria_events.validate import ACLED_TAXONOMY

# The minimum columns of the release contract (SPEC.md); they may never be renamed or dropped.
CONTRACT = {
    "articles": "article_id source_file outlet url published_date language title text sha256",
    "places": "place_id name_ar name_en kind admin1_code country_code latitude longitude geo_precision "
    "geonames_id coord_source",
    "actors": "actor_id name_ar name_en actor_type side aliases_ar parent_actor_id wikidata_id",
    "mentions": "mention_id article_id entity_type entity_id surface char_start char_end",
    "events": "event_id article_id event_type sub_event_type event_date date_precision place_id actor1_id "
    "actor2_id fatalities claim_status claimed_by_actor_id evidence char_start char_end cluster_id",
    "statements": "statement_id article_id speaker_actor_id speaker_surface quote quote_type reporting_verb "
    "channel char_start char_end event_id",
}


def test_every_contract_column_is_in_the_schema() -> None:
    schema = load_schema()
    assert tuple(schema.tables) == TABLES
    for table, cols in CONTRACT.items():
        missing = set(cols.split()) - set(schema[table].columns)
        assert not missing, f"{table}: {missing}"


def test_frictionless_and_pandera_schemas_describe_the_same_columns() -> None:
    for table in load_schema().tables.values():
        fl = [f["name"] for f in table_schema(table)["fields"]]
        pa = list(pandera_schema(table).columns)
        assert fl == pa == table.columns


def test_generated_files_are_up_to_date() -> None:
    result = CliRunner().invoke(app, ["schema", "--check"])
    assert result.exit_code == 0, result.output


def test_event_enums_are_acleds_taxonomy() -> None:
    events = load_schema()["events"]
    assert set(events.field("event_type").enum) == set(ACLED_TAXONOMY)
    assert set(events.field("sub_event_type").enum) == {s for subs in ACLED_TAXONOMY.values() for s in subs}


def test_release_metadata_agree_on_the_version() -> None:
    package = yaml.safe_load((REPO / "schema" / "package.yaml").read_text(encoding="utf-8"))
    citation = yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    assert citation["cff-version"] == "1.2.0"
    for key in ("message", "title", "authors", "version", "date-released", "type"):
        assert citation.get(key), key
    assert citation["version"] == package["version"]
    assert f"## [{package['version']}]" in changelog
    assert str(citation["date-released"]) in changelog
