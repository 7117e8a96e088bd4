{% macro data_as_of_date(manifest=none) -%}
    {#- The day the data describes up to, as a SQL date expression:
        var('data_as_of_date') when set; else the generation manifest's latest
        end date (the generator's --end-date); else, for a raw layer without a
        manifest row, today. Not the wall clock by default: the synthetic
        history ends on a fixed day. `manifest`: the generation_manifest relation
        to read, for callers outside a model (a source's loaded_at_query), where
        raw_source's ref cannot run; by default raw_source('generation_manifest'). -#}
    {%- if var('data_as_of_date', none) -%}
        cast('{{ var("data_as_of_date") }}' as date)
    {%- else -%}
        coalesce(
            (
                select max({{ parse_date('generation_manifest.end_date') }})
                from {{ manifest or raw_source('generation_manifest') }}
                    as generation_manifest
            ),
            current_date
        )
    {%- endif -%}
{%- endmacro %}
