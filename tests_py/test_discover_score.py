"""The scoring of a discovery (fashion_retail.discover.score) on hand-built
discoveries: no discover run, no data; the truth files are the dialects' own
(``dialects.truth``) over empty files."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from fashion_retail.discover import score as sc
from fashion_retail.gen import dialects, schema


def _folder(tmp_path: Path, name: str) -> Path:
    """A folder with the dialect's (empty) files and its truth file; us_pos: the
    raw tables' files."""
    folder = tmp_path / name
    folder.mkdir()
    dialect = dialects.DIALECTS[name]
    if dialect is None:
        for table in schema.TABLES:
            (folder / f"{table}.csv").touch()
        (folder / "defect_ledger.csv").touch()
        return folder
    for file in dialect.files:
        (folder / file.name).touch()
    cfg = SimpleNamespace(seed=7, scale=0.01, defect_rate=1.0, fmt="csv")
    truth = dialects.truth(dialect, {f.name: 1 for f in dialect.files}, cfg)
    (folder / dialects.TRUTH_FILE).write_text(json.dumps(truth), encoding="utf-8")
    return folder


@pytest.fixture(params=["us_pos", "eu_erp", "marketplace_feed", "legacy_flat"])
def truth(request, tmp_path) -> sc.Truth:
    return sc.truth_for(_folder(tmp_path, request.param))


@pytest.fixture
def us_pos(tmp_path) -> sc.Truth:
    return sc.truth_for(_folder(tmp_path, "us_pos"))


@pytest.fixture
def legacy(tmp_path) -> sc.Truth:
    return sc.truth_for(_folder(tmp_path, "legacy_flat"))


def perfect(truth: sc.Truth) -> dict:
    """The discovery that says what the truth says."""
    tables = []
    entities = []
    for table in truth.tables.values():
        tables.append({
            "name": table.name, "source": table.name, "rows": 1,
            "primary_key": list(table.primary_keys[0]) if table.primary_keys else None,
            "access": "internal",
            "columns": [{"name": c.name, "physical_type": "VARCHAR",
                         "semantic_type": c.semantic_type, "confidence": 1.0,
                         "pii_class": c.pii_class, "privacy_operation": "none",
                         "format": {}, "null_rate": 0.0, "distinct": 1, "evidence": []}
                        for c in table.columns.values()]})
        if table.denormalized:
            groups: dict[str, list[str]] = {}
            for column in table.columns.values():
                groups.setdefault(column.canonical[0].split(".")[0], []).append(column.name)
            entities += [{"table": table.name, "entity": entity, "columns": columns}
                         for entity, columns in groups.items()]
    return {"version": 1, "tables": tables,
            "foreign_keys": [{"from_table": f.from_table, "from_columns": list(f.from_columns),
                              "to_table": f.to_table, "to_columns": list(f.to_columns),
                              "coverage": 1.0} for f in sorted(truth.foreign_keys)],
            "functional_dependencies": [], "entities": entities}


def _column(discovery: dict, table: str, column: str) -> dict:
    found = next(t for t in discovery["tables"] if t["name"] == table)
    return next(c for c in found["columns"] if c["name"] == column)


RATIOS = ("semantic_accuracy", "pii_precision", "pii_recall", "pii_f1",
          "direct_identifier_recall", "pii_class_agreement", "pk_precision", "pk_recall",
          "pk_f1", "fk_precision", "fk_recall", "fk_f1")


# ----------------------------------------------------------------- truth
@pytest.mark.parametrize(("canonical", "semantic_type", "pii_class"), [
    ("customers.email", "email", "direct_identifier"),
    ("customers.street_address", "street_address", "direct_identifier"),
    ("customers.state", "region", "quasi_identifier"),
    ("customers.date_of_birth", "birth_date", "quasi_identifier"),
    ("customers.gender", "gender", "quasi_identifier"),
    ("customers.marketing_opt_in", "boolean", "none"),
    ("employees.salary", "money", "sensitive"),
    ("employees.manager_id", "identifier", "none"),
    ("sellers.contact_phone", "phone", "direct_identifier"),
    ("sellers.company_name", "company", "none"),
    ("sellers.commission_rate", "percentage", "none"),
    ("products.sku", "product_code", "none"),
    ("products.list_price", "money", "none"),
    ("stores.city", "city", "none"),
    ("stores.size_sqm", "number", "none"),
    ("orders.notes", "free_text", "direct_identifier"),
    ("order_lines.quantity", "quantity", "none"),
    ("inventory_snapshots.snapshot_date", "date", "none"),
    ("inventory_snapshots.updated_at", "timestamp", "none"),
])
def test_expected_column(canonical, semantic_type, pii_class):
    expected = sc.expected_column(canonical)
    assert expected["semantic_type"] == semantic_type
    assert expected["pii_class"] == pii_class
    assert expected["accepted"][0] == semantic_type


def test_every_raw_column_has_a_truth_in_the_vocabulary():
    for name, table in schema.TABLES.items():
        for column in table.columns:
            expected = sc.expected_column(f"{name}.{column.name}")
            assert set(expected["accepted"]) <= set(sc.SEMANTIC_TYPES), column
            assert expected["pii_class"] in sc.PII_CLASSES
            # PII follows the schema's declaration, nothing else
            assert (expected["pii_class"] != "none") == (column.pii is not None), column
    assert set(sc.COLUMN_TYPES) <= {f"{t}.{c}" for t, s in schema.TABLES.items()
                                    for c in s.column_names}


def test_keys_and_references():
    assert sc.key_columns("customers") == ("customer_id", "updated_at")
    assert sc.key_columns("orders") == ("order_id",)
    edges = set(sc.canonical_foreign_keys())
    assert ("employees.manager_id", "employees.employee_id") in edges
    assert ("order_lines.order_id", "orders.order_id") in edges
    assert ("inventory_snapshots.store_id", "stores.store_id") in edges
    assert len(edges) == 10
    assert not any(source.startswith("stores.") for source, _ in edges)


def test_truth_of_each_dialect(tmp_path):
    us_pos = sc.truth_for(_folder(tmp_path, "us_pos"))
    assert set(us_pos.tables) == set(schema.TABLES)
    assert [p.name for p in us_pos.files if p.stem == "defect_ledger"] == []

    market = sc.truth_for(_folder(tmp_path, "marketplace_feed"))
    assert "orders.lines" in market.tables
    assert market.tables["orders.lines"].primary_keys == (("orderLineId",),)
    assert market.tables["staff"].primary_keys == (("employeeId", "updatedAt"),)
    assert sc.ForeignKey("orders.lines", ("orderId",), "orders", ("orderId",)) \
        in market.foreign_keys
    assert sc.ForeignKey("staff", ("managerId",), "staff", ("employeeId",)) \
        in market.foreign_keys
    assert market.tables["customers"].columns["customerId"].semantic_type == "identifier"

    eu = sc.truth_for(_folder(tmp_path, "eu_erp"))
    assert eu.tables["kunden"].columns["Telefon"].pii_class == "direct_identifier"
    assert len(eu.foreign_keys) == 10

    legacy = sc.truth_for(_folder(tmp_path, "legacy_flat"))
    flat = legacy.tables["sales_flat"]
    assert flat.primary_keys == (("LINE_ID",),)
    assert flat.denormalized
    assert flat.columns["CUST_NO"].tables == {"orders", "customers"}
    assert legacy.foreign_keys == frozenset()


def test_truth_of_a_folder_without_data(tmp_path):
    with pytest.raises(sc.ScoreError):
        sc.truth_for(tmp_path)


# ----------------------------------------------------------------- score
def test_perfect_discovery_scores_one(truth):
    figures = sc.score(perfect(truth), truth)
    for ratio in RATIOS:
        assert figures[ratio] == 1.0, ratio
    assert figures["secret_recall"] is None   # no secret in the raw tables
    assert figures["semantic_wrong"] == figures["pii_wrong"] == figures["pk_wrong"] == []
    assert figures["fk_missing"] == figures["fk_spurious"] == []
    assert figures["tables_found"] == figures["tables"]
    if truth.name == "legacy_flat":
        assert figures["entity_accuracy"] == 1.0
    else:
        assert figures["entity_accuracy"] is None


def test_one_wrong_type_costs_exactly_one_column(us_pos):
    discovery = perfect(us_pos)
    _column(discovery, "customers", "city")["semantic_type"] = "category"
    figures = sc.score(discovery, us_pos)
    columns = figures["columns"]
    assert figures["semantic_accuracy"] == pytest.approx((columns - 1) / columns)
    assert figures["semantic_wrong"] == [{"table": "customers", "column": "city",
                                          "expected": "city", "got": "category"}]
    assert figures["pii_f1"] == 1.0


def test_an_accepted_alternative_is_right(us_pos):
    discovery = perfect(us_pos)
    _column(discovery, "order_lines", "line_number")["semantic_type"] = "identifier"
    _column(discovery, "products", "brand")["semantic_type"] = "company"
    assert sc.score(discovery, us_pos)["semantic_accuracy"] == 1.0


def test_a_column_or_table_not_reported_is_wrong(us_pos):
    discovery = perfect(us_pos)
    stores = next(t for t in discovery["tables"] if t["name"] == "stores")
    stores["columns"] = [c for c in stores["columns"] if c["name"] != "region"]
    stores["columns"].append({"name": "extra", "semantic_type": "number", "pii_class": "none"})
    discovery["tables"] = [t for t in discovery["tables"] if t["name"] != "sellers"]
    discovery["tables"].append({"name": "defect_ledger", "columns": [], "primary_key": None})
    figures = sc.score(discovery, us_pos)
    sellers = len(schema.TABLES["sellers"].columns)
    assert figures["semantic_accuracy"] == pytest.approx(
        (figures["columns"] - 1 - sellers) / figures["columns"])
    assert figures["missing_tables"] == ["sellers"]
    assert figures["unscored_tables"] == ["defect_ledger"]
    assert figures["unscored_columns"] == ["stores.extra"]
    # the sellers' contacts were not found: their direct identifiers are missed
    assert figures["direct_identifier_recall"] < 1.0
    assert figures["pk_recall"] == pytest.approx(7 / 8)
    assert figures["pk_precision"] == 1.0


def test_pii_false_positive_lowers_precision(us_pos):
    discovery = perfect(us_pos)
    _column(discovery, "products", "brand")["pii_class"] = "quasi_identifier"
    figures = sc.score(discovery, us_pos)
    positives = sum(c.pii_class != "none" for t in us_pos.tables.values()
                    for c in t.columns.values())
    assert figures["pii_precision"] == pytest.approx(positives / (positives + 1))
    assert figures["pii_recall"] == 1.0
    assert figures["pii_class_agreement"] == pytest.approx(
        (figures["columns"] - 1) / figures["columns"])


def test_pii_missed_and_misclassed(us_pos):
    discovery = perfect(us_pos)
    _column(discovery, "customers", "email")["pii_class"] = "none"
    # a direct identifier called quasi is found, but the class disagrees
    _column(discovery, "employees", "phone")["pii_class"] = "quasi_identifier"
    figures = sc.score(discovery, us_pos)
    directs = sum(c.pii_class == "direct_identifier" for t in us_pos.tables.values()
                  for c in t.columns.values())
    assert figures["direct_identifier_recall"] == pytest.approx((directs - 1) / directs)
    assert figures["pii_precision"] == 1.0
    assert figures["pii_recall"] < 1.0
    assert figures["pii_class_agreement"] == pytest.approx(
        (figures["columns"] - 2) / figures["columns"])
    assert {w["column"] for w in figures["pii_wrong"]} == {"email", "phone"}


def test_a_wrong_primary_key(us_pos):
    discovery = perfect(us_pos)
    customers = next(t for t in discovery["tables"] if t["name"] == "customers")
    customers["primary_key"] = ["customer_id"]        # a versioned table: not unique
    orders = next(t for t in discovery["tables"] if t["name"] == "orders")
    orders["primary_key"] = None
    figures = sc.score(discovery, us_pos)
    assert figures["pk_precision"] == pytest.approx(6 / 7)
    assert figures["pk_recall"] == pytest.approx(6 / 8)
    assert {w["table"] for w in figures["pk_wrong"]} == {"customers", "orders"}
    # the order of a key's columns does not matter
    customers["primary_key"] = ["updated_at", "customer_id"]
    assert sc.score(discovery, us_pos)["pk_precision"] == 1.0


def test_a_spurious_foreign_key_lowers_precision(us_pos):
    discovery = perfect(us_pos)
    discovery["foreign_keys"].append({"from_table": "inventory_snapshots",
                                      "from_columns": ["product_id"],
                                      "to_table": "order_lines", "to_columns": ["product_id"],
                                      "coverage": 1.0})
    # an edge to a table the truth does not know is not scored
    discovery["foreign_keys"].append({"from_table": "defect_ledger",
                                      "from_columns": ["record_id"],
                                      "to_table": "orders", "to_columns": ["order_id"],
                                      "coverage": 1.0})
    figures = sc.score(discovery, us_pos)
    assert figures["fk_precision"] == pytest.approx(10 / 11)
    assert figures["fk_recall"] == 1.0
    assert figures["fk_spurious"] == [
        "inventory_snapshots(product_id) -> order_lines(product_id)"]


def test_a_missing_or_reversed_foreign_key(us_pos):
    discovery = perfect(us_pos)
    edge = next(f for f in discovery["foreign_keys"] if f["from_table"] == "orders"
                and f["from_columns"] == ["customer_id"])
    edge["from_table"], edge["to_table"] = edge["to_table"], edge["from_table"]
    figures = sc.score(discovery, us_pos)
    assert figures["fk_recall"] == pytest.approx(9 / 10)
    assert figures["fk_precision"] == pytest.approx(9 / 10)
    assert figures["fk_missing"] == ["orders(customer_id) -> customers(customer_id)"]


def test_composite_foreign_keys_match_in_any_column_order():
    edge = sc.ForeignKey("a", ("x", "y"), "b", ("p", "q"))
    assert sc.ForeignKey("a", ("y", "x"), "b", ("q", "p")).normalized() == edge.normalized()
    assert sc.ForeignKey("a", ("y", "x"), "b", ("p", "q")).normalized() != edge.normalized()


def test_no_foreign_keys_expected(legacy):
    discovery = perfect(legacy)
    assert sc.score(discovery, legacy)["fk_f1"] == 1.0
    discovery["foreign_keys"] = [{"from_table": "sales_flat", "from_columns": ["CLERK_NO"],
                                  "to_table": "sales_flat", "to_columns": ["LINE_ID"],
                                  "coverage": 0.9}]
    figures = sc.score(discovery, legacy)
    assert figures["fk_precision"] == 0.0
    assert figures["fk_f1"] == 0.0


def test_entities(legacy):
    discovery = perfect(legacy)
    columns = len(legacy.tables["sales_flat"].columns)
    # the line's own columns need no entity: unlisted, they stay with the table's grain
    discovery["entities"] = [e for e in discovery["entities"] if e["entity"] != "order_lines"]
    assert sc.score(discovery, legacy)["entity_accuracy"] == 1.0
    # an entity holding the customer's columns and the order's channel and date
    # stands for the customers: the order's two columns are wrong
    customer = next(e for e in discovery["entities"] if e["entity"] == "customers")
    orders = next(e for e in discovery["entities"] if e["entity"] == "orders")
    customer["entity"] = "e1"
    customer["columns"] += ["ORDER_DATE", "CHANNEL"]
    orders["columns"] = [c for c in orders["columns"] if c not in ("ORDER_DATE", "CHANNEL")]
    figures = sc.score(discovery, legacy)
    assert figures["entity_accuracy"] == pytest.approx((columns - 2) / columns)
    assert {w["column"] for w in figures["entity_wrong"]} == {"ORDER_DATE", "CHANNEL"}
    # no entities at all: everything stays with the order lines
    discovery["entities"] = []
    right = sum("order_lines" in c.tables for c in legacy.tables["sales_flat"].columns.values())
    assert sc.score(discovery, legacy)["entity_accuracy"] == pytest.approx(right / columns)
    # ids that repeat two tables' keys are right in either
    discovery["entities"] = [{"table": "sales_flat", "entity": "customer",
                              "columns": ["CUST_NO", "CUST_FIRST"]}]
    wrong = {w["column"] for w in sc.score(discovery, legacy)["entity_wrong"]}
    assert "CUST_NO" not in wrong and "CUST_FIRST" not in wrong


def test_markdown_and_details(us_pos):
    discovery = perfect(us_pos)
    _column(discovery, "customers", "city")["semantic_type"] = "category"
    figures = {**sc.score(discovery, us_pos), "seconds": 1.5}
    table = sc.markdown([("us_pos", figures)])
    header, rule, row = table.splitlines()
    assert header.count("|") == rule.count("|") == row.count("|")
    assert row.startswith("| us_pos | 94 | 0.989 |")
    assert "| – |" in row        # no secret to recall
    assert "type customers.city: expected city, got category" in sc.details("us_pos", figures)


def test_cli_bad_arguments(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        sc.main([str(tmp_path / "nowhere")])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "not a folder" in err
    with pytest.raises(SystemExit) as exit_:
        sc.main([str(tmp_path)])      # a folder holding no set
    assert exit_.value.code == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1
    with pytest.raises(SystemExit) as exit_:
        sc.main([])
    assert exit_.value.code == 2


def test_cli_prints_the_table(tmp_path, capsys, monkeypatch):
    from fashion_retail.discover import DiscoverError

    folder = _folder(tmp_path, "legacy_flat")
    monkeypatch.setattr(sc, "discover_and_score",
                        lambda truth: {**sc.score(perfect(truth), truth), "seconds": 0.1})
    assert sc.main([str(folder)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[2].startswith("| legacy_flat | 31 | 1.000 |")

    def fail(truth):
        raise DiscoverError("sales_flat.csv: cannot be read")
    monkeypatch.setattr(sc, "discover_and_score", fail)
    assert sc.main([str(folder)]) == 1
    assert capsys.readouterr().err.strip() == (
        "legacy_flat: discover failed: sales_flat.csv: cannot be read")
