"""Keys, foreign keys, functional dependencies and the entities of a table.

- **Candidate keys**: the minimal sets of one or two columns, never null, whose
  values are unique among the table's distinct rows (an export that repeats
  whole rows still has a key; a versioned table's key is its id and its
  version time). Pairs are tried only where no identifier is a key alone,
  among identifiers, columns named as ids or times and the columns with the
  most distinct values, counted exactly in one pass.
  The primary key is the candidate that reads most like one: an identifier,
  named like an id, early in the table, never a timestamp or an amount alone.
- **Foreign keys**: inclusion dependencies from a column to another table's key
  (or the id part of a versioned key), with their coverage (the share of the
  rows whose value is found there; raw data holds broken references).
  Proposed when the names agree (the same name, the same name before an id
  word, or the referenced table's name in the column's) or the column refers
  to its own table's key (a manager's id); at least ``MIN_COVERAGE`` of the
  rows must find their value. A column of text codes no name announces refers
  to the one key of text codes that holds ``CODED_COVERAGE`` of its rows
  (``origin`` to ``airports.faa``); a pair of columns named as a two-column
  key's refers to it.
- **Functional dependencies**: X -> Y holds when, within each value of X, one
  value of Y accounts for nearly every row, measured as the share of the
  uncertainty about Y that X removes (g3, normalised by Y's own mode). Tried
  for identifier-like determinants that repeat; computed on a hash sample of X's
  values, so each X keeps its whole group.
- **Entities**: each determinant (with those equivalent to it) and the columns
  it is the closest determinant of; what no determinant claims belongs to the
  table's own grain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fashion_retail.discover.semantic import HIERARCHY_WORDS, name_hints, name_words
from fashion_retail.discover.sources import Table, _quote

# a key may miss uniqueness by this share of distinct rows (defects)
KEY_SLACK = 0.005
MIN_COVERAGE = 0.8
# a reference no name announces: codes found this often, in a key of this many
CODED_COVERAGE = 0.95
CODED_TARGET_VALUES = 20
PAIR_COLUMNS = 12
FD_STRENGTH = 0.9
FD_SAMPLE_ROWS = 20_000
# a determinant of fewer values holds no entity worth naming (line numbers)
MIN_ENTITIES = 10
KEY_TYPES = ("identifier", "product_code", "email", "username")
MEASURES = ("money", "number", "percentage", "quantity", "free_text")
NOT_KEYS = ("money", "number", "percentage", "quantity", "free_text", "boolean",
            "category", "gender", "age")


@dataclass
class Candidate:
    columns: list[str]
    exact: bool


def distinct_rows(con, table: Table) -> int:
    return con.execute(f"select count(distinct hash(t)) from {_quote(table.work)} as t"
                       ).fetchone()[0]


def candidate_keys(con, table: Table, rows: int, figures: dict, types: dict
                   ) -> list[Candidate]:
    """Minimal unique, never-null sets of one or two columns."""
    if rows == 0:
        return []
    unique_rows = distinct_rows(con, table)
    floor = unique_rows * (1 - KEY_SLACK)
    singles = []
    for column in table.columns:
        facts = figures[column]
        nulls = rows - facts["non_null"]
        if nulls == 0 and facts["distinct"] >= floor and unique_rows > 1:
            singles.append(Candidate([column], facts["distinct"] >= unique_rows))
    if any(types[c.columns[0]] in KEY_TYPES for c in singles):
        return singles
    # no identifier is unique alone (a versioned table): pairs, minimal ones only
    taken = {c.columns[0] for c in singles
             if types[c.columns[0]] not in ("timestamp", "date")}
    pool = [c for c in table.columns if c not in taken
            if rows - figures[c]["non_null"] == 0
            and figures[c]["distinct"] > 1 and types[c] not in ("free_text", "money")]
    # identifiers, columns named as ids or times, version times first, then the
    # most distinct columns
    pool.sort(key=lambda c: (types[c] not in KEY_TYPES, not _key_named(c),
                             types[c] not in ("timestamp", "date"), -figures[c]["distinct"]))
    pool = pool[:PAIR_COLUMNS]
    # a version time unique alone pairs with an identifier only (the minimal
    # pairs that read as a versioned key), not with every other column
    alone = {c.columns[0] for c in singles}
    pairs = [(a, b) for i, a in enumerate(pool) for b in pool[i + 1:]
             if figures[a]["distinct"] * figures[b]["distinct"] >= floor
             and not ({a, b} & alone and not {types[a], types[b]} & set(KEY_TYPES))]
    if not pairs:
        return singles
    sql = ", ".join(f"count(distinct ({_quote(a)}, {_quote(b)}))" for a, b in pairs)
    counts = con.execute(f"select {sql} from {_quote(table.work)}").fetchone()
    return singles + [Candidate([a, b], n >= unique_rows) for (a, b), n in zip(pairs, counts)
                      if n >= floor]


def _key_named(column: str) -> bool:
    hints = name_hints(column)
    return bool(hints & {"identifier", "date", "timestamp"}) or "year" in name_words(column)


def primary_key(candidates: list[Candidate], table: Table, types: dict) -> list[str] | None:
    """The candidate that reads most like a primary key."""
    def score(candidate: Candidate) -> tuple:
        points = 0.0
        for column in candidate.columns:
            kind = types[column]
            points += {"identifier": 3, "product_code": 1.5, "timestamp": 0.5,
                       "date": 0.3}.get(kind, 0)
            # a category is part of a key (a station and an hour), not a key alone
            penalty = 0.5 if kind == "category" and len(candidate.columns) > 1 else 2
            points -= penalty if kind in NOT_KEYS and not _key_named(column) else 0
            words = name_words(column)
            points += 1 if words and words[-1] in ("id", "no", "nr", "key") else 0
            points -= table.columns.index(column) / max(1, len(table.columns))
        if len(candidate.columns) == 1 and types[candidate.columns[0]] in (
                "timestamp", "date", "money", "number", "free_text"):
            points -= 3
        return (points / len(candidate.columns) + (1 if len(candidate.columns) == 1 else 0),
                candidate.exact)

    if not candidates:
        return None
    best = max(candidates, key=score)
    measures = [c for c in best.columns if types[c] in MEASURES and not _key_named(c)]
    if (len(best.columns) == 1 and score(best)[0] < 0) or measures:
        # a measure or a time alone unique by chance is no key
        return None
    return sorted(best.columns, key=table.columns.index)


# ------------------------------------------------------------------ foreign keys
def _norm(name: str) -> str:
    return re.sub(r"[^a-z0-9äöüß]", "", name.lower())


def _stem(table_name: str) -> str:
    last = table_name.split(".")[-1]
    stem = _norm(last)
    for suffix in ("ies", "es", "s"):
        if stem.endswith(suffix) and len(stem) > len(suffix) + 2:
            return stem[:-len(suffix)] + ("y" if suffix == "ies" else "")
    return stem


ID_SUFFIX = re.compile(r"(id|key|no|nr|code|ref|number|nummer|num)$")


def _names_agree(column: str, target_table: str, target_column: str) -> bool:
    """The same name, the same name before an id word ('teamkey', 'teamID'), or
    the referenced table's name before one ('customer_id' for customers.id)."""
    a, b = _norm(column), _norm(target_column)
    if a == b:
        return True
    bare_a, bare_b = ID_SUFFIX.sub("", a), ID_SUFFIX.sub("", b)
    if len(bare_a) >= 3 and bare_a == bare_b and bare_a != a and bare_b != b:
        return True
    stem = _stem(target_table)
    return len(stem) >= 3 and a.startswith(stem) and re.sub(r"^" + re.escape(stem), "", a) \
        in ("id", "no", "nr", "key", "code", "number", "nummer", "ref")


def key_targets(tables: list[Table], keys: dict[str, list[str] | None],
                candidates: dict[str, list[Candidate]], types: dict
                ) -> list[tuple[Table, str]]:
    """(table, column) a foreign key may point at: an identifier that is a key
    alone (the primary key or another candidate), or the id of a versioned key
    (an id and a version time, a timestamp)."""
    targets = []
    for table in tables:
        key = keys.get(table.name) or []
        singles = [c.columns[0] for c in candidates.get(table.name, [])
                   if len(c.columns) == 1 and types[table.name][c.columns[0]] in KEY_TYPES]
        if len(key) == 1 and key[0] not in singles:
            singles.insert(0, key[0])
        targets.extend((table, column) for column in singles)
        if len(key) == 2:
            kinds = [types[table.name][c] for c in key]
            for column, kind, other in zip(key, kinds, reversed(kinds)):
                if kind in KEY_TYPES and other == "timestamp":
                    targets.append((table, column))
    return targets


def foreign_keys(con, tables: list[Table], keys: dict, candidates: dict, types: dict,
                 figures: dict) -> list[dict]:
    """Inclusion dependencies to key columns, with their coverage."""
    found, nameless = [], []
    targets = key_targets(tables, keys, candidates, types)
    target_names = {_norm(c) for _, c in targets}
    for table in tables:
        for column in table.columns:
            kind = types[table.name][column]
            if figures[table.name][column]["distinct"] == 0:
                continue
            coded = kind == "category" and figures[table.name][column]["physical_type"] == \
                "VARCHAR"
            if kind not in KEY_TYPES and not (coded and _norm(column) in target_names):
                if coded:
                    nameless.append((table, column))
                continue
            options = []
            for target, target_column in targets:
                own_key = target is table and (column == target_column or (
                    keys.get(table.name) and column in keys[table.name]))
                if own_key:
                    continue
                named = _names_agree(column, target.name, target_column)
                self_reference = target is table and types[table.name][target_column] == \
                    "identifier" and any(w.startswith(HIERARCHY_WORDS)
                                         for w in name_words(column))
                if target is table and not self_reference:
                    continue
                if not (named or self_reference):
                    continue
                options.append((named, target, target_column))
            best = None
            for named, target, target_column in sorted(options, key=lambda o: not o[0]):
                coverage = _coverage(con, table, column, target, target_column)
                if coverage >= MIN_COVERAGE and (best is None or (named, coverage) >
                                                 (best[0], best[3])):
                    best = (named, target, target_column, coverage)
            if best:
                found.append({"from_table": table.name, "from_columns": [column],
                              "to_table": best[1].name, "to_columns": [best[2]],
                              "coverage": round(best[3], 4)})
    return found + _coded_references(con, nameless, targets, figures, types)


def _coded_references(con, columns, targets, figures, types) -> list[dict]:
    """References no name announces (an airport's code in 'origin' and 'dest'):
    a text column of codes whose values another table's key of text codes holds,
    nearly all of them (``CODED_COVERAGE``), and one such key only. Keys of a few
    values, or of numbers, are left out: small sets and counters include each
    other by chance."""
    found = []
    coded_targets = [(t, c) for t, c in targets
                     if figures[t.name][c]["physical_type"] == "VARCHAR"
                     and figures[t.name][c]["distinct"] >= CODED_TARGET_VALUES]
    for table, column in columns:
        facts = figures[table.name][column]
        hits = []
        for target, target_column in coded_targets:
            key = figures[target.name][target_column]
            if target is table or not (key["min_length"] <= facts["min_length"]
                                       and facts["max_length"] <= key["max_length"]):
                continue
            coverage = _coverage(con, table, column, target, target_column)
            if coverage >= CODED_COVERAGE:
                hits.append((target, target_column, coverage))
        if len(hits) == 1:
            target, target_column, coverage = hits[0]
            found.append({"from_table": table.name, "from_columns": [column],
                          "to_table": target.name, "to_columns": [target_column],
                          "coverage": round(coverage, 4)})
    return found


def one_way(edges: list[dict], figures: dict) -> list[dict]:
    """Two keys that include each other (a table and its copy, a one-to-one
    extension) are one reference: the one pointing at the larger key (more
    distinct values; on a tie, the table whose name sorts first)."""
    index = {(e["from_table"], tuple(e["from_columns"]), e["to_table"],
              tuple(e["to_columns"])): e for e in edges}
    kept = []
    for (a, a_cols, b, b_cols), edge in index.items():
        if (b, b_cols, a, a_cols) in index:
            size_a = figures[a][a_cols[0]]["distinct"]
            size_b = figures[b][b_cols[0]]["distinct"]
            if (size_b, a) < (size_a, b):
                continue
        kept.append(edge)
    return kept


def composite_foreign_keys(con, tables: list[Table], keys: dict) -> list[dict]:
    """References to two-column keys: a pair of columns named as the key's two."""
    found = []
    for target in tables:
        key = keys.get(target.name)
        if not key or len(key) != 2:
            continue
        for table in tables:
            if table is target:
                continue
            firsts, seconds = (_named_as(table, target, key, i) for i in (0, 1))
            if len(firsts) != 1 or len(seconds) != 1 or firsts == seconds:
                continue
            coverage = _coverage(con, table, f"{firsts[0]}\x00{seconds[0]}", target,
                                 f"{key[0]}\x00{key[1]}")
            if coverage >= MIN_COVERAGE:
                found.append({"from_table": table.name, "from_columns": [firsts[0], seconds[0]],
                              "to_table": target.name, "to_columns": list(key),
                              "coverage": round(coverage, 4)})
    return found


def _named_as(table: Table, target: Table, key: list[str], index: int) -> list[str]:
    """The columns of ``table`` named as the key's column ``index``: the same
    name, else an agreeing one that is not the same name as the other's."""
    exact = [c for c in table.columns if _norm(c) == _norm(key[index])]
    if exact:
        return exact
    bare = ID_SUFFIX.sub("", _norm(key[index]))
    same_bare = [c for c in table.columns if ID_SUFFIX.sub("", _norm(c)) == bare]
    if len(bare) >= 3 and same_bare:
        return same_bare
    other = _norm(key[1 - index])
    return [c for c in table.columns
            if _names_agree(c, target.name, key[index]) and _norm(c) != other]


def _expression(columns: str) -> str:
    """Text of one column, or of a pair (given as 'a\\x00b') joined by a NUL."""
    return " || chr(0) || ".join(f"trim({_quote(c)}::varchar)" for c in columns.split("\x00"))


def _coverage(con, table, column, target, target_column) -> float:
    """The share of the rows with a value whose value the target holds (rows,
    not distinct values: a few broken references are each a distinct value)."""
    text, other = _expression(column), _expression(target_column)
    found, total = con.execute(
        f"with values_ as (select {text} as v, count(*) as n from {_quote(table.work)} "
        f"where {text} is not null group by 1), keys_ as (select distinct {other} as v "
        f"from {_quote(target.work)}) select coalesce(sum(n) filter (where keys_.v is not "
        f"null), 0), coalesce(sum(n), 0) from values_ left join keys_ on keys_.v = values_.v"
    ).fetchone()
    return float(found) / float(total) if total else 0.0


# ------------------------------------------------------------------ dependencies
def dependencies(con, table: Table, rows: int, figures: dict, types: dict,
                 key: list[str] | None, sample_table: str) -> list[tuple[str, list[str]]]:
    """(determinant, dependents) of the identifier-like columns that repeat."""
    if rows < 20:
        return []
    determinants = [c for c in table.columns
                    if types[c] in ("identifier", "product_code")
                    and (not key or c not in key)
                    and MIN_ENTITIES <= figures[c]["distinct"] <= 0.7 * rows]
    # a column (nearly) unique in the table depends on no repeating column
    others = [c for c in table.columns if 1 <= figures[c]["distinct"] < 0.9 * rows]
    found = []
    for determinant in determinants:
        dependents = [c for c in others if c != determinant]
        twin = _twin(determinant, found, figures)
        if twin is not None:
            # a determinant one-to-one with one already measured (a SKU and
            # its product id) determines what that one does
            found.append((determinant, [c for c in [twin[0], *twin[1]] if c != determinant]))
            continue
        if not dependents:
            continue
        # large groups are well represented in the row sample; small ones are
        # kept whole by sampling the determinant's values
        groups = rows / max(1, figures[determinant]["distinct"])
        source = sample_table if groups >= 20 else table.work
        strengths = _strengths(con, source, rows if source == table.work else 0,
                               determinant, dependents)
        holds = [c for c, s in zip(dependents, strengths) if s is not None and s >= FD_STRENGTH]
        if holds:
            found.append((determinant, holds))
    return found


def _twin(determinant: str, found: list, figures: dict) -> tuple | None:
    """An earlier determinant that determines this one and has as many values."""
    for earlier, dependents in found:
        if determinant in dependents and \
                figures[earlier]["distinct"] == figures[determinant]["distinct"]:
            return earlier, dependents
    return None


def _strengths(con, work: str, rows: int, determinant, dependents) -> list[float | None]:
    """Per dependent Y: (rows agreeing with Y's commonest value within X's group
    - rows agreeing with Y's commonest value overall) / (rows - the latter),
    over the groups of two rows or more (a row alone agrees with itself); None
    when Y is (nearly) constant. Null is a value like any other. On a sample of
    X's values (whole groups) when ``rows`` is given, else on ``work`` as it is.
    One pass: the rows unpivoted to (X, column, value) and counted."""
    x = _quote(determinant)
    modulus = max(1, rows // FD_SAMPLE_ROWS)
    where = f"{x} is not null" + (f" and hash({x}) % {modulus} = 0" if modulus > 1 else "")
    names = {f"d{i}": c for i, c in enumerate(dependents)}
    cells = ", ".join(f"coalesce({_quote(c)}::varchar, chr(0)) as {n}" for n, c in names.items())
    result = con.execute(
        f"with s0 as (select {x} as x_, {cells} from {_quote(work)} where {where}), "
        f"s as (select * from s0 where x_ in (select x_ from s0 group by x_ "
        f"having count(*) >= 2)), "
        f"u as (unpivot s on columns(* exclude (x_)) into name c value y), "
        f"g as (select c, x_, y, count(*) as n from u group by all), "
        f"within as (select c, sum(m) as agree from (select c, x_, max(n) as m from g "
        f"group by c, x_) group by c), "
        f"overall as (select c, max(n2) as base from (select c, y, sum(n) as n2 from g "
        f"group by c, y) group by c) "
        f"select within.c, agree, base, (select count(*) from s) from within "
        f"join overall on overall.c = within.c").fetchall()
    measured = {c: (float(agree), float(base), total) for c, agree, base, total in result}
    out = []
    for name in names:
        if name not in measured:
            out.append(None)
            continue
        within, base, total = measured[name]
        if total == 0 or base >= 0.98 * total:
            out.append(None)
        else:
            out.append((within - base) / (total - base))
    return out


def entities(table: Table, rows: int, figures: dict, key: list[str] | None,
             dependencies_: list[tuple[str, list[str]]]) -> list[dict]:
    """The entities a denormalized table holds: each determinant with its
    equivalents and the columns it is the closest determinant of."""
    determines = {x: set(ys) for x, ys in dependencies_}
    if len(determines) < 1:
        return []
    # equivalence classes: X -> Y and Y -> X
    classes: list[list[str]] = []
    for x in sorted(determines, key=lambda c: figures[c]["distinct"]):
        for group in classes:
            y = group[0]
            if y in determines[x] and x in determines.get(y, set()):
                group.append(x)
                break
        else:
            classes.append([x])
    # a determinant that claims no other column is an attribute like any other
    while True:
        owner = _owners(table, classes, determines, figures)
        # an entity has two attributes at least: its own columns, and the
        # keys of the entities it refers to (an order's customer)
        empty = [g for g in classes if sum(o is g for o in owner.values()) + sum(
            1 for other in classes if other is not g
            and any(other[0] in determines[x] for x in g)) < 2]
        if not empty:
            break
        classes = [g for g in classes if g not in empty]
    found = []
    claimed = set()
    for group in classes:
        members = [c for c in table.columns if c in group or owner.get(c) is group]
        named = sorted(group, key=lambda c: name_words(c)[-1:] not in (["id"], ["no"],
                                                                         ["nr"], ["key"]))
        found.append({"table": table.name, "entity": _entity_name(named[0]),
                      "columns": members})
        claimed.update(members)
    if not found:
        return []
    rest = [c for c in table.columns if c not in claimed]
    if rest:
        found.insert(0, {"table": table.name, "entity": _stem(table.name) or table.name,
                         "columns": rest})
    return found


def _owners(table, classes, determines, figures) -> dict[str, list[str]]:
    """Each column outside the classes -> the class of its closest determinant
    (the one with the fewest distinct values)."""
    owner = {}
    for column in table.columns:
        if any(column in group for group in classes):
            continue
        claims = [g for g in classes if any(column in determines[x] for x in g)]
        prefix = _prefix(column)
        named = [g for g in classes if prefix and any(_prefix(x) == prefix for x in g)]
        if len(named) == 1:
            # a shared name prefix ('CUST_') decides
            owner[column] = named[0]
        elif claims:
            # else the closest (coarsest) determinant
            owner[column] = min(claims, key=lambda g: figures[g[0]]["distinct"])
    return owner


def _prefix(column: str) -> str | None:
    words = name_words(column)
    return words[0] if len(words) > 1 else None


def _entity_name(determinant: str) -> str:
    words = [w for w in name_words(determinant)
             if w not in ("id", "no", "nr", "num", "number", "key", "code", "ref")]
    name = "_".join(words) or determinant.lower()
    for suffix in ("nummer", "id", "nr", "no"):
        if name.endswith(suffix) and len(name) > len(suffix) + 2:
            name = name[:-len(suffix)].rstrip("_")
    return name
