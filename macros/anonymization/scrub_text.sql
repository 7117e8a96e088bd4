{% macro scrub_text(expr) -%}
    {{ return(adapter.dispatch('scrub_text', 'fashion_retail')(expr)) }}
{%- endmacro %}

{% macro default__scrub_text(expr) -%}
    {#- Spark, which runs no correlated subquery over a text's words and no
        subquery inside a higher-order function: the same rules as one regular
        expression per text, built from the names that text contains. Its
        lower-case words are intersected with the known names (read once, as
        arrays); the plain names found are replaced wherever they stand, the
        common-word names found only when capitalized and either inside a
        sentence (not first, not right after [.!?:;] and blanks) or right
        before ' ' and a plain name. Names are letters and apostrophes, so they
        need no escaping; an empty list becomes (?!), which never matches. -#}
    {%- set known_names = ref('int_privacy__known_names') -%}
    {%- set emails_out = replace_all(
        'cast(' ~ expr ~ ' as ' ~ dbt.type_string() ~ ')',
        '[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+', '[EMAIL]') -%}
    {%- set text = replace_all(emails_out, '\\+?\\(?[0-9](?:[ ().-]*[0-9]){8,}', '[PHONE]') -%}
    {%- set words = "regexp_extract_all(lower(" ~ text ~ "), " ~ regex_literal("[\\pL']+") ~ ", 0)" -%}
    {%- set common = "(select collect_list(name_word) from " ~ known_names ~ " where is_common_word)" -%}
    {%- set found_common = "array_intersect(" ~ words ~ ", " ~ common ~ ")" -%}
    {%- set found_plain = "array_except(array_intersect(" ~ words ~ ", (select collect_list(name_word) from "
        ~ known_names ~ ")), " ~ common ~ ")" -%}
    {%- set plain = "case when size(" ~ found_plain ~ ") > 0 then concat('(?iu:', array_join("
        ~ found_plain ~ ", '|'), ')') else '(?!)' end" -%}
    {%- set not_a_letter = regex_literal("(?![\\pL'])") -%}
    case
        when {{ expr }} is not null then regexp_replace(
            {{ text }},
            concat(
                {{ regex_literal("(?<![\\pL'])(?:") }},
                {{ plain }},
                '|',
                case
                    when size({{ found_common }}) > 0 then concat(
                        -- capitalized, and inside a sentence or before a plain name
                        {{ regex_literal('(?=\\p{Lu})(?:(?<=[\\s\\S])(?<![.!?:;]\\s{0,1000})|(?=(?iu:') }},
                        array_join({{ found_common }}, '|'),
                        ')',
                        {{ not_a_letter }},
                        ' ',
                        {{ plain }},
                        {{ not_a_letter }},
                        '))(?iu:',
                        array_join({{ found_common }}, '|'),
                        ')'
                    )
                    else '(?!)'
                end,
                ')',
                {{ not_a_letter }}
            ),
            '[NAME]'
        )
    end
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
