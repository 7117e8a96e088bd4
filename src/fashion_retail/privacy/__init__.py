"""Python helpers loaded by dbt itself (dbt-duckdb plugins)."""
