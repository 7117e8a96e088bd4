"""The raw tables and the defect classes are declared once, in
src/fashion_retail/gen/schema.py; every other list is rendered from it (make
yaml) or read from it, and these tests fail when one disagrees."""

from __future__ import annotations

import re
import shutil

import yaml

from fashion_retail.gen import dbt_yaml, defects, sales_worker, schema

from conftest import PROJECT

GENERATED = {dbt_yaml.SOURCES_PATH, dbt_yaml.SEEDS_PATH, dbt_yaml.DEFECT_CLASSES_PATH,
             dbt_yaml.RAW_TABLES_MACRO_PATH, dbt_yaml.RAW_TABLE_KEYS_MACRO_PATH}
# staging columns named differently from their raw column
RENAMED = {("customers", "marketing_opt_in"): "is_marketing_opt_in"}


def test_check_fails_on_each_stale_rendered_file(tmp_path):
    """--check passes on a current copy and names each file that drifts."""
    for rel in GENERATED:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(PROJECT / rel, tmp_path / rel)
    assert dbt_yaml.main(["--check", "--project-dir", str(tmp_path)]) == 0
    for rel in sorted(GENERATED):
        original = (tmp_path / rel).read_text()
        (tmp_path / rel).write_text(original.replace("_", "-", 1))
        assert dbt_yaml.main(["--check", "--project-dir", str(tmp_path)]) == 1, rel
        (tmp_path / rel).write_text(original)


def quoted_table_lists(text: str) -> list[str]:
    """Runs of four or more business table names written as quoted strings
    one after another: a hand-kept list of the raw tables."""
    names = "|".join(schema.BUSINESS_TABLES)
    item = rf"""['"](?:{names})['"]"""
    return [m.group(0) for m in re.finditer(rf"{item}(?:\s*[,:]\s*{item}){{3,}}", text)]


def test_no_hand_kept_list_of_the_raw_tables():
    found = []
    for folder in ("models", "macros", "tests", "analyses", "src"):
        for path in sorted((PROJECT / folder).rglob("*")):
            rel = path.relative_to(PROJECT)
            if path.suffix in {".sql", ".yml", ".py"} and rel not in GENERATED:
                found += [f"{rel}: {hit}" for hit in quoted_table_lists(path.read_text())]
    assert found == []


def test_the_list_check_sees_a_list():
    assert quoted_table_lists("{% set t = ['stores', 'sellers', 'products',\n 'orders'] %}")
    assert not quoted_table_lists("['stores', 'sellers', 'products']")


def test_the_rendered_macro_lists_the_schema_tables_in_load_order():
    text = (PROJECT / dbt_yaml.RAW_TABLES_MACRO_PATH).read_text()
    business = text.split("set business = ")[1].split("-%}")[0]
    assert re.findall(r"'([a-z_]+)'", business) == [*schema.BUSINESS_TABLES]
    assert [t.name for t in schema.RAW_TABLES[:len(schema.BUSINESS_TABLES)]] == [
        *schema.BUSINESS_TABLES]


def test_the_injector_implements_every_declared_cell_class():
    assert set(defects.CLASSES) == set(schema.CELL_CLASSES)
    used = {cls for kind in schema.KINDS.values() for cls in kind}
    assert used <= set(schema.CELL_CLASSES)
    rows = {cls for table in schema.TABLES.values() for cls in table.row_defects}
    assert rows <= set(schema.ROW_CLASSES)


def test_the_defect_classes_partition():
    classes = [*schema.CELL_CLASSES, *schema.ROW_CLASSES, *schema.INCIDENT_CLASSES]
    assert sorted(classes) == sorted(schema.DEFECT_CLASSES)
    assert all(c.handling.strip() and c.origin in {"cell", "row", "incident"}
               for c in schema.DEFECT_CLASSES.values())


def test_the_sales_worker_writes_the_streamed_tables():
    assert sales_worker.TABLES == schema.STREAMED_TABLES == (
        "order_lines", "inventory_snapshots")


def test_staging_descriptions_start_with_the_raw_columns():
    """_raw__models.yml is kept by hand; what it says of a raw column must be
    what schema.py says, then what staging does."""
    models = {m["name"]: m for m in yaml.safe_load(
        (PROJECT / "models/staging/raw/_raw__models.yml").read_text())["models"]}
    wrong = []
    for table in (schema.TABLES[name] for name in schema.BUSINESS_TABLES):
        model = models[f"stg_raw__{table.name}"]
        described = {c["name"]: c.get("description", "") for c in model["columns"]}
        for column in table.columns:
            if (table.name, column.name) in RENAMED:
                continue
            text = described.get(column.name)
            if text is None or not text.startswith(column.description.rstrip(".")):
                wrong.append(f"{table.name}.{column.name}: {text!r}")
    assert wrong == []
