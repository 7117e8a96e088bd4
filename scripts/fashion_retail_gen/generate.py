"""Orchestration: truth, defects and writing, table by table, month by month.

Memory stays bounded: entities are small (they grow with the square root of the
scale, customers linearly at a few hundred bytes each), and the large tables
(orders, order lines, inventory snapshots) are generated, corrupted and written
one month at a time.
"""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from fashion_retail_gen import __version__, anomalies, schema
from fashion_retail_gen.config import GeneratorConfig
from fashion_retail_gen.defects import Injector
from fashion_retail_gen.entities import (
    build_employees,
    build_products,
    build_sellers,
    build_stores,
    customer_core,
    customer_table,
)
from fashion_retail_gen.inventory import generate_inventory
from fashion_retail_gen.pools import build_pools
from fashion_retail_gen.sales import (
    SalesState,
    build_calendar,
    generate_sales,
    month_bounds,
    months_per_chunk,
)
from fashion_retail_gen.writer import BackgroundWrites, TableWriter, prefetch, text_schema

RAW_TABLES = list(schema.TABLES)


@dataclass
class Result:
    out: Path
    rows: dict[str, int] = field(default_factory=dict)
    ledger_rows: int = 0
    incidents: int = 0
    seconds: float = 0.0

    @property
    def raw_rows(self) -> int:
        return sum(self.rows.values())


def _progress(cfg: GeneratorConfig, total: int):
    if not cfg.progress:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="step", desc="generating", leave=False)


def generate(cfg: GeneratorConfig) -> Result:
    """Generate every raw table, the defect ledger and the manifest into cfg.out."""
    started = time.perf_counter()
    out = Path(cfg.out)
    out.mkdir(parents=True, exist_ok=True)
    n_chunks = -(-len(month_bounds(cfg)) // months_per_chunk(cfg))
    bar = _progress(cfg, 6 + 2 * n_chunks)
    writers: dict[str, TableWriter] = {}
    background = BackgroundWrites()

    def writer(table: schema.Table) -> TableWriter:
        if table.name not in writers:
            writers[table.name] = TableWriter(out, table.name, cfg.fmt,
                                              text_schema(table.column_names),
                                              table.dictionary_columns)
        return writers[table.name]

    def step(label: str) -> None:
        if bar is not None:
            bar.set_postfix_str(label)
            bar.update(1)

    next_defect = [1]

    def emit(name: str, clean: pa.Table, injector: Injector, chunk: int = 0,
             **incidents) -> None:
        dirty, ledger = injector.inject(name, clean, chunk, **incidents)
        background.submit(writer(schema.TABLES[name]), dirty)
        if len(ledger):
            ids = pc.cast(pa.array(np.arange(next_defect[0], next_defect[0] + len(ledger))),
                          pa.string())
            next_defect[0] += len(ledger)
            background.submit(writer(schema.LEDGER),
                              ledger.add_column(0, "defect_id", ids))

    sales = None
    try:
        pools = build_pools(cfg.seed)
        step("pools")
        stores = build_stores(cfg, pools)
        sellers = build_sellers(cfg, pools)
        products = build_products(cfg, sellers)
        employees = build_employees(cfg, pools, stores)
        customers = customer_core(cfg, pools)
        injector = Injector(cfg.seed, cfg.defect_rate, cfg.end_date, id_ceiling={
            "customers": int(customers.ids.max()),
            "products": int(products.ids.max()),
            "sellers": int(sellers.ids.max()),
        })
        incidents = anomalies.plan(cfg, build_calendar(cfg), stores, products) \
            if cfg.anomalies else []
        # sales generation starts now, on its own thread: it needs the customers'
        # ids, signups and propensities, not their names and addresses, which are
        # drawn while the first months of sales are generated
        state = SalesState(None, None, None)
        sales = prefetch(generate_sales(cfg, stores, products, employees, customers, pools,
                                        state, incidents))
        customers.table = customer_table(cfg, pools, customers)
        step("entities")
        # the ledger opens first so it exists (empty) even with --defect-rate 0
        writer(schema.LEDGER)
        for name, entity in (("stores", stores), ("sellers", sellers),
                             ("products", products), ("employees", employees),
                             ("customers", customers)):
            emit(name, entity.table, injector)
        step("entities written")
        for chunk, (orders, lines, marks) in enumerate(sales):
            emit("orders", orders, injector, chunk, twice=marks.orders_loaded_twice)
            emit("order_lines", lines, injector, chunk, twice=marks.lines_loaded_twice,
                 shift=("unit_price", marks.price_factor))
            step("sales")
        writer(schema.ANOMALY_LEDGER).write(
            anomalies.ledger(anomalies.settle(incidents, state.affected)))
        for chunk, snapshots in enumerate(prefetch(
                generate_inventory(cfg, stores, products, state))):
            emit("inventory_snapshots", snapshots, injector, chunk)
            step("inventory")
        background.join()
        rows = {name: writers[name].rows for name in RAW_TABLES}
        ledger_rows = writers[schema.LEDGER.name].rows
        manifest_rows = dict(rows, **{schema.LEDGER.name: ledger_rows,
                                      schema.ANOMALY_LEDGER.name: len(incidents)})
        manifest = pa.table({
            "table_name": list(manifest_rows),
            "row_count": [str(v) for v in manifest_rows.values()],
            "seed": [str(cfg.seed)] * len(manifest_rows),
            "scale": [f"{cfg.scale:g}"] * len(manifest_rows),
            "defect_rate": [f"{cfg.defect_rate:g}"] * len(manifest_rows),
            "start_date": [cfg.start_date.isoformat()] * len(manifest_rows),
            "end_date": [cfg.end_date.isoformat()] * len(manifest_rows),
            "generator_version": [__version__] * len(manifest_rows),
        })
        writer(schema.MANIFEST).write(manifest)
        step("manifest")
        for w in writers.values():
            w.close()
    except BaseException:
        if sales is not None:
            sales.close()
        with contextlib.suppress(BaseException):
            background.join()
        for w in writers.values():
            if w.partial.exists():
                w.abort()
        raise
    finally:
        if bar is not None:
            bar.close()
    return Result(out=out, rows=rows, ledger_rows=ledger_rows, incidents=len(incidents),
                  seconds=time.perf_counter() - started)
