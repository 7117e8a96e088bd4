{% test equal_row_count(model, compare_model) %}
    {#- Fails when the model and compare_model hold different numbers of rows:
        a model that must keep every row of its input lost or added some. -#}
    with

    counts as (
        select
            (select count(*) from {{ model }}) as model_rows,
            (select count(*) from {{ compare_model }}) as compare_rows
    )

    select * from counts
    where model_rows != compare_rows
{% endtest %}
