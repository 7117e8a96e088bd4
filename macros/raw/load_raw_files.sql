{% macro load_raw_files(path, format='parquet') -%}
    {{ return(adapter.dispatch('load_raw_files', 'fashion_retail')(path, format)) }}
{%- endmacro %}


{% macro default__load_raw_files(path, format='parquet') -%}
    {#- Replace every raw table with the generator's file of the same name, all
        or nothing. Every column is read as text: raw data is dirty, and typing
        it is the staging layer's job.
        1. Nothing is written until the set is known complete: no '.partial'
           file, a manifest, every table it lists present, and (parquet, from
           the files' metadata) the row counts it gives.
        2. One transaction then replaces the tables and checks each one's rows
           against the manifest again (csv rows are only known once parsed); a
           file that fails to read, or a count that disagrees, rolls the whole
           load back, and the raw layer stays as it was. -#}
    {%- set folder = raw_files_folder(path, format) -%}
    {%- if adapter.type() == 'duckdb' and adapter.disable_transactions() -%}
        {{ exceptions.raise_compiler_error(
            "load_raw_files: the profile sets disable_transactions, but the load must be "
            ~ "one transaction to leave the raw layer as it was if it fails") }}
    {%- endif -%}
    {%- set schema = generate_schema_name('raw', none) -%}
    {%- set tables = raw_tables() -%}
    {%- set files, readers = {}, {} -%}
    {%- for table in tables -%}
        {%- do files.update({table: folder ~ table ~ '.' ~ format}) -%}
        {%- if format == 'parquet' -%}
            {%- do readers.update({table: 'read_parquet('
                ~ duckdb_path_literal(files[table]) ~ ')'}) -%}
        {%- else -%}
            {%- do readers.update({table: 'read_csv(' ~ duckdb_path_literal(files[table])
                ~ ', header = true, all_varchar = true)'}) -%}
        {%- endif -%}
    {%- endfor -%}

    {#- 1. which of the set's files exist, '.partial' ones of either format included -#}
    {%- set candidates = [] -%}
    {%- for table in tables -%}
        {%- do candidates.append(duckdb_path_literal(files[table])) -%}
        {%- for suffix in ['.parquet.partial', '.csv.partial'] -%}
            {%- do candidates.append(duckdb_path_literal(folder ~ table ~ suffix)) -%}
        {%- endfor -%}
    {%- endfor -%}
    {%- set present = [] -%}
    {%- for row in run_query('select file from glob([' ~ candidates | join(', ') ~ '])') -%}
        {%- do present.append(row[0].split('/')[-1]) -%}
    {%- endfor -%}
    {%- do check_raw_file_set(folder, format, present) -%}
    {%- set manifest = run_query('select table_name, row_count, '
        ~ 'try_cast(trim(row_count) as bigint) as parsed from '
        ~ readers['generation_manifest']) -%}
    {%- set expected = check_raw_file_set(folder, format, present, manifest.rows) -%}
    {%- if format == 'parquet' -%}
        {%- set counts = [] -%}
        {%- for table in expected -%}
            {%- do counts.append("select '" ~ table ~ "', count(*) from " ~ readers[table]) -%}
        {%- endfor -%}
        {%- for row in run_query(counts | join(' union all ')) -%}
            {%- if row[1] != expected[row[0]] -%}
                {{ exceptions.raise_compiler_error(raw_load_refusal(files[row[0]]
                    ~ ' holds ' ~ row[1] ~ ' rows, but generation_manifest.' ~ format
                    ~ ' says ' ~ expected[row[0]])) }}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}

    {#- 2. one transaction: every table replaced, or none -#}
    {%- call statement('load_raw_files_begin', auto_begin=true) -%}
        create schema if not exists {{ adapter.quote(schema) }}
    {%- endcall -%}
    {%- for table in tables -%}
        {%- set relation = adapter.quote(schema) ~ '.' ~ adapter.quote(table) -%}
        {%- do run_query('create or replace table ' ~ relation
            ~ ' as select * from ' ~ readers[table]) -%}
        {%- if table in expected -%}
            {#- error() fails the statement, and dbt rolls the transaction back -#}
            {%- set refusal = raw_load_refusal(files[table] ~ ' holds @rows@ rows, but '
                ~ 'generation_manifest.' ~ format ~ ' says ' ~ expected[table]) -%}
            {%- set before, after = refusal.rsplit('@rows@', 1) -%}
            {%- do run_query('select case when count(*) <> ' ~ expected[table]
                ~ " then error('" ~ before.replace("'", "''") ~ "' || count(*) || '"
                ~ after.replace("'", "''") ~ "') end from " ~ relation) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- do adapter.commit() -%}
    {%- for table in tables -%}
        {%- set n = run_query('select count(*) from ' ~ adapter.quote(schema) ~ '.'
            ~ adapter.quote(table)).columns[0].values()[0] -%}
        {%- do log('loaded ' ~ schema ~ '.' ~ table ~ ': ' ~ n ~ ' rows from '
            ~ files[table], info=true) -%}
    {%- endfor -%}
{%- endmacro %}


{% macro spark__load_raw_files(path, format='parquet') -%}
    {#- Spark: every raw table becomes an external table over the generator's
        file (its columns are all text already), so the data is read where it
        lies, not copied. `path` must be absolute: the metastore outlives the
        working directory. Spark has no transactions, so the set is checked as
        on DuckDB, the new tables are registered under loading names and their
        rows counted against the manifest, and only then swapped in (a drop
        and a rename each, metadata only). -#}
    {%- if format != 'parquet' -%}
        {{ exceptions.raise_compiler_error(
            "load_raw_files: on Spark the raw files must be parquet, got '" ~ format ~ "'") }}
    {%- endif -%}
    {%- set folder = raw_files_folder(path, format) -%}
    {%- if not folder.startswith('/') -%}
        {{ exceptions.raise_compiler_error(
            "load_raw_files: on Spark the path must be absolute, got '" ~ path ~ "'") }}
    {%- endif -%}
    {%- set schema = generate_schema_name('raw', none) -%}
    {%- set tables = raw_tables() -%}

    {#- 1. the folder's files, listed without reading them (binaryFile reads a
        file's content only when that column is selected) -#}
    {%- do run_query('create or replace temporary view fashion_retail__raw_files '
        ~ 'using binaryFile options (path ' ~ spark_path_literal(folder) ~ ')') -%}
    {%- set present = [] -%}
    {%- for row in run_query('select path from fashion_retail__raw_files') -%}
        {%- do present.append(row[0].split('/')[-1]) -%}
    {%- endfor -%}
    {%- do check_raw_file_set(folder, format, present) -%}
    {%- do run_query('create or replace temporary view fashion_retail__raw_manifest '
        ~ 'using parquet options (path '
        ~ spark_path_literal(folder ~ 'generation_manifest.parquet') ~ ')') -%}
    {%- set manifest = run_query('select table_name, row_count, '
        ~ 'try_cast(trim(row_count) as bigint) from fashion_retail__raw_manifest') -%}
    {%- set expected = check_raw_file_set(folder, format, present, manifest.rows) -%}

    {#- 2. the new tables under loading names, each counted -#}
    {%- do run_query('create schema if not exists ' ~ schema) -%}
    {%- set wrong, counts = [], {} -%}
    {%- for table in tables -%}
        {%- set loading = schema ~ '.' ~ table ~ '__loading' -%}
        {%- do run_query('drop table if exists ' ~ loading) -%}
        {%- do run_query('create table ' ~ loading ~ ' using parquet location '
            ~ spark_path_literal(folder ~ table ~ '.parquet')) -%}
        {%- set n = run_query('select count(*) from ' ~ loading).columns[0].values()[0] -%}
        {%- do counts.update({table: n}) -%}
        {%- if table in expected and n != expected[table] and not wrong -%}
            {%- do wrong.append(folder ~ table ~ '.parquet holds ' ~ n ~ ' rows, but '
                ~ 'generation_manifest.parquet says ' ~ expected[table]) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if wrong -%}
        {%- for table in tables -%}
            {%- do run_query('drop table if exists ' ~ schema ~ '.' ~ table ~ '__loading') -%}
        {%- endfor -%}
        {{ exceptions.raise_compiler_error(raw_load_refusal(wrong[0])) }}
    {%- endif -%}

    {#- 3. the swap -#}
    {%- for table in tables -%}
        {%- do run_query('drop table if exists ' ~ schema ~ '.' ~ table) -%}
        {%- do run_query('alter table ' ~ schema ~ '.' ~ table ~ '__loading rename to '
            ~ schema ~ '.' ~ table) -%}
        {%- do log('loaded ' ~ schema ~ '.' ~ table ~ ': ' ~ counts[table]
            ~ ' rows from ' ~ folder ~ table ~ '.parquet', info=true) -%}
    {%- endfor -%}
{%- endmacro %}
