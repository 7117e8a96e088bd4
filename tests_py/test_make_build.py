"""`make build` publishes the privacy database only when dbt build passed.

The recipe builds the privacy database under another name and moves it over
the published one afterwards; when dbt build fails, the published file must be
left exactly as it was, and the failure said in one line. Run with the raw
layer taken as loaded (`-o raw`) and, as dbt, a build that fails half-way: it
writes to the privacy database the profile names (FASHION_RETAIL_PRIVACY_DUCKDB,
by default fashion_retail_privacy.duckdb), then exits with an error.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

from conftest import PROJECT


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_failed_build_leaves_the_published_privacy_database(tmp_path):
    published = tmp_path / "fashion_retail_privacy.duckdb"
    published.write_bytes(b"the last published privacy database")
    failing_build = tmp_path / "dbt"
    failing_build.write_text('#!/bin/sh\nprintf "half of a build" >'
                             ' "${FASHION_RETAIL_PRIVACY_DUCKDB:-fashion_retail_privacy.duckdb}"\n'
                             "exit 1\n")
    failing_build.chmod(0o755)
    venv = PROJECT / ".venv"
    result = subprocess.run(
        ["make", "-f", str(PROJECT / "Makefile"), "-o", f"{venv}/bin/.installed", "-o", "raw",
         "build", f"DBT={failing_build}", f"VENV={venv}"],
        cwd=tmp_path, capture_output=True, text=True, check=False,
        env={"PATH": "/usr/bin:/bin"})
    assert result.returncode != 0
    assert published.read_bytes() == b"the last published privacy database"
    assert ("dbt build failed: the privacy database fashion_retail_privacy.duckdb"
            " was left as it was") in result.stdout
