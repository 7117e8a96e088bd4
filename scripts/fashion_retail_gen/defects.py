"""The defect injector: clean table in, dirty table and ledger rows out.

Each eligible cell (non-null in the truth) draws one uniform number, which falls
in at most one defect class's interval, so a cell carries at most one defect and
every class hits its documented rate. Dirty values are produced only for the few
chosen cells, and written back with ``replace_with_mask``. Row defects (exact
duplicates, near-duplicate customers) are appended after the cell defects. Every
change is a ledger row holding the clean and the dirty value, so applying the
ledger's clean values to the raw table gives back the truth.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from fashion_retail_gen import schema, vocab
from fashion_retail_gen.rng import stream

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
LEDGER_SCHEMA = pa.schema([(c, pa.string()) for c in schema.LEDGER.column_names
                           if c != "defect_id"])


class Injector:
    """Injects defects into one table chunk at a time; collects ledger rows."""

    def __init__(self, seed: int, rate: float, as_of: dt.date,
                 id_ceiling: dict[str, int] | None = None):
        self.seed = seed
        self.rate = rate
        self.as_of = as_of
        # largest id per table, so broken references point at ids that do not exist
        self.id_ceiling = id_ceiling or {}

    # ------------------------------------------------------------------ cells
    def inject(self, table_name: str, clean: pa.Table, chunk: int = 0
               ) -> tuple[pa.Table, pa.Table]:
        spec = schema.TABLES[table_name]
        ledgers = []
        dirty_cols = {}
        keys = clean.column(spec.key).combine_chunks()
        versions = clean.column("updated_at").combine_chunks()
        for col in spec.columns:
            arr = clean.column(col.name).combine_chunks()
            rates = {k: v * self.rate for k, v in col.defects.items()}
            if not rates or self.rate == 0 or len(arr) == 0:
                dirty_cols[col.name] = arr
                continue
            rng = stream(self.seed, "defects", table_name, chunk, col.name)
            edges = np.cumsum(list(rates.values()))
            if edges[-1] >= 1:
                raise ValueError(f"defect rates of {table_name}.{col.name} sum to "
                                 f"{edges[-1]:.2f} at this --defect-rate; lower it")
            # one draw per cell: its class is the interval the draw falls in
            u = rng.random(len(arr))
            hit = np.flatnonzero(u < edges[-1])
            if arr.null_count:
                hit = hit[pc.is_valid(arr.take(pa.array(hit))).to_numpy(zero_copy_only=False)]
            hit_cls = np.searchsorted(edges, u[hit], side="right")
            chosen = np.zeros(len(arr), bool)
            chosen[hit] = True
            replacement = np.empty(len(hit), dtype=object)
            for k, cls in enumerate(rates):
                in_class = np.flatnonzero(hit_cls == k)
                idx = hit[in_class]
                if not len(idx):
                    continue
                take = pa.array(idx)
                values = arr.take(take).to_pylist()
                dirty = DIRTY[cls](values, rng, self, table_name, col)
                replacement[in_class] = dirty
                n = len(idx)
                ledgers.append(pa.table({
                    "table_name": pa.repeat(pa.scalar(table_name), n),
                    "record_id": keys.take(take),
                    "record_updated_at": versions.take(take),
                    "column_name": pa.repeat(pa.scalar(col.name), n),
                    "defect_class": pa.repeat(pa.scalar(cls), n),
                    "clean_value": pa.array(values, pa.string()),
                    "dirty_value": pa.array(dirty, pa.string()),
                }))
            if len(hit):
                # replace_with_mask takes the replacements in mask order, nulls too
                repl = pa.array(replacement, pa.string())
                filled = pc.replace_with_mask(arr, pa.array(chosen), pc.fill_null(repl, ""))
                if repl.null_count:
                    is_null = pc.is_null(repl).to_numpy(zero_copy_only=False)
                    null_mask = np.zeros(len(arr), bool)
                    null_mask[hit[is_null]] = True
                    filled = pc.if_else(pa.array(null_mask), pa.nulls(len(arr), pa.string()),
                                        filled)
                dirty_cols[col.name] = filled
            else:
                dirty_cols[col.name] = arr
        dirty = pa.table(dirty_cols)
        dirty, row_ledger = self._row_defects(spec, dirty, chunk)
        ledgers += row_ledger
        ledger = pa.concat_tables(ledgers) if ledgers else LEDGER_SCHEMA.empty_table()
        return dirty, ledger

    # ------------------------------------------------------------------ rows
    def _row_defects(self, spec: schema.Table, dirty: pa.Table, chunk: int):
        ledgers = []
        rate = spec.row_defects.get(schema.NEAR_DUP, 0) * self.rate
        extra = []
        if rate and len(dirty):
            rng = stream(self.seed, "defects", spec.name, chunk, schema.NEAR_DUP)
            near, ledger = near_duplicates(dirty, rng, rate,
                                           self.id_ceiling.get(spec.name, 0), self.as_of)
            extra.append(near)
            ledgers.append(ledger)
        rate = spec.row_defects.get(schema.EXACT_DUP, 0) * self.rate
        if rate and len(dirty):
            rng = stream(self.seed, "defects", spec.name, chunk, schema.EXACT_DUP)
            idx = np.flatnonzero(rng.random(len(dirty)) < rate)
            copies = dirty.take(pa.array(idx))
            extra.append(copies)
            n = len(idx)
            ledgers.append(pa.table({
                "table_name": pa.array([spec.name] * n, pa.string()),
                "record_id": copies.column(spec.key).combine_chunks(),
                "record_updated_at": copies.column("updated_at").combine_chunks(),
                "column_name": pa.nulls(n, pa.string()),
                "defect_class": pa.array([schema.EXACT_DUP] * n, pa.string()),
                "clean_value": pa.nulls(n, pa.string()),
                "dirty_value": pa.nulls(n, pa.string()),
            }))
        if extra:
            dirty = pa.concat_tables([dirty] + extra)
        return dirty, ledgers


def near_duplicates(dirty: pa.Table, rng: np.random.Generator, rate: float,
                    first_new_id: int, as_of: dt.date) -> tuple[pa.Table, pa.Table]:
    """The same person registered again under a new id, typed differently.

    Taken from first versions only (a person signs up again, they do not
    re-register a later version). Names get case and spacing noise, the e-mail
    case noise or another provider, the phone another writing, and the account
    starts over: a later signup and the lowest loyalty tier.
    """
    ids = pc.cast(dirty.column("customer_id"), pa.int64()).to_numpy()
    first_version = np.ones(len(ids), bool)
    _, first_pos = np.unique(ids, return_index=True)
    first_version[:] = False
    first_version[first_pos] = True
    idx = np.flatnonzero(first_version & (rng.random(len(ids)) < rate))
    rows = dirty.take(pa.array(idx)).to_pylist()
    new_ids = np.arange(first_new_id + 1, first_new_id + 1 + len(rows))
    out = []
    for row, new_id in zip(rows, new_ids):
        row = dict(row)
        original = row["customer_id"]
        row["customer_id"] = str(new_id)
        for name in ("first_name", "last_name"):
            if row[name]:
                row[name] = _case_variant(row[name].strip(), rng)
        if row["email"] and "@" in row["email"]:
            local, _, domain = row["email"].strip().lower().partition("@")
            row["email"] = (f"{local}@{rng.choice(list(vocab.EMAIL_DOMAINS))}"
                            if rng.random() < 0.35 else _case_variant(row["email"], rng))
        if row["phone"] and row["phone"].startswith("+1") and len(row["phone"]) == 12:
            row["phone"] = _nanp_format(row["phone"], int(rng.integers(0, 6)))
        signup = min(_parse_iso(row["updated_at"][:10])
                     + dt.timedelta(days=int(rng.integers(30, 400))), as_of)
        row["signup_date"] = signup.isoformat()
        row["loyalty_tier"] = "Bronze"
        row["updated_at"] = f"{signup.isoformat()} {row['updated_at'][11:]}"
        row["_original"] = original
        out.append(row)
    cols = dirty.column_names
    table = pa.table({c: pa.array([r[c] for r in out], pa.string()) for c in cols})
    n = len(out)
    ledger = pa.table({
        "table_name": pa.array(["customers"] * n, pa.string()),
        "record_id": table.column("customer_id").combine_chunks(),
        "record_updated_at": table.column("updated_at").combine_chunks(),
        "column_name": pa.nulls(n, pa.string()),
        "defect_class": pa.array([schema.NEAR_DUP] * n, pa.string()),
        "clean_value": pa.array([r["_original"] for r in out], pa.string()),
        "dirty_value": pa.nulls(n, pa.string()),
    })
    return table, ledger


# ---------------------------------------------------------------- dirty values
def _parse_iso(value: str) -> dt.date:
    return dt.date(int(value[:4]), int(value[5:7]), int(value[8:10]))


def _case_variant(value: str, rng) -> str:
    options = [value.upper(), value.lower(), f"  {value}", f"{value} ",
               value.replace(" ", "  ") if " " in value else f" {value} "]
    options = [o for o in options if o != value] or [f" {value} "]
    return options[int(rng.integers(0, len(options)))]


def missing(values, rng, *_):
    keys = list(vocab.MISSING_SPELLINGS)
    p = np.array(list(vocab.MISSING_SPELLINGS.values()))
    picks = rng.choice(len(keys), size=len(values), p=p / p.sum())
    return [keys[i] for i in picks]


def whitespace_casing(values, rng, *_):
    return [_case_variant(v, rng) for v in values]


@lru_cache(maxsize=200_000)
def _date_variant(value: str, style: int) -> str:
    d = _parse_iso(value)
    month = MONTHS[d.month - 1]
    return (
        f"{d.year}/{d.month:02d}/{d.day:02d}",
        f"{d.month:02d}/{d.day:02d}/{d.year}",
        f"{d.month}/{d.day}/{d.year}",
        f"{d.day} {month[:3]} {d.year}",
        f"{month} {d.day}, {d.year}",
        f"{month[:3]} {d.day} {d.year}",
        f"{d.year}{d.month:02d}{d.day:02d}",
    )[style]


def date_format(values, rng, *_):
    styles = rng.integers(0, 8, len(values))
    hours = rng.integers(0, 24, len(values))
    out = []
    for v, f, h in zip(values, styles, hours):
        out.append(f"{v}T{h:02d}:{(f * 7 + h) % 60:02d}:00" if f == 7
                   else _date_variant(v, int(f)))
    return out


def _nanp_format(e164: str, style: int, ext: str = "") -> str:
    a, e, n = e164[2:5], e164[5:8], e164[8:12]
    return [f"({a}) {e}-{n}", f"{a}.{e}.{n}", f"{a}-{e}-{n}", f"+1 {a} {e} {n}",
            f"1-{a}-{e}-{n}", f"{a}{e}{n}", f"({a}) {e}-{n} x{ext or '12'}",
            f"{a}-{e}-{n} ext. {ext or '305'}"][style]


def phone_format(values, rng, *_):
    out = []
    for v in values:
        if v.startswith("+1") and len(v) == 12:
            style = int(rng.integers(0, 8))
            out.append(_nanp_format(v, style, str(rng.integers(1, 999))))
        else:  # international: keep '+' and the digits, group them differently
            digits = v[1:]
            cut = 2 if len(digits) > 11 else 2 + int(rng.integers(0, 2))
            rest = digits[cut:]
            groups = [rest[i:i + 3] for i in range(0, len(rest), 3)]
            sep = [" ", "-", "."][int(rng.integers(0, 3))]
            out.append(f"+{digits[:cut]} " + sep.join(groups))
    return out


def email_noise(values, rng, *_):
    out = []
    for v in values:
        local, _, domain = v.partition("@")
        options = [v.upper(), f" {v}", f"{v} ", f"{local.title()}@{domain.title()}",
                   f"{local}@{domain.upper()}", f"  {v.title()} "]
        options = [o for o in options if o != v]
        out.append(options[int(rng.integers(0, len(options)))])
    return out


@lru_cache(maxsize=10_000)
def _synonyms(value: str) -> tuple[str, ...]:
    options = [s for s in vocab.SYNONYMS.get(value, []) if s != value]
    if not options:
        options = [f"Size {value}"] if value.isdigit() else [
            o for o in (value.upper(), value.lower()) if o != value] or [f" {value} "]
    return tuple(options)


def synonym(values, rng, *_):
    picks = rng.random(len(values))
    out = []
    for v, r in zip(values, picks):
        options = _synonyms(v)
        out.append(options[int(r * len(options))])
    return out


KEYBOARD = "qwertyuiopasdfghjklzxcvbnm"


def typo(values, rng, *_):
    out = []
    for v in values:
        if len(v) < 4:
            out.append(synonym([v], rng)[0])
            continue
        i = int(rng.integers(1, len(v) - 1))
        kind = int(rng.integers(0, 4))
        if kind == 0:
            t = v[:i] + v[i + 1:]                        # dropped letter
        elif kind == 1:
            t = v[:i] + v[i + 1] + v[i] + v[i + 2:]      # swapped letters
        elif kind == 2:
            t = v[:i] + v[i] + v[i:]                     # doubled letter
        else:
            t = v[:i] + KEYBOARD[int(rng.integers(0, 26))] + v[i + 1:]
        out.append(t if t != v else v[:i] + v[i + 1:])
    return out


def _thousands(value: str) -> str:
    """'1234.50' -> '1,234.50' (only whole parts of four digits or more change)."""
    whole, dot, frac = value.partition(".")
    if len(whole) <= 3:
        return value
    sign = "-" if whole[0] == "-" else ""
    digits = whole.lstrip("-")
    head = len(digits) % 3 or 3
    groups = [digits[:head]] + [digits[i:i + 3] for i in range(head, len(digits), 3)]
    return f"{sign}{','.join(groups)}{dot}{frac}"


def money_text(values, rng, *_):
    out = []
    picks = rng.integers(0, 6, len(values))
    for v, k in zip(values, picks):
        if k == 4 and v.endswith("0") and not v.endswith(".00"):
            out.append(v[:-1])                            # '1234.5'
        elif k == 5 and v.endswith(".00"):
            out.append(f" {v[:-3]} ")                     # ' 12 '
        elif k % 4 == 0:
            out.append(f"${_thousands(v)}")
        elif k % 4 == 1:
            out.append(f"USD {_thousands(v)}")
        elif k % 4 == 2:
            out.append(f"{_thousands(v)} USD")
        else:
            out.append(f"$ {v}")
    return out


def impossible(values, rng, injector, table, col):
    if col.kind == "birth_date":                          # ages of 150 to 220
        return [f"{int(v[:4]) - int(rng.integers(120, 190))}{v[4:]}" if v[5:10] != "02-29"
                else f"{int(v[:4]) - 160}{v[4:]}" for v in values]
    if col.kind == "quantity":
        return [f"-{v}" if rng.random() < 0.7 else "0" for v in values]
    return [f"-{v}" if not v.startswith("-") and v not in ("0", "0.00") else "-1"
            for v in values]


def outlier(values, rng, injector, table, col):
    out = []
    for v in values:
        factor = [10, 100, 1000][int(rng.integers(0, 3))]
        if "." in v:
            places = len(v.split(".")[1])
            # a zero amount has no magnitude to blow up: use a large one instead
            base = float(v) or float(rng.integers(20, 200))
            out.append(f"{base * factor:.{places}f}")
        else:
            out.append(str(max(int(v), 1) * int(rng.integers(25, 80))))
    return out


def spelling(values, rng, injector, table, col):
    out = []
    for v in values:
        if col.kind == "country":
            options = vocab.COUNTRY_SPELLINGS.get(v, [v.upper()])
        else:
            name = vocab.STATE_NAMES.get(v, v)
            options = [name, name.upper(), v.lower(), v.title(), f"{v}."]
            if v in vocab.STATE_ABBREVIATIONS_AP:
                options.append(vocab.STATE_ABBREVIATIONS_AP[v])
        options = [o for o in options if o != v] or [v.lower()]
        out.append(options[int(rng.integers(0, len(options)))])
    return out


REFERENCED = {("orders", "customer_id"): "customers", ("order_lines", "product_id"): "products",
              ("products", "seller_id"): "sellers"}


def broken_reference(values, rng, injector, table, col):
    target = REFERENCED[(table, col.name)]
    top = max(injector.id_ceiling.get(target, 0), 1000)
    # far above every real id and every near-duplicate id (those stay below 2x)
    return [str(x) for x in rng.integers(2 * top, 3 * top, len(values))]


DIRTY = {
    schema.MISSING: missing,
    schema.WHITESPACE: whitespace_casing,
    schema.DATE_FORMAT: date_format,
    schema.PHONE_FORMAT: phone_format,
    schema.EMAIL_NOISE: email_noise,
    schema.SYNONYM: synonym,
    schema.TYPO: typo,
    schema.MONEY_TEXT: money_text,
    schema.IMPOSSIBLE: impossible,
    schema.OUTLIER: outlier,
    schema.SPELLING: spelling,
    schema.BROKEN_REF: broken_reference,
}
