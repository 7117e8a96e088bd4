{% macro parse_date(expr, order='mdy') -%}
    {#- A date from the ways exports write one; null when the text cannot be
        read unambiguously (never a guess). `order` is the source's order of
        day, month and year for all-number dates whose year is last: 'mdy'
        (US, the default: '03/05/2024' is March 5), 'dmy' (Europe, Latin
        America: May 3) or 'ymd' (then a year-last date is null). Read
        whatever the hint:
        - ISO dates, with a time, fraction and zone or not ('2024-03-05',
          '2024-03-05T14:12:00Z'), year-first dates with '/', '.' or '-', and
          eight digits 'YYYYMMDD' (with a time or not);
        - a named month in English, German, French, Spanish, Italian,
          Portuguese or Dutch (month_names()), full or abbreviated, with or
          without accents, dots or commas, after a weekday, with an ordinal
          ('5th', '1er') or 'de' ('March 5th, 2024', 'Dienstag, 5. März 2024',
          '5 de marzo de 2024', '5-Mar-2024', '2024 Mar 05').
        A time after the date, with a zone or not (parse_timestamp's times),
        is allowed and ignored: the date is the one the text writes. Two-digit years (which
        century?), impossible dates ('2024-02-30'), unknown words and anything
        else are null. Unicode spaces are read as spaces. Each shape is
        rewritten to year, month and day by one regexp_replace, so the
        expression stays small where models repeat it. -#}
    {%- if order not in ['mdy', 'dmy', 'ymd'] -%}
        {{ exceptions.raise_compiler_error(
            "parse_date: order must be 'mdy', 'dmy' or 'ymd', got '" ~ order ~ "'") }}
    {%- endif -%}
    {%- set raw = "trim(" ~ text_of(expr) ~ ")" -%}
    {%- set s = "trim(" ~ replace_all(text_of(expr),
        '[\\s\\x{a0}\\x{2000}-\\x{200b}\\x{202f}\\x{3000}\\x{feff}]+', ' ') ~ ")" -%}
    {%- set zone = '( ?(Z|UTC|GMT|UT|[+-][0-9]{2}(:?[0-9]{2})?))?' -%}
    {%- set time = '((T|,? )[0-9]{1,2}:[0-9]{2}(:[0-9]{2}([.,][0-9]{1,9})?)?( ?[AaPp]\\.? ?[Mm]\\.?)?'
        ~ zone ~ ')?' -%}
    {%- set year_first = '([0-9]{4})[/.-]([0-9]{1,2})[/.-]([0-9]{1,2})' -%}
    {%- set year_last = '([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})' -%}
    {%- set g = {} -%}
    {%- for number in range(1, 10) -%}
        {%- do g.update({number: regex_group(number)}) -%}
    {%- endfor -%}
    {#- named months: lower case; '.', ',' and '-' as spaces; the Spanish and
        Portuguese 'de' dropped; one space between words. Then up to two words
        (a weekday: 'tue', 'terça feira') and day, month and year in one of
        three orders; the groups of the other orders are empty. -#}
    {%- set n = "trim(replace(" ~ replace_all(
        "lower(" ~ s ~ ")", '[ .,-]+', ' ') ~ ", ' de ', ' '))" -%}
    {%- set day = '([0-9]{1,2})(?:st|nd|rd|th|er|e|º|ª)?' -%}
    {%- set named = '(?:[^ 0-9]+ ){0,2}?(?:' ~ day ~ ' ([^ 0-9]+) ([0-9]{4})|([^ 0-9]+) '
        ~ day ~ ' ([0-9]{4})|([0-9]{4}) ([^ 0-9]+) ([0-9]{1,2}))'
        ~ '( [0-9]{1,2}:[0-9]{2}(:[0-9]{2}( [0-9]{1,9})?)?( ?[ap] ?m)?'
        ~ '( ?(z|utc|gmt|ut|[+]?[0-9]{2}(:?[0-9]{2})?))?)?' -%}
    {%- set ymd = replace_all(n, '^' ~ named ~ '$', g[3] ~ g[6] ~ g[7] ~ '/' ~ g[2] ~ g[4]
        ~ g[8] ~ '/' ~ g[1] ~ g[5] ~ g[9]) -%}
    case
        when {{ full_match(raw,
            '[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.,][0-9]{1,9})?)?'
            ~ zone ~ ')?') }}
            then try_cast(substr({{ raw }}, 1, 10) as date)
        when {{ full_match(s, year_first ~ time) }}
            then {{ try_to_date(replace_all(s, '^' ~ year_first ~ '.*$',
                g[1] ~ '-' ~ g[2] ~ '-' ~ g[3]), '%Y-%-m-%-d') }}
        {%- if order != 'ymd' %}
        when {{ full_match(s, year_last ~ time) }}
            then {{ try_to_date(replace_all(s, '^' ~ year_last ~ '.*$',
                g[3] ~ '-' ~ (g[1] ~ '-' ~ g[2] if order == 'mdy' else g[2] ~ '-' ~ g[1])),
                '%Y-%-m-%-d') }}
        {%- endif %}
        when {{ full_match(s, '[0-9]{8}' ~ time) }}
            then {{ try_to_date("substr(" ~ s ~ ", 1, 8)", '%Y%m%d') }}
        when {{ full_match(n, named) }}
            then {{ date_from_parts(
                "split_part(" ~ ymd ~ ", '/', 1)",
                month_number("split_part(" ~ ymd ~ ", '/', 2)", month_names()),
                "split_part(" ~ ymd ~ ", '/', 3)") }}
    end
{%- endmacro %}
