{% test max_duplicate_share(model, columns, max_share) %}
    {#- Raw feeds may repeat rows (the generator injects exact duplicates at a
        documented rate), so uniqueness cannot be promised; this bounds it.
        Fails when more than max_share of the rows repeat an earlier row's
        values of `columns`. -#}
    with

    counted as (
        select
            {{ columns | join(', ') }},
            count(*) as copies
        from {{ model }}
        group by {{ columns | join(', ') }}
    ),

    share as (
        select
            sum(copies - 1) as duplicate_rows,
            sum(copies) as total_rows
        from counted
    )

    select * from share
    where duplicate_rows > {{ max_share }} * total_rows
{% endtest %}
