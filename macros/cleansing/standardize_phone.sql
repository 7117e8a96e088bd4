{% macro standardize_phone(expr) -%}
    {{ return(adapter.dispatch('standardize_phone', 'fashion_retail')(expr)) }}
{%- endmacro %}

{% macro default__standardize_phone(expr) -%}
    {{ cleansing_unsupported('standardize_phone') }}
{%- endmacro %}

{% macro duckdb__standardize_phone(expr) -%}
    {#- 1. drop an extension ('x123', 'ext. 123', 'extension 123') at the end;
        2. the rest may hold only digits and the separators space . - ( ) and a
           leading '+'; anything else (letters, a second '+') gives null;
        3. '+' numbers keep '+' and their digits (8 to 15 of them; +1 needs 11);
           others are North American: 10 digits, or 11 starting with 1. -#}
    {%- set stripped -%}
        trim(regexp_replace(
            trim(cast({{ expr }} as varchar)),
            '\s*(x|ext\.?|extension)\s*[0-9]{1,6}$', '', 'i'
        ))
    {%- endset -%}
    {%- set digits -%}
        regexp_replace({{ stripped }}, '[^0-9]', '', 'g')
    {%- endset -%}
    case
        when not regexp_full_match({{ stripped }}, '\+?[0-9 .()-]+') then null
        when starts_with({{ stripped }}, '+') and starts_with({{ digits }}, '1')
            then case when length({{ digits }}) = 11
                and substr({{ digits }}, 2, 1) between '2' and '9'
                then '+' || {{ digits }} end
        when starts_with({{ stripped }}, '+')
            then case when length({{ digits }}) between 8 and 15
                and not starts_with({{ digits }}, '0')
                then '+' || {{ digits }} end
        when length({{ digits }}) = 10 and substr({{ digits }}, 1, 1) between '2' and '9'
            then '+1' || {{ digits }}
        when length({{ digits }}) = 11 and starts_with({{ digits }}, '1')
            and substr({{ digits }}, 2, 1) between '2' and '9'
            then '+' || {{ digits }}
    end
{%- endmacro %}
