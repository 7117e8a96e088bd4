{% macro jaro_winkler_similarity(a, b) -%}
    {{ return(adapter.dispatch('jaro_winkler_similarity', 'fashion_retail')(a, b)) }}
{%- endmacro %}

{% macro duckdb__jaro_winkler_similarity(a, b) -%}
    jaro_winkler_similarity({{ a }}, {{ b }})
{%- endmacro %}

{% macro default__jaro_winkler_similarity(a, b) -%}
    {#- Spark has no Jaro-Winkler: computed as DuckDB does. Characters match
        within max(length) / 2 - 1 positions, each character of b once, the
        first free one; t is half the matched characters out of order;
        jaro = (m / |a| + m / |b| + (m - t) / m) / 3, and above 0.7 it gains
        0.1 per common leading character (up to four) of its distance to 1.
        0 when either is empty or nothing matches. -#}
    {%- set bound -%}
        greatest(greatest(length({{ a }}), length({{ b }})) div 2 - 1, 0)
    {%- endset -%}
    case
        when {{ a }} is null or {{ b }} is null then null
        when length({{ a }}) = 0 or length({{ b }}) = 0 then cast(0 as double)
        else aggregate(
            sequence(1, length({{ a }})),
            named_struct(
                'taken', array_repeat(false, length({{ b }})),
                'from_a', cast(array() as array<string>)
            ),
            (state, i) -> named_struct(
                'taken', transform(
                    state.taken,
                    (is_taken, k) -> is_taken or k + 1 = coalesce(array_min(filter(
                        sequence(1, length({{ b }})),
                        j -> abs(j - i) <= {{ bound }}
                            and not element_at(state.taken, j)
                            and substr({{ b }}, j, 1) = substr({{ a }}, i, 1)
                    )), 0)
                ),
                'from_a', if(
                    exists(
                        sequence(1, length({{ b }})),
                        j -> abs(j - i) <= {{ bound }}
                            and not element_at(state.taken, j)
                            and substr({{ b }}, j, 1) = substr({{ a }}, i, 1)
                    ),
                    concat(state.from_a, array(substr({{ a }}, i, 1))),
                    state.from_a
                )
            ),
            state -> {{ _jaro_winkler_score(a, b, 'state.from_a',
                "filter(transform(sequence(1, length(" ~ b ~ ")), j -> if(element_at(state.taken, j), substr(" ~ b ~ ", j, 1), null)), c -> c is not null)") }}
        )
    end
{%- endmacro %}

{% macro _jaro_winkler_score(a, b, from_a, from_b) -%}
    {#- jaro-winkler from the matched characters of a and of b, in order -#}
    {%- set m = "size(" ~ from_a ~ ")" -%}
    {%- set jaro -%}
        (
            {{ m }} / length({{ a }})
            + {{ m }} / length({{ b }})
            + ({{ m }} - size(filter(
                sequence(1, {{ m }}),
                k -> element_at({{ from_a }}, k) != element_at({{ from_b }}, k)
            )) div 2) / {{ m }}
        ) / 3
    {%- endset -%}
    {%- set prefix -%}
        size(filter(
            sequence(1, least(4, length({{ a }}), length({{ b }}))),
            k -> substr({{ a }}, 1, k) = substr({{ b }}, 1, k)
        ))
    {%- endset -%}
    case
        when {{ m }} = 0 then cast(0 as double)
        when {{ jaro }} > 0.7 then {{ jaro }} + {{ prefix }} * 0.1 * (1 - {{ jaro }})
        else {{ jaro }}
    end
{%- endmacro %}
