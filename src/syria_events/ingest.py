"""Ingest: read a corpus directory (articles.csv + articles/*.txt) into Article objects.

Every problem is reported as an InputError naming the file, the row and the rule broken.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from syria_events.errors import InputError
from syria_events.model import Article
from syria_events.schema import load_schema

METADATA_FILE = "articles.csv"
ARTICLES_DIR = "articles"
COLUMNS = ("file", "outlet", "outlet_ar", "url", "published_date", "published_date_basis", "language")
REQUIRED = ("file", "published_date", "language")
BOM = "\ufeff"
# Default upper bound on one article; a larger file is refused rather than read into memory.
MAX_ARTICLE_BYTES = 5_000_000
# Upper bound on one articles.csv value. Python's csv has its own limit (131072 characters),
# but it is process-global and frictionless raises it on import, so relying on it made the
# same file fail in a fresh process and pass after a validation had run. Ours is fixed.
MAX_FIELD_CHARS = 10_000


def article_id_for(text: str) -> str:
    """The stable, content-derived id of an article: 16 hex digits of sha256(text)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _read_metadata(corpus: Path) -> list[tuple[int, dict[str, str]]]:
    path = corpus / METADATA_FILE
    if not path.is_file():
        raise InputError(path, None, "missing-metadata", f"the corpus has no {METADATA_FILE}")
    try:
        raw = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(path, None, "encoding", f"not valid UTF-8 at byte {e.start}") from None
    # strict: a malformed record (an unterminated quote, a stray character after a closing
    # quote) is an error. Without it csv silently swallows the rest of the file into one field,
    # so later articles vanish or surface as a misleading error on another rule.
    reader = csv.DictReader(io.StringIO(raw, newline=""), strict=True)
    try:
        header = tuple(reader.fieldnames or ())
    except csv.Error as e:
        raise InputError(path, 1, "csv-syntax", f"malformed CSV: {e}") from None
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise InputError(path, 1, "missing-column", f"missing column(s): {', '.join(missing)}")
    unknown = [c for c in header if c not in COLUMNS]
    if unknown:
        raise InputError(path, 1, "unknown-column", f"unknown column(s): {', '.join(unknown)}")
    rows = []
    # Rows are numbered as a spreadsheet shows them: the header is row 1. (Counting records,
    # not physical lines, keeps the number right when a quoted field holds a newline.)
    line = 1
    try:
        for line, row in enumerate(reader, start=2):
            if None in row or any(v is None for v in row.values()):
                raise InputError(path, line, "field-count", "the row does not have one value per column")
            # Article texts with NUL are refused (rule nul-byte); metadata must be too, or a NUL
            # reaches the release and breaks consumers that cannot store it (C strings, PostgreSQL).
            for k, v in row.items():
                if "\x00" in v:
                    raise InputError(path, line, "nul-byte", f"NUL character in column {k!r}")
                if len(v) > MAX_FIELD_CHARS:
                    raise InputError(
                        path,
                        line,
                        "too-large",
                        f"column {k!r} is over the limit of {MAX_FIELD_CHARS} characters",
                    )
            rows.append((line, {k: v.strip() for k, v in row.items()}))
    except csv.Error as e:
        # csv.Error (a malformed record, a field over csv.field_size_limit()) would otherwise
        # escape as a traceback; the failing record is the one after the last one read.
        if str(e).startswith("field larger than field limit"):  # the same rule as our own limit
            raise InputError(
                path, line + 1, "too-large", f"a value is over the limit of {MAX_FIELD_CHARS} characters"
            ) from None
        raise InputError(path, line + 1, "csv-syntax", f"malformed CSV: {e}") from None
    if not rows:
        raise InputError(path, None, "empty-metadata", "articles.csv lists no articles")
    return rows


def _parse_date(path: Path, line: int, value: str) -> date:
    try:
        # fromisoformat also accepts forms like 20241205; demand the plain YYYY-MM-DD.
        if len(value) != 10 or value[4] != "-" or value[7] != "-":
            raise ValueError
        parsed = date.fromisoformat(value)
    except ValueError:
        raise InputError(
            path, line, "invalid-date", f"published_date {value!r} is not a real date in YYYY-MM-DD form"
        ) from None
    if parsed > date.today():
        raise InputError(path, line, "future-date", f"published_date {value} is after today")
    return parsed


def _resolve_article_path(corpus: Path, meta_path: Path, line: int, name: str) -> Path:
    """The article file for a `file` value, refusing anything that escapes articles/."""
    if not name:
        raise InputError(meta_path, line, "missing-value", "the file column is empty")
    if os.path.isabs(name) or "/" in name or "\\" in name or name in (".", ".."):
        raise InputError(
            meta_path, line, "path-escape", f"file {name!r} must be a plain file name inside articles/"
        )
    base = (corpus / ARTICLES_DIR).resolve()
    path = corpus / ARTICLES_DIR / name
    # resolve() follows symlinks, so a link pointing outside the corpus is caught too. On a
    # symlink loop it raises (RuntimeError before Python 3.13, OSError ELOOP after), which
    # would otherwise reach the user as a traceback.
    try:
        resolved = path.resolve()
    except (RuntimeError, OSError) as e:
        raise InputError(path, line, "unreadable", f"the path cannot be resolved ({e})") from None
    if not resolved.is_relative_to(base):
        raise InputError(
            meta_path, line, "path-escape", f"file {name!r} points outside the corpus's articles/"
        )
    if not path.exists():
        raise InputError(
            path, line, "missing-file", f"articles.csv row {line} names a file that does not exist"
        )
    if not path.is_file():
        raise InputError(path, line, "not-a-file", "the article path is not a regular file")
    return path


def _read_text(path: Path, line: int, max_bytes: int) -> tuple[str, str, bool]:
    """(text, sha256 of raw bytes, bom_stripped)."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(path, line, "too-large", f"{size} bytes is over the limit of {max_bytes}")
        raw = path.read_bytes()
    except PermissionError:
        raise InputError(path, line, "unreadable", "the file cannot be read (permission denied)") from None
    except OSError as e:
        raise InputError(path, line, "unreadable", f"the file cannot be read ({e.strerror})") from None
    source_sha = hashlib.sha256(raw).hexdigest()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise InputError(path, line, "encoding", f"not valid UTF-8 at byte {e.start}") from None
    bom = text.startswith(BOM)
    if bom:
        text = text[1:]
    if "\x00" in text:
        raise InputError(path, line, "nul-byte", f"NUL character at offset {text.index(chr(0))}")
    if not text.strip():
        raise InputError(path, line, "empty-file", "the article has no text")
    return text, source_sha, bom


@dataclass
class Corpus:
    """The articles of a corpus, and what was accepted but is worth telling the user."""

    articles: list[Article]
    warnings: list[str] = field(default_factory=list)


def read_corpus(corpus: Path, max_article_bytes: int = MAX_ARTICLE_BYTES) -> Corpus:
    """Read and check a whole corpus; raise InputError on the first problem."""
    corpus = Path(corpus)
    if not corpus.is_dir():
        raise InputError(corpus, None, "missing-corpus", "the corpus directory does not exist")
    meta_path = corpus / METADATA_FILE
    seen_files: dict[str, int] = {}
    articles: list[Article] = []
    # The schema constrains `language` by a pattern. Without this check a value like "Arabic"
    # passes ingest and fails only at release validation, as a ReleaseError naming no row.
    language_pattern = re.compile(load_schema()["articles"].field("language").pattern or ".+")
    for line, row in _read_metadata(corpus):
        for col in REQUIRED:
            if not row[col]:
                raise InputError(meta_path, line, "missing-value", f"column {col!r} is empty")
        if not language_pattern.fullmatch(row["language"]):
            raise InputError(
                meta_path,
                line,
                "invalid-language",
                f"language {row['language']!r} does not match {language_pattern.pattern} (an ISO 639 code)",
            )
        name = row["file"]
        if name in seen_files:
            raise InputError(
                meta_path,
                line,
                "duplicate-file",
                f"file {name!r} is already listed on row {seen_files[name]}",
            )
        seen_files[name] = line
        published = _parse_date(meta_path, line, row["published_date"])
        path = _resolve_article_path(corpus, meta_path, line, name)
        text, source_sha, bom = _read_text(path, line, max_article_bytes)
        articles.append(
            Article(
                article_id=article_id_for(text),
                source_file=name,
                text=text,
                published_date=published,
                outlet=row["outlet"] or None,
                outlet_ar=row["outlet_ar"] or None,
                url=row["url"] or None,
                published_date_basis=row["published_date_basis"] or None,
                language=row["language"],
                title=None,
                sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
                source_sha256=source_sha,
                bom_stripped=bom,
            )
        )
    result = Corpus(*_drop_duplicate_content(articles))
    listed = set(seen_files)
    # Listing articles/ only serves a warning; a directory that can be searched but not listed
    # (mode 0o111) must not turn a good corpus into a traceback.
    try:
        entries = sorted((corpus / ARTICLES_DIR).iterdir())
    except OSError as e:
        entries = []
        result.warnings.append(
            f"{corpus / ARTICLES_DIR}: [unlisted-file] cannot list it to look for unlisted files "
            f"({e.strerror})"
        )
    for path in entries:
        if path.name not in listed and not path.name.startswith("."):
            result.warnings.append(f"{path}: [unlisted-file] not named in {METADATA_FILE}; ignored")
    return result


def _drop_duplicate_content(articles: list[Article]) -> tuple[list[Article], list[str]]:
    """Keep one article per distinct text (the first listed); say which copies were dropped."""
    by_id: dict[str, str] = {}
    kept, warnings = [], []
    for a in articles:
        if a.article_id in by_id:
            warnings.append(
                f"{a.source_file}: [duplicate-content] same text as {by_id[a.article_id]}; "
                f"kept once as article_id {a.article_id}"
            )
            continue
        by_id[a.article_id] = a.source_file
        kept.append(a)
    return kept, warnings
