"""The discovery benchmark's parts at a tiny size: the table it builds (rows,
30 columns, the truth of each), its scoring and report on a stub discovery,
its one-line argument errors, and the rivals' runner where the bench
virtualenv (make venv-bench) is built."""

from __future__ import annotations

import csv
import datetime as dt
import subprocess
from pathlib import Path

import pytest

from fashion_retail_bench import discover as bench

from conftest import FASHION_RETAIL

TINY_SCALE = 0.001  # 2,003 legacy_flat rows at seed 7


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> bench.Table:
    # more rows than the scale gives: the builder goes round again
    return bench.build_table(TINY_SCALE, 7, 3_000, tmp_path_factory.mktemp("cache"))


def read(table: bench.Table) -> list[list[str]]:
    with open(table.path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_table_has_the_rows_and_thirty_columns_with_their_truth(tiny):
    rows = read(tiny)
    header, body = rows[0], rows[1:]
    assert len(body) == tiny.rows == 3_000 and tiny.generated_rows < 3_000
    assert len(header) == 30 and bench.DROPPED not in header
    assert all(len(row) == 30 for row in body)
    assert list(tiny.canonical) == header
    assert tiny.canonical["CUST_EMAIL"] == "customers.email"
    assert tiny.canonical["ORDER_NO"] == "order_lines.order_id"   # the first of two
    # the second lap's LINE_IDs lie past the first's
    ids = [int(r[0]) for r in body if r[0].isdigit()]
    first, second = ids[:tiny.generated_rows - 50], ids[tiny.generated_rows + 50:]
    assert min(second) > max(first)
    assert tiny.path.read_bytes()[:3] == b"\xef\xbb\xbf"


def test_table_comes_from_the_cache_the_second_time(tiny):
    again = bench.build_table(TINY_SCALE, 7, 3_000, tiny.path.parents[1])
    assert again.built_s is None and again.canonical == tiny.canonical
    assert again.path == tiny.path


def test_fewer_rows_than_generated_are_the_first_ones(tmp_path):
    table = bench.build_table(TINY_SCALE, 7, 100, tmp_path)
    body = read(table)[1:]
    assert len(body) == 100 and table.generated_rows > 100


def test_pii_truth_follows_the_score_module(tiny):
    pii = bench.pii_truth(tiny.canonical)
    assert pii["CUST_EMAIL"] and pii["CUST_PHONE"] and pii["CUST_FIRST"]
    assert not pii["LINE_ID"] and not pii["QTY"] and not pii["ORDER_DATE"]


def test_pii_scores():
    truth = {"a": True, "b": True, "c": False, "d": False}
    scores = bench.pii_scores({"a", "c"}, truth)
    assert (scores["tp"], scores["fp"], scores["fn"]) == (1, 1, 1)
    assert scores["precision"] == scores["recall"] == scores["f1"] == 0.5
    assert scores["false_positives"] == ["c"] and scores["missed"] == ["b"]
    assert bench.pii_scores(set(), truth)["precision"] == 1.0


def stub_discover(paths, out):
    """What run.discover returns, as far as the benchmark reads it."""
    names = read(bench.Table(Path(paths[0]), 0, 0, {}))[0]
    pii = {"CUST_EMAIL": "direct_identifier", "CUST_FIRST": "direct_identifier",
           "QTY": "quasi_identifier"}

    class Result:
        discovery = {"version": 1, "tables": [{"name": bench.TABLE, "columns": [
            {"name": n, "semantic_type": "email" if n == "CUST_EMAIL" else "category",
             "pii_class": pii.get(n, "none")} for n in names]}]}
    return Result()


def test_report_on_a_stub_discovery(tiny):
    seconds, runs, discovery = bench.run_discover(tiny, 2, discover=stub_discover)
    assert len(runs) == 2 and seconds > 0
    presidio = {"presidio_structured": "0.0.10", "presidio_analyzer": "2.2.366",
                "nlp": "spacy.blank('en') (no named-entity model)", "sample_rows": 100,
                "read_s": 0.1, "load_s": 0.2, "analyse_s": 10.0, "peak_mb": 300.0,
                "entities": {"CUST_EMAIL": "EMAIL_ADDRESS", "ORDER_DATE": "DATE_TIME"}}
    ydata = {"version": "4.18.4", "pandas": "2.3.3", "read_s": 1.0, "profile_s": 40.0,
             "to_json_s": 2.0, "peak_mb": 900.0, "types": {"QTY": "Numeric"}}
    text = bench.report(tiny, 2, seconds, runs, discovery, ydata, presidio,
                        dt.datetime(2026, 1, 1, tzinfo=dt.UTC), "fashion-retail bench discover")
    assert "3,000 rows x 30 columns" in text
    assert "**extrapolated**" in text and "100.0 ms a row" in text
    # discover: 2 of 3 right (QTY wrong); Presidio: e-mail right, the date counted
    assert "| discover | 0.67 |" in text
    assert "| Presidio structured (spacy.blank('en') (no named-entity model)) | 0.50 |" in text
    assert "| Presidio structured, DATE_TIME not counted | 1.00 |" in text
    assert "cannot find them here" in text
    assert "| CUST_EMAIL | customers.email | email, PII | email, direct_identifier " \
           "| EMAIL_ADDRESS |" in text
    assert "| ydata-profiling | n/a |" in text


@pytest.mark.parametrize("argv, message", [
    (["--rows", "0"], "--rows must be at least 1"),
    (["--repeat", "0"], "--repeat must be at least 1"),
    (["--scale", "0"], "--scale must be between"),
    (["--presidio-sample", "0"], "--presidio-sample must be at least 1"),
    (["--bench-python", "/nonexistent/python"], "make venv-bench"),
])
def test_bad_arguments_are_one_line(argv, message):
    done = subprocess.run([FASHION_RETAIL, "bench", "discover", *argv],
                          capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and message in done.stderr
    assert done.stderr.startswith("fashion-retail bench discover: error:")


@pytest.mark.skipif(not bench.BENCH_PYTHON.exists(),
                    reason="no bench virtualenv (make venv-bench)")
def test_rivals_run_in_the_bench_virtualenv(tmp_path):
    table = bench.build_table(TINY_SCALE, 7, 200, tmp_path)
    ydata = bench.run_rival(bench.BENCH_PYTHON, "ydata", table)
    assert "error" not in ydata, ydata
    assert ydata["rows"] == 200 and len(ydata["types"]) == 30 and ydata["profile_s"] > 0
    presidio = bench.run_rival(bench.BENCH_PYTHON, "presidio", table, "--sample", "20")
    assert "error" not in presidio, presidio
    assert presidio["sample_rows"] == 20 and presidio["rows"] == 200
    assert presidio["entities"].get("CUST_PHONE") == "PHONE_NUMBER"
