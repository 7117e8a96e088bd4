{#- Every word of a first or last name that scrub_text takes out of free text:
    the names of the customers, employees and seller contacts (from staging, so
    quarantined and merged rows count too) and the person_names gazetteer, lower
    case, each flagged when it is also a common English word (common_words),
    which scrub_text takes out only where it reads as a name. RESTRICTED: it lists
    real names, so it stays in the warehouse and never enters the privacy
    database. -#}
with

stg_raw__customers as (
    select * from {{ ref('stg_raw__customers') }}
),

stg_raw__employees as (
    select * from {{ ref('stg_raw__employees') }}
),

stg_raw__sellers as (
    select * from {{ ref('stg_raw__sellers') }}
),

person_names as (
    select * from {{ ref('person_names') }}
),

common_words as (
    select * from {{ ref('common_words') }}
),

names as (
    select first_name as name_word from stg_raw__customers
    union all
    select last_name from stg_raw__customers
    union all
    select first_name from stg_raw__employees
    union all
    select last_name from stg_raw__employees
    union all
    select contact_first_name from stg_raw__sellers
    union all
    select contact_last_name from stg_raw__sellers
    union all
    select name_word from person_names
),

words as (
    {#- a name of several words ("Mary Ann", "De la Cruz") is matched word by
        word; a word is letters with apostrophes inside it ("o'brien"), as
        scrub_text reads a text's words -#}
    select
        {{ explode_array(
            "regexp_extract_all(lower(name_word), " ~ regex_literal("\\pL+(?:'\\pL+)*")
            ~ ", 0)"
        ) }} as name_word
    from names
    where name_word is not null
),

final as (
    select distinct
        words.name_word,
        words.name_word in (select common_words.word from common_words)
            as is_common_word
    from words
    where length(words.name_word) >= 2
)

select * from final
