"""The report page: produced from a built warehouse, every promised chart on it,
nothing fetched from the internet, and a clear error without a warehouse."""

from __future__ import annotations

import os
import re
import subprocess

import duckdb
import pytest

from fashion_retail.report import charts
from fashion_retail.report.report import REQUIRED, ReportError, build

from conftest import FASHION_RETAIL, PROJECT

DBT = str(PROJECT / ".venv" / "bin" / "dbt") if (PROJECT / ".venv" / "bin" / "dbt").exists() \
    else "dbt"
WAREHOUSE = PROJECT / "target" / "test.duckdb"


def _has_report_models(path) -> bool:
    if not path.exists():
        return False
    with duckdb.connect(str(path), read_only=True) as con:
        tables = {r[0] for r in con.sql("select table_name from information_schema.tables "
                                        "where table_schema = 'main'").fetchall()}
    return {*REQUIRED, "mon_anomaly_detection", "syn_quality", "syn_privacy"} <= tables


@pytest.fixture(scope="module")
def warehouse():
    """The seed-scale warehouse `make dbt-test` builds (`make test` runs it before
    pytest); built here, the same way, when it lacks a model the report reads."""
    if not _has_report_models(WAREHOUSE):
        env = dict(os.environ, DBT_PROFILES_DIR=str(PROJECT),
                   FASHION_RETAIL_DUCKDB=str(WAREHOUSE))
        done = subprocess.run([DBT, "build"], cwd=PROJECT, env=env, capture_output=True,
                              text=True)
        assert done.returncode == 0, done.stdout[-3000:]
    return WAREHOUSE


def test_the_page_has_every_chart_it_promises(warehouse, tmp_path):
    out = tmp_path / "report"
    done = subprocess.run([FASHION_RETAIL, "report", "--database",
                           str(warehouse), "--out", str(out)], capture_output=True, text=True,
                          env=dict(os.environ))
    assert done.returncode == 0, done.stderr
    page = (out / "index.html").read_text()
    promised = re.search(r'data-promised-charts="([^"]*)"', page).group(1).split()
    drawn = re.findall(r'<svg [^>]*data-chart="([^"]+)"', page)
    expected = {"dq-rates", "dq-null-heatmap", "metrics-orders", "metrics-return-rate",
                "metrics-duplicate-rate", "metrics-invalid-rate", "detection-recall",
                "cleansing-success", "synthetic-fidelity", "synthetic-privacy"}
    assert set(promised) == expected
    assert sorted(drawn) == sorted(promised)
    for chart_id in promised:
        svg = re.search(rf'<svg [^>]*data-chart="{chart_id}".*?</svg>', page, re.S).group(0)
        assert "no data" not in svg, chart_id
        assert re.search(r"<(polyline|rect|circle)", svg), chart_id
    # flagged days are marked on the metric charts, incidents shaded
    orders = re.search(r'data-chart="metrics-orders".*?</svg>', page, re.S).group(0)
    assert 'fill="#d62828"' in orders
    assert charts.INCIDENT in orders
    # a static page: no script, nothing loaded from anywhere
    assert "<script" not in page
    assert not re.search(r'(src|href)="(https?:)?//', page)


def test_a_missing_warehouse_is_one_clear_line(tmp_path):
    done = subprocess.run([FASHION_RETAIL, "report", "--database",
                           str(tmp_path / "none.duckdb"), "--out", str(tmp_path / "r")],
                          capture_output=True, text=True,
                          env=dict(os.environ))
    assert done.returncode == 1
    assert done.stderr.strip().count("\n") == 0
    assert "make build" in done.stderr


def test_an_unbuilt_warehouse_names_what_is_missing(tmp_path):
    empty = tmp_path / "empty.duckdb"
    duckdb.connect(str(empty)).close()
    with pytest.raises(ReportError, match="mon_daily_metrics"):
        build(empty)


def test_ticks_cover_the_range():
    ticks = charts._ticks(0, 37)
    assert ticks[0] <= 0 and ticks[-1] >= 37
    assert len(ticks) <= 8


def test_charts_without_data_say_so():
    svg = charts.time_series("x", "Nothing", [charts.Series("a", [], [])])
    assert 'data-chart="x"' in svg and "no data" in svg
    assert "no data" in charts.bars("y", "Nothing", [], {"a": []})


def test_a_warehouse_without_the_ledgers_says_what_is_not_scored(warehouse, tmp_path):
    # an onboarded source (make build SOURCE=NAME) has no defect or anomaly
    # ledger: the scorecard and detection scores are not built, the rest is
    # the same file name: views name their database
    copy = tmp_path / warehouse.name
    with duckdb.connect() as con:
        con.execute(f"attach '{warehouse}' as built (read_only)")
        con.execute(f"attach '{copy}' as onboarded")
        con.execute("copy from database built to onboarded")
    with duckdb.connect(str(copy)) as con:
        con.execute("drop table if exists rpt_cleansing_scorecard")
        con.execute("drop table if exists mon_anomaly_detection")
    page, promised = build(copy)
    assert page.count("has no defect ledger") == 2
    assert {c.chart_id for c in promised}.isdisjoint({"cleansing-success",
                                                      "detection-recall"})
