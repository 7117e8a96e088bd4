"""The sales half of a run, in a second process: orders, order lines and
inventory snapshots generated there, and the order lines and snapshots also
corrupted and written, while the main process draws the customers' names and
addresses, writes the entities, and then finishes the orders it is sent.

Why a process: the work on both sides holds Python's GIL for long stretches
(dictionary-encoded defect values, e-mail local parts, numpy calls on small
arrays), so two threads in one process cannot keep two cores busy. The worker
is forked after the entities' core is built and before any thread starts, so
it inherits the stores, products, employees and customers without copying
them, and its output is exactly what the same code gives in one process.

The worker writes its two tables as '.partial' files, which the main process
renames when the whole run has succeeded. Its defect-ledger rows come back over
a pipe, in order, because the ledger is one file numbered in the order defects
are emitted (the entities' first); so do the orders, the progress steps, the
row counts, the incidents' reach and the worker's peak memory. Where it cannot
fork (not Linux, or another thread running), the same work runs on a thread and
the messages go through a queue.
"""

from __future__ import annotations

import contextlib
import pickle
import queue
import sys
import threading
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from fashion_retail.gen import schema, text
from fashion_retail.gen.config import GeneratorConfig
from fashion_retail.gen.defects import Injector
from fashion_retail.gen.inventory import generate_inventory
from fashion_retail.gen.sales import SalesState, generate_sales
from fashion_retail.gen.writer import (
    BackgroundWrites,
    TableWriter,
    drain_until_done,
    prefetch,
)

TABLES = schema.STREAMED_TABLES     # written by the worker
# messages the worker may have sent and the main process not yet written: a
# bound on memory (a month of ledger rows each) that keeps the pipe flowing
BACKLOG = 16


class WorkerError(RuntimeError):
    """The sales worker failed; the message carries its traceback."""


def _failure(exc: BaseException) -> tuple:
    """The worker's error message: its traceback, and for an OSError (a full
    disk, say) its errno and text, so that the main process raises it as one
    and the command line reports it in one line."""
    os_error = (exc.errno, exc.strerror) if isinstance(exc, OSError) else None
    return ("error", traceback.format_exc(), os_error)


class _StoppedError(Exception):
    """Raised in a worker thread whose run was stopped."""


@dataclass
class Finished:
    """What the worker reports once its tables are complete."""
    rows: dict[str, int]
    affected: dict[int, int] = field(default_factory=dict)
    peak_rss_kb: int = 0


def work(cfg: GeneratorConfig, entities: tuple, injector: Injector, incidents: list,
         send: Callable[[tuple], None]) -> None:
    """Generate the sales tables; corrupt and write the order lines and
    inventory snapshots; report through ``send``, in order: ('orders', chunk,
    typed parts, months, rows loaded twice) for the main process to finish
    (orders_table), corrupt and write; ('ledger', table) per chunk emitted
    here; ('step', label) per chunk of months; then ('finished', Finished)."""
    stores, products, employees, customers, pools = entities
    out = Path(cfg.out)
    writers: dict[str, TableWriter] = {}
    background = BackgroundWrites()

    def emit(name: str, clean: pa.Table, chunk: int, **incidents) -> None:
        dirty, ledger = injector.inject(name, clean, chunk, **incidents)
        if name not in writers:
            writers[name] = TableWriter.for_table(out, schema.TABLES[name], cfg.fmt)
        background.submit(writers[name], dirty)
        send(("ledger", ledger))

    try:
        state = SalesState(None, None, None)
        for chunk, sales in enumerate(prefetch(generate_sales(
                cfg, stores, products, employees, customers, pools, state, incidents))):
            # the orders go to the main process, which is idle once the
            # entities are written: typed, so that formatting them as text is
            # its work too, and without their notes, which it draws as well
            # (see orders_table)
            send(("orders", chunk, sales.orders, sales.months,
                  sales.marks.orders_loaded_twice))
            emit("order_lines", text.batch(sales.lines), chunk,
                 twice=sales.marks.lines_loaded_twice,
                 shift=("unit_price", sales.marks.price_factor))
            send(("step", "sales"))
        for chunk, snapshots in enumerate(prefetch(
                generate_inventory(cfg, stores, products, state))):
            emit("inventory_snapshots", snapshots, chunk)
            send(("step", "inventory"))
        background.join()
        for w in writers.values():
            w.finish()
    except BaseException:
        with contextlib.suppress(BaseException):
            background.join()
        for w in writers.values():
            w.abort()
        raise
    send(("finished", Finished(
        rows={name: writers[name].rows for name in TABLES},
        affected=dict(state.affected),
        peak_rss_kb=peak_rss_kb())))


def peak_rss_kb() -> int:
    """This process's max RSS in KB (0 where the resource module is missing)."""
    try:
        import resource
    except ImportError:
        return 0
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def can_fork() -> bool:
    """Linux, and no other thread running (a fork copies the locks other
    threads may hold; a notebook kernel, for one, runs several)."""
    import multiprocessing

    return (sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods()
            and threading.active_count() == 1)


class SalesWorker:
    """Runs ``work`` in a forked process (or a thread) from construction on;
    iterate ``messages()`` for what it sends, in order. ``use_process``: None
    forks where it can (can_fork), True insists, False runs a thread."""

    def __init__(self, cfg: GeneratorConfig, entities: tuple, injector: Injector,
                 incidents: list, use_process: bool | None = None):
        self._queue: queue.Queue = queue.Queue(maxsize=BACKLOG)
        self._stopped = threading.Event()
        self._process = None
        args = (cfg, entities, injector, incidents)
        forkable = can_fork()
        if use_process and not forkable:
            raise RuntimeError("the sales worker cannot run as a process here: it needs "
                               "Linux and no other thread running")
        if forkable if use_process is None else use_process:
            import multiprocessing

            receive, send = multiprocessing.get_context("fork").Pipe(duplex=False)
            _widen(send)
            self._process = multiprocessing.get_context("fork").Process(
                target=_process_main, args=(receive, send, args),
                name="fashion-retail-sales", daemon=True)
            self._process.start()
            send.close()
            self._thread = threading.Thread(target=self._relay, args=(receive,),
                                            name="sales-relay", daemon=True)
        else:
            self._thread = threading.Thread(target=self._run_here, args=(args,),
                                            name="sales-worker", daemon=True)
        self.forked = self._process is not None
        self._thread.start()

    # ---------------------------------------------------------------- sources
    def _relay(self, receive) -> None:
        """Pipe to queue, so the worker never waits on a busy main thread."""
        try:
            while True:
                message = receive_message(receive)
                self._queue.put(message)
                if message[0] in ("finished", "error"):
                    return
        except (EOFError, OSError):       # the pipe closed, mid-message or not
            self._process.join()
            self._queue.put(("error", f"the sales worker exited with code "
                                      f"{self._process.exitcode} before it finished"))
        finally:
            receive.close()

    def _run_here(self, args) -> None:
        def send(message: tuple) -> None:
            if self._stopped.is_set():
                raise _StoppedError
            self._queue.put(message)

        try:
            work(*args, send=send)
        except _StoppedError:
            pass
        except BaseException as exc:
            self._queue.put(_failure(exc))

    # ---------------------------------------------------------------- consumer
    def messages(self) -> Iterator[tuple]:
        """What ``work`` sends, in order, up to ('finished', Finished); raises
        WorkerError when the worker failed."""
        while True:
            message = self._queue.get()
            if message[0] == "error":
                failure = WorkerError(f"the sales worker failed:\n{message[1]}")
                if len(message) > 2 and message[2] is not None:
                    raise OSError(*message[2]) from failure
                raise failure
            yield message
            if message[0] == "finished":
                self._thread.join()
                if self._process is not None:
                    self._process.join()
                return

    def stop(self) -> None:
        """End the worker early (the run failed elsewhere). Its partial files
        are the caller's to remove: a terminated process cannot."""
        self._stopped.set()
        if self._process is not None and self._process.is_alive():
            self._process.terminate()
            self._process.join()
        drain_until_done(self._thread, self._queue)


def _widen(connection) -> None:
    """The pipe's buffer at its largest (1 MB by default, against 64 KB): the
    worker sends about 50 MB at scale 1 (the orders, the ledger rows), and the
    main process's relay thread, which must win the GIL after each read, then
    reads it in a sixteenth as many pieces, so the worker's sends block less
    (0.4 s of waiting at scale 1 with 64 KB)."""
    try:
        import fcntl

        fcntl.fcntl(connection.fileno(), fcntl.F_SETPIPE_SZ,
                    int(Path("/proc/sys/fs/pipe-max-size").read_text()))
    except (ImportError, AttributeError, OSError, ValueError):
        pass                    # not Linux, or not allowed: the default buffer


def _process_main(receive, send, args) -> None:
    # the fork copied the reading end too: closed here, so that a main process
    # that dies leaves no reader, and the worker's next send fails (it then
    # removes its partial files and exits) instead of waiting for ever
    receive.close()
    try:
        work(*args, send=lambda message: send_message(send, message))
    except BaseException as exc:
        with contextlib.suppress(OSError):       # no one left to tell
            send_message(send, _failure(exc))
    finally:
        send.close()


def send_message(connection, message: tuple) -> None:
    """``message`` over a pipe with its arrays' memory sent as it is: pickled
    out of band (protocol 5), the numpy and Arrow buffers are written to the
    pipe straight from where they are, where ``Connection.send`` first copies
    them into one growing pickle (about 50 MB at scale 1)."""
    buffers: list[pickle.PickleBuffer] = []
    head = pickle.dumps(message, protocol=5, buffer_callback=buffers.append)
    connection.send_bytes(len(buffers).to_bytes(4, "little") + head)
    for buffer in buffers:
        connection.send_bytes(buffer.raw())


def receive_message(connection) -> tuple:
    """What send_message sent; the arrays use the received bytes (read-only)."""
    head = connection.recv_bytes()
    buffers = [connection.recv_bytes() for _ in range(int.from_bytes(head[:4], "little"))]
    return pickle.loads(memoryview(head)[4:], buffers=buffers)
