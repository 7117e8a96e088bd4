{% macro add_phone_noise(expr, key_expr) -%}
    {#- For a ten-digit number (or '+1' and ten digits): add a pseudo-random
        number from 10,000 to 99,999 derived from the record key and the secret
        (HMAC-derived from the PII key, a session variable), wrap modulo 10^10
        and left-pad to ten digits; a '+1' prefix is kept. The same secret and
        key give the same noise; the result never equals the input. Anything
        else: null. -#}
    {%- set text = "cast(" ~ expr ~ " as " ~ dbt.type_string() ~ ")" -%}
    {#- the noise: the top 48 bits of MD5(secret | key) (the digest read
        little-endian), modulo 90,000, plus 10,000. A keyed digest used as a
        pseudo-random function, not as a MAC: MD5 runs 2.5 times faster than
        SHA-256 on DuckDB, and its weaknesses (collisions, length extension) do
        not reveal the secret or the noise. -#}
    {%- set noise -%}
        (10000 + {{ md5_high_48_bits(
            session_variable('pii_noise_secret') ~ " || '|' || cast(" ~ key_expr
            ~ " as " ~ dbt.type_string() ~ ")") }} % 90000)
    {%- endset -%}
    {#- one concat outside any CASE (see redact_email); the shape test only
        decides between it and null -#}
    concat(
        left({{ text }}, length({{ text }}) - 10),
        lpad(
            cast((try_cast(right({{ text }}, 10) as bigint) + {{ noise }}) % 10000000000
                as {{ dbt.type_string() }}),
            10,
            '0'
        )
    )
    || case when {{ full_match(text, '(\\+1)?[0-9]{10}') }} then '' end
{%- endmacro %}
