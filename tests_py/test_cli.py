"""The command line: clear one-line errors for bad arguments and failed writes,
every accepted argument works, and a real run."""

from __future__ import annotations

import datetime as dt
import os
import resource
import signal
import subprocess
import time
import uuid
from pathlib import Path

import duckdb
import pytest

from fashion_retail.gen.config import MAX_DEFECT_RATE, GeneratorConfig
from fashion_retail.gen.generate import SET_TABLES, generate

from conftest import FASHION_RETAIL, PROJECT


def run(*args: str, preexec_fn=None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    return subprocess.run([FASHION_RETAIL, "generate", *args],
                          capture_output=True, text=True, env=env, cwd=PROJECT, timeout=120,
                          preexec_fn=preexec_fn)


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--scale", "abc"], "--scale: must be a number, got 'abc'"),
        (["--scale", "0"], "--scale must be between"),
        (["--scale", "-3"], "--scale must be between"),
        (["--scale", "inf"], "--scale must be a number"),
        (["--seed", "1.5"], "--seed: must be an integer, got '1.5'"),
        (["--seed", "-1"], "--seed must be an integer in [0, 2^32)"),
        (["--defect-rate", "nan"], "--defect-rate must be between 0 and 3.12"),
        (["--defect-rate", "11"], "--defect-rate must be between 0 and 3.12"),
        (["--defect-rate", "4"], "--defect-rate must be between 0 and 3.12 (above it a "
                                 "column's defect rates add up to more than 100%), got 4"),
        (["--defect-rate", "3.13"], "--defect-rate must be between 0 and 3.12"),
        (["--format", "xml"], "invalid choice: 'xml'"),
        (["--end-date", "2020-13-01"], "--end-date: must be a date like"),
        (["--start-date", "2026-01-01"],
         "--end-date 2025-12-31 is before --start-date 2026-01-01"),
        (["--bogus"], "unrecognized arguments: --bogus"),
    ],
)
def test_bad_argument_is_one_clear_line(args, needle):
    result = run(*args, "--out", "/nonexistent-never-written")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("fashion-retail generate: error: ")
    assert needle in lines[0]
    assert result.stdout == ""


def one_error_line(result: subprocess.CompletedProcess) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("fashion-retail generate: error: "), lines[0]
    return lines[0]


@pytest.mark.parametrize("out", ["", "  "])
def test_an_empty_out_is_refused(tmp_path, out):
    # Path("") is the current directory: the run would fill it with raw files
    result = subprocess.run(
        [FASHION_RETAIL, "generate", "--scale", "0.001", "--out", out],
        capture_output=True, text=True, cwd=tmp_path, timeout=120,
        env=dict(os.environ))
    assert result.returncode == 2
    assert one_error_line(result) == \
        f"fashion-retail generate: error: argument --out: must name a folder, got {out!r}"
    assert list(tmp_path.iterdir()) == []


def test_the_largest_accepted_defect_rate_works(tmp_path):
    """Every rate the command line accepts generates (4 used to end in a
    traceback although up to 10 was accepted)."""
    assert MAX_DEFECT_RATE == 3.12
    result = run("--scale", "0.002", "--defect-rate", str(MAX_DEFECT_RATE),
                 "--out", str(tmp_path / "raw"), "--quiet")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "raw" / "generation_manifest.parquet").exists()


@pytest.mark.parametrize("day", ["2025-06-01", "2024-02-29", "2023-01-01"])
def test_a_one_day_history(tmp_path, day):
    """start = end: that day's orders and snapshot, entities that existed then."""
    out = tmp_path / "raw"
    result = run("--scale", "0.002", "--start-date", day, "--end-date", day,
                 "--out", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    con = duckdb.connect()
    read = "read_parquet('{}/{}.parquet')".format
    assert con.sql(f"select distinct left(updated_at, 10) from {read(out, 'orders')}"
                   ).fetchall() == [(day,)]
    assert con.sql(f"select distinct snapshot_date from {read(out, 'inventory_snapshots')}"
                   ).fetchall() == [(day,)]
    assert con.sql(f"select count(*) from {read(out, 'order_lines')}").fetchone()[0] > 0
    assert con.sql(f"select max(left(updated_at, 10)) from {read(out, 'customers')}"
                   ).fetchone()[0] <= day


@pytest.mark.parametrize(("start", "end"), [
    ("2023-01-01", "2023-03-01"),     # no season launch 60 days before its end
    ("2024-07-20", "2024-09-25"),     # an incident class due, no room after the warm-up
    ("2025-12-30", "2025-12-31"),
])
def test_short_histories(tmp_path, start, end):
    """The first two ended in a traceback (products: no launch to draw from;
    anomalies: an empty range of start days)."""
    result = run("--scale", "0.002", "--start-date", start, "--end-date", end,
                 "--out", str(tmp_path / "raw"), "--quiet")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "raw" / "generation_manifest.parquet").exists()


def limit_file_size(limit: int):
    """A child process whose writes stop at ``limit`` bytes a file (EFBIG;
    Python ignores SIGXFSZ), as on a filesystem that is full."""
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


def assert_no_loadable_set(out: Path) -> None:
    assert not list(out.glob("*.partial"))
    assert not list(out.glob("generation_manifest.*"))


def test_a_file_too_large_in_the_sales_worker_is_one_line(tmp_path):
    """At scale 0.01 only inventory_snapshots, written by the forked sales
    worker, passes 400 KB: its OSError reached the command line as a
    traceback of the worker's; now one line, and the folder, which held a
    complete set, holds none a loader would take."""
    out = tmp_path / "raw"
    generate(GeneratorConfig(scale=0.002, seed=1, out=out))
    result = run("--scale", "0.01", "--out", str(out), "--quiet",
                 preexec_fn=limit_file_size(400_000))
    assert result.returncode == 1
    assert one_error_line(result) == (
        f"fashion-retail generate: error: cannot write to {out}: File too large; "
        "no loadable set is left there until a run completes")
    assert_no_loadable_set(out)


@pytest.fixture()
def small_disk(tmp_path):
    """A 1 MB tmpfs: a really full disk (needs root, or the test is skipped)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m",
                           f"fr-test-{uuid.uuid4().hex[:8]}", str(mount)],
                          capture_output=True, text=True)
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.strip()}")
    try:
        yield mount
    finally:
        # lazily: a file the test's own generate() failed to close may hold it
        subprocess.run(["umount", "--lazy", str(mount)], check=True)


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_a_full_disk_is_one_line(small_disk, fmt):
    out = small_disk / "raw"
    # a complete set that fits: one day of the smallest scale
    day = dt.date(2025, 6, 1)
    generate(GeneratorConfig(scale=0.001, seed=1, out=out, fmt=fmt, start_date=day,
                             end_date=day))
    assert (out / f"generation_manifest.{fmt}").exists()
    result = run("--scale", "0.02", "--format", fmt, "--out", str(out), "--quiet")
    assert result.returncode == 1
    assert one_error_line(result) == (
        f"fashion-retail generate: error: cannot write to {out}: No space left on device; "
        "no loadable set is left there until a run completes")
    assert_no_loadable_set(out)
    # the files it could not finish are gone, and the next run has room again
    assert {p.name for p in out.iterdir()} <= {f"{t}.{fmt}" for t in SET_TABLES}


def test_ctrl_c_is_one_line(tmp_path):
    """SIGINT to the run's process group, as Ctrl-C sends it, once files are
    being written: one line, status 130, no '.partial' file, no manifest."""
    out = tmp_path / "raw"
    env = dict(os.environ)
    run_ = subprocess.Popen([FASHION_RETAIL, "generate", "--scale", "3",
                             "--out", str(out), "--quiet", "--no-progress"],
                            env=env, cwd=PROJECT, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    deadline = time.monotonic() + 60
    while not (out / "defect_ledger.parquet.partial").exists():
        assert run_.poll() is None and time.monotonic() < deadline, "no partial file seen"
        time.sleep(0.005)
    os.killpg(run_.pid, signal.SIGINT)
    _, stderr = run_.communicate(timeout=120)
    assert run_.returncode == 130
    assert stderr == (f"fashion-retail generate: interrupted; no loadable set is left there "
                      f"until a run completes ({out})\n")
    assert_no_loadable_set(out)


def test_out_that_is_a_file_is_refused(tmp_path):
    target = tmp_path / "file.txt"
    target.write_text("x")
    result = run("--out", str(target))
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"fashion-retail generate: error: --out {target} exists and is not a folder")


def test_unwritable_out_is_one_line(tmp_path):
    blocker = tmp_path / "blocker"
    blocker.write_text("x")
    result = run("--scale", "0.001", "--out", str(blocker / "below"))
    assert result.returncode == 1
    assert one_error_line(result) == (
        f"fashion-retail generate: error: cannot write to {blocker / 'below'}: Not a directory; "
        "no loadable set is left there until a run completes")


def test_generates_every_table_and_reports(tmp_path):
    result = run("--scale", "0.002", "--format", "csv", "--out", str(tmp_path / "raw"))
    assert result.returncode == 0, result.stderr
    files = sorted(p.name for p in (tmp_path / "raw").iterdir())
    assert files == sorted(f"{t}.csv" for t in [
        "stores", "sellers", "products", "employees", "customers", "orders", "order_lines",
        "inventory_snapshots", "defect_ledger", "anomaly_ledger", "generation_manifest"])
    assert "raw rows in" in result.stdout
    assert not list((tmp_path / "raw").glob("*.partial"))


def test_help_and_version():
    assert run("--help").returncode == 0
    version = run("--version")
    assert version.returncode == 0 and version.stdout.startswith("fashion-retail generate ")
