{% macro unusable_rows(relation, key, required=[]) -%}
    {#- Rows of a staging relation whose key or version time could not be used:
        they can be neither repaired nor placed in history, so they go to
        quarantine with the reason (the first that applies):
        - unreadable_<key>: the key is not a whole number;
        - non_canonical_<key>: it is one, but not written as the source writes
          its keys (' 42 ', '00012', '-3'; see parse_id): never guessed to be
          key 42 or 12;
        - unreadable_updated_at: the version time is not a timestamp;
        - updated_at_out_of_range: it is one, but not a plausible time
          (plausible_time: year 9999, after the data's as-of date, before
          1900), which would break the key's history;
        - unusable_<column>: a column of `required` (another time of the
          row's grain) is missing or not plausible. -#}
    select
        raw_{{ key }},
        raw_updated_at,
        case
            when {{ key }} is null and {{ parse_integer('raw_' ~ key) }} is null
                then 'unreadable_{{ key }}'
            when {{ key }} is null then 'non_canonical_{{ key }}'
            when updated_at is null and {{ parse_timestamp('raw_updated_at') }} is null
                then 'unreadable_updated_at'
            when updated_at is null then 'updated_at_out_of_range'
            {%- for column in required %}
            when {{ column }} is null then 'unusable_{{ column }}'
            {%- endfor %}
        end as quarantine_reason
    from {{ relation }}
    where not ({{ usable_row(key, required) }})
{%- endmacro %}
