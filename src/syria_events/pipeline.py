"""The build, top to bottom: ingest → extract → assemble → validate → release."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from syria_events.assemble import assemble
from syria_events.extract import extractors
from syria_events.ingest import MAX_ARTICLE_BYTES, read_corpus
from syria_events.model import Article, Doc
from syria_events.paths import default_corpus, default_release
from syria_events.release import publish


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


def _progress(items: list[Article], show: bool):
    if not show:
        return items
    from rich.progress import track

    return track(items, description="extracting", transient=True, console=None)


def build(
    sources: Path | None = None,
    out: Path | None = None,
    *,
    progress: bool | None = None,
    max_article_bytes: int = MAX_ARTICLE_BYTES,
) -> BuildResult:
    """Build a release from a corpus directory and publish it atomically to `out`.

    Raises InputError on bad input and ReleaseError when the result fails validation; in
    both cases whatever was at `out` before is left as it was.
    """
    sources = Path(sources) if sources else default_corpus()
    out = Path(out) if out else default_release()
    corpus = read_corpus(sources, max_article_bytes)
    articles = corpus.articles
    show = sys.stderr.isatty() if progress is None else progress
    docs = [extract_article(a) for a in _progress(articles, show)]
    tables = assemble(docs)
    root_descriptor = out.resolve() == default_release().resolve()
    descriptor = publish(tables, out, articles, root_descriptor=root_descriptor)
    return BuildResult(out, descriptor, {name: df.height for name, df in tables.items()}, corpus.warnings)
