{% macro parse_id(expr) -%}
    {#- An identifier (a key or a reference) written exactly as the source
        writes its ids: digits without a sign, spaces or leading zeros ('0'
        itself allowed), at most 18 of them. ' 42 ', '00012', '+42' and '-3'
        are not read as 42, 12 or -3: a wrong key would file the row under
        somebody else (a new version of customer 42), so they give null and the
        row is quarantined (non_canonical_<key>, see unusable_rows) or its
        reference re-pointed to the unknown member. The value must also
        survive the round trip through bigint unchanged, which rules out what
        a pattern alone lets through on some engines (Java's '$' accepts a
        trailing line break). -#}
    {%- set s = "cast(" ~ expr ~ " as " ~ dbt.type_string() ~ ")" -%}
    case
        when
            {{ full_match(s, '0|[1-9][0-9]{0,17}') }}
            and cast(try_cast({{ s }} as bigint) as {{ dbt.type_string() }}) = {{ s }}
            then try_cast({{ s }} as bigint)
    end
{%- endmacro %}
