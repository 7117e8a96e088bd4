{% macro load_raw_files(path, format='parquet') -%}
    {{ return(adapter.dispatch('load_raw_files', 'fashion_retail')(path, format)) }}
{%- endmacro %}


{% macro default__load_raw_files(path, format='parquet') -%}
    {#- Replace every raw table with the generator's file of the same name.
        Every column is read as text: raw data is dirty, and typing it is the
        staging layer's job. -#}
    {%- if format not in ['parquet', 'csv'] -%}
        {{ exceptions.raise_compiler_error(
            "load_raw_files: format must be 'parquet' or 'csv', got '" ~ format ~ "'") }}
    {%- endif -%}
    {%- set schema = generate_schema_name('raw', none) -%}
    {%- do run_query('create schema if not exists ' ~ adapter.quote(schema)) -%}
    {%- for table in var('raw_tables') -%}
        {%- set file = path.rstrip('/') ~ '/' ~ table ~ '.' ~ format -%}
        {%- if format == 'parquet' -%}
            {%- set reader = "read_parquet('" ~ file ~ "')" -%}
        {%- else -%}
            {%- set reader = "read_csv('" ~ file ~ "', header = true, all_varchar = true)" -%}
        {%- endif -%}
        {%- do run_query(
            'create or replace table ' ~ adapter.quote(schema) ~ '.' ~ adapter.quote(table)
            ~ ' as select * from ' ~ reader) -%}
        {%- set n = run_query(
            'select count(*) from ' ~ adapter.quote(schema) ~ '.' ~ adapter.quote(table)
        ).columns[0].values()[0] -%}
        {%- do log('loaded ' ~ schema ~ '.' ~ table ~ ': ' ~ n ~ ' rows from ' ~ file, info=true) -%}
    {%- endfor -%}
    {%- do adapter.commit() -%}
{%- endmacro %}
