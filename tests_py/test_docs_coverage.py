"""The docs-coverage check finds undocumented models and columns."""

from __future__ import annotations

import json

from fashion_retail import docs_coverage


def manifest(description="A model.", columns=None):
    return {"nodes": {"model.fashion_retail.m": {
        "resource_type": "model", "package_name": "fashion_retail", "name": "m",
        "description": description,
        "columns": columns if columns is not None else {"a": {"description": "A."}},
    }}}


def catalog(*columns):
    return {"nodes": {"model.fashion_retail.m": {
        "columns": {c: {"index": i} for i, c in enumerate(columns)}}}}


def test_fully_documented_model_passes():
    assert docs_coverage.gaps(manifest(), catalog("a")) == []


def test_missing_model_description_is_reported():
    assert docs_coverage.gaps(manifest(description=" "), catalog("a")) == [
        "m: no model description"]


def test_built_column_missing_from_yaml_is_reported():
    assert docs_coverage.gaps(manifest(), catalog("a", "b")) == [
        "m.b: no column description"]


def test_cli_exit_codes(tmp_path, capsys):
    (tmp_path / "manifest.json").write_text(json.dumps(manifest()))
    (tmp_path / "catalog.json").write_text(json.dumps(catalog("a", "b")))
    assert docs_coverage.main([str(tmp_path)]) == 1
    assert "m.b: no column description" in capsys.readouterr().out
    (tmp_path / "catalog.json").write_text(json.dumps(catalog("a")))
    assert docs_coverage.main([str(tmp_path)]) == 0
    assert docs_coverage.main([str(tmp_path / "missing")]) == 2


def test_an_empty_placeholder_in_a_description_is_reported():
    columns = {"a": {"description": "Canonical spelling (canonicalize, domain )."}}
    assert docs_coverage.gaps(manifest(columns=columns), catalog("a")) == [
        "m.a: empty placeholder in the description: "
        "...spelling (canonicalize, domain )"]
    assert docs_coverage.gaps(manifest(description="A model ( )."), catalog("a")) == [
        "m: empty placeholder in the description: ...A model ( "]


def test_calls_and_filled_placeholders_are_not_placeholders():
    columns = {"a": {"description": "Like str.title(); unknown_key() (canonicalize, domain x)."}}
    assert docs_coverage.gaps(manifest(columns=columns), catalog("a")) == []
