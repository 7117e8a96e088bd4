"""The clean truth of the slowly changing entities.

Each builder returns the raw-layer table (every column text, clean) and a small
typed view that later builders need (prices for sales, staff intervals for
attributing in-store sales, signup dates for picking customers). Entities that
change over time are emitted CDC-style: the same id appears again with a later
``updated_at`` carrying the new attribute values.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from fashion_retail.gen import curves, text, vocab
from fashion_retail.gen.config import GeneratorConfig
from fashion_retail.gen.pools import (
    Pools,
    ascii_fold,
    draw_people,
    faker_for,
    national_phone,
    us_phones,
)
from fashion_retail.gen.rng import Drawn, choice, draw, stream

RETAILER_DOMAIN = "atelier-retail.com"
DAY = np.timedelta64(1, "D")
SECONDS_PER_DAY = 86_400


def day(value: dt.date) -> np.datetime64:
    return np.datetime64(value, "D")


def at_time(dates: np.ndarray, rng: np.random.Generator, start_hour: int = 8,
            end_hour: int = 21) -> np.ndarray:
    """Dates plus a random time of day within business hours."""
    seconds = rng.integers(start_hour * 3600, end_hour * 3600, len(dates))
    return dates.astype("datetime64[s]") + seconds.astype("timedelta64[s]")


def uniform_dates(rng: np.random.Generator, low: np.ndarray, high: np.ndarray) -> np.ndarray:
    """One date uniformly in [low, high] per element (arrays of datetime64[D])."""
    span = (high - low).astype(int)
    return low + (rng.random(len(span)) * (span + 1)).astype(int) * DAY


@lru_cache(maxsize=100_000)
def slug(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", ascii_fold(value).lower())


def email_local(first: np.ndarray, last: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Usual local-part patterns: first.last, flast, first_last, firstlast42.

    Each pattern is built for its own rows only: joining Python strings costs
    per element, so five patterns built for every row cost five times as much.
    """
    n = len(first)
    f = np.array([slug(x) for x in first], dtype=object)
    l_ = np.array([slug(x) for x in last], dtype=object)
    pattern = rng.choice(5, size=n, p=[0.35, 0.2, 0.15, 0.15, 0.15])
    digits = rng.integers(1, 100, n)
    out = np.empty(n, dtype=object)
    rows = [np.flatnonzero(pattern == k) for k in range(5)]
    r = rows[0]
    out[r] = f[r] + "." + l_[r]
    r = rows[1]
    out[r] = np.array([x[:1] for x in f[r]], dtype=object) + l_[r]
    r = rows[2]
    out[r] = f[r] + "_" + l_[r]
    r = rows[3]
    out[r] = f[r] + l_[r] + text.integer_objects(digits[r])
    r = rows[4]
    out[r] = l_[r] + "." + f[r]
    return out


def unique_emails(local: np.ndarray, domains: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """``local@domain``; an address already taken gets the person's id after
    its local part. Found with Arrow's hashing rather than a Python set, then
    checked: should a new address collide with any other (rare), the rows are
    walked one by one, as the set did, for the same result."""
    emails = local + "@" + domains
    if not len(emails):
        return emails
    encoded = pa.array(emails, pa.string()).dictionary_encode()
    taken = np.ones(len(emails), bool)
    taken[np.unique(encoded.indices.to_numpy(), return_index=True)[1]] = False
    again = np.flatnonzero(taken)
    renamed = np.array([f"{local[i]}{ids[i]}@{domains[i]}" for i in again], dtype=object)
    if len(set(renamed.tolist())) == len(renamed) and not pc.any(
            pc.is_in(pa.array(renamed, pa.string()), value_set=encoded.dictionary)).as_py():
        emails[again] = renamed
        return emails
    seen: set[str] = set()
    for i, email in enumerate(emails):
        if email in seen:
            emails[i] = f"{local[i]}{ids[i]}@{domains[i]}"
        seen.add(emails[i])
    return emails


def person_emails(first, last, ids, rng, pools: Pools) -> np.ndarray:
    n = len(first)
    domains = choice(rng, vocab.EMAIL_DOMAINS, n)
    work = rng.random(n) < vocab.WORK_EMAIL_SHARE
    domains[work] = pools.work_domains[rng.integers(0, len(pools.work_domains), work.sum())]
    return unique_emails(email_local(first, last, rng), domains, ids)


class Deferred:
    """An entity's text, built on first use. The sales worker needs only the
    entities' numbers (ids, dates, prices, weights), so Faker's companies, the
    people's names and the formatted columns are built after it has started,
    by the process that writes them, and not on the run's serial start. Each
    entity has its own random stream, and the draws for its numbers are all
    made before its text's, so the values are the same whenever it is built."""

    def __init__(self, build: Callable[[], object]):
        self._build = build

    @cached_property
    def value(self):
        value, self._build = self._build(), None
        return value


# --------------------------------------------------------------------------- stores
@dataclass
class Stores:
    table: pa.Table
    ids: np.ndarray            # store_id per store, online first
    is_online: np.ndarray
    opened: np.ndarray         # datetime64[D]
    weight: np.ndarray         # share of in-store demand (0 for online)
    state: np.ndarray


def build_stores(cfg: GeneratorConfig, pools: Pools) -> Stores:
    rng = stream(cfg.seed, "stores")
    n = cfg.n_stores
    market_p = np.array([m[3] for m in vocab.MARKETS])
    market = rng.choice(len(vocab.MARKETS), size=n, p=market_p / market_p.sum())
    city_idx = np.empty(n, dtype=int)
    for i, m in enumerate(market):
        candidates = np.flatnonzero(pools.city_market == m)
        city_idx[i] = candidates[rng.integers(0, len(candidates))]
    kinds = rng.choice(list(curves.STORE_FORMATS), size=n,
                       p=list(curves.STORE_FORMATS.values()))
    median, spread = curves.STORE_SIZE_SQM
    size = np.round(np.exp(rng.normal(np.log(median), spread, n)))
    for kind, factor in curves.STORE_FORMAT_SIZE.items():
        size[kinds == kind] *= factor
    size = np.round(size)
    start = day(cfg.start_date)
    new = rng.random(n) < curves.NEW_STORE_SHARE
    opened = np.where(
        new,
        uniform_dates(rng, np.full(n, start + 60 * DAY), np.full(n, start + 700 * DAY)),
        uniform_dates(rng, np.full(n, day(dt.date(2005, 1, 1))),
                      np.full(n, start - 30 * DAY)),
    )
    hq_city = np.flatnonzero(pools.city_states == "NY")[0]
    cities = np.concatenate([[pools.cities[hq_city]], pools.cities[city_idx]])
    states = np.concatenate([["NY"], pools.city_states[city_idx]])
    names = np.concatenate([["Online Store"], cities[1:] + " " + kinds])
    # two stores in one city get a number so store names stay unique
    seen: dict[str, int] = {}
    for i, name in enumerate(names):
        seen[name] = seen.get(name, 0) + 1
        if seen[name] > 1:
            names[i] = f"{name} {seen[name]}"
    opened_all = np.concatenate([[day(dt.date(2012, 3, 1))], opened])
    numbers = rng.integers(1, 2000, n + 1)
    streets = pools.streets[rng.integers(0, len(pools.streets), n + 1)]
    ids = np.arange(1, n + 2)
    region = np.array(["Online"] + [vocab.MARKETS[m][2] for m in market], dtype=object)
    sqm = np.concatenate([[np.nan], size])
    table = text.table({
        "store_id": text.integer(ids),
        "store_name": names,
        "channel": np.where(ids == 1, "online", "store"),
        "street_address": numbers.astype(str).astype(object) + " " + streets,
        "city": cities,
        "state": states,
        "postal_code": np.concatenate([[pools.city_zips[hq_city]], pools.city_zips[city_idx]]),
        "country": np.full(n + 1, "United States", dtype=object),
        "region": region,
        "opened_date": text.date(opened_all),
        "size_sqm": text.integer(np.where(np.isnan(sqm), None, sqm).astype(object)),
        "updated_at": text.timestamp(at_time(opened_all, rng)),
    })
    weight = np.concatenate([[0.0], size / size.sum()])
    return Stores(table, ids, ids == 1, opened_all, weight, states)


# --------------------------------------------------------------------------- sellers
@dataclass
class Sellers:
    ids: np.ndarray
    tier: np.ndarray
    onboarded: np.ndarray
    size: np.ndarray           # relative catalogue size
    deferred: Deferred         # (table, brand per seller), built on first use

    @property
    def table(self) -> pa.Table:
        return self.deferred.value[0]

    @property
    def brand(self) -> np.ndarray:
        return self.deferred.value[1]


def build_sellers(cfg: GeneratorConfig, pools: Pools) -> Sellers:
    rng = stream(cfg.seed, "sellers")
    n = cfg.n_sellers
    country_p = np.array([c[4] for c in vocab.SELLER_COUNTRIES])
    country = rng.choice(len(vocab.SELLER_COUNTRIES), size=n, p=country_p / country_p.sum())
    tier = choice(rng, {k: v["p"] for k, v in vocab.BRAND_TIERS.items()}, n)
    phones = [national_phone(rng, *vocab.SELLER_COUNTRIES[c][2:4]) for c in country]
    commission = np.array([rng.uniform(*vocab.BRAND_TIERS[t]["commission"]) for t in tier])
    onboarded = uniform_dates(rng, np.full(n, day(dt.date(2010, 1, 1))),
                              np.full(n, day(cfg.start_date) + 400 * DAY))
    ids = np.arange(1, n + 1)
    # CDC: a share of sellers renegotiate their commission during the history
    changed = np.flatnonzero(rng.random(n) < 0.2)
    change_at = uniform_dates(rng, np.maximum(onboarded[changed], day(cfg.start_date)),
                              np.full(len(changed), day(cfg.end_date) - 30 * DAY))
    new_commission = commission[changed] + rng.choice([-0.02, 0.02, 0.03], len(changed))
    created_at, changed_at = at_time(onboarded, rng), at_time(change_at, rng)
    size = np.exp(rng.normal(0, 0.8, n))

    def seller_text() -> tuple[pa.Table, np.ndarray]:
        """Companies and contacts from Faker, seeded per locale (its own
        random numbers, not this stream's)."""
        companies, brands, contacts, emails = [], [], [], []
        seeded: set[str] = set()
        used: set[str] = set()
        for i, c in enumerate(country):
            name, locale, _, _, _ = vocab.SELLER_COUNTRIES[c]
            fake = faker_for(locale)
            if locale not in seeded:
                fake.seed_instance(cfg.seed + 1)
                seeded.add(locale)
            company = fake.company()
            if company in used:
                company = f"{company} ({i + 1})"
            used.add(company)
            brand = re.split(r"[\s,&-]+", re.sub(r"[^\w\s,&-]", "", company))[0].title()
            first, last = fake.first_name(), fake.last_name()
            domain = slug(company)[:20] or "supplier"
            tld = {"United States": "com", "United Kingdom": "co.uk"}.get(
                name, locale[-2:].lower())
            companies.append(company)
            brands.append(f"{brand} {['Studio', 'Label', 'Atelier', 'Collective'][i % 4]}"
                          if len(brand) < 4 else brand)
            contacts.append((first, last))
            emails.append(f"{slug(first)}.{slug(last)}@{domain}.{tld}")
        base = {
            "seller_id": text.integer(ids),
            "company_name": np.array(companies, dtype=object),
            "brand_name": np.array(brands, dtype=object),
            "contact_first_name": np.array([c[0] for c in contacts], dtype=object),
            "contact_last_name": np.array([c[1] for c in contacts], dtype=object),
            "contact_email": np.array(emails, dtype=object),
            "contact_phone": np.array(phones, dtype=object),
            "country": np.array([vocab.SELLER_COUNTRIES[c][0] for c in country], dtype=object),
            "brand_tier": tier,
            "onboarded_date": text.date(onboarded),
        }
        table = _versions(
            base, ids, changed,
            {"commission_rate": (commission, new_commission)},
            created_at, changed_at,
            {"commission_rate": lambda v: np.char.mod("%.3f", np.round(v, 3)).astype(object)},
        )
        return table, np.array(brands, dtype=object)

    return Sellers(ids, tier, onboarded, size, Deferred(seller_text))


def _versions(base: dict, ids: np.ndarray, changed: np.ndarray,
              changes: dict[str, tuple[np.ndarray, np.ndarray]],
              created_at: np.ndarray, changed_at: np.ndarray, fmt: dict) -> pa.Table:
    """First versions of every row, then the changed rows with later updated_at.

    ``changes`` maps a column to (value per row, new value per changed row); the
    new version copies every other column from the first version.
    """
    first = dict(base)
    for col, (values, _) in changes.items():
        first[col] = fmt[col](values) if col in fmt else values
    first["updated_at"] = text.timestamp(created_at)
    replaced = {col: fmt[col](new) if col in fmt else new for col, (_, new) in changes.items()}
    replaced["updated_at"] = text.timestamp(changed_at)
    return _with_later_versions(text.table(first), changed, replaced, changed_at)


def _with_later_versions(first: pa.Table, rows: np.ndarray, replaced: dict,
                         order_by: np.ndarray) -> pa.Table:
    """``first`` (one version per row), then a later version of each of ``rows``:
    a copy of its first version with the ``replaced`` columns' new values
    (updated_at among them), in the stable order of ``order_by``. Taken from the
    first versions' Arrow table, so no column is converted twice."""
    later = first.take(pa.array(rows, pa.int64()))
    for name, values in replaced.items():
        later = later.set_column(later.schema.get_field_index(name), name, text.column(values))
    return pa.concat_tables([first, later.take(pa.array(np.argsort(order_by, kind="stable")))])


# --------------------------------------------------------------------------- products
@dataclass
class Products:
    deferred: Deferred         # the table, built on first use
    ids: np.ndarray
    category: np.ndarray       # index into CATEGORY_NAMES
    intro: np.ndarray          # datetime64[D] first day on sale
    price: np.ndarray          # cents before the price change
    new_price: np.ndarray      # cents after the price change (= price if none)
    change_date: np.ndarray    # datetime64[D], far future if none
    season_sign: np.ndarray    # category season affinity
    popularity: np.ndarray
    size_weight: np.ndarray    # share of the size within its style
    seller: np.ndarray
    style: np.ndarray          # style number per SKU (sizes of one style share it)

    @property
    def table(self) -> pa.Table:
        return self.deferred.value


CATEGORY_NAMES = list(vocab.CATEGORIES)


def price_point(cents: np.ndarray) -> np.ndarray:
    """Round to retail price points: x9.99 / x4.99 below $100, whole 5s above."""
    dollars = cents / 100
    low = np.floor(dollars / 5) * 5 + 4.99
    high = np.round(dollars / 5) * 5
    return np.round(np.where(dollars < 100, low, high) * 100).astype(np.int64)


def build_products(cfg: GeneratorConfig, sellers: Sellers) -> Products:
    rng = stream(cfg.seed, "products")
    n = cfg.n_styles
    share = np.array([c["share"] for c in vocab.CATEGORIES.values()])
    cat = rng.choice(len(CATEGORY_NAMES), size=n, p=share / share.sum())
    seller = rng.choice(len(sellers.ids), size=n, p=sellers.size / sellers.size.sum())
    colour = choice(rng, vocab.COLOURS, n)
    start, end = day(cfg.start_date), day(cfg.end_date)
    # core range on sale before the history; the rest launches each season
    launches = []
    year = cfg.start_date.year
    while dt.date(year, 2, 1) < cfg.end_date:
        launches += [day(dt.date(year, 2, 1)), day(dt.date(year, 8, 1))]
        year += 1
    launches = np.array([x for x in launches if x < end - 60 * DAY])
    if not len(launches):
        # a history of a few weeks (or one day) has no launch of its own: the
        # range then launched in the last season before it
        year = (cfg.end_date - dt.timedelta(days=60)).year
        launches = np.array([x for x in (day(dt.date(year - 1, 8, 1)), day(dt.date(year, 2, 1)),
                                         day(dt.date(year, 8, 1)))
                             if x < end - 60 * DAY][-1:])
    core = rng.random(n) < 0.35
    intro = np.where(core, start - rng.integers(30, 720, n) * DAY,
                     launches[rng.integers(0, len(launches), n)] + rng.integers(-20, 20, n) * DAY)
    intro = np.maximum(intro, sellers.onboarded[seller] + 14 * DAY)
    tiers = sellers.tier[seller]
    base = np.array([vocab.CATEGORIES[CATEGORY_NAMES[c]]["price"] for c in cat], dtype=float)
    mult = np.array([vocab.BRAND_TIERS[t]["mult"] for t in tiers])
    price = price_point(base * mult * np.exp(rng.normal(0, 0.22, n)) * 100)
    margin = np.array([rng.uniform(*vocab.BRAND_TIERS[t]["margin"]) for t in tiers])
    cost = np.round(price * (1 - margin)).astype(np.int64)
    cfgs = [vocab.CATEGORIES[CATEGORY_NAMES[c]] for c in cat]
    material = np.array([c["materials"][rng.integers(0, len(c["materials"]))] for c in cfgs],
                        dtype=object)
    noun = np.array([c["nouns"][rng.integers(0, len(c["nouns"]))] for c in cfgs], dtype=object)
    adjective = np.array(vocab.ADJECTIVES, dtype=object)[rng.integers(0, len(vocab.ADJECTIVES), n)]
    changed = rng.random(n) < 0.30
    change_date = np.where(
        changed,
        uniform_dates(rng, np.maximum(intro + 60 * DAY, start), np.full(n, end - 30 * DAY)),
        end + 3650 * DAY,
    )
    changed &= change_date < end
    new_price = np.where(changed, price_point(price * rng.uniform(1.04, 1.12, n)), price)
    popularity = np.exp(rng.normal(0, 0.8, n))

    # expand styles into SKUs, one per size
    rows = {k: [] for k in ("style", "size", "size_w")}
    for s in range(n):
        system = vocab.CATEGORIES[CATEGORY_NAMES[cat[s]]]["sizes"]
        sizes = vocab.SIZE_SYSTEMS[system]
        keep = [k for k in sizes if not (k == "XXL" and rng.random() < 0.5)]
        for size in keep:
            rows["style"].append(s)
            rows["size"].append(size)
            rows["size_w"].append(sizes[size])
    style = np.array(rows["style"])
    sizes = np.array(rows["size"], dtype=object)
    m = len(style)
    ids = np.arange(1, m + 1)
    created = at_time(intro[style] - 30 * DAY, rng)
    sku_changed = np.flatnonzero(changed[style])
    changed_at = at_time(change_date[style][sku_changed] - DAY, rng, 0, 6)

    def product_text() -> pa.Table:
        name = adjective + " " + material + " " + noun
        month = intro.astype("datetime64[M]").astype(int) % 12 + 1
        yy = (intro.astype("datetime64[Y]").astype(int) + 1970) % 100
        season = np.where((month >= 2) & (month <= 7), "SS", "AW")
        yy = np.where((season == "AW") & (month == 1), yy - 1, yy)
        season = season.astype(object) + np.char.zfill(yy.astype(str), 2).astype(object)
        cat_code = np.array([CATEGORY_NAMES[c][:3].upper() for c in cat], dtype=object)
        sku = (cat_code[style] + np.char.zfill((style + 1).astype(str), 5).astype(object) + "-"
               + np.array([c[:3].upper() for c in colour], dtype=object)[style] + "-"
               + np.array([s.replace(" ", "").upper() for s in sizes], dtype=object))
        base_cols = {
            "product_id": text.integer(ids),
            "sku": sku,
            "product_name": sellers.brand[seller][style] + " " + name[style],
            "brand": sellers.brand[seller][style],
            "category": np.array(CATEGORY_NAMES, dtype=object)[cat][style],
            "size": sizes,
            "colour": colour[style],
            "material": material[style],
            "season": season[style],
            "cost": text.cents(cost[style]),
            "seller_id": text.integer(sellers.ids[seller][style]),
            "launch_date": text.date(intro[style]),
        }
        table = _versions(
            base_cols, ids, sku_changed,
            {"list_price": (price[style], new_price[style][sku_changed])},
            created, changed_at,
            {"list_price": text.cents},
        )
        cols = table.column_names
        order = cols[:cols.index("cost") + 1] + ["list_price"] + [
            c for c in cols[cols.index("cost") + 1:] if c != "list_price"]
        return table.select(order)

    size_w = np.array(rows["size_w"])
    return Products(
        deferred=Deferred(product_text), ids=ids, category=cat[style], intro=intro[style],
        price=price[style], new_price=new_price[style], change_date=change_date[style],
        season_sign=np.array([vocab.CATEGORIES[CATEGORY_NAMES[c]]["season"]
                              for c in cat])[style],
        popularity=popularity[style] * size_w, size_weight=size_w,
        seller=seller[style], style=style,
    )


# --------------------------------------------------------------------------- employees
@dataclass
class Staff:
    """Intervals during which an employee sells at a store (for attributing sales)."""
    employee_id: np.ndarray
    store_id: np.ndarray
    start: np.ndarray          # datetime64[D], inclusive
    end: np.ndarray            # datetime64[D], inclusive


@dataclass
class Employees:
    staff: Staff
    deferred: Deferred         # the table, built on first use

    @property
    def table(self) -> pa.Table:
        return self.deferred.value


def build_employees(cfg: GeneratorConfig, pools: Pools, stores: Stores) -> Employees:
    """Position slots per store, filled by a chain of hires as people leave.

    Each hire can later be promoted, transferred to another store or given a
    raise, which emits a new CDC version. The store manager reports to the
    region's manager, everyone else in a store to its current store manager.
    """
    rng = stream(cfg.seed, "employees")
    hiring = _Hiring(rng, day(cfg.start_date), day(cfg.end_date))
    head, regional = _hire_leadership(hiring, stores)
    _staff_stores(hiring, stores, head, regional)
    versions = _change_versions(hiring, stores)
    _move_transferred_intervals(hiring.rows, hiring.staff, versions)
    staff = _staff_intervals(hiring.staff, hiring.end)
    rows = hiring.rows
    return Employees(staff, Deferred(lambda: _employee_table(rng, pools, rows, versions)))


@dataclass
class _Hiring:
    """The employees' stream and what hiring has built so far."""
    rng: np.random.Generator
    start: np.datetime64
    end: np.datetime64
    rows: list[dict] = field(default_factory=list)      # one per version
    staff: list[tuple] = field(default_factory=list)    # (employee, store, from, to)
    next_id: int = 1

    def hire(self, job: str, dept: str, store, hire_date, manager) -> tuple[int, object]:
        """A new employee's first version, paid from the job's salary band; their
        id and termination date (None: still employed at the end)."""
        emp = self.next_id
        self.next_id += 1
        term = hire_date + curves.tenure_days(self.rng, curves.TENURE_YEARS[job]) * DAY
        term = term if term <= self.end else None
        salary = curves.salary_offer(self.rng, curves.SALARY_BANDS[job])
        self.rows.append(dict(employee_id=emp, job_title=job, department=dept, store_id=store,
                              hire_date=hire_date, termination_date=term, manager_id=manager,
                              salary=salary, valid_from=hire_date, is_first=True))
        return emp, term

    def fill_slot(self, store: int, job: str, dept: str, opened,
                  manager_chain: Callable) -> list[tuple]:
        """Hire a chain of people into one slot from the store's opening to the
        end: (employee, hire date, termination date) per holder."""
        rng = self.rng
        t = max(opened - int(rng.integers(*curves.HIRED_BEFORE_OPENING_DAYS)) * DAY,
                self.start - int(rng.integers(*curves.HIRED_BEFORE_HISTORY_DAYS)) * DAY)
        chain = []
        while t <= self.end:
            emp, term = self.hire(job, dept, store, t, manager_chain(t))
            chain.append((emp, t, term))
            if term is None:
                break
            gap = 0 if job == "Store Manager" else int(rng.integers(*curves.VACANCY_DAYS))
            t = term + (gap + 1) * DAY
        return chain


def _hire_leadership(hiring: _Hiring, stores: Stores) -> tuple[int, dict[str, int]]:
    """The Head of Retail and a regional manager per region of the stores, all
    hired before the history; their ids."""
    regions = sorted({r for r in stores.table.column("region").to_pylist() if r != "Online"})
    head = hiring.hire(vocab.HEAD_JOB["title"], vocab.HEAD_JOB["dept"], None,
                       hiring.start - curves.HEAD_HIRED_BEFORE_DAYS * DAY, None)[0]
    regional = {}
    for region in regions:
        hired = hiring.start - int(hiring.rng.integers(*curves.REGIONAL_HIRED_BEFORE_DAYS)) * DAY
        regional[region] = hiring.hire(vocab.REGIONAL_JOB["title"], vocab.REGIONAL_JOB["dept"],
                                       None, hired, head)[0]
    return head, regional


def _staff_stores(hiring: _Hiring, stores: Stores, head: int,
                  regional: dict[str, int]) -> None:
    """Fill every store's slots, in store order."""
    region_of = dict(zip(stores.ids.tolist(), stores.table.column("region").to_pylist()))
    for store, opened, online in zip(stores.ids, stores.opened, stores.is_online):
        store = int(store)
        if online:
            _staff_online_store(hiring, store, opened, head)
        else:
            _staff_physical_store(hiring, store, opened, regional[region_of[store]])


def _staff_online_store(hiring: _Hiring, store: int, opened, head: int) -> None:
    """The e-commerce team: its manager reports to the Head of Retail, the rest
    to the e-commerce manager of the day. Nobody online sells in a store."""
    lead_job = "E-commerce Manager"
    lead = hiring.fill_slot(store, lead_job, vocab.ONLINE_JOBS[lead_job]["dept"], opened,
                            lambda t: head)
    for job, spec in vocab.ONLINE_JOBS.items():
        if job == lead_job:
            continue
        for _ in range(spec["count"]):
            hiring.fill_slot(store, job, spec["dept"], opened, _chain_lookup(lead))


def _staff_physical_store(hiring: _Hiring, store: int, opened, boss: int) -> None:
    """A store's team: its manager reports to the regional manager, the rest to
    the store manager of the day. The selling jobs' intervals go to the staff,
    the store managers' last."""
    lead_job = "Store Manager"
    managers = hiring.fill_slot(store, lead_job, vocab.STORE_JOBS[lead_job]["dept"], opened,
                                lambda t: boss)
    for job, spec in vocab.STORE_JOBS.items():
        if job == lead_job:
            continue
        for _ in range(spec["per_store"]):
            chain = hiring.fill_slot(store, job, spec["dept"], opened, _chain_lookup(managers))
            if job in vocab.SELLING_JOBS:
                hiring.staff += [(e, store, h, t) for e, h, t in chain]
    hiring.staff += [(e, store, h, t) for e, h, t in managers]


def _change_versions(hiring: _Hiring, stores: Stores) -> list[dict]:
    """CDC changes: a later version for a share of the employees, dated well
    after their hire and before they leave."""
    rng, physical = hiring.rng, stores.ids[~stores.is_online]
    versions = []
    for row in list(hiring.rows):
        lo = max(row["hire_date"] + curves.CHANGE_AFTER_HIRE_DAYS * DAY, hiring.start)
        hi = (row["termination_date"] or hiring.end) - curves.CHANGE_BEFORE_LEAVING_DAYS * DAY
        if hi <= lo or rng.random() >= curves.EMPLOYEE_CHANGE_RATE:
            continue
        when = lo + int(rng.integers(0, (hi - lo).astype(int))) * DAY
        versions.append(_changed(rng, hiring.rows, physical, row, when))
    return versions


def _changed(rng: np.random.Generator, rows: list[dict], physical: np.ndarray, row: dict,
             when) -> dict:
    """``row``'s version from ``when`` on: promoted up the ladder where the job
    has one, else transferred (selling staff below management), else raised."""
    new = dict(row, valid_from=when, is_first=False)
    kind = rng.random()
    promote_below, transfer_below = curves.CHANGE_KIND_CUTS
    if row["job_title"] in vocab.PROMOTIONS and kind < promote_below:
        new["job_title"] = vocab.PROMOTIONS[row["job_title"]]
        new["department"] = vocab.STORE_JOBS[new["job_title"]]["dept"]
        new["salary"] = max(row["salary"] + curves.PROMOTION_MIN_RAISE,
                            curves.salary_offer(rng, curves.SALARY_BANDS[new["job_title"]]))
    elif (row["job_title"] in vocab.SELLING_JOBS[2:] and kind < transfer_below
          and len(physical) > 1):
        new["store_id"] = _transfer_store(rng, physical, row["store_id"])
        new["manager_id"] = _manager_at(rows, new["store_id"], when, row["manager_id"])
    else:
        raised = row["salary"] * rng.uniform(*curves.RAISE_FACTOR)
        new["salary"] = int(round(raised / curves.SALARY_ROUNDING) * curves.SALARY_ROUNDING)
    return new


def _transfer_store(rng: np.random.Generator, physical: np.ndarray, current: int) -> int:
    """Another physical store, drawn uniformly (the next one if the draw is ``current``)."""
    store = int(physical[rng.integers(0, len(physical))])
    if store == current:
        store = int(physical[(np.flatnonzero(physical == current)[0] + 1) % len(physical)])
    return store


def _move_transferred_intervals(rows: list[dict], staff: list[tuple],
                                versions: list[dict]) -> None:
    """A transfer moves the selling interval from the change date on (an
    employee has one change at most: their first interval is the one moved)."""
    hired_at: dict[int, int] = {}
    first_interval: dict[int, int] = {}
    for r in rows:
        hired_at.setdefault(r["employee_id"], r["store_id"])
    for i, interval in enumerate(staff):
        first_interval.setdefault(interval[0], i)
    for v in versions:
        i = first_interval.get(v["employee_id"])
        if v["store_id"] == hired_at[v["employee_id"]] or i is None:
            continue
        e, s, h, t = staff[i]
        staff[i] = (e, s, h, v["valid_from"] - DAY)
        staff.append((e, v["store_id"], v["valid_from"], t))


def _staff_intervals(staff: list[tuple], end: np.datetime64) -> Staff:
    """The selling intervals as arrays; an open interval ends with the history."""
    return Staff(
        employee_id=np.array([s[0] for s in staff]),
        store_id=np.array([s[1] for s in staff]),
        start=np.array([s[2] for s in staff], dtype="datetime64[D]"),
        end=np.array([s[3] if s[3] is not None else end for s in staff],
                     dtype="datetime64[D]"),
    )


def _staff_people(rng: np.random.Generator, pools: Pools, rows: list[dict]) -> dict:
    """One person per employee (first versions' order): names, work e-mail,
    birth date from their age at hire, phone."""
    ids = np.array([r["employee_id"] for r in rows])
    locales = draw(rng, vocab.PERSON_LOCALES, len(ids))
    genders = draw(rng, vocab.STAFF_GENDERS, len(ids))
    first, last = draw_people(pools, rng, genders, locales)
    local = np.array([f"{slug(f)}.{slug(l_)}" for f, l_ in zip(first, last)], dtype=object)
    email = unique_emails(local, np.full(len(ids), RETAILER_DOMAIN, dtype=object), ids)
    hire = np.array([r["hire_date"] for r in rows])
    age_low, age_high = curves.AGE_AT_HIRE_YEARS
    dob = hire - (rng.integers(age_low, age_high, len(ids)) * 365
                  + rng.integers(0, 365, len(ids))) * DAY
    phone = us_phones(rng, len(ids))
    return dict(ids=ids, first=first, last=last, email=email, dob=dob, phone=phone)


def _employee_table(rng: np.random.Generator, pools: Pools, rows: list[dict],
                    versions: list[dict]) -> pa.Table:
    """The people and the versions as text: this stream's draws after the staff's."""
    all_rows = rows + sorted(versions, key=lambda r: r["valid_from"])
    people = _staff_people(rng, pools, rows)
    person = {int(e): i for i, e in enumerate(people["ids"])}
    idx = np.array([person[r["employee_id"]] for r in all_rows])

    def col(name):
        return np.array([r[name] for r in all_rows], dtype=object)

    def dates(name):
        return np.array([r[name] if r[name] is not None else np.datetime64("NaT")
                         for r in all_rows], dtype="datetime64[D]")

    return text.table({
        "employee_id": text.integer(col("employee_id").astype(int)),
        "first_name": people["first"][idx],
        "last_name": people["last"][idx],
        "email": people["email"][idx],
        "phone": people["phone"][idx],
        "date_of_birth": text.date(people["dob"][idx]),
        "hire_date": text.date(dates("hire_date")),
        "termination_date": text.date(dates("termination_date")),
        "job_title": col("job_title"),
        "department": col("department"),
        "store_id": pa.array([r["store_id"] for r in all_rows], type=pa.int64()),
        "manager_id": pa.array([r["manager_id"] for r in all_rows], type=pa.int64()),
        "salary": text.cents(col("salary").astype(np.int64) * 100),
        "updated_at": text.timestamp(at_time(dates("valid_from"), rng)),
    })


def _chain_lookup(chain):
    def lookup(t):
        for emp, hire, term in chain:
            if hire <= t and (term is None or t <= term):
                return emp
        return chain[-1][0] if chain else None
    return lookup


def _manager_at(rows, store, when, default):
    for r in rows:
        if (r["store_id"] == store and r["job_title"] == "Store Manager"
                and r["hire_date"] <= when
                and (r["termination_date"] is None or when <= r["termination_date"])):
            return r["employee_id"]
    return default


# --------------------------------------------------------------------------- customers
@dataclass
class Customers:
    table: pa.Table | None      # None until customer_table() has built it
    ids: np.ndarray
    signup: np.ndarray          # datetime64[D], ascending with id
    propensity_cum: np.ndarray  # cumulative ordering propensity in id order
    home_store_market: np.ndarray
    city: tuple                 # (city, state, zip, market) per customer
    tier: Drawn                 # loyalty tier at signup, codes into LOYALTY_TIERS


def build_customers(cfg: GeneratorConfig, pools: Pools) -> Customers:
    """Customers: the core sales needs, then the table (which sales does not)."""
    customers = customer_core(cfg, pools)
    customers.table = customer_table(cfg, pools, customers)
    return customers


def customer_core(cfg: GeneratorConfig, pools: Pools) -> Customers:
    """Who signs up when, where they live, their tier and propensity to buy.

    This is all that generating sales needs, so the generator starts sales on
    another thread right after it, while the customer table is still being built.
    """
    rng = stream(cfg.seed, "customers")
    n = cfg.n_customers
    start, end = day(cfg.start_date), day(cfg.end_date)
    pre = rng.random(n) < curves.PRE_HISTORY_CUSTOMER_SHARE
    history_days = (end - start).astype(int)
    # signups during the history grow over time (triangular towards the end)
    during = start + (rng.triangular(0, curves.SIGNUP_TRIANGLE_MODE, 1, n)
                      * history_days).astype(int) * DAY
    before = start - rng.integers(1, curves.PRE_HISTORY_SIGNUP_YEARS * 365, n) * DAY
    signup = np.sort(np.where(pre, before, during))
    ids = np.arange(1, n + 1)
    city = _draw_cities(pools, rng, n)
    tier = draw(rng, vocab.LOYALTY_TIERS, n)
    # repeat buyers: a heavy-tailed propensity to order, a third of customers
    # hardly ever come back
    propensity = np.exp(rng.normal(0, curves.PROPENSITY_SIGMA, n)) * np.where(
        rng.random(n) < curves.LAPSED_CUSTOMER_SHARE, curves.LAPSED_PROPENSITY, 1.0)
    propensity *= np.array([curves.TIER_PROPENSITY[t] for t in tier.keys])[tier.codes]
    return Customers(None, ids, signup, np.cumsum(propensity), city[3], city, tier)


def customer_table(cfg: GeneratorConfig, pools: Pools, core: Customers) -> pa.Table:
    """The raw customers table, first versions then CDC versions."""
    rng = stream(cfg.seed, "customers", "table")
    n = len(core.ids)
    start, end = day(cfg.start_date), day(cfg.end_date)
    ids, signup, city, tier = core.ids, core.signup, core.city, core.tier
    locales = draw(rng, vocab.PERSON_LOCALES, n)
    genders = draw(rng, vocab.GENDERS, n)
    first, last = draw_people(pools, rng, genders, locales)
    email = person_emails(first, last, ids, rng, pools)
    phone = us_phones(rng, n)
    age = np.minimum(18 + rng.gamma(2.2, 9.0, n), 88).astype(int)
    dob = signup - (age * 365.25 + rng.integers(0, 365, n)).astype(int) * DAY
    street = _draw_streets(pools, rng, n)
    opt_in = rng.random(n) < 0.62

    base = {
        "customer_id": text.integer(ids),
        "first_name": first,
        "last_name": last,
        "email": email,
        "phone": phone,
        "date_of_birth": text.date(dob),
        "gender": genders.values,
    }
    tail = {
        "country": np.full(n, "United States", dtype=object),
        "signup_date": text.date(signup),
    }
    # CDC: moves and tier changes
    n_changes = rng.choice(3, size=n, p=[0.77, 0.18, 0.05])
    who = np.repeat(ids - 1, n_changes)
    lo = np.maximum(signup[who] + 30 * DAY, start)
    hi = np.full(len(who), end - DAY)
    ok = lo < hi
    who, lo, hi = who[ok], lo[ok], hi[ok]
    when = uniform_dates(rng, lo, hi)
    order = np.lexsort((when, who))
    who, when = who[order], when[order]
    # a repeated timestamp for one customer would make two versions ambiguous
    keep = np.ones(len(who), bool)
    keep[1:] = ~((who[1:] == who[:-1]) & (when[1:] == when[:-1]))
    who, when = who[keep], when[keep]
    is_move = rng.random(len(who)) < 0.5
    tiers = tier.keys                   # vocab.LOYALTY_TIERS, in its order
    new_city = _draw_cities(pools, rng, len(who))
    new_street = _draw_streets(pools, rng, len(who))
    step = np.where(rng.random(len(who)) < 0.85, 1, -1)
    # A later change builds on the earlier one. Events are sorted by customer and
    # time, so pass k handles every customer's k-th change at once: the address
    # is an index (-1: the signup address, j: the address event j moved to).
    rank = np.zeros(len(who), dtype=int)
    for k in range(1, 3):
        rank[k:] = np.where((who[k:] == who[:-k]) & (rank[k - 1:-1] == k - 1), k, rank[k:])
    addr_after = np.full(len(who), -1)
    tier_after = tier.codes[who]
    for k in range(int(rank.max(initial=0)) + 1):
        j = np.flatnonzero(rank == k)
        addr_before = addr_after[j - 1] if k else np.full(len(j), -1)
        tier_before = tier_after[j - 1] if k else tier_after[j]
        moved = is_move[j]
        addr_after[j] = np.where(moved, j, addr_before)
        stepped = np.clip(tier_before + step[j], 0, len(tiers) - 1)
        stepped = np.where(stepped == tier_before,
                           np.where(tier_before > 0, tier_before - 1, tier_before + 1), stepped)
        tier_after[j] = np.where(moved, tier_before, stepped)
    has_new = addr_after >= 0
    pick = np.maximum(addr_after, 0)
    version_cols = {
        "street_address": np.where(has_new, new_street[pick], street[who]),
        "city": np.where(has_new, new_city[0][pick], city[0][who]),
        "state": np.where(has_new, new_city[1][pick], city[1][who]),
        "postal_code": np.where(has_new, new_city[2][pick], city[2][who]),
        "loyalty_tier": tiers[tier_after],
    }

    first_rows = dict(base)
    first_rows.update({"street_address": street, "city": city[0], "state": city[1],
                       "postal_code": city[2]})
    first_rows.update(tail)
    first_rows["loyalty_tier"] = tier.values
    first_rows["marketing_opt_in"] = text.boolean(opt_in)
    first_rows["updated_at"] = text.timestamp(at_time(signup, rng))
    version_cols["updated_at"] = text.timestamp(at_time(when, rng))
    return _with_later_versions(text.table(first_rows), who, version_cols, when)


def _draw_cities(pools: Pools, rng: np.random.Generator, n: int):
    """(city, state, zip, market index) per person: most live in store markets."""
    market_p = np.array([m[3] for m in vocab.MARKETS])
    in_market = rng.random(n) >= vocab.OUT_OF_MARKET_SHARE
    market = np.where(in_market,
                      rng.choice(len(vocab.MARKETS), size=n, p=market_p / market_p.sum()), -1)
    idx = np.empty(n, dtype=int)
    for m in range(-1, len(vocab.MARKETS)):
        mask = market == m
        candidates = np.flatnonzero(pools.city_market == m)
        idx[mask] = candidates[rng.integers(0, len(candidates), mask.sum())]
    return (pools.cities[idx], pools.city_states[idx], pools.city_zips[idx], market)


def _draw_streets(pools: Pools, rng: np.random.Generator, n: int) -> np.ndarray:
    numbers = text.integer_objects(rng.integers(1, 9999, n))
    streets = pools.streets[rng.integers(0, len(pools.streets), n)]
    apt = np.flatnonzero(rng.random(n) < 0.18)
    flat = rng.integers(1, 40, n)[apt]
    out = numbers + " " + streets
    out[apt] = out[apt] + " Apt " + text.integer_objects(flat)
    return out
