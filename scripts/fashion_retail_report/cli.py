"""``python -m fashion_retail_report --database fashion_retail.duckdb --out target/report``."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from fashion_retail_report.report import ReportError, build

PROG = "fashion_retail_report"


class OneLineParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message}\n")


def main(argv: list[str] | None = None) -> int:
    parser = OneLineParser(prog=PROG, description="Write the data-quality and monitoring "
                           "report: one static HTML page, charts inline.")
    parser.add_argument("--database", type=Path,
                        default=Path(os.environ.get("FASHION_RETAIL_DUCKDB",
                                                    "fashion_retail.duckdb")),
                        help="the built warehouse (default: $FASHION_RETAIL_DUCKDB or "
                             "fashion_retail.duckdb)")
    parser.add_argument("--out", type=Path, default=Path("target/report"),
                        help="folder to write index.html into (default target/report)")
    args = parser.parse_args(argv)
    if args.out.exists() and not args.out.is_dir():
        parser.error(f"--out {args.out} exists and is not a folder")
    try:
        page, charts = build(args.database)
    except ReportError as exc:
        parser.exit(1, f"{PROG}: error: {exc}\n")
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / "index.html"
    path.write_text(page, encoding="utf-8")
    print(f"report: {path} ({len(charts)} charts; open it in a browser)")
    return 0
