{% macro set_pii_key() -%}
    {#- on-run-start: gives the session the PII key's derived secrets (HMAC's
        padded keys, the phone-noise secret) as session variables, without the
        key in any SQL text. -#}
    {{ return(adapter.dispatch('set_pii_key', 'fashion_retail')()) }}
{%- endmacro %}

{% macro duckdb__set_pii_key() -%}
    {#- nothing to do: the pii_key plugin sets them on every connection -#}
    {{ return('') }}
{%- endmacro %}

{% macro default__set_pii_key() -%}
    {#- Spark: the key is read from the driver's environment as ${env:PII_SALT},
        which Spark substitutes while parsing, so the SQL dbt writes to target/
        and logs/ holds the reference, never the key. (Not a session conf: Spark
        redacts conf values that contain 'secret' or 'token' when substituting
        them.) Spark cannot read the key file the DuckDB plugin creates, so an
        unset or empty PII_SALT stops the run with one line; the Makefile's
        Spark targets pass the key DuckDB uses (key_store --print-key). The key
        must not contain a single quote. The derivations are those of
        src/fashion_retail/privacy/pii_key.py: a key over 64 bytes is hashed
        first, padded with zero bytes to SHA-256's 64-byte block and XORed with
        0x36 (inner) and 0x5c (outer); the noise secret is the first 32 hex
        characters of HMAC-SHA256(key, 'fashion_retail/phone-noise'). -#}
    {%- if not execute -%}
        {{ return('') }}
    {%- endif -%}
    {%- set unset = "r'${env:PII_SALT}' in ('', concat('$', '{env:PII_SALT}'))" -%}
    {%- if run_query("select " ~ unset).columns[0].values()[0] -%}
        {{ exceptions.raise_compiler_error(
            "PII_SALT is not set: Spark takes the PII key from the environment only; give it"
            ~ " the key DuckDB uses: export PII_SALT=\"$(.venv/bin/python -m"
            ~ " fashion_retail.privacy.key_store --print-key)\" (make build-spark does)") }}
    {%- endif -%}
    {%- set key = "r'${env:PII_SALT}'" -%}
    {%- set block = "rpad(case when octet_length(" ~ key ~ ") > 64 then unhex(sha2(" ~ key
        ~ ", 256)) else encode(" ~ key ~ ", 'UTF-8') end, 64, x'00')" -%}
    {%- for name, pad in [('pii_hmac_inner', 54), ('pii_hmac_outer', 92)] -%}
        {%- call statement('set_' ~ name) -%}
            declare or replace variable {{ name }} string default array_join(transform(
                sequence(0, 63),
                i -> lpad(hex(cast(conv(substr(hex({{ block }}), 2 * i + 1, 2), 16, 10) as int) ^ {{ pad }}), 2, '0')
            ), '')
        {%- endcall -%}
    {%- endfor -%}
    {%- call statement('set_pii_noise_secret') -%}
        declare or replace variable pii_noise_secret string default substr(
            {{ sha256_hex("unhex(" ~ session_variable('pii_hmac_outer') ~ ") || unhex("
                ~ sha256_hex("unhex(" ~ session_variable('pii_hmac_inner') ~ ") || "
                    ~ utf8_bytes("'fashion_retail/phone-noise'"))
                ~ ")") }},
            1,
            32
        )
    {%- endcall -%}
    {{ return('') }}
{%- endmacro %}
