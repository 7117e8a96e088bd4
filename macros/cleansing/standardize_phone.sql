{% macro standardize_phone(expr) -%}
    {#- 1. drop an extension ('x123', 'ext. 123', 'extension 123') at the end;
        2. the rest may hold only digits and the separators space . - ( ) and a
           leading '+'; anything else (letters, a second '+') gives null;
        3. '+' numbers keep '+' and their digits (8 to 15 of them; +1 needs 11);
           others are North American: 10 digits, or 11 starting with 1. -#}
    {%- set stripped -%}
        trim({{ replace_all(
            "trim(cast(" ~ expr ~ " as " ~ dbt.type_string() ~ "))",
            '\\s*(x|ext\\.?|extension)\\s*[0-9]{1,6}$', '', 'i') }})
    {%- endset -%}
    {%- set digits = replace_all(stripped, '[^0-9]', '') -%}
    case
        when not {{ full_match(stripped, '\\+?[0-9 .()-]+') }} then null
        when {{ stripped }} like '+%' and {{ digits }} like '1%'
            then case when length({{ digits }}) = 11
                and substr({{ digits }}, 2, 1) between '2' and '9'
                then '+' || {{ digits }} end
        when {{ stripped }} like '+%'
            then case when length({{ digits }}) between 8 and 15
                and {{ digits }} not like '0%'
                then '+' || {{ digits }} end
        when length({{ digits }}) = 10 and substr({{ digits }}, 1, 1) between '2' and '9'
            then '+1' || {{ digits }}
        when length({{ digits }}) = 11 and {{ digits }} like '1%'
            and substr({{ digits }}, 2, 1) between '2' and '9'
            then '+' || {{ digits }}
    end
{%- endmacro %}
