{% macro should_full_refresh() -%}
    {#- dbt's own should_full_refresh (the model's full_refresh config, else
        --full-refresh), plus: an incremental model built from another data
        set than the raw layer holds now is rebuilt in full (dataset_change),
        so rows of a discarded data set never stay behind. A model configured
        full_refresh=false keeps its rows across data sets, as it asks. This
        overrides the global macro of the same name, which the incremental
        materialization and is_incremental() call; log_dataset_changes says
        what it decides, once per run. -#}
    {%- set configured = config.get('full_refresh') -%}
    {%- if configured is not none -%}
        {{ return(configured) }}
    {%- endif -%}
    {%- if flags.FULL_REFRESH -%}
        {{ return(true) }}
    {%- endif -%}
    {%- if config.get('materialized') == 'incremental' -%}
        {{ return(dataset_change(this) is not none) }}
    {%- endif -%}
    {{ return(false) }}
{%- endmacro %}
