"""The release schema, read once from schema/schema.yaml and turned into everything else.

Frictionless Table Schemas, pandera models (polars backend), polars dtypes and the codebook
are all derived here, so they can never disagree with each other.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import polars as pl
import yaml

from syria_events.paths import schema_dir

TABLES = ("articles", "places", "actors", "mentions", "events", "statements")

_POLARS_TYPES: dict[str, pl.DataType] = {
    "string": pl.String(),
    "integer": pl.Int64(),
    "number": pl.Float64(),
    "boolean": pl.Boolean(),
    "date": pl.Date(),
    "list": pl.List(pl.String()),
}
# frictionless reads Parquet through pandas, which turns a list cell into a numpy array that
# neither its "array" nor its "list" type accepts; a list column is therefore "any" there, and
# its item type (string) is enforced by the pandera model and the Parquet schema.
_FRICTIONLESS_TYPES = {
    "string": "string",
    "integer": "integer",
    "number": "number",
    "boolean": "boolean",
    "date": "date",
    "list": "any",
}


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    required: bool = False
    description: str = ""
    enum: tuple[Any, ...] | None = None
    pattern: str | None = None
    minimum: float | None = None
    maximum: float | None = None

    @property
    def polars_dtype(self) -> pl.DataType:
        return _POLARS_TYPES[self.type]


@dataclass(frozen=True)
class ForeignKey:
    fields: tuple[str, ...]
    resource: str
    reference: tuple[str, ...]


@dataclass(frozen=True)
class Span:
    text: str
    start: str
    end: str


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()
    spans: tuple[Span, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def columns(self) -> list[str]:
        return [f.name for f in self.fields]

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    @property
    def polars_schema(self) -> dict[str, pl.DataType]:
        return {f.name: f.polars_dtype for f in self.fields}

    def empty_frame(self) -> pl.DataFrame:
        return pl.DataFrame(schema=self.polars_schema)


@dataclass(frozen=True)
class Schema:
    version: str
    tables: dict[str, Table]

    def __getitem__(self, name: str) -> Table:
        return self.tables[name]


def _parse_table(name: str, raw: dict[str, Any]) -> Table:
    fields = tuple(
        Field(
            name=f["name"],
            type=f["type"],
            required=bool(f.get("required", False)),
            description=f.get("description", ""),
            enum=tuple(f["enum"]) if "enum" in f else None,
            pattern=f.get("pattern"),
            minimum=f.get("minimum"),
            maximum=f.get("maximum"),
        )
        for f in raw["fields"]
    )
    for f in fields:
        if f.type not in _POLARS_TYPES:
            raise ValueError(f"schema.yaml: {name}.{f.name}: unknown type {f.type!r}")
    fks = tuple(
        ForeignKey(tuple(k["fields"]), k["resource"], tuple(k["reference"]))
        for k in raw.get("foreign_keys", [])
    )
    spans = tuple(Span(s["text"], s["start"], s["end"]) for s in raw.get("spans", []))
    return Table(name, raw["description"], fields, tuple(raw["primary_key"]), fks, spans)


@cache
def load_schema(path: Path | None = None) -> Schema:
    """Read schema.yaml (the project's copy unless a path is given)."""
    path = path or schema_dir() / "schema.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    tables = {name: _parse_table(name, t) for name, t in raw["tables"].items()}
    if tuple(tables) != TABLES:
        raise ValueError(f"schema.yaml must define the tables {TABLES}, in that order")
    return Schema(str(raw["version"]), tables)


# --- Frictionless ------------------------------------------------------------------------


def table_schema(table: Table) -> dict[str, Any]:
    """The Frictionless Table Schema (v2) of one table."""
    fields = []
    for f in table.fields:
        d: dict[str, Any] = {"name": f.name, "type": _FRICTIONLESS_TYPES[f.type]}
        if f.description:
            d["description"] = f.description
        if f.type in ("integer", "number") and not f.required:
            # frictionless reads Parquet through pandas, where a null integer or number becomes
            # float NaN; it treats a cell as missing when str(cell) is listed here.
            d["missingValues"] = ["", "nan"]
        constraints: dict[str, Any] = {}
        if f.required:
            constraints["required"] = True
        if f.enum is not None:
            constraints["enum"] = list(f.enum)
        if f.pattern is not None:
            constraints["pattern"] = f.pattern
        if f.minimum is not None:
            constraints["minimum"] = f.minimum
        if f.maximum is not None:
            constraints["maximum"] = f.maximum
        if constraints:
            d["constraints"] = constraints
        fields.append(d)
    out: dict[str, Any] = {
        "$schema": "https://datapackage.org/profiles/2.0/tableschema.json",
        "fields": fields,
        "primaryKey": list(table.primary_key),
    }
    if table.foreign_keys:
        out["foreignKeys"] = [
            {
                "fields": list(k.fields),
                # A self-reference is written without a resource, as the spec asks.
                "reference": (
                    {"fields": list(k.reference)}
                    if k.resource == table.name
                    else {"resource": k.resource, "fields": list(k.reference)}
                ),
            }
            for k in table.foreign_keys
        ]
    return out


# --- pandera -----------------------------------------------------------------------------


def pandera_schema(table: Table):  # -> pandera.polars.DataFrameSchema
    """The pandera model (polars backend) of one table."""
    import pandera.polars as pa

    columns = {}
    for f in table.fields:
        checks = []
        if f.enum is not None:
            checks.append(pa.Check.isin(list(f.enum)))
        if f.pattern is not None:
            checks.append(pa.Check.str_matches(f.pattern))
        if f.minimum is not None:
            checks.append(pa.Check.ge(f.minimum))
        if f.maximum is not None:
            checks.append(pa.Check.le(f.maximum))
        columns[f.name] = pa.Column(
            f.polars_dtype,
            checks=checks,
            nullable=not f.required,
            unique=(table.primary_key == (f.name,)),
            required=True,
            description=f.description or None,
        )
    return pa.DataFrameSchema(columns, strict=True, ordered=True, name=table.name)


# --- generated files ---------------------------------------------------------------------


def codebook_markdown(schema: Schema) -> str:
    """A human-readable codebook of every table and column."""
    lines = [
        "# Codebook",
        "",
        f"Schema version {schema.version}. Generated from `schema/schema.yaml` by "
        "`syria-events schema --write`; do not edit by hand.",
        "",
    ]
    for t in schema.tables.values():
        lines += [f"## {t.name}", "", t.description, "", f"Primary key: `{', '.join(t.primary_key)}`", ""]
        for k in t.foreign_keys:
            lines.append(f"Foreign key: `{', '.join(k.fields)}` → `{k.resource}.{', '.join(k.reference)}`")
        for s in t.spans:
            lines.append(f"Evidence: `{s.text}` equals `articles.text[{s.start}:{s.end}]`")
        lines += ["", "| column | type | required | rule | description |", "|---|---|---|---|---|"]
        for f in t.fields:
            rule = []
            if f.enum is not None:
                rule.append("one of " + ", ".join(f"`{v}`" for v in f.enum))
            if f.pattern:
                rule.append(f"matches `{f.pattern}`")
            if f.minimum is not None:
                rule.append(f"≥ {f.minimum}")
            if f.maximum is not None:
                rule.append(f"≤ {f.maximum}")
            desc = f.description.replace("|", "\\|")
            rule_s = "; ".join(rule).replace("|", "\\|")
            lines.append(f"| `{f.name}` | {f.type} | {'yes' if f.required else ''} | {rule_s} | {desc} |")
        lines.append("")
    return "\n".join(lines)


def generated_files(schema: Schema) -> dict[str, str]:
    """Relative path (inside schema/) → content, for every file derived from schema.yaml."""
    files = {
        f"tableschemas/{t.name}.json": json.dumps(table_schema(t), ensure_ascii=False, indent=2) + "\n"
        for t in schema.tables.values()
    }
    files["CODEBOOK.md"] = codebook_markdown(schema)
    return files


def write_generated(schema: Schema, root: Path | None = None) -> list[Path]:
    root = root or schema_dir()
    written = []
    for rel, content in generated_files(schema).items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(content, encoding="utf-8")
        written.append(p)
    return written
