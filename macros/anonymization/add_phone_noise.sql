{% macro add_phone_noise(expr, key_expr) -%}
    {{ return(adapter.dispatch('add_phone_noise', 'fashion_retail')(expr, key_expr)) }}
{%- endmacro %}

{% macro default__add_phone_noise(expr, key_expr) -%}
    {{ cleansing_unsupported('add_phone_noise') }}
{%- endmacro %}

{% macro duckdb__add_phone_noise(expr, key_expr) -%}
    {#- For a ten-digit number (or '+1' and ten digits): add a pseudo-random
        number from 10,000 to 99,999 derived from the record key and the secret
        (HMAC-derived, set by the pii_key plugin), wrap modulo 10^10 and left-pad
        to ten digits; a '+1' prefix is kept. The same secret and key give the
        same noise; the result never equals the input. Anything else: null. -#}
    {%- set digits = "regexp_replace(cast(" ~ expr ~ " as varchar), '^\\+1', '')" -%}
    {%- set noise -%}
        (10000 + cast('0x' || left(sha256(
            getvariable('pii_noise_secret') || '|' || cast({{ key_expr }} as varchar)
        ), 12) as bigint) % 90000)
    {%- endset -%}
    case
        when regexp_full_match({{ digits }}, '[0-9]{10}') then
            case when starts_with(cast({{ expr }} as varchar), '+1') then '+1' else '' end
            || lpad(
                cast((cast({{ digits }} as bigint) + {{ noise }}) % 10000000000 as varchar),
                10,
                '0'
            )
    end
{%- endmacro %}
