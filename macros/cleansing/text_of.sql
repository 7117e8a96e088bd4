{% macro text_of(expr) -%}
    {#- The text of a value of any type, for the parsers: a double, float or
        decimal as a plain decimal, without an exponent or trailing zeros
        (1.0E7 -> '10000000', 12.50 -> '12.5'); anything else cast to text (a
        timestamp with a zone keeps its offset, a date is 'YYYY-MM-DD'). The
        type is known when the query is planned, so both engines reduce the
        case to one branch; both branches must still type-check for every
        type (Spark checks the dead one too), hence the decimal is read from
        the text. -#}
    case
        when
            lower(typeof({{ expr }})) in ('double', 'float', 'real')
            or lower(typeof({{ expr }})) like 'decimal%'
            then trim(trailing '.' from trim(trailing '0' from cast(try_cast(
                cast({{ expr }} as {{ dbt.type_string() }}) as decimal(38, 9))
                as {{ dbt.type_string() }})))
        else cast({{ expr }} as {{ dbt.type_string() }})
    end
{%- endmacro %}
