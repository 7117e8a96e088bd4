{% macro with_value(value_expr, name, body) -%}
    {#- `body` with `name` standing for the value of `value_expr`, computed
        once: a one-element list mapped by a lambda. For a long expression that
        a body would otherwise repeat (a keyed digest read in several slices). -#}
    {{ return(adapter.dispatch('with_value', 'fashion_retail')(value_expr, name, body)) }}
{%- endmacro %}

{% macro default__with_value(value_expr, name, body) -%}
    element_at(transform(array({{ value_expr }}), {{ name }} -> {{ body }}), 1)
{%- endmacro %}

{% macro duckdb__with_value(value_expr, name, body) -%}
    list_transform([{{ value_expr }}], {{ name }} -> {{ body }})[1]
{%- endmacro %}
