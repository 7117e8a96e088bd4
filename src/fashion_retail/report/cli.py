"""`fashion-retail report`: the data-quality and monitoring page of a built warehouse."""

from __future__ import annotations

import os
from pathlib import Path

from fashion_retail.arguments import OneLineParser
from fashion_retail.report.report import ReportError, build

PROG = "fashion-retail report"


def main(argv: list[str] | None = None, prog: str = PROG) -> int:
    parser = OneLineParser(prog=prog, description="Write the data-quality and monitoring "
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
        parser.exit(1, f"{parser.prog}: error: {exc}\n")
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / "index.html"
    path.write_text(page, encoding="utf-8")
    print(f"report: {path} ({len(charts)} charts; open it in a browser)")
    return 0
