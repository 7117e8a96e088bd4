{% macro cleansing_unsupported(name, folder='cleansing') -%}
    {#- Raised when a model that needs the macro runs (not while the project is
        parsed), so that the rest of the project still builds on the engine. -#}
    {%- if execute -%}
        {{ exceptions.raise_compiler_error(
            "The macro " ~ name ~ " has no implementation for adapter '"
            ~ adapter.type() ~ "'. Add " ~ adapter.type() ~ "__" ~ name
            ~ " under macros/" ~ folder ~ "/.") }}
    {%- endif -%}
{%- endmacro %}
