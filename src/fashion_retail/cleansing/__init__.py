"""Reference data the cleansing macros need, rendered at development time from
well-kept libraries into generated macros (each with a ``--check`` mode the
tests run): month names (CLDR, through Babel)."""
