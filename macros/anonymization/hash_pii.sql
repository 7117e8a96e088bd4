{% macro hash_pii(expr) -%}
    {#- HMAC-SHA256 (RFC 2104) of the normalized value (trimmed, lower case), as
        64 hex characters; null stays null. The key's padded forms are session
        variables (set from the PII key by the pii_key plugin on DuckDB, by
        set_pii_key on Spark), so the key itself is in no SQL. -#}
    {%- set value = "lower(trim(cast(" ~ expr ~ " as " ~ dbt.type_string() ~ ")))" -%}
    {%- set inner = sha256_hex(
        "unhex(" ~ session_variable('pii_hmac_inner') ~ ") || " ~ utf8_bytes(value)) -%}
    case
        when {{ expr }} is not null then
            {{ sha256_hex("unhex(" ~ session_variable('pii_hmac_outer') ~ ") || unhex(" ~ inner ~ ")") }}
    end
{%- endmacro %}
