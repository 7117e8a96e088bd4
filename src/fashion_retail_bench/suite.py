"""``make bench`` (``fashion-retail bench``): every benchmark, each
against its baseline measured in the same run, then one summary.

1. generation: ours against Faker row by row and against DuckDB's TPC-H
   generator (``fashion_retail_bench.generate``);
2. the full build at each scale: time and peak memory per step, and the
   slowest models (``fashion_retail_bench.build``);
3. anonymization: the macros in DuckDB against pandas apply
   (``fashion_retail_bench.anonymize``);
4. synthesis: the Gaussian copula against independent marginals
   (``fashion_retail_bench.synthesize``).

Each writes its Markdown table to the results folder; ``summary.md`` gathers
the headline figures with the machine they were measured on, and
``summary.svg`` charts the build's cost per scale.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import tempfile
from pathlib import Path

import duckdb

from fashion_retail.arguments import OneLineParser
from fashion_retail.report import charts
from fashion_retail_bench import build
from fashion_retail_bench import generate as generate_bench
from fashion_retail_bench.tools import write

DEFAULT_SCALES = "0.1 1"


def _scales(text: str) -> list[float]:
    try:
        scales = [float(s) for s in text.replace(",", " ").split()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be numbers like '0.1 1 10', got {text!r}") \
            from None
    if not scales or any(not 0 < s <= 100 for s in scales):
        raise argparse.ArgumentTypeError(f"scales must be in (0, 100], got {text!r}")
    return scales


def machine() -> str:
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (f"{platform.machine()}, {os.cpu_count()} cores, {memory:.0f} GB memory, "
            f"Python {platform.python_version()}, DuckDB {duckdb.__version__}")


def main(argv: list[str] | None = None, prog: str = "fashion-retail bench") -> int:
    parser = OneLineParser(prog=prog, description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=_scales, default=_scales(DEFAULT_SCALES),
                        help=f"build scales (default '{DEFAULT_SCALES}'; add 10 for the "
                             "ten-times warehouse)")
    parser.add_argument("--scale", type=float, default=1.0,
                        help="scale of the generation, anonymization and synthesis benchmarks")
    parser.add_argument("--results", type=Path, default=Path("bench/results"))
    parser.add_argument("--work", type=Path, default=None,
                        help="where the build benchmark writes its data and databases "
                             "(default: a temporary folder, removed afterwards)")
    args = parser.parse_args(argv)
    if not 0 < args.scale <= 100:
        parser.error("--scale must be in (0, 100]")
    results = args.results
    results.mkdir(parents=True, exist_ok=True)
    started = dt.datetime.now(dt.UTC)

    print("1/4 generation", flush=True)
    generate_bench.main(["--scale", f"{args.scale:g}", "--results",
                         str(results / "generate.md")])
    gen = json.loads((results / "generate.json").read_text())

    print("2/4 the full build", flush=True)
    with tempfile.TemporaryDirectory(prefix="fashion-bench-build-") as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        runs = [build.run_scale(scale, work) for scale in args.scales]
    write(results / "build.md", build.report(runs))

    print("3/4 anonymization", flush=True)
    from fashion_retail_bench import anonymize as anon
    with tempfile.TemporaryDirectory(prefix="fashion-bench-anon-") as tmp:
        anon_figures = anon.run(args.scale, 3, Path(tmp))
    write(results / "anonymization.md", anon.report(anon_figures))

    print("4/4 synthesis", flush=True)
    from fashion_retail_bench import synthesize as synth
    with tempfile.TemporaryDirectory(prefix="fashion-bench-synth-") as tmp:
        synth_figures = synth.run(args.scale, 3, Path(tmp))
    write(results / "synthesis.md", synth.report(synth_figures))

    summary = render_summary(started, args.scale, gen, runs, anon_figures, synth_figures)
    write(results / "summary.md", summary)
    (results / "summary.svg").write_text(build_chart(runs))
    return 0 if all(run.ok for run in runs) else 1


def render_summary(started, scale: float, gen: dict, runs: list[build.ScaleRun],
                   anon: dict, synth: dict) -> str:
    anon_duck = anon["customers"] / anon["duck_customers"]
    anon_pandas = anon["customers"] / anon["pandas_customers"]
    lines = [
        "## Benchmarks",
        "",
        f"Measured {started:%Y-%m-%d %H:%M} UTC on {machine()}; command: `make bench` "
        f"(generation, anonymization and synthesis at scale {scale:g}; builds at "
        f"{', '.join(f'{r.scale:g}' for r in runs)}). Each line compares with a baseline "
        "measured in the same run.",
        "",
        "| benchmark | ours | baseline | ratio |",
        "|---|---:|---:|---:|",
        f"| generation, raw rows/s (Faker row by row) | {gen['rows_per_s']:,.0f} "
        f"| {gen['baseline_rows_per_s']:,.0f} | {gen['ratio']:,.0f}x |",
        f"| generation, rows/s (DuckDB TPC-H dbgen, sf {gen['tpch_sf']:g}, to parquet) "
        f"| {gen['rows_per_s']:,.0f} | {gen['tpch_rows_per_s']:,.0f} "
        f"| {gen['rows_per_s'] / gen['tpch_rows_per_s']:.2f}x |",
        f"| generation, parquet MB/s (DuckDB TPC-H dbgen) | {gen['mb_per_s']:,.1f} "
        f"| {gen['tpch_mb_per_s']:,.1f} | {gen['mb_per_s'] / gen['tpch_mb_per_s']:.2f}x |",
        f"| anonymization, customers rows/s, four operations (pandas apply) "
        f"| {anon_duck:,.0f} | {anon_pandas:,.0f} | {anon_duck / anon_pandas:.1f}x |",
        f"| synthesis, fit and sample seconds, {synth['rows']:,} x {synth['columns']} "
        f"(independent marginals) | {synth['ours_s']:.2f} | {synth['base_s']:.2f} "
        f"| {synth['base_s'] / synth['ours_s']:.2f}x |",
        f"| synthesis, overall quality (independent marginals) "
        f"| {synth['ours_q']['overall']:.3f} | {synth['base_q']['overall']:.3f} | |",
    ]
    lines += ["", "| full build at scale | raw rows | seconds | seconds per million raw rows "
              "| per million, against the smallest scale | peak memory MB |",
              "|---:|---:|---:|---:|---:|---:|"]
    base = next((r for r in runs if r.ok and r.raw_rows), None)
    for run in runs:
        if not run.raw_rows:
            lines.append(f"| {run.scale:g} (failed) | | | | | |")
            continue
        per_million = run.seconds / (run.raw_rows / 1e6)
        ratio = (per_million / (base.seconds / (base.raw_rows / 1e6))
                 if base is not None and run.ok else float("nan"))
        status = "" if run.ok else " (failed)"
        lines.append(f"| {run.scale:g}{status} | {run.raw_rows:,} | {run.seconds:,.1f} "
                     f"| {per_million:,.1f} | {ratio:.2f}x | {run.peak_mb:,.0f} |")
    lines += ["", "Details: generate.md, build.md, anonymization.md, synthesis.md; "
              "chart: summary.svg."]
    return "\n".join(lines) + "\n"


def build_chart(runs: list[build.ScaleRun]) -> str:
    labels = [f"scale {r.scale:g} ({r.raw_rows / 1e6:,.1f}M rows)" for r in runs]
    names = ["generate", "load", "dbt build", "docs"]
    groups = {}
    for name in names:
        groups[name] = [
            (s.seconds / (r.raw_rows / 1e6)) if (s := r.step(name)) and r.raw_rows else None
            for r in runs]
    return charts.bars("bench-build", "Full build: seconds per million raw rows, by step",
                       labels, groups)

