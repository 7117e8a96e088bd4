"""The PII hashing key: secret by default, used, never written down, strong in
production; and the keyed macros give, under whatever key is in use, exactly
what Python's hmac and hashlib give."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fashion_retail.privacy import key_scan, key_store

from conftest import PROJECT

DBT = str(PROJECT / ".venv" / "bin" / "dbt") if (PROJECT / ".venv" / "bin" / "dbt").exists() \
    else "dbt"
FORMER_DEVELOPMENT_KEY = "fashion-retail-development-key-not-secret"

# (record key, value): what the keyed macros are checked on
EXAMPLES = [(1, "John.Doe@Gmail.com"), (2, " john.doe@gmail.com "), (3, "Alice"),
            (4, "5551234567"), (5, "+15551234567"), (6, "9999999999"), (7, "0000000000"),
            (8, "555123456"), (9, "José Müller")]
EXAMPLES_SQL = "select * from (values " + ", ".join(
    f"({record}, '{value}')" for record, value in EXAMPLES) + ") as examples (k, v)"


def dbt(tmp_path: Path, *args: str, target_path: Path | None = None,
        **env: str) -> subprocess.CompletedProcess:
    """dbt with no PII_SALT unless given, and a config folder of its own (the
    key file, when one is created, is tmp_path/config/fashion_retail/pii_key)."""
    environment = {k: v for k, v in os.environ.items() if k != "PII_SALT"}
    environment.update(DBT_PROFILES_DIR=str(PROJECT),
                       XDG_CONFIG_HOME=str(tmp_path / "config"),
                       FASHION_RETAIL_DUCKDB=str(tmp_path / "dev.duckdb"),
                       FASHION_RETAIL_PROD_DUCKDB=str(tmp_path / "prod.duckdb"), **env)
    return subprocess.run(
        [DBT, *args, "--target-path", str(target_path or tmp_path / "target"),
         "--log-path", str(tmp_path / "logs")],
        cwd=PROJECT, env=environment, capture_output=True, text=True, timeout=300)


def python_hash(key: str, value: str) -> str:
    return hmac.new(key.encode(), value.strip().lower().encode(), hashlib.sha256).hexdigest()


def python_phone_noise(key: str, value: str, record: int) -> str | None:
    """add_phone_noise as its documentation says, from Python's hmac and MD5."""
    prefix, digits = ("+1", value[2:]) if value.startswith("+1") else ("", value)
    if len(digits) != 10 or not digits.isdigit():
        return None
    secret = hmac.new(key.encode(), b"fashion_retail/phone-noise",
                      hashlib.sha256).hexdigest()[:32]
    digest = hashlib.md5(f"{secret}|{record}".encode()).digest()
    noise = 10000 + (int.from_bytes(digest, "little") >> 80) % 90000
    return prefix + str((int(digits) + noise) % 10**10).zfill(10)


def shown_rows(result: subprocess.CompletedProcess) -> list[dict]:
    """The rows of `dbt show --output json` (its JSON object ends the output)."""
    output = result.stdout
    return json.loads(output[output.index('{\n  "show"'):])["show"]


def keyed_values(tmp_path: Path, target_path: Path, **env: str) -> tuple[list[dict], str]:
    result = dbt(tmp_path, "show", "--output", "json", "--limit", "-1", "--inline",
                 "select k, v, {{ hash_pii('v') }} as h, {{ add_phone_noise('v', 'k') }} as n "
                 f"from ({EXAMPLES_SQL}) as examples order by k",
                 target_path=target_path, **env)
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    return shown_rows(result), result.stdout + result.stderr


def assert_values_under(key: str, rows: list[dict]) -> None:
    assert [row["k"] for row in rows] == [record for record, _ in EXAMPLES]
    for row in rows:
        assert row["h"] == python_hash(key, row["v"]), row
        assert row["n"] == python_phone_noise(key, row["v"], row["k"]), row
    assert sum(row["n"] is not None for row in rows) == 4


@pytest.fixture(scope="module")
def shared_target(tmp_path_factory) -> Path:
    """One target folder for the dev runs: dbt parses the project once."""
    return tmp_path_factory.mktemp("target")


def test_key_is_used_and_never_written(tmp_path, shared_target):
    key = "k-" + secrets.token_hex(16)
    result = dbt(tmp_path, "build", "--select", "+test_harness__anonymization_macros",
                 "--exclude", "test_type:unit", "test_type:data", PII_SALT=key)
    assert result.returncode == 0, result.stdout[-2000:]
    rows, shown = keyed_values(tmp_path, shared_target, PII_SALT=key)
    assert_values_under(key, rows)
    folders = [tmp_path / "target", tmp_path / "logs", shared_target]
    assert key_scan.files_written(folders)
    assert key_scan.files_holding(key, folders) == []
    assert key not in result.stdout + result.stderr + shown
    assert not (tmp_path / "config").exists()  # PII_SALT set: no key file


def test_without_a_key_a_private_key_is_created_once_and_kept(tmp_path, shared_target):
    first, first_output = keyed_values(tmp_path, shared_target)
    key_file = tmp_path / "config" / "fashion_retail" / "pii_key"
    assert f"created a random PII key in {key_file}" in first_output
    assert "Keep that file" in first_output
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(key_file.parent.stat().st_mode) == 0o700
    key = key_file.read_text().strip()
    assert key_store.weakness(key) is None and len(key) >= 40
    assert_values_under(key, first)
    assert first[0]["h"] != python_hash(FORMER_DEVELOPMENT_KEY, first[0]["v"])
    # the next build uses the same key, and says nothing more about it
    again, again_output = keyed_values(tmp_path, shared_target)
    assert again == first
    assert "PII key" not in again_output
    assert key_scan.files_holding(key, [tmp_path / "logs", shared_target]) == []


def test_builds_starting_together_create_one_key(tmp_path):
    """Eight processes resolve the key at the same instant from an empty config
    folder: one creates the file, all use its key."""
    start = time.time() + 2
    code = ("import time, sys; from fashion_retail.privacy import key_store; "
            f"time.sleep(max(0, {start} - time.time())); "
            "print(key_store.resolve().key)")
    environment = {k: v for k, v in os.environ.items() if k != "PII_SALT"}
    environment.update(XDG_CONFIG_HOME=str(tmp_path))
    processes = [subprocess.Popen([sys.executable, "-c", code], env=environment,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for _ in range(8)]
    outputs = [process.communicate(timeout=60) for process in processes]
    assert all(process.returncode == 0 for process in processes), outputs
    keys = {stdout.strip() for stdout, _ in outputs}
    assert len(keys) == 1
    assert sum("created a random PII key" in stderr for _, stderr in outputs) == 1
    assert (tmp_path / "fashion_retail" / "pii_key").read_text().strip() == keys.pop()
    assert sorted(p.name for p in (tmp_path / "fashion_retail").iterdir()) == ["pii_key"]


def test_an_existing_key_file_is_used_as_it_is(tmp_path):
    environ = {"XDG_CONFIG_HOME": str(tmp_path)}
    key_file = key_store.key_file_path(environ)
    key_file.parent.mkdir(parents=True)
    key_file.write_text("my own key, kept in a vault\n")
    key_file.chmod(0o600)
    resolved = key_store.resolve(environ=environ, announce=False)
    assert (resolved.key, resolved.source, resolved.created) == \
        ("my own key, kept in a vault", str(key_file), False)
    key_file.write_text("\n")
    with pytest.raises(key_store.PiiKeyError, match="is empty"):
        key_store.resolve(environ=environ, announce=False)


def test_the_key_file_follows_xdg_config_home(tmp_path):
    assert key_store.key_file_path({"XDG_CONFIG_HOME": str(tmp_path)}) == \
        tmp_path / "fashion_retail" / "pii_key"
    # a relative XDG_CONFIG_HOME is ignored, as the XDG spec says
    assert key_store.key_file_path({"XDG_CONFIG_HOME": "relative"}) == \
        Path.home() / ".config" / "fashion_retail" / "pii_key"


def test_an_unwritable_config_folder_is_one_clear_error(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    with pytest.raises(key_store.PiiKeyError, match="cannot create the PII key file"):
        key_store.resolve(environ={"XDG_CONFIG_HOME": str(blocker)}, announce=False)


@pytest.mark.parametrize("key, reason", [
    (None, "is not set"),
    ("", "is not set"),
    (" " * 16, "empty or only whitespace"),
    ("\t \n" * 8, "empty or only whitespace"),
    (FORMER_DEVELOPMENT_KEY, "former development key"),
    ("Zq8#rT1!wLp", "shorter than 16"),
    ("     Zq8#rT1!wLp     ", "shorter than 16"),
    ("x" * 40, "fewer than 8 different"),
    ("ab" * 20, "fewer than 8 different"),
    ("Zq8#rT1!" * 4, "repeats a pattern of 8"),
    ("abcdefghijklmnopqrstuvwxyz", "run of consecutive"),
    ("0123456789abcdef", "run of consecutive"),
    ("our-production-secret-2024", "placeholder 'secret'"),
    ("Password123456789!", "placeholder 'password'"),
    ("Zq8#rT1!wLp'Kd0vX3", "single quote"),
])
def test_production_refuses_missing_and_weak_keys(key, reason):
    environ = {} if key is None else {"PII_SALT": key}
    with pytest.raises(key_store.PiiKeyError, match=reason) as refused:
        key_store.resolve(require_key=True, environ=environ)
    assert "\n" not in str(refused.value)


def test_production_accepts_a_random_key_and_only_from_pii_salt(tmp_path):
    for _ in range(200):
        key = secrets.token_urlsafe(24)
        assert key_store.weakness(key) is None, key
        assert key_store.resolve(require_key=True, environ={"PII_SALT": key}).key == key
    # a key file is no production key
    environ = {"XDG_CONFIG_HOME": str(tmp_path)}
    key_store.resolve(environ=environ, announce=False)
    with pytest.raises(key_store.PiiKeyError, match="is not set"):
        key_store.resolve(require_key=True, environ=environ)


def test_prod_target_refuses_with_one_line(tmp_path):
    missing = dbt(tmp_path, "build", "--target", "prod", "--select", "dim_dates")
    assert missing.returncode != 0
    assert "PII_SALT is not set: this target hashes PII only with a secret key" \
        in missing.stdout + missing.stderr
    spaces = dbt(tmp_path, "build", "--target", "prod", "--select", "dim_dates",
                 PII_SALT=" " * 16)
    assert spaces.returncode != 0
    lines = [line for line in (spaces.stdout + spaces.stderr).splitlines()
             if "PII_SALT is refused" in line]
    assert len(lines) == 1 and lines[0].strip().endswith(
        "print(secrets.token_urlsafe(32))')"), lines
    assert "empty or only whitespace" in lines[0]
    assert not (tmp_path / "config").exists()  # prod never creates a key file


def test_dev_warns_about_a_weak_key_and_uses_it(capsys):
    resolved = key_store.resolve(environ={"PII_SALT": "short"})
    assert resolved.key == "short"
    assert "PII_SALT is weak (it is shorter than 16 characters)" in capsys.readouterr().err


def test_command_line(tmp_path):
    environment = {k: v for k, v in os.environ.items() if k != "PII_SALT"}
    environment.update(XDG_CONFIG_HOME=str(tmp_path))

    def run(*args: str, **env: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "fashion_retail.privacy.key_store", *args],
                              env={**environment, **env}, capture_output=True, text=True)

    printed = run("--print-key")
    assert printed.returncode == 0
    assert printed.stdout.strip() == (tmp_path / "fashion_retail" / "pii_key").read_text().strip()
    assert run("--path").stdout.strip() == str(tmp_path / "fashion_retail" / "pii_key")
    assert run("--print-key", PII_SALT="given-key").stdout.strip() == "given-key"
    weak = run("--check-prod", PII_SALT=" " * 16)
    assert weak.returncode == 2 and len(weak.stderr.strip().splitlines()) == 1
    assert run("--check-prod", PII_SALT=secrets.token_urlsafe(32)).returncode == 0
    bad = run("--frobnicate")
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1


def test_key_scan_finds_the_key_as_text_or_hex(tmp_path):
    key = "k-" + secrets.token_hex(8)
    (tmp_path / "logs" / "deep").mkdir(parents=True)
    (tmp_path / "logs" / "deep" / "a.log").write_text(f"select '{key}'")
    (tmp_path / "logs" / "b.bin").write_bytes(b"x" + key.encode().hex().encode())
    (tmp_path / "logs" / "c.log").write_text("nothing here")
    found = key_scan.files_holding(key, [tmp_path / "logs", tmp_path / "missing"])
    assert sorted(p.name for p in found) == ["a.log", "b.bin"]
    assert len(key_scan.files_written([tmp_path / "logs"])) == 3
