"""The README's loading examples run against a fresh build and print real rows."""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import sys
from pathlib import Path

import pytest

from conftest import REPO

BLOCKS = re.findall(r"```python\n(.*?)```", (REPO / "README.md").read_text(encoding="utf-8"), re.S)


def test_the_readme_has_polars_pandas_and_duckdb_examples() -> None:
    joined = "\n".join(BLOCKS)
    for needle in ("syria_events.load(", "pd.read_parquet(", "duckdb.sql("):
        assert needle in joined


@pytest.mark.parametrize("block", BLOCKS, ids=[f"block{i}" for i in range(len(BLOCKS))])
def test_readme_snippet_runs_against_a_fresh_build(
    block: str, release: Path, tmp_path: Path, monkeypatch
) -> None:
    # Lay the fresh release out as in the repository (build/ beside datapackage.json).
    shutil.copytree(release, tmp_path / "build")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys.modules["syria_events.load"], "default_release", lambda: tmp_path / "build")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(block, "README.md", "exec"), {})
    assert out.getvalue().strip(), "the snippet printed nothing"
    assert os.getcwd() == str(tmp_path)
