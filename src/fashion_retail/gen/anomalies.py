"""Incidents in the sales history: the truth the monitors are scored against.

Business incidents change what happened, so they are part of the clean truth:

- ``store_silent``: a store (or the web shop) takes no orders for one to three days;
- ``order_spike`` / ``order_drop``: a store's or a channel's orders rise or fall by
  25% to 60% of their normal daily value for one to three days;
- ``returns_surge``: lines sold on one to three days in one segment are returned
  25% to 60% more often than usual (a faulty batch, a sizing error).

Pipeline incidents change only what was loaded, so they are defects as well: they
go to the defect ledger too (classes ``decimal_shift`` and ``duplicate_load``),
vanish at ``--defect-rate 0``, and the cleansing layer repairs them:

- ``price_shift``: one day of one category's unit prices off by a decimal place;
- ``duplicate_load``: one day of orders and their lines loaded twice.

Sizes are drawn like real ones; the natural noise of the data is left as it is.
Each incident's signal-to-noise ratio is then worked out from the generator's own
expectation of its segment, on the scale where the noise a monitor sees has unit
standard deviation (Anscombe's): ``2 sqrt(x + 3/8)`` for Poisson counts,
``2 sqrt(n) asin(sqrt((x + 3/8) / (n + 3/4)))`` for ``x`` of ``n`` rows.
Segments are drawn among those where the incident stands out of that noise
(ratio at least ``DETECTABLE_SNR`` on its strongest day). When none does at
this scale, it goes to the segment where it shows most, and the ledger says it
is below the noise floor (``is_detectable`` false): no monitor can tell it from
an ordinary day, and the scored model reports it apart.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from fashion_retail.gen import curves, schema, vocab
from fashion_retail.gen.config import GeneratorConfig
from fashion_retail.gen.entities import CATEGORY_NAMES, DAY, Products, Stores
from fashion_retail.gen.rng import stream

# incidents per year of history, by class
PER_YEAR = {
    "store_silent": 2,
    "order_spike": 3,
    "order_drop": 3,
    "returns_surge": 2,
    "price_shift": 2,
    "duplicate_load": 1,
}
PIPELINE = ("price_shift", "duplicate_load")
AMPLITUDE = (0.25, 0.60)        # relative change of the segment's daily value
DAYS = (1, 3)                   # incident length, inclusive
WARM_UP_DAYS = 70               # a monitor needs some history before the first one
GAP_DAYS = 5                    # quiet days kept between two incidents
IN_SALE_SHARE = 0.3             # share of incidents placed in a sale period
RETURNS_SETTLE_DAYS = 35        # returns surges end before the return window closes
# the monitors flag a day beyond 4.5 standard deviations; an incident whose
# strongest day stands 6 out is found about nine times in ten
DETECTABLE_SNR = 6.0
LINES_PER_ORDER = 1 + curves.LINES_PER_ORDER_EXTRA  # the cap trims a negligible tail
PRICE_SHIFT = 10                # a decimal place
METRIC = {
    "store_silent": "orders",
    "order_spike": "orders",
    "order_drop": "orders",
    "returns_surge": "return_rate",
    "price_shift": "invalid_rate",
    "duplicate_load": "duplicate_rate",
}


@dataclass(frozen=True)
class Incident:
    incident_id: int
    incident_class: str
    segment_type: str           # all | channel | store | category
    segment: int | str          # store row, channel name, category row or 'all'
    segment_id: str             # as the warehouse names it
    start: np.datetime64
    days: int
    magnitude: float            # relative change of the metric (-1: silent)
    expected: float             # normal daily value of the metric, mean over the days
    snr: float
    in_sale: bool

    @property
    def end(self) -> np.datetime64:
        return self.start + (self.days - 1) * DAY

    def covers(self, days: np.ndarray) -> np.ndarray:
        return (days >= self.start) & (days <= self.end)


def _sqrt_effect(lam: np.ndarray, factor: float) -> np.ndarray:
    """Shift of 2 sqrt(count + 3/8) (Anscombe) when a Poisson mean is multiplied."""
    return np.abs(2 * np.sqrt(lam * factor + 0.375) - 2 * np.sqrt(lam + 0.375))


def _rate_effect(n: np.ndarray, p: float, q: float) -> np.ndarray:
    """Shift of 2 sqrt(n) asin(sqrt(rate)) (Anscombe) when a rate over n rows goes p -> q."""
    n = np.asarray(n, dtype=float)
    observed = np.arcsin(np.sqrt((np.minimum(q, 1.0) * n + 0.375) / (n + 0.75)))
    return 2 * np.sqrt(n) * np.abs(observed - math.asin(math.sqrt(p)))


CATEGORY_RETURNS = np.array([vocab.CATEGORIES[c]["returns"] for c in CATEGORY_NAMES])


class Expectation:
    """The generator's expected daily values, per store, channel and category."""

    def __init__(self, cfg: GeneratorConfig, cal, stores: Stores, products: Products):
        self.cal = cal
        open_ = stores.opened[None, :] <= cal.days[:, None]
        w = np.where(open_ & ~stores.is_online[None, :], stores.weight[None, :], 0.0)
        w = w / np.maximum(w.sum(axis=1, keepdims=True), 1e-12)
        self.store_orders = w * cal.store_orders[:, None]
        self.store_orders[:, stores.is_online] = cal.online_orders[:, None]
        self.open = open_
        pop = np.bincount(products.category, weights=products.popularity,
                          minlength=len(CATEGORY_NAMES))
        self.category_share = pop / pop.sum()
        online = cal.online_orders.sum() / (cal.online_orders.sum() + cal.store_orders.sum())
        self.channel_return = curves.RETURN_CHANNEL_FACTOR
        self.category_return = CATEGORY_RETURNS * (
            online * self.channel_return["online"] + (1 - online) * self.channel_return["store"])
        self.all_return = float(self.category_share @ self.category_return)
        price = schema.TABLES["order_lines"].column("unit_price").defects
        self.invalid_price = (price.get(schema.OUTLIER, 0) + price.get(schema.IMPOSSIBLE, 0)) \
            * cfg.defect_rate
        self.duplicate = schema.TABLES["orders"].row_defects[schema.EXACT_DUP] * cfg.defect_rate

    def orders(self, kind: str, segment, d: slice) -> np.ndarray:
        if kind == "store":
            return self.store_orders[d, segment]
        if kind == "channel":
            col = self.cal.online_orders if segment == "online" else self.cal.store_orders
            return col[d]
        return self.cal.online_orders[d] + self.cal.store_orders[d]

    def lines_and_return_rate(self, kind: str, segment, d: slice) -> tuple[np.ndarray, float]:
        lines = (self.cal.online_orders[d] + self.cal.store_orders[d]) * LINES_PER_ORDER
        if kind == "category":
            return lines * self.category_share[segment], float(self.category_return[segment])
        if kind == "channel":
            col = self.cal.online_orders if segment == "online" else self.cal.store_orders
            rate = float(self.category_share @ CATEGORY_RETURNS) * self.channel_return[segment]
            return col[d] * LINES_PER_ORDER, rate
        return lines, self.all_return



def plan(cfg: GeneratorConfig, cal, stores: Stores, products: Products) -> list[Incident]:
    """Where and when each incident happens: drawn from its own random stream."""
    rng = stream(cfg.seed, "anomalies", "plan")
    exp = Expectation(cfg, cal, stores, products)
    n_days = len(cal.days)
    years = n_days / 365.25
    classes = [c for c, k in PER_YEAR.items() for _ in range(int(round(k * years)))]
    classes = [classes[i] for i in rng.permutation(len(classes))]
    closed = cal.store_orders == 0                      # Christmas Day
    taken = np.zeros(n_days, bool)
    incidents: list[Incident] = []
    for cls in classes:
        length = 1 if cls in PIPELINE else int(rng.integers(DAYS[0], DAYS[1] + 1))
        last = n_days - length - (RETURNS_SETTLE_DAYS if cls == "returns_surge" else 0)
        in_sale = rng.random() < IN_SALE_SHARE
        start = _free_start(rng, taken, closed, cal.in_sale if in_sale else None,
                            WARM_UP_DAYS, last, length)
        if start is None:
            continue
        taken[max(0, start - GAP_DAYS):start + length + GAP_DAYS] = True
        d = slice(start, start + length)
        amplitude = float(rng.uniform(*AMPLITUDE))
        if cls == "order_drop":
            amplitude = -amplitude
        kind, segment, expected, snr = _segment(rng, cls, exp, d, amplitude, stores)
        magnitude = {"store_silent": -1.0, "duplicate_load": 1.0}.get(cls, amplitude)
        if cls == "price_shift":
            magnitude = float(PRICE_SHIFT - 1) if rng.random() < 0.5 else 1 / PRICE_SHIFT - 1
        incidents.append(Incident(
            incident_id=len(incidents) + 1, incident_class=cls, segment_type=kind,
            segment=segment, segment_id=_segment_id(kind, segment, stores),
            start=cal.days[start], days=length, magnitude=magnitude,
            expected=expected, snr=snr,
            in_sale=bool(cal.in_sale[d].any())))
    # pipeline incidents are defects: none in the clean truth, but planned all the
    # same, so that the business incidents fall where they do at any defect rate
    incidents = [i for i in incidents if cfg.defect_rate > 0 or i.incident_class not in PIPELINE]
    incidents.sort(key=lambda i: (i.start, i.incident_class))
    return [dataclasses.replace(i, incident_id=k + 1) for k, i in enumerate(incidents)]


def _free_start(rng, taken, closed, allowed, lo, hi, length, tries: int = 500):
    if hi <= lo:            # a history too short for the warm-up: no room at all
        return None
    for _ in range(tries):
        if allowed is not None:
            candidates = np.flatnonzero(allowed[lo:hi]) + lo
            if not len(candidates):
                allowed = None
                continue
            start = int(candidates[rng.integers(0, len(candidates))])
        else:
            start = int(rng.integers(lo, hi))
        window = slice(start, start + length)
        if not taken[window].any() and not closed[window].any():
            return start
    return None


def _segment(rng, cls, exp: Expectation, d: slice, amplitude: float, stores: Stores):
    """(segment type, segment, expected daily value, signal-to-noise) for an incident."""
    options = []           # (kind, segment, expected, snr)
    if cls in ("store_silent", "order_spike", "order_drop"):
        candidates = [("store", s) for s in range(len(stores.ids))
                      if exp.open[d, s].all()]
        if cls != "store_silent":
            candidates.append(("channel", "store"))
        for kind, seg in candidates:
            lam = exp.orders(kind, seg, d)
            effect = _sqrt_effect(lam, 0.0 if cls == "store_silent" else 1 + amplitude)
            options.append((kind, seg, float(lam.mean()), float(effect.max())))
    elif cls == "returns_surge":
        candidates = [("category", c) for c in range(len(CATEGORY_NAMES))]
        candidates += [("channel", "store"), ("channel", "online"), ("all", "all")]
        for kind, seg in candidates:
            lines, p = exp.lines_and_return_rate(kind, seg, d)
            effect = _rate_effect(lines, p, p * (1 + amplitude))
            options.append((kind, seg, p, float(effect.max())))
    elif cls == "price_shift":
        for c in range(len(CATEGORY_NAMES)):
            lines, _ = exp.lines_and_return_rate("category", c, d)
            effect = _rate_effect(lines, exp.invalid_price, 1.0)
            options.append(("category", c, exp.invalid_price, float(effect.max())))
    else:                                                   # duplicate_load
        orders = exp.orders("all", "all", d)
        options.append(("all", "all", exp.duplicate,
                        float(_rate_effect(orders, exp.duplicate, 0.5).max())))
    visible = [o for o in options if o[3] >= DETECTABLE_SNR]
    if visible:
        return visible[int(rng.integers(0, len(visible)))]
    return max(options, key=lambda o: o[3])


def _segment_id(kind: str, segment, stores: Stores) -> str:
    if kind == "store":
        return str(int(stores.ids[segment]))
    if kind == "category":
        return CATEGORY_NAMES[segment]
    return str(segment)


# ------------------------------------------------------------------ applying them
def adjust_counts(incidents: list[Incident], counts: np.ndarray, expected: np.ndarray,
                  days: np.ndarray, stores: Stores, rng: np.random.Generator) -> None:
    """Orders per (day, store) of one month, in place: silences, spikes and drops.

    Only the incident's cells are redrawn (from the anomaly stream), so every
    other cell keeps its own Poisson draw.
    """
    for inc in incidents:
        if inc.incident_class not in ("store_silent", "order_spike", "order_drop"):
            continue
        rows = np.flatnonzero(inc.covers(days))
        if not len(rows):
            continue
        if inc.segment_type == "store":
            cols = np.array([inc.segment])
        else:                                   # the in-store channel: every store
            cols = np.flatnonzero(~stores.is_online)
        cell = np.ix_(rows, cols)
        if inc.incident_class == "store_silent":
            counts[cell] = 0
        else:
            counts[cell] = rng.poisson(expected[cell] * (1 + inc.magnitude))


def return_factor(incidents: list[Incident], l_day: np.ndarray, category: np.ndarray,
                  online: np.ndarray) -> np.ndarray:
    """Multiplier on each line's return probability (1 outside returns surges)."""
    factor = np.ones(len(l_day))
    for inc in incidents:
        if inc.incident_class != "returns_surge":
            continue
        hit = inc.covers(l_day)
        if inc.segment_type == "category":
            hit &= category == inc.segment
        elif inc.segment_type == "channel":
            hit &= online == (inc.segment == "online")
        factor[hit] *= 1 + inc.magnitude
    return factor


def pipeline_marks(incidents: list[Incident], o_day: np.ndarray, l_day: np.ndarray,
                   category: np.ndarray, affected: dict[int, int] | None = None
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(orders loaded twice, lines loaded twice, price factor per line: 0 = none).

    With ``affected``, also adds the lines each pipeline incident touched to it,
    by incident_id (settle turns them into the incident's signal-to-noise).
    """
    order_twice = np.zeros(len(o_day), bool)
    line_twice = np.zeros(len(l_day), bool)
    price = np.zeros(len(l_day))
    for inc in incidents:
        if inc.incident_class == "duplicate_load":
            hit = inc.covers(l_day)
            order_twice |= inc.covers(o_day)
            line_twice |= hit
        elif inc.incident_class == "price_shift":
            hit = inc.covers(l_day) & (category == inc.segment)
            price[hit] = 1 + inc.magnitude
        else:
            continue
        if affected is not None:
            affected[inc.incident_id] = affected.get(inc.incident_id, 0) + int(hit.sum())
    return order_twice, line_twice, price


def settle(incidents: list[Incident], affected: dict[int, int]) -> list[Incident]:
    """Pipeline incidents' signal-to-noise from the lines they really touched.

    A decimal shift on a day a category sold two lines is a weaker signal than
    the day's expected sales promised; the ledger records what happened.
    """
    out = []
    for inc in incidents:
        if inc.incident_class in PIPELINE:
            n = np.array([affected.get(inc.incident_id, 0)], dtype=float)
            p = inc.expected
            if inc.incident_class == "price_shift":
                snr = _rate_effect(n, p, 1.0)
            else:                       # every line loaded twice: half the rows are copies
                snr = _rate_effect(2 * n, p, 0.5)
            inc = dataclasses.replace(inc, snr=float(snr[0]))
        out.append(inc)
    return out


def ledger(incidents: list[Incident]) -> pa.Table:
    """The anomaly ledger: one row per incident, every column text."""
    def col(values):
        return pa.array([None if v is None else str(v) for v in values], pa.string())

    return pa.table({
        "incident_id": col(i.incident_id for i in incidents),
        "incident_class": col(i.incident_class for i in incidents),
        "incident_kind": col("pipeline" if i.incident_class in PIPELINE else "business"
                             for i in incidents),
        "segment_type": col(i.segment_type for i in incidents),
        "segment_id": col(i.segment_id for i in incidents),
        "start_date": col(str(i.start) for i in incidents),
        "end_date": col(str(i.end) for i in incidents),
        "metric": col(METRIC[i.incident_class] for i in incidents),
        "magnitude": col(f"{i.magnitude:.4f}" for i in incidents),
        "expected_value": col(f"{i.expected:.4f}" for i in incidents),
        "signal_to_noise": col(f"{i.snr:.2f}" for i in incidents),
        "is_detectable": col(str(i.snr >= DETECTABLE_SNR).lower() for i in incidents),
        "is_in_sale_period": col(str(i.in_sale).lower() for i in incidents),
    })
