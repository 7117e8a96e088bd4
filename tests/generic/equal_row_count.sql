{% test equal_row_count(model, compare_model, compare_where=none) %}
    {#- Fails when the model and compare_model (its rows that satisfy
        compare_where, when given) hold different numbers of rows: a model that
        must keep every row of its input lost or added some. -#}
    with

    counts as (
        select
            (select count(*) from {{ model }}) as model_rows,
            (
                select count(*) from {{ compare_model }}
                {%- if compare_where %}
                where {{ compare_where }}
                {%- endif %}
            ) as compare_rows
    )

    select * from counts
    where model_rows != compare_rows
{% endtest %}
