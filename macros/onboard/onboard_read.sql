{% macro onboard_read(column) -%}
    {#- An onboarded source's column in the canonical raw writing, as its
        staging model's YAML says to read it (column meta `onboard`, written by
        `fashion-retail onboard` from the alignment's hints): a cell written in
        the column's own convention (`shapes`, a regular expression over the
        lower-cased, trimmed value) is read with the column's hints by the
        cleansing macros and written as the generator writes it (ISO dates and
        times in UTC, amounts to the cent with a point, E.164 phones, a number
        dialled abroad with its exit prefix as +, integer ids); any other cell,
        or one the reading cannot read, passes as it is, for the canonical
        cleansing to repair or quarantine. A column without `onboard.read`
        passes as it is. -#}
    {%- set spec = {} -%}
    {%- if execute and model.columns.get(column) -%}
        {%- set spec = model.columns[column].meta.get('onboard', {}) or {} -%}
    {%- endif -%}
    {%- set kind = spec.get('read') -%}
    {%- if kind == 'key' -%}
        {%- set read = onboard_id(column) -%}
    {%- elif kind == 'date' -%}
        {%- set read = "strftime(" ~ parse_date(column, order=spec.get('order', 'ymd'))
            ~ ", '%Y-%m-%d')" -%}
    {%- elif kind == 'timestamp' -%}
        {%- set read = "strftime(" ~ parse_timestamp(column, order=spec.get('order', 'ymd'))
            ~ ", '%Y-%m-%d %H:%M:%S')" -%}
    {%- elif kind == 'amount_minor' -%}
        {%- set read = "cast(cast(" ~ parse_integer(column) ~ " / "
            ~ 10 ** (spec.get('minor_unit_exponent', 2) | int)
            ~ " as decimal(18, 2)) as " ~ dbt.type_string() ~ ")" -%}
    {%- elif kind == 'amount' -%}
        {%- set amount = parse_amount(column,
            decimal_separator=spec.get('decimal_separator', '.')) -%}
        {%- if spec.get('returns_negative') -%}
            {%- set amount = 'abs(' ~ amount ~ ')' -%}
        {%- endif -%}
        {%- set read = "cast(cast(" ~ amount ~ " as decimal(18, 2)) as "
            ~ dbt.type_string() ~ ")" -%}
    {%- elif kind == 'decimal' -%}
        {%- set read = "replace(" ~ column ~ ", ',', '.')" -%}
    {%- elif kind == 'phone_exit' -%}
        {#- dialled abroad ('001 913 605 9777'): the prefix is '+' -#}
        {%- set read = "'+' || regexp_replace(substr(trim(" ~ column ~ "), "
            ~ (spec.get('exit_prefix', '00') | length + 1) ~ "), '[^0-9]', '', 'g')" -%}
    {%- elif kind == 'phone' -%}
        {%- set read = standardize_phone(column,
            default_region=spec.get('default_region', 'US')) -%}
    {%- endif -%}
    {%- if read is not defined -%}
        {{ column }}
    {%- else -%}
        case
            when {{ full_match('lower(trim(' ~ column ~ '))', spec.get('shapes', '.*')) }}
                then coalesce({{ read }}, {{ column }})
            else {{ column }}
        end
    {%- endif -%}
{%- endmacro %}
