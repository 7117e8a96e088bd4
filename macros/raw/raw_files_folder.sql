{% macro raw_files_folder(path, format) -%}
    {#- The folder load_raw_files reads, ending in '/', once path and format
        are known to be usable. -#}
    {%- if format not in ['parquet', 'csv'] -%}
        {{ exceptions.raise_compiler_error(
            "load_raw_files: format must be 'parquet' or 'csv', got '" ~ format ~ "'") }}
    {%- endif -%}
    {%- set folder = '' if path is none else path | string -%}
    {%- if not folder.strip() -%}
        {{ exceptions.raise_compiler_error(
            "load_raw_files: path is empty; give the generator's output folder") }}
    {%- endif -%}
    {{ return(folder if folder.endswith('/') else folder ~ '/') }}
{%- endmacro %}
