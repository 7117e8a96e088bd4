{% macro duckdb_path_literal(path) -%}
    {#- A file path as a DuckDB string literal that names that one file. DuckDB
        expands * ? [ in a file name as a glob (read_parquet('data*/x.parquet')
        reads data1/ and data2/ too), so each is escaped as a one-character
        class; its glob cannot match a backslash, so a path holding both is
        refused. Quotes are doubled. -#}
    {%- set escaped = path.replace('[', '[[]').replace('*', '[*]').replace('?', '[?]') -%}
    {%- if escaped != path and '\\' in path -%}
        {{ exceptions.raise_compiler_error(
            "load_raw_files: DuckDB cannot read " ~ path ~ ": a path holding a backslash "
            ~ "and one of * ? [ (rename the folder)") }}
    {%- endif -%}
    {{ return("'" ~ escaped.replace("'", "''") ~ "'") }}
{%- endmacro %}
