"""The defect injector: clean table in, dirty table and ledger rows out.

Each eligible cell (non-null in the truth) draws one uniform number, which falls
in at most one defect class's interval, so a cell carries at most one defect and
every class hits its documented rate. Dirty values are produced only for the few
chosen cells, and written back in one take over the column (``_replace``). Row defects (exact
duplicates, near-duplicate customers) are appended after the cell defects. Every
change is a ledger row holding the clean and the dirty value, so applying the
ledger's clean values to the raw table gives back the truth.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from fashion_retail.gen import reference, schema, text, vocab
from fashion_retail.gen.rng import stream

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
    def inject(self, table_name: str, clean: pa.Table, chunk: int = 0,
               shift: tuple[str, np.ndarray] | None = None,
               twice: np.ndarray | None = None) -> tuple[pa.Table, pa.Table]:
        """Dirty table and its ledger rows for one chunk of ``table_name``.

        Pipeline incidents come on top of the rated defects: ``shift`` is a column
        and a factor per row (0 for none) multiplying its value (a decimal shift),
        ``twice`` the rows loaded a second time. Both are defects (at
        ``--defect-rate 0`` there are none) with their own classes in the ledger.
        """
        spec = schema.TABLES[table_name]
        ledgers = []
        dirty_cols = {}
        keys = text.whole(clean.column(spec.key))
        versions = text.whole(clean.column("updated_at"))
        for col in spec.columns:
            arr = text.whole(clean.column(col.name))
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
            forced = shift[1] if shift is not None and shift[0] == col.name else None
            if forced is not None:
                hit = hit[forced[hit] == 0]
            hit_cls = np.searchsorted(edges, u[hit], side="right")
            replacement = np.empty(len(hit), dtype=object)
            for k, cls in enumerate(rates):
                in_class = np.flatnonzero(hit_cls == k)
                idx = hit[in_class]
                if not len(idx):
                    continue
                take = pa.array(idx)
                values = arr.take(take)
                dirty = corrupt(cls, values, rng, Context(self, table_name, col))
                replacement[in_class] = dirty
                ledgers.append(_ledger(table_name, keys, versions, idx, col.name, cls,
                                       values, dirty))
            if forced is not None and forced.any():
                idx = np.flatnonzero(forced)
                values = arr.take(pa.array(idx))
                shifted = decimal_shift(values, forced[idx])
                ledgers.append(_ledger(table_name, keys, versions, idx, col.name,
                                       schema.DECIMAL_SHIFT, values, shifted))
                order = np.argsort(np.concatenate([hit, idx]), kind="stable")
                hit = np.concatenate([hit, idx])[order]
                replacement = np.concatenate([replacement, shifted])[order]
            if len(hit):
                dirty_cols[col.name] = _replace(arr, hit, replacement)
            else:
                dirty_cols[col.name] = arr
        dirty = pa.table(dirty_cols)
        dirty, row_ledger = self._row_defects(spec, dirty, chunk,
                                              twice if self.rate else None)
        ledgers += row_ledger
        ledger = pa.concat_tables(ledgers) if ledgers else LEDGER_SCHEMA.empty_table()
        return dirty, ledger

    # ------------------------------------------------------------------ rows
    def _row_defects(self, spec: schema.Table, dirty: pa.Table, chunk: int,
                     twice: np.ndarray | None = None):
        ledgers = []
        extra = []
        if twice is not None and twice.any():
            copies = dirty.take(pa.array(np.flatnonzero(twice)))
            extra.append(copies)
            ledgers.append(_row_ledger(spec, copies, schema.DUPLICATE_LOAD))
        rate = spec.row_defects.get(schema.NEAR_DUP, 0) * self.rate
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
            ledgers.append(_row_ledger(spec, copies, schema.EXACT_DUP))
        if extra:
            dirty = pa.concat_tables([dirty] + extra)
        return dirty, ledgers


def _replace(arr: pa.Array, hit: np.ndarray, replacement: np.ndarray) -> pa.Array:
    """``arr`` with the cells at the sorted positions ``hit`` replaced (None gives null).

    One take over the column followed by its replacements: a single pass that
    carries nulls along, where replace_with_mask needs a null-free replacement
    and a second pass to put the nulls back.
    """
    n = len(arr)
    index = np.arange(n, dtype=np.int64 if n + len(hit) > 2**31 - 1 else np.int32)
    index[hit] = np.arange(n, n + len(hit), dtype=index.dtype)
    return pa.concat_arrays([arr, pa.array(replacement, pa.string())]).take(pa.array(index))


def _row_ledger(spec: schema.Table, copies: pa.Table, cls: str) -> pa.Table:
    """Ledger rows for extra copies of whole rows."""
    n = len(copies)
    return pa.table({
        "table_name": pa.array([spec.name] * n, pa.string()),
        "record_id": text.whole(copies.column(spec.key)),
        "record_updated_at": text.whole(copies.column("updated_at")),
        "column_name": pa.nulls(n, pa.string()),
        "defect_class": pa.array([cls] * n, pa.string()),
        "clean_value": pa.nulls(n, pa.string()),
        "dirty_value": pa.nulls(n, pa.string()),
    })


def _ledger(table_name: str, keys: pa.Array, versions: pa.Array, idx: np.ndarray,
            column: str, cls: str, clean: pa.Array, dirty: np.ndarray) -> pa.Table:
    take = pa.array(idx)
    n = len(idx)
    return pa.table({
        "table_name": pa.repeat(pa.scalar(table_name), n),
        "record_id": keys.take(take),
        "record_updated_at": versions.take(take),
        "column_name": pa.repeat(pa.scalar(column), n),
        "defect_class": pa.repeat(pa.scalar(cls), n),
        "clean_value": clean,
        "dirty_value": pa.array(dirty, pa.string()),
    })


def decimal_shift(values: pa.Array, factor: np.ndarray) -> np.ndarray:
    """Amounts as text, multiplied by ``factor`` (10 or 0.1) and written to the cent."""
    amounts = pc.cast(values, pa.float64()).to_numpy(zero_copy_only=False) * factor
    return np.array([f"{a:.2f}" for a in amounts], dtype=object)


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
                row[name] = _case_variant(row[name].strip(), int(rng.integers(0, 5)))
        if row["email"] and "@" in row["email"]:
            local, _, domain = row["email"].strip().lower().partition("@")
            row["email"] = (f"{local}@{rng.choice(list(vocab.EMAIL_DOMAINS))}"
                            if rng.random() < 0.35
                            else _case_variant(row["email"], int(rng.integers(0, 5))))
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
        "record_id": text.whole(table.column("customer_id")),
        "record_updated_at": text.whole(table.column("updated_at")),
        "column_name": pa.nulls(n, pa.string()),
        "defect_class": pa.array([schema.NEAR_DUP] * n, pa.string()),
        "clean_value": pa.array([r["_original"] for r in out], pa.string()),
        "dirty_value": pa.nulls(n, pa.string()),
    })
    return table, ledger


# ---------------------------------------------------------------- dirty values
# Each class is a pure function of (clean value, style): the style, an integer
# drawn per cell with numpy, picks the spelling, the format, the typo position.
# Dirty values are computed once per distinct (value, style) pair and spread to
# the cells with numpy, so the Python work grows with the number of distinct
# values, not with the number of rows.


@dataclass(frozen=True)
class Context:
    injector: Injector
    table: str
    column: schema.Column


def corrupt(cls: str, values: pa.Array, rng: np.random.Generator, ctx: Context) -> np.ndarray:
    """Dirty values (object array, None for null) for the clean ``values``."""
    styles_of, variant = CLASSES[cls]
    styles = styles_of(rng, len(values), ctx)
    if variant is None:                     # the style alone is the dirty value
        return styles
    if cls in VECTORISED:
        dirty = VECTORISED[cls](values, styles, ctx)
        if dirty is not None:
            return dirty
    encoded = values.dictionary_encode()
    codes = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    span = int(styles.max()) + 1
    pairs, inverse = np.unique(codes * span + styles, return_inverse=True)
    distinct = encoded.dictionary.to_pylist()
    dirty = [variant(distinct[p // span], int(p % span), ctx) for p in pairs.tolist()]
    return np.array(dirty, dtype=object)[inverse]


def _uniform(count: int):
    def draw(rng, n, ctx):
        return rng.integers(0, count, n)
    return draw


def _parse_iso(value: str) -> dt.date:
    return dt.date(int(value[:4]), int(value[5:7]), int(value[8:10]))


def _case_variant(value: str, style: int) -> str:
    options = [value.upper(), value.lower(), f"  {value}", f"{value} ",
               value.replace(" ", "  ") if " " in value else f" {value} "]
    options = [o for o in options if o != value] or [f" {value} "]
    return options[style % len(options)]


# missing_value: the spelling depends on nothing but the draw
_MISSING = np.array(list(vocab.MISSING_SPELLINGS), dtype=object)
_MISSING_P = np.array(list(vocab.MISSING_SPELLINGS.values()))


def _missing_styles(rng, n, ctx):
    return _MISSING[rng.choice(len(_MISSING), size=n, p=_MISSING_P / _MISSING_P.sum())]


def whitespace_casing(value: str, style: int, ctx) -> str:
    return _case_variant(value, style)


# date_format: seven date layouts, or an ISO timestamp at one of 24 hours
DATE_LAYOUTS = ["{y}/{mm}/{dd}", "{mm}/{dd}/{y}", "{m}/{d}/{y}", "{d} {mon} {y}",
                "{month} {d}, {y}", "{mon} {d} {y}", "{y}{mm}{dd}"]
# style 7 + hour: the date at that hour, minutes (hour * 7) % 60
DATE_STYLES = DATE_LAYOUTS + [f"{{iso}}T{hour:02d}:{(hour * 7) % 60:02d}:00"
                              for hour in range(24)]


def _date_styles(rng, n, ctx):
    layout = rng.integers(0, 8, n)
    return np.where(layout < 7, layout, 7 + rng.integers(0, 24, n))


def date_format(value: str, style: int, ctx) -> str:
    if style >= len(DATE_LAYOUTS):
        return DATE_STYLES[style].format(iso=value)
    d = _parse_iso(value)
    month = MONTHS[d.month - 1]
    return DATE_LAYOUTS[style].format(y=d.year, mm=f"{d.month:02d}", dd=f"{d.day:02d}",
                                      m=d.month, d=d.day, mon=month[:3], month=month)


ISO_DATE = r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"


def date_formats(values: pa.Array, styles: np.ndarray, ctx) -> np.ndarray | None:
    """date_format for every cell at once (None unless all are ISO dates)."""
    if not pc.all(pc.match_substring_regex(values, ISO_DATE)).as_py():
        return None
    mm, dd = pc.utf8_slice_codeunits(values, 5, 7), pc.utf8_slice_codeunits(values, 8, 10)
    month = pc.cast(mm, pa.int32())
    month_index = pc.subtract(month, 1)
    names = pa.array(MONTHS)
    fields = {
        "iso": values, "mm": mm, "dd": dd,
        "y": pc.cast(pc.cast(pc.utf8_slice_codeunits(values, 0, 4), pa.int32()), pa.string()),
        "m": pc.cast(month, pa.string()),
        "d": pc.cast(pc.cast(dd, pa.int32()), pa.string()),
        "month": names.take(month_index),
        "mon": pc.utf8_slice_codeunits(names, 0, 3).take(month_index),
    }
    return text.fill(DATE_STYLES, styles, fields)


NANP_LAYOUTS = ["({a}) {e}-{n}", "{a}.{e}.{n}", "{a}-{e}-{n}", "+1 {a} {e} {n}",
                "1-{a}-{e}-{n}", "{a}{e}{n}", "({a}) {e}-{n} x{ext}", "{a}-{e}-{n} ext. {ext}"]


def _nanp_format(e164: str, style: int, ext: str = "") -> str:
    default_ext = ("12", "305")[style - 6] if style >= 6 else ""
    return NANP_LAYOUTS[style].format(a=e164[2:5], e=e164[5:8], n=e164[8:12],
                                      ext=ext or default_ext)


EXTENSIONS = ("12", "305", "7", "4410", "88", "123", "9", "2001", "56", "640")
# phone_format's 26 styles: the six plain layouts, then each of the two layouts
# with an extension, with each of the ten extensions in turn
PHONE_STYLES = NANP_LAYOUTS[:6] + [
    NANP_LAYOUTS[6 + k % 2].replace("{ext}", EXTENSIONS[k // 2]) for k in range(20)]


def phone_format(value: str, style: int, ctx) -> str:
    """Styles 0-5: plain layouts; 6-25: a layout with one of ten extensions."""
    if value.startswith("+1") and len(value) == 12:
        if style < 6:
            return _nanp_format(value, style)
        return _nanp_format(value, 6 + (style - 6) % 2, EXTENSIONS[(style - 6) // 2])
    # international: keep '+' and the digits, group them differently
    digits = value[1:]
    cut = 2 if len(digits) > 11 else 2 + style % 2
    rest = digits[cut:]
    groups = [rest[i:i + 3] for i in range(0, len(rest), 3)]
    sep = (" ", "-", ".")[(style // 2) % 3]
    return f"+{digits[:cut]} " + sep.join(groups)


def phone_formats(values: pa.Array, styles: np.ndarray, ctx) -> np.ndarray | None:
    """phone_format for every cell at once (None unless all are +1 and ten digits)."""
    if not pc.all(pc.match_substring_regex(values, r"^\+1[0-9]{10}$")).as_py():
        return None
    fields = {"a": pc.utf8_slice_codeunits(values, 2, 5),
              "e": pc.utf8_slice_codeunits(values, 5, 8),
              "n": pc.utf8_slice_codeunits(values, 8, 12)}
    return text.fill(PHONE_STYLES, styles, fields)


def email_noise(value: str, style: int, ctx) -> str:
    local, _, domain = value.partition("@")
    options = [value.upper(), f" {value}", f"{value} ", f"{local.title()}@{domain.title()}",
               f"{local}@{domain.upper()}", f"  {value.title()} "]
    options = [o for o in options if o != value]
    return options[style % len(options)]


@lru_cache(maxsize=10_000)
def _synonyms(value: str) -> tuple[str, ...]:
    options = [s for s in vocab.SYNONYMS.get(value, []) if s != value]
    if not options:
        options = [f"Size {value}"] if value.isdigit() else [
            o for o in (value.upper(), value.lower()) if o != value] or [f" {value} "]
    return tuple(options)


# 60 is divisible by every option count up to 6, so each listed option is equally likely
SPELLING_STYLES = 60


def synonym(value: str, style: int, ctx) -> str:
    options = _synonyms(value)
    return options[style % len(options)]


KEYBOARD = "qwertyuiopasdfghjklzxcvbnm"


def typo(value: str, style: int, ctx) -> str:
    """A dropped, swapped, doubled or mistyped letter (never the first); the
    style encodes which."""
    if len(value) < 4:
        return synonym(value, style, ctx)
    i = 1 + style % (len(value) - 2)
    kind = (style // 64) % 4
    if kind == 3 and len(reference.spelling_key(value)) <= 6:
        # a wrong letter in a short word makes another word as often as a
        # typo ('Tops' -> 'Toys', 'Pink' -> 'Pine'): no reader can tell, so a
        # short word gets a dropped, swapped or doubled letter instead
        kind = (style // 256) % 3
    letter = KEYBOARD[(style // 256) % 26]
    if kind == 0:
        t = value[:i] + value[i + 1:]                            # dropped letter
    elif kind == 1:
        t = value[:i] + value[i + 1] + value[i] + value[i + 2:]  # swapped letters
    elif kind == 2:
        t = value[:i] + value[i] + value[i:]                     # doubled letter
    else:
        t = value[:i] + letter + value[i + 1:]                   # wrong key
    return t if t != value else value[:i] + value[i + 1:]


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


def money_text(value: str, style: int, ctx) -> str:
    if style == 4 and value.endswith("0") and not value.endswith(".00"):
        return value[:-1]                                        # '1234.5'
    if style == 5 and value.endswith(".00"):
        return f" {value[:-3]} "                                 # ' 12 '
    return (f"${_thousands(value)}", f"USD {_thousands(value)}",
            f"{_thousands(value)} USD", f"$ {value}")[style % 4]


def impossible(value: str, style: int, ctx) -> str:
    kind = ctx.column.kind
    if kind == "birth_date":                                     # ages of 120 to 190
        year = int(value[:4]) - 120 - style % 70
        day = "28" if value[5:10] == "02-29" else value[8:10]
        return f"{year}{value[4:8]}{day}"
    if kind == "quantity":
        return f"-{value}" if style % 10 < 7 else "0"
    return f"-{value}" if not value.startswith("-") and value not in ("0", "0.00") else "-1"


def outlier(value: str, style: int, ctx) -> str:
    if "." in value:
        places = len(value.split(".")[1])
        factor = (10, 100, 1000)[style % 3]
        # a zero amount has no magnitude to blow up: use a large one instead
        base = float(value) or float(20 + style // 3)
        return f"{base * factor:.{places}f}"
    return str(max(int(value), 1) * (25 + style % 56))


def spelling(value: str, style: int, ctx) -> str:
    if ctx.column.kind == "country":
        options = vocab.COUNTRY_SPELLINGS.get(value, [value.upper()])
    else:
        name = vocab.STATE_NAMES.get(value, value)
        options = [name, name.upper(), value.lower(), value.title(), f"{value}."]
        if value in vocab.STATE_ABBREVIATIONS_AP:
            options.append(vocab.STATE_ABBREVIATIONS_AP[value])
    options = [o for o in options if o != value] or [value.lower()]
    return options[style % len(options)]


REFERENCED = {("orders", "customer_id"): "customers", ("order_lines", "product_id"): "products",
              ("products", "seller_id"): "sellers"}


def _broken_reference_styles(rng, n, ctx):
    target = REFERENCED[(ctx.table, ctx.column.name)]
    top = max(ctx.injector.id_ceiling.get(target, 0), 1000)
    # far above every real id and every near-duplicate id (those stay below 2x)
    return text.integer_objects(rng.integers(2 * top, 3 * top, n))


# classes with a form that takes every cell at once (the same values as the
# variant's, without a Python call per distinct value); None: not for these values
VECTORISED = {schema.DATE_FORMAT: date_formats, schema.PHONE_FORMAT: phone_formats}

# class -> (draw the styles, variant function or None when the style is the value)
CLASSES = {
    schema.MISSING: (_missing_styles, None),
    schema.WHITESPACE: (_uniform(5), whitespace_casing),
    schema.DATE_FORMAT: (_date_styles, date_format),
    schema.PHONE_FORMAT: (_uniform(26), phone_format),
    schema.EMAIL_NOISE: (_uniform(6), email_noise),
    schema.SYNONYM: (_uniform(SPELLING_STYLES), synonym),
    schema.TYPO: (_uniform(64 * 4 * 26), typo),
    schema.MONEY_TEXT: (_uniform(6), money_text),
    schema.IMPOSSIBLE: (_uniform(70), impossible),
    schema.OUTLIER: (_uniform(3 * 180), outlier),
    schema.SPELLING: (_uniform(SPELLING_STYLES), spelling),
    schema.BROKEN_REF: (_broken_reference_styles, None),
}
