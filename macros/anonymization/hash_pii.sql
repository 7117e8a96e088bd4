{% macro hash_pii(expr) -%}
    {{ return(adapter.dispatch('hash_pii', 'fashion_retail')(expr)) }}
{%- endmacro %}

{% macro default__hash_pii(expr) -%}
    {{ cleansing_unsupported('hash_pii', 'anonymization') }}
{%- endmacro %}

{% macro duckdb__hash_pii(expr) -%}
    {#- HMAC-SHA256 (RFC 2104) of the normalized value (trimmed, lower case), as
        64 hex characters; null stays null. The key's padded forms come from the
        pii_key plugin as session variables, so the key itself is in no SQL. -#}
    case
        when {{ expr }} is not null then
            sha256(
                unhex(getvariable('pii_hmac_outer'))
                || unhex(sha256(
                    unhex(getvariable('pii_hmac_inner'))
                    || encode(lower(trim(cast({{ expr }} as varchar))))
                ))
            )
    end
{%- endmacro %}
