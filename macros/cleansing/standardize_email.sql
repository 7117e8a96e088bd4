{% macro standardize_email(expr) -%}
    {#- The address (text_of: any type) without surrounding whitespace,
        Unicode spaces, zero-width characters and byte-order marks, composed
        to NFC and lower-cased; null unless it follows the syntax rules
        is_email checks. -#}
    {%- set email = "lower(" ~ nfc(trim_spaces(text_of(expr))) ~ ")" -%}
    case
        when {{ is_email(email) }} then {{ email }}
    end
{%- endmacro %}

{% macro is_email(email) -%}
    {#- True when `email` (already lower-cased and trimmed) follows the syntax
        rules python-email-validator applies to an address it would accept
        (without a deliverability check):
        - a local part of 1 to 64 characters: runs of letters (any script),
          digits and !#$%&'*+/=?^_`{|}~- joined by single dots (no leading,
          trailing or double dot; no quoted local parts);
        - a domain of two or more labels, each 1 to 63 letters (any script),
          digits and inner hyphens, no '--' in third and fourth place except
          in an 'xn--' label (punycode); a last label that is not all
          digits and not one of the special-use names of RFC 6761 and 7686
          (special_use_domains(): 'test', 'localhost', 'onion', ...);
        - at most 254 characters in all.
        A domain in Unicode ('münchen.de') and in punycode
        ('xn--mnchen-3ya.de') are both accepted, each as written. The
        lengths are checked apart from the main pattern: counted repetitions
        make the regular expression several times slower. -#}
    {%- set atom = "[a-z0-9!#$%&'*+/=?^_`{|}~\\p{L}\\p{M}\\p{N}-]+" -%}
    {%- set alnum = "[\\p{L}\\p{M}\\p{N}]" -%}
    {%- set label = alnum ~ "([\\p{L}\\p{M}\\p{N}-]*" ~ alnum ~ ")?" -%}
    (
        {{ full_match(email, atom ~ "(\\." ~ atom ~ ")*@(" ~ label ~ "\\.)+" ~ label) }}
        and instr({{ email }}, '@') <= 65
        and length({{ email }}) <= 254
        and not {{ regex_contains(email, "@(.*\\.)?([^x.][^.]|x[^n.])--|[^.@]{64}(\\.|$)|\\.([0-9]+|"
            ~ special_use_domains() | join('|') ~ ")$") }}
    )
{%- endmacro %}
