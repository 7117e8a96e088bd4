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


{% macro spark__load_raw_files(path, format='parquet') -%}
    {#- Spark: every raw table becomes an external table over the generator's
        file (its columns are all text already), so the data is read where it
        lies, not copied. `path` must be absolute: the metastore outlives the
        working directory. -#}
    {%- if format != 'parquet' -%}
        {{ exceptions.raise_compiler_error(
            "load_raw_files: on Spark the raw files must be parquet, got '" ~ format ~ "'") }}
    {%- endif -%}
    {%- if not path.startswith('/') -%}
        {{ exceptions.raise_compiler_error(
            "load_raw_files: on Spark the path must be absolute, got '" ~ path ~ "'") }}
    {%- endif -%}
    {%- set schema = generate_schema_name('raw', none) -%}
    {%- do run_query('create schema if not exists ' ~ schema) -%}
    {%- for table in var('raw_tables') -%}
        {%- set file = path.rstrip('/') ~ '/' ~ table ~ '.parquet' -%}
        {%- do run_query('drop table if exists ' ~ schema ~ '.' ~ table) -%}
        {%- do run_query('create table ' ~ schema ~ '.' ~ table
            ~ " using parquet location '" ~ file ~ "'") -%}
        {%- set n = run_query(
            'select count(*) from ' ~ schema ~ '.' ~ table).columns[0].values()[0] -%}
        {%- do log('loaded ' ~ schema ~ '.' ~ table ~ ': ' ~ n ~ ' rows from ' ~ file, info=true) -%}
    {%- endfor -%}
{%- endmacro %}
