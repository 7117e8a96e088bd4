"""A file rendered from code (a generated macro or YAML): write it, or, with
--check, say it is stale and fail. One place for the maintainer tools' rule."""

from __future__ import annotations

import sys
from collections.abc import Callable
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


def render_command(argv: list[str] | None, module: str, description: str, output: Path,
                   render: Callable[[], str], project: Path) -> int:
    """The command line of a module that renders one file: ``python -m
    <module> [--check] [--project-dir DIR]`` writes ``output`` (relative to
    the project) from ``render()``, or with --check fails when it is stale."""
    from fashion_retail.arguments import OneLineParser

    parser = OneLineParser(prog=f"python -m {module}", description=description)
    parser.add_argument("--check", action="store_true",
                        help="exit 1 when the committed file is out of date")
    parser.add_argument("--project-dir", type=Path, default=project)
    args = parser.parse_args(argv)
    status = write_or_check(args.project_dir / output, render(), args.check,
                            f"python -m {module}", output)
    if not args.check:
        print(f"wrote {output}")
    return status
