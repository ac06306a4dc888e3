"""The build, top to bottom: ingest → extract → assemble → validate → release.

Extraction is a pure function of one article, so it is spread over processes in chunks; the
Docs come back in article order, so the release is byte-identical whatever the worker count.

Scaling beyond one machine: `extract_batch` is the seam. Move to Ray Data when one machine is
not enough: `ray.data.from_items(articles).map_batches(extract_batch)` runs it per partition
on the cluster, and the (small) corpus-wide step, `combine_batches`, runs on the driver
(Dask works the same way with `bag.map_partitions`).
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa

from syria_events.assemble import assemble, combine_batches
from syria_events.extract import extractors
from syria_events.ingest import MAX_ARTICLE_BYTES, read_corpus
from syria_events.model import Article, Doc, Row
from syria_events.paths import default_corpus, default_release
from syria_events.release import publish

# Below this many articles a process pool costs more to start (each worker loads the
# gazetteer) than it saves, so the default runs in-process.
MIN_PARALLEL_ARTICLES = 50
# Articles per task: large enough to amortise pickling, small enough to balance the load.
MAX_CHUNK = 32
# Chunks in flight per worker: keeps workers busy while bounding the results held in memory.
INFLIGHT_PER_WORKER = 4

# What a worker sends back: the Doc's findings without the article (the parent has it) and
# without the extractors' scratch cache (large, and private to one extraction).
_Findings = tuple[dict[str, Row], dict[str, Row], list[Row], list[Row], list[Row]]


@dataclass(frozen=True)
class BuildResult:
    out: Path
    descriptor: Path
    rows: dict[str, int]
    warnings: list[str]


def extract_article(article: Article) -> Doc:
    """Run every extractor over one article (a pure function of the article)."""
    doc = Doc(article)
    for extract in extractors():
        extract(doc)
    return doc


# --- the distribution seam ----------------------------------------------------------------


def extract_batch(articles: list[Article]) -> dict[str, pa.Table]:
    """Extract a batch of articles into Arrow tables with exactly the schema's columns.

    This is the function a distributed engine maps over partitions of the corpus. Rows are
    per article and final except for two corpus-wide steps left to `combine_batches`: places
    and actors are deduplicated within the batch only, and `cluster_id` links events within
    the batch only. Mention, event and statement ids depend on their article alone.
    """
    frames = assemble([extract_article(a) for a in articles])
    return {name: df.to_arrow() for name, df in frames.items()}


__all__ = ["BuildResult", "build", "combine_batches", "extract_all", "extract_article", "extract_batch"]


# --- parallel extraction ------------------------------------------------------------------


def _findings(doc: Doc) -> _Findings:
    return doc.places, doc.actors, doc.mentions, doc.events, doc.statements


def _extract_chunk(articles: list[Article]) -> list[_Findings]:
    return [_findings(extract_article(a)) for a in articles]


def _warm_up() -> None:
    """Pay the extractors' one-off costs (imports, gazetteer) when a worker starts."""
    sample = Article("0" * 16, "warm-up.txt", "سيطرت الفصائل على مدينة حماة.", date(2024, 12, 5))
    extract_article(sample)


def resolve_workers(workers: int | None, n_articles: int) -> int:
    """How many processes to use: an explicit count is capped by the number of articles;
    the default is the number of CPUs, or 1 for a small corpus."""
    if workers is not None:
        if workers < 1:
            raise ValueError(f"workers must be at least 1, not {workers}")
        return max(1, min(workers, n_articles))
    if n_articles < MIN_PARALLEL_ARTICLES:
        return 1
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(cpus, n_articles))


def _chunks(articles: list[Article], size: int) -> Iterator[list[Article]]:
    for i in range(0, len(articles), size):
        yield articles[i : i + size]


def _parallel_findings(articles: list[Article], workers: int) -> Iterator[_Findings]:
    """Findings of every article, in article order, from a pool of `workers` processes."""
    # Several chunks per worker so that a slow chunk does not leave the others idle.
    size = max(1, min(MAX_CHUNK, len(articles) // (workers * 8) or 1))
    # "spawn", not fork: the parent has polars' thread pool running, and forking a process
    # with live threads can deadlock the child.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_warm_up) as pool:
        pending: deque[Future[list[_Findings]]] = deque()
        chunks = _chunks(articles, size)
        limit = workers * INFLIGHT_PER_WORKER
        for chunk in chunks:
            pending.append(pool.submit(_extract_chunk, chunk))
            if len(pending) >= limit:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def extract_all(
    articles: list[Article], workers: int | None = None, progress: Callable[[int], None] | None = None
) -> list[Doc]:
    """The Doc of every article, in article order, extracted by `workers` processes."""
    n = resolve_workers(workers, len(articles))
    if n == 1:
        docs = []
        for a in articles:
            docs.append(extract_article(a))
            docs[-1].cache.clear()  # scratch space is not needed after extraction
            if progress:
                progress(1)
        return docs
    docs = []
    for article, (places, actors, mentions, events, statements) in zip(
        articles, _parallel_findings(articles, n), strict=True
    ):
        docs.append(Doc(article, places, actors, mentions, events, statements))
        if progress:
            progress(1)
    return docs


# --- the build ----------------------------------------------------------------------------


@contextmanager
def _timed(timings: dict[str, float] | None, stage: str) -> Iterator[None]:
    """Add the wall time of a block to timings[stage] (even when the block raises)."""
    start = time.perf_counter()
    try:
        yield
    finally:
        if timings is not None:
            timings[stage] = timings.get(stage, 0.0) + time.perf_counter() - start


@contextmanager
def _progress_bar(total: int, show: bool) -> Iterator[Callable[[int], None] | None]:
    if not show:
        yield None
        return
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        task = bar.add_task("extracting", total=total)
        yield lambda k: bar.advance(task, k)


def build(
    sources: Path | None = None,
    out: Path | None = None,
    *,
    progress: bool | None = None,
    max_article_bytes: int = MAX_ARTICLE_BYTES,
    workers: int | None = None,
    timings: dict[str, Any] | None = None,
) -> BuildResult:
    """Build a release from a corpus directory and publish it atomically to `out`.

    `workers`: processes for extraction (1: in-process; default: one per CPU, in-process for
    fewer than MIN_PARALLEL_ARTICLES articles); the output is the same whatever the count.
    `timings`, when given, receives the wall seconds of each stage (ingest, extract,
    assemble, publish = write + validate + swap) and the worker count.

    Raises InputError on bad input and ReleaseError when the result fails validation; in
    both cases whatever was at `out` before is left as it was.
    """
    sources = Path(sources) if sources else default_corpus()
    out = Path(out) if out else default_release()
    with _timed(timings, "ingest"):
        corpus = read_corpus(sources, max_article_bytes)
    articles = corpus.articles
    show = sys.stderr.isatty() if progress is None else progress
    n_workers = resolve_workers(workers, len(articles))
    if timings is not None:
        timings["workers"] = n_workers
    with _timed(timings, "extract"), _progress_bar(len(articles), show) as advance:
        docs = extract_all(articles, n_workers, advance)
    with _timed(timings, "assemble"):
        tables = assemble(docs)
    del docs  # the tables hold everything from here on
    root_descriptor = out.resolve() == default_release().resolve()
    with _timed(timings, "publish"):
        descriptor = publish(tables, out, articles, root_descriptor=root_descriptor)
    return BuildResult(out, descriptor, {name: df.height for name, df in tables.items()}, corpus.warnings)
