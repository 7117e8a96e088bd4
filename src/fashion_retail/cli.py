"""The ``fashion-retail`` command: one entry point, one subcommand per capability.

``fashion-retail COMMAND --help`` gives each command's own options. The
product's commands are listed here; other packages add theirs through the
``fashion_retail.commands`` entry-point group (the benchmarks do), so the
product never imports them. A command is a module with ``HELP`` (one line) and
``main(argv, prog) -> int``; it is imported only when it runs or when
``--help`` lists it.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import entry_points

from fashion_retail import __version__
from fashion_retail.arguments import OneLineParser

PROG = "fashion-retail"
GROUP = "fashion_retail.commands"


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    load: Callable[[], object]


def _module(name: str) -> Callable[[], object]:
    return lambda: importlib.import_module(name)


BUILT_IN = [
    Command("generate", "generate the raw tables (dirty on purpose), their defect and "
            "incident ledgers and a manifest", _module("fashion_retail.gen.cli")),
    Command("report", "write the data-quality and monitoring page of a built warehouse",
            _module("fashion_retail.report.cli")),
    Command("discover", "profile any source: column types, keys, hidden entities and PII",
            _module("fashion_retail.discover.run")),
    Command("onboard", "align a discovered source with the canonical schema and generate "
            "its dbt models; --load loads it", _module("fashion_retail.onboard.run")),
    Command("attack", "attack the privacy database; exit 1 when anyone is singled out",
            _module("fashion_retail.privacy.attacks")),
]


def commands() -> dict[str, Command]:
    """The built-in commands, then those other installed packages register."""
    found = {command.name: command for command in BUILT_IN}
    for entry in sorted(entry_points(group=GROUP), key=lambda e: e.name):
        if entry.name not in found:
            module = entry.load()
            found[entry.name] = Command(entry.name, module.HELP, lambda m=module: m)
    return found


def main(argv: list[str] | None = None) -> int:
    available = commands()
    width = max(len(name) for name in available)
    listing = "\n".join(f"  {name:<{width}}  {command.help}"
                        for name, command in available.items())
    parser = OneLineParser(
        prog=PROG, formatter_class=argparse.RawDescriptionHelpFormatter,
        description="A fashion retailer's data: generated, cleansed, modelled, anonymized, "
                    "synthesized and monitored by a dbt project.",
        epilog=f"commands:\n{listing}\n\n`{PROG} COMMAND --help` describes a command.")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument("command", metavar="COMMAND", choices=sorted(available),
                        help="one of: " + ", ".join(available))
    parser.add_argument("arguments", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    module = available[args.command].load()
    return module.main(args.arguments, prog=f"{PROG} {args.command}")
