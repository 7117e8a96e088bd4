{% macro cleansing_unsupported(name) -%}
    {{ exceptions.raise_compiler_error(
        "The cleansing macro " ~ name ~ " has no implementation for adapter '"
        ~ adapter.type() ~ "'. Add " ~ adapter.type() ~ "__" ~ name
        ~ " under macros/cleansing/.") }}
{%- endmacro %}
