{#- One row per injected defect (from the generator's ledger), with what the
    cleansing layer made of it:
    - repaired: the cleansed value equals the clean truth (for a duplicate: the
      copy collapsed; for a near-duplicate: merged into the right customer);
    - handled: nulled, flagged or re-pointed to the unknown member, which counts
      as success for classes that cannot be repaired in principle;
    - wrong: a value that is not the truth, or a row merged into the wrong one;
    - missed: a duplicate left standing. -#}
{{ config(enabled=var('defect_ledger_available', true)) }}
with

stg_raw__defect_ledger as (
    select * from {{ ref('stg_raw__defect_ledger') }}
),

defect_classes as (
    select * from {{ ref('defect_classes') }}
),

{% for table in cleansing_audit_tables() %}
    int_{{ table }}_cleansed as (
        select * from {{ ref('int_' ~ table ~ '_cleansed') }}
    ),

    {{ table }}_versions as (
        select
            *,
            {{ cleansed_version(table) }}
        from int_{{ table }}_cleansed
    ),
{% endfor %}

int_customers_merged as (
    select * from {{ ref('int_customers_merged') }}
),

merged_ids as (
    select
        cast(merged_customer_id as {{ dbt.type_string() }}) as merged_id,
        cast(survivor_customer_id as {{ dbt.type_string() }}) as survivor_id
    from int_customers_merged
),

-- the cleansed value of every cell the ledger names, read from its table
cleaned_cells as (
    {%- for table in cleansing_audit_tables() %}
        select
            stg_raw__defect_ledger.defect_id,
            case stg_raw__defect_ledger.column_name
                {%- for column in cleansing_audit_columns(table) %}
                    when '{{ column }}'
                        then {{ cleansed_text(table, column, 'cleansed') }}
                {%- endfor %}
            end as cleaned_value,
            case stg_raw__defect_ledger.column_name
                {%- for column in cleansing_audit_columns(table) %}
                    when '{{ column }}'
                        then {{ cleansed_flag(table, column, 'cleansed') }}
                {%- endfor %}
            end as is_handled_by_flag
        from stg_raw__defect_ledger
        inner join {{ table }}_versions as cleansed
            on
                stg_raw__defect_ledger.record_id = cleansed.record_id
                and stg_raw__defect_ledger.record_updated_at
                = cleansed.record_updated_at
        where
            stg_raw__defect_ledger.table_name = '{{ table }}'
            and not stg_raw__defect_ledger.is_row_defect
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

cell_defects as (
    select
        stg_raw__defect_ledger.defect_id,
        stg_raw__defect_ledger.table_name,
        stg_raw__defect_ledger.column_name,
        stg_raw__defect_ledger.defect_class,
        stg_raw__defect_ledger.clean_value,
        stg_raw__defect_ledger.dirty_value,
        cells.cleaned_value,
        case
            when
                cells.cleaned_value
                = stg_raw__defect_ledger.clean_value
                then 'repaired'
            when
                cells.cleaned_value is null
                or cells.is_handled_by_flag
                then 'handled'
            else 'wrong'
        end as outcome
    from stg_raw__defect_ledger
    left join cleaned_cells as cells
        on stg_raw__defect_ledger.defect_id = cells.defect_id
    where not stg_raw__defect_ledger.is_row_defect
),

surviving_versions as (
    {%- for table in cleansing_audit_tables() %}
        select distinct
            '{{ table }}' as table_name,
            record_id,
            record_updated_at,
            true as is_present
        from {{ table }}_versions
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

exact_duplicates as (
    select
        stg_raw__defect_ledger.defect_id,
        stg_raw__defect_ledger.table_name,
        stg_raw__defect_ledger.column_name,
        stg_raw__defect_ledger.defect_class,
        stg_raw__defect_ledger.clean_value,
        stg_raw__defect_ledger.dirty_value,
        cast(null as {{ dbt.type_string() }}) as cleaned_value,
        -- the copy is gone when its key is kept once (or merged, for a
        -- near-duplicate's copy), never twice: cleansed models hold one row per
        -- version by construction, so presence of the version means collapsed
        case
            when
                surviving_versions.is_present
                or merged_ids.merged_id is not null
                then 'repaired'
            else 'wrong'
        end as outcome
    from stg_raw__defect_ledger
    left join surviving_versions
        on
            stg_raw__defect_ledger.table_name = surviving_versions.table_name
            and stg_raw__defect_ledger.record_id = surviving_versions.record_id
            and stg_raw__defect_ledger.record_updated_at
            = surviving_versions.record_updated_at
    left join merged_ids
        on
            stg_raw__defect_ledger.table_name = 'customers'
            and stg_raw__defect_ledger.record_id = merged_ids.merged_id
    -- every row defect but a near-duplicate is an extra copy (exact_duplicate,
    -- duplicate_load)
    where
        stg_raw__defect_ledger.is_row_defect
        and stg_raw__defect_ledger.defect_class != 'near_duplicate'
),

near_duplicates as (
    select
        stg_raw__defect_ledger.defect_id,
        stg_raw__defect_ledger.table_name,
        stg_raw__defect_ledger.column_name,
        stg_raw__defect_ledger.defect_class,
        stg_raw__defect_ledger.clean_value,
        stg_raw__defect_ledger.dirty_value,
        merged_ids.survivor_id as cleaned_value,
        case
            when merged_ids.survivor_id = stg_raw__defect_ledger.clean_value
                then 'repaired'
            when merged_ids.survivor_id is null then 'missed'
            else 'wrong'
        end as outcome
    from stg_raw__defect_ledger
    left join merged_ids
        on stg_raw__defect_ledger.record_id = merged_ids.merged_id
    where stg_raw__defect_ledger.defect_class = 'near_duplicate'
),

outcomes as (
    select * from cell_defects
    union all
    select * from exact_duplicates
    union all
    select * from near_duplicates
),

final as (
    select
        outcomes.*,
        defect_classes.is_repairable,
        outcomes.outcome = 'repaired'
        or (not defect_classes.is_repairable and outcomes.outcome = 'handled')
            as is_success
    from outcomes
    left join defect_classes on outcomes.defect_class = defect_classes.defect_class
)

select * from final
