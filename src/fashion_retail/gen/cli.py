"""`fashion-retail generate`: the raw tables, ledgers and manifest into a folder."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from fashion_retail import __version__
from fashion_retail.arguments import OneLineParser
from fashion_retail.gen import dialects
from fashion_retail.gen.config import FORMATS, ConfigError, GeneratorConfig

PROG = "fashion-retail generate"


def _number(flag: str, kind):
    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"must be {'an integer' if kind is int else 'a number'}, got {text!r}"
            ) from None
        return value
    return parse


def _date(flag: str):
    def parse(text: str) -> dt.date:
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"must be a date like 2025-12-31, got {text!r}") from None
    return parse


def _folder(text: str) -> Path:
    # Path("") is the current directory: an empty --out (an unset variable in a
    # script, say) would fill it with raw files
    if not text.strip():
        raise argparse.ArgumentTypeError(f"must name a folder, got {text!r}")
    return Path(text)


def _reason(exc: OSError) -> str:
    """An OSError in a few words: the system's text for its errno (Arrow's
    messages wrap it in 'Error writing bytes to file. Detail: ...')."""
    if exc.errno:
        return os.strerror(exc.errno)
    return exc.strerror or str(exc)


def build_parser(prog: str = PROG) -> argparse.ArgumentParser:
    p = OneLineParser(
        prog=prog,
        description="Generate the fashion retailer's raw tables (clean truth passed "
                    "through a recorded defect injector), a defect ledger and a manifest.",
    )
    p.add_argument("--scale", type=_number("--scale", float), default=0.05,
                   help="1 = about 100k customers and 1M order lines (default 0.05)")
    p.add_argument("--seed", type=_number("--seed", int), default=42,
                   help="random seed; same seed and scale give byte-identical files")
    p.add_argument("--out", type=_folder, default=Path("data/raw"),
                   help="output folder (created if missing; default data/raw)")
    p.add_argument("--format", dest="fmt", choices=FORMATS, default="parquet",
                   help="file format (default parquet)")
    p.add_argument("--dialect", choices=dialects.NAMES, default=dialects.DEFAULT,
                   help="write the set as another system exports it, with a "
                        f"{dialects.TRUTH_FILE} (default {dialects.DEFAULT}: the raw tables)")
    p.add_argument("--defect-rate", type=_number("--defect-rate", float), default=1.0,
                   help="multiplier on every documented defect rate; 0 = clean truth")
    incidents = p.add_mutually_exclusive_group()
    incidents.add_argument("--anomalies", dest="anomalies", action="store_true", default=True,
                           help="inject incidents into the sales history, recorded in "
                                "anomaly_ledger (default)")
    incidents.add_argument("--no-anomalies", dest="anomalies", action="store_false",
                           help="a sales history without incidents")
    p.add_argument("--start-date", type=_date("--start-date"), default=dt.date(2023, 1, 1),
                   help="first day of the sales history (default 2023-01-01)")
    p.add_argument("--end-date", type=_date("--end-date"), default=dt.date(2025, 12, 31),
                   help="last day of the sales history (default 2025-12-31)")
    bar = p.add_mutually_exclusive_group()
    bar.add_argument("--progress", dest="progress", action="store_true", default=None,
                     help="show a progress bar (default: when stderr is a terminal)")
    bar.add_argument("--no-progress", dest="progress", action="store_false")
    p.add_argument("--quiet", action="store_true", help="print nothing on success")
    p.add_argument("--version", action="version", version=f"{prog} {__version__}")
    return p


def main(argv: list[str] | None = None, prog: str = PROG) -> int:
    parser = build_parser(prog)
    args = parser.parse_args(argv)
    if args.out.exists() and not args.out.is_dir():
        parser.error(f"--out {args.out} exists and is not a folder")
    progress = sys.stderr.isatty() if args.progress is None else args.progress
    try:
        cfg = GeneratorConfig(scale=args.scale, seed=args.seed, defect_rate=args.defect_rate,
                              anomalies=args.anomalies,
                              out=args.out, fmt=args.fmt, start_date=args.start_date,
                              end_date=args.end_date, progress=progress)
    except ConfigError as exc:
        parser.error(str(exc))
    # a failed run removes its '.partial' files and leaves the folder without a
    # manifest (see writer.start_set): nothing a loader would take
    unloadable = "no loadable set is left there until a run completes"
    try:
        from fashion_retail.gen.generate import generate

        if args.dialect == dialects.DEFAULT:
            result = generate(cfg)
        else:
            result = dialects.generate_dialect(cfg, args.dialect)
    except OSError as exc:
        parser.exit(1, f"{parser.prog}: error: cannot write to {args.out}: {_reason(exc)}; "
                       f"{unloadable}\n")
    except KeyboardInterrupt:
        parser.exit(130, f"{parser.prog}: interrupted; {unloadable} ({args.out})\n")
    if not args.quiet:
        width = max(len(t) for t in result.rows)
        for table, rows in result.rows.items():
            print(f"{table:<{width}}  {rows:>12,}")
        print(f"{'defect_ledger':<{width}}  {result.ledger_rows:>12,}")
        print(f"{'anomaly_ledger':<{width}}  {result.incidents:>12,}")
        rate = result.raw_rows / result.seconds if result.seconds else float("inf")
        files = getattr(result, "files", {})
        for name, rows in files.items():
            print(f"{args.dialect}/{name}  {rows:>12,}")
        print(f"{result.raw_rows:,} raw rows in {result.seconds:.2f} s "
              f"({rate:,.0f} rows/s) -> {os.fspath(result.out)} ({cfg.fmt})")
    return 0
