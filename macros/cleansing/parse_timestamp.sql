{% macro parse_timestamp(expr, order='mdy') -%}
    {#- A timestamp (UTC when the text gives a zone) from the ways exports
        write one; null when the text cannot be read unambiguously (never a
        guess). The date is whatever parse_date(expr, order) reads (so the
        same shapes, languages and order hint); the time after it may be
        'HH:MM', 'HH:MM:SS', with a fraction ('.' or ',', up to nine digits,
        kept to the microsecond), with AM/PM ('2:30 PM', '2:30 p.m.'), after
        'T' or a space, and with a zone: 'Z', 'UTC', 'GMT', 'UT' or an offset
        ('+01:00', '-0500', '+01'), which is subtracted to give UTC; RFC 2822
        ('Tue, 05 Mar 2024 14:12:00 +0000') is one of these shapes. A date
        without a time is its midnight. An hour past 23 (or past 12 with
        AM/PM), a minute or second past 59, a zone name other than those four
        ('EST' names two offsets) and anything else are null.
        'YYYY-MM-DD HH:MM:SS' (or with 'T'), the usual case, takes a short
        path of one pattern and one cast (both engines cast exactly that
        shape; a cast is several times cheaper than strptime). -#}
    {%- set raw = "trim(" ~ text_of(expr) ~ ")" -%}
    {%- set s = "trim(" ~ replace_all(text_of(expr),
        '[\\s\\x{a0}\\x{2000}-\\x{200b}\\x{202f}\\x{3000}\\x{feff}]+', ' ') ~ ")" -%}
    {%- set clock = '([0-9]{1,2}):([0-9]{2})(?::([0-9]{2})(?:[.,]([0-9]{1,9}))?)?' -%}
    {%- set meridiem = '(?: ?([AaPp])\\.? ?[Mm]\\.?)?' -%}
    {%- set zone = '(?: ?(?:Z|UTC|GMT|UT|([+-])([0-9]{2}):?([0-9]{2})?))?' -%}
    {%- set groups = [] -%}
    {%- for number in range(1, 9) -%}
        {%- do groups.append(regex_group(number)) -%}
    {%- endfor -%}
    {#- 'YYYY-MM-DD|hour|minute|second|fraction|meridiem|sign|offset
        hours|offset minutes' when the text ends with a time, the date and
        the text otherwise; null when parse_date reads no date. Computed
        once (with_value), the pieces read from it by position. -#}
    {%- set parts = "cast(" ~ parse_date(expr, order) ~ " as " ~ dbt.type_string() ~ ") || "
        ~ replace_all(s, '^.*?[T ]' ~ clock ~ meridiem ~ zone ~ '$', '|' ~ groups | join('|')) -%}
    {%- set part = {'date': "substr(time_parts, 1, 10)"} -%}
    {%- for name in ['hour', 'minute', 'second', 'fraction', 'meridiem', 'sign',
        'offset_hours', 'offset_minutes'] -%}
        {%- do part.update({name: "split_part(time_parts, '|', " ~ (loop.index + 1) ~ ")"}) -%}
    {%- endfor -%}
    {%- set hour -%}
        case lower({{ part.meridiem }})
            when '' then {{ part.hour }}
            when 'a' then case when {{ part.hour }} = '12' then '0'
                when cast({{ part.hour }} as int) between 1 and 11 then {{ part.hour }} end
            when 'p' then case when {{ part.hour }} = '12' then '12'
                when cast({{ part.hour }} as int) between 1 and 11
                    then cast(cast({{ part.hour }} as int) + 12 as {{ dbt.type_string() }}) end
        end
    {%- endset -%}
    {%- set local -%}
        {{ try_to_timestamp(
            part.date ~ " || ' ' || lpad(" ~ hour ~ ", 2, '0') || ':' || " ~ part.minute
            ~ " || ':' || coalesce(nullif(" ~ part.second ~ ", ''), '00') || '.' || "
            ~ "substr(" ~ part.fraction ~ " || '000000', 1, 6)",
            '%Y-%m-%d %H:%M:%S.%f') }}
    {%- endset -%}
    {%- set offset_minutes -%}
        case when {{ part.sign }} = '-' then -1 else 1 end * (
            coalesce(cast(nullif({{ part.offset_hours }}, '') as int), 0) * 60
            + coalesce(cast(nullif({{ part.offset_minutes }}, '') as int), 0))
    {%- endset -%}
    {%- set from_parts -%}
        case
            when substr(time_parts, 11, 1) != '|'
                then cast({{ part.date }} as {{ dbt.type_timestamp() }})
            when {{ part.offset_minutes }} = ''
                or cast({{ part.offset_minutes }} as int) < 60
                then {{ local }} - interval '1' minute * ({{ offset_minutes }})
        end
    {%- endset -%}
    case
        when {{ full_match(raw, '[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}') }}
            then try_cast(replace({{ raw }}, 'T', ' ') as {{ dbt.type_timestamp() }})
        else {{ with_value(parts, 'time_parts', from_parts) }}
    end
{%- endmacro %}
