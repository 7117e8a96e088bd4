{% test expression_is_true(model, expression) %}
    {#- Fails on every row of the model where the SQL expression is not true
        (false or null). -#}
    select *
    from {{ model }}
    where not coalesce({{ expression }}, false)
{% endtest %}
