{% macro scrub_text(expr) -%}
    {{ return(adapter.dispatch('scrub_text', 'fashion_retail')(expr)) }}
{%- endmacro %}

{% macro default__scrub_text(expr) -%}
    {{ cleansing_unsupported('scrub_text', 'anonymization') }}
{%- endmacro %}

{% macro duckdb__scrub_text(expr) -%}
    {#- Free text with the people taken out: e-mail addresses become [EMAIL],
        phone numbers (nine digits or more, with any separators) [PHONE], and
        every word that is a known first or last name (int_privacy__known_names,
        any case) [NAME]. A name that is also a common word ("Price", "Will",
        "Summer") is taken out only where it reads as a name: capitalized, and
        either inside a sentence or right before another name ("Mary Price",
        "Gift for Summer", "Rose Smith"; "no price tags" and "Summer sale: ..."
        stay). Names are
        matched by joining the text's words to the names relation, so no name is
        ever written into the SQL. Null stays null. -#}
    {%- set emails_out -%}
        regexp_replace(
            cast({{ expr }} as varchar),
            '[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+',
            '[EMAIL]',
            'g'
        )
    {%- endset -%}
    {%- set phones_out -%}
        regexp_replace(
            {{ emails_out }},
            '\+?\(?[0-9](?:[ ().-]*[0-9]){8,}',
            '[PHONE]',
            'g'
        )
    {%- endset -%}
    case
        when {{ expr }} is not null then coalesce((
            select
                string_agg(
                    case when tagged.is_name then '[NAME]' else tagged.word end,
                    '' order by tagged.position
                )
            from (
                select
                    words.word,
                    words.position,
                    known_names.name_word is not null and coalesce(
                        not known_names.is_common_word
                        or (
                            regexp_matches(words.word, '^\p{Lu}')
                            and (
                                -- inside a sentence
                                (
                                    words.position > 1
                                    and not regexp_matches(
                                        lag(words.word) over (order by words.position),
                                        '[.!?:;]\s*$'
                                    )
                                )
                                -- or a first name before a surname
                                or (
                                    lead(words.word) over (order by words.position) = ' '
                                    and lead(not known_names.is_common_word, 2)
                                        over (order by words.position)
                                )
                            )
                        ),
                        false
                    ) as is_name
                from unnest(
                    regexp_extract_all({{ phones_out }}, '[\pL'']+|[^\pL'']+')
                ) with ordinality as words (word, position)
                left join {{ ref('int_privacy__known_names') }} as known_names
                    on lower(words.word) = known_names.name_word
            ) as tagged
        ), '')
    end
{%- endmacro %}
