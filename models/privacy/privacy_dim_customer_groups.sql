{{ privacy_groups('dim_customers') }}
