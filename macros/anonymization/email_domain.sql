{% macro email_domain(expr) -%}
    {#- The domain of an e-mail address, lower case ('gmail.com'), and nothing
        of the local part; a value that is not an e-mail (is_email, as in
        standardize_email) is null. The privacy layer treats the domain as a
        quasi-identifier: a rare domain (a family's own) is withheld until it
        covers k people. -#}
    {%- set e = "lower(trim(cast(" ~ expr ~ " as " ~ dbt.type_string() ~ ")))" -%}
    case
        when {{ is_email(e) }} then substr({{ e }}, instr({{ e }}, '@') + 1)
    end
{%- endmacro %}
