"""Validation alone of a release with a large synthetic events table.

    python benchmarks/bench_validate.py --rows 1000000 --out /tmp/bench-1m [--profile]

The release is valid: a few real articles, places and actors (from a build of the project's
corpus), and `--rows` events, each pointing at one of them with its evidence cut from the
article's text. Prints the time of `validate_release` and, with --profile, the stages'
cumulative times from cProfile.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import shutil
import sys
import time
from datetime import timedelta
from pathlib import Path

import polars as pl

from syria_events.assemble import SORT_KEYS, assemble
from syria_events.ingest import read_corpus
from syria_events.paths import default_corpus
from syria_events.pipeline import extract_all
from syria_events.release import DESCRIPTOR, build_descriptor, write_json, write_parquet
from syria_events.schema import load_schema
from syria_events.validate import ACLED_TAXONOMY, validate_release

STAGES = ("_check_files", "_frictionless", "_read_tables", "_pandera", "_check_primary_keys")
STAGES += ("_check_foreign_keys", "_check_spans", "_check_events", "_check_actor_cycles")


def make_release(out: Path, n_rows: int) -> dict[str, int]:
    """Write a valid release with `n_rows` synthetic events to `out`."""
    schema = load_schema()
    articles = read_corpus(default_corpus()).articles
    tables = assemble(extract_all(articles, workers=1))
    arts = tables["articles"]
    places = tables["places"]["place_id"].head(5).to_list() or [None]
    actors = tables["actors"]["actor_id"].head(5).to_list() or [None]
    pairs = [(t, s) for t, subs in ACLED_TAXONOMY.items() for s in subs]
    i = pl.int_range(0, n_rows, eager=True)
    a = i % arts.height
    # Evidence: a 40-character window of the article's text starting at (i * 7) % (len - 40).
    texts, dates = arts["text"], arts["published_date"]
    lens = pl.Series([len(t) for t in texts])
    start = (i * 7) % (lens.gather(a) - 40)
    events = pl.DataFrame(
        {
            "event_id": [f"ev_{k:016x}" for k in range(n_rows)],
            "article_id": arts["article_id"].gather(a),
            "event_type": pl.Series([pairs[k % len(pairs)][0] for k in range(n_rows)]),
            "sub_event_type": pl.Series([pairs[k % len(pairs)][1] for k in range(n_rows)]),
            "event_date": dates.gather(a) - timedelta(days=1),
            "date_precision": "day",
            "planned": False,
            "place_id": pl.Series([places[k % len(places)] for k in range(n_rows)], dtype=pl.String),
            "geo_precision": 1,
            "actor1_id": pl.Series([actors[k % len(actors)] for k in range(n_rows)], dtype=pl.String),
            "actor2_id": None,
            "civilian_targeting": False,
            "fatalities": (i % 5),
            "fatalities_text": None,
            "claim_status": "reported",
            "claimed_by_actor_id": None,
            "trigger": "x",
            "evidence": [texts[int(x)][int(s) : int(s) + 40] for x, s in zip(a, start, strict=True)],
            "char_start": start,
            "char_end": start + 40,
            "cluster_id": [f"cl_{k // 3:016x}" for k in range(n_rows)],
        }
    )
    events = events.select([pl.col(c).cast(dt) for c, dt in schema["events"].polars_schema.items()]).sort(
        SORT_KEYS["events"]
    )
    tables["events"] = events
    tables["statements"] = tables["statements"].clear()  # they would point at replaced events
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    files = {}
    for name, df in tables.items():
        files[name] = out / f"{name}.parquet"
        write_parquet(df, files[name])
    write_json(out / DESCRIPTOR, build_descriptor(files, articles, schema))
    return {name: df.height for name, df in tables.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--out", type=Path, default=Path("/tmp/syria-events-bench-validate"))
    ap.add_argument("--profile", action="store_true")
    args = ap.parse_args()
    t = time.perf_counter()
    rows = make_release(args.out, args.rows)
    print(f"# wrote {rows} in {time.perf_counter() - t:.1f}s", file=sys.stderr)
    prof = cProfile.Profile() if args.profile else None
    t = time.perf_counter()
    if prof:
        prof.enable()
    report = validate_release(args.out)
    if prof:
        prof.disable()
    elapsed = time.perf_counter() - t
    result = {"rows": rows, "validate_s": elapsed, "valid": report.ok, "profiled": bool(prof)}
    if prof:
        stats = pstats.Stats(prof).stats  # type: ignore[attr-defined]
        result["stages_s"] = {
            fn: round(v[3], 2) for (path, _, fn), v in stats.items() if fn in STAGES and "validate" in path
        }
    if not report.ok:
        result["problems"] = report.text().splitlines()[:10]
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
