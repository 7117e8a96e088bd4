"""The privacy layer's own rules, beyond what its dbt tests check in every build.

- default deny: a mart column without meta.pii stops the build, naming it;
- the privacy layer's YAML is current with the marts' metadata.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from fashion_retail.privacy import privacy_yaml

from conftest import PROJECT

DBT = str(PROJECT / ".venv" / "bin" / "dbt") if (PROJECT / ".venv" / "bin" / "dbt").exists() \
    else "dbt"
COPIED = ["dbt_project.yml", "profiles.yml", "macros", "models", "seeds", "tests", "analyses",
          "snapshots"]


def _copy_project(destination: Path) -> Path:
    destination.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.duckdb", ".venv", "target", "logs")
    for name in COPIED:
        source = PROJECT / name
        if source.is_dir():
            shutil.copytree(source, destination / name, ignore=ignore)
        elif source.exists():
            shutil.copy2(source, destination / name)
    return destination


def _dbt(project: Path, *args: str) -> subprocess.CompletedProcess:
    environment = dict(os.environ, DBT_PROFILES_DIR=str(project),
                       FASHION_RETAIL_DUCKDB=str(project / "warehouse.duckdb"))
    return subprocess.run([DBT, *args], cwd=project, env=environment, capture_output=True,
                          text=True, timeout=600)


def test_an_unclassified_column_fails_the_build_naming_it(tmp_path):
    project = _copy_project(tmp_path / "project")
    select = ["--select", "sale_periods", "us_public_holidays", "dim_dates",
              "privacy_dim_dates", "--exclude", "test_type:data"]
    built = _dbt(project, "build", *select)
    assert built.returncode == 0, built.stdout[-3000:]

    mart = project / "models" / "marts" / "core" / "dim_dates.sql"
    text = mart.read_text()
    assert text.rstrip().endswith("select * from final")
    mart.write_text(text.rstrip()[: -len("select * from final")]
                    + "select *, 'secret' as staff_notes from final\n")
    refused = _dbt(project, "build", *select)
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0
    assert "column dim_dates.staff_notes is not classified" in output, output[-3000:]


def test_privacy_yaml_is_current():
    assert privacy_yaml.main(["--check"]) == 0, \
        "run: python -m fashion_retail.privacy.privacy_yaml"


def test_output_names_follow_the_rules():
    assert privacy_yaml.output_name({"name": "date_of_birth",
                                     "meta": {"pii": "generalize_age"}}) == "age_band"
    assert privacy_yaml.output_name({"name": "first_name", "meta": {"pii": "drop"}}) is None
    assert privacy_yaml.output_name(
        {"name": "customer_id", "meta": {"pii": {"operation": "pseudonymize",
                                                 "as": "customer_pseudonym"}}}
    ) == "customer_pseudonym"


def test_a_dimension_released_as_groups_must_say_who_reads_them(tmp_path):
    """fct_sales releases the groups of dim_customers: a privacy_dim_customers
    that does not declare it (so dbt would not know to build fct_sales first)
    fails, saying what to write."""
    project = _copy_project(tmp_path / "project")
    model = project / "models" / "privacy" / "privacy_dim_customers.sql"
    model.write_text("{{ privacy_model('dim_customers') }}\n")
    refused = _dbt(project, "compile", "--select", "privacy_dim_customers")
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0
    assert ("the groups of dim_customers are released by fct_sales; the call must say so: "
            "privacy_model('dim_customers', referenced_by=[fct_sales])") in output, output[-3000:]


def test_group_keys_follow_the_subject():
    assert privacy_yaml._group_key("customer_id") == "customer_group_key"
    entry = privacy_yaml._model_entry(
        "privacy_fct_sales", privacy_yaml._load_marts()["fct_sales"],
        privacy_yaml._load_marts(), {"dim_customers": "privacy_dim_customers",
                                     "groups:dim_customers": "privacy_dim_customer_groups",
                                     "dim_employees": "privacy_dim_employees",
                                     "groups:dim_employees": "privacy_dim_employee_groups",
                                     "dim_stores": "privacy_dim_stores"},
        "2025-12-31", 5)
    columns = {column["name"]: column for column in entry["columns"]}
    assert "customer_key" not in columns and "ordered_at" not in columns
    assert {"relationships": {"arguments": {"to": "ref('privacy_dim_customer_groups')",
                                            "field": "customer_group_key"}}} \
        in columns["customer_group_key"]["data_tests"]


def test_released_types_follow_the_operation():
    """The contract's types: the mart's where the value keeps its type, text for
    every other operation and for a quasi-identifier ('*' where withheld)."""
    kept = {"name": "signup_date", "data_type": "date", "meta": {"pii": "generalize_date"}}
    assert privacy_yaml.data_type(kept, quasi=False) == "date"
    assert privacy_yaml.data_type(kept, quasi=True) == "string"
    assert privacy_yaml.data_type({"name": "customer_id", "data_type": "bigint",
                                   "meta": {"pii": "pseudonymize"}}, quasi=False) == "string"
    try:
        privacy_yaml.data_type({"name": "cost", "meta": {"pii": "none"}}, quasi=False)
    except SystemExit as refused:
        assert "cost has no data_type" in str(refused)
    else:
        raise AssertionError("a released column without data_type was accepted")


def test_key_tests_carry_over_only_when_their_columns_are_released_as_is():
    marts = privacy_yaml._load_marts()
    report = marts["rpt_employee_sales_performance"]
    keys = [test["max_duplicate_share"]["arguments"]["columns"]
            for test in privacy_yaml._key_tests(report, {"store_id", "fiscal_year",
                                                         "rank_in_store"})]
    # the employee is dropped: only the key of store, year and rank holds
    assert keys == [["store_id", "fiscal_year", "rank_in_store"]]
    assert privacy_yaml._key_tests(report, {"store_id", "fiscal_year"}) == []
