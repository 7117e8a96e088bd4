{% macro canonicalize(expr, domain) -%}
    {#- 1. the value's key (lower case, accents dropped, letters and digits
           only: 'U.S.A.', 'usa' and 'U S A' are one key; the seed's spellings
           keyed alike, as gen/reference.py's spelling_key does) is looked up
           among the domain's known spellings in the canonical_values seed;
        2. otherwise a typo is read, when it is plausible: among the spellings
           that begin with the same letter and hold the same digits (a
           changed first letter or number makes another word: 'Tenn.' is not
           'Penn.', '3X-Large' not 'X-Large'), those within 1 edit by
           Damerau-Levenshtein distance for keys of 4 to 6 characters, but
           never a substituted letter ('Pine' is not 'Pink', 'Toys' not
           'Tops': in a short word a changed letter makes another word as
           often as a typo; a dropped, doubled or swapped one rarely does),
           or within 2 edits for 7 or more; the closest wins (ties on
           distance go to the higher Jaro-Winkler similarity), unless the
           nearest spellings of two different canonical values are exactly
           as close;
        3. otherwise null: no guess.
        The value is cleaned once (not once per known spelling), and before any
        distance is computed, a known spelling whose length differs from the
        value's by more than max_edits (the most ever allowed) is skipped: the
        distance cannot be within reach, so the result is the same, and a value
        longer than every known spelling (a 10,000-character string) costs one
        cleaning and a length comparison per spelling, not edit matrices.
        The distance and the similarity come from edit_distance and
        jaro_winkler_similarity (DuckDB's own functions; computed on Spark);
        levenshtein (both engines' own) tells a substitution from a swap. -#}
    {#- the most edits allowed, for the longest values -#}
    {%- set max_edits = 2 -%}
    {%- set key = spelling_key(clean_text(expr)) -%}
    {%- set domain_sql = "'" ~ domain | replace("'", "''") ~ "'" -%}
    {#- the distance is at least the difference in length (both lengths
        counted once: counting the characters of a long value is a pass over
        it) -#}
    {%- set reachable -%}
        abs(known.spelling_length - value.value_length) <= {{ max_edits }}
    {%- endset -%}
    (
        select
            coalesce(
                max(nearest.exact_canonical),
                case
                    when
                        coalesce({{ nth_element('array_sort(array_agg(nearest.score))', 2) }}, 99)
                        > min(nearest.score)
                        then min_by(nearest.canonical, nearest.score)
                end
            )
        from (
            select
                candidates.canonical,
                max(case when candidates.is_exact then candidates.canonical end)
                    as exact_canonical,
                min(candidates.score) as score
            from (
                select
                    known.canonical,
                    known.spelling_key = value.value_key as is_exact,
                    -- computed only within reach: the optimizer may evaluate
                    -- the join's conditions in any order, a case cannot
                    case
                        when {{ reachable }}
                            then {{ edit_distance('known.spelling_key', 'value.value_key') }}
                    end as distance,
                    -- ties on distance go to the more similar spelling, and
                    -- to the canonical spelling over a synonym (typos are
                    -- made of the usual spelling)
                    case
                        when {{ reachable }}
                            then
                                {{ edit_distance('known.spelling_key', 'value.value_key') }}
                                + 1
                                - {{ jaro_winkler_similarity(
                                    'known.spelling_key', 'value.value_key') }}
                                + case when known.is_synonym then 0.5 else 0 end
                    end as score,
                    case
                        when
                            known.first_letter != value.first_letter
                            or known.digits != value.digits
                            then 0
                        when greatest(known.spelling_length, value.value_length) <= 3
                            then 0
                        when greatest(known.spelling_length, value.value_length) <= 6
                            then case
                                when
                                    {{ reachable }}
                                    and known.spelling_length = value.value_length
                                    and levenshtein(known.spelling_key, value.value_key) = 1
                                    then 0
                                else 1
                            end
                        else {{ max_edits }}
                    end as allowed
                -- the value's key, computed once per value (not once per
                -- spelling it is compared with)
                from (
                    select
                        value_key,
                        length(value_key) as value_length,
                        left(value_key, 1) as first_letter,
                        {{ replace_all('value_key', '[^0-9]+', '') }} as digits
                    from (select {{ key }} as value_key) as cleaned
                ) as value
                inner join (
                    select
                        canonical,
                        spelling_key,
                        is_synonym,
                        length(spelling_key) as spelling_length,
                        left(spelling_key, 1) as first_letter,
                        {{ replace_all('spelling_key', '[^0-9]+', '') }} as digits
                    from (
                        select distinct
                            canonical,
                            {{ spelling_key('spelling') }} as spelling_key,
                            lower(spelling) != lower(canonical) as is_synonym
                        from {{ ref('canonical_values') }}
                        where domain = {{ domain_sql }}
                    ) as spellings
                ) as known
                    on {{ reachable }}
            ) as candidates
            where candidates.distance <= candidates.allowed
            group by candidates.canonical
        ) as nearest
    )
{%- endmacro %}
