"""A generated folder holds a manifest only while it holds a complete set.

A run removes the old manifest and the '.partial' files a killed run left
before it writes anything (start_set), and renames its files into place with
the manifest last (publish): stopped at any point, the folder has no manifest,
and loaders refuse it. The end-to-end cases (SIGKILL, full disk, the loader's
refusal) are in test_load_atomic.py and test_cli.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fashion_retail.gen import generate as generate_module
from fashion_retail.gen.config import FORMATS, GeneratorConfig
from fashion_retail.gen.generate import SET_TABLES, generate
from fashion_retail.gen.writer import publish, start_set

MANIFEST = "generation_manifest"


def names(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


def test_start_set_removes_leftovers_and_the_old_manifest(tmp_path):
    for table in SET_TABLES:
        (tmp_path / f"{table}.parquet").write_text("old")
    (tmp_path / "orders.parquet.partial").write_text("killed run")
    (tmp_path / "orders.csv.partial").write_text("killed run, other format")
    (tmp_path / "generation_manifest.csv").write_text("a csv set's manifest")
    (tmp_path / "notes.txt.partial").write_text("not the generator's")
    start_set(tmp_path, SET_TABLES, MANIFEST, "parquet", FORMATS)
    assert names(tmp_path) == ({f"{t}.parquet" for t in SET_TABLES if t != MANIFEST}
                               | {"generation_manifest.csv", "notes.txt.partial"})


@pytest.mark.parametrize("fails_at", range(len(SET_TABLES)))
def test_publish_stopped_at_any_rename_leaves_no_manifest(tmp_path, monkeypatch, fails_at):
    start_set(tmp_path, SET_TABLES, MANIFEST, "parquet", FORMATS)
    for table in SET_TABLES:
        (tmp_path / f"{table}.parquet.partial").write_text("new")
    renames = []
    replace = Path.replace

    def failing(self, target):
        if len(renames) == fails_at:
            raise OSError(28, "No space left on device")
        renames.append(self.name)
        return replace(self, target)

    monkeypatch.setattr(Path, "replace", failing)
    with pytest.raises(OSError):
        publish(tmp_path, SET_TABLES, MANIFEST, "parquet")
    assert "generation_manifest.parquet" not in names(tmp_path)


def test_publish_renames_the_manifest_last(tmp_path, monkeypatch):
    for table in SET_TABLES:
        (tmp_path / f"{table}.parquet.partial").write_text("new")
    renames = []
    replace = Path.replace
    monkeypatch.setattr(Path, "replace",
                        lambda self, target: (renames.append(self.name), replace(self, target)))
    publish(tmp_path, SET_TABLES, MANIFEST, "parquet")
    assert renames[-1] == "generation_manifest.parquet.partial"
    assert names(tmp_path) == {f"{t}.parquet" for t in SET_TABLES}


def test_a_failed_run_leaves_neither_partial_files_nor_a_manifest(tmp_path, monkeypatch):
    """A run that fails after both processes opened files, into a folder that
    held a complete set."""
    generate(GeneratorConfig(scale=0.002, seed=1, out=tmp_path))

    def broken(*args, **kwargs):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(generate_module.anomalies, "ledger", broken)
    with pytest.raises(OSError):
        generate(GeneratorConfig(scale=0.002, seed=2, out=tmp_path))
    assert not [n for n in names(tmp_path) if n.endswith(".partial")]
    assert "generation_manifest.parquet" not in names(tmp_path)
