{#- No value of a raw-layer PII column (names, e-mails and their local parts,
    phones, street addresses, dates of birth) appears in any column of any table
    of the privacy database. privacy_leaks reads the database's catalogue, so a
    new table is checked without being listed here; the refs below only make
    dbt build the privacy layer before the check.
    Words of the business's own vocabulary are not personal even when someone
    bears them as a name: common English words ("will", "may", "in"), colours,
    materials and the other reference spellings,
    month and day names, departments, job titles and regions, store names,
    cities and street addresses (a store's address is on every receipt: at a
    million customers, some of them live at an address a store also has), and
    trade names (brands, companies), which are printed on every label. -#}
{{ privacy_layer_refs() }}
{{ privacy_leaks(public_words=[
    [ref('common_words'), 'word'],
    [ref('canonical_values'), 'spelling'],
    [ref('canonical_values'), 'canonical'],
    [ref('dim_dates'), 'month_name'],
    [ref('dim_dates'), 'day_name'],
    [ref('dim_employees'), 'department'],
    [ref('dim_employees'), 'job_title'],
    [ref('dim_stores'), 'region'],
    [ref('dim_stores'), 'store_name'],
    [ref('dim_stores'), 'city'],
    [ref('dim_stores'), 'street_address'],
    [ref('dim_sellers'), 'brand_name'],
    [ref('dim_sellers'), 'company_name'],
    [ref('dim_products'), 'brand']
]) }}
