"""Where the project's own files live (corpus, schema, default release)."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
# The repository root when running from a checkout (editable install).
PROJECT_ROOT = PACKAGE_DIR.parent.parent


def schema_dir() -> Path:
    return PROJECT_ROOT / "schema"


def default_corpus() -> Path:
    return PROJECT_ROOT / "corpus"


def default_release() -> Path:
    return PROJECT_ROOT / "build"


def data_dir() -> Path:
    """Reference data shipped with the package (gazetteer, codebook, lexicons)."""
    return PACKAGE_DIR / "data"
