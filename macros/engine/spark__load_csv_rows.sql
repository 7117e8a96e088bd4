{% macro spark__load_csv_rows(model, agate_table) -%}
    {#- dbt-spark's own version passes the values as bindings, which its session
        connection pastes between single quotes without escaping them: a seed
        value such as "New Year's Day" breaks the insert. Here every value is
        written as a literal: null, a number, true/false, or a string with its
        backslashes and quotes escaped. -#}
    {%- set column_override = model['config'].get('column_types', {}) -%}
    {%- set statements = [] -%}
    {%- for chunk in agate_table.rows | batch(get_batch_size()) -%}
        {%- set sql -%}
            insert into {{ this.render() }} values
            {% for row in chunk -%}
                (
                {%- for col_name in agate_table.column_names -%}
                    {%- set type = column_override.get(
                        col_name, adapter.convert_type(agate_table, loop.index0)) -%}
                    {%- set value = row[loop.index0] -%}
                    {%- if value is none -%}
                        cast(null as {{ type }})
                    {%- elif value is sameas true or value is sameas false -%}
                        cast({{ 'true' if value else 'false' }} as {{ type }})
                    {%- elif value is number -%}
                        cast({{ value }} as {{ type }})
                    {%- else -%}
                        cast('{{ value | string | replace("\\", "\\\\") | replace("'", "\\'") }}' as {{ type }})
                    {%- endif -%}
                    {{- ", " if not loop.last -}}
                {%- endfor -%}
                ){{ "," if not loop.last }}
            {% endfor %}
        {%- endset -%}
        {%- do adapter.add_query(sql, abridge_sql_log=True) -%}
        {%- if loop.index0 == 0 -%}
            {%- do statements.append(sql) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(statements[0]) }}
{%- endmacro %}
