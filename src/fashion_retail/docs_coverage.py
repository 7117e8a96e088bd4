"""Fail when a model, or a column of a model, has no description, or one with
an empty placeholder: a blank before a closing or after an opening parenthesis,
or a comma before a closing one ("(canonicalize, domain )"), left where a
template filled in nothing.

Usage: python -m fashion_retail.docs_coverage TARGET_DIR

Reads TARGET_DIR/manifest.json (what is documented) and TARGET_DIR/catalog.json
(the columns the built relations really have, which `dbt docs generate` writes),
so a column added to a model's SQL but not to its YAML is caught too. Prints one
line per gap and exits 1 if there is any.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

#: what a template leaves where it filled in nothing: "( ", " )", ", )", "(,"
EMPTY_PLACEHOLDER = re.compile(r"\(\s|\s\)|,\s*\)|\(\s*,")


def _placeholder(description: str) -> str | None:
    """The text around an empty placeholder in a description, or None."""
    found = EMPTY_PLACEHOLDER.search(description)
    return None if found is None else description[max(found.start() - 30, 0):found.end()]


def gaps(manifest: dict, catalog: dict, package: str = "fashion_retail") -> list[str]:
    out = []
    for node_id, node in sorted(manifest["nodes"].items()):
        if node["resource_type"] != "model" or node["package_name"] != package:
            continue
        if not (node.get("description") or "").strip():
            out.append(f"{node['name']}: no model description")
        elif (empty := _placeholder(node["description"])) is not None:
            out.append(f"{node['name']}: empty placeholder in the description: ...{empty}")
        documented = {name.lower(): (col.get("description") or "").strip()
                      for name, col in node.get("columns", {}).items()}
        built = catalog.get("nodes", {}).get(node_id, {}).get("columns", {})
        for column in sorted(built, key=lambda c: built[c].get("index", 0)):
            if not documented.get(column.lower()):
                out.append(f"{node['name']}.{column}: no column description")
            elif (empty := _placeholder(documented[column.lower()])) is not None:
                out.append(f"{node['name']}.{column}: empty placeholder in the description: "
                           f"...{empty}")
    return out


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m fashion_retail.docs_coverage TARGET_DIR", file=sys.stderr)
        return 2
    target = Path(args[0])
    try:
        manifest = json.loads((target / "manifest.json").read_text())
        catalog = json.loads((target / "catalog.json").read_text())
    except (OSError, ValueError) as exc:
        print(f"fashion_retail.docs_coverage: cannot read {target}: {exc}", file=sys.stderr)
        return 2
    missing = gaps(manifest, catalog)
    for line in missing:
        print(line)
    models = sum(1 for n in manifest["nodes"].values() if n["resource_type"] == "model")
    print(f"docs coverage: {models} models checked, {len(missing)} gaps")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
