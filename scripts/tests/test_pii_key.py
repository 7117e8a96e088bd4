"""The PII hashing key: used, never written down, and required in production."""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import subprocess
from pathlib import Path

from fashion_retail_dbt import key_scan

from conftest import PROJECT

DBT = str(PROJECT / ".venv" / "bin" / "dbt") if (PROJECT / ".venv" / "bin" / "dbt").exists() \
    else "dbt"


def dbt(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k != "PII_SALT"}
    environment.update(DBT_PROFILES_DIR=str(PROJECT / "profiles"),
                       FASHION_RETAIL_DUCKDB=str(tmp_path / "dev.duckdb"),
                       FASHION_RETAIL_PROD_DUCKDB=str(tmp_path / "prod.duckdb"), **env)
    return subprocess.run(
        [DBT, *args, "--target-path", str(tmp_path / "target"),
         "--log-path", str(tmp_path / "logs")],
        cwd=PROJECT, env=environment, capture_output=True, text=True, timeout=300)


def test_key_is_used_and_never_written(tmp_path):
    key = "k-" + secrets.token_hex(16)
    result = dbt(tmp_path, "build", "--select", "+test_harness__anonymization_macros",
                 "--exclude", "test_type:unit", "test_type:data", PII_SALT=key)
    assert result.returncode == 0, result.stdout[-2000:]
    shown = dbt(tmp_path, "show", "--output", "json", "--inline",
                "select {{ hash_pii(\"'Alice'\") }} as h", PII_SALT=key)
    expected = hmac.new(key.encode(), b"alice", hashlib.sha256).hexdigest()
    assert expected in shown.stdout
    folders = [tmp_path / "target", tmp_path / "logs"]
    assert key_scan.files_written(folders)
    assert key_scan.files_holding(key, folders) == []
    assert key not in result.stdout + result.stderr + shown.stdout + shown.stderr


def test_prod_refuses_to_run_without_a_key(tmp_path):
    refused = dbt(tmp_path, "build", "--target", "prod", "--select", "dim_dates")
    assert refused.returncode != 0
    assert "PII_SALT is not set" in refused.stdout + refused.stderr


def test_dev_warns_when_it_uses_the_development_key(tmp_path):
    result = dbt(tmp_path, "show", "--inline", "select {{ hash_pii(\"'Alice'\") }} as h")
    assert result.returncode == 0, result.stdout[-2000:]
    assert "PII_SALT is not set" in result.stderr + result.stdout


def test_key_scan_finds_the_key_as_text_or_hex(tmp_path):
    key = "k-" + secrets.token_hex(8)
    (tmp_path / "logs" / "deep").mkdir(parents=True)
    (tmp_path / "logs" / "deep" / "a.log").write_text(f"select '{key}'")
    (tmp_path / "logs" / "b.bin").write_bytes(b"x" + key.encode().hex().encode())
    (tmp_path / "logs" / "c.log").write_text("nothing here")
    found = key_scan.files_holding(key, [tmp_path / "logs", tmp_path / "missing"])
    assert sorted(p.name for p in found) == ["a.log", "b.bin"]
    assert len(key_scan.files_written([tmp_path / "logs"])) == 3
