"""Month-end stock snapshots per store and product, simulated from the sales.

Every (store, product) the store carries starts at a target of about six weeks of
its own demand. Each month the units sold leave the shelf (never below zero: a
stock-out), and when stock falls under the reorder point a replenishment order
is placed that arrives the next month, or a month late one time in six. A
snapshot records what is on hand and on order at each month end from the
product's launch on.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pyarrow as pa

from fashion_retail.gen import text
from fashion_retail.gen.config import GeneratorConfig
from fashion_retail.gen.entities import DAY, Products, Stores, at_time
from fashion_retail.gen.rng import stream
from fashion_retail.gen.sales import SalesState, month_bounds, months_per_chunk

TARGET_MONTHS = 1.5
REORDER_MONTHS = 0.75
LATE_DELIVERY_SHARE = 1 / 6


def generate_inventory(cfg: GeneratorConfig, stores: Stores, products: Products,
                       state: SalesState) -> Iterator[pa.Table]:
    rng = stream(cfg.seed, "inventory")
    store_row, product_row = np.nonzero(state.pair_index >= 0)
    order = np.argsort(state.pair_index[store_row, product_row])
    store_row, product_row = store_row[order], product_row[order]
    sold = state.sold
    bounds = month_bounds(cfg)
    intro = products.intro[product_row]
    active_months = np.maximum(
        ((bounds[-1][1] - np.maximum(intro, bounds[0][0])).astype(int) / 30.4), 1)
    demand = sold.sum(axis=1) / active_months
    target = np.ceil(demand * TARGET_MONTHS).astype(np.int64) + 2
    reorder = np.floor(demand * REORDER_MONTHS).astype(np.int64) + 1
    on_hand = target.copy()
    arriving = np.zeros_like(on_hand)       # arrives at the start of next month
    delayed = np.zeros_like(on_hand)        # arrives a month after that
    next_id = 1
    per_chunk = months_per_chunk(cfg)
    parts: list[dict] = []
    for m, (_, month_end) in enumerate(bounds):
        live = (intro <= month_end) & (stores.opened[store_row] <= month_end)
        on_hand = on_hand + arriving
        arriving, delayed = delayed, np.zeros_like(delayed)
        on_hand = np.maximum(on_hand - np.where(live, sold[:, m], 0), 0)
        pending = arriving > 0
        need = live & (on_hand < reorder) & ~pending
        qty = np.where(need, 2 * target - on_hand, 0)
        late = need & (rng.random(len(qty)) < LATE_DELIVERY_SHARE)
        arriving = arriving + np.where(late, 0, qty)
        delayed = delayed + np.where(late, qty, 0)
        rows = np.flatnonzero(live)
        ids = np.arange(next_id, next_id + len(rows))
        next_id += len(rows)
        snap = np.full(len(rows), month_end)
        parts.append({
            "inventory_snapshot_id": (text.integer, ids),
            "snapshot_date": (text.date, snap),
            "store_id": (text.integer, stores.ids[store_row[rows]]),
            "product_id": (text.integer, products.ids[product_row[rows]]),
            "quantity_on_hand": (text.integer, on_hand[rows]),
            "quantity_on_order": (text.integer, (arriving + delayed)[rows]),
            "updated_at": (text.timestamp, at_time(snap + DAY, rng, 1, 5)),
        })
        if len(parts) == per_chunk or m == len(bounds) - 1:
            yield text.batch(parts)
            parts = []
