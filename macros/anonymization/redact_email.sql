{% macro redact_email(expr) -%}
    {{ return(adapter.dispatch('redact_email', 'fashion_retail')(expr)) }}
{%- endmacro %}

{% macro default__redact_email(expr) -%}
    {{ cleansing_unsupported('redact_email') }}
{%- endmacro %}

{% macro duckdb__redact_email(expr) -%}
    {#- The local part, and the domain without its last label, keep their first
        and last characters; every other character (dots included) becomes '*';
        the last label stays: john.doe@gmail.com -> j******e@g***l.com. Parts of
        one or two characters stay as they are. Not an e-mail (after
        standardize_email): null. Plain string functions, no regex per row. -#}
    {%- set email = standardize_email(expr) -%}
    {%- set local = "split_part(" ~ email ~ ", '@', 1)" -%}
    {%- set domain = "split_part(" ~ email ~ ", '@', 2)" -%}
    {%- set head = "regexp_extract(" ~ domain ~ ", '^(.*)\\.[^.]+$', 1)" -%}
    case
        when {{ email }} is not null then
            {{ _mask_middle(local) }}
            || '@'
            || {{ _mask_middle(head) }}
            || '.'
            || regexp_extract({{ domain }}, '\.([^.]+)$', 1)
    end
{%- endmacro %}

{% macro _mask_middle(part) -%}
    case
        when length({{ part }}) <= 2 then {{ part }}
        else left({{ part }}, 1) || repeat('*', length({{ part }}) - 2) || right({{ part }}, 1)
    end
{%- endmacro %}
