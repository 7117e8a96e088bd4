{% macro scrub_text(expr) -%}
    {{ return(adapter.dispatch('scrub_text', 'fashion_retail')(expr)) }}
{%- endmacro %}

{% macro _scrub_text_patterns(expr) -%}
    {#- The part of scrub_text that needs no names, the same on every engine.
        The text is put in its plain form first: format characters (soft
        hyphen, zero-width space and joiners, direction marks) are dropped,
        compatibility forms (full width, mathematical letters, no-break and
        other spaces, superscript digits: compatibility_forms) become the plain
        characters they read as (scrub_text_plain_forms), and typographic
        apostrophes become "'". Then e-mail addresses become [EMAIL];
        date-shaped text (numeric dates with - / or . in either order,
        yyyymmdd, month and year, and dates with an English month name: '14 May
        1990', 'May 14th, 1990', '3rd of March', 'March 1985') [DATE]; runs of
        seven digits or more with any separators (phone numbers, or anything
        that could be one) [PHONE]. -#}
    {%- set visible = replace_all(
        'cast(' ~ expr ~ ' as ' ~ dbt.type_string() ~ ')', '\\p{Cf}', '') -%}
    {%- set plain = replace_all(
        scrub_text_plain_forms(visible), "[\\x{2018}\\x{2019}\\x{2bc}\\x{ff07}]", "'") -%}
    {%- set emails_out = replace_all(
        plain, '[\\pL\\pN._%+-]+@[\\pL\\pN-]+(\\.[\\pL\\pN-]+)+', '[EMAIL]') -%}
    {%- set month = '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?'
        ~ '|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?' -%}
    {%- set day = '(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?' -%}
    {%- set year = "(?:[0-9]{4}|'[0-9]{2})" -%}
    {%- set dates = '\\b(?:'
        ~ '[0-9]{4}[-/.][0-9]{1,2}[-/.][0-9]{1,2}'
        ~ '|[0-9]{1,2}[-/.][0-9]{1,2}[-/.][0-9]{2}(?:[0-9]{2})?'
        ~ '|(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])'
        ~ '|[0-9]{1,2}[-/.](?:19|20)[0-9]{2}'
        ~ '|(?:19|20)[0-9]{2}[-/.][0-9]{1,2}'
        ~ '|' ~ day ~ '(?:\\s+of)?\\s+' ~ month ~ '(?:,?\\s+' ~ year ~ ')?'
        ~ '|' ~ month ~ '\\s+' ~ day ~ '(?:,?\\s+' ~ year ~ ')?'
        ~ '|' ~ month ~ ',?\\s+[0-9]{4}'
        ~ ')\\b' -%}
    {%- set dates_out = replace_all(emails_out, dates, '[DATE]', 'i') -%}
    {{ return(replace_all(dates_out, '\\+?\\(?[0-9](?:[ ()./-]*[0-9]){6,}', '[PHONE]')) }}
{%- endmacro %}

{% macro scrub_text_plain_forms(text) -%}
    {{ return(adapter.dispatch('scrub_text_plain_forms', 'fashion_retail')(text)) }}
{%- endmacro %}

{% macro default__scrub_text_plain_forms(text) -%}
    {#- Spark: translate() with literal arguments builds its map once; the
        text is written once (scrub_text repeats it in its expression) -#}
    {%- set forms = compatibility_forms() -%}
    translate({{ text }}, '{{ forms['from'] }}', '{{ forms['to'] }}')
{%- endmacro %}

{% macro duckdb__scrub_text_plain_forms(text) -%}
    {#- DuckDB builds translate()'s map for every row (0.2 ms with these 1,541
        characters): only texts that hold one of them are translated -#}
    {%- set forms = compatibility_forms() -%}
    case
        when {{ regex_contains(text, forms['pattern']) }}
            then translate({{ text }}, '{{ forms['from'] }}', '{{ forms['to'] }}')
        else {{ text }}
    end
{%- endmacro %}

{% macro _scrub_text_alternatives(array_expr) -%}
    {#- An array of names as a regular expression's alternatives, after (?!),
        which never matches: an empty or null array matches nothing -#}
    concat_ws('|', '(?!)', {{ array_expr }})
{%- endmacro %}

{% macro default__scrub_text(expr) -%}
    {#- Spark, which runs no correlated subquery over a text's words and no
        subquery inside a higher-order function: the rules of
        duckdb__scrub_text as one regular expression per text, built from the
        names that text contains. Its lower-case words without a possessive
        's (stems), and the stems without a final s or es (bases of inflected
        names), are read with regular expressions and intersected with the
        known names once (read once, as arrays by scalar subqueries); the
        common-word names among them are split off (a short array). A name is
        not preceded by a letter, or a letter and an apostrophe, nor followed
        by a letter, or an apostrophe and a letter; a placeholder already
        written ([EMAIL], [PHONE], [DATE]) is no name; the possessive 's is
        kept. Names are letters and apostrophes, so they need no escaping; an
        alternation starts with (?!), which never matches, so that an empty
        list matches nothing. No conditional expression wraps the text (a null
        text gives null all the same), so that Spark evaluates the text and
        its words once per row however often the expression repeats them
        (subexpression elimination). -#}
    {%- set known_names = ref('int_privacy__known_names') -%}
    {%- set text = _scrub_text_patterns(expr) -%}
    {%- set word_start = "(?<!\\pL)(?<!\\pL')" -%}
    {%- set word_end = "(?:'[sS])?(?!\\pL)(?!'\\pL)" -%}
    {%- set stem = "(\\pL+(?:'\\pL+)*?)" -%}
    {%- set lower_text = "lower(" ~ text ~ ")" -%}
    {%- set stems = "regexp_extract_all(" ~ lower_text ~ ", "
        ~ regex_literal(word_start ~ stem ~ word_end) ~ ", 1)" -%}
    {%- set bases = "concat(regexp_extract_all(" ~ lower_text ~ ", "
        ~ regex_literal(word_start ~ stem ~ "s" ~ word_end) ~ ", 1), regexp_extract_all("
        ~ lower_text ~ ", " ~ regex_literal(word_start ~ stem ~ "es" ~ word_end) ~ ", 1))" -%}
    {%- set common = "(select collect_list(name_word) from " ~ known_names
        ~ " where is_common_word)" -%}
    {#- the known names among the stems and bases: the one pass over all names -#}
    {%- set found = "array_intersect((select collect_list(name_word) from " ~ known_names
        ~ "), concat(" ~ stems ~ ", " ~ bases ~ "))" -%}
    {%- set found_stems = "array_intersect(" ~ stems ~ ", " ~ found ~ ")" -%}
    {%- set found_bases = "array_intersect(" ~ bases ~ ", " ~ found ~ ")" -%}
    {#- plain names (any case); capitalized inflections of plain names -#}
    {%- set plain = "concat('(?iu:', " ~ _scrub_text_alternatives("array_except(" ~ found_stems ~ ", "
        ~ common ~ ")") ~ ", ')')" -%}
    {%- set plain_inflected = "concat(" ~ regex_literal("(?=\\p{Lu})(?iu:(?:") ~ ", "
        ~ _scrub_text_alternatives("array_except(" ~ found_bases ~ ", " ~ common ~ ")") ~ ", ')(?:es|s))')" -%}
    {#- names that are common words, and their inflections -#}
    {%- set conditional = "concat('(?iu:', "
        ~ _scrub_text_alternatives("array_intersect(" ~ found_stems ~ ", " ~ common ~ ")") ~ ", '|(?:', "
        ~ _scrub_text_alternatives("array_intersect(" ~ found_bases ~ ", " ~ common ~ ")")
        ~ ", ')(?:es|s))')" -%}
    regexp_replace(
        {{ text }},
        concat(
            {{ regex_literal(word_start ~ "(?!(?<=\\[)(?:EMAIL|PHONE|DATE)\\])(?:") }},
            {{ plain }},
            '|',
            {{ plain_inflected }},
            -- capitalized, and inside a sentence or before a plain name
            {{ regex_literal("|(?=\\p{Lu})(?:(?<=[\\s\\S])(?<![.!?:;]\\s{0,1000})|(?=") }},
            {{ conditional }},
            {{ regex_literal(word_end ~ " ") }},
            {{ plain }},
            {{ regex_literal(word_end ~ "))") }},
            {{ conditional }},
            {{ regex_literal(")('[sS])?(?!\\pL)(?!'\\pL)") }}
        ),
        '[NAME]$1'
    )
{%- endmacro %}

{% macro duckdb__scrub_text(expr) -%}
    {#- Free text with the people taken out (_scrub_text_patterns takes out
        e-mails, dates and long numbers first). A word is letters with
        apostrophes inside it ("O'Brien", "Kristen's"); its stem is the word
        without a possessive 's, which is kept ("[NAME]'s"). Names are the
        words of int_privacy__known_names, joined to the text's words, so no
        name is ever written into the SQL; an inflected name is a name and s
        or es ("the Garretts", "the Joneses"). A word becomes [NAME] when its
        stem is a name (any case); when it is a capitalized inflection of a
        name; or, for a name that is also a common word ("Price", "Will",
        "Summer") and its inflections, where it reads as a name: capitalized,
        and either inside a sentence (not first, not right after [.!?:;] and
        blanks) or right before ' ' and a name ("Mary Price", "Gift for
        Summer", "Rose Smith"; "no price tags" and "Summer sale: ..." stay).
        Null stays null. -#}
    {%- set text = _scrub_text_patterns(expr) -%}
    case
        when {{ expr }} is not null then coalesce((
            select
                string_agg(
                    case
                        when tagged.is_name then '[NAME]' || tagged.possessive
                        else tagged.word
                    end,
                    '' order by tagged.position
                )
            from (
                select
                    words.word,
                    words.position,
                    words.possessive,
                    coalesce(exact.name_word is not null and not exact.is_common_word, false)
                    or regexp_matches(words.word, '^\p{Lu}') and (
                        -- an inflection of a plain name
                        coalesce(not plural_s.is_common_word, false)
                        or coalesce(not plural_es.is_common_word, false)
                        -- a common-word name or its inflection, where it reads as a name
                        or coalesce(
                            exact.is_common_word
                            or plural_s.is_common_word
                            or plural_es.is_common_word,
                            false
                        )
                        and (
                            -- inside a sentence
                            (
                                words.position > 1
                                and not regexp_matches(
                                    lag(words.word) over (order by words.position),
                                    '[.!?:;]\s*$'
                                )
                            )
                            -- or right before a plain name
                            or coalesce(
                                lead(words.word) over (order by words.position) = ' '
                                and lead(
                                    exact.name_word is not null
                                    and not exact.is_common_word, 2
                                ) over (order by words.position),
                                false
                            )
                        )
                    ) as is_name
                from (
                    select
                        tokens.word,
                        tokens.position,
                        regexp_extract(tokens.word, '''[sS]$') as possessive,
                        lower(left(
                            tokens.word,
                            length(tokens.word)
                            - length(regexp_extract(tokens.word, '''[sS]$'))
                        )) as stem
                    from unnest(regexp_extract_all(
                        {{ text }},
                        '\[(?:EMAIL|PHONE|DATE)\]|\pL+(?:''\pL+)*|[^\pL\[]+|\['
                    )) with ordinality as tokens (word, position)
                ) as words
                left join {{ ref('int_privacy__known_names') }} as exact
                    on words.stem = exact.name_word
                left join {{ ref('int_privacy__known_names') }} as plural_s
                    on words.stem = plural_s.name_word || 's'
                left join {{ ref('int_privacy__known_names') }} as plural_es
                    on words.stem = plural_es.name_word || 'es'
            ) as tagged
        ), '')
    end
{%- endmacro %}
