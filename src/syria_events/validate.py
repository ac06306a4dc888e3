"""Validate a release: frictionless, pandera, then checks across tables.

Every failure is collected into one Report (table, column, rule, how many rows, examples)
instead of stopping at the first, for a person (`text()`) and for a machine (`as_dict()`).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from syria_events.release import DESCRIPTOR, file_digest
from syria_events.schema import TABLES, Schema, load_schema, pandera_schema, table_schema

MAX_EXAMPLES = 3
# frictionless builds every row in Python through pandas (about 1 ms a row), so on a large
# release it checks the first rows of each resource only; pandera and the integrity stage
# check every row against the same rules (types, required, enums, patterns, keys).
FRICTIONLESS_ROW_LIMIT = 1_000

# ACLED's pairs of event_type and sub_event_type.
ACLED_TAXONOMY: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}


@dataclass
class Problem:
    stage: str
    table: str | None
    column: str | None
    rule: str
    count: int = 1
    examples: list[str] = field(default_factory=list)

    def line(self) -> str:
        where = ".".join(x for x in (self.table, self.column) if x) or "package"
        ex = "; ".join(self.examples[:MAX_EXAMPLES])
        return f"[{self.stage}] {where}: {self.rule} ({self.count} row{'s' if self.count != 1 else ''})" + (
            f" e.g. {ex}" if ex else ""
        )


@dataclass
class Report:
    path: str
    rows: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    stages: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def add(self, stage: str, table: str | None, column: str | None, rule: str, examples=(), count=None):
        examples = [str(e) for e in examples]
        self.problems.append(
            Problem(
                stage,
                table,
                column,
                rule,
                count if count is not None else max(1, len(examples)),
                examples[:MAX_EXAMPLES],
            )
        )

    def text(self) -> str:
        head = f"{self.path}: " + ("valid" if self.ok else f"INVALID, {len(self.problems)} problem(s)")
        counts = ", ".join(f"{t} {n}" for t, n in self.rows.items())
        lines = [head, f"checked: {', '.join(self.stages)}", f"rows: {counts}"] if counts else [head]
        lines += ["  " + p.line() for p in self.problems]
        return "\n".join(lines)

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "valid": self.ok,
            "stages": self.stages,
            "rows": self.rows,
            "problems": [asdict(p) for p in self.problems],
        }


# --- stage 0: the descriptor and the files it names ---------------------------------------


def _load_descriptor(root: Path, report: Report) -> dict[str, Any] | None:
    path = root / DESCRIPTOR
    if not path.is_file():
        report.add("descriptor", None, None, f"no {DESCRIPTOR} in {root}")
        return None
    try:
        descriptor = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        report.add("descriptor", None, None, f"{DESCRIPTOR} is not valid JSON: {e}")
        return None
    names = [r.get("name") for r in descriptor.get("resources", [])]
    for missing in [t for t in TABLES if t not in names]:
        report.add("descriptor", missing, None, "resource missing from the descriptor")
    return descriptor


def _check_files(root: Path, descriptor: dict[str, Any], schema: Schema, report: Report) -> dict[str, Path]:
    """Size and sha256 of each file against the descriptor; the schema against ours."""
    files = {}
    for res in descriptor.get("resources", []):
        name, rel = res.get("name"), res.get("path")
        path = root / rel if isinstance(rel, str) else None
        if path is None or not path.is_file():
            report.add("integrity", name, None, f"file {rel!r} named in the descriptor does not exist")
            continue
        size, sha = file_digest(path)
        want_size = res.get("syria_events:bytes")
        if want_size != size:
            report.add(
                "integrity",
                name,
                None,
                "file size differs from the descriptor",
                [f"descriptor {want_size}, file {size}"],
            )
        want_hash = str(res.get("hash", ""))
        if want_hash != f"sha256:{sha}":
            report.add(
                "integrity",
                name,
                None,
                "sha256 differs from the descriptor",
                [f"descriptor {want_hash or 'none'}, file sha256:{sha}"],
            )
        if name in schema.tables and res.get("schema") != table_schema(schema[name]):
            report.add("descriptor", name, None, f"the resource's schema is not schema {schema.version}")
        files[name] = path
    return files


# --- stage 1: frictionless ----------------------------------------------------------------


def _fk_pairs(res: dict[str, Any]) -> list[tuple[str | None, list[str], list[str]]]:
    """(target resource, or None for the resource itself; fields; reference fields) per foreign key."""
    out = []
    schema = res.get("schema")
    for fk in schema.get("foreignKeys", []) if isinstance(schema, dict) else []:
        ref = fk.get("reference") or {}
        fields, ref_fields = fk.get("fields"), ref.get("fields")
        fields = [fields] if isinstance(fields, str) else list(fields or [])
        ref_fields = [ref_fields] if isinstance(ref_fields, str) else list(ref_fields or [])
        target = ref.get("resource") or None
        out.append((None if target == res.get("name") else target, fields, ref_fields))
    return out


def _referenced_rows(
    source: pl.DataFrame, target: pl.DataFrame, pairs: list[tuple[list[str], list[str]]]
) -> pl.Series | None:
    """Row numbers (0-based) of `target` whose key some row of `source` refers to, or None
    when a column is missing (then the whole target is used)."""
    found = pl.Series("index", [], dtype=pl.UInt32)
    indexed = target.with_row_index("index")
    for fields, ref_fields in pairs:
        if len(fields) != len(ref_fields) or not fields:
            return None
        if not (set(fields) <= set(source.columns) and set(ref_fields) <= set(target.columns)):
            return None
        keys = source.select(pl.col(f).alias(r) for f, r in zip(fields, ref_fields, strict=True)).unique()
        try:
            hit = indexed.join(keys, on=ref_fields, how="semi")
        except pl.exceptions.PolarsError:  # key columns of different types: let frictionless say
            return None
        found = pl.concat([found, hit.get_column("index")])
    return found.unique().sort()


class _Sampler:
    """Bounded stand-ins for the release's Parquet files, for the frictionless stage.

    frictionless reads a resource through pandas and builds every row in Python (about 1.5 ms
    per events row), and for each foreign key it reads the *whole* target resource into a
    lookup (statements → events: every event). So each resource is validated in a package of
    its own that holds its first `limit` rows (as in the file) and, for every foreign key,
    only the target rows that those rows refer to, plus, for a key into the resource itself,
    the rows they refer to after the first `limit`, which frictionless reads into its lookup but
    not as rows to check. frictionless then reports exactly what it would report on the real
    files with `limit_rows=limit`, at a cost bounded by `limit`. A table with at most `limit`
    rows, or one that cannot be read, is given to frictionless as it is.
    """

    def __init__(self, root: Path, frames: dict[str, pl.DataFrame], limit: int, tmp: Path) -> None:
        self.root, self.frames, self.limit, self.tmp = root, frames, limit, tmp
        self._arrow: dict[str, Any] = {}
        self._count = 0

    def _rows(self, name: str, rel: str, rows: pl.Series) -> Any:
        """The Arrow table of those rows of the file, with the file's own Arrow schema."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        n = rows.len()
        if name not in self._arrow and (n == 0 or rows[-1] == n - 1):
            # A prefix (rows are sorted and distinct): read only the first row groups.
            batches, got = [], 0
            with pq.ParquetFile(self.root / rel, memory_map=True) as pf:
                for batch in pf.iter_batches(batch_size=max(n, 1)):
                    if got >= n:
                        break
                    batches.append(batch)
                    got += batch.num_rows
                table = pa.Table.from_batches(batches, schema=pf.schema_arrow)
            return table.slice(0, n)
        if name not in self._arrow:
            self._arrow[name] = pq.read_table(self.root / rel, memory_map=True)
        return self._arrow[name].take(pa.array(rows.to_list(), type=pa.uint64()))

    def resource(self, res: dict[str, Any], rows: pl.Series | None, strip_keys: bool) -> dict[str, Any]:
        """A copy of the resource's descriptor pointing at a file of only `rows` (None: all)."""
        out = json.loads(json.dumps(res))
        if strip_keys and isinstance(out.get("schema"), dict):
            out["schema"].pop("foreignKeys", None)  # a lookup target: frictionless drops them too
        if rows is None:
            return out
        import pyarrow.parquet as pq

        table = self._rows(res["name"], res["path"], rows)
        self._count += 1
        path = self.tmp / f"{self._count}-{res['name']}.parquet"
        pq.write_table(table, path)
        out["path"] = str(path)
        for key in ("hash", "bytes", "syria_events:bytes"):  # checked on the real file
            out.pop(key, None)
        return out

    def package(self, descriptor: dict[str, Any], res: dict[str, Any]) -> dict[str, Any]:
        """A package for validating `res` alone: it and the rows its foreign keys reach."""
        by_name = {r.get("name"): r for r in descriptor.get("resources", []) if isinstance(r, dict)}
        name = res.get("name")
        frame = self.frames.get(name) if isinstance(name, str) else None
        rel = res.get("path")
        if frame is None or not isinstance(rel, str) or frame.height <= self.limit:
            frame = None  # small or unreadable: the file as it is
        head = frame.head(self.limit) if frame is not None else None
        targets: dict[str | None, list[tuple[list[str], list[str]]]] = {}
        for target, fields, ref_fields in _fk_pairs(res):
            targets.setdefault(target, []).append((fields, ref_fields))
        own_rows = None
        if head is not None and frame is not None:
            own_rows = pl.int_range(0, self.limit, eager=True, dtype=pl.UInt32).alias("index")
            if None in targets:
                extra = _referenced_rows(head, frame, targets[None])
                own_rows = None if extra is None else pl.concat([own_rows, extra.filter(extra >= self.limit)])
        resources = [self.resource(res, own_rows, strip_keys=False)]
        for target in targets:
            t_res = by_name.get(target)
            if target is None or t_res is None:
                continue  # itself, or missing: frictionless reports it
            t_frame = self.frames.get(target)
            rows = None
            if t_frame is not None and t_frame.height > self.limit and isinstance(t_res.get("path"), str):
                source = head if head is not None else self.frames.get(str(name))
                if source is not None:
                    rows = _referenced_rows(source, t_frame, targets[target])
            resources.append(self.resource(t_res, rows, strip_keys=True))
        return {**{k: v for k, v in descriptor.items() if k != "resources"}, "resources": resources}


def _frictionless(
    root: Path, report: Report, limit_rows: int | None, frames: dict[str, pl.DataFrame] | None = None
) -> None:
    import tempfile

    import frictionless

    tasks: list[Any] = []
    package_errors: list[Any] = []
    try:
        with frictionless.system.use_context(trusted=True):
            package = frictionless.Package(str(root / DESCRIPTOR))
            if not limit_rows or frames is None:
                result = package.validate(limit_rows=limit_rows or None)
                tasks, package_errors = list(result.tasks), list(result.errors)
            else:
                try:
                    package.to_descriptor(validate=True)
                except frictionless.FrictionlessException as exc:
                    package_errors = list(exc.to_errors())
                descriptor = json.loads((root / DESCRIPTOR).read_text(encoding="utf-8"))
                resources = [r for r in descriptor.get("resources", []) if isinstance(r, dict)]
                with tempfile.TemporaryDirectory(prefix="syria-events-frictionless-") as tmp:
                    sampler = _Sampler(root, frames, limit_rows, Path(tmp))
                    for res in [] if package_errors else resources:
                        one = frictionless.Package(sampler.package(descriptor, res), basepath=str(root))
                        result = one.validate(name=res.get("name"), limit_rows=limit_rows)
                        tasks += result.tasks
                        package_errors += result.errors
    except Exception as e:  # frictionless raises on unreadable files; report, do not crash
        report.add("frictionless", None, None, f"frictionless could not validate the package: {e}")
        return
    for task in tasks:
        grouped: dict[tuple[str | None, str], list[str]] = {}
        for err in task.errors:
            column = getattr(err, "field_name", None)
            row = getattr(err, "row_number", None)
            key = (column, err.type)
            grouped.setdefault(key, []).append(f"row {row}: {err.note}" if row else err.note)
        for (column, rule), examples in grouped.items():
            report.add("frictionless", task.name, column, rule, examples, count=len(examples))
    for err in package_errors:
        report.add("frictionless", None, None, err.type, [err.note])


# --- stage 2: pandera ---------------------------------------------------------------------


def _read_tables(files: dict[str, Path], report: Report) -> dict[str, pl.DataFrame]:
    frames = {}
    for name, path in files.items():
        try:
            frames[name] = pl.read_parquet(path)
        except Exception as e:
            report.add("pandera", name, None, f"the Parquet file cannot be read: {e}")
    return frames


def _pandera(frames: dict[str, pl.DataFrame], schema: Schema, report: Report) -> None:
    import pandera.errors

    for name, df in frames.items():
        if name not in schema.tables:
            continue
        try:
            # Eager on a materialised frame: on a LazyFrame pandera checks only the schema.
            pandera_schema(schema[name]).validate(df, lazy=True)
        except pandera.errors.SchemaErrors as exc:
            _report_pandera_failures(name, exc, report)
        except pandera.errors.SchemaError as exc:
            report.add("pandera", name, None, str(exc).splitlines()[0])


def _report_pandera_failures(name: str, exc: Any, report: Report) -> None:
    cases = exc.failure_cases
    if not isinstance(cases, pl.DataFrame):
        cases = pl.from_pandas(cases)
    cases = cases.with_columns(pl.col(c).cast(pl.String) for c in cases.columns)
    for (column, check), group in cases.group_by(["column", "check"], maintain_order=True):
        examples = [
            f"row {r['index']}: {r['failure_case']!r}"
            if r.get("index") not in (None, "None")
            else str(r["failure_case"])
            for r in group.head(MAX_EXAMPLES).to_dicts()
        ]
        report.add("pandera", name, column, str(check), examples, count=group.height)


# --- stage 3: across tables ---------------------------------------------------------------


def _check_primary_keys(frames: dict[str, pl.DataFrame], schema: Schema, report: Report) -> None:
    for name, df in frames.items():
        table = schema.tables.get(name)
        if table is None or not all(c in df.columns for c in table.primary_key):
            continue
        keys = df.select(table.primary_key)
        repeated = keys.filter(keys.is_duplicated())
        if repeated.height:
            # Each repeated key once, in order of first appearance, with how often it occurs.
            dup = repeated.group_by(list(table.primary_key), maintain_order=True).len()
            report.add(
                "integrity",
                name,
                ",".join(table.primary_key),
                "primary key not unique",
                dup.head(MAX_EXAMPLES).rows(),
                count=dup.height,
            )


def _fk_problem(report: Report, table: str, column: str, target: str, missing: pl.Series) -> None:
    if missing.len():
        report.add(
            "integrity",
            table,
            column,
            f"foreign key does not resolve in {target}",
            missing.head(MAX_EXAMPLES).to_list(),
            count=missing.len(),
        )


def _check_foreign_keys(frames: dict[str, pl.DataFrame], schema: Schema, report: Report) -> None:
    for table in schema.tables.values():
        df = frames.get(table.name)
        if df is None:
            continue
        for fk in table.foreign_keys:
            target = frames.get(fk.resource)
            col, ref = fk.fields[0], fk.reference[0]
            if target is None or col not in df.columns or ref not in target.columns:
                continue
            values = df.get_column(col).drop_nulls()
            _fk_problem(
                report,
                table.name,
                col,
                f"{fk.resource}.{ref}",
                values.filter(~values.is_in(target.get_column(ref).implode())),
            )
    # mentions.entity_id points into places or actors, by entity_type.
    mentions = frames.get("mentions")
    if mentions is not None and {"entity_type", "entity_id"} <= set(mentions.columns):
        for kind, target, key in (("place", "places", "place_id"), ("actor", "actors", "actor_id")):
            if target in frames and key in frames[target].columns:
                ids = mentions.filter(pl.col("entity_type") == kind).get_column("entity_id")
                _fk_problem(
                    report,
                    "mentions",
                    "entity_id",
                    f"{target}.{key}",
                    ids.filter(~ids.is_in(frames[target].get_column(key).implode())),
                )


def _check_spans(frames: dict[str, pl.DataFrame], schema: Schema, report: Report) -> None:
    """Every span's text equals the article's text[start:end], in code points (as in Python).

    Vectorised: the rows are joined to their article's text, which polars slices by code point
    (`str.slice`, `str.len_chars`), like Python's str; only the examples are formatted in Python.
    """
    articles = frames.get("articles")
    if articles is None or not {"article_id", "text"} <= set(articles.columns):
        return
    # One text per article_id (a duplicated id is the primary-key check's to report; like a
    # dict built from the rows, the last one wins).
    texts = articles.select("article_id", pl.col("text").alias("__text")).unique(
        subset="article_id", keep="last", maintain_order=True
    )
    for table in schema.tables.values():
        df = frames.get(table.name)
        for span in table.spans:
            cols = {"article_id", span.text, span.start, span.end}
            if df is None or not cols <= set(df.columns):
                continue
            s, e = pl.col(span.start), pl.col(span.end)
            rows = (
                df.select("article_id", span.text, span.start, span.end)
                .join(texts, on="article_id", how="left", nulls_equal=True, maintain_order="left")
                # A dangling article_id is reported by the foreign-key check.
                .filter(pl.col("__text").is_not_null() & s.is_not_null() & e.is_not_null())
                .with_columns(pl.col("__text").str.len_chars().alias("__len"))
            )
            in_range = (s >= 0) & (s < e) & (e <= pl.col("__len"))
            piece = pl.col("__text").str.slice(s.clip(lower_bound=0), (e - s).clip(lower_bound=0))
            bad_rows = rows.filter(~in_range | (piece != pl.col(span.text)).fill_null(True))
            if bad_rows.height:
                bad = []
                for r in bad_rows.head(MAX_EXAMPLES).iter_rows(named=True):
                    text, a, b = r["__text"], r[span.start], r[span.end]
                    got = text[a:b] if 0 <= a <= b <= len(text) else "<out of range>"
                    bad.append(f"{r['article_id']}[{a}:{b}] is {got!r}, stored {r[span.text]!r}")
                report.add(
                    "integrity",
                    table.name,
                    span.text,
                    f"{span.text} does not equal text[{span.start}:{span.end}]",
                    bad,
                    count=bad_rows.height,
                )


def _check_events(frames: dict[str, pl.DataFrame], report: Report) -> None:
    events, articles = frames.get("events"), frames.get("articles")
    if events is None or events.is_empty():
        return
    if {"event_type", "sub_event_type"} <= set(events.columns):
        # Each sub-type belongs to one event type in ACLED.
        parent = {s: t for t, subs in ACLED_TAXONOMY.items() for s in subs}
        expected = pl.col("sub_event_type").replace_strict(parent, default=None, return_dtype=pl.String)
        wrong = events.select("event_type", "sub_event_type").filter(
            (pl.col("event_type") != expected).fill_null(True)
        )
        if wrong.height:
            report.add(
                "integrity",
                "events",
                "sub_event_type",
                "not a sub-type of its event_type in ACLED",
                wrong.head(MAX_EXAMPLES).rows(),
                count=wrong.height,
            )
    needed = {"article_id", "event_date", "planned", "event_id"}
    if articles is not None and needed <= set(events.columns):
        late = events.join(articles.select("article_id", "published_date"), on="article_id").filter(
            (pl.col("event_date") > pl.col("published_date")) & ~pl.col("planned")
        )
        if late.height:
            report.add(
                "integrity",
                "events",
                "event_date",
                "after publication but not marked planned",
                late["event_id"].head(MAX_EXAMPLES).to_list(),
                count=late.height,
            )


def _check_actor_cycles(frames: dict[str, pl.DataFrame], report: Report) -> None:
    actors = frames.get("actors")
    if actors is None or not {"actor_id", "parent_actor_id"} <= set(actors.columns):
        return
    parent = dict(actors.select("actor_id", "parent_actor_id").iter_rows())
    for start in parent:
        seen, node = set(), start
        while node is not None and node in parent:
            if node in seen:
                report.add("integrity", "actors", "parent_actor_id", "parent links form a cycle", [start])
                return
            seen.add(node)
            node = parent[node]


def validate_release(
    root: Path | str, schema: Schema | None = None, frictionless_rows: int | None = FRICTIONLESS_ROW_LIMIT
) -> Report:
    """Validate the release in `root` (a directory holding datapackage.json).

    `frictionless_rows` bounds the rows per resource that frictionless reads (None or 0: all);
    every other stage reads every row.
    """
    root = Path(root)
    if root.is_file():
        root = root.parent
    schema = schema or load_schema()
    report = Report(str(root))
    descriptor = _load_descriptor(root, report)
    if descriptor is None:
        return report
    report.stages.append("descriptor")
    files = _check_files(root, descriptor, schema, report)
    # The tables are read first (the frictionless stage samples them), but a file that cannot
    # be read is reported after frictionless's findings, with the pandera stage.
    unreadable = Report(report.path)
    frames = _read_tables(files, unreadable)
    report.stages.append(
        f"frictionless (first {frictionless_rows} rows per resource)" if frictionless_rows else "frictionless"
    )
    _frictionless(root, report, frictionless_rows, frames)
    report.problems += unreadable.problems
    report.rows = {name: frames[name].height for name in TABLES if name in frames}
    report.stages.append("pandera")
    _pandera(frames, schema, report)
    report.stages.append("integrity")
    _check_primary_keys(frames, schema, report)
    _check_foreign_keys(frames, schema, report)
    _check_spans(frames, schema, report)
    _check_events(frames, report)
    _check_actor_cycles(frames, report)
    return report
