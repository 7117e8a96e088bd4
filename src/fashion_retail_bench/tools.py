"""What the benchmark scripts share: the median timing of a repeated call, a
rival run as a script that writes its figures as JSON, and the command line of a
benchmark that measures at a scale and writes a Markdown result (``--scale``,
``--repeat``, ``--out``)."""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from fashion_retail.arguments import OneLineParser

T = TypeVar("T")


def timed(function: Callable[[], T], repeat: int) -> tuple[float, T]:
    """The median seconds of ``repeat`` calls, and the last call's result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def run_json(command: list[str], out: Path, timeout: float, cwd: Path,
             env: dict | None = None) -> dict:
    """Run a rival's script, which writes its figures to ``out`` as JSON: the
    figures with the seconds the process took (``process_s``), or
    ``{'error': ...}`` in one line when it failed or ran past ``timeout``."""
    start = time.perf_counter()
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                              cwd=cwd, env=env)
    except subprocess.TimeoutExpired:
        return {"error": f"stopped after {timeout:g} s"}
    if done.returncode != 0 or not out.exists():
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return {"error": f"exit {done.returncode}: {last}"}
    figures = json.loads(out.read_text())
    figures["process_s"] = time.perf_counter() - start
    return figures


def arguments(prog: str, description: str, out: Path,
              argv: list[str] | None) -> argparse.Namespace:
    """--scale (positive), --repeat (at least 1) and --out, with a one-line
    error for a bad value."""
    parser = OneLineParser(prog=prog, description=description)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=out)
    args = parser.parse_args(argv)
    if args.scale <= 0:
        parser.error("--scale must be positive")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    return args


def write(out: Path, text: str) -> None:
    """Write the result and print it."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text)
    print(text)
