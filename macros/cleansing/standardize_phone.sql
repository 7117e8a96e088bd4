{% macro standardize_phone(expr, default_region='US') -%}
    {#- A phone number in E.164 ('+' and the digits of the calling code and
        national number), read as Google's libphonenumber reads it, from the
        numbering plan (phone_numbering_plan(), rendered with the
        phone_numbering_plan seed); null when the value is not a number that
        exists, never a guess. Numbers written without '+' or an exit prefix
        are national numbers of `default_region` (an ISO 3166 code, 'US' by
        default).
        1. the text: a number (an integer, or a decimal or double of integral
           value) is its digits; Unicode spaces are spaces; a 'tel:' URI
           loses its parameters (one with a phone-context is null); an
           extension at the end ('x12', 'ext. 12', 'extension 12', '#12',
           ';ext=12', ',,12', '- 12#') is dropped;
        2. what is left is '+' (or '(+'), at least three digits, then digits,
           letters and the separators space . - ( ) / ~; letters (three or
           more, as in 1-800-FLOWERS) are keypad digits, one or two are null;
        3. '+' or the default region's exit prefix (not followed by 0) starts
           an international number: a calling code, then the national number,
           from which the trunk prefix of the calling code's main region is
           stripped ('+44 (0)20 ...') as libphonenumber strips it. Otherwise a
           national number of the default region, its trunk prefix stripped
           (its calling code in front, '1 212 ...', is read as
           libphonenumber reads it);
        4. the result is kept when it is a number of its calling code that
           exists (fixed line, mobile, toll-free and the other kinds; and, where
           a kind's pattern is wider, the general pattern of the calling code's
           numbers): impossible ranges, unassigned area codes and wrong
           lengths are null.
        Each step is computed once (with_steps: nested selects of a scalar
        subquery on DuckDB, lambdas on Spark); the numbers that exist are
        tested by the calling code's first digit, nine patterns RE2 runs in
        its fast mode (one pattern of every country exhausts its memory and
        crawls). -#}
    {%- set plan = phone_numbering_plan() -%}
    {%- if default_region not in plan.regions -%}
        {{ exceptions.raise_compiler_error(
            "standardize_phone: default_region must be a region of the numbering plan"
            ~ " (an ISO 3166 code such as 'US' or 'GB'), got '" ~ default_region ~ "'") }}
    {%- endif -%}
    {%- set region = plan.regions[default_region] -%}
    {%- set main = plan.regions[region.main_region] -%}
    {%- set steps = [] -%}
    {#- 1. the text, tel: parameters and an extension removed -#}
    {%- set kind = "lower(typeof(" ~ expr ~ "))" -%}
    {%- set raw -%}
        case
            when {{ kind }} in ('tinyint', 'smallint', 'int', 'integer', 'bigint', 'hugeint',
                'utinyint', 'usmallint', 'uinteger', 'ubigint', 'uhugeint', 'float',
                'real', 'double') or {{ kind }} like 'decimal%'
                then regexp_extract(
                    cast(try_cast({{ expr }} as decimal(38, 3)) as {{ dbt.type_string() }}),
                    {{ regex_literal('^([0-9]+)[.]000$') }}, 1)
            else cast({{ expr }} as {{ dbt.type_string() }})
        end
    {%- endset -%}
    {%- set spaced = "trim(" ~ replace_all(raw,
        '[\\s\\x{a0}\\x{2000}-\\x{200b}\\x{202f}\\x{3000}\\x{feff}]+', ' ') ~ ")" -%}
    {%- set uri = replace_all(replace_all(spaced, '^tel:.*;phone-context=.*$', '#', 'i'),
        '^tel:([^;]*)(;.*)?$', regex_group(1), 'i') -%}
    {%- set extension = '(?:;ext=[0-9]{1,20}'
        ~ '|[ ,]*(?:e?xt(?:ensi(?:o|ó))?n?|anexo)[:.]?[ ,-]*[0-9]{1,20}#?'
        ~ '|[ ,]*(?:[x#~]|int)[:.]?[ ,-]*[0-9]{1,9}#?'
        ~ '|[- ]+[0-9]{1,6}#'
        ~ '| *(?:,,|;)[:.]?[ ,-]*[0-9]{1,15}#?'
        ~ '| *,+[:.]?[ ,-]*[0-9]{1,9}#?)$' -%}
    {%- do steps.append(['phone__text', replace_all(uri, extension, '', 'i')]) -%}
    {#- 2. '+' and digits, letters read on a keypad -#}
    {%- set keypad -%}
        case
            when {{ regex_contains('phone__text', '[A-Za-z]') }}
                then translate(upper(phone__text), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
                    '22233344455566677778889999')
            else phone__text
        end
    {%- endset -%}
    {%- set digits -%}
        case
            when {{ full_match('phone__text',
                '[(]?[+]?(?:[ .()/~-]*[0-9]){3}[0-9A-Za-z .()/~-]*') }}
                and not {{ full_match('phone__text', '[^A-Za-z]*(?:[A-Za-z][^A-Za-z]*){1,2}') }}
                then case when phone__text like '+%' or phone__text like '(+%' then '+' else '' end
                    || {{ replace_all(keypad, '[^0-9]', '') }}
        end
    {%- endset -%}
    {%- do steps.append(['phone__digits', digits]) -%}
    {#- 3. an international number after '+' or the exit prefix (a calling
        code cannot start with 0), '' for a national one -#}
    {%- set exit_prefix = region.exit_prefix -%}
    {%- set international -%}
        case
            when phone__digits like '+%' then substr(phone__digits, 2)
            {%- if exit_prefix.isdigit() %}
            when phone__digits like '{{ exit_prefix }}%'
                and phone__digits not like '{{ exit_prefix }}0%'
                then substr(phone__digits, {{ exit_prefix | length + 1 }})
            {%- else %}
            else regexp_extract(
                {{ replace_all('phone__digits', '^(?:' ~ exit_prefix ~ ')', '#') }},
                {{ regex_literal('^#([1-9][0-9]*)$') }}, 1)
            {%- endif %}
        end
    {%- endset -%}
    {%- do steps.append(['phone__intl', "coalesce(" ~ international ~ ", '')"]) -%}
    {%- set international = _phone_international('phone__intl', plan, steps) -%}
    {%- set national = _phone_national('phone__digits', region, main, steps) -%}
    {%- set e164 -%}
        case
            when phone__intl != '' then {{ international }}
            else {{ national }}
        end
    {%- endset -%}
    {%- do steps.append(['phone__e164', e164]) -%}
    {#- 4. a number that exists -#}
    {%- set exists -%}
        case left(phone__e164, 1)
            {%- for digit, pattern in plan.valid_by_first_digit.items() %}
            when '{{ digit }}' then {{ full_match('phone__e164', pattern) }}
            {%- for code, general in plan.general_where_kinds_escape.items()
                if code.startswith(digit) %}
                and (phone__e164 not like '{{ code }}%' or {{ full_match('phone__e164', general) }})
            {%- endfor %}
            {%- endfor %}
        end
    {%- endset -%}
    {{ with_steps(steps, "case when " ~ exists ~ " then '+' || phone__e164 end") }}
{%- endmacro %}


{% macro _phone_international(number, plan, steps) -%}
    {#- The E.164 digits of calling code and national number `number` (a
        step), the trunk prefix of the calling code's main region stripped as
        libphonenumber strips it: when the rest matches that region's general
        pattern or the number as written does not (the general pattern is
        consulted only where a trunk prefix may begin a national number), and
        not to a length that is only local there. A rewritten trunk prefix
        (Argentina's '15', a Brazilian carrier code) gets its digits. Adds
        its steps to `steps`. -#}
    {%- set groups = [] -%}
    {%- for number_of_group in range(1, plan.trunk_rewrite_groups + 1) -%}
        {%- do groups.append(regex_group(number_of_group)) -%}
    {%- endfor -%}
    {%- do steps.append(['phone__code', "case when " ~ number ~ " != '' then regexp_extract("
        ~ number ~ ", " ~ regex_literal('^(' ~ plan.calling_codes ~ ')') ~ ", 1) end"]) -%}
    {%- do steps.append(['phone__trunk', "case when " ~ number ~ " != '' then "
        ~ replace_all(number, '^(?:' ~ plan.trunk_after_code ~ ')',
            '<' ~ groups | join('') ~ '>') ~ " end"]) -%}
    {%- set stripped -%}
        phone__code || case
            when phone__trunk like '<>%' then substr(phone__trunk, 3)
            else case phone__code
                {%- for calling_code, prefix in plan.trunk_rewrite_prefixes.items() %}
                when '{{ calling_code }}' then '{{ prefix }}'
                {%- endfor %}
                else ''
            end || replace(substr(phone__trunk, 2), '>', '')
        end
    {%- endset -%}
    {%- do steps.append(['phone__stripped', stripped]) -%}
    {%- set general = plan.general_where_trunk_begins -%}
    {%- set strip = "phone__trunk like '<%' and (not " ~ full_match(number, general)
        ~ " or " ~ full_match('phone__stripped', general) ~ ")" -%}
    {%- if plan.trunk_blocked_lengths -%}
        {%- set strip = strip ~ " and not "
            ~ full_match('phone__stripped', plan.trunk_blocked_lengths) -%}
    {%- endif -%}
    {{ return("case when " ~ strip ~ " then phone__stripped else " ~ number ~ " end") }}
{%- endmacro %}


{% macro _phone_national(number, region, main, steps) -%}
    {#- The E.164 digits of national number `number` (a step) of the default
        region: its calling code in front is read as the calling code when
        libphonenumber reads it so (the number as written is not a national
        number by the general pattern but the rest is, or it is too long);
        then the trunk prefix is stripped. Adds its steps to `steps`. -#}
    {%- set code = region.calling_code -%}
    {%- set rest = "case when " ~ number ~ " like '" ~ code ~ "%' then substr(" ~ number
        ~ ", " ~ (code | length + 1) ~ ") end" -%}
    {%- do steps.append(['phone__after_code',
        _phone_trunk_stripped(rest, region, 'phone__after_code_trunk', steps, false)]) -%}
    {%- set after_code = _phone_trunk_stripped('phone__after_code', main,
        'phone__after_code_main_trunk', steps) -%}
    {%- set national = _phone_trunk_stripped(number, region, 'phone__national_trunk', steps) -%}
    {%- set sql -%}
        case
            when {{ number }} like '{{ code }}%'
                and (
                    (not {{ full_match(number, region.general_pattern) }}
                        and {{ full_match('phone__after_code', region.general_pattern) }})
                    or length({{ number }}) > {{ region.possible_lengths | max }}
                )
                then '{{ code }}' || {{ after_code }}
            else '{{ code }}' || {{ national }}
        end
    {%- endset -%}
    {{ return(sql) }}
{%- endmacro %}


{% macro _phone_trunk_stripped(number, region, name, steps, check_length=true) -%}
    {#- `number` (a step or an expression on steps) without the region's trunk
        prefix, as libphonenumber strips it; a rewritten prefix gets its
        digits. With check_length, not to a length libphonenumber does not
        strip to (a length of another region of the calling code that is only
        local here). Where the prefix cannot begin a national number, is not
        rewritten and no length is barred: one replacement. Otherwise the
        prefix, marked, is the step `name`. -#}
    {%- set prefix = region.trunk_prefix -%}
    {%- set blocked = region.trunk_blocked_lengths if check_length else [] -%}
    {%- if not prefix -%}
        {{ return(number) }}
    {%- elif not region.trunk_rewrites and not region.trunk_may_begin_numbers
        and not blocked -%}
        {{ return(replace_all(number, '^(?:' ~ prefix ~ ')', '')) }}
    {%- endif -%}
    {%- set last_group = modules.re.compile(prefix).groups -%}
    {%- set marker = '<' ~ (regex_group(last_group) if region.trunk_rewrites else '') ~ '>' -%}
    {%- do steps.append([name, replace_all(number, '^(?:' ~ prefix ~ ')', marker)]) -%}
    {%- set stripped -%}
        case
            when {{ name }} like '<>%' then substr({{ name }}, 3)
            else '{{ region.trunk_rewrite_prefix }}' || replace(substr({{ name }}, 2), '>', '')
        end
    {%- endset -%}
    {%- set strip = name ~ " like '<%'" -%}
    {%- if region.trunk_may_begin_numbers -%}
        {%- set strip = strip ~ " and (not " ~ full_match(number, region.general_pattern)
            ~ " or " ~ full_match(stripped, region.general_pattern) ~ ")" -%}
    {%- endif -%}
    {%- if blocked -%}
        {%- set strip = strip ~ " and length(" ~ stripped ~ ") not in ("
            ~ blocked | join(', ') ~ ")" -%}
    {%- endif -%}
    {{ return("case when " ~ strip ~ " then " ~ stripped ~ " else " ~ number ~ " end") }}
{%- endmacro %}
