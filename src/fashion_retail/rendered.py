"""A file rendered from code (a generated macro or YAML): write it, or, with
--check, say it is stale and fail. One place for the maintainer tools' rule."""

from __future__ import annotations

import sys
from pathlib import Path


def write_or_check(path: Path, text: str, check: bool, command: str,
                   shown: Path | str | None = None) -> int:
    """Write ``text`` to ``path`` and return 0; with ``check``, write nothing
    and return 1 (naming ``command`` to run) when the file differs."""
    if not check:
        path.write_text(text, encoding="utf-8")
        return 0
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return 0
    print(f"{shown or path} is out of date: run {command}", file=sys.stderr)
    return 1
