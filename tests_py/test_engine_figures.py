"""engine_figures: the DuckDB side read from a real build, and the comparison."""

from __future__ import annotations

import json

from fashion_retail import engine_figures
from test_report import warehouse  # noqa: F401 - the seed-scale warehouse, built if missing


def test_compare_reports_every_disagreement():
    duck = {"rows:fct_sales": {"rows": "100"}, "units_by_category": {"Tops": "5", "Shoes": "2"}}
    spark = {"rows:fct_sales": {"rows": "100"}, "units_by_category": {"Tops": "4"}}
    problems = engine_figures.compare(duck, spark)
    assert len(problems) == 1
    assert "Tops: 5 != 4" in problems[0] and "Shoes: 2 != None" in problems[0]
    assert engine_figures.compare(duck, json.loads(json.dumps(duck))) == []


def test_a_figure_missing_on_one_side_is_a_disagreement():
    assert engine_figures.compare({"rows:dim_dates": {"rows": "1"}}, {}) == [
        "rows:dim_dates: rows: 1 != None"]


def test_duckdb_figures_of_a_built_warehouse(warehouse):  # noqa: F811
    figures = engine_figures.duckdb_figures(warehouse)
    assert set(figures) == {f"rows:{m}" for m in engine_figures.MARTS} | set(
        engine_figures.FIGURES) | {f"privacy:{t}" for t in engine_figures.PRIVACY_COLUMNS}
    assert int(figures["rows:fct_sales"]["rows"]) > 0
    months = figures["revenue_by_month"]
    assert len(months) == 36 and all(len(key) == 6 for key in months)
    # every defect class is scored, and the anonymized columns have values
    assert figures["cleansing_scorecard"] and figures["anomaly_detection"]
    domains = figures["privacy:dim_customers"]["email_domain"].split("|")
    assert int(domains[0]) > 0 and "*" in domains[1]


def test_cli_errors_are_one_line(tmp_path, capsys):
    assert engine_figures.main(["sqlite", "a", "b"]) == 2
    assert engine_figures.main(["duckdb", str(tmp_path / "none.duckdb"),
                                str(tmp_path / "out.json")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("error: ") and len(err) == 2

