{% macro with_steps(steps, result) -%}
    {#- `result`, in which each of `steps` ([name, expression] pairs, each
        expression reading the names before it) stands for its value,
        computed once. -#}
    {{ return(adapter.dispatch('with_steps', 'fashion_retail')(steps, result)) }}
{%- endmacro %}

{% macro default__with_steps(steps, result) -%}
    {#- Spark: nested with_value lambdas (a pattern in a lambda is compiled
        once; Spark's decorrelation of a subquery whose nested selects read
        an outer column fails with 'key not found') -#}
    {%- set nested = namespace(sql=result) -%}
    {%- for name, expression in steps | reverse -%}
        {%- set nested.sql = with_value(expression, name, nested.sql) -%}
    {%- endfor -%}
    {{ nested.sql }}
{%- endmacro %}

{% macro duckdb__with_steps(steps, result) -%}
    {#- DuckDB: a scalar subquery of nested selects, each step computed in
        the first select after the steps it reads (so the nesting stays
        shallow); a pattern is then a constant of a plain projection,
        compiled once per query, where in a lambda it is compiled again for
        every vector. -#}
    {%- set depth = {} -%}
    {%- set levels = [] -%}
    {%- for name, expression in steps -%}
        {%- set level = namespace(number=0) -%}
        {%- for earlier, earlier_level in depth.items() -%}
            {%- if modules.re.search('\\b' ~ earlier ~ '\\b', expression)
                and earlier_level >= level.number -%}
                {%- set level.number = earlier_level + 1 -%}
            {%- endif -%}
        {%- endfor -%}
        {%- do depth.update({name: level.number}) -%}
        {%- if levels | length <= level.number -%}
            {%- do levels.append([]) -%}
        {%- endif -%}
        {%- do levels[level.number].append(expression ~ " as " ~ name) -%}
    {%- endfor -%}
    {%- set nested = namespace(sql="(select " ~ levels[0] | join(", ") ~ ")") -%}
    {%- for columns in levels[1:] -%}
        {%- set nested.sql = "(select\n    *,\n    " ~ columns | join(",\n    ")
            ~ "\nfrom " ~ nested.sql ~ " as steps_" ~ loop.index ~ ")" -%}
    {%- endfor -%}
    (select max({{ result }}) from {{ nested.sql }} as steps_result)
{%- endmacro %}
