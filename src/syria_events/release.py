"""Release: write the tables as Parquet plus a Data Package (v2) descriptor, atomically.

The release is written into a temporary sibling directory, validated there, and only then
swapped in for the old one; a failure at any step leaves the previous release untouched.
"""

from __future__ import annotations

import ctypes
import errno
import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import polars as pl
import pyarrow.parquet as pq
import yaml

from syria_events.errors import ReleaseError
from syria_events.model import Article
from syria_events.paths import PROJECT_ROOT, schema_dir
from syria_events.schema import Schema, load_schema, table_schema

DESCRIPTOR = "datapackage.json"
PARQUET_MEDIATYPE = "application/vnd.apache.parquet"
# Fixed writer options: the same table always gives the same bytes.
PARQUET_OPTIONS: dict[str, Any] = {
    "compression": "zstd",
    "compression_level": 3,
    "use_dictionary": True,
    "write_statistics": True,
    "data_page_version": "1.0",
    "row_group_size": 128 * 1024,
}


def write_parquet(df: pl.DataFrame, path: Path) -> None:
    pq.write_table(df.to_arrow(), path, **PARQUET_OPTIONS)


def file_digest(path: Path) -> tuple[int, str]:
    """(size in bytes, sha256 hex) of a file, read in chunks."""
    h = hashlib.sha256()
    size = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
            size += len(chunk)
    return size, h.hexdigest()


def package_metadata() -> dict[str, Any]:
    return yaml.safe_load((schema_dir() / "package.yaml").read_text(encoding="utf-8"))


def _sources(articles: list[Article]) -> list[dict[str, str]]:
    outlets = sorted({(a.outlet or "", a.outlet_ar or "") for a in articles})
    out = []
    for en, ar in outlets:
        title = f"{en} ({ar})" if en and ar else (en or ar or "Unnamed outlet")
        out.append({"title": title})
    return out


def build_descriptor(
    files: dict[str, Path], articles: list[Article], schema: Schema, prefix: str = ""
) -> dict[str, Any]:
    """The Data Package v2 descriptor; resource paths are `prefix` + file name."""
    meta = package_metadata()
    descriptor: dict[str, Any] = {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": meta["name"],
        "title": meta["title"],
        "version": meta["version"],
        "description": meta["description"].strip(),
        "created": meta["created"],
        "keywords": meta["keywords"],
        "licenses": meta["licenses"],
        "sources": _sources(articles),
        "contributors": meta["contributors"],
        "schema_version": schema.version,
        "resources": [],
    }
    for name, path in files.items():
        size, sha = file_digest(path)
        descriptor["resources"].append(
            {
                "name": name,
                "path": prefix + path.name,
                "type": "table",
                "format": "parquet",
                "mediatype": PARQUET_MEDIATYPE,
                "description": schema[name].description,
                # frictionless 5.21 cannot count the bytes of a Parquet resource and reports a
                # declared `bytes` as an error, so the size lives under our own property and
                # `syria-events validate` checks it together with the hash.
                "syria_events:bytes": size,
                "hash": f"sha256:{sha}",
                "schema": table_schema(schema[name]),
            }
        )
    return descriptor


def write_json(path: Path, data: dict[str, Any]) -> None:
    """Write JSON atomically (temporary file + rename) with a stable layout."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def _check_writable(out: Path) -> None:
    parent = out.resolve().parent
    if not parent.is_dir():
        raise ReleaseError(f"{out}: [output-dir] the parent directory {parent} does not exist")
    if out.exists() and not out.is_dir():
        raise ReleaseError(f"{out}: [output-dir] exists and is not a directory")
    if not os.access(parent, os.W_OK) or (out.exists() and not os.access(out, os.W_OK)):
        raise ReleaseError(f"{out}: [output-dir] the output directory is not writable")


def recover_interrupted(out: Path) -> None:
    """Finish or undo a swap that a crash interrupted, so that `out` holds a whole release."""
    old = out.with_name(f".{out.name}.old")
    if old.exists():
        if out.exists():
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(old, out)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two directories (Linux renameat2 RENAME_EXCHANGE); False if unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def _swap_in(tmp: Path, out: Path) -> None:
    """Put the release in `tmp` at `out`; at every instant `out` holds a whole release."""
    if not out.exists():
        os.replace(tmp, out)
        return
    if _exchange(tmp, out):
        shutil.rmtree(tmp, ignore_errors=True)  # tmp now holds the previous release
        return
    # Without an atomic exchange: two renames, undone by recover_interrupted after a crash.
    old = out.with_name(f".{out.name}.old")
    os.replace(out, old)
    os.replace(tmp, out)
    shutil.rmtree(old, ignore_errors=True)


def remove_stale_temporaries(out: Path) -> None:
    """Delete what a build killed mid-way left next to `out` (never the release itself)."""
    for stale in out.resolve().parent.glob(f".{out.name}.tmp-*"):
        shutil.rmtree(stale, ignore_errors=True)


def publish(
    tables: dict[str, pl.DataFrame],
    out: Path,
    articles: list[Article],
    *,
    root_descriptor: bool = False,
    schema: Schema | None = None,
) -> Path:
    """Write, validate and swap in a release; return the path of its descriptor."""
    from syria_events.validate import validate_release

    schema = schema or load_schema()
    out = Path(out)
    _check_writable(out)
    recover_interrupted(out)
    remove_stale_temporaries(out)
    try:
        tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.resolve().parent))
    except OSError as e:
        raise ReleaseError(
            f"{out}: [output-dir] cannot write next to the output directory ({e.strerror})"
        ) from None
    try:
        files = {}
        for name, df in tables.items():
            files[name] = tmp / f"{name}.parquet"
            write_parquet(df, files[name])
        write_json(tmp / DESCRIPTOR, build_descriptor(files, articles, schema))
        report = validate_release(tmp)
        if not report.ok:
            raise ReleaseError("the new release failed validation; nothing was replaced\n" + report.text())
        os.chmod(tmp, 0o755)  # mkdtemp makes it private; a release is for everyone to read
        _swap_in(tmp, out)
    except OSError as e:
        shutil.rmtree(tmp, ignore_errors=True)
        raise ReleaseError(f"{out}: [output-dir] writing the release failed ({e})") from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if root_descriptor:
        # The committed default release keeps a descriptor at the repository root too,
        # identical but for resource paths relative to the root.
        prefix = os.path.relpath(out.resolve(), PROJECT_ROOT) + "/"
        descriptor = json.loads((out / DESCRIPTOR).read_text(encoding="utf-8"))
        for resource in descriptor["resources"]:
            resource["path"] = prefix + resource["path"]
        write_json(PROJECT_ROOT / DESCRIPTOR, descriptor)
    return out / DESCRIPTOR
