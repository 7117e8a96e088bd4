"""The benchmark suite's parts that are not timings: its baselines run offline,
dbt's run results are read right, and bad arguments are one line."""

from __future__ import annotations

import json
import subprocess

import pytest

from fashion_retail_bench import build, suite
from fashion_retail_bench import generate as generate_bench

from conftest import FASHION_RETAIL, PROJECT


def test_tpch_baseline_runs_from_the_pinned_wheel(tmp_path):
    result = generate_bench.tpch(100_000, tmp_path)
    assert result["sf"] == 0.01
    # dbgen's row counts at sf 0.01: lineitem about 60k, orders 15k
    assert 80_000 < sum(result["rows"].values()) < 95_000
    assert result["bytes"] > 0 and len(list(tmp_path.glob("*.parquet"))) == 8


def test_slowest_models_come_from_run_results(tmp_path):
    results = tmp_path / "run_results.json"
    results.write_text(json.dumps({"results": [
        {"unique_id": "model.fashion_retail.fct_sales", "execution_time": 3.5},
        {"unique_id": "test.fashion_retail.not_null_x", "execution_time": 9.0},
        {"unique_id": "model.fashion_retail.dim_dates", "execution_time": 0.2},
        {"unique_id": "model.fashion_retail.mon_anomaly_scores", "execution_time": 7.0},
    ]}))
    assert build.slowest_models(results, 2) == [("mon_anomaly_scores", 7.0),
                                                ("fct_sales", 3.5)]


def test_build_report_shows_cost_per_million_rows(tmp_path):
    run = build.ScaleRun(1.0, raw_rows=2_000_000, steps=[
        build.Step("generate", 3.0, 500, True, tmp_path / "g.log"),
        build.Step("dbt build", 97.0, 4000, True, tmp_path / "b.log")])
    failed = build.ScaleRun(10.0, raw_rows=20_000_000, steps=[
        build.Step("generate", 30.0, 600, True, tmp_path / "g10.log"),
        build.Step("dbt build", 5.0, 9000, False, tmp_path / "b10.log")])
    text = build.report([run, failed])
    assert "| 1 | 2,000,000 | 3.0 |  | 97.0 |  | 100.0 | 50.0 | 4,000 |" in text
    assert "5.0 (failed)" in text and "b10.log" in text


@pytest.mark.parametrize("scales", ["", "0", "one two", "0.1 500"])
def test_bad_scales_are_one_line(scales):
    done = subprocess.run([FASHION_RETAIL, "bench", "--scales", scales],
                          capture_output=True, text=True, cwd=PROJECT,
                          env={"PATH": "/usr/bin"})
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1
    assert "--scales" in done.stderr


def test_scales_parse():
    assert suite._scales("0.1, 1 10") == [0.1, 1.0, 10.0]
