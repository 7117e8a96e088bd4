"""Orders and order lines, generated one month at a time.

Demand per day follows growth, month seasonality, weekday patterns per channel
and sale periods; orders are spread over the stores open that day by store size;
customers are drawn by a heavy-tailed propensity among those already signed up
(mostly from the store's own market); in-store sales are credited to a selling
employee working at that store that day; products are drawn by popularity,
category season and store assortment; prices follow the product's price history,
discounts the sale calendar, returns the category's return rate.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa

from fashion_retail.gen import anomalies, text, vocab
from fashion_retail.gen.config import GeneratorConfig
from fashion_retail.gen.entities import (
    CATEGORY_NAMES,
    DAY,
    Customers,
    Employees,
    Products,
    Stores,
    day,
)
from fashion_retail.gen.notes import order_notes
from fashion_retail.gen.pools import Pools
from fashion_retail.gen.rng import stream

LINES_PER_ORDER_EXTRA = 1.25   # lines per order = 1 + Poisson(this), capped
MAX_LINES_PER_ORDER = 8
RETURN_WINDOW_DAYS = (3, 30)


@dataclass
class Calendar:
    days: np.ndarray            # datetime64[D], every day of the history
    store_orders: np.ndarray    # expected in-store orders per day
    online_orders: np.ndarray   # expected online orders per day
    sale_share: np.ndarray      # share of lines discounted per day
    sale_low: np.ndarray
    sale_high: np.ndarray
    in_sale: np.ndarray


def build_calendar(cfg: GeneratorConfig) -> Calendar:
    days = np.arange(day(cfg.start_date), day(cfg.end_date) + DAY, DAY)
    years = (days - days[0]).astype(int) / 365.25
    month = days.astype("datetime64[M]").astype(int) % 12
    weekday = (days.astype(int) + 3) % 7          # 1970-01-01 was a Thursday
    base = (1 + vocab.ANNUAL_GROWTH) ** years * np.array(vocab.MONTH_SEASONALITY)[month]
    lift = np.ones(len(days))
    share = np.full(len(days), vocab.BASE_DISCOUNT_SHARE)
    low = np.full(len(days), vocab.BASE_DISCOUNT_RANGE[0])
    high = np.full(len(days), vocab.BASE_DISCOUNT_RANGE[1])
    in_sale = np.zeros(len(days), bool)
    md = (month + 1) * 100 + (days - days.astype("datetime64[M]")).astype(int) + 1
    for _, m0, d0, m1, d1, sale_lift, sale_share, (lo, hi) in vocab.SALE_PERIODS:
        mask = (md >= m0 * 100 + d0) & (md <= m1 * 100 + d1)
        lift[mask], share[mask], low[mask], high[mask] = sale_lift, sale_share, lo, hi
        in_sale |= mask
    online_share = np.interp(years, [0, years[-1]], vocab.ONLINE_SHARE)
    store = base * lift * np.array(vocab.WEEKDAY_STORE)[weekday] * (1 - online_share)
    online = base * lift * np.array(vocab.WEEKDAY_ONLINE)[weekday] * online_share
    store[md == 1225] = 0.0                      # stores are closed on Christmas Day
    online[md == 1225] *= 0.4
    mean_lines = 1 + LINES_PER_ORDER_EXTRA      # the cap trims a negligible tail
    total_orders = cfg.n_order_lines / mean_lines
    scale = total_orders / (store.sum() + online.sum())
    return Calendar(days, store * scale, online * scale, share, low, high, in_sale)


@dataclass
class SalesState:
    """What the inventory simulation needs from the sales stream."""
    pair_index: np.ndarray      # (store row, product row) -> pair number or -1
    sold: np.ndarray            # units sold per (pair, month)
    months: np.ndarray          # datetime64[M] of each month column
    # lines each pipeline incident touched, by incident_id (for its ledger row)
    affected: dict[int, int] = field(default_factory=dict)


def carried_products(cfg: GeneratorConfig, stores: Stores, products: Products) -> np.ndarray:
    """Boolean (store row, product row): online carries everything, stores a share."""
    rng = stream(cfg.seed, "assortment")
    carried = np.zeros((len(stores.ids), len(products.ids)), bool)
    carried[stores.is_online] = True
    # decided per style: a store carries all sizes of a style or none
    style_of = products.style
    pop = np.bincount(style_of, weights=products.popularity)
    # popular styles are carried more widely; the mean share is store_assortment
    p_style = np.clip(cfg.store_assortment * (0.5 + 0.5 * pop / pop.mean()), 0, 0.95)
    for s in np.flatnonzero(~stores.is_online):
        carried[s] = (rng.random(len(pop)) < p_style)[style_of]
    return carried


CHUNK_LINES = 150_000


def months_per_chunk(cfg: GeneratorConfig) -> int:
    """Months generated per output chunk: about CHUNK_LINES order lines each.

    Memory stays bounded by the chunk; small scales get fewer, larger chunks,
    which costs less per row to format, corrupt and write.
    """
    per_month = cfg.n_order_lines / len(month_bounds(cfg))
    return int(max(1, min(12, round(CHUNK_LINES / per_month))))


def month_bounds(cfg: GeneratorConfig) -> list[tuple[np.datetime64, np.datetime64]]:
    first = np.datetime64(cfg.start_date, "M")
    last = np.datetime64(cfg.end_date, "M")
    out = []
    for m in np.arange(first, last + 1):
        lo = max(m.astype("datetime64[D]"), day(cfg.start_date))
        hi = min((m + 1).astype("datetime64[D]") - DAY, day(cfg.end_date))
        out.append((lo, hi))
    return out


def generate_sales(cfg: GeneratorConfig, stores: Stores, products: Products,
                   employees: Employees, customers: Customers, pools: Pools,
                   state: SalesState | None = None,
                   incidents: list[anomalies.Incident] = ()
                   ) -> Iterator[SalesChunk]:
    """Yield a SalesChunk per chunk of months; fill ``state``.

    Business incidents are part of what is generated; the marks say which rows the
    pipeline incidents touch when the chunk is loaded (see LoadMarks).
    """
    cal = build_calendar(cfg)
    carried = carried_products(cfg, stores, products)
    n_months = len(month_bounds(cfg))
    pair_index = np.full(carried.shape, -1, dtype=np.int64)
    pair_index[carried] = np.arange(carried.sum())
    sold = np.zeros((int(carried.sum()), n_months), dtype=np.int64)
    shelves = Shelves.of(carried)
    if state is not None:
        state.pair_index, state.sold = pair_index, sold
        state.months = np.array([lo.astype("datetime64[M]") for lo, _ in month_bounds(cfg)])

    cat_returns = np.array([vocab.CATEGORIES[c]["returns"] for c in CATEGORY_NAMES])
    store_market = np.array([
        next((i for i, m in enumerate(vocab.MARKETS) if m[1] == st), -1)
        for st in stores.state])
    market_members = [np.flatnonzero(customers.home_store_market == m)
                      for m in range(len(vocab.MARKETS))]
    market_cum = [np.cumsum(np.diff(np.concatenate([[0.0], customers.propensity_cum]))[idx])
                  for idx in market_members]
    market_signup = [customers.signup[idx] for idx in market_members]
    staff_by_store = _group_staff(employees.staff)
    next_order, next_line = 1, 1

    bounds = month_bounds(cfg)
    per_chunk = months_per_chunk(cfg)
    batch_orders: list[dict] = []
    batch_lines: list[dict] = []
    batch_marks: list[tuple] = []
    batch_months: list[int] = []
    for month_no, (lo, hi) in enumerate(bounds):
        rng = stream(cfg.seed, "sales", month_no)
        month_incidents = [i for i in incidents if i.start <= hi and i.end >= lo]
        d0 = int((lo - cal.days[0]).astype(int))
        d1 = int((hi - cal.days[0]).astype(int)) + 1
        days = cal.days[d0:d1]
        # ---- orders per (day, store)
        open_ = stores.opened[None, :] <= days[:, None]
        w = np.where(open_, stores.weight[None, :], 0.0)
        w = w / np.maximum(w.sum(axis=1, keepdims=True), 1e-12)
        expected = w * cal.store_orders[d0:d1, None]
        expected[:, stores.is_online] = cal.online_orders[d0:d1, None]
        counts = rng.poisson(expected)
        if month_incidents:
            anomalies.adjust_counts(month_incidents, counts, expected, days, stores,
                                    stream(cfg.seed, "anomalies", month_no))
        day_idx, store_row = np.nonzero(counts)
        reps = counts[day_idx, store_row]
        o_day = np.repeat(days[day_idx], reps)
        o_store = np.repeat(store_row, reps)
        online = stores.is_online[o_store]
        seconds = np.where(online, rng.integers(0, 86_400, len(o_day)),
                           rng.integers(10 * 3600, 21 * 3600, len(o_day)))
        o_ts = o_day.astype("datetime64[s]") + seconds.astype("timedelta64[s]")
        order = np.argsort(o_ts, kind="stable")
        o_day, o_store, online, o_ts = o_day[order], o_store[order], online[order], o_ts[order]
        n_orders = len(o_day)
        order_ids = np.arange(next_order, next_order + n_orders)
        next_order += n_orders

        # ---- customers: signed up by the order day, mostly from the store's market
        customer = _draw_customers(rng, customers, o_day, o_store, store_market,
                                   market_members, market_cum, market_signup, online)

        # ---- employees: a selling employee at that store that day
        employee = _draw_staff(rng, staff_by_store, stores.ids[o_store], o_day, ~online)

        pay_store = _choice(rng, vocab.PAYMENT_METHODS_STORE, n_orders)
        pay_online = _choice(rng, vocab.PAYMENT_METHODS_ONLINE, n_orders)
        orders = {
            "order_id": (text.integer, order_ids),
            "customer_id": (text.integer, customers.ids[customer]),
            "store_id": (text.integer, stores.ids[o_store]),
            "employee_id": (text.optional_integer, employee),
            "channel": (CHANNEL, online.astype(np.int8)),
            "order_date": (text.date, o_day),
            "payment_method": (PAYMENT, np.where(online, pay_online, pay_store)),
            # "notes": drawn by orders_table, from their own stream
            "updated_at": (text.timestamp, o_ts),
        }

        # ---- lines
        n_lines = 1 + np.minimum(rng.poisson(LINES_PER_ORDER_EXTRA, n_orders),
                                 MAX_LINES_PER_ORDER - 1)
        l_order = np.repeat(np.arange(n_orders), n_lines)
        line_no = np.arange(len(l_order)) - np.repeat(np.cumsum(n_lines) - n_lines, n_lines) + 1
        l_store = o_store[l_order]
        l_day = o_day[l_order]
        month = int(lo.astype("datetime64[M]").astype(int) % 12)
        season = np.exp(0.6 * products.season_sign * np.cos(2 * np.pi * month / 12))
        avail = products.intro <= lo
        weights = products.popularity * season * avail
        product = _draw_products(rng, carried, shelves, weights, l_store)
        qty = rng.choice([1, 2, 3], size=len(l_order), p=[0.87, 0.10, 0.03])
        price = np.where(l_day >= products.change_date[product], products.new_price[product],
                         products.price[product])
        di = (l_day - cal.days[0]).astype(int)
        discounted = rng.random(len(l_order)) < cal.sale_share[di]
        pct = rng.uniform(cal.sale_low[di], cal.sale_high[di])
        # last year's collections go deeper in a sale (clearance)
        old = (l_day - products.intro[product]).astype(int) > 300
        pct = np.where(cal.in_sale[di] & old, np.minimum(pct + 0.15, 0.7), pct)
        discount = np.where(discounted, np.round(price * qty * pct), 0).astype(np.int64)
        category = products.category[product]
        p_return = cat_returns[category] * np.where(
            online[l_order], vocab.RETURN_CHANNEL_FACTOR["online"],
            vocab.RETURN_CHANNEL_FACTOR["store"])
        ret_day = l_day + rng.integers(*RETURN_WINDOW_DAYS, len(l_order)) * DAY
        if month_incidents:
            p_return = p_return * anomalies.return_factor(month_incidents, l_day, category,
                                                          online[l_order])
        returned = (rng.random(len(l_order)) < p_return) & (ret_day <= day(cfg.end_date))
        ret_day = np.where(returned, ret_day, np.datetime64("NaT"))
        ret_ts = ret_day.astype("datetime64[s]") + rng.integers(
            9 * 3600, 20 * 3600, len(l_order)).astype("timedelta64[s]")
        line_ids = np.arange(next_line, next_line + len(l_order))
        next_line += len(l_order)
        lines = {
            "order_line_id": (text.integer, line_ids),
            "order_id": (text.integer, order_ids[l_order]),
            "line_number": (text.integer, line_no),
            "product_id": (text.integer, products.ids[product]),
            "quantity": (text.integer, qty),
            "unit_price": (text.cents, price),
            "discount_amount": (text.cents, discount),
            "is_returned": (text.boolean, returned),
            "returned_date": (text.date, ret_day),
            "updated_at": (text.timestamp, np.where(returned, ret_ts, o_ts[l_order])),
        }
        # units sold per (store, product) this month, for the inventory simulation
        pair = pair_index[l_store, product]
        ok = pair >= 0
        sold[:, month_no] += np.bincount(pair[ok], weights=qty[ok],
                                         minlength=sold.shape[0]).astype(np.int64)
        batch_orders.append(orders)
        batch_lines.append(lines)
        batch_months.append(month_no)
        batch_marks.append(anomalies.pipeline_marks(
            month_incidents, o_day, l_day, category,
            state.affected if state is not None else None))
        if len(batch_orders) == per_chunk or month_no == len(bounds) - 1:
            marks = LoadMarks(*(np.concatenate(part) for part in zip(*batch_marks)))
            yield SalesChunk(batch_orders, batch_lines, marks, batch_months)
            batch_orders, batch_lines, batch_marks, batch_months = [], [], [], []


@dataclass
class SalesChunk:
    """Some months of sales, typed: {column: (formatter, values)} per month."""
    orders: list[dict]          # without the notes (see orders_table)
    lines: list[dict]
    marks: LoadMarks
    months: list[int]           # month numbers, from 0


def orders_table(cfg: GeneratorConfig, pools: Pools, orders: list[dict],
                 months: list[int]) -> pa.Table:
    """A chunk's orders as text, with their notes. The notes come from their own
    stream per month (they never shift the other columns' draws), so they are
    drawn by whoever formats the orders: the main process, while the sales
    worker goes on with the next months."""
    return text.batch([
        dict(part, notes=(text.strings, order_notes(stream(cfg.seed, "notes", month_no),
                                                    pools, len(part["order_id"][1]))))
        for month_no, part in zip(months, orders)])


@dataclass
class LoadMarks:
    """Rows of a chunk that pipeline incidents touch when it is loaded."""
    orders_loaded_twice: np.ndarray     # bool per order
    lines_loaded_twice: np.ndarray      # bool per order line
    price_factor: np.ndarray            # per line: 0, or the factor on its unit price


@dataclass
class Shelves:
    """The carried (store, product) cells in row-major order (pair_index's
    order): a physical store carries an eighth of the catalogue, so the month's
    weights are summed and searched over these cells only."""
    product: np.ndarray         # product row per cell
    start: np.ndarray           # each store's first cell, then the cell count
    width: int                  # products

    @classmethod
    def of(cls, carried: np.ndarray) -> Shelves:
        cell = np.flatnonzero(carried.ravel())
        width = carried.shape[1]
        return cls(cell % width,
                   np.searchsorted(cell, np.arange(carried.shape[0] + 1) * width), width)


def _draw_products(rng, carried: np.ndarray, shelves: Shelves, weights: np.ndarray,
                   row: np.ndarray) -> np.ndarray:
    """A product per line, by weight among those its store carries.

    One cumulative weight row per store, laid end to end, so that one draw per
    line falls in its own store's range. Summed over the carried cells only:
    a cell a store does not carry adds 0.0, which changes no sum, so these are
    the cumulative weights of the whole (store, product) table, at a seventh of
    the cost. A store with nothing on sale draws from the whole catalogue: that
    month is drawn over the whole table."""
    cum = np.cumsum(weights[shelves.product])
    ends = np.concatenate([[0.0], cum])[shelves.start]
    whole = not (np.diff(ends) > 0).all()
    if whole:
        w = np.where(carried, weights[None, :], 0.0)
        empty = w.sum(axis=1) == 0
        w[empty] = weights
        cum = np.cumsum(w, axis=None).reshape(w.shape)
        ends = np.concatenate([[0.0], cum[:, -1]])
    row_start, row_end = ends[:-1], ends[1:]
    u = row_start[row] + rng.random(len(row)) * (row_end - row_start)[row]
    if whole:
        return _search_rows(cum, u, row) % shelves.width
    found = _search_rows(cum, u, row, shelves.start)
    # past every cell (rounding): the whole table's last cell, as searchsorted
    # over the whole table gave
    return np.where(found < len(cum), shelves.product[np.minimum(found, len(cum) - 1)],
                    shelves.width - 1)


def _search_rows(cum: np.ndarray, u: np.ndarray, row: np.ndarray,
                 start: np.ndarray | None = None) -> np.ndarray:
    """``searchsorted(cum.ravel(), u, 'right')`` (clipped to the last index),
    where each ``u`` falls in its ``row``'s range: searched row by row, in a
    slice that stays in the CPU cache, 1.6 times faster than in the whole
    table. A value that rounding puts past its row's end is searched in the
    whole table, as before, so the result is the same. ``start``: where each
    row begins in a flat ``cum`` (then not clipped: len(cum) is past the end);
    by default the rows of a 2-D ``cum``."""
    if start is None:
        n_rows, width = cum.shape
        start = np.arange(n_rows + 1) * width
    n_rows = len(start) - 1
    flat = cum.ravel()
    # rows are stores: as 16-bit keys, the stable sort is a radix sort
    order = np.argsort(row.astype(np.int16) if n_rows < 2**15 else row, kind="stable")
    bounds = np.searchsorted(row[order], np.arange(n_rows + 1))
    out = np.empty(len(u), dtype=np.int64)
    for r in np.flatnonzero(np.diff(bounds)):
        at = order[bounds[r]:bounds[r + 1]]
        out[at] = np.searchsorted(flat[start[r]:start[r + 1]], u[at], side="right") + start[r]
    spill = out >= start[row + 1]
    if spill.any():
        out[spill] = np.searchsorted(flat, u[spill], side="right")
    return np.minimum(out, flat.size - 1) if cum.ndim == 2 else out


def _group_staff(staff):
    """Selling intervals sorted by store, with each store's slice bounds."""
    order = np.argsort(staff.store_id, kind="stable")
    store = staff.store_id[order]
    top = int(store.max()) + 2 if len(store) else 2
    lo = np.searchsorted(store, np.arange(top), side="left")
    hi = np.searchsorted(store, np.arange(top), side="right")
    return (staff.employee_id[order], staff.start[order], staff.end[order], lo, hi)


def _draw_staff(rng, grouped, store_id, o_day, in_store, tries: int = 64) -> np.ndarray:
    """A random selling employee working at the order's store on its day.

    Rejection sampling over the store's intervals (uniform among those that cover
    the day), vectorised over all orders; -1 where nobody covers the day.
    """
    emp, start, end, lo, hi = grouped
    out = np.full(len(store_id), -1, dtype=np.int64)
    todo = np.flatnonzero(in_store & (hi[store_id] > lo[store_id]))
    for _ in range(tries):
        if not len(todo):
            break
        s = store_id[todo]
        pick = lo[s] + (rng.random(len(todo)) * (hi[s] - lo[s])).astype(np.int64)
        ok = (start[pick] <= o_day[todo]) & (o_day[todo] <= end[pick])
        out[todo[ok]] = emp[pick[ok]]
        todo = todo[~ok]
    return out


PAYMENT_METHODS = sorted(set(vocab.PAYMENT_METHODS_STORE) | set(vocab.PAYMENT_METHODS_ONLINE))
PAYMENT = text.labels(PAYMENT_METHODS)
CHANNEL = text.labels(["store", "online"])


def _choice(rng, weights: dict, n: int) -> np.ndarray:
    """Codes into PAYMENT_METHODS, drawn with the given weights."""
    codes = np.array([PAYMENT_METHODS.index(k) for k in weights])
    p = np.array(list(weights.values()))
    return codes[rng.choice(len(codes), size=n, p=p / p.sum())]


def _draw_customers(rng, customers: Customers, o_day, o_store, store_market,
                    market_members, market_cum, market_signup, online) -> np.ndarray:
    """Customer row per order, by propensity among those signed up by that day."""
    n = len(o_day)
    out = np.empty(n, dtype=np.int64)
    # everyone: online orders and a fifth of store orders (visitors, travellers)
    local = ~online & (rng.random(n) < 0.8) & (store_market[o_store] >= 0)
    glob = np.flatnonzero(~local)
    k = np.maximum(np.searchsorted(customers.signup, o_day[glob], side="right"), 1)
    u = rng.random(len(glob)) * customers.propensity_cum[k - 1]
    out[glob] = np.minimum(np.searchsorted(customers.propensity_cum, u, side="right"), k - 1)
    for m, members in enumerate(market_members):
        rows = np.flatnonzero(local & (store_market[o_store] == m))
        if not len(rows):
            continue
        if not len(members):
            out[rows] = 0
            continue
        k = np.maximum(np.searchsorted(market_signup[m], o_day[rows], side="right"), 1)
        cum = market_cum[m]
        u = rng.random(len(rows)) * cum[k - 1]
        out[rows] = members[np.minimum(np.searchsorted(cum, u, side="right"), k - 1)]
    return out
