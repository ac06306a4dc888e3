"""Shared fixtures: a private copy of the corpus and a release built from it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

from syria_events.paths import PROJECT_ROOT, default_corpus

# In CI the property tests draw the same examples on every run, so a red build is reproducible
# (locally they explore new examples each time).
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


REPO = PROJECT_ROOT


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A writable copy of the project's corpus."""
    dst = tmp_path / "corpus"
    shutil.copytree(default_corpus(), dst)
    return dst


@pytest.fixture(scope="session")
def release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A release built from the project's corpus, shared read-only by the tests."""
    from syria_events import build

    out = tmp_path_factory.mktemp("release") / "build"
    build(out=out, progress=False)
    return out


@pytest.fixture
def release_copy(release: Path, tmp_path: Path) -> Path:
    """A private, writable copy of the built release, for tests that damage it."""
    dst = tmp_path / "release"
    shutil.copytree(release, dst)
    return dst


def snapshot(directory: Path) -> dict[str, bytes]:
    """Every file under a directory and its bytes, to show that nothing changed."""
    return {
        str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()
    }
