"""The sales worker: a forked process or a thread, the same bytes either way;
a failure on either side ends the run with a clear error and leaves no file
that looks finished."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from fashion_retail.gen import generate as generate_module
from fashion_retail.gen import sales_worker
from fashion_retail.gen.config import GeneratorConfig
from fashion_retail.gen.generate import generate
from fashion_retail.gen.sales_worker import WorkerError, can_fork
from test_determinism import digests

needs_fork = pytest.mark.skipif(not can_fork(), reason="forking needs Linux and one thread")


def config(out, **kwargs) -> GeneratorConfig:
    return GeneratorConfig(scale=0.01, seed=5, out=out, **kwargs)


@needs_fork
@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_process_and_thread_give_the_same_bytes(tmp_path, fmt):
    forked = generate(config(tmp_path / "process", fmt=fmt), use_process=True)
    threaded = generate(config(tmp_path / "thread", fmt=fmt), use_process=False)
    assert forked.rows == threaded.rows
    assert forked.ledger_rows == threaded.ledger_rows
    assert digests(tmp_path / "process") == digests(tmp_path / "thread")
    assert len(digests(tmp_path / "process")) == 11
    # the worker reports its own peak memory only when it is a process
    assert forked.worker_peak_rss_kb > 0
    assert threaded.worker_peak_rss_kb == 0
    assert threading.active_count() == 1        # no thread of the run outlives it


def leftovers(out):
    return sorted(p.name for p in out.iterdir()) if out.exists() else []


def failing_inventory(*args, **kwargs):
    raise ValueError("inventory exploded")
    yield  # pragma: no cover - a generator function


@pytest.mark.parametrize("use_process", [
    pytest.param(True, marks=needs_fork), False])
def test_a_failing_worker_fails_the_run_cleanly(tmp_path, monkeypatch, use_process):
    # patched before the fork, so the worker process runs it too
    monkeypatch.setattr(sales_worker, "generate_inventory", failing_inventory)
    with pytest.raises(WorkerError, match="inventory exploded"):
        generate(config(tmp_path), use_process=use_process)
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("use_process", [
    pytest.param(True, marks=needs_fork), False])
def test_a_failing_main_process_stops_the_worker(tmp_path, monkeypatch, use_process):
    def failing_customers(*args):
        # once the worker has started writing its files
        deadline = time.monotonic() + 30
        while not list(tmp_path.glob("order_lines.*.partial")) and time.monotonic() < deadline:
            time.sleep(0.005)
        raise ValueError("customers exploded")

    monkeypatch.setattr(generate_module, "customer_table", failing_customers)
    with pytest.raises(ValueError, match="customers exploded"):
        generate(config(tmp_path), use_process=use_process)
    assert leftovers(tmp_path) == []
    assert threading.active_count() == 1


@needs_fork
def test_a_worker_that_dies_is_reported(tmp_path, monkeypatch):
    def dies(*args, send):
        send(("step", "sales"))
        os._exit(3)

    monkeypatch.setattr(sales_worker, "work", dies)
    with pytest.raises(WorkerError, match="exited with code 3 before it finished"):
        generate(config(tmp_path), use_process=True)
    assert leftovers(tmp_path) == []


def test_insisting_on_a_process_where_it_cannot_fork(tmp_path):
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        with pytest.raises(RuntimeError, match="cannot run as a process here"):
            generate(config(tmp_path), use_process=True)
        # left to choose, it runs the worker on a thread and succeeds
        result = generate(config(tmp_path))
        assert result.worker_peak_rss_kb == 0
    finally:
        stop.set()
        other.join()


@needs_fork
def test_a_killed_main_process_takes_the_worker_with_it(tmp_path):
    """A main process killed outright (no clean-up) leaves no reader on the
    pipe: the worker's next send fails, and it removes its partial files and
    exits instead of waiting for ever."""
    script = ("import sys; from pathlib import Path; "
              "from fashion_retail.gen.config import GeneratorConfig; "
              "from fashion_retail.gen.generate import generate; "
              "generate(GeneratorConfig(scale=0.3, out=Path(sys.argv[1])))")
    env = dict(os.environ)
    main = subprocess.Popen([sys.executable, "-c", script, str(tmp_path)], env=env)
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob("order_lines.*.partial")):
        assert time.monotonic() < deadline and main.poll() is None, "the worker never wrote"
        time.sleep(0.005)
    children = Path(f"/proc/{main.pid}/task/{main.pid}/children").read_text().split()
    main.send_signal(signal.SIGKILL)
    main.wait()
    assert children, "the main process had no worker"
    worker = Path(f"/proc/{children[0]}")
    deadline = time.monotonic() + 30
    while worker.exists() and "zombie" not in (worker / "status").read_text().lower():
        assert time.monotonic() < deadline, "the worker outlived its main process"
        time.sleep(0.02)
    assert not list(tmp_path.glob("order_lines.*"))


def test_messages_cross_the_pipe_with_their_arrays_out_of_band():
    """What the worker sends arrives whole: text labels, numpy parts, Arrow
    ledger tables; a message larger than the pipe's buffer too."""
    import multiprocessing

    import numpy as np
    import pyarrow as pa

    from fashion_retail.gen import text

    receive, send = multiprocessing.Pipe(duplex=False)
    ledger = pa.table({"clean_value": pa.array([f"v{i}" for i in range(200_000)]),
                       "dirty_value": pa.nulls(200_000, pa.string())})
    parts = [{"channel": (text.labels(["store", "online"]), np.arange(300_000) % 2)}]
    sent = [("orders", 0, parts, [0], np.zeros(3, bool)), ("ledger", ledger),
            ("step", "sales")]
    sender = threading.Thread(
        target=lambda: [sales_worker.send_message(send, m) for m in sent])
    sender.start()
    got = [sales_worker.receive_message(receive) for _ in sent]
    sender.join()
    assert got[0][0] == "orders" and (got[0][2][0]["channel"][1] == parts[0]["channel"][1]).all()
    assert got[0][2][0]["channel"][0](np.array([1, 0])).to_pylist() == ["online", "store"]
    assert got[1][1].equals(ledger)
    assert got[2] == ("step", "sales")
