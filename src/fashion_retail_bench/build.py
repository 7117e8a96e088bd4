"""The full build per scale: generation, load, ``dbt build`` (every model and
test), docs; wall time and peak memory (max RSS) of each step, measured from a
child process that waits for it; and the slowest models from dbt's
``run_results.json``, which is where a build loses its time."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow.parquet as pq

PROJECT = Path(__file__).resolve().parents[2]

# runs argv[2:] with its output in the log argv[1]; prints its wall time and the
# peak resident memory of everything it started
MEASURE = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
with open(sys.argv[1], "w") as log:
    rc = subprocess.run(sys.argv[2:], stdout=log, stderr=subprocess.STDOUT).returncode
print(json.dumps({"rc": rc, "seconds": time.perf_counter() - start,
                  "peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


@dataclass
class Step:
    name: str
    seconds: float
    peak_mb: float
    ok: bool
    log: Path


@dataclass
class ScaleRun:
    scale: float
    raw_rows: int = 0
    steps: list[Step] = field(default_factory=list)
    slowest: list[tuple[str, float]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.steps) and all(s.ok for s in self.steps)

    @property
    def seconds(self) -> float:
        return sum(s.seconds for s in self.steps)

    @property
    def peak_mb(self) -> float:
        return max((s.peak_mb for s in self.steps), default=0.0)

    def step(self, name: str) -> Step | None:
        return next((s for s in self.steps if s.name == name), None)


def _bin(name: str) -> str:
    local = PROJECT / ".venv" / "bin" / name
    return str(local) if local.exists() else name


def run_scale(scale: float, work: Path, top: int = 8) -> ScaleRun:
    """Generate, load, build and document the warehouse at ``scale`` under ``work``."""
    tag = f"{scale:g}"
    data = work / f"data-{tag}"
    database = work / f"warehouse-{tag}.duckdb"
    target = work / f"target-{tag}"
    for path in (data, target):
        shutil.rmtree(path, ignore_errors=True)
    for path in work.glob(f"warehouse-{tag}*.duckdb*"):
        path.unlink()
    env = dict(os.environ, DBT_PROFILES_DIR=str(PROJECT),
               FASHION_RETAIL_DUCKDB=str(database),
               DBT_TARGET_PATH=str(target), DBT_LOG_PATH=str(work / f"logs-{tag}"),
               DBT_SEND_ANONYMOUS_USAGE_STATS="False")
    raw_vars = ["--vars", "{raw_from_files: true}"]
    steps = [
        ("generate", [sys.executable, "-m", "fashion_retail.gen", "--scale", tag,
                      "--format", "parquet", "--out", str(data), "--quiet", "--no-progress"]),
        ("load", [_bin("dbt"), "run-operation", "load_raw_files", "--args",
                  f"{{path: '{data}', format: parquet}}"]),
        ("dbt build", [_bin("dbt"), "build", *raw_vars]),
        ("docs", [_bin("dbt"), "docs", "generate", "--static", *raw_vars]),
    ]
    run = ScaleRun(scale)
    for name, argv in steps:
        log = work / f"{name.replace(' ', '-')}-{tag}.log"
        print(f"  scale {tag}: {name} ...", flush=True)
        done = subprocess.run([sys.executable, "-c", MEASURE, str(log), *argv], cwd=PROJECT,
                              env=env, capture_output=True, text=True, check=True)
        figures = json.loads(done.stdout.strip().splitlines()[-1])
        run.steps.append(Step(name, figures["seconds"], figures["peak_mb"],
                              figures["rc"] == 0, log))
        if figures["rc"] != 0:
            break
        if name == "generate":
            manifest = pq.read_table(data / "generation_manifest.parquet").to_pylist()
            run.raw_rows = sum(int(r["row_count"]) for r in manifest
                               if r["table_name"] not in ("defect_ledger", "anomaly_ledger"))
        if name == "dbt build":
            run.slowest = slowest_models(target / "run_results.json", top)
    return run


def slowest_models(run_results: Path, top: int) -> list[tuple[str, float]]:
    """(model, seconds) of the ``top`` slowest models of a dbt invocation."""
    results = json.loads(run_results.read_text())["results"]
    models = [(r["unique_id"].split(".")[-1], r["execution_time"]) for r in results
              if r["unique_id"].startswith("model.")]
    return sorted(models, key=lambda m: -m[1])[:top]


def report(runs: list[ScaleRun]) -> str:
    names = ["generate", "load", "dbt build", "docs"]
    lines = ["## The full build per scale", "",
             "| scale | raw rows | " + " | ".join(f"{n} s" for n in names)
             + " | total s | s per million raw rows | peak memory MB |",
             "|---:|---:|" + "---:|" * len(names) + "---:|---:|---:|"]
    for run in runs:
        cells = []
        for n in names:
            step = run.step(n)
            cells.append("" if step is None else
                         f"{step.seconds:,.1f}" + ("" if step.ok else " (failed)"))
        per_million = run.seconds / (run.raw_rows / 1e6) if run.raw_rows else float("nan")
        lines.append(f"| {run.scale:g} | {run.raw_rows:,} | " + " | ".join(cells)
                     + f" | {run.seconds:,.1f} | {per_million:,.1f} | {run.peak_mb:,.0f} |")
    lines += ["", "Slowest models of each `dbt build` (from `run_results.json`):", ""]
    for run in runs:
        if run.slowest:
            lines.append(f"- scale {run.scale:g}: " + ", ".join(
                f"{name} {seconds:,.1f} s" for name, seconds in run.slowest))
    failed = [s for run in runs for s in run.steps if not s.ok]
    if failed:
        lines += ["", "Failed: " + ", ".join(f"{s.name} (log {s.log})" for s in failed)]
    return "\n".join(lines) + "\n"
