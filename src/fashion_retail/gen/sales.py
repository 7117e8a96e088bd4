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

from fashion_retail.gen import anomalies, curves, text, vocab
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
    """Expected orders per day and channel, and the day's discounts: growth,
    month and weekday seasonality, sale periods and the online share (curves)."""
    days = np.arange(day(cfg.start_date), day(cfg.end_date) + DAY, DAY)
    years = (days - days[0]).astype(int) / 365.25
    month = days.astype("datetime64[M]").astype(int) % 12
    weekday = (days.astype(int) + 3) % 7          # 1970-01-01 was a Thursday
    base = (1 + curves.ANNUAL_GROWTH) ** years * np.array(curves.MONTH_SEASONALITY)[month]
    lift = np.ones(len(days))
    share = np.full(len(days), curves.BASE_DISCOUNT_SHARE)
    low = np.full(len(days), curves.BASE_DISCOUNT_RANGE[0])
    high = np.full(len(days), curves.BASE_DISCOUNT_RANGE[1])
    in_sale = np.zeros(len(days), bool)
    md = (month + 1) * 100 + (days - days.astype("datetime64[M]")).astype(int) + 1
    for _, m0, d0, m1, d1, sale_lift, sale_share, (lo, hi) in curves.SALE_PERIODS:
        mask = (md >= m0 * 100 + d0) & (md <= m1 * 100 + d1)
        lift[mask], share[mask], low[mask], high[mask] = sale_lift, sale_share, lo, hi
        in_sale |= mask
    online_share = np.interp(years, [0, years[-1]], curves.ONLINE_SHARE)
    store = base * lift * np.array(curves.WEEKDAY_STORE)[weekday] * (1 - online_share)
    online = base * lift * np.array(curves.WEEKDAY_ONLINE)[weekday] * online_share
    christmas = md == curves.CHRISTMAS_DAY[0] * 100 + curves.CHRISTMAS_DAY[1]
    store[christmas] = 0.0                      # stores are closed on Christmas Day
    online[christmas] *= curves.CHRISTMAS_ONLINE_FACTOR
    mean_lines = 1 + curves.LINES_PER_ORDER_EXTRA   # the cap trims a negligible tail
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
    flat = 1 - curves.CARRY_POPULARITY_WEIGHT
    p_style = np.clip(cfg.store_assortment
                      * (flat + curves.CARRY_POPULARITY_WEIGHT * pop / pop.mean()),
                      0, curves.MAX_CARRY_SHARE)
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
    run = _open_run(cfg, stores, products, employees, customers, state)
    bounds = month_bounds(cfg)
    per_chunk = months_per_chunk(cfg)
    next_order, next_line = 1, 1
    batch: list[_Month] = []
    for month_no, (lo, hi) in enumerate(bounds):
        month = _sell_month(run, month_no, lo, hi, incidents, next_order, next_line)
        next_order += len(month.orders["order_id"][1])
        next_line += len(month.lines["order_line_id"][1])
        batch.append(month)
        if len(batch) == per_chunk or month_no == len(bounds) - 1:
            marks = LoadMarks(*(np.concatenate(part) for part in zip(*(m.marks for m in batch))))
            yield SalesChunk([m.orders for m in batch], [m.lines for m in batch], marks,
                             [m.month_no for m in batch])
            batch = []


@dataclass
class _Run:
    """What every month of sales draws from; fixed for the run, but for the
    units sold, tallied month by month for the inventory simulation."""
    cfg: GeneratorConfig
    stores: Stores
    products: Products
    customers: Customers
    state: SalesState | None
    cal: Calendar
    carried: np.ndarray         # (store row, product row) -> carried
    shelves: Shelves
    pair_index: np.ndarray      # (store row, product row) -> pair number or -1
    sold: np.ndarray            # units sold per (pair, month)
    cat_returns: np.ndarray     # return rate per category
    markets: tuple              # (market per store, members, cumulative propensity, signup)
    staff_by_store: tuple       # see _group_staff


def _open_run(cfg: GeneratorConfig, stores: Stores, products: Products,
              employees: Employees, customers: Customers, state: SalesState | None) -> _Run:
    """The calendar, the stores' assortments, the customers' markets and the
    staff rota; the tallies of units sold are handed to ``state``."""
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
    return _Run(cfg, stores, products, customers, state, cal, carried, shelves, pair_index,
                sold, cat_returns, _customer_markets(stores, customers),
                _group_staff(employees.staff))


def _customer_markets(stores: Stores, customers: Customers) -> tuple:
    """The market of each store (-1: none), and per market its customers, their
    cumulative propensity to order and their signup dates."""
    store_market = np.array([
        next((i for i, m in enumerate(vocab.MARKETS) if m[1] == st), -1)
        for st in stores.state])
    market_members = [np.flatnonzero(customers.home_store_market == m)
                      for m in range(len(vocab.MARKETS))]
    market_cum = [np.cumsum(np.diff(np.concatenate([[0.0], customers.propensity_cum]))[idx])
                  for idx in market_members]
    market_signup = [customers.signup[idx] for idx in market_members]
    return store_market, market_members, market_cum, market_signup


@dataclass
class _Month:
    """One month of sales, typed: {column: (formatter, values)}."""
    month_no: int
    orders: dict
    lines: dict
    marks: tuple                # anomalies.pipeline_marks


def _sell_month(run: _Run, month_no: int, lo: np.datetime64, hi: np.datetime64,
                incidents, next_order: int, next_line: int) -> _Month:
    """A month's orders and lines, from the month's own stream, in draw order:
    orders, their customers, staff and payments, then lines, prices, returns."""
    rng = stream(run.cfg.seed, "sales", month_no)
    month_incidents = [i for i in incidents if i.start <= hi and i.end >= lo]
    orders = _draw_orders(run, rng, lo, hi, month_no, month_incidents, next_order)
    order_cols = _order_columns(run, rng, orders)
    lines = _draw_lines(run, rng, orders, lo)
    price, discount = _price_lines(run, rng, lines)
    returned, ret_day, ret_ts = _return_lines(run, rng, orders, lines, month_incidents)
    line_cols = {
        "order_line_id": (text.integer, np.arange(next_line, next_line + len(lines.order))),
        "order_id": (text.integer, orders.ids[lines.order]),
        "line_number": (text.integer, lines.number),
        "product_id": (text.integer, run.products.ids[lines.product]),
        "quantity": (text.integer, lines.qty),
        "unit_price": (text.cents, price),
        "discount_amount": (text.cents, discount),
        "is_returned": (text.boolean, returned),
        "returned_date": (text.date, ret_day),
        "updated_at": (text.timestamp, np.where(returned, ret_ts, orders.ts[lines.order])),
    }
    _tally_sold(run, lines, month_no)
    marks = anomalies.pipeline_marks(
        month_incidents, orders.day, lines.day, lines.category,
        run.state.affected if run.state is not None else None)
    return _Month(month_no, order_cols, line_cols, marks)


@dataclass
class _Orders:
    """A month's orders, in time order."""
    day: np.ndarray             # datetime64[D]
    store: np.ndarray           # store row
    online: np.ndarray
    ts: np.ndarray              # datetime64[s]
    ids: np.ndarray             # order_id


def _expected_orders(run: _Run, d0: int, d1: int, days: np.ndarray) -> np.ndarray:
    """Expected orders per (day, store): a day's in-store demand shared by the
    stores open that day by size, the online store's its own."""
    stores = run.stores
    open_ = stores.opened[None, :] <= days[:, None]
    w = np.where(open_, stores.weight[None, :], 0.0)
    w = w / np.maximum(w.sum(axis=1, keepdims=True), 1e-12)
    expected = w * run.cal.store_orders[d0:d1, None]
    expected[:, stores.is_online] = run.cal.online_orders[d0:d1, None]
    return expected


def _draw_orders(run: _Run, rng: np.random.Generator, lo: np.datetime64, hi: np.datetime64,
                 month_no: int, month_incidents, first_id: int) -> _Orders:
    """The month's orders: a Poisson count per (day, store), shaped by the
    business incidents, each at a time of day its channel trades."""
    d0 = int((lo - run.cal.days[0]).astype(int))
    d1 = int((hi - run.cal.days[0]).astype(int)) + 1
    days = run.cal.days[d0:d1]
    expected = _expected_orders(run, d0, d1, days)
    counts = rng.poisson(expected)
    if month_incidents:
        anomalies.adjust_counts(month_incidents, counts, expected, days, run.stores,
                                stream(run.cfg.seed, "anomalies", month_no))
    day_idx, store_row = np.nonzero(counts)
    reps = counts[day_idx, store_row]
    o_day = np.repeat(days[day_idx], reps)
    o_store = np.repeat(store_row, reps)
    online = run.stores.is_online[o_store]
    opens, closes = curves.STORE_ORDER_HOURS
    seconds = np.where(online, rng.integers(*curves.ONLINE_ORDER_SECONDS, len(o_day)),
                       rng.integers(opens * 3600, closes * 3600, len(o_day)))
    o_ts = o_day.astype("datetime64[s]") + seconds.astype("timedelta64[s]")
    order = np.argsort(o_ts, kind="stable")
    return _Orders(o_day[order], o_store[order], online[order], o_ts[order],
                   np.arange(first_id, first_id + len(o_day)))


def _order_columns(run: _Run, rng: np.random.Generator, orders: _Orders) -> dict:
    """The orders' columns: a customer signed up by the order day (mostly from
    the store's market), a selling employee at the store that day, a payment."""
    n_orders = len(orders.day)
    customer = _draw_customers(rng, run.customers, orders.day, orders.store, *run.markets,
                               orders.online)
    employee = _draw_staff(rng, run.staff_by_store, run.stores.ids[orders.store], orders.day,
                           ~orders.online)
    pay_store = _choice(rng, vocab.PAYMENT_METHODS_STORE, n_orders)
    pay_online = _choice(rng, vocab.PAYMENT_METHODS_ONLINE, n_orders)
    return {
        "order_id": (text.integer, orders.ids),
        "customer_id": (text.integer, run.customers.ids[customer]),
        "store_id": (text.integer, run.stores.ids[orders.store]),
        "employee_id": (text.optional_integer, employee),
        "channel": (CHANNEL, orders.online.astype(np.int8)),
        "order_date": (text.date, orders.day),
        "payment_method": (PAYMENT, np.where(orders.online, pay_online, pay_store)),
        # "notes": drawn by orders_table, from their own stream
        "updated_at": (text.timestamp, orders.ts),
    }


@dataclass
class _Lines:
    """A month's order lines, in order then line number order."""
    order: np.ndarray           # order row per line
    number: np.ndarray          # line number within its order, from 1
    day: np.ndarray             # the order's day
    store: np.ndarray           # the order's store row
    product: np.ndarray         # product row
    category: np.ndarray        # the product's category
    qty: np.ndarray


def _draw_lines(run: _Run, rng: np.random.Generator, orders: _Orders,
                lo: np.datetime64) -> _Lines:
    """Lines per order, then a product per line (by popularity, the category's
    season and the store's assortment) and its quantity."""
    products = run.products
    n_orders = len(orders.day)
    n_lines = 1 + np.minimum(rng.poisson(curves.LINES_PER_ORDER_EXTRA, n_orders),
                             curves.MAX_LINES_PER_ORDER - 1)
    l_order = np.repeat(np.arange(n_orders), n_lines)
    line_no = np.arange(len(l_order)) - np.repeat(np.cumsum(n_lines) - n_lines, n_lines) + 1
    l_store = orders.store[l_order]
    month = int(lo.astype("datetime64[M]").astype(int) % 12)
    avail = products.intro <= lo
    weights = products.popularity * curves.category_season(products.season_sign, month) * avail
    product = _draw_products(rng, run.carried, run.shelves, weights, l_store)
    qty = rng.choice(list(curves.QUANTITY_WEIGHTS), size=len(l_order),
                     p=list(curves.QUANTITY_WEIGHTS.values()))
    return _Lines(l_order, line_no, orders.day[l_order], l_store, product,
                  products.category[product], qty)


def _price_lines(run: _Run, rng: np.random.Generator, lines: _Lines) -> tuple:
    """(unit price, discount) per line: the price of the day, discounted by the
    sale calendar; last year's collections go deeper in a sale (clearance)."""
    products, cal, product = run.products, run.cal, lines.product
    price = np.where(lines.day >= products.change_date[product], products.new_price[product],
                     products.price[product])
    di = (lines.day - cal.days[0]).astype(int)
    discounted = rng.random(len(lines.order)) < cal.sale_share[di]
    pct = rng.uniform(cal.sale_low[di], cal.sale_high[di])
    old = (lines.day - products.intro[product]).astype(int) > curves.CLEARANCE_AGE_DAYS
    pct = np.where(cal.in_sale[di] & old,
                   np.minimum(pct + curves.CLEARANCE_EXTRA_DISCOUNT,
                              curves.MAX_CLEARANCE_DISCOUNT), pct)
    discount = np.where(discounted, np.round(price * lines.qty * pct), 0).astype(np.int64)
    return price, discount


def _return_lines(run: _Run, rng: np.random.Generator, orders: _Orders, lines: _Lines,
                  month_incidents) -> tuple:
    """(returned, return date, return time) per line: by the category's return
    rate and the channel's, within the return window and the history."""
    n = len(lines.order)
    online = orders.online[lines.order]
    p_return = run.cat_returns[lines.category] * np.where(
        online, curves.RETURN_CHANNEL_FACTOR["online"], curves.RETURN_CHANNEL_FACTOR["store"])
    ret_day = lines.day + rng.integers(*curves.RETURN_WINDOW_DAYS, n) * DAY
    if month_incidents:
        p_return = p_return * anomalies.return_factor(month_incidents, lines.day,
                                                      lines.category, online)
    returned = (rng.random(n) < p_return) & (ret_day <= day(run.cfg.end_date))
    ret_day = np.where(returned, ret_day, np.datetime64("NaT"))
    opens, closes = curves.RETURN_HOURS
    ret_ts = ret_day.astype("datetime64[s]") + rng.integers(
        opens * 3600, closes * 3600, n).astype("timedelta64[s]")
    return returned, ret_day, ret_ts


def _tally_sold(run: _Run, lines: _Lines, month_no: int) -> None:
    """Units sold per (store, product) this month, for the inventory simulation."""
    pair = run.pair_index[lines.store, lines.product]
    ok = pair >= 0
    run.sold[:, month_no] += np.bincount(pair[ok], weights=lines.qty[ok],
                                         minlength=run.sold.shape[0]).astype(np.int64)


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
    local = ~online & (rng.random(n) < curves.LOCAL_CUSTOMER_SHARE) & (store_market[o_store] >= 0)
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
