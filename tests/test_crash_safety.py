"""Crash safety: a build killed at any instant leaves --out holding a whole release.

The build runs as a real process (`python -m syria_events.cli build`) and is killed with
SIGKILL, which no handler can intercept, after seeded random delays spread over the whole run,
so kills land in start-up, ingest, extraction, writing, validation and the swap.
"""

from __future__ import annotations

import csv
import io
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import polars as pl

from conftest import snapshot
from syria_events.ingest import COLUMNS
from syria_events.release import recover_interrupted, remove_stale_temporaries
from syria_events.validate import validate_release

TEXT_A = (
    "أعلنت فصائل المعارضة السيطرة على مدينة حماة يوم الخميس، وبدأت التقدم نحو مدينة حمص.\n"
    "وقال مصدر عسكري إن الاشتباكات مستمرة في ريف درعا.\n"
)
TEXT_B = "دخلت قوات المعارضة مدينة حمص صباح السبت بعد انسحاب قوات النظام نحو دمشق.\n"

SEED = 20241208
# Kills aimed at the end of the run: after the build's temporary directory appears, while it
# writes, validates and swaps (the only time --out can change). Then kills at random before
# that point (start-up, ingest, extraction), which must leave --out untouched.
LATE_KILLS = 3
EARLY_KILLS = 7
TAIL = 1.2  # seconds after the temporary directory appears; longer than write+validate+swap
# A guard on wall time: on a loaded machine fewer kills fit, and the test says how many ran.
KILL_PHASE_BUDGET = 30.0
MIN_KILLS = 6


def make_corpus(root: Path, articles: dict[str, tuple[str, str]]) -> Path:
    """A corpus of {file name: (text, published_date)}."""
    (root / "articles").mkdir(parents=True)
    buf = io.StringIO(newline="")
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for name, (text, published) in articles.items():
        (root / "articles" / name).write_text(text, encoding="utf-8")
        row = dict.fromkeys(COLUMNS, "")
        row.update(file=name, published_date=published, language="ar")
        writer.writerow(row)
    (root / "articles.csv").write_text(buf.getvalue(), encoding="utf-8")
    return root


def build_command(corpus: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "syria_events.cli", "build", "--sources", str(corpus), "--out", str(out)]


def run_build(corpus: Path, out: Path) -> float:
    """Build to completion in a subprocess; return how long it took."""
    start = time.monotonic()
    done = subprocess.run(build_command(corpus, out), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return time.monotonic() - start


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}."))


def temporaries(out: Path) -> set[str]:
    return {p.name for p in out.parent.glob(f".{out.name}.tmp-*")}


def kill_late(proc: subprocess.Popen[bytes], out: Path, stale: set[str], delay: float) -> float:
    """Wait for this build's temporary directory, then `delay` more; return when it appeared."""
    start = time.monotonic()
    while proc.poll() is None and not temporaries(out) - stale:
        time.sleep(0.005)
    appeared = time.monotonic() - start
    time.sleep(delay)
    return appeared


def start_build(corpus: Path, out: Path) -> subprocess.Popen[bytes]:
    # A session of its own, so that the kill takes any worker processes of a parallel build too.
    return subprocess.Popen(
        build_command(corpus, out),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def test_a_build_killed_at_random_points_leaves_the_old_or_the_new_release(tmp_path: Path) -> None:
    from syria_events import build

    corpora = {
        "A": make_corpus(tmp_path / "a", {"a.txt": (TEXT_A, "2024-12-05")}),
        "B": make_corpus(tmp_path / "b", {"a.txt": (TEXT_A, "2024-12-05"), "b.txt": (TEXT_B, "2024-12-07")}),
    }
    out = tmp_path / "out"
    build(corpora["A"], out, progress=False)
    # The complete release of each corpus; B's is learned from the first build that finishes.
    complete: dict[str, dict[str, bytes]] = {"A": snapshot(out)}
    holds, before = "A", complete["A"]

    rng = random.Random(SEED)
    outcomes: list[str] = []  # per kill: "kept A", "swapped in B", ...
    interrupted = 0
    until_write = 0.0  # how long a build takes to reach its temporary directory
    phase_start = time.monotonic()
    for late in [True] * LATE_KILLS + [False] * EARLY_KILLS:
        if time.monotonic() - phase_start > KILL_PHASE_BUDGET:
            break
        # Always build the other corpus, so that the previous and the new release differ.
        target = "B" if holds == "A" else "A"
        stale = temporaries(out)
        proc = start_build(corpora[target], out)
        if late:
            until_write = max(until_write, kill_late(proc, out, stale, rng.uniform(0.0, TAIL)))
        else:
            time.sleep(rng.uniform(0.05, until_write))
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            interrupted += 1
        proc.wait(timeout=60)

        report = validate_release(out)
        assert report.ok, f"after kill {len(outcomes) + 1}: " + report.text()
        now = snapshot(out)
        if now == before:
            outcomes.append(f"kept {holds}")
            continue
        if target in complete:
            assert now == complete[target], "a kill left a release that is neither the old nor the new one"
        else:  # the first B seen; the final, uninterrupted build confirms it below
            complete[target] = now
        outcomes.append(f"swapped in {target}")
        holds, before = target, now

    assert len(outcomes) >= MIN_KILLS, f"only {len(outcomes)} kills fitted in the time budget"
    assert interrupted >= len(outcomes) // 2, f"most builds finished before their kill: {outcomes}"

    # The next build completes, cleans up what the kills left, and is correct.
    run_build(corpora["B"], out)
    assert validate_release(out).ok
    complete_b = snapshot(out)
    assert complete_b != complete["A"]
    assert complete.get("B", complete_b) == complete_b, "a kill left a B release that is not the complete one"
    assert leftovers(out) == []
    articles = pl.read_parquet(out / "articles.parquet")
    assert sorted(articles["source_file"]) == ["a.txt", "b.txt"]
    print(f"{len(outcomes)} kills, {interrupted} of a running build: {outcomes}")


# --- the fallback without renameat2: two renames, undone or finished after a crash -----------


def fake_release(path: Path, marker: str) -> dict[str, bytes]:
    path.mkdir()
    (path / "datapackage.json").write_text(f'{{"marker": "{marker}"}}\n', encoding="utf-8")
    (path / "articles.parquet").write_bytes(marker.encode() * 10)
    return snapshot(path)


def test_a_crash_between_the_two_fallback_renames_restores_the_previous_release(tmp_path: Path) -> None:
    out = tmp_path / "out"
    before = fake_release(tmp_path / ".out.old", "previous")  # out was renamed away, then the crash
    recover_interrupted(out)
    assert snapshot(out) == before
    assert leftovers(out) == []


def test_a_crash_after_the_fallback_renames_keeps_the_new_release(tmp_path: Path) -> None:
    out = tmp_path / "out"
    fake_release(tmp_path / ".out.old", "previous")
    new = fake_release(out, "new")  # both renames done, the old copy not yet deleted
    recover_interrupted(out)
    assert snapshot(out) == new
    assert leftovers(out) == []


def test_stale_temporaries_are_removed_and_the_release_is_not(tmp_path: Path) -> None:
    out = tmp_path / "out"
    release = fake_release(out, "release")
    fake_release(tmp_path / ".out.tmp-abc123", "half-written")
    fake_release(tmp_path / ".other.tmp-abc123", "another release's")
    remove_stale_temporaries(out)
    assert snapshot(out) == release
    assert sorted(p.name for p in tmp_path.iterdir()) == [".other.tmp-abc123", "out"]
