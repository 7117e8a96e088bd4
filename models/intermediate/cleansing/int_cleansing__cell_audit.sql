{#- One row per raw table and column: the loaded cells against their cleansed
    values, counted in one pass per table over the raw rows joined to their
    cleansed version. No cell-level table: at scale 10 the raw layer holds a
    quarter of a billion cells.
    - loaded, null, invalid, repaired and imputed cells count every loaded copy;
    - clean_cells and changed_cells (the false changes) count each distinct raw
      cell once, among those the defect ledger does not name, in row versions
      the cleansing kept; null when there is no ledger. Rows merged away as
      near-duplicates or quarantined are scored as rows elsewhere. -#}
{%- set tables = cleansing_audit_tables() -%}
{%- set ledger = var('defect_ledger_available', true) -%}
with

{% if ledger %}
    stg_raw__defect_ledger as (
        select * from {{ ref('stg_raw__defect_ledger') }}
    ),

    defect_cells as (
        select
            table_name,
            record_id,
            record_updated_at,
            {{ collect_list('column_name') }} as defect_columns
        from stg_raw__defect_ledger
        where not is_row_defect
        group by table_name, record_id, record_updated_at
    ),
{% endif %}

{% for table, spec in tables.items() %}
    {%- set columns = cleansing_audit_columns(table) %}
    {{ table }}_loaded as (
        select
            {{ spec.key }} as record_id,
            updated_at as record_updated_at,
            {%- for column in columns %}
                {{ column }},
            {%- endfor %}
            count(*) as copies
        from {{ raw_source(table) }}
        group by all
    ),

    {{ table }}_marked as (
        select
            *,
        {%- for column in columns %}
            {{ clean_text(column) }} is null as {{ column }}__missing
            {{- ',' if not loop.last }}
        {%- endfor %}
        from {{ table }}_loaded
    ),

    {{ table }}_cleansed as (
        select
            {{ cleansed_version(table) }},
        {%- for column in columns %}
            {{ cleansed_text(table, column) }} as {{ column }}__cleaned,
            {{ cleansed_flag(table, column) }} as {{ column }}__flagged
            {{- ',' if not loop.last }}
        {%- endfor %}
        from {{ ref('int_' ~ table ~ '_cleansed') }}
    ),

    {{ table }}_compared as (
        select
            loaded.copies,
            cleansed.record_id is not null as is_kept,
        {%- for column in columns %}
            loaded.{{ column }}__missing,
            loaded.{{ column }} is null as {{ column }}__raw_null,
            cleansed.{{ column }}__cleaned is not null as {{ column }}__has_value,
            coalesce(cleansed.{{ column }}__flagged, false) as {{ column }}__flagged,
            coalesce(cleansed.{{ column }}__cleaned = loaded.{{ column }}, false)
                as {{ column }}__same,
            {%- if ledger %}
                not coalesce(
                    {{ array_has('defect_cells.defect_columns', "'" ~ column ~ "'") }},
                    false
                ) as {{ column }}__undamaged
            {%- else %}
                    false as {{ column }}__undamaged
                {%- endif %}
            {{- ',' if not loop.last }}
        {%- endfor %}
        from {{ table }}_marked as loaded
        left join {{ table }}_cleansed as cleansed
            on
                loaded.record_id = cleansed.record_id
                and loaded.record_updated_at = cleansed.record_updated_at
        {%- if ledger %}
            left join defect_cells
                on
                    defect_cells.table_name = '{{ table }}'
                    and loaded.record_id = defect_cells.record_id
                    and loaded.record_updated_at = defect_cells.record_updated_at
        {%- endif %}
    ),

    {{ table }}_counts as (
        select
            sum(copies) as loaded_cells,
        {%- for column in columns %}
            {%- set c = column ~ '__' %}
            sum(case when {{ c }}missing then copies else 0 end) as {{ c }}null,
            sum(
                case
                    when
                        not {{ c }}missing and is_kept
                        and (not {{ c }}has_value or {{ c }}flagged)
                        then copies
                    else 0
                end
            ) as {{ c }}invalid,
            sum(case when {{ c }}has_value and not {{ c }}same then copies else 0 end)
                as {{ c }}repaired,
            sum(case when {{ c }}missing and {{ c }}has_value then copies else 0 end)
                as {{ c }}imputed,
            {%- if ledger %}
                sum(case when is_kept and {{ c }}undamaged then 1 else 0 end)
                    as {{ c }}clean,
                -- a kept cell whose text changed (null to null is no change)
                sum(
                    case
                        when
                            is_kept and {{ c }}undamaged and not {{ c }}same
                            and not ({{ c }}raw_null and not {{ c }}has_value)
                            then 1
                        else 0
                    end
                ) as {{ c }}changed
            {%- else %}
                cast(null as {{ dbt.type_bigint() }}) as {{ c }}clean,
                cast(null as {{ dbt.type_bigint() }}) as {{ c }}changed
            {%- endif %}
            {{- ',' if not loop.last }}
        {%- endfor %}
        from {{ table }}_compared
    ),
{% endfor %}

final as (
    {%- for table in tables %}
        {%- set outer_loop = loop %}
        {%- for column in cleansing_audit_columns(table) %}
            select
                '{{ table }}' as table_name,
                '{{ column }}' as column_name,
                loaded_cells,
                {{ column }}__null as null_cells,
                {{ column }}__invalid as invalid_cells,
                {{ column }}__repaired as repaired_cells,
                {{ column }}__imputed as imputed_cells,
                {{ column }}__clean as clean_cells,
                {{ column }}__changed as changed_cells
            from {{ table }}_counts
            {%- if not (loop.last and outer_loop.last) %}
                union all
            {%- endif %}
        {%- endfor %}
    {%- endfor %}
)

select * from final
