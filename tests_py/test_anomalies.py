"""Incidents in the sales history: placed as documented, in the truth when they
happened, in the load (and the defect ledger) when only the load was wrong."""

from __future__ import annotations

import datetime as dt

import pyarrow.parquet as pq
import pytest

from fashion_retail.gen import anomalies, schema
from fashion_retail.gen.config import GeneratorConfig
from fashion_retail.gen.generate import generate

from conftest import TEST_SCALE, connect, scalar


@pytest.fixture(scope="module")
def calm_dir(tmp_path_factory):
    """The clean truth of the same seed, without incidents."""
    out = tmp_path_factory.mktemp("calm")
    generate(GeneratorConfig(scale=TEST_SCALE, seed=7, out=out, fmt="parquet", defect_rate=0,
                             anomalies=False))
    return out


def incidents(con) -> list[dict]:
    rel = con.sql("select * from anomaly_ledger order by cast(incident_id as int)")
    return [dict(zip(rel.columns, row)) for row in rel.fetchall()]


def test_incidents_are_placed_as_documented(dirty):
    rows = incidents(dirty)
    years = (dt.date(2025, 12, 31) - dt.date(2023, 1, 1)).days / 365.25
    by_class = {}
    for r in rows:
        by_class[r["incident_class"]] = by_class.get(r["incident_class"], 0) + 1
    assert by_class == {c: round(k * years) for c, k in anomalies.PER_YEAR.items()}
    spans = sorted((dt.date.fromisoformat(r["start_date"]), dt.date.fromisoformat(r["end_date"]))
                   for r in rows)
    assert spans[0][0] >= dt.date(2023, 1, 1) + dt.timedelta(days=anomalies.WARM_UP_DAYS)
    for (_, end), (start, _) in zip(spans, spans[1:]):
        assert (start - end).days > anomalies.GAP_DAYS          # never overlapping
    for r in rows:
        days = (dt.date.fromisoformat(r["end_date"])
                - dt.date.fromisoformat(r["start_date"])).days + 1
        size = abs(float(r["magnitude"]))
        if r["incident_class"] in ("order_spike", "order_drop", "returns_surge"):
            assert anomalies.AMPLITUDE[0] <= size <= anomalies.AMPLITUDE[1]
            assert 1 <= days <= 3
        assert (r["is_detectable"] == "true") == (
            float(r["signal_to_noise"]) >= anomalies.DETECTABLE_SNR)
    # some in a sale, as real incidents are
    assert any(r["is_in_sale_period"] == "true" for r in rows)


def test_business_incidents_change_only_their_own_cells(truth, calm_dir):
    """Orders per (day, store) are the incident-free draw except where incidents are."""
    calm = connect(calm_dir)
    count = """select order_date, store_id, count(*) as n from {} group by all"""
    with_incidents = dict(((d, s), n) for d, s, n in truth.sql(count.format("orders"))
                          .fetchall())
    without = dict(((d, s), n) for d, s, n in calm.sql(count.format("orders")).fetchall())
    stores = {r[0]: r[1] for r in truth.sql(
        "select store_id, case when store_id = '1' then 'online' else 'store' end "
        "from stores").fetchall()}
    touched = set()
    for r in incidents(truth):
        if r["incident_class"] not in ("store_silent", "order_spike", "order_drop"):
            continue
        start = dt.date.fromisoformat(r["start_date"])
        for k in range((dt.date.fromisoformat(r["end_date"]) - start).days + 1):
            day = (start + dt.timedelta(days=k)).isoformat()
            for store, channel in stores.items():
                if store == r["segment_id"] or (r["segment_type"] == "channel"
                                                and channel == r["segment_id"]):
                    touched.add((day, store))
                    if r["incident_class"] == "store_silent":
                        assert (day, store) not in with_incidents, (day, store)
    changed = {cell for cell in with_incidents.keys() | without.keys()
               if with_incidents.get(cell, 0) != without.get(cell, 0)}
    assert changed <= touched
    assert changed          # and they did change something


def test_pipeline_incidents_are_defects_of_their_own_class(dirty, dirty_dir, truth):
    ledger = pq.read_table(dirty_dir / "defect_ledger.parquet").to_pylist()
    shifted = [e for e in ledger if e["defect_class"] == schema.DECIMAL_SHIFT]
    reloaded = [e for e in ledger if e["defect_class"] == schema.DUPLICATE_LOAD]
    rows = incidents(dirty)
    assert shifted and reloaded
    for e in shifted:
        ratio = float(e["dirty_value"]) / float(e["clean_value"])
        assert ratio == pytest.approx(10, rel=0.01) or ratio == pytest.approx(0.1, rel=0.06)
    # a duplicated day: every order of that day is in the raw table twice (or more)
    for r in rows:
        if r["incident_class"] != "duplicate_load":
            continue
        day = r["start_date"]
        orders_that_day = {o for (o,) in truth.sql(
            f"select order_id from orders where order_date = '{day}'").fetchall()}
        reloaded_orders = {e["record_id"] for e in reloaded if e["table_name"] == "orders"
                           and e["record_updated_at"].startswith(day)}
        assert reloaded_orders == orders_that_day and orders_that_day
        copies = dict(dirty.sql(f"""select order_id, count(*) from orders where order_id in
            ({", ".join(f"'{o}'" for o in orders_that_day)}) group by order_id""").fetchall())
        assert all(copies[o] >= 2 for o in orders_that_day)
    # a decimal shift touches one category on one day: its ledger rows name those lines
    for r in rows:
        if r["incident_class"] == "price_shift":
            assert r["segment_type"] == "category"
            assert r["start_date"] == r["end_date"]


def test_no_anomalies_and_no_defects(tmp_path):
    out = tmp_path / "calm"
    generate(GeneratorConfig(scale=0.005, seed=3, out=out, fmt="parquet", anomalies=False))
    con = connect(out)
    assert scalar(con, "select count(*) from anomaly_ledger") == 0
    assert scalar(con, f"""select count(*) from defect_ledger where defect_class in
        ('{schema.DECIMAL_SHIFT}', '{schema.DUPLICATE_LOAD}')""") == 0


def test_the_clean_truth_has_only_business_incidents(truth):
    kinds = {r["incident_kind"] for r in incidents(truth)}
    assert kinds == {"business"}
