"""Onboarding's aligner against Valentine's schema matchers on the three
dialects, accuracy and time measured in the same run; and, with ``--e2e``, a
source onboarded and built end to end in a copy of the project.

The data: each dialect (eu_erp, marketplace_feed, legacy_flat) generated at
``--scale`` and ``--seed`` as CSV (``fashion-retail generate --dialect``), and
the generator's own tables (us_pos) at the same scale and seed, the canonical
tables the rivals match against; all cached, keyed by dialect, scale and seed,
so a rerun does not generate them again. Only the export's files (those of the
dialect's ``dialect_truth.json``) are discovered and matched, not the
generator's ledgers, manifest or truth file beside them.

Timed: ``discover()`` on the export (reported, not compared); this project's
aligner, the samples read from the source (``data.work`` and
``data.samples``) and ``align.align``, the median of ``--repeat`` runs in this
process; Valentine 1.0.1's matchers (COMA, Cupid, Distribution, Jaccard,
Similarity Flooding) through ``onboard_rivals.py`` in the valentine
virtualenv (``make venv-valentine``), once, their matching alone (reading and
sampling ``--rows`` rows per table reported apart). The rivals sample the
canonical tables with ``--canonical-seed``, not ``--seed``: the same seed
samples the same rows of two tables of one length, which flatters the
value-based matchers. Every tool is scored top-1 against the truth file: a
source column is right when its prediction is the truth's canonical column
(or one of them, for a denormalized column).

With ``--e2e``: the project copied to a temporary folder (without its
virtualenvs, target, logs, data, databases and .git; its ``.venv`` a link to
this one), eu_erp generated at ``--e2e-scale``, then each step timed as a
command: discover, onboard, ``onboard --load``, ``dbt build`` of the source's
models, ``dbt build`` of the project.

Issue targets: a higher top-1 accuracy than the best rival on each dialect;
discover to the end of the project's ``dbt build`` at scale 1 in at most three
minutes, every dbt command with exit status 0.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from fashion_retail.arguments import OneLineParser
from fashion_retail.gen import schema
from fashion_retail_bench import tools
from fashion_retail_bench.onboard_rivals import MATCHERS

PROJECT = Path(__file__).resolve().parents[2]
OUT = PROJECT / "bench" / "results" / "onboard.md"
CACHE = Path(tempfile.gettempdir()) / "fashion-retail-bench" / "onboard"
VALENTINE_PYTHON = PROJECT / ".venv-valentine" / "bin" / "python"
RIVALS = Path(__file__).with_name("onboard_rivals.py")
VALENTINE_BUILD = ("`make venv-valentine` (or `python3 -m venv .venv-valentine && "
                   ".venv-valentine/bin/python -m pip install -r requirements-valentine.txt "
                   "-c constraints-valentine.txt`)")

DIALECTS = ("eu_erp", "marketplace_feed", "legacy_flat")
CANONICAL = "us_pos"
SCALE = 0.05
E2E_SCALE = 1.0
E2E_DIALECT = "eu_erp"
SEED = 42
# the scale and seed of the committed seeds (the Makefile's SEED_SCALE and SEED)
SEEDS_AT = (0.05, 42)
ROWS = 2_000
MATCHER_TIMEOUT_S = 600
# bump when the generated folders of the same dialect, scale and seed change
DATA_VERSION = 1
# the project copy leaves these out (at its top level), and databases anywhere
NOT_COPIED = {".git", "target", "logs", "data", "dbt_packages", ".pytest_cache",
              ".ruff_cache"}
E2E_VARS = ("{raw_from_files: true, defect_ledger_available: false, "
            "source: %(source)s, source_name: %(source)s}")
TARGETS = {"e2e_s": 180.0}
# the project build's slowest models reported
SLOWEST = 8


# ---------------------------------------------------------------- the data
@dataclass(frozen=True)
class Generated:
    name: str
    folder: Path
    built_s: float | None = None

    @property
    def files(self) -> list[Path]:
        """The export's files, as the truth file lists them (us_pos: its
        business tables)."""
        from fashion_retail.gen.dialects import TRUTH_FILE

        truth = self.folder / TRUTH_FILE
        if not truth.exists():
            return [self.folder / f"{t}.csv" for t in schema.BUSINESS_TABLES]
        return [self.folder / f["file"] for f in
                json.loads(truth.read_text(encoding="utf-8"))["files"]]

    @property
    def rows(self) -> int:
        from fashion_retail.gen.dialects import TRUTH_FILE

        return sum(f["rows"] for f in json.loads(
            (self.folder / TRUTH_FILE).read_text(encoding="utf-8"))["files"])


def data_folder(cache: Path, name: str, scale: float, seed: int) -> Path:
    return cache / f"{name}-scale-{scale:g}-seed-{seed}-v{DATA_VERSION}"


def generate(name: str, scale: float, seed: int, cache: Path = CACHE) -> Generated:
    """A dialect's export (or us_pos's tables) as CSV, from the cache or
    generated into it."""
    folder = data_folder(cache, name, scale, seed)
    if folder.exists():
        return Generated(name, folder)
    from fashion_retail.gen.config import GeneratorConfig
    from fashion_retail.gen.dialects import generate_dialect
    from fashion_retail.gen.generate import generate as generate_tables

    started = time.perf_counter()
    partial = folder.with_name(folder.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    config = GeneratorConfig(scale=scale, seed=seed, out=partial, fmt="csv")
    if name == CANONICAL:
        generate_tables(config)
    else:
        generate_dialect(config, name)
    partial.replace(folder)
    return Generated(name, folder, time.perf_counter() - started)


# ---------------------------------------------------------------- the runs
@dataclass
class Ours:
    seconds: float
    runs: list[float]
    columns: int
    right: int
    wrong: list[str]

    @property
    def accuracy(self) -> float:
        return self.right / self.columns if self.columns else 0.0


@dataclass
class DialectRun:
    name: str
    files: int
    rows: int
    discover_s: float
    ours: Ours
    # onboard_rivals.py's JSON, {'error': ...} when it failed, None when skipped
    rivals: dict | None = None
    built_s: float | None = None


def run_discover(files: list[Path], discover: Callable | None = None) -> tuple[float, dict]:
    """Seconds of one whole discover() (discovery.json and the page written),
    and the discovery."""
    if discover is None:
        from fashion_retail.discover.run import discover
    with tempfile.TemporaryDirectory(prefix="onboard-bench-") as tmp:
        start = time.perf_counter()
        result = discover(files, Path(tmp))
        return time.perf_counter() - start, result.discovery


def run_ours(discovery: dict, truth_folder: Path, repeat: int) -> Ours:
    """Median seconds of ``repeat`` runs of the aligner (samples read from the
    source, then align), every run's seconds, and its top-1 score."""
    from fashion_retail.onboard import align, data, score

    times: list[float] = []

    def once():
        start = time.perf_counter()
        with data.work(discovery) as (con, tables):
            samples = data.samples(con, tables)
        alignment = align.align(discovery, samples)
        times.append(time.perf_counter() - start)
        return alignment

    median, alignment = tools.timed(once, repeat)
    result = score.score(score.predictions(alignment), score.truth(truth_folder))
    return Ours(median, times, result.columns, result.right, result.wrong)


def run_rivals(python: Path, dialect: Path, canonical: Path, matchers: list[str], rows: int,
               seed: int, canonical_seed: int, timeout: float) -> dict:
    """The matchers' figures (onboard_rivals.py in the valentine virtualenv),
    or {'error': ...} when the runner failed."""
    with tempfile.TemporaryDirectory(prefix="onboard-rival-") as tmp:
        out = Path(tmp) / "figures.json"
        command = [str(python), str(RIVALS), "--dialect-dir", str(dialect),
                   "--canonical-dir", str(canonical), "--matchers", ",".join(matchers),
                   "--tables", ",".join(schema.BUSINESS_TABLES),
                   "--rows", str(rows), "--seed", str(seed),
                   "--canonical-seed", str(canonical_seed), "--timeout", f"{timeout:g}",
                   "--out", str(out)]
        # each matcher stops itself after `timeout`; the reading is the rest
        limit = timeout * len(matchers) + 600
        return tools.run_json(command, out, limit, Path(tmp))


def best_rival(rivals: dict | None) -> tuple[str, float] | None:
    """The finished matcher with the highest accuracy (the first named of a
    tie), or None when none finished."""
    finished = [(name, m["accuracy"]) for name, m in (rivals or {}).get("matchers", {}).items()
                if m["status"] == "ok" and m["accuracy"] is not None]
    return max(finished, key=lambda pair: pair[1], default=None)


def beats(ours: Ours, rivals: dict | None) -> bool | None:
    """Whether ours is more accurate than the best rival: None when no rival
    finished (nothing to beat)."""
    best = best_rival(rivals)
    return None if best is None else ours.accuracy > best[1]


def incomplete(rivals: dict | None) -> list[str]:
    """What kept the rivals' figures from being whole: the runner's error, or
    each matcher that did not finish."""
    if rivals is None:
        return []
    if "error" in rivals:
        return [rivals["error"]]
    return [f"{name}: {m['reason']}" for name, m in rivals["matchers"].items()
            if m["status"] != "ok"]


# ---------------------------------------------------------------- end to end
@dataclass
class Step:
    name: str
    command: str
    seconds: float
    returncode: int
    summary: str = ""


@dataclass
class EndToEnd:
    scale: float
    rows: int
    files: int
    built_s: float | None
    copy: Path
    steps: list[Step] = field(default_factory=list)
    total_s: float = 0.0
    planned: int = 5
    # (model, seconds) of the project build's slowest models
    slowest: list[tuple[str, float]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return len(self.steps) == self.planned and all(s.returncode == 0 for s in self.steps)


def copy_project(target: Path, source: Path = PROJECT) -> None:
    """The project without its virtualenvs, build output, data, databases and
    .git; its ``.venv`` a link to the real one."""
    def ignore(folder: str, names: list[str]) -> set[str]:
        top = Path(folder) == source
        return {n for n in names
                if (top and (n in NOT_COPIED or n.startswith(".venv")))
                or n == "__pycache__" or ".duckdb" in n}

    shutil.copytree(source, target, ignore=ignore, symlinks=True)
    (target / ".venv").symlink_to(source / ".venv")


def dbt_summary(log: str) -> str:
    """dbt's closing count ('PASS=… WARN=… ERROR=… SKIP=… TOTAL=…'), or ''."""
    found = re.findall(r"Done\. (PASS=\d+ WARN=\d+ ERROR=\d+ SKIP=\d+(?: NO-OP=\d+)? "
                       r"TOTAL=\d+)", log)
    return found[-1] if found else ""


def run_step(name: str, argv: list[str], shown: str, cwd: Path, env: dict,
             log: Path) -> Step:
    start = time.perf_counter()
    with open(log, "w") as handle:
        code = subprocess.run(argv, cwd=cwd, env=env, stdout=handle,
                              stderr=subprocess.STDOUT).returncode
    seconds = time.perf_counter() - start
    text = log.read_text(errors="replace")
    summary = dbt_summary(text)
    if code != 0:
        last = (text.strip().splitlines() or ["no output"])[-1]
        summary = "; ".join(s for s in (summary, last) if s)
    return Step(name, shown, seconds, code, summary)


def run_e2e(scale: float, seed: int, cache: Path, work: Path) -> EndToEnd:
    """eu_erp at ``scale`` onboarded and built in a copy of the project under
    ``work``: each step's seconds, stopped at the first that fails."""
    source = generate(E2E_DIALECT, scale, seed, cache)
    copy, discovery = work / "project", work / "discovery"
    copy_project(copy)
    files = source.files
    env = {**os.environ, "DBT_PROFILES_DIR": str(copy),
           "FASHION_RETAIL_DUCKDB": str(copy / "w.duckdb"),
           "FASHION_RETAIL_PRIVACY_DUCKDB": str(copy / "w_privacy.duckdb"),
           "DBT_SEND_ANONYMOUS_USAGE_STATS": "False"}
    bin_ = copy / ".venv" / "bin"
    fr, dbt = str(bin_ / "fashion-retail"), str(bin_ / "dbt")
    variables = E2E_VARS % {"source": E2E_DIALECT}
    steps = [
        ("discover", [fr, "discover", *map(str, files), "--out", str(discovery)],
         f"fashion-retail discover <the {len(files)} files> --out DISC"),
        ("onboard", [fr, "onboard", str(discovery), "--source", E2E_DIALECT,
                     "--project", str(copy)],
         f"fashion-retail onboard DISC --source {E2E_DIALECT} --project COPY"),
        ("load", [fr, "onboard", "--load", "--source", E2E_DIALECT, "--project", str(copy)],
         f"fashion-retail onboard --load --source {E2E_DIALECT} --project COPY"),
        ("dbt build, the source's models",
         [dbt, "build", "--select", f"path:models/sources/{E2E_DIALECT}",
          "--indirect-selection", "cautious", "--vars", variables],
         f"dbt build --select path:models/sources/{E2E_DIALECT} --indirect-selection "
         f"cautious --vars '{variables}'"),
        # as make build SOURCE=... does: the source's models are built already
        ("dbt build, the project",
         [dbt, "build", "--vars", variables, "--exclude", f"path:models/sources/{E2E_DIALECT}"],
         f"dbt build --vars '{variables}' --exclude path:models/sources/{E2E_DIALECT}"),
    ]
    run = EndToEnd(scale, source.rows, len(files), source.built_s, copy, planned=len(steps))
    start = time.perf_counter()
    for i, (name, argv, shown) in enumerate(steps):
        print(f"  {name}", flush=True)
        step = run_step(name, argv, shown, copy, env, work / f"step-{i + 1}.log")
        run.steps.append(step)
        if step.returncode != 0:
            break
    run.total_s = time.perf_counter() - start
    results = copy / "target" / "run_results.json"
    if run.ok and results.exists():
        from fashion_retail_bench.build import slowest_models

        run.slowest = slowest_models(results, SLOWEST)
    return run


# ---------------------------------------------------------------- the report
def _s(value: float) -> str:
    return f"{value:,.1f}" if value >= 10 else f"{value:,.2f}"


def _met(ok: bool) -> str:
    return "met" if ok else "**not met**"


def _n(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def _pct(value: float) -> str:
    return f"{value:.1%}"


def verdict(ours: Ours, rivals: dict | None) -> str:
    """The target cell: ours against the best rival."""
    best = best_rival(rivals)
    if best is None:
        return "no rival finished" if rivals else "rivals not run"
    return (f"higher than the best rival ({best[0]}, {_pct(best[1])}): "
            f"{_met(ours.accuracy > best[1])}")


def rival_rows(rivals: dict) -> list[str]:
    """One table row per matcher (the dialect's cell left empty)."""
    rows = []
    for name, m in rivals["matchers"].items():
        if m["status"] != "ok":
            done = m["columns"]
            rows.append(f"| | {name} | failed: {m['reason']} ({done} of "
                        f"{m.get('columns_total', done)} columns matched) | | "
                        f"{_s(m['seconds'])} | |")
            continue
        notes = [f"{m['tied']} tied" if m["tied"] else "",
                 f"{m['missed']} with no match" if m["missed"] else ""]
        note = ", ".join(n for n in notes if n)
        rows.append(f"| | {name} | {m['right']} / {m['columns']} | {_pct(m['accuracy'])} "
                    f"| {_s(m['seconds'])} | {note} |")
    return rows


def report(runs: list[DialectRun], scale: float, seed: int, canonical_seed: int,
           rows: int, repeat: int, started: dt.datetime, command: str,
           load: tuple[float, float] | None = None, e2e: EndToEnd | None = None,
           skipped: str | None = None) -> str:
    from fashion_retail_bench.suite import machine

    lines = [
        "# Onboarding: this project's aligner against Valentine's schema matchers",
        "",
        f"`{command}`, measured {started:%Y-%m-%d %H:%M} UTC on {machine()}"
        + (f"; load average (1 min) {load[0]:.2f} before, {load[1]:.2f} after (above 0, "
           "other processes shared the cores)" if load else "") + ".",
        "",
        f"The data: each dialect generated at scale {scale:g}, seed {seed}, as CSV "
        "(`fashion-retail generate --dialect D --format csv`); its export's files "
        "discovered and matched, scored top-1 against its `dialect_truth.json` (right: "
        "the truth's canonical column, or one of them for a denormalized column). "
        "This project's aligner reads the canonical schema and the committed seeds; "
        f"Valentine's matchers read the generator's own tables ({CANONICAL}) at the same "
        f"scale and seed, {rows:,} rows sampled per table (seed {seed} for the "
        f"export, {canonical_seed} for the canonical tables), each source table against "
        "each canonical table, a column's prediction the highest score over them. "
        f"The committed seeds are the generator's tables at scale {SEEDS_AT[0]:g}, seed "
        f"{SEEDS_AT[1]} (`make seeds`)"
        + (": here the same rows as the rivals' canonical tables, and as the dialects "
           "export in their own shapes; both tools' canonical values are the source's."
           if (scale, seed) == SEEDS_AT else
           ": another generation than the dialects' (the rivals' canonical tables are "
           "the dialects' own)."),
    ]
    if skipped:
        lines += ["", f"**The rivals were not run**: {skipped}"]
    lines += [
        "",
        "## Top-1 accuracy and seconds",
        "",
        "Seconds: ours, the samples read from the source and `align` (median of "
        f"{_n(repeat, 'run')} in one process, each run's in brackets; the process's first "
        "run also reads the committed seeds' values, kept for the runs after); a "
        "matcher's, its `valentine_match` calls alone (reading and sampling apart, below).",
        "",
        "| dialect | tool | right / columns | accuracy | seconds | target / notes |",
        "|---|---|---:|---:|---:|---|",
    ]
    for run in runs:
        ours = run.ours
        lines.append(
            f"| {run.name} ({_n(run.files, 'file')}, {run.rows:,} rows) | this project "
            f"({', '.join(_s(s) for s in ours.runs)}) | {ours.right} / {ours.columns} "
            f"| {_pct(ours.accuracy)} | {_s(ours.seconds)} | {verdict(ours, run.rivals)} |")
        if run.rivals and "error" in run.rivals:
            lines.append(f"| | Valentine | failed: {run.rivals['error']} | | | |")
        elif run.rivals:
            lines += rival_rows(run.rivals)
    decided = [(run.name, beats(run.ours, run.rivals)) for run in runs]
    won = [name for name, ok in decided if ok]
    lines += [
        "",
        "| dialect | this project | best rival | beats the best rival | discover s |",
        "|---|---:|---|---|---:|",
    ]
    for run, (_, ok) in zip(runs, decided, strict=True):
        best = best_rival(run.rivals)
        lines.append(
            f"| {run.name} | {_pct(run.ours.accuracy)} "
            f"| {f'{best[0]}, {_pct(best[1])}' if best else 'none'} "
            f"| {'n/a' if ok is None else _met(ok)} | {_s(run.discover_s)} |")
    if any(ok is not None for _, ok in decided):
        lines += ["", f"This project beats the best rival on {len(won)} of "
                      f"{sum(ok is not None for _, ok in decided)} dialects"
                      + (f" ({', '.join(won)})" if won else "") + "."]
    wrong = [f"{run.name}: {'; '.join(run.ours.wrong)}" for run in runs if run.ours.wrong]
    lines += ["", "This project's wrong columns: " + (". ".join(wrong) if wrong else "none")
              + "."]
    figures = next((run.rivals for run in runs if run.rivals and "error" not in run.rivals),
                   None)
    if figures:
        reading = ", ".join(f"{run.name} {_s(run.rivals['read_s'])} s" for run in runs
                            if run.rivals and "error" not in run.rivals)
        lines += [
            "",
            f"Valentine {figures['valentine']} (pandas {figures['pandas']}, NLTK "
            f"{figures['nltk']}, Python {figures['python']}), its defaults for every "
            f"matcher, at most {figures['timeout_s']:g} s each; reading and sampling "
            f"apart: {reading}. COMA and Cupid's NLTK data: {figures['nltk_data']}. "
            "Tied: columns whose best score other canonical columns shared (the first "
            "in the canonical order taken).",
        ]
    if e2e is not None:
        lines += ["", *e2e_section(e2e)]
    return "\n".join(lines) + "\n"


def e2e_section(run: EndToEnd) -> list[str]:
    lines = [
        f"## End to end: {E2E_DIALECT} at scale {run.scale:g} onboarded and built",
        "",
        f"{run.files} files, {run.rows:,} rows"
        + (f" (generated in {_s(run.built_s)} s, not counted)" if run.built_s else
           " (from the cache)")
        + ", in a copy of the project (COPY: without its virtualenvs, target, logs, data, "
        "databases and .git; `.venv` a link to this one), with DBT_PROFILES_DIR=COPY, "
        "FASHION_RETAIL_DUCKDB=COPY/w.duckdb, "
        "FASHION_RETAIL_PRIVACY_DUCKDB=COPY/w_privacy.duckdb; each step a command, "
        "timed from outside.",
        "",
        "| step | command | seconds | exit | dbt |",
        "|---|---|---:|---:|---|",
    ]
    for step in run.steps:
        lines.append(f"| {step.name} | `{step.command}` | {_s(step.seconds)} "
                     f"| {step.returncode} | {step.summary} |")
    if len(run.steps) < run.planned:
        lines.append(f"| the {run.planned - len(run.steps)} steps after the failure "
                     "| not run | | | |")
    lines.append(f"| **discover to the end** | | **{_s(run.total_s)}** | | "
                 f"at most {TARGETS['e2e_s']:g} s: "
                 f"{_met(run.ok and run.total_s <= TARGETS['e2e_s'])} |")
    if run.slowest:
        lines += ["", "The project build's slowest models (`run_results.json`): "
                      + ", ".join(f"{name} {_s(seconds)} s" for name, seconds in run.slowest)
                      + "."]
    if not run.ok:
        lines += ["", f"A step failed: its log and the copy are kept in {run.copy.parent}."]
    return lines


# ---------------------------------------------------------------- command line
def main(argv: list[str] | None = None, prog: str = "fashion-retail bench onboard") -> int:
    parser = OneLineParser(prog=prog, description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=SCALE,
                        help="the dialects' generation scale (accuracy and time)")
    parser.add_argument("--seed", type=int, default=SEED,
                        help="the generation's seed, and the rivals' samples of the export")
    parser.add_argument("--canonical-seed", type=int,
                        help="the rivals' samples of the canonical tables (default: --seed "
                             "+ 1; must differ from --seed)")
    parser.add_argument("--rows", type=int, default=ROWS, help="rows the rivals sample "
                        "per table")
    parser.add_argument("--matchers", default=",".join(MATCHERS),
                        help=f"comma-separated, of {', '.join(MATCHERS)}")
    parser.add_argument("--timeout", type=float, default=MATCHER_TIMEOUT_S,
                        help="seconds one matcher may run on one dialect")
    parser.add_argument("--repeat", type=int, default=3,
                        help="the aligner's runs (the median is reported); the rivals run once")
    parser.add_argument("--no-rivals", action="store_true",
                        help="the aligner alone (no valentine virtualenv needed)")
    parser.add_argument("--valentine-python", type=Path, default=VALENTINE_PYTHON,
                        help="the valentine virtualenv's python (make venv-valentine)")
    parser.add_argument("--e2e", action="store_true",
                        help=f"also onboard and build {E2E_DIALECT} end to end (slow)")
    parser.add_argument("--e2e-scale", type=float, default=E2E_SCALE)
    parser.add_argument("--cache", type=Path, default=CACHE,
                        help="where the generated data is kept between runs")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    for option, value in (("--scale", args.scale), ("--e2e-scale", args.e2e_scale)):
        if not 0.001 <= value <= 1000:
            parser.error(f"{option} must be between 0.001 and 1000")
    if not 0 <= args.seed < 2**32:
        parser.error("--seed must be in [0, 2^32)")
    if args.canonical_seed is None:
        args.canonical_seed = args.seed + 1
    if args.canonical_seed == args.seed:
        parser.error("--canonical-seed must differ from --seed (the same seed samples the "
                     "same rows of two tables of one length)")
    if args.rows < 1:
        parser.error("--rows must be at least 1")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if not args.timeout > 0:
        parser.error("--timeout must be positive")
    matchers = [name.strip() for name in args.matchers.split(",") if name.strip()]
    unknown = [name for name in matchers if name not in MATCHERS]
    if unknown or not matchers:
        parser.error(f"--matchers: unknown {', '.join(unknown) or '(none given)'}: choose "
                     f"from {', '.join(MATCHERS)}")
    # absolute (the rivals run in a temporary folder), not resolved: a
    # virtualenv's python is a link that must stay one
    args.valentine_python, args.cache = args.valentine_python.absolute(), args.cache.absolute()
    skipped = None
    if not args.no_rivals and not args.valentine_python.exists():
        skipped = (f"no valentine virtualenv at {args.valentine_python}; build it with "
                   f"{VALENTINE_BUILD}")
        print(f"{prog}: {skipped}; the rivals are skipped", file=sys.stderr, flush=True)

    started = dt.datetime.now(dt.UTC)
    load_before = os.getloadavg()[0]
    canonical = None
    if not args.no_rivals and not skipped:
        canonical = generate(CANONICAL, args.scale, args.seed, args.cache)
    runs: list[DialectRun] = []
    for name in DIALECTS:
        print(f"{name} at scale {args.scale:g}", flush=True)
        export = generate(name, args.scale, args.seed, args.cache)
        if export.built_s is not None:
            print(f"  generated in {export.built_s:.1f} s: {export.folder}", flush=True)
        discover_s, discovery = run_discover(export.files)
        print(f"  discover {discover_s:.2f} s; the aligner, {args.repeat} run(s)", flush=True)
        ours = run_ours(discovery, export.folder, args.repeat)
        rivals = None
        if canonical is not None:
            print(f"  Valentine: {', '.join(matchers)}", flush=True)
            rivals = run_rivals(args.valentine_python, export.folder, canonical.folder,
                                matchers, args.rows, args.seed, args.canonical_seed,
                                args.timeout)
        runs.append(DialectRun(name, len(export.files), export.rows, discover_s, ours,
                               rivals, export.built_s))
    e2e = None
    if args.e2e:
        print(f"end to end: {E2E_DIALECT} at scale {args.e2e_scale:g}", flush=True)
        work = Path(tempfile.mkdtemp(prefix="onboard-e2e-"))
        e2e = run_e2e(args.e2e_scale, args.seed, args.cache, work)
        if e2e.ok:
            shutil.rmtree(work, ignore_errors=True)
    command = " ".join(["fashion-retail bench onboard", *(argv or [])])
    tools.write(args.out, report(runs, args.scale, args.seed, args.canonical_seed, args.rows,
                                 args.repeat, started, command,
                                 (load_before, os.getloadavg()[0]), e2e, skipped))
    failed = [f"{run.name}: {reason}" for run in runs for reason in incomplete(run.rivals)]
    if e2e is not None and not e2e.ok:
        step = e2e.steps[-1]
        failed.append(f"end to end: {step.name} exited {step.returncode} "
                      f"(logs in {e2e.copy.parent})")
    for reason in failed:
        print(f"{prog}: {reason}", file=sys.stderr)
    return 1 if failed or skipped else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
