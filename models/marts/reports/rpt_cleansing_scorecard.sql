{#- One row per defect class: how the cleansing layer did against the
    generator's ledger, with the false-change rate over the cells it left clean
    on the same row of every class (measured over all tables). -#}
{{ config(enabled=var('defect_ledger_available', true)) }}
with

int_cleansing__defect_outcomes as (
    select * from {{ ref('int_cleansing__defect_outcomes') }}
),

int_cleansing__false_changes as (
    select * from {{ ref('int_cleansing__false_changes') }}
),

defect_classes as (
    select * from {{ ref('defect_classes') }}
),

int_cleansing__false_merges as (
    select * from {{ ref('int_cleansing__false_merges') }}
),

by_class as (
    select
        defect_class,
        count(*) as defects_injected,
        count(*) filter (where outcome = 'repaired') as repaired_exactly,
        count(*) filter (where outcome = 'handled') as handled,
        count(*) filter (where outcome = 'wrong') as repaired_wrongly,
        count(*) filter (where outcome = 'missed') as missed,
        count(*) filter (where is_success) as successes
    from int_cleansing__defect_outcomes
    group by defect_class
),

false_changes as (
    select
        sum(clean_cells) as clean_cells,
        sum(changed_cells) as changed_cells
    from int_cleansing__false_changes
),

final as (
    select
        defect_classes.defect_class,
        defect_classes.is_repairable,
        defect_classes.handling,
        coalesce(by_class.defects_injected, 0) as defects_injected,
        coalesce(by_class.repaired_exactly, 0) as repaired_exactly,
        coalesce(by_class.handled, 0) as handled,
        coalesce(by_class.repaired_wrongly, 0) as repaired_wrongly,
        coalesce(by_class.missed, 0) as missed,
        by_class.successes::double
        / nullif(by_class.defects_injected, 0) as success_rate,
        by_class.repaired_exactly::double / nullif(by_class.defects_injected, 0)
            as exact_repair_rate,
        {{ var('cleansing_min_success_rate') }}::double as target_success_rate,
        false_changes.clean_cells::bigint as untouched_cells,
        false_changes.changed_cells::bigint as falsely_changed_cells,
        false_changes.changed_cells::double / nullif(false_changes.clean_cells, 0)
            as false_change_rate,
        {{ var('cleansing_max_false_change_rate') }}::double
            as target_false_change_rate,
        int_cleansing__false_merges.falsely_merged_customers,
        int_cleansing__false_merges.falsely_merged_customers::double
        / nullif(int_cleansing__false_merges.customers, 0) as false_merge_rate
    from defect_classes
    left join by_class on defect_classes.defect_class = by_class.defect_class
    cross join false_changes
    cross join int_cleansing__false_merges
)

select * from final
