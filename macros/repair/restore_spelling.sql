{% macro restore_spelling(column, relation) -%}
    {#- Case and spacing noise undone by majority: the value of `relation`.`column`
        (in a query reading `relation` under its own name) becomes the most
        frequent spelling, in the whole column, of the values equal to it ignoring
        case. Spellings in all capitals or all lower case do not vote (they are the
        usual noise); a value with no other spelling to go by that is in shouting
        or whispering case is proper-cased instead. -#}
    {%- set value = relation ~ "." ~ column -%}
    case
        when {{ value }} is null then null
        else coalesce(
            (
                select max_by(peers.spelling, peers.n_rows)
                from (
                    select
                        spelling_source.{{ column }} as spelling,
                        count(*) as n_rows
                    from {{ relation }} as spelling_source
                    where spelling_source.{{ column }} is not null
                        and spelling_source.{{ column }} != upper(spelling_source.{{ column }})
                        and spelling_source.{{ column }} != lower(spelling_source.{{ column }})
                    group by spelling_source.{{ column }}
                ) as peers
                where lower(peers.spelling) = lower({{ value }})
            ),
            case
                when {{ value }} = upper({{ value }}) or {{ value }} = lower({{ value }})
                    then {{ proper_case(value) }}
                else {{ value }}
            end
        )
    end
{%- endmacro %}
