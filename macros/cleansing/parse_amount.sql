{% macro parse_amount(expr, decimal_separator='.') -%}
    {#- Money as decimal(18, 2); null when the value cannot be read
        unambiguously under its hint (never a guess). `decimal_separator` is
        the source's decimal mark: '.' (the default: US, UK, Canada,
        Switzerland, Japan) or ',' (most of Europe, Latin America).
        - A currency marker (currency_markers(): a symbol or ISO code, any
          case) before or after the number, with or without a space, is
          dropped: '$1,234.50', 'US$5', '12.00 GBP', '67.036,75 €', 'R$ 10,00'.
        - Negative: '-12', '$-12', '-$12', accounting '(12)' / '($12)', and a
          trailing minus '12-'; a Unicode minus '−' reads as '-'. Two signs
          ('--12', '(-12)', '-12-') are null.
        - Thousands separators must group by three after a first group of one
          to three digits not starting with 0: with '.' decimals ',', a space
          or an apostrophe (1'234.50); with ',' decimals '.' or a space. Spaces
          are any Unicode space (no-break, narrow, thin), and spaces around
          the value (a stray tab, carriage return) are ignored. '0,500' is
          null under '.' and 0.50 under ','.
        - At most two decimals count: more are allowed when they are zeros
          ('1,500' under ',' is 1.50); '1.234' under '.' is null, since rounding
          it would change the value.
        A typed number (integer, decimal, double) is its value when it has at
        most two decimals (a double: when it is the double nearest to such a
        value), else null. A plain number ('1234.50', '1,234.50') is read by
        one match and a cast; anything else by one match of the whole shape
        (no capture: cheap even with hundreds of markers), one deletion of
        all but digits, decimal mark and signs, and one small rewrite that
        puts the sign first. The expression stays small where models repeat
        it. -#}
    {%- if decimal_separator not in ['.', ','] -%}
        {{ exceptions.raise_compiler_error(
            "parse_amount: decimal_separator must be '.' or ',', got '"
            ~ decimal_separator ~ "'") }}
    {%- endif -%}
    {%- set raw = "cast(" ~ expr ~ " as " ~ dbt.type_string() ~ ")" -%}
    {%- set space = '[' ~ unicode_spaces() ~ ']' -%}
    {#- the decimal mark and the group marks of the hint, as patterns -#}
    {%- if decimal_separator == '.' -%}
        {%- set point, groups = '\\.', [',', space, "['’]"] -%}
        {%- set plain_number = "replace(" ~ raw ~ ", ',', '')" -%}
    {%- else -%}
        {%- set point, groups = ',', ['\\.', space] -%}
        {%- set plain_number = "replace(replace(" ~ raw ~ ", '.', ''), ',', '.')" -%}
    {%- endif -%}
    {%- set grouped = [] -%}
    {%- for mark in groups -%}
        {%- do grouped.append('(?:' ~ mark ~ '[0-9]{3})+') -%}
    {%- endfor -%}
    {%- set number = '(?:[1-9][0-9]{0,2}(?:' ~ grouped | join('|') ~ ')|[0-9]+)(?:'
        ~ point ~ '[0-9]{1,2}0*)?' -%}
    {#- the whole value: '(', a sign, a marker, a sign, the number, a minus,
        a marker, a minus, ')', each optional, spaces anywhere between -#}
    {%- set marker = '(?:' ~ currency_marker_pattern() ~ ')' -%}
    {%- set shape = space ~ '*\\(?' ~ space ~ '*[-−+]?' ~ space ~ '*(?:' ~ marker ~ space
        ~ '*)?[-−+]?' ~ space ~ '*' ~ number ~ space ~ '*[-−]?(?:' ~ space ~ '*' ~ marker
        ~ ')?' ~ space ~ '*[-−]?' ~ space ~ '*\\)?' ~ space ~ '*' -%}
    {%- set text = "lower(" ~ raw ~ ")" -%}
    {#- Of a value of that shape, only the digits, the decimal mark and the
        signs (and the dots of a marker such as 'kr.') are kept; then the
        sign goes first: '(', ')' and the number make '()' + number, the
        accounting minus; a trailing minus comes first. Two signs fail the
        rewrite or the cast. -#}
    {%- set kept = replace_all(text, '[^0-9' ~ point ~ '()+−-]+') -%}
    {%- set signed = replace_all(kept,
        '^\\.*([(+−-]?)\\.*([0-9](?:[0-9' ~ point ~ ']*[0-9])?)\\.*([)−-]?)\\.*$',
        regex_group(1) ~ regex_group(3) ~ regex_group(2)) -%}
    {%- set signed = "replace(replace(" ~ signed ~ ", '()', '-'), '−', '-')" -%}
    {%- if decimal_separator == ',' -%}
        {%- set signed = "replace(" ~ signed ~ ", ',', '.')" -%}
    {%- endif -%}
    case
        when {{ full_match("lower(typeof(" ~ expr ~ "))",
            'u?(tiny|small|big|huge)?int(eger)?|float|double|decimal\\(.*\\)') }}
            then case
                when try_cast({{ expr }} as decimal(18, 2)) = try_cast({{ expr }} as double)
                    then try_cast({{ expr }} as decimal(18, 2))
            end
        {#- most values are a plain number, grouped or not #}
        when {{ full_match(raw, '-?(?:[0-9]{1,16}|[1-9][0-9]{0,2}' ~ grouped[0] ~ ')(?:'
            ~ point ~ '[0-9]{1,2})?') }}
            then try_cast({{ plain_number }} as decimal(18, 2))
        when {{ full_match(text, shape) }}
            then try_cast({{ signed }} as decimal(18, 2))
    end
{%- endmacro %}
