{% test scd2_windows_valid(model, natural_key) %}
    {#- For every natural key of an SCD type 2 dimension: exactly one current
        row, the current row is the last one, and each version's valid_to is the
        next version's valid_from (no overlap, no gap). Returns offending rows. -#}
    with

    ordered as (
        select
            {{ natural_key }} as natural_key,
            valid_from,
            valid_to,
            is_current,
            lead(valid_from) over (
                partition by {{ natural_key }} order by valid_from
            ) as next_valid_from,
            sum(case when is_current then 1 else 0 end) over (
                partition by {{ natural_key }}
            ) as current_rows
        from {{ model }}
    )

    select *
    from ordered
    where
        current_rows != 1
        or valid_from >= valid_to
        or (next_valid_from is not null and valid_to != next_valid_from)
        or (next_valid_from is null and not is_current)
        or (next_valid_from is not null and is_current)
{% endtest %}
