"""Orchestration: truth, defects and writing, table by table, month by month.

Memory stays bounded: entities are small (they grow with the square root of the
scale, customers linearly at a few hundred bytes each), and the large tables
(orders, order lines, inventory snapshots) are generated, corrupted and written
one month at a time, by a second process (see sales_worker) while this one
writes the entities.
"""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from fashion_retail.gen import __version__, anomalies, schema
from fashion_retail.gen.config import FORMATS, GeneratorConfig
from fashion_retail.gen.defects import Injector
from fashion_retail.gen.entities import (
    build_employees,
    build_products,
    build_sellers,
    build_stores,
    customer_core,
    customer_table,
)
from fashion_retail.gen.pools import build_pools
from fashion_retail.gen.sales import (
    build_calendar,
    month_bounds,
    months_per_chunk,
    orders_table,
)
from fashion_retail.gen.sales_worker import SalesWorker
from fashion_retail.gen.writer import (
    BackgroundWrites,
    TableWriter,
    publish,
    remove_partials,
    start_set,
)

RAW_TABLES = list(schema.BUSINESS_TABLES)
# every file of a generated set; the manifest, written last, says it is complete
SET_TABLES = [*RAW_TABLES, schema.LEDGER.name, schema.ANOMALY_LEDGER.name,
              schema.MANIFEST.name]


@dataclass
class Result:
    out: Path
    rows: dict[str, int] = field(default_factory=dict)
    ledger_rows: int = 0
    incidents: int = 0
    seconds: float = 0.0
    # the sales worker's max RSS when it ran as its own process, else 0
    worker_peak_rss_kb: int = 0

    @property
    def raw_rows(self) -> int:
        return sum(self.rows.values())


def _progress(cfg: GeneratorConfig, total: int):
    if not cfg.progress:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="step", desc="generating", leave=False)


def generate(cfg: GeneratorConfig, use_process: bool | None = None) -> Result:
    """Generate every raw table, the defect ledger and the manifest into cfg.out.

    The sales tables are made by a SalesWorker: a forked process on Linux, a
    thread elsewhere or with ``use_process=False``; the output is the same.
    """
    started = time.perf_counter()
    previous_pool = pa.default_memory_pool()
    pa.set_memory_pool(memory_pool())
    try:
        return _generate(cfg, use_process, started)
    finally:
        pa.set_memory_pool(previous_pool)


def memory_pool() -> pa.MemoryPool:
    """Arrow's jemalloc pool, else the system allocator's. The generator
    allocates and frees a chunk's text columns over and over; with Arrow's
    default pool (mimalloc) the kernel kept handing out fresh zeroed pages (a
    perf profile put 13% of the samples in the kernel's clear_page, called from
    mimalloc), and the run took 2.22 s at scale 1 against 2.05 s with jemalloc
    (medians of six alternating runs); the system allocator did about as well
    as jemalloc."""
    try:
        return pa.jemalloc_memory_pool()
    except NotImplementedError:
        return pa.system_memory_pool()


def _generate(cfg: GeneratorConfig, use_process: bool | None, started: float) -> Result:
    out = Path(cfg.out)
    out.mkdir(parents=True, exist_ok=True)
    # leftovers of a killed run go, and the old set's manifest: from here until
    # publish, the folder holds no set a loader would take
    start_set(out, SET_TABLES, schema.MANIFEST.name, cfg.fmt, FORMATS)
    n_chunks = -(-len(month_bounds(cfg)) // months_per_chunk(cfg))
    writers: dict[str, TableWriter] = {}

    def writer(table: schema.Table) -> TableWriter:
        if table.name not in writers:
            writers[table.name] = TableWriter.for_table(out, table, cfg.fmt)
        return writers[table.name]

    next_defect = [1]

    def write_ledger(ledger: pa.Table) -> None:
        if len(ledger):
            ids = pc.cast(pa.array(np.arange(next_defect[0], next_defect[0] + len(ledger))),
                          pa.string())
            next_defect[0] += len(ledger)
            background.submit(writer(schema.LEDGER), ledger.add_column(0, "defect_id", ids))

    def emit(name: str, clean: pa.Table, injector: Injector, chunk: int = 0,
             **incidents) -> None:
        dirty, ledger = injector.inject(name, clean, chunk, **incidents)
        background.submit(writer(schema.TABLES[name]), dirty)
        write_ledger(ledger)

    sales = background = bar = None
    try:
        pools = build_pools(cfg.seed)
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
        # the sales worker starts now, before any thread (it may be forked): it
        # needs the entities' numbers (the customers' ids, signups and
        # propensities; prices, launches, staff), not their text (names,
        # addresses, companies: see entities.Deferred), which is drawn here
        # meanwhile
        sales = SalesWorker(cfg, (stores, products, employees, customers, pools),
                            injector, incidents, use_process)
        background = BackgroundWrites()
        bar = _progress(cfg, 3 + 2 * n_chunks)
        step = (lambda label: None) if bar is None else \
            (lambda label: (bar.set_postfix_str(label), bar.update(1)))
        customers.table = customer_table(cfg, pools, customers)
        step("entities")
        # the ledger opens first so it exists (empty) even with --defect-rate 0
        writer(schema.LEDGER)
        for name, entity in (("stores", stores), ("sellers", sellers),
                             ("products", products), ("employees", employees),
                             ("customers", customers)):
            emit(name, entity.table, injector)
        step("entities written")
        for kind, *payload in sales.messages():
            if kind == "orders":
                chunk, parts, months, twice = payload
                emit("orders", orders_table(cfg, pools, parts, months), injector, chunk,
                     twice=twice)
            elif kind == "ledger":
                write_ledger(*payload)
            elif kind == "step":
                step(*payload)
            else:
                finished = payload[0]
        writer(schema.ANOMALY_LEDGER).write(
            anomalies.ledger(anomalies.settle(incidents, finished.affected)))
        background.join()
        rows = {name: writers[name].rows if name in writers else finished.rows[name]
                for name in RAW_TABLES}
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
            w.finish()
        # with the worker's, complete: the tables, then the manifest
        publish(out, SET_TABLES, schema.MANIFEST.name, cfg.fmt)
    except BaseException:
        if sales is not None:
            sales.stop()
        if background is not None:
            with contextlib.suppress(BaseException):
                background.join()
        for w in writers.values():
            if w.partial.exists():
                w.abort()
        # the worker's, if it could not remove them
        remove_partials(out, SET_TABLES, [cfg.fmt])
        raise
    finally:
        if bar is not None:
            bar.close()
    return Result(out=out, rows=rows, ledger_rows=ledger_rows, incidents=len(incidents),
                  seconds=time.perf_counter() - started,
                  worker_peak_rss_kb=finished.peak_rss_kb if sales.forked else 0)
