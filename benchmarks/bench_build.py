"""Build-and-validate benchmark on synthetic corpora of several sizes.

    python benchmarks/bench_build.py --sizes 100 1000 10000 --runs 3 --work /tmp/bench

Each run is a fresh subprocess (so imports and the gazetteer load are counted, as for a user)
that builds with `timings` and then re-validates the release on its own, which gives the
validation share (the build validates once inside `publish`). Peak memory is the largest sum
of RSS over the process tree (the build and its workers), sampled from /proc every 50 ms, and
also the largest single process (getrusage RUSAGE_CHILDREN). Results go to stdout as JSON
lines and to --json.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE")


def _children_map() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        kids.setdefault(ppid, []).append(int(entry))
    return kids


def tree_rss(pid: int) -> int:
    """Bytes of resident memory of `pid` and all its descendants."""
    kids, total, todo = _children_map(), 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/statm") as fh:
                total += int(fh.read().split()[1]) * PAGE
        except OSError:
            pass
        todo += kids.get(p, [])
    return total


def run_once(corpus: Path, out: Path, workers: int | None) -> dict:
    cmd = [sys.executable, __file__, "_one", str(corpus), str(out), str(workers or 0)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss(proc.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    start = time.perf_counter()
    sampler.start()
    stdout, _ = proc.communicate()
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    lines = stdout.strip().splitlines()
    # A crash (an extractor raising, say) is recorded, not fatal to the other runs.
    result = (
        json.loads(lines[-1])
        if proc.returncode == 0 and lines
        else {"status": f"CRASHED ({proc.returncode})"}
    )
    result.update(
        wall_s=wall,
        peak_tree_rss_mb=peak / 2**20,
        # ru_maxrss is in KiB on Linux, and is the largest single descendant so far.
        max_single_process_rss_mb=resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    )
    return result


def one(corpus: Path, out: Path, workers: int) -> None:
    """The child: build with timings, then validate again alone; print one JSON line."""
    t0 = time.perf_counter()
    from syria_events.errors import ReleaseError
    from syria_events.pipeline import build
    from syria_events.validate import validate_release

    timings: dict = {"import": time.perf_counter() - t0}
    status = "valid"
    try:
        result = build(corpus, out, progress=False, workers=workers or None, timings=timings)
        rows = result.rows
    except ReleaseError as e:
        status, rows = "INVALID: " + str(e).splitlines()[-1].strip(), {}
    build_s = time.perf_counter() - t0
    if out.exists():
        t = time.perf_counter()
        validate_release(out)
        timings["validate_alone"] = time.perf_counter() - t
    print(json.dumps({"build_s": build_s, "timings": timings, "rows": rows, "status": status}))


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "_one":
        one(Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4]))
        return
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    ap.add_argument("--runs", type=int, default=3, help="runs per size (median reported)")
    ap.add_argument("--once-above", type=int, default=5000, help="sizes above this run once")
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--work", type=Path, default=Path("/tmp/syria-events-bench"))
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()
    from syria_events.synth import generate_corpus

    args.work.mkdir(parents=True, exist_ok=True)
    summary = []
    for n in args.sizes:
        corpus = args.work / f"corpus-{n}"
        if not (corpus / "articles.csv").is_file():
            shutil.rmtree(corpus, ignore_errors=True)
            t = time.perf_counter()
            generate_corpus(corpus, n, seed=n)
            print(f"# generated {n} articles in {time.perf_counter() - t:.1f}s", file=sys.stderr)
        runs = []
        for r in range(1 if n > args.once_above else args.runs):
            out = args.work / f"release-{n}"
            shutil.rmtree(out, ignore_errors=True)
            res = run_once(corpus, out, args.workers)
            res.update(n=n, run=r)
            print(json.dumps(res), flush=True)
            runs.append(res)
        ok = [x for x in runs if "build_s" in x] or runs
        med = statistics.median(x["wall_s"] for x in ok)
        summary.append(
            {
                "n": n,
                "runs": len(runs),
                "median_wall_s": med,
                "articles_per_s": n / med,
                "ms_per_article": 1000 * med / n,
                "peak_tree_rss_mb": max(x["peak_tree_rss_mb"] for x in runs),
                "runs_detail": runs,
            }
        )
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2) + "\n")


if __name__ == "__main__":
    main()
