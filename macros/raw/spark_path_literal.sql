{% macro spark_path_literal(path) -%}
    {#- A file path as a Spark SQL string literal. Spark's string literals take
        backslash escapes, so quotes and backslashes are escaped; Hadoop expands
        * ? [ ] { } in a path as a glob and reads a colon as a URI scheme, with
        no escape that survives every reader, so a path holding one is refused. -#}
    {%- for char in ['*', '?', '[', ']', '{', '}', '\\', ':'] -%}
        {%- if char in path -%}
            {{ exceptions.raise_compiler_error(
                "load_raw_files: Spark cannot read " ~ path ~ ": a path holding '"
                ~ char ~ "' (rename the folder)") }}
        {%- endif -%}
    {%- endfor -%}
    {{ return("'" ~ path.replace("'", "\\'") ~ "'") }}
{%- endmacro %}
