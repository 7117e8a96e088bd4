{% macro pii_key_fingerprint() -%}
    {#- Prints hash_pii('fashion_retail') under this run's key: a fingerprint of
        the key that reveals nothing of it, so that two targets (DuckDB and
        Spark, dev and prod) can be checked to hash with the same key:
        dbt run-operation pii_key_fingerprint [--target spark]. -#}
    {%- do set_pii_key() -%}
    {%- set result = run_query("select " ~ hash_pii("'fashion_retail'") ~ " as fingerprint") -%}
    {%- do print("pii key fingerprint: " ~ result.columns[0].values()[0]) -%}
{%- endmacro %}
