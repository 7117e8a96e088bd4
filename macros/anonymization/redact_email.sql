{% macro redact_email(expr) -%}
    {#- The local part, and the domain without its last label, keep their first
        and last characters; every other character (dots included) becomes '*';
        the last label stays: john.doe@gmail.com -> j******e@g***l.com. Parts of
        one or two characters stay as they are. Not an e-mail (is_email, as in
        standardize_email): null. Built from the positions of the '@' and of
        the last '.', in one concat of five pieces outside any CASE, so that
        DuckDB evaluates the normalized value and the positions once (its
        common subexpression elimination does not look inside CASE); the
        e-mail test only decides between that string and null. Written once
        for DuckDB and Spark. -#}
    {%- set e = "lower(trim(cast(" ~ expr ~ " as " ~ dbt.type_string() ~ ")))" -%}
    {%- set at = "instr(" ~ e ~ ", '@')" -%}
    {%- set dot = "(length(" ~ e ~ ") - instr(reverse(" ~ e ~ "), '.') + 1)" -%}
    concat(
        left({{ e }}, 1),
        repeat('*', greatest({{ at }} - 3, 0)),
        {#- the local part's last character, the '@' and the domain's first
            character; from the '@' on when the local part has one character -#}
        substr({{ e }}, greatest({{ at }} - 1, 2), least({{ at }}, 3)),
        repeat('*', greatest({{ dot }} - {{ at }} - 3, 0)),
        {#- the domain's last character before the last '.', and the last
            label; from the last '.' on when the domain has one character -#}
        substr({{ e }}, greatest({{ dot }} - 1, {{ at }} + 2))
    )
    || case when {{ is_email(e) }} then '' end
{%- endmacro %}
