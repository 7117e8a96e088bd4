"""The dbt code of an onboarded source, from its alignment.

``models/sources/NAME/`` (enabled only when ``var('source')`` is NAME):

- ``_NAME__sources.yml``: the source (schema ``src_NAME``, loaded by
  ``fashion-retail onboard --load``): each table and column with its
  description, type, ``meta.pii`` and privacy operation from discovery, tests on
  keys and foreign keys, accepted values of closed categories, freshness;
- ``stg_NAME__<table>.sql``: one per source table; each mapped column through
  the onboard_read macro, which follows the column's ``meta.onboard`` in
  ``_NAME__models.yml`` (``read_spec``): a key, date, time, amount, rate or
  phone written in the column's own convention (its shapes) is read with the
  column's hints and written as the generator writes it; any other cell (a
  defect, another writing) passes as it is, for the canonical cleansing to
  repair or quarantine;
- ``raw_NAME__<canonical table>.sql``: the adapters, one per canonical raw
  table, written into the ``raw`` schema under the canonical name: renamed,
  a denormalized table's entity taken as its distinct rows, a table the
  source only refers to as the ids it refers to, absent columns null; and the
  generator's ledgers as the source has them (none: empty, and a manifest of
  row counts and the as-of date).
"""

from __future__ import annotations

import re

from fashion_retail.discover.sources import _literal as sql_string
from fashion_retail.gen import schema
from fashion_retail.onboard import canonical
from fashion_retail.onboard.align import Alignment, ColumnMap, TableMap
from fashion_retail.onboard.alignment_file import with_header
from fashion_retail.onboard.data import column_names, relation_name

# a value shape must cover this share of a column's sampled rows to be read as
# the column's own convention
SHAPE_MIN_SHARE = 0.01
MAX_SHAPES = 16
LEDGERS = ("defect_ledger", "anomaly_ledger")
# a UUID, as a key column's own shape (matched against the lower-cased value)
UUID_SHAPE = "[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}"


def shape(value: str) -> str:
    """A value's shape as a regular expression: digit runs, letter runs, and
    every other character as itself."""
    out = []
    for run in re.finditer(r"[0-9]+|[^\W\d_]+|.", value):
        text = run.group()
        if text[0].isdigit():
            out.append("[0-9]+")
        elif text[0].isalpha():
            out.append("[^\\W\\d_]+")
        else:
            out.append(re.escape(text))
    return "".join(out)


def shapes(values: list[tuple[str, int]]) -> list[str]:
    total = sum(n for _, n in values)
    counts: dict[str, int] = {}
    for value, n in values:
        counts[shape(value)] = counts.get(shape(value), 0) + n
    kept = [s for s, n in sorted(counts.items(), key=lambda x: -x[1])
            if total and n / total >= SHAPE_MIN_SHARE]
    return kept[:MAX_SHAPES]


def read_spec(target: canonical.Column, hints: dict, values: list[tuple[str, int]]
              ) -> dict | None:
    """How staging reads a column into the canonical raw writing (the column
    meta ``onboard`` that the onboard_read macro follows); None when the
    canonical cleansing reads the source's writing as it is."""
    kind = target.semantic_type
    spec: dict | None = None
    if hints.get("key") in ("uuid", "text"):
        spec = {"read": "key"}
    elif kind == "date" and hints.get("order") not in (None, "ymd"):
        spec = {"read": "date", "order": hints["order"]}
    elif kind == "timestamp":
        spec = {"read": "timestamp", "order": hints.get("order") or "ymd"}
    elif kind == "amount" and hints.get("minor_unit_exponent"):
        spec = {"read": "amount_minor",
                "minor_unit_exponent": int(hints["minor_unit_exponent"])}
    elif kind == "amount":
        spec = {"read": "amount", "decimal_separator": hints.get("decimal_separator") or "."}
        if hints.get("returns_negative"):
            spec["returns_negative"] = True
    elif kind == "decimal" and hints.get("decimal_separator") == ",":
        spec = {"read": "decimal"}
    elif kind == "phone" and hints.get("default_region") not in (None, "US"):
        spec = {"read": "phone", "default_region": hints["default_region"]}
    elif kind == "phone" and hints.get("exit_prefix"):
        spec = {"read": "phone_exit", "exit_prefix": hints["exit_prefix"]}
        # only the numbers dialled abroad: the others' country is unknown
        values = [(v, n) for v, n in values if v.startswith(hints["exit_prefix"])]
    if spec is None:
        return None
    own = [UUID_SHAPE] if hints.get("key") == "uuid" else shapes(values)
    if not own:
        return None
    spec["shapes"] = "|".join(own)
    return spec


def _config(source: str, alias: str) -> str:
    return ("{{\n    config(\n"
            f"        enabled=var('source', '') == {sql_string(source)},\n"
            "        materialized='table',\n"
            "        schema='raw',\n"
            f"        alias={sql_string(alias)},\n"
            "    )\n}}\n\n")


def _select(relation: str, column: str, alias: str) -> str:
    """A select line: the column under its canonical name (no alias when the
    same)."""
    if column == alias:
        return f"        {relation}.{column},"
    return f"        {relation}.{column} as {alias},"


def _join(lines: list[str]) -> str:
    """Select lines, the last without its comma."""
    return "\n".join(lines)[:-1] + "\n"


def staging_model(source: str, table: TableMap, names: dict[str, str],
                  header: list[str]) -> str:
    lines = [f"        {{{{ onboard_read({sql_string(names[m.column])}) }}}} as "
             f"{names[m.column]}," for m in table.columns if m.target]
    body = (
        f"{{{{ config(enabled=var('source', '') == {sql_string(source)}) }}}}\n\n"
        "with\n\n"
        "source as (\n"
        f"    select * from {{{{ source({sql_string(source)}, "
        f"{sql_string(relation_name(table.table))}) }}}}\n"
        "),\n\n"
        "final as (\n"
        "    select\n" + _join(lines) +
        "    from source\n"
        ")\n\n"
        "select * from final\n")
    return with_header(header, body, "--")


def _first_seen(table: TableMap) -> ColumnMap | None:
    """The column holding the version time of the table the source table holds
    one row per row of: a shared entity's versions are dated by it."""
    return next((m for m in table.columns
                 if m.target == f"{table.canonical[0]}.updated_at"), None)


def _from_staging(source: str, ctable: str, staged: str, lines: list[str],
                  header: list[str], select: str = "select", tail: str = "") -> str:
    """An adapter over its staging model: ``select`` the lines from it, then
    ``tail`` (a where or group by clause)."""
    body = (
        _config(source, ctable) +
        "with\n\n"
        f"{staged} as (\n"
        f"    select * from {{{{ ref({sql_string(staged)}) }}}}\n"
        "),\n\n"
        "final as (\n"
        f"    {select}\n" + _join(lines) +
        f"    from {staged}\n"
        + tail +
        ")\n\n"
        "select * from final\n")
    return with_header(header, body, "--")


def adapter_model(source: str, ctable: str, table: TableMap, names: dict[str, str],
                  header: list[str]) -> str:
    feeds: dict[str, ColumnMap] = {}
    for m in table.columns:
        for target in ([m.target] if m.target else []) + m.also:
            if target.split(".")[0] == ctable:
                feeds[target.split(".")[1]] = m
    staged = f"stg_{source}__{relation_name(table.table)}"
    # a table this one shares with others (a flat file's customers) is the
    # distinct rows of its columns, each version dated by the first row that
    # has it (the version time of the table it holds one row per row of);
    # that table keeps every row, duplicates included
    shared = ctable != table.canonical[0]
    first_seen = _first_seen(table) if shared and "updated_at" not in feeds else None
    lines = []
    for col in schema.TABLES[ctable].columns:
        m = feeds.get(col.name)
        if col.name == "updated_at" and first_seen is not None:
            lines.append(f"        min({staged}.{names[first_seen.column]}) as updated_at,")
        elif m is None:
            lines.append(f"        cast(null as varchar) as {col.name},")
        else:
            lines.append(_select(staged, names[m.column], col.name))
    if first_seen is not None:
        return _from_staging(source, ctable, staged, lines, header,
                             tail="    group by all\n")
    return _from_staging(source, ctable, staged, lines, header,
                         select="select distinct" if shared else "select")


def _referring(alignment: Alignment, ctable: str) -> tuple[TableMap, ColumnMap] | None:
    """A mapped column that refers to ``ctable`` (a flat file's store number,
    when the source has no stores table)."""
    for table in alignment.tables:
        for m in table.columns:
            for target in ([m.target] if m.target else []) + m.also:
                if canonical.column(target).references == ctable:
                    return table, m
    return None


def stub_adapter(source: str, ctable: str, table: TableMap, key: ColumnMap,
                 names: dict[str, str], header: list[str]) -> str:
    """A table the source only refers to: one row per id it refers to, dated by
    the first row that refers to it; its other columns null."""
    staged = f"stg_{source}__{relation_name(table.table)}"
    first_seen = _first_seen(table)
    lines = []
    for col in schema.TABLES[ctable].columns:
        if col.name == schema.TABLES[ctable].key:
            lines.append(_select(staged, names[key.column], col.name))
        elif col.name == "updated_at" and first_seen is not None:
            lines.append(f"        min({staged}.{names[first_seen.column]}) as updated_at,")
        else:
            lines.append(f"        cast(null as varchar) as {col.name},")
    return _from_staging(source, ctable, staged, lines, header,
                         tail=f"    where {staged}.{names[key.column]} is not null\n"
                              "    group by all\n")


def empty_adapter(source: str, ctable: str, columns: list[str], header: list[str]) -> str:
    lines = [f"        cast(null as varchar) as {c}," for c in columns]
    body = (
        _config(source, ctable) +
        "with\n\n"
        "final as (\n"
        "    select\n" + _join(lines) +
        "    where false\n"
        ")\n\n"
        "select * from final\n")
    return with_header(header, body, "--")


def manifest_adapter(source: str, as_of_date: str, header: list[str]) -> str:
    """One row per raw table with its row count, and the data's as-of date as
    the end date (the as-of date plausible_time and freshness measure from)."""
    parts = []
    for table in (*schema.BUSINESS_TABLES, *LEDGERS):
        parts.append(
            f"    select\n"
            f"        '{table}' as table_name,\n"
            f"        cast(count(*) as varchar) as row_count,\n"
            f"        cast(null as varchar) as seed,\n"
            f"        cast(null as varchar) as scale,\n"
            f"        cast(null as varchar) as defect_rate,\n"
            f"        cast(null as varchar) as start_date,\n"
            f"        {sql_string(as_of_date)} as end_date,\n"
            f"        {sql_string('onboard:' + source)} as generator_version\n"
            f"    from {{{{ ref('raw_{source}__{table}') }}}}")
    body = (
        _config(source, "generation_manifest") +
        "with\n\n"
        "final as (\n" + "\n    union all\n".join(parts) + "\n)\n\n"
        "select * from final\n")
    return with_header(header, body, "--")


CLOSED_TYPES = ("category", "boolean", "gender")
MAX_ACCEPTED = 30


def _column_yaml(column: dict, name: str, mapped: ColumnMap | None, is_key: bool,
                 single_key: bool, references: tuple[str, str] | None,
                 accepted: list[str] | None, source: str) -> dict:
    target = mapped.target if mapped and mapped.target else None
    described = (f"'{column['name']}' in the export, "
                 f"{column['semantic_type'].replace('_', ' ')}"
                 + (f"; feeds {', '.join([target, *mapped.also])}" if target else
                    "; not mapped to the canonical schema (an extra)"))
    entry: dict = {"name": name, "description": described + ".", "data_type": "varchar"}
    pii = column["semantic_type"] if column["pii_class"] != "none" else "none"
    entry["meta"] = {"pii": pii, "pii_class": column["pii_class"],
                     "privacy_operation": column["privacy_operation"],
                     "semantic_type": column["semantic_type"]}
    tests: list = []
    if is_key:
        tests.append({"not_null": {"config": {"severity": "warn"}}})
        if single_key:
            tests.append({"unique": {"config": {"severity": "warn"}}})
    if references:
        tests.append({"relationships": {
            "arguments": {"to": f"source('{source}', '{references[0]}')",
                          "field": references[1]},
            "config": {"severity": "warn"}}})
    if accepted:
        tests.append({"accepted_values": {"arguments": {"values": accepted},
                                          "config": {"severity": "warn"}}})
    if tests:
        entry["data_tests"] = tests
    return entry


def sources_yaml(source: str, discovery: dict, alignment: Alignment, samples: dict,
                 header: list[str]) -> str:
    import yaml

    mapped_tables = {t.table: t for t in alignment.tables}
    by_name = {t["name"]: t for t in discovery["tables"]}
    tables = []
    for name, tmap in mapped_tables.items():
        table = by_name[name]
        key = table.get("primary_key") or []
        by_column = {m.column: m for m in tmap.columns}
        fks = {fk["from_columns"][0]: fk for fk in discovery["foreign_keys"]
               if fk["from_table"] == name and len(fk["from_columns"]) == 1
               and fk["to_table"] in mapped_tables}
        names = column_names([c["name"] for c in table["columns"]])
        columns = []
        for column in table["columns"]:
            fk = fks.get(column["name"])
            values = samples.get((name, column["name"]), [])
            accepted = None
            if column["semantic_type"] in CLOSED_TYPES and values and \
                    column["distinct"] <= MAX_ACCEPTED and len(values) == column["distinct"]:
                accepted = sorted(v for v, _ in values)
            target_names = column_names(
                [c["name"] for c in by_name[fk["to_table"]]["columns"]]) if fk else {}
            columns.append(_column_yaml(
                column, names[column["name"]], by_column.get(column["name"]),
                column["name"] in key, len(key) == 1,
                (relation_name(fk["to_table"]), target_names[fk["to_columns"][0]])
                if fk else None, accepted, source))
        tables.append({
            "name": relation_name(name),
            "description": (f"{name}: {int(table['rows']):,} rows discovered in "
                            f"{table['source']}; feeds {', '.join(tmap.canonical)}; "
                            f"access {table['access']}."),
            "meta": {"primary_key": key, "access": table["access"], "discovered_as": name},
            "columns": columns})
    body = yaml.safe_dump({"version": 2, "sources": [{
        "name": source,
        "description": (f"The {source} export, onboarded: loaded as text into schema "
                        f"src_{source} by `fashion-retail onboard --load --source {source}` "
                        "(make build SOURCE=" + source + ")."),
        "schema": f"src_{source}",
        "loader": "fashion-retail onboard --load",
        "config": {
            "enabled": f"{{{{ var('source', '') == '{source}' }}}}",
            "loaded_at_field": "_loaded_at",
            "freshness": {"warn_after": {"count": 7, "period": "day"},
                          "error_after": {"count": 30, "period": "day"}}},
        "tables": tables}]}, sort_keys=False, allow_unicode=True, width=100)
    return with_header(header, body)


def models_yaml(source: str, alignment: Alignment, names: dict, samples: dict,
                header: list[str]) -> str:
    """The generated staging models and adapters: descriptions (the docs
    coverage check needs every model and column described) and, per staging
    column, how onboard_read reads it (meta ``onboard``)."""
    import yaml

    models = []
    fed = {}
    for table in alignment.tables:
        columns = []
        for m in table.columns:
            if not m.target:
                continue
            entry = {"name": names[table.table][m.column],
                     "description": f"'{m.column}' in the export, for "
                                    f"{', '.join([m.target, *m.also])}."}
            spec = read_spec(canonical.column(m.target), m.hints,
                             samples.get((table.table, m.column), []))
            if spec:
                entry["meta"] = {"onboard": spec}
            columns.append(entry)
        models.append({
            "name": f"stg_{source}__{relation_name(table.table)}",
            "description": (f"One row per row of {source}'s {table.table}: each mapped column "
                            "in the canonical raw writing (onboard_read: read with its hints "
                            "where written in the column's own convention, else as it is)."),
            "columns": columns})
        for ctable in table.canonical:
            fed[ctable] = table.table
    for ctable in (*schema.BUSINESS_TABLES, *LEDGERS, "generation_manifest"):
        referring = _referring(alignment, ctable)
        origin = (f"from {source}'s {fed[ctable]}" if ctable in fed else
                  f"one row per id {source}'s {referring[0].table}.{referring[1].column} "
                  "refers to, other columns null" if referring else
                  f"empty: {source} has no such table")
        if ctable == "generation_manifest":
            origin = "one row per raw table with its row count and the data's as-of date"
        models.append({
            "name": f"raw_{source}__{ctable}",
            "description": f"The canonical raw table {ctable}, {origin}.",
            "columns": [{"name": c, "description": f"Canonical raw column {ctable}.{c}."}
                        for c in _canonical_columns(ctable)]})
    body = yaml.safe_dump({"version": 2, "models": models}, sort_keys=False,
                          allow_unicode=True, width=100)
    return with_header(header, body)


def _canonical_columns(ctable: str) -> list[str]:
    if ctable in schema.TABLES:
        return schema.TABLES[ctable].column_names
    return {"defect_ledger": schema.LEDGER, "anomaly_ledger": schema.ANOMALY_LEDGER,
            "generation_manifest": schema.MANIFEST}[ctable].column_names


def files(source: str, discovery: dict, alignment: Alignment, samples: dict,
          as_of_date: str, origin: str) -> dict[str, str]:
    """Every generated file: its path under the project and its text."""
    # lines within sqlfluff's 88 characters for a source name of up to 40
    header = [f"Generated by `fashion-retail onboard --source {source}`",
              f"from {origin}.",
              "Edit the alignment and rerun; a file you edit here is kept, and the new",
              "version is written beside it."]
    folder = f"models/sources/{source}"
    names = {t["name"]: column_names([c["name"] for c in t["columns"]])
             for t in discovery["tables"]}
    out = {f"{folder}/_{source}__sources.yml": sources_yaml(source, discovery, alignment,
                                                             samples, header),
           f"{folder}/_{source}__models.yml": models_yaml(source, alignment, names, samples,
                                                          header)}
    fed = {}
    for table in alignment.tables:
        out[f"{folder}/stg_{source}__{relation_name(table.table)}.sql"] = staging_model(
            source, table, names[table.table], header)
        for ctable in table.canonical:
            fed[ctable] = table
    for ctable in schema.BUSINESS_TABLES:
        path = f"{folder}/raw_{source}__{ctable}.sql"
        referring = _referring(alignment, ctable)
        if ctable in fed:
            out[path] = adapter_model(source, ctable, fed[ctable],
                                      names[fed[ctable].table], header)
        elif referring:
            out[path] = stub_adapter(source, ctable, *referring, names[referring[0].table],
                                     header)
        else:
            out[path] = empty_adapter(source, ctable, _canonical_columns(ctable), header)
    for ledger in LEDGERS:
        out[f"{folder}/raw_{source}__{ledger}.sql"] = empty_adapter(
            source, ledger, _canonical_columns(ledger), header)
    out[f"{folder}/raw_{source}__generation_manifest.sql"] = manifest_adapter(
        source, as_of_date, header)
    return out
