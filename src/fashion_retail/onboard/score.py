"""An alignment scored against a dialect's truth file.

    python -m fashion_retail.onboard.score ALIGNMENT.yml DIALECT_FOLDER

Top-1: a source column is right when its target is the truth's canonical
column (or one of them, for a denormalized column that repeats another
table's). A folder without a truth file holds the generator's own tables
(us_pos): every column's truth is its own table and name.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from fashion_retail.arguments import OneLineParser
from fashion_retail.discover.score import truth_for


@dataclass
class Score:
    columns: int = 0
    right: int = 0
    wrong: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.right / self.columns if self.columns else 0.0


def truth(folder: Path) -> dict[tuple[str, str], tuple[str, ...]]:
    """(discovered table, column) -> its canonical columns, as discover's
    scoring reads the folder's truth (``discover.score.truth_for``)."""
    return {(table.name, column.name): column.canonical
            for table in truth_for(folder).tables.values()
            for column in table.columns.values()}


def score(predicted: dict[tuple[str, str], str | None],
          expected: dict[tuple[str, str], tuple[str, ...]]) -> Score:
    result = Score()
    for key, want in expected.items():
        got = predicted.get(key)
        result.columns += 1
        if got in want:
            result.right += 1
        else:
            result.wrong.append(f"{key[0]}.{key[1]}: {got} (truth {' or '.join(want)})")
    return result


def predictions(alignment) -> dict[tuple[str, str], str | None]:
    return {(t.table, m.column): m.target for t in alignment.tables for m in t.columns}


def main(argv: list[str] | None = None) -> int:
    from fashion_retail.onboard import alignment_file

    parser = OneLineParser(prog="python -m fashion_retail.onboard.score",
                           description="Score an alignment against a dialect's truth.")
    parser.add_argument("alignment", type=Path)
    parser.add_argument("folder", type=Path, help="the generated dialect folder")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    if not args.alignment.exists():
        parser.error(f"{args.alignment}: no such file")
    alignment = alignment_file.parse(alignment_file.read(args.alignment))
    result = score(predictions(alignment), truth(args.folder))
    print(f"{args.folder.name}: {result.right} of {result.columns} columns aligned right "
          f"({result.accuracy:.1%})")
    for line in result.wrong:
        print(f"  wrong: {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
