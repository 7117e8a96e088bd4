{% macro spelling_key(expr) -%}
    {#- What canonicalize compares: lower case, accents dropped, letters and
        digits only ('U.S.A.' -> 'usa', 'España' -> 'espana', 'X-Large' ->
        'xlarge'); gen/reference.py's spelling_key is the same in Python. -#}
    {{ replace_all("lower(" ~ strip_accents(expr) ~ ")", '[^\\p{L}\\p{N}]+', '') }}
{%- endmacro %}
