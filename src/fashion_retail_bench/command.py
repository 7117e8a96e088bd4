"""``fashion-retail bench``: the benchmarks, registered as a subcommand through
the ``fashion_retail.commands`` entry point (the product does not import them).

``fashion-retail bench`` runs every benchmark against its baseline and writes
the summary (``make bench``); ``fashion-retail bench generate|anonymize|
synthesize|staging|discover|onboard`` runs one of them (staging compares the
staging models with a baseline revision's, ``--baseline``; discover needs the
bench virtualenv, ``make venv-bench``; onboard the valentine virtualenv, ``make
venv-valentine``).
"""

from __future__ import annotations

import importlib

from fashion_retail.arguments import OneLineParser

HELP = "every benchmark against a baseline measured in the same run (or one of them)"

ONE = {
    "generate": "fashion_retail_bench.generate",
    "anonymize": "fashion_retail_bench.anonymize",
    "synthesize": "fashion_retail_bench.synthesize",
    "staging": "fashion_retail_bench.staging",
    "discover": "fashion_retail_bench.discover",
    "onboard": "fashion_retail_bench.onboard",
}


def main(argv: list[str], prog: str = "fashion-retail bench") -> int:
    if argv and argv[0] in ONE:
        module = importlib.import_module(ONE[argv[0]])
        return module.main(argv[1:], prog=f"{prog} {argv[0]}")
    if argv and not argv[0].startswith("-"):
        parser = OneLineParser(prog=prog)
        parser.error(f"no benchmark {argv[0]!r}: choose from {', '.join(ONE)}, "
                     "or none for all of them")
    from fashion_retail_bench import suite

    return suite.main(argv, prog=prog)

