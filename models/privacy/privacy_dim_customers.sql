{{ privacy_model('dim_customers') }}
