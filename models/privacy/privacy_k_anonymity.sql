{{ privacy_k_anonymity_report(
    ['dim_customers', 'dim_employees'],
    referrers=['fct_sales']
) }}
