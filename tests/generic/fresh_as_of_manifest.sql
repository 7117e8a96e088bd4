{% test fresh_as_of_manifest(model, column_name, max_age_days) %}
    {#- Freshness against the data's own as-of date (the manifest's end_date),
        unreadable timestamps count as missing,
        not the wall clock: the synthetic history ends on a fixed day, so dbt's
        source freshness would always be stale. Fails when the newest value of
        column_name is more than max_age_days older than the as-of date. -#}
    with

    newest as (
        select
            max({{ parse_timestamp(column_name) }}) as newest_at
        from {{ model }}
    ),

    as_of as (
        select
            max({{ parse_date('end_date') }}) as as_of_at
        from {{ source('raw', 'generation_manifest') }}
    ),

    compared as (
        select
            newest.newest_at,
            as_of.as_of_at
        from newest
        cross join as_of
    )

    select * from compared
    where
        newest_at is null
        or newest_at < {{ dbt.dateadd('day', -1 * max_age_days, 'as_of_at') }}
{% endtest %}
