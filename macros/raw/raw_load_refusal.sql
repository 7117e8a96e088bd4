{% macro raw_load_refusal(reason) -%}
    {#- The one-line message of a load that was refused or rolled back. -#}
    {{ return('load_raw_files: ' ~ reason
        ~ '. Nothing was loaded: the raw layer is as it was.') }}
{%- endmacro %}
