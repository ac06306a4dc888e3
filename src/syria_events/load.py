"""Load a release into polars (pandas and DuckDB read the same Parquet files)."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl

from syria_events.paths import PROJECT_ROOT, default_release
from syria_events.release import DESCRIPTOR
from syria_events.schema import TABLES


def _resolve(release: Path | str | None) -> tuple[Path, dict]:
    """(directory the resource paths are relative to, descriptor)."""
    path = Path(release) if release else default_release()
    descriptor_path = path if path.is_file() else path / DESCRIPTOR
    if not descriptor_path.is_file() and release is None:
        descriptor_path = PROJECT_ROOT / DESCRIPTOR
    if not descriptor_path.is_file():
        raise FileNotFoundError(f"no {DESCRIPTOR} at {path}: build a release first (syria-events build)")
    return descriptor_path.parent, json.loads(descriptor_path.read_text(encoding="utf-8"))


def load(table: str, release: Path | str | None = None) -> pl.DataFrame:
    """One table of a release as a polars DataFrame (default: the project's own release)."""
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}; choose one of {', '.join(TABLES)}")
    root, descriptor = _resolve(release)
    resource = next(r for r in descriptor["resources"] if r["name"] == table)
    return pl.read_parquet(root / resource["path"])


def load_package(release: Path | str | None = None) -> dict[str, pl.DataFrame]:
    """Every table of a release, by name."""
    return {name: load(name, release) for name in TABLES}
