"""Streaming table writers: one file per raw table, written chunk by chunk.

A run first removes the folder's manifest (start_set), writes every file under
a '.partial' name, and renames them when the whole set is complete (publish),
the new manifest last. So a folder whose run failed, was killed (SIGKILL, a full
disk) or is still going has no manifest, and never passes for a complete set:
loaders refuse a folder without a manifest, or with '.partial' files in it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

# snappy, as DuckDB writes by default: files twice the size of zstd's, a third less
# CPU per byte, and the writer thread shares two cores with generation
COMPRESSION = "snappy"


def file_paths(out: Path, name: str, fmt: str) -> tuple[Path, Path]:
    """A table's file while it is written ('.partial') and once complete."""
    path = out / f"{name}.{fmt}"
    return path.with_name(path.name + ".partial"), path


def remove_partials(out: Path, names: Iterable[str], formats: Iterable[str]) -> list[Path]:
    """Remove the '.partial' files of ``names`` (in any of ``formats``) from
    ``out``: what a run killed before it could clean up (SIGKILL, power loss)
    leaves behind. Returns the files removed."""
    removed = []
    for name in names:
        for fmt in formats:
            partial = file_paths(out, name, fmt)[0]
            if partial.exists():
                partial.unlink()
                removed.append(partial)
    return removed


def start_set(out: Path, names: Iterable[str], manifest: str, fmt: str,
              formats: Iterable[str]) -> None:
    """Before a run writes anything: the '.partial' files an earlier run could
    not remove go, and so does the manifest of the set in ``fmt`` it replaces,
    so that until publish the folder holds no set a loader would take (its
    other tables may be the old ones, or the new)."""
    remove_partials(out, names, formats)
    file_paths(out, manifest, fmt)[1].unlink(missing_ok=True)


def publish(out: Path, names: Iterable[str], manifest: str, fmt: str) -> None:
    """Turn a run's finished '.partial' files into the set: the tables
    renamed, and the manifest renamed last."""
    for name in names:
        if name != manifest:
            partial, final = file_paths(out, name, fmt)
            partial.replace(final)
    partial, final = file_paths(out, manifest, fmt)
    partial.replace(final)


class TableWriter:
    def __init__(self, out: Path, name: str, fmt: str, schema: pa.Schema,
                 dictionary: list[str] | None = None):
        self.partial, self.path = file_paths(out, name, fmt)
        self.fmt = fmt
        self.schema = schema
        self.rows = 0
        if fmt == "parquet":
            # min/max statistics of dirty text help no reader and cost a quarter
            # of the write time; so does a dictionary over distinct values
            self._writer = pq.ParquetWriter(
                self.partial, schema, compression=COMPRESSION, write_statistics=False,
                use_dictionary=True if dictionary is None else dictionary)
        else:
            self._writer = pacsv.CSVWriter(self.partial, schema)

    @classmethod
    def for_table(cls, out: Path, table, fmt: str) -> TableWriter:
        """The writer of a raw table (a schema.Table): every column text."""
        return cls(out, table.name, fmt, text_schema(table.column_names),
                   table.dictionary_columns)

    def write(self, table: pa.Table) -> None:
        table = table.select(self.schema.names).cast(self.schema)
        self.rows += len(table)
        if self.fmt == "parquet":
            self._writer.write_table(table, row_group_size=1_000_000)
        else:
            self._writer.write_table(table)

    def finish(self) -> None:
        """Complete the file but keep its '.partial' name: publish renames it
        when the whole run has succeeded."""
        self._writer.close()

    def abort(self) -> None:
        """Give the file up: closed if it can be (a full disk may refuse even
        that), and removed."""
        try:
            with contextlib.suppress(Exception):
                self._writer.close()
        finally:
            self.partial.unlink(missing_ok=True)


def text_schema(columns: list[str]) -> pa.Schema:
    return pa.schema([(c, pa.string()) for c in columns])


class BackgroundWrites:
    """Runs TableWriter.write calls on one worker thread, in submission order.

    Parquet and CSV encoding release the GIL, so on two cores the writes overlap
    with generating the next chunk. The queue is bounded, which bounds memory:
    generation waits when the writer falls more than ``depth`` chunks behind.
    """

    def __init__(self, depth: int = 4):
        import queue
        import threading

        self._queue: queue.Queue = queue.Queue(maxsize=depth)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="table-writer", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while True:
            job = self._queue.get()
            if job is None:
                return
            if self._error is None:
                try:
                    job[0].write(job[1])
                except BaseException as exc:  # re-raised in the submitting thread
                    self._error = exc

    def submit(self, writer: TableWriter, table: pa.Table) -> None:
        if self._error is not None:
            raise self._error
        self._queue.put((writer, table))

    def join(self) -> None:
        self._queue.put(None)
        self._thread.join()
        if self._error is not None:
            raise self._error


class prefetch:  # noqa: N801 - used like a function
    """Iterate ``items`` on a worker thread, up to ``depth`` items ahead.

    The thread starts at construction, so the next month's sales are generated
    (numpy and Arrow work that releases the GIL) while earlier tables are still
    being corrupted and handed to the writer.
    """

    _done = object()

    def __init__(self, items, depth: int = 2):
        import queue
        import threading

        self._queue: queue.Queue = queue.Queue(maxsize=depth)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(items,), name="prefetch",
                                        daemon=True)
        self._thread.start()

    def _run(self, items) -> None:
        try:
            for item in items:
                if self._stop.is_set():
                    return
                self._queue.put((True, item))
            self._queue.put((True, self._done))
        except BaseException as exc:  # re-raised in the consuming thread
            self._queue.put((False, exc))

    def __iter__(self):
        try:
            while True:
                ok, item = self._queue.get()
                if not ok:
                    raise item
                if item is self._done:
                    return
                yield item
        finally:
            self.close()

    def close(self) -> None:
        self._stop.set()
        drain_until_done(self._thread, self._queue)


def drain_until_done(thread, items) -> None:
    """Wait for ``thread`` to end, emptying the queue ``items`` meanwhile so
    that a producer blocked on a full queue can go on and see it must stop."""
    import queue

    while thread.is_alive():
        try:
            items.get_nowait()
        except queue.Empty:
            thread.join(0.01)
