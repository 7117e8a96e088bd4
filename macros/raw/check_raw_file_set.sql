{% macro check_raw_file_set(folder, format, present, manifest_rows=none) -%}
    {#- Refuses a generated set that is not known complete, naming the file.
        Without manifest_rows: no '.partial' file and a manifest present. With
        them (table_name, row_count as written, row_count as a number or none):
        the manifest lists every raw table with a row count, and each table's
        file is there; returns {table: rows} for those tables. -#}
    {%- set manifest_file = 'generation_manifest.' ~ format -%}
    {%- if manifest_rows is none -%}
        {%- for name in present | sort if name.endswith('.partial') -%}
            {{ exceptions.raise_compiler_error(raw_load_refusal(folder ~ name
                ~ " is being written, or was left by an interrupted generator run; "
                ~ "run the generator again (it removes such files)")) }}
        {%- endfor -%}
        {%- if manifest_file not in present -%}
            {{ exceptions.raise_compiler_error(raw_load_refusal(folder ~ manifest_file
                ~ " is missing: the set is not known to be complete (the generator "
                ~ "writes its manifest last; an interrupted run leaves none)"
                ~ ("" if present else ", and the folder holds none of its tables"))) }}
        {%- endif -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set written = {} -%}
    {%- for row in manifest_rows -%}
        {%- if row[2] is none or row[2] < 0 -%}
            {{ exceptions.raise_compiler_error(raw_load_refusal(folder ~ manifest_file
                ~ " gives " ~ row[0] ~ " a row_count of '" ~ row[1]
                ~ "', not a number of rows")) }}
        {%- endif -%}
        {%- do written.update({row[0]: row[2] | int}) -%}
    {%- endfor -%}
    {%- set expected = {} -%}
    {%- for table in raw_tables() if table != 'generation_manifest' -%}
        {%- if table not in written -%}
            {{ exceptions.raise_compiler_error(raw_load_refusal(folder ~ manifest_file
                ~ " does not list " ~ table ~ ": an incomplete manifest, or one from "
                ~ "another version of the generator")) }}
        {%- endif -%}
        {%- if table ~ '.' ~ format not in present -%}
            {{ exceptions.raise_compiler_error(raw_load_refusal(folder ~ table ~ '.'
                ~ format ~ " is missing, but " ~ manifest_file ~ " lists it with "
                ~ written[table] ~ " rows")) }}
        {%- endif -%}
        {%- do expected.update({table: written[table]}) -%}
    {%- endfor -%}
    {{ return(expected) }}
{%- endmacro %}
