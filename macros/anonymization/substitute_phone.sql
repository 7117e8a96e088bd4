{% macro substitute_phone(expr) -%}
    {#- A keyed, format-valid substitute for an E.164 number ('+' and 7 to 15
        digits, the first not 0): the same country calling code
        (country_calling_codes seed, which is prefix-free) and as many
        digits, every other digit drawn from the keyed HMAC-SHA256 (hash_pii)
        of 'phone|<digits>'. A North American number (+1 and ten digits) gets
        a valid area code and exchange (first digit 2-9, never N11). The
        substitute has no arithmetic relation to the number: without the PII
        key, knowing somebody's real number does not find their substitute,
        and a substitute says nothing about the real number. The same number
        gets the same substitute everywhere. Anything else: null. -#}
    {%- set text = "trim(cast(" ~ expr ~ " as " ~ dbt.type_string() ~ "))" -%}
    {%- set digits = "substr(" ~ text ~ ", 2)" -%}
    {%- set codes = ref('country_calling_codes') -%}
    {%- set calling_code -%}
        case
            {%- for width in [1, 2, 3] %}
            when left({{ digits }}, {{ width }}) in (
                select calling_codes.calling_code from {{ codes }} as calling_codes
            ) then left({{ digits }}, {{ width }})
            {%- endfor %}
        end
    {%- endset -%}
    {%- set national_length = "(length(" ~ digits ~ ") - length(" ~ calling_code ~ "))" -%}
    {%- set keyed = hash_pii("concat('phone|', " ~ digits ~ ")") -%}
    {#- 35 keyed digits from the digest's hex slices: ten for a North
        American number (area code [2-9][0-8][0-9] and exchange
        [2-9][0-9][0-9], neither an N11 code, then four digits), then a digit
        1-9 and 24 digits for the national number elsewhere (no trunk zero) -#}
    {%- set drawn -%}
        {{ with_value(keyed, 'phone_digest', "concat("
            ~ _phone_text('2 + ' ~ _phone_draw('phone_digest', 1, 4, 8)) ~ ", "
            ~ _phone_text(_phone_draw('phone_digest', 5, 4, 9)) ~ ", "
            ~ _phone_text(_phone_code_end(_phone_draw('phone_digest', 5, 4, 9),
                _phone_draw('phone_digest', 9, 4, 10))) ~ ", "
            ~ _phone_text('2 + ' ~ _phone_draw('phone_digest', 13, 4, 8)) ~ ", "
            ~ _phone_text(_phone_draw('phone_digest', 17, 4, 10)) ~ ", "
            ~ _phone_text(_phone_code_end(_phone_draw('phone_digest', 17, 4, 10),
                _phone_draw('phone_digest', 21, 4, 10))) ~ ", "
            ~ "lpad(" ~ _phone_text(_phone_draw('phone_digest', 25, 12, 10000)) ~ ", 4, '0'), "
            ~ _phone_text('1 + ' ~ _phone_draw('phone_digest', 37, 4, 9)) ~ ", "
            ~ "lpad(" ~ _phone_text(_phone_draw('phone_digest', 41, 12, 1000000000000))
            ~ ", 12, '0'), "
            ~ "lpad(" ~ _phone_text(_phone_draw('phone_digest', 53, 12, 1000000000000))
            ~ ", 12, '0'))") }}
    {%- endset -%}
    case
        when not {{ full_match(text, '\\+[1-9][0-9]{6,14}') }} then null
        when {{ calling_code }} = '1' then
            case when {{ national_length }} = 10 then concat('+1', substr({{ drawn }}, 1, 10)) end
        when {{ national_length }} >= 4 then
            concat('+', {{ calling_code }}, substr({{ drawn }}, 11, {{ national_length }}))
    end
{%- endmacro %}


{% macro _phone_draw(keyed, start, length, modulo) -%}
    {#- hex characters start..start+length-1 of the keyed digest as a number,
        modulo `modulo` (16 bits modulo 10 or less: a bias under 0.02%) -#}
    ({{ hex_to_bigint("substr(" ~ keyed ~ ", " ~ start ~ ", " ~ length ~ ")") }} % {{ modulo }})
{%- endmacro %}


{% macro _phone_text(number_expr) -%}
    cast({{ number_expr }} as {{ dbt.type_string() }})
{%- endmacro %}


{% macro _phone_code_end(middle, last) -%}
    {#- the last digit of an area code or exchange: an N11 code becomes N10 -#}
    case when {{ middle }} = 1 and {{ last }} = 1 then 0 else {{ last }} end
{%- endmacro %}
