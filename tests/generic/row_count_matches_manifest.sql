{% test row_count_matches_manifest(model) %}
    {#- Fails when a raw table holds a different number of rows than the
        generator's manifest says it wrote: a truncated or doubled load. -#}
    with

    actual as (
        select count(*) as row_count from {{ model }}
    ),

    expected as (
        select cast(row_count as {{ dbt.type_bigint() }}) as row_count
        from {{ source('raw', 'generation_manifest') }}
        where table_name = '{{ model.identifier }}'
    ),

    compared as (
        select
            actual.row_count as actual_rows,
            expected.row_count as expected_rows
        from actual
        left join expected on 1 = 1
    )

    select * from compared
    where expected_rows is null or actual_rows != expected_rows
{% endtest %}
