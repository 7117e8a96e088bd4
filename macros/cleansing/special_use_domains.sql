{% macro special_use_domains() -%}
    {#- Top-level names reserved for special use, which no deliverable address
        has (RFC 6761: test, localhost, invalid; RFC 6762: local; RFC 7686:
        onion; RFC 3172: arpa), as email-validator lists them (a test checks
        they agree). -#}
    {{ return(['arpa', 'invalid', 'local', 'localhost', 'onion', 'test']) }}
{%- endmacro %}
