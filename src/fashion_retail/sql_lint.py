"""sqlfluff, with a recursion limit deep enough for the cleansing macros' SQL
in its worker processes too.

    python -m fashion_retail.sql_lint lint --processes 2 models tests analyses

sqlfluff parses by recursive descent, about ten Python frames for each level of
nested expression, and a staging model that reads a timestamp and an amount
nests past Python's default limit of 1,000 frames. sqlfluff's own
``recursion_limit`` setting is applied in its main process only; its worker
processes are spawned, and a spawned process runs its parent's main module
again (as ``__mp_main__``): this module's top level sets the limit there too.
"""

from __future__ import annotations

import sys

RECURSION_LIMIT = 5_000
sys.setrecursionlimit(max(sys.getrecursionlimit(), RECURSION_LIMIT))

if __name__ == "__main__":
    from sqlfluff.cli.commands import cli

    sys.exit(cli())
