"""``make bench``: every benchmark against its baseline in one run, and a summary."""
