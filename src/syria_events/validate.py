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
FRICTIONLESS_ROW_LIMIT = 5_000

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


def _frictionless(root: Path, report: Report, limit_rows: int | None) -> None:
    import frictionless

    try:
        with frictionless.system.use_context(trusted=True):
            result = frictionless.Package(str(root / DESCRIPTOR)).validate(limit_rows=limit_rows or None)
    except Exception as e:  # frictionless raises on unreadable files; report, do not crash
        report.add("frictionless", None, None, f"frictionless could not validate the package: {e}")
        return
    for task in result.tasks:
        grouped: dict[tuple[str | None, str], list[str]] = {}
        for err in task.errors:
            column = getattr(err, "field_name", None)
            row = getattr(err, "row_number", None)
            key = (column, err.type)
            grouped.setdefault(key, []).append(f"row {row}: {err.note}" if row else err.note)
        for (column, rule), examples in grouped.items():
            report.add("frictionless", task.name, column, rule, examples, count=len(examples))
    for err in result.errors:
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
        dup = df.group_by(list(table.primary_key)).len().filter(pl.col("len") > 1)
        if dup.height:
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
    articles = frames.get("articles")
    if articles is None or not {"article_id", "text"} <= set(articles.columns):
        return
    texts = dict(zip(articles["article_id"].to_list(), articles["text"].to_list(), strict=True))
    for table in schema.tables.values():
        df = frames.get(table.name)
        for span in table.spans:
            cols = {"article_id", span.text, span.start, span.end}
            if df is None or not cols <= set(df.columns):
                continue
            bad = []
            for r in df.select(sorted(cols)).iter_rows(named=True):
                text = texts.get(r["article_id"])
                s, e = r[span.start], r[span.end]
                if text is None or s is None or e is None:
                    continue  # a dangling article_id is reported by the foreign-key check
                if not (0 <= s < e <= len(text)) or text[s:e] != r[span.text]:
                    got = text[s:e] if 0 <= s <= e <= len(text) else "<out of range>"
                    bad.append(f"{r['article_id']}[{s}:{e}] is {got!r}, stored {r[span.text]!r}")
            if bad:
                report.add(
                    "integrity",
                    table.name,
                    span.text,
                    f"{span.text} does not equal text[{span.start}:{span.end}]",
                    bad,
                    count=len(bad),
                )


def _check_events(frames: dict[str, pl.DataFrame], report: Report) -> None:
    events, articles = frames.get("events"), frames.get("articles")
    if events is None or events.is_empty():
        return
    pairs = {(t, s) for t, subs in ACLED_TAXONOMY.items() for s in subs}
    if {"event_type", "sub_event_type"} <= set(events.columns):
        wrong = [r for r in events.select("event_type", "sub_event_type").iter_rows() if r not in pairs]
        if wrong:
            report.add(
                "integrity",
                "events",
                "sub_event_type",
                "not a sub-type of its event_type in ACLED",
                wrong,
                count=len(wrong),
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
    report.stages.append(
        f"frictionless (first {frictionless_rows} rows per resource)" if frictionless_rows else "frictionless"
    )
    _frictionless(root, report, frictionless_rows)
    frames = _read_tables(files, report)
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
