"""The evaluators' shared rules: binding gold `new:` ids to predicted ids, and the CLI's sets."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from syria_events.cli import app
from syria_events.evaluate.common import align_new_ids, discovered_units, paragraph_sets, same_actor_id

SEED = {"syr_gov_forces", "opposition_factions"}


def test_a_new_id_binds_to_the_predicted_id_seen_most_often_and_only_once() -> None:
    pairs = [
        ("sna", "new:syrian_national_army"),
        ("sna", "new:syrian_national_army"),
        ("turkish_forces", "new:syrian_national_army"),
        ("turkish_forces", "new:turkish_armed_forces"),
        ("sna", "new:turkish_armed_forces"),  # sna is already bound: one body, one id
        ("syr_gov_forces", "new:syr_4th_division"),  # a seed id never stands for a new body
        ("", "new:lebanon"),  # no prediction
    ]
    binding = align_new_ids(pairs, SEED)
    assert binding == {"new:syrian_national_army": "sna", "new:turkish_armed_forces": "turkish_forces"}
    assert same_actor_id("sna", "new:syrian_national_army", binding)
    assert not same_actor_id("turkish_forces", "new:syrian_national_army", binding)
    assert not same_actor_id("syr_gov_forces", "new:syr_4th_division", binding)
    assert not same_actor_id(None, "new:lebanon", binding)
    assert same_actor_id("syr_gov_forces", "syr_gov_forces", binding)
    assert same_actor_id(None, None, binding)


def test_a_slug_spelt_like_a_predicted_id_binds_to_it_and_units_count_for_their_force() -> None:
    pairs = [("centcom", "new:us_forces"), ("centcom", "new:us_forces"), ("us_forces", "new:us_forces")]
    binding = align_new_ids(pairs, SEED)
    assert binding == {"new:us_forces": "us_forces"}  # the annotator's slug names that id
    actors = {
        "centcom": {"actor_type": "foreign_forces", "parent_actor_id": "us_forces"},
        "us_forces": {"actor_type": "foreign_forces", "parent_actor_id": "usa"},
        "usa": {"actor_type": "foreign_state", "parent_actor_id": None},
        "syr_mod": {"actor_type": "government", "parent_actor_id": "syr_gov"},
    }
    units = discovered_units(actors)
    assert units == {"centcom": frozenset({"us_forces"})}  # forces only: never a government above
    assert same_actor_id("centcom", "new:us_forces", binding, units)
    assert not same_actor_id("syr_mod", "syr_gov", binding, units)


def test_evaluate_scores_the_named_sets_only_and_refuses_unknown_ones() -> None:
    assert {"unseen", "heldout", "blind"} <= set(paragraph_sets())
    runner = CliRunner()
    result = runner.invoke(app, ["evaluate", "events", "--set", "unseen", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert list(data) == ["unseen"]
    assert 0.0 <= data["unseen"]["f1"] <= 1.0 and data["unseen"]["tp"] > 0
    bad = runner.invoke(app, ["evaluate", "events", "--set", "nosuchset"])
    assert bad.exit_code == 2
    assert "no test set" in bad.output
