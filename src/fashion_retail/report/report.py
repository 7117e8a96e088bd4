"""Read the built warehouse, write the report page.

Every chart is promised in the page's table of contents (``<nav>``), with its
``data-chart`` id; a section whose models are not built (the synthetic twins
on an engine without Python models) is left out and not promised.
"""

from __future__ import annotations

import datetime as dt
import html
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import duckdb

from fashion_retail.report import __version__, charts


class ReportError(RuntimeError):
    """The warehouse cannot be reported on; the message is one line for the CLI."""


REQUIRED = ("mon_daily_metrics", "mon_anomalies", "mon_data_quality_scorecard")
# what data without the generator's ledgers (an onboarded source) cannot score
NO_LEDGER = ("This data set has no defect ledger (an onboarded source: `make build "
             "SOURCE=NAME`), so {what} is not scored against one; {still}.")


@dataclass
class Chart:
    chart_id: str
    title: str
    svg: str


@dataclass
class Section:
    title: str
    intro: str
    charts: list[Chart]
    table: str = ""


def _tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Tables and views of the main schema."""
    return {r[0] for r in con.sql(
        "select table_name from information_schema.tables where table_schema = 'main'"
    ).fetchall()}


def _rows(con, sql: str) -> list[dict]:
    """Rows as dicts; decimals (SQL literals, money) as floats for the charts."""
    rel = con.sql(sql)
    names = rel.columns
    return [{k: float(v) if isinstance(v, Decimal) else v for k, v in zip(names, r)}
            for r in rel.fetchall()]


def _pct(v) -> str:
    return "" if v is None else f"{v * 100:.1f}%"


def _html_table(rows: list[dict], columns: dict[str, str]) -> str:
    head = "".join(f"<th>{html.escape(label)}</th>" for label in columns.values())
    body = []
    for r in rows:
        cells = []
        for key in columns:
            v = r.get(key)
            if isinstance(v, float):
                v = _pct(v) if ("rate" in key or key in ("flag_precision", "recall")) \
                    else f"{v:,.3f}"
            elif isinstance(v, bool):
                v = "yes" if v else "no"
            elif isinstance(v, int):
                v = f"{v:,}"
            cells.append(f"<td>{html.escape('' if v is None else str(v))}</td>")
        body.append(f"<tr>{''.join(cells)}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


# ---------------------------------------------------------------- sections
def data_quality(con) -> Section:
    rows = _rows(con, "select * from mon_data_quality_scorecard order by table_name, column_name")
    by_table = defaultdict(lambda: {"loaded": 0, "null": 0, "invalid": 0})
    table_rows = {}
    for r in rows:
        t = by_table[r["table_name"]]
        # an empty table (a source without it) has no cells to count
        t["loaded"] += r["loaded_cells"] or 0
        t["null"] += r["null_cells"] or 0
        t["invalid"] += r["invalid_cells"] or 0
        table_rows[r["table_name"]] = r
    tables = sorted(by_table)
    rates = charts.bars(
        "dq-rates", "Null, invalid and duplicate rates by raw table", tables, {
            "null": [by_table[t]["null"] / max(by_table[t]["loaded"], 1) for t in tables],
            "invalid": [by_table[t]["invalid"] / max(by_table[t]["loaded"], 1) for t in tables],
            "duplicate rows": [table_rows[t]["duplicate_rate"] for t in tables],
        }, percent=True)
    columns = sorted({r["column_name"] for r in rows})
    heat = charts.heatmap("dq-null-heatmap", "Null rate by table and column", tables, columns,
                          {(r["table_name"], r["column_name"]): r["null_rate"] for r in rows})
    summary = [dict(table_name=t, raw_rows=table_rows[t]["raw_rows"],
                    clean_rows=table_rows[t]["clean_rows"],
                    duplicate_rows=table_rows[t]["duplicate_rows"],
                    quarantined_rows=table_rows[t]["quarantined_rows"],
                    is_conserved=table_rows[t]["is_conserved"]) for t in tables]
    return Section(
        "Data quality", "How clean each raw table was as loaded, and where every raw row went "
        "(mon_data_quality_scorecard).",
        [Chart("dq-rates", "Null, invalid and duplicate rates by raw table", rates),
         Chart("dq-null-heatmap", "Null rate by table and column", heat)],
        _html_table(summary, {"table_name": "table", "raw_rows": "raw rows",
                              "clean_rows": "clean", "duplicate_rows": "copies / merged",
                              "quarantined_rows": "quarantined",
                              "is_conserved": "every row accounted for"}))


SERIES = [
    ("metrics-orders", "Orders per day, by channel (red: flagged)", "orders",
     [("all", "all"), ("channel", "store"), ("channel", "online")], False),
    ("metrics-return-rate", "Return rate by order day (red: flagged)", "return_rate",
     [("all", "all")], True),
    ("metrics-duplicate-rate", "Duplicate rate of the loaded order lines", "duplicate_rate",
     [("all", "all")], True),
    ("metrics-invalid-rate", "Unit prices the cleansing had to replace", "invalid_rate",
     [("all", "all")], True),
]


def metrics(con, tables: set[str]) -> Section:
    incidents = []
    if "stg_raw__anomaly_ledger" in tables:
        incidents = [(r["start_date"], r["end_date"],
                      f"incident {r['incident_id']}: {r['incident_class']} in "
                      f"{r['segment_type']} {r['segment_id']}")
                     for r in _rows(con, "select * from stg_raw__anomaly_ledger")]
    out = []
    for chart_id, title, metric, segments, percent in SERIES:
        series = []
        for seg_type, seg_id in segments:
            points = con.execute(
                "select metric_date, metric_value from mon_daily_metrics where metric = ? "
                "and segment_type = ? and segment_id = ? order by metric_date",
                [metric, seg_type, seg_id]).fetchall()
            flagged = [r[0] for r in con.execute(
                "select metric_date from mon_anomalies where metric = ? and segment_type = ? "
                "and segment_id = ?", [metric, seg_type, seg_id]).fetchall()]
            name = seg_id if seg_type != "all" else "all"
            series.append(charts.Series(name, [p[0] for p in points], [p[1] for p in points],
                                        flagged))
        out.append(Chart(chart_id, title, charts.time_series(chart_id, title, series,
                                                             incidents, percent)))
    flags = _rows(con, "select * from mon_anomalies order by metric_date desc, abs(score) desc "
                       "limit 40")
    return Section(
        "Metrics over time", "Daily metrics from mon_daily_metrics; red dots are the days "
        "mon_anomalies flags in that series, shaded bands the incidents the generator "
        "injected (anomaly ledger). The 40 most recent flags are listed below.", out,
        _html_table(flags, {"metric_date": "day", "segment_type": "segment",
                            "segment_id": "id", "metric": "metric",
                            "observed_value": "observed", "expected_value": "expected",
                            "score": "score", "direction": "direction"}))


def detection(con) -> Section:
    rows = _rows(con, "select * from mon_anomaly_detection order by incident_class = 'all', "
                      "incident_class")
    labels = [r["incident_class"] for r in rows]
    svg = charts.bars("detection-recall", "Incidents found, by class", labels, {
        "recall (all incidents)": [r["recall"] for r in rows],
        "recall (above the noise floor)": [r["detectable_recall"] for r in rows],
    }, percent=True, target=rows[0]["target_recall"] if rows else None)
    overall = next((r for r in rows if r["incident_class"] == "all"), {})
    intro = (f"Scored against the generator's anomaly ledger (mon_anomaly_detection): "
             f"{overall.get('true_flags', 0)} of {overall.get('flags', 0)} flags fall on an "
             f"incident (precision {_pct(overall.get('flag_precision'))}); "
             f"{overall.get('detected_detectable_incidents', 0)} of "
             f"{overall.get('detectable_incidents', 0)} incidents above the noise floor were "
             f"found, {overall.get('detected_incidents', 0)} of {overall.get('incidents', 0)} "
             "in all.")
    return Section("Anomaly detection", intro,
                   [Chart("detection-recall", "Incidents found, by class", svg)],
                   _html_table(rows, {"incident_class": "class", "incidents": "incidents",
                                      "detected_incidents": "found",
                                      "detectable_incidents": "detectable",
                                      "detected_detectable_incidents": "detectable found",
                                      "flag_precision": "precision"}))


def cleansing(con) -> Section:
    rows = _rows(con, "select * from rpt_cleansing_scorecard order by defect_class")
    labels = [r["defect_class"] for r in rows]
    svg = charts.bars("cleansing-success", "Cleansing: defects repaired or handled, by class",
                      labels, {"success": [r["success_rate"] for r in rows],
                               "repaired exactly": [r["exact_repair_rate"] for r in rows]},
                      percent=True, target=rows[0]["target_success_rate"] if rows else None)
    false_rate = rows[0]["false_change_rate"] if rows else None
    return Section(
        "Cleansing", f"Against the defect ledger (rpt_cleansing_scorecard); clean cells changed "
        f"by mistake: {_pct(false_rate)}.",
        [Chart("cleansing-success", "Cleansing: defects repaired or handled, by class", svg)])


def synthetic(con) -> Section:
    quality = _rows(con, "select * from syn_quality where measure = 'overall' "
                         "order by table_name")
    privacy = _rows(con, "select * from syn_privacy order by table_name")
    labels = [r["table_name"] for r in quality]
    svg = charts.bars("synthetic-fidelity", "Synthetic twins: fidelity (SDMetrics-style "
                      "quality score)", labels, {"quality": [r["score"] for r in quality]},
                      percent=True, target=quality[0]["target"] if quality else None)
    tables = [r["table_name"] for r in privacy]
    dcr = charts.bars(
        "synthetic-privacy", "Synthetic twins: distance to the closest real row (median)",
        tables, {"synthetic rows": [r["synthetic_median_dcr"] for r in privacy],
                 "holdout real rows": [r["holdout_median_dcr"] for r in privacy]})
    return Section(
        "Synthetic twins", "Fidelity (syn_quality) and privacy (syn_privacy): a twin row "
        "should sit no closer to the real rows than unseen real rows (the holdout) do, and "
        "copy none of them.",
        [Chart("synthetic-fidelity", "Synthetic twins: fidelity", svg),
         Chart("synthetic-privacy", "Synthetic twins: distance to the closest real row", dcr)],
        _html_table(privacy, {"table_name": "table", "real_rows": "real rows",
                              "synthetic_rows": "synthetic rows", "exact_copies": "exact copies",
                              "synthetic_median_dcr": "median DCR (synthetic)",
                              "holdout_median_dcr": "median DCR (holdout)"}))


# ---------------------------------------------------------------- page
CSS = """
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:960px;color:#222;padding:0 1rem}
h1{font-size:1.6rem}h2{margin-top:2.5rem;border-bottom:2px solid #2a9d8f}
nav ul{columns:2}figure{margin:1rem 0}table{border-collapse:collapse;font-size:.8rem;
margin:.5rem 0}td,th{border-bottom:1px solid #ddd;padding:2px 8px;text-align:right}
td:first-child,th:first-child{text-align:left}.meta{color:#666;font-size:.85rem}
"""


def build(database: Path) -> tuple[str, list[Chart]]:
    if not Path(database).exists():
        raise ReportError(f"no warehouse at {database}: run `make build` first")
    try:
        con = duckdb.connect(str(database), read_only=True)
    except duckdb.Error as exc:
        raise ReportError(f"cannot open {database}: {exc}".splitlines()[0]) from None
    try:
        tables = _tables(con)
        missing = [t for t in REQUIRED if t not in tables]
        if missing:
            raise ReportError(f"{database} lacks {', '.join(missing)}: run `make build` first")
        sections = [data_quality(con), metrics(con, tables)]
        if "mon_anomaly_detection" in tables:
            sections.append(detection(con))
        else:
            sections.append(Section("Anomaly detection", NO_LEDGER.format(
                what="anomaly detection", still="the flags above still run"), []))
        if "rpt_cleansing_scorecard" in tables:
            sections.append(cleansing(con))
        else:
            sections.append(Section("Cleansing", NO_LEDGER.format(
                what="the cleansing", still="row conservation and the data-quality "
                "scorecard above still run"), []))
        if {"syn_quality", "syn_privacy"} <= tables:
            sections.append(synthetic(con))
        as_of = con.sql("select max(metric_date) from mon_daily_metrics").fetchone()[0]
    finally:
        con.close()
    promised = [c for s in sections for c in s.charts]
    nav = "".join(f'<li><a href="#{c.chart_id}">{html.escape(c.title)}</a></li>'
                  for c in promised)
    body = []
    for s in sections:
        body.append(f"<h2>{html.escape(s.title)}</h2><p>{html.escape(s.intro)}</p>")
        for c in s.charts:
            body.append(f'<figure id="{c.chart_id}">{c.svg}</figure>')
        body.append(s.table)
    page = (
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<title>fashion_retail: data quality and monitoring</title>"
        f"<style>{CSS}</style></head><body>"
        "<h1>fashion_retail: data quality and monitoring</h1>"
        f'<p class="meta">Warehouse {html.escape(Path(database).name)}, data up to {as_of}; '
        f"written {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC by "
        f"fashion_retail.report {__version__}.</p>"
        f'<nav><ul data-promised-charts="{" ".join(c.chart_id for c in promised)}">{nav}'
        "</ul></nav>" + "".join(body) + "</body></html>")
    return page, promised
