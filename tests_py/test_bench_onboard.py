"""The onboarding benchmark's parts on small inputs: the best rival and whether
ours beats it, the report (accuracy, seconds, failures, the end-to-end steps),
dbt's closing count, the project copy, and its one-line argument errors. No
Valentine run and no build: those are the benchmark itself."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest

from fashion_retail_bench import onboard as bench

from conftest import FASHION_RETAIL

STARTED = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def matcher(right: int, columns: int = 10, seconds: float = 1.0, **extra) -> dict:
    """A matcher's figures as onboard_rivals.py writes them."""
    return {"status": "ok", "reason": None, "seconds": seconds, "columns": columns,
            "right": right, "accuracy": right / columns, "tied": 0, "missed": 0, **extra}


def rivals(**matchers: dict) -> dict:
    return {"valentine": "1.0.1", "pandas": "3.1.2", "nltk": "3.10.4", "python": "3.11.7",
            "timeout_s": 600, "read_s": 0.5, "nltk_data": "found in ~/nltk_data",
            "matchers": matchers}


def ours(right: int, columns: int = 10, wrong: list[str] | None = None) -> bench.Ours:
    return bench.Ours(0.8, [1.9, 0.8, 0.7], columns, right, wrong or [])


def test_best_rival_is_the_most_accurate_finished_matcher():
    found = rivals(coma=matcher(3), jaccard=matcher(8), cupid=matcher(8),
                   distribution={**matcher(9), "status": "failed", "reason": "timeout",
                                 "accuracy": None})
    assert bench.best_rival(found) == ("jaccard", 0.8)   # the first of a tie
    assert bench.best_rival(None) is None
    assert bench.best_rival({"error": "exit 1: boom"}) is None
    assert bench.best_rival(rivals()) is None


def test_beats_is_strictly_higher_and_undecided_without_a_rival():
    found = rivals(jaccard=matcher(8))
    assert bench.beats(ours(9), found) is True
    assert bench.beats(ours(8), found) is False   # a tie does not beat
    assert bench.beats(ours(10), None) is None
    assert bench.beats(ours(10), {"error": "exit 1"}) is None


def test_incomplete_names_the_runner_error_and_each_failed_matcher():
    assert bench.incomplete(None) == []
    assert bench.incomplete({"error": "exit 1: boom"}) == ["exit 1: boom"]
    failed = {**matcher(2), "status": "failed", "reason": "timeout: still running"}
    assert bench.incomplete(rivals(coma=matcher(3), cupid=failed)) == \
        ["cupid: timeout: still running"]


def run(name: str, right: int, found: dict | None) -> bench.DialectRun:
    return bench.DialectRun(name, 2, 1_234, 2.5, ours(right, wrong=["t.a: None (truth x.y)"]
                                                        if right < 10 else []), found)


def test_report_table_and_verdicts():
    failed = {**matcher(2, columns=4, seconds=600.0), "status": "failed", "accuracy": None,
              "reason": "timeout: still running after 600 s", "columns_total": 10}
    runs = [run("eu_erp", 10, rivals(coma=matcher(1), jaccard=matcher(7, tied=2, missed=1))),
            run("legacy_flat", 9, rivals(jaccard=matcher(9, seconds=12.345), cupid=failed))]
    text = bench.report(runs, 0.05, 42, 43, 2_000, 3, STARTED, "fashion-retail bench onboard",
                        (0.5, 1.0))
    assert "load average (1 min) 0.50 before, 1.00 after" in text
    assert "2,000 rows sampled per table (seed 42 for the export, 43 for" in text
    assert ("| eu_erp (2 files, 1,234 rows) | this project (1.90, 0.80, 0.70) | 10 / 10 "
            "| 100.0% | 0.80 | higher than the best rival (jaccard, 70.0%): met |") in text
    assert "| | jaccard | 7 / 10 | 70.0% | 1.00 | 2 tied, 1 with no match |" in text
    assert "| | coma | 1 / 10 | 10.0% | 1.00 |  |" in text
    # a tie with the best rival is not a win
    assert "higher than the best rival (jaccard, 90.0%): **not met**" in text
    assert "| | jaccard | 9 / 10 | 90.0% | 12.3 |  |" in text
    assert "| | cupid | failed: timeout: still running after 600 s (4 of 10 columns " \
           "matched) | | 600.0 | |" in text
    assert "| legacy_flat | 90.0% | jaccard, 90.0% | **not met** | 2.50 |" in text
    assert "beats the best rival on 1 of 2 dialects (eu_erp)." in text
    assert "wrong columns: legacy_flat: t.a: None (truth x.y)." in text
    assert "Valentine 1.0.1 (pandas 3.1.2" in text
    assert "End to end" not in text


def test_report_without_rivals_says_why():
    runs = [run("eu_erp", 10, None)]
    text = bench.report(runs, 0.05, 42, 43, 2_000, 1, STARTED, "c",
                        skipped="no valentine virtualenv at /x; build it with `make x`")
    assert "**The rivals were not run**: no valentine virtualenv at /x" in text
    assert "| rivals not run |" in text and "| eu_erp | 100.0% | none | n/a |" in text
    assert "This project beats" not in text and "Valentine 1.0.1" not in text
    assert "median of 1 run in one process" in text


def test_report_of_a_runner_failure():
    text = bench.report([run("eu_erp", 10, {"error": "exit 1: ImportError"})], 0.05, 42, 43,
                        2_000, 1, STARTED, "c")
    assert "| | Valentine | failed: exit 1: ImportError | | | |" in text
    assert "no rival finished" in text


def e2e(codes: list[int], seconds: float = 30.0) -> bench.EndToEnd:
    steps = [bench.Step(f"step {i}", f"cmd {i}", seconds, code,
                        "PASS=3 WARN=0 ERROR=0 SKIP=0 TOTAL=3" if i == 3 else "")
             for i, code in enumerate(codes)]
    return bench.EndToEnd(1.0, 2_000_000, 8, None, Path("/tmp/e2e/project"), steps,
                          seconds * len(codes))


def test_e2e_section_within_and_over_the_target():
    text = "\n".join(bench.e2e_section(e2e([0, 0, 0, 0, 0])))
    assert "eu_erp at scale 1 onboarded and built" in text
    assert "8 files, 2,000,000 rows (from the cache)" in text
    assert "| step 3 | `cmd 3` | 30.0 | 0 | PASS=3 WARN=0 ERROR=0 SKIP=0 TOTAL=3 |" in text
    assert "| **discover to the end** | | **150.0** | | at most 180 s: met |" in text
    assert "slowest models" not in text
    run = e2e([0, 0, 0, 0, 0], seconds=40.0)
    run.slowest = [("syn_quality", 27.94), ("mon_anomaly_scores", 9.5)]
    slow = "\n".join(bench.e2e_section(run))
    assert "slowest models (`run_results.json`): syn_quality 27.9 s, " \
           "mon_anomaly_scores 9.50 s." in slow
    assert "**200.0** | | at most 180 s: **not met**" in slow


def test_e2e_section_of_a_failed_step():
    run = e2e([0, 0, 2])
    assert not run.ok
    text = "\n".join(bench.e2e_section(run))
    assert "| step 2 | `cmd 2` | 30.0 | 2 |" in text
    assert "| the 2 steps after the failure | not run |" in text
    assert "at most 180 s: **not met**" in text
    assert "kept in /tmp/e2e" in text


def test_dbt_summary_is_the_last_count():
    log = ("Done. PASS=1 WARN=0 ERROR=0 SKIP=0 TOTAL=1\n...\n"
           "Done. PASS=565 WARN=12 ERROR=1 SKIP=2 NO-OP=3 TOTAL=583\n")
    assert bench.dbt_summary(log) == "PASS=565 WARN=12 ERROR=1 SKIP=2 NO-OP=3 TOTAL=583"
    assert bench.dbt_summary("no dbt here") == ""


def test_copy_project_leaves_out_virtualenvs_build_output_and_databases(tmp_path):
    source = tmp_path / "project"
    for relative in ("dbt_project.yml", "models/a.sql", "models/target/b.sql",
                     "w.duckdb", "models/x.duckdb.wal", "target/run.json", "logs/dbt.log",
                     ".git/HEAD", ".venv-bench/bin/python", "src/pkg/__pycache__/m.pyc",
                     "data/scale-1/orders.parquet"):
        (source / relative).parent.mkdir(parents=True, exist_ok=True)
        (source / relative).write_text("x")
    (source / ".venv").mkdir()
    copy = tmp_path / "copy"
    bench.copy_project(copy, source)
    copied = sorted(str(p.relative_to(copy)) for p in copy.rglob("*") if p.is_file())
    assert copied == ["dbt_project.yml", "models/a.sql", "models/target/b.sql"]
    assert (copy / ".venv").is_symlink() and (copy / ".venv").resolve() == source / ".venv"


@pytest.mark.parametrize("argv, message", [
    (["--scale", "0"], "--scale must be between"),
    (["--e2e-scale", "5000"], "--e2e-scale must be between"),
    (["--rows", "0"], "--rows must be at least 1"),
    (["--repeat", "0"], "--repeat must be at least 1"),
    (["--timeout", "0"], "--timeout must be positive"),
    (["--seed", "7", "--canonical-seed", "7"], "--canonical-seed must differ from --seed"),
    (["--matchers", "coma,magic"], "--matchers: unknown magic"),
    (["--matchers", ","], "--matchers: unknown (none given)"),
    (["--scale", "x"], "invalid float value"),
])
def test_bad_arguments_are_one_line(argv, message):
    done = subprocess.run([FASHION_RETAIL, "bench", "onboard", *argv],
                          capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and message in done.stderr
    assert done.stderr.startswith("fashion-retail bench onboard: error:")
