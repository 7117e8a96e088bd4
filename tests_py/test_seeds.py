"""The committed seeds are exactly the generator's default-scale output."""

from __future__ import annotations

import re

import yaml

from fashion_retail.gen import dbt_yaml, reference
from fashion_retail.gen.config import GeneratorConfig
from fashion_retail.gen.generate import generate

from conftest import PROJECT

SEEDS = PROJECT / "seeds" / "raw"


def _seed_command() -> tuple[float, int]:
    """The scale and seed the Makefile's `seeds` target uses."""
    makefile = (PROJECT / "Makefile").read_text()
    scale = float(re.search(r"^SEED_SCALE := (\S+)$", makefile, re.M).group(1))
    seed = int(re.search(r"^SEED \?= (\S+)$", makefile, re.M).group(1))
    return scale, seed


def test_seeds_regenerate_byte_for_byte(tmp_path):
    scale, seed = _seed_command()
    generate(GeneratorConfig(scale=scale, seed=seed, out=tmp_path, fmt="csv"))
    committed = sorted(p.name for p in SEEDS.glob("*.csv"))
    fresh = sorted(p.name for p in tmp_path.glob("*.csv"))
    assert committed == fresh
    for name in fresh:
        assert (SEEDS / name).read_bytes() == (tmp_path / name).read_bytes(), (
            f"seeds/raw/{name} is stale: run `make seeds`")


def test_default_scale_is_the_documented_size():
    scale, _ = _seed_command()
    cfg = GeneratorConfig(scale=scale)
    assert 4_000 <= cfg.n_customers <= 6_000
    assert cfg.n_order_lines == 50_000


def test_raw_yaml_is_rendered_from_the_schema():
    assert dbt_yaml.main(["--check", "--project-dir", str(PROJECT)]) == 0


def test_raw_freshness_is_declared_relative_to_the_as_of_date():
    """Every table that promises recency gets dbt source freshness through
    raw_loaded_at_query (relative to the data's as-of date), warning before
    it fails."""
    tables = {table["name"]: table for table in
              yaml.safe_load(dbt_yaml.render_sources())["sources"][0]["tables"]}
    declared = {name for name, table in tables.items() if "config" in table}
    assert declared == set(dbt_yaml.FRESHNESS_DAYS) == set(dbt_yaml.FRESHNESS_ERROR_DAYS)
    for name in declared:
        config = tables[name]["config"]
        assert config["loaded_at_query"] == "{{ raw_loaded_at_query('updated_at') }}"
        assert "updated_at" in {column["name"] for column in tables[name]["columns"]}
        warn, error = config["freshness"]["warn_after"], config["freshness"]["error_after"]
        assert warn["period"] == error["period"] == "day"
        assert warn["count"] == dbt_yaml.FRESHNESS_DAYS[name] < error["count"]


def test_canonical_values_seed_is_rendered_from_the_vocabulary():
    assert reference.main(["--check", "--project-dir", str(PROJECT)]) == 0
    rows = (PROJECT / "seeds" / "reference" / "canonical_values.csv").read_text().splitlines()
    assert rows[0] == "domain,spelling,canonical"
    # every canonical value spells itself, so the fuzzy fallback can reach it
    entries = [r.split(",") for r in rows[1:] if r.count(",") == 2]
    canon = {(d, c) for d, _, c in entries}
    spelled = {(d, s) for d, s, _ in entries}
    assert canon <= spelled
