"""fashion-retail onboard: alignment against the dialects' truth, the generated
dbt code, safe regeneration, bad alignments, and the whole project built on an
onboarded export (the dialects: tests_py/conftest.py, seed 7)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
import yaml
from dbt.cli.main import dbtRunner

from fashion_retail.discover.run import discover
from fashion_retail.gen.config import GeneratorConfig
from fashion_retail.gen.generate import generate
from fashion_retail.onboard import align, alignment_file, codegen, data, lexicon, run, score
from fashion_retail.onboard.data import OnboardError

from conftest import PROJECT, macro_readings

COPIED = ("models", "macros", "seeds", "tests", "analyses", "snapshots", "docs",
          "dbt_project.yml", "profiles.yml", ".sqlfluff", ".sqlfluffignore")


def project_copy(root: Path) -> Path:
    """The dbt project, without its data and build products: onboard writes
    into it."""
    root.mkdir()
    for name in COPIED:
        source = PROJECT / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        elif source.exists():
            shutil.copy(source, root / name)
    return root


@pytest.fixture(scope="module")
def discovered(dialect_exports, tmp_path_factory) -> dict[str, tuple[Path, dict]]:
    """dialect -> (its export folder, discovery)."""
    out = {}
    for name, (folder, _truth) in dialect_exports.items():
        result = discover([folder], tmp_path_factory.mktemp(f"disc_{name}"))
        out[name] = folder, result.discovery
    return out


def proposed(discovery: dict) -> align.Alignment:
    with data.work(discovery) as (con, tables):
        samples = data.samples(con, tables)
    return align.align(discovery, samples)


# ------------------------------------------------------------------ words
@pytest.mark.parametrize("name, words", [
    ("Kundennummer", {"customer", "id"}),
    ("Registrierungsdatum", {"signup", "date"}),
    ("Filialnummer", {"store", "id"}),
    ("Geändert am", {"updated", "at"}),
    ("unitPriceMinor", {"unit", "price", "minor"}),
    ("CUST_NO", {"customer", "id"}),
    ("Verkaufsfläche m²", {"size", "sqm"}),
])
def test_names_read_as_the_schemas_english(name, words):
    assert set(lexicon.english(lexicon.split_name(name))) == words


def test_shapes_keep_a_columns_own_writings_and_leave_rare_ones_out():
    values = [("05.03.2024", 600), ("17.11.2023", 399), ("5/1/1983", 1)]
    assert codegen.shapes(values) == [r"[0-9]+\.[0-9]+\.[0-9]+"]


# -------------------------------------------------------------- alignment
@pytest.mark.parametrize("dialect", ["eu_erp", "marketplace_feed", "legacy_flat"])
def test_alignment_matches_the_dialects_truth(discovered, dialect):
    folder, discovery = discovered[dialect]
    result = score.score(score.predictions(proposed(discovery)), score.truth(folder))
    print(f"\n{dialect}: {result.right} of {result.columns} columns aligned right")
    assert result.accuracy >= 0.95, result.wrong
    assert result.columns == {"eu_erp": 94, "marketplace_feed": 94, "legacy_flat": 31}[dialect]


def test_the_generators_ledgers_are_not_mistaken_for_retail_tables(discovered):
    _folder, discovery = discovered["eu_erp"]
    alignment = proposed(discovery)
    assert {"defect_ledger", "anomaly_ledger", "generation_manifest"} <= set(
        alignment.unmapped_tables)
    assert sorted(c for t in alignment.tables for c in t.canonical) == sorted(
        codegen.schema.BUSINESS_TABLES)


def test_a_flat_file_feeds_its_entities_and_their_keys(discovered):
    _folder, discovery = discovered["legacy_flat"]
    (flat,) = proposed(discovery).tables
    assert flat.canonical[0] == "order_lines"
    assert set(flat.canonical) == {"order_lines", "orders", "customers", "products"}
    by_column = {m.column: m for m in flat.columns}
    assert by_column["ORDER_NO"].target == "orders.order_id"
    assert by_column["ORDER_NO"].also == ["order_lines.order_id"]
    assert by_column["CUST_NO"].also == ["orders.customer_id"]
    # accounting negatives where the canonical column holds none: a credit
    assert by_column["UNIT_PRICE"].hints.get("returns_negative") is True


def test_hints_come_from_discovery_and_the_values(discovered):
    _folder, discovery = discovered["marketplace_feed"]
    maps = {(t.table, m.column): m for t in proposed(discovery).tables for m in t.columns}
    assert maps[("orders.lines", "unitPriceMinor")].hints["minor_unit_exponent"] == 2
    assert maps[("customers", "customerId")].hints["key"] == "uuid"
    assert maps[("orders", "customerId")].hints["key"] == "uuid"
    _folder, discovery = discovered["eu_erp"]
    maps = {(t.table, m.column): m for t in proposed(discovery).tables for m in t.columns}
    assert maps[("kunden", "Geburtsdatum")].hints["order"] == "dmy"
    assert maps[("artikel", "Listenpreis")].hints["decimal_separator"] == ","


# ------------------------------------------------------------ generated code
@pytest.fixture()
def onboarded(discovered, tmp_path) -> tuple[Path, Path, dict]:
    """A project copy with eu_erp onboarded: (project, discovery folder, discovery)."""
    folder, discovery = discovered["eu_erp"]
    disc = tmp_path / "disc"
    disc.mkdir()
    (disc / "discovery.json").write_text(json.dumps(discovery), encoding="utf-8")
    root = project_copy(tmp_path / "project")
    said = run.onboard(disc, "eu_erp", root)
    assert said[0].startswith("onboard: eu_erp: 8 tables feed 8 canonical tables")
    return root, disc, discovery


def generated(root: Path, source: str = "eu_erp") -> dict[str, str]:
    folder = root / "models" / "sources" / source
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())}


def test_every_generated_file_says_it_is_generated(onboarded):
    root, _disc, _discovery = onboarded
    files = generated(root)
    assert len(files) == 2 + 8 + 8 + 3   # yml, staging, adapters, ledgers and manifest
    for name, text in files.items():
        assert "Generated by `fashion-retail onboard --source eu_erp`" in text, name
        assert not alignment_file.is_edited(text), name
    sources = yaml.safe_load(files["_eu_erp__sources.yml"])["sources"][0]
    columns = [c for t in sources["tables"] for c in t["columns"]]
    # PII on every column, from discovery: default-deny holds
    assert all("pii" in c["meta"] for c in columns)
    assert {c["name"]: c["meta"]["pii"] for c in columns}["e_mail"] == "email"
    stores = next(t for t in sources["tables"] if t["name"] == "filialen")
    tests = {c["name"]: c.get("data_tests", []) for c in stores["columns"]}
    assert {"not_null", "unique"} <= {next(iter(t)) for t in tests["filialnummer"]}
    orders = next(t for t in sources["tables"] if t["name"] == "auftraege")
    tests = {c["name"]: c.get("data_tests", []) for c in orders["columns"]}
    assert "relationships" in {next(iter(t)) for t in tests["kundennummer"]}
    assert sources["config"]["freshness"]["error_after"] == {"count": 30, "period": "day"}


def test_rerun_keeps_hand_edits_and_writes_beside_them(onboarded):
    root, disc, _discovery = onboarded
    folder = root / "models" / "sources" / "eu_erp"
    assert run.onboard(disc, "eu_erp", root)[1:] == []    # nothing changed, nothing said
    edited = folder / "raw_eu_erp__customers.sql"
    edited.write_text(edited.read_text(encoding="utf-8") + "-- my note\n", encoding="utf-8")
    # a person retargets a column in the alignment: the edit wins
    path = root / "sources" / "eu_erp" / "alignment.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("target: customers.city", "target: null"), encoding="utf-8")
    said = run.onboard(disc, "eu_erp", root)
    assert any("kept models/sources/eu_erp/raw_eu_erp__customers.sql" in s for s in said)
    assert edited.read_text(encoding="utf-8").endswith("-- my note\n")
    beside = folder / "raw_eu_erp__customers.sql.new"
    assert "cast(null as varchar) as city" in beside.read_text(encoding="utf-8")
    assert path.read_text(encoding="utf-8").count("target: customers.city") == 0


def alignment_error(root: Path, disc: Path, old: str, new: str) -> str:
    path = root / "sources" / "eu_erp" / "alignment.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    before = generated(root)
    with pytest.raises(OnboardError) as caught:
        run.onboard(disc, "eu_erp", root)
    assert generated(root) == before     # nothing half-written
    return str(caught.value)


def test_an_unknown_target_is_named_with_its_line(onboarded):
    root, disc, _discovery = onboarded
    message = alignment_error(root, disc, "target: customers.city", "target: customers.town")
    assert "alignment.yml:" in message and "unknown target 'customers.town'" in message
    line = int(message.split("alignment.yml:")[1].split(":")[0])
    text = (root / "sources" / "eu_erp" / "alignment.yml").read_text(encoding="utf-8")
    assert "customers.town" in text.splitlines()[line - 1]


def test_a_column_mapped_twice_is_refused(onboarded):
    root, disc, _discovery = onboarded
    message = alignment_error(root, disc, "target: customers.city", "target: customers.email")
    assert "customers.email is mapped twice" in message


def test_a_type_that_cannot_cast_is_refused(onboarded):
    root, disc, _discovery = onboarded
    path = root / "sources" / "eu_erp" / "alignment.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "target: customers.signup_date", "target: null", 1), encoding="utf-8")
    message = alignment_error(root, disc, "target: customers.city",
                              "target: customers.signup_date")
    assert "kunden.Ort cannot be read as customers.signup_date (date)" in message


def test_a_source_changed_since_discovery_is_refused(onboarded, discovered):
    root, disc, discovery = onboarded
    changed = Path(next(t["source"] for t in discovery["tables"] if t["name"] == "kunden"))
    original = changed.read_bytes()
    try:
        changed.write_bytes(original + b"\n")
        with pytest.raises(OnboardError, match=f"{changed}: changed since discovery"):
            run.onboard(disc, "eu_erp", root)
    finally:
        changed.write_bytes(original)


@pytest.mark.parametrize("argv, message", [
    (["--source", "Bad-Name", "x"], "--source 'Bad-Name'"),
    (["--source", "eu"], "give DISCOVERY_DIR, or --load"),
    (["/no/such/folder", "--source", "eu"], "no such file or folder"),
])
def test_bad_arguments_are_one_line_and_status_2(argv, message):
    done = subprocess.run([sys.executable, "-m", "fashion_retail.onboard.run", *argv],
                          capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and message in done.stderr


def test_onboard_id_is_a_stable_integer_parse_id_reads(tmp_path):
    values = ["6ba7b811-9dad-11d1-80b4-00c04fd430c8", " 6ba7b811-9dad-11d1-80b4-00c04fd430c8 ",
              "SKU-1", "", None]
    out = macro_readings({"id": "{{ onboard_id('input_text') }}",
                          "parsed": "{{ parse_id(onboard_id('input_text')) }}"},
                         values, tmp_path)
    assert out["id"][0] == out["id"][1] and out["id"][0] != out["id"][2]
    assert out["id"][3:] == [None, None]
    assert all(p is not None and 0 <= p < 2 ** 56 for p in out["parsed"][:3])


# -------------------------------------------------------- the whole project
def test_the_project_builds_on_an_onboarded_export(tmp_path, monkeypatch):
    """eu_erp at scale 0.02, discovered, onboarded with no hand edit, loaded and
    built, against the same truth built from the generator's own raw layer:
    the marts' row counts, revenue by month, units by category and customers
    by loyalty tier are identical."""
    from fashion_retail.gen import dialects
    from fashion_retail.onboard import compare

    export, canonical_set = tmp_path / "eu_erp", tmp_path / "us_pos"
    generate(GeneratorConfig(scale=0.02, seed=11, out=canonical_set, fmt="parquet"))
    dialects.generate_dialect(GeneratorConfig(scale=0.02, seed=11, out=export, fmt="parquet"),
                              "eu_erp")
    disc = tmp_path / "disc"
    discover([export], disc)
    root = project_copy(tmp_path / "project")
    run.onboard(disc, "eu_erp", root)
    monkeypatch.chdir(root)
    monkeypatch.setenv("DBT_PROFILES_DIR", str(root))

    def dbt(warehouse: str, variables: str, *args: str):
        monkeypatch.setenv("FASHION_RETAIL_DUCKDB", str(tmp_path / f"{warehouse}.duckdb"))
        result = dbtRunner().invoke([*args, "--vars", variables, "--target-path",
                                     str(tmp_path / f"target_{warehouse}"), "--log-path",
                                     str(tmp_path / "logs"), "--quiet"])
        assert result.success, result.exception
        return result

    def figures(warehouse: str, variables: str) -> dict:
        out = {}
        for name, sql in {"rows": " union all ".join(
                f"select '{t}' as key, count(*) as value from {t}" for t in compare.MARTS),
                **compare.FIGURES}.items():
            shown = dbt(warehouse, variables, "show", "--limit", "-1", "--inline", sql)
            out[name] = {str(k): v for k, v in shown.result.results[0].agate_table.rows}
        return out

    files = "{raw_from_files: true}"
    dbt("base", files, "run-operation", "load_raw_files", "--args",
        f"{{path: '{canonical_set}', format: parquet}}")
    dbt("base", files, "build")
    onboarded_vars = "{raw_from_files: true, defect_ledger_available: false, source: eu_erp}"
    run.load("eu_erp", root, tmp_path / "onboarded.duckdb")
    dbt("onboarded", onboarded_vars, "build", "--select", "path:models/sources/eu_erp",
        "--indirect-selection", "cautious")
    whole = dbt("onboarded", onboarded_vars, "build")
    assert {r.status for r in whole.result} <= {"pass", "success", "no-op", "warn"}
    names = {r.node.name for r in whole.result}
    assert {"fct_sales", "privacy_fct_sales", "syn_customers", "mon_anomalies"} <= names
    assert "rpt_cleansing_scorecard" not in names
    base, onboarded = figures("base", files), figures("onboarded", onboarded_vars)
    assert base["rows"]["fct_sales"] > 10_000
    assert compare.differences(base, onboarded) == []


def test_the_load_is_atomic(onboarded, tmp_path):
    root, _disc, _discovery = onboarded
    warehouse = tmp_path / "w.duckdb"
    said = run.load("eu_erp", root, warehouse)
    assert "loaded" in said
    with duckdb.connect(str(warehouse)) as con:
        before = con.execute("select count(*) from src_eu_erp.kunden").fetchone()[0]
    (root / "sources" / "eu_erp" / "alignment.yml").write_text("tables: [", encoding="utf-8")
    with pytest.raises(OnboardError, match="not valid YAML"):
        run.load("eu_erp", root, warehouse)
    with duckdb.connect(str(warehouse)) as con:
        assert con.execute("select count(*) from src_eu_erp.kunden").fetchone()[0] == before


def test_generated_sql_passes_sqlfluff(discovered, tmp_path):
    """The flat file's models: staging, an adapter of distinct versions, one
    of the ids referred to, an empty one and the manifest."""
    _folder, discovery = discovered["legacy_flat"]
    disc = tmp_path / "disc"
    disc.mkdir()
    (disc / "discovery.json").write_text(json.dumps(discovery), encoding="utf-8")
    root = project_copy(tmp_path / "project")
    run.onboard(disc, "legacy_flat", root)
    # the models are enabled (so linted) with the source's variables
    with open(root / ".sqlfluff", "a", encoding="utf-8") as config:
        config.write("\n[sqlfluff:templater:dbt:context]\nsource = legacy_flat\n"
                     "raw_from_files = True\n")
    folder = Path("models/sources/legacy_flat")
    files = [str(folder / f"{name}.sql") for name in (
        "stg_legacy_flat__sales_flat", "raw_legacy_flat__customers",
        "raw_legacy_flat__stores", "raw_legacy_flat__sellers",
        "raw_legacy_flat__generation_manifest")]
    done = subprocess.run([sys.executable, "-m", "fashion_retail.sql_lint", "lint", *files],
                          cwd=root, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "DBT_PROFILES_DIR": str(root),
                               "FASHION_RETAIL_DUCKDB": str(tmp_path / "w.duckdb")})
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "Skipped file" not in done.stdout + done.stderr
