{% macro clean_text(expr) -%}
    {#- 0. the value's text (text_of: any type) in Unicode normalization
           form C (nfc), so that 'e' + a combining acute accent and 'é' are
           one spelling;
        1. invisible characters are removed, not turned into spaces: NUL and
           the other control characters that are not whitespace (C0 and C1),
           and Unicode format characters (soft hyphen, zero-width space and
           joiners, byte-order mark, bidirectional marks), so 'Ma<NUL>ria' and
           'Ma<soft hyphen>ria' read 'Maria';
        2. every run of whitespace (tab, line breaks, form feed, and Unicode
           spaces and separators such as the no-break space) becomes one space,
           and the ends are trimmed;
        3. null-like tokens become null.
        Both patterns are written with escapes that RE2 (DuckDB) and Java
        (Spark) read alike. Only runs that change are matched (two or more
        whitespace characters, or one that is not a plain space): a text with
        single spaces between its words, the usual case, has no match to
        replace, which makes a 10,000-character value ten times cheaper. -#}
    {#- whitespace other than the plain space: tab, line feed, vertical tab,
        form feed, carriage return, and Unicode's space separators (the class
        Zs), line separator (Zl) and paragraph separator (Zp) -#}
    {%- set spaces -%}
        \t\n\x0b\f\r\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}
    {%- endset -%}
    {%- set visible = replace_all(
        nfc(text_of(expr)),
        '[\\x00-\\x08\\x0e-\\x1f\\x7f-\\x9f\\p{Cf}]+', '') -%}
    {%- set collapsed = replace_all(
        visible, '[ ' ~ spaces ~ '][ ' ~ spaces ~ ']+|[' ~ spaces ~ ']', ' ') -%}
    nullif(
        case
            when lower(trim({{ collapsed }})) in (
                {%- for token in var('null_tokens') -%}
                    '{{ token | replace("'", "''") }}'{{ ", " if not loop.last }}
                {%- endfor -%})
                then null
            else trim({{ collapsed }})
        end,
        ''
    )
{%- endmacro %}
