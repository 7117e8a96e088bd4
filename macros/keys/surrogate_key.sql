{% macro surrogate_key(columns) -%}
    {#- A deterministic surrogate key: the md5 (dbt.hash) of the columns' text,
        joined by '|', with nulls written as '_null_' so that (null, 'a') and
        ('', 'a') differ. The same values give the same key on every rebuild and
        every engine, which keeps incremental facts and their dimensions in step. -#}
    {%- if columns is string -%}
        {%- set columns = [columns] -%}
    {%- endif -%}
    {%- set parts = [] -%}
    {%- for column in columns -%}
        {%- do parts.append(
            "coalesce(cast(" ~ column ~ " as " ~ dbt.type_string() ~ "), '_null_')") -%}
        {%- if not loop.last -%}
            {%- do parts.append("'|'") -%}
        {%- endif -%}
    {%- endfor -%}
    {{ dbt.hash(dbt.concat(parts)) }}
{%- endmacro %}
