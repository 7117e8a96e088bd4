{% macro edit_distance(a, b) -%}
    {{ return(adapter.dispatch('edit_distance', 'fashion_retail')(a, b)) }}
{%- endmacro %}

{% macro duckdb__edit_distance(a, b) -%}
    damerau_levenshtein({{ a }}, {{ b }})
{%- endmacro %}

{% macro default__edit_distance(a, b) -%}
    {#- Spark has no Damerau-Levenshtein: the optimal string alignment distance
        (insertions, deletions, substitutions and swaps of adjacent characters,
        no substring edited twice), by dynamic programming over the rows of
        the edit matrix with higher-order functions. It equals DuckDB's
        Damerau-Levenshtein except where a swap and an insertion between the
        swapped characters combine ('ca' to 'abc': 3 here, 2 there). -#}
    case
        when {{ a }} is null or {{ b }} is null then null
        when length({{ a }}) = 0 then length({{ b }})
        when length({{ b }}) = 0 then length({{ a }})
        else aggregate(
                sequence(1, length({{ a }})),
                named_struct(
                    'before', sequence(0, length({{ b }})),
                    'previous', sequence(0, length({{ b }}))
                ),
                (rows, i) -> named_struct(
                    'before', rows.previous,
                    'previous', aggregate(
                        sequence(1, length({{ b }})),
                        array(i),
                        (row, j) -> concat(row, array(least(
                            element_at(rows.previous, j + 1) + 1,
                            element_at(row, j) + 1,
                            element_at(rows.previous, j)
                            + if(substr({{ a }}, i, 1) = substr({{ b }}, j, 1), 0, 1),
                            if(
                                i > 1 and j > 1
                                and substr({{ a }}, i, 1) = substr({{ b }}, j - 1, 1)
                                and substr({{ a }}, i - 1, 1) = substr({{ b }}, j, 1),
                                element_at(rows.before, j - 1) + 1,
                                i + j
                            )
                        )))
                    )
                ),
                rows -> element_at(rows.previous, length({{ b }}) + 1)
        )
    end
{%- endmacro %}
