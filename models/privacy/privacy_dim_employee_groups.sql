{{ privacy_groups('dim_employees') }}
