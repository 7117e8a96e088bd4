{% macro pseudonymize(key_expr, prefix='User') -%}
    {#- The person's pseudonym, e.g. User_3f9a1c0b7d2e4a61: the prefix and the
        first 16 hex characters (64 bits) of the keyed HMAC-SHA256 (hash_pii)
        of 'pseudonym|<prefix>|<id>'. A keyed pseudo-random function of the
        id: the same person gets the same pseudonym in every table, on every
        rebuild and whoever else arrives, for as long as the PII key is kept;
        without the key, the pseudonym says nothing about the id or its
        order. Null for a null id. -#}
    {#- || and not concat: DuckDB's concat skips nulls, and a null id must
        give a null pseudonym -#}
    {%- set tagged = "'pseudonym|" ~ prefix ~ "|' || cast(" ~ key_expr ~ " as "
        ~ dbt.type_string() ~ ")" -%}
    '{{ prefix }}_' || left({{ hash_pii(tagged) }}, 16)
{%- endmacro %}
