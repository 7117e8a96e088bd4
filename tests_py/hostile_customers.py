"""Hostile customer rows: what a careless operator or an attacker feeds the raw layer.

`hostile_customers(existing, n)` returns n raw customer rows (text, like the raw
layer), the defect-ledger rows that describe them, and what the cleansing must make
of them:

- most share placeholders: one phone that is no number (in several writings,
  cleansed to null), one e-mail, 1970-01-01, one street address ('123 Main St'; a
  fifth of them the whole address, city, state and ZIP code too); their names,
  signup dates, genders, tiers, cities and states are those of real customers, so
  only the placeholders are odd (when all 45,000 of a 50,000-row crowd share their
  whole address, state included, the statistical twins refuse the table: too few
  distinct rows to sample without copying one);
- walk-in groups share a store's phone, 1970-01-01 and the store's address;
- others carry 10,000-character values in every column, NUL and invisible
  characters inside names, or impossible signup and birth dates (year 9999, 1800);
- copies of real customers arrive under ids written ' 42 ', '00042', '-42' or
  '42 ', or with version times in year 9999, after the data's as-of date or
  before 1900: were they read, customer 42 would get a new version.

Like the generator, it records what it injected in the ledger (class, clean value,
dirty value; the clean value null where the truth cannot be known), so that the
cleansing scorecard scores the hostile rows too, and an unexpected change to any
other cell counts as a false change. `append_hostile_customers` appends rows and
ledger to a generated data set, manifest included.

The test (test_hostile_input.py) builds a small data set with them; the figures in
the README come from the command line, at any size:

    python tests_py/hostile_customers.py --scale 0.05 --hostile 50000 --out data/hostile
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

#: fresh ids of hostile customers start above every generated id (and above the
#: 10**9 + 7 of test_hostile_input's per-table rows)
FIRST_ID = 2 * 10**9
LONG = 10_000
#: a version time inside the generated history, for the rows whose version is fine
IN_HISTORY = "2025-06-01 12:00:00"
#: the version time of the copies of real customers under a non-canonical id:
#: were they read as the real id, this version would appear in the cleansed output
NON_CANONICAL_AT = "2025-12-30 23:59:59"
#: version times that are timestamps but no plausible time (plausible_time)
OUT_OF_RANGE_AT = ["9999-12-31 23:59:59", "2999-01-01 00:00:00", "2026-03-01 00:00:00",
                   "1899-12-31 23:59:59", "1850-06-15 12:00:00", "0001-01-01 00:00:00"]
#: dates no customer can have: nulled (and a birth date flagged), the row kept
IMPOSSIBLE_DATES = ["9999-12-31", "2999-02-03", "12/31/9999", "1800-01-01"]
#: one placeholder each, in writings that standardize alike: (raw, class), and the
#: clean value. The placeholder phone is no number (area code 555 is not in use):
#: null once cleansed
PLACEHOLDER_PHONES = [("+15555555555", "impossible_value"), ("555-555-5555", "impossible_value"),
                      ("(555) 555-5555", "impossible_value"),
                      ("+1 555 555 5555", "impossible_value")]
PLACEHOLDER_PHONE = None
PLACEHOLDER_EMAILS = [("noemail@example.com", None), ("NoEmail@Example.com ", "email_noise"),
                      (" noemail@example.com", "email_noise")]
PLACEHOLDER_EMAIL = "noemail@example.com"
PLACEHOLDER_BIRTH_DATES = [("1970-01-01", None), ("01/01/1970", "date_format"),
                           ("1 Jan 1970", "date_format"), ("19700101", "date_format")]
PLACEHOLDER_BIRTH_DATE = "1970-01-01"
PLACEHOLDER_ADDRESS = {"street_address": "123 Main St", "city": "Springfield",
                       "state": "IL", "postal_code": "62701"}
#: invisible characters inside names, and what the cleansed name must read
INVISIBLE_NAMES = [("Ma\x00ria", "Maria"), ("Jo\u200bhn", "John"), ("An\u00adna", "Anna"),
                   ("\ufeffLeo", "Leo"), ("Zo\u00eb\u202e", "Zo\u00eb"), ("Ni\x00\x00na", "Nina")]
INVISIBLE_LAST_NAME = ("Gar\x00cia", "Garcia")
#: walk-in groups: customers a store registered with its own phone and address
WALK_IN_GROUP = 300
SMALL_WALK_IN_GROUP = 25
#: columns copied from real customers into the crowd, with the writings kept as
#: they are (anything else would be a defect the ledger does not name)
CANONICAL = {"gender": {"Female", "Male", "Non-binary"},
             "loyalty_tier": {"Bronze", "Silver", "Gold", "Platinum"},
             "marketing_opt_in": {"true", "false"}}
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
#: real (city, state, ZIP code) triples written as the cleansing keeps them
CITY = re.compile(r"[A-Z][a-z]+( [A-Z][a-z]+)*")
STATE = re.compile(r"[A-Z]{2}")
ZIP = re.compile(r"\d{5}")


@dataclass
class HostileCustomers:
    """The rows, their ledger, and what the cleansing must make of them."""

    rows: list[dict] = field(default_factory=list)
    #: defect-ledger rows (without defect_id): what was injected into kept rows
    ledger: list[dict] = field(default_factory=list)
    #: raw customer_id text -> the quarantine reason it must get
    quarantined: dict[str, str] = field(default_factory=dict)
    #: hostile customer ids (fresh, canonical) that must be clean rows, merged into nobody
    clean_ids: set[int] = field(default_factory=set)
    #: real customer ids that hostile rows tried to add versions to
    targeted_ids: set[int] = field(default_factory=set)
    #: fresh id -> the first name the cleansing must give (invisible characters removed)
    expected_first_names: dict[int, str] = field(default_factory=dict)
    #: fresh ids whose values are 10,000 characters long
    long_ids: set[int] = field(default_factory=set)
    #: fresh ids with impossible signup and birth dates
    impossible_date_ids: set[int] = field(default_factory=set)
    counts: dict[str, int] = field(default_factory=dict)


def _long(i: int) -> str:
    """10,000 characters that clean_text and the spelling repairs keep as they are."""
    text = f"Long{i} " + "Ab1 " * (LONG // 4)
    return text[:LONG - 1] + "Z"


def _plan(n: int) -> tuple[dict[str, int], list[int]]:
    groups = [WALK_IN_GROUP] * max(1, n // 16_000) + [SMALL_WALK_IN_GROUP] * 4
    plan = {
        "walk_in": sum(groups),
        "long": max(10, n // 100),
        "invisible": max(12, n // 50),
        "non_canonical_id": 4 * max(5, n // 200),
        "out_of_range_version": max(12, n // 50),
        "impossible_dates": max(8, n // 100),
    }
    plan["placeholder"] = n - sum(plan.values())
    if plan["placeholder"] < 2 * WALK_IN_GROUP:
        raise ValueError(f"--hostile {n} is too few: at least "
                         f"{n - plan['placeholder'] + 2 * WALK_IN_GROUP} rows are needed")
    return plan, groups


def hostile_customers(existing: pa.Table, n: int, seed: int = 20) -> HostileCustomers:
    """n hostile raw customer rows, given the generated customers."""
    rng = np.random.default_rng(seed)
    cols = existing.column_names
    plan, groups = _plan(n)
    out = HostileCustomers(counts=plan)
    # the first row of each real customer, to copy under bad ids and bad versions
    firsts: dict[str, dict] = {}
    for row in existing.to_pylist():
        firsts.setdefault(row["customer_id"], row)
    real_rows = list(firsts.values())
    pools = {c: [r[c] for r in real_rows if r[c] in values] for c, values in CANONICAL.items()}
    pools["signup_date"] = [r["signup_date"] for r in real_rows
                            if r["signup_date"] and ISO_DATE.fullmatch(r["signup_date"])]
    # names spelled as most names are (capitalized letters), for the spelling
    # repairs to keep; distinct pairs for distinct people
    first_names = sorted({r["first_name"] for r in real_rows
                          if r["first_name"] and r["first_name"].isalpha()
                          and r["first_name"].istitle()})
    last_names = sorted({r["last_name"] for r in real_rows
                         if r["last_name"] and r["last_name"].isalpha()
                         and r["last_name"].istitle()})
    places = sorted({(r["city"], r["state"], r["postal_code"]) for r in real_rows
                     if r["city"] and CITY.fullmatch(r["city"]) and r["state"]
                     and STATE.fullmatch(r["state"]) and r["postal_code"]
                     and ZIP.fullmatch(r["postal_code"])})
    pairs = rng.choice(len(first_names) * len(last_names),
                       size=plan["placeholder"] + plan["walk_in"], replace=False)
    names = iter((first_names[k // len(last_names)], last_names[k % len(last_names)])
                 for k in pairs)
    next_id = FIRST_ID

    def fresh(**values) -> dict:
        nonlocal next_id
        next_id += 1
        row = dict.fromkeys(cols)
        row.update(customer_id=str(next_id), updated_at=IN_HISTORY, country="United States",
                   **{c: pool[int(rng.integers(len(pool)))] for c, pool in pools.items()})
        row.update(values)
        out.rows.append(row)
        out.clean_ids.add(next_id)
        return row

    def defect(row: dict, column: str, defect_class: str | None, clean: str | None) -> None:
        if defect_class:
            out.ledger.append({"table_name": "customers", "record_id": row["customer_id"],
                               "record_updated_at": row["updated_at"], "column_name": column,
                               "defect_class": defect_class, "clean_value": clean,
                               "dirty_value": row[column]})

    for i in range(plan["placeholder"]):
        first, last = next(names)
        phone, phone_defect = PLACEHOLDER_PHONES[i % len(PLACEHOLDER_PHONES)]
        email, email_defect = PLACEHOLDER_EMAILS[i % len(PLACEHOLDER_EMAILS)]
        birth, birth_defect = PLACEHOLDER_BIRTH_DATES[i % len(PLACEHOLDER_BIRTH_DATES)]
        if i < plan["placeholder"] // 5:
            address = PLACEHOLDER_ADDRESS
        else:
            city, state, postal_code = places[int(rng.integers(len(places)))]
            address = {**PLACEHOLDER_ADDRESS, "city": city, "state": state,
                       "postal_code": postal_code}
        row = fresh(first_name=first, last_name=last, phone=phone, email=email,
                    date_of_birth=birth, **address)
        defect(row, "phone", phone_defect, PLACEHOLDER_PHONE)
        defect(row, "email", email_defect, PLACEHOLDER_EMAIL)
        defect(row, "date_of_birth", birth_defect, PLACEHOLDER_BIRTH_DATE)
    for g, size in enumerate(groups):
        for _ in range(size):
            first, last = next(names)
            row = fresh(first_name=first, last_name=last, phone=f"(212) 555-{1000 + g:04d}",
                        date_of_birth="1970-01-01", street_address=f"{100 + g} Market Street",
                        city="Springfield", state="IL", postal_code="62701")
            defect(row, "phone", "phone_format", f"+1212555{1000 + g:04d}")
    for i in range(plan["long"]):
        row = fresh(**{c: _long(i) for c in cols if c not in ("customer_id", "updated_at")})
        out.long_ids.add(int(row["customer_id"]))
        # free text is kept as it came; no value of these columns can be 10,000
        # characters long, and which value was meant cannot be known
        for column in ("email", "phone", "date_of_birth", "gender", "state", "postal_code",
                       "country", "signup_date", "loyalty_tier", "marketing_opt_in"):
            defect(row, column, "impossible_value", None)
    for i in range(plan["invisible"]):
        raw_name, clean_name = INVISIBLE_NAMES[i % len(INVISIBLE_NAMES)]
        row = fresh(first_name=raw_name, last_name=INVISIBLE_LAST_NAME[0],
                    email=f"invisible{i}@example.com")
        if i % 6 == 5:
            # a NUL inside the key: not a number at all
            out.clean_ids.discard(int(row["customer_id"]))
            row["customer_id"] = row["customer_id"][:4] + "\x00" + row["customer_id"][4:]
            out.quarantined[row["customer_id"]] = "unreadable_customer_id"
            continue
        out.expected_first_names[int(row["customer_id"])] = clean_name
        defect(row, "first_name", "whitespace_casing", clean_name)
        defect(row, "last_name", "whitespace_casing", INVISIBLE_LAST_NAME[1])
    for i in range(plan["impossible_dates"]):
        row = fresh(first_name="Future", last_name=f"Person{i}",
                    signup_date=IMPOSSIBLE_DATES[i % len(IMPOSSIBLE_DATES)],
                    date_of_birth=IMPOSSIBLE_DATES[(i + 1) % len(IMPOSSIBLE_DATES)])
        out.impossible_date_ids.add(int(row["customer_id"]))
        defect(row, "signup_date", "impossible_value", None)
        defect(row, "date_of_birth", "impossible_value", None)
    targets = rng.choice(len(real_rows), size=plan["non_canonical_id"] // 4
                         + plan["out_of_range_version"], replace=False)
    for k in targets[:plan["non_canonical_id"] // 4]:
        row = real_rows[k]
        real_id = row["customer_id"]
        out.targeted_ids.add(int(real_id))
        for raw_id in (f" {real_id} ", f"000{real_id}", f"-{real_id}", f"{real_id} "):
            out.rows.append({**row, "customer_id": raw_id, "updated_at": NON_CANONICAL_AT,
                             "loyalty_tier": "Platinum"})
            out.quarantined[raw_id] = "non_canonical_customer_id"
    for j, k in enumerate(targets[plan["non_canonical_id"] // 4:]):
        row = real_rows[k]
        out.targeted_ids.add(int(row["customer_id"]))
        out.rows.append({**row, "updated_at": OUT_OF_RANGE_AT[j % len(OUT_OF_RANGE_AT)],
                         "loyalty_tier": "Platinum"})
    assert len(out.rows) == n, (len(out.rows), n)
    return out


def append_hostile_customers(data: Path, n: int, seed: int = 20) -> HostileCustomers:
    """Appends n hostile rows to data/customers.parquet and their ledger rows to
    data/defect_ledger.parquet, and updates the manifest."""
    hostile = hostile_customers(pq.read_table(data / "customers.parquet"), n, seed)
    rows = {}
    for table, extra in (("customers", hostile.rows), ("defect_ledger", hostile.ledger)):
        path = data / f"{table}.parquet"
        existing = pq.read_table(path)
        if table == "defect_ledger":
            first = max((int(i) for i in existing.column("defect_id").to_pylist()), default=0)
            extra = [{"defect_id": str(first + 1 + k), **r} for k, r in enumerate(extra)]
        combined = pa.concat_tables([existing, pa.Table.from_pylist(extra, existing.schema)])
        pq.write_table(combined, path)
        rows[table] = len(combined)
    manifest = pq.read_table(data / "generation_manifest.parquet").to_pylist()
    for row in manifest:
        if row["table_name"] in rows:
            row["row_count"] = str(rows[row["table_name"]])
    pq.write_table(pa.Table.from_pylist(manifest), data / "generation_manifest.parquet")
    return hostile


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=0.05)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--hostile", type=int, default=50_000,
                        help="hostile customer rows to append (0: the data set as generated)")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    from fashion_retail.gen.config import ConfigError, GeneratorConfig
    from fashion_retail.gen.generate import generate
    try:
        if args.hostile:
            _plan(args.hostile)
        generate(GeneratorConfig(scale=args.scale, seed=args.seed, out=args.out))
        hostile = append_hostile_customers(args.out, args.hostile) if args.hostile else None
    except (ConfigError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if hostile:
        plan = ", ".join(f"{k} {v:,}" for k, v in hostile.counts.items())
        print(f"{args.hostile:,} hostile customer rows appended to {args.out}: {plan}; "
              f"{len(hostile.ledger):,} ledger rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
