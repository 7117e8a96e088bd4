"""Spark: the PII key reaches the session (hash_pii gives Python's HMAC-SHA256)
and is written nowhere under target/ or logs/; without PII_SALT Spark refuses
to run (it cannot read the key file the DuckDB plugin creates, and there is no
public fallback key). Run by `make test-spark` in the Spark virtualenv, against
a throwaway local session, after make build-spark."""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import subprocess
import sys
from pathlib import Path

from fashion_retail.privacy import key_scan, key_store

PROJECT = Path(__file__).resolve().parents[1]
DBT = str(Path(sys.executable).with_name("dbt"))


def run_operation(tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k != "PII_SALT"}
    environment.update(DBT_PROFILES_DIR=str(PROJECT),
                       FASHION_RETAIL_SPARK_DIR=str(tmp_path / "spark"), **env)
    return subprocess.run(
        [DBT, "run-operation", "pii_key_fingerprint", "--target", "spark",
         "--target-path", str(tmp_path / "target"), "--log-path", str(tmp_path / "logs")],
        cwd=PROJECT, env=environment, capture_output=True, text=True, timeout=600)


def fingerprint(key: bytes) -> str:
    return hmac.new(key, b"fashion_retail", hashlib.sha256).hexdigest()


def test_key_is_used_and_never_written(tmp_path):
    key = "k-" + secrets.token_hex(16)
    result = run_operation(tmp_path, PII_SALT=key)
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    assert f"pii key fingerprint: {fingerprint(key.encode())}" in result.stdout
    assert "PII_SALT is not set" not in result.stdout + result.stderr
    folders = [tmp_path / "target", tmp_path / "logs", tmp_path / "spark"]
    assert key_scan.files_written(folders)
    assert key_scan.files_holding(key, folders) == []
    assert key not in result.stdout + result.stderr


def test_without_a_key_spark_refuses_with_one_line(tmp_path):
    result = run_operation(tmp_path)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    lines = [line for line in output.splitlines() if "PII_SALT is not set" in line]
    assert len(lines) == 1, output[-3000:]
    assert "fashion_retail.privacy.key_store --print-key" in lines[0]
    development = b"fashion-retail-development-key-not-secret"
    assert fingerprint(development) not in output


def test_the_make_targets_wrote_no_key():
    """make build-spark and test-spark give both engines the key DuckDB resolves
    (PII_SALT, or the user's key file) through the environment: it is in no file
    they wrote."""
    key = key_store.resolve(announce=False).key
    folders = [PROJECT / "target" / "spark", PROJECT / "logs"]
    assert key_scan.files_written(folders)
    assert key_scan.files_holding(key, folders) == []
