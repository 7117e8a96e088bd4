{% macro canonicalize(expr, domain) -%}
    {#- 1. the value (cleaned, lower-cased, without a trailing '.') is looked up
           among the domain's known spellings in the canonical_values seed;
        2. otherwise, among the domain's known spellings within 1 edit (4-6
           characters) or 2 edits (7 or more) by Damerau-Levenshtein distance,
           the closest wins (ties on distance go to the higher Jaro-Winkler
           similarity) and gives its canonical value, unless the nearest
           spellings of two different canonical values are exactly as close;
        3. otherwise null: no guess.
        The distance and the similarity come from edit_distance and
        jaro_winkler_similarity (DuckDB's own functions; computed on Spark). -#}
    {%- set key -%}
        trim(trailing '.' from lower({{ clean_text(expr) }}))
    {%- endset -%}
    {%- set domain_sql = "'" ~ domain | replace("'", "''") ~ "'" -%}
    coalesce(
        (
            select max(known.canonical)
            from {{ ref('canonical_values') }} as known
            where known.domain = {{ domain_sql }}
                and trim(trailing '.' from lower(known.spelling)) = {{ key }}
        ),
        (
            select
                case
                    when
                        coalesce({{ nth_element('array_sort(array_agg(nearest.score))', 2) }}, 99)
                        > min(nearest.score)
                        then min_by(nearest.canonical, nearest.score)
                end
            from (
                select
                    candidates.canonical,
                    min(candidates.score) as score
                from (
                    select
                        known.canonical,
                        {{ edit_distance('known.spelling_key', key) }} as distance,
                        -- ties on distance go to the more similar spelling, and
                        -- to the canonical spelling over a synonym (typos are
                        -- made of the usual spelling)
                        {{ edit_distance('known.spelling_key', key) }}
                        + 1 - {{ jaro_winkler_similarity('known.spelling_key', key) }}
                        + case when known.is_synonym then 0.5 else 0 end as score,
                        case
                            when greatest(length(known.spelling_key), length({{ key }})) <= 3
                                then 0
                            when greatest(length(known.spelling_key), length({{ key }})) <= 6
                                then 1
                            else 2
                        end as allowed
                    from (
                        select distinct
                            canonical,
                            trim(trailing '.' from lower(spelling)) as spelling_key,
                            lower(spelling) != lower(canonical) as is_synonym
                        from {{ ref('canonical_values') }}
                        where domain = {{ domain_sql }}
                    ) as known
                ) as candidates
                where candidates.distance <= candidates.allowed
                group by candidates.canonical
            ) as nearest
        )
    )
{%- endmacro %}
