{% macro catalog_relations(database, schema) -%}
    {#- Every table and view of a database and schema, read from the engine's
        catalogue (not dbt's cache): a list of {relation, type}, type 'table'
        or 'view'. Only at execute time. -#}
    {{ return(adapter.dispatch('catalog_relations', 'fashion_retail')(database, schema)) }}
{%- endmacro %}

{% macro default__catalog_relations(database, schema) -%}
    {#- Spark: SHOW TABLES lists tables and views (and the session's temporary
        views, left out); SHOW VIEWS tells the views apart -#}
    {%- set tables = run_query('show tables in ' ~ schema) -%}
    {%- set views = run_query('show views in ' ~ schema).columns['viewName'].values() | list -%}
    {%- set found = [] -%}
    {%- for row in tables.rows if not row['isTemporary'] -%}
        {%- do found.append({
            'relation': api.Relation.create(schema=schema, identifier=row['tableName']),
            'type': 'view' if row['tableName'] in views else 'table'}) -%}
    {%- endfor -%}
    {{ return(found) }}
{%- endmacro %}

{% macro duckdb__catalog_relations(database, schema) -%}
    {%- set tables = run_query(
        "select table_name, table_type from information_schema.tables"
        ~ " where table_catalog = '" ~ database ~ "' and table_schema = '" ~ schema ~ "'"
        ~ " order by table_name") -%}
    {%- set found = [] -%}
    {%- for row in tables.rows -%}
        {%- do found.append({
            'relation': api.Relation.create(database=database, schema=schema, identifier=row[0]),
            'type': 'table' if row[1] == 'BASE TABLE' else 'view'}) -%}
    {%- endfor -%}
    {{ return(found) }}
{%- endmacro %}
