"""The staging models' speed against a baseline revision: the same generated raw
data is loaded into two databases, one by the baseline's project (a temporary
git worktree at ``--baseline``) and one by this one; each compiles its staging
models; then every staging model's compiled SQL runs into a temporary table,
the two versions alternating, ``--repeat`` rounds. The result is the ratio of
the median totals (this version over the baseline) and each model's medians.
Issue 22's budget: the staging models at scale 1 take at most 1.2 times as long
as before it (``--baseline eab7ea6``)."""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

from fashion_retail.arguments import OneLineParser
from fashion_retail.gen.config import GeneratorConfig
from fashion_retail.gen.generate import generate
from fashion_retail_bench import tools

PROJECT = Path(__file__).resolve().parents[2]
OUT = PROJECT / "bench" / "results" / "staging.md"
DBT = str(Path(sys.executable).with_name("dbt"))
FILES_VARS = ["--vars", "{raw_from_files: true}"]


def dbt(project: Path, database: Path, target: Path, *args: str) -> None:
    """One dbt command on `project` with its warehouse in `database`."""
    env = {**os.environ, "FASHION_RETAIL_DUCKDB": str(database),
           "DBT_SEND_ANONYMOUS_USAGE_STATS": "False"}
    command = [DBT, *args, "--project-dir", str(project), "--profiles-dir", str(project),
               "--target-path", str(target), "--log-path", str(target / "logs"), "--quiet"]
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(args[:1])} failed in {project}:\n{result.stdout[-3000:]}")


def prepare(project: Path, raw: Path, work: Path) -> tuple[Path, dict[str, str]]:
    """The raw data loaded, the seeds and staging views built by `project`;
    its database and each staging model's compiled SQL."""
    database, target = work / "warehouse.duckdb", work / "target"
    dbt(project, database, target, "run-operation", "load_raw_files",
        "--args", json.dumps({"path": str(raw), "format": "parquet"}))
    dbt(project, database, target, "seed", *FILES_VARS)
    dbt(project, database, target, "run", "--select", "path:models/staging", *FILES_VARS)
    compiled = target / "compiled" / "fashion_retail" / "models" / "staging"
    return database, {path.stem: path.read_text() for path in sorted(compiled.rglob("stg_*.sql"))}


def run_all(database: Path, models: dict[str, str]) -> dict[str, float]:
    """Seconds of each model's SQL, materialized into a temporary table."""
    seconds = {}
    with duckdb.connect(str(database), read_only=True) as con:
        for name, sql in models.items():
            start = time.perf_counter()
            con.execute(f"create temp table timed as {sql}")
            seconds[name] = time.perf_counter() - start
            con.execute("drop table timed")
    return seconds


def report(baseline: str, scale: float, rounds: int, times: dict[str, list[dict[str, float]]],
           raw_rows: int) -> str:
    total = {version: statistics.median(sum(r.values()) for r in runs)
             for version, runs in times.items()}
    ratio = total["this version"] / total["baseline"]
    lines = [
        "# Staging models: this version against a baseline",
        "",
        f"`fashion-retail bench staging --baseline {baseline} --scale {scale:g} "
        f"--repeat {rounds}`: {raw_rows:,} raw rows; every staging model's compiled "
        "SQL materialized into a temporary table, the two versions alternating; medians "
        "of the rounds.",
        "",
        f"**Ratio (this version / baseline): {ratio:.3f}** "
        f"({total['this version']:.2f} s against {total['baseline']:.2f} s).",
        "",
        "| model | baseline s | this version s | ratio |",
        "|---|---:|---:|---:|",
    ]
    for name in sorted(times["this version"][0]):
        before = statistics.median(r.get(name, 0.0) for r in times["baseline"])
        after = statistics.median(r[name] for r in times["this version"])
        shown = f"{after / before:.2f}" if before else "new"
        lines.append(f"| {name} | {before:.3f} | {after:.3f} | {shown} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None, prog: str = "fashion-retail bench staging") -> int:
    parser = OneLineParser(prog=prog, description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", required=True,
                        help="the git revision to compare against (a commit before the change)")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    if args.scale <= 0:
        parser.error("--scale must be positive")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    found = subprocess.run(["git", "-C", str(PROJECT), "rev-parse", "--verify", "--quiet",
                            f"{args.baseline}^{{commit}}"], capture_output=True, text=True)
    if found.returncode != 0:
        parser.error(f"--baseline {args.baseline!r} is no commit of this repository")
    with tempfile.TemporaryDirectory(prefix="staging-bench-") as tmp:
        work = Path(tmp)
        raw = work / "raw"
        raw_rows = generate(GeneratorConfig(scale=args.scale, seed=42, out=raw,
                                            fmt="parquet")).raw_rows
        checkout = work / "baseline-checkout"
        subprocess.run(["git", "-C", str(PROJECT), "worktree", "add", "--detach", "--quiet",
                        str(checkout), args.baseline], check=True)
        try:
            versions = {"baseline": checkout, "this version": PROJECT}
            prepared = {}
            for number, (version, project) in enumerate(versions.items()):
                (work / f"build-{number}").mkdir()
                prepared[version] = prepare(project, raw, work / f"build-{number}")
            times: dict[str, list[dict[str, float]]] = {version: [] for version in versions}
            for _ in range(args.repeat):
                for version, (database, models) in prepared.items():
                    times[version].append(run_all(database, models))
        finally:
            subprocess.run(["git", "-C", str(PROJECT), "worktree", "remove", "--force",
                            str(checkout)], check=False)
            shutil.rmtree(checkout, ignore_errors=True)
        tools.write(args.out, report(args.baseline, args.scale, args.repeat, times, raw_rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
