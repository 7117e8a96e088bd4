"""Alignment: each source table and column mapped to the canonical raw schema.

A source column is scored against every canonical column on four kinds of
evidence, each written down:

- **name**: its words, translated to the schema's English (``lexicon``), with
  its table's entity words, against the canonical column's words and the other
  names it goes by (Dice's coefficient over word sets);
- **type**: discovery's semantic type against the canonical column's (an e-mail
  is no price);
- **values**: for a column of few values, the share of its rows whose value the
  canonical column holds in the committed seeds, or canonicalize knows;
- **keys**: a primary key against a table's key, a foreign key against a
  reference.

Tables are matched next: each source table, or each entity discovery found
inside a denormalized one, feeds at most one canonical table, and each
canonical table is fed by at most one of them, best scores first. Columns are
then assigned one to one within the matched table. A denormalized table's key
columns also feed the references of the tables beside them (the order number
of a flat sales file is both ``orders.order_id`` and ``order_lines.order_id``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from fashion_retail.onboard import canonical
from fashion_retail.onboard.canonical import ENTITY_WORDS
from fashion_retail.onboard.lexicon import fold

# how discovery's semantic types read as the canonical ones (1: the same kind
# of value; below: plausible; absent: unlikely, TYPE_FLOOR)
TYPE_FIT = {
    "identifier": {"id": 1.0, "uuid": 1.0, "integer": 0.6, "text": 0.5},
    "product_code": {"text": 1.0, "id": 0.6},
    "email": {"email": 1.0}, "phone": {"phone": 1.0},
    "first_name": {"text": 1.0}, "last_name": {"text": 1.0}, "full_name": {"text": 1.0},
    "company": {"text": 1.0, "category": 0.5}, "street_address": {"text": 1.0},
    "city": {"text": 1.0}, "postal_code": {"text": 1.0, "id": 0.3},
    "region": {"category": 1.0, "text": 1.0}, "country": {"country": 1.0},
    "date": {"date": 1.0, "timestamp": 0.7}, "birth_date": {"date": 1.0},
    "timestamp": {"timestamp": 1.0, "date": 0.7},
    "money": {"amount": 1.0, "decimal": 0.5},
    "quantity": {"integer": 1.0, "amount": 0.6, "decimal": 0.5, "id": 0.3},
    "number": {"integer": 0.8, "amount": 0.7, "decimal": 0.8, "id": 0.3},
    "percentage": {"decimal": 1.0}, "boolean": {"category": 0.8},
    "category": {"category": 1.0, "text": 0.8, "country": 0.4},
    "gender": {"category": 1.0}, "free_text": {"text": 1.0, "category": 0.3},
    "username": {"text": 0.6}, "age": {"integer": 0.6},
}
TYPE_FLOOR = 0.2
# a column is mapped when its score reaches this; a table when its columns' mean does
MIN_COLUMN = 0.3
MIN_TABLE = 0.5
KEY_BONUS = 0.3
REFERENCE_BONUS = 0.1
VALUE_WEIGHT = 0.5
UUID = re.compile(r"^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$", re.I)
# a share of values that is a defect's, not a writing's
RARE = 0.01
ACCOUNTING_NEGATIVE = re.compile(r"^\(\s*[^()]*\d[^()]*\)$")
# the international call prefixes: '00' (most of the world) and '011' (North America)
EXIT_PREFIXES = ("00", "011")
MINOR_WORDS = ("minor", "cents", "cent", "pence", "paise", "centimes")


@dataclass
class ColumnMap:
    column: str
    target: str | None
    score: float
    evidence: list[str]
    also: list[str] = field(default_factory=list)
    hints: dict = field(default_factory=dict)


@dataclass
class TableMap:
    table: str
    source: str
    rows: int
    canonical: list[str]
    score: float
    columns: list[ColumnMap]


@dataclass
class Alignment:
    tables: list[TableMap]
    unmapped_tables: list[str]


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


@dataclass
class _Source:
    table: str
    column: dict
    words: frozenset[str]
    own: frozenset[str]
    is_key: bool
    is_reference: bool
    values: list[tuple[str, int]]


def _score(src: _Source, target: canonical.Column, value_sets) -> tuple[float, list[str]]:
    # the words with the table's entity, and the column's own: 'LINE_NO' of a
    # sales file is a line number, not the order id beside it
    name = max((_dice(src.words, full) + _dice(src.own, own)) / 2
               for full, own in target.variants)
    fit = TYPE_FIT.get(src.column["semantic_type"], {}).get(target.semantic_type, TYPE_FLOOR)
    score = name * (0.5 + 0.5 * fit)
    evidence = [f"name {name:.2f} ({' '.join(sorted(src.words)) or '-'})",
                f"type {src.column['semantic_type']} as {target.semantic_type} {fit:.1f}"]
    allowed = value_sets.get(target.qualified)
    if allowed and src.values:
        total = sum(n for _, n in src.values)
        share = sum(n for v, n in src.values if fold(v) in allowed) / total if total else 0.0
        score += VALUE_WEIGHT * share
        evidence.append(f"values {share:.0%} in the canonical column's")
    if src.is_key and target.is_key:
        score += KEY_BONUS
        evidence.append("primary key to key")
    elif src.is_reference and target.references:
        score += REFERENCE_BONUS
        evidence.append(f"foreign key to reference ({target.references})")
    return score, evidence


def _sources(discovery: dict, table: dict, samples: dict) -> list[_Source]:
    own = set(canonical.words(table["name"]) & ENTITY_WORDS)
    keys = set((table.get("primary_key") or [])[:1])
    references = {c for fk in discovery["foreign_keys"] if fk["from_table"] == table["name"]
                  for c in fk["from_columns"]}
    out = []
    for column in table["columns"]:
        words = canonical.words(column["name"])
        out.append(_Source(table["name"], column, words | own, words, column["name"] in keys,
                           column["name"] in references,
                           samples.get((table["name"], column["name"]), [])))
    return out


def _units(discovery: dict, table: dict) -> list[tuple[str, list[str]]]:
    """The table's parts that may feed canonical tables: the entities discovery
    found inside it (columns outside them go with the first), or the whole."""
    groups = [(e["entity"], list(e["columns"])) for e in discovery.get("entities", [])
              if e["table"] == table["name"]]
    if len(groups) < 2:
        return [(table["name"], [c["name"] for c in table["columns"]])]
    placed = {c for _, cols in groups for c in cols}
    rest = [c["name"] for c in table["columns"] if c["name"] not in placed]
    key = (table.get("primary_key") or [None])[0]
    first = next((i for i, (_, cols) in enumerate(groups) if key in cols), 0)
    groups[first][1].extend(rest)
    return groups


def align(discovery: dict, samples: dict | None = None) -> Alignment:
    """The proposed alignment of a discovery (``samples``: each column's folded
    values and their counts, for the value evidence)."""
    samples = samples or {}
    value_sets = canonical.value_sets()
    targets = canonical.columns()
    # every unit's score against every canonical table
    candidates = []
    scored: dict[tuple[str, str], dict[str, list]] = {}
    units = []
    for table in discovery["tables"]:
        sources = {s.column["name"]: s for s in _sources(discovery, table, samples)}
        for entity, names in _units(discovery, table):
            unit = (table["name"], entity)
            units.append((table, unit, [sources[n] for n in names]))
            entity_words = canonical.words(entity) & ENTITY_WORDS
            for ctable, ccolumns in targets.items():
                grid = {s.column["name"]: sorted(
                    ((*_score(s, c, value_sets), c) for c in ccolumns),
                    key=lambda x: -x[0]) for s in sources.values() if s.column["name"] in names}
                scored[(unit, ctable)] = grid
                mean = sum(g[0][0] for g in grid.values()) / max(len(grid), 1)
                named = canonical.ENTITIES[ctable]
                bonus = 0.2 if entity_words and set(named) <= entity_words else 0.0
                candidates.append((mean + bonus, unit, ctable))
    # each unit one canonical table, each canonical table one unit
    chosen: dict[tuple[str, str], tuple[str, float]] = {}
    taken: set[str] = set()
    for score, unit, ctable in sorted(candidates, key=lambda x: -x[0]):
        if score < MIN_TABLE or unit in chosen or ctable in taken:
            continue
        chosen[unit] = (ctable, score)
        taken.add(ctable)
    maps: list[TableMap] = []
    unmapped: list[str] = []
    for table in discovery["tables"]:
        mine = [(unit, *chosen[unit]) for t, unit, _ in units
                if t is table and unit in chosen]
        if not mine:
            unmapped.append(table["name"])
            continue
        columns = []
        for unit, ctable, _ in mine:
            columns.extend(_assign(scored[(unit, ctable)]))
        order = {c["name"]: i for i, c in enumerate(table["columns"])}
        columns.sort(key=lambda m: order[m.column])
        _complete_keys(columns, [ctable for _, ctable, _ in mine])
        for m in columns:
            m.hints = hints(table, m, samples)
        maps.append(TableMap(table["name"], table["source"], int(table["rows"]),
                             [ctable for _, ctable, _ in mine],
                             round(max(s for _, _, s in mine), 3), columns))
    return Alignment(maps, unmapped)


def _assign(grid: dict[str, list]) -> list[ColumnMap]:
    """Columns to canonical columns one to one, best scores first."""
    pairs = sorted(((score, name, evidence, target)
                    for name, options in grid.items()
                    for score, evidence, target in options), key=lambda x: -x[0])
    used: set[str] = set()
    done: dict[str, ColumnMap] = {}
    for score, name, evidence, target in pairs:
        if name in done or target.qualified in used or score < MIN_COLUMN:
            continue
        done[name] = ColumnMap(name, target.qualified, round(score, 3), evidence)
        used.add(target.qualified)
    for name, options in grid.items():
        if name not in done:
            best = options[0]
            done[name] = ColumnMap(name, None, round(best[0], 3),
                                   [f"best guess {best[2].qualified} below {MIN_COLUMN}"])
    return list(done.values())


def _complete_keys(columns: list[ColumnMap], ctables: list[str]) -> None:
    """In a denormalized table, a canonical table's reference to another table
    this one also feeds is that table's key column."""
    mapped = {m.target: m for m in columns if m.target}
    for ctable in ctables:
        for col in canonical.columns()[ctable]:
            if col.qualified in mapped or col.references not in ctables:
                continue
            key = f"{col.references}.{canonical.schema.TABLES[col.references].key}"
            if key in mapped and col.references != ctable:
                mapped[key].also.append(col.qualified)
                mapped[key].evidence.append(f"also {col.qualified}: the key of "
                                            f"{col.references} in the same row")


def hints(table: dict, mapped: ColumnMap, samples: dict) -> dict:
    """How staging reads the column: discovery's format, the target's domain,
    minor units and text keys."""
    if mapped.target is None:
        return {}
    column = next(c for c in table["columns"] if c["name"] == mapped.column)
    target = canonical.column(mapped.target)
    fmt = column.get("format") or {}
    out: dict = {}
    if target.semantic_type in ("date", "timestamp") and fmt.get("order"):
        out["order"] = fmt["order"]
    if target.semantic_type in ("amount", "decimal") and fmt.get("decimal_separator"):
        out["decimal_separator"] = fmt["decimal_separator"]
    if target.semantic_type == "phone" and fmt.get("default_region"):
        out["default_region"] = fmt["default_region"]
    elif target.semantic_type == "phone":
        prefix = _exit_prefix(samples.get((table["name"], mapped.column), []))
        if prefix:
            out["exit_prefix"] = prefix
            mapped.evidence.append(f"numbers dialled abroad with {prefix}: read as "
                                   "international; no default region for the others")
    if target.domain:
        out["domain"] = target.domain
    values = samples.get((table["name"], mapped.column), [])
    if target.semantic_type == "amount" and _minor_units(mapped, target, values):
        out.pop("decimal_separator", None)
        out["minor_unit_exponent"] = 2
    if target.semantic_type == "amount" and \
            canonical.negative_shares().get(target.qualified, 1.0) < RARE:
        total = sum(n for _, n in values)
        negative = sum(n for v, n in values if ACCOUNTING_NEGATIVE.match(v))
        if total and negative >= 2 * RARE * total:
            out["returns_negative"] = True
            mapped.evidence.append(
                f"accounting negatives ({negative} of {total} sampled) where the canonical "
                "column holds none: read as their magnitude (a credit's writing)")
    if target.semantic_type == "id" or target.references or target.is_key:
        total = sum(n for _, n in values)
        if total and sum(n for v, n in values if UUID.match(v)) >= 0.5 * total:
            out["key"] = "uuid"
        elif total and sum(n for v, n in values if not v.isdigit()) >= 0.5 * total:
            out["key"] = "text"
    return out


def _exit_prefix(values: list[tuple[str, int]]) -> str | None:
    """The international call prefix a column's numbers are dialled with
    ('001 913 605 9777' from Europe), when a share of them are: those numbers
    read without knowing the writer's country."""
    total = sum(n for _, n in values)
    counts = {prefix: sum(n for v, n in values if v.startswith(prefix)
                          and not v.startswith(prefix + "0"))
              for prefix in EXIT_PREFIXES}
    prefix, count = max(counts.items(), key=lambda x: x[1])
    return prefix if total and count >= RARE * total else None


def _minor_units(mapped: ColumnMap, target: canonical.Column,
                 values: list[tuple[str, int]]) -> bool:
    """Money written as whole minor units (1250 for 12.50): nearly every sampled
    value a whole number (defects aside), and the name says so
    ('unitPriceMinor', 'amount_cents') or, flagged as a guess, the values'
    median is about a hundred times the canonical column's in the seeds."""
    total = sum(n for _, n in values)
    whole = sum(n for v, n in values if v.lstrip("-").isdigit())
    if not total or whole < 0.9 * total:
        return False
    words = canonical.words(mapped.column)
    if any(w in words or mapped.column.lower().endswith(w) for w in MINOR_WORDS):
        mapped.evidence.append("minor units: the name says so and every value is whole")
        return True
    median = canonical.medians().get(target.qualified)
    ordered = sorted(float(v) for v, n in values for _ in range(min(n, 100)))
    if not median or not ordered:
        return False
    ratio = ordered[len(ordered) // 2] / median
    if 50 <= ratio <= 200 and whole >= 0.99 * total:
        mapped.evidence.append(f"guess: minor units, the median is {ratio:.0f} times the "
                               "canonical column's and every value is whole")
        return True
    return False
