"""Where a secret was written down: the files under some folders that hold it,
as text or hex-encoded. The PII key tests (DuckDB's and Spark's) use it on the
target/ and logs/ folders of a build."""

from __future__ import annotations

from pathlib import Path


def files_written(roots: list[Path]) -> list[Path]:
    """Every file under the folders (those that exist)."""
    return [path for root in roots if root.exists() for path in root.rglob("*")
            if path.is_file()]


def files_holding(secret: str, roots: list[Path]) -> list[Path]:
    """The files under the folders whose bytes contain the secret, as UTF-8
    text or as its hex encoding."""
    forms = (secret.encode(), secret.encode().hex().encode())
    return [path for path in files_written(roots)
            if any(form in path.read_bytes() for form in forms)]
